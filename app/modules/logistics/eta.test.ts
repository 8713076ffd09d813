import { describe, expect, it } from "vitest";
import { HOUR_MS, estimateArrival, formatWithOffset, offsetMinutesOf, parseOffsetTimestamp, plannedArrival, type LegTimes } from "./eta";

const T0 = Date.UTC(2026, 11, 1, 0);
const h = (hours: number) => new Date(T0 + hours * HOUR_MS);

/** Truck 0→6 h, air 12→48 h, last mile 60→72 h. */
function legs(overrides: Partial<Record<1 | 2 | 3, Partial<LegTimes>>> = {}): LegTimes[] {
  const base: LegTimes[] = [
    { sequence: 1, plannedDepartureAt: h(0), plannedArrivalAt: h(6), actualDepartureAt: null, actualArrivalAt: null },
    { sequence: 2, plannedDepartureAt: h(12), plannedArrivalAt: h(48), actualDepartureAt: null, actualArrivalAt: null },
    { sequence: 3, plannedDepartureAt: h(60), plannedArrivalAt: h(72), actualDepartureAt: null, actualArrivalAt: null },
  ];
  return base.map((leg) => ({ ...leg, ...overrides[leg.sequence as 1 | 2 | 3] }));
}

const promise = h(72);

describe("estimateArrival", () => {
  it("is the promise while everything runs to plan", () => {
    const eta = estimateArrival({ legs: legs(), plannedArrivalAt: promise, deliveredAt: null, now: h(-1) });
    expect(eta.estimatedArrivalAt).toEqual(h(72));
    expect(eta.late).toBe(false);
    expect(plannedArrival(legs().reverse())).toEqual(h(72));
  });

  it("pushes every following leg by a late departure", () => {
    const eta = estimateArrival({ legs: legs({ 1: { actualDepartureAt: h(10) } }), plannedArrivalAt: promise, deliveredAt: null, now: h(11) });
    expect(eta.legs.map((l) => l.arrivalAt)).toEqual([h(16), h(58), h(82)]);
    expect(eta.estimatedArrivalAt).toEqual(h(82));
    expect(eta.late).toBe(true);
  });

  it("replaces a completed leg's plan by its actual arrival, and an early arrival does not pull scheduled departures", () => {
    const onTime = estimateArrival({ legs: legs({ 1: { actualDepartureAt: h(0), actualArrivalAt: h(4) }, 2: { actualDepartureAt: h(12), actualArrivalAt: h(40) } }), plannedArrivalAt: promise, deliveredAt: null, now: h(41) });
    expect(onTime.legs[1]!.arrivalAt).toEqual(h(40));
    expect(onTime.legs[2]!.departureAt).toEqual(h(60));
    expect(onTime.estimatedArrivalAt).toEqual(h(72));
    expect(onTime.late).toBe(false);

    const late = estimateArrival({ legs: legs({ 2: { actualDepartureAt: h(12), actualArrivalAt: h(56) } }), plannedArrivalAt: promise, deliveredAt: null, now: h(57) });
    expect(late.estimatedArrivalAt).toEqual(h(80));
    expect(late.late).toBe(true);
  });

  it("keeps a leg under way from arriving in the past, and flags it once it overran", () => {
    const flying = legs({ 1: { actualDepartureAt: h(0), actualArrivalAt: h(6) }, 2: { actualDepartureAt: h(12) } });
    const onTime = estimateArrival({ legs: flying, plannedArrivalAt: promise, deliveredAt: null, now: h(30) });
    expect(onTime.legs[1]!.arrivalAt).toEqual(h(48));
    expect(onTime.late).toBe(false);
    const overdue = estimateArrival({ legs: flying, plannedArrivalAt: promise, deliveredAt: null, now: h(60) });
    expect(overdue.legs[1]!.arrivalAt).toEqual(h(60));
    expect(overdue.legs[1]!.overran).toBe(true);
    expect(overdue.estimatedArrivalAt).toEqual(h(84));
    expect(overdue.late).toBe(true);
  });

  it("tolerates a small slip and flags a larger one", () => {
    const slight = estimateArrival({ legs: legs({ 3: { actualDepartureAt: h(65) } }), plannedArrivalAt: promise, deliveredAt: null, now: h(66) });
    expect(slight.estimatedArrivalAt).toEqual(h(77));
    expect(slight.late).toBe(false);
    const larger = estimateArrival({ legs: legs({ 3: { actualDepartureAt: h(67) } }), plannedArrivalAt: promise, deliveredAt: null, now: h(68) });
    expect(larger.late).toBe(true);
  });

  it("is the delivery itself once delivered; late only if delivered past the promise", () => {
    const early = estimateArrival({ legs: legs({ 1: { actualDepartureAt: h(20) } }), plannedArrivalAt: promise, deliveredAt: h(70), now: h(90) });
    expect(early.estimatedArrivalAt).toEqual(h(70));
    expect(early.late).toBe(false);
    const late = estimateArrival({ legs: legs(), plannedArrivalAt: promise, deliveredAt: h(90), now: h(90) });
    expect(late.late).toBe(true);
  });

  it("without legs, estimates the promise", () => {
    expect(estimateArrival({ legs: [], plannedArrivalAt: promise, deliveredAt: null, now: h(0) }).estimatedArrivalAt).toEqual(promise);
    expect(plannedArrival([])).toBeNull();
  });
});

describe("timestamps with offsets", () => {
  it("reads the offset a carrier wrote", () => {
    expect(offsetMinutesOf("2026-12-06T14:05:00+08:00")).toBe(480);
    expect(offsetMinutesOf("2026-12-06T06:05:00Z")).toBe(0);
    expect(offsetMinutesOf("2026-12-06T03:05:00-03:00")).toBe(-180);
    expect(offsetMinutesOf("2026-12-06T11:35:00+05:30")).toBe(330);
    expect(offsetMinutesOf("2026-12-06T06:05:00")).toBeNull();
  });

  it("parses the instant and refuses offsets past ±14:00", () => {
    const parsed = parseOffsetTimestamp("2026-12-06T14:05:00+08:00")!;
    expect(parsed.at.toISOString()).toBe("2026-12-06T06:05:00.000Z");
    expect(parsed.utcOffsetMinutes).toBe(480);
    expect(parseOffsetTimestamp("2026-12-06T14:05:00+15:00")).toBeNull();
    expect(parseOffsetTimestamp("2026-13-06T14:05:00+08:00")).toBeNull();
  });

  it("writes an instant back in its offset", () => {
    const at = new Date("2026-12-06T06:05:00Z");
    expect(formatWithOffset(at, 480)).toBe("2026-12-06T14:05:00+08:00");
    expect(formatWithOffset(at, -180)).toBe("2026-12-06T03:05:00-03:00");
    expect(formatWithOffset(at, 0)).toBe("2026-12-06T06:05:00Z");
    expect(formatWithOffset(new Date("2026-12-06T06:05:00.250Z"), 480)).toBe("2026-12-06T14:05:00.250+08:00");
    for (const offset of [480, -180, 330, 0, -570]) expect(parseOffsetTimestamp(formatWithOffset(at, offset))).toEqual({ at, utcOffsetMinutes: offset });
  });
});
