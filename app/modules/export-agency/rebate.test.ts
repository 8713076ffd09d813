import { describe, expect, it } from "vitest";
import { compareRates, crossRate, RebateInputError, toCnyMinor, vatRebate } from "./rebate";

describe("vatRebate (免抵退, a manufacturer)", () => {
  it("reproduces the reference's worked example: USD 10,000 × 7.10 = CNY 71,000", () => {
    expect(vatRebate({ fobMinor: 1_000_000n, fobCurrency: "USD", cnyPerUnit: "7.10", rebateRate: "0.13", vatRate: "0.13" })).toEqual({
      fobCnyMinor: 7_100_000n,
      rebateMinor: 923_000n,
      nonCreditableMinor: 0n,
    });
    expect(vatRebate({ fobMinor: 1_000_000n, fobCurrency: "USD", cnyPerUnit: "7.10", rebateRate: "0.09", vatRate: "0.13" })).toEqual({
      fobCnyMinor: 7_100_000n,
      rebateMinor: 639_000n,
      nonCreditableMinor: 284_000n,
    });
  });

  it("converts a currency without decimals exactly (CLP 1,234,567 × 0.00754713 = CNY 9,317.44)", () => {
    // 1,234,567 × 0.00754713 = 9,317.43764271 → 931,744 fen; 13% = 121,126.72 → 121,127; 9% = 83,856.96 → 83,857;
    // 4% = 37,269.76 → 37,270 (each rounded once from the fen amount).
    expect(vatRebate({ fobMinor: 1_234_567n, fobCurrency: "CLP", cnyPerUnit: "0.00754713", rebateRate: "0.09", vatRate: "0.13" })).toEqual({
      fobCnyMinor: 931_744n,
      rebateMinor: 83_857n,
      nonCreditableMinor: 37_270n,
    });
    expect(vatRebate({ fobMinor: 1_234_567n, fobCurrency: "CLP", cnyPerUnit: "0.00754713", rebateRate: "0.13", vatRate: "0.13" }).rebateMinor).toBe(121_127n);
    // The currency may be given with its exponent (as read from the Currency table).
    expect(vatRebate({ fobMinor: 1_234_567n, fobCurrency: { code: "CLP", exponent: 0 }, cnyPerUnit: "0.00754713", rebateRate: "0.13", vatRate: "0.13" }).fobCnyMinor).toBe(931_744n);
  });

  it("takes CNY at 1 and rounds half to even once per step", () => {
    expect(vatRebate({ fobMinor: 50n, fobCurrency: "CNY", cnyPerUnit: "1", rebateRate: "0.13", vatRate: "0.13" }).rebateMinor).toBe(6n); // 6.5 → 6
    expect(vatRebate({ fobMinor: 150n, fobCurrency: "CNY", cnyPerUnit: "1", rebateRate: "0.13", vatRate: "0.13" }).rebateMinor).toBe(20n); // 19.5 → 20
    expect(toCnyMinor(1n, 2, "6.5")).toBe(6n);
    expect(toCnyMinor(1n, 2, "7.5")).toBe(8n);
  });

  it("makes the whole VAT a cost when the rebate is cancelled (0%)", () => {
    expect(vatRebate({ fobMinor: 1_000_000n, fobCurrency: "USD", cnyPerUnit: "7.10", rebateRate: "0", vatRate: "0.13" })).toEqual({
      fobCnyMinor: 7_100_000n,
      rebateMinor: 0n,
      nonCreditableMinor: 923_000n,
    });
  });
});

describe("vatRebate (免退, a trader)", () => {
  it("refunds on the purchase VAT invoice's taxable amount, not on FOB", () => {
    const trader = { fobMinor: 1_000_000n, fobCurrency: "USD", cnyPerUnit: "7.10", vatRate: "0.13", method: "EXEMPT_REFUND" as const, purchaseTaxableCnyMinor: 5_000_000n };
    expect(vatRebate({ ...trader, rebateRate: "0.13" })).toEqual({ fobCnyMinor: 7_100_000n, rebateMinor: 650_000n, nonCreditableMinor: 0n });
    expect(vatRebate({ ...trader, rebateRate: "0.09" })).toEqual({ fobCnyMinor: 7_100_000n, rebateMinor: 450_000n, nonCreditableMinor: 200_000n });
  });

  it("refuses a trader's case without the invoice amount", () => {
    expect(() => vatRebate({ fobMinor: 1n, fobCurrency: "USD", cnyPerUnit: "7.1", rebateRate: "0.13", vatRate: "0.13", method: "EXEMPT_REFUND" })).toThrow(RebateInputError);
  });
});

describe("inputs refused", () => {
  const base = { fobMinor: 100n, fobCurrency: "USD", cnyPerUnit: "7.1", rebateRate: "0.13", vatRate: "0.13" };
  it.each([
    ["a rebate rate above the VAT rate", { rebateRate: "0.16" }],
    ["a rate given as a percentage", { rebateRate: "13" }],
    ["a comma decimal", { vatRate: "0,13" }],
    ["a zero FX rate", { cnyPerUnit: "0" }],
    ["a negative FOB", { fobMinor: -1n }],
    ["an unknown currency", { fobCurrency: "XXX" }],
  ])("%s", (_name, change) => {
    expect(() => vatRebate({ ...base, ...change })).toThrow(RebateInputError);
  });
});

describe("crossRate and compareRates", () => {
  it("gives the CNY value of one unit through USD, to 12 places", () => {
    // 7.1035 / 5.3512 = 1.3274592614740…; 7.1035 / 941.2 = 0.0075472800680…
    expect(crossRate("7.1035", "5.3512")).toBe("1.327459261474");
    expect(crossRate("7.1035", "941.2")).toBe("0.007547280068");
    expect(crossRate("7.1035", "1")).toBe("7.1035");
    // CLP 2,500,000 at the stored cross rate: 18,868.20 CNY (the same as the unrounded ratio would give here).
    expect(toCnyMinor(2_500_000n, 0, crossRate("7.1035", "941.2"))).toBe(1_886_820n);
  });
  it("compares decimal strings exactly", () => {
    expect(compareRates("0.09", "0.13")).toBe(-1);
    expect(compareRates("0.130", "0.13")).toBe(0);
    expect(compareRates("0.2", "0.13")).toBe(1);
  });
});
