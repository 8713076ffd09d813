import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { queryRows } from "~/modules/db/raw-read.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import type { CarrierEvent, ShipmentLivePayload } from "./carrier-wire";
import { parseOffsetTimestamp } from "./eta";
import { publishShipmentEvent, type ShipmentAudience } from "./live.server";
import { MILESTONE_RULES, mapCarrierCode, rankOf, type Side } from "./milestones";
import { notifyShipmentEvent } from "./notifications.server";
import { referenceCandidates } from "./references";
import { computeShipmentState, eventsToNotify, type ShipmentState, type StateEvent } from "./shipment-state";

/**
 * Tracking events in: from carrier webhooks and the polling worker (ingestCarrierEvents) and from Ponte itself
 * (recordPonteEvent). Each event is stored once by (source, carrier's event id); then each shipment's whole state is
 * recomputed from all of its events (shipment-state.ts) and written only if the row is still the version read (else
 * read again), so events that arrive late, twice or concurrently leave the same state as if they had come in order.
 * A webhook costs three statements (legs matched; events inserted with the shipments read; state written), no
 * interactive transaction. After commit, each newly
 * stored event is pushed live and, when it changed something people care about, a notification is queued.
 */

export type SystemTx = Prisma.TransactionClient;
export type IngestChannel = "webhook" | "polling";

/** "retry": stored, but the shipment could not be brought up to date (database busy): taken back, send it again. */
export type EventResultKind = "stored" | "duplicate" | "unmatched" | "unknown_code" | "invalid" | "retry";

export interface EventResult {
  /** The carrier's event id, as sent. */
  id: string;
  result: EventResultKind;
  /** Why an event was not stored (unmatched, unknown_code, invalid). */
  reason?: string;
  shipmentReference?: string;
  milestone?: ShipmentMilestone;
}

export interface IngestResult {
  results: EventResult[];
  stored: number;
}

export interface IngestOptions {
  /** When the webhook was accepted (ms since epoch): carried to browsers so the bench can measure delivery. */
  acceptedAt?: number;
  /** The clock for ETA and the future-event check (tests). */
  now?: Date;
  /**
   * "queue" (default): a job per notifying event, so notifications never hold up the answer (written inline when no
   * queue runs in this process: scripts, tests); "inline": written before returning; "none": not at all.
   */
  notifications?: "queue" | "inline" | "none";
}

export class CarrierNotFoundError extends Error {
  constructor(code: string) {
    super(`unknown or inactive carrier "${code}"`);
    this.name = "CarrierNotFoundError";
  }
}

/** Under a burst the pool's connections are all busy for a while: wait for one rather than fail (Ponte's own events). */
const RECOMPUTE_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

/** A carrier event dated later than this ahead of our clock is refused: a shipment's past cannot be in the future. */
const FUTURE_SKEW_MS = 60 * 60 * 1000;

// ─── Signature ────────────────────────────────────────────────────────────────────────────────────────────────

/** `sha256=<hex>` of HMAC-SHA256(raw body, secret): what carriers send in X-Ponte-Signature. */
export function signCarrierBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** Whether the header carries the body's signature under the secret; compared in constant time. */
export function verifyCarrierSignature(secret: string | null | undefined, rawBody: string | Buffer, headerValue: string | null | undefined): boolean {
  if (!secret || !headerValue) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(headerValue.trim());
  if (!match) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ─── Carriers ────────────────────────────────────────────────────────────────────────────────────────────────

export interface IngestCarrier {
  id: string;
  code: string;
  vocabulary: string;
  webhookSecret: string | null;
  /** Empty for a data source that moves nothing (China customs): its events name any leg by reference. */
  modes: string[];
}

/**
 * Active carriers are remembered for a few seconds: every webhook names its carrier, and at hundreds of events a
 * second the lookup was a round trip each. A deactivated carrier or a new secret takes effect within CARRIER_TTL_MS;
 * unknown codes are never remembered (a new carrier works at once).
 */
const CARRIER_TTL_MS = 5_000;
const carrierCache = new Map<string, { carrier: IngestCarrier; until: number }>();

/** An active carrier by its code, or null. */
export async function findActiveCarrier(code: string): Promise<IngestCarrier | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(code)) return null;
  const cached = carrierCache.get(code);
  if (cached && cached.until > Date.now()) return cached.carrier;
  const row = await unscopedDb.carrier.findUnique({ where: { code }, select: { id: true, code: true, vocabulary: true, webhookSecret: true, modes: true, active: true } });
  if (!row?.active) {
    carrierCache.delete(code);
    return null;
  }
  const carrier = { id: row.id, code: row.code, vocabulary: row.vocabulary, webhookSecret: row.webhookSecret, modes: row.modes };
  carrierCache.set(code, { carrier, until: Date.now() + CARRIER_TTL_MS });
  return carrier;
}

/** Forgets remembered carriers (after the platform edits one; tests). */
export function forgetCarriers() {
  carrierCache.clear();
}

// ─── Carrier events ─────────────────────────────────────────────────────────────────────────────────────────

interface MatchedLeg {
  id: string;
  sequence: number;
  reference: string;
  toLocode: string;
  shipment: { id: string; reference: string; organizationId: string; buyerOrganizationId: string | null; destinationCountryCode: string; status: ShipmentMilestone; createdAt: Date };
}

/**
 * Stores a carrier's events (each once) and brings their shipments up to date. Per event: "stored", "duplicate"
 * (already stored: harmless), "unmatched" (no leg of this carrier has the reference), "unknown_code" (the code has
 * no canonical milestone: refused rather than stored as a generic exception, see milestones.ts) or "invalid".
 */
export async function ingestCarrierEvents(carrierCode: string, events: CarrierEvent[], channel: IngestChannel, options: IngestOptions = {}): Promise<IngestResult> {
  const carrier = await findActiveCarrier(carrierCode);
  if (!carrier) throw new CarrierNotFoundError(carrierCode);
  return ingestForCarrier(carrier, events, channel, options);
}

/** The same, for a carrier already looked up (the webhook route checked its signature with it). */
export async function ingestForCarrier(carrier: IngestCarrier, events: CarrierEvent[], channel: IngestChannel, options: IngestOptions = {}): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const acceptedAt = options.acceptedAt ?? Date.now();
  const results: EventResult[] = events.map((e) => ({ id: e.id, result: "invalid" }));
  const legs = await matchLegs(carrier, events);

  const rows: EventRow[] = [];
  const rowIndex = new Map<string, number>();
  const unknownCodes = new Set<string>();
  events.forEach((event, index) => {
    const result = results[index]!;
    if (rowIndex.has(event.id)) {
      result.result = "duplicate";
      return;
    }
    const time = parseOffsetTimestamp(event.occurredAt);
    if (!time) return void (result.reason = "occurredAt needs a valid time with an offset within ±14:00");
    if (time.at.getTime() > now.getTime() + FUTURE_SKEW_MS) return void (result.reason = "occurredAt is in the future");
    const leg = legs.get(event.reference);
    if (!leg) {
      result.result = "unmatched";
      result.reason = `no shipment leg of ${carrier.code} has the reference ${event.reference}`;
      return;
    }
    const locode = event.location?.locode ?? null;
    const side: Side = (locode ?? leg.toLocode).slice(0, 2) === leg.shipment.destinationCountryCode ? "destination" : "origin";
    const mapped = mapCarrierCode(carrier.vocabulary, event.code, side);
    if (!mapped.ok) {
      result.result = "unknown_code";
      result.reason =
        mapped.reason === "not_at_this_side"
          ? `code ${event.code} has no milestone in the ${side === "origin" ? "origin" : "destination"} country`
          : `code ${event.code} is not a known ${carrier.vocabulary} status code`;
      unknownCodes.add(event.code);
      return;
    }
    result.shipmentReference = leg.shipment.reference;
    result.milestone = mapped.milestone;
    rowIndex.set(event.id, index);
    rows.push({
      id: uuidV7(),
      organizationId: leg.shipment.organizationId,
      buyerOrganizationId: leg.shipment.buyerOrganizationId,
      shipmentId: leg.shipment.id,
      legId: leg.id,
      source: carrier.code,
      externalId: event.id,
      milestone: mapped.milestone,
      carrierCode: event.code,
      occurredAt: time.at.toISOString(),
      utcOffsetMinutes: time.utcOffsetMinutes,
      locode,
      placeName: event.location?.name ?? null,
      description: event.description ?? "",
      channel,
      raw: event,
    });
  });
  if (unknownCodes.size) console.warn(`[carrier ${carrier.code}] refused codes without a milestone: ${[...unknownCodes].join(", ")}`);

  if (!rows.length) return { results, stored: 0 };
  // ONE statement inserts the events (ON CONFLICT ("source","externalId") DO NOTHING: a replay, even a concurrent
  // one, inserts nothing) and reads their shipments' state, legs and events; then one guarded statement per shipment
  // writes the recomputed state (writeShipmentState). No interactive transaction holds a pooled connection.
  const { inserted, shipments } = await insertEventsAndRead(rows);
  const insertedByExternal = new Map(inserted.map((r) => [r.externalId, r]));
  for (const [externalId, index] of rowIndex) results[index]!.result = insertedByExternal.has(externalId) ? "stored" : "duplicate";

  const byShipment = new Map<string, LockedShipmentJson["events"]>();
  for (const row of inserted) byShipment.set(row.shipmentId, [...(byShipment.get(row.shipmentId) ?? []), row]);
  let stored = inserted.length;
  for (const [shipmentId, newRows] of byShipment) {
    const eventIds = newRows.map((r) => r.id);
    let outcome: Recomputed | null = null;
    try {
      const read = shipments.get(shipmentId);
      // The statement's own inserts are invisible to its reads: they join the events read from the table here.
      outcome = await recomputeOptimistically(shipmentId, read ? { ...read, events: [...read.events, ...newRows] } : null, { now, newEventIds: eventIds });
    } catch (error) {
      console.error(`[carrier ${carrier.code}] shipment ${shipmentId} not updated`, (error as Error).message);
    }
    if (!outcome) {
      // Its events are taken back, so that the carrier's retry stores them as new (a duplicate would be skipped and
      // the shipment left behind them); the answer says to retry.
      console.error(`[carrier ${carrier.code}] shipment ${shipmentId}: its ${eventIds.length} event(s) refused for a retry`);
      await unscopedDb.shipmentEvent.deleteMany({ where: { id: { in: eventIds } } });
      const externalIds = new Set(newRows.map((r) => insertedExternalId(inserted, r.id)));
      for (const [externalId, index] of rowIndex) {
        if (externalIds.has(externalId)) Object.assign(results[index]!, { result: "retry", reason: "not processed this time: send it again" });
      }
      stored -= eventIds.length;
      continue;
    }
    await afterRecompute(outcome, acceptedAt, options.notifications ?? "queue");
  }
  return { results, stored };
}

const insertedExternalId = (inserted: InsertedEvent[], id: string) => inserted.find((r) => r.id === id)!.externalId;

/** The leg each event's reference names: this carrier's legs (any leg for a data source), newest open shipment first. */
async function matchLegs(carrier: IngestCarrier, events: CarrierEvent[]): Promise<Map<string, MatchedLeg>> {
  const candidatesOf = new Map(events.map((e) => [e.reference, referenceCandidates(e.reference)]));
  const all = [...new Set([...candidatesOf.values()].flat())];
  if (!all.length) return new Map();
  // Raw SQL: this runs once per webhook, and the ORM's query building cost more CPU than the query itself.
  const rows = await queryRows<Omit<MatchedLeg, "shipment"> & { shipment: Omit<MatchedLeg["shipment"], "createdAt"> & { createdAt: number } }>(
    `SELECT l."id", l."sequence", l."reference", l."toLocode",
       json_build_object('id', s."id", 'reference', s."reference", 'organizationId', s."organizationId", 'buyerOrganizationId', s."buyerOrganizationId",
         'destinationCountryCode', s."destinationCountryCode", 'status', s."status", 'createdAt', ${epochMs("createdAt", "s")}) AS "shipment"
     FROM "ShipmentLeg" l JOIN "Shipment" s ON s."id" = l."shipmentId"
     WHERE l."reference" IN (SELECT jsonb_array_elements_text($1::jsonb)) AND ($2::uuid IS NULL OR l."carrierId" = $2::uuid)`,
    JSON.stringify(all),
    carrier.modes.length ? carrier.id : null,
  );
  const legs: MatchedLeg[] = rows.map((r) => ({ ...r, shipment: { ...r.shipment, createdAt: new Date(r.shipment.createdAt) } }));
  // A container or waybill number is reused over the years: the shipment still travelling, else the newest.
  const finished = (leg: MatchedLeg) => {
    const rule = MILESTONE_RULES[leg.shipment.status];
    return rule.kind === "progress" && rule.terminal === true ? 1 : 0;
  };
  const matched = new Map<string, MatchedLeg>();
  for (const [raw, candidates] of candidatesOf) {
    const options = legs.filter((l) => candidates.includes(l.reference));
    if (!options.length) continue;
    options.sort((a, b) => finished(a) - finished(b) || b.shipment.createdAt.getTime() - a.shipment.createdAt.getTime() || a.sequence - b.sequence);
    matched.set(raw, options[0]!);
  }
  return matched;
}

// ─── Ponte's own events ─────────────────────────────────────────────────────────────────────────────────────

export interface PonteEventInput {
  shipmentId: string;
  milestone: ShipmentMilestone;
  occurredAt: Date;
  /** The offset of the place's local time (minutes east of UTC); 0 when not given. */
  utcOffsetMinutes?: number;
  legId?: string | null;
  locode?: string | null;
  placeName?: string | null;
  description?: string;
  /** Unique among Ponte's events; defaults to "<shipmentId>:<milestone>" (one booking per shipment). */
  externalId?: string;
  /** For the live push's latency figure; defaults to now. */
  acceptedAt?: number;
}

export interface PonteEventResult {
  stored: boolean;
  eventId: string | null;
  /** Pushes and queues what the event caused: call after the caller's transaction committed (a no-op without tx). */
  afterCommit(): Promise<void>;
}

/**
 * An event Ponte itself records (BOOKED when a shipment is created, a hand-over the manufacturer confirms): source
 * and channel "ponte". Inside the caller's transaction when `tx` is given (the shipment row may be new in it), else
 * in its own.
 */
export async function recordPonteEvent(input: PonteEventInput, tx?: SystemTx): Promise<PonteEventResult> {
  const run = async (client: SystemTx) => {
    const shipment = await client.shipment.findUniqueOrThrow({ where: { id: input.shipmentId }, select: { organizationId: true, buyerOrganizationId: true } });
    const [row] = await client.shipmentEvent.createManyAndReturn({
      data: [
        {
          organizationId: shipment.organizationId,
          buyerOrganizationId: shipment.buyerOrganizationId,
          shipmentId: input.shipmentId,
          legId: input.legId ?? null,
          source: "ponte",
          externalId: input.externalId ?? `${input.shipmentId}:${input.milestone}`,
          milestone: input.milestone,
          carrierCode: input.milestone,
          occurredAt: input.occurredAt,
          utcOffsetMinutes: input.utcOffsetMinutes ?? 0,
          locode: input.locode ?? null,
          placeName: input.placeName ?? null,
          description: input.description ?? "",
          channel: "ponte",
          raw: { milestone: input.milestone, occurredAt: input.occurredAt.toISOString(), legId: input.legId ?? null, locode: input.locode ?? null, placeName: input.placeName ?? null, description: input.description ?? "" },
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!row) return { eventId: null, outcome: null };
    return { eventId: row.id, outcome: await recomputeShipment(client, input.shipmentId, { newEventIds: [row.id] }) };
  };
  const acceptedAt = input.acceptedAt ?? Date.now();
  if (tx) {
    const { eventId, outcome } = await run(tx);
    return { stored: eventId !== null, eventId, afterCommit: async () => (outcome ? afterRecompute(outcome, acceptedAt, "queue") : undefined) };
  }
  const { eventId, outcome } = await unscopedDb.$transaction(run, RECOMPUTE_TRANSACTION);
  if (outcome) await afterRecompute(outcome, acceptedAt, "queue");
  return { stored: eventId !== null, eventId, afterCommit: async () => undefined };
}

// ─── Raw statements ─────────────────────────────────────────────────────────────────────────────────────────

// ─── Recomputing a shipment ───────────────────────────────────────────────────────────────────────────────────

interface NewEvent extends StateEvent {
  legSequence: number | null;
  utcOffsetMinutes: number;
  placeName: string | null;
}

export interface Recomputed {
  audience: ShipmentAudience;
  reference: string;
  state: ShipmentState;
  /** The events this run stored, in timeline order. */
  newEvents: NewEvent[];
  /** Those of them that notify people. */
  notify: string[];
}

type Millis = number | null;

interface LockedShipmentJson {
  id: string;
  /** The row version read (xmin): the guarded write succeeds only if nobody wrote the row since. */
  version: string;
  reference: string;
  organizationId: string;
  buyerOrganizationId: string | null;
  warehouseId: string | null;
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: Millis;
  plannedArrivalAt: number;
  estimatedArrivalAt: number;
  late: boolean;
  lastEventAt: Millis;
  deliveredAt: Millis;
  legs: { id: string; sequence: number; toLocode: string; plannedDepartureAt: number; plannedArrivalAt: number; actualDepartureAt: Millis; actualArrivalAt: Millis }[];
  events: { id: string; milestone: ShipmentMilestone; occurredAt: number; legId: string | null; locode: string | null; utcOffsetMinutes: number; placeName: string | null }[];
}

/** A timestamp column as epoch milliseconds (the columns hold UTC without a zone; extract reads them as such). */
function epochMs(column: string, table: string) {
  return `(floor(extract(epoch from ${table}."${column}") * 1000))::float8`;
}

const EVENT_JSON = (e: string) =>
  `json_build_object('id', ${e}."id", 'milestone', ${e}."milestone", 'occurredAt', ${epochMs("occurredAt", e)}, 'legId', ${e}."legId", 'locode', ${e}."locode", 'utcOffsetMinutes', ${e}."utcOffsetMinutes", 'placeName', ${e}."placeName")`;

/** Everything a recompute reads of the shipment `s`, as one JSON value: the row (and its version), its legs, its events. */
const SHIPMENT_JSON = `json_build_object(
  'id', s."id", 'version', s.xmin::text,
  'reference', s."reference", 'organizationId', s."organizationId", 'buyerOrganizationId', s."buyerOrganizationId",
  'warehouseId', s."warehouseId", 'status', s."status", 'exception', s."exception", 'exceptionAt', ${epochMs("exceptionAt", "s")},
  'plannedArrivalAt', ${epochMs("plannedArrivalAt", "s")}, 'estimatedArrivalAt', ${epochMs("estimatedArrivalAt", "s")}, 'late', s."late",
  'lastEventAt', ${epochMs("lastEventAt", "s")}, 'deliveredAt', ${epochMs("deliveredAt", "s")},
  'legs', COALESCE((SELECT json_agg(json_build_object('id', l."id", 'sequence', l."sequence", 'toLocode', l."toLocode",
      'plannedDepartureAt', ${epochMs("plannedDepartureAt", "l")}, 'plannedArrivalAt', ${epochMs("plannedArrivalAt", "l")},
      'actualDepartureAt', ${epochMs("actualDepartureAt", "l")}, 'actualArrivalAt', ${epochMs("actualArrivalAt", "l")}) ORDER BY l."sequence")
    FROM "ShipmentLeg" l WHERE l."shipmentId" = s."id"), '[]'::json),
  'events', COALESCE((SELECT json_agg(${EVENT_JSON("e")}) FROM "ShipmentEvent" e WHERE e."shipmentId" = s."id"), '[]'::json)
)`;

const toDate = (ms: Millis) => (ms === null ? null : new Date(ms));

function parseLockedShipment(data: LockedShipmentJson) {
  const { legs, events, ...rest } = data;
  return {
    shipment: {
      ...rest,
      exceptionAt: toDate(rest.exceptionAt),
      plannedArrivalAt: new Date(rest.plannedArrivalAt),
      estimatedArrivalAt: new Date(rest.estimatedArrivalAt),
      lastEventAt: toDate(rest.lastEventAt),
      deliveredAt: toDate(rest.deliveredAt),
    },
    legs: legs.map((l) => ({ ...l, plannedDepartureAt: new Date(l.plannedDepartureAt), plannedArrivalAt: new Date(l.plannedArrivalAt), actualDepartureAt: toDate(l.actualDepartureAt), actualArrivalAt: toDate(l.actualArrivalAt) })),
    events: events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
  };
}

/** A uuid v7 (RFC 9562: 48-bit Unix milliseconds, version, random), like the ids Prisma gives: events sort by it. */
function uuidV7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface EventRow {
  id: string;
  organizationId: string;
  buyerOrganizationId: string | null;
  shipmentId: string;
  legId: string;
  source: string;
  externalId: string;
  milestone: ShipmentMilestone;
  carrierCode: string;
  /** ISO 8601 in UTC. */
  occurredAt: string;
  utcOffsetMinutes: number;
  locode: string | null;
  placeName: string | null;
  description: string;
  channel: string;
  raw: unknown;
}

type InsertedEvent = LockedShipmentJson["events"][number] & { externalId: string; shipmentId: string };

/**
 * Inserts the events (each once: ON CONFLICT DO NOTHING) and reads their shipments for the recompute, in ONE
 * statement. The statement's reads do not see its own inserts: the caller adds the returned rows to the events read.
 */
async function insertEventsAndRead(rows: EventRow[]): Promise<{ inserted: InsertedEvent[]; shipments: Map<string, LockedShipmentJson> }> {
  const receivedAt = new Date().toISOString();
  const [answer] = await queryRows<{ inserted: InsertedEvent[] | null; shipments: LockedShipmentJson[] | null }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "organizationId" uuid, "buyerOrganizationId" uuid, "shipmentId" uuid, "legId" uuid,
         "source" text, "externalId" text, "milestone" "ShipmentMilestone", "carrierCode" text, "occurredAt" timestamp(3), "utcOffsetMinutes" int,
         "locode" text, "placeName" text, "description" text, "channel" text, "raw" jsonb)
     ), ins AS (
       INSERT INTO "ShipmentEvent" ("id", "organizationId", "buyerOrganizationId", "shipmentId", "legId", "source", "externalId", "milestone", "carrierCode",
         "occurredAt", "utcOffsetMinutes", "locode", "placeName", "description", "channel", "raw", "receivedAt")
       SELECT "id", "organizationId", "buyerOrganizationId", "shipmentId", "legId", "source", "externalId", "milestone", "carrierCode",
         "occurredAt", "utcOffsetMinutes", "locode", "placeName", "description", "channel", "raw", $2::timestamp(3) FROM input
       ON CONFLICT ("source", "externalId") DO NOTHING
       RETURNING *
     )
     SELECT (SELECT json_agg(json_build_object('externalId', i."externalId", 'shipmentId', i."shipmentId", 'id', i."id", 'milestone', i."milestone",
                'occurredAt', ${epochMs("occurredAt", "i")}, 'legId', i."legId", 'locode', i."locode", 'utcOffsetMinutes', i."utcOffsetMinutes", 'placeName', i."placeName"))
             FROM ins i) AS inserted,
            (SELECT json_agg(${SHIPMENT_JSON}) FROM "Shipment" s WHERE s."id" IN (SELECT DISTINCT "shipmentId" FROM input)) AS shipments`,
    JSON.stringify(rows),
    receivedAt,
  );
  const shipments = new Map<string, LockedShipmentJson>();
  for (const s of answer?.shipments ?? []) shipments.set(s.id, s);
  return { inserted: answer?.inserted ?? [], shipments };
}

/** One shipment as a recompute reads it (a statement of its own: it sees every event committed before it). */
async function readShipment(shipmentId: string): Promise<LockedShipmentJson | null> {
  const [row] = await queryRows<{ data: LockedShipmentJson }>(`SELECT ${SHIPMENT_JSON} AS data FROM "Shipment" s WHERE s."id" = $1::uuid`, shipmentId);
  return row?.data ?? null;
}

/** How many times a recompute is redone when another wrote the shipment between its read and its write. */
const OPTIMISTIC_ATTEMPTS = 8;

/**
 * The webhook's recompute, without a lock held across round trips: compute from what was read, then write only if
 * the shipment row is still the version read (xmin), else read again and redo. The write happens on every recompute
 * (even when nothing changed), so a recompute that read before another event was stored can never be the last
 * write: that event's own recompute writes after it was stored, which makes every earlier read's write fail. The last
 * successful write therefore read every stored event. Null when it did not get through (or the shipment is gone).
 */
async function recomputeOptimistically(shipmentId: string, first: LockedShipmentJson | null, options: { now: Date; newEventIds: string[] }): Promise<Recomputed | null> {
  let read = first;
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    if (attempt > 0) read = await readShipment(shipmentId);
    if (!read) return null;
    const computed = recomputeFrom(shipmentId, read, options);
    if (await writeShipmentState(shipmentId, read.version, computed)) return computed.outcome;
  }
  return null;
}

/** One statement: the shipment's state if its row is still at `version`, and the legs' actual times that changed. */
async function writeShipmentState(shipmentId: string, version: string, computed: ReturnType<typeof recomputeFrom>): Promise<boolean> {
  const { state } = computed.outcome;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const [row] = await queryRows<{ updated: number }>(
    `WITH s AS (
       UPDATE "Shipment" SET "status" = $3::"ShipmentMilestone", "exception" = $4::"ShipmentMilestone", "exceptionAt" = $5::timestamp(3),
         "estimatedArrivalAt" = $6::timestamp(3), "late" = $7::boolean, "lastEventAt" = $8::timestamp(3), "deliveredAt" = $9::timestamp(3),
         "updatedAt" = CASE WHEN $10::boolean THEN $11::timestamp(3) ELSE "updatedAt" END
       WHERE "id" = $1::uuid AND xmin::text = $2
       RETURNING "id"
     ), legs AS (
       UPDATE "ShipmentLeg" l SET "actualDepartureAt" = v."departure", "actualArrivalAt" = v."arrival"
       FROM jsonb_to_recordset($12::jsonb) AS v("id" uuid, "departure" timestamp(3), "arrival" timestamp(3))
       WHERE l."id" = v."id" AND l."shipmentId" = $1::uuid AND EXISTS (SELECT 1 FROM s)
       RETURNING l."id"
     )
     SELECT (SELECT count(*) FROM s)::int AS updated`,
    shipmentId,
    version,
    state.status,
    state.exception,
    iso(state.exceptionAt),
    iso(state.estimatedArrivalAt),
    state.late,
    iso(state.lastEventAt),
    iso(state.deliveredAt),
    computed.changed,
    new Date().toISOString(),
    JSON.stringify(computed.legChanges.map((l) => ({ id: l.id, departure: iso(l.actualDepartureAt), arrival: iso(l.actualArrivalAt) }))),
  );
  return Number(row?.updated ?? 0) === 1;
}

/** The state from everything read, what changed against the stored row, and what to push and notify. Pure. */
function recomputeFrom(shipmentId: string, data: LockedShipmentJson, options: { now?: Date; newEventIds?: string[] }) {
  const { shipment, legs, events } = parseLockedShipment(data);
  const state = computeShipmentState({ events, legs, plannedArrivalAt: shipment.plannedArrivalAt, now: options.now ?? new Date() });

  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  const changed =
    shipment.status !== state.status ||
    shipment.exception !== state.exception ||
    !same(shipment.exceptionAt, state.exceptionAt) ||
    !same(shipment.estimatedArrivalAt, state.estimatedArrivalAt) ||
    shipment.late !== state.late ||
    !same(shipment.lastEventAt, state.lastEventAt) ||
    !same(shipment.deliveredAt, state.deliveredAt);
  const legChanges = state.legs.filter((actual) => {
    const leg = legs.find((l) => l.id === actual.id)!;
    return !same(leg.actualDepartureAt, actual.actualDepartureAt) || !same(leg.actualArrivalAt, actual.actualArrivalAt);
  });

  const sequenceOf = new Map(legs.map((l) => [l.id, l.sequence]));
  const fresh = new Set(options.newEventIds ?? []);
  const newEvents: NewEvent[] = events
    .filter((e) => fresh.has(e.id))
    .map((e) => ({ ...e, legSequence: e.legId ? (sequenceOf.get(e.legId) ?? null) : null }))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || rankOf(a.milestone) - rankOf(b.milestone));
  const outcome: Recomputed = {
    audience: { shipmentId, organizationId: shipment.organizationId, buyerOrganizationId: shipment.buyerOrganizationId, warehouseId: shipment.warehouseId },
    reference: shipment.reference,
    state,
    newEvents,
    notify: eventsToNotify(events, fresh),
  };
  return { outcome, changed, legChanges };
}

/**
 * Locks the shipment row, recomputes its state from all of its events and writes it (shipment, changed legs): for
 * Ponte's own events, inside the caller's transaction (the shipment may be new in it). FOR NO KEY UPDATE: recomputes
 * of one shipment take turns, while other requests may still insert its events (their foreign key only needs KEY
 * SHARE); the turn after theirs reads them. The row is written even when nothing changed, so that a webhook's
 * optimistic recompute that read before this one fails its version check and reads again.
 * `newEventIds` are the events this caller stored: it publishes and notifies those after commit.
 */
export async function recomputeShipment(tx: SystemTx, shipmentId: string, options: { now?: Date; newEventIds?: string[] } = {}): Promise<Recomputed | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Shipment" WHERE "id" = ${shipmentId}::uuid FOR NO KEY UPDATE`;
  if (!locked.length) return null;
  // Everything the recompute reads, in one round trip after the lock (a statement of its own, so it sees every event
  // committed while this one waited for its turn).
  const [read] = await tx.$queryRawUnsafe<{ data: LockedShipmentJson }[]>(`SELECT ${SHIPMENT_JSON} AS data FROM "Shipment" s WHERE s."id" = $1::uuid`, shipmentId);
  const { outcome, changed, legChanges } = recomputeFrom(shipmentId, read!.data, options);
  const { state } = outcome;
  if (changed) {
    await tx.shipment.update({
      where: { id: shipmentId },
      data: { status: state.status, exception: state.exception, exceptionAt: state.exceptionAt, estimatedArrivalAt: state.estimatedArrivalAt, late: state.late, lastEventAt: state.lastEventAt, deliveredAt: state.deliveredAt },
    });
  } else {
    await tx.$executeRaw`UPDATE "Shipment" SET "status" = "status" WHERE "id" = ${shipmentId}::uuid`;
  }
  for (const actual of legChanges) {
    await tx.shipmentLeg.update({ where: { id: actual.id }, data: { actualDepartureAt: actual.actualDepartureAt, actualArrivalAt: actual.actualArrivalAt } });
  }
  return outcome;
}

/** After commit: each new event to every entitled browser, then its notification queued (or written). */
async function afterRecompute(outcome: Recomputed, acceptedAt: number, notifications: NonNullable<IngestOptions["notifications"]>) {
  const { state } = outcome;
  for (const event of outcome.newEvents) {
    const payload: ShipmentLivePayload = {
      shipmentId: outcome.audience.shipmentId,
      reference: outcome.reference,
      status: state.status,
      exception: state.exception,
      estimatedArrivalAt: state.estimatedArrivalAt.toISOString(),
      late: state.late,
      event: {
        id: event.id,
        milestone: event.milestone,
        occurredAt: event.occurredAt.toISOString(),
        utcOffsetMinutes: event.utcOffsetMinutes,
        locode: event.locode,
        placeName: event.placeName,
        legSequence: event.legSequence,
      },
      acceptedAt,
    };
    publishShipmentEvent(outcome.audience, payload);
  }
  if (notifications === "none") return;
  for (const eventId of outcome.notify) {
    if (notifications === "queue" && currentQueue()) {
      try {
        await enqueue("shipments.notify", { eventId }, { singletonKey: `shipment-event:${eventId}` });
        continue;
      } catch (error) {
        console.error("[tracking] notification not queued; writing it now", eventId, (error as Error).message);
      }
    }
    try {
      await notifyShipmentEvent(eventId);
    } catch (error) {
      // The event is stored and the state is right; a lost notice must not turn the carrier's delivery into an error.
      console.error("[tracking] notification failed", eventId, (error as Error).message);
    }
  }
}
