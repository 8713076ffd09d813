import { describe, expect, it } from "vitest";
import { crossRate, lineTotal, priceFor } from "./pricing";

const tiers = [
  { minQuantity: 500, unitPriceMinor: 980n },
  { minQuantity: 100, unitPriceMinor: 1200n },
  { minQuantity: 1000, unitPriceMinor: 900n },
];

describe("priceFor", () => {
  it("prices by the tier for the quantity and names the next one", () => {
    expect(priceFor(tiers, 99)).toEqual({ tier: null, next: tiers[1] });
    expect(priceFor(tiers, 100)).toEqual({ tier: tiers[1], next: tiers[0] });
    expect(priceFor(tiers, 499)).toEqual({ tier: tiers[1], next: tiers[0] });
    expect(priceFor(tiers, 500)).toEqual({ tier: tiers[0], next: tiers[2] });
    expect(priceFor(tiers, 5000)).toEqual({ tier: tiers[2], next: null });
  });

  it("gives no hint when the next tier saves nothing", () => {
    expect(priceFor([{ minQuantity: 1, unitPriceMinor: 100n }, { minQuantity: 10, unitPriceMinor: 100n }], 1).next).toBeNull();
  });
});

describe("lineTotal", () => {
  it("multiplies exactly and refuses bad quantities", () => {
    expect(lineTotal(980n, 500)).toBe(490_000n);
    expect(lineTotal(9_007_199_254_740_991n, 3)).toBe(27_021_597_764_222_973n);
    expect(() => lineTotal(1n, -1)).toThrow(RangeError);
    expect(() => lineTotal(1n, 1.5)).toThrow(RangeError);
  });
});

describe("crossRate", () => {
  it("divides the USD rates exactly, rounded half-to-even at 12 digits", () => {
    // 1 USD = 7.1 CNY, 1 USD = 5.3 BRL → 1 CNY = 0.746478873239… BRL
    expect(crossRate("7.1", "5.3")).toBe("0.746478873239");
    expect(crossRate("1", "5.25")).toBe("5.250000000000");
    expect(crossRate("5.25", "5.25")).toBe("1.000000000000");
    expect(crossRate("3", "2", 0)).toBe("1");
    expect(crossRate("4", "2", 0)).toBe("0");
    expect(crossRate("4", "6", 0)).toBe("2");
    expect(() => crossRate("0", "1")).toThrow(RangeError);
    expect(() => crossRate("x", "1")).toThrow(RangeError);
  });
});
