import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";
import { hydrated } from "./hydration";

/**
 * Issue 13, items 7–8 in Chromium: the Bogotá buyer reads pesos as Colombia writes them ("$ 58.833", not
 * "COP 58,833"), the Lisbon buyer euros after the amount ("8,48 €") and European Portuguese ("A comprar para"), on
 * the product page and in the cart, at 390 and 1280 px, and hydration keeps exactly what the server wrote.
 */
const SLUG = "1-5-l-blender-with-6-blade-stainless-steel-knife";
const SHOTS = process.env.LOCAL_SHOTS_DIR ?? "test-results/local-conventions";

/** Collects React's hydration complaints (minified in the production build: #418, #423, #425). */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Hydration|did not match|Minified React error #(418|423|425)/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Hydration|Minified React error #(418|423|425)/.test(error.message)) errors.push(error.message);
  });
  return errors;
}

async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function addToCart(page: Page, lang: string) {
  await page.goto(`/${lang}/products/${SLUG}`);
  await hydrated(page);
  await page.getByTestId("add-to-cart").locator('button[type="submit"]').click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/cart\\?done=added$`));
}

test("a buyer in Bogotá sees pesos as Colombia writes them", async ({ page }) => {
  const errors = hydrationErrors(page);
  await logInToOrganization(page, "owner.andina@demo.ponte.test");
  await page.goto(`/es/products/${SLUG}`);
  await hydrated(page);
  const main = page.locator("main");
  await expect(main).toContainText(/\$\s\d{1,3}(\.\d{3})+/);
  expect(await main.innerText()).not.toMatch(/COP[ \u00a0\u202f]\d/);
  await expect(page.getByTestId("buyer-country")).toContainText("Colombia");
  await shoot(page, "bogota-product");

  await addToCart(page, "es");
  await hydrated(page);
  await expect(main).toContainText(/\$\s\d{1,3}(\.\d{3})+/);
  expect(await main.innerText()).not.toMatch(/COP[ \u00a0\u202f]\d/);
  await shoot(page, "bogota-cart");
  expect(errors).toEqual([]);
});

test("a buyer in Lisbon sees euros after the amount and European Portuguese", async ({ page }) => {
  const errors = hydrationErrors(page);
  await logInToOrganization(page, "buyer.pt@demo.ponte.test");
  await page.goto(`/pt/products/${SLUG}`);
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
  const main = page.locator("main");
  await expect(main).toContainText(/\d,\d{2}\s€/);
  expect(await main.innerText()).not.toMatch(/€[ \u00a0\u202f]\d/);
  await expect(page.getByTestId("buyer-country")).toContainText("A comprar para Portugal");
  await expect(page.getByTestId("language-switcher").locator("summary")).toContainText("Português (Portugal)");
  await shoot(page, "lisbon-product");

  await addToCart(page, "pt");
  await hydrated(page);
  await expect(main).toContainText(/\d,\d{2}\s€/);
  expect(await main.innerText()).not.toMatch(/€[ \u00a0\u202f]\d/);
  await shoot(page, "lisbon-cart");
  // Links keep the URL's language: "pt-PT" is i18next's language, never a path.
  await expect(page.locator('a[href^="/pt-PT"]')).toHaveCount(0);
  await expect(page.locator('a[href^="/pt/"]').first()).toBeVisible();

  // Brazilian Portuguese on request: the URL stays /pt, the words and formats are Brazil's… but the money stays
  // formatted for Portugal, where the buyer is.
  const switcher = page.getByTestId("language-switcher");
  await switcher.locator("summary").click();
  await switcher.getByRole("button", { name: "Português (Brasil)", exact: true }).click();
  await expect(page).toHaveURL(/\/pt\/cart/);
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
  await expect(main).toContainText(/\d,\d{2}\s€/);
  expect(errors).toEqual([]);
});
