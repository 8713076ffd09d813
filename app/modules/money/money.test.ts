import { describe, expect, it } from "vitest";
import { CURRENCIES } from "./currencies";
import { convertMoney, formatMoney, minorToDecimalInput, parseAmount, parseAmountToMinor, parseRate, toDecimalString } from "./money";

const currency = (code: string) => CURRENCIES.find((c) => c.code === code)!;

describe("ISO 4217 minor units", () => {
  it("knows CLP has none and COP stores cents but shows none", () => {
    expect(currency("CLP").exponent).toBe(0);
    expect(currency("COP")).toMatchObject({ exponent: 2, displayDigits: 0 });
    expect(currency("BRL").exponent).toBe(2);
  });
});

describe("exact decimal rates", () => {
  it("parses without floats", () => {
    expect(parseRate("5.3512")).toEqual({ amount: 53512n, scale: 4n });
    expect(parseRate("941.2000")).toEqual({ amount: 9412n, scale: 1n });
    expect(parseRate("7")).toEqual({ amount: 7n, scale: 0n });
    expect(() => parseRate("1e3")).toThrow();
    expect(() => parseRate("-1")).toThrow();
  });
});

describe("conversion in minor units", () => {
  it("converts USD cents to BRL centavos", () => {
    expect(convertMoney({ amountMinor: 10_000n, currency: currency("USD") }, currency("BRL"), "5.3512").amountMinor).toBe(53_512n);
  });

  it("converts into CLP, which has no minor unit, rounding half to even", () => {
    // 12.34 USD × 941.2 = 11614.408 CLP → 11614
    expect(convertMoney({ amountMinor: 1234n, currency: currency("USD") }, currency("CLP"), "941.2").amountMinor).toBe(11_614n);
    // 0.05 USD × 10 = 0.5 CLP → 0 (half to even); 0.15 × 10 = 1.5 → 2
    expect(convertMoney({ amountMinor: 5n, currency: currency("USD") }, currency("CLP"), "10").amountMinor).toBe(0n);
    expect(convertMoney({ amountMinor: 15n, currency: currency("USD") }, currency("CLP"), "10").amountMinor).toBe(2n);
  });

  it("converts out of CLP into cents", () => {
    // 10 000 CLP × 0.001062 = 10.62 USD
    expect(convertMoney({ amountMinor: 10_000n, currency: currency("CLP") }, currency("USD"), "0.001062").amountMinor).toBe(1062n);
  });

  it("keeps amounts beyond Number's safe range exact", () => {
    const huge = 9_007_199_254_740_993n; // 2^53 + 1
    expect(convertMoney({ amountMinor: huge, currency: currency("USD") }, currency("EUR"), "1").amountMinor).toBe(huge);
  });
});

describe("formatting per language", () => {
  it("renders the exact amount with Intl", () => {
    expect(toDecimalString({ amountMinor: 12345n, currency: currency("BRL") })).toBe("123.45");
    expect(formatMoney({ amountMinor: 12345n, currency: currency("BRL") }, "pt")).toBe("R$\u00a0123,45");
    expect(formatMoney({ amountMinor: 500_000n, currency: currency("CLP") }, "es")).toBe("CLP\u00a0500,000");
    expect(formatMoney({ amountMinor: 123_456n, currency: currency("COP") }, "es")).toBe("COP\u00a01,235");
    expect(formatMoney({ amountMinor: 9_900n, currency: currency("CNY") }, "zh")).toBe("¥99.00");
  });
});

describe("one reading of a typed amount (form, price filters, import)", () => {
  const ok = (text: string, exponent = 2) => parseAmount(text, exponent);

  it("stores a sub-unit price as typed, never multiplied by a thousand", () => {
    // The reported bug: "0.425" became 425.00 and "0.125" 125.00 through the grouped-thousands guess.
    expect(ok("0.425")).toEqual({ ok: false, problem: "decimals" });
    expect(ok("0.125")).toEqual({ ok: false, problem: "decimals" });
    expect(ok("0.42")).toEqual({ ok: true, minor: 42n });
    expect(ok("0,35")).toEqual({ ok: true, minor: 35n });
    expect(parseAmountToMinor("0.425", 2)).toBeNull();
    expect(parseAmountToMinor("0.42", 2)).toBe(42n);
    // A currency of three decimals keeps all three.
    expect(ok("0.425", 3)).toEqual({ ok: true, minor: 425n });
  });

  it("reads a single '.' or ',' as the decimal separator, so '12.345' is refused rather than guessed", () => {
    expect(ok("12.5")).toEqual({ ok: true, minor: 1250n });
    expect(ok("12,5")).toEqual({ ok: true, minor: 1250n });
    expect(ok("12,50")).toEqual({ ok: true, minor: 1250n });
    expect(ok("7")).toEqual({ ok: true, minor: 700n });
    expect(ok(".5")).toEqual({ ok: true, minor: 50n });
    expect(ok("12.345")).toEqual({ ok: false, problem: "decimals" });
    expect(ok("1,234")).toEqual({ ok: false, problem: "decimals" });
    expect(ok("12.3456")).toEqual({ ok: false, problem: "decimals" });
  });

  it("reads thousands grouped in threes, with the last separator as the decimal one when both appear", () => {
    expect(ok("1.234.567")).toEqual({ ok: true, minor: 123_456_700n });
    expect(ok("1,234,567")).toEqual({ ok: true, minor: 123_456_700n });
    expect(ok("1.234,56")).toEqual({ ok: true, minor: 123_456n });
    expect(ok("1,234.56")).toEqual({ ok: true, minor: 123_456n });
    expect(ok("1,234.5")).toEqual({ ok: true, minor: 123_450n });
    expect(ok("12.345.678,9")).toEqual({ ok: true, minor: 1_234_567_890n });
    expect(ok("1,234,567.891")).toEqual({ ok: false, problem: "decimals" });
    // Groups that are not threes, the same separator twice around the decimals, a leading zero group: not amounts.
    for (const text of ["1.234.56", "1,23,456.00", "12.34.56", "1.2345.678", "1,234,56", "0.425.000", "1.234.567.", "1..5"]) {
      expect(ok(text), text).toEqual({ ok: false, problem: "format" });
    }
  });

  it("ignores spaces of any kind and folds full-width characters", () => {
    expect(ok("1 234,56")).toEqual({ ok: true, minor: 123_456n });
    expect(ok("  12.50  ")).toEqual({ ok: true, minor: 1250n });
    expect(ok("1\u00a0234\u202f567,8")).toEqual({ ok: true, minor: 123_456_780n });
    expect(ok("\uff10\uff0e\uff14\uff12")).toEqual({ ok: true, minor: 42n }); // ０．４２
    expect(ok("\uff11\uff12\uff0c\uff15")).toEqual({ ok: true, minor: 1250n }); // １２，５
  });

  it("in a currency without decimals, reads '12.345' as the thousands it must be and refuses any fraction", () => {
    expect(ok("5000", 0)).toEqual({ ok: true, minor: 5000n });
    expect(ok("12.345", 0)).toEqual({ ok: true, minor: 12_345n });
    expect(ok("1,234", 0)).toEqual({ ok: true, minor: 1234n });
    expect(ok("1.234.567", 0)).toEqual({ ok: true, minor: 1_234_567n });
    expect(ok("5000.5", 0)).toEqual({ ok: false, problem: "decimals" });
    expect(ok("12,34", 0)).toEqual({ ok: false, problem: "decimals" });
    expect(ok("1.234,00", 0)).toEqual({ ok: false, problem: "decimals" });
    // "0.425" has no thousands in it: still refused, never 425.
    expect(ok("0.425", 0)).toEqual({ ok: false, problem: "decimals" });
    expect(ok("1234.567", 0)).toEqual({ ok: false, problem: "decimals" });
    expect(ok("1.2345", 0)).toEqual({ ok: false, problem: "decimals" });
    expect(ok("1.234x", 0)).toEqual({ ok: false, problem: "format" });
  });

  it("refuses what is not a non-negative amount", () => {
    for (const text of ["", "   ", ".", ",", "12.", "-3", "+3", "1e3", "twelve", "12 USD", "$12", "1/2", "0x10", "١٢"]) {
      expect(ok(text), text).toEqual({ ok: false, problem: "format" });
    }
  });

  it("keeps leading zeros harmless and refuses more than 15 whole digits", () => {
    expect(ok("0012.5")).toEqual({ ok: true, minor: 1250n });
    expect(ok("0")).toEqual({ ok: true, minor: 0n });
    expect(ok("000")).toEqual({ ok: true, minor: 0n });
    expect(ok("999999999999999.99")).toEqual({ ok: true, minor: 99_999_999_999_999_999n });
    expect(ok("0000999999999999999")).toEqual({ ok: true, minor: 99_999_999_999_999_900n });
    expect(ok("1000000000000000")).toEqual({ ok: false, problem: "format" });
    expect(ok("1.000.000.000.000.000")).toEqual({ ok: false, problem: "format" });
  });

  it("round-trips with the form's own rendering of minor units", () => {
    for (const [minor, exponent, text] of [
      [1250n, 2, "12.50"],
      [5n, 2, "0.05"],
      [0n, 2, "0.00"],
      [123_456_789n, 2, "1234567.89"],
      [5000n, 0, "5000"],
      [425n, 3, "0.425"],
    ] as const) {
      expect(minorToDecimalInput(minor, exponent)).toBe(text);
      expect(parseAmountToMinor(text, exponent)).toBe(minor);
    }
    expect(minorToDecimalInput(-1250n, 2)).toBe("-12.50");
    expect(minorToDecimalInput(-5n, 2)).toBe("-0.05");
  });
});

describe("exact rates as typed", () => {
  it("trims and keeps trailing zeros out of the scale", () => {
    expect(parseRate(" 5.3500 ")).toEqual({ amount: 535n, scale: 2n });
    expect(parseRate("10.000")).toEqual({ amount: 10n, scale: 0n });
    expect(() => parseRate("5.")).toThrow("Invalid exchange rate: 5.");
    expect(() => parseRate("abc")).toThrow();
    expect(() => parseRate("x5.3")).toThrow();
    expect(() => parseRate("5.3x")).toThrow();
  });
});
