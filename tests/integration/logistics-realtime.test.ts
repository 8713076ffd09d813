import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { SHIPMENT_LIVE_EVENT, type ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import { publishShipmentEvent } from "~/modules/logistics/live.server";
import { isExportAgentUser, mayFollowWarehouse, mayViewShipment, shipmentViewerRole } from "~/modules/logistics/shipment-access.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { attachSocketServer } from "~/server/socket.server";
import { withTestDatabase } from "../support/database";
import { addMember, createOrganization, createUser, createWarehouse } from "../support/inventory-core-fixtures";

/**
 * Who hears a shipment live: its manufacturer's and buyer's members, the export agents and the serving warehouse's
 * staff, over real socket.io connections to a real HTTP server; nobody else can join its rooms or hears it.
 */
withTestDatabase();

const NOT_FOUND = { ok: false, status: 404, error: "not_found" };
let sequence = 0;

/** A local delivery out of `warehouseId` (the kind that names both a buyer and a serving warehouse). */
async function createLocalDelivery(organizationId: string, buyerOrganizationId: string, warehouseId: string) {
  sequence += 1;
  const planned = new Date(Date.now() + 3 * 86_400_000);
  return unscopedDb.shipment.create({
    data: {
      reference: `SHP-TEST-${randomBytes(3).toString("hex")}-${sequence}`,
      kind: "LOCAL_DELIVERY",
      organizationId,
      buyerOrganizationId,
      orderId: randomUUID(),
      warehouseId,
      originLocode: "PTLIS",
      originName: "Lisboa",
      destinationLocode: "PTOPO",
      destinationName: "Porto",
      destinationCountryCode: "PT",
      destinationTimeZone: "Europe/Lisbon",
      plannedArrivalAt: planned,
      estimatedArrivalAt: planned,
    },
  });
}

function livePayload(shipment: { id: string; reference: string; estimatedArrivalAt: Date }): ShipmentLivePayload {
  return {
    shipmentId: shipment.id,
    reference: shipment.reference,
    status: "OUT_FOR_DELIVERY",
    exception: null,
    estimatedArrivalAt: shipment.estimatedArrivalAt.toISOString(),
    late: false,
    event: { id: randomUUID(), milestone: "OUT_FOR_DELIVERY", occurredAt: new Date().toISOString(), utcOffsetMinutes: 0, locode: "PTLIS", placeName: "Lisboa", legSequence: 1 },
    acceptedAt: Date.now(),
  };
}

const people = {} as Record<"maker" | "buyer" | "agent" | "platformOwner" | "staff" | "otherStaff" | "platformMember" | "outsider", { id: string }>;
let makerOrg: { id: string };
let buyerOrg: { id: string };
let outsiderOrg: { id: string };
let platformOrg: { id: string };
let warehouse: { id: string };
let otherWarehouse: { id: string };
let shipment: Awaited<ReturnType<typeof createLocalDelivery>>;

beforeAll(async () => {
  makerOrg = await createOrganization("MANUFACTURER");
  buyerOrg = await createOrganization("BUYER");
  outsiderOrg = await createOrganization("BUYER");
  platformOrg = await createOrganization("PLATFORM");
  warehouse = await createWarehouse();
  otherWarehouse = await createWarehouse("São Paulo", "BR");
  for (const key of Object.keys({ maker: 1, buyer: 1, agent: 1, platformOwner: 1, staff: 1, otherStaff: 1, platformMember: 1, outsider: 1 }) as (keyof typeof people)[]) {
    people[key] = await createUser(undefined, key);
  }
  await addMember(makerOrg.id, people.maker.id, "MEMBER");
  await addMember(buyerOrg.id, people.buyer.id, "OWNER");
  await addMember(outsiderOrg.id, people.outsider.id, "OWNER");
  await unscopedDb.membership.create({ data: { organizationId: platformOrg.id, userId: people.agent.id, role: "MEMBER", exportAgent: true } });
  await addMember(platformOrg.id, people.platformOwner.id, "OWNER");
  await addMember(platformOrg.id, people.staff.id, "MEMBER");
  await addMember(platformOrg.id, people.otherStaff.id, "MEMBER");
  await addMember(platformOrg.id, people.platformMember.id, "MEMBER");
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: warehouse.id, userId: people.staff.id } });
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: otherWarehouse.id, userId: people.otherStaff.id } });
  shipment = await createLocalDelivery(makerOrg.id, buyerOrg.id, warehouse.id);
});

describe("who may see a shipment", () => {
  it("names the viewer's role: each party, the agency, the serving warehouse; nobody else", async () => {
    expect(await shipmentViewerRole(people.maker.id, shipment.id)).toBe("manufacturer");
    expect(await shipmentViewerRole(people.buyer.id, shipment.id)).toBe("buyer");
    expect(await shipmentViewerRole(people.agent.id, shipment.id)).toBe("agent");
    expect(await shipmentViewerRole(people.platformOwner.id, shipment.id)).toBe("agent");
    expect(await shipmentViewerRole(people.staff.id, shipment.id)).toBe("warehouse");
    for (const who of [people.otherStaff, people.platformMember, people.outsider]) {
      expect(await shipmentViewerRole(who.id, shipment.id)).toBeNull();
      expect(await mayViewShipment(who.id, shipment.id)).toBe(false);
    }
    expect(await mayViewShipment(people.buyer.id, "not-a-uuid")).toBe(false);
    expect(await mayViewShipment(people.buyer.id, randomUUID())).toBe(false);
  });

  it("judged for one organization, only that membership counts", async () => {
    // The buyer's member who is also an export agent: as the buyer, a shipment of another buyer is not theirs.
    const other = await createLocalDelivery(makerOrg.id, outsiderOrg.id, otherWarehouse.id);
    const both = await createUser(undefined, "buyer and agent");
    await addMember(buyerOrg.id, both.id, "MEMBER");
    await unscopedDb.membership.create({ data: { organizationId: platformOrg.id, userId: both.id, role: "MEMBER", exportAgent: true } });
    expect(await shipmentViewerRole(both.id, other.id)).toBe("agent");
    expect(await shipmentViewerRole(both.id, other.id, { organizationId: buyerOrg.id })).toBeNull();
    expect(await shipmentViewerRole(both.id, shipment.id, { organizationId: buyerOrg.id })).toBe("buyer");
    expect(await shipmentViewerRole(both.id, other.id, { organizationId: platformOrg.id })).toBe("agent");
    expect(await shipmentViewerRole(both.id, other.id, { organizationId: "nonsense" })).toBeNull();
  });

  it("removed from the platform, staff and agents lose the shipment with their membership", async () => {
    const former = await createUser(undefined, "former staff");
    const membership = await addMember(platformOrg.id, former.id, "MEMBER");
    await unscopedDb.membership.update({ where: { id: membership.id }, data: { exportAgent: true } });
    await unscopedDb.warehouseStaff.create({ data: { warehouseId: warehouse.id, userId: former.id } });
    expect(await shipmentViewerRole(former.id, shipment.id)).toBe("agent");
    await unscopedDb.membership.delete({ where: { id: membership.id } });
    // The assignment row stays (the desk lists it, to be removed), but no longer opens anything.
    expect(await shipmentViewerRole(former.id, shipment.id)).toBeNull();
    expect(await mayFollowWarehouse(former.id, warehouse.id)).toBe(false);
    expect(await isExportAgentUser(former.id)).toBe(false);
  });

  it("follows a warehouse: its staff and the platform's owner; the agency: agents only", async () => {
    expect(await mayFollowWarehouse(people.staff.id, warehouse.id)).toBe(true);
    expect(await mayFollowWarehouse(people.platformOwner.id, warehouse.id)).toBe(true);
    expect(await mayFollowWarehouse(people.otherStaff.id, warehouse.id)).toBe(false);
    expect(await mayFollowWarehouse(people.agent.id, warehouse.id)).toBe(false);
    expect(await mayFollowWarehouse(people.buyer.id, warehouse.id)).toBe(false);
    expect(await isExportAgentUser(people.agent.id)).toBe(true);
    expect(await isExportAgentUser(people.platformOwner.id)).toBe(true);
    expect(await isExportAgentUser(people.staff.id)).toBe(false);
    expect(await isExportAgentUser(people.maker.id)).toBe(false);
  });
});

describe("live tracking over socket.io", () => {
  let server: Server;
  let sockets: ReturnType<typeof attachSocketServer>;
  let baseUrl: string;
  const clients: Socket[] = [];

  beforeAll(async () => {
    server = createServer();
    sockets = attachSocketServer(server, { appUrl: process.env.APP_URL! });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    server?.closeAllConnections();
    await sockets?.close();
  });

  function open(cookie?: string) {
    const client = connectSocket(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, ...(cookie ? { extraHeaders: { cookie } } : {}) });
    clients.push(client);
    return client;
  }

  async function connectAs(userId: string) {
    const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
    const client = open(cookie);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    return client;
  }

  const join = (client: Socket, event: string, ...args: unknown[]) => client.timeout(10_000).emitWithAck(event, ...args);

  it("pushes a published event once to every entitled viewer, and to nobody else", async () => {
    const entitled = {
      maker: await connectAs(people.maker.id),
      buyer: await connectAs(people.buyer.id),
      agent: await connectAs(people.agent.id),
      staff: await connectAs(people.staff.id),
    };
    const others = {
      outsider: await connectAs(people.outsider.id),
      platformMember: await connectAs(people.platformMember.id),
      otherStaff: await connectAs(people.otherStaff.id),
    };
    for (const client of Object.values(entitled)) expect(await join(client, "shipment:join", shipment.id)).toEqual({ ok: true });
    for (const client of Object.values(others)) expect(await join(client, "shipment:join", shipment.id)).toEqual(NOT_FOUND);
    // Every other way in is closed too: another party's organization, the agency, the serving warehouse.
    expect(await join(others.outsider, "organization:join", buyerOrg.id)).toEqual(NOT_FOUND);
    expect(await join(others.outsider, "organization:join", outsiderOrg.id)).toEqual({ ok: true });
    for (const client of Object.values(others)) {
      expect(await join(client, "agency:join")).toEqual(NOT_FOUND);
      expect(await join(client, "warehouse:join", warehouse.id)).toEqual(NOT_FOUND);
      expect(await join(client, "shipment:join", "not-a-uuid")).toEqual(NOT_FOUND);
    }
    // The desks' own rooms: a list page of the agency, and of the serving warehouse, beside the shipment's page.
    expect(await join(entitled.agent, "agency:join")).toEqual({ ok: true });
    expect(await join(entitled.staff, "warehouse:join", warehouse.id)).toEqual({ ok: true });
    expect(await join(entitled.buyer, "organization:join", buyerOrg.id)).toEqual({ ok: true });

    const heard = new Map<string, ShipmentLivePayload[]>();
    for (const [name, client] of Object.entries({ ...entitled, ...others })) {
      heard.set(name, []);
      client.on(SHIPMENT_LIVE_EVENT, (payload: ShipmentLivePayload) => heard.get(name)!.push(payload));
    }
    const payload = livePayload(shipment);
    const arrivals = Object.values(entitled).map((client) => new Promise<void>((resolve) => client.once(SHIPMENT_LIVE_EVENT, () => resolve())));
    publishShipmentEvent({ shipmentId: shipment.id, organizationId: makerOrg.id, buyerOrganizationId: buyerOrg.id, warehouseId: warehouse.id }, payload);
    await Promise.all(arrivals);
    // A round trip on every socket after the publish: anything sent to it before has arrived by the answer.
    for (const client of Object.values({ ...entitled, ...others })) await join(client, "shipment:join", "not-a-uuid");

    for (const name of Object.keys(entitled)) expect(heard.get(name), name).toEqual([payload]);
    for (const name of Object.keys(others)) expect(heard.get(name), name).toEqual([]);
  });

  it("a shipment's room without its page: the agency and warehouse rooms reach the desks", async () => {
    const agent = await connectAs(people.agent.id);
    const owner = await connectAs(people.platformOwner.id);
    expect(await join(agent, "agency:join")).toEqual({ ok: true });
    expect(await join(owner, "warehouse:join", warehouse.id)).toEqual({ ok: true });
    const payload = livePayload(shipment);
    const toAgent = new Promise<ShipmentLivePayload>((resolve) => agent.once(SHIPMENT_LIVE_EVENT, resolve));
    const toOwner = new Promise<ShipmentLivePayload>((resolve) => owner.once(SHIPMENT_LIVE_EVENT, resolve));
    publishShipmentEvent({ shipmentId: shipment.id, organizationId: makerOrg.id, buyerOrganizationId: buyerOrg.id, warehouseId: warehouse.id }, payload);
    expect(await toAgent).toEqual(payload);
    expect(await toOwner).toEqual(payload);
  });

  it("refuses the handshake without a session, or with a forged or ended one", async () => {
    const refused = (client: Socket) =>
      new Promise<string>((resolve, reject) => {
        client.once("connect", () => reject(new Error("connected without a session")));
        client.once("connect_error", (error) => resolve(error.message));
      });
    expect(await refused(open())).toBe("unauthorized");
    expect(await refused(open("ponte_session=forged-token"))).toBe("unauthorized");
    const cookie = (await createUserSession(people.buyer.id, new Request("http://localhost/"))).split(";")[0]!;
    await unscopedDb.session.deleteMany({ where: { userId: people.buyer.id } });
    expect(await refused(open(cookie))).toBe("unauthorized");
  });
});
