import { describe, expect, it } from "vitest";
import { chinaMonthRange, groupSummary, parseMonth, previousChinaMonth, summaryDeadline, summaryTotals, type SummaryListInput } from "./summary-groups";

const maker = { id: "m1", code: "91440400MA4W0B5U2C", name: "珠海凉风电器" };
const other = { id: "m2", code: "91440400MA4UUU2X1K", name: "Aardvark Taps" };
const line = (hsCode: string, quantity: number, totalMinor: bigint, unitCode = "007") => ({ hsCode, unitCode, quantity, totalMinor, netWeightG: quantity * 1000, grossWeightG: quantity * 1200 });
const list = (number: string, overrides: Partial<SummaryListInput> = {}): SummaryListInput => ({
  declarationNumber: number,
  consignor: maker,
  transportMode: "AIR",
  destinationCountry: "BR",
  customsOfficeCode: "5710",
  currencyCode: "USD",
  lines: [line("8415102100", 2, 1000n)],
  ...overrides,
});

describe("groupSummary", () => {
  it("merges lists that agree on every key field, adding quantities, values and weights exactly", () => {
    const groups = groupSummary([
      list("DEC-2026-000002", { lines: [line("8415102100", 3, 10n), line("8517130000", 1, 20n)] }),
      list("DEC-2026-000001", { lines: [line("8415102100", 2, 20n)] }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      hsCode: "8415102100",
      declarations: ["DEC-2026-000001", "DEC-2026-000002"],
      lineCount: 2,
      quantities: [{ unitCode: "007", quantity: 5 }],
      // 0.10 + 0.20 stays 0.30 in minor units.
      valueMinor: 30n,
      netWeightG: 5000,
      grossWeightG: 6000,
    });
    expect(groups[1]).toMatchObject({ hsCode: "8517130000", declarations: ["DEC-2026-000002"], valueMinor: 20n });
  });

  it.each([
    ["consignor", { consignor: other }],
    ["transport mode", { transportMode: "SEA" as const }],
    ["destination country", { destinationCountry: "MX" }],
    ["exit customs", { customsOfficeCode: "5720" }],
    ["currency", { currencyCode: "EUR" }],
    ["HS code", { lines: [line("8415109000", 2, 1000n)] }],
  ])("keeps lists apart when the %s differs", (_name, overrides) => {
    expect(groupSummary([list("DEC-2026-000001"), list("DEC-2026-000002", overrides)])).toHaveLength(2);
  });

  it("adds quantities per customs unit, never across units", () => {
    const [group] = groupSummary([list("DEC-2026-000001", { lines: [line("8415102100", 2, 10n, "007"), line("8415102100", 5, 10n, "035")] })]);
    expect(group!.quantities).toEqual([
      { unitCode: "007", quantity: 2 },
      { unitCode: "035", quantity: 5 },
    ]);
  });

  it("sorts by consignor name and totals per currency", () => {
    const groups = groupSummary([list("DEC-2026-000001"), list("DEC-2026-000002", { consignor: other, currencyCode: "EUR" }), list("DEC-2026-000003")]);
    expect(groups.map((g) => g.consignorName)).toEqual(["Aardvark Taps", "珠海凉风电器"]);
    expect(summaryTotals(groups)).toEqual([
      { currencyCode: "EUR", valueMinor: 1000n, netWeightG: 2000, grossWeightG: 2400, declarations: 1 },
      { currencyCode: "USD", valueMinor: 2000n, netWeightG: 4000, grossWeightG: 4800, declarations: 2 },
    ]);
  });

  it("is empty for a month without cleared lists", () => {
    expect(groupSummary([])).toEqual([]);
    expect(summaryTotals([])).toEqual([]);
  });
});

describe("months", () => {
  it("reads YYYY-MM and nothing else", () => {
    expect(parseMonth("2026-11")).toEqual({ year: 2026, month: 11 });
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "", null]) expect(parseMonth(bad)).toBeNull();
  });

  it("bounds a month in China time and gives its deadline", () => {
    expect(chinaMonthRange({ year: 2026, month: 11 })).toEqual({ from: new Date("2026-10-31T16:00:00Z"), to: new Date("2026-11-30T16:00:00Z") });
    expect(summaryDeadline({ year: 2026, month: 11 })).toBe("2026-12-15");
    expect(summaryDeadline({ year: 2026, month: 12 })).toBe("2027-01-15");
  });

  it("takes the previous month in China time", () => {
    // 2026-11-30T17:00Z is already December 1st in Zhuhai.
    expect(previousChinaMonth(new Date("2026-11-30T17:00:00Z"))).toEqual({ year: 2026, month: 11 });
    expect(previousChinaMonth(new Date("2026-11-30T15:00:00Z"))).toEqual({ year: 2026, month: 10 });
    expect(previousChinaMonth(new Date("2027-01-10T00:00:00Z"))).toEqual({ year: 2026, month: 12 });
  });
});
