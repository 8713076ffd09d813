import type { Page } from "@playwright/test";
import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { t, type TextLang } from "./messages";

/**
 * Stock near the buyer, end to end: the manufacturer (in Chinese) sends an advance shipping notice of air
 * conditioners to Lisbon; the Lisbon warehouse's staff (in Portuguese) receive it with one carton short; then a
 * buyer in Lisbon reads "Em estoque em Lisboa" on the product page while a buyer in Mexico City reads "Se envía
 * desde Zhuhai" in Spanish. The demo air conditioner (MOQ 50, no demo stock anywhere) is the product.
 */

const SCREENSHOTS = "test-results/screens";
const SKU = "GL-AC12-220";
const PRODUCT_PT = "Ar-Condicionado Split Inverter Quente e Frio";
const CARTONS = 6;
const UNITS = 60;
const PER_CARTON = UNITS / CARTONS;

/** "Em estoque em {{city}} — entrega em …": the part of a message before its first placeholder. */
function prefix(lang: TextLang, key: string, city?: string): string {
  const text = t(lang, key);
  const filled = city ? text.replace("{{city}}", city) : text;
  return filled.slice(0, filled.indexOf("{{"));
}

function isoDateInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function logOut(page: Page) {
  await page.context().clearCookies();
}

test.describe.configure({ mode: "serial" });

test("an ASN to Lisbon, received one carton short, puts the product in stock for Lisbon but not for Mexico", async ({ page }) => {
  test.setTimeout(180_000);

  // ── A buyer in Lisbon finds the product, still made to order in Zhuhai. ────────────────────────────────────
  await logInToOrganization(page, "buyer.pt@demo.ponte.test");
  await page.goto(`/pt/products?q=${encodeURIComponent("ar-condicionado inverter")}`);
  await page.getByTestId("product-card").getByRole("link", { name: PRODUCT_PT, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: PRODUCT_PT })).toBeVisible();
  const productPath = new URL(page.url()).pathname.replace(/^\/pt/, "");
  const before = page.locator(`[data-testid="variant-availability"][data-sku="${SKU}"]`);
  await expect(before).toContainText(prefix("pt", "browse.availability.fromOrigin"));
  // The Lisbon buyer reads European Portuguese ("Em stock em Lisboa").
  await expect(before).not.toContainText(prefix("pt-PT", "browse.availability.inStock", "Lisboa"));
  await logOut(page);

  // ── The manufacturer, in Chinese, notifies the shipment and marks it shipped. ───────────────────────────────
  const makerOrg = await logInToOrganization(page);
  await page.goto(`/zh/orgs/${makerOrg}/inventory/inbound/new`);
  await expect(page.getByRole("heading", { name: t("zh", "inventory.inbound.new.title") })).toBeVisible();
  const warehouse = page.getByLabel(t("zh", "inventory.inbound.form.warehouse"));
  const lisbon = await warehouse.locator("option", { hasText: "(LIS)" }).getAttribute("value");
  await warehouse.selectOption(lisbon!);
  await page.getByLabel(t("zh", "inventory.inbound.form.expectedOn")).fill(isoDateInDays(30));
  const line = page.getByTestId("inbound-line").first();
  await line.getByLabel(t("zh", "inventory.inbound.form.sku")).fill(SKU);
  await line.getByLabel(t("zh", "inventory.inbound.form.quantity")).fill(String(UNITS));
  await line.getByLabel(t("zh", "inventory.inbound.form.lineCartons")).fill(String(CARTONS));
  await page.getByLabel(t("zh", "inventory.inbound.form.notes")).fill("海运拼箱 · 订舱号 ZH-E2E-001");
  await page.getByRole("button", { name: t("zh", "inventory.inbound.new.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`/zh/orgs/${makerOrg}/inventory/inbound/[0-9a-f-]{36}(\\?created=1)?$`));
  const reference = (await page.getByTestId("inbound-reference").textContent())!.trim();
  expect(reference).toMatch(/^ASN-\d{4}-\d{6}$/);
  await page.getByRole("button", { name: t("zh", "inventory.inbound.detail.ship") }).click();
  await expect(page.getByText(t("zh", "inventory.inbound.detail.done.ship"))).toBeVisible();
  await expect(page.locator("header").getByText(t("zh", "inventory.status.IN_TRANSIT"), { exact: true })).toBeVisible();
  await logOut(page);

  // ── Lisbon's warehouse staff, in Portuguese, receive it: one carton missing. ───────────────────────────────
  const platformOrg = await logInToOrganization(page, "staff.lis@demo.ponte.test");
  await page.goto(`/pt/orgs/${platformOrg}/warehouses`);
  await page.getByRole("link", { name: /Lisboa/ }).first().click();
  await page.getByRole("link", { name: t("pt", "warehouse.inbound.receiveNamed").replace("{{reference}}", reference) }).click();
  await expect(page.getByRole("heading", { name: t("pt", "warehouse.receive.title") })).toBeVisible();
  const receiveLine = page.getByTestId("receive-line").filter({ hasText: SKU });
  await receiveLine.getByTestId("receive-good").fill(String(UNITS - PER_CARTON));
  const discrepancy = page.getByTestId("discrepancy-row").first();
  await discrepancy.getByLabel(t("pt", "warehouse.stock.sku")).selectOption({ label: SKU });
  await discrepancy.getByLabel(t("pt", "warehouse.receive.kind")).selectOption("SHORT");
  await discrepancy.getByLabel(t("pt", "warehouse.receive.units")).fill(String(PER_CARTON));
  await discrepancy.getByLabel(t("pt", "warehouse.receive.cartons")).fill("1");
  await discrepancy.getByLabel(t("pt", "warehouse.receive.note")).fill("Caixa 6 de 6 em falta; selo do contentor intacto.");
  await page.getByTestId("receive-close").click();
  await expect(page.getByText(t("pt", "warehouse.receive.done.RECEIVED"))).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/inventory-received-pt.png`, fullPage: true });
  await logOut(page);

  // ── The manufacturer sees it received, with the missing carton. ─────────────────────────────────────────────
  await logInToOrganization(page);
  await page.goto(`/zh/orgs/${makerOrg}/inventory/inbound`);
  const row = page.getByTestId("inbound-row").filter({ hasText: reference });
  await expect(row).toContainText(t("zh", "inventory.status.RECEIVED"));
  await row.getByRole("link", { name: reference }).click();
  await expect(page.getByText(t("zh", "inventory.discrepancyKinds.SHORT")).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/inventory-asn-zh.png`, fullPage: true });
  await logOut(page);

  // ── A buyer in Lisbon now reads "in stock in Lisbon", in Portuguese. ───────────────────────────────────────
  await logInToOrganization(page, "buyer.pt@demo.ponte.test");
  await page.goto(`/pt${productPath}`);
  const inLisbon = page.locator(`[data-testid="variant-availability"][data-sku="${SKU}"]`);
  await expect(inLisbon).toContainText(prefix("pt-PT", "browse.availability.inStock", "Lisboa"));
  await page.screenshot({ path: `${SCREENSHOTS}/inventory-buyer-lisbon-pt.png`, fullPage: true });
  await logOut(page);

  // ── A buyer in Mexico City still reads "ships from Zhuhai", in Spanish. ─────────────────────────────────────
  await logInToOrganization(page, "buyer.mx@demo.ponte.test");
  await page.goto(`/es${productPath}`);
  const inMexico = page.locator(`[data-testid="variant-availability"][data-sku="${SKU}"]`);
  await expect(inMexico).toContainText(prefix("es", "browse.availability.fromOrigin"));
  await expect(inMexico).not.toContainText("Lisboa");
  await page.screenshot({ path: `${SCREENSHOTS}/inventory-buyer-mexico-es.png`, fullPage: true });
});
