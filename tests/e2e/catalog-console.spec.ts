import { mkdirSync } from "node:fs";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";
import { t, type Lang } from "./messages";

/**
 * The manufacturer's console in the browser: the maker writes a product in Chinese with a Portuguese translation
 * side by side, three price tiers in USD and an INMETRO certificate; a wrong HS code comes back with a translated
 * message and nothing typed lost; then an image is uploaded, the product published, and found in the list in
 * Portuguese with its completeness per language. Screenshots of the edit form in zh and pt are kept.
 */

const SCREENSHOTS = "test-results/screens";

/** A message with its {{placeholders}} filled, as the app shows it. */
function tr(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  return t(lang, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

const cell = (lang: Lang, column: string, row: number, values: Record<string, string> = {}) => `${tr(lang, column, values)} · ${tr(lang, "console.form.row", { row })}`;


async function productPng(): Promise<Buffer> {
  // A small product shot: a dark rounded body on white, with a window.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#ffffff"/><rect x="170" y="60" width="300" height="360" rx="60" fill="#1f2937"/><circle cx="320" cy="210" r="80" fill="#f59e0b"/><rect x="230" y="340" width="180" height="30" rx="10" fill="#9ca3af"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

test("a manufacturer creates a product in zh and pt with three price tiers and an image, publishes it and finds it in the list", async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const run = Date.now().toString(36).toUpperCase();
  const zhName = `智能空气炸锅 ${run}`;
  const ptName = `Fritadeira elétrica inteligente ${run}`;
  const organizationId = await logInToOrganization(page);

  await test.step("the manufacturer's organization has Products and Brands tabs", async () => {
    const nav = page.getByRole("navigation", { name: t("en", "organizations.nav") });
    await expect(nav.getByRole("link", { name: t("en", "console.tabs.brands") })).toBeVisible();
    await nav.getByRole("link", { name: t("en", "console.tabs.products") }).click();
    await expect(page).toHaveURL(new RegExp(`/en/orgs/${organizationId}/products$`));
    await expect(page.getByRole("heading", { level: 2, name: t("en", "console.list.title") })).toBeVisible();
  });

  const zh: Lang = "zh";
  await test.step("writes the product in Chinese and Portuguese, side by side", async () => {
    await page.goto(`/zh/orgs/${organizationId}/products/new`);
    await expect(page.getByRole("heading", { level: 2, name: t(zh, "console.create.title") })).toBeVisible();
    // Rows are added by script once the page is interactive.
    await expect(page.getByRole("button", { name: t(zh, "console.variants.add"), exact: true })).toBeVisible();

    await page.getByLabel(t(zh, "console.basics.category")).selectOption({ label: "厨房电器" });
    await expect(page.getByLabel(t(zh, "console.basics.sourceLocale"))).toHaveValue("zh");
    await page.getByLabel(t(zh, "console.basics.hsCode")).fill("12");
    await page.getByLabel(t(zh, "console.basics.hsCodeCn")).fill("8516790000");
    await page.getByLabel(t(zh, "console.basics.packSize")).fill("4");
    await page.getByLabel(t(zh, "console.basics.moq")).fill("100");
    await page.getByLabel(t(zh, "console.basics.leadTime")).fill("20");
    await page.getByLabel(t(zh, "console.basics.currency")).selectOption("USD");
    await page.getByLabel(t(zh, "console.basics.incoterm")).selectOption("FOB");

    await expect(page.getByLabel(t(zh, "console.translations.leftColumn"))).toHaveValue("zh");
    await page.getByLabel(t(zh, "console.translations.rightColumn")).selectOption("pt");
    const zhColumn = page.getByTestId("translation-zh");
    const ptColumn = page.getByTestId("translation-pt");
    await expect(zhColumn).toBeVisible();
    await expect(ptColumn).toBeVisible();
    await expect(page.getByTestId("translation-es")).toBeHidden();

    await zhColumn.getByLabel(t(zh, "console.translations.fields.name")).fill(zhName);
    await zhColumn.getByLabel(t(zh, "console.translations.fields.shortDescription")).fill("3.5 升无油空气炸锅，数字触控面板。");
    await zhColumn.getByLabel(t(zh, "console.translations.fields.longDescription")).fill("不粘涂层炸篮，温度 80–200 °C，定时 60 分钟，过热保护。");
    await zhColumn.getByLabel(tr(zh, "console.translations.specLabelRow", { row: 1 })).fill("容量");
    await zhColumn.getByLabel(tr(zh, "console.translations.specValueRow", { row: 1 })).fill("3.5 L");
    await expect(page.getByTestId("meter-zh").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

    await ptColumn.getByLabel(t(zh, "console.translations.fields.name")).fill(ptName);
    await ptColumn.getByLabel(t(zh, "console.translations.fields.shortDescription")).fill("Fritadeira sem óleo de 3,5 L com painel digital.");
    await expect(page.getByTestId("meter-pt").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
    await ptColumn.getByLabel(t(zh, "console.translations.fields.longDescription")).fill("Cesto antiaderente, temperatura de 80 a 200 °C, timer de 60 minutos e proteção contra superaquecimento.");
    await ptColumn.getByLabel(tr(zh, "console.translations.specLabelRow", { row: 1 })).fill("Capacidade");
    await ptColumn.getByLabel(tr(zh, "console.translations.specValueRow", { row: 1 })).fill("3,5 L");
    await expect(page.getByTestId("meter-pt").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

    await page.getByLabel(cell(zh, "console.variants.sku", 1)).fill(`E2E-AF-${run}-127`);
    await page.getByLabel(cell(zh, "console.variants.voltage", 1)).selectOption("127V");
    await page.getByLabel(cell(zh, "console.variants.plugType", 1)).fill("N");
    await page.getByLabel(cell(zh, "console.variants.color", 1)).fill("黑色");
    await page.getByLabel(cell(zh, "console.variants.netWeightG", 1)).fill("3800");
    await page.getByLabel(cell(zh, "console.variants.grossWeightG", 1)).fill("4600");
    await page.getByLabel(cell(zh, "console.variants.lengthMm", 1)).fill("360");
    await page.getByLabel(cell(zh, "console.variants.widthMm", 1)).fill("320");
    await page.getByLabel(cell(zh, "console.variants.heightMm", 1)).fill("380");

    await expect(page.getByTestId("tier-row")).toHaveCount(3);
    const tiers: [string, string][] = [
      ["100", "25.90"],
      ["500", "23.50"],
      ["2000", "21.00"],
    ];
    for (const [index, [quantity, price]] of tiers.entries()) {
      await page.getByLabel(cell(zh, "console.tiers.minQuantity", index + 1)).fill(quantity);
      await page.getByLabel(cell(zh, "console.tiers.unitPrice", index + 1, { currency: "USD" })).fill(price);
    }
    await page.getByLabel(cell(zh, "console.certifications.scheme", 1)).selectOption("INMETRO");
    await page.getByLabel(cell(zh, "console.certifications.number", 1)).fill("007421/2025");
    await page.getByLabel(cell(zh, "console.certifications.expiresOn", 1)).fill("2027-06-30");
  });

  await test.step("a wrong HS code comes back translated, with nothing typed lost", async () => {
    await page.getByRole("button", { name: t(zh, "console.create.submit") }).click();
    await expect(page.getByText(t(zh, "catalog.validation.hsCode"))).toBeVisible();
    await expect(page.getByText(t(zh, "console.form.fixBelow"))).toBeVisible();
    await expect(page.getByLabel(t(zh, "console.basics.hsCode"))).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("translation-pt").getByLabel(t(zh, "console.translations.fields.name"))).toHaveValue(ptName);
    await expect(page.getByLabel(cell(zh, "console.tiers.unitPrice", 3, { currency: "USD" }))).toHaveValue("21.00");
    await page.getByLabel(t(zh, "console.basics.hsCode")).fill("8516.79");
    await page.getByRole("button", { name: t(zh, "console.create.submit") }).click();
    await expect(page).toHaveURL(new RegExp(`/zh/orgs/${organizationId}/products/[0-9a-f-]{36}\\?created=1$`));
    await expect(page.getByText(t(zh, "console.edit.done.created"))).toBeVisible();
    await expect(page.getByTestId("product-title")).toHaveText(zhName);
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.DRAFT"));
    await expect(page.getByTestId("price-history")).toContainText("US$21.00");
  });
  const productUrl = new URL(page.url()).pathname;
  const productId = productUrl.split("/").pop()!;

  await test.step("uploads an image and describes it in Portuguese", async () => {
    await page.getByLabel(t(zh, "console.images.choose")).setInputFiles({ name: "fritadeira.png", mimeType: "image/png", buffer: await productPng() });
    await page.getByRole("button", { name: t(zh, "console.images.upload") }).click();
    const item = page.getByTestId("image-item");
    await expect(item).toHaveCount(1);
    await expect(page.getByText(tr(zh, "console.edit.done.upload_other", { count: 1 }))).toBeVisible();
    const thumbnail = item.locator("img");
    await expect(thumbnail).toHaveAttribute("src", new RegExp(`^/media/products/${organizationId}/${productId}/[0-9a-f-]{36}/w160\\.webp$`));
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    await item.getByLabel("Português").fill("Fritadeira elétrica preta vista de frente");
    await item.getByRole("button", { name: t(zh, "console.images.saveAlt") }).click();
    await expect(page.getByText(t(zh, "console.edit.done.alt"))).toBeVisible();
    await expect(page.getByTestId("image-item").getByLabel("Português")).toHaveValue("Fritadeira elétrica preta vista de frente");
  });

  await test.step("publishes it, after confirming it has no Spanish text yet", async () => {
    await page.getByRole("button", { name: t(zh, "console.actions.publish"), exact: true }).click();
    const confirm = page.getByTestId("publish-confirm");
    await expect(confirm).toContainText(t(zh, "trust.publish.missing.no_es"));
    await expect(confirm).not.toContainText(t(zh, "trust.publish.missing.no_photo"));
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.DRAFT"));
    await confirm.getByRole("button", { name: t(zh, "trust.publish.confirmSubmit") }).click();
    await expect(page.getByText(t(zh, "console.edit.done.publish"))).toBeVisible();
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.PUBLISHED"));
    await expect(page.getByRole("button", { name: t(zh, "console.actions.unpublish"), exact: true })).toBeVisible();
    await page.getByLabel(t(zh, "console.translations.rightColumn")).selectOption("pt");
    await page.screenshot({ path: `${SCREENSHOTS}/console-edit-zh.png`, fullPage: true });
  });

  await test.step("the edit form in Portuguese", async () => {
    await page.goto(`/pt/orgs/${organizationId}/products/${productId}?left=pt&right=zh`);
    await expect(page.getByTestId("product-title")).toHaveText(ptName);
    await expect(page.getByTestId("translation-pt").getByLabel(t("pt", "console.translations.fields.name"))).toHaveValue(ptName);
    await expect(page.getByLabel(cell("pt", "console.tiers.unitPrice", 1, { currency: "USD" }))).toHaveValue("25.90");
    await expect(page.getByRole("button", { name: t("pt", "console.variants.add"), exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/console-edit-pt.png`, fullPage: true });
  });

  await test.step("finds it in the list, in Portuguese, published, with its completeness per language", async () => {
    await page.goto(`/pt/orgs/${organizationId}/products`);
    await page.getByLabel(t("pt", "console.list.search")).fill(`inteligente ${run}`);
    await page.getByRole("button", { name: t("pt", "console.list.filter") }).click();
    await expect(page).toHaveURL(/q=inteligente/);
    const row = page.getByTestId("product-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link", { name: ptName, exact: true })).toBeVisible();
    await expect(row.getByTestId("product-status")).toHaveText(t("pt", "catalog.status.PUBLISHED"));
    await expect(row.getByTestId("completeness-pt")).toHaveAttribute("data-state", "complete");
    await expect(row.getByTestId("completeness-zh")).toHaveAttribute("data-state", "complete");
    await expect(row.getByTestId("completeness-es")).toHaveAttribute("data-state", "missing");
    await expect(row.getByTestId("completeness-es")).toContainText(t("pt", "console.completeness.missing"));
    await expect(row).toContainText(/US\$\s?21,00/);
    await expect(row.locator("img")).toHaveAttribute("src", /w160\.webp$/);
    await page.screenshot({ path: `${SCREENSHOTS}/console-list-pt.png`, fullPage: true });
  });
});
