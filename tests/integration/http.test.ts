import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed";
import { createHttpApp } from "~/server/http.server";
import { attachSocketServer } from "~/server/socket.server";
import { unscopedDb } from "~/modules/db/index.server";
import { langCookie } from "~/modules/i18n/i18n.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import ptMessages from "../../locales/pt/common.json";
import { cookieJar, findSetCookie } from "../support/cookies";
import { setupTestDatabase, type TestDatabase } from "../support/database";

const MAKER = { email: "maker@demo.ponte.test", password: "ponte-demo-2026" };
const BUYER_ORG_NAME = "Casa Paulista Distribuidora";

let database: TestDatabase;
let server: Server;
let sockets: ReturnType<typeof attachSocketServer>;
let baseUrl: string;
let makerOrgId: string;
let buyerOrgId: string;
const openClients: Socket[] = [];

beforeAll(async () => {
  database = await setupTestDatabase();
  await startQueue(database.url);
  await seedDemoData({ onlyIfEmpty: true });
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createServer(createHttpApp(build, { shuttingDown: false }));
  sockets = attachSocketServer(server, { appUrl: process.env.APP_URL! });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const maker = await unscopedDb.user.findUniqueOrThrow({ where: { email: MAKER.email }, select: { memberships: { select: { organizationId: true } } } });
  makerOrgId = maker.memberships[0]!.organizationId;
  buyerOrgId = (await unscopedDb.organization.findFirstOrThrow({ where: { name: BUYER_ORG_NAME }, select: { id: true } })).id;
});

afterAll(async () => {
  for (const client of openClients) client.disconnect();
  server?.closeAllConnections();
  // Closing socket.io closes the HTTP server it is attached to.
  await sockets?.close();
  await stopQueue();
  await database?.cleanup();
});

// ---------------------------------------------------------------------------
// Requests like a browser's, with the cookie jar of tests/support/cookies.ts; redirects are looked at, not followed.
// ---------------------------------------------------------------------------

function get(pathname: string, headers: Record<string, string> = {}) {
  return fetch(baseUrl + pathname, { redirect: "manual", headers });
}

function postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(baseUrl + pathname, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A first visit to a login page: the CSRF cookie it sets, and the token a form must echo. */
async function csrfFor(pathname: string) {
  const page = await get(pathname);
  const cookie = cookieJar(page);
  const value = /ponte_csrf=([^;]*)/.exec(cookie)?.[1];
  if (!value) throw new Error("no CSRF cookie");
  return { cookie, token: decodeURIComponent(value).split(".")[0]! };
}

/** Logs in over HTTP like a browser; answers the Cookie header of the signed-in browser. */
async function logInOverHttp(email: string, password: string) {
  const { cookie, token } = await csrfFor("/en/login");
  const response = await postForm("/en/login", { csrf: token, email, password }, { Cookie: cookie });
  if (response.status !== 302 && response.status !== 303) throw new Error(`login failed: ${response.status}`);
  return `${cookie}; ${cookieJar(response)}`;
}

// ---------------------------------------------------------------------------

describe("GET /healthz", () => {
  it("reports the database and the job queue as healthy", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const report = await response.json();
    expect(report).toMatchObject({ status: "ok", database: { ok: true }, queue: { ok: true } });
  });
});

describe("GET / picks the language", () => {
  it("from Accept-Language", async () => {
    const response = await get("/", { "Accept-Language": "es-MX,es;q=0.9" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/es");
  });

  it("from the saved language cookie before Accept-Language", async () => {
    const cookie = (await langCookie.serialize("zh")).split(";")[0]!;
    const response = await get("/", { Cookie: cookie, "Accept-Language": "es-MX,es;q=0.9" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/zh");
  });

  it("falls back to English when nothing says otherwise", async () => {
    const response = await get("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/en");
  });
});

describe("pages in a language", () => {
  it("renders /pt/login in Brazilian Portuguese with alternates for every language", async () => {
    const response = await get("/pt/login");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="pt-BR"');
    expect(html).toContain(`<title>${ptMessages.auth.login.title} · Ponte</title>`);
    const alternates = Object.fromEntries([...html.matchAll(/<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"/gi)].map((m) => [m[1], m[2]]));
    const appUrl = process.env.APP_URL;
    expect(alternates).toEqual({
      "pt-BR": `${appUrl}/pt/login`,
      "es-419": `${appUrl}/es/login`,
      "zh-CN": `${appUrl}/zh/login`,
      en: `${appUrl}/en/login`,
      "x-default": `${appUrl}/en/login`,
    });
  });

  it("answers 404 to an unknown language", async () => {
    const response = await get("/xx/login");
    expect(response.status).toBe(404);
  });

  it("answers an unknown page with the translated not-found page", async () => {
    const response = await get("/pt/does-not-exist");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="pt-BR"');
    expect(html).toContain(ptMessages.errors.notFound.title);
  });
});

describe("interface strings as a cached script", () => {
  it("a page names its language's bundle instead of carrying the strings; the bundle is served, cached for a year by its hash", async () => {
    const html = await (await get("/pt/login")).text();
    const src = /<script src="(\/messages\/pt\/public\.[0-9a-f]{12}\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    // No string of the bundle rides in the hydration data (this one is only used by the home page).
    expect(html).not.toContain(JSON.stringify(ptMessages.home.lead).slice(1, -1));
    const bundle = await get(src!);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(bundle.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // A cacheable answer carries no cookie (a shared cache would hand it to everyone).
    expect(bundle.headers.get("set-cookie")).toBeNull();
    const window: { __ponteMessages?: Record<string, typeof ptMessages> } = {};
    new Function("window", await bundle.text())(window);
    expect(window.__ponteMessages?.["pt.public"]?.home.lead).toBe(ptMessages.home.lead);
    expect(window.__ponteMessages?.["pt.public"]).not.toHaveProperty("console");
  });

  it("organization pages name the bundle with the console's strings; an outdated hash gets today's strings uncached; nonsense is 404", async () => {
    const zh = await get("/messages/zh/organization.000000000000.js");
    expect(zh.status).toBe(200);
    expect(zh.headers.get("cache-control")).toBe("no-cache");
    const window: { __ponteMessages?: Record<string, Record<string, unknown>> } = {};
    new Function("window", await zh.text())(window);
    expect(window.__ponteMessages?.["zh.organization"]).toHaveProperty("console");
    for (const bad of ["/messages/xx/public.000000000000.js", "/messages/pt/secret.000000000000.js", "/messages/pt/public.js", "/messages/pt/public.0000.js"]) {
      expect((await get(bad)).status, bad).toBe(404);
    }
  });
});

describe("caching and compression of what is served", () => {
  /** The raw answer (node:http does not decode), with the encodings the client says it accepts. */
  function raw(pathname: string, acceptEncoding: string, method = "GET"): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(baseUrl + pathname, { method, headers: { "Accept-Encoding": acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on("error", reject);
      request.end();
    });
  }

  it("serves a message bundle compressed once, in the encoding the browser accepts, the same strings in each", async () => {
    const src = /<script src="(\/messages\/pt\/public\.[0-9a-f]{12}\.js)"/.exec(await (await get("/pt/login")).text())![1]!;
    const plain = await raw(src, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(plain.body.length));
    const br = await raw(src, "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gzip = await raw(src, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    for (const answer of [plain, br, gzip]) {
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.headers["vary"]).toBe("Accept-Encoding");
      expect(answer.headers["set-cookie"]).toBeUndefined();
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    const head = await raw(src, "br", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("caches fingerprinted files for a year, immutable, and the others for an hour", async () => {
    const html = await (await get("/pt/login")).text();
    const built = /<link rel="stylesheet" href="(\/build\/[^"]+)"/.exec(html)?.[1] ?? /src="(\/build\/[^"]+\.js)"/.exec(html)?.[1];
    expect(built).toBeDefined();
    expect((await get(built!)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const map = await get("/maps/world/0.v1.svg");
    expect(map.status).toBe(200);
    expect(map.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const favicon = await get("/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(favicon.headers.get("set-cookie")).toBeNull();
  });

  it("compresses pages with brotli for browsers and gzip for the others", async () => {
    const br = await raw("/pt/login", "gzip, deflate, br, zstd");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString("utf8")).toContain("<html");
    const gzip = await raw("/pt/login", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString("utf8")).toContain("<html");
  });
});

describe("security headers and cookies", () => {
  it("sends a content security policy with a per-response script nonce", async () => {
    const first = await get("/en/login");
    const second = await get("/en/login");
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(await first.text()).toContain(`nonce="${nonce}"`);
  });

  it("sends x-content-type-options and hides the framework", async () => {
    const response = await get("/en/login");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("gives a first-time visitor an httpOnly SameSite=Lax CSRF cookie", async () => {
    const response = await get("/en/login");
    const cookie = findSetCookie(response, "ponte_csrf");
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
  });

  it("does not replace a valid CSRF cookie on later requests", async () => {
    const { cookie } = await csrfFor("/en/login");
    const again = await get("/en/login", { Cookie: cookie });
    expect(findSetCookie(again, "ponte_csrf")).toBeUndefined();
  });
});

describe("the page cache for anonymous catalog pages", () => {
  const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  const csrfInputs = (html: string) => [...html.matchAll(/name="csrf" value="([^"]+)"/g)].map((m) => m[1]);

  it("serves the second visit from the cache with the visitor's own nonce and CSRF token", async () => {
    const path = "/pt/products?sort=newest&cache-test=1";
    const first = await csrfFor(path);
    const second = await csrfFor("/pt/login");
    expect(second.token).not.toBe(first.token);

    const a = await get(path, { Cookie: first.cookie });
    const b = await get(path, { Cookie: second.cookie });
    expect(a.status).toBe(200);
    expect(b.headers.get("x-page-cache")).toBe("HIT");
    const [htmlA, htmlB] = [await a.text(), await b.text()];
    // Same page, each with its own secrets: never the other visitor's.
    expect(csrfInputs(htmlB).length).toBeGreaterThan(0);
    expect(new Set(csrfInputs(htmlB))).toEqual(new Set([second.token]));
    expect(htmlB).not.toContain(first.token);
    const nonceB = nonceOf(b)!;
    expect(htmlB).toContain(`nonce="${nonceB}"`);
    expect(htmlB).not.toContain(nonceOf(a)!);
    expect(htmlA.length).toBeGreaterThan(1000);
  });

  it("keeps pages for other preferences apart, and never caches a signed-in visitor's page", async () => {
    const path = "/pt/products?cache-test=2";
    await get(path);
    const inEuro = await get(path, { Cookie: "ponte_currency=EUR" });
    expect(inEuro.headers.get("x-page-cache")).toBe("MISS");
    const signedIn = await logInOverHttp(MAKER.email, MAKER.password);
    const mine = await get(path, { Cookie: signedIn });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("x-page-cache")).toBeNull();
  });

  it("does not cache console pages or answers that set cookies", async () => {
    expect((await get("/pt/login")).headers.get("x-page-cache")).toBeNull();
    const missing = await get("/pt/products/no-such-product-anywhere");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-page-cache")).toBe("BYPASS");
  });
});

describe("logging in over HTTP", () => {
  it("redirects to the dashboard with an httpOnly SameSite=Lax session cookie", async () => {
    const { cookie, token } = await csrfFor("/en/login");
    const response = await postForm("/en/login", { csrf: token, email: MAKER.email, password: MAKER.password }, { Cookie: cookie });
    expect([302, 303]).toContain(response.status);
    expect(response.headers.get("location")).toBe("/en/dashboard");
    const session = findSetCookie(response, "ponte_session");
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  it("lets the session cookie through to the user's organization", async () => {
    const cookie = await logInOverHttp(MAKER.email, MAKER.password);
    const dashboard = await get("/en/dashboard", { Cookie: cookie });
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.get("location")).toBe(`/en/orgs/${makerOrgId}`);
    const organization = await get(`/en/orgs/${makerOrgId}`, { Cookie: cookie });
    expect(organization.status).toBe(200);
  });

  it("sends a visitor without a session from the dashboard to the login page", async () => {
    const response = await get("/en/dashboard");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/en/login?redirectTo=${encodeURIComponent("/en/dashboard")}`);
  });

  it("refuses a form without the CSRF token with 403 and no session", async () => {
    const { cookie } = await csrfFor("/en/login");
    const response = await postForm("/en/login", { email: MAKER.email, password: MAKER.password }, { Cookie: cookie });
    expect(response.status).toBe(403);
    expect(findSetCookie(response, "ponte_session")).toBeUndefined();
  });

  it("refuses a form posted from another site with 403 and no session", async () => {
    const { cookie, token } = await csrfFor("/en/login");
    const response = await postForm("/en/login", { csrf: token, email: MAKER.email, password: MAKER.password }, { Cookie: cookie, Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(findSetCookie(response, "ponte_session")).toBeUndefined();
  });

  it("records the connection's address, not one the client claims in X-Ponte-Client-Ip", async () => {
    const { cookie, token } = await csrfFor("/en/login");
    const response = await postForm("/en/login", { csrf: token, email: MAKER.email, password: MAKER.password }, { Cookie: cookie, "X-Ponte-Client-Ip": "203.0.113.7" });
    expect([302, 303]).toContain(response.status);
    const sessionUser = await sessionUserFromCookieHeader(findSetCookie(response, "ponte_session")!.split(";")[0]);
    const session = await unscopedDb.session.findUniqueOrThrow({ where: { id: sessionUser!.sessionId } });
    expect(session.ipAddress).toMatch(/127\.0\.0\.1$/);
  });

  it("answers a wrong password with 401 and the message in the page's language", async () => {
    const { cookie, token } = await csrfFor("/pt/login");
    const response = await postForm("/pt/login", { csrf: token, email: "buyer.pt@demo.ponte.test", password: "not the password" }, { Cookie: cookie });
    expect(response.status).toBe(401);
    expect(findSetCookie(response, "ponte_session")).toBeUndefined();
    const body = await response.text();
    expect(body).toContain(ptMessages.auth.login.invalid);
    expect(body).not.toContain("not the password");
  });
});

describe("tenant isolation over HTTP", () => {
  it("answers 404 for another organization's settings", async () => {
    const cookie = await logInOverHttp(MAKER.email, MAKER.password);
    const response = await get(`/en/orgs/${buyerOrgId}/settings`, { Cookie: cookie });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(BUYER_ORG_NAME);
  });

  it("shows the signed-in user their own organization's settings", async () => {
    const cookie = await logInOverHttp(MAKER.email, MAKER.password);
    const response = await get(`/en/orgs/${makerOrgId}/settings`, { Cookie: cookie });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Gree-Lux Home Appliances");
  });
});

describe("socket.io", () => {
  function open(cookie?: string) {
    const client = connectSocket(baseUrl, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: cookie ? { cookie } : {},
    });
    openClients.push(client);
    return client;
  }

  function connected(client: Socket) {
    return new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
  }

  it("refuses a connection without a session cookie", async () => {
    const client = open();
    const error = await new Promise<Error>((resolve, reject) => {
      client.once("connect_error", resolve);
      client.once("connect", () => reject(new Error("connected without a session")));
    });
    expect(error.message).toBe("unauthorized");
  });

  it("accepts a connection carrying the pages' session cookie", async () => {
    const client = open(await logInOverHttp(MAKER.email, MAKER.password));
    await connected(client);
    expect(client.connected).toBe(true);
  });

  it("lets a member join their organization's room", async () => {
    const client = open(await logInOverHttp(MAKER.email, MAKER.password));
    await connected(client);
    expect(await client.timeout(10_000).emitWithAck("organization:join", makerOrgId)).toEqual({ ok: true });
  });

  it("answers not found to joining another organization's room", async () => {
    const client = open(await logInOverHttp(MAKER.email, MAKER.password));
    await connected(client);
    expect(await client.timeout(10_000).emitWithAck("organization:join", buyerOrgId)).toEqual({ ok: false, status: 404, error: "not_found" });
  });

  it("answers not found to a malformed organization id", async () => {
    const client = open(await logInOverHttp(MAKER.email, MAKER.password));
    await connected(client);
    expect(await client.timeout(10_000).emitWithAck("organization:join", "'; DROP TABLE \"Membership\"; --")).toEqual({ ok: false, status: 404, error: "not_found" });
    expect(await client.timeout(10_000).emitWithAck("organization:join", { id: makerOrgId })).toEqual({ ok: false, status: 404, error: "not_found" });
    // Shaped like a UUID (36 characters of hex digits and dashes) but not one.
    expect(await client.timeout(10_000).emitWithAck("organization:join", "abcdef0123456789abcdef0123456789abcd")).toEqual({ ok: false, status: 404, error: "not_found" });
    expect(await client.timeout(10_000).emitWithAck("organization:join", "-".repeat(36))).toEqual({ ok: false, status: 404, error: "not_found" });
  });
});
