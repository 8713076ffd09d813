import { describe, expect, it } from "vitest";
import {
  checkHeader,
  columnSpec,
  compareErrors,
  EXAMPLE_PRODUCT,
  formatSpecs,
  guardFormula,
  isNumericColumn,
  layoutFor,
  locateIssue,
  normalizeHeaderCell,
  parseBooleanCell,
  parseDateCell,
  parseIntegerCell,
  parseSpecsCell,
  productToRows,
  rowCells,
  rowsToProducts,
  sheetColumns,
  toSheetRow,
  unguardFormula,
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
    ["CLP", 0],
  ]),
};

const KETTLE: SheetProduct = { ...EXAMPLE_PRODUCT, ref: "KETTLE-17", brandName: "Gree-Lux" };

function sheetRows(records: Record<string, string>[]): SheetRow[] {
  return records.map((record, i) => ({ row: i + 2, cells: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== "")) }));
}

/** The kettle's rows with `change` applied to every row (empty string: the cell is left empty). */
function kettleRows(change: Record<string, string> = {}, product: SheetProduct = KETTLE): SheetRow[] {
  return sheetRows(productToRows(product, 2).map((r) => ({ ...r, ...change })));
}

function codes(rows: SheetRow[]) {
  const { groups, errors } = rowsToProducts(rows, lookup);
  return { groups, errors: errors.map((e) => [e.row, e.column, e.code]), full: errors };
}

describe("header cells and the header check", () => {
  it("normalizes header cells", () => {
    expect(normalizeHeaderCell("\uFEFF  Net Weight-G ")).toBe("net_weight_g");
    expect(normalizeHeaderCell("Tier1 -  Qty")).toBe("tier1_qty");
    expect(normalizeHeaderCell("x\uFEFFy")).toBe("x_y");
    expect(normalizeHeaderCell("   ")).toBe("");
  });

  it("keeps a null name for an empty header cell, and accepts a header with one name column", () => {
    const required = sheetColumns({ tiers: 1, certifications: 0 }).filter((c) => c.required).map((c) => c.name);
    const { names, errors } = checkHeader([...required, "", "Name_PT"]);
    expect(names).toEqual([...required, null, "name_pt"]);
    expect(errors).toEqual([]);
  });

  it("lists exactly the missing required columns, once each", () => {
    const { errors, names } = checkHeader([" Colour ", "name_en", "NAME_EN"]);
    expect(names).toEqual(["colour", "name_en", "name_en"]);
    expect(errors).toEqual([
      { row: 1, column: "Colour", code: "importer.errors.unknownColumn", value: "Colour" },
      { row: 1, column: "name_en", code: "importer.errors.duplicateColumn" },
      ...["product_ref", "sku", "category", "hs_code", "pack_size", "moq", "currency", "lead_time_days", "tier1_qty", "tier1_price", "net_weight_g", "gross_weight_g", "length_mm", "width_mm", "height_mm"].map((column) => ({
        row: 1,
        column,
        code: "importer.errors.missingColumn",
      })),
    ]);
  });

  it("accepts the widest layout's columns but not one more", () => {
    expect(checkHeader(["tier10_qty", "cert30_expiry"]).errors.filter((e) => e.code === "importer.errors.unknownColumn")).toEqual([]);
    expect(checkHeader(["tier11_qty", "cert31_expiry"]).errors.filter((e) => e.code === "importer.errors.unknownColumn").map((e) => e.column)).toEqual(["tier11_qty", "cert31_expiry"]);
  });
});

describe("column specs", () => {
  it("describes each column by level, requirement and explanation key", () => {
    expect(columnSpec("product_ref")).toEqual({ name: "product_ref", level: "product", required: true, doc: "product_ref", docParams: undefined });
    expect(columnSpec("brand")).toEqual({ name: "brand", level: "product", required: false, doc: "brand", docParams: undefined });
    expect(columnSpec("sku")).toMatchObject({ level: "variant", required: true });
    expect(columnSpec("voltage")).toMatchObject({ level: "variant", required: false });
    expect(columnSpec("name_pt")).toEqual({ name: "name_pt", level: "product", required: false, doc: "name", docParams: { lang: "pt" } });
    expect(columnSpec("tier1_qty")).toEqual({ name: "tier1_qty", level: "product", required: true, doc: "tier_qty", docParams: { n: 1 } });
    expect(columnSpec("tier2_price")).toEqual({ name: "tier2_price", level: "product", required: false, doc: "tier_price", docParams: { n: 2 } });
    expect(columnSpec("cert3_number")).toEqual({ name: "cert3_number", level: "product", required: false, doc: "cert_number", docParams: { n: 3 } });
    expect(columnSpec("unit_of_sale")?.docParams?.choices).toContain("PIECE");
    expect(columnSpec("incoterm")?.docParams?.choices).toContain("FOB");
    expect(columnSpec("currency")?.docParams?.choices).toContain("USD");
    expect(columnSpec("nope")).toBeUndefined();
  });

  it("sizes tiers and certificates by layout, never below the template", () => {
    expect(layoutFor(2, 1)).toEqual({ tiers: 5, certifications: 3 });
    expect(layoutFor(7, 9)).toEqual({ tiers: 7, certifications: 9 });
    const names = sheetColumns({ tiers: 2, certifications: 1 }).map((c) => c.name);
    expect(names.filter((n) => /^(tier|cert)\d/.test(n))).toEqual(["tier1_qty", "tier1_price", "tier2_qty", "tier2_price", "cert1_scheme", "cert1_number", "cert1_expiry"]);
    expect(names).toContain("machine_translated");
    expect(names.indexOf("hs_code")).toBeGreaterThan(names.indexOf("machine_translated"));
    expect(names.slice(-13, -5)).toEqual(["voltage", "plug_type", "color", "color_zh", "color_pt", "color_es", "color_en", "capacity"]);
  });

  it("knows which columns are numbers, and lays records out as cells", () => {
    for (const name of ["pack_size", "moq", "lead_time_days", "net_weight_g", "gross_weight_g", "length_mm", "width_mm", "height_mm", "tier1_qty", "tier10_qty"]) expect(isNumericColumn(name)).toBe(true);
    for (const name of ["tier1_price", "sku", "sample_price", "xmoq", "moqx", "tier_qty"]) expect(isNumericColumn(name)).toBe(false);
    expect(rowCells({ sku: "A", moq: "5" }, [columnSpec("moq")!, columnSpec("brand")!, columnSpec("sku")!])).toEqual(["5", "", "A"]);
  });
});

describe("formula guard", () => {
  it("guards tabs and carriage returns too, and only at the start", () => {
    expect(guardFormula("\tx")).toBe("'\tx");
    expect(guardFormula("\rx")).toBe("'\rx");
    expect(guardFormula("a=b")).toBe("a=b");
    expect(guardFormula("")).toBe("");
    expect(unguardFormula("'\tx")).toBe("\tx");
    expect(unguardFormula("'\rx")).toBe("\rx");
    expect(unguardFormula("'-1")).toBe("-1");
    expect(unguardFormula("x'=1")).toBe("x'=1");
    expect(unguardFormula("'")).toBe("'");
  });
});

describe("toSheetRow", () => {
  const names = ["product_ref", "sku", null, "name_en"];
  it("keeps trimmed non-empty cells by name, and names a cell under an empty header by its position", () => {
    expect(toSheetRow(7, names, [" P1 ", "", "stray", "'=Kettle"])).toEqual({ row: 7, cells: { product_ref: "P1", "#3": "stray", name_en: "=Kettle" } });
    expect(toSheetRow(3, names, ["P1", "S1"])).toEqual({ row: 3, cells: { product_ref: "P1", sku: "S1" } });
  });
  it("drops empty rows and comment rows unless comments are kept", () => {
    expect(toSheetRow(2, names, ["", "  ", ""])).toBeNull();
    expect(toSheetRow(2, names, [])).toBeNull();
    expect(toSheetRow(2, names, ["#EX", "S"])).toBeNull();
    expect(toSheetRow(2, names, ["#EX", "S"], true)).toEqual({ row: 2, cells: { product_ref: "#EX", sku: "S" } });
    expect(toSheetRow(2, names, ["", "S#"])).toEqual({ row: 2, cells: { sku: "S#" } });
    expect(toSheetRow(2, names, ["P#", "S"])).toEqual({ row: 2, cells: { product_ref: "P#", sku: "S" } });
  });
});

describe("cell parsers", () => {
  it("reads every yes and no word, trimmed and in any case", () => {
    for (const yes of ["yes", "y", "true", "1", "sim", "s", "sí", "si", "是", "有", "x", " YES ", "X"]) expect(parseBooleanCell(yes)).toBe(true);
    for (const no of ["no", "n", "false", "0", "não", "nao", "否", "无", "-", " NO "]) expect(parseBooleanCell(no)).toBe(false);
    for (const other of ["", "2", "yess", "ja"]) expect(parseBooleanCell(other)).toBeNull();
  });

  it("reads whole numbers of up to twelve digits", () => {
    expect(parseIntegerCell(" 42 ")).toBe(42);
    expect(parseIntegerCell("007")).toBe(7);
    expect(parseIntegerCell("999999999999")).toBe(999_999_999_999);
    expect(parseIntegerCell("1000000000000")).toBeNull();
    for (const bad of ["", "-1", "1.5", "1,5", "12a", "a12", "1 2"]) expect(parseIntegerCell(bad)).toBeNull();
  });

  it("reads ISO dates only, trimmed, and refuses impossible ones", () => {
    expect(parseDateCell(" 2027-03-31 ")?.toISOString()).toBe("2027-03-31T00:00:00.000Z");
    expect(parseDateCell("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(parseDateCell("2027-12-01")?.toISOString()).toBe("2027-12-01T00:00:00.000Z");
    for (const bad of ["2027-13-01", "2027-00-10", "2027-3-31", "x2027-03-31", "2027-03-31x", "20270-03-31", "2027-02-29", ""]) expect(parseDateCell(bad)).toBeNull();
  });

  it("reads specifications line by line, keeping colons in the value", () => {
    expect(parseSpecsCell("")).toEqual([]);
    expect(parseSpecsCell("\r\n \n")).toEqual([]);
    expect(parseSpecsCell(" Plug : Type N \r\nTime: 10:30")).toEqual([
      { label: "Plug", value: "Type N" },
      { label: "Time", value: "10:30" },
    ]);
    expect(parseSpecsCell("Empty:")).toEqual([{ label: "Empty", value: "" }]);
    expect(parseSpecsCell(": no label")).toBeNull();
    expect(parseSpecsCell("A: 1\nbroken")).toBeNull();
    expect(formatSpecs([{ label: "A", value: "1" }, { label: "B", value: "2" }])).toBe("A: 1\nB: 2");
    expect(formatSpecs([])).toBe("");
  });
});

describe("compareErrors", () => {
  it("orders by row, then column, with no column first", () => {
    const e = (row: number, column: string | null) => ({ row, column, code: "x" });
    expect([e(3, "a"), e(2, "b"), e(2, null), e(2, "a")].sort(compareErrors)).toEqual([e(2, null), e(2, "a"), e(2, "b"), e(3, "a")]);
    expect(compareErrors(e(2, "a"), e(2, "a"))).toBe(0);
    expect(compareErrors(e(2, "b"), e(3, "a"))).toBeLessThan(0);
  });
});

describe("rows to products: grouping", () => {
  it("reports a missing product_ref, cells under empty headers, and SKUs repeated in another case", () => {
    const rows: SheetRow[] = [
      ...kettleRows(),
      { row: 4, cells: { sku: "LOOSE" } },
      { row: 5, cells: { ...kettleRows()[1]!.cells, product_ref: "kettle-17", sku: "example-kt17-127", "#70": "stray" } },
    ];
    const { groups, full } = codes(rows);
    expect(full).toEqual([
      { row: 2, column: "sku", code: "catalog.validation.duplicateSku", value: "EXAMPLE-KT17-127" },
      { row: 4, column: "product_ref", code: "validation.required" },
      { row: 5, column: "#70", code: "importer.errors.unknownColumn", value: "stray" },
      { row: 5, column: "sku", code: "importer.errors.duplicateSku", value: "example-kt17-127", params: { row: 2 } },
    ]);
    // The ref is matched regardless of case: row 5 belongs to the kettle, which is therefore not saved.
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ ref: "KETTLE-17", firstRow: 2, variantRows: [2, 3, 5], tierSlots: [1, 2, 3], certSlots: [1], input: null });
  });

  it("drops a group whose row has a stray cell, and keeps the other groups", () => {
    const other = productToRows({ ...KETTLE, ref: "OTHER", variants: [{ ...KETTLE.variants[0]!, sku: "OTHER-1" }] }, 2)[0]!;
    const rows = sheetRows([...productToRows(KETTLE, 2), { ...other, "#99": "x" }]);
    const { groups, errors } = codes(rows);
    expect(errors).toEqual([[4, "#99", "importer.errors.unknownColumn"]]);
    expect(groups.map((g) => [g.ref, g.input === null])).toEqual([
      ["KETTLE-17", false],
      ["OTHER", true],
    ]);
  });

  it("takes unset product columns from the first row only, and reports every contradiction", () => {
    const rows = kettleRows();
    rows[1]!.cells = { ...rows[1]!.cells, product_ref: "kettle-17", brand: "Other", name_en: "Changed" };
    const { full } = codes(rows);
    expect(full).toEqual([
      { row: 3, column: "brand", code: "importer.errors.conflict", value: "Other", params: { row: 2 } },
      { row: 3, column: "name_en", code: "importer.errors.conflict", value: "Changed", params: { row: 2 } },
    ]);
  });
});

describe("rows to products: product cells", () => {
  it("maps a product with defaults for the optional cells", () => {
    const rows = kettleRows({ brand: "", hs_code_cn: "", sample_available: "", sample_price: "", unit_of_sale: "", incoterm: "", machine_translated: "", source_language: "", cert1_scheme: "", cert1_number: "", cert1_expiry: "", voltage: "", plug_type: "", color: "", capacity: "", name_zh: "", short_zh: "", long_zh: "", specs_zh: "", name_pt: "", short_pt: "", specs_pt: "" });
    const { groups, errors } = codes(rows);
    expect(errors).toEqual([]);
    const input = groups[0]!.input!;
    expect(input).toMatchObject({ brandId: null, hsCodeCn: null, sampleAvailable: false, samplePriceMinor: null, unitOfSale: "PIECE", incoterm: "FOB", sourceLocale: "es", certifications: [] });
    expect(Object.keys(input.translations)).toEqual(["es", "en"]);
    expect(input.variants[0]).toMatchObject({ sku: "EXAMPLE-KT17-127", voltage: null, plugType: null, color: null, capacity: null, netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 });
    expect(groups[0]!.certSlots).toEqual([]);
  });

  it("keeps a translation given only by a short description, specs or long text", () => {
    // Such a translation exists (and then needs its name): the schema says so at its name column.
    const { errors } = codes(kettleRows({ name_zh: "", short_zh: "", specs_zh: "", long_zh: "只有长描述", name_pt: "", short_pt: "", specs_pt: "Peso: 1 kg", name_es: "", specs_es: "", source_language: "en" }));
    expect(errors).toEqual([
      [2, "name_es", "catalog.validation.nameRequired"],
      [2, "name_pt", "catalog.validation.nameRequired"],
      [2, "name_zh", "catalog.validation.nameRequired"],
    ]);
  });

  it("reads choices, booleans and sources in any case", () => {
    const { groups, errors } = codes(kettleRows({ unit_of_sale: " piece ", incoterm: "exw", currency: "cny", source_language: " PT ", sample_available: "No", sample_price: "", category: "Kitchen-Appliances", brand: "GREE-LUX", cert1_scheme: " inmetro " }));
    expect(errors).toEqual([]);
    expect(groups[0]!.input).toMatchObject({ unitOfSale: "PIECE", incoterm: "EXW", currencyCode: "CNY", sourceLocale: "pt", sampleAvailable: false, samplePriceMinor: null, categoryId: CATEGORY_ID, brandId: BRAND_ID });
    expect(groups[0]!.input!.certifications[0]).toMatchObject({ schemeCode: "INMETRO" });
  });

  it("reports bad choices with the allowed values, and unknown currencies, languages and words", () => {
    const { full } = codes(kettleRows({ unit_of_sale: "crate", incoterm: "XYZ", source_language: "fr", sample_available: "perhaps", machine_translated: "en,de" }));
    const byColumn = Object.fromEntries(full.map((e) => [e.column, e]));
    expect(byColumn.unit_of_sale).toMatchObject({ row: 2, code: "importer.errors.choice", value: "crate" });
    expect(String(byColumn.unit_of_sale!.params!.choices)).toMatch(/^PIECE, .+/);
    expect(byColumn.incoterm).toMatchObject({ code: "importer.errors.choice", value: "XYZ" });
    expect(byColumn.incoterm!.params).toEqual({ choices: "EXW, FOB" });
    expect(byColumn.source_language).toEqual({ row: 2, column: "source_language", code: "importer.errors.language", value: "fr", params: undefined });
    expect(byColumn.sample_available).toEqual({ row: 2, column: "sample_available", code: "importer.errors.boolean", value: "perhaps", params: undefined });
    expect(byColumn.machine_translated).toEqual({ row: 2, column: "machine_translated", code: "importer.errors.language", value: "en,de", params: undefined });
    expect(full.map((e) => e.column)).toEqual(["incoterm", "machine_translated", "sample_available", "source_language", "unit_of_sale"]);
  });

  it("reports a currency outside the list, and then does not read prices", () => {
    const { full, groups } = codes(kettleRows({ currency: "EUR", tier1_price: "abc" }));
    expect(groups[0]!.input).toBeNull();
    expect(full.filter((e) => e.column !== "tier1_price" || e.code === "importer.errors.decimal")).toContainEqual({ row: 2, column: "currency", code: "importer.errors.choice", value: "EUR", params: { choices: expect.stringContaining("USD, ") } });
    expect(full.some((e) => e.code === "importer.errors.decimal")).toBe(false);
  });

  it("reports prices with too many decimals for the currency, with the currency's decimals", () => {
    expect(codes(kettleRows({ sample_price: "1.005" })).full).toEqual([{ row: 2, column: "sample_price", code: "importer.errors.decimal", value: "1.005", params: { decimals: 2 } }]);
    const noDecimals = { ...lookup, currencyExponent: new Map([["USD", 0]]) };
    const clp = rowsToProducts(kettleRows({ tier1_price: "12.5", tier2_price: "11", tier3_price: "10", sample_price: "15" }), noDecimals);
    expect(clp.errors).toEqual([{ row: 2, column: "tier1_price", code: "importer.errors.decimal", value: "12.5", params: { decimals: 0 } }]);
  });

  it("marks the languages named as machine translated, however they are separated", () => {
    const { groups, errors } = codes(kettleRows({ machine_translated: " PT; es ,  en " }));
    expect(errors).toEqual([]);
    const tr = groups[0]!.input!.translations;
    expect([tr.zh!.source, tr.pt!.source, tr.es!.source, tr.en!.source]).toEqual(["HUMAN", "MACHINE", "MACHINE", "MACHINE"]);
  });

  it("ignores a machine-translated language that has no translation", () => {
    const { groups, errors } = codes(kettleRows({ machine_translated: "pt", name_pt: "", short_pt: "", specs_pt: "" }));
    expect(errors).toEqual([]);
    expect(groups[0]!.input!.translations.pt).toBeUndefined();
  });

  it("asks for a name when the product has no translation at all", () => {
    const empty = Object.fromEntries(["zh", "pt", "es", "en"].flatMap((l) => ["name", "short", "long", "specs"].map((f) => [`${f}_${l}`, ""])));
    const { full } = codes(kettleRows({ ...empty, source_language: "" }));
    expect(full).toEqual([
      { row: 2, column: "name_zh", code: "importer.errors.missingName", value: undefined, params: undefined },
      { row: 2, column: "source_language", code: "importer.errors.invalid", value: undefined },
    ]);
  });

  it("reports a required category and unreadable specifications", () => {
    const { full } = codes(kettleRows({ category: "", specs_pt: "sem dois pontos" }));
    expect(full).toEqual([
      { row: 2, column: "category", code: "validation.required", value: undefined, params: undefined },
      { row: 2, column: "specs_pt", code: "importer.errors.specs", value: "sem dois pontos", params: undefined },
    ]);
  });

  it("reports words in whole-number product cells once, at the first row", () => {
    const { full } = codes(kettleRows({ moq: "sixty", pack_size: "6.5", lead_time_days: "x", tier2_qty: "many" }));
    expect(full).toEqual([
      { row: 2, column: "lead_time_days", code: "catalog.validation.wholeNumber", value: "x", params: undefined },
      { row: 2, column: "moq", code: "catalog.validation.wholeNumber", value: "sixty", params: undefined },
      { row: 2, column: "pack_size", code: "catalog.validation.wholeNumber", value: "6.5", params: undefined },
      { row: 2, column: "tier2_qty", code: "catalog.validation.wholeNumber", value: "many", params: undefined },
    ]);
  });

  it("reports each variant's unreadable measures on its own row", () => {
    const rows = kettleRows();
    rows[1]!.cells = { ...rows[1]!.cells, length_mm: "long", width_mm: "-1", height_mm: "1e3", gross_weight_g: "" };
    rows[0]!.cells = { ...rows[0]!.cells, net_weight_g: "?" };
    const { errors } = codes(rows);
    expect(errors).toEqual([
      [2, "net_weight_g", "catalog.validation.wholeNumber"],
      [3, "gross_weight_g", expect.any(String)],
      [3, "height_mm", "catalog.validation.wholeNumber"],
      [3, "length_mm", "catalog.validation.wholeNumber"],
      [3, "width_mm", "catalog.validation.wholeNumber"],
    ]);
  });
});

describe("rows to products: tiers and certificates", () => {
  it("skips empty tier slots and remembers which column each tier came from", () => {
    const { groups, errors } = codes(kettleRows({ tier2_qty: "", tier2_price: "", tier5_qty: "5000", tier5_price: "9.99" }));
    expect(errors).toEqual([]);
    expect(groups[0]!.tierSlots).toEqual([1, 3, 5]);
    expect(groups[0]!.input!.priceTiers).toEqual([
      { minQuantity: 60, unitPriceMinor: 1250n },
      { minQuantity: 1000, unitPriceMinor: 1080n },
      { minQuantity: 5000, unitPriceMinor: 999n },
    ]);
  });

  it("reads the tenth tier and the thirtieth certificate", () => {
    const { groups, errors } = codes(kettleRows({ tier10_qty: "9000", tier10_price: "9", cert30_scheme: "CE", cert30_number: "C-30" }));
    expect(errors).toEqual([]);
    expect(groups[0]!.tierSlots).toEqual([1, 2, 3, 10]);
    expect(groups[0]!.certSlots).toEqual([1, 30]);
    expect(groups[0]!.input!.certifications[1]).toEqual({ schemeCode: "CE", number: "C-30", expiresOn: null });
  });

  it("names the missing half of a tier", () => {
    expect(codes(kettleRows({ tier2_qty: "" })).full).toEqual([{ row: 2, column: "tier2_qty", code: "importer.errors.tierIncomplete", value: undefined, params: { n: 2 } }]);
    expect(codes(kettleRows({ tier3_price: "" })).full).toEqual([{ row: 2, column: "tier3_price", code: "importer.errors.tierIncomplete", value: undefined, params: { n: 3 } }]);
  });

  it("names the missing part of a certificate, and checks its scheme and date", () => {
    expect(codes(kettleRows({ cert1_scheme: "" })).full).toEqual([{ row: 2, column: "cert1_scheme", code: "importer.errors.certIncomplete", value: undefined, params: { n: 1 } }]);
    expect(codes(kettleRows({ cert1_number: "" })).full).toEqual([{ row: 2, column: "cert1_number", code: "importer.errors.certIncomplete", value: undefined, params: { n: 1 } }]);
    expect(codes(kettleRows({ cert1_scheme: "", cert1_number: "" })).full).toEqual([{ row: 2, column: "cert1_scheme", code: "importer.errors.certIncomplete", value: undefined, params: { n: 1 } }]);
    expect(codes(kettleRows({ cert2_expiry: "2030-01-01" })).full).toEqual([{ row: 2, column: "cert2_scheme", code: "importer.errors.certIncomplete", value: undefined, params: { n: 2 } }]);
    expect(codes(kettleRows({ cert1_expiry: "30/06/2028" })).full).toEqual([{ row: 2, column: "cert1_expiry", code: "importer.errors.date", value: "30/06/2028", params: undefined }]);
    expect(codes(kettleRows({ cert1_scheme: "ISO" })).full).toEqual([{ row: 2, column: "cert1_scheme", code: "importer.errors.unknownScheme", value: "ISO", params: undefined }]);
    const noExpiry = codes(kettleRows({ cert1_expiry: "" }));
    expect(noExpiry.errors).toEqual([]);
    expect(noExpiry.groups[0]!.input!.certifications).toEqual([{ schemeCode: "INMETRO", number: "007123/2025", expiresOn: null }]);
  });
});

describe("rows to products: schema issues", () => {
  it("reports a schema rule once per cell, with the cell's value, and a generic code for zod's own messages", () => {
    const { full } = codes(kettleRows({ origin_country: "Brazil", hs_code_cn: "1234", sample_available: "yes", sample_price: "" }));
    expect(full).toEqual([
      { row: 2, column: "hs_code_cn", code: "catalog.validation.hsCodeCn", value: "1234" },
      { row: 2, column: "origin_country", code: "validation.country", value: "Brazil" },
      { row: 2, column: "sample_price", code: "catalog.validation.samplePrice", value: undefined },
    ]);
  });

  it("points a variant's schema issue at the variant's row", () => {
    const rows = kettleRows();
    rows[1]!.cells = { ...rows[1]!.cells, net_weight_g: "0" };
    expect(codes(rows).full).toEqual([{ row: 3, column: "net_weight_g", code: "catalog.validation.positive", value: "0" }]);
  });

  it("points the source language's missing translation at its name column", () => {
    const { full } = codes(kettleRows({ source_language: "pt", name_pt: "", short_pt: "", specs_pt: "" }));
    expect(full).toEqual([{ row: 2, column: "name_pt", code: "catalog.validation.sourceTranslation", value: undefined }]);
  });
});

describe("locateIssue", () => {
  const group = { firstRow: 4, variantRows: [4, 6, 9], tierSlots: [1, 3], certSlots: [2, 5] };
  const at = (path: PropertyKey[], message?: string) => locateIssue({ path, message }, group);
  it("maps variant paths to the variant's row", () => {
    expect(at(["variants", 1, "plugType"])).toEqual({ row: 6, column: "plug_type" });
    expect(at(["variants", 2, "heightMm"])).toEqual({ row: 9, column: "height_mm" });
    expect(at(["variants", 2, "other"])).toEqual({ row: 9, column: "sku" });
    expect(at(["variants", 7, "color"])).toEqual({ row: 4, column: "color" });
    expect(at(["variants"])).toEqual({ row: 4, column: "sku" });
  });
  it("maps translation paths to the language's columns", () => {
    expect(at(["translations", "pt", "shortDescription"])).toEqual({ row: 4, column: "short_pt" });
    expect(at(["translations", "en", "specifications", 0, "label"])).toEqual({ row: 4, column: "specs_en" });
    expect(at(["translations", "zh", "longDescription"])).toEqual({ row: 4, column: "long_zh" });
    expect(at(["translations", "es"])).toEqual({ row: 4, column: "name_es" });
    expect(at(["translations", "es", "source"])).toEqual({ row: 4, column: "name_es" });
  });
  it("maps tier paths to the tier's source columns", () => {
    expect(at(["priceTiers", 1, "unitPriceMinor"])).toEqual({ row: 4, column: "tier3_price" });
    expect(at(["priceTiers", 1, "minQuantity"])).toEqual({ row: 4, column: "tier3_qty" });
    expect(at(["priceTiers", 4, "unitPriceMinor"])).toEqual({ row: 4, column: "tier5_price" });
    expect(at(["priceTiers"], "catalog.validation.tiers.price_increases")).toEqual({ row: 4, column: "tier1_price" });
    expect(at(["priceTiers"], "catalog.validation.tiers.non_positive")).toEqual({ row: 4, column: "tier1_price" });
    expect(at(["priceTiers"], "catalog.validation.tiers.first_above_moq")).toEqual({ row: 4, column: "tier1_qty" });
    expect(at(["priceTiers"])).toEqual({ row: 4, column: "tier1_qty" });
  });
  it("maps certificate paths to the certificate's source columns", () => {
    expect(at(["certifications", 0, "number"])).toEqual({ row: 4, column: "cert2_number" });
    expect(at(["certifications", 1, "expiresOn"])).toEqual({ row: 4, column: "cert5_expiry" });
    expect(at(["certifications", 1, "schemeCode"])).toEqual({ row: 4, column: "cert5_scheme" });
    expect(at(["certifications", 3, "number"])).toEqual({ row: 4, column: "cert4_number" });
    expect(at(["certifications"])).toEqual({ row: 4, column: "cert1_scheme" });
  });
  it("maps product fields to their columns, and unknown ones by name", () => {
    expect(at(["categoryId"])).toEqual({ row: 4, column: "category" });
    expect(at(["samplePriceMinor"])).toEqual({ row: 4, column: "sample_price" });
    expect(at(["leadTimeDays"])).toEqual({ row: 4, column: "lead_time_days" });
    expect(at(["showStockQuantities"])).toEqual({ row: 4, column: "showStockQuantities" });
    expect(at([])).toEqual({ row: 4, column: null });
  });
});

describe("productToRows", () => {
  it("writes empty cells for missing optional values, tiers by quantity and dates as ISO days", () => {
    const product: SheetProduct = {
      ...KETTLE,
      brandName: null,
      hsCodeCn: null,
      sampleAvailable: false,
      samplePriceMinor: null,
      translations: { en: { ...KETTLE.translations.en!, source: "MACHINE" }, pt: { ...KETTLE.translations.pt!, source: "MACHINE" } },
      priceTiers: [
        { minQuantity: 300, unitPriceMinor: 1150n },
        { minQuantity: 60, unitPriceMinor: 1250n },
      ],
      certifications: [
        { schemeCode: "CE", number: "1", expiresOn: null },
        { schemeCode: "NOM", number: "2", expiresOn: new Date(Date.UTC(2029, 0, 2)) },
      ],
      variants: [{ sku: "V1", voltage: null, plugType: null, color: null, capacity: null, netWeightG: 1, grossWeightG: 2, lengthMm: 3, widthMm: 4, heightMm: 5 }],
    };
    const rows = productToRows(product, 2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      brand: "",
      hs_code_cn: "",
      sample_available: "no",
      sample_price: "",
      machine_translated: "pt,en",
      name_zh: "",
      short_zh: "",
      long_zh: "",
      specs_zh: "",
      specs_en: "Capacity: 1.7 L",
      tier1_qty: "60",
      tier1_price: "12.50",
      tier2_qty: "300",
      tier2_price: "11.50",
      cert1_expiry: "",
      cert2_scheme: "NOM",
      cert2_number: "2",
      cert2_expiry: "2029-01-02",
      voltage: "",
      plug_type: "",
      color: "",
      capacity: "",
      net_weight_g: "1",
      gross_weight_g: "2",
      length_mm: "3",
      width_mm: "4",
      height_mm: "5",
      pack_size: "6",
      moq: "60",
      lead_time_days: "20",
    });
    expect(rows[0]!.tier3_qty).toBeUndefined();
    expect(productToRows(KETTLE, 2)[0]).toMatchObject({ sample_available: "yes", sample_price: "15.00", brand: "Gree-Lux", hs_code_cn: "8516719000", machine_translated: "", cert1_expiry: "2028-06-30" });
  });
});

describe("column specs of a layout", () => {
  it("describes the tier, certificate and language columns a sheet is written with", () => {
    const specs = Object.fromEntries(sheetColumns({ tiers: 2, certifications: 2 }).map((c) => [c.name, c]));
    expect(specs.name_es).toEqual({ name: "name_es", level: "product", required: false, doc: "name", docParams: { lang: "es" } });
    expect(specs.machine_translated).toEqual({ name: "machine_translated", level: "product", required: false, doc: "machine_translated", docParams: undefined });
    expect(specs.tier1_qty).toEqual({ name: "tier1_qty", level: "product", required: true, doc: "tier_qty", docParams: { n: 1 } });
    expect(specs.tier1_price).toEqual({ name: "tier1_price", level: "product", required: true, doc: "tier_price", docParams: { n: 1 } });
    expect(specs.tier2_qty).toEqual({ name: "tier2_qty", level: "product", required: false, doc: "tier_qty", docParams: { n: 2 } });
    expect(specs.tier2_price).toEqual({ name: "tier2_price", level: "product", required: false, doc: "tier_price", docParams: { n: 2 } });
    expect(specs.cert2_scheme).toEqual({ name: "cert2_scheme", level: "product", required: false, doc: "cert_scheme", docParams: { n: 2 } });
    expect(specs.cert2_number).toEqual({ name: "cert2_number", level: "product", required: false, doc: "cert_number", docParams: { n: 2 } });
    expect(specs.cert2_expiry).toEqual({ name: "cert2_expiry", level: "product", required: false, doc: "cert_expiry", docParams: { n: 2 } });
    expect(specs.cert1_scheme).toMatchObject({ required: false, docParams: { n: 1 } });
  });
});

describe("edge cells", () => {
  it("skips holes in a row's cells", () => {
    const cells: string[] = [];
    cells[1] = "S1";
    expect(toSheetRow(2, ["product_ref", "sku"], cells)).toEqual({ row: 2, cells: { sku: "S1" } });
  });

  it("refuses a specification line that starts with a colon or holds a lone carriage return", () => {
    expect(parseSpecsCell(":a: b")).toBeNull();
    expect(parseSpecsCell("A: 1\r2")).toBeNull();
  });
});

describe("rows to products: missing cells", () => {
  it("reports rows without a SKU, and does not take two of them for a repeated SKU", () => {
    const rows = kettleRows({ sku: "" });
    const { errors, groups } = codes(rows);
    // One message per cell: "required", not the SKU format rule that an empty SKU breaks as well.
    expect(errors.filter((e) => e[1] === "sku")).toEqual([
      [2, "sku", "validation.required"],
      [3, "sku", "validation.required"],
    ]);
    expect(errors.some((e) => e[2] === "importer.errors.duplicateSku")).toBe(false);
    expect(groups[0]!.input).toBeNull();
  });

  it("reports a missing currency and missing whole numbers through the schema", () => {
    const { errors, groups } = codes(kettleRows({ currency: "", moq: "", lead_time_days: "" }));
    // Without a currency the prices cannot be read either: each tier's price is reported missing.
    expect(errors.map((e) => e[1])).toEqual(["currency", "lead_time_days", "moq", "tier1_price", "tier2_price", "tier3_price"]);
    expect(groups[0]!.input).toBeNull();
  });

  it("keeps a translation given by its name only", () => {
    const { groups, errors } = codes(kettleRows({ short_pt: "", long_pt: "", specs_pt: "" }));
    expect(errors).toEqual([]);
    expect(groups[0]!.input!.translations.pt).toEqual({ name: "Chaleira elétrica inox 1,7 L", shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" });
  });

  it("does not take an unreadable sample flag for yes", () => {
    expect(codes(kettleRows({ sample_available: "perhaps", sample_price: "" })).errors).toEqual([[2, "sample_available", "importer.errors.boolean"]]);
  });

  it("names the missing part of a certificate given by one cell only", () => {
    expect(codes(kettleRows({ cert1_number: "", cert1_expiry: "" })).full).toEqual([{ row: 2, column: "cert1_number", code: "importer.errors.certIncomplete", value: undefined, params: { n: 1 } }]);
    expect(codes(kettleRows({ cert1_scheme: "", cert1_expiry: "" })).full).toEqual([{ row: 2, column: "cert1_scheme", code: "importer.errors.certIncomplete", value: undefined, params: { n: 1 } }]);
  });

  it("saves no product with a problem the schema does not see", () => {
    for (const change of [{ brand: "Acme" }, { cert1_scheme: "ISO" }] as Record<string, string>[]) {
      const { groups, errors } = codes(kettleRows(change));
      expect(errors).toHaveLength(1);
      expect(groups[0]!.input).toBeNull();
    }
  });

  it("drops a product when only one of its rows has a stray cell", () => {
    const rows = kettleRows();
    rows[1]!.cells = { ...rows[1]!.cells, "#80": "x" };
    const { groups, errors } = codes(rows);
    expect(errors).toEqual([[3, "#80", "importer.errors.unknownColumn"]]);
    expect(groups[0]!.input).toBeNull();
  });
});
