import { describe, expect, it } from "vitest";
import { CURRENCIES } from "./currencies";
import { convertMoney, formatMoney, parseRate, toDecimalString } from "./money";

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
