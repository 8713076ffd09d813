import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { unscopedDb } from "~/modules/db/index.server";
import { SIGNATURE_HEADER } from "../carrier-wire";
import { signCarrierBody } from "../ingestion.server";
import { loadSimShipment } from "./simulator.server";
import { planEvents, toWireEvent, type SimOptions } from "./event-plan";

/**
 * The simulator as a carrier's tracking API, for carriers without webhooks (integration POLLING):
 * `GET /v1/tracking/{reference}?since=<ISO time>` with `Authorization: Bearer <the carrier's secret>` answers
 * `{ reference, events, cursor }` — the carrier-wire events of that carrier for the reference whose time has come
 * (after `since`), signed like a webhook (`X-Ponte-Signature` of the body). The events are the simulator's plan for
 * the shipment, so what the API shows grows as the planned times pass, as a real carrier's would.
 */

export interface TrackingApi {
  url: string;
  close(): Promise<void>;
}

function sameSecret(given: string, stored: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startTrackingApi(options: { port?: number; host?: string; now?: () => Date; simulation?: SimOptions } = {}): Promise<TrackingApi> {
  const now = options.now ?? (() => new Date());
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown, secret?: string) => {
      const text = JSON.stringify(body);
      const headers: Record<string, string> = { "Content-Type": "application/json", "Cache-Control": "no-store" };
      if (secret) headers[SIGNATURE_HEADER] = signCarrierBody(secret, text);
      response.writeHead(status, headers).end(text);
    };
    void (async () => {
      const url = new URL(request.url ?? "/", "http://tracking.local");
      const match = /^\/v1\/tracking\/([^/]{1,40})$/.exec(url.pathname);
      if (request.method !== "GET" || !match) return send(404, { error: "GET /v1/tracking/{reference}" });
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1]?.trim() ?? "";
      const carriers = await unscopedDb.carrier.findMany({ where: { integration: "POLLING", active: true }, select: { id: true, code: true, webhookSecret: true } });
      const carrier = carriers.find((c) => c.webhookSecret && token && sameSecret(token, c.webhookSecret));
      if (!carrier?.webhookSecret) return send(401, { error: "unknown API key" });
      const reference = decodeURIComponent(match[1]!);
      const sinceText = url.searchParams.get("since");
      const since = sinceText ? new Date(sinceText) : null;
      if (since && Number.isNaN(since.getTime())) return send(400, { error: "since must be an ISO 8601 time" });
      const legs = await unscopedDb.shipmentLeg.findMany({ where: { reference, carrierId: carrier.id }, select: { shipment: { select: { reference: true } } } });
      const clock = now();
      const events = [];
      for (const leg of legs) {
        const loaded = await loadSimShipment(leg.shipment.reference);
        if (!loaded) continue;
        for (const step of planEvents(loaded.shipment, options.simulation)) {
          if (step.carrierCode !== carrier.code || step.reference !== reference) continue;
          if (step.at.getTime() > clock.getTime() || (since && step.at.getTime() <= since.getTime())) continue;
          events.push({ at: step.at, event: toWireEvent(loaded.shipment.reference, step) });
        }
      }
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      const cursor = events.at(-1)?.at.toISOString() ?? since?.toISOString() ?? null;
      send(200, { reference, events: events.map((e) => e.event), cursor }, carrier.webhookSecret);
    })().catch((error: unknown) => {
      console.error("[tracking-api]", error);
      if (!response.headersSent) send(500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
