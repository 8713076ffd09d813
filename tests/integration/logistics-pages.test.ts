import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "~/server/http.server";
import { unscopedDb } from "~/modules/db/index.server";
import { presentPublicTracking } from "~/modules/logistics/public-tracking.server";
import { csrfTokenFromCookieHeader } from "~/modules/security/csrf.server";
import { hashPassword } from "~/modules/tenancy/passwords.server";
import { cookieJar } from "../support/cookies";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { createOrganization } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

/**
 * The tracking pages over HTTP, on the real build: who may open a shipment's page (its parties, the export agency,
 * the serving warehouse's staff; anyone else gets the same 404 as for no shipment at all), the public link made and
 * revoked by a party, and what the public page never shows.
 */

const PASSWORD = "ponte-demo-2026";
const BUYER_TAX_ID = "12.345.678/0001-95";
const MAKER_TAX_ID = "91440400MA4UQXXX1X";
const BUYER_STREET = "Avenida Paulista 1578";
const MAKER_STREET = "Jinding Industrial Park 88";
const FREE_TEXT = "Signed by João Pereira at Rua Augusta 100";
const AIR_WAYBILL = "784-76543213";

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let world: OrderWorld;
let orderNumber: string;
let reference: string;
let buyerName: string;
let makerName: string;

beforeAll(async () => {
  database = await setupTestDatabase();
  if (!existsSync(path.resolve("build/index.js"))) execSync("flock /tmp/ponte-build.lock npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  world = await createOrderWorld();
  const buyer = await unscopedDb.organization.update({ where: { id: world.buyerId }, data: { taxId: BUYER_TAX_ID, addressLine1: BUYER_STREET, city: "São Paulo", legalNameLatin: "Casa Teste Ltda" } });
  const maker = await unscopedDb.organization.update({ where: { id: world.makerId }, data: { taxId: MAKER_TAX_ID, addressLine1: MAKER_STREET, city: "Zhuhai", legalNameZh: "珠海测试电器有限公司" } });
  buyerName = buyer.name;
  makerName = maker.name;
  const stranger = await createOrganization("BUYER");
  const passwordHash = await hashPassword(PASSWORD);
  const users: [string, string, "pt" | "es" | "zh" | "en", "OWNER" | "MEMBER"][] = [
    ["buyer@track.test", world.buyerId, "pt", "OWNER"],
    ["maker@track.test", world.makerId, "zh", "OWNER"],
    ["agent@track.test", world.platformId, "en", "OWNER"],
    ["staff@track.test", world.platformId, "pt", "MEMBER"],
    ["platform-member@track.test", world.platformId, "en", "MEMBER"],
    ["stranger@track.test", stranger.id, "es", "OWNER"],
  ];
  for (const [email, organizationId, locale, role] of users) {
    await unscopedDb.user.create({ data: { email, name: email.split("@")[0]!, passwordHash, locale, emailVerifiedAt: new Date(), memberships: { create: { organizationId, role } } } });
  }
  const staff = await unscopedDb.user.findUniqueOrThrow({ where: { email: "staff@track.test" } });
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: world.warehouseId, userId: staff.id } });

  const order = await createPlacedOrder(world, [2]);
  orderNumber = order.number;
  reference = `SHP-2026-9${String(Date.now()).slice(-5)}`;
  const carrier = await unscopedDb.carrier.findFirst({ where: { modes: { has: "AIR" } }, select: { id: true } });
  const at = (iso: string) => new Date(iso);
  const shipment = await unscopedDb.shipment.create({
    data: {
      reference,
      kind: "ORDER_EXPORT",
      organizationId: world.makerId,
      buyerOrganizationId: world.buyerId,
      orderId: order.id,
      warehouseId: world.warehouseId,
      status: "ARRIVED_DEST",
      exception: "IMPORT_CUSTOMS_HOLD",
      exceptionAt: at("2026-12-05T13:00:00Z"),
      originLocode: "CNZUH",
      originName: "Zhuhai",
      destinationLocode: "BRSAO",
      destinationName: "São Paulo",
      destinationCountryCode: "BR",
      destinationTimeZone: "America/Sao_Paulo",
      plannedArrivalAt: at("2026-12-06T18:00:00Z"),
      estimatedArrivalAt: at("2026-12-08T18:00:00Z"),
      late: true,
      lastEventAt: at("2026-12-05T13:00:00Z"),
    },
  });
  const road = await unscopedDb.shipmentLeg.create({
    data: {
      organizationId: world.makerId, buyerOrganizationId: world.buyerId, shipmentId: shipment.id, sequence: 1, mode: "ROAD", referenceKind: "CONSIGNMENT", reference: "HZMB-000123",
      fromLocode: "CNZUH", fromName: "Hongwan consolidation yard", toLocode: "HKHKG", toName: "HKIA cargo terminal",
      plannedDepartureAt: at("2026-12-01T01:00:00Z"), plannedArrivalAt: at("2026-12-01T05:00:00Z"), actualDepartureAt: at("2026-12-01T01:30:00Z"), actualArrivalAt: at("2026-12-01T05:10:00Z"),
    },
  });
  const air = await unscopedDb.shipmentLeg.create({
    data: {
      organizationId: world.makerId, buyerOrganizationId: world.buyerId, shipmentId: shipment.id, sequence: 2, mode: "AIR", carrierId: carrier?.id ?? null, referenceKind: "AIR_WAYBILL", reference: AIR_WAYBILL,
      fromLocode: "HKHKG", fromName: "Hong Kong", toLocode: "BRGRU", toName: "Guarulhos",
      plannedDepartureAt: at("2026-12-02T02:00:00Z"), plannedArrivalAt: at("2026-12-03T12:00:00Z"), actualDepartureAt: at("2026-12-02T03:00:00Z"), actualArrivalAt: at("2026-12-03T14:00:00Z"),
    },
  });
  const event = (externalId: string, milestone: "BOOKED" | "PICKED_UP" | "DEPARTED" | "ARRIVED_DEST" | "IMPORT_CUSTOMS_HOLD", occurredAt: string, utcOffsetMinutes: number, locode: string | null, legId: string | null, description = "") => ({
    organizationId: world.makerId, buyerOrganizationId: world.buyerId, shipmentId: shipment.id, legId, source: "test-carrier", externalId: `${reference}-${externalId}`, milestone,
    carrierCode: milestone, occurredAt: at(occurredAt), utcOffsetMinutes, locode, placeName: null, description, channel: "webhook", raw: { code: milestone },
  });
  await unscopedDb.shipmentEvent.createMany({
    data: [
      event("1", "BOOKED", "2026-11-30T02:00:00Z", 480, "CNZUH", null),
      event("2", "PICKED_UP", "2026-12-01T01:30:00Z", 480, "CNZUH", road.id),
      event("3", "DEPARTED", "2026-12-02T03:00:00Z", 480, "HKHKG", air.id),
      event("4", "ARRIVED_DEST", "2026-12-03T14:00:00Z", -180, "BRGRU", air.id, FREE_TEXT),
      event("5", "IMPORT_CUSTOMS_HOLD", "2026-12-05T13:00:00Z", -180, "BRGRU", air.id, "Held for document check"),
    ],
  });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.cleanup();
});

function get(pathname: string, cookie = "") {
  return fetch(baseUrl + pathname, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

async function logIn(email: string) {
  const page = await fetch(`${baseUrl}/en/login`, { redirect: "manual" });
  const cookie = cookieJar(page);
  const token = decodeURIComponent(/ponte_csrf=([^;]*)/.exec(cookie)![1]!).split(".")[0]!;
  const response = await fetch(`${baseUrl}/en/login`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie }, body: new URLSearchParams({ csrf: token, email, password: PASSWORD }) });
  expect([302, 303]).toContain(response.status);
  const jar = `${cookie}; ${cookieJar(response)}`;
  return { cookie: jar, token: csrfTokenFromCookieHeader(jar)! };
}

function post(pathname: string, session: { cookie: string; token: string }, fields: Record<string, string>) {
  return fetch(baseUrl + pathname, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie }, body: new URLSearchParams({ csrf: session.token, ...fields }) });
}

/** Every piece of a party's data the public page must never carry. */
function sensitive(): string[] {
  return [BUYER_TAX_ID, MAKER_TAX_ID, BUYER_STREET, MAKER_STREET, "Casa Teste Ltda", "珠海测试电器有限公司", buyerName, makerName, orderNumber, AIR_WAYBILL, "HZMB-000123", FREE_TEXT, "Held for document check"];
}

describe("the shipment page's tenant rules", () => {
  it("opens for the buyer (Portuguese) and the manufacturer (Chinese) with the status, the hold and the timeline", async () => {
    const buyer = await logIn("buyer@track.test");
    const page = await get(`/pt/shipments/${reference}`, buyer.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(reference);
    expect(html).toContain("Retido na alfândega de importação");
    expect(html).toContain("Chegou ao país de destino");
    expect(html).toContain(`/pt/orders/${orderNumber}`);
    // The buyer has no page for the export declaration; it may share the shipment.
    expect(html).not.toContain("/declarations/");
    expect(html).toContain("Criar link público");
    // The São Paulo buyer reads São Paulo's clock first (BRT); the carrier's free text is for the parties only.
    expect(html).toMatch(/BRT|GMT-3/);
    expect(html).toContain(FREE_TEXT);

    const maker = await logIn("maker@track.test");
    const makerPage = await get(`/zh/shipments/${reference}`, maker.cookie);
    expect(makerPage.status).toBe(200);
    const makerHtml = await makerPage.text();
    expect(makerHtml).toContain("进口海关扣留");
    expect(makerHtml).toContain("到达目的国");
    expect(makerHtml).toContain("珠海");
  });

  it("opens for the export agency and the serving warehouse's staff, who cannot share it", async () => {
    const agent = await logIn("agent@track.test");
    const page = await get(`/en/shipments/${reference}`, agent.cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("Create public link");
    const refused = await post(`/en/shipments/${reference}`, agent, { intent: "create_link" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only the buyer and the manufacturer can share this shipment.");
    const staff = await logIn("staff@track.test");
    expect((await get(`/pt/shipments/${reference}`, staff.cookie)).status).toBe(200);
  });

  it("is the same 404 for another organization, a platform member without a desk, an unknown and a malformed reference", async () => {
    const stranger = await logIn("stranger@track.test");
    expect((await get(`/es/shipments/${reference}`, stranger.cookie)).status).toBe(404);
    expect((await get(`/es/shipments/${reference}.data`, stranger.cookie)).status).toBe(404);
    expect((await post(`/es/shipments/${reference}`, stranger, { intent: "create_link" })).status).toBe(404);
    expect((await get("/es/shipments/SHP-2026-000000", stranger.cookie)).status).toBe(404);
    expect((await get("/es/shipments/not-a-reference", stranger.cookie)).status).toBe(404);
    const member = await logIn("platform-member@track.test");
    expect((await get(`/en/shipments/${reference}`, member.cookie)).status).toBe(404);
    // Nobody signed in: the login page, not a hint.
    const anonymous = await get(`/en/shipments/${reference}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/en/login");
  });
});

describe("the public tracking link", () => {
  it("is made by a party (CSRF-checked), shows only non-sensitive fields, is noindex, and is gone once revoked", async () => {
    const buyer = await logIn("buyer@track.test");
    const forged = await fetch(`${baseUrl}/pt/shipments/${reference}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: buyer.cookie }, body: new URLSearchParams({ intent: "create_link" }) });
    expect(forged.status).toBe(403);
    expect((await unscopedDb.shipment.findUniqueOrThrow({ where: { reference } })).publicToken).toBeNull();

    const made = await post(`/pt/shipments/${reference}`, buyer, { intent: "create_link" });
    expect(made.status).toBe(302);
    expect(made.headers.get("location")).toBe(`/pt/shipments/${reference}?done=link_created#public-link`);
    const token = (await unscopedDb.shipment.findUniqueOrThrow({ where: { reference } })).publicToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A second click keeps the same link.
    await post(`/pt/shipments/${reference}`, buyer, { intent: "create_link" });
    expect((await unscopedDb.shipment.findUniqueOrThrow({ where: { reference } })).publicToken).toBe(token);
    expect(await (await get(`/pt/shipments/${reference}`, buyer.cookie)).text()).toContain(`/pt/track/${token}`);

    // Anyone with the link, without signing in.
    const page = await get(`/pt/track/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    const html = await page.text();
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    expect(html).toContain(reference);
    expect(html).toContain("Retido na alfândega de importação");
    expect(html).toContain("Brasil");
    const data = await (await get(`/pt/track/${token}.data`)).text();
    for (const secret of sensitive()) {
      expect(html, secret).not.toContain(secret);
      expect(data, secret).not.toContain(secret);
    }
    expect(html).not.toContain(world.buyerId);
    expect(html).not.toContain(world.makerId);

    // The same page in Chinese: the hold in Chinese, the places by their Chinese names.
    const zh = await (await get(`/zh/track/${token}`)).text();
    expect(zh).toContain("进口海关扣留");
    expect(zh).toContain("瓜鲁柳斯");

    // The manufacturer revokes it: the link is unknown from then on.
    const maker = await logIn("maker@track.test");
    const revoked = await post(`/zh/shipments/${reference}`, maker, { intent: "revoke_link" });
    expect(revoked.status).toBe(302);
    expect((await get(`/pt/track/${token}`)).status).toBe(404);
    expect((await get(`/pt/track/${token}.data`)).status).toBe(404);
  });

  it("answers an unknown and a malformed token alike", async () => {
    const unknown = await get(`/en/track/${"A".repeat(43)}`);
    const malformed = await get("/en/track/short");
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.headers.get("x-robots-tag")).toBe(malformed.headers.get("x-robots-tag"));
  });

  it("the public view is built from a list of fields: none names a party, an amount or a carrier's reference", async () => {
    const shipment = await unscopedDb.shipment.update({ where: { reference }, data: { publicToken: "B".repeat(43), publicTokenCreatedAt: new Date() } });
    const view = await presentPublicTracking("B".repeat(43), "en", (zone) => zone);
    expect(view).not.toBeNull();
    const keys = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object")
        for (const [k, v] of Object.entries(node)) {
          keys.add(k);
          walk(v);
        }
    };
    walk(view);
    expect(Object.keys(view!)).not.toContain("id");
    for (const forbidden of ["organizationId", "buyerOrganizationId", "orderId", "carrier", "referenceKind", "description", "source", "raw", "publicToken", "taxId", "address", "price", "amount"]) {
      expect(keys.has(forbidden), forbidden).toBe(false);
    }
    expect(view!.reference).toBe(shipment.reference);
    for (const leg of view!.legs) expect(Object.keys(leg)).not.toContain("reference");
    expect(view!.events.map((e) => e.milestone)).toEqual(["BOOKED", "PICKED_UP", "DEPARTED", "ARRIVED_DEST", "IMPORT_CUSTOMS_HOLD"]);
    expect(JSON.stringify(view)).not.toContain(AIR_WAYBILL);
    await unscopedDb.shipment.update({ where: { reference }, data: { publicToken: null, publicTokenCreatedAt: null } });
    expect(await presentPublicTracking("B".repeat(43), "en", (zone) => zone)).toBeNull();
  });
});
