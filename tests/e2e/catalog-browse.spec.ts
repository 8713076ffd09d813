import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { t } from "./messages";
import { hydrated } from "./hydration";

/**
 * The buyer's side of the catalog, against the demo catalog (six Zhuhai manufacturers, every product written in
 * Chinese and translated into Portuguese, Spanish and English, published): browse and search in Portuguese with
 * prices in reais, narrow with filters, read a product page with its tiers converted at a dated rate, page
 * through the list, and read the catalog in Chinese.
 */

const SCREENSHOTS = "test-results/screens";
const pt = (key: string) => t("pt", key);
const zh = (key: string) => t("zh", key);
/** The demo's kitchen faucet (prisma/seed-demo-catalog.ts): US$ 38.00 from 100 pieces, FOB Zhuhai. */
const FAUCET_PT = "Torneira Gourmet para Cozinha com Ducha Extensível";
const FAUCET_ZH = "抽拉式厨房冷热水龙头 两种出水";

const cards = (page: Page) => page.getByTestId("product-card");
// A card's parts carry no test ids (24 cards a page): its one link is the name's, the rest its part classes (.pcard-*).
const cardNames = (page: Page) => cards(page).getByRole("link");
const card = (page: Page, name: string) => cards(page).filter({ has: page.getByRole("link", { name, exact: true }) });
const cardPrices = (page: Page) => cards(page).locator(".pcard-price");

/** "R$ 1.234,56" → 1234.56 */
function reais(text: string): number {
  const digits = text.replace(/[^\d,]/g, "").replace(",", ".");
  return Number(digits);
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("result-count").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** Every lazy image of the page loaded, so that full-page screenshots show them. */
async function loadImages(page: Page) {
  await page.evaluate(async () => {
    for (const img of Array.from(document.images)) img.loading = "eager";
    await Promise.all(Array.from(document.images).map((img) => (img.complete ? null : new Promise((resolve) => img.addEventListener("load", resolve, { once: true })))));
  });
}

async function expectPriceInReais(locator: Locator) {
  await expect(locator).toHaveText(/^R\$\s?\d{1,3}(\.\d{3})*,\d{2}$/);
}

test("a buyer browsing in Portuguese finds a faucet by a Portuguese word and sees its price in reais, tier by tier", async ({ page }) => {
  await test.step("the catalog is one click away from the home page", async () => {
    await page.goto("/pt");
    await page.getByTestId("nav-products").click();
    await expect(page).toHaveURL(/\/pt\/products$/);
    await expect(page.getByTestId("browse-heading")).toHaveText(pt("browse.title"));
    expect(await resultCount(page)).toBeGreaterThanOrEqual(30);
    await expect(page.getByTestId("currency-switcher").getByRole("combobox")).toHaveValue("BRL");
    await loadImages(page);
    await page.screenshot({ path: `${SCREENSHOTS}/browse-pt.png`, fullPage: true });
  });

  await test.step("searching “torneira” (the search URL) finds the faucet, priced in reais", async () => {
    await page.goto("/pt/products?q=torneira");
    await expect(page.getByTestId("browse-heading")).toHaveText(pt("browse.titleSearch").replace("{{q}}", "torneira"));
    const faucet = card(page, FAUCET_PT);
    await expect(faucet).toBeVisible();
    await expectPriceInReais(faucet.locator(".pcard-price"));
    await expect(faucet.locator(".pcard-original")).toContainText("US$");
    await expect(faucet.locator(".pcard-moq")).toHaveText(`${pt("browse.card.moq").replace("{{quantity}}", "100 peças")}`);
    // Sorted by relevance when searching; every result is about faucets.
    await expect(page.getByTestId("sort")).toHaveValue("relevance");
    await expect(cardNames(page).first()).toContainText("Torneira");
    await loadImages(page);
    await page.screenshot({ path: `${SCREENSHOTS}/browse-pt-search.png`, fullPage: true });
    await faucet.getByRole("link").click();
  });

  await test.step("the product page converts each tier into reais, with the original price and the rate's date", async () => {
    await expect(page.getByTestId("product-name")).toHaveText(FAUCET_PT);
    await expect(page).toHaveTitle(`${FAUCET_PT} · Ponte`);
    const rows = page.getByTestId("tier-row");
    await expect(rows).toHaveCount(3);
    for (const price of await page.getByTestId("tier-price").all()) await expectPriceInReais(price);
    await expect(page.getByTestId("tier-original").first()).toHaveText(`US$ 38,00 ${pt("browse.incoterm.FOB")}`);
    const note = page.getByTestId("rate-note");
    await expect(note).toContainText(/Convertido pelo câmbio de \d{1,2} de [a-zç]+\.? de \d{4}: 1 USD = \d+,\d{2,4} BRL/);
    // The tiers get cheaper per unit.
    const prices = (await page.getByTestId("tier-price").allTextContents()).map(reais);
    expect(prices[0]).toBeGreaterThan(prices[1]!);
    expect(prices[1]).toBeGreaterThan(prices[2]!);
    await expect(page.getByTestId("fact-moq")).toHaveText("100 peças");
    await expect(page.getByTestId("trade-data")).toContainText("848180");
    await expect(page.getByTestId("maker-profile")).toContainText("Aquaria");
  });

  await test.step("the quantity calculator prices the tier a quantity reaches, in reais and in dollars", async () => {
    const quantity = page.getByTestId("quantity-input");
    await expect(quantity).toHaveValue("100");
    await expect(page.getByTestId("calculator-total-original")).toHaveText(`US$ 3.800,00 ${pt("browse.incoterm.FOB")}`);
    await quantity.fill("300");
    await expect(page.getByTestId("calculator-total-original")).toHaveText(`US$ 10.350,00 ${pt("browse.incoterm.FOB")}`);
    await expectPriceInReais(page.getByTestId("calculator-total"));
    await expect(page.getByTestId("tier-row").nth(1)).toHaveAttribute("aria-current", "true");
    await quantity.fill("50");
    await expect(page.getByTestId("calculator-below-moq")).toBeVisible();
    await quantity.fill("100");
    await loadImages(page);
    await page.screenshot({ path: `${SCREENSHOTS}/product-pt.png`, fullPage: true });
  });

  await test.step("search engines get a canonical URL, Open Graph tags and a schema.org Product in dollars", async () => {
    const url = new URL(page.url());
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${url.origin}${url.pathname}`);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", FAUCET_PT);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/media\/products\/.+\/w1200\.webp$/);
    await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", `${url.origin}${url.pathname.replace("/pt/", "/zh/")}`);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd).toMatchObject({ "@type": "Product", name: FAUCET_PT, offers: { priceCurrency: "USD", price: "38.00" } });
    const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
    const image = await page.request.get(ogImage!);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/webp");
  });
});

test("filters narrow the list, show as chips and combine; the certification filter follows the buyer's company", async ({ page }) => {
  await page.goto("/pt/products");
  await hydrated(page);
  const total = await resultCount(page);

  await test.step("a category (with its sub-categories) narrows the list", async () => {
    await page.getByLabel(pt("browse.filters.category")).selectOption("bathroom-fittings");
    await expect(page).toHaveURL(/category=bathroom-fittings/);
    const chip = page.getByTestId("filter-chip").filter({ hasText: "Metais e acessórios para banheiro" });
    await expect(chip).toBeVisible();
    const inCategory = await resultCount(page);
    expect(inCategory).toBeGreaterThan(0);
    expect(inCategory).toBeLessThan(total);
    await expect(card(page, FAUCET_PT)).toBeVisible();
  });

  await test.step("a price ceiling in reais applies on top, and the cards agree with it", async () => {
    const before = await resultCount(page);
    await page.getByLabel(pt("browse.filters.priceMax").replace("{{currency}}", "BRL")).fill("150");
    await page.getByRole("button", { name: pt("browse.filters.apply") }).click();
    await expect(page).toHaveURL(/priceMax=150/);
    await expect(page.getByTestId("filter-chip").filter({ hasText: "R$ 150,00" })).toBeVisible();
    const after = await resultCount(page);
    expect(after).toBeLessThan(before);
    for (const price of await cardPrices(page).allTextContents()) expect(reais(price)).toBeLessThanOrEqual(150);
    await expect(card(page, FAUCET_PT)).toHaveCount(0);
  });

  await test.step("sorting by price keeps the filters and orders the cards", async () => {
    await page.getByTestId("sort").selectOption("price_asc");
    await expect(page).toHaveURL(/sort=price_asc/);
    await expect(page).toHaveURL(/priceMax=150/);
    // Sorted by the reference price in dollars: the prices in reais rise too (give or take the rounding of a rate).
    await expect
      .poll(async () => {
        const prices = (await cardPrices(page).allTextContents()).map(reais);
        return prices.length > 1 && prices.every((p, i) => i === 0 || p >= prices[i - 1]! * 0.99);
      })
      .toBe(true);
  });

  await test.step("removing a chip removes that filter only", async () => {
    await page.getByTestId("filter-chip").filter({ hasText: "R$ 150,00" }).click();
    await expect(page).not.toHaveURL(/priceMax/);
    await expect(page).toHaveURL(/category=bathroom-fittings/);
    await expect(card(page, FAUCET_PT)).toBeVisible();
  });

  await test.step("a filter that matches nothing says so and offers a way out", async () => {
    await page.goto("/pt/products?category=bathroom-fittings&moqMax=1&leadMax=1");
    await expect(page.getByTestId("empty-state")).toContainText(pt("browse.empty.title"));
    await page.getByTestId("empty-clear").click();
    await expect(page).toHaveURL(/\/pt\/products$/);
    await expect(page.getByTestId("empty-state")).toHaveCount(0);
    await expect.poll(() => resultCount(page)).toBe(total);
  });

  await test.step("a buyer of Casa Paulista (São Paulo) sees only products certified for Brazil", async () => {
    await page.goto("/pt/login?redirectTo=/pt/products");
    await page.getByLabel(pt("fields.email")).fill("buyer.br@demo.ponte.test");
    await page.getByLabel(pt("fields.password"), { exact: true }).fill("ponte-demo-2026");
    await page.getByRole("button", { name: pt("auth.login.submit") }).click();
    await expect(page).toHaveURL(/\/pt\/products$/);
    await expect(page.getByTestId("buyer-country")).toContainText("Casa Paulista");
    const all = await resultCount(page);
    await page.getByLabel(pt("browse.filters.certifiedFor").replace("{{country}}", "Brasil")).check();
    await expect(page).toHaveURL(/cert=BR/);
    await expect(page.getByTestId("filter-chip").filter({ hasText: "Brasil" })).toBeVisible();
    const certified = await resultCount(page);
    expect(certified).toBeGreaterThan(0);
    expect(certified).toBeLessThan(all);
    await cardNames(page).first().click();
    await expect(page.getByTestId("certified-here")).toContainText("Brasil");
    await expect(page.locator('[data-testid="certification"][data-valid-here="true"]').first()).toBeVisible();
  });
});

test("pages follow one another by cursor, forwards and back, and the currency can be changed", async ({ page }) => {
  await page.goto("/pt/products");
  const first = await page.getByTestId("product-card").evaluateAll((els) => els.map((e) => e.querySelector("a")?.getAttribute("href")));
  expect(first).toHaveLength(24);
  await page.getByTestId("page-next").click();
  await expect(page.getByTestId("page-number")).toHaveText(pt("browse.pagination.page").replace("{{page}}", "2"));
  await expect(page).toHaveURL(/after=/);
  const second = await page.getByTestId("product-card").evaluateAll((els) => els.map((e) => e.querySelector("a")?.getAttribute("href")));
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((slug) => first.includes(slug))).toEqual([]);
  await page.getByTestId("page-prev").click();
  await expect(page.getByTestId("page-number")).toHaveText(pt("browse.pagination.page").replace("{{page}}", "1"));
  expect(await page.getByTestId("product-card").evaluateAll((els) => els.map((e) => e.querySelector("a")?.getAttribute("href")))).toEqual(first);

  await hydrated(page);
  await page.getByTestId("currency-switcher").getByRole("combobox").selectOption("EUR");
  await expect(cardPrices(page).first()).toHaveText(/€/);
  await page.goto("/pt/products/does-not-exist");
  await expect(page.getByTestId("error-404")).toContainText(pt("errors.notFound.title"));
  await page.goto("/pt/products");
  await expect(cardPrices(page).first()).toHaveText(/€/);
});

test("the gallery shows every picture and works with the keyboard", async ({ page }) => {
  await page.goto("/pt/products?q=cafeteira");
  await card(page, "Cafeteira Elétrica 1,5 L com Jarra de Vidro").getByRole("link").click();
  const thumbs = page.getByTestId("gallery-thumb");
  await expect(thumbs).toHaveCount(2);
  const main = page.getByTestId("gallery-main");
  const firstSrc = await main.getAttribute("src");
  await thumbs.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(thumbs.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(thumbs.nth(1)).toBeFocused();
  await expect(main).not.toHaveAttribute("src", firstSrc!);
  await page.keyboard.press("Home");
  await expect(thumbs.first()).toHaveAttribute("aria-current", "true");
  await expect(main).toHaveAttribute("src", firstSrc!);
});

test("in Chinese the catalog shows Chinese names and prices in yuan", async ({ page }) => {
  await page.goto("/zh/products");
  await expect(page.getByTestId("browse-heading")).toHaveText(zh("browse.title"));
  const names = await cardNames(page).allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/[\u4e00-\u9fff]/);
  await expect(card(page, FAUCET_ZH)).toBeVisible();
  await expect(card(page, FAUCET_ZH).locator(".pcard-price")).toHaveText(/^¥\d/);
  await expect(page.getByTestId("translation-note")).toHaveCount(0);
  await loadImages(page);
  await page.screenshot({ path: `${SCREENSHOTS}/browse-zh.png`, fullPage: true });

  await card(page, FAUCET_ZH).getByRole("link").click();
  await expect(page.getByTestId("product-name")).toHaveText(FAUCET_ZH);
  await expect(page.getByTestId("rate-note")).toContainText(/1 USD = \d+\.\d{2,4} CNY/);
  await expect(page.getByTestId("tier-original").first()).toContainText("US$38.00");
  await expect(page.getByRole("heading", { name: zh("browse.product.specifications") })).toBeVisible();
  await loadImages(page);
  await page.screenshot({ path: `${SCREENSHOTS}/product-zh.png`, fullPage: true });

  // Narrow screens: the filters fold behind a toggle.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/zh/products?q=" + encodeURIComponent("水龙头"));
  await expect(card(page, FAUCET_ZH)).toBeVisible();
  await expect(page.getByTestId("filters")).toBeHidden();
  await page.getByTestId("filters-toggle").click();
  await expect(page.getByTestId("filters")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/browse-zh-mobile.png` });
});

test("crawlers get robots.txt and a sitemap index of every published product in every language", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  const origin = new URL(robots.url()).origin;
  expect(await robots.text()).toContain(`Sitemap: ${origin}/sitemap.xml`);
  const index = await (await request.get("/sitemap.xml")).text();
  const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(files).toContain(`${origin}/sitemaps/pages.xml`);
  const products = await (await request.get(new URL(files.find((f) => f.includes("products-1"))!).pathname)).text();
  const urls = [...products.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(urls.length % 4).toBe(0);
  expect(urls.length / 4).toBeGreaterThanOrEqual(30);
  const faucet = urls.find((u) => u.startsWith(`${origin}/pt/products/`) && u.includes("faucet"));
  expect(faucet).toBeTruthy();
  for (const lang of ["es", "zh", "en"]) expect(urls).toContain(faucet!.replace("/pt/", `/${lang}/`));
  expect((await request.get(new URL(faucet!).pathname)).status()).toBe(200);
});
