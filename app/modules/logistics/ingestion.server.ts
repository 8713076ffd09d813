import { createHmac, timingSafeEqual } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
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
 * (recordPonteEvent). Each event is stored once by (source, carrier's event id); then, per shipment, ONE transaction
 * locks the shipment row and recomputes its whole state from all of its events (shipment-state.ts), so events that
 * arrive late, twice or concurrently leave the same state as if they had come in order. After commit, each newly
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

/** Under a burst the pool's connections are all busy for a while: wait for one rather than fail the webhook. */
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

  const rows: Prisma.ShipmentEventCreateManyInput[] = [];
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
      organizationId: leg.shipment.organizationId,
      buyerOrganizationId: leg.shipment.buyerOrganizationId,
      shipmentId: leg.shipment.id,
      legId: leg.id,
      source: carrier.code,
      externalId: event.id,
      milestone: mapped.milestone,
      carrierCode: event.code,
      occurredAt: time.at,
      utcOffsetMinutes: time.utcOffsetMinutes,
      locode,
      placeName: event.location?.name ?? null,
      description: event.description ?? "",
      channel,
      raw: event as unknown as Prisma.InputJsonValue,
    });
  });
  if (unknownCodes.size) console.warn(`[carrier ${carrier.code}] refused codes without a milestone: ${[...unknownCodes].join(", ")}`);

  // One statement; ON CONFLICT ("source","externalId") DO NOTHING: a replay, even a concurrent one, inserts nothing.
  const inserted = rows.length
    ? await unscopedDb.shipmentEvent.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, externalId: true, shipmentId: true } })
    : [];
  const insertedByExternal = new Map(inserted.map((r) => [r.externalId, r]));
  for (const [externalId, index] of rowIndex) results[index]!.result = insertedByExternal.has(externalId) ? "stored" : "duplicate";

  const byShipment = new Map<string, string[]>();
  for (const row of inserted) byShipment.set(row.shipmentId, [...(byShipment.get(row.shipmentId) ?? []), row.id]);
  let stored = inserted.length;
  for (const [shipmentId, eventIds] of byShipment) {
    let outcome: Recomputed | null;
    try {
      outcome = await unscopedDb.$transaction((tx) => recomputeShipment(tx, shipmentId, { now, newEventIds: eventIds }), RECOMPUTE_TRANSACTION);
    } catch (error) {
      // Its events are taken back, so that the carrier's retry stores them as new (a duplicate would be skipped and
      // the shipment left behind them); the answer says to retry.
      console.error(`[carrier ${carrier.code}] shipment ${shipmentId} not updated; its ${eventIds.length} event(s) refused for a retry`, (error as Error).message);
      await unscopedDb.shipmentEvent.deleteMany({ where: { id: { in: eventIds } } });
      const externalIds = new Set(inserted.filter((r) => r.shipmentId === shipmentId).map((r) => r.externalId));
      for (const [externalId, index] of rowIndex) {
        if (externalIds.has(externalId)) Object.assign(results[index]!, { result: "retry", reason: "not processed this time: send it again" });
      }
      stored -= eventIds.length;
      continue;
    }
    if (outcome) await afterRecompute(outcome, acceptedAt, options.notifications ?? "queue");
  }
  return { results, stored };
}

/** The leg each event's reference names: this carrier's legs (any leg for a data source), newest open shipment first. */
async function matchLegs(carrier: IngestCarrier, events: CarrierEvent[]): Promise<Map<string, MatchedLeg>> {
  const candidatesOf = new Map(events.map((e) => [e.reference, referenceCandidates(e.reference)]));
  const all = [...new Set([...candidatesOf.values()].flat())];
  if (!all.length) return new Map();
  const legs = await unscopedDb.shipmentLeg.findMany({
    where: { reference: { in: all }, ...(carrier.modes.length ? { carrierId: carrier.id } : {}) },
    select: {
      id: true,
      sequence: true,
      reference: true,
      toLocode: true,
      shipment: { select: { id: true, reference: true, organizationId: true, buyerOrganizationId: true, destinationCountryCode: true, status: true, createdAt: true } },
    },
  });
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
function EPOCH_MS(column: string, table: "s" | "l" | "e") {
  return Prisma.raw(`(floor(extract(epoch from ${table}."${column}") * 1000))::float8`);
}

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

/**
 * Locks the shipment row, recomputes its state from all of its events and writes what changed (shipment, legs).
 * FOR NO KEY UPDATE: recomputes of one shipment take turns, while other requests may still insert its events (their
 * foreign key only needs KEY SHARE); the turn after theirs reads them.
 * `newEventIds` are the events this caller stored: it publishes and notifies those after commit.
 */
export async function recomputeShipment(tx: SystemTx, shipmentId: string, options: { now?: Date; newEventIds?: string[] } = {}): Promise<Recomputed | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Shipment" WHERE "id" = ${shipmentId}::uuid FOR NO KEY UPDATE`;
  if (!locked.length) return null;
  // Everything the recompute reads, in one round trip after the lock (a statement of its own, so it sees every event
  // committed while this one waited for its turn). Times as epoch milliseconds: no time zone to misread.
  const [read] = await tx.$queryRaw<{ data: LockedShipmentJson }[]>`
    SELECT json_build_object(
      'reference', s."reference", 'organizationId', s."organizationId", 'buyerOrganizationId', s."buyerOrganizationId",
      'warehouseId', s."warehouseId", 'status', s."status", 'exception', s."exception", 'exceptionAt', ${EPOCH_MS("exceptionAt", "s")},
      'plannedArrivalAt', ${EPOCH_MS("plannedArrivalAt", "s")}, 'estimatedArrivalAt', ${EPOCH_MS("estimatedArrivalAt", "s")}, 'late', s."late",
      'lastEventAt', ${EPOCH_MS("lastEventAt", "s")}, 'deliveredAt', ${EPOCH_MS("deliveredAt", "s")},
      'legs', COALESCE((SELECT json_agg(json_build_object('id', l."id", 'sequence', l."sequence", 'toLocode', l."toLocode",
          'plannedDepartureAt', ${EPOCH_MS("plannedDepartureAt", "l")}, 'plannedArrivalAt', ${EPOCH_MS("plannedArrivalAt", "l")},
          'actualDepartureAt', ${EPOCH_MS("actualDepartureAt", "l")}, 'actualArrivalAt', ${EPOCH_MS("actualArrivalAt", "l")}) ORDER BY l."sequence")
        FROM "ShipmentLeg" l WHERE l."shipmentId" = s."id"), '[]'::json),
      'events', COALESCE((SELECT json_agg(json_build_object('id', e."id", 'milestone', e."milestone", 'occurredAt', ${EPOCH_MS("occurredAt", "e")},
          'legId', e."legId", 'locode', e."locode", 'utcOffsetMinutes', e."utcOffsetMinutes", 'placeName', e."placeName"))
        FROM "ShipmentEvent" e WHERE e."shipmentId" = s."id"), '[]'::json)
    ) AS data
    FROM "Shipment" s WHERE s."id" = ${shipmentId}::uuid`;
  const { shipment, legs, events } = parseLockedShipment(read!.data);
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
  if (changed) {
    await tx.shipment.update({
      where: { id: shipmentId },
      data: { status: state.status, exception: state.exception, exceptionAt: state.exceptionAt, estimatedArrivalAt: state.estimatedArrivalAt, late: state.late, lastEventAt: state.lastEventAt, deliveredAt: state.deliveredAt },
    });
  }
  for (const actual of state.legs) {
    const leg = legs.find((l) => l.id === actual.id)!;
    if (!same(leg.actualDepartureAt, actual.actualDepartureAt) || !same(leg.actualArrivalAt, actual.actualArrivalAt)) {
      await tx.shipmentLeg.update({ where: { id: leg.id }, data: { actualDepartureAt: actual.actualDepartureAt, actualArrivalAt: actual.actualArrivalAt } });
    }
  }

  const sequenceOf = new Map(legs.map((l) => [l.id, l.sequence]));
  const fresh = new Set(options.newEventIds ?? []);
  const newEvents: NewEvent[] = events
    .filter((e) => fresh.has(e.id))
    .map((e) => ({ ...e, legSequence: e.legId ? (sequenceOf.get(e.legId) ?? null) : null }))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || rankOf(a.milestone) - rankOf(b.milestone));
  return {
    audience: { shipmentId, organizationId: shipment.organizationId, buyerOrganizationId: shipment.buyerOrganizationId, warehouseId: shipment.warehouseId },
    reference: shipment.reference,
    state,
    newEvents,
    notify: eventsToNotify(events, fresh),
  };
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
