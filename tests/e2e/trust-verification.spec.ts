import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";
import { t, type Lang } from "./messages";
import { hydrated } from "./hydration";
import { linkFromOutbox } from "./outbox";

/**
 * Trust basics (issue 13, items 12, 14, 16) in the browser: a new manufacturer signs up in Chinese (the company form
 * defaults to a manufacturer in China and asks for the Chinese legal name only there), writes a draft, is refused at
 * publishing because it is not verified, sends its business licence from its company profile; the platform (the demo
 * admin, in Portuguese) approves it on the verification desk; the manufacturer publishes, after confirming what the
 * listing lacks. Screenshots of the desk and the company page at 390 and 1280 px.
 */

const SCREENSHOTS = "test-results/screens";
const PASSWORD = "a long e2e passphrase 2026";
const USCC = "91350100M000100Y43";
const zh: Lang = "zh";
const pt: Lang = "pt";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function tr(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  return t(lang, key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}
const cell = (lang: Lang, column: string, row: number, values: Record<string, string> = {}) => `${tr(lang, column, values)} · ${tr(lang, "console.form.row", { row })}`;

async function shots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
    // Nothing sticks out of a phone's screen.
    if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
}

async function logOut(page: Page, lang: Lang) {
  await page.getByRole("banner").getByRole("button", { name: t(lang, "nav.logout") }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: t(lang, "nav.login") })).toBeVisible();
}

test("a new manufacturer sends its licence (zh), the platform approves it (pt), the manufacturer publishes", async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const run = Date.now().toString(36);
  const email = `e2e-trust-${run}@example.test`;
  const company = `珠海信达电器 ${run}`;
  const productName = `电热水壶 ${run}`;
  let organizationId = "";
  let productUrl = "";

  await test.step("signs up in Chinese and confirms the address", async () => {
    await page.goto("/zh/signup");
    await page.getByLabel(t(zh, "fields.name")).fill("陈信达");
    await page.getByLabel(t(zh, "fields.email")).fill(email);
    await page.getByLabel(t(zh, "fields.password"), { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: t(zh, "auth.signup.submit") }).click();
    await expect(page.getByRole("heading", { level: 1, name: t(zh, "auth.signup.checkEmail.title") })).toBeVisible();
    await page.goto(await linkFromOutbox(page, email, /\/zh\/verify-email\/[^/\s]+$/));
    await page.getByRole("button", { name: t(zh, "auth.verify.submit") }).click();
    await expect(page).toHaveURL(/\/zh\/orgs\/new$/);
    await hydrated(page);
  });

  await test.step("the company form defaults to a manufacturer in China and asks for the Chinese name only there", async () => {
    await expect(page.getByRole("radio", { name: new RegExp(`^${t(zh, "organizationKinds.MANUFACTURER")}`) })).toBeChecked();
    await expect(page.getByLabel(t(zh, "fields.country"))).toHaveValue("CN");
    await expect(page.getByLabel(t(zh, "fields.legalNameZh"))).toBeVisible();
    await page.getByLabel(t(zh, "fields.country")).selectOption("BR");
    await expect(page.getByLabel(t(zh, "fields.legalNameZh"))).toHaveCount(0);
    await page.getByLabel(t(zh, "fields.country")).selectOption("CN");
    await page.getByLabel(t(zh, "fields.organizationName")).fill(company);
    await page.getByLabel(t(zh, "fields.legalNameZh")).fill("珠海信达电器有限公司");
    await page.getByLabel(t(zh, "fields.legalNameLatin")).fill("Zhuhai Xinda Electric Co., Ltd.");
    await page.getByLabel(t(zh, "fields.city")).fill("珠海");
    await page.getByLabel(t(zh, "fields.taxId")).fill(USCC);
    await page.getByRole("button", { name: t(zh, "organizations.new.submit") }).click();
    await expect(page.getByTestId("organization-name")).toHaveText(company);
    organizationId = /\/zh\/orgs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  });

  await test.step("writes a draft and is told it must be verified to publish", async () => {
    await page.goto(`/zh/orgs/${organizationId}/products/new`);
    await hydrated(page);
    // Rows are added by script once the page is interactive.
    await expect(page.getByRole("button", { name: t(zh, "console.variants.add"), exact: true })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel(t(zh, "console.basics.category")).selectOption({ label: "厨房电器" });
    await page.getByLabel(t(zh, "console.basics.hsCode")).fill("8516.79");
    await page.getByLabel(t(zh, "console.basics.moq")).fill("200");
    await page.getByLabel(t(zh, "console.basics.leadTime")).fill("25");
    await page.getByLabel(t(zh, "console.basics.currency")).selectOption("USD");
    const zhColumn = page.getByTestId("translation-zh");
    await zhColumn.getByLabel(t(zh, "console.translations.fields.name")).fill(productName);
    await zhColumn.getByLabel(t(zh, "console.translations.fields.shortDescription")).fill("1.7 升不锈钢电热水壶");
    await zhColumn.getByLabel(t(zh, "console.translations.fields.longDescription")).fill("304 不锈钢内胆，沸腾自动断电，防干烧。");
    await page.getByLabel(cell(zh, "console.variants.sku", 1)).fill(`XD-KT-${run}`.toUpperCase());
    await page.getByLabel(cell(zh, "console.variants.netWeightG", 1)).fill("900");
    await page.getByLabel(cell(zh, "console.variants.grossWeightG", 1)).fill("1200");
    await page.getByLabel(cell(zh, "console.variants.lengthMm", 1)).fill("220");
    await page.getByLabel(cell(zh, "console.variants.widthMm", 1)).fill("160");
    await page.getByLabel(cell(zh, "console.variants.heightMm", 1)).fill("250");
    await page.getByLabel(cell(zh, "console.tiers.minQuantity", 1)).fill("200");
    await page.getByLabel(cell(zh, "console.tiers.unitPrice", 1, { currency: "USD" })).fill("6.40");
    await page.getByRole("button", { name: t(zh, "console.create.submit") }).click();
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.DRAFT"));
    productUrl = new URL(page.url()).pathname;
    await hydrated(page);

    await page.getByRole("button", { name: t(zh, "console.actions.publish"), exact: true }).click();
    const problems = page.getByTestId("publish-problems");
    await expect(problems).toContainText(t(zh, "console.publish.problems.unverified"));
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.DRAFT"));
    await problems.getByTestId("verification-link").click();
    await expect(page).toHaveURL(new RegExp(`/zh/orgs/${organizationId}/settings#verification$`));
    await hydrated(page);
  });

  await test.step("sends its business licence from the company profile", async () => {
    const form = page.locator("#verification");
    await form.getByLabel(t(zh, "trust.company.kind")).selectOption("BUSINESS_LICENCE");
    await form.getByLabel(t(zh, "trust.company.files")).setInputFiles({ name: "营业执照.pdf", mimeType: "application/pdf", buffer: PDF });
    await form.getByRole("button", { name: t(zh, "trust.company.submit") }).click();
    await expect(page.getByText(t(zh, "trust.company.sent"))).toBeVisible();
    await expect(page.locator("#verification").getByText(t(zh, "verification.PENDING"), { exact: true })).toBeVisible();
    await expect(page.getByTestId("verification-documents")).toContainText("营业执照.pdf");
    await shots(page, "trust-company-zh");
    await logOut(page, zh);
  });

  await test.step("the platform approves it on the verification desk, in Portuguese", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await logInToOrganization(page, "admin@demo.ponte.test");
    await page.goto("/pt/platform/verifications");
    await expect(page.getByRole("heading", { level: 1, name: t(pt, "trust.desk.title") })).toBeVisible();
    const row = page.getByTestId("verification-queue").getByRole("listitem").filter({ hasText: company });
    await expect(row).toHaveCount(1);
    await shots(page, "trust-desk-queue-pt");
    await page.setViewportSize({ width: 1280, height: 900 });
    await row.getByRole("link", { name: tr(pt, "trust.desk.openNamed", { name: company }) }).click();
    await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
    await hydrated(page);
    await expect(page.getByTestId("verification-documents")).toContainText(t(pt, "trust.documentKinds.BUSINESS_LICENCE"));
    await expect(page.getByText("珠海信达电器有限公司")).toBeVisible();
    await shots(page, "trust-desk-case-pt");
    await page.setViewportSize({ width: 1280, height: 900 });
    // Rejecting or asking for more needs a reason.
    await page.getByRole("button", { name: t(pt, "trust.desk.more"), exact: true }).click();
    await expect(page.getByText(t(pt, "trust.desk.reasonRequired"))).toBeVisible();
    await page.getByRole("button", { name: t(pt, "trust.desk.approve"), exact: true }).click();
    await expect(page.getByText(tr(pt, "trust.desk.decided.approve", { name: company }))).toBeVisible();
    await expect(page.getByTestId("verification-history")).toContainText(t(pt, "trust.events.APPROVED"));
    await page.goto("/pt/platform/verifications");
    await expect(page.getByText(company)).toHaveCount(0);
    await page.goto("/pt");
    await logOut(page, pt);
  });

  await test.step("the manufacturer is verified and publishes, after confirming what buyers will miss", async () => {
    await page.goto("/zh/login");
    await page.getByLabel(t(zh, "fields.email")).fill(email);
    await page.getByLabel(t(zh, "fields.password"), { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: t(zh, "auth.login.submit") }).click();
    await expect(page).toHaveURL(/\/zh\/orgs\//);
    await page.goto(`/zh/orgs/${organizationId}/settings`);
    await expect(page.locator("#verification").getByText(t(zh, "verification.VERIFIED"), { exact: true })).toBeVisible();
    await expect(page.getByTestId("verification-history")).toContainText(t(zh, "trust.events.APPROVED"));
    await shots(page, "trust-company-verified-zh");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(productUrl);
    await hydrated(page);
    await page.getByRole("button", { name: t(zh, "console.actions.publish"), exact: true }).click();
    const confirm = page.getByTestId("publish-confirm");
    for (const missing of ["no_photo", "no_pt", "no_es"]) await expect(confirm).toContainText(t(zh, `trust.publish.missing.${missing}`));
    await confirm.getByRole("button", { name: t(zh, "trust.publish.confirmSubmit") }).click();
    await expect(page.getByTestId("product-status")).toHaveText(t(zh, "catalog.status.PUBLISHED"));
  });
});
