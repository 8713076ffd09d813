import { describe, expect, it } from "vitest";
import { currentRates, forgetCachedRates } from "~/modules/catalog/buyer-context.server";
import { unscopedDb } from "~/modules/db/index.server";
import { forgetAvailabilityCaches, warehousesServing } from "~/modules/inventory/availability.server";
import { withTestDatabase } from "../support/database";

/**
 * What signed-in catalog pages share between buyers for seconds (the same for everyone): today's rate table and the
 * warehouse network. Behaviour only, no timing: a second read within the period is the same object; forgetting
 * (what a write of rates or of the network does) makes the next read fresh.
 */
withTestDatabase();

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

describe("today's rates, shared by the catalog pages", () => {
  it("are read once for every page, and afresh after a rate is written and the cache forgotten", async () => {
    forgetCachedRates();
    await unscopedDb.fxRate.deleteMany({ where: { quoteCode: "PEN" } });
    await unscopedDb.fxRate.create({ data: { baseCode: "USD", quoteCode: "PEN", rate: "3.70", effectiveDate: new Date(today().getTime() - 86_400_000), source: "test" } });
    forgetCachedRates();
    const first = await currentRates();
    expect(first.usdRate("PEN")?.rate).toBe("3.700000000000");
    expect(await currentRates()).toBe(first);

    await unscopedDb.fxRate.create({ data: { baseCode: "USD", quoteCode: "PEN", rate: "3.80", effectiveDate: today(), source: "test" } });
    // Until forgotten, pages keep the table they share.
    expect((await currentRates()).usdRate("PEN")?.rate).toBe("3.700000000000");
    forgetCachedRates();
    const fresh = await currentRates();
    expect(fresh).not.toBe(first);
    expect(fresh.usdRate("PEN")?.rate).toBe("3.800000000000");
  });
});

describe("the warehouses serving a place, shared by its buyers", () => {
  it("answers each caller its own list, and the network as it is after it is forgotten", async () => {
    forgetAvailabilityCaches();
    const place = { countryCode: "BR", regionCode: "SP" };
    const first = await warehousesServing(place);
    first.push("not-a-warehouse");
    const again = await warehousesServing(place);
    expect(again.length).toBeGreaterThan(0);
    expect(again).not.toContain("not-a-warehouse");
    await unscopedDb.warehouse.updateMany({ where: { id: { in: again } }, data: { active: false } });
    try {
      // Kept until forgotten; the platform's edits of warehouses forget it.
      expect(await warehousesServing(place)).toEqual(again);
      forgetAvailabilityCaches();
      expect(await warehousesServing(place)).toEqual([]);
    } finally {
      await unscopedDb.warehouse.updateMany({ where: { id: { in: again } }, data: { active: true } });
      forgetAvailabilityCaches();
    }
  });
});
