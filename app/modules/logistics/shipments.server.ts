import type { Order, Prisma, ShipmentKind, TransportMode } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { recordPonteEvent } from "./ingestion.server";
import { generateLegReference, mathRandomInt, normalizeLegReference, planRoute, RoutePlanError, scheduleRoute, utcOffsetMinutes, type RandomInt, type RoutePlan } from "./route-plans";

/**
 * Shipments are made here, exactly one per order or inbound shipment (the unique `orderId` / `inboundShipmentId`
 * columns; the insert is ON CONFLICT DO NOTHING, so concurrent triggers — the ship click, a retried request, the
 * sweep — end with one): an order shipped from Zhuhai (ORDER_EXPORT), an order served from an overseas warehouse
 * (LOCAL_DELIVERY), a warehouse replenishment marked shipped (WAREHOUSE_REPLENISHMENT). The legs come from the route
 * plan with planned times from now; the promise is the last leg's planned arrival; the booking is the first event.
 *
 * Transport references are assigned by the forwarder's booking, as in a consolidated forwarding flow: the
 * manufacturer hands the goods over at Hongwan, and the forwarder books the truck over the bridge and the air waybill
 * (from the airline's AWB stock) or the container. The manufacturer does not type them when shipping; the export
 * agency or the manufacturer corrects one afterwards (`correctLegReference`), validated with its check digit.
 *
 * Unscoped on purpose: system work for both parties of an order, called inside the order's or the inbound's own
 * transaction, which has already decided who may act.
 */

export interface BookedShipment {
  id: string;
  reference: string;
  kind: ShipmentKind;
  created: boolean;
  /** Pushes the booking live: call once the caller's transaction has committed. */
  afterCommit?: () => Promise<void>;
}

export interface BookingOptions {
  now?: Date;
  /** Tests and the demo pass a seeded one; references look random either way. */
  random?: RandomInt;
  /** Air or sea for the main leg; by default the route plan's choice for the kind and country. */
  mode?: TransportMode;
}

/** "SHP-2026-000123" from the ShipmentReferenceSeq sequence (unique under any concurrency; gaps are harmless). */
async function nextReference(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('"ShipmentReferenceSeq"') AS n`;
  return `SHP-${now.getUTCFullYear()}-${String(row!.n).padStart(6, "0")}`;
}

interface ShipmentParties {
  kind: ShipmentKind;
  organizationId: string;
  buyerOrganizationId: string | null;
  orderId: string | null;
  inboundShipmentId: string | null;
  warehouseId: string | null;
}

async function insertShipment(tx: Prisma.TransactionClient, parties: ShipmentParties, plan: RoutePlan, options: BookingOptions): Promise<BookedShipment> {
  const now = options.now ?? new Date();
  const random = options.random ?? mathRandomInt;
  const existingWhere = parties.orderId ? { orderId: parties.orderId } : { inboundShipmentId: parties.inboundShipmentId! };
  const existing = await tx.shipment.findUnique({ where: existingWhere, select: { id: true, reference: true, kind: true } });
  if (existing) return { ...existing, created: false };

  const schedule = scheduleRoute(plan, now);
  const reference = await nextReference(tx, now);
  const inserted = await tx.shipment.createMany({
    data: [
      {
        ...parties,
        reference,
        originLocode: plan.origin.locode,
        originName: plan.origin.name,
        destinationLocode: plan.destination.locode,
        destinationName: plan.destination.name,
        destinationCountryCode: plan.destinationCountryCode,
        destinationTimeZone: plan.destinationTimeZone,
        plannedArrivalAt: schedule.plannedArrivalAt,
        estimatedArrivalAt: schedule.plannedArrivalAt,
        createdAt: now,
      },
    ],
    // ON CONFLICT DO NOTHING: a concurrent trigger that got there first wins, and this one reads its row below.
    skipDuplicates: true,
  });
  const shipment = await tx.shipment.findUniqueOrThrow({ where: existingWhere, select: { id: true, reference: true, kind: true } });
  if (inserted.count === 0) return { ...shipment, created: false };

  const carriers = await tx.carrier.findMany({ where: { code: { in: plan.legs.map((l) => l.carrierCode) } }, select: { id: true, code: true } });
  const carrierId = new Map(carriers.map((c) => [c.code, c.id]));
  await tx.shipmentLeg.createMany({
    data: schedule.legs.map((leg) => ({
      organizationId: parties.organizationId,
      buyerOrganizationId: parties.buyerOrganizationId,
      shipmentId: shipment.id,
      sequence: leg.sequence,
      mode: leg.mode,
      carrierId: carrierId.get(leg.carrierCode) ?? null,
      referenceKind: leg.referenceKind,
      reference: generateLegReference(leg, random),
      fromLocode: leg.from.locode,
      fromName: leg.from.name,
      toLocode: leg.to.locode,
      toName: leg.to.name,
      plannedDepartureAt: leg.plannedDepartureAt,
      plannedArrivalAt: leg.plannedArrivalAt,
    })),
  });
  const booking = await recordPonteEvent(
    {
      shipmentId: shipment.id,
      milestone: "BOOKED",
      occurredAt: now,
      utcOffsetMinutes: utcOffsetMinutes(plan.origin.timeZone, now),
      locode: plan.origin.locode,
      placeName: plan.origin.name,
      description: `${plan.origin.name} → ${plan.destination.name}`,
    },
    tx,
  );
  return { ...shipment, created: true, afterCommit: booking.afterCommit };
}

/** The route an order travels: from Zhuhai to the delivery address, or locally from its warehouse. */
async function planForOrder(tx: Prisma.TransactionClient, order: Pick<Order, "source" | "warehouseId" | "deliveryAddress">, mode: TransportMode | undefined): Promise<{ kind: ShipmentKind; plan: RoutePlan }> {
  const address = (order.deliveryAddress ?? {}) as { countryCode?: string; city?: string; region?: string };
  const countryCode = String(address.countryCode ?? "").toUpperCase();
  if (order.source === "ORIGIN") return { kind: "ORDER_EXPORT", plan: planRoute({ kind: "ORDER_EXPORT", countryCode, city: address.city, mode }) };
  const warehouse = await tx.warehouse.findUniqueOrThrow({ where: { id: order.warehouseId }, select: { code: true, name: true, countryCode: true } });
  const areas = await tx.warehouseServiceArea.findMany({ where: { warehouseId: order.warehouseId, countryCode, regionCode: { in: [address.region ?? "", ""] } }, select: { regionCode: true, leadDaysMax: true } });
  // A state's row before the country's.
  const area = areas.sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  return { kind: "LOCAL_DELIVERY", plan: planRoute({ kind: "LOCAL_DELIVERY", warehouseCode: warehouse.code, warehouseName: warehouse.name, warehouseCountryCode: warehouse.countryCode, countryCode, city: address.city, leadDaysMax: area?.leadDaysMax ?? 3 }) };
}

/** The order's shipment, made when it ships (idempotent: an existing one is returned). */
export async function ensureOrderShipment(tx: Prisma.TransactionClient, orderId: string, options: BookingOptions = {}): Promise<BookedShipment> {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, organizationId: true, buyerOrganizationId: true, source: true, warehouseId: true, deliveryAddress: true } });
  const { kind, plan } = await planForOrder(tx, order, options.mode);
  return insertShipment(
    tx,
    { kind, organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, inboundShipmentId: null, warehouseId: kind === "LOCAL_DELIVERY" ? order.warehouseId : null },
    plan,
    options,
  );
}

/** A replenishment's shipment, made when the inbound shipment is marked shipped (idempotent). */
export async function ensureInboundShipment(tx: Prisma.TransactionClient, inboundShipmentId: string, options: BookingOptions = {}): Promise<BookedShipment> {
  const inbound = await tx.inboundShipment.findUniqueOrThrow({ where: { id: inboundShipmentId }, select: { id: true, organizationId: true, warehouseId: true, warehouse: { select: { code: true, name: true, countryCode: true } } } });
  const plan = planRoute({ kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: inbound.warehouse.code, warehouseName: inbound.warehouse.name, warehouseCountryCode: inbound.warehouse.countryCode, mode: options.mode });
  return insertShipment(tx, { kind: "WAREHOUSE_REPLENISHMENT", organizationId: inbound.organizationId, buyerOrganizationId: null, orderId: null, inboundShipmentId: inbound.id, warehouseId: inbound.warehouseId }, plan, options);
}

/**
 * The order lifecycle's hook: an order that has just shipped gets its shipment, under a savepoint so that a failure
 * here (no lane to that country, a database error) never undoes the shipment of the goods; the sweep tries again.
 */
export async function bookShipmentForShippedOrder(tx: Prisma.TransactionClient, order: Pick<Order, "id" | "number" | "status">, fromStatus: string, now: Date): Promise<void> {
  if (order.status !== "SHIPPED" || fromStatus === "SHIPPED") return;
  await tx.$executeRaw`SAVEPOINT logistics_shipment`;
  try {
    await ensureOrderShipment(tx, order.id, { now });
    await tx.$executeRaw`RELEASE SAVEPOINT logistics_shipment`;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT logistics_shipment`;
    if (error instanceof RoutePlanError) console.warn(`[logistics] no route for order ${order.number} (${error.code}): no shipment tracked`);
    else console.error(`[logistics] shipment for order ${order.number} left to the sweep:`, error);
  }
}

/** The inbound transition's hook (after its own update committed): a failure is logged and left to the sweep. */
export async function bookShipmentForShippedInbound(inboundShipmentId: string, now: Date): Promise<void> {
  try {
    const booked = await unscopedDb.$transaction((tx) => ensureInboundShipment(tx, inboundShipmentId, { now }));
    await booked.afterCommit?.();
  } catch (error) {
    console.error(`[logistics] shipment for inbound shipment ${inboundShipmentId} left to the sweep:`, error);
  }
}

/**
 * Recurring: shipped orders and inbound shipments on their way that have no shipment get one (a trigger failed or
 * the row was written another way). Orders to a country without a lane are skipped quietly.
 */
export async function createMissingShipments(options: { now?: Date; limit?: number } = {}): Promise<{ orders: number; inbound: number }> {
  const limit = options.limit ?? 200;
  const orders = await unscopedDb.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Order" o
    WHERE o."status" = 'SHIPPED' AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."orderId" = o."id")
    ORDER BY o."shippedAt" LIMIT ${limit}`;
  const inbound = await unscopedDb.$queryRaw<{ id: string }[]>`
    SELECT i."id" FROM "InboundShipment" i
    WHERE i."status" = 'IN_TRANSIT' AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."inboundShipmentId" = i."id")
    ORDER BY i."shippedAt" LIMIT ${limit}`;
  const created = { orders: 0, inbound: 0 };
  for (const { id } of orders) {
    try {
      const booked = await unscopedDb.$transaction((tx) => ensureOrderShipment(tx, id, { now: options.now }));
      await booked.afterCommit?.();
      if (booked.created) created.orders++;
    } catch (error) {
      if (!(error instanceof RoutePlanError)) console.error(`[logistics] sweep: shipment for order ${id} not made:`, error);
    }
  }
  for (const { id } of inbound) {
    try {
      const booked = await unscopedDb.$transaction((tx) => ensureInboundShipment(tx, id, { now: options.now }));
      await booked.afterCommit?.();
      if (booked.created) created.inbound++;
    } catch (error) {
      console.error(`[logistics] sweep: shipment for inbound shipment ${id} not made:`, error);
    }
  }
  return created;
}

export type CorrectReferenceResult = { ok: true; reference: string } | { ok: false; code: "not_found" | "invalid_reference" };

/**
 * Corrects a leg's transport reference as the forwarder finally issued it (the export agency, or the manufacturer
 * whose goods move): validated for the leg's kind (an air waybill's mod-7 check digit, a container's ISO 6346 one) and
 * stored in its normal form. Another organization's shipment is not found.
 */
export async function correctLegReference(input: { shipmentId: string; sequence: number; reference: string; actor: { organizationId: string; agency: boolean } }): Promise<CorrectReferenceResult> {
  const leg = await unscopedDb.shipmentLeg.findFirst({
    where: { shipmentId: input.shipmentId, sequence: input.sequence, ...(input.actor.agency ? {} : { organizationId: input.actor.organizationId }) },
    select: { id: true, referenceKind: true },
  });
  if (!leg) return { ok: false, code: "not_found" };
  const reference = normalizeLegReference(leg.referenceKind, input.reference);
  if (!reference) return { ok: false, code: "invalid_reference" };
  await unscopedDb.shipmentLeg.update({ where: { id: leg.id }, data: { reference } });
  return { ok: true, reference };
}
