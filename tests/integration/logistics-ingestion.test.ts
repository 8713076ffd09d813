import type { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { currentQueue } from "~/modules/jobs/queue.server";
import type { ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import { HOUR_MS } from "~/modules/logistics/eta";
import { CarrierNotFoundError, ingestCarrierEvents, recordPonteEvent, verifyCarrierSignature, signCarrierBody } from "~/modules/logistics/ingestion.server";
import { notifyShipmentEvent } from "~/modules/logistics/notifications.server";
import { MAX_CARRIER_WEBHOOK_BYTES } from "~/modules/logistics/webhook.server";
import { setRealtime } from "~/modules/realtime/index.server";
/* eslint-disable no-restricted-imports -- the test drives the webhook route's action (the rule keeps modules out of routes) */
import { action } from "~/routes/webhooks.carriers.$carrier";
/* eslint-enable no-restricted-imports */
import { withTestDatabase } from "../support/database";
import {
  carrierEvent,
  createTestCarrier,
  createTestShipment,
  createTrackingParties,
  defaultLegs,
  signedWebhookRequest,
  type TestCarrier,
  type TestShipment,
  type TrackingParties,
} from "../support/shipment-fixtures";

/**
 * Carrier events in, on a real database (PGlite, and the PostgreSQL server when TEST_DATABASE_URL is set): the
 * webhook's signature and envelope checks, each event stored once (replayed, or twice at the same time), a late
 * event slotting in without moving the status back, exceptions opened and resolved, the ETA following the legs,
 * live pushes after commit and notifications in each recipient's language, once.
 */

withTestDatabase({ queue: true });

const CONTEXT = { cspNonce: "" };

let parties: TrackingParties;
let air: TestCarrier;
let truck: TestCarrier;
let lastMile: TestCarrier;
let customs: TestCarrier;
const pushed: { rooms: string[]; event: string; payload: ShipmentLivePayload }[] = [];

beforeAll(async () => {
  parties = await createTrackingParties({ makerLocales: ["zh"], buyerLocales: ["pt", "es"], agentLocale: "en" });
  air = await createTestCarrier({ vocabulary: "aftership", modes: ["AIR"] });
  truck = await createTestCarrier({ vocabulary: "edifact-9011", modes: ["ROAD"] });
  lastMile = await createTestCarrier({ vocabulary: "aftership", modes: ["ROAD"] });
  customs = await createTestCarrier({ vocabulary: "ceb", modes: [] });
  // The socket server's stand-in: records what would be pushed to which rooms.
  const fake = { to: (rooms: string[]) => ({ emit: (event: string, payload: ShipmentLivePayload) => void pushed.push({ rooms, event, payload }) }) };
  setRealtime(fake as unknown as Server);
});

afterAll(() => setRealtime(undefined));

/** A shipment started 200 hours ago (its whole plan of 72 hours is in the past), booked. */
async function shipment(): Promise<TestShipment & { at: (hours: number) => Date }> {
  const start = new Date(Date.now() - 200 * HOUR_MS);
  const created = await createTestShipment(parties, { start, legs: defaultLegs({ truck: truck.id, air: air.id, lastMile: lastMile.id }) });
  return { ...created, at: (hours: number) => new Date(start.getTime() + hours * HOUR_MS) };
}

const row = (id: string) =>
  unscopedDb.shipment.findUniqueOrThrow({ where: { id }, select: { status: true, exception: true, exceptionAt: true, estimatedArrivalAt: true, late: true, deliveredAt: true, lastEventAt: true } });
const eventCount = (shipmentId: string) => unscopedDb.shipmentEvent.count({ where: { shipmentId } });
const shipmentNotifications = (reference: string) => unscopedDb.notification.findMany({ where: { href: { endsWith: `/shipments/${reference}` } }, orderBy: { createdAt: "asc" } });

describe("the webhook route", () => {
  it("refuses an unknown carrier, an inactive one and a missing or wrong signature with 401, storing nothing", async () => {
    const s = await shipment();
    const events = [carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" })];
    const inactive = await createTestCarrier({ vocabulary: "aftership", active: false });
    const noSecret = await createTestCarrier({ vocabulary: "aftership", secret: null });
    const requests = [
      signedWebhookRequest("no-such-carrier", air.secret, events),
      signedWebhookRequest(inactive.code, inactive.secret, events),
      signedWebhookRequest(noSecret.code, "", events, { signature: signCarrierBody("guess", JSON.stringify({ events })) }),
      signedWebhookRequest(air.code, air.secret, events, { signature: null }),
      signedWebhookRequest(air.code, "not-the-secret", events),
      signedWebhookRequest(air.code, air.secret, events, { signature: "sha256=zz" }),
      // Signed, then changed on the way.
      signedWebhookRequest(air.code, air.secret, events, { signature: signCarrierBody(air.secret, JSON.stringify({ events: [] })) }),
    ];
    for (const request of requests) {
      const response = await action({ request, params: { carrier: new URL(request.url).pathname.split("/").pop() }, context: CONTEXT });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/signature/);
    }
    expect(await eventCount(s.id)).toBe(1);
    expect((await row(s.id)).status).toBe("BOOKED");
  });

  it("answers 413 to an oversized body and 400 with a reason to malformed JSON or envelopes", async () => {
    const big = signedWebhookRequest(air.code, air.secret, [], { body: JSON.stringify({ events: [], padding: "x".repeat(MAX_CARRIER_WEBHOOK_BYTES) }) });
    expect((await action({ request: big, params: { carrier: air.code }, context: CONTEXT })).status).toBe(413);

    const notJson = await action({ request: signedWebhookRequest(air.code, air.secret, [], { body: "{events:" }), params: { carrier: air.code }, context: CONTEXT });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/JSON/);

    const noOffset = await action({
      request: signedWebhookRequest(air.code, air.secret, [], { body: JSON.stringify({ events: [{ id: "e1", code: "Delivered", occurredAt: "2026-12-06T10:00:00", reference: "x" }] }) }),
      params: { carrier: air.code },
      context: CONTEXT,
    });
    expect(noOffset.status).toBe(400);
    const body = (await noOffset.json()) as { error: string; issues: string[] };
    expect(body.issues.join(" ")).toMatch(/events\.0\.occurredAt/);

    const empty = await action({ request: signedWebhookRequest(air.code, air.secret, []), params: { carrier: air.code }, context: CONTEXT });
    expect(empty.status).toBe(400);
  });

  it("stores a signed event and answers each event's result; unmatched, unknown and future events are refused by name", async () => {
    const s = await shipment();
    const departed = carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference.replace("-", ""), at: s.at(13), locode: "HKHKG" });
    const unknown = carrierEvent({ code: "Pending", reference: s.legs[1]!.reference, at: s.at(13) });
    const stranger = carrierEvent({ code: "Delivered_001", reference: "999-00000000", at: s.at(13) });
    const future = carrierEvent({ code: "Delivered_001", reference: s.legs[1]!.reference, at: new Date(Date.now() + 5 * HOUR_MS) });
    const response = await action({ request: signedWebhookRequest(air.code, air.secret, [departed, unknown, stranger, future]), params: { carrier: air.code }, context: CONTEXT });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { received: number; stored: number; results: { id: string; result: string; reason?: string; milestone?: string; shipmentReference?: string }[] };
    expect(body.received).toBe(4);
    expect(body.stored).toBe(1);
    expect(body.results.map((r) => r.result)).toEqual(["stored", "unknown_code", "unmatched", "invalid"]);
    expect(body.results[0]).toMatchObject({ milestone: "DEPARTED", shipmentReference: s.reference });
    expect(body.results[1]!.reason).toMatch(/Pending/);
    expect(body.results[3]!.reason).toMatch(/future/);
    expect((await row(s.id)).status).toBe("DEPARTED");

    const stored = await unscopedDb.shipmentEvent.findFirstOrThrow({ where: { shipmentId: s.id, source: air.code } });
    expect(stored).toMatchObject({ externalId: departed.id, carrierCode: "InTransit_007", milestone: "DEPARTED", utcOffsetMinutes: 480, locode: "HKHKG", channel: "webhook", legId: s.legs[1]!.id });
    expect(stored.occurredAt).toEqual(s.at(13));
    expect(stored.raw).toEqual(departed);
  });

  it("does not let one carrier report on another carrier's leg", async () => {
    const s = await shipment();
    const outcome = await ingestCarrierEvents(lastMile.code, [carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13) })], "webhook");
    expect(outcome.results[0]!.result).toBe("unmatched");
    await expect(ingestCarrierEvents("no-such-carrier", [], "polling")).rejects.toBeInstanceOf(CarrierNotFoundError);
  });
});

describe("each event stored once", () => {
  it("treats a replay as a duplicate: one row, one push, one notification per recipient", async () => {
    const s = await shipment();
    const event = carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" });
    pushed.length = 0;
    const first = await ingestCarrierEvents(air.code, [event], "webhook", { notifications: "inline" });
    const again = await ingestCarrierEvents(air.code, [event, event], "webhook", { notifications: "inline" });
    expect(first.results[0]!.result).toBe("stored");
    expect(again.results.map((r) => r.result)).toEqual(["duplicate", "duplicate"]);
    expect(await eventCount(s.id)).toBe(2);
    expect(pushed.filter((p) => p.payload.shipmentId === s.id)).toHaveLength(1);
    // Maker (zh), two buyer members (pt, es); a departure is not for the export agents.
    expect(await shipmentNotifications(s.reference)).toHaveLength(3);
  });

  it("stores an event sent twice at the same time once, and notifies once", async () => {
    const s = await shipment();
    const event = carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" });
    const outcomes = await Promise.all([
      ingestCarrierEvents(air.code, [event], "webhook", { notifications: "inline" }),
      ingestCarrierEvents(air.code, [event], "polling", { notifications: "inline" }),
      ingestCarrierEvents(air.code, [event], "webhook", { notifications: "inline" }),
    ]);
    expect(outcomes.map((o) => o.results[0]!.result).sort()).toEqual(["duplicate", "duplicate", "stored"]);
    expect(await unscopedDb.shipmentEvent.count({ where: { source: air.code, externalId: event.id } })).toBe(1);
    expect(await shipmentNotifications(s.reference)).toHaveLength(3);
    expect((await row(s.id)).status).toBe("DEPARTED");
  });

  it("brings a shipment to the same state when different events for it race, and tells of each", async () => {
    const s = await shipment();
    const ref = s.legs[1]!.reference;
    const departed = carrierEvent({ code: "InTransit_007", reference: ref, at: s.at(13), locode: "HKHKG" });
    const arrived = carrierEvent({ code: "InTransit_004", reference: ref, at: s.at(47), offsetMinutes: -180, locode: "BRGRU" });
    const hold = carrierEvent({ code: "Exception_004", reference: ref, at: s.at(49), offsetMinutes: -180, locode: "BRGRU" });
    await Promise.all([departed, arrived, hold].map((event) => ingestCarrierEvents(air.code, [event], "webhook", { notifications: "inline" })));
    expect(await row(s.id)).toMatchObject({ status: "ARRIVED_DEST", exception: "IMPORT_CUSTOMS_HOLD" });
    const leg = await unscopedDb.shipmentLeg.findUniqueOrThrow({ where: { id: s.legs[1]!.id } });
    expect(leg.actualDepartureAt).toEqual(s.at(13));
    expect(leg.actualArrivalAt).toEqual(s.at(47));
    const kinds = (await shipmentNotifications(s.reference)).map((n) => n.kind);
    expect(kinds.filter((k) => k === "shipment.import_customs_hold")).toHaveLength(4);
    // Whichever of the two movements was stored first, the later one went further: the arrival is always told.
    expect(kinds.filter((k) => k === "shipment.arrived_dest")).toHaveLength(3);
  });

  it("records Ponte's own booking once", async () => {
    const s = await shipment();
    const again = await recordPonteEvent({ shipmentId: s.id, milestone: "BOOKED", occurredAt: s.start });
    expect(again.stored).toBe(false);
    const booked = await unscopedDb.shipmentEvent.findMany({ where: { shipmentId: s.id } });
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ source: "ponte", channel: "ponte", milestone: "BOOKED", utcOffsetMinutes: 480 });
  });
});

describe("the shipment's state", () => {
  it("slots a late event into the timeline without moving the status back", async () => {
    const s = await shipment();
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" })], "webhook", { notifications: "none" });
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_004", reference: s.legs[1]!.reference, at: s.at(47), offsetMinutes: -180, locode: "BRGRU" })], "webhook", { notifications: "none" });
    const before = await row(s.id);
    expect(before.status).toBe("ARRIVED_DEST");
    // The truck's pick-up and arrival in Hong Kong, reported two days late, in one batch.
    const late = await ingestCarrierEvents(truck.code, [carrierEvent({ code: "13", reference: s.legs[0]!.reference, at: s.at(0.5), locode: "CNZUH" }), carrierEvent({ code: "1", reference: s.legs[0]!.reference, at: s.at(5), locode: "HKHKG" })], "webhook", { notifications: "inline" });
    expect(late.stored).toBe(2);
    const after = await row(s.id);
    expect(after.status).toBe("ARRIVED_DEST");
    expect(after.lastEventAt).toEqual(s.at(47));
    const timeline = await unscopedDb.shipmentEvent.findMany({ where: { shipmentId: s.id }, orderBy: { occurredAt: "asc" }, select: { milestone: true } });
    expect(timeline.map((e) => e.milestone)).toEqual(["BOOKED", "PICKED_UP", "ARRIVED_AT_HUB", "DEPARTED", "ARRIVED_DEST"]);
    const truckLeg = await unscopedDb.shipmentLeg.findUniqueOrThrow({ where: { id: s.legs[0]!.id } });
    expect(truckLeg.actualDepartureAt).toEqual(s.at(0.5));
    expect(truckLeg.actualArrivalAt).toEqual(s.at(5));
    // Nobody is told the goods were picked up after they landed in São Paulo.
    expect(await shipmentNotifications(s.reference)).toHaveLength(0);
  });

  it("opens a customs hold (telling the export agent too) and resolves it at clearance", async () => {
    const s = await shipment();
    const ref = s.legs[1]!.reference;
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_004", reference: ref, at: s.at(47), offsetMinutes: -180, locode: "BRGRU" })], "webhook", { notifications: "none" });
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "Exception_004", reference: ref, at: s.at(49), offsetMinutes: -180, locode: "BRGRU" })], "webhook", { notifications: "inline" });
    const held = await row(s.id);
    expect(held).toMatchObject({ status: "ARRIVED_DEST", exception: "IMPORT_CUSTOMS_HOLD" });
    expect(held.exceptionAt).toEqual(s.at(49));
    const holdNotices = await shipmentNotifications(s.reference);
    const agent = parties.members.find((m) => m.organizationId === parties.platformId && m.locale === "en")!;
    expect(holdNotices.map((n) => n.userId)).toContain(agent.userId);
    expect(holdNotices).toHaveLength(4);
    expect(holdNotices.every((n) => n.kind === "shipment.import_customs_hold")).toBe(true);

    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_005", reference: ref, at: s.at(58), offsetMinutes: -180, locode: "BRGRU" })], "webhook", { notifications: "inline" });
    const cleared = await row(s.id);
    expect(cleared).toMatchObject({ status: "IMPORT_CUSTOMS_CLEARED", exception: null, exceptionAt: null });
    const all = await shipmentNotifications(s.reference);
    expect(all.filter((n) => n.kind === "shipment.import_customs_cleared")).toHaveLength(3);
  });

  it("matches a customs source's events to any leg by reference", async () => {
    const s = await shipment();
    const outcome = await ingestCarrierEvents(customs.code, [carrierEvent({ code: "CEB604_800", reference: s.legs[1]!.reference, at: s.at(10), locode: "CNZUH" })], "webhook", { notifications: "none" });
    expect(outcome.results[0]).toMatchObject({ result: "stored", milestone: "EXPORT_CUSTOMS_CLEARED" });
    expect((await row(s.id)).status).toBe("EXPORT_CUSTOMS_CLEARED");
  });

  it("updates the ETA as legs complete, flags lateness and ends with the delivery", async () => {
    const s = await shipment();
    const [truckRef, airRef, lastRef] = s.legs.map((l) => l.reference);
    const ingest = (carrier: TestCarrier, code: string, reference: string, hours: number, locode: string, nowHours = hours + 0.1) =>
      ingestCarrierEvents(carrier.code, [carrierEvent({ code, reference, at: s.at(hours), locode })], "webhook", { notifications: "none", now: s.at(nowHours) });

    await ingest(truck, "13", truckRef!, 0, "CNZUH");
    await ingest(truck, "1", truckRef!, 6, "HKHKG");
    expect((await row(s.id)).estimatedArrivalAt).toEqual(s.at(72));
    // The flight leaves 10 hours late: everything after it moves by as much.
    await ingest(air, "InTransit_007", airRef!, 22, "HKHKG");
    let state = await row(s.id);
    expect(state.estimatedArrivalAt).toEqual(s.at(82));
    expect(state.late).toBe(true);
    // It makes up time in the air and lands at the planned hour: back on schedule.
    await ingest(air, "InTransit_004", airRef!, 48, "BRGRU");
    state = await row(s.id);
    expect(state.estimatedArrivalAt).toEqual(s.at(72));
    expect(state.late).toBe(false);
    const airLeg = await unscopedDb.shipmentLeg.findUniqueOrThrow({ where: { id: s.legs[1]!.id } });
    expect(airLeg.actualDepartureAt).toEqual(s.at(22));
    expect(airLeg.actualArrivalAt).toEqual(s.at(48));
    await ingest(lastMile, "OutForDelivery_001", lastRef!, 61, "BRGRU");
    await ingest(lastMile, "Delivered_001", lastRef!, 70, "BRSAO");
    state = await row(s.id);
    expect(state).toMatchObject({ status: "DELIVERED", late: false });
    expect(state.deliveredAt).toEqual(s.at(70));
    expect(state.estimatedArrivalAt).toEqual(s.at(70));
  });
});

describe("live push and notifications", () => {
  it("pushes each new event after commit to the shipment's audience with the webhook's acceptance time", async () => {
    const s = await shipment();
    pushed.length = 0;
    const acceptedAt = Date.now() - 5;
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" })], "webhook", { acceptedAt, notifications: "none" });
    expect(pushed).toHaveLength(1);
    const [push] = pushed;
    expect(push!.event).toBe("shipment:event");
    expect(push!.rooms).toEqual(expect.arrayContaining([`shipment:${s.id}`, `org:${parties.makerId}`, `org:${parties.buyerId}`, "agency"]));
    expect(push!.payload).toMatchObject({ shipmentId: s.id, reference: s.reference, status: "DEPARTED", exception: null, acceptedAt, event: { milestone: "DEPARTED", utcOffsetMinutes: 480, locode: "HKHKG", legSequence: 2 } });
  });

  it("writes each recipient's notification and email in their own language", async () => {
    const s = await shipment();
    await ingestCarrierEvents(air.code, [carrierEvent({ code: "InTransit_005", reference: s.legs[1]!.reference, at: s.at(58), offsetMinutes: -180, locode: "BRGRU", name: "Guarulhos" })], "webhook", { notifications: "inline" });
    const notices = await shipmentNotifications(s.reference);
    const byLocale = Object.fromEntries(parties.members.map((m) => [m.userId, m.locale]));
    const titleOf = (locale: string) => notices.find((n) => byLocale[n.userId] === locale)!;
    expect(titleOf("pt").title).toBe(`Remessa ${s.reference}: Desembaraço de importação concluído`);
    expect(titleOf("pt").href).toBe(`/pt/shipments/${s.reference}`);
    expect(titleOf("es").title).toBe(`Envío ${s.reference}: Despacho de importación completado`);
    expect(titleOf("es").href).toBe(`/es/shipments/${s.reference}`);
    expect(titleOf("zh").title).toBe(`货运 ${s.reference}：进口清关完成`);
    expect(titleOf("zh").body).toContain("Guarulhos");
    const emails = await unscopedDb.emailMessage.findMany({ where: { kind: "notification.shipment.import_customs_cleared", subject: { contains: s.reference } } });
    expect(emails).toHaveLength(3);
    const zhMember = parties.members.find((m) => m.locale === "zh")!;
    expect(emails.find((e) => e.toAddress === zhMember.email)!.text).toContain(`/zh/shipments/${s.reference}`);
  });

  it("queues notifications instead of writing them on the webhook's path", async () => {
    expect(currentQueue()).toBeDefined();
    const s = await shipment();
    const response = await action({ request: signedWebhookRequest(air.code, air.secret, [carrierEvent({ code: "InTransit_007", reference: s.legs[1]!.reference, at: s.at(13), locode: "HKHKG" })]), params: { carrier: air.code }, context: CONTEXT });
    expect(response.status).toBe(200);
    expect(await shipmentNotifications(s.reference)).toHaveLength(0);
    const event = await unscopedDb.shipmentEvent.findFirstOrThrow({ where: { shipmentId: s.id, source: air.code } });
    const jobs = await currentQueue()!.fetch<{ eventId: string }>("shipments.notify", { batchSize: 50 });
    const job = jobs.find((j) => j.data.eventId === event.id);
    expect(job).toBeDefined();
    await notifyShipmentEvent(job!.data.eventId);
    await currentQueue()!.complete("shipments.notify", jobs.map((j) => j.id));
    expect(await shipmentNotifications(s.reference)).toHaveLength(3);
  });
});

describe("verifyCarrierSignature", () => {
  it("accepts the body's own signature only", () => {
    const body = JSON.stringify({ events: [] });
    expect(verifyCarrierSignature("s3cret", body, signCarrierBody("s3cret", body))).toBe(true);
    expect(verifyCarrierSignature("s3cret", Buffer.from(body), signCarrierBody("s3cret", body).toUpperCase().replace("SHA256", "sha256"))).toBe(true);
    expect(verifyCarrierSignature("s3cret", `${body} `, signCarrierBody("s3cret", body))).toBe(false);
    expect(verifyCarrierSignature(null, body, signCarrierBody("", body))).toBe(false);
    expect(verifyCarrierSignature("s3cret", body, "sha1=abc")).toBe(false);
  });
});
