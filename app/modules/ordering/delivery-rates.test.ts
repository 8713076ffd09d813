import { describe, expect, it } from "vitest";
import { chargeableKg, deliveryFeeMinor, grossWeightG, rateInForce, ZHUHAI_ORIGIN, type DeliveryRateValue } from "./delivery-rates";

const rate = (over: Partial<DeliveryRateValue>): DeliveryRateValue => ({
  id: Math.random().toString(36),
  originCode: "GRU",
  tradeTerm: "DDP",
  destinationCountry: "BR",
  regionCode: "",
  baseFeeMinor: 2_490n,
  perKgMinor: 42n,
  currencyCode: "BRL",
  validFrom: "2026-01-01",
  ...over,
});

describe("delivery fee (integer minor units)", () => {
  it("charges every started kilogram of gross weight", () => {
    expect(chargeableKg(0n)).toBe(0n);
    expect(chargeableKg(1n)).toBe(1n);
    expect(chargeableKg(1_000n)).toBe(1n);
    expect(chargeableKg(1_001n)).toBe(2n);
    expect(() => chargeableKg(-1n)).toThrow(RangeError);
  });

  it("is base + per kg × started kg, exactly, even for tonnes in a zero-decimal currency", () => {
    // 500 coffee makers of 2,450 g = 1,225,000 g = 1,225 kg: R$ 24,90 + 1,225 × R$ 0,42 = R$ 539,40
    const weight = grossWeightG([{ quantity: 500, grossWeightG: 2_450 }]);
    expect(weight).toBe(1_225_000n);
    expect(deliveryFeeMinor({ baseFeeMinor: 2_490n, perKgMinor: 42n }, weight)).toBe(53_940n);
    // 1,200.5 kg charged as 1,201 kg; CLP has no decimals
    expect(deliveryFeeMinor({ baseFeeMinor: 6_990n, perKgMinor: 117n }, 1_200_500n)).toBe(6_990n + 117n * 1_201n);
    // Beyond 2^53: bigint all the way
    expect(deliveryFeeMinor({ baseFeeMinor: 0n, perKgMinor: 9_007_199_254_740_993n }, 2_000n)).toBe(18_014_398_509_481_986n);
  });

  it("sums lines' gross weight and refuses nonsense", () => {
    expect(grossWeightG([{ quantity: 3, grossWeightG: 1_200 }, { quantity: 2, grossWeightG: 50 }])).toBe(3_700n);
    expect(() => grossWeightG([{ quantity: -1, grossWeightG: 10 }])).toThrow(RangeError);
    expect(() => grossWeightG([{ quantity: 1.5, grossWeightG: 10 }])).toThrow(RangeError);
  });
});

describe("the rate in force", () => {
  const query = { originCode: "GRU", tradeTerm: "DDP" as const, countryCode: "BR", regionCode: "SP", day: "2026-06-15" };

  it("takes the latest row valid on the order's day, never a future one", () => {
    const old = rate({ validFrom: "2026-01-01", baseFeeMinor: 1n });
    const current = rate({ validFrom: "2026-06-01", baseFeeMinor: 2n });
    const future = rate({ validFrom: "2026-07-01", baseFeeMinor: 3n });
    expect(rateInForce([future, old, current], query)).toBe(current);
    expect(rateInForce([future, old, current], { ...query, day: "2026-05-31" })).toBe(old);
    expect(rateInForce([future, old, current], { ...query, day: "2026-07-01" })).toBe(future);
    expect(rateInForce([future], query)).toBeNull();
  });

  it("prefers the buyer's state over the whole country, and ignores other states, origins, terms and countries", () => {
    const country = rate({ regionCode: "", validFrom: "2026-06-01" });
    const sp = rate({ regionCode: "SP", validFrom: "2026-01-01" });
    const rj = rate({ regionCode: "RJ", validFrom: "2026-06-10" });
    expect(rateInForce([country, sp, rj], query)).toBe(sp);
    expect(rateInForce([country, rj], query)).toBe(country);
    expect(rateInForce([country, sp], { ...query, regionCode: null })).toBe(country);
    expect(rateInForce([rate({ originCode: "MEX" }), rate({ destinationCountry: "MX" }), rate({ tradeTerm: "CIF" })], query)).toBeNull();
  });

  it("keeps Zhuhai's CIF and DDP apart", () => {
    const cif = rate({ originCode: ZHUHAI_ORIGIN, tradeTerm: "CIF", currencyCode: "USD" });
    const ddp = rate({ originCode: ZHUHAI_ORIGIN, tradeTerm: "DDP", currencyCode: "USD" });
    expect(rateInForce([cif, ddp], { ...query, originCode: ZHUHAI_ORIGIN, tradeTerm: "CIF" })).toBe(cif);
    expect(rateInForce([cif, ddp], { ...query, originCode: ZHUHAI_ORIGIN, tradeTerm: "DDP" })).toBe(ddp);
  });
});
