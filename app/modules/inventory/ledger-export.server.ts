import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { StockMovementKind } from "~/generated/prisma/enums";
import { guardFormula } from "~/modules/catalog/spreadsheet-format";
import type { ScopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { productName } from "./inbound.server";

/**
 * The manufacturer's stock ledger: its movements, newest first, filtered by SKU, warehouse, kind and date range,
 * read in keyset pages (createdAt, id) so that page 500 costs what page 1 does; and the same filter as CSV.
 */

export const MOVEMENT_KINDS = ["RECEIPT", "RESERVATION", "RELEASE", "PICK", "SHIPMENT", "ADJUSTMENT", "TRANSFER_OUT", "TRANSFER_IN", "CYCLE_COUNT"] as const satisfies readonly StockMovementKind[];

const DAY_MS = 86_400_000;
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** The filter as the page's query string carries it; anything unreadable is simply ignored. */
export const LedgerFilterSchema = z.object({
  sku: z.string().trim().max(64).optional().catch(undefined),
  warehouseId: z.uuid().optional().catch(undefined),
  kind: z.enum(MOVEMENT_KINDS).optional().catch(undefined),
  /** First day included (UTC). */
  from: isoDay.optional().catch(undefined),
  /** Last day included (UTC). */
  to: isoDay.optional().catch(undefined),
});
export type LedgerFilter = z.infer<typeof LedgerFilterSchema>;

export function ledgerFilterFrom(searchParams: URLSearchParams): LedgerFilter {
  const raw = Object.fromEntries([...searchParams].filter(([, v]) => v.trim() !== ""));
  return LedgerFilterSchema.parse(raw);
}

/** The same filter as a query string (for links: next page, CSV export). */
export function ledgerQuery(filter: LedgerFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  const [iso, id] = Buffer.from(text, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (Number.isNaN(createdAt.getTime()) || !id || !z.uuid().safeParse(id).success) return null;
  return { createdAt, id };
}

export interface LedgerEntry {
  id: string;
  createdAt: Date;
  kind: StockMovementKind;
  warehouse: { id: string; code: string; city: string };
  sku: string;
  productName: string;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  reason: string | null;
  /** The ASN reference, the reservation's holder reference ("order:…"), or the transfer id. */
  reference: string | null;
  user: string | null;
}

async function whereOf(scoped: ScopedDb, filter: LedgerFilter): Promise<Prisma.StockMovementWhereInput | null> {
  const where: Prisma.StockMovementWhereInput = {};
  if (filter.sku) {
    const variants = await scoped.productVariant.findMany({ where: { sku: { equals: filter.sku, mode: "insensitive" } }, select: { id: true } });
    if (variants.length === 0) return null;
    where.variantId = { in: variants.map((v) => v.id) };
  }
  if (filter.warehouseId) where.warehouseId = filter.warehouseId;
  if (filter.kind) where.kind = filter.kind;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS) } : {}),
    };
  }
  return where;
}

/** A page of the ledger, newest first; `nextCursor` is null on the last page. */
export async function listLedger(scoped: ScopedDb, filter: LedgerFilter, options: { lang: Lang; cursor?: string | null; take?: number }): Promise<{ entries: LedgerEntry[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(options.take ?? 50, 1), 1000);
  const where = await whereOf(scoped, filter);
  if (!where) return { entries: [], nextCursor: null };
  const cursor = decodeCursor(options.cursor);
  const rows = await scoped.stockMovement.findMany({
    where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const last = page[page.length - 1];
  const entries = await describe(scoped, page, options.lang);
  return { entries, nextCursor: rows.length > take && last ? encodeCursor(last) : null };
}

type MovementRow = Awaited<ReturnType<ScopedDb["stockMovement"]["findMany"]>>[number];

/** Names for a page of movements: warehouses, SKUs and products, people, references (a handful of queries). */
async function describe(scoped: ScopedDb, rows: MovementRow[], lang: Lang): Promise<LedgerEntry[]> {
  const ids = <K extends keyof MovementRow>(key: K) => [...new Set(rows.map((r) => r[key]).filter((v): v is NonNullable<MovementRow[K]> => v !== null && v !== undefined))] as string[];
  const [warehouses, variants, users, shipments, reservations] = await Promise.all([
    scoped.warehouse.findMany({ where: { id: { in: ids("warehouseId") } }, select: { id: true, code: true, city: true } }),
    scoped.productVariant.findMany({ where: { id: { in: ids("variantId") } }, select: { id: true, sku: true, product: { select: { sourceLocale: true, translations: { select: { locale: true, name: true } } } } } }),
    // Who moved stock: the manufacturer's members or the platform's warehouse staff (names only).
    scoped.user.findMany({ where: { id: { in: ids("userId") } }, select: { id: true, name: true } }),
    scoped.inboundShipment.findMany({ where: { id: { in: ids("inboundShipmentId") } }, select: { id: true, reference: true } }),
    scoped.stockReservation.findMany({ where: { id: { in: ids("reservationId") } }, select: { id: true, reference: true } }),
  ]);
  const warehouse = new Map(warehouses.map((w) => [w.id, w]));
  const variant = new Map(variants.map((v) => [v.id, v]));
  const user = new Map(users.map((u) => [u.id, u.name]));
  const shipment = new Map(shipments.map((s) => [s.id, s.reference]));
  const reservation = new Map(reservations.map((r) => [r.id, r.reference]));
  return rows.map((r) => {
    const v = variant.get(r.variantId);
    return {
      id: r.id,
      createdAt: r.createdAt,
      kind: r.kind,
      warehouse: warehouse.get(r.warehouseId) ?? { id: r.warehouseId, code: "", city: "" },
      sku: v?.sku ?? "",
      productName: v ? productName(v.product, lang) : "",
      onHandDelta: r.onHandDelta,
      reservedDelta: r.reservedDelta,
      onHandAfter: r.onHandAfter,
      reservedAfter: r.reservedAfter,
      reason: r.reason,
      reference: (r.inboundShipmentId && shipment.get(r.inboundShipmentId)) || (r.reservationId && reservation.get(r.reservationId)) || r.transferId || null,
      user: r.userId ? (user.get(r.userId) ?? null) : null,
    };
  });
}

const CSV_PAGE = 1000;

export const LEDGER_COLUMNS = ["date", "warehouse", "city", "sku", "product", "kind", "onHandDelta", "reservedDelta", "onHandAfter", "reservedAfter", "reason", "reference", "user"] as const;

/**
 * The filtered ledger as CSV (UTF-8 with BOM, so spreadsheets read accents and Chinese), written page by page as it
 * is read: memory stays flat however long the history. Header in the page's language; dates in ISO 8601 UTC;
 * text cells guarded against formula injection (numbers are ours, and stay numbers).
 */
export function ledgerCsvResponse(scoped: ScopedDb, filter: LedgerFilter, options: { lang: Lang; t: TFunction; cityOf: (w: { code: string; city: string }) => string; fileName: string }): Response {
  const out = new PassThrough();
  const csv = stringify({ bom: true });
  csv.pipe(out);
  const write = async () => {
    const put = async (cells: (string | number)[]) => {
      if (!csv.write(cells)) await once(csv, "drain");
    };
    await put(LEDGER_COLUMNS.map((c) => options.t(`inventory.ledger.columns.${c}`)));
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listLedger>> = await listLedger(scoped, filter, { lang: options.lang, cursor, take: CSV_PAGE });
      for (const e of page.entries) {
        await put([
          e.createdAt.toISOString(),
          guardFormula(e.warehouse.code),
          guardFormula(options.cityOf(e.warehouse)),
          guardFormula(e.sku),
          guardFormula(e.productName),
          options.t(`inventory.kinds.${e.kind}`),
          e.onHandDelta,
          e.reservedDelta,
          e.onHandAfter,
          e.reservedAfter,
          guardFormula(e.reason ?? ""),
          guardFormula(e.reference ?? ""),
          guardFormula(e.user ?? ""),
        ]);
      }
      cursor = page.nextCursor;
    } while (cursor);
    csv.end();
  };
  write().catch((error) => {
    console.error("[ledger-export]", error);
    out.destroy(error as Error);
  });
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${options.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
