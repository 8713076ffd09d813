/**
 * Company tax identifier validation by country.
 *
 * Why: buyers and sellers register with the tax ID of their home jurisdiction,
 * and a typo caught at sign-up is far cheaper than a rejected invoice later.
 * The check-digit algorithms follow the published standards:
 *
 * - CN: Unified Social Credit Code (统一社会信用代码), GB 32100-2015 — 18 chars,
 *   mod-31 check character over a 31-symbol alphabet without I, O, S, V, Z.
 * - BR: CNPJ, Receita Federal (IN RFB 2.119/2022 and the alphanumeric CNPJ
 *   introduced by IN RFB 2.229/2024 from July 2026) — two mod-11 check digits,
 *   each character valued as charCode - 48 so digits and letters share one rule.
 * - MX: RFC, SAT (Anexo 20 / homoclave rules) — persona moral (12 chars) and
 *   persona física (13 chars), embedded YYMMDD date, mod-11 check character.
 * - PT: NIF / NIPC, Autoridade Tributária — 9 digits, mod-11 check digit,
 *   first digit(s) identify the kind of taxpayer.
 * - CO: NIT, DIAN — up to 15 digits plus a verification digit (DV): weights
 *   3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71 from the right,
 *   sum mod 11; a remainder of 0 or 1 is the DV, otherwise 11 − remainder.
 * - CL: RUT / RUN, SII — digits plus a DV: weights 2..7 repeating from the
 *   right, DV = 11 − (sum mod 11), where 11 is 0 and 10 is K.
 * - AO: NIF of a company (AGT) — 10 digits; no public check digit.
 * - MZ: NUIT (AT) — 9 digits; no public check digit we rely on.
 *
 * Every code is folded with NFKC first: a Chinese keyboard's full-width
 * digits and letters (９１４４…) are the same code.
 *
 * Pure and isomorphic: no Node APIs, safe to run in the browser for instant
 * feedback and again on the server as the source of truth.
 */

export type TaxIdScheme = "CN_USCC" | "BR_CNPJ" | "MX_RFC" | "PT_NIF" | "CO_NIT" | "CL_RUT" | "AO_NIF" | "MZ_NUIT" | "OTHER";

export type TaxIdResult =
  | { ok: true; scheme: TaxIdScheme; normalized: string; formatted: string }
  | { ok: false; scheme: TaxIdScheme; reason: "empty" | "format" | "checksum" };

const SCHEMES_BY_COUNTRY: Record<string, TaxIdScheme> = {
  CN: "CN_USCC",
  BR: "BR_CNPJ",
  MX: "MX_RFC",
  PT: "PT_NIF",
  CO: "CO_NIT",
  CL: "CL_RUT",
  AO: "AO_NIF",
  MZ: "MZ_NUIT",
};

export function taxIdSchemeFor(countryCode: string): TaxIdScheme {
  return SCHEMES_BY_COUNTRY[countryCode.trim().toUpperCase()] ?? "OTHER";
}

export function validateTaxId(countryCode: string, raw: string): TaxIdResult {
  const scheme = taxIdSchemeFor(countryCode);
  if (scheme === "OTHER") return validateOther(raw);

  const code = normalizeCode(raw);
  if (code === "") return { ok: false, scheme, reason: "empty" };

  switch (scheme) {
    case "CN_USCC":
      return validateUscc(code);
    case "BR_CNPJ":
      return validateCnpj(code);
    case "MX_RFC":
      return validateRfc(code);
    case "PT_NIF":
      return validateNif(code);
    case "CO_NIT":
      return validateNit(code);
    case "CL_RUT":
      return validateRut(code);
    case "AO_NIF":
      return /^[0-9]{10}$/.test(code) ? valid(scheme, code) : invalid(scheme, "format");
    case "MZ_NUIT":
      return /^[0-9]{9}$/.test(code) ? valid(scheme, code) : invalid(scheme, "format");
  }
}

/** Fold full-width forms (NFKC), trim, uppercase and drop the usual separators (whitespace . / - and the
 * full-width ones NFKC leaves, such as the ideographic full stop). */
function normalizeCode(raw: string): string {
  return raw.normalize("NFKC").trim().toUpperCase().replace(/[\s./\-\u3002\u2010-\u2015]/g, "");
}

function valid(scheme: TaxIdScheme, normalized: string, formatted = normalized): TaxIdResult {
  return { ok: true, scheme, normalized, formatted };
}

function invalid(scheme: TaxIdScheme, reason: "format" | "checksum"): TaxIdResult {
  return { ok: false, scheme, reason };
}

// ---------------------------------------------------------------------------
// China — Unified Social Credit Code (GB 32100-2015)
// ---------------------------------------------------------------------------

const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// 1: registration authority, 2: entity type, 3-8: administrative division
// (digits), 9-17: organization code, 18: check character.
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function validateUscc(code: string): TaxIdResult {
  const scheme = "CN_USCC";
  if (!USCC_PATTERN.test(code)) return invalid(scheme, "format");

  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + USCC_ALPHABET.indexOf(code.charAt(i)) * w, 0);
  const check = USCC_ALPHABET[(31 - (sum % 31)) % 31];

  return code.charAt(17) === check ? valid(scheme, code) : invalid(scheme, "checksum");
}

// ---------------------------------------------------------------------------
// Brazil — CNPJ, numeric and alphanumeric (Receita Federal)
// ---------------------------------------------------------------------------

const CNPJ_PATTERN = /^[0-9A-Z]{12}[0-9]{2}$/;
const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

function cnpjCheckDigit(base: string, weights: readonly number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + (base.charCodeAt(i) - 48) * w, 0);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

function validateCnpj(code: string): TaxIdResult {
  const scheme = "BR_CNPJ";
  if (!CNPJ_PATTERN.test(code) || /^(\d)\1{13}$/.test(code)) return invalid(scheme, "format");

  const d1 = cnpjCheckDigit(code, CNPJ_WEIGHTS_1);
  const d2 = cnpjCheckDigit(code.slice(0, 12) + d1, CNPJ_WEIGHTS_2);
  if (code.slice(12) !== `${d1}${d2}`) return invalid(scheme, "checksum");

  const formatted = `${code.slice(0, 2)}.${code.slice(2, 5)}.${code.slice(5, 8)}/${code.slice(8, 12)}-${code.slice(12)}`;
  return valid(scheme, code, formatted);
}

// ---------------------------------------------------------------------------
// Mexico — RFC (SAT)
// ---------------------------------------------------------------------------

// Persona moral: 3 letters + YYMMDD + 3-char homoclave (12 chars).
// Persona física: 4 letters + YYMMDD + 3-char homoclave (13 chars).
const RFC_PATTERN =
  /^[A-ZÑ&]{3,4}[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$/;
const RFC_CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
/** SAT's generic RFCs: general public (national) and foreign residents. */
const RFC_GENERIC = new Set(["XAXX010101000", "XEXX010101000"]);

function rfcCheckChar(code: string): string {
  const padded = code.length === 12 ? ` ${code}` : code;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_CHECK_ALPHABET.indexOf(padded.charAt(i)) * (13 - i);
  const r = 11 - (sum % 11);
  return r === 11 ? "0" : r === 10 ? "A" : String(r);
}

/** YYMMDD with no century: treat YY % 4 === 0 as a leap year (true for 19YY and 20YY, reading 00 as 2000). */
function isValidRfcDate(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return false;
  const daysInMonth = mm === 2 ? (yy % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(mm) ? 30 : 31;
  return dd >= 1 && dd <= daysInMonth;
}

function validateRfc(code: string): TaxIdResult {
  const scheme = "MX_RFC";
  if (RFC_GENERIC.has(code)) return valid(scheme, code);
  if ((code.length !== 12 && code.length !== 13) || !RFC_PATTERN.test(code)) {
    return invalid(scheme, "format");
  }

  const nameLength = code.length - 9;
  if (!isValidRfcDate(code.slice(nameLength, nameLength + 6))) return invalid(scheme, "format");

  return code.charAt(code.length - 1) === rfcCheckChar(code) ? valid(scheme, code) : invalid(scheme, "checksum");
}

// ---------------------------------------------------------------------------
// Portugal — NIF / NIPC (Autoridade Tributária)
// ---------------------------------------------------------------------------

// 1-3: individuals; 45: non-resident individuals; 5: legal persons; 6: public bodies; 70, 74, 75: estates;
// 71: non-resident legal persons; 72: investment funds; 77: officially assigned; 78: non-residents under the
// VAT-refund scheme; 79: exceptional; 90, 91: irregular legal persons; 98: non-residents without a permanent
// establishment; 99: civil partnerships without legal personality. 8 (sole traders, retired) and 92–97 do not exist.
const NIF_PATTERN = /^(?:[1-3][0-9]|45|[56][0-9]|7[0-2457-9]|9[0189])[0-9]{7}$/;

function validateNif(code: string): TaxIdResult {
  const scheme = "PT_NIF";
  const bare = code.startsWith("PT") ? code.slice(2) : code;
  if (!NIF_PATTERN.test(bare)) return invalid(scheme, "format");

  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bare.charAt(i)) * (9 - i);
  const r = sum % 11;
  const check = r < 2 ? 0 : 11 - r;

  return Number(bare.charAt(8)) === check ? valid(scheme, bare) : invalid(scheme, "checksum");
}

// ---------------------------------------------------------------------------
// Colombia — NIT (DIAN)
// ---------------------------------------------------------------------------

const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** The DV of a NIT's digits (without the DV). */
export function nitCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits.charAt(digits.length - 1 - i)) * NIT_WEIGHTS[i]!;
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** Stored as "900456789-4" (digits, hyphen, DV); shown as "900.456.789-4". The DV is required. */
function validateNit(code: string): TaxIdResult {
  const scheme = "CO_NIT";
  if (!/^[0-9]{6,16}$/.test(code)) return invalid(scheme, "format");
  const body = code.slice(0, -1);
  if (Number(code.slice(-1)) !== nitCheckDigit(body)) return invalid(scheme, "checksum");
  const grouped = body.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return valid(scheme, `${body}-${code.slice(-1)}`, `${grouped}-${code.slice(-1)}`);
}

// ---------------------------------------------------------------------------
// Chile — RUT (SII)
// ---------------------------------------------------------------------------

/** The DV of a RUT's digits: "0"–"9" or "K". */
export function rutCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits.charAt(digits.length - 1 - i)) * (2 + (i % 6));
  const dv = 11 - (sum % 11);
  return dv === 11 ? "0" : dv === 10 ? "K" : String(dv);
}

/** Stored as "60803000-K"; shown as "60.803.000-K". */
function validateRut(code: string): TaxIdResult {
  const scheme = "CL_RUT";
  if (!/^[0-9]{7,8}[0-9K]$/.test(code)) return invalid(scheme, "format");
  const body = code.slice(0, -1);
  const dv = code.slice(-1);
  if (dv !== rutCheckDigit(body)) return invalid(scheme, "checksum");
  const grouped = body.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return valid(scheme, `${body}-${dv}`, `${grouped}-${dv}`);
}

// ---------------------------------------------------------------------------
// Any other country — no public checksum we rely on; only sanity-check shape.
// ---------------------------------------------------------------------------

function validateOther(raw: string): TaxIdResult {
  const scheme = "OTHER";
  const normalized = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (normalized === "") return { ok: false, scheme, reason: "empty" };

  const length = [...normalized].length;
  if (length < 3 || length > 40 || /\p{C}/u.test(normalized)) return invalid(scheme, "format");
  return valid(scheme, normalized);
}
