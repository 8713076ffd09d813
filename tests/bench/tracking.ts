/**
 * `npm run bench:tracking`: live shipment tracking under load, end to end through the real server.
 *
 * On the PostgreSQL server at DATABASE_URL (or BENCH_DATABASE_URL) it creates a database of its own, migrates it,
 * seeds the reference data (carriers and their webhook secrets), a PLATFORM organization with export agents and
 * warehouse staff, manufacturers and buyers with members (each client is one signed-in user with a real session
 * cookie) and shipments between them (orders shipped from Zhuhai, and replenishments of the overseas warehouses).
 * Then it starts the real server (the existing build: run `npm run build` first) with `--web-processes` processes,
 * connects `--clients` socket.io clients, each joining what its page would join (a shipment's page: the shipment
 * and its organization; a list: the organization; the agency's desk: the agency; a warehouse's desk: its
 * warehouse), and has each party client try one shipment that is not its own (refused, or the bench fails).
 *
 * For `--duration` seconds it posts `--rate` signed carrier webhooks per second (POST /webhooks/carriers/{code},
 * one event each, `X-Ponte-Signature: sha256=<hex>`), every shipment moving forward through its milestones. Each
 * client records what it receives; latency is the server's `acceptedAt` (when the webhook came in) to the moment
 * the client's handler runs, on the same machine's clock. Afterwards it compares, per client and shipment, what
 * arrived with what the rooms entitle it to, writes test-results/bench-tracking.json (and the details beside it in
 * bench-tracking-detail.json), prints a summary and drops its database. It exits non-zero when a delivery is
 * missing, one arrived twice, or one reached a client not entitled to the shipment.
 *
 *   npm run bench:tracking -- [--clients 2000] [--rate 200] [--duration 20] [--warmup 5] [--web-processes 1|2|auto]
 *                             [--organizations 200] [--agents 10] [--drain 10] [--profile DIR] [--trace-gc]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import type { ShipmentLivePayload as LivePayload } from "~/modules/logistics/carrier-wire";
import { freePort, option, SERVER_NODE_FLAGS, stop, waitFor } from "./bench-support";

const CLIENTS = Number(option("clients", "2000"));
const RATE = Number(option("rate", "200"));
const DURATION_S = Number(option("duration", "20"));
/**
 * `--warmup S` seconds at the same rate before the measured `--duration`: a server that has just started (and just
 * taken 2,000 handshakes) runs its webhook path unoptimized by the JIT and its database backends with cold caches,
 * which no running server does. Warm-up events are checked like the others (missing, duplicated, unentitled) but
 * kept out of the latency percentiles; the detail file has the percentiles with them too.
 */
const WARMUP_S = Number(option("warmup", "5"));
const WEB_PROCESSES = option("web-processes", "1");
const ORGANIZATIONS = Number(option("organizations", "200"));
const AGENTS = Number(option("agents", "10"));
/** `--profile DIR`: the server writes V8 CPU profiles there (open them in Chrome DevTools or speedscope). */
const PROFILE_DIR = option("profile", "");
const TARGET_P99_MS = 250;
/** How long after the last webhook the clients may still be receiving before what is missing counts as lost. */
const DRAIN_MS = Number(option("drain", "10")) * 1000;
/** `--trace-gc`: the server logs its garbage collections (to tell GC pauses from queueing in the timeline). */
const TRACE_GC = process.argv.includes("--trace-gc");
/** `--log-slow MS`: PostgreSQL logs the bench database's statements slower than that (log_min_duration_statement). */
const LOG_SLOW_MS = option("log-slow", "");

/** The milestones a bench shipment goes through, in order, and where each is reported (origin or destination side). */
const JOURNEY = [
  { milestone: "PICKED_UP", side: "origin", locode: "CNZUH", offset: "+08:00" },
  { milestone: "ARRIVED_AT_HUB", side: "origin", locode: "HKHKG", offset: "+08:00" },
  { milestone: "EXPORT_CUSTOMS_CLEARED", side: "origin", locode: "HKHKG", offset: "+08:00" },
  { milestone: "DEPARTED", side: "origin", locode: "HKHKG", offset: "+08:00" },
  { milestone: "ARRIVED_DEST", side: "destination", locode: "BRGRU", offset: "-03:00" },
  { milestone: "IMPORT_CUSTOMS_CLEARED", side: "destination", locode: "BRGRU", offset: "-03:00" },
  { milestone: "OUT_FOR_DELIVERY", side: "destination", locode: "BRSAO", offset: "-03:00" },
  { milestone: "DELIVERED", side: "destination", locode: "BRSAO", offset: "-03:00" },
] as const;
/** Last-mile and air carriers speaking AfterShip's vocabulary (carriers.server.ts), over which shipments are spread. */
const CARRIER_CODES = ["jadlog", "cathay-cargo", "latam-cargo"];

async function admin(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Resident memory (MiB) of a process and its children (the cluster's web processes), from /proc; null elsewhere. */
function processTreeRssMiB(rootPid: number): number | null {
  if (!existsSync(`/proc/${rootPid}/status`)) return null;
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(raw.slice(raw.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we read
    }
  }
  let kib = 0;
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop()!;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
    for (const [child, parent] of parents) if (parent === pid) pending.push(child);
  }
  return kib / 1024;
}

/** CPU seconds (user + system) of a process and its children so far, from /proc (USER_HZ 100); null elsewhere. */
function processTreeCpuSeconds(rootPid: number): number | null {
  if (!existsSync(`/proc/${rootPid}/stat`)) return null;
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
  return ticks / 100;
}

/** Runs `task` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

type Role = "manufacturer" | "buyer" | "agent" | "warehouse";

interface BenchUser {
  id: string;
  role: Role;
  /** The organization a party member belongs to; the warehouse a staff member works. */
  organizationId: string | null;
  warehouseId: string | null;
  cookie: string;
}

interface BenchShipment {
  id: string;
  organizationId: string;
  buyerOrganizationId: string | null;
  warehouseId: string | null;
  carrierCode: string;
  reference: string;
  rooms: string[];
}

interface BenchClient {
  user: BenchUser;
  socket: Socket;
  rooms: Set<string>;
  /** shipmentId → the events received for it (their ids: a second arrival of one is a duplicate). */
  received: Map<string, Set<string>>;
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("bench:tracking runs on a PostgreSQL server: set DATABASE_URL (or BENCH_DATABASE_URL)");
  if (!existsSync("build/index.js")) throw new Error("no build: run `npm run build` first (bench:tracking serves the existing build)");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sessionSecret = randomBytes(32).toString("base64url");
  // The sessions are created here and read by the server: both sign with the same secret.
  Object.assign(process.env, { SESSION_SECRET: sessionSecret, APP_URL: base, PONTE_WORKERS: "off", PONTE_SEED_DEMO: "false" });

  const database = `ponte_bench_tracking_${Date.now()}_${randomBytes(2).toString("hex")}`;
  const target = new URL(serverUrl);
  target.pathname = `/${database}`;
  const url = target.toString();
  await admin(serverUrl, `CREATE DATABASE "${database}"`);

  const { applyMigrations } = await import("../../prisma/schema-engine");
  const { seedReferenceData } = await import("../../prisma/seed");
  const { connectDatabase, disconnectDatabase, unscopedDb } = await import("~/modules/db/index.server");
  const { createUserSession } = await import("~/modules/tenancy/session.server");
  const { shipmentAudienceRooms } = await import("~/modules/logistics/live.server");
  const { agencyRoom, organizationRoom, shipmentRoom, warehouseRoom } = await import("~/modules/realtime/rooms");
  const { codeFor } = await import("~/modules/logistics/milestones");
  const { SHIPMENT_LIVE_EVENT, SIGNATURE_HEADER } = await import("~/modules/logistics/carrier-wire");

  const clients: BenchClient[] = [];
  let server: ChildProcess | null = null;
  try {
    await applyMigrations(url);
    if (LOG_SLOW_MS) await admin(serverUrl, `ALTER DATABASE "${database}" SET log_min_duration_statement = ${Number(LOG_SLOW_MS)}`);
    await connectDatabase({ url });
    await seedReferenceData();
    const started = Date.now();

    // ── seed ─────────────────────────────────────────────────────────────────────────────────────────────────
    const carriers = await unscopedDb.carrier.findMany({ where: { code: { in: CARRIER_CODES } }, select: { id: true, code: true, vocabulary: true, webhookSecret: true } });
    if (carriers.length !== CARRIER_CODES.length) throw new Error(`carriers missing from the seed: ${CARRIER_CODES.join(", ")}`);
    const warehouses = await unscopedDb.warehouse.findMany({ where: { kind: "OVERSEAS" }, select: { id: true, code: true, countryCode: true, city: true }, orderBy: { code: "asc" } });
    const staffWarehouses = warehouses.slice(0, 3);
    const platform = await unscopedDb.organization.create({ data: { kind: "PLATFORM", name: "Bench Trade Services", countryCode: "CN" } });
    const manufacturerCount = Math.max(1, Math.round(ORGANIZATIONS / 4));
    const organizations: { id: string; kind: "MANUFACTURER" | "BUYER" }[] = [];
    for (let i = 0; i < ORGANIZATIONS; i++) {
      const kind = i < manufacturerCount ? "MANUFACTURER" : "BUYER";
      const org = await unscopedDb.organization.create({
        data: kind === "MANUFACTURER" ? { kind, name: `Bench Maker ${i}`, countryCode: "CN", city: "Zhuhai" } : { kind, name: `Bench Compradora ${i}`, countryCode: "BR", region: "SP", city: "São Paulo" },
        select: { id: true, kind: true },
      });
      organizations.push({ id: org.id, kind: org.kind as "MANUFACTURER" | "BUYER" });
    }
    const makers = organizations.filter((o) => o.kind === "MANUFACTURER");
    const buyers = organizations.filter((o) => o.kind === "BUYER");

    // Users: the agents, four staff per warehouse desk, and every other client a member of one party, round robin.
    const staffPerWarehouse = 4;
    const plan: { role: Role; organizationId: string | null; warehouseId: string | null }[] = [];
    for (let i = 0; i < AGENTS; i++) plan.push({ role: "agent", organizationId: platform.id, warehouseId: null });
    for (const w of staffWarehouses) for (let i = 0; i < staffPerWarehouse; i++) plan.push({ role: "warehouse", organizationId: platform.id, warehouseId: w.id });
    for (let i = 0; plan.length < CLIENTS; i++) {
      const org = organizations[i % organizations.length]!;
      plan.push({ role: org.kind === "MANUFACTURER" ? "manufacturer" : "buyer", organizationId: org.id, warehouseId: null });
    }
    const userRows = plan.map((p, i) => ({ id: randomUUID(), email: `bench-tracking-${i}@bench.ponte.test`, name: `Bench ${p.role} ${i}`, passwordHash: "unused", locale: "pt" as const, currencyCode: "BRL", emailVerifiedAt: new Date() }));
    await unscopedDb.user.createMany({ data: userRows });
    await unscopedDb.membership.createMany({
      data: plan.map((p, i) => ({ organizationId: p.organizationId!, userId: userRows[i]!.id, role: p.role === "agent" && i === 0 ? ("OWNER" as const) : ("MEMBER" as const), exportAgent: p.role === "agent" })),
    });
    await unscopedDb.warehouseStaff.createMany({ data: plan.flatMap((p, i) => (p.role === "warehouse" ? [{ warehouseId: p.warehouseId!, userId: userRows[i]!.id }] : [])) });
    const users: BenchUser[] = new Array(plan.length);
    await pool(plan, 16, async (p, i) => {
      const cookie = (await createUserSession(userRows[i]!.id, new Request(`${base}/pt/login`))).split(";")[0]!;
      users[i] = { id: userRows[i]!.id, role: p.role, organizationId: p.role === "agent" || p.role === "warehouse" ? null : p.organizationId, warehouseId: p.warehouseId, cookie };
    });

    // Shipments: enough that none runs out of journey during the run; four in five are orders from Zhuhai to a
    // buyer, one in five a replenishment of one of the staffed warehouses.
    const warmupEvents = Math.ceil(RATE * WARMUP_S);
    const totalEvents = warmupEvents + Math.ceil(RATE * DURATION_S);
    const shipmentCount = Math.max(organizations.length, Math.ceil((totalEvents * 1.1) / JOURNEY.length));
    const now = Date.now();
    const shipments: BenchShipment[] = [];
    const shipmentRows = [];
    const legRows = [];
    for (let i = 0; i < shipmentCount; i++) {
      const maker = makers[i % makers.length]!;
      const replenishment = i % 5 === 4;
      const buyer = replenishment ? null : buyers[(i * 7) % buyers.length]!;
      const warehouse = replenishment ? staffWarehouses[i % staffWarehouses.length]! : null;
      const carrier = carriers[i % carriers.length]!;
      const id = randomUUID();
      const reference = `BENCH${String(i).padStart(7, "0")}`;
      const planned = new Date(now + 20 * 86_400_000);
      shipmentRows.push({
        id,
        reference: `SHP-BENCH-${String(i).padStart(6, "0")}`,
        kind: replenishment ? ("WAREHOUSE_REPLENISHMENT" as const) : ("ORDER_EXPORT" as const),
        organizationId: maker.id,
        buyerOrganizationId: buyer?.id ?? null,
        orderId: replenishment ? null : randomUUID(),
        inboundShipmentId: replenishment ? randomUUID() : null,
        warehouseId: warehouse?.id ?? null,
        originLocode: "CNZUH",
        originName: "Zhuhai",
        destinationLocode: "BRGRU",
        destinationName: "São Paulo (Guarulhos)",
        destinationCountryCode: "BR",
        destinationTimeZone: "America/Sao_Paulo",
        plannedArrivalAt: planned,
        estimatedArrivalAt: planned,
      });
      legRows.push({
        organizationId: maker.id,
        buyerOrganizationId: buyer?.id ?? null,
        shipmentId: id,
        sequence: 1,
        mode: "AIR" as const,
        carrierId: carrier.id,
        referenceKind: "CONSIGNMENT" as const,
        reference,
        fromLocode: "CNZUH",
        fromName: "Zhuhai",
        toLocode: "BRGRU",
        toName: "São Paulo (Guarulhos)",
        plannedDepartureAt: new Date(now - 10 * 86_400_000),
        plannedArrivalAt: planned,
      });
      const audience = { shipmentId: id, organizationId: maker.id, buyerOrganizationId: buyer?.id ?? null, warehouseId: warehouse?.id ?? null };
      shipments.push({ id, organizationId: maker.id, buyerOrganizationId: buyer?.id ?? null, warehouseId: warehouse?.id ?? null, carrierCode: carrier.code, reference, rooms: shipmentAudienceRooms(audience) });
    }
    await unscopedDb.shipment.createMany({ data: shipmentRows });
    await unscopedDb.shipmentLeg.createMany({ data: legRows });
    const byOrganization = new Map<string, BenchShipment[]>();
    for (const s of shipments) for (const org of [s.organizationId, s.buyerOrganizationId]) if (org) byOrganization.set(org, [...(byOrganization.get(org) ?? []), s]);
    const shipmentById = new Map(shipments.map((s) => [s.id, s]));
    // Statistics, as autovacuum would have gathered on a database in use (this machine's server runs without it):
    // the webhook's statements are planned against the seeded tables, not against the planner's guesses for empty ones.
    await unscopedDb.$executeRawUnsafe("ANALYZE");
    console.log(`[bench:tracking] seeded ${users.length} users in ${ORGANIZATIONS} organizations (+ the platform), ${shipments.length} shipments in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // ── the real server ─────────────────────────────────────────────────────────────────────────────────────
    const profileArgs = [...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []), ...(TRACE_GC ? ["--trace-gc"] : [])];
    server = spawn(process.execPath, [...profileArgs, ...SERVER_NODE_FLAGS, "--import", "tsx", "app/server/index.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", APP_URL: base, SESSION_SECRET: sessionSecret, PONTE_WORKERS: "off", PONTE_SEED_DEMO: "false", WEB_PROCESSES, PAGE_CACHE_SECONDS: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let serverLog = "";
    server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
    server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
    try {
      await waitFor(`${base}/healthz`, server, 120_000);
      // With several web processes /healthz answers from the first that listens: wait for all of them.
      const deadline = Date.now() + 60_000;
      while (!/Ponte is ready/.test(serverLog) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    } catch (error) {
      console.error(serverLog);
      throw error;
    }

    // ── connect and join, as each client's page would ───────────────────────────────────────────────────────
    const joinRefusals = { expected: 0, wronglyAccepted: 0 };
    const failures: string[] = [];
    let delivered = 0;
    /** [acceptedAt, latency] pairs: the percentiles of the measured window and the per-second timeline. */
    const arrivals: Array<[number, number]> = [];
    let unentitled = 0;
    let duplicates = 0;
    const connectStarted = performance.now();
    await pool(users, 50, async (user, i) => {
      const socket = connectSocket(base, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie: user.cookie } });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const client: BenchClient = { user, socket, rooms: new Set(), received: new Map() };
      clients.push(client);
      socket.on(SHIPMENT_LIVE_EVENT, (payload: LivePayload) => {
        const at = Date.now();
        const shipment = shipmentById.get(payload.shipmentId);
        if (!shipment || !entitled(user, shipment)) {
          unentitled++;
          return;
        }
        const seen = client.received.get(payload.shipmentId) ?? new Set<string>();
        if (seen.has(payload.event.id)) {
          duplicates++;
          return;
        }
        seen.add(payload.event.id);
        client.received.set(payload.shipmentId, seen);
        delivered++;
        arrivals.push([payload.acceptedAt, at - payload.acceptedAt]);
      });
      const join = async (event: string, ...args: unknown[]) => (await socket.timeout(30_000).emitWithAck(event, ...args)) as { ok: boolean };
      const expectJoin = async (room: string, event: string, ...args: unknown[]) => {
        const answer = await join(event, ...args);
        if (answer.ok) client.rooms.add(room);
        else failures.push(`${user.role} ${user.id}: ${event} refused`);
      };
      if (user.role === "agent") await expectJoin(agencyRoom(), "agency:join");
      else if (user.role === "warehouse") await expectJoin(warehouseRoom(user.warehouseId!), "warehouse:join", user.warehouseId);
      else {
        await expectJoin(organizationRoom(user.organizationId!), "organization:join", user.organizationId);
        const own = byOrganization.get(user.organizationId!) ?? [];
        // Every other party client has one of its shipments' pages open; the rest look at the list.
        if (i % 2 === 0 && own.length) {
          const page = own[i % own.length]!;
          await expectJoin(shipmentRoom(page.id), "shipment:join", page.id);
        }
        // One shipment that is not theirs: the join must be refused.
        const foreign = shipments.find((s, k) => k >= i % shipments.length && !entitled(user, s)) ?? shipments.find((s) => !entitled(user, s));
        if (foreign) {
          const answer = await join("shipment:join", foreign.id);
          if (answer.ok) joinRefusals.wronglyAccepted++;
          else joinRefusals.expected++;
        }
      }
    });
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    if (failures.length) throw new Error(`joins refused to entitled clients:\n${failures.slice(0, 10).join("\n")}`);
    console.log(`[bench:tracking] ${clients.length} clients connected and joined in ${connectSeconds.toFixed(1)} s (${joinRefusals.expected} foreign shipment joins refused, ${joinRefusals.wronglyAccepted} accepted)`);

    // Who should receive an event of each shipment: every client in one of its audience's rooms.
    const clientsByRoom = new Map<string, BenchClient[]>();
    for (const c of clients) for (const room of c.rooms) clientsByRoom.set(room, [...(clientsByRoom.get(room) ?? []), c]);
    const audience = new Map<string, Set<BenchClient>>();
    for (const s of shipments) audience.set(s.id, new Set(s.rooms.flatMap((room) => clientsByRoom.get(room) ?? [])));

    // ── the run: RATE signed webhooks per second, one event each ────────────────────────────────────────────
    const secrets = new Map(carriers.map((c) => [c.code, c.webhookSecret!]));
    const vocabulary = new Map(carriers.map((c) => [c.code, c.vocabulary]));
    const acceptedPerShipment = new Map<string, number>();
    const webhook = { sent: 0, accepted: 0, statuses: new Map<number, number>(), errors: 0, latencies: [] as number[], answered: [] as Array<[number, number]> };
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    let rssMax = 0;
    const sampleRss = () => (rssMax = Math.max(rssMax, processTreeRssMiB(server!.pid!) ?? 0));
    const rssTimer = setInterval(sampleRss, 1000);
    const inFlight = new Set<Promise<void>>();
    const baseTime = Date.now() - 30 * 86_400_000;
    const send = (n: number) => {
      const shipment = shipments[n % shipments.length]!;
      const step = Math.floor(n / shipments.length) % JOURNEY.length;
      const stage = JOURNEY[step]!;
      const code = codeFor(vocabulary.get(shipment.carrierCode) as "aftership", stage.milestone, stage.side);
      if (!code) throw new Error(`no ${vocabulary.get(shipment.carrierCode)} code for ${stage.milestone}`);
      const occurred = new Date(baseTime + step * 86_400_000 + n * 1000);
      const body = JSON.stringify({
        events: [{ id: `bench-${n}-${randomBytes(4).toString("hex")}`, code, occurredAt: localIso(occurred, stage.offset), reference: shipment.reference, location: { locode: stage.locode } }],
      });
      const signature = `sha256=${createHmac("sha256", secrets.get(shipment.carrierCode)!).update(body).digest("hex")}`;
      const t0 = performance.now();
      webhook.sent++;
      const request = fetch(`${base}/webhooks/carriers/${shipment.carrierCode}`, { method: "POST", headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature }, body })
        .then(async (response) => {
          const answer = (await response.json().catch(() => null)) as { stored?: number } | null;
          webhook.latencies.push(performance.now() - t0);
          webhook.answered.push([Date.now(), performance.now() - t0]);
          webhook.statuses.set(response.status, (webhook.statuses.get(response.status) ?? 0) + 1);
          // Accepted = stored as a new event (the route answers 200 for unmatched or unknown codes too, storing nothing).
          if (response.ok && answer?.stored === 1) {
            webhook.accepted++;
            acceptedPerShipment.set(shipment.id, (acceptedPerShipment.get(shipment.id) ?? 0) + 1);
          }
        })
        .catch(() => {
          webhook.errors++;
        });
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    };
    const serverCpuBefore = processTreeCpuSeconds(server.pid!);
    const machineBefore = machineCpuTicks();
    const benchCpuBefore = process.cpuUsage();
    const runStarted = performance.now();
    /** Events accepted from this instant on are measured (the warm-up's were accepted before it). */
    let measuredFrom = WARMUP_S > 0 ? Number.POSITIVE_INFINITY : 0;
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = () => {
        const elapsed = performance.now() - runStarted;
        const due = Math.min(totalEvents, Math.floor((elapsed / 1000) * RATE) + 1);
        while (n < due) {
          if (n === warmupEvents && WARMUP_S > 0) {
            measuredFrom = Date.now();
          }
          send(n++);
        }
        if (n >= totalEvents) return resolve();
        setTimeout(tick, Math.max(0, ((n / RATE) * 1000) - (performance.now() - runStarted)));
      };
      tick();
    });
    const sendSeconds = (performance.now() - runStarted) / 1000;
    await Promise.all(inFlight);
    const serverCpuAfter = processTreeCpuSeconds(server.pid!);
    const machineAfter = machineCpuTicks();
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const expectedDeliveries = [...acceptedPerShipment].reduce((sum, [id, count]) => sum + count * audience.get(id)!.size, 0);
    const drainDeadline = Date.now() + DRAIN_MS;
    while (delivered < expectedDeliveries && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
    // A moment more, so that duplicates or strays still on their way are counted too.
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(rssTimer);
    sampleRss();
    loopDelay.disable();

    // ── what arrived, against what the rooms promised ───────────────────────────────────────────────────────
    let missing = 0;
    let beyondAudience = 0;
    for (const c of clients) {
      for (const s of shipments) {
        const got = c.received.get(s.id)?.size ?? 0;
        const want = audience.get(s.id)!.has(c) ? (acceptedPerShipment.get(s.id) ?? 0) : 0;
        if (got < want) missing += want - got;
        if (got > want) beyondAudience += got - want;
      }
    }
    const sorted = Float64Array.from(arrivals.filter(([acceptedAt]) => acceptedAt >= measuredFrom).map(([, latency]) => latency)).sort();
    const sortedWithWarmup = Float64Array.from(arrivals.map(([, latency]) => latency)).sort();
    // Per second of acceptance: deliveries, p99 and max, to tell a steady queue from stalls.
    const runEpoch = Math.min(...arrivals.slice(0, 1000).map(([acceptedAt]) => acceptedAt));
    const perSecond = bySecond(arrivals, runEpoch);
    const webhookPerSecond = bySecond(webhook.answered, runEpoch);
    const timeline = [...perSecond].sort(([a], [b]) => a - b).map(([second, values]) => {
      const s = Float64Array.from(values).sort();
      const w = Float64Array.from(webhookPerSecond.get(second) ?? []).sort();
      return { second, deliveries: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1], webhookP99: Math.round(percentile(w, 99)) };
    });
    const webhookSorted = Float64Array.from(webhook.latencies).sort();
    const result = {
      clients: clients.length,
      eventsPerSecond: Number((webhook.accepted / sendSeconds).toFixed(1)),
      expectedDeliveries,
      deliveries: delivered,
      latencyMs: { p50: Number(percentile(sorted, 50).toFixed(1)), p95: Number(percentile(sorted, 95).toFixed(1)), p99: Number(percentile(sorted, 99).toFixed(1)) },
      serverRssMiB: Math.round(rssMax),
    };
    const detail = {
      ...result,
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`,
      webProcesses: WEB_PROCESSES,
      organizations: ORGANIZATIONS,
      agents: AGENTS,
      shipments: shipments.length,
      durationSeconds: Number(sendSeconds.toFixed(2)),
      warmupSeconds: WARMUP_S,
      measuredDeliveries: sorted.length,
      /** The same percentiles over every delivery, the warm-up's included. */
      latencyWithWarmupMs: { p50: percentile(sortedWithWarmup, 50), p95: percentile(sortedWithWarmup, 95), p99: percentile(sortedWithWarmup, 99) },
      webhooksSent: webhook.sent,
      webhooksAccepted: webhook.accepted,
      webhookStatuses: Object.fromEntries(webhook.statuses),
      webhookErrors: webhook.errors,
      webhookP50Ms: Number(percentile(webhookSorted, 50).toFixed(1)),
      webhookP99Ms: Number(percentile(webhookSorted, 99).toFixed(1)),
      deliveriesPerEvent: webhook.accepted ? Number((expectedDeliveries / webhook.accepted).toFixed(1)) : 0,
      latencyMaxMs: sorted.length ? sorted[sorted.length - 1] : null,
      /** Server CPU (all web processes) from the first webhook to the last answer, per accepted event: less dependent on what else the machine runs than latency is. */
      serverCpuMsPerEvent: serverCpuBefore !== null && serverCpuAfter !== null && webhook.accepted ? Number((((serverCpuAfter - serverCpuBefore) * 1000) / webhook.accepted).toFixed(2)) : null,
      /** The bench's own CPU over the same time (clients receiving, webhooks signed and sent), per second. */
      benchCpuSecondsPerSecond: Number(((benchCpu.user + benchCpu.system) / 1e6 / sendSeconds).toFixed(2)),
      missing,
      duplicates,
      unentitled,
      beyondAudience,
      foreignJoinsRefused: joinRefusals.expected,
      foreignJoinsAccepted: joinRefusals.wronglyAccepted,
      connectSeconds: Number(connectSeconds.toFixed(1)),
      /** The bench's own event loop (where clients receive): a delay here would be counted as delivery latency. */
      benchEventLoopDelayP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
      benchEventLoopDelayMaxMs: Number((loopDelay.max / 1e6).toFixed(1)),
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
      /** The whole machine while webhooks were sent (/proc/stat): busy and stolen (by the hypervisor) shares of all cores. */
      machineCpu: machineBefore && machineAfter ? machineShares(machineBefore, machineAfter) : null,
      target: { p99Ms: TARGET_P99_MS, met: result.latencyMs.p99 <= TARGET_P99_MS && missing === 0 },
      timeline,
    };
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/bench-tracking-server.log", serverLog);
    writeFileSync("test-results/bench-tracking.json", `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync("test-results/bench-tracking-detail.json", `${JSON.stringify(detail, null, 2)}\n`);
    console.log(
      `[bench:tracking] ${result.clients} clients, ${WEB_PROCESSES} web process(es): ${webhook.accepted}/${webhook.sent} webhooks accepted (${result.eventsPerSecond}/s; webhook p50 ${detail.webhookP50Ms} ms, p99 ${detail.webhookP99Ms} ms), ${delivered}/${expectedDeliveries} deliveries (${detail.deliveriesPerEvent} per event), latency p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms (max ${detail.latencyMaxMs}); missing ${missing}, duplicates ${duplicates}, not entitled ${unentitled}, beyond the rooms ${beyondAudience}; server RSS ${result.serverRssMiB} MiB; bench loop delay p99 ${detail.benchEventLoopDelayP99Ms} ms; load ${detail.loadAverage.join(" ")}`,
    );
    if (webhook.accepted < webhook.sent) console.log(`  webhook statuses: ${JSON.stringify(detail.webhookStatuses)}, errors ${webhook.errors}\n${serverLog.slice(-3000)}`);
    if (missing || duplicates || unentitled || beyondAudience || joinRefusals.wronglyAccepted || webhook.accepted === 0) process.exitCode = 1;
  } finally {
    for (const c of clients) c.socket.disconnect();
    if (server) await stop(server);
    await disconnectDatabase();
    await new Promise((r) => setTimeout(r, 250));
    await admin(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

/** The machine's CPU time counters (/proc/stat's first line), or null off Linux. */
function machineCpuTicks(): { busy: number; idle: number; steal: number } | null {
  if (!existsSync("/proc/stat")) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number) as number[];
  return { busy: user! + nice! + system! + irq! + softirq!, idle: idle! + iowait!, steal: steal! };
}

function machineShares(before: { busy: number; idle: number; steal: number }, after: { busy: number; idle: number; steal: number }) {
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  const steal = after.steal - before.steal;
  const total = busy + idle + steal || 1;
  return { busy: Number((busy / total).toFixed(3)), steal: Number((steal / total).toFixed(3)) };
}

/** [instant, value] pairs grouped by whole seconds since `epoch`. */
function bySecond(pairs: ReadonlyArray<readonly [number, number]>, epoch: number): Map<number, number[]> {
  const buckets = new Map<number, number[]>();
  for (const [at, value] of pairs) {
    const second = Math.floor((at - epoch) / 1000);
    const bucket = buckets.get(second);
    if (bucket) bucket.push(value);
    else buckets.set(second, [value]);
  }
  return buckets;
}

/** Whether a user may see a shipment, by the rule itself (shipment-access.server.ts), not by the rooms joined. */
function entitled(user: BenchUser, shipment: BenchShipment): boolean {
  if (user.role === "agent") return true;
  if (user.role === "warehouse") return shipment.warehouseId === user.warehouseId;
  return shipment.organizationId === user.organizationId || shipment.buyerOrganizationId === user.organizationId;
}

/** "2026-11-06T14:05:00+08:00": the instant in the place's offset, as carriers report it. */
function localIso(instant: Date, offset: string): string {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h, m] = offset.slice(1).split(":").map(Number);
  const local = new Date(instant.getTime() + sign * (h! * 60 + m!) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
