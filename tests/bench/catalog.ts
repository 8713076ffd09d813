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
 *            --page-cache on|off|both (both: every case with the anonymous page cache, then without it)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { benchTarget } from "../../prisma/seed-bench";
import { args, freePort, option, SERVER_NODE_FLAGS, stop, waitFor } from "./bench-support";

const DURATION = Number(option("duration", "10"));
const WARMUP = Number(option("warmup", "3"));
const CONNECTIONS = Number(option("connections", "16"));
const ONLY = option("only", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const PAGE_CACHE = option("page-cache", "both");
const WEB_PROCESSES = option("web-processes", "1");
const MODES: ("cached" | "uncached")[] = PAGE_CACHE === "on" ? ["cached"] : PAGE_CACHE === "off" ? ["uncached"] : ["cached", "uncached"];
const DEEP_OFFSET = 5000;
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1 / 3;

interface Case {
  name: string;
  kind: "listing" | "search" | "product";
  /** One path, or several that each connection cycles through. */
  paths: string[];
}

interface Measured {
  name: string;
  /** Page cache on (anonymous pages kept for PAGE_CACHE_SECONDS) or off (every request rendered). */
  mode?: "cached" | "uncached";
  path: string;
  bytes: number;
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
async function load(base: string, paths: string[], seconds: number): Promise<Omit<Measured, "name" | "path" | "bytes">> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: seconds,
        requests: paths.map((p) => ({ method: "GET" as const, path: p })),
        headers: { accept: "text/html" },
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

async function measure(base: string, c: Case): Promise<Measured> {
  // Every path answers 200 before we time it (a 404 or 500 page is not a measurement).
  let bytes = 0;
  for (const p of c.paths) {
    const response = await fetch(base + p, { headers: { accept: "text/html" } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${c.name}: GET ${p} answered ${response.status}`);
    bytes += body.byteLength;
    if (!samples.has(c.name) && !c.name.startsWith("bare ")) samples.set(c.name, Buffer.from(body));
  }
  process.stdout.write(`  ${c.name.padEnd(14)} warm-up ${WARMUP} s, measure ${DURATION} s …`);
  if (WARMUP > 0) await load(base, c.paths, WARMUP);
  const result = await load(base, c.paths, DURATION);
  process.stdout.write(` ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms\n`);
  return { name: c.name, path: c.paths.length === 1 ? c.paths[0]! : `${c.paths[0]} (+${c.paths.length - 1} others)`, bytes: Math.round(bytes / c.paths.length), ...result };
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
  console.log(`[bench:catalog] ${where}; ${WEB_PROCESSES} web process(es); ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per case; ${cpuModel()}, Node ${process.version}`);
  const results: Measured[] = [];
  let discovered: Awaited<ReturnType<typeof discover>> | undefined;
  // Each mode is its own server process: the page cache as deployed (anonymous pages kept PAGE_CACHE_SECONDS), and
  // without it (every request rendered: what a visitor with a new filter combination, or a signed-in buyer, waits).
  for (const mode of MODES) {
    console.log(`  page cache ${mode === "cached" ? "on (PAGE_CACHE_SECONDS=10)" : "off (every request rendered)"}:`);
    const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "app/server/index.ts"], {
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
      for (const c of cases) results.push({ ...(await measure(base, c)), mode });
    } finally {
      await stop(server);
    }
  }

  // The ceilings: the same load on a bare server answering each case's own page (its first path's bytes).
  const ceilings = new Map<string, Measured>();
  for (const [name, page] of [...samples]) {
    const barePort = await freePort();
    const bare = await startBareServer(barePort, page);
    try {
      ceilings.set(name, await measure(`http://127.0.0.1:${barePort}`, { name: `bare ${name}`, kind: "listing", paths: ["/"] }));
    } finally {
      await stop(bare);
    }
  }

  const kinds = new Map(results.map((r) => [r.name, r.name.startsWith("search") ? "search" : r.name.startsWith("listing") ? "listing" : "product"]));
  const rows = results.map((r) => {
    const ceiling = ceilings.get(r.name)!;
    return {
      ...r,
      bareRps: ceiling.rps,
      ratio: r.rps / ceiling.rps,
      meetsLatency: r.p95 <= TARGET_P95_MS,
      meetsThroughput: r.rps / ceiling.rps >= TARGET_RATIO,
      kind: kinds.get(r.name),
    };
  });
  console.log("");
  console.log(`| case | page cache | bytes | req/s | p50 ms | p95 ms | p99 ms | errors | bare server req/s (same page) | ratio to bare | targets (p95 ≤ ${TARGET_P95_MS} ms, ≥ 1/3 of bare) |`);
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.mode === "cached" ? "on" : "off"} | ${r.bytes.toLocaleString("en")} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors + r.non2xx} | ${fmt(r.bareRps, 0)} | ${fmt(r.ratio * 100)} % | ${r.meetsLatency ? "p95 ✓" : "p95 ✗"} ${r.meetsThroughput ? "rps ✓" : "rps ✗"} |`,
    );
  }

  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpuModel(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
    database: target.kind === "server" ? { kind: "server", name: target.database } : { kind: "embedded" },
    catalog: { listed: discovered!.total, deepPage: discovered!.deepPage, deepOffset: discovered!.deepOffset },
    load: { tool: "autocannon", webProcesses: WEB_PROCESSES, connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION },
    targets: { p95Ms: TARGET_P95_MS, ratioToBare: TARGET_RATIO },
    cases: rows,
    ceilings: Object.fromEntries(ceilings),
  };
  mkdirSync("test-results", { recursive: true });
  const file = target.kind === "server" ? "test-results/bench-catalog.json" : "test-results/bench-catalog-embedded.json";
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\n[bench:catalog] written to ${file}`);
  const missed = rows.filter((r) => !r.meetsLatency || !r.meetsThroughput).map((r) => `${r.name} (page cache ${r.mode === "cached" ? "on" : "off"})`);
  if (missed.length) console.log(`[bench:catalog] below target: ${missed.join(", ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
