import { describe, expect, it } from "vitest";
import { addDays, fractionToPercent, inForce, monthOf, percentToFraction, seededRebateRates } from "./money-rates";

describe("dated reference rates", () => {
  it("picks the latest row on or before the day", () => {
    const rows = [{ validFrom: "2019-04-01", r: "0.13" }, { validFrom: "2024-12-01", r: "0.09" }];
    expect(inForce(rows, "2024-11-30")?.r).toBe("0.13");
    expect(inForce(rows, "2024-12-01")?.r).toBe("0.09");
    expect(inForce(rows, "2019-03-31")).toBeNull();
  });

  it("reads a typed percentage into an exact fraction and back", () => {
    expect(percentToFraction("13")).toBe("0.13");
    expect(percentToFraction("9")).toBe("0.09");
    expect(percentToFraction("6,5")).toBe("0.065");
    expect(percentToFraction("1.5 %")).toBe("0.015");
    expect(percentToFraction("０")).toBe("0");
    expect(percentToFraction("99.99")).toBe("0.9999");
    for (const bad of ["100", "-1", "13.125", "abc", ""]) expect(percentToFraction(bad)).toBeNull();
    expect(fractionToPercent("0.13")).toBe("13");
    expect(fractionToPercent("0.065")).toBe("6.5");
    expect(fractionToPercent("0.015")).toBe("1.5");
    expect(fractionToPercent("0")).toBe("0");
  });

  it("counts days and months in UTC", () => {
    expect(addDays("2026-12-29", 5)).toBe("2027-01-03");
    expect(monthOf("2026-12-06")).toBe("2026-12-01");
  });

  it("seeds the battery cut of 2024-12-01 and every row at or below 13%", () => {
    const battery = seededRebateRates().filter((r) => r.hsCode === "8507600090");
    expect(battery.map((r) => [r.validFrom, r.rebateRate])).toEqual([["2019-04-01", "0.13"], ["2024-12-01", "0.09"]]);
    expect(seededRebateRates().every((r) => /^\d{10}$/.test(r.hsCode) && Number(r.rebateRate) <= Number(r.vatRate))).toBe(true);
  });
});

describe("the demo catalog's China codes", () => {
  it("each has a seeded rebate rate", async () => {
    const { DEMO_CATALOG } = await import("../../../prisma/seed-demo-catalog");
    const seeded = new Set(seededRebateRates().map((row) => row.hsCode));
    const missing = DEMO_CATALOG.flatMap((maker) => maker.products.map((p) => p.hsCn)).filter((code) => !seeded.has(code));
    expect(missing).toEqual([]);
  });
});
