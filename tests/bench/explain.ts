/**
 * `npx tsx tests/bench/explain.ts [--database ponte_bench] [--min-ms 5]`: the plans of the queries behind each
 * bench case, as the real server runs them (PostgreSQL server only).
 *
 * Turns on auto_explain (ANALYZE, BUFFERS) for the bench database, starts the server like bench:catalog with the
 * page cache off, requests each case's page twice — "first" (the process's own caches cold for it: compiled
 * searches, search counts and facets are kept 30 s) and "again" (what every further request of the benchmark
 * costs) — reads the plans PostgreSQL logged for each request from the server's log file, and prints every
 * statement slower than --min-ms with its plan. The
 * settings are removed from the database afterwards. Needs a superuser connection and a readable server log
 * (`pg_current_logfile()`, else Debian's /var/log/postgresql/postgresql-<version>-main.log).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import { benchTarget } from "../../prisma/seed-bench";

const args = process.argv.slice(2);
const minIndex = args.indexOf("--min-ms");
const MIN_MS = minIndex >= 0 ? Number(args[minIndex + 1]) : 5;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function logFile(url: string): Promise<string> {
  const [row] = await query<{ file: string | null; dir: string; version: string }>(
    url,
    `SELECT pg_current_logfile() AS file, current_setting('data_directory') AS dir, current_setting('server_version_num') AS version`,
  );
  if (row?.file) return row.file.startsWith("/") ? row.file : `${row.dir}/${row.file}`;
  const debian = `/var/log/postgresql/postgresql-${Math.floor(Number(row?.version) / 10000)}-main.log`;
  if (existsSync(debian)) return debian;
  throw new Error("cannot find the PostgreSQL server's log file (turn logging_collector on, or run on the server's machine)");
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Plan {
  ms: number;
  text: string;
}

/** auto_explain entries of `database` logged after byte `from`: "duration: N ms  plan:" and the lines after it. */
function plansSince(file: string, from: number, database: string): Plan[] {
  const text = readFileSync(file).subarray(from).toString("utf8");
  const plans: Plan[] = [];
  let current: Plan | null = null;
  for (const line of text.split("\n")) {
    const head = new RegExp(`^\\S+ \\S+ \\S+ \\[\\d+\\] \\S+@${database} LOG:  duration: ([\\d.]+) ms  plan:`).exec(line);
    if (head) {
      current = { ms: Number(head[1]), text: "" };
      plans.push(current);
    } else if (current && /^\s/.test(line)) {
      current.text += `${line.replace(/^\t/, "")}\n`;
    } else {
      current = null;
    }
  }
  return plans;
}

async function main() {
  const target = benchTarget(args);
  if (target.kind !== "server") throw new Error("explain needs the PostgreSQL server (auto_explain)");
  const admin = target.adminUrl!;
  const db = `"${target.database}"`;
  const file = await logFile(admin);
  const settings: [string, string][] = [
    ["session_preload_libraries", "auto_explain"],
    ["auto_explain.log_min_duration", "0"],
    ["auto_explain.log_analyze", "on"],
    ["auto_explain.log_buffers", "on"],
    ["auto_explain.log_nested_statements", "on"],
  ];
  for (const [name, value] of settings) await query(admin, `ALTER DATABASE ${db} SET ${name} = '${value}'`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", PONTE_WORKERS: "off", PONTE_SEED_DEMO: "false", PAGE_CACHE_SECONDS: "0", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, SESSION_SECRET: randomBytes(32).toString("base64url"), PONTE_DATA_DIR: target.dataDir, DATABASE_URL: target.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const report: string[] = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // starting
      }
      if (i > 480) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
    const previous = existsSync("test-results/bench-catalog.json") ? (JSON.parse(readFileSync("test-results/bench-catalog.json", "utf8")) as { cases: { name: string; path: string }[] }) : null;
    const deep = previous?.cases.find((c) => c.name === "listing-deep")?.path;
    const product = previous?.cases.find((c) => c.name === "product")?.path.split(" ")[0];
    const cases: [string, string][] = [
      ["listing-first", "/pt/products"],
      ...(deep ? ([["listing-deep", deep]] as [string, string][]) : []),
      ["search-pt", "/pt/products?q=bateria"],
      ["search-es", "/es/products?q=acondicionado"],
      ["search-en", "/en/products?q=charger"],
      ["search-zh", `/zh/products?q=${encodeURIComponent("空调")}`],
      ...(product ? ([["product", product]] as [string, string][]) : []),
    ];
    for (const [name, path] of cases) {
      for (const round of ["first", "again"]) {
        await new Promise((r) => setTimeout(r, 300));
        const from = statSync(file).size;
        const started = performance.now();
        const response = await fetch(base + path);
        await response.arrayBuffer();
        const wall = performance.now() - started;
        await new Promise((r) => setTimeout(r, 500));
        const plans = plansSince(file, from, target.database!);
        const total = plans.reduce((n, p) => n + p.ms, 0);
        report.push(`\n=== ${name} (${round}): GET ${path} → ${response.status} in ${wall.toFixed(0)} ms; ${plans.length} statements, ${total.toFixed(1)} ms in the database (with ANALYZE overhead)`);
        for (const plan of plans.filter((p) => p.ms >= MIN_MS).sort((a, b) => b.ms - a.ms)) report.push(`--- ${plan.ms.toFixed(1)} ms\n${plan.text}`);
      }
    }
  } finally {
    server.kill("SIGTERM");
    for (const [name] of settings) await query(admin, `ALTER DATABASE ${db} RESET ${name}`);
  }
  const output = report.join("\n");
  console.log(output);
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/bench-catalog-plans.txt", output);
  console.log("\n[explain] written to test-results/bench-catalog-plans.txt");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
