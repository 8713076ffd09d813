import { randomBytes } from "node:crypto";
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { CSRF_COOKIE, csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { createHttpApp } from "~/server/http.server";
import esPay from "../../locales/es/pay.json";
import esBanking from "../../locales/es/banking.json";
import { withTestDatabase } from "../support/database";
import { startStripeStandin, type Standin } from "../support/stripe-standin/server";

/**
 * The pay page and the webhook over the real HTTP stack (Express, CSP, CSRF, Remix build), with the real SDK
 * talking to the Stripe stand-in and the stand-in's hosted page posting signed events to /webhooks/stripe.
 */

withTestDatabase({ queue: true });

const SECRET_KEY = "sk_test_ponte_http";
const WEBHOOK_SECRET = "whsec_ponte_http";
const ENV_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"];
const saved: Record<string, string | undefined> = {};
let standin: Standin;
let server: Server;
let baseUrl: string;
let buyer: { orgId: string; cookie: string; csrf: string };
let maker: { orgId: string; cookie: string; csrf: string };
let otherBuyer: { orgId: string; cookie: string; csrf: string };
let sequence = 0;

async function account(kind: "BUYER" | "MANUFACTURER", countryCode: string) {
  const tag = randomBytes(3).toString("hex");
  const user = await unscopedDb.user.create({ data: { email: `${tag}@pay.test`, name: `User ${tag}`, passwordHash: "x", locale: "es", emailVerifiedAt: new Date() } });
  const org = await unscopedDb.organization.create({ data: { kind, name: `${kind} ${tag}`, countryCode } });
  await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  const session = (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
  const cookie = `${session}; ${CSRF_COOKIE}=${encodeURIComponent(newCsrfCookieValue())}`;
  return { orgId: org.id, cookie, csrf: csrfTokenFromCookieHeader(cookie)! };
}

async function order(buyerTotalMinor: bigint) {
  sequence += 1;
  const tag = `${randomBytes(2).toString("hex").toUpperCase()}${sequence}`;
  return unscopedDb.order.create({
    data: {
      number: `PO-2026-H${tag}`,
      bankReference: `PNTH${tag}`,
      organizationId: maker.orgId,
      buyerOrganizationId: buyer.orgId,
      source: "WAREHOUSE",
      warehouseId: "00000000-0000-7000-8000-000000000001",
      tradeTerm: "DDP",
      currencyCode: "CNY",
      subtotalMinor: 1000n,
      totalMinor: 1000n,
      buyerCurrencyCode: "MXN",
      buyerTotalMinor,
      fxRate: "2.5",
      fxRateDate: new Date(),
      leadTimeDaysMin: 2,
      leadTimeDaysMax: 5,
      buyerSnapshot: {},
      deliveryAddress: {},
    },
  });
}

const get = (pathname: string, cookie: string) => fetch(baseUrl + pathname, { redirect: "manual", headers: { Cookie: cookie } });
const post = (pathname: string, who: { cookie: string; csrf: string }, fields: Record<string, string>) =>
  fetch(baseUrl + pathname, { method: "POST", redirect: "manual", headers: { Cookie: who.cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrf: who.csrf, ...fields }).toString() });
/** The stand-in's hosted page, as the buyer's browser uses it. */
const hosted = (pathname: string, fields: Record<string, string> = {}) => fetch(standin.url + pathname, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

beforeAll(async () => {
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  standin = await startStripeStandin({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, webhookUrl: null });
  Object.assign(process.env, { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(standin.port), STRIPE_API_PROTOCOL: "http" });
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standin.setWebhookUrl(`${baseUrl}/webhooks/stripe`);
  buyer = await account("BUYER", "MX");
  maker = await account("MANUFACTURER", "CN");
  otherBuyer = await account("BUYER", "MX");
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await standin?.close();
});

describe("the pay page", () => {
  it("is the buyer's only: the manufacturer and another buyer get 404", async () => {
    const placed = await order(1_500_00n);
    const page = await get(`/es/orders/${placed.number}/pay`, buyer.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(esPay.method.card);
    expect(html).toContain(esPay.method.oxxo);
    expect((await get(`/es/orders/${placed.number}/pay`, maker.cookie)).status).toBe(404);
    expect((await get(`/es/orders/${placed.number}/pay`, otherBuyer.cookie)).status).toBe(404);
    expect((await post(`/es/orders/${placed.number}/pay`, maker, { intent: "stripe" })).status).toBe(404);
  });

  it("says plainly when OXXO cannot take the amount", async () => {
    const large = await order(12_000_00n);
    const html = await (await get(`/es/orders/${large.number}/pay`, buyer.cookie)).text();
    expect(html).toContain("data-testid=\"oxxo-over-limit\"");
    expect(html).not.toContain(`data-method="oxxo"`);
  });

  it("OXXO end to end: Stripe's page, the voucher back on Ponte, the store payment, the order paid", async () => {
    const placed = await order(800_00n);
    const chosen = await post(`/es/orders/${placed.number}/pay`, buyer, { intent: "stripe" });
    expect(chosen.status).toBe(302);
    const location = chosen.headers.get("location")!;
    expect(location.startsWith(`${standin.url}/pay/cs_test_`)).toBe(true);
    // Chromium checks the redirect of a form post against CSP form-action: the stand-in's origin is allowed.
    expect(chosen.headers.get("content-security-policy") ?? (await get("/es", buyer.cookie)).headers.get("content-security-policy")).toContain(`form-action 'self' ${standin.url}`);
    const sessionId = location.split("/pay/")[1]!;

    const voucherPage = await hosted(`/pay/${sessionId}/confirm`, { method: "oxxo" });
    expect(voucherPage.status).toBe(200);
    expect(standin.deliveries.at(-1)).toMatchObject({ status: 200 });
    const number = /data-testid="voucher-number">(\d+)</.exec(await voucherPage.text())![1]!;
    const back = await (await get(`/es/orders/${placed.number}/pay?session=${sessionId}`, buyer.cookie)).text();
    expect(back).toContain(number);
    expect(back).toContain(esPay.voucher.title);

    const settled = await hosted(`/pay/${sessionId}/settle`);
    expect(settled.status).toBe(303);
    expect(settled.headers.get("location")).toBe(`http://localhost:3000/es/orders/${placed.number}/pay?session=${sessionId}`);
    expect(standin.deliveries.at(-1)).toMatchObject({ status: 200 });
    const paid = await (await get(`/es/orders/${placed.number}/pay?session=${sessionId}`, buyer.cookie)).text();
    expect(paid).toContain(esPay.returned.paid);
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: placed.id } })).toMatchObject({ status: "PAID", paidMinor: 800_00n });
  });

  it("while the OXXO voucher waits it is the only way to pay: the others are neither shown nor accepted (409) until it expires unpaid", async () => {
    // Whole pages are long: a failing check names what it looked for, not the page.
    const has = (html: string, text: string) => (html.includes(text) ? true : `missing ${text}`);
    const placed = await order(900_00n);
    const location = (await post(`/es/orders/${placed.number}/pay`, buyer, { intent: "stripe" })).headers.get("location")!;
    const sessionId = location.split("/pay/")[1]!;
    const voucherPage = await (await hosted(`/pay/${sessionId}/confirm`, { method: "oxxo" })).text();
    const number = /data-testid="voucher-number">(\d+)</.exec(voucherPage)![1]!;

    const waiting = await (await get(`/es/orders/${placed.number}/pay?session=${sessionId}`, buyer.cookie)).text();
    expect(has(waiting, number)).toBe(true);
    expect(/data-testid="voucher-amount">([^<]*)</.exec(waiting)?.[1]).toMatch(/900[.,]00/);
    expect(has(waiting, 'data-testid="voucher-expires"')).toBe(true);
    expect(has(waiting, `href="${standin.url}/vouchers/`)).toBe(true);
    expect(has(waiting, 'data-testid="pay-waiting"')).toBe(true);
    expect(waiting.includes('data-testid="pay-stripe"')).toBe(false);
    expect(waiting.includes('data-testid="pay-bank-transfer"')).toBe(false);
    expect(waiting.includes('data-testid="bank-reference"')).toBe(false);
    // The same page without ?session (a reload, another member) shows the same.
    expect(has(await (await get(`/es/orders/${placed.number}/pay`, buyer.cookie)).text(), 'data-testid="pay-waiting"')).toBe(true);

    const paymentsBefore = await unscopedDb.payment.count({ where: { orderId: placed.id } });
    for (const intent of ["bank_transfer", "stripe", "terms"]) {
      const refused = await post(`/es/orders/${placed.number}/pay`, buyer, { intent });
      expect(refused.status).toBe(409);
      expect(has(await refused.text(), esPay.errors.voucher_waiting.split(":")[0]!)).toBe(true);
    }
    expect(await unscopedDb.payment.count({ where: { orderId: placed.id } })).toBe(paymentsBefore);
    expect(await unscopedDb.order.findUniqueOrThrow({ where: { id: placed.id } })).toMatchObject({ paymentMethod: "STRIPE", paidMinor: 0n });

    // Past its deadline but not yet declared unpaid by Stripe (a payment at the store may still land): still the only way.
    const voucherRow = await unscopedDb.payment.findFirstOrThrow({ where: { orderId: placed.id, status: "AWAITING_CONFIRMATION" } });
    await unscopedDb.payment.update({ where: { id: voucherRow.id }, data: { voucher: { ...(voucherRow.voucher as object), expiresAt: new Date(Date.now() - 3600_000).toISOString() } } });
    const late = await (await get(`/es/orders/${placed.number}/pay`, buyer.cookie)).text();
    expect(has(late, 'data-testid="voucher-overdue"')).toBe(true);
    expect(has(late, 'data-testid="pay-waiting"')).toBe(true);
    expect(late.includes('data-testid="pay-bank-transfer"')).toBe(false);

    // The voucher expires unpaid (Stripe's checkout.session.async_payment_failed): the other ways come back.
    await hosted(`/pay/${sessionId}/fail`);
    const after = await (await get(`/es/orders/${placed.number}/pay?session=${sessionId}`, buyer.cookie)).text();
    expect(after.includes('data-testid="pay-waiting"')).toBe(false);
    expect(has(after, 'data-testid="voucher-ended"')).toBe(true);
    expect(has(after, 'data-testid="pay-stripe"')).toBe(true);
    expect(has(after, 'data-testid="pay-bank-transfer"')).toBe(true);
    expect((await post(`/es/orders/${placed.number}/pay`, buyer, { intent: "bank_transfer" })).status).toBe(302);
  });

  it("refuses a choice that is not one, in the buyer's language", async () => {
    const placed = await order(100_00n);
    const refused = await post(`/es/orders/${placed.number}/pay`, buyer, { intent: "bitcoin" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(esPay.errors.choose);
  });

  it("without Stripe keys offers the bank transfer only, and says so", async () => {
    const placed = await order(100_00n);
    delete process.env.STRIPE_SECRET_KEY;
    try {
      const html = await (await get(`/es/orders/${placed.number}/pay`, buyer.cookie)).text();
      expect(html).toContain(esBanking.options.bankTransferOnly.no_stripe);
      expect(html).not.toContain("data-testid=\"pay-stripe\"");
      expect((await post(`/es/orders/${placed.number}/pay`, buyer, { intent: "stripe" })).status).toBe(503);
      expect((await fetch(`${baseUrl}/webhooks/stripe`, { method: "POST", body: "{}" })).status).toBe(404);
    } finally {
      process.env.STRIPE_SECRET_KEY = SECRET_KEY;
    }
  });
});
