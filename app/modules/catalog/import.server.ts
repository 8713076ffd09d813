import { randomUUID } from "node:crypto";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { CsvError, parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Prisma } from "~/generated/prisma/client";
import type { CatalogImportStatus } from "~/generated/prisma/enums";
import { currentDatabase, forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { PRICE_CURRENCIES } from "./product-input";
import { ProductSaveError, saveProduct, type ScopedTx } from "./products.server";
import { reindexProducts } from "./search.server";
import {
  checkHeader,
  compareErrors,
  ERROR,
  locateIssue,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_STORED_ERRORS,
  PROGRESS_EVENT,
  rowsToProducts,
  toSheetRow,
  type FailureCode,
  type ImportProgress,
  type ProductGroup,
  type ReferenceLookup,
  type RowError,
  type SheetRow,
} from "./spreadsheet-format";
import { storage } from "./storage.server";

/**
 * Bulk import of products from CSV or XLSX, ALL OR NOTHING per file: every row is checked, then every product is
 * saved in one transaction; if any row is rejected (by a cell check, the product schema or the database), the
 * transaction is rolled back, nothing is written, and the import reports every rejected row with its reason.
 * Progress is pushed to the organization's socket.io room as `catalog-import:progress`.
 */

export type SheetKind = "csv" | "xlsx";

export class ImportFileError extends Error {
  constructor(
    readonly code: FailureCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`catalog import: ${code}`);
    this.name = "ImportFileError";
  }
}

// ─── Reading files ─────────────────────────────────────────────────────────────────────────────────────────

/** CSV or XLSX by the file's name and first bytes (an XLSX is a ZIP archive); null for anything else. */
export function sheetKindOf(fileName: string, head: Uint8Array): SheetKind | null {
  const extension = fileName.toLowerCase().split(".").pop();
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (extension === "xlsx") return isZip ? "xlsx" : null;
  if (extension === "csv" || extension === "txt") return isZip ? null : "csv";
  return null;
}

/** The header line's most frequent separator: Excel in Portuguese or Spanish saves CSV with semicolons. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const line = end < 0 ? text : text.slice(0, end);
  const counts = [",", ";", "\t"].map((d) => [d, line.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

interface RawRecord {
  row: number;
  cells: string[];
}

async function* csvRecords(bytes: Uint8Array): AsyncGenerator<RawRecord> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError("encoding");
  }
  text = text.replace(/^\uFEFF/, "");
  const parser = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, max_record_size: 256 * 1024 });
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError("unreadable", { row: row + 1 });
    throw error;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ("formula" in value || "sharedFormula" in value) return "";
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  return "";
}

/** The first worksheet's rows, streamed (the XML is never held whole); later sheets (the explanations) are skipped. */
async function* xlsxRecords(source: Readable): AsyncGenerator<RawRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      if (sheets > 1) {
        for await (const _row of worksheet) void _row;
        continue;
      }
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // row.values is 1-based: index 0 is always empty.
        yield { row: row.number, cells: values.slice(1).map((v) => cellText(v as ExcelJS.CellValue)) };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("unreadable");
  }
  if (sheets === 0) throw new ImportFileError("unreadable");
}

export interface ParsedSheet {
  rows: SheetRow[];
  headerErrors: RowError[];
}

/** Reads a whole file into rows (at most `maxRows` data rows), or throws ImportFileError. */
export async function readSheet(kind: SheetKind, source: Uint8Array | Readable, options: { maxRows?: number; keepComments?: boolean } = {}): Promise<ParsedSheet> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const records = kind === "csv" ? csvRecords(source instanceof Uint8Array ? source : await readAll(source, MAX_IMPORT_BYTES)) : xlsxRecords(source instanceof Uint8Array ? Readable.from(Buffer.from(source)) : source);
  let names: (string | null)[] | null = null;
  let headerErrors: RowError[] = [];
  const rows: SheetRow[] = [];
  for await (const record of records) {
    if (!names) {
      if (record.cells.every((c) => !c.trim())) continue;
      const header = checkHeader(record.cells);
      names = header.names;
      headerErrors = header.errors.map((e) => ({ ...e, row: record.row }));
      continue;
    }
    const row = toSheetRow(record.row, names, record.cells, options.keepComments);
    if (!row) continue;
    rows.push(row);
    if (rows.length > maxRows) throw new ImportFileError("tooManyRows", { max: maxRows });
  }
  if (!names) throw new ImportFileError("empty");
  return { rows, headerErrors };
}

async function readAll(source: Readable, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) throw new ImportFileError("tooLarge", { max: limit });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

// ─── Starting an import (the upload) ───────────────────────────────────────────────────────────────────────

const EMBEDDED_HEAD_START_SECONDS = 2;

export type StartResult = { ok: true; importId: string } | { ok: false; code: FailureCode };

/**
 * Stores an uploaded file, records the import (QUEUED) and, once that is committed, enqueues the job.
 * The file is checked for kind and size here; its rows are the worker's business.
 */
export async function startCatalogImport(scoped: ScopedDb, organizationId: string, userId: string, file: { name: string; bytes: Uint8Array }): Promise<StartResult> {
  if (file.bytes.byteLength === 0) return { ok: false, code: "empty" };
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, code: "tooLarge" };
  const kind = sheetKindOf(file.name, file.bytes.subarray(0, 4));
  if (!kind) return { ok: false, code: "unsupported" };
  const fileKey = `imports/${organizationId}/${randomUUID()}.${kind}`;
  await storage().put(fileKey, file.bytes);
  let importId: string;
  try {
    const created = await scoped.catalogImport.create({
      data: { organizationId, userId, fileName: cleanFileName(file.name), fileKey },
      select: { id: true },
    });
    importId = created.id;
  } catch (error) {
    await storage().delete(fileKey);
    throw error;
  }
  // On the embedded database the import's transaction holds every other connection (socket.io's handshake reads
  // the session) until it commits: a short head start lets the uploader's page join the room to see progress.
  const startAfter = currentDatabase().kind === "embedded" ? EMBEDDED_HEAD_START_SECONDS : 0;
  await enqueue("products.import", { importId }, { singletonKey: importId, startAfter });
  return { ok: true, importId };
}

function cleanFileName(name: string): string {
  // Only the base name, without control characters, at most 200 characters: it is shown back to the user.
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "import").slice(0, 200);
}

// ─── The job ───────────────────────────────────────────────────────────────────────────────────────────────

/** How often progress is pushed: every ~2% of the rows. */
function progressStep(total: number): number {
  return Math.max(1, Math.ceil(total / 50));
}

/** Thrown inside the transaction to roll it back when any row was rejected. */
class RollBack extends Error {}

const IMPORT_TRANSACTION = { timeout: 15 * 60_000, maxWait: 60_000 } as const;

async function lookupFor(scoped: ScopedDb): Promise<ReferenceLookup> {
  const [categories, brands, schemes, currencies] = await Promise.all([
    unscopedDb.category.findMany({ select: { id: true, slug: true } }),
    scoped.brand.findMany({ select: { id: true, name: true } }),
    unscopedDb.certificationScheme.findMany({ select: { code: true } }),
    unscopedDb.currency.findMany({ where: { code: { in: [...PRICE_CURRENCIES] } }, select: { code: true, exponent: true } }),
  ]);
  return {
    categoryIdBySlug: new Map(categories.map((c) => [c.slug, c.id])),
    brandIdByName: new Map(brands.map((b) => [b.name.trim().toLowerCase(), b.id])),
    schemeCodes: new Set(schemes.map((s) => s.code)),
    currencyExponent: new Map(currencies.map((c) => [c.code.trim(), c.exponent])),
  };
}

interface Target {
  group: ProductGroup;
  productId?: string;
}

/**
 * Which existing product each group updates: the one that owns its SKUs (or whose slug is its product_ref).
 * A group whose SKUs belong to another product, or two groups aiming at one product, are errors.
 */
async function matchExisting(scoped: ScopedDb, groups: ProductGroup[], errors: RowError[]): Promise<Target[]> {
  const valid = groups.filter((g) => g.input);
  const skus = valid.flatMap((g) => g.input!.variants.map((v) => v.sku));
  const owner = new Map<string, string>();
  for (let i = 0; i < skus.length; i += 1000) {
    const found = await scoped.productVariant.findMany({ where: { sku: { in: skus.slice(i, i + 1000), mode: "insensitive" } }, select: { sku: true, productId: true } });
    for (const v of found) owner.set(v.sku.toUpperCase(), v.productId);
  }
  const refs = valid.map((g) => g.ref.toLowerCase());
  const bySlug = new Map<string, string>();
  for (let i = 0; i < refs.length; i += 1000) {
    const found = await scoped.product.findMany({ where: { slug: { in: refs.slice(i, i + 1000) } }, select: { id: true, slug: true } });
    for (const p of found) bySlug.set(p.slug, p.id);
  }
  const claimed = new Map<string, number>();
  const targets: Target[] = [];
  for (const group of valid) {
    const variants = group.input!.variants;
    let productId = bySlug.get(group.ref.toLowerCase());
    let clash = false;
    variants.forEach((variant, i) => {
      const current = owner.get(variant.sku.toUpperCase());
      if (!current) return;
      productId ??= current;
      if (current !== productId) {
        clash = true;
        errors.push({ row: group.variantRows[i]!, column: "sku", code: ERROR.skuOfOtherProduct, value: variant.sku });
      }
    });
    if (clash) {
      group.input = null;
      continue;
    }
    if (productId) {
      const earlier = claimed.get(productId);
      if (earlier !== undefined) {
        errors.push({ row: group.firstRow, column: "product_ref", code: ERROR.productTwice, value: group.ref, params: { row: earlier } });
        group.input = null;
        continue;
      }
      claimed.set(productId, group.firstRow);
    }
    targets.push({ group, productId });
  }
  return targets;
}

function saveErrorToRow(error: ProductSaveError, group: ProductGroup): RowError {
  const path = error.field ? error.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  const located = locateIssue({ path }, group);
  return { row: located.row, column: located.column, code: error.messageKey, value: error.params.sku ?? error.params.scheme, params: error.params };
}

function isAbortedTransaction(error: unknown): boolean {
  return /current transaction is aborted|25P02/.test(String((error as Error | undefined)?.message ?? error));
}

/**
 * Runs one import: parse, check, then save everything in one transaction or nothing. Idempotent: an import that
 * already finished is left alone, so a redelivered job does no harm.
 */
export async function runCatalogImport(importId: string): Promise<void> {
  const record = await unscopedDb.catalogImport.findUnique({ where: { id: importId } });
  if (!record || record.status === "SUCCEEDED" || record.status === "FAILED") return;
  const organizationId = record.organizationId;
  const scoped = forOrganization(organizationId);
  let finished = false;
  const emit = (progress: Omit<ImportProgress, "importId">) => emitToOrganization(organizationId, PROGRESS_EVENT, { importId, ...progress } satisfies ImportProgress);

  const fail = async (failureCode: FailureCode, rowErrors: RowError[], totalRows: number) => {
    const stored = [...rowErrors].sort(compareErrors).slice(0, MAX_STORED_ERRORS);
    await scoped.catalogImport.update({
      where: { id: importId },
      data: { status: "FAILED", failureCode, rowErrors: stored as unknown as Prisma.InputJsonValue, totalRows, processedRows: 0, createdCount: 0, updatedCount: 0, finishedAt: new Date() },
    });
    finished = true;
    emit({ status: "FAILED", phase: "done", processedRows: 0, totalRows });
  };

  await scoped.catalogImport.update({ where: { id: importId }, data: { status: "RUNNING", processedRows: 0 } });
  emit({ status: "RUNNING", phase: "checking", processedRows: 0, totalRows: record.totalRows });

  const clock = phaseClock();
  try {
    // 1. Read.
    const opened = await storage().open(record.fileKey);
    if (!opened) return await fail("missingFile", [], 0);
    if (opened.size > MAX_IMPORT_BYTES) return await fail("tooLarge", [], 0);
    const kind: SheetKind = record.fileKey.endsWith(".xlsx") ? "xlsx" : "csv";
    let sheet: ParsedSheet;
    try {
      sheet = await readSheet(kind, Readable.fromWeb(opened.stream as WebReadableStream<Uint8Array>));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return await fail(error.code, error.params.row ? [{ row: Number(error.params.row), column: null, code: ERROR.csvSyntax }] : [], 0);
    }
    const totalRows = sheet.rows.length;
    clock.mark("read");
    if (sheet.headerErrors.length > 0) return await fail("header", sheet.headerErrors, totalRows);
    if (totalRows === 0) return await fail("empty", [], 0);
    await scoped.catalogImport.update({ where: { id: importId }, data: { totalRows } });
    emit({ status: "RUNNING", phase: "checking", processedRows: 0, totalRows });

    // 2. Check every row: cells, the product schema, then what the database knows (categories, brands, SKUs).
    const { groups, errors } = rowsToProducts(sheet.rows, await lookupFor(scoped));
    const targets = await matchExisting(scoped, groups, errors);
    const rates = await ratesAsOf();
    clock.mark("checked");

    // 3. Save every valid product in one transaction; any rejected row anywhere rolls it all back. Products are
    // saved even when some rows were already rejected, so that the report also lists what only the database finds.
    const step = progressStep(totalRows);
    const persist = progressPersister(importId, organizationId);
    let processed = 0;
    let nextEmit = step;
    let created = 0;
    let updated = 0;
    emit({ status: "RUNNING", phase: "saving", processedRows: 0, totalRows });
    try {
      await scoped.$transaction(async (tx: ScopedTx) => {
        const ids: string[] = [];
        for (const { group, productId } of targets) {
          try {
            const saved = await saveProduct(tx, group.input!, { productId, userId: record.userId, rates });
            ids.push(saved.id);
            if (saved.created) created += 1;
            else updated += 1;
          } catch (error) {
            if (!(error instanceof ProductSaveError)) throw error;
            errors.push(saveErrorToRow(error, group));
          }
          processed += group.variantRows.length;
          if (processed >= nextEmit) {
            nextEmit = processed + step;
            emit({ status: "RUNNING", phase: "saving", processedRows: processed, totalRows });
            persist(processed);
          }
        }
        clock.mark("saved");
        if (errors.length > 0) throw new RollBack();
        await reindexProducts(tx, ids);
        clock.mark("indexed");
      }, IMPORT_TRANSACTION);
    } catch (error) {
      await persist.flush();
      if (error instanceof RollBack) {
        console.log(`[catalog-import] ${importId}: ${totalRows} rows, ${errors.length} rejected, nothing written (${clock.summary()})`);
        return await fail("rows", errors, totalRows);
      }
      // A database error after a rejected row (the transaction is aborted): report what was found.
      if (errors.length > 0 && isAbortedTransaction(error)) return await fail("rows", errors, totalRows);
      throw error;
    }
    await persist.flush();

    await scoped.catalogImport.update({
      where: { id: importId },
      data: { status: "SUCCEEDED", totalRows, processedRows: totalRows, createdCount: created, updatedCount: updated, rowErrors: [], failureCode: null, finishedAt: new Date() },
    });
    purgePublicPages();
    emit({ status: "SUCCEEDED", phase: "done", processedRows: totalRows, totalRows });
    console.log(`[catalog-import] ${importId}: ${totalRows} rows, ${created} products created, ${updated} updated (${clock.summary()})`);
    finished = true;
  } catch (error) {
    console.error("[catalog-import]", importId, error);
    // Recorded as failed; if even that is impossible (database gone), the job fails and pg-boss retries it.
    await fail("unexpected", [], record.totalRows).catch(() => {
      throw error;
    });
  } finally {
    // The file is kept until the import has an outcome, so that a retried job can read it again.
    if (finished) await storage().delete(record.fileKey).catch(() => undefined);
  }
}

/** Seconds spent in each phase, for the log line each import ends with. */
function phaseClock() {
  let last = performance.now();
  const phases: string[] = [];
  return {
    mark(name: string) {
      const now = performance.now();
      phases.push(`${name} ${((now - last) / 1000).toFixed(1)} s`);
      last = now;
    },
    summary: () => phases.join(", "),
  };
}

/**
 * Progress on the import row while the big transaction runs. On a PostgreSQL server it is written through another
 * connection (readers see it; the transaction does not touch this row). On the embedded database every other
 * connection waits for the transaction, so writing there would deadlock: progress goes over socket.io only.
 */
function progressPersister(importId: string, organizationId: string) {
  const enabled = currentDatabase().kind === "server";
  let chain: Promise<unknown> = Promise.resolve();
  const persist = (processedRows: number) => {
    if (!enabled) return;
    chain = chain.then(() => forOrganization(organizationId).catalogImport.update({ where: { id: importId }, data: { processedRows } })).catch(() => undefined);
  };
  persist.flush = () => chain;
  return persist;
}

// ─── Reading an import (the page, the report) ──────────────────────────────────────────────────────────────

export interface ImportView {
  id: string;
  fileName: string;
  status: CatalogImportStatus;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  failureCode: FailureCode | null;
  errorCount: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** An import of this organization; null for another organization's (or none). */
export async function getCatalogImport(scoped: ScopedDb, importId: string): Promise<(ImportView & { rowErrors: RowError[] }) | null> {
  const row = await scoped.catalogImport.findUnique({ where: { id: importId } });
  if (!row) return null;
  const rowErrors = Array.isArray(row.rowErrors) ? (row.rowErrors as unknown as RowError[]) : [];
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    failureCode: (row.failureCode as FailureCode | null) ?? null,
    errorCount: rowErrors.length,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    rowErrors,
  };
}

/** The organization's latest imports, newest first. */
export async function listCatalogImports(scoped: ScopedDb, take = 10): Promise<ImportView[]> {
  const rows = await scoped.catalogImport.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, fileName: true, status: true, totalRows: true, processedRows: true, createdCount: true, updatedCount: true, failureCode: true, createdAt: true, finishedAt: true },
  });
  return rows.map((r) => ({ ...r, failureCode: (r.failureCode as FailureCode | null) ?? null, errorCount: 0 }));
}

/** A rejected row's reason in the reader's language. */
export function describeRowError(t: TFunction, error: RowError): string {
  const params = { ...(error.params ?? {}), defaultValue: t("importer.errors.invalid") };
  return t(error.code, params) as string;
}

/** What the reader calls a column: its name in the file (header problems name the header cell). */
export function describeColumn(t: TFunction, error: RowError): string {
  if (!error.column) return "";
  if (error.column.startsWith("#")) return t("importer.report.columnNumber", { n: error.column.slice(1) });
  return error.column;
}
