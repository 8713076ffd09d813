import { mkdirSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { hydrated } from "./hydration";
import { t } from "./messages";

/**
 * Landed cost for the buyer: Casa Paulista (São Paulo) sees the import duties and taxes of a Zhuhai product in
 * Portuguese on the product page and at checkout (ICMS grossed up at São Paulo's 18%, recoverable taxes marked, the
 * FX rate and date, "estimativa" said plainly); the Mexican buyer sees IGI, DTA and IVA in Spanish.
 * Screens (phone and desktop) go to test-results/screens/landed-*.png.
 */

const BLENDER_SLUG = "1-5-l-blender-with-6-blade-stainless-steel-knife";
const SCREENS = "test-results/screens";

async function screens(page: Page, name: string, section: Locator) {
  mkdirSync(SCREENS, { recursive: true });
  for (const [label, size] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]] as const) {
    await page.setViewportSize(size);
    await section.scrollIntoViewIfNeeded();
    // Nothing may stick out sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} ${label} overflow`).toBeLessThanOrEqual(0);
    expect(await section.evaluate((el) => el.scrollWidth - el.clientWidth), `${name} ${label} section overflow`).toBeLessThanOrEqual(0);
    await section.screenshot({ path: `${SCREENS}/landed-${name}-${label}.png` });
  }
}

test("a buyer in São Paulo sees the landed-cost breakdown in Portuguese on the product page and at checkout", async ({ page }) => {
  await logInToOrganization(page, "buyer.br@demo.ponte.test");

  await test.step("product page: DDP to São Paulo by default, every tax with base, rate and amount", async () => {
    await page.goto(`/pt/products/${BLENDER_SLUG}`);
    const section = page.getByTestId("landed-section");
    await expect(section.getByRole("heading", { name: t("pt", "landed.title") })).toBeVisible();
    const landed = section.getByTestId("landed-cost");
    await expect(landed).toHaveAttribute("data-status", "ok");
    await expect(landed).toContainText("Brasil — São Paulo (SP) · DDP");
    const lines = landed.getByTestId("landed-line");
    await expect(lines).toHaveCount(5);
    await expect(lines.nth(0)).toContainText(t("pt", "landed.kinds.DUTY_BR"));
    const icms = lines.filter({ hasText: t("pt", "landed.kinds.ICMS") });
    await expect(icms).toContainText("18 %");
    await expect(icms).toContainText(t("pt", "landed.recoverable"));
    await expect(icms).toContainText("R$");
    await expect(lines.filter({ hasText: t("pt", "landed.kinds.PIS") })).toContainText("2,1 %");
    await expect(lines.filter({ hasText: t("pt", "landed.kinds.COFINS") })).toContainText("9,65 %");
    await expect(landed.getByTestId("landed-total")).toContainText("R$");
    await expect(landed.getByTestId("landed-basis")).toContainText(/Câmbio 1 USD = 5,\d+ BRL/);
    await expect(landed).toContainText(t("pt", "landed.estimateNote"));
    await expect(landed).toContainText(t("pt", "landed.paidBy.seller"));
    await screens(page, "product-pt", section);
  });

  await test.step("another Incoterm: CIF, the buyer pays on arrival", async () => {
    await hydrated(page);
    const section = page.getByTestId("landed-section");
    await section.getByLabel(t("pt", "landed.incoterm")).selectOption("CIF");
    await section.getByRole("button", { name: t("pt", "landed.recalculate") }).click();
    await expect(page).toHaveURL(/incoterm=CIF/);
    await expect(section.getByTestId("landed-cost")).toContainText("Brasil — São Paulo (SP) · CIF");
    await expect(section.getByTestId("landed-cost")).toContainText(t("pt", "landed.paidBy.buyer"));
  });

  await test.step("checkout: the Zhuhai order's estimate follows the chosen term", async () => {
    await page.goto(`/pt/products/${BLENDER_SLUG}`);
    await hydrated(page);
    const form = page.getByTestId("add-to-cart");
    await form.getByRole("button", { name: t("pt", "cart.add.submit") }).click();
    await expect(page).toHaveURL(/\/pt\/cart\?done=added$/);
    await page.goto("/pt/checkout");
    await hydrated(page);
    const block = page.getByTestId("checkout-landed");
    await expect(block.getByRole("heading", { name: t("pt", "landed.checkout.title") })).toBeVisible();
    const order = block.locator('[data-testid="checkout-landed-order"][data-source="origin"]').first();
    await expect(order.getByTestId("landed-cost")).toContainText("Brasil — São Paulo (SP) · FOB");
    await expect(order.getByTestId("landed-line").filter({ hasText: t("pt", "landed.kinds.ICMS") })).toContainText("18 %");
    await expect(order.getByTestId("landed-cost")).toContainText(t("pt", "landed.paidBy.buyer"));
    // The landed cost is the same whoever pays it; the term says who does.
    const fobTotal = await order.getByTestId("landed-total").innerText();
    // Choosing DDP for that manufacturer switches the estimate without a request.
    const term = page.getByTestId("checkout-form").getByRole("combobox").last();
    await term.selectOption("DDP");
    await expect(order.getByTestId("landed-cost")).toContainText("Brasil — São Paulo (SP) · DDP");
    await expect(order.getByTestId("landed-cost")).toContainText(t("pt", "landed.paidBy.seller"));
    await expect(order.getByTestId("landed-total")).toHaveText(fobTotal);
    await screens(page, "checkout-pt", block);
  });
});

test("a buyer in Mexico sees IGI, DTA and IVA in Spanish", async ({ page }) => {
  await logInToOrganization(page, "buyer.mx@demo.ponte.test");
  await page.goto(`/es/products/${BLENDER_SLUG}`);
  const section = page.getByTestId("landed-section");
  const landed = section.getByTestId("landed-cost");
  await expect(landed).toHaveAttribute("data-status", "ok");
  await expect(landed).toContainText(/México — .+ · DDP/);
  const lines = landed.getByTestId("landed-line");
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toContainText(t("es", "landed.kinds.DUTY_MX"));
  await expect(lines.nth(1)).toContainText(t("es", "landed.kinds.DTA"));
  await expect(lines.nth(1)).toContainText("0.8 %");
  await expect(lines.nth(2)).toContainText(t("es", "landed.kinds.VAT"));
  await expect(lines.nth(2)).toContainText("16 %");
  await expect(lines.nth(2)).toContainText(t("es", "landed.recoverable"));
  await expect(landed).toContainText(t("es", "landed.estimateNote"));
  await screens(page, "product-es", section);
});

test("the platform lists the dated import tax rates and adds one, from its dashboard", async ({ page }) => {
  await logInToOrganization(page, "admin@demo.ponte.test");
  await page.getByRole("link", { name: t("en", "landed.rates.link") }).click();
  await expect(page).toHaveURL(/\/en\/platform\/import-tax-rates$/);
  await expect(page.getByRole("heading", { level: 1, name: t("en", "landed.rates.title") })).toBeVisible();
  const rows = page.getByTestId("import-tax-rate");
  await expect(rows.filter({ hasText: "São Paulo (SP)" })).toContainText("18 %");
  await expect(rows.filter({ hasText: "€3.00" })).toContainText("Jul 1, 2026");
  await hydrated(page);
  const form = page.getByTestId("add-import-tax-rate");
  await form.getByLabel(t("en", "landed.rates.region")).fill("XX");
  await form.getByLabel(t("en", "landed.rates.kind")).selectOption("ICMS");
  await form.getByLabel(t("en", "landed.rates.ratePercent")).fill("20");
  await form.getByRole("button", { name: t("en", "landed.rates.addSubmit") }).click();
  await expect(page.getByText(t("en", "landed.rates.errors.region"))).toBeVisible();
  await form.getByLabel(t("en", "landed.rates.region")).fill("RJ");
  await form.getByLabel(t("en", "landed.rates.validFrom")).fill("2026-01-01");
  await form.getByLabel(t("en", "landed.rates.note")).fill("e2e");
  await form.getByRole("button", { name: t("en", "landed.rates.addSubmit") }).click();
  await expect(page.getByText(t("en", "landed.rates.added"))).toBeVisible();
  await expect(rows.filter({ hasText: "Rio de Janeiro (RJ)" })).toContainText("20 %");
  await screens(page, "platform-rates-en", page.getByTestId("import-tax-rates"));
});
