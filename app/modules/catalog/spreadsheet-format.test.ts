import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { bombWorkbook, writeZip } from "../../../tests/support/zip";
import { serverT } from "~/modules/i18n/i18n.server";
import { explanationRows, streamSheet, templateResponse } from "./export.server";
import { detectDelimiter, READ_BUDGET, readSheet, sheetKindOf, type SheetKind } from "./import.server";
import {
  checkHeader,
  EXAMPLE_PRODUCT,
  MAX_IMPORT_ROWS,
  parseBooleanCell,
  parseDateCell,
  parsePriceCell,
  parseSpecsCell,
  productToRows,
  rowsToProducts,
  sheetColumns,
  TEMPLATE_LAYOUT,
  type ReferenceLookup,
  type SheetProduct,
  type SheetRow,
} from "./spreadsheet-format";

const CATEGORY_ID = "0190a1b2-0000-7000-8000-000000000001";
const BRAND_ID = "0190a1b2-0000-7000-8000-000000000002";
const lookup: ReferenceLookup = {
  categoryIdBySlug: new Map([["kitchen-appliances", CATEGORY_ID]]),
  brandIdByName: new Map([["gree-lux", BRAND_ID]]),
  schemeCodes: new Set(["INMETRO", "NOM", "CE"]),
  currencyExponent: new Map([
    ["USD", 2],
    ["CNY", 2],
  ]),
};

const KETTLE: SheetProduct = { ...EXAMPLE_PRODUCT, ref: "KETTLE-17", brandName: "Gree-Lux" };

/** Sheet rows as the reader produces them: header on row 1, data from row 2, empty cells absent. */
function sheetRows(records: Record<string, string>[]): SheetRow[] {
  return records.map((record, i) => ({ row: i + 2, cells: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== "")) }));
}

function expectedInput(product: SheetProduct) {
  const { ref: _ref, categorySlug: _slug, brandName: _brand, ...rest } = product;
  return { ...rest, categoryId: CATEGORY_ID, brandId: product.brandName ? BRAND_ID : null };
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("the column layout", () => {
  it("puts identity first, then translations by language, trade data, tiers, certificates and the variant's own columns", () => {
    const names = sheetColumns().map((c) => c.name);
    expect(names.slice(0, 9)).toEqual(["product_ref", "sku", "category", "brand", "source_language", "name_zh", "name_pt", "name_es", "name_en"]);
    expect(names).toContain("short_pt");
    expect(names).toContain("long_es");
    expect(names).toContain("specs_en");
    expect(names.filter((n) => /^tier\d+_/.test(n))).toEqual(["tier1_qty", "tier1_price", "tier2_qty", "tier2_price", "tier3_qty", "tier3_price", "tier4_qty", "tier4_price", "tier5_qty", "tier5_price"]);
    expect(names.filter((n) => n.startsWith("cert1_"))).toEqual(["cert1_scheme", "cert1_number", "cert1_expiry"]);
    expect(names.slice(-5)).toEqual(["net_weight_g", "gross_weight_g", "length_mm", "width_mm", "height_mm"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("accepts the template's header, in any case and with a byte order mark", () => {
    const header = sheetColumns().map((c) => c.name.toUpperCase());
    header[0] = `\uFEFF${header[0]}`;
    expect(checkHeader(header).errors).toEqual([]);
  });

  it("rejects unknown, repeated and missing columns, and a sheet without any name column", () => {
    const { errors } = checkHeader(["product_ref", "sku", "sku", "colour", "category"]);
    expect(errors).toContainEqual({ row: 1, column: "colour", code: "importer.errors.unknownColumn", value: "colour" });
    expect(errors).toContainEqual({ row: 1, column: "sku", code: "importer.errors.duplicateColumn" });
    expect(errors).toContainEqual({ row: 1, column: "hs_code", code: "importer.errors.missingColumn" });
    expect(errors).toContainEqual({ row: 1, column: "tier1_price", code: "importer.errors.missingColumn" });
    expect(errors).toContainEqual({ row: 1, column: "name_*", code: "importer.errors.missingName" });
  });
});

describe("cells", () => {
  it("reads prices as decimals in the currency's minor units, per exponent", () => {
    expect(parsePriceCell("12.5", 2)).toBe(1250n);
    expect(parsePriceCell("12,50", 2)).toBe(1250n);
    expect(parsePriceCell("1234.56", 2)).toBe(123456n);
    expect(parsePriceCell("1.234,56", 2)).toBe(123456n);
    expect(parsePriceCell("1,234.56", 2)).toBe(123456n);
    expect(parsePriceCell("7", 2)).toBe(700n);
    // CLP has no decimals: 5000 pesos are 5000 minor units, and a fraction is refused.
    expect(parsePriceCell("5000", 0)).toBe(5000n);
    expect(parsePriceCell("5000.5", 0)).toBeNull();
    // Too many decimals, ambiguous grouping, negative or words: refused, never rounded or guessed.
    expect(parsePriceCell("12.345", 2)).toBeNull();
    expect(parsePriceCell("1,234", 2)).toBeNull();
    expect(parsePriceCell("-3", 2)).toBeNull();
    expect(parsePriceCell("twelve", 2)).toBeNull();
    expect(parsePriceCell("1.234", 0)).toBe(1234n);
  });

  it("reads yes/no in the four languages, ISO dates only, and one specification per line", () => {
    for (const yes of ["yes", "Sim", "sí", "是", "1", "TRUE"]) expect(parseBooleanCell(yes)).toBe(true);
    for (const no of ["no", "não", "nao", "否", "0", "false"]) expect(parseBooleanCell(no)).toBe(false);
    expect(parseBooleanCell("maybe")).toBeNull();
    expect(parseDateCell("2027-03-31")?.toISOString()).toBe("2027-03-31T00:00:00.000Z");
    expect(parseDateCell("2027-02-30")).toBeNull();
    expect(parseDateCell("31/03/2027")).toBeNull();
    expect(parseSpecsCell("Capacity: 1.7 L\n功率：1500 W\n")).toEqual([
      { label: "Capacity", value: "1.7 L" },
      { label: "功率", value: "1500 W" },
    ]);
    expect(parseSpecsCell("no colon here")).toBeNull();
  });

  it("tells CSV from XLSX by name and content, and finds the CSV's separator", () => {
    expect(sheetKindOf("products.csv", new TextEncoder().encode("prod"))).toBe("csv");
    expect(sheetKindOf("products.XLSX", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
    expect(sheetKindOf("products.xlsx", new TextEncoder().encode("prod"))).toBeNull();
    expect(sheetKindOf("products.pdf", new TextEncoder().encode("%PDF"))).toBeNull();
    expect(detectDelimiter("product_ref;sku;category\n1,5;2;3")).toBe(";");
    expect(detectDelimiter("product_ref,sku,category\n")).toBe(",");
  });
});

describe("rows to products", () => {
  it("groups the rows of a product_ref into one product with its variants, tiers and certificates", () => {
    const { groups, errors } = rowsToProducts(sheetRows(productToRows(KETTLE, 2)), lookup);
    expect(errors).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.variantRows).toEqual([2, 3]);
    expect(groups[0]!.input).toEqual(expectedInput(KETTLE));
  });

  it("reads and writes each variant's colour per language in color_zh/pt/es/en, reporting a bad one on its own cell", () => {
    const records = productToRows(KETTLE, 2);
    expect(records[0]).toMatchObject({ color: "Silver", color_zh: "银色", color_pt: "Prata", color_es: "Plateado", color_en: "" });
    const { groups } = rowsToProducts(sheetRows(records), lookup);
    expect(groups[0]!.input!.variants.map((v) => v.colorNames)).toEqual([
      { zh: "银色", pt: "Prata", es: "Plateado" },
      { zh: "银色", pt: "Prata", es: "Plateado" },
    ]);
    // A file without the columns (an older export) imports as before: no names, the colour as typed.
    const older = records.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("color_"))));
    expect(rowsToProducts(sheetRows(older), lookup).groups[0]!.input!.variants[0]!.colorNames).toBeUndefined();
    const tooLong = records.map((r, i) => (i === 1 ? { ...r, color_pt: "P".repeat(61) } : r));
    const { groups: rejected, errors } = rowsToProducts(sheetRows(tooLong), lookup);
    expect(rejected[0]!.input).toBeNull();
    expect(errors).toEqual([{ row: 3, column: "color_pt", code: "validation.tooLong", value: "P".repeat(61) }]);
  });

  it("lets later rows leave the product's columns empty, and rejects a value that contradicts the first row", () => {
    const records = productToRows(KETTLE, 2);
    const second = Object.fromEntries(Object.entries(records[1]!).filter(([k]) => ["product_ref", "sku", "voltage", "plug_type", "color", "capacity", "net_weight_g", "gross_weight_g", "length_mm", "width_mm", "height_mm"].includes(k)));
    expect(rowsToProducts(sheetRows([records[0]!, second]), lookup).errors).toEqual([]);
    const contradicting = { ...second, moq: "100" };
    expect(rowsToProducts(sheetRows([records[0]!, contradicting]), lookup).errors).toEqual([{ row: 3, column: "moq", code: "importer.errors.conflict", value: "100", params: { row: 2 } }]);
  });

  it("points each problem at its row and column, with a message key", () => {
    const rows: Record<string, string>[] = productToRows(KETTLE, 2).map((r) => ({ ...r, hs_code: "1234", tier2_price: "11.505", cert1_scheme: "XYZ" }));
    rows[1] = { ...rows[1]!, gross_weight_g: "900" };
    const { groups, errors } = rowsToProducts(sheetRows(rows), lookup);
    expect(groups[0]!.input).toBeNull();
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "cert1_scheme", "importer.errors.unknownScheme"],
      [2, "hs_code", "catalog.validation.hsCode"],
      [2, "tier2_price", "importer.errors.decimal"],
      [3, "gross_weight_g", "catalog.validation.grossBelowNet"],
    ]);
  });

  it("rejects unknown categories and brands, repeated SKUs, half tiers and words where numbers go", () => {
    const [a, b] = productToRows(KETTLE, 2);
    const other = productToRows({ ...KETTLE, ref: "OTHER", categorySlug: "no-such-category", brandName: "Acme" }, 2)[0]!;
    const { errors } = rowsToProducts(sheetRows([a!, { ...b!, net_weight_g: "heavy" }, { ...other, tier3_price: "", moq: "60" }]), lookup);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, "net_weight_g", "catalog.validation.wholeNumber"],
      [4, "brand", "importer.errors.unknownBrand"],
      [4, "category", "importer.errors.unknownCategory"],
      [4, "sku", "importer.errors.duplicateSku"],
      [4, "tier3_price", "importer.errors.tierIncomplete"],
    ]);
  });

  it("maps schema rules on tiers to the tier columns (first tier at the MOQ, prices never rising)", () => {
    const rows = productToRows(KETTLE, 2).map((r) => ({ ...r, tier2_price: "13.00" }));
    const { errors } = rowsToProducts(sheetRows(rows), lookup);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, "tier1_price", "catalog.validation.tiers.price_increases"]]);
  });
});

describe("files", () => {
  const t = serverT("en");
  const columns = sheetColumns(TEMPLATE_LAYOUT);

  for (const kind of ["csv", "xlsx"] as const satisfies readonly SheetKind[]) {
    it(`${kind}: a product written by the export reads back as the same product`, async () => {
      const records = productToRows({ ...KETTLE, translations: { ...KETTLE.translations, es: { ...KETTLE.translations.es!, source: "MACHINE", longDescription: 'Línea 1\nLínea 2, con "comillas"; y punto y coma' } } }, 2);
      const bytes = await bytesOf(streamSheet(kind, columns, (async function* () { yield* records; })(), kind === "xlsx" ? explanationRows(t, columns) : null));
      const sheet = await readSheet(kind, bytes);
      expect(sheet.headerErrors).toEqual([]);
      expect(sheet.rows.map((r) => r.row)).toEqual([2, 3]);
      const { groups, errors } = rowsToProducts(sheet.rows, lookup);
      expect(errors).toEqual([]);
      expect(groups[0]!.input!.translations.es).toMatchObject({ source: "MACHINE", longDescription: 'Línea 1\nLínea 2, con "comillas"; y punto y coma' });
      expect(productToRows({ ...KETTLE, ...expectedInputBack(groups[0]!.input!) }, 2)).toEqual(records);
    });

    it(`${kind}: the template has the header, and its example row is a comment that imports once uncommented`, async () => {
      const response = templateResponse(kind, t);
      expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="ponte-import-template.${kind}"`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const sheet = await readSheet(kind, bytes);
      expect(sheet.headerErrors).toEqual([]);
      expect(sheet.rows).toEqual([]);
      const withExample = await readSheet(kind, bytes, { keepComments: true });
      expect(withExample.rows).toHaveLength(2);
      const uncommented = withExample.rows.map((r) => ({ ...r, cells: { ...r.cells, product_ref: r.cells.product_ref!.slice(1) } }));
      const { groups, errors } = rowsToProducts(uncommented, lookup);
      expect(errors).toEqual([]);
      expect(groups[0]!.input).toEqual(expectedInput(EXAMPLE_PRODUCT));
    });
  }

  it("reads semicolon-separated CSV with decimal commas, as Excel saves it in Portuguese", async () => {
    const records: Record<string, string>[] = productToRows(KETTLE, 2).map((r) => ({ ...r, tier1_price: r.tier1_price!.replace(".", ",") }));
    const text = [columns.map((c) => c.name).join(";"), ...records.map((r) => columns.map((c) => `"${(r[c.name] ?? "").replace(/"/g, '""')}"`).join(";"))].join("\r\n");
    const sheet = await readSheet("csv", new TextEncoder().encode(`\uFEFF${text}`));
    const { groups, errors } = rowsToProducts(sheet.rows, lookup);
    expect(errors).toEqual([]);
    expect(groups[0]!.input!.priceTiers[0]).toEqual({ minQuantity: 60, unitPriceMinor: 1250n });
  });

  it("refuses text that is not UTF-8, and files over the row limit", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("product_ref,sku\nA,"), 0xe7, 0xe3]);
    await expect(readSheet("csv", latin1)).rejects.toMatchObject({ code: "encoding" });
    const header = columns.map((c) => c.name).join(",");
    const many = [header, ...Array.from({ length: 6 }, (_, i) => `P${i},S${i}`)].join("\n");
    await expect(readSheet("csv", new TextEncoder().encode(many), { maxRows: 5 })).rejects.toMatchObject({ code: "tooManyRows", params: { max: 5 } });
  });

  it("accepts exactly MAX_IMPORT_ROWS data rows and refuses one more", async () => {
    const header = columns.map((c) => c.name).join(",");
    const lines = (n: number) => [header, ...Array.from({ length: n }, (_, i) => `P${i},S${i}`)].join("\n");
    // Empty and comment rows are not data rows: they do not count.
    const accepted = await readSheet("csv", new TextEncoder().encode(`${lines(MAX_IMPORT_ROWS)}\n,\n#EXAMPLE,X\n`));
    expect(accepted.rows).toHaveLength(10_000);
    await expect(readSheet("csv", new TextEncoder().encode(lines(MAX_IMPORT_ROWS + 1)))).rejects.toMatchObject({ code: "tooManyRows", params: { max: 10_000 } });
  });

  it("refuses a file past its cell budget (empty rows cost one cell), and reads one exactly at it", async () => {
    const text = "product_ref,sku,name_en\nA,B,C\n\nD,E\n";
    // 3 + 3 + 1 + 2 cells.
    const budget = { ...READ_BUDGET, cells: 9 };
    expect((await readSheet("csv", new TextEncoder().encode(text), { budget })).rows).toHaveLength(2);
    await expect(readSheet("csv", new TextEncoder().encode(text), { budget: { ...budget, cells: 8 } })).rejects.toMatchObject({ code: "expands" });
  });

  it("xlsx: counts every sheet's cells, and the shared strings by number and characters as ExcelJS reads them", async () => {
    const workbook = new ExcelJS.Workbook();
    const products = workbook.addWorksheet("Products");
    products.addRow(["product_ref", "sku", "name_en"]);
    products.addRow(["KT-1", "KT-1-110", "Kettle"]);
    workbook.addWorksheet("Help").addRow(["one", "two"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    // Shared strings: product_ref sku name_en KT-1 KT-1-110 Kettle one two = 8 strings, 45 characters.
    const exact = { cells: 8, sharedStrings: 8, sharedStringChars: 45 };
    expect((await readSheet("xlsx", bytes, { budget: exact })).rows).toEqual([{ row: 2, cells: { product_ref: "KT-1", sku: "KT-1-110", name_en: "Kettle" } }]);
    await expect(readSheet("xlsx", bytes, { budget: { ...exact, cells: 7 } })).rejects.toMatchObject({ code: "expands" });
    await expect(readSheet("xlsx", bytes, { budget: { ...exact, sharedStrings: 7 } })).rejects.toMatchObject({ code: "expands" });
    await expect(readSheet("xlsx", bytes, { budget: { ...exact, sharedStringChars: 44 } })).rejects.toMatchObject({ code: "expands" });
    // Rich text counts by its runs' characters.
    const rich = new ExcelJS.Workbook();
    rich.addWorksheet("P").addRow([{ richText: [{ text: "product" }, { text: "_ref" }] }]);
    const richBytes = new Uint8Array(await rich.xlsx.writeBuffer());
    expect((await readSheet("xlsx", richBytes, { budget: { cells: 1, sharedStrings: 1, sharedStringChars: 11 } })).headerErrors.length).toBeGreaterThan(0);
    await expect(readSheet("xlsx", richBytes, { budget: { cells: 1, sharedStrings: 1, sharedStringChars: 10 } })).rejects.toMatchObject({ code: "expands" });
  });

  it("xlsx: the probe's bomb is refused before ExcelJS reads it, and so is a damaged archive", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Products").addRow(["product_ref", "sku"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(readSheet("xlsx", await bombWorkbook(bytes))).rejects.toMatchObject({ code: "expands" });
    await expect(readSheet("xlsx", writeZip([{ name: "xl/../x.xml", data: "x" }]))).rejects.toMatchObject({ code: "archive" });
  });

  it("explains every column in the reader's language", () => {
    const rows = explanationRows(serverT("pt"), columns);
    expect(rows[0]![0]).toContain("Uma linha por variante");
    expect(rows.find((r) => r[0] === "tier2_price")?.[3]).toBe("Faixa de preço 2: preço unitário, decimal na moeda do produto.");
    expect(rows.filter((r) => r.length === 4)).toHaveLength(columns.length + 1);
  });
});

/** The sheet fields of a product read back (ids replaced by the names the lookup knows). */
function expectedInputBack(input: NonNullable<ReturnType<typeof rowsToProducts>["groups"][number]["input"]>): Partial<SheetProduct> {
  const { categoryId: _c, brandId: _b, ...rest } = input;
  return rest;
}

describe("CSV formula injection", () => {
  it("guards cells that a spreadsheet would run as formulas, and the import takes the guard off", async () => {
    const { guardFormula, unguardFormula } = await import("./spreadsheet-format");
    for (const value of ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"]) {
      expect(guardFormula(value)).toBe(`'${value}`);
      expect(unguardFormula(guardFormula(value))).toBe(value);
    }
    expect(guardFormula("Cafeteira")).toBe("Cafeteira");
    expect(unguardFormula("'quoted")).toBe("'quoted");
  });
});
