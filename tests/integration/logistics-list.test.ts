import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShipmentKind, ShipmentMilestone } from "~/generated/prisma/enums";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { parseShipmentListFilter, type ShipmentListFilter } from "~/modules/logistics/shipment-list";
import { findLinkedShipment, listShipments, shipmentListViewerFor, type ShipmentListViewer } from "~/modules/logistics/shipment-list.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { addMember, createManufacturer, createOrganization, createUser, createWarehouse } from "../support/inventory-core-fixtures";

/**
 * The shipment list on a real database: who sees which shipments (buyer its own, manufacturer its own, another
 * organization nothing, an export agent all, warehouse staff their warehouses'), the filters and the status counts.
 */

let database: TestDatabase;
const ids = {} as {
  maker: string;
  otherMaker: string;
  buyer: string;
  otherBuyer: string;
  platform: string;
  warehouse: string;
  otherWarehouse: string;
  makerUser: string;
  buyerUser: string;
  otherBuyerUser: string;
  strangerUser: string;
  agentUser: string;
  staffUser: string;
  plainPlatformUser: string;
};
let sequence = 0;

interface ShipmentSpec {
  maker: string;
  buyer?: string | null;
  kind?: ShipmentKind;
  warehouse?: string | null;
  status?: ShipmentMilestone;
  exception?: ShipmentMilestone | null;
  late?: boolean;
  country?: string;
  etaDays?: number;
  legReference?: string;
  orderId?: string;
}

async function shipment(spec: ShipmentSpec) {
  sequence += 1;
  const kind = spec.kind ?? "ORDER_EXPORT";
  const eta = new Date(Date.UTC(2026, 11, 20) + (spec.etaDays ?? sequence) * 86_400_000);
  const buyer = kind === "WAREHOUSE_REPLENISHMENT" ? null : (spec.buyer ?? null);
  const reference = `SHP-2026-${String(900000 + sequence).padStart(6, "0")}`;
  const created = await unscopedDb.shipment.create({
    data: {
      reference,
      kind,
      organizationId: spec.maker,
      buyerOrganizationId: buyer,
      orderId: kind === "WAREHOUSE_REPLENISHMENT" ? null : (spec.orderId ?? randomUUID()),
      inboundShipmentId: kind === "WAREHOUSE_REPLENISHMENT" ? randomUUID() : null,
      warehouseId: spec.warehouse ?? null,
      status: spec.status ?? "BOOKED",
      exception: spec.exception ?? null,
      exceptionAt: spec.exception ? new Date() : null,
      late: spec.late ?? false,
      originLocode: "CNZUH",
      originName: "Zhuhai",
      destinationLocode: spec.country === "MX" ? "MXMEX" : "BRSAO",
      destinationName: spec.country === "MX" ? "Ciudad de México" : "São Paulo",
      destinationCountryCode: spec.country ?? "BR",
      destinationTimeZone: spec.country === "MX" ? "America/Mexico_City" : "America/Sao_Paulo",
      plannedArrivalAt: eta,
      estimatedArrivalAt: spec.late ? new Date(eta.getTime() + 3 * 86_400_000) : eta,
      deliveredAt: spec.status === "DELIVERED" ? eta : null,
      legs: {
        create: [
          {
            organizationId: spec.maker,
            buyerOrganizationId: buyer,
            sequence: 1,
            mode: "AIR",
            referenceKind: "AIR_WAYBILL",
            reference: spec.legReference ?? `160-${String(10000000 + sequence)}`,
            fromLocode: "HKHKG",
            fromName: "Hong Kong",
            toLocode: "BRGRU",
            toName: "Guarulhos",
            plannedDepartureAt: new Date(eta.getTime() - 4 * 86_400_000),
            plannedArrivalAt: new Date(eta.getTime() - 2 * 86_400_000),
          },
        ],
      },
    },
  });
  return created;
}

const NO_FILTER: ShipmentListFilter = { page: 1 };

async function viewerOf(userId: string, organizationId: string): Promise<ShipmentListViewer> {
  const viewer = await shipmentListViewerFor(userId, organizationId);
  if (!viewer) throw new Error("no viewer");
  return viewer;
}

async function references(viewer: ShipmentListViewer, filter: ShipmentListFilter = NO_FILTER) {
  return (await listShipments(viewer, filter, "en", "UTC")).rows.map((r) => r.reference).sort();
}

let mine: { booked: string; transit: string; held: string; late: string; delivered: string; mexico: string; replenishment: string };
let theirs: string;

beforeAll(async () => {
  database = await setupTestDatabase();
  ids.maker = (await createManufacturer()).id;
  ids.otherMaker = (await createManufacturer()).id;
  ids.buyer = (await createOrganization("BUYER")).id;
  ids.otherBuyer = (await createOrganization("BUYER")).id;
  ids.platform = (await createOrganization("PLATFORM")).id;
  ids.warehouse = (await createWarehouse("São Paulo", "BR")).id;
  ids.otherWarehouse = (await createWarehouse("Lisboa", "PT")).id;
  const user = async (org: string, role: "OWNER" | "ADMIN" | "MEMBER" = "MEMBER") => {
    const u = await createUser();
    await addMember(org, u.id, role);
    return u.id;
  };
  ids.makerUser = await user(ids.maker);
  ids.buyerUser = await user(ids.buyer);
  ids.otherBuyerUser = await user(ids.otherBuyer);
  ids.strangerUser = await user(ids.otherMaker);
  ids.agentUser = await user(ids.platform, "MEMBER");
  await unscopedDb.membership.updateMany({ where: { userId: ids.agentUser }, data: { exportAgent: true } });
  ids.staffUser = await user(ids.platform, "MEMBER");
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: ids.warehouse, userId: ids.staffUser } });
  ids.plainPlatformUser = await user(ids.platform, "MEMBER");

  mine = {
    booked: (await shipment({ maker: ids.maker, buyer: ids.buyer, status: "BOOKED" })).reference,
    transit: (await shipment({ maker: ids.maker, buyer: ids.buyer, status: "DEPARTED", legReference: "784-76543213" })).reference,
    held: (await shipment({ maker: ids.maker, buyer: ids.buyer, status: "ARRIVED_DEST", exception: "IMPORT_CUSTOMS_HOLD", late: true })).reference,
    late: (await shipment({ maker: ids.maker, buyer: ids.buyer, status: "DEPARTED", late: true })).reference,
    delivered: (await shipment({ maker: ids.maker, buyer: ids.buyer, status: "DELIVERED", etaDays: -5 })).reference,
    mexico: (await shipment({ maker: ids.maker, buyer: ids.otherBuyer, status: "OUT_FOR_DELIVERY", country: "MX" })).reference,
    replenishment: (await shipment({ maker: ids.maker, kind: "WAREHOUSE_REPLENISHMENT", warehouse: ids.warehouse, status: "DEPARTED" })).reference,
  };
  theirs = (await shipment({ maker: ids.otherMaker, buyer: ids.otherBuyer, status: "BOOKED", warehouse: ids.otherWarehouse, kind: "LOCAL_DELIVERY" })).reference;
}, 240_000);
afterAll(() => database.cleanup());

describe("who sees which shipments", () => {
  it("a manufacturer sees its own (orders to every buyer and its replenishments), nothing of another manufacturer", async () => {
    const viewer = await viewerOf(ids.makerUser, ids.maker);
    expect(viewer.kind).toBe("MANUFACTURER");
    expect(await references(viewer)).toEqual(Object.values(mine).sort());
  });

  it("a buyer sees only its own orders' shipments", async () => {
    const viewer = await viewerOf(ids.buyerUser, ids.buyer);
    expect(viewer.kind).toBe("BUYER");
    expect(await references(viewer)).toEqual([mine.booked, mine.transit, mine.held, mine.late, mine.delivered].sort());
    expect(await references(await viewerOf(ids.otherBuyerUser, ids.otherBuyer))).toEqual([mine.mexico, theirs].sort());
  });

  it("another organization sees none of them; a non-member has no list", async () => {
    expect(await references(await viewerOf(ids.strangerUser, ids.otherMaker))).toEqual([theirs]);
    expect(await shipmentListViewerFor(ids.strangerUser, ids.maker)).toBeNull();
    expect(await shipmentListViewerFor(ids.buyerUser, "not-a-uuid")).toBeNull();
  });

  it("an export agent sees every shipment; warehouse staff those their warehouses serve; another platform member has no list", async () => {
    const agent = await viewerOf(ids.agentUser, ids.platform);
    expect(agent.kind).toBe("AGENT");
    expect(await references(agent)).toEqual([...Object.values(mine), theirs].sort());
    const staff = await viewerOf(ids.staffUser, ids.platform);
    expect(staff.kind).toBe("WAREHOUSE");
    expect(await references(staff)).toEqual([mine.replenishment]);
    expect(await shipmentListViewerFor(ids.plainPlatformUser, ids.platform)).toBeNull();
  });

  it("the linked shipment of an order is found through the page's client, and not through another tenant's", async () => {
    const row = await unscopedDb.shipment.findUniqueOrThrow({ where: { reference: mine.booked }, select: { orderId: true } });
    const linked = await findLinkedShipment(forOrganization(ids.buyer), { orderId: row.orderId! }, "pt", "UTC");
    expect(linked).toMatchObject({ reference: mine.booked, status: "BOOKED", href: `/pt/shipments/${mine.booked}` });
    expect(await findLinkedShipment(forOrganization(ids.otherBuyer), { orderId: row.orderId! }, "pt", "UTC")).toBeNull();
  });
});

describe("filters and counts", () => {
  const filter = (query: string) => parseShipmentListFilter(new URLSearchParams(query)).filter;

  it("counts each status group in one grouped count, and the late and problem ones", async () => {
    const page = await listShipments(await viewerOf(ids.makerUser, ids.maker), NO_FILTER, "en", "UTC");
    expect(page.counts).toEqual({
      groups: { booked: 1, in_transit: 3, customs: 1, out_for_delivery: 1, delivered: 1 },
      all: 7,
      late: 2,
      exception: 1,
      matching: 7,
    });
    expect(page.countries.map((c) => c.code).sort()).toEqual(["BR", "MX"]);
  });

  it("sorts problems first, then late ones, then by estimated arrival; delivered last", async () => {
    const page = await listShipments(await viewerOf(ids.buyerUser, ids.buyer), NO_FILTER, "en", "UTC");
    expect(page.rows.map((r) => r.reference)).toEqual([mine.held, mine.late, mine.booked, mine.transit, mine.delivered]);
    const held = page.rows[0];
    expect(held).toMatchObject({ group: "customs", exception: "IMPORT_CUSTOMS_HOLD", late: true });
    expect(held.promised).not.toBeNull();
    expect(page.rows[4].delivered).not.toBeNull();
  });

  it("filters by status group, late, problem, kind, destination country and reference (its own or a leg's)", async () => {
    const maker = await viewerOf(ids.makerUser, ids.maker);
    expect(await references(maker, filter("group=in_transit"))).toEqual([mine.transit, mine.late, mine.replenishment].sort());
    expect(await references(maker, filter("late=1"))).toEqual([mine.held, mine.late].sort());
    expect(await references(maker, filter("exception=1"))).toEqual([mine.held]);
    expect(await references(maker, filter("kind=WAREHOUSE_REPLENISHMENT"))).toEqual([mine.replenishment]);
    expect(await references(maker, filter("country=mx"))).toEqual([mine.mexico]);
    expect(await references(maker, filter(`q=${mine.booked.slice(-6)}`))).toEqual([mine.booked]);
    expect(await references(maker, filter("q=784-7654"))).toEqual([mine.transit]);
    // Filters combine; the chips' counts keep the filters not about themselves.
    const page = await listShipments(maker, filter("group=in_transit&late=1"), "en", "UTC");
    expect(page.rows.map((r) => r.reference)).toEqual([mine.late]);
    expect(page.counts).toMatchObject({ all: 2, late: 1, matching: 1, groups: { booked: 0, in_transit: 1, customs: 1, out_for_delivery: 0, delivered: 0 } });
  });

  it("a filter that does not parse is left out and reported", async () => {
    const parsed = parseShipmentListFilter(new URLSearchParams("group=lost&kind=SHIP&country=Brasil&q=%27%3B--&page=0&late=1"));
    expect(parsed.filter).toEqual({ page: 1, lateOnly: true });
    expect(parsed.ignored.sort()).toEqual(["country", "group", "kind", "page", "q"]);
  });

  it("pages past the last show the last page", async () => {
    const page = await listShipments(await viewerOf(ids.makerUser, ids.maker), { page: 40 }, "en", "UTC");
    expect(page.page).toBe(1);
    expect(page.pages).toBe(1);
    expect(page.rows).toHaveLength(7);
  });
});
