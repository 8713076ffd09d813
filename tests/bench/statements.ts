/**
 * `npx tsx tests/bench/statements.ts`: what one catalog request costs, anonymous and signed in, without load: the
 * SQL statements it sends (counted at the `pg` driver, so every statement of every loader and of the HTTP app's
 * middleware) and the CPU time of this process per request. The robust measures when the machine is shared (the
 * load bench's req/s depend on who else runs).
 *
 * Runs the real HTTP app (app/server/http.server.ts over the existing build: `npm run build` first) in this process,
 * page cache off, on the bench database (like bench:catalog: DATABASE_URL's server, database ponte_bench), with a
 * fresh session of a demo buyer (--buyer-email, default buyer.br@demo.ponte.test; deleted afterwards).
 *
 *   options: --requests 20 (measured per case and visitor, after 3 unmeasured), --only listing-first,product,
 *            --show-sql (print the statements of one request of each case), --cpu-prof (write a CPU profile of the
 *            measured requests to test-results/statements-<visitor>.cpuprofile)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import pg from "pg";
import { args, option, startInProcessApp } from "./bench-support";

const REQUESTS = Number(option("requests", "20"));
const ONLY = option("only", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const SHOW_SQL = args.includes("--show-sql");
const CPU_PROF = args.includes("--cpu-prof");

// Every statement any pool client sends (Prisma's adapter and raw pg alike) passes through Client#query.
let statements = 0;
let recording: string[] | null = null;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...queryArgs: unknown[]) {
  statements += 1;
  if (recording) {
    const first = queryArgs[0] as string | { text?: string };
    recording.push((typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").slice(0, 160));
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, queryArgs);
} as typeof pg.Client.prototype.query;

async function main() {
  const app = await startInProcessApp("statements.ts");
  const { origin, session } = app;
  const profiler = CPU_PROF ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
  }

  try {
    const first = await fetch(`${origin}/pt/products`, { headers: { cookie: session.cookie } });
    const listing = await first.text();
    const csrf = first.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => !c.startsWith("ponte_session="));
    const product = /href="(\/pt\/products\/[^"?#]+)"/.exec(listing)?.[1];
    if (!product) throw new Error("no product link on the listing: seed the bench catalog (npm run seed:bench)");
    const cases = [
      { name: "listing-first", path: "/pt/products" },
      { name: "search-pt", path: "/pt/products?q=bateria" },
      { name: "product", path: product },
    ].filter((c) => ONLY.length === 0 || ONLY.includes(c.name));
    const visitors = [
      { name: "anonymous", cookie: csrf.join("; ") },
      { name: "buyer", cookie: [session.cookie, ...csrf].join("; ") },
    ];
    const rows: { case: string; visitor: string; statements: number; cpuMs: number; wallMs: number; bytes: number }[] = [];
    for (const visitor of visitors) {
      if (profiler) await profiler.post("Profiler.start");
      for (const c of cases) {
        const get = async () => {
          const response = await fetch(origin + c.path, { headers: { accept: "text/html", cookie: visitor.cookie } });
          const body = await response.text();
          if (response.status !== 200) throw new Error(`${c.name} (${visitor.name}): ${response.status}`);
          if (visitor.name === "buyer" && !body.includes(session.email)) throw new Error(`${c.name}: not rendered for the signed-in buyer`);
          return body.length;
        };
        for (let i = 0; i < 3; i++) await get();
        if (SHOW_SQL) {
          recording = [];
          await get();
          console.log(`\n${c.name} (${visitor.name}): ${recording.length} statements`);
          for (const sql of recording) console.log(`  ${sql}`);
          recording = null;
        }
        const before = statements;
        const cpu = process.cpuUsage();
        const started = performance.now();
        let bytes = 0;
        for (let i = 0; i < REQUESTS; i++) bytes = await get();
        const used = process.cpuUsage(cpu);
        rows.push({
          case: c.name,
          visitor: visitor.name,
          statements: (statements - before) / REQUESTS,
          cpuMs: (used.user + used.system) / 1000 / REQUESTS,
          wallMs: (performance.now() - started) / REQUESTS,
          bytes,
        });
      }
      if (profiler) {
        const { profile } = await profiler.post("Profiler.stop");
        mkdirSync("test-results", { recursive: true });
        writeFileSync(`test-results/statements-${visitor.name}.cpuprofile`, JSON.stringify(profile));
      }
    }
    console.log(`\nOne request at a time, ${REQUESTS} per row (CPU: this process, server and client; page cache off):`);
    console.log("| case | visitor | statements / request | CPU ms / request | wall ms / request | page bytes |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.case} | ${r.visitor} | ${r.statements.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${r.wallMs.toFixed(1)} | ${r.bytes.toLocaleString("en")} |`);
  } finally {
    profiler?.disconnect();
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
