import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "~/server/http.server";
import { unscopedDb } from "~/modules/db/index.server";
import { orderIdentifiers } from "~/modules/ordering/order-numbers";
import { csrfTokenFromCookieHeader } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { cookieJar } from "../support/cookies";
import { addMember, createManufacturer, createOrganization, createUser } from "../support/inventory-core-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/** The platform desks over real HTTP: the PLATFORM gate, CSRF, forms, messages in the page's language. */

let database: TestDatabase;
let server: Server;
let baseUrl: string;
let platformCookie: string;
let buyerCookie: string;
let makerId: string;
let buyerId: string;

async function signedIn(userId: string) {
  const setCookie = await createUserSession(userId, new Request("http://127.0.0.1/"));
  const session = setCookie.split(";")[0]!;
  // A first page visit hands out the CSRF cookie.
  const page = await fetch(`${baseUrl}/en/login`, { redirect: "manual" });
  return `${session}; ${cookieJar(page)}`;
}

/** The form token a page would render for these cookies (bound to the session). */
function csrfOf(cookie: string) {
  const token = csrfTokenFromCookieHeader(cookie);
  if (!token) throw new Error("no CSRF cookie");
  return token;
}

function post(pathname: string, cookie: string, fields: Record<string, string>) {
  return fetch(baseUrl + pathname, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ csrf: csrfOf(cookie), ...fields }).toString(),
  });
}

async function createOrder(totalMinor: bigint, sequence: number) {
  const { number, bankReference } = orderIdentifiers(2026, sequence);
  return unscopedDb.order.create({
    data: {
      number,
      bankReference,
      organizationId: makerId,
      buyerOrganizationId: buyerId,
      source: "WAREHOUSE",
      warehouseId: randomUUID(),
      tradeTerm: "DDP",
      currencyCode: "USD",
      subtotalMinor: totalMinor,
      totalMinor,
      buyerCurrencyCode: "USD",
      buyerTotalMinor: totalMinor,
      fxRate: "1",
      fxRateDate: new Date(),
      leadTimeDaysMin: 2,
      leadTimeDaysMax: 5,
      buyerSnapshot: {},
      deliveryAddress: {},
    },
  });
}

beforeAll(async () => {
  database = await setupTestDatabase();
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  makerId = (await createManufacturer()).id;
  const buyer = await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Ferragens Nordeste", countryCode: "BR", taxId: "11.222.333/0001-81" } });
  buyerId = buyer.id;
  const platform = await createOrganization("PLATFORM");
  const desk = await createUser(undefined, "Desk", "en");
  await addMember(platform.id, desk.id, "ADMIN");
  const buyerUser = await createUser(undefined, "Buyer", "pt");
  await addMember(buyerId, buyerUser.id, "OWNER");
  platformCookie = await signedIn(desk.id);
  buyerCookie = await signedIn(buyerUser.id);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await database?.cleanup();
});

describe("the PLATFORM gate", () => {
  it("a buyer gets 404 on both desks, reading or posting; nobody signed in goes to the login", async () => {
    for (const page of ["/en/platform/transfers", "/pt/platform/credit"]) {
      expect((await fetch(baseUrl + page, { headers: { Cookie: buyerCookie }, redirect: "manual" })).status).toBe(404);
      expect((await post(page, buyerCookie, { intent: "suspend", creditAccountId: randomUUID() })).status).toBe(404);
      const anonymous = await fetch(baseUrl + page, { redirect: "manual" });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toContain("/login");
    }
  });

  it("the platform sees both desks in its language", async () => {
    const transfers = await fetch(`${baseUrl}/zh/platform/transfers`, { headers: { Cookie: platformCookie } });
    expect(transfers.status).toBe(200);
    expect(await transfers.text()).toContain("登记一笔收到的转账");
    const credit = await fetch(`${baseUrl}/es/platform/credit`, { headers: { Cookie: platformCookie } });
    expect(credit.status).toBe(200);
    expect(await credit.text()).toContain("Aprobar un comprador");
  });
});

describe("recording transfers through the form", () => {
  it("matched by reference, a second post of the same bank transaction changes nothing, bad input is a 4xx", async () => {
    const order = await createOrder(45_000n, 9101);
    const fields = { intent: "record", bankTransactionId: "STMT-2026-12-04-0001", receivedOn: "2026-12-04", payerName: "Ferragens Nordeste", referenceText: order.bankReference, currencyCode: "USD", amount: "450,00", note: "" };
    const first = await post("/en/platform/transfers", platformCookie, fields);
    expect(first.status).toBe(200);
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID", paidMinor: 45_000n });
    const again = await post("/en/platform/transfers", platformCookie, fields);
    expect(again.status).toBe(200);
    expect(await unscopedDb.bankTransfer.count({ where: { bankTransactionId: "STMT-2026-12-04-0001" } })).toBe(1);
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ paidMinor: 45_000n });

    const decimals = await post("/en/platform/transfers", platformCookie, { ...fields, bankTransactionId: "STMT-X", amount: "12.345" });
    expect(decimals.status).toBe(400);
    const badDate = await post("/en/platform/transfers", platformCookie, { ...fields, bankTransactionId: "STMT-Y", receivedOn: "04/12/2026" });
    expect(badDate.status).toBe(400);
    const noCsrf = await fetch(`${baseUrl}/en/platform/transfers`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: platformCookie },
      body: new URLSearchParams({ ...fields, bankTransactionId: "STMT-Z" }).toString(),
    });
    expect(noCsrf.status).toBe(403);
    expect(await unscopedDb.bankTransfer.count({ where: { bankTransactionId: { in: ["STMT-X", "STMT-Y", "STMT-Z"] } } })).toBe(0);
  });

  it("an unmatched transfer is listed with its candidate and matched by order number", async () => {
    const order = await createOrder(31_400n, 9102);
    await post("/en/platform/transfers", platformCookie, { intent: "record", bankTransactionId: "STMT-NOREF", receivedOn: "2026-12-04", payerName: "Nordeste", referenceText: "", currencyCode: "USD", amount: "314" });
    const transfer = await unscopedDb.bankTransfer.findUniqueOrThrow({ where: { bankTransactionId: "STMT-NOREF" } });
    expect(transfer.status).toBe("UNMATCHED");
    const list = await (await fetch(`${baseUrl}/en/platform/transfers?status=UNMATCHED&q=314`, { headers: { Cookie: platformCookie } })).text();
    expect(list).toContain("STMT-NOREF");
    expect(list).toContain(`Match to ${order.number}`);
    const wrong = await post("/en/platform/transfers", platformCookie, { intent: "matchByNumber", transferId: transfer.id, order: "PO-2026-999999" });
    expect(wrong.status).toBe(404);
    const matched = await post("/en/platform/transfers", platformCookie, { intent: "matchByNumber", transferId: transfer.id, order: order.number.toLowerCase() });
    expect(matched.status).toBe(200);
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PAID" });
  });
});

describe("approving payment terms through the form", () => {
  it("approves, shows the limit, suspends", async () => {
    const page = await (await fetch(`${baseUrl}/en/platform/credit?find=nordeste`, { headers: { Cookie: platformCookie } })).text();
    expect(page).toContain("Ferragens Nordeste");
    const bad = await post("/en/platform/credit", platformCookie, { intent: "approve", buyerOrganizationId: buyerId, termsDays: "45", limit: "1000", currencyCode: "USD" });
    expect(bad.status).toBe(400);
    const ok = await post("/en/platform/credit", platformCookie, { intent: "approve", buyerOrganizationId: buyerId, termsDays: "60", limit: "25.000,00", currencyCode: "BRL" });
    expect(ok.status).toBe(200);
    const account = await unscopedDb.creditAccount.findUniqueOrThrow({ where: { organizationId: buyerId } });
    expect(account).toMatchObject({ termsDays: 60, limitMinor: 2_500_000n, currencyCode: "BRL", suspendedAt: null });
    const suspend = await post("/en/platform/credit", platformCookie, { intent: "suspend", creditAccountId: account.id });
    expect(suspend.status).toBe(200);
    expect((await unscopedDb.creditAccount.findUniqueOrThrow({ where: { id: account.id } })).suspendedAt).not.toBeNull();
  });
});
