import { describe, expect, it } from "vitest";
import { checkDigit, findBankReferences, formatBankReference, formatOrderNumber, isValidBankReference, orderIdentifiers, parseBankReference, parseOrderNumber } from "./order-numbers";

describe("order numbers", () => {
  it("are PO-year-sequence with six digits at least", () => {
    expect(formatOrderNumber(2026, 123)).toBe("PO-2026-000123");
    expect(formatOrderNumber(2026, 1n)).toBe("PO-2026-000001");
    expect(formatOrderNumber(2027, 1_234_567)).toBe("PO-2027-1234567");
  });

  it("refuse a sequence below 1 or an impossible year", () => {
    expect(() => formatOrderNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatOrderNumber(1999, 5)).toThrow(RangeError);
    expect(() => formatOrderNumber(2026.5, 5)).toThrow(RangeError);
  });

  it("parse back, trimmed and upper-cased", () => {
    expect(parseOrderNumber(" po-2026-000123 ")).toEqual({ number: "PO-2026-000123", year: 2026, sequence: 123n });
    expect(parseOrderNumber("PO-2026-123")).toBeNull();
    expect(parseOrderNumber("PO-2026-000000")).toBeNull();
    expect(parseOrderNumber("XO-2026-000123")).toBeNull();
    expect(parseOrderNumber("PO-2026-000123x")).toBeNull();
  });
});

describe("bank references", () => {
  it("are PNT + yy + 7-digit sequence + Damm check digit", () => {
    const reference = formatBankReference(2026, 123);
    expect(reference).toMatch(/^PNT260000123\d$/);
    expect(reference.at(-1)).toBe(checkDigit("260000123"));
    expect(isValidBankReference(reference)).toBe(true);
  });

  it("known Damm check digits", () => {
    // The textbook example: 572 → check digit 4.
    expect(checkDigit("572")).toBe("4");
    expect(checkDigit("0")).toBe("0");
    expect(() => checkDigit("12a")).toThrow(RangeError);
  });

  it("every single wrong digit and every adjacent swap is caught", () => {
    for (const seq of [1, 123, 98_765, 4_000_001]) {
      const reference = formatBankReference(2026, seq);
      const digits = reference.slice(3);
      for (let i = 0; i < digits.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[i]) continue;
          const typo = `PNT${digits.slice(0, i)}${d}${digits.slice(i + 1)}`;
          expect(isValidBankReference(typo)).toBe(false);
        }
        if (i + 1 < digits.length && digits[i] !== digits[i + 1]) {
          const swapped = `PNT${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`;
          expect(isValidBankReference(swapped)).toBe(false);
        }
      }
    }
  });

  it("are read as typed: spaces, hyphens and case ignored; wrong letters or length refused", () => {
    const reference = formatBankReference(2026, 42);
    const spaced = `pnt ${reference.slice(3, 5)}-${reference.slice(5)}`;
    expect(parseBankReference(spaced)).toBe(reference);
    expect(parseBankReference(`PNX${reference.slice(3)}`)).toBeNull();
    expect(parseBankReference("PNT123")).toBeNull();
    expect(parseBankReference("")).toBeNull();
  });

  it("are found in a remittance text, once each", () => {
    const a = formatBankReference(2026, 7);
    const b = formatBankReference(2026, 8);
    const text = `Pagamento ref ${a} e ${b.toLowerCase()} (de novo ${a}); PNT2600000070 inválida`;
    expect(findBankReferences(text)).toEqual([a, b]);
    expect(findBankReferences("nada aqui")).toEqual([]);
  });

  it("orderIdentifiers pairs both from one sequence value", () => {
    expect(orderIdentifiers(2026, 123)).toEqual({ number: "PO-2026-000123", bankReference: formatBankReference(2026, 123) });
  });
});
