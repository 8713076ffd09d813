/**
 * `npm run bench:checkout`: concurrent buyers checking out through the real HTTP form flow, on contended SKUs.
 *
 * On the PostgreSQL server at DATABASE_URL (or BENCH_DATABASE_URL) it creates a database of its own, migrates it,
 * seeds the reference data, one manufacturer with a few SKUs in stock in São Paulo (GRU) and `--buyers` buyer
 * companies in São Paulo, each with a signed-in member (a real session cookie). Then it starts the real server (the
 * existing build: run `npm run build` first) in production mode and lets every buyer loop, all at once, for
 * `--duration` seconds: POST /pt/cart (add a contended SKU; the CSRF token is the one of the cart page opened first), GET /pt/checkout (holds the stock; the page carries the
 * CSRF token), POST /pt/checkout (places the orders; 302 to the confirmation, or 409 when another buyer took the
 * stock). Afterwards it checks that nothing was oversold (units ordered from the warehouse ≤ units received, per
 * SKU; reservations = balance) and that the ledger is consistent, writes test-results/bench-checkout.json, prints a
 * summary and drops its database.
 *
 *   npm run bench:checkout -- [--buyers 48] [--duration 20] [--stock 400] [--skus 4] [--web-processes 1|2|auto]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { freePort, option, SERVER_NODE_FLAGS, stop, waitFor } from "./bench-support";

const BUYERS = Number(option("buyers", "48"));
const DURATION_S = Number(option("duration", "20"));
const STOCK = Number(option("stock", "400"));
const SKUS = Number(option("skus", "4"));
const WEB_PROCESSES = option("web-processes", "1");
/** `--profile DIR`: the server writes V8 CPU profiles there (open them in Chrome DevTools or speedscope). */
const PROFILE_DIR = option("profile", "");
const TARGET = 100;

async function admin(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds (user + system) used so far by a process and its children (the cluster's web processes), from
 * /proc: what each checkout costs the server, a figure that depends less on what else the machine runs than
 * checkouts per second do. Null where /proc is not there.
 */
function processTreeCpuSeconds(rootPid: number): number | null {
  if (!existsSync(`/proc/${rootPid}/stat`)) return null;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we read
    }
  }
  let ticks = 0;
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return ticks / ticksPerSecond;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One buyer's cookie jar: the session cookie it signed in with, plus what the server sets (the CSRF cookie). */
class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(initial: string) {
    this.take([initial]);
  }
  take(setCookies: string[]) {
    for (const cookie of setCookies) {
      const pair = cookie.split(";")[0]!;
      this.cookies.set(pair.slice(0, pair.indexOf("=")), pair);
    }
  }
  get header() {
    return [...this.cookies.values()].join("; ");
  }
}

const CSRF_IN_PAGE = /name="csrf" value="([^"]+)"/;

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("bench:checkout runs on a PostgreSQL server: set DATABASE_URL (or BENCH_DATABASE_URL)");
  if (!existsSync("build/index.js")) throw new Error("no build: run `npm run build` first (bench:checkout serves the existing build)");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sessionSecret = randomBytes(32).toString("base64url");
  // The sessions are created here and read by the server: both sign with the same secret.
  Object.assign(process.env, { SESSION_SECRET: sessionSecret, APP_URL: base, PONTE_WORKERS: "off", PONTE_SEED_DEMO: "false" });

  const database = `ponte_bench_checkout_${Date.now()}_${randomBytes(2).toString("hex")}`;
  const target = new URL(serverUrl);
  target.pathname = `/${database}`;
  const url = target.toString();
  await admin(serverUrl, `CREATE DATABASE "${database}"`);

  const { applyMigrations } = await import("../../prisma/schema-engine");
  const { seedReferenceData } = await import("../../prisma/seed");
  const { connectDatabase, disconnectDatabase, unscopedDb } = await import("~/modules/db/index.server");
  const { applyMovement } = await import("~/modules/inventory/ledger.server");
  const { ensureOriginLocation } = await import("~/modules/inventory/seed.server");
  const { checkLedgerConsistency } = await import("~/modules/inventory/consistency.server");
  const { createUserSession } = await import("~/modules/tenancy/session.server");

  let server: ChildProcess | null = null;
  try {
    await applyMigrations(url);
    await connectDatabase({ url });
    await seedReferenceData();

    // ── seed: one manufacturer, SKUS contended SKUs with STOCK units each in São Paulo, BUYERS buyers ──────────
    const gru = (await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "GRU" }, select: { id: true } })).id;
    const maker = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Bench Appliances", countryCode: "CN" } });
    await ensureOriginLocation(unscopedDb, maker);
    const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
    const variants: { id: string; sku: string }[] = [];
    for (let i = 0; i < SKUS; i++) {
      const product = await unscopedDb.product.create({
        data: {
          organizationId: maker.id,
          categoryId: category.id,
          slug: `bench-checkout-${i}`,
          status: "PUBLISHED",
          publishedAt: new Date(),
          hsCode: "851660",
          currencyCode: "CNY",
          moq: 2,
          packSize: 2,
          translations: { create: [{ organizationId: maker.id, locale: "pt", name: `Fritadeira bench ${i}` }] },
          priceTiers: { create: [{ organizationId: maker.id, minQuantity: 2, unitPriceMinor: 15_000n }, { organizationId: maker.id, minQuantity: 100, unitPriceMinor: 12_000n }] },
        },
      });
      const variant = await unscopedDb.productVariant.create({
        data: { organizationId: maker.id, productId: product.id, sku: `BENCH-${i}`, netWeightG: 4000, grossWeightG: 5000, lengthMm: 300, widthMm: 300, heightMm: 350 },
      });
      await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: maker.id, warehouseId: gru, variantId: variant.id, kind: "RECEIPT", onHandDelta: STOCK }));
      variants.push({ id: variant.id, sku: variant.sku });
    }
    const jars: Jar[] = [];
    for (let i = 0; i < BUYERS; i++) {
      const org = await unscopedDb.organization.create({
        data: { kind: "BUYER", name: `Bench Compradora ${i}`, countryCode: "BR", region: "SP", city: "São Paulo", addressLine1: `Rua Bench, ${i + 1}`, postalCode: "01310-100", taxId: "11.222.333/0001-81" },
      });
      const user = await unscopedDb.user.create({ data: { email: `bench-buyer-${i}@bench.ponte.test`, name: `Buyer ${i}`, passwordHash: "unused", locale: "pt", currencyCode: "BRL", emailVerifiedAt: new Date() } });
      await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
      jars.push(new Jar(await createUserSession(user.id, new Request(`${base}/pt/login`))));
    }

    // ── the real server ─────────────────────────────────────────────────────────────────────────────────────
    const profileArgs = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    server = spawn(process.execPath, [...profileArgs, ...SERVER_NODE_FLAGS, "--import", "tsx", "app/server/index.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", APP_URL: base, SESSION_SECRET: sessionSecret, PONTE_WORKERS: "off", PONTE_SEED_DEMO: "false", WEB_PROCESSES, PAGE_CACHE_SECONDS: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let serverLog = "";
    server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
    server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
    try {
      await waitFor(`${base}/healthz`, server, 120_000);
    } catch (error) {
      console.error(serverLog);
      throw error;
    }

    const post = (jar: Jar, path: string, form: Record<string, string>) =>
      fetch(base + path, { method: "POST", redirect: "manual", headers: { cookie: jar.header, origin: base, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
    const get = (jar: Jar, path: string) => fetch(base + path, { redirect: "manual", headers: { cookie: jar.header, accept: "text/html" } });

    // Each buyer opens its cart first, as a browser would: the CSRF cookie, and the page's token (bound to this
    // session and cookie, so every later form of the session carries the same one).
    const tokens: string[] = [];
    for (const jar of jars) {
      const response = await get(jar, "/pt/cart");
      jar.take(response.headers.getSetCookie());
      const token = CSRF_IN_PAGE.exec(await response.text())?.[1];
      if (!token) throw new Error(`no CSRF token on the cart page (status ${response.status})`);
      tokens.push(token);
    }

    // ── the run ─────────────────────────────────────────────────────────────────────────────────────────────
    const checkoutLatencies: number[] = [];
    const flowLatencies: number[] = [];
    const addLatencies: number[] = [];
    const pageLatencies: number[] = [];
    let checkoutPageBytes = 0;
    let lastCheckoutPage = "";
    const counts = { placed: 0, refusedStock: 0, otherStatus: 0, errors: 0, ordersFromWarehouse: 0 };
    const statuses = new Map<number, number>();
    let lastConfirmation: { jar: Jar; path: string } | null = null;
    const deadline = Date.now() + DURATION_S * 1000;
    const serverCpuBefore = processTreeCpuSeconds(server.pid!);
    const started = performance.now();
    await Promise.all(
      jars.map(async (jar, b) => {
        let round = 0;
        while (Date.now() < deadline) {
          const variant = variants[(b + round++) % variants.length]!;
          const flowStart = performance.now();
          try {
            const added = await post(jar, "/pt/cart", { csrf: tokens[b]!, intent: "add", variantId: variant.id, quantity: "2" });
            await added.arrayBuffer();
            const tPage = performance.now();
            addLatencies.push(tPage - flowStart);
            const page = await get(jar, "/pt/checkout");
            const html = await page.text();
            pageLatencies.push(performance.now() - tPage);
            checkoutPageBytes = Buffer.byteLength(html);
            lastCheckoutPage = html;
            const token = CSRF_IN_PAGE.exec(html)?.[1];
            if (page.status !== 200 || !token) {
              counts.otherStatus++;
              statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
              continue;
            }
            const t0 = performance.now();
            const placed = await post(jar, "/pt/checkout", { csrf: token, recipient: "Bench", line1: "Rua Bench, 1", city: "São Paulo", region: "SP", postalCode: "01310-100", poNumber: `B${b}-${round}` });
            await placed.arrayBuffer();
            const t1 = performance.now();
            checkoutLatencies.push(t1 - t0);
            flowLatencies.push(t1 - flowStart);
            statuses.set(placed.status, (statuses.get(placed.status) ?? 0) + 1);
            const location = placed.headers.get("location") ?? "";
            if (placed.status === 302 && location.includes("/checkout/done/")) {
              counts.placed++;
              lastConfirmation = { jar, path: new URL(location, base).pathname };
            }
            else if (placed.status === 409) counts.refusedStock++;
            else counts.otherStatus++;
          } catch {
            counts.errors++;
          }
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const serverCpuAfter = processTreeCpuSeconds(server.pid!);
    const serverCpuSeconds = serverCpuBefore !== null && serverCpuAfter !== null ? serverCpuAfter - serverCpuBefore : null;

    // The pages around the flow answer too: a confirmation page lists its orders, a product page offers the form.
    const confirmation = lastConfirmation as { jar: Jar; path: string } | null;
    const confirmationPage = confirmation ? await get(confirmation.jar, confirmation.path) : null;
    const confirmationOk = Boolean(confirmationPage && confirmationPage.status === 200 && (await confirmationPage.text()).includes('data-testid="placed-order"'));
    const productPage = await get(jars[0]!, "/pt/products/bench-checkout-0");
    const productFormOk = productPage.status === 200 && (await productPage.text()).includes('data-testid="add-to-cart"');

    // ── oversell and ledger checks ──────────────────────────────────────────────────────────────────────────
    let oversold = 0;
    const perSku = [];
    for (const v of variants) {
      const balance = await unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: maker.id, warehouseId: gru, variantId: v.id } });
      const ordered = await unscopedDb.orderLine.aggregate({ where: { organizationId: maker.id, variantId: v.id, order: { source: "WAREHOUSE" } }, _sum: { quantity: true } });
      const active = await unscopedDb.stockReservation.aggregate({ where: { organizationId: maker.id, variantId: v.id, status: "ACTIVE" }, _sum: { quantity: true } });
      const fromWarehouse = ordered._sum.quantity ?? 0;
      oversold += Math.max(0, fromWarehouse - STOCK) + Math.max(0, balance.reserved - balance.onHand);
      perSku.push({ sku: v.sku, received: STOCK, onHand: balance.onHand, reserved: balance.reserved, activeReservations: active._sum.quantity ?? 0, orderedFromWarehouse: fromWarehouse });
    }
    counts.ordersFromWarehouse = await unscopedDb.order.count({ where: { organizationId: maker.id, source: "WAREHOUSE" } });
    const ledger = await checkLedgerConsistency(unscopedDb, { organizationId: maker.id });
    const reservationsMatch = perSku.every((s) => s.reserved === s.activeReservations);

    checkoutLatencies.sort((a, b) => a - b);
    flowLatencies.sort((a, b) => a - b);
    addLatencies.sort((a, b) => a - b);
    pageLatencies.sort((a, b) => a - b);
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`,
      database: "PostgreSQL server",
      webProcesses: WEB_PROCESSES,
      buyers: BUYERS,
      durationSeconds: Number(elapsedS.toFixed(2)),
      skus: SKUS,
      stockPerSku: STOCK,
      checkouts: counts.placed,
      checkoutsPerSecond: Number((counts.placed / elapsedS).toFixed(1)),
      checkoutPosts: checkoutLatencies.length,
      checkoutP50Ms: Number(percentile(checkoutLatencies, 50).toFixed(1)),
      checkoutP95Ms: Number(percentile(checkoutLatencies, 95).toFixed(1)),
      checkoutP99Ms: Number(percentile(checkoutLatencies, 99).toFixed(1)),
      flowP95Ms: Number(percentile(flowLatencies, 95).toFixed(1)),
      /** The other two steps of each flow: POST /pt/cart (add) and GET /pt/checkout (holds the stock, renders the form). */
      addP50Ms: Number(percentile(addLatencies, 50).toFixed(1)),
      checkoutPageP50Ms: Number(percentile(pageLatencies, 50).toFixed(1)),
      /** The checkout page's HTML, uncompressed (the last one served). */
      checkoutPageBytes,
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      /** CPU the server's processes spent during the run, per placed checkout (each is three requests). */
      serverCpuMsPerCheckout: serverCpuSeconds !== null && counts.placed > 0 ? Number(((serverCpuSeconds * 1000) / counts.placed).toFixed(1)) : null,
      refusedStockTaken: counts.refusedStock,
      otherStatuses: counts.otherStatus,
      networkErrors: counts.errors,
      statuses: Object.fromEntries(statuses),
      ordersFromWarehouse: counts.ordersFromWarehouse,
      oversold,
      reservationsMatchBalances: reservationsMatch,
      confirmationPageOk: confirmationOk,
      productPageOffersAddToCart: productFormOk,
      ledgerConsistent: ledger.length === 0,
      ledgerMismatches: ledger.length,
      perSku,
      target: { checkoutsPerSecond: TARGET, met: counts.placed / elapsedS >= TARGET },
    };
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/bench-checkout.json", `${JSON.stringify(result, null, 2)}\n`);
    // What the buyers were served, to look at (its weight is in the JSON).
    writeFileSync("test-results/bench-checkout-page.html", lastCheckoutPage);
    console.log(
      `[bench:checkout] ${BUYERS} buyers × ${result.durationSeconds} s, ${WEB_PROCESSES} web process(es): ${result.checkouts} checkouts (${result.checkoutsPerSecond}/s), POST /checkout p50 ${result.checkoutP50Ms} ms, p95 ${result.checkoutP95Ms} ms; whole flow p95 ${result.flowP95Ms} ms (add p50 ${result.addP50Ms} ms, checkout page p50 ${result.checkoutPageP50Ms} ms); server CPU ${result.serverCpuMsPerCheckout} ms per checkout; load average ${result.loadAverage.join(" ")}; ${result.refusedStockTaken} refused (stock taken), ${result.otherStatuses} other, ${result.networkErrors} errors; oversold ${oversold}; ledger ${result.ledgerConsistent ? "consistent" : `${ledger.length} mismatches`}`,
    );
    if (counts.otherStatus || counts.errors) console.log(`  statuses: ${JSON.stringify(result.statuses)}\n${serverLog.slice(-3000)}`);
    if (oversold > 0 || !result.ledgerConsistent || !reservationsMatch) process.exitCode = 1;
  } finally {
    if (server) await stop(server);
    await disconnectDatabase();
    await new Promise((r) => setTimeout(r, 250));
    await admin(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
