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
let slowRender = 0;
let server: Server;
let base: string;
const cache = createPageCache(
  async (request, context) => {
    renders += 1;
    const n = renders;
    if (slowRender) await new Promise((r) => setTimeout(r, slowRender));
    const csrf = /ponte_csrf=([^.;]+)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? "";
    return new Response(`<p>render ${n}</p><script nonce="${context.cspNonce}"></script><input name="csrf" value="${csrf}">`, {
      headers: { "Content-Type": "text/html" },
    });
  },
  { ttlSeconds: 1 },
);

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    res.locals.cspNonce = `nonce${Math.random().toString(36).slice(2)}`;
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
    slowRender = 50;
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/pt/products?q=once")));
    slowRender = 0;
    expect(renders - before).toBe(1);
    expect(answers.filter((a) => a.state === "MISS")).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.replace(/nonce="[^"]+"/, "")))).toHaveLength(1);
  });

  it("serves a stale copy at once after the TTL while one render replaces it", async () => {
    const first = await get("/pt/products?q=stale");
    await new Promise((r) => setTimeout(r, 1_100));
    const stale = await get("/pt/products?q=stale");
    expect(stale.state).toBe("STALE");
    expect(stale.body).toContain(first.body.match(/render \d+/)![0]);
    await new Promise((r) => setTimeout(r, 50));
    const fresh = await get("/pt/products?q=stale");
    expect(fresh.state).toBe("HIT");
    expect(fresh.body).not.toContain(first.body.match(/render \d+/)![0]);
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
