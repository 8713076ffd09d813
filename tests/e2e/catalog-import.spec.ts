import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { bombWorkbook } from "../support/zip";
import { expect, test } from "./fixtures";
import { logInToOrganization } from "./demo-login";
import { t } from "./messages";

/**
 * Bulk import in the browser, in Portuguese: the maker downloads the template, uploads a generated 2,000-row
 * CSV with three bad rows, watches the progress bar move (pushed over socket.io), reads the rejected rows with
 * their reasons in Portuguese and finds nothing imported (all or nothing); then uploads the fixed file and
 * gets all 2,000 rows in.
 */


/** The columns this file uses: a subset of the template's, in another order (both are allowed). */
const HEADER = [
  "product_ref",
  "sku",
  "category",
  "source_language",
  "name_zh",
  "name_pt",
  "name_en",
  "hs_code",
  "pack_size",
  "moq",
  "currency",
  "lead_time_days",
  "tier1_qty",
  "tier1_price",
  "tier2_qty",
  "tier2_price",
  "voltage",
  "net_weight_g",
  "gross_weight_g",
  "length_mm",
  "width_mm",
  "height_mm",
];

type Row = Record<string, string>;

/** 1,000 products of two variants (127 V / 220 V) each: 2,000 rows, the header being row 1. */
function generatedRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 1000; i++) {
    const n = String(i + 1).padStart(4, "0");
    const product = {
      product_ref: `E2E-${n}`,
      category: i % 2 === 0 ? "kitchen-appliances" : "power-banks",
      source_language: "zh",
      name_zh: `电热水壶 E2E ${n}`,
      name_pt: `Chaleira elétrica E2E ${n}`,
      name_en: `Electric kettle E2E ${n}`,
      hs_code: i % 2 === 0 ? "851671" : "850760",
      pack_size: "6",
      moq: "50",
      currency: i % 2 === 0 ? "USD" : "CNY",
      lead_time_days: "20",
      tier1_qty: "50",
      tier1_price: `${10 + (i % 7)}.50`,
      tier2_qty: "200",
      tier2_price: `${9 + (i % 7)}.90`,
    };
    for (const voltage of ["127V", "220V"]) {
      rows.push({ ...product, sku: `E2E-${n}-${voltage}`, voltage, net_weight_g: "950", gross_weight_g: "1300", length_mm: "240", width_mm: "180", height_mm: "260" });
    }
  }
  return rows;
}

/** Spreadsheet row r is rows[r - 2]. */
function breakRows(rows: Row[]): Row[] {
  const broken = rows.map((r) => ({ ...r }));
  broken[6 - 2]!.gross_weight_g = "100"; // row 6: gross below net
  broken[1002 - 2]!.hs_code = "12"; // rows 1002-1003, one product: not an HS code
  broken[1003 - 2]!.hs_code = "12";
  broken[1500 - 2]!.category = "kitchen"; // rows 1500-1501, one product: no such category
  broken[1501 - 2]!.category = "kitchen";
  return broken;
}

function toCsv(rows: Row[]): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [HEADER.join(","), ...rows.map((r) => HEADER.map((h) => quote(r[h] ?? "")).join(","))];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}


/** Every value the import's progress bar takes on this page, in order (recorded by a MutationObserver). */
async function recordProgress(page: Page) {
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    const record = () => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      const value = bar ? Number(bar.getAttribute("aria-valuenow")) : NaN;
      if (!Number.isNaN(value) && seen[seen.length - 1] !== value) seen.push(value);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
  });
}

async function progressValues(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
}

async function upload(page: Page, name: string, csv: Buffer) {
  await page.getByLabel(t("pt", "importer.page.fileLabel")).setInputFiles({ name, mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: t("pt", "importer.page.submit") }).click();
  await expect(page).toHaveURL(/\/pt\/orgs\/[0-9a-f-]{36}\/products\/import\?id=[0-9a-f-]{36}$/);
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "");

test("a 2,000-row CSV import shows progress, lists the bad rows in Portuguese, imports nothing; the fixed file imports", async ({ page }) => {
  test.setTimeout(300_000);
  const orgId = await logInToOrganization(page);
  await recordProgress(page);
  await page.goto(`/pt/orgs/${orgId}/products/import`);
  await expect(page.getByRole("heading", { name: t("pt", "importer.page.title") })).toBeVisible();
  await expect(page.getByTestId("all-or-nothing")).toContainText(t("pt", "importer.page.allOrNothing"));

  await test.step("download the template (CSV and Excel)", async () => {
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("pt", "importer.page.templateCsv") }).click()]);
    expect(csvDownload.suggestedFilename()).toBe("ponte-import-template.csv");
    const template = readFileSync((await csvDownload.path())!, "utf8").replace(/^\uFEFF/, "");
    const [header, example] = template.split(/\r?\n/);
    expect(header!.split(",").slice(0, 5)).toEqual(["product_ref", "sku", "category", "brand", "source_language"]);
    expect(example!.startsWith("#EXAMPLE-KETTLE,")).toBe(true);
    const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("pt", "importer.page.templateXlsx") }).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe("ponte-import-template.xlsx");
    expect(readFileSync((await xlsxDownload.path())!).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  const rows = generatedRows();
  expect(rows).toHaveLength(2000);

  await test.step("a file with three bad rows: progress moves, every bad row is listed, nothing is imported", async () => {
    await upload(page, "catalogo-com-erros.csv", toCsv(breakRows(rows)));
    const status = page.getByTestId("import-status");
    await expect(status).toContainText(fill(t("pt", "importer.progress.title"), { file: "catalogo-com-erros.csv" }));
    const failed = page.getByTestId("import-failed");
    await expect(failed).toBeVisible({ timeout: 150_000 });
    await expect(failed).toContainText(t("pt", "importer.result.failedTitle"));
    await expect(failed).toContainText(fill(t("pt", "importer.result.rejected_other"), { total: "3" }));

    const values = await progressValues(page);
    expect(values.length, `progress values seen: ${values.join(", ")}`).toBeGreaterThan(1);
    expect(values.some((v, i) => values.slice(i + 1).some((later) => later > v)), `progress values seen: ${values.join(", ")}`).toBe(true);

    const table = page.getByTestId("rejected-rows");
    const body = table.locator("tbody tr");
    await expect(body).toHaveCount(3);
    const expected = [
      ["6", "gross_weight_g", "100", t("pt", "catalog.validation.grossBelowNet")],
      ["1002", "hs_code", "12", t("pt", "catalog.validation.hsCode")],
      ["1500", "category", "kitchen", t("pt", "importer.errors.unknownCategory")],
    ];
    for (const [i, cells] of expected.entries()) await expect(body.nth(i).locator("td")).toHaveText(cells);
    await expect(table.locator("thead th")).toHaveText([t("pt", "importer.report.row"), t("pt", "importer.report.column"), t("pt", "importer.report.value"), t("pt", "importer.report.reason")]);

    mkdirSync("test-results/screens", { recursive: true });
    await page.screenshot({ path: "test-results/screens/import-report-pt.png", fullPage: true });

    // The report downloads as CSV with the same reasons.
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("pt", "importer.result.download") }).click()]);
    const reportText = readFileSync((await report.path())!, "utf8");
    expect(reportText).toContain(t("pt", "importer.errors.unknownCategory"));
    expect(reportText.split(/\r?\n/)[0]).toBe(`\uFEFF${[t("pt", "importer.report.row"), t("pt", "importer.report.column"), t("pt", "importer.report.value"), t("pt", "importer.report.reason")].join(",")}`);
  });

  await test.step("nothing from that file was imported", async () => {
    const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t("pt", "importer.page.exportCsv") }).click()]);
    expect(readFileSync((await exported.path())!, "utf8")).not.toContain("E2E-0001");
  });

  await test.step("the fixed file: all 2,000 rows imported", async () => {
    const seenBefore = (await progressValues(page)).length;
    await upload(page, "catalogo.csv", toCsv(rows));
    const succeeded = page.getByTestId("import-succeeded");
    await expect(succeeded).toBeVisible({ timeout: 150_000 });
    await expect(succeeded).toContainText(fill(t("pt", "importer.result.succeeded_other"), { total: "2.000", created: "1.000", updated: "0" }));
    const values = (await progressValues(page)).slice(seenBefore);
    expect(values.some((v) => v > 0 && v < 100), `progress values seen: ${values.join(", ")}`).toBe(true);
  });
});

test("an XLSX bomb (4.2 GB of shared strings in 4 MB) is refused on the page in Portuguese; the server keeps answering", async ({ page, request }) => {
  const orgId = await logInToOrganization(page);
  await page.goto(`/pt/orgs/${orgId}/products/import`);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Produtos").addRow(["product_ref", "sku"]);
  const bomb = await bombWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()));
  await page.getByLabel(t("pt", "importer.page.fileLabel")).setInputFiles({ name: "catalogo.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bomb });
  await page.getByRole("button", { name: t("pt", "importer.page.submit") }).click();
  await expect(page.getByText(fill(t("pt", "importer.upload.expands"), { size: "256 MB", cells: "1.500.000" }))).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/pt/orgs/${orgId}/products/import$`));
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  // Nothing was stored: the page lists no import of that file.
  await page.goto(`/pt/orgs/${orgId}/products/import`);
  await expect(page.getByText("catalogo.xlsx")).toHaveCount(0);
});
