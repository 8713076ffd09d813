/**
 * A shipment's estimated arrival from its legs' planned durations and what actually happened. Pure.
 *
 * - A leg that has arrived counts from its actual arrival; one under way counts from its actual departure plus its
 *   planned duration (and not earlier than now: it has not arrived yet).
 * - A leg's delay (arrival later than planned) pushes every following leg by as much: slack between legs is not
 *   assumed to absorb it. Arriving early does not pull a scheduled departure forward.
 * - Delivered: the estimate is the delivery itself.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** How far past the promise (or a leg past its planned duration) a shipment may run before it is called late. */
export const LATE_TOLERANCE_MS = 6 * HOUR_MS;

export interface LegTimes {
  sequence: number;
  plannedDepartureAt: Date;
  plannedArrivalAt: Date;
  actualDepartureAt: Date | null;
  actualArrivalAt: Date | null;
}

export interface LegEstimate {
  sequence: number;
  departureAt: Date;
  arrivalAt: Date;
  /** Took (or is taking) longer than planned by more than the tolerance. */
  overran: boolean;
}

export interface EtaInput {
  legs: LegTimes[];
  /** The promise made at booking (Shipment.plannedArrivalAt). */
  plannedArrivalAt: Date;
  deliveredAt: Date | null;
  now: Date;
  toleranceMs?: number;
}

export interface EtaResult {
  estimatedArrivalAt: Date;
  legs: LegEstimate[];
  /** The estimate is past the promise by more than the tolerance, or (before delivery) a leg overran. */
  late: boolean;
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

export function durationMs(from: Date, to: Date): number {
  return to.getTime() - from.getTime();
}

export function estimateArrival(input: EtaInput): EtaResult {
  const tolerance = input.toleranceMs ?? LATE_TOLERANCE_MS;
  const legs = [...input.legs].sort((a, b) => a.sequence - b.sequence);
  const estimates: LegEstimate[] = [];
  // How late the previous leg arrived against its plan (never negative): the next departure moves by as much.
  let carriedDelay = 0;
  // Where the goods were last known to be in time: a later leg cannot leave before an earlier one arrived.
  let previousArrival: Date | null = null;
  for (const leg of legs) {
    const planned = Math.max(0, durationMs(leg.plannedDepartureAt, leg.plannedArrivalAt));
    let departureAt = leg.actualDepartureAt ?? plus(leg.plannedDepartureAt, carriedDelay);
    if (!leg.actualDepartureAt && previousArrival) departureAt = later(departureAt, previousArrival);
    let arrivalAt: Date;
    let overran: boolean;
    if (leg.actualArrivalAt) {
      arrivalAt = leg.actualArrivalAt;
      overran = leg.actualDepartureAt ? durationMs(leg.actualDepartureAt, leg.actualArrivalAt) > planned + tolerance : false;
    } else if (leg.actualDepartureAt) {
      // Under way: due after its planned duration, and still not arrived now.
      const due = plus(leg.actualDepartureAt, planned);
      arrivalAt = later(due, input.now);
      overran = durationMs(leg.actualDepartureAt, input.now) > planned + tolerance;
    } else {
      arrivalAt = plus(departureAt, planned);
      overran = false;
    }
    estimates.push({ sequence: leg.sequence, departureAt, arrivalAt, overran });
    carriedDelay = Math.max(0, durationMs(leg.plannedArrivalAt, arrivalAt));
    previousArrival = arrivalAt;
  }
  if (input.deliveredAt) {
    return { estimatedArrivalAt: input.deliveredAt, legs: estimates, late: durationMs(input.plannedArrivalAt, input.deliveredAt) > tolerance };
  }
  const estimatedArrivalAt = estimates.length ? estimates[estimates.length - 1]!.arrivalAt : input.plannedArrivalAt;
  const late = durationMs(input.plannedArrivalAt, estimatedArrivalAt) > tolerance || estimates.some((e) => e.overran);
  return { estimatedArrivalAt, legs: estimates, late };
}

/** The promise at booking: the last leg's planned arrival (legs in any order). */
export function plannedArrival(legs: Pick<LegTimes, "sequence" | "plannedArrivalAt">[]): Date | null {
  if (!legs.length) return null;
  return [...legs].sort((a, b) => a.sequence - b.sequence)[legs.length - 1]!.plannedArrivalAt;
}

const OFFSET = /(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The UTC offset (minutes east of UTC) an ISO 8601 timestamp was written with: "…+08:00" → 480, "…Z" → 0,
 * "…-03:00" → -180. Null when the string has no explicit offset.
 */
export function offsetMinutesOf(iso: string): number | null {
  const match = OFFSET.exec(iso.trim());
  if (!match) return null;
  if (match[1] === "Z") return 0;
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  return match[2] === "-" ? -minutes : minutes;
}

/** "2026-12-06T14:05:00+08:00" → the instant; null when it does not parse or has no explicit offset. */
export function parseOffsetTimestamp(iso: string): { at: Date; utcOffsetMinutes: number } | null {
  const utcOffsetMinutes = offsetMinutesOf(iso);
  if (utcOffsetMinutes === null || Math.abs(utcOffsetMinutes) > 14 * 60) return null;
  const at = new Date(iso.trim());
  return Number.isNaN(at.getTime()) ? null : { at, utcOffsetMinutes };
}

/** An instant written in a fixed offset, as the carrier reported it: "2026-12-06T14:05:00+08:00". */
export function formatWithOffset(at: Date, utcOffsetMinutes: number): string {
  const iso = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString();
  const local = at.getUTCMilliseconds() ? iso.slice(0, 23) : iso.slice(0, 19);
  if (utcOffsetMinutes === 0) return `${local}Z`;
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(utcOffsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
