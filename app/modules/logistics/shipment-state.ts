import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { estimateArrival, type LegEstimate } from "./eta";
import { MILESTONE_RULES, isException, isProgress, rankOf, resolves } from "./milestones";

/**
 * A shipment's state computed from ALL of its events, in whatever order they arrived: status, open exception, the
 * legs' actual times, ETA and the late flag. Recomputing from the whole set (rather than applying each event to the
 * last state) makes a late-arriving event slot into the timeline by construction: the status is the furthest
 * progress ever reported, so it cannot move backwards. Pure.
 */

export interface StateEvent {
  id: string;
  milestone: ShipmentMilestone;
  occurredAt: Date;
  legId: string | null;
  locode: string | null;
}

export interface StateLeg {
  id: string;
  sequence: number;
  toLocode: string;
  plannedDepartureAt: Date;
  plannedArrivalAt: Date;
}

export interface ShipmentStateInput {
  events: StateEvent[];
  legs: StateLeg[];
  /** The promise at booking. */
  plannedArrivalAt: Date;
  now: Date;
  toleranceMs?: number;
}

export interface LegActuals {
  id: string;
  sequence: number;
  actualDepartureAt: Date | null;
  actualArrivalAt: Date | null;
}

export interface ShipmentState {
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: Date | null;
  /** The event that opened the open exception. */
  exceptionEventId: string | null;
  legs: LegActuals[];
  legEstimates: LegEstimate[];
  estimatedArrivalAt: Date;
  late: boolean;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
}

/** Timeline order: by time, then travel order for events reported at the same instant, then id (stable). */
export function compareEvents(a: Pick<StateEvent, "occurredAt" | "milestone" | "id">, b: Pick<StateEvent, "occurredAt" | "milestone" | "id">): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || rankOf(a.milestone) - rankOf(b.milestone) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortTimeline<T extends Pick<StateEvent, "occurredAt" | "milestone" | "id">>(events: T[]): T[] {
  return [...events].sort(compareEvents);
}

/** The furthest progress milestone among the events (BOOKED when none). */
export function furthestStatus(events: Pick<StateEvent, "milestone">[]): ShipmentMilestone {
  let status: ShipmentMilestone = "BOOKED";
  for (const event of events) if (isProgress(event.milestone) && rankOf(event.milestone) > rankOf(status)) status = event.milestone;
  return status;
}

/**
 * Each leg's actual departure (its first departure-type event) and arrival (its first arrival-type event at the
 * leg's destination; one reported elsewhere is a stop on the way, such as a transshipment hub; one without a place
 * counts; a delivery always ends its leg).
 */
export function legActuals(legs: StateLeg[], timeline: StateEvent[]): LegActuals[] {
  return [...legs]
    .sort((a, b) => a.sequence - b.sequence)
    .map((leg) => {
      let actualDepartureAt: Date | null = null;
      let actualArrivalAt: Date | null = null;
      for (const event of timeline) {
        if (event.legId !== leg.id) continue;
        const rule = MILESTONE_RULES[event.milestone];
        if (rule.kind !== "progress") continue;
        if (rule.legEffect === "departure" && !actualDepartureAt) actualDepartureAt = event.occurredAt;
        const atLegEnd = event.milestone === "DELIVERED" || event.locode === null || event.locode === leg.toLocode;
        if (rule.legEffect === "arrival" && atLegEnd && !actualArrivalAt) actualArrivalAt = event.occurredAt;
      }
      return { id: leg.id, sequence: leg.sequence, actualDepartureAt, actualArrivalAt };
    });
}

/** The latest exception no progress event has resolved, or null. */
export function openException(timeline: StateEvent[]): StateEvent | null {
  const progress = timeline.filter((e) => isProgress(e.milestone));
  let open: StateEvent | null = null;
  for (const event of timeline) {
    if (!isException(event.milestone)) continue;
    const resolved = progress.some((p) => resolves(event.milestone, event.occurredAt, p.milestone, p.occurredAt));
    if (!resolved) open = event;
  }
  return open;
}

export function computeShipmentState(input: ShipmentStateInput): ShipmentState {
  const timeline = sortTimeline(input.events);
  const status = furthestStatus(timeline);
  const exception = openException(timeline);
  const legs = legActuals(input.legs, timeline);
  const delivered = timeline.find((e) => e.milestone === "DELIVERED") ?? null;
  const plannedById = new Map(input.legs.map((l) => [l.id, l]));
  const eta = estimateArrival({
    legs: legs.map((l) => ({ ...l, plannedDepartureAt: plannedById.get(l.id)!.plannedDepartureAt, plannedArrivalAt: plannedById.get(l.id)!.plannedArrivalAt })),
    plannedArrivalAt: input.plannedArrivalAt,
    deliveredAt: delivered?.occurredAt ?? null,
    now: input.now,
    toleranceMs: input.toleranceMs,
  });
  const exceptionRule = exception ? MILESTONE_RULES[exception.milestone] : null;
  const exceptionMarksLate = !delivered && exceptionRule?.kind === "exception" && exceptionRule.marksLate === true;
  return {
    status,
    exception: exception?.milestone ?? null,
    exceptionAt: exception?.occurredAt ?? null,
    exceptionEventId: exception?.id ?? null,
    legs,
    legEstimates: eta.legs,
    estimatedArrivalAt: eta.estimatedArrivalAt,
    late: eta.late || exceptionMarksLate,
    deliveredAt: delivered?.occurredAt ?? null,
    lastEventAt: timeline.length ? timeline.reduce((max, e) => (e.occurredAt > max ? e.occurredAt : max), timeline[0]!.occurredAt) : null,
  };
}

/**
 * Which newly stored events people hear of. Judged against the events stored before each one (uuid v7 ids grow with
 * time), so two requests racing on one shipment decide the same as if they had come one after the other:
 * - progress: it went further than anything stored before it; of several in one batch, only the furthest;
 * - exception: no progress event resolves it, and the same exception is not already open from an earlier report.
 * A replayed event is never new, so it never notifies twice.
 */
export function eventsToNotify(events: StateEvent[], fresh: Set<string>): string[] {
  const storedBefore = (id: string) => events.filter((e) => e.id < id);
  const progress = events.filter((e) => isProgress(e.milestone));
  const notify: string[] = [];
  let furthest: StateEvent | null = null;
  for (const event of events) {
    if (!fresh.has(event.id) || !MILESTONE_RULES[event.milestone].notifies) continue;
    if (isProgress(event.milestone)) {
      const before = storedBefore(event.id).filter((e) => isProgress(e.milestone) && !fresh.has(e.id));
      if (before.some((e) => rankOf(e.milestone) >= rankOf(event.milestone))) continue;
      if (!furthest || rankOf(event.milestone) > rankOf(furthest.milestone)) furthest = event;
    } else if (isException(event.milestone)) {
      if (progress.some((p) => resolves(event.milestone, event.occurredAt, p.milestone, p.occurredAt))) continue;
      const alreadyOpen = storedBefore(event.id).some(
        (e) => e.milestone === event.milestone && !progress.some((p) => resolves(e.milestone, e.occurredAt, p.milestone, p.occurredAt)),
      );
      if (!alreadyOpen) notify.push(event.id);
    }
  }
  if (furthest) notify.push(furthest.id);
  return notify;
}
