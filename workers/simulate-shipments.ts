import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connectDatabase, disconnectDatabase } from "~/modules/db/index.server";
import { isMilestone } from "~/modules/logistics/milestones";
import { loadSimShipment, openShipmentReferences, selectSteps, sendSteps, type SentStep, type StepSelection } from "~/modules/logistics/simulator/simulator.server";
import { startTrackingApi } from "~/modules/logistics/simulator/tracking-api.server";

const USAGE = `npm run simulate:shipments -- [options]

Sends carriers' signed tracking events through the real webhook (POST <url>/webhooks/carriers/{carrier}).
  --url <base>            the Ponte server (default http://localhost:3000)
  --shipment <SHP-…>      a shipment (repeatable); without it --all takes every shipment still travelling
  --next                  send the next event of each shipment (the default)
  --until <MILESTONE>     send every event up to and including the first one of MILESTONE
  --milestone <MILESTONE> send only the next event of MILESTONE (e.g. IMPORT_CUSTOMS_CLEARED)
  --all                   send every event not sent yet
  --pace <ms>             wait between events (default 0)
  --hold                  include a customs hold at import before the release
  --delay <hours>         the main leg leaves late by that many hours (a DELAYED event first)
  --serve [--port 4780]   run as the tracking API of POLLING carriers (GET /v1/tracking/{reference})
Database: DATABASE_URL, else the running server's embedded database in PONTE_DATA_DIR (its socket).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    shipment: { type: "string", multiple: true },
    next: { type: "boolean" },
    until: { type: "string" },
    milestone: { type: "string" },
    all: { type: "boolean" },
    pace: { type: "string" },
    hold: { type: "boolean" },
    delay: { type: "string" },
    serve: { type: "boolean" },
    port: { type: "string", default: "4780" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function selection(): StepSelection {
  const chosen = [values.next && "next", values.until && "until", values.milestone && "milestone", values.all && values.shipment?.length && "all"].filter(Boolean);
  if (chosen.length > 1) fail("choose one of --next, --until, --milestone, --all");
  if (values.until !== undefined) {
    if (!isMilestone(values.until)) fail(`unknown milestone ${values.until}`);
    return { kind: "until", milestone: values.until };
  }
  if (values.milestone !== undefined) {
    if (!isMilestone(values.milestone)) fail(`unknown milestone ${values.milestone}`);
    return { kind: "milestone", milestone: values.milestone };
  }
  return values.all ? { kind: "all" } : { kind: "next" };
}

/** The database: DATABASE_URL, else the running server's embedded one through its socket, else start it here. */
async function connect() {
  if (process.env.DATABASE_URL) return connectDatabase();
  const socketDir = path.resolve(process.env.PONTE_DATA_DIR ?? "./data", "pg-socket");
  if (existsSync(path.join(socketDir, ".s.PGSQL.5432"))) return connectDatabase({ url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}` });
  return connectDatabase();
}

function print(sent: SentStep) {
  const { step, event, status, answer } = sent;
  const result = typeof answer === "object" && answer && "results" in answer ? (answer as { results: { result: string; reason?: string }[] }).results.map((r) => r.result + (r.reason ? ` (${r.reason})` : "")).join(", ") : String(typeof answer === "string" ? answer : JSON.stringify(answer));
  console.log([step.carrierCode.padEnd(17), `${event.code} → ${step.milestone}`.padEnd(44), event.reference.padEnd(22), (step.locode + " " + event.occurredAt).padEnd(32), status || "-", result].join(" "));
}

const database = await connect();
try {
  if (values.serve) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port must be a port number");
    const api = await startTrackingApi({ port, host: "127.0.0.1", simulation: { hold: values.hold, delayHours: values.delay ? Number(values.delay) : undefined } });
    console.log(`[simulator] tracking API for POLLING carriers on ${api.url}/v1/tracking/{reference} (${database.kind} database); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await api.close();
  } else {
    const chosen = selection();
    const pace = values.pace ? Number(values.pace) : 0;
    if (!Number.isFinite(pace) || pace < 0) fail("--pace must be a number of milliseconds");
    const delayHours = values.delay ? Number(values.delay) : undefined;
    if (delayHours !== undefined && !(delayHours > 0)) fail("--delay must be a positive number of hours");
    const references = values.shipment?.length ? values.shipment : values.all ? await openShipmentReferences() : fail("name a shipment with --shipment SHP-…, or use --all");
    let problems = 0;
    for (const reference of references) {
      const loaded = await loadSimShipment(reference.trim());
      if (!loaded) {
        console.error(`${reference}: no such shipment`);
        problems++;
        continue;
      }
      const steps = selectSteps(loaded, chosen, { hold: values.hold, delayHours });
      console.log(`${loaded.shipment.reference} (${loaded.shipment.kind}): ${steps.length ? `${steps.length} event(s) to ${values.url}` : "nothing left to send for that choice"}`);
      const sent = await sendSteps(loaded.shipment.reference, steps, { baseUrl: values.url, paceMs: pace, onSent: print });
      problems += sent.filter((s) => s.status >= 300).length;
    }
    if (problems) process.exitCode = 1;
  }
} finally {
  await disconnectDatabase();
}
