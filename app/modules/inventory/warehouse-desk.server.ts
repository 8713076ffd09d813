import type { DiscrepancyKind, InboundStatus, StockMovementKind } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, formatNumber } from "~/modules/i18n/format";
import { photoIdOf, RECEIVABLE } from "./receiving.server";
import { forWarehouse, type WarehouseDb } from "./warehouse-access.server";

/**
 * What warehouse staff read: every query goes through `forWarehouse(id)` (the warehouse filter in one place), across
 * the manufacturers whose goods the warehouse holds. Dates and numbers are left raw: loaders format them.
 */

export const STOCK_PAGE_SIZE = 50;
const MOVEMENT_KINDS_IN = ["RECEIPT", "TRANSFER_IN"] as const;

type NamedProduct = { sourceLocale: Lang; translations: { locale: Lang; name: string }[] };

/** The product's name in `lang`, else in its source language, else any. */
export function nameIn(product: NamedProduct, lang: Lang): string {
  return (product.translations.find((t) => t.locale === lang && t.name) ?? product.translations.find((t) => t.locale === product.sourceLocale) ?? product.translations[0])?.name ?? "";
}

const PRODUCT_NAMES = { select: { sourceLocale: true, translations: { select: { locale: true, name: true } } } } as const;

async function organizationNames(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // Manufacturer names are shown to the staff handling their goods (organizations are not tenant rows).
  const rows = await unscopedDb.organization.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function userNames(ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await unscopedDb.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface WarehouseSummary {
  inboundExpected: number;
  skus: number;
  units: number;
  reserved: number;
}

export async function warehouseSummary(data: WarehouseDb): Promise<WarehouseSummary> {
  const [inboundExpected, totals] = await Promise.all([
    data.inboundShipment.count({ where: { status: { in: RECEIVABLE } } }),
    data.stockBalance.aggregate({ where: { onHand: { gt: 0 } }, _count: { _all: true }, _sum: { onHand: true, reserved: true } }),
  ]);
  return { inboundExpected, skus: totals._count._all, units: totals._sum.onHand ?? 0, reserved: totals._sum.reserved ?? 0 };
}

export async function warehouseSummaries(warehouseIds: readonly string[]): Promise<Map<string, WarehouseSummary>> {
  const entries = await Promise.all(warehouseIds.map(async (id) => [id, await warehouseSummary(forWarehouse(id))] as const));
  return new Map(entries);
}

export interface StockRow {
  balanceId: string;
  sku: string;
  productName: string;
  manufacturer: string;
  onHand: number;
  reserved: number;
  available: number;
  updatedAt: Date;
}

/** The warehouse's stock, by SKU (search: part of a SKU, any case); rows with nothing left are kept (for counts). */
export async function listWarehouseStock(data: WarehouseDb, lang: Lang, options: { q?: string; page?: number } = {}): Promise<{ rows: StockRow[]; total: number; page: number; pages: number }> {
  const q = options.q?.trim().slice(0, 80) ?? "";
  const where = q ? { variant: { sku: { contains: q, mode: "insensitive" as const } } } : {};
  const total = await data.stockBalance.count({ where });
  const pages = Math.max(1, Math.ceil(total / STOCK_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const balances = await data.stockBalance.findMany({
    where,
    orderBy: [{ variant: { sku: "asc" } }, { id: "asc" }],
    skip: (page - 1) * STOCK_PAGE_SIZE,
    take: STOCK_PAGE_SIZE,
    select: { id: true, organizationId: true, onHand: true, reserved: true, updatedAt: true, variant: { select: { sku: true } }, product: PRODUCT_NAMES },
  });
  const makers = await organizationNames(balances.map((b) => b.organizationId));
  return {
    rows: balances.map((b) => ({
      balanceId: b.id,
      sku: b.variant.sku,
      productName: nameIn(b.product, lang),
      manufacturer: makers.get(b.organizationId) ?? "",
      onHand: b.onHand,
      reserved: b.reserved,
      available: b.onHand - b.reserved,
      updatedAt: b.updatedAt,
    })),
    total,
    page,
    pages,
  };
}

export interface ExpectedShipment {
  id: string;
  reference: string;
  manufacturer: string;
  status: InboundStatus;
  expectedOn: Date;
  cartons: number;
  lines: number;
  expectedUnits: number;
  receivedUnits: number;
}

/** Shipments on their way to (or partly received at) the warehouse, soonest first. */
export async function listExpectedInbound(data: WarehouseDb): Promise<ExpectedShipment[]> {
  const shipments = await data.inboundShipment.findMany({
    where: { status: { in: RECEIVABLE } },
    orderBy: [{ expectedOn: "asc" }, { reference: "asc" }],
    take: 100,
    select: { id: true, reference: true, organizationId: true, status: true, expectedOn: true, cartons: true, lines: { select: { expectedQuantity: true, receivedQuantity: true, damagedQuantity: true } } },
  });
  const makers = await organizationNames(shipments.map((s) => s.organizationId));
  return shipments.map((s) => ({
    id: s.id,
    reference: s.reference,
    manufacturer: makers.get(s.organizationId) ?? "",
    status: s.status,
    expectedOn: s.expectedOn,
    cartons: s.cartons,
    lines: s.lines.length,
    expectedUnits: s.lines.reduce((sum, l) => sum + l.expectedQuantity, 0),
    receivedUnits: s.lines.reduce((sum, l) => sum + l.receivedQuantity + l.damagedQuantity, 0),
  }));
}

/** Recently received shipments (the last 10), for the record. */
export async function listRecentlyReceived(data: WarehouseDb): Promise<{ id: string; reference: string; manufacturer: string; receivedAt: Date | null; hasDiscrepancies: boolean }[]> {
  const shipments = await data.inboundShipment.findMany({
    where: { status: "RECEIVED" },
    orderBy: [{ receivedAt: "desc" }],
    take: 10,
    select: { id: true, reference: true, organizationId: true, receivedAt: true, hasDiscrepancies: true },
  });
  const makers = await organizationNames(shipments.map((s) => s.organizationId));
  return shipments.map((s) => ({ id: s.id, reference: s.reference, manufacturer: makers.get(s.organizationId) ?? "", receivedAt: s.receivedAt, hasDiscrepancies: s.hasDiscrepancies }));
}

export interface MovementRow {
  id: string;
  kind: StockMovementKind;
  sku: string;
  balanceId: string | null;
  manufacturer: string;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  reason: string | null;
  /** The inbound shipment a receipt came with. */
  shipment: string | null;
  by: string | null;
  createdAt: Date;
}

/** The warehouse's latest movements (or one SKU's: `balanceId`). */
export async function listWarehouseMovements(data: WarehouseDb, options: { balanceId?: string; take?: number } = {}): Promise<MovementRow[]> {
  let variantFilter: { variantId: string; organizationId: string } | undefined;
  if (options.balanceId) {
    const balance = await data.stockBalance.findFirst({ where: { id: options.balanceId }, select: { variantId: true, organizationId: true } });
    if (!balance) return [];
    variantFilter = balance;
  }
  const movements = await data.stockMovement.findMany({
    where: variantFilter ?? {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 20,
  });
  // Every movement of the warehouse has its SKU's balance row there: SKUs come through it.
  const balances = await data.stockBalance.findMany({
    where: { variantId: { in: [...new Set(movements.map((m) => m.variantId))] } },
    select: { id: true, variantId: true, variant: { select: { sku: true } } },
  });
  const byVariant = new Map(balances.map((b) => [b.variantId, b]));
  const shipmentIds = [...new Set(movements.flatMap((m) => (m.inboundShipmentId ? [m.inboundShipmentId] : [])))];
  const shipments = shipmentIds.length ? await data.inboundShipment.findMany({ where: { id: { in: shipmentIds } }, select: { id: true, reference: true } }) : [];
  const references = new Map(shipments.map((s) => [s.id, s.reference]));
  const [makers, users] = await Promise.all([organizationNames(movements.map((m) => m.organizationId)), userNames(movements.map((m) => m.userId))]);
  return movements.map((m) => ({
    id: m.id,
    kind: m.kind,
    sku: byVariant.get(m.variantId)?.variant.sku ?? "",
    balanceId: byVariant.get(m.variantId)?.id ?? null,
    manufacturer: makers.get(m.organizationId) ?? "",
    onHandDelta: m.onHandDelta,
    reservedDelta: m.reservedDelta,
    onHandAfter: m.onHandAfter,
    reservedAfter: m.reservedAfter,
    reason: m.reason,
    shipment: m.inboundShipmentId ? (references.get(m.inboundShipmentId) ?? null) : null,
    by: m.userId ? (users.get(m.userId) ?? null) : null,
    createdAt: m.createdAt,
  }));
}

export interface BalanceDetail {
  id: string;
  sku: string;
  productName: string;
  manufacturer: string;
  onHand: number;
  reserved: number;
  available: number;
  activeReservations: number;
  lowStockThreshold: number | null;
  updatedAt: Date;
  variant: { voltage: string | null; plugType: string | null; color: string | null; capacity: string | null };
}

export async function getBalanceDetail(data: WarehouseDb, balanceId: string, lang: Lang): Promise<BalanceDetail | null> {
  if (!isUuid(balanceId)) return null;
  const balance = await data.stockBalance.findFirst({
    where: { id: balanceId },
    select: {
      id: true,
      organizationId: true,
      variantId: true,
      onHand: true,
      reserved: true,
      lowStockThreshold: true,
      updatedAt: true,
      variant: { select: { sku: true, voltage: true, plugType: true, color: true, capacity: true } },
      product: PRODUCT_NAMES,
    },
  });
  if (!balance) return null;
  const [makers, activeReservations] = await Promise.all([
    organizationNames([balance.organizationId]),
    data.stockReservation.count({ where: { organizationId: balance.organizationId, variantId: balance.variantId, status: "ACTIVE" } }),
  ]);
  const { sku, ...variant } = balance.variant;
  return {
    id: balance.id,
    sku,
    productName: nameIn(balance.product, lang),
    manufacturer: makers.get(balance.organizationId) ?? "",
    onHand: balance.onHand,
    reserved: balance.reserved,
    available: balance.onHand - balance.reserved,
    activeReservations,
    lowStockThreshold: balance.lowStockThreshold,
    updatedAt: balance.updatedAt,
    variant,
  };
}

export interface InboundLineView {
  id: string;
  sku: string;
  productName: string;
  expectedQuantity: number;
  cartons: number;
  receivedQuantity: number;
  damagedQuantity: number;
  outstanding: number;
}

export interface DiscrepancyView {
  id: string;
  lineId: string;
  sku: string;
  kind: DiscrepancyKind;
  quantity: number;
  cartons: number;
  note: string;
  photoIds: string[];
  by: string | null;
  createdAt: Date;
}

export interface InboundView {
  id: string;
  reference: string;
  manufacturer: string;
  status: InboundStatus;
  expectedOn: Date;
  shippedAt: Date | null;
  receivedAt: Date | null;
  cartons: number;
  notes: string;
  hasDiscrepancies: boolean;
  lines: InboundLineView[];
  discrepancies: DiscrepancyView[];
  receipts: { id: string; sku: string; quantity: number; by: string | null; createdAt: Date }[];
}

/** An inbound shipment of the warehouse (DRAFT ones are the manufacturer's business: not found). */
export async function getInboundForWarehouse(data: WarehouseDb, shipmentId: string, lang: Lang): Promise<InboundView | null> {
  if (!isUuid(shipmentId)) return null;
  const shipment = await data.inboundShipment.findFirst({
    where: { id: shipmentId, status: { not: "DRAFT" } },
    select: {
      id: true,
      reference: true,
      organizationId: true,
      status: true,
      expectedOn: true,
      shippedAt: true,
      receivedAt: true,
      cartons: true,
      notes: true,
      hasDiscrepancies: true,
      lines: {
        orderBy: { id: "asc" },
        select: { id: true, variantId: true, expectedQuantity: true, cartons: true, receivedQuantity: true, damagedQuantity: true, variant: { select: { sku: true, product: PRODUCT_NAMES } } },
      },
      discrepancies: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!shipment) return null;
  const receipts = await data.stockMovement.findMany({
    where: { organizationId: shipment.organizationId, inboundShipmentId: shipment.id, kind: { in: [...MOVEMENT_KINDS_IN] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, variantId: true, onHandDelta: true, userId: true, createdAt: true },
  });
  const [makers, users] = await Promise.all([
    organizationNames([shipment.organizationId]),
    userNames([...shipment.discrepancies.map((d) => d.recordedById), ...receipts.map((r) => r.userId)]),
  ]);
  const skuOfLine = new Map(shipment.lines.map((l) => [l.id, l.variant.sku]));
  const skuOfVariant = new Map(shipment.lines.map((l) => [l.variantId, l.variant.sku]));
  return {
    id: shipment.id,
    reference: shipment.reference,
    manufacturer: makers.get(shipment.organizationId) ?? "",
    status: shipment.status,
    expectedOn: shipment.expectedOn,
    shippedAt: shipment.shippedAt,
    receivedAt: shipment.receivedAt,
    cartons: shipment.cartons,
    notes: shipment.notes,
    hasDiscrepancies: shipment.hasDiscrepancies,
    lines: shipment.lines.map((l) => ({
      id: l.id,
      sku: l.variant.sku,
      productName: nameIn(l.variant.product, lang),
      expectedQuantity: l.expectedQuantity,
      cartons: l.cartons,
      receivedQuantity: l.receivedQuantity,
      damagedQuantity: l.damagedQuantity,
      outstanding: Math.max(0, l.expectedQuantity - l.receivedQuantity - l.damagedQuantity),
    })),
    discrepancies: shipment.discrepancies.map((d) => ({
      id: d.id,
      lineId: d.lineId,
      sku: skuOfLine.get(d.lineId) ?? "",
      kind: d.kind,
      quantity: d.quantity,
      cartons: d.cartons,
      note: d.note,
      photoIds: d.photoKeys.map(photoIdOf),
      by: d.recordedById ? (users.get(d.recordedById) ?? null) : null,
      createdAt: d.createdAt,
    })),
    receipts: receipts.map((r) => ({ id: r.id, sku: skuOfVariant.get(r.variantId) ?? "", quantity: r.onHandDelta, by: r.userId ? (users.get(r.userId) ?? null) : null, createdAt: r.createdAt })),
  };
}

/**
 * When a warehouse record happened. One rule for every timestamp in Ponte (issue 13): the viewer's time zone, named
 * ("14:34 BRT", "01:34 GMT+8"), so one dispatch never reads 17:34 on one page and 20:34 on another. The warehouse's
 * zone is accepted for the callers that have it, but no longer changes the clock shown.
 */
export function warehouseDateTime(value: Date, lang: Lang, _warehouseTimeZone?: string): string {
  return formatDateTime(value, lang);
}

/** A calendar date stored as a DATE (no time zone). */
export function calendarDate(value: Date, lang: Lang): string {
  return formatDate(value, lang, { dateStyle: "medium", timeZone: "UTC" });
}

/** Movements formatted for the ledger table (numbers signed, dates local to the warehouse). */
export function movementViews(rows: MovementRow[], lang: Lang, timeZone: string, hrefFor: (balanceId: string) => string) {
  const signed = (value: number) => formatNumber(value, lang, { signDisplay: "exceptZero" });
  return rows.map((m) => ({
    id: m.id,
    kind: m.kind,
    sku: m.sku,
    manufacturer: m.manufacturer,
    onHandDelta: m.onHandDelta,
    onHandDeltaLabel: signed(m.onHandDelta),
    reservedDelta: m.reservedDelta,
    reservedDeltaLabel: signed(m.reservedDelta),
    onHandAfter: formatNumber(m.onHandAfter, lang),
    reservedAfter: formatNumber(m.reservedAfter, lang),
    reason: m.reason,
    shipment: m.shipment,
    by: m.by,
    date: warehouseDateTime(m.createdAt, lang, timeZone),
    href: m.balanceId ? hrefFor(m.balanceId) : null,
  }));
}
