import { describe, expect, it } from "vitest";
import { applyRate, applyRateDifference, divideHalfEven, grossUp, isRateFraction } from "./rates";

describe("rates on minor units", () => {
  it("rounds half to even, once", () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    expect(applyRate(1_000_000n, "0.0965")).toBe(96_500n);
    // 12.345 → 12.34 (even), 12.355 → 12.36
    expect(applyRate(12_345n, "0.1")).toBe(1_234n);
    expect(applyRate(12_355n, "0.1")).toBe(1_236n);
  });

  it("grosses up by dentro (Brazil's ICMS worked example: base 13,935.00 at 18% → 16,993.90)", () => {
    const base = grossUp(1_393_500n, "0.18");
    expect(base).toBe(1_699_390n);
    expect(applyRate(base, "0.18")).toBe(305_890n);
    expect(() => grossUp(100n, "1")).toThrow(RangeError);
  });

  it("applies a difference of rates exactly (CNY 71,000 at 13% − 9% = 2,840)", () => {
    expect(applyRateDifference(7_100_000n, "0.13", "0.09")).toBe(284_000n);
    expect(() => applyRateDifference(100n, "0.09", "0.13")).toThrow(RangeError);
  });

  it("knows a rate fraction", () => {
    expect(isRateFraction("0.16")).toBe(true);
    expect(isRateFraction("0")).toBe(true);
    expect(isRateFraction("1")).toBe(false);
    expect(isRateFraction("-0.1")).toBe(false);
    expect(isRateFraction("0,16")).toBe(false);
  });
});
