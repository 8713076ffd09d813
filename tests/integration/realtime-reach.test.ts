import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { HOUR_MS } from "~/modules/logistics/eta";
import { SHIPMENT_LIVE_EVENT, type ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import { recordPonteEvent } from "~/modules/logistics/ingestion.server";
import { publishShipmentEvent } from "~/modules/logistics/live.server";
import { evictFromOrganization } from "~/modules/realtime/index.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { attachSocketServer } from "~/server/socket.server";
import { runEtaRefresh } from "../../workers/shipments-eta";
import { withTestDatabase } from "../support/database";
import { createWarehouse } from "../support/inventory-core-fixtures";
import { createTestShipment, createTrackingParties, defaultLegs, type TrackingParties } from "../support/shipment-fixtures";

/**
 * Live pushes reach who they should, beyond one web process's own emits: from a worker process (no socket server)
 * through PostgreSQL, never to a member removed from a party, and when a shipment runs late without news.
 */
const database = withTestDatabase();
const NOT_FOUND = { ok: false, status: 404, error: "not_found" };

let server: Server;
let sockets: ReturnType<typeof attachSocketServer>;
let baseUrl: string;
const clients: Socket[] = [];
let parties: TrackingParties;

beforeAll(async () => {
  server = createServer();
  // On the PostgreSQL server with the PostgreSQL adapter, as a web process runs there.
  sockets = attachSocketServer(server, { appUrl: process.env.APP_URL!, databaseUrl: database.current.kind === "server" ? database.current.url : undefined });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  parties = await createTrackingParties({ makerLocales: ["zh", "zh"], buyerLocales: ["pt"] });
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  server?.closeAllConnections();
  await sockets?.close();
});

async function connectAs(userId: string) {
  const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
  const client = connectSocket(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
  return client;
}

const join = (client: Socket, event: string, ...args: unknown[]) => client.timeout(10_000).emitWithAck(event, ...args);
const membersOf = (organizationId: string) => parties.members.filter((m) => m.organizationId === organizationId).map((m) => m.userId);

function payloadFor(shipment: { id: string; reference: string }): ShipmentLivePayload {
  return {
    shipmentId: shipment.id,
    reference: shipment.reference,
    status: "DEPARTED",
    exception: null,
    estimatedArrivalAt: new Date().toISOString(),
    late: false,
    event: { id: randomUUID(), milestone: "DEPARTED", occurredAt: new Date().toISOString(), utcOffsetMinutes: 480, locode: "HKHKG", placeName: null, legSequence: 2 },
    acceptedAt: Date.now(),
  };
}

/** Whatever reached `client` before a round trip on it: a push sent earlier would have arrived first. */
async function heardBy(client: Socket, heard: unknown[]) {
  expect(await join(client, "shipment:join", "not-a-uuid")).toEqual(NOT_FOUND);
  return heard;
}

describe.runIf(process.env.PONTE_TEST_DB === "server")("a worker process on the PostgreSQL server", () => {
  it("pushes through PostgreSQL to the browsers of the web processes", async () => {
    const shipment = await createTestShipment(parties, { legs: defaultLegs({ truck: null, air: null, lastMile: null }) });
    const buyer = await connectAs(membersOf(parties.buyerId)[0]!);
    expect(await join(buyer, "shipment:join", shipment.id)).toEqual({ ok: true });
    const payload = payloadFor(shipment);
    const received = new Promise<ShipmentLivePayload>((resolve) => buyer.once(SHIPMENT_LIVE_EVENT, resolve));
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-process-emit.ts"], {
      env: { ...process.env, DATABASE_URL: database.current.url, PONTE_WORKERS: "off", LIVE_PAYLOAD: JSON.stringify(payload), ORGANIZATION_ID: parties.makerId },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(await exited, output).toBe(0);
    expect(output).toContain("published");
    const nothing = new Promise((resolve) => setTimeout(() => resolve("nothing received"), 20_000));
    expect(await Promise.race([received, nothing])).toEqual(payload);
  }, 60_000);
});

describe("a member removed from an organization", () => {
  it("stops hearing the organization's shipments at once; one still entitled keeps hearing them", async () => {
    const shipment = await createTestShipment(parties, { legs: defaultLegs({ truck: null, air: null, lastMile: null }) });
    const [stayingId, leavingId] = membersOf(parties.makerId) as [string, string];
    const staying = await connectAs(stayingId);
    const leaving = await connectAs(leavingId);
    for (const client of [staying, leaving]) expect(await join(client, "shipment:join", shipment.id)).toEqual({ ok: true });
    const leavingHeard: unknown[] = [];
    leaving.on(SHIPMENT_LIVE_EVENT, (p) => leavingHeard.push(p));

    await unscopedDb.membership.deleteMany({ where: { organizationId: parties.makerId, userId: leavingId } });
    await evictFromOrganization(leavingId, parties.makerId);
    const payload = payloadFor(shipment);
    const toStaying = new Promise((resolve) => staying.once(SHIPMENT_LIVE_EVENT, resolve));
    publishShipmentEvent({ shipmentId: shipment.id, organizationId: parties.makerId, buyerOrganizationId: parties.buyerId, warehouseId: null }, payload);
    expect(await toStaying).toEqual(payload);
    expect(await heardBy(leaving, leavingHeard)).toEqual([]);
    expect(await join(leaving, "shipment:join", shipment.id)).toEqual(NOT_FOUND);
  });

  it("leaving the PLATFORM organization, an agent and a warehouse's staff leave the agency and warehouse rooms", async () => {
    const warehouse = await createWarehouse();
    const agentId = parties.members.find((m) => m.organizationId === parties.platformId)!.userId;
    const staff = await unscopedDb.user.create({ data: { email: `staff-${randomUUID()}@tracking.test`, name: "Staff", passwordHash: "x", locale: "pt", emailVerifiedAt: new Date() } });
    await unscopedDb.membership.create({ data: { organizationId: parties.platformId, userId: staff.id, role: "MEMBER" } });
    await unscopedDb.warehouseStaff.create({ data: { warehouseId: warehouse.id, userId: staff.id } });
    const agent = await connectAs(agentId);
    const staffClient = await connectAs(staff.id);
    expect(await join(agent, "agency:join")).toEqual({ ok: true });
    expect(await join(staffClient, "warehouse:join", warehouse.id)).toEqual({ ok: true });
    const heard: unknown[] = [];
    agent.on(SHIPMENT_LIVE_EVENT, (p) => heard.push(p));
    staffClient.on(SHIPMENT_LIVE_EVENT, (p) => heard.push(p));

    await unscopedDb.membership.deleteMany({ where: { organizationId: parties.platformId, userId: { in: [agentId, staff.id] } } });
    await evictFromOrganization(agentId, parties.platformId);
    await evictFromOrganization(staff.id, parties.platformId);
    // Another manufacturer's shipment served by the warehouse: only the agency and warehouse rooms could carry it.
    const other = await createTrackingParties();
    const shipment = await createTestShipment(other, { legs: defaultLegs({ truck: null, air: null, lastMile: null }) });
    publishShipmentEvent({ shipmentId: shipment.id, organizationId: other.makerId, buyerOrganizationId: other.buyerId, warehouseId: warehouse.id }, payloadFor(shipment));
    await heardBy(agent, heard);
    expect(await heardBy(staffClient, heard)).toEqual([]);
  });
});

describe("the ETA refresh job", () => {
  it("flags a shipment running late without news, in one pass, and pushes it live", async () => {
    const start = new Date(Date.now() - HOUR_MS);
    const legs = defaultLegs({ truck: null, air: null, lastMile: null });
    const overrunning = await createTestShipment(parties, { legs, start });
    // The truck left on time (6 h planned); the carrier has said nothing since.
    await recordPonteEvent({ shipmentId: overrunning.id, milestone: "PICKED_UP", occurredAt: start, legId: overrunning.legs[0]!.id, locode: "CNZUH", externalId: `${overrunning.id}:pick` });
    const onTime = await createTestShipment(parties, { legs: defaultLegs({ truck: null, air: null, lastMile: null }), start: new Date(Date.now() + 30 * HOUR_MS) });
    const before = await unscopedDb.shipment.findUniqueOrThrow({ where: { id: overrunning.id } });
    expect(before.late).toBe(false);

    const buyer = await connectAs(membersOf(parties.buyerId)[0]!);
    expect(await join(buyer, "shipment:join", overrunning.id)).toEqual({ ok: true });
    const pushed = new Promise<ShipmentLivePayload>((resolve) => buyer.once(SHIPMENT_LIVE_EVENT, resolve));

    // 20 hours after departure: 14 hours past the truck's planned arrival, beyond the 6-hour tolerance.
    const later = new Date(start.getTime() + 20 * HOUR_MS);
    const summary = await runEtaRefresh(later);
    expect(summary).toMatchObject({ updated: 1, flipped: 1 });
    const after = await unscopedDb.shipment.findUniqueOrThrow({ where: { id: overrunning.id } });
    expect(after.late).toBe(true);
    expect(after.estimatedArrivalAt.getTime()).toBeGreaterThan(before.estimatedArrivalAt.getTime());
    expect(await pushed).toMatchObject({ shipmentId: overrunning.id, late: true, status: "PICKED_UP", estimatedArrivalAt: after.estimatedArrivalAt.toISOString() });
    const untouched = await unscopedDb.shipment.findUniqueOrThrow({ where: { id: onTime.id } });
    expect(untouched.late).toBe(false);

    // Nothing more to change on the next run.
    expect(await runEtaRefresh(later)).toMatchObject({ updated: 0, flipped: 0 });
  });
});
