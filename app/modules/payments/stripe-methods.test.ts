import { describe, expect, it } from "vitest";
import { CURRENCIES } from "~/modules/money/currencies";
import { CHECKOUT_LOCALES, fromStripeAmount, isVoucherMethod, OXXO_MAX_MXN_MINOR, StripeAmountError, stripeExponent, stripeMethodsFor, toStripeAmount } from "./stripe-methods";

const exponent = (code: string) => CURRENCIES.find((c) => c.code === code)!.exponent;

describe("stripeMethodsFor", () => {
  it("offers card everywhere, and nothing else in currencies without local methods", () => {
    for (const currencyCode of ["USD", "CNY", "AOA", "MZN", "CLP", "COP", "PEN"]) {
      expect(stripeMethodsFor({ currencyCode, amountMinor: 100_00n, boletoEnabled: true })).toEqual({ methods: ["card"], unavailable: [] });
    }
  });

  it("BRL: card and Pix; Boleto only where the account allows it", () => {
    expect(stripeMethodsFor({ currencyCode: "BRL", amountMinor: 500_00n, boletoEnabled: false }).methods).toEqual(["card", "pix"]);
    expect(stripeMethodsFor({ currencyCode: "BRL", amountMinor: 500_00n, boletoEnabled: true }).methods).toEqual(["card", "pix", "boleto"]);
  });

  it("MXN: OXXO up to MXN 10,000.00 inclusive, refused with the limit above", () => {
    expect(stripeMethodsFor({ currencyCode: "MXN", amountMinor: OXXO_MAX_MXN_MINOR, boletoEnabled: false })).toEqual({ methods: ["card", "oxxo"], unavailable: [] });
    expect(stripeMethodsFor({ currencyCode: "MXN", amountMinor: OXXO_MAX_MXN_MINOR + 1n, boletoEnabled: false })).toEqual({
      methods: ["card"],
      unavailable: [{ method: "oxxo", reason: "over_limit", limitMinor: 1_000_000n }],
    });
  });

  it("EUR: card, Multibanco and SEPA Debit; currency codes in any case", () => {
    expect(stripeMethodsFor({ currencyCode: "eur", amountMinor: 1n, boletoEnabled: true }).methods).toEqual(["card", "multibanco", "sepa_debit"]);
  });

  it("vouchers are OXXO, Boleto and Multibanco only", () => {
    expect(["oxxo", "boleto", "multibanco"].every(isVoucherMethod)).toBe(true);
    expect(["card", "pix", "sepa_debit", null, undefined].some(isVoucherMethod)).toBe(false);
  });

  it("maps each Ponte language to Checkout's locale", () => {
    expect(CHECKOUT_LOCALES).toEqual({ pt: "pt-BR", es: "es-419", zh: "zh", en: "en" });
  });
});

describe("Stripe amounts", () => {
  it("CLP is zero-decimal at Stripe and in Ponte: 15.000 pesos are 15000", () => {
    expect(stripeExponent("CLP")).toBe(0);
    expect(toStripeAmount(15_000n, "CLP", exponent("CLP"))).toBe(15_000);
    expect(fromStripeAmount(15_000, "CLP", exponent("CLP"))).toBe(15_000n);
  });

  it("two-decimal currencies pass minor units through (COP counts cents at Stripe too)", () => {
    for (const code of ["BRL", "MXN", "EUR", "USD", "COP"]) {
      expect(stripeExponent(code)).toBe(2);
      expect(toStripeAmount(1_234_56n, code, exponent(code))).toBe(123_456);
      expect(fromStripeAmount(123_456, code, exponent(code))).toBe(1_234_56n);
    }
  });

  it("scales when Ponte's exponent and Stripe's differ, and refuses what cannot be carried exactly", () => {
    expect(toStripeAmount(1_500n, "JPY", 2)).toBe(15);
    expect(() => toStripeAmount(1_501n, "JPY", 2)).toThrow(StripeAmountError);
    expect(toStripeAmount(12n, "KWD", 2)).toBe(120);
    expect(fromStripeAmount(120, "KWD", 2)).toBe(12n);
    expect(() => fromStripeAmount(125, "KWD", 2)).toThrow(StripeAmountError);
    expect(fromStripeAmount(15, "JPY", 2)).toBe(1_500n);
  });

  it("refuses negative, fractional and unsafe amounts", () => {
    expect(() => toStripeAmount(-1n, "BRL", 2)).toThrow(StripeAmountError);
    expect(() => toStripeAmount(2n ** 60n, "BRL", 2)).toThrow(StripeAmountError);
    expect(() => fromStripeAmount(1.5, "BRL", 2)).toThrow(StripeAmountError);
    expect(() => fromStripeAmount(-3, "BRL", 2)).toThrow(StripeAmountError);
  });

  it("zero and the largest safe integer are still amounts", () => {
    expect(toStripeAmount(0n, "BRL", 2)).toBe(0);
    expect(fromStripeAmount(0, "BRL", 2)).toBe(0n);
    expect(toStripeAmount(BigInt(Number.MAX_SAFE_INTEGER), "JPY", 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toStripeAmount(BigInt(Number.MAX_SAFE_INTEGER) + 1n, "JPY", 0)).toThrow(StripeAmountError);
  });

  it("scales down by the difference of the exponents, not their sum", () => {
    // Ponte 4 decimals → Stripe's 2 for BRL: divide by 100.
    expect(toStripeAmount(12_300n, "BRL", 4)).toBe(123);
    expect(() => toStripeAmount(12_345n, "BRL", 4)).toThrow(StripeAmountError);
  });

  it("says which amount and currency were refused", () => {
    expect(() => toStripeAmount(1_501n, "JPY", 2)).toThrow("1501 minor units of JPY are not a whole Stripe amount");
    expect(() => toStripeAmount(-1n, "BRL", 2)).toThrow("amount out of range for BRL");
    expect(() => fromStripeAmount(1.5, "BRL", 2)).toThrow("not a Stripe amount: 1.5");
    expect(() => fromStripeAmount(125, "KWD", 2)).toThrow("125 is not a whole amount of KWD in Ponte's units");
  });
});
