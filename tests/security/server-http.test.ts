import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env, outboxKey as readOutboxKey } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { requestPasswordReset } from "~/modules/tenancy/accounts.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import {
  cookieJar,
  findSetCookie,
  forgetRateLimits,
  formTokenFrom,
  get,
  logIn,
  postForm,
  rawRequest,
  startHarness,
  startVariant,
  type Harness,
} from "./server-harness";

/**
 * Issue 8, probed through the real HTTP stack: the developer outbox (items 2, 11), redirects after login and the
 * preference forms (3), unexpected methods (9), the CSRF cookie on cacheable answers (10), /healthz and TRUST_PROXY
 * (11), Secure cookies and HSTS over HTTPS (2).
 */
let h: Harness;
let outboxKey: string;
const ADMIN = "admin@demo.ponte.test";
const MAKER = "maker@demo.ponte.test";

beforeAll(async () => {
  h = await startHarness();
  // What a password reset for the platform admin leaves in the outbox: the link that takes the account over.
  await requestPasswordReset({ email: ADMIN, lang: "en" });
  outboxKey = readOutboxKey();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(forgetRateLimits);

async function sessionCookieFor(email: string) {
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0]!;
}

describe("the developer outbox", () => {
  const RESET_LINK = /\/en\/reset-password\//;

  it("is generated with a key of its own, readable only by its owner", () => {
    expect(outboxKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(env().PONTE_DATA_DIR, "outbox-key");
    expect(readFileSync(file, "utf8").trim()).toBe(outboxKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("opens from this machine with the key: a cookie for /dev, the key gone from the address", async () => {
    const opened = await get(`${h.local}/dev/outbox?key=${outboxKey}&to=${encodeURIComponent(ADMIN)}`);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`/dev/outbox?to=${encodeURIComponent(ADMIN)}`);
    const cookie = findSetCookie(opened, "ponte_outbox")!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/dev(;|$)/i);
    expect(cookie).not.toContain(outboxKey);
    const page = await get(`${h.local}/dev/outbox?to=${encodeURIComponent(ADMIN)}`, { Cookie: cookieJar(opened) });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toMatch(RESET_LINK);
  });

  it.each([
    ["no key and no cookie", "/dev/outbox", {}],
    ["a wrong key", "/dev/outbox?key=not-the-key", {}],
    ["an empty key", "/dev/outbox?key=", {}],
    ["a forged cookie", "/dev/outbox", { Cookie: "ponte_outbox=forged" }],
    ["the key itself as the cookie", "/dev/outbox", { Cookie: "ponte_outbox=KEY" }],
    ["its data twin without the cookie", "/dev/outbox.data", {}],
    ["another spelling of the path", "/DEV/OUTBOX", {}],
    ["a trailing slash", "/dev/outbox/", {}],
  ])("refuses %s from this machine (403), showing no email", async (_label, pathname, headers: Record<string, string>) => {
    const cookie = headers.Cookie?.replace("KEY", outboxKey);
    const response = await get(`${h.local}${pathname}`, cookie ? { Cookie: cookie } : {});
    expect([403, 404]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toMatch(RESET_LINK);
    expect(body).not.toContain(ADMIN);
    expect(findSetCookie(response, "ponte_outbox")).toBeUndefined();
  });

  it("is not found from another machine, even with the key", async () => {
    const response = await get(`${h.remote}/dev/outbox?key=${outboxKey}`);
    expect(response.status).toBe(404);
    expect(findSetCookie(response, "ponte_outbox")).toBeUndefined();
    const opened = await get(`${h.local}/dev/outbox?key=${outboxKey}`);
    const withCookie = await get(`${h.remote}/dev/outbox`, { Cookie: cookieJar(opened) });
    expect(withCookie.status).toBe(404);
    expect(await withCookie.text()).not.toMatch(RESET_LINK);
  });

  it("is not found through a proxy (X-Forwarded-For), whatever address it claims", async () => {
    const opened = await get(`${h.local}/dev/outbox?key=${outboxKey}`);
    const proxies: Record<string, string>[] = [{ "X-Forwarded-For": "127.0.0.1" }, { Forwarded: "for=127.0.0.1" }];
    for (const headers of proxies) {
      const response = await get(`${h.local}/dev/outbox`, { Cookie: cookieJar(opened), ...headers });
      expect(response.status).toBe(404);
    }
    const trusting = await startVariant(h.build, { TRUST_PROXY: "1" });
    try {
      const response = await get(`${trusting.base}/dev/outbox?key=${outboxKey}`, { "X-Forwarded-For": "127.0.0.1" });
      expect(response.status).toBe(404);
    } finally {
      await trusting.close();
    }
  });

  it("ignores a client's own claim to be the socket's peer", async () => {
    const response = await get(`${h.remote}/dev/outbox?key=${outboxKey}`, { "X-Ponte-Peer-Ip": "127.0.0.1", "X-Ponte-Client-Ip": "127.0.0.1" });
    expect(response.status).toBe(404);
  });
});

describe("redirects after login and the preference forms (open redirect)", () => {
  const EVIL = [
    "/%09/evil.example",
    "/\t/evil.example",
    "/\\evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/..//evil.example",
    "https://evil.example/",
    "/ /evil.example",
  ];

  it.each(EVIL)("login with redirectTo %j lands on the dashboard", async (redirectTo) => {
    const { cookie, token } = await formTokenFrom(`${h.local}/en/login`);
    // The form field arrives decoded: "%09" in the query string is a tab by the time the action reads it.
    const response = await postForm(`${h.local}/en/login`, { csrf: token, email: MAKER, password: "ponte-demo-2026", redirectTo: decodeURIComponent(redirectTo) }, { Cookie: cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/en/dashboard");
  });

  it("login keeps a same-site path, query and fragment", async () => {
    const { cookie, token } = await formTokenFrom(`${h.local}/en/login`);
    const response = await postForm(`${h.local}/en/login`, { csrf: token, email: MAKER, password: "ponte-demo-2026", redirectTo: "/en/products?q=ar#top" }, { Cookie: cookie });
    expect(response.headers.get("location")).toBe("/en/products?q=ar#top");
  });

  it.each([...EVIL, "/\r\nSet-Cookie: x=1", "/\u2028/evil.example", "/\u0000"])("set-currency and set-language with redirectTo %j stay on this site, never 500", async (redirectTo) => {
    const { cookie, token } = await formTokenFrom(`${h.local}/en/login`);
    // A NUL byte is refused by the form parser (4xx, or the form again): what matters here is never 500, never away.
    const currency = await postForm(`${h.local}/set-currency`, { csrf: token, currencyCode: "USD", redirectTo }, { Cookie: cookie });
    expect(currency.status).toBeLessThan(500);
    if (currency.status === 302) expect(currency.headers.get("location")).toMatch(/^\/en\/products$|^\/(?![\/\\])/);
    const language = await postForm(`${h.local}/set-language`, { csrf: token, lang: "pt", redirectTo }, { Cookie: cookie });
    expect(language.status).toBeLessThan(500);
    if (language.status === 302) expect(language.headers.get("location")).toMatch(/^\/pt(\/|$)/);
    // Same origin: a path, never "//host", a scheme, whitespace or a backslash a browser would read as "/".
    for (const response of [currency, language]) expect(response.headers.get("location") ?? "").not.toMatch(/^\/\/|^[a-z]+:|[\s\\]|\/\.\.\//i);
  });
});

describe("refused resource routes answer 4xx, not 200", () => {
  it.each(["/set-currency", "/set-language", "/en/logout", "/en/orgs/switch"])("POST %s without a CSRF token answers 403", async (pathname) => {
    const cookie = `${await sessionCookieFor(MAKER)}; ${(await formTokenFrom(`${h.local}/en/login`)).cookie}`;
    const response = await postForm(`${h.local}${pathname}`, { currencyCode: "USD", lang: "pt", organizationId: "00000000-0000-4000-8000-000000000000" }, { Cookie: cookie });
    expect(response.status).toBe(403);
  });

  it("another organization's CSV export, ledger, photos and unknown media are not found", async () => {
    const cookie = await sessionCookieFor(MAKER);
    const buyerOrg = (await unscopedDb.membership.findFirstOrThrow({ where: { user: { email: "buyer.br@demo.ponte.test" } }, select: { organizationId: true } })).organizationId;
    const uuid = "0190f3c4-0000-7000-8000-000000000000";
    for (const pathname of [
      `/en/orgs/${buyerOrg}/products/export`,
      `/en/orgs/${buyerOrg}/inventory/ledger.csv`,
      `/en/orgs/${buyerOrg}/inventory/inbound/${uuid}/photos/${uuid}/a.jpg`,
      `/en/orgs/${buyerOrg}/warehouses/${uuid}/inbound/${uuid}/photos/${uuid}/a.jpg`,
      "/media/products/no-such-file.webp",
      "/media/../../etc/passwd",
    ]) {
      const response = await get(`${h.local}${pathname}`, { Cookie: cookie });
      expect([403, 404], pathname).toContain(response.status);
    }
  });
});

describe("methods other than GET, HEAD and POST", () => {
  it.each(["TRACE", "DELETE", "PUT", "PATCH", "PROPFIND", "MKCOL"])("%s answers 405 with Allow, never 500", async (method) => {
    for (const pathname of ["/en/login", "/en", "/en/products", "/set-currency", "/healthz", "/dev/outbox"]) {
      const response = await rawRequest(`${h.local}${pathname}`, method, { "Content-Type": "application/json" }, method === "TRACE" ? undefined : "{}");
      expect(response.status, `${method} ${pathname}`).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD, POST");
    }
  });

  it("OPTIONS answers 204 with Allow", async () => {
    const response = await rawRequest(`${h.local}/en/login`, "OPTIONS");
    expect(response.status).toBe(204);
    expect(response.headers.allow).toBe("GET, HEAD, POST");
  });
});

describe("the CSRF cookie and publicly cacheable answers", () => {
  it.each(["/robots.txt", "/sitemap.xml", "/favicon.svg"])("%s is cacheable and sets no cookie", async (pathname) => {
    const response = await get(`${h.local}${pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/public|max-age=[1-9]/);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("a build asset sets no cookie", async () => {
    const asset = readdirSync(path.resolve("public/build")).find((name) => name.endsWith(".js"))!;
    const response = await get(`${h.local}/build/${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("a page still gives a first-time visitor the cookie, and its forms the matching token", async () => {
    const response = await get(`${h.local}/en/login`);
    expect(findSetCookie(response, "ponte_csrf")).toBeDefined();
    const html = await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(decodeURIComponent(findSetCookie(response, "ponte_csrf")!.split(";")[0]!.split("=")[1]!).split(".")[0]).toBe(token);
  });
});

describe("/healthz", () => {
  it("tells this machine everything", async () => {
    const report = await (await get(`${h.local}/healthz`)).json();
    expect(report).toMatchObject({ status: "ok", database: { ok: true, kind: expect.stringMatching(/embedded|server/) }, queue: { ok: true } });
    expect(report.database.latencyMs).toEqual(expect.any(Number));
  });

  it("tells another machine only the status", async () => {
    const response = await get(`${h.remote}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("tells a request through a proxy only the status", async () => {
    expect(await (await get(`${h.local}/healthz`, { "X-Forwarded-For": "203.0.113.5" })).json()).toEqual({ status: "ok" });
  });

  it("tells a platform admin everything, and any other signed-in user only the status", async () => {
    const admin = await get(`${h.remote}/healthz`, { Cookie: await sessionCookieFor(ADMIN) });
    expect(await admin.json()).toMatchObject({ status: "ok", database: { ok: true, kind: expect.any(String) }, queue: { ok: true } });
    const maker = await get(`${h.remote}/healthz`, { Cookie: await sessionCookieFor(MAKER) });
    expect(await maker.json()).toEqual({ status: "ok" });
    const forged = await get(`${h.remote}/healthz`, { Cookie: "ponte_session=forged.value" });
    expect(await forged.json()).toEqual({ status: "ok" });
  });
});

describe("TRUST_PROXY", () => {
  it("off (the default): a client's X-Forwarded-For and X-Forwarded-Proto count for nothing", async () => {
    const headers = { "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https" };
    const { response } = await logIn(h.local, MAKER, undefined, headers);
    const session = findSetCookie(response, "ponte_session")!;
    expect(session).not.toMatch(/;\s*Secure/i);
    expect(await unscopedDb.rateLimitBucket.findUnique({ where: { key: "login:ip:203.0.113.7" } })).toBeNull();
    expect(await unscopedDb.rateLimitBucket.count({ where: { key: { startsWith: "login:ip:" }, NOT: { key: { contains: "127.0.0.1" } } } })).toBe(0);
    const page = await get(`${h.local}/en/login`, headers);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });

  it("with one hop: the login limit counts the forwarded client, cookies are Secure and HSTS is sent over HTTPS", async () => {
    const proxied = await startVariant(h.build, { TRUST_PROXY: "1" });
    try {
      const headers = { "X-Forwarded-For": "203.0.113.8", "X-Forwarded-Proto": "https" };
      const page = await get(`${proxied.base}/en/login`, headers);
      expect(page.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
      expect(findSetCookie(page, "ponte_csrf")).toMatch(/;\s*Secure/i);
      const { response } = await logIn(proxied.base, MAKER, undefined, headers);
      expect(findSetCookie(response, "ponte_session")).toMatch(/;\s*Secure/i);
      expect(await unscopedDb.rateLimitBucket.findUnique({ where: { key: "login:ip:203.0.113.8" } })).not.toBeNull();
      // Two clients behind the proxy have two counters: one cannot lock the other out.
      await logIn(proxied.base, MAKER, undefined, { "X-Forwarded-For": "203.0.113.9" });
      const counts = await unscopedDb.rateLimitBucket.findMany({ where: { key: { in: ["login:ip:203.0.113.8", "login:ip:203.0.113.9"] } }, select: { count: true } });
      expect(counts).toHaveLength(2);
      // Plain HTTP through the same proxy: no HSTS, no Secure.
      const plain = await get(`${proxied.base}/en/login`, { "X-Forwarded-For": "203.0.113.8" });
      expect(plain.headers.get("strict-transport-security")).toBeNull();
      expect(findSetCookie(plain, "ponte_csrf")).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it("with APP_URL on https: Secure and HSTS on every answer", async () => {
    const https = await startVariant(h.build, { APP_URL: "https://ponte.example" });
    try {
      const page = await get(`${https.base}/en/login`);
      expect(page.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
      expect(findSetCookie(page, "ponte_csrf")).toMatch(/;\s*Secure/i);
    } finally {
      await https.close();
    }
  });
});
