import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { acceptQuote, declineQuote, expireRfqsAndQuotes, makeOffer } from "~/modules/ordering/quotes.server";
import { closeRfq, createRfq, listRfqs, loadRfqThread, postRfqMessage, RfqError, type RfqActor } from "~/modules/ordering/rfqs.server";
import { mayJoinRfq, readAttachments } from "~/modules/ordering/rfq-thread.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { attachSocketServer } from "~/server/socket.server";
import { createHttpApp } from "~/server/http.server";
import { csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { evictFromOrganization } from "~/modules/realtime/index.server";
import { addMember, createOrganization, createProduct, createUser } from "../support/inventory-core-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let maker: { id: string };
let buyerOrg: { id: string };
let outsiderOrg: { id: string };
let makerUser: { id: string };
let buyerUser: { id: string };
let outsiderUser: { id: string };
let variantId: string;
let productId: string;

function actor(organizationId: string, userId: string, kind: "BUYER" | "MANUFACTURER", lang: Lang, currencyCode = "USD"): RfqActor {
  return { organizationId, userId, kind, lang, currencyCode, scoped: forOrganization(organizationId) };
}
const buyer = () => actor(buyerOrg.id, buyerUser.id, "BUYER", "pt", "BRL");
const manufacturer = () => actor(maker.id, makerUser.id, "MANUFACTURER", "zh");
const outsider = () => actor(outsiderOrg.id, outsiderUser.id, "BUYER", "es");

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  database = await setupTestDatabase();
  maker = await createOrganization("MANUFACTURER");
  buyerOrg = await createOrganization("BUYER");
  outsiderOrg = await createOrganization("BUYER");
  makerUser = await createUser(undefined, "Li Wei", "zh");
  buyerUser = await createUser(undefined, "Ana Souza", "pt");
  outsiderUser = await createUser(undefined, "Otro", "es");
  await addMember(maker.id, makerUser.id, "OWNER");
  await addMember(buyerOrg.id, buyerUser.id, "OWNER");
  await addMember(outsiderOrg.id, outsiderUser.id, "OWNER");
  const { product, variants } = await createProduct(maker.id, ["KETTLE"]);
  await unscopedDb.product.update({ where: { id: product.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  productId = product.id;
  variantId = variants[0]!.id;
  await unscopedDb.warehouse.create({
    data: { kind: "ORIGIN", code: `ZH${Date.now() % 100000}`, name: "Zhuhai factory", city: "Zhuhai", countryCode: "CN", addressLine1: "1 Factory Rd", timeZone: "Asia/Shanghai", ownerOrganizationId: maker.id },
  });
});

afterAll(async () => {
  await database?.cleanup();
});

async function sendRfq(now = new Date()) {
  return createRfq(
    buyer(),
    { manufacturerId: maker.id, productId, title: "Chaleiras 1,7 L", specification: "220 V, plugue tipo N", quantity: 500, destinationCountry: "BR", tradeTerm: "FOB", targetPriceMinor: 4500n, targetCurrencyCode: "BRL", attachments: [] },
    now,
  );
}

const offer = (unitPriceMinor: bigint, now = new Date()) => ({ unitPriceMinor, quantity: 500, tradeTerm: "CIF" as const, leadTimeDays: 25, validUntil: new Date(now.getTime() + 14 * DAY), notes: "" });

describe("an RFQ from request to order", () => {
  it("numbers a request RFQ-<year>-<sequence>, with respondBy from the configured days", async () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const first = await sendRfq(now);
    const second = await sendRfq(now);
    expect(first.number).toMatch(/^RFQ-2026-\d{6}$/);
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(first.respondBy.getTime() - now.getTime()).toBe(7 * DAY);
    expect(first.variantId).toBe(variantId);
    // The manufacturer's member is told, in Chinese, with a link to the thread.
    const notice = await unscopedDb.notification.findFirstOrThrow({ where: { userId: makerUser.id, kind: "rfq.rfq_received", href: { contains: first.number } } });
    expect(notice.title).toMatch(/[\u4e00-\u9fff]/);
    // Both parties see it; the manufacturer sees it as received, with the opening message unread.
    const listed = await listRfqs(manufacturer());
    expect(listed.find((r) => r.id === first.id)).toMatchObject({ party: "manufacturer", unread: 1, status: "OPEN" });
  });

  it("gives concurrent requests distinct consecutive numbers", async () => {
    const sent = await Promise.all(Array.from({ length: 8 }, () => sendRfq()));
    const sequences = sent.map((r) => Number(r.number.slice(-6))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(8);
    expect(sequences.at(-1)! - sequences[0]!).toBe(7);
  });

  it("quotes, records the response time once, takes a counter-offer and turns the accepted one into an order at that price", async () => {
    const sentAt = new Date(Date.now() - 3 * 60 * 60 * 1000);
    const rfq = await sendRfq(sentAt);
    const answeredAt = new Date(sentAt.getTime() + 5400 * 1000);
    await postRfqMessage(manufacturer(), rfq.number, { body: "您好，我们可以做", attachments: [] }, answeredAt);
    const quote = await makeOffer(manufacturer(), rfq.number, offer(5200n), new Date(answeredAt.getTime() + 60_000));
    expect(quote).toMatchObject({ status: "OFFERED", currencyCode: "CNY", variantId });
    const afterQuote = await unscopedDb.rfq.findUniqueOrThrow({ where: { id: rfq.id } });
    expect(afterQuote).toMatchObject({ status: "QUOTED", responseSeconds: 5400 });
    expect(afterQuote.firstResponseAt?.toISOString()).toBe(answeredAt.toISOString());

    // The buyer counters; the manufacturer's quote is then COUNTERED, and the buyer cannot accept its own offer.
    const counter = await makeOffer(buyer(), rfq.number, offer(4800n));
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: quote.id } })).status).toBe("COUNTERED");
    await expect(acceptQuote(buyer(), rfq.number, counter.id)).rejects.toMatchObject({ code: "own_offer" });
    await expect(acceptQuote(buyer(), rfq.number, quote.id)).rejects.toMatchObject({ code: "quote_not_open" });

    expect(await unscopedDb.notification.count({ where: { userId: buyerUser.id, kind: "rfq.quote_received", href: { contains: rfq.number } } })).toBe(1);
    expect(await unscopedDb.notification.count({ where: { userId: makerUser.id, kind: "rfq.quote_received", href: { contains: rfq.number } } })).toBe(1);
    const { orderNumber } = await acceptQuote(manufacturer(), rfq.number, counter.id);
    expect(await unscopedDb.notification.count({ where: { kind: "rfq.quote_accepted", href: { contains: rfq.number } } })).toBe(2);
    expect(orderNumber).toMatch(/^PO-\d{4}-\d{6}$/);
    const order = await unscopedDb.order.findUniqueOrThrow({ where: { number: orderNumber }, include: { lines: true, events: true } });
    expect(order).toMatchObject({
      status: "PLACED",
      source: "ORIGIN",
      quoteId: counter.id,
      tradeTerm: "CIF",
      currencyCode: "CNY",
      subtotalMinor: 4800n * 500n,
      totalMinor: 4800n * 500n,
      buyerCurrencyCode: "BRL",
      organizationId: maker.id,
      buyerOrganizationId: buyerOrg.id,
      leadTimeDaysMin: 25,
    });
    expect(order.bankReference).toMatch(/^PNT\d{10,}$/);
    // Priced for the buyer at today's dated rate, in the currency of its target price (BRL).
    const rates = await ratesAsOf(new Date());
    const expected = rates.convert({ amountMinor: 2_400_000n, currency: rates.currency("CNY") }, "BRL")!;
    expect(order.buyerTotalMinor).toBe(expected.money.amountMinor);
    expect(Number(order.fxRate)).toBeCloseTo(Number(rates.usdRate("BRL")!.rate) / Number(rates.usdRate("CNY")!.rate), 9);
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]).toMatchObject({ variantId, quantity: 500, unitPriceMinor: 4800n, lineTotalMinor: 2_400_000n, tierMinQuantity: null });
    expect(order.events).toEqual([expect.objectContaining({ event: "place", fromStatus: null, toStatus: "PLACED", actorOrganizationId: maker.id })]);
    const origin = await unscopedDb.warehouse.findUniqueOrThrow({ where: { id: order.warehouseId } });
    expect(origin).toMatchObject({ kind: "ORIGIN", ownerOrganizationId: maker.id });
    expect(await unscopedDb.rfq.findUniqueOrThrow({ where: { id: rfq.id } })).toMatchObject({ status: "ACCEPTED" });
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: counter.id } })).status).toBe("ACCEPTED");
    // Nothing more can be offered or accepted.
    await expect(makeOffer(manufacturer(), rfq.number, offer(5000n))).rejects.toMatchObject({ code: "rfq_closed" });
    // The buyer's thread shows the order to link to.
    const thread = await loadRfqThread(buyer(), rfq.number);
    expect(thread?.order?.number).toBe(orderNumber);
  });

  it("refuses a counter-offer before any quote, and a decision on an expired or already superseded offer", async () => {
    const rfq = await sendRfq();
    await expect(makeOffer(buyer(), rfq.number, offer(4000n))).rejects.toMatchObject({ code: "nothing_to_counter" });
    const first = await makeOffer(manufacturer(), rfq.number, offer(5200n));
    const second = await makeOffer(manufacturer(), rfq.number, offer(5100n));
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("SUPERSEDED");
    await expect(acceptQuote(buyer(), rfq.number, first.id)).rejects.toMatchObject({ code: "quote_not_open" });
    await declineQuote(buyer(), rfq.number, second.id);
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("DECLINED");
    const third = await makeOffer(manufacturer(), rfq.number, offer(5000n));
    await expect(acceptQuote(buyer(), rfq.number, third.id, new Date(Date.now() + 15 * DAY))).rejects.toMatchObject({ code: "quote_expired" });
  });

  it("lets the buyer withdraw and the manufacturer decline (an answer: its response time counts)", async () => {
    const withdrawn = await sendRfq();
    const quote = await makeOffer(manufacturer(), withdrawn.number, offer(5000n));
    await closeRfq(buyer(), withdrawn.number);
    expect(await unscopedDb.rfq.findUniqueOrThrow({ where: { id: withdrawn.id } })).toMatchObject({ status: "CLOSED", closedReason: "withdrawn" });
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: quote.id } })).status).toBe("SUPERSEDED");
    await expect(closeRfq(manufacturer(), withdrawn.number)).rejects.toMatchObject({ code: "rfq_closed" });

    const sentAt = new Date(Date.now() - 600_000);
    const declined = await sendRfq(sentAt);
    await closeRfq(manufacturer(), declined.number, new Date(sentAt.getTime() + 120_000));
    expect(await unscopedDb.rfq.findUniqueOrThrow({ where: { id: declined.id } })).toMatchObject({ status: "DECLINED", closedReason: "declined", responseSeconds: 120 });
    await expect(postRfqMessage(buyer(), declined.number, { body: "?", attachments: [] })).rejects.toMatchObject({ code: "rfq_closed" });
  });

  it("marks the other side's messages read when the thread is opened", async () => {
    const rfq = await sendRfq();
    await postRfqMessage(manufacturer(), rfq.number, { body: "收到", attachments: [] });
    expect((await listRfqs(buyer())).find((r) => r.id === rfq.id)?.unread).toBe(1);
    const thread = await loadRfqThread(buyer(), rfq.number);
    expect(thread?.messages.map((m) => m.locale)).toEqual(["pt", "zh"]);
    expect((await listRfqs(buyer())).find((r) => r.id === rfq.id)?.unread).toBe(0);
    // The buyer's own opening message is read by the manufacturer only when it opens the thread.
    expect((await unscopedDb.rfqMessage.findFirstOrThrow({ where: { rfqId: rfq.id, authorOrganizationId: buyerOrg.id } })).readAt).toBeNull();
  });

  it("checks attachments by their bytes: a PDF passes, a renamed script does not", async () => {
    const pdf = new File([new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n")], "spec.pdf", { type: "application/pdf" });
    const fake = new File([new TextEncoder().encode("<script>alert(1)</script>")], "spec.pdf", { type: "application/pdf" });
    expect(await readAttachments([pdf])).toMatchObject({ ok: true, files: [{ ext: "pdf" }] });
    expect(await readAttachments([fake])).toEqual({ ok: false, reason: "attachment_type" });
  });
});

describe("another organization's RFQ", () => {
  it("is not found, to read or to write", async () => {
    const rfq = await sendRfq();
    expect(await loadRfqThread(outsider(), rfq.number)).toBeNull();
    expect((await listRfqs(outsider())).map((r) => r.id)).not.toContain(rfq.id);
    await expect(postRfqMessage(outsider(), rfq.number, { body: "hola", attachments: [] })).rejects.toBeInstanceOf(RfqError);
    await expect(makeOffer(outsider(), rfq.number, offer(1n))).rejects.toMatchObject({ code: "not_found" });
    const quote = await makeOffer(manufacturer(), rfq.number, offer(5000n));
    await expect(acceptQuote(outsider(), rfq.number, quote.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await forOrganization(outsiderOrg.id).rfq.findUnique({ where: { id: rfq.id } })).toBeNull();
  });

  it("cannot be sent by a manufacturer, nor about another manufacturer's product", async () => {
    await expect(createRfq(manufacturer(), { manufacturerId: maker.id, title: "x", specification: "", quantity: 1, destinationCountry: "BR", tradeTerm: "FOB", attachments: [] })).rejects.toMatchObject({ code: "not_a_buyer" });
    const other = await createOrganization("MANUFACTURER");
    await expect(createRfq(buyer(), { manufacturerId: other.id, productId, title: "x", specification: "", quantity: 1, destinationCountry: "BR", tradeTerm: "FOB", attachments: [] })).rejects.toMatchObject({ code: "product_not_found" });
  });
});

describe("the expiry worker", () => {
  it("closes RFQs nobody answered by respondBy and expires quotes past their validity", async () => {
    const longAgo = new Date(Date.now() - 30 * DAY);
    const unanswered = await sendRfq(longAgo);
    const answered = await sendRfq(longAgo);
    const quote = await makeOffer(manufacturer(), answered.number, { ...offer(5000n, longAgo), validUntil: new Date(longAgo.getTime() + 2 * DAY) }, new Date(longAgo.getTime() + DAY));
    const fresh = await sendRfq();
    const result = await expireRfqsAndQuotes();
    expect(result.closedRfqs).toBeGreaterThanOrEqual(1);
    expect(result.expiredQuotes).toBeGreaterThanOrEqual(1);
    expect(await unscopedDb.rfq.findUniqueOrThrow({ where: { id: unanswered.id } })).toMatchObject({ status: "CLOSED", closedReason: "no_response" });
    // Answered in time: stays under negotiation; only its quote lapses.
    expect((await unscopedDb.rfq.findUniqueOrThrow({ where: { id: answered.id } })).status).toBe("QUOTED");
    expect((await unscopedDb.quote.findUniqueOrThrow({ where: { id: quote.id } })).status).toBe("EXPIRED");
    expect((await unscopedDb.rfq.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("OPEN");
    // A second run finds nothing more.
    const again = await expireRfqsAndQuotes();
    expect(again).toEqual({ closedRfqs: 0, expiredQuotes: 0 });
  });
});

describe("the live thread over socket.io", () => {
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

  it("delivers a message live to the other party, relays typing, and keeps an outsider out", async () => {
    const rfq = await sendRfq();
    const buyerClient = await connectAs(buyerUser.id);
    const makerClient = await connectAs(makerUser.id);
    const outsiderClient = await connectAs(outsiderUser.id);
    expect(await buyerClient.timeout(10_000).emitWithAck("rfq:join", rfq.id)).toEqual({ ok: true });
    expect(await makerClient.timeout(10_000).emitWithAck("rfq:join", rfq.id)).toEqual({ ok: true });
    expect(await outsiderClient.timeout(10_000).emitWithAck("rfq:join", rfq.id)).toEqual({ ok: false, status: 404, error: "not_found" });
    expect(await outsiderClient.timeout(10_000).emitWithAck("rfq:join", "not-a-uuid")).toEqual({ ok: false, status: 404, error: "not_found" });

    const outsiderHeard: unknown[] = [];
    outsiderClient.on("rfq:update", (event) => outsiderHeard.push(event));
    const arrived = new Promise<{ type: string; messageId: string }>((resolve) => buyerClient.once("rfq:update", resolve));
    const message = await postRfqMessage(manufacturer(), rfq.number, { body: "可以，交期25天", attachments: [] });
    expect(await arrived).toMatchObject({ type: "message", rfqId: rfq.id, messageId: message.id, authorOrganizationId: maker.id });

    const typing = new Promise<{ rfqId: string; userId: string }>((resolve) => makerClient.once("rfq:typing", resolve));
    buyerClient.emit("rfq:typing", rfq.id);
    expect(await typing).toEqual({ rfqId: rfq.id, userId: buyerUser.id });

    // Opening the thread is the read receipt the manufacturer sees.
    const receipt = new Promise<{ type: string; readerOrganizationId: string }>((resolve) => makerClient.once("rfq:update", resolve));
    await loadRfqThread(buyer(), rfq.number);
    expect(await receipt).toMatchObject({ type: "read", readerOrganizationId: buyerOrg.id });

    // A typing event for a room the outsider never joined goes nowhere.
    outsiderClient.emit("rfq:typing", rfq.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsiderHeard).toEqual([]);
    expect(await mayJoinRfq(outsiderUser.id, rfq.id)).toBe(false);
  });

  it("stops a member removed from the organization from hearing its threads", async () => {
    const rfq = await sendRfq();
    const colleague = await createUser(undefined, "Zhang", "zh");
    await addMember(maker.id, colleague.id, "MEMBER");
    const client = await connectAs(colleague.id);
    expect(await client.timeout(10_000).emitWithAck("rfq:join", rfq.id)).toEqual({ ok: true });
    await unscopedDb.membership.deleteMany({ where: { organizationId: maker.id, userId: colleague.id } });
    evictFromOrganization(colleague.id, maker.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const heard: unknown[] = [];
    client.on("rfq:update", (event) => heard.push(event));
    await postRfqMessage(buyer(), rfq.number, { body: "olá", attachments: [] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    expect(await client.timeout(10_000).emitWithAck("rfq:join", rfq.id)).toEqual({ ok: false, status: 404, error: "not_found" });
  });
});

describe("the RFQ pages over HTTP", () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    server = createServer(createHttpApp(build, { shuttingDown: false }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A signed-in browser: its Cookie header and the CSRF token its forms carry. */
  async function browserOf(userId: string) {
    const session = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
    const cookie = `${session}; ponte_csrf=${encodeURIComponent(newCsrfCookieValue())}`;
    return { cookie, csrf: csrfTokenFromCookieHeader(cookie)! };
  }

  const get = (pathname: string, cookie: string) => fetch(baseUrl + pathname, { redirect: "manual", headers: { Cookie: cookie } });
  const post = (pathname: string, cookie: string, body: URLSearchParams | FormData) => fetch(baseUrl + pathname, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body });

  it("sends an RFQ with an attachment, quotes it, accepts it into an order, and keeps it from anyone else", async () => {
    const product = await unscopedDb.product.findUniqueOrThrow({ where: { id: productId }, select: { slug: true } });
    const buyerBrowser = await browserOf(buyerUser.id);
    const makerBrowser = await browserOf(makerUser.id);
    const outsiderBrowser = await browserOf(outsiderUser.id);

    const form = await get(`/pt/rfqs/new?product=${product.slug}`, buyerBrowser.cookie);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Pedir cotação");

    // Bad input: quantity 0 and a wrong target price are refused with messages, nothing is written.
    const before = await unscopedDb.rfq.count();
    const bad = new FormData();
    for (const [k, v] of Object.entries({ csrf: buyerBrowser.csrf, manufacturerId: maker.id, productId, title: "Chaleiras", quantity: "0", destinationCountry: "BR", tradeTerm: "FOB", targetPrice: "45,123", targetCurrencyCode: "BRL" })) bad.append(k, v);
    const refused = await post("/pt/rfqs/new", buyerBrowser.cookie, bad);
    expect(refused.status).toBe(400);
    expect(await unscopedDb.rfq.count()).toBe(before);

    const body = new FormData();
    for (const [k, v] of Object.entries({ csrf: buyerBrowser.csrf, manufacturerId: maker.id, productId, title: "Chaleiras 1,7 L", specification: "220 V", quantity: "500", destinationCountry: "BR", tradeTerm: "FOB", targetPrice: "45,00", targetCurrencyCode: "BRL" })) body.append(k, v);
    body.append("attachments", new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj\n")], "spec.pdf", { type: "application/pdf" }));
    const sent = await post("/pt/rfqs/new", buyerBrowser.cookie, body);
    expect(sent.status).toBe(302);
    const threadPath = sent.headers.get("location")!;
    expect(threadPath).toMatch(/^\/pt\/rfqs\/RFQ-\d{4}-\d{6}$/);
    const number = threadPath.split("/").pop()!;
    const rfq = await unscopedDb.rfq.findUniqueOrThrow({ where: { number } });
    expect(rfq).toMatchObject({ quantity: 500, targetPriceMinor: 4500n, targetCurrencyCode: "BRL", variantId });
    expect(rfq.attachmentKeys).toHaveLength(1);

    // The manufacturer reads it in Chinese, with the buyer's message marked as Portuguese.
    const makerView = await get(`/zh/rfqs/${number}`, makerBrowser.cookie);
    expect(makerView.status).toBe(200);
    const makerHtml = await makerView.text();
    expect(makerHtml).toContain("发送报价");
    expect(makerHtml).toContain("Português");
    const fileHref = /href="(\/zh\/rfqs\/[^"]+\/files\/[^"]+\.pdf)"/.exec(makerHtml)?.[1];
    expect(fileHref).toBeTruthy();
    const download = await get(fileHref!, makerBrowser.cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment/);
    expect((await get(fileHref!.replace("/zh/", "/es/"), outsiderBrowser.cookie)).status).toBe(404);

    const quote = await post(`/zh/rfqs/${number}`, makerBrowser.cookie, new URLSearchParams({ csrf: makerBrowser.csrf, intent: "offer", variantId, currencyCode: "CNY", unitPrice: "52.00", quantity: "500", tradeTerm: "CIF", leadTimeDays: "25", validUntil: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10), notes: "含包装" }));
    expect(quote.status).toBe(302);
    const offered = await unscopedDb.quote.findFirstOrThrow({ where: { rfqId: rfq.id } });
    expect(offered).toMatchObject({ unitPriceMinor: 5200n, currencyCode: "CNY", status: "OFFERED" });

    // The buyer cannot accept without the CSRF token; with it the quote becomes an order linked from the thread.
    expect((await post(`/pt/rfqs/${number}`, buyerBrowser.cookie, new URLSearchParams({ intent: "accept", quoteId: offered.id }))).status).toBe(403);
    const accepted = await post(`/pt/rfqs/${number}`, buyerBrowser.cookie, new URLSearchParams({ csrf: buyerBrowser.csrf, intent: "accept", quoteId: offered.id }));
    expect(accepted.status).toBe(302);
    const order = await unscopedDb.order.findFirstOrThrow({ where: { quoteId: offered.id }, include: { lines: true } });
    expect(order.lines[0]).toMatchObject({ unitPriceMinor: 5200n, quantity: 500 });
    const buyerHtml = await (await get(`/pt/rfqs/${number}`, buyerBrowser.cookie)).text();
    expect(buyerHtml).toContain(`/pt/orders/${order.number}`);

    // Another organization: the list does not show it, the page and its actions are not found.
    const outsiderList = await get("/es/rfqs", outsiderBrowser.cookie);
    expect(outsiderList.status).toBe(200);
    expect(await outsiderList.text()).not.toContain(number);
    expect((await get(`/es/rfqs/${number}`, outsiderBrowser.cookie)).status).toBe(404);
    const foreignPost = await post(`/es/rfqs/${number}`, outsiderBrowser.cookie, new URLSearchParams({ csrf: outsiderBrowser.csrf, intent: "message", body: "hola" }));
    expect(foreignPost.status).toBe(404);
    expect((await get("/es/rfqs/RFQ-2026-999999", outsiderBrowser.cookie)).status).toBe(404);
  });

  it("keeps each attachment's uploaded name and type: shown in the thread and downloaded under it (RFC 5987)", async () => {
    const rfq = await sendRfq();
    const makerBrowser = await browserOf(makerUser.id);
    const buyerBrowser = await browserOf(buyerUser.id);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const message = new FormData();
    for (const [k, v] of Object.entries({ csrf: makerBrowser.csrf, intent: "message", body: "规格书和照片" })) message.append(k, v);
    message.append("attachments", new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj\n")], "Especificação técnica 规格书 v2.pdf", { type: "application/pdf" }));
    // A path, a right-to-left override and a claimed type that lies: the name keeps only what is safe to show.
    message.append("attachments", new File([png], "C:\\fakepath\\..\\photo\u202Egnp.exe", { type: "application/x-msdownload" }));
    const sent = await post(`/zh/rfqs/${rfq.number}`, makerBrowser.cookie, message);
    expect(sent.status).toBe(302);

    const rows = await unscopedDb.rfqAttachment.findMany({ where: { rfqId: rfq.id }, orderBy: { fileName: "asc" } });
    expect(rows.map((r) => [r.fileName, r.contentType, r.sizeBytes])).toEqual([
      ["Especificação técnica 规格书 v2.pdf", "application/pdf", 17],
      ["photognp.exe.png", "image/png", 12],
    ]);
    const posted = await unscopedDb.rfqMessage.findFirstOrThrow({ where: { rfqId: rfq.id, body: "规格书和照片" } });
    expect([...posted.attachmentKeys].sort()).toEqual(rows.map((r) => r.key).sort());

    // The other party's page (after a reload, as the live thread does on each message) shows the names.
    const html = await (await get(`/pt/rfqs/${rfq.number}`, buyerBrowser.cookie)).text();
    expect(html).toContain("Especificação técnica 规格书 v2.pdf</a>");
    expect(html).toContain("photognp.exe.png</a>");
    const pdfRow = rows.find((r) => r.contentType === "application/pdf")!;
    const download = await get(`/pt/rfqs/${rfq.number}/files/${pdfRow.key.split("/").pop()}`, buyerBrowser.cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Especificacao tecnica v2.pdf"; filename*=UTF-8''${encodeURIComponent("Especificação técnica 规格书 v2.pdf")}`);
  });

  it("lists both sides' RFQs with a status filter and unread counts", async () => {
    const rfq = await sendRfq();
    await postRfqMessage(manufacturer(), rfq.number, { body: "收到", attachments: [] });
    const buyerBrowser = await browserOf(buyerUser.id);
    const html = await (await get("/en/rfqs?status=OPEN", buyerBrowser.cookie)).text();
    expect(html).toContain(rfq.number);
    expect(html).toMatch(/1 unread/);
    const accepted = await (await get("/en/rfqs?status=ACCEPTED", buyerBrowser.cookie)).text();
    expect(accepted).not.toContain(rfq.number);
  });
});
