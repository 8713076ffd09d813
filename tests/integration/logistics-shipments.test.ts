import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { ingestCarrierEvents } from "~/modules/logistics/ingestion.server";
import { pollCarriers } from "~/modules/logistics/polling.server";
import { isValidTransportReference } from "~/modules/logistics/references";
import { correctLegReference, createMissingShipments, ensureInboundShipment, ensureOrderShipment } from "~/modules/logistics/shipments.server";
import { planEvents, toWireEvent } from "~/modules/logistics/simulator/event-plan";
import { loadSimShipment, selectSteps, sendSteps } from "~/modules/logistics/simulator/simulator.server";
import { startTrackingApi, type TrackingApi } from "~/modules/logistics/simulator/tracking-api.server";
import { handleCarrierWebhook } from "~/modules/logistics/webhook.server";
import { applyOrderEvent } from "~/modules/ordering/order-lifecycle.server";
import { withTestDatabase } from "../support/database";
import { createShipment as createInbound, createProduct } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

/**
 * Shipments made from orders and replenishments (one each, whatever the concurrency), the simulator's events accepted
 * by the real ingestion (through the signed webhook over HTTP), and the polling worker against the simulator's
 * tracking API on a local port.
 */

const database = withTestDatabase();
const HOUR = 3_600_000;
const system = { userId: null, organizationId: null };

let world: OrderWorld;
let gruId: string;

beforeAll(async () => {
  world = await createOrderWorld(50);
  gruId = (await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "GRU" }, select: { id: true } })).id;
});

/** An order from Zhuhai (the maker's origin) to São Paulo, paid and being prepared. */
async function originOrder(countryCode = "BR", city = "São Paulo") {
  const order = await createPlacedOrder(world, [2], { paymentMethod: "BANK_TRANSFER" });
  await unscopedDb.order.update({ where: { id: order.id }, data: { source: "ORIGIN", tradeTerm: "CIF", deliveryAddress: { line1: "Rua Vergueiro 1200", city, postalCode: "01504-000", countryCode } } });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
  await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: system });
  return order;
}

describe("shipments from orders and replenishments", () => {
  it("an order shipped from Zhuhai gets one ORDER_EXPORT shipment: legs over the bridge and by air, valid references, the promise, BOOKED", async () => {
    const order = await originOrder();
    const shippedAt = new Date();
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: { userId: null, organizationId: world.makerId }, now: shippedAt });
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, include: { legs: { orderBy: { sequence: "asc" } }, events: true } });
    expect(shipment.reference).toMatch(/^SHP-\d{4}-\d{6}$/);
    expect(shipment).toMatchObject({ kind: "ORDER_EXPORT", organizationId: world.makerId, buyerOrganizationId: world.buyerId, warehouseId: null, inboundShipmentId: null, status: "BOOKED", destinationCountryCode: "BR", destinationTimeZone: "America/Sao_Paulo" });
    expect(shipment.legs.map((l) => `${l.mode} ${l.fromLocode}→${l.toLocode}`)).toEqual(["ROAD CNZUH→CNZUH", "ROAD CNZUH→HKHKG", "AIR HKHKG→BRGRU", "ROAD BRGRU→BRSAO"]);
    for (const leg of shipment.legs) expect(isValidTransportReference(leg.reference, leg.referenceKind), leg.reference).toBe(true);
    expect(shipment.legs[2]!.referenceKind).toBe("AIR_WAYBILL");
    expect(shipment.plannedArrivalAt).toEqual(shipment.legs.at(-1)!.plannedArrivalAt);
    expect(shipment.events.map((e) => [e.milestone, e.source, e.channel])).toEqual([["BOOKED", "ponte", "ponte"]]);
  });

  it("an order served from an overseas warehouse gets a LOCAL_DELIVERY of one road leg from that warehouse", async () => {
    const local = await createOrderWorld(20, [`LD-${Date.now()}`]);
    const stocked: OrderWorld = { ...local, warehouseId: gruId };
    for (const v of local.variants) await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: local.makerId, warehouseId: gruId, variantId: v.id, kind: "RECEIPT", onHandDelta: 20 }));
    const order = await createPlacedOrder(stocked, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: system });
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system });
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, include: { legs: true } });
    expect(shipment).toMatchObject({ kind: "LOCAL_DELIVERY", warehouseId: gruId, buyerOrganizationId: local.buyerId, originLocode: "BRGRU" });
    expect(shipment.legs).toHaveLength(1);
    expect(shipment.legs[0]).toMatchObject({ mode: "ROAD", referenceKind: "CONSIGNMENT" });
  });

  it("a replenishment marked shipped gets a WAREHOUSE_REPLENISHMENT to its warehouse by sea, with no buyer", async () => {
    const { variants } = await createProduct(world.makerId, [`RP-${Date.now()}`]);
    const inbound = await createInbound(world.makerId, gruId, [{ variantId: variants[0]!.id, productId: variants[0]!.productId, expected: 100, cartons: 5 }]);
    const booked = await unscopedDb.$transaction((tx) => ensureInboundShipment(tx, inbound.id));
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { id: booked.id }, include: { legs: { orderBy: { sequence: "asc" } } } });
    expect(shipment).toMatchObject({ kind: "WAREHOUSE_REPLENISHMENT", inboundShipmentId: inbound.id, warehouseId: gruId, buyerOrganizationId: null, orderId: null, destinationLocode: "BRGRU" });
    const sea = shipment.legs.find((l) => l.mode === "SEA")!;
    expect(sea.referenceKind).toBe("CONTAINER");
    expect(isValidTransportReference(sea.reference, "CONTAINER")).toBe(true);
  });

  it("the database refuses a shipment whose links do not fit its kind", async () => {
    const order = await createPlacedOrder(world, [1]);
    const base = { reference: `SHP-2026-T${Date.now()}`, organizationId: world.makerId, originLocode: "CNZUH", originName: "Zhuhai", destinationLocode: "BRSAO", destinationName: "São Paulo", destinationCountryCode: "BR", destinationTimeZone: "America/Sao_Paulo", plannedArrivalAt: new Date(), estimatedArrivalAt: new Date() };
    await expect(unscopedDb.shipment.create({ data: { ...base, kind: "ORDER_EXPORT", orderId: order.id } })).rejects.toThrow();
    await expect(unscopedDb.shipment.create({ data: { ...base, kind: "LOCAL_DELIVERY", orderId: order.id, buyerOrganizationId: world.buyerId } })).rejects.toThrow();
  });

  it("concurrent ship triggers (the click, a retry, the sweep) make exactly one shipment per order", async () => {
    const order = await originOrder("MX", "Ciudad de México");
    await unscopedDb.order.update({ where: { id: order.id }, data: { status: "SHIPPED", shippedAt: new Date() } });
    const results = await Promise.allSettled([
      ...Array.from({ length: 8 }, () => unscopedDb.$transaction((tx) => ensureOrderShipment(tx, order.id))),
      createMissingShipments(),
      createMissingShipments(),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const created = results.flatMap((r) => (r.status === "fulfilled" && "created" in r.value && r.value.created ? [r.value] : []));
    expect(created.length).toBeLessThanOrEqual(1);
    expect(await unscopedDb.shipment.count({ where: { orderId: order.id } })).toBe(1);
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, include: { legs: true, events: true } });
    expect(shipment.legs).toHaveLength(4);
    expect(shipment.events.filter((e) => e.milestone === "BOOKED")).toHaveLength(1);
  });

  it("the agency corrects a leg's air waybill only with a valid check digit; another manufacturer does not find it", async () => {
    const order = await originOrder();
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system });
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, select: { id: true } });
    expect(await correctLegReference({ shipmentId: shipment.id, sequence: 3, reference: "160-12345676", actor: { organizationId: world.platformId, agency: true } })).toEqual({ ok: false, code: "invalid_reference" });
    expect(await correctLegReference({ shipmentId: shipment.id, sequence: 3, reference: "160 12345675", actor: { organizationId: world.buyerId, agency: false } })).toEqual({ ok: false, code: "not_found" });
    expect(await correctLegReference({ shipmentId: shipment.id, sequence: 3, reference: "１６０－１２３４５６７５", actor: { organizationId: world.makerId, agency: false } })).toEqual({ ok: true, reference: "160-12345675" });
  });
});

describe("simulator events through the signed webhook", () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    // The webhook's own handler behind a bare HTTP server: the raw body, the signature header, the 401 path.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const carrier = decodeURIComponent(/^\/webhooks\/carriers\/([^/?]+)/.exec(req.url ?? "")?.[1] ?? "");
        const request = new Request(`http://localhost${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        void handleCarrierWebhook(request, carrier).then(async (response) => {
          res.writeHead(response.status, { "Content-Type": "application/json" }).end(await response.text());
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a shipment booked days ago walks to DELIVERED: every carrier's code is accepted, each event stored once", async () => {
    const order = await originOrder();
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system, now: new Date(Date.now() - 8 * 24 * HOUR) });
    const { reference } = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, select: { reference: true } });
    const loaded = (await loadSimShipment(reference))!;
    const steps = selectSteps(loaded, { kind: "all" }, { hold: true });
    expect(new Set(steps.map((s) => s.carrierCode))).toEqual(new Set(["hongwan-cfs", "china-customs", "hzmb-truck", "cathay-cargo", "jadlog"]));
    const sent = await sendSteps(reference, steps, { baseUrl });
    for (const s of sent) {
      expect(s.status >= 200 && s.status < 300, JSON.stringify(s.answer)).toBe(true);
      expect((s.answer as { results: { result: string }[] }).results[0]!.result, `${s.step.carrierCode} ${s.event.code}`).toBe("stored");
    }
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { reference }, select: { status: true, exception: true, _count: { select: { events: true } } } });
    expect(shipment).toMatchObject({ status: "DELIVERED", exception: null });
    expect(shipment._count.events).toBe(steps.length + 1);
    // Sent again (a carrier's retry): nothing new.
    const again = await sendSteps(reference, steps.slice(0, 3), { baseUrl });
    expect(again.map((s) => (s.answer as { results: { result: string }[] }).results[0]!.result)).toEqual(["duplicate", "duplicate", "duplicate"]);
  });

  it("--milestone IMPORT_CUSTOMS_CLEARED jumps a shipment in the air to import-cleared; --next sends what comes after", async () => {
    const order = await originOrder();
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system, now: new Date(Date.now() - 60 * HOUR) });
    const { reference } = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, select: { reference: true } });
    const cleared = selectSteps((await loadSimShipment(reference))!, { kind: "milestone", milestone: "IMPORT_CUSTOMS_CLEARED" });
    expect(cleared.map((s) => [s.carrierCode, s.code, s.locode])).toEqual([["cathay-cargo", "InTransit_005", "BRGRU"]]);
    await sendSteps(reference, cleared, { baseUrl });
    expect((await unscopedDb.shipment.findUniqueOrThrow({ where: { reference }, select: { status: true } })).status).toBe("IMPORT_CUSTOMS_CLEARED");
    const next = selectSteps((await loadSimShipment(reference))!, { kind: "next" });
    expect(next[0]!.milestone).toBe("PICKED_UP");
  });

  it("a wrong signature stores nothing", async () => {
    const order = await originOrder();
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system, now: new Date(Date.now() - 20 * HOUR) });
    const { reference, id } = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, select: { reference: true, id: true } });
    const [step] = selectSteps((await loadSimShipment(reference))!, { kind: "next" });
    const body = JSON.stringify({ events: [toWireEvent(reference, step!)] });
    const response = await fetch(`${baseUrl}/webhooks/carriers/${step!.carrierCode}`, { method: "POST", headers: { "Content-Type": "application/json", "X-Ponte-Signature": `sha256=${"0".repeat(64)}` }, body });
    expect(response.status).toBe(401);
    expect(await unscopedDb.shipmentEvent.count({ where: { shipmentId: id } })).toBe(1);
  });
});

describe("polling the simulator's tracking API", () => {
  let api: TrackingApi;

  beforeAll(async () => {
    api = await startTrackingApi({ port: 0 });
    await unscopedDb.carrier.update({ where: { code: "lusafrica-courier" }, data: { pollBaseUrl: api.url } });
  });
  afterAll(() => api.close());

  it("fetches a POLLING carrier's events for its open legs, ingests them once, and refuses a wrong key", async () => {
    expect(database.current.url).toBeTruthy();
    // An order from Zhuhai to Luanda by sea: the last mile is LusÁfrica's, which has no webhooks.
    const order = await originOrder("AO", "Luanda");
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "ship" }, actor: system, now: new Date(Date.now() - 50 * 24 * HOUR) });
    const shipment = await unscopedDb.shipment.findUniqueOrThrow({ where: { orderId: order.id }, include: { legs: { include: { carrier: true } } } });
    const lastMile = shipment.legs.find((l) => l.carrier?.code === "lusafrica-courier")!;
    expect(lastMile.carrier!.integration).toBe("POLLING");
    // The webhook carriers' events up to the port, as they would have pushed them.
    const loaded = (await loadSimShipment(shipment.reference))!;
    for (const step of planEvents(loaded.shipment).filter((s) => s.integration === "WEBHOOK")) {
      const outcome = await ingestCarrierEvents(step.carrierCode, [toWireEvent(shipment.reference, step)], "webhook", { notifications: "none" });
      expect(outcome.results[0]!.result, `${step.carrierCode} ${step.code}`).toBe("stored");
    }
    const first = await pollCarriers({ ingest: { notifications: "none" } });
    expect(first.failures).toBe(0);
    expect(first.stored).toBe(2);
    const events = await unscopedDb.shipmentEvent.findMany({ where: { legId: lastMile.id }, select: { milestone: true, channel: true, source: true } });
    expect(events.map((e) => [e.milestone, e.channel, e.source]).sort()).toEqual([
      ["DELIVERED", "polling", "lusafrica-courier"],
      ["OUT_FOR_DELIVERY", "polling", "lusafrica-courier"],
    ]);
    expect((await unscopedDb.shipment.findUniqueOrThrow({ where: { id: shipment.id }, select: { status: true } })).status).toBe("DELIVERED");
    // Nothing new on the next round.
    expect((await pollCarriers({ ingest: { notifications: "none" } })).stored).toBe(0);
    const refused = await fetch(`${api.url}/v1/tracking/${encodeURIComponent(lastMile.reference)}`, { headers: { Authorization: "Bearer not-the-key" } });
    expect(refused.status).toBe(401);
  });
});
