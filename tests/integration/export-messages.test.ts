import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { validateCebMessage } from "~/modules/export-agency/ceb-messages";
import { ensureOrderDeclaration } from "~/modules/export-agency/declarations.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { createHttpApp } from "~/server/http.server";
import { cookieJar } from "../support/cookies";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { addMember, createManufacturer, createUser } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

/**
 * The customs XML downloads and the monthly summary declaration over real HTTP: who may download (the agent, the
 * owning manufacturer; another manufacturer gets 404), what is refused (409 in the viewer's language), that what is
 * handed out passes the format validator, and the summary's grouping in the CSV.
 */

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let world: OrderWorld;
let agentCookie: string;
let makerCookie: string;
let otherMakerCookie: string;
const declarations: { id: string; number: string }[] = [];

/** A session working in the user's (only) organization. */
async function signedIn(userId: string) {
  const setCookie = await createUserSession(userId, new Request("http://127.0.0.1/"));
  const page = await fetch(`${baseUrl}/en/login`, { redirect: "manual" });
  return `${setCookie.split(";")[0]!}; ${cookieJar(page)}`;
}

const get = (pathname: string, cookie: string) => fetch(baseUrl + pathname, { headers: { Cookie: cookie }, redirect: "manual" });

/** A paid Zhuhai order of `quantities` with its 9710 declaration, waybill typed, HS codes and weights known. */
async function declaredOrder(quantities: number[], options: { paidIn?: "CNY" | "BRL" | null } = {}) {
  const order = await createPlacedOrder(world, quantities);
  await unscopedDb.order.update({ where: { id: order.id }, data: { source: "ORIGIN", status: "PAID" } });
  if (options.paidIn !== null) {
    const currencyCode = options.paidIn ?? "CNY";
    await unscopedDb.payment.create({
      data: {
        organizationId: world.makerId,
        buyerOrganizationId: world.buyerId,
        orderId: order.id,
        method: "STRIPE",
        status: "SUCCEEDED",
        currencyCode,
        amountMinor: currencyCode === "CNY" ? order.totalMinor : order.buyerTotalMinor,
        receivedMinor: currencyCode === "CNY" ? order.totalMinor : order.buyerTotalMinor,
        stripePaymentIntentId: `pi_${order.number}`,
        succeededAt: new Date("2026-11-10T02:00:00Z"),
      },
    });
  }
  const ensured = await unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, order.id));
  if (!ensured) throw new Error("no declaration");
  await unscopedDb.exportDeclaration.update({
    where: { id: ensured.id },
    data: { logisticsCode: "4404980001", logisticsName: "珠海航空货运", logisticsNo: "784-76543213", transportMode: "AIR", waybillGrossWeightG: 6_000, waybillPackages: 2, portCode: "5710" },
  });
  declarations.push(ensured);
  return { order, declaration: ensured };
}

beforeAll(async () => {
  database = await setupTestDatabase();
  process.env.CUSTOMS_DXP_ID = "DXPENT0000099999";
  resetEnvCache();
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  world = await createOrderWorld(100, ["XML-A", "XML-B"]);
  await unscopedDb.organization.update({ where: { id: world.platformId }, data: { taxId: "91440400MA4PNT0019", legalNameZh: "珠海桥贸服务有限公司" } });
  await unscopedDb.organization.update({ where: { id: world.makerId }, data: { taxId: "91440400MA4TEST01X", legalNameZh: "珠海格力乐家电有限公司" } });
  const products = [...new Set(world.variants.map((v) => v.productId))];
  await unscopedDb.product.updateMany({ where: { id: { in: products } }, data: { hsCodeCn: "8516790000" } });
  await unscopedDb.productVariant.updateMany({ where: { id: { in: world.variants.map((v) => v.id) } }, data: { netWeightG: 1_000, grossWeightG: 1_200 } });

  const agent = await createUser(undefined, "Agent", "zh");
  await addMember(world.platformId, agent.id, "ADMIN");
  agentCookie = await signedIn(agent.id);
  const maker = await createUser(undefined, "Maker", "zh");
  await addMember(world.makerId, maker.id, "OWNER");
  makerCookie = await signedIn(maker.id);
  const other = await createManufacturer();
  const otherUser = await createUser(undefined, "Other maker", "pt");
  await addMember(other.id, otherUser.id, "OWNER");
  otherMakerCookie = await signedIn(otherUser.id);
}, 600_000);

afterAll(async () => {
  delete process.env.CUSTOMS_DXP_ID;
  resetEnvCache();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.cleanup();
});

describe("XML downloads", () => {
  it("the agent gets each message, unsigned and labelled so, passing the format validator", async () => {
    const { order, declaration } = await declaredOrder([3, 2]);
    for (const message of ["CEB303", "CEB403", "CEB505", "CEB603"]) {
      const response = await get(`/zh/agency/declarations/${declaration.number}/xml/${message}`, agentCookie);
      expect(response.status, message).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/xml");
      expect(response.headers.get("x-ponte-signature")).toBe("unsigned");
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`filename="CEB_${message}_DXPENT0000099999_EPORT_\\d{21}_UNSIGNED\\.xml"`));
      const xml = await response.text();
      expect(validateCebMessage(xml)).toEqual({ ok: true, type: message, problems: [] });
      // The waybill (CEB505) carries no order number; the other three must agree on it.
      if (message !== "CEB505") expect(xml).toContain(`<ceb:orderNo>${order.number}</ceb:orderNo>`);
      else expect(xml).toContain("<ceb:logisticsNo>784-76543213</ceb:logisticsNo>");
    }
    const list = await (await get(`/en/agency/declarations/${declaration.number}/xml/CEB603`, agentCookie)).text();
    expect(list).toContain("<ceb:gcode>8516790000</ceb:gcode>");
    expect(list).toContain("<ceb:tradeMode>9710</ceb:tradeMode>");
    expect(list).toContain("<ceb:fCurrency>142</ceb:fCurrency>");
    // 5 units × 1.2 kg.
    expect(list).toContain("<ceb:grossWeight>6.000</ceb:grossWeight>");
  });

  it("the owning manufacturer may download; another manufacturer and an unknown message get 404", async () => {
    const { declaration } = declarations[0] ? { declaration: declarations[0] } : await declaredOrder([1]);
    expect((await get(`/zh/agency/declarations/${declaration.number}/xml/CEB303`, makerCookie)).status).toBe(200);
    expect((await get(`/pt/agency/declarations/${declaration.number}/xml/CEB303`, otherMakerCookie)).status).toBe(404);
    expect((await get(`/en/agency/declarations/${declaration.number}/xml/CEB411`, agentCookie)).status).toBe(404);
    expect((await get(`/en/agency/declarations/DEC-2026-999999/xml/CEB303`, agentCookie)).status).toBe(404);
  });

  it("CEB403 without a collection is a 409 in the viewer's language", async () => {
    const { declaration } = await declaredOrder([1], { paidIn: null });
    const zh = await get(`/zh/agency/declarations/${declaration.number}/xml/CEB403`, agentCookie);
    expect(zh.status).toBe(409);
    expect(await zh.text()).toContain("尚未收到货款");
    const pt = await get(`/pt/agency/declarations/${declaration.number}/xml/CEB403`, makerCookie);
    expect(pt.status).toBe(409);
    expect(await pt.text()).toContain("Ainda não foi recebido nenhum pagamento");
  });

  it("a collection in the buyer's currency (BRL, no confirmed customs code) is declared in the order's currency", async () => {
    const { order, declaration } = await declaredOrder([2], { paidIn: "BRL" });
    const response = await get(`/en/agency/declarations/${declaration.number}/xml/CEB403`, agentCookie);
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(validateCebMessage(xml)).toMatchObject({ ok: true, problems: [] });
    expect(xml).toContain(`<ceb:currency>${({ CNY: "142", USD: "502", EUR: "300" } as Record<string, string>)[order.currencyCode.trim()]}</ceb:currency>`);
  });

  it("a list whose line has no 10-digit HS code is not handed out", async () => {
    const { declaration } = await declaredOrder([1]);
    await unscopedDb.exportDeclarationLine.updateMany({ where: { declarationId: declaration.id }, data: { hsCode: "" } });
    const response = await get(`/en/agency/declarations/${declaration.number}/xml/CEB603`, agentCookie);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("InventoryList[1].gcode (required)");
  });
});

describe("monthly summary declaration", () => {
  it("groups the month's cleared lists by the merge key, on the page and in the CSV", async () => {
    const a = await declaredOrder([3]);
    const b = await declaredOrder([2]);
    const c = await declaredOrder([4]);
    const notCleared = await declaredOrder([7]);
    // a and b agree on every key field; c has another HS code; notCleared is only released.
    await unscopedDb.exportDeclarationLine.updateMany({ where: { declarationId: c.declaration.id }, data: { hsCode: "8516710000" } });
    const november = new Date("2026-11-20T04:00:00Z");
    await unscopedDb.exportDeclaration.updateMany({ where: { id: { in: [a.declaration.id, b.declaration.id, c.declaration.id] } }, data: { status: "CLEARED", clearedAt: november } });
    await unscopedDb.exportDeclaration.update({ where: { id: notCleared.declaration.id }, data: { status: "RELEASED", releasedAt: november } });
    // Cleared on December 1st in Zhuhai (still November 30th in UTC): December's summary, not November's.
    const lateClearing = await declaredOrder([9]);
    await unscopedDb.exportDeclaration.update({ where: { id: lateClearing.declaration.id }, data: { status: "CLEARED", clearedAt: new Date("2026-11-30T17:00:00Z") } });

    const csvResponse = await get("/en/agency/summary.csv?month=2026-11", agentCookie);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await csvResponse.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const merged = rows.find((r) => r["HS code"] === "8516790000")!;
    expect(merged).toMatchObject({ Month: "2026-11", Consignor: "珠海格力乐家电有限公司", "Consignor USCC": "91440400MA4TEST01X", Transport: "Air", "Exit customs": "5710", Currency: "CNY", Items: "2", Quantity: "5 pcs", Value: "50.00", "Net weight (kg)": "5.000", "Gross weight (kg)": "6.000" });
    expect(merged.Lists!.split(" ").sort()).toEqual([a.declaration.number, b.declaration.number].sort());
    expect(rows.find((r) => r["HS code"] === "8516710000")).toMatchObject({ Lists: c.declaration.number, Value: "40.00" });

    const page = await get("/zh/agency/summary?month=2026-11", agentCookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("月度汇总申报");
    expect(html).toContain("2026年12月15日");
    expect(html).toContain("8516710000");

    const december = parse(await (await get("/en/agency/summary.csv?month=2026-12", agentCookie)).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(december.map((r) => r.Lists)).toEqual([lateClearing.declaration.number]);
  });

  it("shows the empty state, refuses a malformed month with 400, and is for agents only", async () => {
    const empty = await get("/pt/agency/summary?month=2025-01", agentCookie);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("Nenhuma lista de declaração foi desembaraçada");
    expect((await get("/en/agency/summary?month=2026-13", agentCookie)).status).toBe(400);
    expect((await get("/en/agency/summary.csv?month=nov", agentCookie)).status).toBe(400);
    expect((await get("/zh/agency/summary?month=2026-11", makerCookie)).status).toBe(404);
    expect((await get("/zh/agency/summary.csv?month=2026-11", makerCookie)).status).toBe(404);
  });
});
