import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { Prisma } from "~/generated/prisma/client";
import { unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { LANG_NAMES, type Lang } from "~/modules/i18n/config";
import type { ProductInput } from "./product-input";
import { colorNamesInput } from "./variant-colour";
import {
  COMMENT_PREFIX,
  guardFormula,
  EXAMPLE_PRODUCT,
  isNumericColumn,
  layoutFor,
  productToRows,
  rowCells,
  sheetColumns,
  TEMPLATE_LAYOUT,
  type ColumnSpec,
  type RowError,
  type SheetLayout,
  type SheetProduct,
} from "./spreadsheet-format";
import { describeColumn, describeRowError } from "./import.server";

/**
 * The organization's products as a spreadsheet in the import's own layout (export → edit → import round-trips),
 * and the empty template. Products are read in pages and written as they come: memory stays flat at 100k products.
 */

export type SheetFormat = "csv" | "xlsx";

const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const PAGE = 200;

function download(body: ReadableStream<Uint8Array> | string, format: SheetFormat | "csv", fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Rows in the sheet's layout for `format`, piped into an HTTP response as they are produced. */
export function streamSheet(format: SheetFormat, columns: ColumnSpec[], rows: AsyncIterable<Record<string, string>>, explanation: string[][] | null): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const write = format === "csv" ? writeCsv(out, columns, rows) : writeXlsx(out, columns, rows, explanation);
  write.catch((error) => {
    console.error("[catalog-export]", error);
    out.destroy(error as Error);
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

async function writeCsv(out: Writable, columns: ColumnSpec[], rows: AsyncIterable<Record<string, string>>) {
  // The byte order mark makes Excel read UTF-8 (Chinese and Portuguese text) instead of the system code page.
  const csv = stringify({ bom: true });
  csv.pipe(out);
  const put = async (cells: string[]) => {
    if (!csv.write(cells)) await once(csv, "drain");
  };
  await put(columns.map((c) => c.name));
  for await (const row of rows) await put(rowCells(row, columns).map(guardFormula));
  csv.end();
}

async function writeXlsx(out: Writable, columns: ColumnSpec[], rows: AsyncIterable<Record<string, string>>, explanation: string[][] | null) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("products", { views: [{ state: "frozen", ySplit: 1 }] });
  // Text columns are formatted as text, so that Excel keeps HS codes' leading zeros and SKUs as typed.
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.min(Math.max(c.name.length + 2, 12), 40), style: isNumericColumn(c.name) ? {} : { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    const cells = columns.map((c) => {
      const value = row[c.name] ?? "";
      return value !== "" && isNumericColumn(c.name) ? Number(value) : value;
    });
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  if (explanation) {
    const help = workbook.addWorksheet("columns");
    help.columns = [{ width: 22 }, { width: 18 }, { width: 12 }, { width: 100 }];
    help.mergeCells(1, 1, 1, 4);
    for (const [i, line] of explanation.entries()) {
      const row = help.addRow(line);
      row.alignment = { wrapText: true, vertical: "top" };
      if (i === 0) row.height = 90;
      if (i === 2) row.font = { bold: true };
      row.commit();
    }
    help.commit();
  }
  await workbook.commit();
}

/** The explanation sheet: a note on how the file works, then one line per column, in the reader's language. */
export function explanationRows(t: TFunction, columns: ColumnSpec[]): string[][] {
  const lines: string[][] = [[t("importer.sheet.intro", { prefix: COMMENT_PREFIX })], []];
  lines.push([t("importer.sheet.column"), t("importer.sheet.level"), t("importer.sheet.required"), t("importer.sheet.description")]);
  for (const c of columns) {
    const params = c.docParams?.lang ? { ...c.docParams, lang: LANG_NAMES[c.docParams.lang as Lang] } : (c.docParams ?? {});
    lines.push([c.name, t(`importer.sheet.levels.${c.level}`), c.required ? t("importer.sheet.yes") : "", t(`importer.columns.${c.doc}`, params) as string]);
  }
  return lines;
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** The template: the header, the example product (a comment row: not imported), and in XLSX the explanations. */
export function templateResponse(format: SheetFormat, t: TFunction): Response {
  const columns = sheetColumns(TEMPLATE_LAYOUT);
  const rows = productToRows(EXAMPLE_PRODUCT, 2);
  return download(streamSheet(format, columns, fromArray(rows), format === "xlsx" ? explanationRows(t, columns) : null), format, `ponte-import-template.${format}`);
}

/** The widest tier and certification lists among the organization's products: the export's layout. */
async function layoutOf(organizationId: string): Promise<SheetLayout> {
  const [row] = await unscopedDb.$queryRaw<{ tiers: number; certifications: number }[]>(Prisma.sql`
    SELECT
      COALESCE((SELECT MAX(n) FROM (SELECT COUNT(*)::int AS n FROM "PriceTier" WHERE "organizationId" = ${organizationId}::uuid GROUP BY "productId") t), 0)::int AS "tiers",
      COALESCE((SELECT MAX(n) FROM (SELECT COUNT(*)::int AS n FROM "ProductCertification" WHERE "organizationId" = ${organizationId}::uuid GROUP BY "productId") c), 0)::int AS "certifications"`);
  return layoutFor(row?.tiers ?? 0, row?.certifications ?? 0);
}

const EXPORT_INCLUDE = {
  category: { select: { slug: true } },
  brand: { select: { name: true } },
  translations: true,
  variants: { orderBy: { position: "asc" } },
  priceTiers: { orderBy: { minQuantity: "asc" } },
  certifications: { orderBy: { id: "asc" } },
} as const satisfies Prisma.ProductInclude;

type ExportRow = Prisma.ProductGetPayload<{ include: typeof EXPORT_INCLUDE }>;

export function toSheetProduct(p: ExportRow): SheetProduct {
  const translations: ProductInput["translations"] = {};
  for (const tr of p.translations) {
    translations[tr.locale] = {
      name: tr.name,
      shortDescription: tr.shortDescription,
      longDescription: tr.longDescription,
      specifications: Array.isArray(tr.specifications) ? (tr.specifications as { label: string; value: string }[]) : [],
      source: tr.source,
    };
  }
  return {
    ref: p.slug,
    // A draft may not have its category yet: the column stays empty (an import then asks for it).
    categorySlug: p.category?.slug ?? "",
    brandName: p.brand?.name ?? null,
    sourceLocale: p.sourceLocale,
    originCountry: p.originCountry,
    hsCode: p.hsCode,
    hsCodeCn: p.hsCodeCn,
    unitOfSale: p.unitOfSale,
    packSize: p.packSize,
    moq: p.moq,
    currencyCode: p.currencyCode.trim() as ProductInput["currencyCode"],
    incoterm: p.incoterm,
    leadTimeDays: p.leadTimeDays,
    sampleAvailable: p.sampleAvailable,
    samplePriceMinor: p.samplePriceMinor,
    translations,
    variants: p.variants.map((v) => ({ sku: v.sku, voltage: v.voltage, plugType: v.plugType, color: v.color, colorNames: colorNamesInput(v.colorNames), capacity: v.capacity, netWeightG: v.netWeightG, grossWeightG: v.grossWeightG, lengthMm: v.lengthMm, widthMm: v.widthMm, heightMm: v.heightMm })),
    priceTiers: p.priceTiers.map((tier) => ({ minQuantity: tier.minQuantity, unitPriceMinor: tier.unitPriceMinor })),
    certifications: p.certifications.map((c) => ({ schemeCode: c.schemeCode, number: c.number, expiresOn: c.expiresOn })),
  };
}

/** Every product of the organization as sheet rows, oldest first, a page of products at a time. */
export async function* organizationSheetRows(scoped: ScopedDb): AsyncGenerator<Record<string, string>> {
  const exponents = new Map((await unscopedDb.currency.findMany({ select: { code: true, exponent: true } })).map((c) => [c.code.trim(), c.exponent]));
  let cursor: string | undefined;
  for (;;) {
    const page = await scoped.product.findMany({ orderBy: { id: "asc" }, take: PAGE, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}), include: EXPORT_INCLUDE });
    for (const product of page) {
      for (const row of productToRows(toSheetProduct(product), exponents.get(product.currencyCode.trim()) ?? 2)) yield row;
    }
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** Exports the organization's products: the same columns the import reads, one row per variant. */
export async function exportProductsResponse(scoped: ScopedDb, organizationId: string, format: SheetFormat, t: TFunction): Promise<Response> {
  const columns = sheetColumns(await layoutOf(organizationId));
  const date = new Date().toISOString().slice(0, 10);
  return download(streamSheet(format, columns, organizationSheetRows(scoped), format === "xlsx" ? explanationRows(t, columns) : null), format, `ponte-products-${date}.${format}`);
}

/** The rejected rows of an import as CSV, with the reasons in the reader's language. */
export function rejectedRowsResponse(rowErrors: RowError[], t: TFunction, importId: string): Response {
  const header = [t("importer.report.row"), t("importer.report.column"), t("importer.report.value"), t("importer.report.reason")];
  const records = rowErrors.map((e) => [String(e.row), describeColumn(t, e), e.value ?? "", describeRowError(t, e)]);
  const out = new PassThrough();
  const csv = stringify({ bom: true });
  csv.pipe(out);
  for (const record of [header, ...records]) csv.write(record.map(guardFormula));
  csv.end();
  return download(Readable.toWeb(out) as ReadableStream<Uint8Array>, "csv", `ponte-import-${importId.slice(0, 8)}-rejected-rows.csv`);
}
