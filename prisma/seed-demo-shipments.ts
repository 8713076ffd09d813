/**
 * Demo shipments in every stage, relative to the seed time so the demo always looks current. Shipments are made by
 * the same code as in production (the order lifecycle's "ship", the inbound transition), and every carrier event
 * goes through the ingestion (`ingestCarrierEvents`), so status, exception, ETA and lateness are computed one way:
 *
 * - Casa Paulista (buyer.br@) orders of split air conditioners from Zhuhai to São Paulo, one per stage: booked, at
 *   Hongwan, export cleared, over the bridge, in the air, arrived at GRU (not import-cleared: the e2e test's
 *   shipment), held by customs at GRU, import cleared, out for delivery, and a late one (its flight left 30 hours
 *   late);
 * - the orders seed-demo-orders.ts shipped (a local delivery from the São Paulo warehouse, Lisbon's, the delivered
 *   Zhuhai orders) get the events their planned times have passed;
 * - the warehouse replenishments seed-demo-inventory.ts shipped are dated back: the received ones delivered, the
 *   one on its way at sea.
 */
import { forOrganization, unscopedDb } from "../app/modules/db/index.server";
import type { Lang } from "../app/modules/i18n/config";
import { ingestCarrierEvents } from "../app/modules/logistics/ingestion.server";
import { ensureInboundShipment } from "../app/modules/logistics/shipments.server";
import { planEvents, toWireEvent, type SimOptions } from "../app/modules/logistics/simulator/event-plan";
import { loadSimShipment } from "../app/modules/logistics/simulator/simulator.server";
import { CURRENCIES } from "../app/modules/money/currencies";
import { addToCart, type BuyerContext } from "../app/modules/ordering/cart.server";
import { placeOrders } from "../app/modules/ordering/checkout.server";
import { applyOrderEvent } from "../app/modules/ordering/order-lifecycle.server";
import { chooseBankTransfer, recordTransfer } from "../app/modules/payments/bank-transfer.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The purchase-order numbers of the tracking demo's orders (their presence means the demo is in place). */
const PO_PREFIX = "CP-TRK-";

interface Party {
  organizationId: string;
  userId: string;
  lang: Lang;
  currencyCode: string;
}

async function ownerOf(email: string): Promise<Party | null> {
  const user = await unscopedDb.user.findUnique({ where: { email }, select: { id: true, locale: true, currencyCode: true, memberships: { select: { organizationId: true }, take: 1, orderBy: { createdAt: "asc" } } } });
  const membership = user?.memberships[0];
  return user && membership ? { organizationId: membership.organizationId, userId: user.id, lang: user.locale, currencyCode: user.currencyCode } : null;
}

/** Sends, through the ingestion, every planned event of the shipment whose time has passed (each once). */
export async function sendDueEvents(reference: string, now: Date, options: SimOptions = {}): Promise<number> {
  const loaded = await loadSimShipment(reference);
  if (!loaded) return 0;
  let stored = 0;
  for (const step of planEvents(loaded.shipment, options)) {
    if (step.at.getTime() > now.getTime()) break;
    const outcome = await ingestCarrierEvents(step.carrierCode, [toWireEvent(reference, step)], step.integration === "POLLING" ? "polling" : "webhook", { now, notifications: "none" });
    stored += outcome.stored;
  }
  return stored;
}

function decimal(amountMinor: bigint, currencyCode: string): string {
  const exponent = CURRENCIES.find((c) => c.code === currencyCode)?.exponent ?? 2;
  if (exponent === 0) return amountMinor.toString();
  const text = amountMinor.toString().padStart(exponent + 1, "0");
  return `${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
}

/** One order of `sku` from Zhuhai for the buyer, paid by transfer, prepared and shipped at `shippedAt`. */
async function shippedOriginOrder(buyer: Party, maker: Party, platform: Party, sku: string, poNumber: string, shippedAt: Date): Promise<string | null> {
  const org = await unscopedDb.organization.findUniqueOrThrow({ where: { id: buyer.organizationId }, select: { id: true, name: true, countryCode: true, region: true, addressLine1: true, city: true, postalCode: true } });
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { id: buyer.userId }, select: { id: true, email: true, name: true, locale: true, currencyCode: true } });
  const context: BuyerContext = {
    sessionUser: { sessionId: "demo-seed", expiresAt: new Date(Date.now() + DAY), activeOrganizationId: org.id, user },
    organization: { id: org.id, name: org.name, countryCode: org.countryCode, region: org.region },
    scoped: forOrganization(org.id),
    location: { countryCode: org.countryCode, regionCode: org.region },
  };
  const variant = await unscopedDb.productVariant.findFirst({ where: { sku }, select: { product: { select: { moq: true, packSize: true, organizationId: true } } } });
  if (!variant || variant.product.organizationId !== maker.organizationId) return null;
  await addToCart(context, { sku, quantity: Math.ceil(variant.product.moq / variant.product.packSize) * variant.product.packSize });
  const placedAt = new Date(shippedAt.getTime() - 9 * DAY);
  const result = await placeOrders(
    context,
    {
      address: { recipient: org.name, line1: org.addressLine1 ?? "", city: org.city ?? "", region: org.region, postalCode: org.postalCode },
      poNumber,
      originTerms: { [maker.organizationId]: "DDP" },
      currencyCode: buyer.currencyCode,
    },
    buyer.lang,
    { now: placedAt },
  );
  if (!result.ok) throw new Error(`demo shipments: checkout ${poNumber} refused (${result.code})`);
  const order = result.orders[0];
  if (!order) return null;
  const actor = (p: Party) => ({ userId: p.userId, organizationId: p.organizationId });
  await chooseBankTransfer({ orderId: order.id, actor: actor(buyer), now: placedAt });
  const placed = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id }, select: { number: true, bankReference: true, buyerTotalMinor: true, buyerCurrencyCode: true, source: true } });
  const paidAt = new Date(placedAt.getTime() + 2 * DAY);
  await recordTransfer(
    { bankTransactionId: `DEMO-${placed.number}`, receivedOn: paidAt, payerName: org.name, referenceText: placed.bankReference, currencyCode: placed.buyerCurrencyCode, amountText: decimal(placed.buyerTotalMinor, placed.buyerCurrencyCode) },
    actor(platform),
    paidAt,
  );
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: actor(maker), now: new Date(paidAt.getTime() + DAY) });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: actor(maker), now: shippedAt });
  const shipment = await unscopedDb.shipment.findUnique({ where: { orderId: order.id }, select: { reference: true } });
  return shipment?.reference ?? null;
}

/** Shipped this many hours before the seed → the stage it shows (Zhuhai → São Paulo by air, 139 planned hours). */
const PAULISTA_STAGES: { label: string; hoursAgo: number; options?: SimOptions }[] = [
  { label: "booked", hoursAgo: 2 },
  { label: "at Hongwan", hoursAgo: 14 },
  { label: "export cleared", hoursAgo: 32 },
  { label: "over the bridge", hoursAgo: 35.5 },
  { label: "in the air", hoursAgo: 60 },
  { label: "arrived GRU", hoursAgo: 88 },
  { label: "customs hold", hoursAgo: 96, options: { hold: true } },
  { label: "import cleared", hoursAgo: 100 },
  { label: "out for delivery", hoursAgo: 134 },
  { label: "late", hoursAgo: 84, options: { delayHours: 30 } },
];

export interface DemoShipmentsResult {
  shipments: number;
  events: number;
  /** The e2e test's shipment: buyer.br@, to São Paulo, arrived at GRU, not import-cleared. */
  arrivedGru: string | null;
}

/** Skips when the tracking demo's orders exist (a restart on a seeded database). */
export async function seedDemoShipments(now = new Date()): Promise<DemoShipmentsResult> {
  const result: DemoShipmentsResult = { shipments: 0, events: 0, arrivedGru: null };
  const started = Date.now();
  if ((await unscopedDb.order.count({ where: { poNumber: { startsWith: PO_PREFIX } } })) > 0) return result;
  const buyer = await ownerOf("buyer.br@demo.ponte.test");
  const maker = await ownerOf("maker@demo.ponte.test");
  const platform = await ownerOf("admin@demo.ponte.test");
  if (!buyer || !maker || !platform) return result;

  // Shipments the other demo seeds made at their ship dates: the events their planned times have passed.
  for (const shipment of await unscopedDb.shipment.findMany({ where: { kind: { not: "WAREHOUSE_REPLENISHMENT" } }, select: { reference: true } })) {
    result.events += await sendDueEvents(shipment.reference, now);
  }

  // Replenishments the inventory seed shipped today: dated back to when they really left (received ones long ago).
  const inbound = await unscopedDb.inboundShipment.findMany({ where: { status: { in: ["IN_TRANSIT", "PARTIALLY_RECEIVED", "RECEIVED"] } }, select: { id: true, status: true } });
  for (const [index, row] of inbound.entries()) {
    const shippedAt = new Date(now.getTime() - (row.status === "IN_TRANSIT" ? 20 + index : 55 + index) * DAY);
    await unscopedDb.shipment.deleteMany({ where: { inboundShipmentId: row.id } });
    await unscopedDb.inboundShipment.update({ where: { id: row.id }, data: { shippedAt } });
    const booked = await unscopedDb.$transaction((tx) => ensureInboundShipment(tx, row.id, { now: shippedAt }));
    result.shipments++;
    result.events += await sendDueEvents(booked.reference, now);
  }

  // Casa Paulista: one Zhuhai order per stage.
  for (const [index, stage] of PAULISTA_STAGES.entries()) {
    const shippedAt = new Date(now.getTime() - stage.hoursAgo * HOUR);
    const reference = await shippedOriginOrder(buyer, maker, platform, "GL-AC12-127", `${PO_PREFIX}${String(index + 1).padStart(2, "0")}`, shippedAt);
    if (!reference) continue;
    result.shipments++;
    result.events += await sendDueEvents(reference, now, stage.options);
    if (stage.label === "arrived GRU") result.arrivedGru = reference;
  }
  if (result.arrivedGru) console.log(`[demo] tracking: ${result.shipments} shipments made, ${result.events} carrier events in ${((Date.now() - started) / 1000).toFixed(1)} s; buyer.br's shipment at GRU awaiting import clearance: ${result.arrivedGru}`);
  return result;
}
