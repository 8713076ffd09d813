import { describe, expect, it } from "vitest";
import { allocate, coveringArea, originDays, serves, type ServiceAreaInput, type WarehouseStockInput } from "./allocation";
import { BR_STATES, MX_STATES, normalizeRegion, OVERSEAS_WAREHOUSES, TRANSIT_LANES } from "./reference-data";

const area = (countryCode: string, regionCode: string, leadDaysMin: number, leadDaysMax: number, costMinor: bigint, currencyCode = "BRL"): ServiceAreaInput => ({ countryCode, regionCode, leadDaysMin, leadDaysMax, costMinor, currencyCode });

const GRU_AREAS = [area("BR", "SP", 1, 2, 2490n), area("BR", "RJ", 2, 3, 3990n), area("BR", "AM", 6, 8, 12990n)];
const gru = (available: number): WarehouseStockInput => ({ warehouse: { id: "w-gru", code: "GRU", city: "São Paulo" }, serviceAreas: GRU_AREAS, available });
const lis = (available: number): WarehouseStockInput => ({ warehouse: { id: "w-lis", code: "LIS", city: "Lisboa" }, serviceAreas: [area("PT", "", 1, 2, 790n, "EUR")], available });
const origin = { productionLeadDays: 15, lane: { transitDaysMin: 35, transitDaysMax: 50 } };

describe("service areas", () => {
  it("uses the area of the buyer's region", () => {
    expect(coveringArea(GRU_AREAS, { countryCode: "BR", regionCode: "RJ" })).toMatchObject({ leadDaysMin: 2, leadDaysMax: 3, costMinor: 3990n, regionUnknown: false });
  });

  it("does not deliver to a region it has no area for, nor to another country", () => {
    expect(coveringArea(GRU_AREAS, { countryCode: "BR", regionCode: "RS" })).toBeNull();
    expect(serves(GRU_AREAS, { countryCode: "PT" })).toBe(false);
    expect(serves([area("PT", "", 1, 2, 790n, "EUR")], { countryCode: "BR", regionCode: "SP" })).toBe(false);
  });

  it("prefers the region's own area over the warehouse's whole-country area", () => {
    const areas = [area("MX", "", 3, 6, 19900n, "MXN"), area("MX", "CMX", 1, 2, 9900n, "MXN")];
    expect(coveringArea(areas, { countryCode: "MX", regionCode: "CMX" })).toMatchObject({ regionCode: "CMX", leadDaysMin: 1, leadDaysMax: 2 });
    // Another state falls back to the whole country.
    expect(coveringArea(areas, { countryCode: "MX", regionCode: "JAL" })).toMatchObject({ regionCode: "", leadDaysMin: 3, leadDaysMax: 6 });
    // Unknown region: the whole-country area.
    expect(coveringArea(areas, { countryCode: "MX", regionCode: null })).toMatchObject({ regionCode: "", regionUnknown: false });
  });

  it("spans the states' lead days (and takes the dearest cost) when the region is unknown", () => {
    expect(coveringArea(GRU_AREAS, { countryCode: "BR" })).toMatchObject({ leadDaysMin: 1, leadDaysMax: 8, costMinor: 12990n, regionUnknown: true });
    expect(coveringArea(GRU_AREAS, { countryCode: "BR", regionCode: "  " })).toMatchObject({ regionUnknown: true });
  });
});

describe("allocation", () => {
  it("serves everything from the nearby warehouse when it has enough", () => {
    const result = allocate({ quantity: 100, destination: { countryCode: "BR", regionCode: "SP" }, stocks: [gru(500)], origin });
    expect(result).toEqual({
      quantity: 100,
      fromStock: true,
      fromOrigin: false,
      parts: [{ source: "warehouse", warehouseId: "w-gru", warehouseCode: "GRU", city: "São Paulo", quantity: 100, leadDaysMin: 1, leadDaysMax: 2, costMinor: 2490n, currency: "BRL", regionUnknown: false }],
    });
  });

  it("takes exactly the available quantity at the boundary, and splits one unit beyond it", () => {
    const exact = allocate({ quantity: 80, destination: { countryCode: "BR", regionCode: "SP" }, stocks: [gru(80)], origin });
    expect(exact.parts).toHaveLength(1);
    expect(exact.fromStock).toBe(true);
    const over = allocate({ quantity: 81, destination: { countryCode: "BR", regionCode: "SP" }, stocks: [gru(80)], origin });
    expect(over.parts).toEqual([expect.objectContaining({ source: "warehouse", quantity: 80 }), { source: "origin", quantity: 1, productionDays: 15, daysMin: 50, daysMax: 65, transitKnown: true }]);
    expect(over.fromStock).toBe(false);
    expect(over.fromOrigin).toBe(true);
  });

  it("ships everything from Zhuhai when no warehouse near the buyer has stock", () => {
    for (const stocks of [[], [gru(0)], [lis(1000)], [gru(-3)]]) {
      const result = allocate({ quantity: 10, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
      expect(result.parts).toEqual([{ source: "origin", quantity: 10, productionDays: 15, daysMin: 50, daysMax: 65, transitKnown: true }]);
      expect(result.fromStock).toBe(false);
    }
  });

  it("says the transit is unknown when there is no lane, without inventing days", () => {
    const result = allocate({ quantity: 5, destination: { countryCode: "TL" }, stocks: [], origin: { productionLeadDays: 20, lane: null } });
    expect(result.parts).toEqual([{ source: "origin", quantity: 5, productionDays: 20, daysMin: null, daysMax: null, transitKnown: false }]);
  });

  it("orders warehouses by lead time, then by the maximum, then by cost, and splits across them", () => {
    const w = (id: string, code: string, a: ServiceAreaInput, available: number): WarehouseStockInput => ({ warehouse: { id, code, city: code }, serviceAreas: [a], available });
    const stocks = [
      w("slow", "SLW", area("BR", "", 3, 5, 100n), 100),
      w("dear", "DER", area("BR", "", 1, 2, 9000n), 30),
      w("cheap", "CHP", area("BR", "", 1, 2, 1000n), 20),
      w("wide", "WID", area("BR", "", 1, 4, 10n), 50),
    ];
    const result = allocate({ quantity: 120, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
    expect(result.parts.map((p) => [p.source === "warehouse" ? p.warehouseCode : "ZUH", p.quantity])).toEqual([
      ["CHP", 20],
      ["DER", 30],
      ["WID", 50],
      ["SLW", 20],
    ]);
    expect(result.fromStock).toBe(true);
    const more = allocate({ quantity: 250, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
    expect(more.parts.at(-1)).toEqual({ source: "origin", quantity: 50, productionDays: 15, daysMin: 50, daysMax: 65, transitKnown: true });
    expect(more.parts.reduce((n, p) => n + p.quantity, 0)).toBe(250);
  });

  it("prefers the cheaper delivery at equal lead times even when its code sorts last, whatever the input order", () => {
    // Codes sort opposite to cost, so only the cost comparison can put the cheap warehouse first.
    const w = (id: string, code: string, costMinor: bigint, available: number): WarehouseStockInput => ({ warehouse: { id, code, city: code }, serviceAreas: [area("BR", "", 1, 2, costMinor)], available });
    const dear = w("dear", "AAA", 9000n, 30);
    const mid = w("mid", "MMM", 5000n, 30);
    const cheap = w("cheap", "ZZZ", 1000n, 30);
    for (const stocks of [
      [dear, mid, cheap],
      [cheap, mid, dear],
      [mid, dear, cheap],
    ]) {
      const result = allocate({ quantity: 70, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
      expect(result.parts.map((p) => (p.source === "warehouse" ? [p.warehouseCode, p.quantity, p.costMinor] : ["ZUH", p.quantity]))).toEqual([
        ["ZZZ", 30, 1000n],
        ["MMM", 30, 5000n],
        ["AAA", 10, 9000n],
      ]);
    }
    // Same lead times and cost: the code decides, in either input order.
    const twin = w("twin", "BBB", 9000n, 30);
    for (const stocks of [
      [twin, dear],
      [dear, twin],
    ]) {
      const result = allocate({ quantity: 40, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
      expect(result.parts.map((p) => (p.source === "warehouse" ? p.warehouseCode : "ZUH"))).toEqual(["AAA", "BBB"]);
    }
  });

  it("orders by the smaller maximum at equal minimum even when the slower one is cheaper and sorts first", () => {
    const wide: WarehouseStockInput = { warehouse: { id: "wide", code: "AAA", city: "A" }, serviceAreas: [area("BR", "", 1, 9, 10n)], available: 5 };
    const narrow: WarehouseStockInput = { warehouse: { id: "narrow", code: "ZZZ", city: "Z" }, serviceAreas: [area("BR", "", 1, 2, 9000n)], available: 5 };
    for (const stocks of [
      [wide, narrow],
      [narrow, wide],
    ]) {
      const result = allocate({ quantity: 8, destination: { countryCode: "BR", regionCode: "SP" }, stocks, origin });
      expect(result.parts.map((p) => (p.source === "warehouse" ? [p.warehouseCode, p.quantity] : ["ZUH", p.quantity]))).toEqual([
        ["ZZZ", 5],
        ["AAA", 3],
      ]);
    }
  });

  it("stops at the first warehouses that cover the quantity (no empty parts)", () => {
    const w = (id: string, code: string, leadDaysMin: number, available: number): WarehouseStockInput => ({ warehouse: { id, code, city: code }, serviceAreas: [area("BR", "", leadDaysMin, leadDaysMin + 1, 100n)], available });
    const result = allocate({ quantity: 10, destination: { countryCode: "BR", regionCode: "SP" }, stocks: [w("b", "BBB", 2, 50), w("a", "AAA", 1, 10), w("c", "CCC", 3, 50)], origin });
    expect(result).toMatchObject({ quantity: 10, fromStock: true, fromOrigin: false });
    expect(result.parts).toEqual([expect.objectContaining({ warehouseCode: "AAA", quantity: 10 })]);
  });

  it("reads unusable stock figures as none and fractional ones as whole units", () => {
    const w = (id: string, available: number): WarehouseStockInput => ({ warehouse: { id, code: id.toUpperCase(), city: id }, serviceAreas: [area("BR", "", 1, 2, 100n)], available });
    for (const available of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -5, 0.9]) {
      const result = allocate({ quantity: 3, destination: { countryCode: "BR" }, stocks: [w("x", available)], origin });
      expect(result.parts, String(available)).toEqual([{ source: "origin", quantity: 3, productionDays: 15, daysMin: 50, daysMax: 65, transitKnown: true }]);
    }
    const fractional = allocate({ quantity: 3, destination: { countryCode: "BR" }, stocks: [w("x", 2.7)], origin });
    expect(fractional.parts.map((p) => p.quantity)).toEqual([2, 1]);
  });

  it("spans the states when the region is unknown: dearest cost wherever it is listed, lead days from all", () => {
    const areas = [area("BR", "AM", 6, 8, 12990n), area("BR", "SP", 1, 2, 2490n), area("BR", "RJ", 2, 3, 3990n)];
    expect(coveringArea(areas, { countryCode: "BR" })).toEqual({ countryCode: "BR", regionCode: "", leadDaysMin: 1, leadDaysMax: 8, costMinor: 12990n, currencyCode: "BRL", regionUnknown: true });
    const middle = [area("BR", "SP", 1, 2, 2490n), area("BR", "AM", 6, 8, 12990n), area("BR", "RJ", 2, 3, 3990n)];
    expect(coveringArea(middle, { countryCode: "BR", regionCode: "" })).toMatchObject({ leadDaysMin: 1, leadDaysMax: 8, costMinor: 12990n });
    // Another country's areas never count, even listed first.
    expect(coveringArea([area("MX", "", 0, 20, 99999n, "MXN"), ...areas], { countryCode: "BR" })).toMatchObject({ leadDaysMin: 1, leadDaysMax: 8, costMinor: 12990n, currencyCode: "BRL" });
    // A known region trims spaces before it is looked up.
    expect(coveringArea(areas, { countryCode: "BR", regionCode: " RJ " })).toMatchObject({ regionCode: "RJ", leadDaysMin: 2, regionUnknown: false });
    expect(coveringArea([], { countryCode: "BR" })).toBeNull();
    expect(serves(areas, { countryCode: "BR", regionCode: "SP" })).toBe(true);
  });

  it("uses the region's lead time to choose: a regional area can beat a nearer-looking national one", () => {
    const a: WarehouseStockInput = { warehouse: { id: "a", code: "AAA", city: "A" }, serviceAreas: [area("MX", "", 2, 3, 100n, "MXN"), area("MX", "JAL", 5, 7, 100n, "MXN")], available: 10 };
    const b: WarehouseStockInput = { warehouse: { id: "b", code: "BBB", city: "B" }, serviceAreas: [area("MX", "", 3, 4, 100n, "MXN")], available: 10 };
    const jal = allocate({ quantity: 15, destination: { countryCode: "MX", regionCode: "JAL" }, stocks: [a, b], origin });
    expect(jal.parts.map((p) => (p.source === "warehouse" ? [p.warehouseCode, p.quantity, p.leadDaysMin] : ["ZUH", p.quantity]))).toEqual([
      ["BBB", 10, 3],
      ["AAA", 5, 5],
    ]);
    const cmx = allocate({ quantity: 15, destination: { countryCode: "MX", regionCode: "CMX" }, stocks: [a, b], origin });
    expect(cmx.parts.map((p) => (p.source === "warehouse" ? p.warehouseCode : "ZUH"))).toEqual(["AAA", "BBB"]);
  });

  it("adds up a warehouse given twice and ignores warehouses that do not serve the address", () => {
    const result = allocate({ quantity: 30, destination: { countryCode: "BR", regionCode: "RJ" }, stocks: [gru(10), gru(15), lis(100)], origin });
    expect(result.parts).toEqual([expect.objectContaining({ warehouseCode: "GRU", quantity: 25, leadDaysMin: 2, leadDaysMax: 3 }), expect.objectContaining({ source: "origin", quantity: 5 })]);
  });

  it("refuses a quantity that is not a positive integer", () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) expect(() => allocate({ quantity, destination: { countryCode: "BR" }, stocks: [], origin })).toThrow(RangeError);
    expect(() => allocate({ quantity: 0, destination: { countryCode: "BR" }, stocks: [], origin })).toThrow("quantity must be a positive integer, got 0");
    // One unit is the smallest order.
    expect(allocate({ quantity: 1, destination: { countryCode: "BR", regionCode: "SP" }, stocks: [gru(5)], origin }).parts).toEqual([expect.objectContaining({ warehouseCode: "GRU", quantity: 1 })]);
  });

  it("computes origin days from production and the lane", () => {
    expect(originDays({ productionLeadDays: 10, lane: { transitDaysMin: 25, transitDaysMax: 35 } })).toEqual({ productionDays: 10, daysMin: 35, daysMax: 45, transitKnown: true });
    // Production days are whole and never negative.
    expect(originDays({ productionLeadDays: 10.8, lane: { transitDaysMin: 25, transitDaysMax: 35 } })).toEqual({ productionDays: 10, daysMin: 35, daysMax: 45, transitKnown: true });
    expect(originDays({ productionLeadDays: -4, lane: null })).toEqual({ productionDays: 0, daysMin: null, daysMax: null, transitKnown: false });
  });
});

describe("reference data", () => {
  const byCode = Object.fromEntries(OVERSEAS_WAREHOUSES.map((w) => [w.code, w]));

  it("has the seven overseas warehouses", () => {
    expect(Object.keys(byCode).sort()).toEqual(["BOG", "GRU", "LAD", "LIS", "MEX", "MPM", "SCL"]);
  });

  it("covers every Brazilian and Mexican state from GRU and MEX, farther states slower and dearer", () => {
    for (const [code, states, home] of [
      ["GRU", BR_STATES, "SP"],
      ["MEX", MX_STATES, "CMX"],
    ] as const) {
      const areas = byCode[code]!.serviceAreas;
      expect(areas.map((a) => a.regionCode).sort()).toEqual(Object.keys(states).sort());
      const homeArea = areas.find((a) => a.regionCode === home)!;
      for (const a of areas) {
        expect(a.leadDaysMin).toBeGreaterThanOrEqual(homeArea.leadDaysMin);
        expect(a.leadDaysMax).toBeGreaterThanOrEqual(a.leadDaysMin);
        expect(a.costMinor).toBeGreaterThanOrEqual(homeArea.costMinor);
      }
    }
    expect(Object.keys(BR_STATES)).toHaveLength(27);
    expect(Object.keys(MX_STATES)).toHaveLength(32);
  });

  it("serves PT, AO, MZ, CO and CL as whole countries in their own currency", () => {
    const expected = { LIS: ["PT", "EUR"], LAD: ["AO", "AOA"], MPM: ["MZ", "MZN"], BOG: ["CO", "COP"], SCL: ["CL", "CLP"] };
    for (const [code, [country, currency]] of Object.entries(expected)) {
      expect(byCode[code]!.serviceAreas).toEqual([expect.objectContaining({ countryCode: country, regionCode: "", currencyCode: currency })]);
    }
  });

  it("has a lane to every warehouse country", () => {
    const lanes = new Set(TRANSIT_LANES.map((l) => l.destinationCountry));
    for (const w of OVERSEAS_WAREHOUSES) expect(lanes.has(w.countryCode)).toBe(true);
  });
});

describe("normalizeRegion", () => {
  it.each([
    ["BR", "SP", "SP"],
    ["BR", "sp", "SP"],
    ["BR", "BR-SP", "SP"],
    ["BR", "São Paulo", "SP"],
    ["BR", "sao paulo", "SP"],
    ["BR", "Guarulhos, SP", "SP"],
    ["BR", "Rio Grande do Sul", "RS"],
    ["MX", "CDMX", "CMX"],
    ["MX", "Ciudad de México", "CMX"],
    ["MX", "D.F.", "CMX"],
    ["MX", "CMX", "CMX"],
    ["MX", "Edomex", "MEX"],
    ["MX", "Estado de México", "MEX"],
    ["MX", "Nuevo León", "NLE"],
    ["MX", "Monterrey, N.L.", "NLE"],
    ["MX", "Q. Roo", "ROO"],
  ])("%s %s → %s", (country, text, code) => {
    expect(normalizeRegion(country, text)).toBe(code);
  });

  it("is null for unknown text, empty text and countries without states here", () => {
    expect(normalizeRegion("BR", "Narnia")).toBeNull();
    expect(normalizeRegion("BR", "")).toBeNull();
    expect(normalizeRegion("BR", null)).toBeNull();
    expect(normalizeRegion("PT", "Lisboa")).toBeNull();
    expect(normalizeRegion("MX", "México")).toBeNull();
    expect(normalizeRegion(null, "SP")).toBeNull();
  });
});
