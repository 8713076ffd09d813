import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { seedDemoData } from "../../prisma/seed";
import { resetEnvCache } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { startQueue, stopQueue } from "~/modules/jobs/queue.server";
import { createHttpApp } from "~/server/http.server";
import { attachSocketServer } from "~/server/socket.server";
import { cookieJar } from "../support/cookies";
import { setupTestDatabase, type TestDatabase } from "../support/database";

export { cookieJar, findSetCookie, setCookies } from "../support/cookies";

/**
 * The real HTTP stack (Express + the Remix build + socket.io) for the security suites, on a fresh database with the
 * demo data, listening on every interface so that a request can also come from this machine's non-loopback
 * address (a "remote" peer as the server sees it).
 */
export interface Harness {
  database: TestDatabase;
  /** http://127.0.0.1:port: a loopback peer. */
  local: string;
  /** http://<this machine's LAN address>:port: a non-loopback peer. */
  remote: string;
  port: number;
  sockets: ReturnType<typeof attachSocketServer>;
  build: ServerBuild;
  close(): Promise<void>;
}

export function externalAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4")?.address;
  if (!address) throw new Error("this machine has no non-loopback IPv4 address to play a remote client from");
  return address;
}

export async function loadBuild(): Promise<ServerBuild> {
  if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
  return (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
}

export async function startHarness(): Promise<Harness> {
  const database = await setupTestDatabase();
  await startQueue(database.url);
  await seedDemoData({ onlyIfEmpty: true });
  const build = await loadBuild();
  const server = createServer(createHttpApp(build, { shuttingDown: false }));
  const sockets = attachSocketServer(server, { appUrl: process.env.APP_URL! });
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    database,
    port,
    local: `http://127.0.0.1:${port}`,
    remote: `http://${externalAddress()}:${port}`,
    sockets,
    build,
    async close() {
      server.closeAllConnections();
      await sockets.close();
      await stopQueue();
      await database.cleanup();
    },
  };
}

/** Another Express app on the same build, created with extra environment (e.g. TRUST_PROXY), on loopback. */
export async function startVariant(build: ServerBuild, extraEnv: Record<string, string>): Promise<{ base: string; close(): Promise<void> }> {
  const saved = Object.fromEntries(Object.keys(extraEnv).map((k) => [k, process.env[k]]));
  Object.assign(process.env, extraEnv);
  resetEnvCache();
  let server: Server;
  try {
    server = createServer(createHttpApp(build, { shuttingDown: false }));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function get(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { redirect: "manual", headers });
}

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The CSRF token forms on this page carry (what a browser would submit), and the cookies of the visit. */
export async function formTokenFrom(url: string, cookie = ""): Promise<{ cookie: string; token: string }> {
  const page = await get(url, cookie ? { Cookie: cookie } : {});
  const html = await page.text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${url} (${page.status})`);
  const fresh = cookieJar(page);
  return { cookie: [cookie, fresh].filter(Boolean).join("; "), token };
}

/** Signs in over HTTP like a browser; answers the Cookie header of the signed-in browser. */
export async function logIn(base: string, email: string, password = "ponte-demo-2026", extraHeaders: Record<string, string> = {}) {
  const { cookie, token } = await formTokenFrom(`${base}/en/login`);
  const response = await postForm(`${base}/en/login`, { csrf: token, email, password }, { Cookie: cookie, ...extraHeaders });
  if (response.status !== 302 && response.status !== 303) throw new Error(`login failed: ${response.status}`);
  return { cookie: `${cookie}; ${cookieJar(response)}`, response };
}

/** Any method, any body, through node:http (fetch refuses TRACE and CONNECT). */
export function rawRequest(url: string, method: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const target = new URL(url);
    // Node frames a DELETE's body only when told its length.
    const framed = body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) };
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers: framed }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The per-address and per-account login counters start from zero (tests sign in many times from 127.0.0.1). */
export async function forgetRateLimits() {
  await unscopedDb.rateLimitBucket.deleteMany({});
}
