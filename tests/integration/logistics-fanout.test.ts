import { spawn, type ChildProcess } from "node:child_process";
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHIPMENT_LIVE_EVENT, type ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import { createUserSession } from "~/modules/tenancy/session.server";
import { withTestDatabase } from "../support/database";
import { carrierEvent, createTestCarrier, createTestShipment, createTrackingParties, defaultLegs, signedWebhookRequest, type TestCarrier, type TestShipment, type TrackingParties } from "../support/shipment-fixtures";

/**
 * Multi-node tracking: two real server processes (`app/server/index.ts`, the existing build) on one database of the
 * PostgreSQL server. A carrier's webhook ingested by process B reaches a browser connected to process A, through
 * socket.io's PostgreSQL adapter (NOTIFY), and only the browsers entitled to the shipment. Runs in the "postgres"
 * project (TEST_DATABASE_URL); the embedded database lives in one process, so there is nothing to fan out there.
 */
describe.runIf(process.env.PONTE_TEST_DB === "server")("two web processes on the PostgreSQL server", () => {
  const database = withTestDatabase();
  const processes: { child: ChildProcess; url: string; output: () => string }[] = [];
  const clients: Socket[] = [];
  let parties: TrackingParties;
  let carrier: TestCarrier;
  let shipment: TestShipment;
  let outsiderUserId: string;

  function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        PORT: "0",
        HOST: "127.0.0.1",
        // The sessions are made here: the processes read them with the same secret.
        SESSION_SECRET: process.env.SESSION_SECRET,
        PONTE_WORKERS: "off",
        PONTE_SEED_DEMO: "false",
        WEB_PROCESSES: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = /ready on http:\/\/[^\s:/]+:(\d+)/.exec(output);
        if (match) {
          child.stdout!.off("data", check);
          resolve({ child, url: `http://127.0.0.1:${match[1]}`, output: () => output });
        }
      };
      child.stdout!.on("data", check);
      child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  }

  beforeAll(async () => {
    if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
    parties = await createTrackingParties({ makerLocales: ["zh"], buyerLocales: ["pt"] });
    carrier = await createTestCarrier({ vocabulary: "aftership" });
    shipment = await createTestShipment(parties, { legs: defaultLegs({ truck: carrier.id, air: carrier.id, lastMile: carrier.id }) });
    const outsiders = await createTrackingParties({ buyerLocales: ["es"] });
    outsiderUserId = outsiders.members.find((m) => m.organizationId === outsiders.buyerId)!.userId;
    // One after the other: the first start applies nothing new (the database is migrated), the second neither.
    processes.push(await startServer(database.current.url));
    processes.push(await startServer(database.current.url));
  }, 240_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(
      processes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
            child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  });

  async function connectAs(baseUrl: string, userId: string) {
    const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
    const client = connectSocket(baseUrl, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    return client;
  }

  const member = (organizationId: string) => parties.members.find((m) => m.organizationId === organizationId)!.userId;

  it("an event ingested by one process reaches the entitled browsers connected to the other, and nobody else", async () => {
    const [a, b] = processes as [(typeof processes)[number], (typeof processes)[number]];
    const buyerOnA = await connectAs(a.url, member(parties.buyerId));
    const makerOnB = await connectAs(b.url, member(parties.makerId));
    const outsiderOnA = await connectAs(a.url, outsiderUserId);
    expect(await buyerOnA.timeout(20_000).emitWithAck("shipment:join", shipment.id)).toEqual({ ok: true });
    expect(await makerOnB.timeout(20_000).emitWithAck("shipment:join", shipment.id)).toEqual({ ok: true });
    expect(await outsiderOnA.timeout(20_000).emitWithAck("shipment:join", shipment.id)).toEqual({ ok: false, status: 404, error: "not_found" });
    const outsiderHeard: unknown[] = [];
    outsiderOnA.on(SHIPMENT_LIVE_EVENT, (payload) => outsiderHeard.push(payload));

    const onA = new Promise<ShipmentLivePayload>((resolve) => buyerOnA.once(SHIPMENT_LIVE_EVENT, resolve));
    const onB = new Promise<ShipmentLivePayload>((resolve) => makerOnB.once(SHIPMENT_LIVE_EVENT, resolve));
    // Picked up at the factory, reported to process B only.
    const event = carrierEvent({ code: "InTransit_002", reference: shipment.legs[0]!.reference, at: new Date(Date.now() - 60_000), locode: "CNZUH" });
    const response = await fetch(signedWebhookRequest(carrier.code, carrier.secret, [event], { baseUrl: b.url }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 1, stored: 1 });

    const received = await onA;
    expect(received).toMatchObject({ shipmentId: shipment.id, reference: shipment.reference, status: "PICKED_UP", event: { milestone: "PICKED_UP", locode: "CNZUH" } });
    expect(typeof received.acceptedAt).toBe("number");
    expect(await onB).toEqual(received);
    // A round trip on the outsider's socket after the delivery: anything sent to it before would have arrived.
    expect(await outsiderOnA.timeout(20_000).emitWithAck("shipment:join", "not-a-uuid")).toEqual({ ok: false, status: 404, error: "not_found" });
    expect(outsiderHeard).toEqual([]);

    // The same event again (a carrier's retry) is stored once and pushed once.
    const again = await fetch(signedWebhookRequest(carrier.code, carrier.secret, [event], { baseUrl: a.url }));
    expect(await again.json()).toMatchObject({ received: 1, stored: 0 });
  });
});
