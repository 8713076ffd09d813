/**
 * `npm run bench:catalog`: the buyer's catalog pages under load, on the catalog made by `npm run seed:bench`.
 *
 * Starts the real server (the existing build: run `npm run build` first) in production mode on the bench database,
 * then measures each case with autocannon (16 connections, a warm-up, then 10 s): the first listing page, a deep
 * listing page (the cursor of offset ~5,000, found by following the listing's "next" links), a search in each
 * language, and product pages. Then the same for a bare Node `http` server answering that case's own page as
 * fixed bytes: the ceiling of this machine. Prints a table and writes test-results/bench-catalog.json.
 *
 *   npm run bench:catalog                               the PostgreSQL server at DATABASE_URL, database ponte_bench
 *   npm run bench:catalog -- --database other_name      another database there
 *   BENCH_DATABASE_URL=postgresql://…/db npm run bench:catalog
 *   npm run bench:catalog -- --embedded                 the embedded database of `npm run seed:bench -- --embedded`
 *   options: --duration 10 (s), --warmup 3 (s), --connections 16, --only search-pt,product (case names),
 *            --web-processes 1|2|auto (the server's WEB_PROCESSES; needs the PostgreSQL server),
 *            --page-cache on|off|both (both: every case with the anonymous page cache, then without it),
 *            --visitor anonymous|buyer|both (buyer: a signed-in member of a buyer organization, see below),
 *            --buyer-email buyer.br@demo.ponte.test (the demo buyer whose session the bench opens),
 *            --loaders live|memory (memory: tests/bench/render-ceiling-server.ts, where every loader answers a URL
 *            from memory after its first call; page cache off: the render pipeline's own bound, see the README)
 *
 * The signed-in buyer: before the server starts, the bench opens a real session for an existing demo buyer of the
 * bench database (createUserSession, as signing in does: the buyer's oldest membership becomes the active
 * organization) and signs its cookie with the server's SESSION_SECRET; every request of the buyer's cases carries
 * it (and the CSRF cookie the first answer set, as a browser would). buyer.br@demo.ponte.test buys for Casa
 * Paulista Distribuidora: prices in BRL (the account's currency), delivery to São Paulo state (the organization's).
 * Signed-in pages are never served from the page cache. The session is deleted when the bench ends.
 *
 * Page bytes: each case's page as served (HTML including its inline hydration data, uncompressed; of which the
 * hydration data: the inline scripts that feed Remix), and its gzip size at level 6 for reference.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { benchTarget } from "../../prisma/seed-bench";
import { args, freePort, openBuyerSession, option, SERVER_NODE_FLAGS, stop, waitFor } from "./bench-support";

const DURATION = Number(option("duration", "10"));
const WARMUP = Number(option("warmup", "3"));
const CONNECTIONS = Number(option("connections", "16"));
const ONLY = option("only", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const PAGE_CACHE = option("page-cache", "both");
const WEB_PROCESSES = option("web-processes", "1");
/** live: the app as deployed; memory: the same pages with loaders answered from memory (the render pipeline alone). */
const LOADERS = option("loaders", "live") === "memory" ? "memory" : "live";
const MODES: ("cached" | "uncached")[] = PAGE_CACHE === "off" || LOADERS === "memory" ? ["uncached"] : PAGE_CACHE === "on" ? ["cached"] : ["cached", "uncached"];
const VISITOR = option("visitor", "both");
const VISITORS: Visitor[] = VISITOR === "anonymous" ? ["anonymous"] : VISITOR === "buyer" ? ["buyer"] : ["anonymous", "buyer"];
const BUYER_EMAIL = option("buyer-email", "buyer.br@demo.ponte.test");
const DEEP_OFFSET = 5000;
/** Page cache on: what anonymous visitors get (p95 and share of the bare server answering the same page). */
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1 / 3;
/** Page cache off (every request rendered, as for a signed-in buyer): issue 14's targets per kind of page. */
const RENDERED_TARGETS: Record<Case["kind"], { rps: number; p95Ms: number; maxBytes: number | null }> = {
  listing: { rps: 250, p95Ms: 100, maxBytes: 70_000 },
  product: { rps: 300, p95Ms: 80, maxBytes: null },
  search: { rps: 150, p95Ms: 150, maxBytes: null },
};

type Visitor = "anonymous" | "buyer";

interface Case {
  name: string;
  kind: "listing" | "search" | "product";
  /** One path, or several that each connection cycles through. */
  paths: string[];
}

interface Measured {
  name: string;
  visitor?: Visitor;
  /** Page cache on (anonymous pages kept for PAGE_CACHE_SECONDS) or off (every request rendered). */
  mode?: "cached" | "uncached";
  path: string;
  /** The page as served, uncompressed: HTML with its inline hydration data (mean over the case's paths). */
  bytes: number;
  /** Of which the hydration data (the inline scripts that feed Remix). */
  hydrationBytes: number;
  /** The same page gzipped at level 6. */
  gzipBytes: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** autocannon against `paths` (cycled per connection); latencies from every response, for exact percentiles. */
async function load(base: string, paths: string[], seconds: number, headers: Record<string, string> = {}): Promise<Omit<Measured, "name" | "path" | "bytes" | "hydrationBytes" | "gzipBytes">> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: seconds,
        requests: paths.map((p) => ({ method: "GET" as const, path: p })),
        headers: { accept: "text/html", ...headers },
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Each case's first page as the app answered it: what the bare server answers for that case's ceiling. */
const samples = new Map<string, Buffer>();

/** The inline scripts that carry the loaders' data to the browser (window.__remixContext and its stream). */
function hydrationBytes(html: string): number {
  let total = 0;
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) if (m[1]!.includes("__remixContext")) total += Buffer.byteLength(m[0]);
  return total;
}

interface VisitorHeaders {
  visitor: Visitor;
  headers: Record<string, string>;
  /** What a page of this visitor must contain (the buyer's e-mail: the page was rendered for the session). */
  mustContain: string | null;
}

async function measure(base: string, c: Case, who: VisitorHeaders = { visitor: "anonymous", headers: {}, mustContain: null }): Promise<Measured> {
  // Every path answers 200 before we time it (a 404 or 500 page is not a measurement), for this visitor.
  let bytes = 0;
  let hydration = 0;
  let gzip = 0;
  const label = who.visitor === "buyer" ? `${c.name} (buyer)` : c.name;
  for (const p of c.paths) {
    const response = await fetch(base + p, { headers: { accept: "text/html", ...who.headers } });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${label}: GET ${p} answered ${response.status}`);
    const html = body.toString("utf8");
    if (who.mustContain && !html.includes(who.mustContain)) throw new Error(`${label}: GET ${p} was not rendered for the signed-in buyer (no ${who.mustContain} in the page)`);
    bytes += body.byteLength;
    hydration += hydrationBytes(html);
    gzip += gzipSync(body, { level: 6 }).byteLength;
    if (!samples.has(c.name) && !c.name.startsWith("bare ") && who.visitor === "anonymous") samples.set(c.name, body);
  }
  process.stdout.write(`  ${label.padEnd(22)} warm-up ${WARMUP} s, measure ${DURATION} s …`);
  if (WARMUP > 0) await load(base, c.paths, WARMUP, who.headers);
  const result = await load(base, c.paths, DURATION, who.headers);
  process.stdout.write(` ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms\n`);
  const n = c.paths.length;
  return {
    name: c.name,
    visitor: who.visitor,
    path: n === 1 ? c.paths[0]! : `${c.paths[0]} (+${n - 1} others)`,
    bytes: Math.round(bytes / n),
    hydrationBytes: Math.round(hydration / n),
    gzipBytes: Math.round(gzip / n),
    ...result,
  };
}

/** The buyer's request headers: the session cookie, and the CSRF cookie the server hands a new browser. */
async function buyerHeaders(base: string, session: { cookie: string; email: string }): Promise<VisitorHeaders> {
  const first = await fetch(`${base}/pt/products`, { headers: { accept: "text/html", cookie: session.cookie } });
  await first.arrayBuffer();
  const csrf = first.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => !c.startsWith("ponte_session="));
  return { visitor: "buyer", headers: { cookie: [session.cookie, ...csrf].join("; ") }, mustContain: session.email };
}

interface ListingPage {
  nextHref: string | null;
  productHrefs: string[];
  cards: number;
  /** "10,000+ produtos" as the page says it. */
  countText: string | null;
}

const decodeHtml = (text: string) => text.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');

/** What the bench needs from a listing page's HTML: its "next" link and its product links. */
async function listingPage(base: string, href: string): Promise<ListingPage> {
  const response = await fetch(base + href, { headers: { accept: "text/html" } });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET ${href} answered ${response.status}`);
  const next = /<a\b[^>]*\brel="next"[^>]*\bhref="([^"]+)"/.exec(html) ?? /<a\b[^>]*\bhref="([^"]+)"[^>]*\brel="next"/.exec(html);
  const productHrefs = [...new Set([...html.matchAll(/href="(\/[a-z]{2}\/products\/[^"?#]+)"/g)].map((m) => decodeHtml(m[1]!)))];
  const count = /data-testid="result-count"[^>]*>([^<]+)</.exec(html);
  return { nextHref: next ? decodeHtml(next[1]!) : null, productHrefs, cards: productHrefs.length, countText: count ? decodeHtml(count[1]!).trim() : null };
}

/** Follows the listing's "next" links to the page at offset ~5,000; collects product pages on the way. */
async function discover(base: string): Promise<{ deepHref: string; deepPage: number; deepOffset: number; productPaths: string[]; total: string }> {
  let href = "/pt/products";
  let data = await listingPage(base, href);
  const total = data.countText ?? "?";
  const perPage = data.cards;
  if (perPage === 0) throw new Error("the listing is empty: seed the bench catalog first (npm run seed:bench)");
  const productPaths: string[] = [];
  const started = Date.now();
  let page = 1;
  while ((page - 1) * perPage < DEEP_OFFSET) {
    if (!data.nextHref) throw new Error(`the listing ends at page ${page}: seed the bench catalog first (npm run seed:bench)`);
    href = data.nextHref;
    data = await listingPage(base, href);
    page += 1;
    if (page % 5 === 0 && data.productHrefs[0]) productPaths.push(data.productHrefs[0]);
  }
  console.log(`  deep page: page ${page} (offset ${((page - 1) * perPage).toLocaleString("en")}), reached by following "next" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { deepHref: href, deepPage: page, deepOffset: (page - 1) * perPage, productPaths: productPaths.slice(0, 40), total };
}

/**
 * A bare Node http server answering one fixed page, in its own process (like the real server). The page is the
 * case's own page as the app served it: the load generator's cost grows with what it parses (a synthetic body
 * of repeated ASCII is parsed ~2.5× faster than a real page of the same size), so only the same bytes make a fair
 * ceiling.
 */
async function startBareServer(port: number, page: Buffer): Promise<ChildProcess> {
  const file = path.join(os.tmpdir(), `ponte-bench-page-${port}.html`);
  writeFileSync(file, page);
  const script = `
    const http = require("node:http");
    const body = require("node:fs").readFileSync(${JSON.stringify(file)});
    http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
      res.end(body);
    }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await waitFor(`http://127.0.0.1:${port}/`, child, 10_000);
  return child;
}

function cpuModel(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}`;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

async function main() {
  const target = benchTarget(args);
  if (!existsSync("build/index.js")) throw new Error("no build: run `npm run build` first (bench:catalog serves the existing build)");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PONTE_WORKERS: "off",
    PONTE_SEED_DEMO: "false",
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_URL: base,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    PONTE_DATA_DIR: target.dataDir,
  };
  if (target.kind === "server") env.DATABASE_URL = target.url;
  else delete env.DATABASE_URL;
  if (target.kind === "embedded" && !existsSync(path.join(target.dataDir, "pg"))) throw new Error("no embedded bench database: run `npm run seed:bench -- --embedded` first");

  const where = target.kind === "server" ? `PostgreSQL server, database ${target.database}` : "embedded PGlite";
  console.log(`[bench:catalog] ${where}; ${WEB_PROCESSES} web process(es)${LOADERS === "memory" ? ", loaders answered from memory (the render pipeline alone)" : ""}; ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per case; visitors: ${VISITORS.join(", ")}; ${cpuModel()}, Node ${process.version}`);
  const session = VISITORS.includes("buyer") ? await openBuyerSession(env, base, BUYER_EMAIL) : null;
  if (session) console.log(`  signed-in buyer: ${session.email}, ${session.organization} (a fresh session)`);
  const results: Measured[] = [];
  let discovered: Awaited<ReturnType<typeof discover>> | undefined;
  try {
    // Each mode is its own server process: the page cache as deployed (anonymous pages kept PAGE_CACHE_SECONDS), and
    // without it (every request rendered: what a visitor with a new filter combination waits for). Signed-in
    // buyers are rendered in both (the page cache never serves them).
    for (const mode of MODES) {
      console.log(`  page cache ${mode === "cached" ? "on (PAGE_CACHE_SECONDS=10)" : "off (every request rendered)"}:`);
      const entry = LOADERS === "memory" ? "tests/bench/render-ceiling-server.ts" : "app/server/index.ts";
      const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", entry], {
        env: { ...env, PAGE_CACHE_SECONDS: mode === "cached" ? "10" : "0", WEB_PROCESSES: WEB_PROCESSES },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let serverLog = "";
      server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
      server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
      try {
        try {
          await waitFor(`${base}/healthz`, server, 120_000);
        } catch (error) {
          console.error(serverLog);
          throw error;
        }
        discovered ??= await discover(base);
        if (mode === MODES[0]) console.log(`  catalog: ${discovered.total}`);
        const cases: Case[] = [
          { name: "listing-first", kind: "listing", paths: ["/pt/products"] },
          { name: "listing-deep", kind: "listing", paths: [discovered.deepHref] },
          { name: "search-pt", kind: "search", paths: ["/pt/products?q=bateria"] },
          { name: "search-es", kind: "search", paths: ["/es/products?q=acondicionado"] },
          { name: "search-en", kind: "search", paths: ["/en/products?q=charger"] },
          { name: "search-zh", kind: "search", paths: [`/zh/products?q=${encodeURIComponent("空调")}`] },
          { name: "product", kind: "product", paths: discovered.productPaths },
        ].filter((c) => ONLY.length === 0 || ONLY.includes(c.name)) as Case[];
        const who: VisitorHeaders[] = [];
        if (VISITORS.includes("anonymous")) who.push({ visitor: "anonymous", headers: {}, mustContain: null });
        if (session) who.push(await buyerHeaders(base, session));
        for (const c of cases) for (const w of who) results.push({ ...(await measure(base, c, w)), mode });
      } finally {
        await stop(server);
      }
    }
  } finally {
    await session?.close();
  }

  // The ceilings: the same load on a bare server answering each case's own page (its first path's bytes, as an
  // anonymous visitor got it), for the cases measured with the page cache on (the target it belongs to).
  const ceilings = new Map<string, Measured>();
  const cachedNames = new Set(results.filter((r) => r.mode === "cached").map((r) => r.name));
  for (const [name, page] of [...samples]) {
    if (!cachedNames.has(name)) continue;
    const barePort = await freePort();
    const bare = await startBareServer(barePort, page);
    try {
      ceilings.set(name, await measure(`http://127.0.0.1:${barePort}`, { name: `bare ${name}`, kind: "listing", paths: ["/"] }));
    } finally {
      await stop(bare);
    }
  }

  const kindOf = (name: string): Case["kind"] => (name.startsWith("search") ? "search" : name.startsWith("listing") ? "listing" : "product");
  const rows = results.map((r) => {
    const ceiling = ceilings.get(r.name);
    const kind = kindOf(r.name);
    if (r.mode === "cached" && r.visitor === "anonymous") {
      const ratio = ceiling ? r.rps / ceiling.rps : Number.NaN;
      return { ...r, kind, bareRps: ceiling?.rps ?? Number.NaN, ratio, targets: { p95Ms: TARGET_P95_MS, ratioToBare: TARGET_RATIO }, meets: { p95: r.p95 <= TARGET_P95_MS, rps: ratio >= TARGET_RATIO, bytes: true } };
    }
    // Rendered pages (page cache off, or a signed-in buyer): issue 14's targets.
    const target = RENDERED_TARGETS[kind];
    return {
      ...r,
      kind,
      bareRps: ceiling?.rps ?? Number.NaN,
      ratio: ceiling ? r.rps / ceiling.rps : Number.NaN,
      targets: target,
      meets: { p95: r.p95 <= target.p95Ms, rps: r.rps >= target.rps, bytes: target.maxBytes === null || r.bytes <= target.maxBytes },
    };
  });
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log("");
  console.log(`Targets: page cache on (anonymous): p95 ≤ ${TARGET_P95_MS} ms and ≥ 1/3 of the bare server; rendered (page cache off, or signed in): listing ≥ 250 req/s, p95 ≤ 100 ms, page ≤ 70 kB; product ≥ 300 req/s, p95 ≤ 80 ms; search ≥ 150 req/s, p95 ≤ 150 ms.`);
  console.log(`| case | visitor | page cache | page (HTML + hydration data) | of which hydration data | gzip | req/s | p50 ms | p95 ms | p99 ms | errors | bare server req/s (same page) | ratio to bare | targets |`);
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const marks = [r.meets.rps ? "rps ✓" : "rps ✗", r.meets.p95 ? "p95 ✓" : "p95 ✗", ...("maxBytes" in r.targets && r.targets.maxBytes ? [r.meets.bytes ? "bytes ✓" : "bytes ✗"] : [])].join(" ");
    console.log(
      `| ${r.name} | ${r.visitor} | ${r.mode === "cached" ? "on" : "off"} | ${kb(r.bytes)} | ${kb(r.hydrationBytes)} | ${kb(r.gzipBytes)} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors + r.non2xx} | ${fmt(r.bareRps, 0)} | ${Number.isFinite(r.ratio) ? `${fmt(r.ratio * 100)} %` : "–"} | ${marks} |`,
    );
  }

  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpuModel(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}`, loadAverage: os.loadavg() },
    database: target.kind === "server" ? { kind: "server", name: target.database } : { kind: "embedded" },
    catalog: { listed: discovered!.total, deepPage: discovered!.deepPage, deepOffset: discovered!.deepOffset },
    loaders: LOADERS,
    load: { tool: "autocannon", webProcesses: WEB_PROCESSES, connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION },
    visitors: { list: VISITORS, buyer: session ? { email: session.email, organization: session.organization } : null },
    targets: { cached: { p95Ms: TARGET_P95_MS, ratioToBare: TARGET_RATIO }, rendered: RENDERED_TARGETS },
    cases: rows,
    ceilings: Object.fromEntries(ceilings),
  };
  mkdirSync("test-results", { recursive: true });
  const file = `test-results/bench-catalog${target.kind === "server" ? "" : "-embedded"}${LOADERS === "memory" ? "-loaders-in-memory" : ""}.json`;
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\n[bench:catalog] written to ${file}`);
  const missed = rows.filter((r) => !r.meets.p95 || !r.meets.rps || !r.meets.bytes).map((r) => `${r.name} (${r.visitor}, page cache ${r.mode === "cached" ? "on" : "off"})`);
  if (missed.length) console.log(`[bench:catalog] below target: ${missed.join(", ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
