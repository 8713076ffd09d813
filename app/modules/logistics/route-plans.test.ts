import { describe, expect, it } from "vitest";
import { isValidAirWaybill, isValidContainerNumber } from "~/modules/export-agency/validators";
import { LOCODE } from "./carrier-wire";
import { COUNTRY_LANES, generateAirWaybill, generateConsignmentNumber, generateContainerNumber, generateLegReference, localTimestamp, normalizeLegReference, planRoute, PLACES, RoutePlanError, s10CheckDigit, scheduleRoute, utcOffsetMinutes, WAREHOUSE_COUNTRY } from "./route-plans";

/** A seeded generator (mulberry32), so a failing case can be replayed. */
function seeded(seed: number) {
  let a = seed;
  return (max: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

describe("planRoute", () => {
  it("takes an order for São Paulo from the factory to Hongwan, over the bridge to HKG, by air to GRU, then by road", () => {
    const plan = planRoute({ kind: "ORDER_EXPORT", countryCode: "BR", city: "São Paulo" });
    expect(plan.mode).toBe("AIR");
    expect(plan.legs.map((l) => [l.mode, l.carrierCode, l.from.locode, l.to.locode])).toEqual([
      ["ROAD", "hongwan-cfs", "CNZUH", "CNZUH"],
      ["ROAD", "hzmb-truck", "CNZUH", "HKHKG"],
      ["AIR", "cathay-cargo", "HKHKG", "BRGRU"],
      ["ROAD", "jadlog", "BRGRU", "BRSAO"],
    ]);
    expect(plan.legs[2]!.referenceKind).toBe("AIR_WAYBILL");
    expect(plan.destinationTimeZone).toBe("America/Sao_Paulo");
  });

  it("ships orders to Angola and Mozambique and every replenishment by sea from Shekou or Yantian in a container", () => {
    for (const plan of [planRoute({ kind: "ORDER_EXPORT", countryCode: "AO" }), planRoute({ kind: "ORDER_EXPORT", countryCode: "MZ" }), planRoute({ kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: "GRU" })]) {
      expect(plan.mode).toBe("SEA");
      const sea = plan.legs.find((l) => l.mode === "SEA")!;
      expect(["CNSHK", "CNYTN"]).toContain(sea.from.locode);
      expect(sea.referenceKind).toBe("CONTAINER");
    }
    expect(planRoute({ kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: "GRU" }).destination.locode).toBe("BRGRU");
    expect(planRoute({ kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: "GRU" }).legs.find((l) => l.mode === "SEA")!.to.locode).toBe("BRSSZ");
  });

  it("delivers locally from a warehouse in one road leg with the service area's lead days", () => {
    const plan = planRoute({ kind: "LOCAL_DELIVERY", warehouseCode: "GRU", countryCode: "BR", city: "Campinas", leadDaysMax: 3 });
    expect(plan.legs).toHaveLength(1);
    expect(plan.legs[0]).toMatchObject({ mode: "ROAD", carrierCode: "jadlog", travelHours: 72 });
    expect(plan.legs[0]!.from.locode).toBe("BRGRU");
    expect(plan.destination.name).toBe("Campinas");
  });

  it("has a lane with valid LOCODEs for every warehouse country, and refuses unknown ones", () => {
    for (const country of Object.values(WAREHOUSE_COUNTRY)) {
      for (const mode of ["AIR", "SEA"] as const) {
        for (const leg of planRoute({ kind: "ORDER_EXPORT", countryCode: country, mode }).legs) {
          expect(leg.from.locode).toMatch(LOCODE);
          expect(leg.to.locode).toMatch(LOCODE);
        }
      }
    }
    expect(Object.keys(COUNTRY_LANES).sort()).toEqual(["AO", "BR", "CL", "CO", "MX", "MZ", "PT"]);
    expect(() => planRoute({ kind: "ORDER_EXPORT", countryCode: "US" })).toThrow(RoutePlanError);
    expect(() => planRoute({ kind: "WAREHOUSE_REPLENISHMENT", warehouseCode: "ZUH-x" })).toThrow(RoutePlanError);
  });
});

describe("scheduleRoute", () => {
  it("chains legs: each leaves after its handling once the previous one arrived; the promise is the last arrival", () => {
    const start = new Date("2026-12-01T02:00:00Z");
    const { legs, plannedArrivalAt } = scheduleRoute(planRoute({ kind: "ORDER_EXPORT", countryCode: "BR" }), start);
    expect(legs[0]!.plannedDepartureAt.toISOString()).toBe("2026-12-01T06:00:00.000Z");
    for (let i = 1; i < legs.length; i++) expect(legs[i]!.plannedDepartureAt.getTime()).toBeGreaterThan(legs[i - 1]!.plannedArrivalAt.getTime());
    expect(plannedArrivalAt).toEqual(legs.at(-1)!.plannedArrivalAt);
    // 4+6, 24+3, 12+34, 48+8 hours
    expect(plannedArrivalAt.getTime() - start.getTime()).toBe(139 * 3_600_000);
  });
});

describe("local times", () => {
  it("gives each place's offset, daylight saving included", () => {
    expect(utcOffsetMinutes(PLACES.ZUH_FACTORY.timeZone, new Date("2026-12-06T00:00:00Z"))).toBe(480);
    expect(utcOffsetMinutes("America/Sao_Paulo", new Date("2026-12-06T00:00:00Z"))).toBe(-180);
    expect(utcOffsetMinutes("Europe/Lisbon", new Date("2026-07-06T00:00:00Z"))).toBe(60);
    expect(utcOffsetMinutes("Europe/Lisbon", new Date("2026-12-06T00:00:00Z"))).toBe(0);
    expect(localTimestamp(new Date("2026-12-06T06:05:00Z"), "Asia/Shanghai")).toBe("2026-12-06T14:05:00+08:00");
    expect(localTimestamp(new Date("2026-12-06T06:05:00Z"), "America/Mexico_City")).toBe("2026-12-06T00:05:00-06:00");
  });
});

describe("transport references", () => {
  it("generates air waybills and containers that pass the export agency's check digits", () => {
    const random = seeded(42);
    for (let i = 0; i < 500; i++) {
      const awb = generateAirWaybill("160", random);
      expect(awb).toMatch(/^160-\d{8}$/);
      expect(isValidAirWaybill(awb)).toBe(true);
      const container = generateContainerNumber("MSCU", random);
      expect(isValidContainerNumber(container)).toBe(true);
    }
  });

  it("generates a valid reference for every leg of every lane, in the carrier's form", () => {
    const random = seeded(7);
    for (const country of Object.keys(COUNTRY_LANES)) {
      for (const mode of ["AIR", "SEA"] as const) {
        for (const leg of planRoute({ kind: "ORDER_EXPORT", countryCode: country, mode }).legs) {
          const reference = generateLegReference(leg, random);
          expect(normalizeLegReference(leg.referenceKind, reference), `${leg.carrierCode} ${reference}`).toBe(reference);
        }
      }
    }
    expect(generateConsignmentNumber("ctt-expresso", random)).toMatch(/^EA\d{9}PT$/);
  });

  it("normalizes typed references and refuses wrong check digits", () => {
    expect(normalizeLegReference("AIR_WAYBILL", "160 1234 5675".replace(/ (\d{4}) /, "-$1"))).toBe("160-12345675");
    expect(normalizeLegReference("AIR_WAYBILL", "１６０－１２３４５６７５")).toBe("160-12345675");
    expect(normalizeLegReference("AIR_WAYBILL", "160-12345676")).toBeNull();
    expect(normalizeLegReference("CONTAINER", "csqu 305438-3")).toBe("CSQU3054383");
    expect(normalizeLegReference("CONTAINER", "CSQU3054384")).toBeNull();
    expect(normalizeLegReference("BILL_OF_LADING", "COSU 6123456780")).toBe("COSU6123456780");
    expect(normalizeLegReference("CONSIGNMENT", "x")).toBeNull();
    // CTT's "EA 12345678 5 PT" (the form the demo orders quote).
    expect(s10CheckDigit("12345678")).toBe(5);
  });
});
