import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageCache, cutSecrets } from "./page-cache.server";

/**
 * The page cache's own rules, with a stand-in for Remix that renders a numbered page quoting its nonce and the
 * visitor's CSRF token (the real app's pages are covered in tests/integration/http.test.ts).
 */
let renders = 0;
/** While set, renders wait for it: a test holds a render open until the moment it wants to observe. */
let gate: Promise<void> | null = null;
/** The cache's clock: tests move it past the TTL instead of sleeping. */
let clock = Date.now();
/** Requests that have reached the cache, and who waits for a number of them. */
let arrivals = 0;
let arrivalWaiter: { count: number; resolve: () => void } | null = null;
let server: Server;
let base: string;
const cache = createPageCache(
  async (request, context) => {
    renders += 1;
    const n = renders;
    if (gate) await gate;
    const csrf = /ponte_csrf=([^.;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? "";
    return new Response(`<p>render ${n}</p><script nonce="${context.cspNonce}"></script><input name="csrf" value="${csrf}">`, {
      headers: { "Content-Type": "text/html" },
    });
  },
  { ttlSeconds: 1, now: () => clock },
);

function holdRenders(): () => void {
  let open!: () => void;
  gate = new Promise<void>((resolve) => (open = resolve));
  return () => {
    gate = null;
    open();
  };
}

function arrived(count: number): Promise<void> {
  return new Promise((resolve) => (arrivalWaiter = { count: arrivals + count, resolve }));
}

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    res.locals.cspNonce = `nonce${Math.random().toString(36).slice(2)}`;
    next();
  });
  app.use((_req, _res, next) => {
    arrivals += 1;
    if (arrivalWaiter && arrivals >= arrivalWaiter.count) arrivalWaiter.resolve();
    next();
  });
  app.use(cache.middleware);
  app.use((_req, res) => res.status(404).send("not cached"));
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string) => fetch(base + path).then(async (r) => ({ state: r.headers.get("x-page-cache"), body: await r.text() }));

describe("the page cache", () => {
  it("renders once for many visitors at the same moment", async () => {
    const release = holdRenders();
    const before = renders;
    const allIn = arrived(8);
    const answers = Promise.all(Array.from({ length: 8 }, () => get("/pt/products?q=once")));
    // All eight are in the cache's hands while the first one's render is held open.
    await allIn;
    release();
    const settled = await answers;
    expect(renders - before).toBe(1);
    expect(settled.map((a) => a.state).sort()).toEqual(["HIT", "HIT", "HIT", "HIT", "HIT", "HIT", "HIT", "MISS"]);
    expect(new Set(settled.map((a) => a.body.replace(/nonce="[^"]+"/, "")))).toHaveLength(1);
  });

  it("serves a stale copy at once after the TTL while one render replaces it", async () => {
    const first = await get("/pt/products?q=stale");
    const firstRender = first.body.match(/render \d+/)![0];
    expect(first.state).toBe("MISS");
    expect((await get("/pt/products?q=stale")).state).toBe("HIT");
    clock += 1_001; // past the 1 s TTL
    // The refresh is held open: visitors meanwhile get the stale copy at once, and only one render starts.
    const release = holdRenders();
    const before = renders;
    const stale = await get("/pt/products?q=stale");
    const staleAgain = await get("/pt/products?q=stale");
    expect([stale.state, staleAgain.state]).toEqual(["STALE", "STALE"]);
    expect(stale.body).toContain(firstRender);
    expect(renders - before).toBe(1);
    release();
    await cache.settled();
    const fresh = await get("/pt/products?q=stale");
    expect(fresh.state).toBe("HIT");
    expect(fresh.body).not.toContain(firstRender);
    expect(fresh.body).toContain(`render ${before + 1}<`);
  });

  it("forgets everything on purge, and leaves other paths alone", async () => {
    await get("/es/products/some-product");
    cache.purge();
    expect((await get("/es/products/some-product")).state).toBe("MISS");
    expect((await get("/es/orgs/x/products")).body).toBe("not cached");
  });

  it("cuts a page where the secrets stand, and nowhere else", () => {
    const page = cutSecrets("a NONCE b TOKEN c NONCE", { nonce: "NONCE", csrf: "TOKEN" });
    expect(page.slots).toEqual(["nonce", "csrf", "nonce"]);
    expect(page.parts.map((p) => p.toString())).toEqual(["a ", " b ", " c ", ""]);
    expect(cutSecrets("no secrets", { nonce: "NONCE", csrf: "" }).parts.map(String)).toEqual(["no secrets"]);
  });
});
