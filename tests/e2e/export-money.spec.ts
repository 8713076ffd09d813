import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { logInToOrganization } from "./demo-login";
import { expect, test } from "./fixtures";
import { t } from "./messages";

/**
 * Export money: the demo maker sees in Chinese what the agency pays it (the seeded settlements, with rate, fee and
 * date) and its VAT rebate estimate for the cleared declaration of its São Paulo air conditioners; the agent marks a
 * settlement paid on the settlements desk; the platform adds a dated rebate rate. Screens at 390 and 1280 px in zh
 * and pt go to test-results/screens/export-money-*.png.
 */

const SCREENS = "test-results/screens";

async function screens(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  for (const [label, size] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]] as const) {
    await page.setViewportSize(size);
    // Nothing may stick out sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${name} ${label} overflow`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/export-money-${name}-${label}.png`, fullPage: true });
  }
}

test("the manufacturer sees its settlements and rebate estimate in Chinese", async ({ page }) => {
  await logInToOrganization(page);
  await page.goto("/zh/export/money");
  await expect(page.getByRole("heading", { level: 1, name: t("zh", "exportmoney.maker.title") })).toBeVisible();

  const settlements = page.getByTestId("maker-settlement");
  expect(await settlements.count()).toBeGreaterThan(0);
  const first = settlements.first();
  await expect(first).toContainText(t("zh", "exportmoney.received"));
  await expect(first).toContainText(/1 (BRL|MXN|EUR|USD|COP) = \d+(\.\d+)? 元（.+汇率）/);
  await expect(first).toContainText("代理服务费（1.5%）");
  await expect(first).toContainText(t("zh", "exportmoney.net"));
  // The oldest one was paid by the agent; the others are expected on a date.
  await expect(page.getByTestId("maker-settlements")).toContainText("已于");
  await expect(page.getByTestId("maker-settlements")).toContainText("预计到账");
  await expect(page.getByTestId("to-receive")).toContainText("¥");

  const estimate = page.getByTestId("rebate-estimate").filter({ hasText: t("zh", "exportmoney.declarationStatus.CLEARED") }).first();
  await expect(estimate).toBeVisible();
  await expect(estimate).toContainText(t("zh", "exportmoney.maker.ceiling"));
  await expect(estimate).toContainText("8415102100 13%");
  await expect(estimate).toContainText(/1 USD = \d\.\d+ 元/);
  await expect(page.getByTestId("rebate-chart")).toBeVisible();
  await expect(page.getByTestId("rebate-month").first()).toContainText("¥");
  await screens(page, "maker-zh");

  await page.goto("/pt/export/money");
  await expect(page.getByRole("heading", { level: 1, name: t("pt", "exportmoney.maker.title") })).toBeVisible();
  await expect(page.getByTestId("rebate-estimate").first()).toContainText(t("pt", "exportmoney.maker.fobCny"));
  await screens(page, "maker-pt");

  // The manufacturer's dashboard links here.
  await page.goto("/zh/dashboard");
  await page.getByRole("link", { name: t("zh", "exportmoney.dashboard.money") }).click();
  await expect(page).toHaveURL(/\/zh\/export\/money$/);
});

test("the agent sees what is owed per manufacturer and marks a settlement paid", async ({ page }) => {
  await logInToOrganization(page, "agent@demo.ponte.test");
  await page.goto("/zh/agency/settlements");
  await expect(page.getByRole("heading", { level: 1, name: t("zh", "exportmoney.agency.title") })).toBeVisible();
  await expect(page.getByTestId("owed-by-maker")).toContainText("¥");
  await expect(page.getByTestId("agency-rebates")).toContainText(t("zh", "exportmoney.maker.declarationCount_other").replace("{{count}}", "1"));
  await screens(page, "agency-zh");
  const pending = page.getByTestId("pending-settlement");
  const before = await pending.count();
  expect(before).toBeGreaterThan(0);
  await pending.first().getByRole("button").click();
  await expect(page.getByText(t("zh", "exportmoney.agency.markedPaid"))).toBeVisible();
  await expect(pending).toHaveCount(before - 1);
  await expect(page.getByTestId("paid-settlements")).toContainText("Export Agent");

  await page.goto("/pt/agency/settlements");
  await screens(page, "agency-pt");
});

test("the platform adds a dated rebate rate; history is never edited", async ({ page }) => {
  await logInToOrganization(page, "admin@demo.ponte.test");
  await page.goto("/pt/platform/rebate-rates");
  await expect(page.getByRole("heading", { level: 1, name: t("pt", "exportmoney.rates.title") })).toBeVisible();
  const form = page.getByTestId("add-rebate-rate");
  await form.getByLabel(t("pt", "exportmoney.rates.hsCode")).fill("8541430000");
  await form.getByLabel(t("pt", "exportmoney.rates.rebatePercent")).fill("9");
  await form.getByLabel(t("pt", "exportmoney.rates.validFrom")).fill("2024-12-01");
  await form.getByLabel(t("pt", "exportmoney.rates.note")).fill("Módulos fotovoltaicos, MOF/SAT 2024 n.º 15");
  await form.getByRole("button", { name: t("pt", "exportmoney.rates.addSubmit") }).click();
  await expect(page.getByText(t("pt", "exportmoney.rates.rebateAdded"))).toBeVisible();
  await expect(page.getByTestId("rebate-rate").filter({ hasText: "8541430000" })).toContainText("9%");
  // The same code and date again is refused with the field's message.
  await form.getByLabel(t("pt", "exportmoney.rates.hsCode")).fill("8541430000");
  await form.getByLabel(t("pt", "exportmoney.rates.rebatePercent")).fill("13");
  await form.getByLabel(t("pt", "exportmoney.rates.validFrom")).fill("2024-12-01");
  await form.getByRole("button", { name: t("pt", "exportmoney.rates.addSubmit") }).click();
  await expect(page.getByText(t("pt", "exportmoney.rates.errors.duplicate"))).toBeVisible();
  await expect(page.getByTestId("rebate-rate").filter({ hasText: "8507600090" })).toHaveCount(2);
  await screens(page, "rates-pt");
});
