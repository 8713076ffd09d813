import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { hydrated } from "./hydration";
import { t, type Lang } from "./messages";

/**
 * The export agency's desk: the agent opens the Zhuhai order whose forwarder's waybill disagrees with the packing
 * list (the seed's Bogotá order: 2.5 kg heavier), sees the gross-weight mismatch in Chinese, corrects the waybill,
 * validates, downloads the PDFs and the XML; then in Portuguese the same round again (back to draft, a wrong weight,
 * the mismatch in Portuguese, corrected, validated). Screens of the queue and the declaration at 390 and 1280 px go
 * to test-results/screens/agency-*.png.
 */

const AGENT = "agent@demo.ponte.test";
const SCREENS = "test-results/screens";

/** The first words of a message before its first placeholder, to find it whatever the numbers are. */
function lead(lang: Lang, key: string) {
  return t(lang, key).split("{{")[0]!.trim();
}

async function screens(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  for (const [label, size] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]] as const) {
    await page.setViewportSize(size);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} ${label} overflow`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/agency-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A weight with one decimal as the page may group it ("1452.5" → 1.452,5 / 1 452,5 / 1,452.5). */
function kgPattern(kg: number, decimal: "," | ".") {
  const [whole, tenth] = kg.toFixed(1).split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "[.,\\s\\u00a0\\u202f]?");
  return `${grouped}\\${decimal}${tenth}`;
}

async function packingGrossKg(page: Page) {
  return (await page.getByTestId("packing").getAttribute("data-gross-kg"))!;
}

async function saveWaybillWeight(page: Page, lang: Lang, kg: string) {
  const form = page.locator("#waybill");
  await form.getByLabel(t(lang, "agency.declaration.waybillForm.grossWeightKg")).fill(kg);
  await form.getByRole("button", { name: t(lang, "agency.declaration.waybillForm.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: t(lang, "agency.done.waybill") })).toBeVisible();
}

async function downloads(page: Page, lang: Lang, number: string) {
  for (const [path, type] of [
    [`/${lang}/agency/declarations/${number}/commercial-invoice.pdf`, "application/pdf"],
    [`/${lang}/agency/declarations/${number}/packing-list.pdf`, "application/pdf"],
    [`/${lang}/agency/declarations/${number}/xml/CEB603`, "xml"],
    [`/${lang}/agency/declarations/${number}/xml/CEB505`, "xml"],
    [`/${lang}/agency/declarations/${number}/xml/CEB303`, "xml"],
  ] as const) {
    // The page links each one.
    await expect(page.locator(`a[href="${path}"]`)).toHaveCount(1);
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
    const body = await response.body();
    if (type === "application/pdf") expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    else expect(body.toString("utf8")).toContain("http://www.chinaport.gov.cn/ceb");
  }
}

test("an export agent corrects a Zhuhai order's waybill weight, validates and downloads the documents, in Chinese and Portuguese", async ({ page }) => {
  await logInToOrganization(page, AGENT);
  let number = "";

  await test.step("zh: the queue shows what blocks the declaration, oldest first", async () => {
    await page.goto("/zh/agency/declarations");
    await expect(page.getByRole("heading", { level: 1, name: t("zh", "agency.queue.title") })).toBeVisible();
    const row = page.getByRole("listitem").filter({ hasText: lead("zh", "agency.mismatch.gross_weight_mismatch") });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("blocker")).toContainText(t("zh", "agency.queue.blockers.mismatches").replace("{{count}}", "1"));
    number = (await row.getByRole("link").first().textContent())!.trim();
    expect(number).toMatch(/^DEC-\d{4}-\d{6}$/);
    await screens(page, "queue-zh");
    await row.getByRole("link", { name: number }).click();
  });

  await test.step("zh: the declaration page names the mismatch between packing list and waybill", async () => {
    await expect(page).toHaveURL(new RegExp(`/zh/agency/declarations/${number}$`));
    await hydrated(page);
    const mismatches = page.getByTestId("mismatches");
    await expect(mismatches.getByRole("listitem")).toHaveCount(1);
    const gross = await packingGrossKg(page);
    await expect(mismatches).toContainText(new RegExp(`装箱单为${kgPattern(Number(gross), ".")} 千克`));
    await expect(mismatches.getByRole("link", { name: t("zh", "agency.declaration.mismatches.fix") })).toHaveAttribute("href", `/zh/agency/declarations/${number}#waybill`);
    await screens(page, "declaration-zh");
  });

  await test.step("zh: correct the waybill, validate, download", async () => {
    await saveWaybillWeight(page, "zh", await packingGrossKg(page));
    await expect(page.getByRole("heading", { name: t("zh", "agency.declaration.mismatches.none") })).toBeVisible();
    await page.getByRole("button", { name: t("zh", "agency.declaration.actions.validate") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("zh", "agency.done.validate") })).toBeVisible();
    await expect(page.getByText(t("zh", "agency.status.VALIDATED")).first()).toBeVisible();
    await expect(page.getByTestId("history")).toContainText(t("zh", "agency.events.waybill_corrected"));
    await downloads(page, "zh", number);
  });

  await test.step("pt: back to draft, a wrong weight shows the mismatch in Portuguese, corrected and validated again", async () => {
    await page.goto(`/pt/agency/declarations/${number}`);
    await hydrated(page);
    await page.getByRole("button", { name: t("pt", "agency.declaration.actions.reopen") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("pt", "agency.done.reopen") })).toBeVisible();
    const gross = await packingGrossKg(page);
    await saveWaybillWeight(page, "pt", String(Number(gross) + 2.5));
    const mismatches = page.getByTestId("mismatches");
    await expect(mismatches).toContainText(lead("pt", "agency.mismatch.gross_weight_mismatch"));
    await expect(mismatches).toContainText(new RegExp(`${kgPattern(Number(gross), ",")} kg, o conhecimento ${kgPattern(Number(gross) + 2.5, ",")} kg`));
    await page.getByRole("button", { name: t("pt", "agency.declaration.actions.validate") }).click();
    await expect(page.getByRole("alert").filter({ hasText: lead("pt", "agency.errors.mismatches") })).toBeVisible();
    await screens(page, "declaration-pt");
    await saveWaybillWeight(page, "pt", gross);
    await page.getByRole("button", { name: t("pt", "agency.declaration.actions.validate") }).click();
    await expect(page.getByRole("status").filter({ hasText: t("pt", "agency.done.validate") })).toBeVisible();
    await downloads(page, "pt", number);
    await page.goto("/pt/agency/declarations?status=VALIDATED");
    await expect(page.getByRole("link", { name: number })).toBeVisible();
    await screens(page, "queue-pt");
  });
});
