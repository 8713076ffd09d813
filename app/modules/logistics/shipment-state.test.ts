import { describe, expect, it } from "vitest";
import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { HOUR_MS } from "./eta";
import { computeShipmentState, eventsToNotify, openException, sortTimeline, type StateEvent, type StateLeg } from "./shipment-state";

const T0 = Date.UTC(2026, 11, 1, 0);
const h = (hours: number) => new Date(T0 + hours * HOUR_MS);

const LEGS: StateLeg[] = [
  { id: "leg-1", sequence: 1, toLocode: "HKHKG", plannedDepartureAt: h(0), plannedArrivalAt: h(6) },
  { id: "leg-2", sequence: 2, toLocode: "BRGRU", plannedDepartureAt: h(12), plannedArrivalAt: h(48) },
  { id: "leg-3", sequence: 3, toLocode: "BRSAO", plannedDepartureAt: h(60), plannedArrivalAt: h(72) },
];

let n = 0;
/** Ids grow in the order events are made, like uuid v7: the order they were stored in. */
function ev(milestone: ShipmentMilestone, hour: number, legId: string | null = null, locode: string | null = null): StateEvent {
  n += 1;
  return { id: `e${String(n).padStart(4, "0")}`, milestone, occurredAt: h(hour), legId, locode };
}

const state = (events: StateEvent[], now = h(200)) => computeShipmentState({ events, legs: LEGS, plannedArrivalAt: h(72), now });

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("computeShipmentState", () => {
  const journey = [
    ev("BOOKED", -1),
    ev("PICKED_UP", 0, "leg-1", "CNZUH"),
    ev("ARRIVED_AT_HUB", 5, "leg-1", "HKHKG"),
    ev("DEPARTED", 13, "leg-2", "HKHKG"),
    ev("ARRIVED_DEST", 47, "leg-2", "BRGRU"),
    ev("IMPORT_CUSTOMS_HOLD", 49, "leg-2", "BRGRU"),
    ev("IMPORT_CUSTOMS_CLEARED", 58, "leg-2", "BRGRU"),
    ev("OUT_FOR_DELIVERY", 61, "leg-3", "BRGRU"),
    ev("DELIVERED", 71, "leg-3", "BRSAO"),
  ];

  it("gives the same state whatever order the events arrive in", () => {
    const expected = state(journey);
    expect(expected.status).toBe("DELIVERED");
    expect(expected.exception).toBeNull();
    expect(expected.deliveredAt).toEqual(h(71));
    expect(expected.estimatedArrivalAt).toEqual(h(71));
    expect(expected.lastEventAt).toEqual(h(71));
    for (let seed = 1; seed <= 25; seed++) expect(state(shuffle(journey, seed))).toEqual(expected);
  });

  it("never moves the status back: a late event slots into the timeline", () => {
    const upToDeparture = journey.slice(0, 4);
    const lateEarlier = ev("PICKED_UP", 0.5, "leg-1");
    const before = state(upToDeparture);
    const after = state([...upToDeparture, lateEarlier]);
    expect(before.status).toBe("DEPARTED");
    expect(after.status).toBe("DEPARTED");
    expect(sortTimeline([...upToDeparture, lateEarlier]).map((e) => e.milestone)).toEqual(["BOOKED", "PICKED_UP", "PICKED_UP", "ARRIVED_AT_HUB", "DEPARTED"]);
  });

  it("takes legs' actual times from their events; a stop on the way is not the leg's arrival", () => {
    const s = state([...journey.slice(0, 4), ev("ARRIVED_AT_HUB", 30, "leg-2", "ETADD")], h(31));
    expect(s.legs).toEqual([
      { id: "leg-1", sequence: 1, actualDepartureAt: h(0), actualArrivalAt: h(5) },
      { id: "leg-2", sequence: 2, actualDepartureAt: h(13), actualArrivalAt: null },
      { id: "leg-3", sequence: 3, actualDepartureAt: null, actualArrivalAt: null },
    ]);
    // The air leg left an hour late: due at 49 h, the last mile pushed by an hour.
    expect(s.estimatedArrivalAt).toEqual(h(73));
    expect(s.late).toBe(false);
  });

  it("updates the ETA as legs complete", () => {
    const afterTruck = state(journey.slice(0, 3), h(5));
    expect(afterTruck.estimatedArrivalAt).toEqual(h(72));
    const afterAir = state([...journey.slice(0, 5)], h(47));
    expect(afterAir.legs[1]!.actualArrivalAt).toEqual(h(47));
    expect(afterAir.estimatedArrivalAt).toEqual(h(72));
    const slowAir = state([...journey.slice(0, 4), ev("ARRIVED_DEST", 60, "leg-2", "BRGRU")], h(60));
    expect(slowAir.estimatedArrivalAt).toEqual(h(84));
    expect(slowAir.late).toBe(true);
  });

  it("opens an exception and resolves it by the milestone its rule names", () => {
    const held = state(journey.slice(0, 6), h(50));
    expect(held.status).toBe("ARRIVED_DEST");
    expect(held.exception).toBe("IMPORT_CUSTOMS_HOLD");
    expect(held.exceptionAt).toEqual(h(49));
    expect(held.exceptionEventId).toBe(journey[5]!.id);
    const cleared = state(journey.slice(0, 7), h(58));
    expect(cleared.exception).toBeNull();
    expect(cleared.status).toBe("IMPORT_CUSTOMS_CLEARED");
  });

  it("keeps a hold reported after an earlier clearance open", () => {
    const events = [...journey.slice(0, 5), ev("IMPORT_CUSTOMS_CLEARED", 50, "leg-2"), ev("IMPORT_CUSTOMS_HOLD", 52, "leg-2")];
    expect(openException(sortTimeline(events))?.milestone).toBe("IMPORT_CUSTOMS_HOLD");
  });

  it("ends a delay at the next movement and marks the shipment late meanwhile", () => {
    const delayed = state([...journey.slice(0, 3), ev("DELAYED", 10, "leg-2")], h(11));
    expect(delayed.exception).toBe("DELAYED");
    expect(delayed.late).toBe(true);
    const moving = state([...journey.slice(0, 4), ev("DELAYED", 10, "leg-2")], h(14));
    expect(moving.exception).toBeNull();
    expect(moving.late).toBe(false);
  });

  it("starts at BOOKED with the promise as estimate", () => {
    const s = state([], h(0));
    expect(s).toMatchObject({ status: "BOOKED", exception: null, deliveredAt: null, lastEventAt: null, estimatedArrivalAt: h(72), late: false });
  });
});

describe("eventsToNotify", () => {
  const base = [ev("BOOKED", -1), ev("PICKED_UP", 0, "leg-1")];

  it("tells of progress that goes further than anything stored before it, once per batch", () => {
    const departed = ev("DEPARTED", 13, "leg-2");
    expect(eventsToNotify([...base, departed], new Set([departed.id]))).toEqual([departed.id]);
    const a = ev("ARRIVED_DEST", 47, "leg-2");
    const b = ev("IMPORT_CUSTOMS_CLEARED", 58, "leg-2");
    expect(eventsToNotify([...base, departed, a, b], new Set([a.id, b.id]))).toEqual([b.id]);
  });

  it("stays quiet for a late event behind the status, and for hubs", () => {
    const departed = ev("DEPARTED", 13, "leg-2");
    const latePickup = ev("PICKED_UP", 0.5, "leg-1");
    expect(eventsToNotify([...base, departed, latePickup], new Set([latePickup.id]))).toEqual([]);
    const hub = ev("ARRIVED_AT_HUB", 5, "leg-1");
    expect(eventsToNotify([...base, hub], new Set([hub.id]))).toEqual([]);
  });

  it("decides the same for two racing requests as if they came one after the other", () => {
    const first = ev("DEPARTED", 13, "leg-2");
    const second = ev("ARRIVED_DEST", 47, "leg-2");
    const all = [...base, first, second];
    expect(eventsToNotify(all, new Set([first.id]))).toEqual([first.id]);
    expect(eventsToNotify(all, new Set([second.id]))).toEqual([second.id]);
  });

  it("tells of an exception unless it is already resolved or already open", () => {
    const hold = ev("IMPORT_CUSTOMS_HOLD", 49, "leg-2");
    expect(eventsToNotify([...base, hold], new Set([hold.id]))).toEqual([hold.id]);
    const again = ev("IMPORT_CUSTOMS_HOLD", 50, "leg-2");
    expect(eventsToNotify([...base, hold, again], new Set([again.id]))).toEqual([]);
    const cleared = ev("IMPORT_CUSTOMS_CLEARED", 58, "leg-2");
    const lateHold = ev("IMPORT_CUSTOMS_HOLD", 55, "leg-2");
    expect(eventsToNotify([...base, cleared, lateHold], new Set([lateHold.id]))).toEqual([]);
  });
});
