import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { InboundStatus } from "~/generated/prisma/enums";
import { db, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { ensureInboundDeclaration } from "~/modules/export-agency/declarations.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "./cities";
import { bookShipmentForShippedInbound } from "~/modules/logistics/shipments.server";

/**
 * Inbound replenishment (ASN), the manufacturer's side: a shipment of its own SKUs from Zhuhai to an overseas
 * warehouse. DRAFT (editable) → IN_TRANSIT ("mark shipped") → PARTIALLY_RECEIVED / RECEIVED (the warehouse's side,
 * receiving.server.ts); CANCELLED from DRAFT or IN_TRANSIT. Every query goes through the organization's scoped client:
 * another manufacturer's shipment is simply not found.
 */

/** The transaction client of `forOrganization(orgId)`. */
type ScopedTx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

/** Two dozen creators at once on the embedded database wait in line for the reference lock. */
const INBOUND_TRANSACTION = { timeout: 20_000, maxWait: 20_000 } as const;

export const INBOUND_STATUSES = ["DRAFT", "IN_TRANSIT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"] as const satisfies readonly InboundStatus[];
/** Statuses whose goods are still on their way (for "inbound in transit"). */
export const ON_THE_WAY: InboundStatus[] = ["IN_TRANSIT", "PARTIALLY_RECEIVED"];

export const MAX_INBOUND_LINES = 200;

export type InboundErrorCode = "warehouse_not_found" | "sku_not_found" | "not_editable" | "not_shippable" | "not_cancellable";

/**
 * A rule that needs the database failed, or the shipment is not in a state that allows the change. `field` is the
 * path in InboundInput ("lines.2.sku", "warehouseId", "" for the whole shipment); routes translate `messageKey`.
 */
export class InboundError extends Error {
  readonly messageKey: string;
  constructor(
    readonly code: InboundErrorCode,
    readonly field = "",
    readonly params: Record<string, string> = {},
  ) {
    super(`${code}${field ? ` at ${field}` : ""}`);
    this.name = "InboundError";
    this.messageKey = `inventory.inbound.errors.${code}`;
  }
}

const wholeNumber = (min: number, max: number) =>
  z.coerce.number("inventory.validation.wholeNumber").int("inventory.validation.wholeNumber").min(min, min > 0 ? "inventory.validation.positive" : "inventory.validation.notNegative").max(max, "inventory.validation.tooLarge");

const IsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "inventory.validation.date")
  .transform((s) => new Date(`${s}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "inventory.validation.date");

/** Empty → null ("work it out"): a line's cartons from the product's pack size, the total from the lines. */
const optionalWholeNumber = (min: number, max: number) => z.preprocess((v) => (v === "" || v === undefined ? null : v), wholeNumber(min, max).nullable());

export const InboundLineSchema = z.object({
  sku: z.string().trim().min(1, "validation.required").max(64, "validation.tooLong"),
  quantity: wholeNumber(1, 1_000_000),
  /** Null: units ÷ the product's pack size, rounded up. */
  cartons: optionalWholeNumber(0, 100_000),
});

/** The canonical shape of an inbound shipment, whoever sends it. */
export const InboundInputSchema = z
  .object({
    warehouseId: z.uuid("inventory.inbound.errors.warehouse_not_found"),
    expectedOn: IsoDate,
    /** Null: the sum of the lines' cartons. */
    cartons: optionalWholeNumber(1, 100_000),
    notes: z.string().trim().max(2000, "validation.tooLong").default(""),
    lines: z.array(InboundLineSchema).min(1, "inventory.validation.lineRequired").max(MAX_INBOUND_LINES, "inventory.validation.tooManyLines"),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.lines.forEach((line, index) => {
      const key = line.sku.toUpperCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["lines", index, "sku"], message: "inventory.validation.duplicateSku" });
      else seen.set(key, index);
    });
  });
export type InboundInput = z.infer<typeof InboundInputSchema>;

/** Today as a UTC date (the expected date is a calendar day). */
function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * The form as HTML sends it: warehouseId, expectedOn (YYYY-MM-DD), cartons, notes, and
 * line.<row>.sku | quantity | cartons for any row numbers (rows left entirely empty are ignored). Errors come back
 * keyed by these field names ("lines" for the section). A line's cartons left empty are its units ÷ the product's
 * pack size (rounded up); the total left empty is the sum of the lines' cartons.
 */
export type ParsedInboundForm =
  | { ok: true; input: InboundInput; values: Record<string, string>; fieldFor: (path: string) => string }
  | { ok: false; values: Record<string, string>; fieldErrors: Record<string, string> };

export const LINE_FIELDS = ["sku", "quantity", "cartons"] as const;

export function lineRows(values: Record<string, string>): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^line\.(\d{1,3})\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

export function parseInboundForm(form: FormData, options: { now?: Date } = {}): ParsedInboundForm {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== "csrf") values[key] = value;
  const v = (key: string) => (values[key] ?? "").trim();
  const rows = lineRows(values).filter((r) => LINE_FIELDS.some((f) => v(`line.${r}.${f}`)));
  const lines = rows.map((r) => ({ sku: v(`line.${r}.sku`), quantity: v(`line.${r}.quantity`), cartons: v(`line.${r}.cartons`) }));
  const candidate = { warehouseId: v("warehouseId"), expectedOn: v("expectedOn"), cartons: v("cartons"), notes: values.notes ?? "", lines };

  const fieldFor = (path: string): string => {
    const [head, index, field] = path.split(".");
    if (head === "lines") return index === undefined ? "lines" : `line.${rows[Number(index)] ?? 0}.${field ?? "sku"}`;
    return head || "_form";
  };

  const errors: Record<string, string> = {};
  const result = InboundInputSchema.safeParse(candidate);
  if (!result.success) for (const issue of result.error.issues) errors[fieldFor(issue.path.map(String).join("."))] ??= issue.message;
  if (result.success) {
    const today = todayUtc(options.now);
    if (result.data.expectedOn < today) errors.expectedOn = "inventory.validation.dateInPast";
    if (result.data.expectedOn.getTime() > today.getTime() + 366 * 86_400_000) errors.expectedOn = "inventory.validation.dateTooFar";
  }
  if (lines.length === 0) errors.lines ??= "inventory.validation.lineRequired";
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, values, fieldErrors: errors };
  return { ok: true, input: result.data, values, fieldFor };
}

/** The ASN's form values for the edit page. */
export function inboundToFormValues(shipment: InboundDetail): Record<string, string> {
  const values: Record<string, string> = {
    warehouseId: shipment.warehouse.id,
    expectedOn: shipment.expectedOnIso,
    cartons: String(shipment.cartons),
    notes: shipment.notes,
  };
  shipment.lines.forEach((line, i) => {
    values[`line.${i}.sku`] = line.sku;
    values[`line.${i}.quantity`] = String(line.expectedQuantity);
    values[`line.${i}.cartons`] = String(line.cartons);
  });
  return values;
}


/** The choices of the inbound form, in the page's language. */
export async function inboundFormOptions(scoped: ScopedDb, lang: Lang, now = new Date()) {
  const t = serverT(lang);
  const [warehouses, skus] = await Promise.all([inboundWarehouses(), skuOptions(scoped, lang)]);
  return {
    warehouses: warehouses.map((w) => ({ value: w.id, label: `${warehouseCity(t, w)} (${w.code}) · ${countryName(w.countryCode, lang)}` })),
    skus,
    minDate: todayUtc(now).toISOString().slice(0, 10),
  };
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Overseas warehouses a manufacturer can send stock to. */
export async function inboundWarehouses() {
  // Warehouses are platform reference data (no organizationId): the guarded client reads them as they are.
  return db.warehouse.findMany({
    where: { kind: "OVERSEAS", active: true },
    orderBy: [{ countryCode: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, city: true, countryCode: true, timeZone: true },
  });
}

/** The organization's SKUs to pick from (a datalist), with the product's name in `lang`. */
export async function skuOptions(scoped: ScopedDb, lang: Lang, take = 2000): Promise<{ sku: string; label: string; packSize: number }[]> {
  const variants = await scoped.productVariant.findMany({
    orderBy: [{ sku: "asc" }],
    take,
    select: { sku: true, color: true, voltage: true, capacity: true, product: { select: { packSize: true, sourceLocale: true, translations: { select: { locale: true, name: true } } } } },
  });
  return variants.map((v) => ({
    sku: v.sku,
    label: [productName(v.product, lang), v.capacity, v.voltage, v.color].filter(Boolean).join(" · "),
    packSize: v.product.packSize,
  }));
}

/** The product's name in `lang`, else in its source language, else any. */
export function productName(product: { sourceLocale: Lang; translations: { locale: Lang; name: string }[] }, lang: Lang): string {
  return (product.translations.find((t) => t.locale === lang && t.name) ?? product.translations.find((t) => t.locale === product.sourceLocale) ?? product.translations[0])?.name ?? "";
}

/**
 * The next "ASN-<year>-<6 digits>" reference. References are global (they are printed on cartons and read by the
 * warehouse), so the numbering spans organizations: a transaction-scoped advisory lock makes concurrent creators
 * take turns (the lock is held until commit, so the next one sees this one's row), and the unique index is the
 * backstop. The year is the UTC year of creation; numbers restart each year.
 */
async function nextReference(tx: ScopedTx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ponte:inbound-reference'))`;
  // Raw SQL: the tenant scope does not apply, deliberately (the sequence is shared by every manufacturer).
  const rows = await tx.$queryRaw<{ last: number | null }[]>`
    SELECT max(substring("reference" from 10)::int) AS "last"
      FROM "InboundShipment"
     WHERE "reference" ~ ${`^ASN-${year}-[0-9]+$`}`;
  const next = (rows[0]?.last ?? 0) + 1;
  return `ASN-${year}-${String(next).padStart(6, "0")}`;
}

/**
 * SKUs → this organization's variants (a SKU that is not its own is refused at its line), with the cartons worked
 * out where left empty; and the shipment's total of cartons.
 */
async function resolveLines(tx: ScopedTx, input: InboundInput) {
  const variants = await tx.productVariant.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } }, select: { id: true, sku: true, productId: true, product: { select: { packSize: true } } } });
  const bySku = new Map(variants.map((v) => [v.sku, v]));
  const lines = input.lines.map((line, index) => {
    const variant = bySku.get(line.sku);
    if (!variant) throw new InboundError("sku_not_found", `lines.${index}.sku`, { sku: line.sku });
    const cartons = line.cartons ?? Math.ceil(line.quantity / Math.max(1, variant.product.packSize));
    return { productId: variant.productId, variantId: variant.id, expectedQuantity: line.quantity, cartons };
  });
  const cartons = input.cartons ?? Math.max(1, lines.reduce((sum, l) => sum + l.cartons, 0));
  return { lines, cartons };
}

async function requireOverseasWarehouse(tx: ScopedTx, warehouseId: string) {
  const warehouse = await tx.warehouse.findFirst({ where: { id: warehouseId, kind: "OVERSEAS", active: true }, select: { id: true } });
  if (!warehouse) throw new InboundError("warehouse_not_found", "warehouseId");
}

/** The scoped client stamps organizationId on inserts; the generated types still ask for it. */
function stamped<T>(data: Omit<T, "organizationId">): T {
  return data as T;
}

/** Creates a DRAFT shipment with a fresh reference. Throws InboundError on an unknown warehouse or SKU. */
export async function createInbound(scoped: ScopedDb, input: InboundInput, options: { userId?: string | null; now?: Date } = {}): Promise<{ id: string; reference: string }> {
  return scoped.$transaction(async (tx) => {
    await requireOverseasWarehouse(tx, input.warehouseId);
    const { lines, cartons } = await resolveLines(tx, input);
    const reference = await nextReference(tx, options.now ?? new Date());
    const created = await tx.inboundShipment.create({
      data: stamped<Prisma.InboundShipmentUncheckedCreateInput>({
        warehouseId: input.warehouseId,
        reference,
        status: "DRAFT",
        expectedOn: input.expectedOn,
        cartons,
        notes: input.notes,
        createdById: options.userId ?? null,
      }),
      select: { id: true, reference: true, organizationId: true },
    });
    // The manufacturer's own dispatch point in Zhuhai, when it has one.
    const origin = await tx.warehouse.findFirst({ where: { kind: "ORIGIN", ownerOrganizationId: created.organizationId }, select: { id: true } });
    if (origin) await tx.inboundShipment.update({ where: { id: created.id }, data: { originId: origin.id } });
    await tx.inboundShipmentLine.createMany({ data: lines.map((l) => stamped<Prisma.InboundShipmentLineCreateManyInput>({ inboundShipmentId: created.id, ...l })) });
    return { id: created.id, reference: created.reference };
  }, INBOUND_TRANSACTION);
}

/**
 * Replaces a DRAFT shipment's warehouse, date, cartons, notes and lines. Null when the shipment is not this
 * organization's; InboundError "not_editable" once it has left DRAFT (checked under a row lock, so a concurrent
 * "mark shipped" cannot slip between the check and the write).
 */
export async function updateInbound(scoped: ScopedDb, shipmentId: string, input: InboundInput): Promise<{ id: string } | null> {
  return scoped.$transaction(async (tx) => {
    const current = await lockShipment(tx, shipmentId);
    if (!current) return null;
    if (current.status !== "DRAFT") throw new InboundError("not_editable");
    await requireOverseasWarehouse(tx, input.warehouseId);
    const { lines, cartons } = await resolveLines(tx, input);
    await tx.inboundShipment.update({ where: { id: shipmentId }, data: { warehouseId: input.warehouseId, expectedOn: input.expectedOn, cartons, notes: input.notes } });
    await tx.inboundShipmentLine.deleteMany({ where: { inboundShipmentId: shipmentId } });
    await tx.inboundShipmentLine.createMany({ data: lines.map((l) => stamped<Prisma.InboundShipmentLineCreateManyInput>({ inboundShipmentId: shipmentId, ...l })) });
    return { id: shipmentId };
  }, INBOUND_TRANSACTION);
}

/**
 * The shipment's row, locked until the end of the transaction, when it is this organization's. The raw query is
 * filtered by the organization the scoped client stamps (read back through a scoped findFirst first).
 */
async function lockShipment(tx: ScopedTx, shipmentId: string): Promise<{ id: string; status: InboundStatus } | null> {
  const visible = await tx.inboundShipment.findFirst({ where: { id: shipmentId }, select: { id: true, organizationId: true } });
  if (!visible) return null;
  const rows = await tx.$queryRaw<{ id: string; status: InboundStatus }[]>`
    SELECT "id", "status"::text AS "status" FROM "InboundShipment"
     WHERE "id" = ${shipmentId}::uuid AND "organizationId" = ${visible.organizationId}::uuid
     FOR UPDATE`;
  return rows[0] ?? null;
}

export type InboundTransition = "ship" | "cancel";

const TRANSITIONS: Record<InboundTransition, { from: InboundStatus[]; to: InboundStatus; error: InboundErrorCode }> = {
  ship: { from: ["DRAFT"], to: "IN_TRANSIT", error: "not_shippable" },
  cancel: { from: ["DRAFT", "IN_TRANSIT"], to: "CANCELLED", error: "not_cancellable" },
};

/**
 * "Mark shipped" (DRAFT → IN_TRANSIT, stamps shippedAt) or cancel (DRAFT or IN_TRANSIT → CANCELLED). One conditional
 * UPDATE: a receipt that has already started (PARTIALLY_RECEIVED) or a second click cannot be overridden. Null
 * when the shipment is not this organization's; InboundError when its status does not allow the change.
 */
export async function transitionInbound(scoped: ScopedDb, shipmentId: string, transition: InboundTransition, options: { now?: Date } = {}): Promise<{ status: InboundStatus } | null> {
  const rule = TRANSITIONS[transition];
  const now = options.now ?? new Date();
  const result = await scoped.inboundShipment.updateMany({
    where: { id: shipmentId, status: { in: rule.from } },
    data: { status: rule.to, ...(transition === "ship" ? { shippedAt: now } : {}) },
  });
  if (result.count === 1) {
    if (transition === "ship") {
      await declareInbound(shipmentId, now);
      await bookShipmentForShippedInbound(shipmentId, now);
    }
    return { status: rule.to };
  }
  const exists = await scoped.inboundShipment.findFirst({ where: { id: shipmentId }, select: { id: true } });
  if (!exists) return null;
  throw new InboundError(rule.error);
}

/** A shipped inbound shipment gets its 9810 export declaration; on failure the sweep job creates it later. */
async function declareInbound(shipmentId: string, now: Date) {
  try {
    await unscopedDb.$transaction((tx) => ensureInboundDeclaration(tx, shipmentId, { now }));
  } catch (error) {
    console.error(`[export-agency] declaration for inbound shipment ${shipmentId} left to the sweep:`, error);
  }
}

export interface InboundListFilters {
  status?: InboundStatus | null;
  /** Only shipments still on their way (IN_TRANSIT, PARTIALLY_RECEIVED). */
  onTheWay?: boolean;
  take?: number;
}

/** The organization's shipments, newest first, with their warehouse and quantities. */
export async function listInbound(scoped: ScopedDb, filters: InboundListFilters = {}) {
  const where: Prisma.InboundShipmentWhereInput = filters.onTheWay ? { status: { in: ON_THE_WAY } } : filters.status ? { status: filters.status } : {};
  const rows = await scoped.inboundShipment.findMany({
    where,
    orderBy: filters.onTheWay ? [{ expectedOn: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(filters.take ?? 100, 1), 500),
    select: {
      id: true,
      reference: true,
      status: true,
      expectedOn: true,
      cartons: true,
      hasDiscrepancies: true,
      shippedAt: true,
      receivedAt: true,
      createdAt: true,
      warehouse: { select: { id: true, code: true, city: true, countryCode: true } },
      lines: { select: { expectedQuantity: true, receivedQuantity: true, damagedQuantity: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    lineCount: r.lines.length,
    expectedUnits: r.lines.reduce((s, l) => s + l.expectedQuantity, 0),
    receivedUnits: r.lines.reduce((s, l) => s + l.receivedQuantity, 0),
  }));
}

/** How many shipments the organization has in each status. */
export async function countInboundByStatus(scoped: ScopedDb): Promise<Record<InboundStatus, number>> {
  const groups = await scoped.inboundShipment.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(INBOUND_STATUSES.map((s) => [s, 0])) as Record<InboundStatus, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

export interface InboundDetail {
  id: string;
  reference: string;
  status: InboundStatus;
  expectedOn: Date;
  expectedOnIso: string;
  cartons: number;
  notes: string;
  hasDiscrepancies: boolean;
  shippedAt: Date | null;
  receivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  warehouse: { id: string; code: string; name: string; city: string; countryCode: string; addressLine1: string; postalCode: string | null; timeZone: string };
  lines: { id: string; variantId: string; sku: string; productName: string; packSize: number; expectedQuantity: number; cartons: number; receivedQuantity: number; damagedQuantity: number }[];
  discrepancies: { id: string; lineId: string; sku: string; kind: "SHORT" | "OVER" | "DAMAGED"; quantity: number; cartons: number; note: string; photoKeys: string[]; createdAt: Date }[];
}

/** One shipment with its lines and the discrepancies the warehouse recorded; null when not this organization's. */
export async function getInbound(scoped: ScopedDb, shipmentId: string, lang: Lang): Promise<InboundDetail | null> {
  const row = await scoped.inboundShipment.findFirst({
    where: { id: shipmentId },
    include: {
      warehouse: { select: { id: true, code: true, name: true, city: true, countryCode: true, addressLine1: true, postalCode: true, timeZone: true } },
      lines: {
        orderBy: { id: "asc" },
        include: { variant: { select: { sku: true, product: { select: { packSize: true, sourceLocale: true, translations: { select: { locale: true, name: true } } } } } } },
      },
      discrepancies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!row) return null;
  const skuOfLine = new Map(row.lines.map((l) => [l.id, l.variant.sku]));
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    expectedOn: row.expectedOn,
    expectedOnIso: row.expectedOn.toISOString().slice(0, 10),
    cartons: row.cartons,
    notes: row.notes,
    hasDiscrepancies: row.hasDiscrepancies,
    shippedAt: row.shippedAt,
    receivedAt: row.receivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    warehouse: row.warehouse,
    lines: row.lines.map((l) => ({
      id: l.id,
      variantId: l.variantId,
      sku: l.variant.sku,
      productName: productName(l.variant.product, lang),
      packSize: l.variant.product.packSize,
      expectedQuantity: l.expectedQuantity,
      cartons: l.cartons,
      receivedQuantity: l.receivedQuantity,
      damagedQuantity: l.damagedQuantity,
    })),
    discrepancies: row.discrepancies.map((d) => ({ id: d.id, lineId: d.lineId, sku: skuOfLine.get(d.lineId) ?? "", kind: d.kind, quantity: d.quantity, cartons: d.cartons, note: d.note, photoKeys: d.photoKeys, createdAt: d.createdAt })),
  };
}
