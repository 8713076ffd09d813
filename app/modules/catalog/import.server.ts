import { randomUUID } from "node:crypto";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { CsvError, parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { Prisma } from "~/generated/prisma/client";
import type { CatalogImportStatus } from "~/generated/prisma/enums";
import { currentDatabase, forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { PRICE_CURRENCIES, type DraftProductInput } from "./product-input";
import { getProductForEdit, ProductSaveError, productToInput, saveProduct, type ScopedTx } from "./products.server";
import { reindexProducts } from "./search.server";
import {
  checkHeader,
  compareErrors,
  ERROR,
  locateIssue,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_CELLS,
  MAX_IMPORT_ROWS,
  MAX_SHARED_STRING_CHARS,
  MAX_SHARED_STRINGS,
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
import { ArchiveRefusedError, inspectXlsxArchive } from "./xlsx-guard.server";
import { isKnownHsSubheading } from "./hs-nomenclature.server";

/**
 * Bulk import of products from CSV or XLSX, ALL OR NOTHING per file: every row is checked first; if any row is
 * rejected (by a cell check, the product schema or the database), nothing is kept and the import reports the
 * rejected rows with their reasons. Products are saved in short batches (other requests run between them) with an
 * undo log, dropped in one short final transaction when every batch succeeded and replayed backwards otherwise.
 * Progress is pushed to the organization's socket.io room as `catalog-import:progress`. Jobs run it in a child
 * process with its own heap limit (import-runner.server.ts).
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
  /** Cells the record cost when `cells` is not kept (a later sheet's row). */
  width?: number;
  skip?: boolean;
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

/** What reading one file may cost: cells (any row, empty ones count 1) and the workbook's shared strings. */
export interface ReadBudget {
  cells: number;
  sharedStrings: number;
  sharedStringChars: number;
}

export const READ_BUDGET: ReadBudget = { cells: MAX_IMPORT_CELLS, sharedStrings: MAX_SHARED_STRINGS, sharedStringChars: MAX_SHARED_STRING_CHARS };

function sharedStringLength(item: unknown): number {
  if (typeof item === "string") return item.length;
  const runs = (item as { richText?: { text?: unknown }[] } | null)?.richText;
  return Array.isArray(runs) ? runs.reduce((sum, r) => sum + (typeof r.text === "string" ? r.text.length : 0), 0) : 0;
}

/**
 * ExcelJS 4.4 caches a workbook's shared strings in `reader.sharedStrings`, an array it assigns and then pushes to
 * while reading xl/sharedStrings.xml. The array it assigns is given a counting push that refuses past the budget,
 * so the strings stop accumulating the moment they would (a unit test reads a real workbook through it).
 */
function budgetSharedStrings(reader: object, budget: ReadBudget) {
  let current: unknown;
  Object.defineProperty(reader, "sharedStrings", {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = value;
      if (!Array.isArray(value)) return;
      let chars = 0;
      const push = value.push.bind(value);
      value.push = (...items: unknown[]) => {
        for (const item of items) chars += sharedStringLength(item);
        if (value.length + items.length > budget.sharedStrings || chars > budget.sharedStringChars) throw new ImportFileError("expands");
        return push(...items);
      };
    },
  });
}

/** The first worksheet's rows, streamed (the XML is never held whole); later sheets (the explanations) are skipped. */
async function* xlsxRecords(source: Readable, budget: ReadBudget): AsyncGenerator<RawRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  budgetSharedStrings(reader, budget);
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // Later sheets (the explanations) are read only to reach the end, but they cost cells too.
        if (sheets > 1) {
          yield { row: 0, cells: [], width: Math.max(1, values.length - 1), skip: true };
          continue;
        }
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

/** Turns an archive refusal into the import's failure code (and says why in the log). */
async function guardArchive(bytes: Uint8Array, options: { inflate: boolean }) {
  try {
    await inspectXlsxArchive(bytes, options);
  } catch (error) {
    if (error instanceof ArchiveRefusedError) {
      console.warn(`[catalog-import] workbook refused: ${error.detail}`);
      throw new ImportFileError(error.problem);
    }
    throw error;
  }
}

/**
 * Reads a whole file into rows, or throws ImportFileError: at most `maxRows` data rows and `budget` cells; an XLSX
 * archive is inspected and inflated into a counter (xlsx-guard.server.ts) before ExcelJS reads a byte of it.
 */
export async function readSheet(kind: SheetKind, source: Uint8Array | Readable, options: { maxRows?: number; keepComments?: boolean; budget?: ReadBudget } = {}): Promise<ParsedSheet> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const budget = options.budget ?? READ_BUDGET;
  const bytes = source instanceof Uint8Array ? source : await readAll(source, MAX_IMPORT_BYTES);
  if (kind === "xlsx") await guardArchive(bytes, { inflate: true });
  const records = kind === "csv" ? csvRecords(bytes) : xlsxRecords(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), budget);
  let names: (string | null)[] | null = null;
  let headerErrors: RowError[] = [];
  const rows: SheetRow[] = [];
  let cells = 0;
  for await (const record of records) {
    cells += record.width ?? Math.max(1, record.cells.length);
    if (cells > budget.cells) throw new ImportFileError("expands");
    if (record.skip) continue;
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

const EMBEDDED_HEAD_START_SECONDS = 1;

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
  // The archive's directory is read (nothing inflated) so that a zip bomb is refused here, with nothing stored.
  if (kind === "xlsx") {
    try {
      await inspectXlsxArchive(file.bytes);
    } catch (error) {
      if (error instanceof ArchiveRefusedError) return { ok: false, code: error.problem };
      throw error;
    }
  }
  if (await scoped.catalogImport.findFirst({ where: { activeOrganizationId: organizationId }, select: { id: true } })) return { ok: false, code: "busy" };
  const fileKey = `imports/${organizationId}/${randomUUID()}.${kind}`;
  await storage().put(fileKey, file.bytes);
  let importId: string;
  try {
    const created = await scoped.catalogImport.create({
      data: { organizationId, userId, fileName: cleanFileName(file.name), fileKey, activeOrganizationId: organizationId },
      select: { id: true },
    });
    importId = created.id;
  } catch (error) {
    await storage().delete(fileKey);
    // Two uploads at once: the database's unique slot lets one through.
    if (isUniqueViolation(error, "activeOrganizationId")) return { ok: false, code: "busy" };
    throw error;
  }
  // A short head start lets the uploader's page join the organization's room before the first progress event.
  const startAfter = currentDatabase().kind === "embedded" ? EMBEDDED_HEAD_START_SECONDS : 0;
  try {
    await enqueue("products.import", { importId }, { singletonKey: importId, startAfter });
  } catch (error) {
    await abandonCatalogImport(importId, "unexpected");
    throw error;
  }
  return { ok: true, importId };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string; meta?: unknown } | null;
  return e?.code === "P2002" && (JSON.stringify(e.meta ?? {}).includes(column) || String(e.message).includes(column));
}

function cleanFileName(name: string): string {
  // Only the base name, without control characters, at most 200 characters: it is shown back to the user.
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "import").slice(0, 200);
}

// ─── The job ───────────────────────────────────────────────────────────────────────────────────────────────

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
  // A well-shaped HS code that HS 2022 does not have (8517.12 is HS 2017) is refused like a bad cell.
  for (const group of groups) {
    if (group.input && !isKnownHsSubheading(group.input.hsCode)) {
      errors.push({ row: group.firstRow, column: "hs_code", code: ERROR.hsCodeUnknown, value: group.input.hsCode });
      group.input = null;
    }
  }
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

/** Products saved per transaction: every commit lets other requests in (the embedded database runs one at a time). */
export const IMPORT_BATCH_PRODUCTS = 50;
/** How often the process running an import says it is alive, and when silence means it died. */
export const HEARTBEAT_SECONDS = 5;
export const HEARTBEAT_STALE_SECONDS = 60;

export interface RunImportOptions {
  /** Where progress goes: the organization's socket.io room by default (a child process sends it to its parent). */
  onProgress?: (progress: ImportProgress, organizationId: string) => void;
  batchSize?: number;
  /** Called after each committed batch (tests use it to change the world between two batches). */
  afterBatch?: (batch: number) => Promise<void> | void;
}

/** Thrown inside a batch's transaction to roll that batch back when one of its products was refused. */
class RollBack extends Error {}

const BATCH_TRANSACTION = { timeout: 120_000, maxWait: 60_000 } as const;

/** A product as it was (a draft may lack its trade data) holds bigints and dates: kept in JSON as {"$n": "…"} and {"$d": "…"}. */
function encodeInput(input: DraftProductInput): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(input, function (this: Record<string, unknown>, key, value: unknown) {
      const original = this[key];
      if (typeof original === "bigint") return { $n: original.toString() };
      if (original instanceof Date) return { $d: original.toISOString() };
      return value;
    }),
  ) as Prisma.InputJsonValue;
}

function decodeInput(json: Prisma.JsonValue): DraftProductInput {
  return JSON.parse(JSON.stringify(json), (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (typeof record.$n === "string" && Object.keys(record).length === 1) return BigInt(record.$n);
      if (typeof record.$d === "string" && Object.keys(record).length === 1) return new Date(record.$d);
    }
    return value;
  }) as DraftProductInput;
}

/** The import's end, written once: the slot of "one active import per organization" is freed with it. */
async function finish(importId: string, data: Prisma.CatalogImportUpdateManyMutationInput): Promise<boolean> {
  const ended = await unscopedDb.catalogImport.updateMany({
    where: { id: importId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { ...data, activeOrganizationId: null, finishedAt: new Date() },
  });
  return ended.count === 1;
}

/**
 * Undoes what an import committed (its CatalogImportChange rows), newest first, a few products per transaction:
 * products it created are deleted, products it updated are saved back as they were.
 */
async function undoChanges(importId: string, organizationId: string): Promise<number> {
  const scoped = forOrganization(organizationId);
  let undone = 0;
  for (;;) {
    const changes = await scoped.catalogImportChange.findMany({ where: { importId }, orderBy: { id: "desc" }, take: 20 });
    if (changes.length === 0) return undone;
    for (const change of changes) {
      try {
        await scoped.$transaction(async (tx: ScopedTx) => {
          if (change.before === null) await tx.product.deleteMany({ where: { id: change.productId } });
          else {
            await saveProduct(tx, decodeInput(change.before), { productId: change.productId, userId: null });
            await reindexProducts(tx, [change.productId]);
          }
          await tx.catalogImportChange.delete({ where: { id: change.id } });
        }, BATCH_TRANSACTION);
        undone += 1;
      } catch (error) {
        // The product changed under us (deleted, its brand removed…): it stays as it is now, and the log says so.
        console.error(`[catalog-import] ${importId}: could not undo product ${change.productId}`, error);
        await scoped.catalogImportChange.deleteMany({ where: { id: change.id } });
      }
    }
  }
}

/**
 * Ends an import whose run did not: undoes its committed batches and records it FAILED with `code` ("memory" when
 * its process ran out of heap, "interrupted" when it died or the server stopped). False when it had already ended.
 */
export async function abandonCatalogImport(importId: string, code: Extract<FailureCode, "memory" | "interrupted" | "unexpected">): Promise<boolean> {
  const record = await unscopedDb.catalogImport.findUnique({ where: { id: importId }, select: { organizationId: true, status: true, fileKey: true, totalRows: true } });
  if (!record || record.status === "SUCCEEDED" || record.status === "FAILED") return false;
  // Ended first, then undone: a run that is still alive (only slow) finds its import ended at its next batch and
  // stops without writing, so nothing it commits can escape the undo.
  const ended = await finish(importId, { status: "FAILED", failureCode: code, rowErrors: [], processedRows: 0, createdCount: 0, updatedCount: 0 });
  if (!ended) return false;
  await undoChanges(importId, record.organizationId);
  console.error(`[catalog-import] ${importId}: failed (${code}), nothing kept`);
  purgePublicPages();
  emitToOrganization(record.organizationId, PROGRESS_EVENT, { importId, status: "FAILED", phase: "done", processedRows: 0, totalRows: record.totalRows } satisfies ImportProgress);
  await storage().delete(record.fileKey).catch(() => undefined);
  return true;
}

/**
 * Imports left RUNNING by a process that died (killed, out of memory, the server stopped): their heartbeat is older
 * than `staleAfterSeconds` (0: every running import, as on the embedded database at start-up, where no other
 * process can be running one). Each is undone and failed as "interrupted".
 */
export async function failAbandonedImports(options: { staleAfterSeconds?: number } = {}): Promise<number> {
  const stale = new Date(Date.now() - (options.staleAfterSeconds ?? HEARTBEAT_STALE_SECONDS) * 1000);
  const running = await unscopedDb.catalogImport.findMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lte: stale } }] },
    select: { id: true },
  });
  let failed = 0;
  for (const { id } of running) if (await abandonCatalogImport(id, "interrupted")) failed += 1;
  // A failed import whose undo was itself interrupted still has changes logged: undo the rest.
  const leftovers = await unscopedDb.catalogImportChange.findMany({ where: { import: { status: "FAILED" } }, distinct: ["importId"], select: { importId: true, organizationId: true } });
  for (const { importId, organizationId } of leftovers) await undoChanges(importId, organizationId);
  return failed;
}

/** The run of an import that was declared dead meanwhile (abandonCatalogImport): it stops, writing nothing more. */
class ImportAbandoned extends Error {}

/** Reads the stored file (at most MAX_IMPORT_BYTES). */
async function readStoredSheet(fileKey: string): Promise<ParsedSheet> {
  const opened = await storage().open(fileKey);
  if (!opened) throw new ImportFileError("missingFile");
  if (opened.size > MAX_IMPORT_BYTES) throw new ImportFileError("tooLarge", { max: MAX_IMPORT_BYTES });
  const bytes = await readAll(Readable.fromWeb(opened.stream as WebReadableStream<Uint8Array>), MAX_IMPORT_BYTES);
  return readSheet(fileKey.endsWith(".xlsx") ? "xlsx" : "csv", bytes);
}

/**
 * Runs one import: read and check every row (nothing written yet), then save the products in batches of
 * IMPORT_BATCH_PRODUCTS, each batch one short transaction that also records what it changed (CatalogImportChange);
 * a product refused by the database rolls its batch back and undoes the batches before it, so the file is still
 * imported all or nothing. Between batches other requests get the database. Only a QUEUED import is started: a
 * redelivered job finds it RUNNING or ended and leaves it (a dead run is failed by failAbandonedImports).
 */
export async function runCatalogImport(importId: string, options: RunImportOptions = {}): Promise<void> {
  const record = await unscopedDb.catalogImport.findUnique({ where: { id: importId } });
  if (!record) return;
  if (record.status === "RUNNING") {
    const stale = !record.heartbeatAt || record.heartbeatAt.getTime() < Date.now() - HEARTBEAT_STALE_SECONDS * 1000;
    if (stale) await abandonCatalogImport(importId, "interrupted");
    return;
  }
  if (record.status !== "QUEUED") return;
  const claimed = await unscopedDb.catalogImport.updateMany({ where: { id: importId, status: "QUEUED" }, data: { status: "RUNNING", processedRows: 0, heartbeatAt: new Date() } });
  if (claimed.count === 0) return;

  const organizationId = record.organizationId;
  const scoped = forOrganization(organizationId);
  const batchSize = options.batchSize ?? IMPORT_BATCH_PRODUCTS;
  const emit = (progress: Omit<ImportProgress, "importId">) => {
    const payload = { importId, ...progress } satisfies ImportProgress;
    if (options.onProgress) options.onProgress(payload, organizationId);
    else emitToOrganization(organizationId, PROGRESS_EVENT, payload);
  };
  const heartbeat = (data: Prisma.CatalogImportUpdateManyMutationInput = {}) =>
    unscopedDb.catalogImport.updateMany({ where: { id: importId, status: "RUNNING" }, data: { ...data, heartbeatAt: new Date() } });
  // Reading a big file takes a while without touching the database: the heartbeat keeps going meanwhile.
  const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_SECONDS * 1000);
  beat.unref();

  let ended = false;
  const fail = async (failureCode: FailureCode, rowErrors: RowError[], totalRows: number) => {
    const stored = [...rowErrors].sort(compareErrors).slice(0, MAX_STORED_ERRORS);
    const mine = await finish(importId, { status: "FAILED", failureCode, rowErrors: stored as unknown as Prisma.InputJsonValue, totalRows, processedRows: 0, createdCount: 0, updatedCount: 0 });
    ended = true;
    if (!mine) return;
    await undoChanges(importId, organizationId);
    emit({ status: "FAILED", phase: "done", processedRows: 0, totalRows });
  };

  emit({ status: "RUNNING", phase: "checking", processedRows: 0, totalRows: record.totalRows });
  const clock = phaseClock();
  try {
    // 1. Read (bounded: archive, cells, shared strings, rows).
    let sheet: ParsedSheet;
    try {
      sheet = await readStoredSheet(record.fileKey);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return await fail(error.code, error.params.row ? [{ row: Number(error.params.row), column: null, code: ERROR.csvSyntax }] : [], 0);
    }
    const totalRows = sheet.rows.length;
    clock.mark("read");
    if (sheet.headerErrors.length > 0) return await fail("header", sheet.headerErrors, totalRows);
    if (totalRows === 0) return await fail("empty", [], 0);
    await heartbeat({ totalRows });
    emit({ status: "RUNNING", phase: "checking", processedRows: 0, totalRows });

    // 2. Check every row: cells, the product schema, then what the database knows (categories, brands, SKUs).
    const { groups, errors } = rowsToProducts(sheet.rows, await lookupFor(scoped));
    const targets = await matchExisting(scoped, groups, errors);
    const rates = await ratesAsOf();
    clock.mark("checked");
    if (errors.length > 0) {
      console.log(`[catalog-import] ${importId}: ${totalRows} rows, ${errors.length} rejected, nothing written (${clock.summary()})`);
      return await fail("rows", errors, totalRows);
    }

    // 3. Save in batches; each batch records what it changed so that a later failure can undo it.
    let processed = 0;
    let created = 0;
    let updated = 0;
    emit({ status: "RUNNING", phase: "saving", processedRows: 0, totalRows });
    for (let start = 0, batch = 1; start < targets.length; start += batchSize, batch += 1) {
      const slice = targets.slice(start, start + batchSize);
      let batchCreated = 0;
      try {
        await scoped.$transaction(async (tx: ScopedTx) => {
          // Still ours? (The row lock also orders this batch before any abandonCatalogImport of the import.)
          const alive = await tx.catalogImport.updateMany({ where: { id: importId, status: "RUNNING" }, data: { heartbeatAt: new Date() } });
          if (alive.count === 0) throw new ImportAbandoned();
          const ids: string[] = [];
          const changes: { productId: string; before: Prisma.InputJsonValue | typeof Prisma.DbNull }[] = [];
          for (const { group, productId } of slice) {
            let before: Prisma.InputJsonValue | typeof Prisma.DbNull = Prisma.DbNull;
            if (productId) {
              const existing = await getProductForEdit(tx as unknown as ScopedDb, productId);
              if (existing) before = encodeInput(productToInput(existing));
            }
            try {
              const saved = await saveProduct(tx, group.input!, { productId, userId: record.userId, rates });
              ids.push(saved.id);
              changes.push({ productId: saved.id, before: saved.created ? Prisma.DbNull : before });
              if (saved.created) batchCreated += 1;
            } catch (error) {
              if (!(error instanceof ProductSaveError)) throw error;
              errors.push(saveErrorToRow(error, group));
              throw new RollBack();
            }
          }
          await reindexProducts(tx, ids);
          await tx.catalogImportChange.createMany({ data: changes.map((c) => ({ importId, organizationId, productId: c.productId, before: c.before })) });
        }, BATCH_TRANSACTION);
      } catch (error) {
        if (error instanceof ImportAbandoned) {
          console.warn(`[catalog-import] ${importId}: ended elsewhere while running; stopping at batch ${batch}`);
          return;
        }
        if (error instanceof RollBack || (errors.length > 0 && isAbortedTransaction(error))) {
          console.log(`[catalog-import] ${importId}: refused by the database in batch ${batch}, undoing (${clock.summary()})`);
          return await fail("rows", errors, totalRows);
        }
        throw error;
      }
      created += batchCreated;
      updated += slice.length - batchCreated;
      processed += slice.reduce((sum, t) => sum + t.group.variantRows.length, 0);
      await heartbeat({ processedRows: processed });
      emit({ status: "RUNNING", phase: "saving", processedRows: processed, totalRows });
      await options.afterBatch?.(batch);
    }
    clock.mark("saved");

    // 4. Publish: one short transaction drops the undo log and records the outcome.
    const published = await scoped.$transaction(async (tx: ScopedTx) => {
      const succeeded = await tx.catalogImport.updateMany({
        where: { id: importId, status: "RUNNING" },
        data: { status: "SUCCEEDED", activeOrganizationId: null, totalRows, processedRows: totalRows, createdCount: created, updatedCount: updated, rowErrors: [], failureCode: null, finishedAt: new Date() },
      });
      if (succeeded.count === 1) await tx.catalogImportChange.deleteMany({ where: { importId } });
      return succeeded.count === 1;
    });
    if (!published) return;
    ended = true;
    purgePublicPages();
    emit({ status: "SUCCEEDED", phase: "done", processedRows: totalRows, totalRows });
    console.log(`[catalog-import] ${importId}: ${totalRows} rows, ${created} products created, ${updated} updated (${clock.summary()})`);
  } catch (error) {
    console.error("[catalog-import]", importId, error);
    // Recorded as failed (its batches undone); if even that is impossible (database gone), the error propagates and
    // the import is failed later by failAbandonedImports, once its heartbeat is stale.
    await fail("unexpected", [], record.totalRows).catch(() => {
      throw error;
    });
  } finally {
    clearInterval(beat);
    if (ended) await storage().delete(record.fileKey).catch(() => undefined);
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
