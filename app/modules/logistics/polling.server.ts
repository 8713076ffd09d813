import { z } from "zod";
import { unscopedDb } from "~/modules/db/index.server";
import { CarrierEventSchema, SIGNATURE_HEADER, type CarrierEvent } from "./carrier-wire";
import { ingestCarrierEvents, verifyCarrierSignature, type IngestOptions } from "./ingestion.server";

/**
 * Polling, for carriers without webhooks: a `CarrierPoller` asks the carrier's tracking API for a reference's events
 * since a cursor; `pollCarriers` walks every open leg of every POLLING carrier and feeds what comes back to the same
 * ingestion as the webhook (`ingestCarrierEvents(…, "polling")`), so an event polled twice is stored once.
 */

export interface PolledEvents {
  events: CarrierEvent[];
  /** Where the next poll starts (the carrier's opaque cursor; here the last event's time). */
  cursor: string | null;
}

export interface CarrierPoller {
  readonly carrierCode: string;
  fetchEvents(reference: string, since: string | null): Promise<PolledEvents>;
}

export class CarrierPollError extends Error {
  constructor(
    readonly carrierCode: string,
    message: string,
  ) {
    super(`[${carrierCode}] ${message}`);
    this.name = "CarrierPollError";
  }
}

const TrackingAnswerSchema = z.object({
  events: z.array(CarrierEventSchema).max(500),
  cursor: z.string().max(64).nullable().optional(),
});

/**
 * The tracking API the simulator serves (and a real carrier's of the same shape): `GET {base}/v1/tracking/{reference}
 * ?since=…` with the carrier's key as a bearer token; the answer is signed with that key and refused when the
 * signature does not match (a proxy or an impostor in between stores nothing).
 */
export class TrackingApiPoller implements CarrierPoller {
  constructor(
    private readonly carrier: { code: string; pollBaseUrl: string; secret: string },
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly timeoutMs = 10_000,
  ) {}

  get carrierCode() {
    return this.carrier.code;
  }

  async fetchEvents(reference: string, since: string | null): Promise<PolledEvents> {
    const url = new URL(`/v1/tracking/${encodeURIComponent(reference)}`, this.carrier.pollBaseUrl);
    if (since) url.searchParams.set("since", since);
    const response = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${this.carrier.secret}`, Accept: "application/json" }, signal: AbortSignal.timeout(this.timeoutMs) });
    const body = await response.text();
    if (!response.ok) throw new CarrierPollError(this.carrier.code, `${url.pathname} answered ${response.status}`);
    if (!verifyCarrierSignature(this.carrier.secret, body, response.headers.get(SIGNATURE_HEADER))) throw new CarrierPollError(this.carrier.code, `${url.pathname}: answer not signed with the carrier's key`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new CarrierPollError(this.carrier.code, `${url.pathname}: answer is not JSON`);
    }
    const parsed = TrackingAnswerSchema.safeParse(json);
    if (!parsed.success) throw new CarrierPollError(this.carrier.code, `${url.pathname}: answer is not a tracking envelope`);
    return { events: parsed.data.events, cursor: parsed.data.cursor ?? null };
  }
}

export interface PollSummary {
  carriers: number;
  references: number;
  stored: number;
  failures: number;
}

/**
 * One round: for each active POLLING carrier, each reference of its legs not yet arrived on shipments still
 * travelling, fetch since the last event already stored from that carrier for the leg, and ingest. One carrier's
 * failure does not stop the others.
 */
export async function pollCarriers(options: { pollerFor?: (carrier: { code: string; pollBaseUrl: string; secret: string }) => CarrierPoller; ingest?: IngestOptions } = {}): Promise<PollSummary> {
  const carriers = await unscopedDb.carrier.findMany({ where: { integration: "POLLING", active: true, pollBaseUrl: { not: null }, webhookSecret: { not: null } }, select: { id: true, code: true, pollBaseUrl: true, webhookSecret: true } });
  const summary: PollSummary = { carriers: carriers.length, references: 0, stored: 0, failures: 0 };
  for (const carrier of carriers) {
    const config = { code: carrier.code, pollBaseUrl: carrier.pollBaseUrl!, secret: carrier.webhookSecret! };
    const poller = options.pollerFor?.(config) ?? new TrackingApiPoller(config);
    const legs = await unscopedDb.shipmentLeg.findMany({
      where: { carrierId: carrier.id, actualArrivalAt: null, shipment: { status: { notIn: ["DELIVERED", "RETURNED"] } } },
      select: { id: true, reference: true },
    });
    const references = [...new Set(legs.map((l) => l.reference))];
    for (const reference of references) {
      summary.references++;
      try {
        const last = await unscopedDb.shipmentEvent.findFirst({ where: { source: carrier.code, legId: { in: legs.filter((l) => l.reference === reference).map((l) => l.id) } }, orderBy: { occurredAt: "desc" }, select: { occurredAt: true } });
        const polled = await poller.fetchEvents(reference, last?.occurredAt.toISOString() ?? null);
        if (!polled.events.length) continue;
        const outcome = await ingestCarrierEvents(carrier.code, polled.events, "polling", options.ingest);
        summary.stored += outcome.stored;
      } catch (error) {
        summary.failures++;
        console.error(`[tracking-poll] ${carrier.code} ${reference}:`, error instanceof Error ? error.message : error);
      }
    }
  }
  return summary;
}
