import { describe, expect, it } from "vitest";
import { CarrierEventSchema } from "../carrier-wire";
import { CARRIERS } from "../carriers.server";
import { mapCarrierCode } from "../milestones";
import { COUNTRY_LANES, generateLegReference, planRoute, scheduleRoute, type RouteRequest } from "../route-plans";
import { eventIdFor, planEvents, toWireEvent, type SimShipment } from "./event-plan";

const START = new Date("2026-11-20T02:00:00Z");

function simShipment(request: RouteRequest): SimShipment {
  const plan = planRoute(request);
  const { legs } = scheduleRoute(plan, START);
  return {
    reference: "SHP-2026-000042",
    kind: plan.kind,
    destinationCountryCode: plan.destinationCountryCode,
    legs: legs.map((leg) => {
      const carrier = CARRIERS.find((c) => c.code === leg.carrierCode)!;
      return { sequence: leg.sequence, mode: leg.mode, reference: generateLegReference(leg, () => 3), carrierCode: carrier.code, vocabulary: carrier.vocabulary, integration: carrier.integration, fromLocode: leg.from.locode, fromName: leg.from.name, toLocode: leg.to.locode, toName: leg.to.name, plannedDepartureAt: leg.plannedDepartureAt, plannedArrivalAt: leg.plannedArrivalAt };
    }),
  };
}

const REQUESTS: RouteRequest[] = [
  ...Object.keys(COUNTRY_LANES).flatMap((countryCode) => [
    { kind: "ORDER_EXPORT" as const, countryCode, mode: "AIR" as const },
    { kind: "ORDER_EXPORT" as const, countryCode, mode: "SEA" as const },
  ]),
  { kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: "LAD" },
  { kind: "LOCAL_DELIVERY", warehouseCode: "MEX", countryCode: "MX", leadDaysMax: 2 },
];

describe("planEvents", () => {
  it("gives every lane's events in each carrier's own codes, each meaning its milestone on its side of the border", () => {
    for (const request of REQUESTS) {
      const shipment = simShipment(request);
      const steps = planEvents(shipment, { hold: true, delayHours: 12 });
      expect(steps.at(-1)!.milestone).toBe("DELIVERED");
      for (const step of steps) {
        const side = step.locode.slice(0, 2) === shipment.destinationCountryCode ? "destination" : "origin";
        expect(mapCarrierCode(step.vocabulary, step.code, side), `${step.carrierCode} ${step.code} ${step.locode}`).toEqual({ ok: true, milestone: step.milestone });
        expect(CarrierEventSchema.safeParse(toWireEvent(shipment.reference, step)).success).toBe(true);
      }
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.at.getTime()).toBeGreaterThanOrEqual(steps[i - 1]!.at.getTime());
    }
  });

  it("goes Hongwan → customs → the bridge → HKG → the flight → GRU → Jadlog, with a hold and a delay when asked", () => {
    const steps = planEvents(simShipment({ kind: "ORDER_EXPORT", countryCode: "BR" }), { hold: true, delayHours: 30 });
    expect(steps.map((s) => `${s.carrierCode} ${s.milestone}`)).toEqual([
      "hongwan-cfs PICKED_UP",
      "hongwan-cfs ARRIVED_AT_HUB",
      "china-customs ARRIVED_AT_EXPORT_SITE",
      "china-customs EXPORT_CUSTOMS_CLEARED",
      "hzmb-truck DEPARTED",
      "hzmb-truck ARRIVED_AT_HUB",
      "cathay-cargo DELAYED",
      "cathay-cargo DEPARTED",
      "cathay-cargo ARRIVED_DEST",
      "cathay-cargo IMPORT_CUSTOMS_HOLD",
      "cathay-cargo IMPORT_CUSTOMS_CLEARED",
      "jadlog OUT_FOR_DELIVERY",
      "jadlog DELIVERED",
    ]);
    // Customs' events name the air waybill, as the declaration's logisticsNo does.
    const awb = steps.find((s) => s.carrierCode === "cathay-cargo")!.reference;
    expect(steps.filter((s) => s.carrierCode === "china-customs").every((s) => s.reference === awb)).toBe(true);
  });

  it("writes times in the place's local time and derives stable ids in each feed's shape", () => {
    const shipment = simShipment({ kind: "ORDER_EXPORT", countryCode: "BR" });
    const steps = planEvents(shipment);
    expect(toWireEvent(shipment.reference, steps[0]!).occurredAt).toMatch(/\+08:00$/);
    expect(toWireEvent(shipment.reference, steps.at(-1)!).occurredAt).toMatch(/-03:00$/);
    expect(eventIdFor(shipment.reference, steps[0]!)).toBe(eventIdFor(shipment.reference, steps[0]!));
    expect(eventIdFor(shipment.reference, steps[2]!)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(eventIdFor(shipment.reference, steps[0]!)).toMatch(/^IFTSTA\d{14}$/);
    expect(new Set(steps.map((s) => eventIdFor(shipment.reference, s))).size).toBe(steps.length);
  });
});
