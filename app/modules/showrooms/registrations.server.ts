import type { EventRegistrationStatus } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";

/**
 * Seats at showroom events. Every change of an event's registrations runs in one transaction that first locks the
 * event's row (SELECT … FOR UPDATE): registrations and cancellations of one event are serialized, so counting the
 * REGISTERED rows and adding one is never raced (no overbooking), and a freed seat goes to exactly one waiting buyer.
 * Registrations are two-party rows (the operator and the buyer); the seat count is the event's, across buyers, so
 * it is read with `unscopedDb` inside the lock, and each write names the buyer's own user and organization.
 */

export type RegistrationErrorCode = "event_not_found" | "event_closed" | "not_registered";

export class RegistrationError extends Error {
  constructor(public readonly code: RegistrationErrorCode) {
    super(code);
    this.name = "RegistrationError";
  }
}

export interface RegistrationOutcome {
  registrationId: string;
  status: Exclude<EventRegistrationStatus, "CANCELLED">;
  /** 1-based place in the waiting list (null when registered). */
  position: number | null;
  /** True when this call changed nothing (already registered or waiting). */
  unchanged: boolean;
}

type Tx = Parameters<Parameters<typeof unscopedDb.$transaction>[0]>[0];

const TRANSACTION = { timeout: 15_000, maxWait: 15_000 } as const;

async function lockEvent(tx: Tx, eventId: string) {
  const rows = await tx.$queryRaw<{ id: string; organizationId: string; capacity: number; status: string; endsAt: Date; published: boolean }[]>`
    SELECT e."id", e."organizationId", e."capacity", e."status"::text AS "status", e."endsAt", (s."status" = 'PUBLISHED') AS "published"
    FROM "ShowroomEvent" e JOIN "Storefront" s ON s."id" = e."storefrontId"
    WHERE e."id" = ${eventId}::uuid
    FOR UPDATE OF e`;
  return rows[0] ?? null;
}

/** Place in line: waiting registrations before this one (registration time, then id), plus one. */
async function waitlistPosition(tx: Tx | typeof unscopedDb, eventId: string, registration: { id: string; registeredAt: Date }): Promise<number> {
  const ahead = await tx.showroomEventRegistration.count({
    where: {
      eventId,
      status: "WAITLISTED",
      OR: [{ registeredAt: { lt: registration.registeredAt } }, { registeredAt: registration.registeredAt, id: { lt: registration.id } }],
    },
  });
  return ahead + 1;
}

/**
 * The registration time that puts a new registration after every live one of the event. Clocks are read before the
 * lock is granted and two buyers can share a millisecond, so the raw time could put a later arrival ahead of (or level
 * with) one already in line; under the event's lock, one millisecond past the latest keeps the line in lock order.
 */
async function placeInLine(tx: Tx, eventId: string, now: Date): Promise<Date> {
  const latest = await tx.showroomEventRegistration.aggregate({ where: { eventId, status: { not: "CANCELLED" } }, _max: { registeredAt: true } });
  const last = latest._max.registeredAt;
  return last && last.getTime() >= now.getTime() ? new Date(last.getTime() + 1) : now;
}

/** A signed-in buyer takes a seat while seats remain, else a place in the waiting list. Idempotent per user. */
export async function registerForEvent(input: { eventId: string; userId: string; buyerOrganizationId: string; now?: Date }): Promise<RegistrationOutcome> {
  const now = input.now ?? new Date();
  return unscopedDb.$transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    if (!event || !event.published) throw new RegistrationError("event_not_found");
    if (event.status !== "SCHEDULED" || event.endsAt.getTime() <= now.getTime()) throw new RegistrationError("event_closed");
    const existing = await tx.showroomEventRegistration.findUnique({ where: { eventId_userId: { eventId: input.eventId, userId: input.userId } } });
    if (existing && existing.status !== "CANCELLED") {
      const status = existing.status;
      return { registrationId: existing.id, status, position: status === "WAITLISTED" ? await waitlistPosition(tx, input.eventId, existing) : null, unchanged: true };
    }
    const taken = await tx.showroomEventRegistration.count({ where: { eventId: input.eventId, status: "REGISTERED" } });
    const status = taken < event.capacity ? ("REGISTERED" as const) : ("WAITLISTED" as const);
    const data = { status, registeredAt: await placeInLine(tx, input.eventId, now), cancelledAt: null, reminderSentAt: null, buyerOrganizationId: input.buyerOrganizationId };
    const row = existing
      ? await tx.showroomEventRegistration.update({ where: { id: existing.id }, data })
      : await tx.showroomEventRegistration.create({ data: { ...data, organizationId: event.organizationId, eventId: input.eventId, userId: input.userId } });
    return { registrationId: row.id, status, position: status === "WAITLISTED" ? await waitlistPosition(tx, input.eventId, row) : null, unchanged: false };
  }, TRANSACTION);
}

/**
 * The buyer gives up their seat (or place in line). A freed seat goes to the first in line, in the same transaction.
 * Answers the promoted registration's id, if any (its buyer is told by email).
 */
export async function cancelRegistration(input: { eventId: string; userId: string; now?: Date }): Promise<{ promotedRegistrationId: string | null }> {
  const now = input.now ?? new Date();
  return unscopedDb.$transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    if (!event) throw new RegistrationError("event_not_found");
    const mine = await tx.showroomEventRegistration.findUnique({ where: { eventId_userId: { eventId: input.eventId, userId: input.userId } } });
    if (!mine || mine.status === "CANCELLED") throw new RegistrationError("not_registered");
    await tx.showroomEventRegistration.update({ where: { id: mine.id }, data: { status: "CANCELLED", cancelledAt: now } });
    if (mine.status !== "REGISTERED" || event.status !== "SCHEDULED") return { promotedRegistrationId: null };
    const taken = await tx.showroomEventRegistration.count({ where: { eventId: input.eventId, status: "REGISTERED" } });
    if (taken >= event.capacity) return { promotedRegistrationId: null };
    const next = await tx.showroomEventRegistration.findFirst({ where: { eventId: input.eventId, status: "WAITLISTED" }, orderBy: [{ registeredAt: "asc" }, { id: "asc" }], select: { id: true } });
    if (!next) return { promotedRegistrationId: null };
    await tx.showroomEventRegistration.update({ where: { id: next.id }, data: { status: "REGISTERED" } });
    return { promotedRegistrationId: next.id };
  }, TRANSACTION);
}

/** The viewer's own registration for an event, with their place in line. */
export async function myRegistration(eventId: string, userId: string): Promise<{ id: string; status: EventRegistrationStatus; position: number | null; updatedAt: Date } | null> {
  const row = await unscopedDb.showroomEventRegistration.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { id: true, status: true, registeredAt: true, updatedAt: true } });
  if (!row) return null;
  return { id: row.id, status: row.status, position: row.status === "WAITLISTED" ? await waitlistPosition(unscopedDb, eventId, row) : null, updatedAt: row.updatedAt };
}

/** Seats taken per event (one grouped query for a list of events). */
export async function seatsTaken(eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const groups = await unscopedDb.showroomEventRegistration.groupBy({ by: ["eventId"], where: { eventId: { in: eventIds }, status: "REGISTERED" }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.eventId, g._count._all]));
}
