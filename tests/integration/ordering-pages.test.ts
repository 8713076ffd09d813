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
import { applyOrderEvent } from "~/modules/ordering/order-lifecycle.server";
import { csrfTokenFromCookieHeader } from "~/modules/security/csrf.server";
import { hashPassword } from "~/modules/tenancy/passwords.server";
import { cookieJar } from "../support/cookies";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { createOrganization } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

const PASSWORD = "ponte-demo-2026";

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let world: OrderWorld;

beforeAll(async () => {
  database = await setupTestDatabase();
  if (!existsSync(path.resolve("build/index.js"))) execSync("flock /tmp/ponte-build.lock npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await createOrderWorld();
  const stranger = await createOrganization("BUYER");
  const passwordHash = await hashPassword(PASSWORD);
  for (const [email, organizationId, locale] of [
    ["buyer@pages.test", world.buyerId, "pt"],
    ["maker@pages.test", world.makerId, "zh"],
    ["platform@pages.test", world.platformId, "en"],
    ["stranger@pages.test", stranger.id, "es"],
  ] as const) {
    await unscopedDb.user.create({ data: { email, name: email.split("@")[0]!, passwordHash, locale, emailVerifiedAt: new Date(), memberships: { create: { organizationId, role: "OWNER" } } } });
  }
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.cleanup();
});

function get(pathname: string, cookie: string) {
  return fetch(baseUrl + pathname, { redirect: "manual", headers: { Cookie: cookie } });
}

async function logIn(email: string) {
  const page = await fetch(`${baseUrl}/en/login`, { redirect: "manual" });
  const cookie = cookieJar(page);
  const token = decodeURIComponent(/ponte_csrf=([^;]*)/.exec(cookie)![1]!).split(".")[0]!;
  const response = await fetch(`${baseUrl}/en/login`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie }, body: new URLSearchParams({ csrf: token, email, password: PASSWORD }) });
  expect([302, 303]).toContain(response.status);
  const jar = `${cookie}; ${cookieJar(response)}`;
  // Signed in, a form's token is bound to the session (what the page renders into its forms).
  return { cookie: jar, token: csrfTokenFromCookieHeader(jar)! };
}

function post(pathname: string, session: { cookie: string; token: string }, fields: Record<string, string>) {
  return fetch(baseUrl + pathname, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie }, body: new URLSearchParams({ csrf: session.token, ...fields }) });
}

describe("orders pages over HTTP", () => {
  it("the buyer lists and opens its order (Portuguese), another organization gets 404, the platform sees it", async () => {
    const order = await createPlacedOrder(world, [2]);
    const buyer = await logIn("buyer@pages.test");
    const list = await get("/pt/orders", buyer.cookie);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain(order.number);
    expect(listHtml).toContain("Pedidos");
    const page = await get(`/pt/orders/${order.number}`, buyer.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(order.number);
    expect(html).toContain(`/pt/orders/${order.number}/pay`);
    expect(html).toContain(`/pt/orders/${order.number}/proforma.pdf`);
    expect(html).not.toContain(`/pt/orders/${order.number}/invoice.pdf`);
    expect(html).toMatch(/1 CNY = 0,75 BRL/);
    const stranger = await logIn("stranger@pages.test");
    expect((await get(`/es/orders/${order.number}`, stranger.cookie)).status).toBe(404);
    expect(await (await get("/es/orders", stranger.cookie)).text()).not.toContain(order.number);
    const platform = await logIn("platform@pages.test");
    expect((await get(`/en/orders/${order.number}`, platform.cookie)).status).toBe(200);
    const maker = await logIn("maker@pages.test");
    const makerPage = await get(`/zh/orders/${order.number}`, maker.cookie);
    expect(makerPage.status).toBe(200);
    expect(await makerPage.text()).not.toContain(`/orders/${order.number}/pay`);
  });

  it("actions: the buyer cancels with a reason; refusals answer 4xx in the page's language", async () => {
    const order = await createPlacedOrder(world, [1]);
    const buyer = await logIn("buyer@pages.test");
    const noReason = await post(`/en/orders/${order.number}`, buyer, { intent: "cancel", reason: "" });
    expect(noReason.status).toBe(400);
    const ship = await post(`/en/orders/${order.number}`, buyer, { intent: "ship", note: "" });
    expect(ship.status).toBe(403);
    expect(await ship.text()).toContain("Your company cannot do that on this order.");
    const cancelled = await post(`/en/orders/${order.number}`, buyer, { intent: "cancel", reason: "Ordered twice" });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("location")).toBe(`/en/orders/${order.number}?done=status`);
    expect((await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    const again = await post(`/en/orders/${order.number}`, buyer, { intent: "cancel", reason: "Again" });
    expect(again.status).toBe(409);
    const history = await (await get(`/en/orders/${order.number}`, buyer.cookie)).text();
    expect(history).toContain("Ordered twice");
  });

  it("the manufacturer ships, the platform marks delivered, the buyer opens a dispute the platform resolves", async () => {
    const order = await createPlacedOrder(world, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: { userId: null, organizationId: null } });
    const maker = await logIn("maker@pages.test");
    expect((await post(`/en/orders/${order.number}`, maker, { intent: "start_fulfilment", note: "" })).status).toBe(302);
    expect((await post(`/en/orders/${order.number}`, maker, { intent: "ship", note: "DHL 123" })).status).toBe(302);
    const platform = await logIn("platform@pages.test");
    expect((await post(`/en/orders/${order.number}`, platform, { intent: "deliver", note: "" })).status).toBe(302);
    const buyer = await logIn("buyer@pages.test");
    const page = await (await get(`/en/orders/${order.number}`, buyer.cookie)).text();
    expect(page).toContain("Open a dispute");
    const form = new FormData();
    form.set("csrf", buyer.token);
    form.set("intent", "open_dispute");
    form.set("reason", "The unit arrived dented");
    form.append("attachments", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])], "photo.pdf", { type: "application/pdf" }));
    const opened = await fetch(`${baseUrl}/en/orders/${order.number}`, { method: "POST", redirect: "manual", headers: { Cookie: buyer.cookie }, body: form });
    expect(opened.status).toBe(302);
    const dispute = await unscopedDb.dispute.findFirstOrThrow({ where: { orderId: order.id }, include: { messages: true } });
    const file = dispute.messages[0]!.attachmentKeys[0]!.split("/").pop()!;
    const download = await get(`/en/orders/${order.number}/disputes/${dispute.id}/${file}`, maker.cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    const stranger = await logIn("stranger@pages.test");
    expect((await get(`/en/orders/${order.number}/disputes/${dispute.id}/${file}`, stranger.cookie)).status).toBe(404);
    const complete = await post(`/en/orders/${order.number}`, buyer, { intent: "complete", note: "" });
    expect(complete.status).toBe(409);
    const resolved = await post(`/en/orders/${order.number}`, platform, { intent: "resolve_dispute", disputeId: dispute.id, outcome: "RESOLVED_FOR_BUYER", resolution: "Partial refund for the dent", refund: "1,50" });
    expect(resolved.status).toBe(302);
    const platformPage = await (await get(`/en/orders/${order.number}`, platform.cookie)).text();
    expect(platformPage).toContain("Refund due to the buyer");
  });
});

describe("the platform's delivery rates page over HTTP", () => {
  it("lists the seeded rates for the platform only; adding checks every field and answers in the page's language", async () => {
    const platform = await logIn("platform@pages.test");
    const page = await get("/pt/platform/delivery-rates?origin=GRU&country=BR", platform.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Tarifas de entrega");
    expect(html).toMatch(/R\$\s24,90/);
    expect(html).toContain("vigente hoje");
    const buyer = await logIn("buyer@pages.test");
    expect((await get("/pt/platform/delivery-rates", buyer.cookie)).status).toBe(404);
    expect((await post("/pt/platform/delivery-rates", buyer, { originCode: "GRU" })).status).toBe(404);

    const fields = { originCode: "GRU", tradeTerm: "CIF", destinationCountry: "BR", regionCode: "SP", currencyCode: "BRL", baseFee: "29,90", perKgFee: "0,50", validFrom: "2027-01-01" };
    const refused = await post("/es/platform/delivery-rates", platform, fields);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Los almacenes entregan solo DDP; FOB no tiene tarifa.");
    const badDate = await post("/es/platform/delivery-rates", platform, { ...fields, tradeTerm: "DDP", validFrom: "2027-13-01" });
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain("Escribe la fecha como AAAA-MM-DD.");
    expect(await unscopedDb.deliveryRate.count({ where: { validFrom: new Date("2027-01-01T00:00:00Z") } })).toBe(0);
    const added = await post("/es/platform/delivery-rates", platform, { ...fields, tradeTerm: "DDP" });
    expect(added.status).toBe(200);
    expect(await unscopedDb.deliveryRate.findFirstOrThrow({ where: { validFrom: new Date("2027-01-01T00:00:00Z") } })).toMatchObject({ originCode: "GRU", tradeTerm: "DDP", regionCode: "SP", baseFeeMinor: 2_990n, perKgMinor: 50n, currencyCode: "BRL" });
  });
});
