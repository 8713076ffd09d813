import type { z } from "zod";
import { Incoterm, UnitOfSale } from "~/generated/prisma/enums";
import type { Lang } from "~/modules/i18n/config";
import { minorToDecimalInput, parseAmountToMinor } from "~/modules/money/money";
import { ProductInputSchema, PRICE_CURRENCIES, type ProductInput } from "./product-input";
import { colorNamesInput } from "./variant-colour";

/**
 * The spreadsheet layout shared by the template, the import and the export (CSV and XLSX alike).
 *
 * One row per variant (SKU). Rows with the same `product_ref` are one product: its product-level columns may be
 * repeated on every row (the export does) or left empty after the product's first row; a repeated value that
 * differs from the first row's is an error. Translations are columns per language (name_zh, short_pt, …), price
 * tiers tierN_qty / tierN_price, certifications certN_scheme / certN_number / certN_expiry. Prices are decimals in
 * the product's currency ("12.50"); the category is named by its slug, the brand by its name.
 * Rows whose product_ref starts with "#" are comments (the template's example row) and are skipped.
 */

/** Upload limits: checked by the route (bytes) and the worker (rows). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/**
 * What reading one file may cost (a 10,000 × 65 catalog is 650,000 cells; its text, four languages of names and
 * descriptions, rarely 20 million characters): cells of every sheet, and an XLSX's shared strings by count and
 * characters. Past any of them the file is refused ("expands") before it can exhaust memory.
 */
export const MAX_IMPORT_CELLS = 1_500_000;
export const MAX_SHARED_STRINGS = 1_000_000;
export const MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024;

/** Rejected rows kept on an import (a file with more problems says so and shows the first ones). */
export const MAX_STORED_ERRORS = 5_000;

/** The socket.io event (in the organization's room) that carries an import's progress. */
export const PROGRESS_EVENT = "catalog-import:progress";

export interface ImportProgress {
  importId: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  /** "checking": reading and checking the rows; "saving": writing products (processedRows counts those rows). */
  phase: "queued" | "checking" | "saving" | "done";
  processedRows: number;
  totalRows: number;
}

/** The template shows this many tier and certification column groups; files may carry up to the schema's maxima. */
export const TEMPLATE_TIERS = 5;
export const TEMPLATE_CERTIFICATIONS = 3;
export const MAX_TIERS = 10;
export const MAX_CERTIFICATIONS = 30;

/** Languages in column order: name_zh, name_pt, name_es, name_en. */
export const SHEET_LANGS = ["zh", "pt", "es", "en"] as const satisfies readonly Lang[];

export const COMMENT_PREFIX = "#";

export type ColumnLevel = "product" | "variant";

/** What a cell holds; the explanation sheet and the header check read it. */
export interface ColumnSpec {
  name: string;
  level: ColumnLevel;
  required: boolean;
  /** Key of the column's explanation under importer.columns (tiers, certificates and languages share one). */
  doc: string;
  docParams?: Record<string, string | number>;
}

const UNIT_CHOICES = Object.values(UnitOfSale);
const INCOTERM_CHOICES = Object.values(Incoterm);

function col(name: string, level: ColumnLevel, required = false, doc = name, docParams?: Record<string, string | number>): ColumnSpec {
  return { name, level, required, doc, docParams };
}

const LEADING: ColumnSpec[] = [col("product_ref", "product", true), col("sku", "variant", true), col("category", "product", true), col("brand", "product"), col("source_language", "product")];

const TRANSLATION_FIELDS = ["name", "short", "long", "specs"] as const;
type TranslationField = (typeof TRANSLATION_FIELDS)[number];

function translationColumns(): ColumnSpec[] {
  return [...TRANSLATION_FIELDS.flatMap((field) => SHEET_LANGS.map((lang) => col(`${field}_${lang}`, "product", false, field, { lang }))), col("machine_translated", "product")];
}

const TRADE: ColumnSpec[] = [
  col("hs_code", "product", true),
  col("hs_code_cn", "product"),
  col("origin_country", "product"),
  col("unit_of_sale", "product", false, "unit_of_sale", { choices: UNIT_CHOICES.join(", ") }),
  col("pack_size", "product", true),
  col("moq", "product", true),
  col("currency", "product", true, "currency", { choices: PRICE_CURRENCIES.join(", ") }),
  col("incoterm", "product", false, "incoterm", { choices: INCOTERM_CHOICES.join(", ") }),
  col("lead_time_days", "product", true),
  col("sample_available", "product"),
  col("sample_price", "product"),
];

function tierColumns(count: number): ColumnSpec[] {
  return Array.from({ length: count }, (_, i) => [col(`tier${i + 1}_qty`, "product", i === 0, "tier_qty", { n: i + 1 }), col(`tier${i + 1}_price`, "product", i === 0, "tier_price", { n: i + 1 })]).flat();
}

function certificationColumns(count: number): ColumnSpec[] {
  return Array.from({ length: count }, (_, i) => [
    col(`cert${i + 1}_scheme`, "product", false, "cert_scheme", { n: i + 1 }),
    col(`cert${i + 1}_number`, "product", false, "cert_number", { n: i + 1 }),
    col(`cert${i + 1}_expiry`, "product", false, "cert_expiry", { n: i + 1 }),
  ]).flat();
}

const VARIANT: ColumnSpec[] = [
  col("voltage", "variant"),
  col("plug_type", "variant"),
  col("color", "variant"),
  ...SHEET_LANGS.map((lang) => col(`color_${lang}`, "variant", false, "color_lang", { lang })),
  col("capacity", "variant"),
  col("net_weight_g", "variant", true),
  col("gross_weight_g", "variant", true),
  col("length_mm", "variant", true),
  col("width_mm", "variant", true),
  col("height_mm", "variant", true),
];

export interface SheetLayout {
  tiers: number;
  certifications: number;
}

export const TEMPLATE_LAYOUT: SheetLayout = { tiers: TEMPLATE_TIERS, certifications: TEMPLATE_CERTIFICATIONS };

/** Every column of a sheet with `layout` tier and certification groups, in file order. */
export function sheetColumns(layout: SheetLayout = TEMPLATE_LAYOUT): ColumnSpec[] {
  return [...LEADING, ...translationColumns(), ...TRADE, ...tierColumns(layout.tiers), ...certificationColumns(layout.certifications), ...VARIANT];
}

/** Every column a file may carry (the widest layout): the header check accepts exactly these. */
const KNOWN_COLUMNS = new Map(sheetColumns({ tiers: MAX_TIERS, certifications: MAX_CERTIFICATIONS }).map((c) => [c.name, c]));

export function columnSpec(name: string): ColumnSpec | undefined {
  return KNOWN_COLUMNS.get(name);
}

// ─── Rows and errors ────────────────────────────────────────────────────────────────────────────────────────

/** One data row of a file, every cell as text; `row` is the spreadsheet's row number (the header is row 1). */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/**
 * A rejected cell or row. `code` is a message key (translated when shown); `params` fill its placeholders.
 * Stored as JSON on CatalogImport.rowErrors.
 */
export interface RowError {
  row: number;
  column: string | null;
  code: string;
  value?: string;
  params?: Record<string, string | number>;
}

export const ERROR = {
  unknownColumn: "importer.errors.unknownColumn",
  duplicateColumn: "importer.errors.duplicateColumn",
  missingColumn: "importer.errors.missingColumn",
  missingName: "importer.errors.missingName",
  required: "validation.required",
  wholeNumber: "catalog.validation.wholeNumber",
  decimal: "importer.errors.decimal",
  boolean: "importer.errors.boolean",
  date: "importer.errors.date",
  choice: "importer.errors.choice",
  language: "importer.errors.language",
  specs: "importer.errors.specs",
  tierIncomplete: "importer.errors.tierIncomplete",
  certIncomplete: "importer.errors.certIncomplete",
  conflict: "importer.errors.conflict",
  duplicateSku: "importer.errors.duplicateSku",
  unknownCategory: "importer.errors.unknownCategory",
  unknownBrand: "importer.errors.unknownBrand",
  unknownScheme: "importer.errors.unknownScheme",
  hsCodeUnknown: "importer.errors.hsCodeUnknown",
  skuOfOtherProduct: "importer.errors.skuOfOtherProduct",
  productTwice: "importer.errors.productTwice",
  csvSyntax: "importer.errors.csvSyntax",
  invalid: "importer.errors.invalid",
  saveFailed: "importer.errors.saveFailed",
} as const;

/** Why a whole file was refused (CatalogImport.failureCode); the reasons' messages live under importer.failure. */
export type FailureCode =
  | "rows"
  | "header"
  | "empty"
  | "tooManyRows"
  | "tooLarge"
  | "encoding"
  | "unreadable"
  | "unsupported"
  | "missingFile"
  | "unexpected"
  /** The XLSX archive is not an ordinary workbook (damaged, encrypted, odd part names). */
  | "archive"
  /** The file expands past a bound (uncompressed size or ratio, cells, shared strings). */
  | "expands"
  /** The import's process ran out of its heap (IMPORT_MEMORY_MB). */
  | "memory"
  /** The import's process died or the server stopped while it ran. */
  | "interrupted"
  /** Upload refused: another import of the organization is queued or running. */
  | "busy";

// ─── Header ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface HeaderCheck {
  /** Column name per position (null: an empty header cell whose column must stay empty). */
  names: (string | null)[];
  errors: RowError[];
}

export function normalizeHeaderCell(raw: string): string {
  return raw.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Checks the header row: known names only, no duplicates, the required columns and at least one product name column. */
export function checkHeader(cells: string[]): HeaderCheck {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const names = cells.map((raw) => {
    const name = normalizeHeaderCell(raw);
    if (!name) return null;
    if (!KNOWN_COLUMNS.has(name)) errors.push({ row: 1, column: raw.trim(), code: ERROR.unknownColumn, value: raw.trim() });
    else if (seen.has(name)) errors.push({ row: 1, column: name, code: ERROR.duplicateColumn });
    seen.add(name);
    return name;
  });
  for (const spec of sheetColumns({ tiers: 1, certifications: 0 })) {
    if (spec.required && !seen.has(spec.name)) errors.push({ row: 1, column: spec.name, code: ERROR.missingColumn });
  }
  if (!SHEET_LANGS.some((lang) => seen.has(`name_${lang}`))) errors.push({ row: 1, column: "name_*", code: ERROR.missingName });
  return { names, errors };
}

/**
 * CSV cells that start like a formula (= + - @) are opened by spreadsheets as formulas ("CSV injection"):
 * exports prefix them with an apostrophe, which spreadsheets hide, and imports take it off again.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A data row from positional cells; empty rows give null, and so do comment rows unless `keepComments`. */
export function toSheetRow(row: number, names: (string | null)[], cells: string[], keepComments = false): SheetRow | null {
  const record: Record<string, string> = {};
  let any = false;
  for (let i = 0; i < cells.length; i++) {
    const value = unguardFormula((cells[i] ?? "").trim());
    if (!value) continue;
    any = true;
    const name = names[i];
    // A value under an empty header cell is reported by the name "column N" (1-based), as a spreadsheet shows it.
    record[name ?? `#${i + 1}`] = value;
  }
  if (!any) return null;
  if (!keepComments && (record.product_ref ?? "").startsWith(COMMENT_PREFIX)) return null;
  return { row, cells: record };
}

// ─── Cell parsers ───────────────────────────────────────────────────────────────────────────────────────────

const TRUE_WORDS = new Set(["yes", "y", "true", "1", "sim", "s", "sí", "si", "是", "有", "x"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "não", "nao", "否", "无", "-"]);

export function parseBooleanCell(raw: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(value)) return true;
  if (FALSE_WORDS.has(value)) return false;
  return null;
}

export function parseIntegerCell(raw: string): number | null {
  const value = raw.trim();
  if (!/^\d{1,12}$/.test(value)) return null;
  return Number(value);
}

/**
 * A price typed in the product's currency ("12.5", "12,50", "1.234,56") into minor units of a currency with
 * `exponent` decimals; null when it has more decimals than the currency has or is not an amount. The product
 * form and the price filters read amounts the same way (parseAmount): "1.234" is 1.234, refused in a currency
 * of two decimals rather than guessed as a thousand.
 */
export function parsePriceCell(raw: string, exponent: number): bigint | null {
  return parseAmountToMinor(raw, exponent);
}

/** ISO dates only (2027-03-31): 03/04/2027 means different days in São Paulo and in Houston. */
export function parseDateCell(raw: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === raw.trim() ? date : null;
}

/** "Capacity: 1.7 L" per line (a full-width colon works too). */
export function parseSpecsCell(raw: string): { label: string; value: string }[] | null {
  const specs: { label: string; value: string }[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = /^([^:：]+)[:：](.*)$/.exec(line);
    if (!match) return null;
    specs.push({ label: match[1]!.trim(), value: match[2]!.trim() });
  }
  return specs;
}

export function formatSpecs(specs: readonly { label: string; value: string }[]): string {
  return specs.map((s) => `${s.label}: ${s.value}`).join("\n");
}

function matchChoice<T extends string>(raw: string, choices: readonly T[]): T | null {
  const value = raw.trim().toUpperCase();
  return choices.find((c) => c === value) ?? null;
}

// ─── Rows → products ────────────────────────────────────────────────────────────────────────────────────────

/** What the mapping needs to know from the database, resolved up front in a few queries. */
export interface ReferenceLookup {
  categoryIdBySlug: ReadonlyMap<string, string>;
  /** Keys are brand names in lower case. */
  brandIdByName: ReadonlyMap<string, string>;
  schemeCodes: ReadonlySet<string>;
  /** ISO 4217 exponents of the currencies a product may be priced in. */
  currencyExponent: ReadonlyMap<string, number>;
}

/** One product of a file: its rows (first row first), and its input when every cell of it is valid. */
export interface ProductGroup {
  ref: string;
  firstRow: number;
  /** Row of each variant, in input order. */
  variantRows: number[];
  /** Source column of each tier and certification in input order (tier 2 may be empty and tier 3 used). */
  tierSlots: number[];
  certSlots: number[];
  input: ProductInput | null;
}

const PRODUCT_COLUMN_NAMES = [...KNOWN_COLUMNS.values()].filter((c) => c.level === "product").map((c) => c.name);

/**
 * Groups rows by product_ref and maps each group to a ProductInput validated by ProductInputSchema. Every problem
 * is a RowError pointing at the row and column it comes from; a group with any problem gets no input.
 */
export function rowsToProducts(rows: readonly SheetRow[], lookup: ReferenceLookup): { groups: ProductGroup[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const byRef = new Map<string, SheetRow[]>();
  const skuRow = new Map<string, number>();
  for (const row of rows) {
    for (const column of Object.keys(row.cells)) {
      if (column.startsWith("#")) errors.push({ row: row.row, column, code: ERROR.unknownColumn, value: row.cells[column] });
    }
    const ref = row.cells.product_ref;
    if (!ref) {
      errors.push({ row: row.row, column: "product_ref", code: ERROR.required });
      continue;
    }
    const sku = row.cells.sku?.toUpperCase();
    if (sku) {
      const earlier = skuRow.get(sku);
      if (earlier !== undefined) errors.push({ row: row.row, column: "sku", code: ERROR.duplicateSku, value: row.cells.sku, params: { row: earlier } });
      else skuRow.set(sku, row.row);
    }
    const key = ref.toUpperCase();
    const list = byRef.get(key);
    if (list) list.push(row);
    else byRef.set(key, [row]);
  }
  const groups: ProductGroup[] = [];
  for (const groupRows of byRef.values()) groups.push(mapGroup(groupRows, lookup, errors));
  // A group with a row-level problem found above (duplicate SKU, stray cell) must not be saved either.
  const badRows = new Set(errors.map((e) => e.row));
  for (const group of groups) if (group.variantRows.some((r) => badRows.has(r))) group.input = null;
  errors.sort(compareErrors);
  return { groups, errors };
}

export function compareErrors(a: RowError, b: RowError): number {
  return a.row - b.row || (a.column ?? "").localeCompare(b.column ?? "");
}

function mapGroup(rows: SheetRow[], lookup: ReferenceLookup, errors: RowError[]): ProductGroup {
  const first = rows[0]!;
  const problems: RowError[] = [];
  const fail = (row: number, column: string, code: string, params?: Record<string, string | number>) => {
    problems.push({ row, column, code, value: rows.find((r) => r.row === row)?.cells[column], params });
  };

  // Product-level values: the first row's, which later rows may repeat but not contradict.
  const product: Record<string, string> = {};
  for (const column of PRODUCT_COLUMN_NAMES) {
    const value = first.cells[column];
    if (value !== undefined) product[column] = value;
  }
  for (const row of rows.slice(1)) {
    for (const column of PRODUCT_COLUMN_NAMES) {
      const value = row.cells[column];
      if (value !== undefined && column !== "product_ref" && value !== product[column]) fail(row.row, column, ERROR.conflict, { row: first.row });
    }
  }
  const at = first.row;

  const categoryId = product.category ? lookup.categoryIdBySlug.get(product.category.toLowerCase()) : undefined;
  if (!product.category) fail(at, "category", ERROR.required);
  else if (!categoryId) fail(at, "category", ERROR.unknownCategory);

  let brandId: string | null = null;
  if (product.brand) {
    brandId = lookup.brandIdByName.get(product.brand.toLowerCase()) ?? null;
    if (!brandId) fail(at, "brand", ERROR.unknownBrand);
  }

  const currency = product.currency?.toUpperCase();
  const exponent = currency ? lookup.currencyExponent.get(currency) : undefined;
  if (currency && exponent === undefined) fail(at, "currency", ERROR.choice, { choices: PRICE_CURRENCIES.join(", ") });

  const integer = (row: number, column: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = parseIntegerCell(raw);
    if (value === null) fail(row, column, ERROR.wholeNumber);
    return value ?? undefined;
  };
  const price = (column: string, raw: string | undefined): bigint | undefined => {
    if (raw === undefined || exponent === undefined) return undefined;
    const value = parsePriceCell(raw, exponent);
    if (value === null) fail(at, column, ERROR.decimal, { decimals: exponent });
    return value ?? undefined;
  };
  const choice = <T extends string>(column: string, choices: readonly T[]): T | undefined => {
    const raw = product[column];
    if (raw === undefined) return undefined;
    const value = matchChoice(raw, choices);
    if (!value) fail(at, column, ERROR.choice, { choices: choices.join(", ") });
    return value ?? undefined;
  };

  const translations: Partial<Record<Lang, unknown>> = {};
  for (const lang of SHEET_LANGS) {
    const name = product[`name_${lang}`];
    const short = product[`short_${lang}`];
    const long = product[`long_${lang}`];
    const specsRaw = product[`specs_${lang}`];
    if (name === undefined && short === undefined && long === undefined && specsRaw === undefined) continue;
    const specifications = specsRaw === undefined ? [] : parseSpecsCell(specsRaw);
    if (!specifications) fail(at, `specs_${lang}`, ERROR.specs);
    translations[lang] = { name: name ?? "", shortDescription: short ?? "", longDescription: long ?? "", specifications: specifications ?? [], source: "HUMAN" };
  }

  if (product.machine_translated !== undefined) {
    const langs = product.machine_translated.toLowerCase().split(/[\s,;]+/).filter(Boolean);
    if (langs.some((lang) => !(SHEET_LANGS as readonly string[]).includes(lang))) fail(at, "machine_translated", ERROR.language);
    for (const lang of langs) {
      const tr = translations[lang as Lang] as { source?: string } | undefined;
      if (tr) tr.source = "MACHINE";
    }
  }

  let sourceLocale: Lang | undefined;
  if (product.source_language) {
    const value = product.source_language.trim().toLowerCase();
    if ((SHEET_LANGS as readonly string[]).includes(value)) sourceLocale = value as Lang;
    else fail(at, "source_language", ERROR.language);
  } else {
    sourceLocale = SHEET_LANGS.find((lang) => translations[lang]);
    if (!sourceLocale) fail(at, "name_zh", ERROR.missingName);
  }

  let sampleAvailable = false;
  if (product.sample_available !== undefined) {
    const value = parseBooleanCell(product.sample_available);
    if (value === null) fail(at, "sample_available", ERROR.boolean);
    sampleAvailable = value ?? false;
  }

  const tierSlots: number[] = [];
  const priceTiers: { minQuantity?: number; unitPriceMinor?: bigint }[] = [];
  for (let n = 1; n <= MAX_TIERS; n++) {
    const qty = product[`tier${n}_qty`];
    const unit = product[`tier${n}_price`];
    if (qty === undefined && unit === undefined) continue;
    if (qty === undefined || unit === undefined) {
      fail(at, qty === undefined ? `tier${n}_qty` : `tier${n}_price`, ERROR.tierIncomplete, { n });
      continue;
    }
    tierSlots.push(n);
    priceTiers.push({ minQuantity: integer(at, `tier${n}_qty`, qty), unitPriceMinor: price(`tier${n}_price`, unit) });
  }

  const certSlots: number[] = [];
  const certifications: { schemeCode: string; number: string; expiresOn: Date | null }[] = [];
  for (let n = 1; n <= MAX_CERTIFICATIONS; n++) {
    const scheme = product[`cert${n}_scheme`];
    const number = product[`cert${n}_number`];
    const expiry = product[`cert${n}_expiry`];
    if (scheme === undefined && number === undefined && expiry === undefined) continue;
    if (scheme === undefined || number === undefined) {
      fail(at, scheme === undefined ? `cert${n}_scheme` : `cert${n}_number`, ERROR.certIncomplete, { n });
      continue;
    }
    const schemeCode = scheme.trim().toUpperCase();
    if (!lookup.schemeCodes.has(schemeCode)) fail(at, `cert${n}_scheme`, ERROR.unknownScheme);
    let expiresOn: Date | null = null;
    if (expiry !== undefined) {
      expiresOn = parseDateCell(expiry);
      if (!expiresOn) fail(at, `cert${n}_expiry`, ERROR.date);
    }
    certSlots.push(n);
    certifications.push({ schemeCode, number, expiresOn });
  }

  const variants = rows.map((row) => ({
    sku: row.cells.sku ?? "",
    voltage: row.cells.voltage ?? null,
    plugType: row.cells.plug_type ?? null,
    color: row.cells.color ?? null,
    colorNames: colorNamesInput(Object.fromEntries(SHEET_LANGS.map((lang) => [lang, row.cells[`color_${lang}`]]))),
    capacity: row.cells.capacity ?? null,
    netWeightG: integer(row.row, "net_weight_g", row.cells.net_weight_g),
    grossWeightG: integer(row.row, "gross_weight_g", row.cells.gross_weight_g),
    lengthMm: integer(row.row, "length_mm", row.cells.length_mm),
    widthMm: integer(row.row, "width_mm", row.cells.width_mm),
    heightMm: integer(row.row, "height_mm", row.cells.height_mm),
  }));

  const candidate = {
    categoryId: categoryId ?? "00000000-0000-0000-0000-000000000000",
    brandId,
    sourceLocale,
    originCountry: product.origin_country,
    hsCode: product.hs_code ?? "",
    hsCodeCn: product.hs_code_cn ?? null,
    unitOfSale: choice("unit_of_sale", UNIT_CHOICES),
    packSize: integer(at, "pack_size", product.pack_size),
    moq: integer(at, "moq", product.moq),
    currencyCode: currency,
    incoterm: choice("incoterm", INCOTERM_CHOICES),
    leadTimeDays: integer(at, "lead_time_days", product.lead_time_days),
    sampleAvailable,
    samplePriceMinor: price("sample_price", product.sample_price) ?? null,
    translations,
    variants,
    priceTiers,
    certifications,
  };

  const group: ProductGroup = { ref: first.cells.product_ref!, firstRow: at, variantRows: rows.map((r) => r.row), tierSlots, certSlots, input: null };
  const result = ProductInputSchema.safeParse(candidate);
  if (!result.success) {
    // A cell that failed to parse above is reported once, by its own message, not again by the schema.
    const reported = new Set(problems.map((p) => `${p.row}:${p.column}`));
    for (const issue of result.error.issues) {
      const located = locateIssue(issue, group);
      if (reported.has(`${located.row}:${located.column}`)) continue;
      reported.add(`${located.row}:${located.column}`);
      const row = rows.find((r) => r.row === located.row);
      problems.push({ row: located.row, column: located.column, code: issueCode(issue), value: located.column ? row?.cells[located.column] : undefined });
    }
  }
  errors.push(...problems);
  if (result.success && problems.length === 0) group.input = result.data;
  return group;
}

const FIELD_COLUMNS: Record<string, string> = {
  categoryId: "category",
  brandId: "brand",
  sourceLocale: "source_language",
  originCountry: "origin_country",
  hsCode: "hs_code",
  hsCodeCn: "hs_code_cn",
  unitOfSale: "unit_of_sale",
  packSize: "pack_size",
  moq: "moq",
  currencyCode: "currency",
  incoterm: "incoterm",
  leadTimeDays: "lead_time_days",
  sampleAvailable: "sample_available",
  samplePriceMinor: "sample_price",
};

const VARIANT_COLUMNS: Record<string, string> = {
  sku: "sku",
  voltage: "voltage",
  plugType: "plug_type",
  color: "color",
  capacity: "capacity",
  netWeightG: "net_weight_g",
  grossWeightG: "gross_weight_g",
  lengthMm: "length_mm",
  widthMm: "width_mm",
  heightMm: "height_mm",
};

const TRANSLATION_COLUMNS: Record<string, TranslationField> = { name: "name", shortDescription: "short", longDescription: "long", specifications: "specs" };

/**
 * Where in the sheet a ProductInput path points: the variant's own row for variant fields, the product's first
 * row otherwise. Used for schema issues and for the database's ProductSaveError paths alike.
 */
export function locateIssue(issue: { path: readonly PropertyKey[]; message?: string }, group: Pick<ProductGroup, "firstRow" | "variantRows" | "tierSlots" | "certSlots">): { row: number; column: string | null } {
  const [head, index, field] = issue.path;
  const at = group.firstRow;
  if (head === "variants") {
    if (typeof index !== "number") return { row: at, column: "sku" };
    if (field === "colorNames") return { row: group.variantRows[index] ?? at, column: issue.path[3] === undefined ? "color" : `color_${String(issue.path[3])}` };
    return { row: group.variantRows[index] ?? at, column: VARIANT_COLUMNS[String(field)] ?? "sku" };
  }
  if (head === "translations") {
    const column = TRANSLATION_COLUMNS[String(field ?? "name")] ?? "name";
    return { row: at, column: `${column}_${String(index)}` };
  }
  if (head === "priceTiers") {
    if (typeof index !== "number") {
      const onPrice = /price_increases|non_positive/.test(issue.message ?? "");
      return { row: at, column: onPrice ? `tier1_price` : "tier1_qty" };
    }
    const n = group.tierSlots[index] ?? index + 1;
    return { row: at, column: field === "unitPriceMinor" ? `tier${n}_price` : `tier${n}_qty` };
  }
  if (head === "certifications") {
    if (typeof index !== "number") return { row: at, column: "cert1_scheme" };
    const n = group.certSlots[index] ?? index + 1;
    const suffix = field === "number" ? "number" : field === "expiresOn" ? "expiry" : "scheme";
    return { row: at, column: `cert${n}_${suffix}` };
  }
  return { row: at, column: head === undefined ? null : (FIELD_COLUMNS[String(head)] ?? String(head)) };
}

/** Schema messages are message keys; zod's own (English) messages become a generic code. */
function issueCode(issue: z.core.$ZodIssue): string {
  return /^[a-z]+(\.[A-Za-z_]+)+$/.test(issue.message) ? issue.message : ERROR.invalid;
}

// ─── Products → rows (export, template) ────────────────────────────────────────────────────────────────────

/** A product as the sheet shows it: ProductInput with the category's slug and the brand's name instead of ids. */
export type SheetProduct = Omit<ProductInput, "categoryId" | "brandId"> & { ref: string; categorySlug: string; brandName: string | null };

/** The layout wide enough for every product given (never narrower than the template). */
export function layoutFor(maxTiers: number, maxCertifications: number): SheetLayout {
  return { tiers: Math.max(TEMPLATE_TIERS, maxTiers), certifications: Math.max(TEMPLATE_CERTIFICATIONS, maxCertifications) };
}

function dateCell(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "";
}

/** One row per variant, the product-level columns repeated on each, as text cells keyed by column name. */
export function productToRows(product: SheetProduct, exponent: number): Record<string, string>[] {
  const shared: Record<string, string> = {
    product_ref: product.ref,
    category: product.categorySlug,
    brand: product.brandName ?? "",
    source_language: product.sourceLocale,
    hs_code: product.hsCode,
    hs_code_cn: product.hsCodeCn ?? "",
    origin_country: product.originCountry,
    unit_of_sale: product.unitOfSale,
    pack_size: String(product.packSize),
    moq: String(product.moq),
    currency: product.currencyCode,
    incoterm: product.incoterm,
    lead_time_days: String(product.leadTimeDays),
    sample_available: product.sampleAvailable ? "yes" : "no",
    sample_price: product.samplePriceMinor == null ? "" : minorToDecimalInput(product.samplePriceMinor, exponent),
  };
  shared.machine_translated = SHEET_LANGS.filter((lang) => product.translations[lang]?.source === "MACHINE").join(",");
  for (const lang of SHEET_LANGS) {
    const tr = product.translations[lang];
    shared[`name_${lang}`] = tr?.name ?? "";
    shared[`short_${lang}`] = tr?.shortDescription ?? "";
    shared[`long_${lang}`] = tr?.longDescription ?? "";
    shared[`specs_${lang}`] = tr ? formatSpecs(tr.specifications) : "";
  }
  [...product.priceTiers]
    .sort((a, b) => a.minQuantity - b.minQuantity)
    .forEach((tier, i) => {
      shared[`tier${i + 1}_qty`] = String(tier.minQuantity);
      shared[`tier${i + 1}_price`] = minorToDecimalInput(tier.unitPriceMinor, exponent);
    });
  product.certifications.forEach((cert, i) => {
    shared[`cert${i + 1}_scheme`] = cert.schemeCode;
    shared[`cert${i + 1}_number`] = cert.number;
    shared[`cert${i + 1}_expiry`] = dateCell(cert.expiresOn);
  });
  return product.variants.map((v) => ({
    ...shared,
    sku: v.sku,
    voltage: v.voltage ?? "",
    plug_type: v.plugType ?? "",
    color: v.color ?? "",
    ...Object.fromEntries(SHEET_LANGS.map((lang) => [`color_${lang}`, v.colorNames?.[lang] ?? ""])),
    capacity: v.capacity ?? "",
    net_weight_g: String(v.netWeightG),
    gross_weight_g: String(v.grossWeightG),
    length_mm: String(v.lengthMm),
    width_mm: String(v.widthMm),
    height_mm: String(v.heightMm),
  }));
}

/** Cells in column order for `columns`, missing ones empty. */
export function rowCells(record: Record<string, string>, columns: readonly ColumnSpec[]): string[] {
  return columns.map((c) => record[c.name] ?? "");
}

/** Columns whose values are numbers in XLSX (right-aligned, summable); everything else is written as text. */
export function isNumericColumn(name: string): boolean {
  return /^(pack_size|moq|lead_time_days|net_weight_g|gross_weight_g|length_mm|width_mm|height_mm|tier\d+_qty)$/.test(name);
}

/** The template's example: a kettle in two voltages, in four languages, priced in USD. */
export const EXAMPLE_PRODUCT: SheetProduct = {
  ref: `${COMMENT_PREFIX}EXAMPLE-KETTLE`,
  categorySlug: "kitchen-appliances",
  brandName: null,
  sourceLocale: "zh",
  originCountry: "CN",
  hsCode: "851671",
  hsCodeCn: "8516719000",
  unitOfSale: "PIECE",
  packSize: 6,
  moq: 60,
  currencyCode: "USD",
  incoterm: "FOB",
  leadTimeDays: 20,
  sampleAvailable: true,
  samplePriceMinor: 1500n,
  translations: {
    zh: { name: "不锈钢电热水壶 1.7升", shortDescription: "食品级304不锈钢，自动断电", longDescription: "", specifications: [{ label: "容量", value: "1.7 L" }], source: "HUMAN" },
    pt: { name: "Chaleira elétrica inox 1,7 L", shortDescription: "Aço inox 304, desligamento automático", longDescription: "", specifications: [{ label: "Capacidade", value: "1,7 L" }], source: "HUMAN" },
    es: { name: "Hervidor eléctrico de acero inoxidable 1,7 L", shortDescription: "Acero inoxidable 304, apagado automático", longDescription: "", specifications: [{ label: "Capacidad", value: "1,7 L" }], source: "HUMAN" },
    en: { name: "Stainless steel electric kettle 1.7 L", shortDescription: "Food-grade 304 stainless steel, auto shut-off", longDescription: "", specifications: [{ label: "Capacity", value: "1.7 L" }], source: "HUMAN" },
  },
  variants: [
    { sku: "EXAMPLE-KT17-127", voltage: "127V", plugType: "N", color: "Silver", colorNames: { zh: "银色", pt: "Prata", es: "Plateado" }, capacity: "1.7 L", netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 },
    { sku: "EXAMPLE-KT17-220", voltage: "220V", plugType: "N", color: "Silver", colorNames: { zh: "银色", pt: "Prata", es: "Plateado" }, capacity: "1.7 L", netWeightG: 950, grossWeightG: 1300, lengthMm: 240, widthMm: 180, heightMm: 260 },
  ],
  priceTiers: [
    { minQuantity: 60, unitPriceMinor: 1250n },
    { minQuantity: 300, unitPriceMinor: 1150n },
    { minQuantity: 1000, unitPriceMinor: 1080n },
  ],
  certifications: [{ schemeCode: "INMETRO", number: "007123/2025", expiresOn: new Date(Date.UTC(2028, 5, 30)) }],
};
