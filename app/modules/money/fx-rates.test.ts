import { describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { withTestDatabase } from "../../../tests/support/database";
import { RateTable, ratesAsOf } from "./fx.server";

withTestDatabase();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("the rate table as of a day", () => {
  it("uses the latest rate effective on or before that day, never one dated after it", async () => {
    await unscopedDb.fxRate.deleteMany({ where: { quoteCode: "PEN" } });
    await unscopedDb.fxRate.createMany({
      data: [
        { baseCode: "USD", quoteCode: "PEN", rate: "3.70", effectiveDate: day("2026-11-20"), source: "test" },
        { baseCode: "USD", quoteCode: "PEN", rate: "3.75", effectiveDate: day("2026-11-25"), source: "test" },
        // Published ahead of time: not valid yet on the 25th.
        { baseCode: "USD", quoteCode: "PEN", rate: "3.90", effectiveDate: day("2026-11-26"), source: "test" },
      ],
    });
    expect((await ratesAsOf(day("2026-11-25"))).usdRate("PEN")).toEqual({ rate: "3.750000000000", effectiveDate: "2026-11-25" });
    expect((await ratesAsOf(day("2026-11-24"))).usdRate("PEN")).toEqual({ rate: "3.700000000000", effectiveDate: "2026-11-20" });
    expect((await ratesAsOf(day("2026-11-26"))).usdRate("PEN")).toEqual({ rate: "3.900000000000", effectiveDate: "2026-11-26" });
    // Before the first rate there is none: a conversion answers null rather than using a later one.
    const early = await ratesAsOf(day("2026-11-19"));
    expect(early.usdRate("PEN")).toBeNull();
    expect(early.convert({ amountMinor: 100n, currency: early.currency("USD") }, "PEN")).toBeNull();
  });

  it("defaults to today: a rate effective tomorrow is not used yet", async () => {
    const today = new Date();
    const iso = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)).toISOString().slice(0, 10);
    await unscopedDb.fxRate.deleteMany({ where: { quoteCode: "AOA" } });
    await unscopedDb.fxRate.createMany({
      data: [
        { baseCode: "USD", quoteCode: "AOA", rate: "912.5", effectiveDate: day(iso(-1)), source: "test" },
        { baseCode: "USD", quoteCode: "AOA", rate: "950", effectiveDate: day(iso(1)), source: "test" },
      ],
    });
    const rates = await ratesAsOf();
    expect(rates.usdRate("AOA")).toEqual({ rate: "912.500000000000", effectiveDate: iso(-1) });
    expect(rates.currency("AOA")).toMatchObject({ code: "AOA", exponent: 2, displayDigits: 2 });
  });
});

describe("a zero rate", () => {
  it("is refused by the database", async () => {
    await expect(
      unscopedDb.$executeRaw`INSERT INTO "FxRate" ("id", "baseCode", "quoteCode", "rate", "effectiveDate", "source") VALUES (gen_random_uuid(), 'USD', 'PEN', 0, '2026-01-02', 'test')`,
    ).rejects.toThrow(/FxRate_rate_positive/);
  });

  it("never takes a page down: a conversion through it answers 'no rate'", async () => {
    const rates = await ratesAsOf();
    const table = new RateTable(new Map([["PEN", { rate: "0.000000000000", effectiveDate: "2026-01-02" }]]), rates.currencies);
    expect(table.convert({ amountMinor: 100n, currency: table.currency("PEN") }, "USD")).toBeNull();
    expect(table.convert({ amountMinor: 100n, currency: table.currency("USD") }, "PEN")).toBeNull();
  });
});
