/**
 * Check-digit validators for the numbers an export agent types: air waybills, container numbers, China's Unified
 * Social Credit Code and HS codes. Pure and isomorphic (browser feedback, server truth). Every input is folded with
 * NFKC first, so a full-width "１２３－１２３４５６７５" typed with a Chinese IME reads as "123-12345675".
 */
import { isValidChinaHsCode, isValidHsCode as isValidHs6, normalizeHsCode } from "../catalog/hs-code";
import { validateTaxId } from "../tenancy/tax-id";

/** NFKC (full-width → ASCII), trimmed, upper-cased. */
function fold(raw: string): string {
  return raw.normalize("NFKC").trim().toUpperCase();
}

/**
 * "784-76543213" → "78476543213"; also accepts 11 bare digits or a space instead of the dash. Null when the shape
 * is wrong (the check digit is not looked at here).
 */
export function normalizeAirWaybill(raw: string): string | null {
  const match = /^(\d{3})[\s-]?(\d{8})$/.exec(fold(raw));
  return match ? `${match[1]}${match[2]}` : null;
}

/** IATA air waybill: 3-digit airline prefix, 7-digit serial, check digit = serial mod 7. */
export function isValidAirWaybill(raw: string): boolean {
  const digits = normalizeAirWaybill(raw);
  if (!digits) return false;
  return Number(digits.slice(3, 10)) % 7 === Number(digits.charAt(10));
}

/** "784-76543213" for display, from any accepted form; null when invalid. */
export function formatAirWaybill(raw: string): string | null {
  const digits = normalizeAirWaybill(raw);
  return digits && isValidAirWaybill(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
}

/** ISO 6346 letter value: A=10 … Z=38, skipping 11, 22 and 33. */
function containerLetterValue(letter: string): number {
  const value = letter.charCodeAt(0) - 65 + 10;
  return value + Math.floor(value / 11);
}

/** "CSQU 305438-3" → "CSQU3054383"; null unless owner code (3 letters) + category (U/J/Z) + 7 digits. */
export function normalizeContainerNumber(raw: string): string | null {
  const compact = fold(raw).replace(/[\s-]/g, "");
  return /^[A-Z]{3}[UJZ]\d{7}$/.test(compact) ? compact : null;
}

/** The ISO 6346 check digit of the first 10 characters: Σ value × 2^i, mod 11, mod 10 (a remainder of 10 → 0). */
export function containerCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = first10.charAt(i);
    const value = /\d/.test(c) ? Number(c) : containerLetterValue(c);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** ISO 6346 container number (owner code, equipment category U/J/Z, 6-digit serial, check digit). */
export function isValidContainerNumber(raw: string): boolean {
  const code = normalizeContainerNumber(raw);
  if (!code) return false;
  return containerCheckDigit(code.slice(0, 10)) === Number(code.charAt(10));
}

/** China's Unified Social Credit Code (GB 32100-2015): the tenancy tax-id rule, after folding full-width input. */
export function isValidUscc(raw: string): boolean {
  return validateTaxId("CN", fold(raw)).ok;
}

/** "8415.10" / "8415 10 21 00" / "８４１５１０" → "841510" / "8415102100"; null unless 6 or 10 digits. */
export function normalizeHsCodeInput(raw: string): string | null {
  const code = normalizeHsCode(fold(raw));
  return /^\d{6}$|^\d{10}$/.test(code) ? code : null;
}

/**
 * An HS code as the export agency uses it: the 6-digit international subheading or China's 10-digit customs code
 * (whose first 6 digits must be a subheading), chapter 01–97.
 */
export function isValidHsCode(raw: string): boolean {
  const code = normalizeHsCodeInput(raw);
  if (!code) return false;
  return code.length === 6 ? isValidHs6(code) : isValidChinaHsCode(code);
}
