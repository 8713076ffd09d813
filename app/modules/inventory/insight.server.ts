import type { ScopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { ON_THE_WAY, productName } from "./inbound.server";

/**
 * The manufacturer's view of its stock: per SKU and overseas warehouse, what is on hand, reserved, available and on
 * its way; how fast it sells; how long it lasts; and how much to send next.
 *
 * Sales velocity (units/day) = units that left stock through PICK movements (order confirmed: −onHand) — and any
 * SHIPMENT that took units off (SHIPMENT is 0/0 by the ledger's rules, it only records the dispatch of picked goods,
 * so a sale is never counted twice) — over the last VELOCITY_WINDOW_DAYS days, divided by that many days.
 *
 * Days of cover = available ÷ velocity (none when nothing sold in the window).
 *
 * Suggested replenishment: stock must last while the next batch is made and shipped, so
 *   cover days = production lead days (product.leadTimeDays)
 *              + transit days to the warehouse's country (TransitLane CN → country, the longest estimate)
 *              + SAFETY_DAYS (a margin for delays and demand above the average);
 *   target     = velocity × cover days (rounded up), and at least one unit above the low-stock threshold when set;
 *   suggestion = target − available − inbound on the way, rounded UP to whole cartons of product.packSize units;
 *                zero when the stock and what is on its way already reach the target.
 */

export const VELOCITY_WINDOW_DAYS = 30;
export const SAFETY_DAYS = 14;
/** Transit assumed to a country the platform has no lane for (conservative: a long sea route). */
export const DEFAULT_TRANSIT_DAYS = 45;

const DAY_MS = 86_400_000;

export interface Suggestion {
  /** Units to send (a whole number of cartons). */
  quantity: number;
  cartons: number;
  packSize: number;
  productionDays: number;
  transitDays: number;
  /** True when no transit lane is known and DEFAULT_TRANSIT_DAYS was assumed. */
  transitAssumed: boolean;
  safetyDays: number;
  coverDays: number;
  /** The stock to reach: max(⌈velocity × coverDays⌉, threshold + 1). */
  target: number;
}

export interface StockRow {
  /** The balance row (null for a SKU whose first shipment to this warehouse is still on its way). */
  balanceId: string | null;
  warehouseId: string;
  variantId: string;
  productId: string;
  sku: string;
  productName: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  threshold: number | null;
  /** Units per day over the window. */
  velocity: number;
  /** available ÷ velocity; null when nothing sold in the window. */
  daysOfCover: number | null;
  low: boolean;
  suggestion: Suggestion;
}

export interface WarehouseSummary {
  id: string;
  code: string;
  city: string;
  countryCode: string;
  onHand: number;
  reserved: number;
  available: number;
  inbound: number;
  skuCount: number;
  lowCount: number;
}

/**
 * What the insight reads through: the organization's scoped client or its transaction (inside a transaction every
 * read must use it: the embedded database serves one transaction at a time).
 */
export type InsightReader = Pick<ScopedDb, "stockBalance" | "stockMovement" | "inboundShipmentLine" | "productVariant" | "warehouse" | "transitLane">;

/** The longest transit from China to each country, by the lane in force (latest validFrom not after today). */
export async function transitDaysByCountry(client: Pick<ScopedDb, "transitLane">, countries: string[], now = new Date()): Promise<Map<string, number>> {
  if (countries.length === 0) return new Map();
  // Transit lanes are platform reference data (no organizationId): the scoped client reads them as they are.
  const lanes = await client.transitLane.findMany({
    where: { originCountry: "CN", destinationCountry: { in: [...new Set(countries)] }, validFrom: { lte: now } },
    orderBy: [{ validFrom: "desc" }],
    select: { destinationCountry: true, transitDaysMax: true },
  });
  const days = new Map<string, number>();
  for (const lane of lanes) if (!days.has(lane.destinationCountry)) days.set(lane.destinationCountry, lane.transitDaysMax);
  return days;
}

/** The suggestion formula (see the module's comment), pure so that it can be shown and tested as is. */
export function suggestReplenishment(input: { velocity: number; available: number; inbound: number; threshold: number | null; packSize: number; productionDays: number; transitDays: number | null }): Suggestion {
  const transitAssumed = input.transitDays === null;
  const transitDays = input.transitDays ?? DEFAULT_TRANSIT_DAYS;
  const coverDays = input.productionDays + transitDays + SAFETY_DAYS;
  // A tiny epsilon keeps 2.1 × 10 = 21.000000000000004 from becoming 22.
  const demand = Math.ceil(input.velocity * coverDays - 1e-9);
  const target = Math.max(demand, input.threshold === null ? 0 : input.threshold + 1);
  const shortfall = target - input.available - input.inbound;
  const packSize = Math.max(1, input.packSize);
  const cartons = shortfall > 0 ? Math.ceil(shortfall / packSize) : 0;
  return { quantity: cartons * packSize, cartons, packSize, productionDays: input.productionDays, transitDays, transitAssumed, safetyDays: SAFETY_DAYS, coverDays, target };
}

export interface InsightOptions {
  lang: Lang;
  now?: Date;
  /** Only these SKUs (an alert's email); all when absent. */
  variantIds?: string[];
  /** Only this warehouse. */
  warehouseId?: string;
}

/**
 * Stock per SKU per overseas warehouse for the organization, with velocity, days of cover and a suggestion; and
 * the totals per warehouse (the dashboard's chart). Rows: low first, then fewest days of cover, then SKU.
 */
export async function stockInsight(scoped: InsightReader, options: InsightOptions): Promise<{ rows: StockRow[]; warehouses: WarehouseSummary[] }> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - VELOCITY_WINDOW_DAYS * DAY_MS);
  const variantFilter = options.variantIds ? { variantId: { in: options.variantIds } } : {};
  const warehouseFilter = options.warehouseId ? { warehouseId: options.warehouseId } : {};

  const [balances, sold, onTheWay] = await Promise.all([
    scoped.stockBalance.findMany({
      where: { ...variantFilter, ...warehouseFilter, warehouse: { kind: "OVERSEAS" } },
      select: { id: true, warehouseId: true, variantId: true, productId: true, onHand: true, reserved: true, lowStockThreshold: true },
    }),
    scoped.stockMovement.groupBy({
      by: ["warehouseId", "variantId"],
      where: { ...variantFilter, ...warehouseFilter, kind: { in: ["PICK", "SHIPMENT"] }, onHandDelta: { lt: 0 }, createdAt: { gte: since, lte: now } },
      _sum: { onHandDelta: true },
    }),
    scoped.inboundShipmentLine.findMany({
      where: { ...variantFilter, shipment: { status: { in: ON_THE_WAY }, ...warehouseFilter } },
      select: { variantId: true, productId: true, expectedQuantity: true, receivedQuantity: true, damagedQuantity: true, shipment: { select: { warehouseId: true } } },
    }),
  ]);

  const key = (warehouseId: string, variantId: string) => `${warehouseId}:${variantId}`;
  const soldBy = new Map(sold.map((s) => [key(s.warehouseId, s.variantId), -(s._sum.onHandDelta ?? 0)]));
  const inboundBy = new Map<string, number>();
  const pairs = new Map<string, { warehouseId: string; variantId: string; productId: string }>();
  for (const b of balances) pairs.set(key(b.warehouseId, b.variantId), b);
  for (const line of onTheWay) {
    const k = key(line.shipment.warehouseId, line.variantId);
    // What has not arrived yet: a partly received line still expects the rest.
    inboundBy.set(k, (inboundBy.get(k) ?? 0) + Math.max(0, line.expectedQuantity - line.receivedQuantity - line.damagedQuantity));
    if (!pairs.has(k)) pairs.set(k, { warehouseId: line.shipment.warehouseId, variantId: line.variantId, productId: line.productId });
  }
  const balanceBy = new Map(balances.map((b) => [key(b.warehouseId, b.variantId), b]));

  const warehouseIds = [...new Set([...pairs.values()].map((p) => p.warehouseId))];
  const variantIds = [...new Set([...pairs.values()].map((p) => p.variantId))];
  const [warehouses, variants] = await Promise.all([
    scoped.warehouse.findMany({ where: { id: { in: warehouseIds }, kind: "OVERSEAS" }, select: { id: true, code: true, city: true, countryCode: true } }),
    scoped.productVariant.findMany({
      where: { id: { in: variantIds } },
      select: { id: true, sku: true, productId: true, product: { select: { packSize: true, leadTimeDays: true, sourceLocale: true, translations: { select: { locale: true, name: true } } } } },
    }),
  ]);
  const warehouseById = new Map(warehouses.map((w) => [w.id, w]));
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const transit = await transitDaysByCountry(scoped, warehouses.map((w) => w.countryCode), now);

  const rows: StockRow[] = [];
  for (const [k, pair] of pairs) {
    const warehouse = warehouseById.get(pair.warehouseId);
    const variant = variantById.get(pair.variantId);
    if (!warehouse || !variant) continue;
    const balance = balanceBy.get(k);
    const onHand = balance?.onHand ?? 0;
    const reserved = balance?.reserved ?? 0;
    const available = onHand - reserved;
    const inbound = inboundBy.get(k) ?? 0;
    const threshold = balance?.lowStockThreshold ?? null;
    const velocity = (soldBy.get(k) ?? 0) / VELOCITY_WINDOW_DAYS;
    rows.push({
      balanceId: balance?.id ?? null,
      warehouseId: pair.warehouseId,
      variantId: pair.variantId,
      productId: variant.productId,
      sku: variant.sku,
      productName: productName(variant.product, options.lang),
      onHand,
      reserved,
      available,
      inbound,
      threshold,
      velocity,
      daysOfCover: velocity > 0 ? available / velocity : null,
      low: threshold !== null && available <= threshold,
      suggestion: suggestReplenishment({
        velocity,
        available,
        inbound,
        threshold,
        packSize: variant.product.packSize,
        productionDays: variant.product.leadTimeDays,
        transitDays: transit.get(warehouse.countryCode) ?? null,
      }),
    });
  }
  rows.sort((a, b) => Number(b.low) - Number(a.low) || (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity) || a.sku.localeCompare(b.sku) || a.warehouseId.localeCompare(b.warehouseId));

  const summaries = new Map<string, WarehouseSummary>();
  for (const row of rows) {
    const w = warehouseById.get(row.warehouseId)!;
    const s = summaries.get(w.id) ?? { id: w.id, code: w.code, city: w.city, countryCode: w.countryCode, onHand: 0, reserved: 0, available: 0, inbound: 0, skuCount: 0, lowCount: 0 };
    s.onHand += row.onHand;
    s.reserved += row.reserved;
    s.available += row.available;
    s.inbound += row.inbound;
    s.skuCount += 1;
    if (row.low) s.lowCount += 1;
    summaries.set(w.id, s);
  }
  const ordered = [...summaries.values()].sort((a, b) => a.countryCode.localeCompare(b.countryCode) || a.code.localeCompare(b.code));
  return { rows, warehouses: ordered };
}

/**
 * Sets (or clears, with null) the low-stock threshold of a SKU in a warehouse. False when the balance is not this
 * organization's. The caller re-evaluates alerts (alerts.server.ts) so that the dashboard reflects it at once.
 */
export async function setLowStockThreshold(scoped: ScopedDb, balanceId: string, threshold: number | null): Promise<boolean> {
  const result = await scoped.stockBalance.updateMany({ where: { id: balanceId }, data: { lowStockThreshold: threshold } });
  return result.count === 1;
}
