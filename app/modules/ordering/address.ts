import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { normalizeRegion, regionsOf } from "~/modules/inventory/reference-data";

/**
 * Delivery address validation per country (pure; unit-tested in address.test.ts). Errors are i18n keys in the
 * "cart" namespace with their values (the expected pattern), so each buyer reads them in their own language.
 *
 * Brazil: CEP "NNNNN-NNN" (8 digits accepted and hyphenated) and a valid UF; Mexico: código postal of 5 digits and
 * a state; Portugal: "NNNN-NNN"; Angola and Mozambique have no postal codes in use (one is not asked for); other
 * countries by their national pattern, or free text where there is none.
 */

export interface AddressInput {
  countryCode: string;
  recipient?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  phone?: string | null;
}

export interface DeliveryAddress {
  countryCode: string;
  recipient: string;
  line1: string;
  line2: string;
  city: string;
  /** ISO 3166-2 code (without the country) where the country has states here (BR, MX); else the text typed. */
  region: string;
  postalCode: string;
  phone: string;
}

export interface AddressError {
  field: keyof AddressInput;
  key: string;
  values?: Record<string, string>;
}

export type AddressResult = { ok: true; address: DeliveryAddress } | { ok: false; errors: AddressError[] };

interface PostalRule {
  /** Digits (and letters) as typed, after trimming and upper-casing. */
  pattern: RegExp;
  /** How it is shown in the message. */
  example: string;
  /** Normalizes a valid code to its canonical form. */
  canonical?: (code: string) => string;
  required: boolean;
}

const digits = (n: number, example: string, required = true): PostalRule => ({ pattern: new RegExp(`^\\d{${n}}$`), example, required });

/** National postal-code patterns (UPU); countries missing here take any short code, or none. */
const POSTAL: Record<string, PostalRule | null> = {
  BR: { pattern: /^\d{5}-?\d{3}$/, example: "01310-100", canonical: (c) => `${c.replace("-", "").slice(0, 5)}-${c.replace("-", "").slice(5)}`, required: true },
  MX: digits(5, "06600"),
  PT: { pattern: /^\d{4}-\d{3}$/, example: "1100-148", required: true },
  AO: null,
  MZ: null,
  CV: digits(4, "7600", false),
  GW: digits(4, "1000", false),
  ST: null,
  TL: null,
  CO: digits(6, "110111"),
  CL: digits(7, "8320000"),
  PE: digits(5, "15001"),
  AR: { pattern: /^(\d{4}|[A-Z]\d{4}[A-Z]{3})$/, example: "C1002AAP", required: true },
  UY: digits(5, "11000"),
  PY: digits(4, "1209", false),
  BO: null,
  EC: digits(6, "170150"),
  VE: digits(4, "1010"),
  CR: digits(5, "10101"),
  PA: digits(4, "0801", false),
  GT: digits(5, "01001"),
  DO: digits(5, "10101"),
  ES: digits(5, "28013"),
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "10001", required: true },
  CN: digits(6, "519000"),
  HK: null,
  MO: null,
};

/** Countries whose state must be one of the list (delivery times depend on it). */
const STATE_REQUIRED = new Set(["BR", "MX"]);

const MAX = { recipient: 120, line1: 200, line2: 200, city: 100, region: 100, postalCode: 16, phone: 40 } as const;

function clean(value: string | null | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

/** The rule for a country's postal code: null = none in use; undefined = unknown country (free text, optional). */
export function postalRule(countryCode: string): PostalRule | null | undefined {
  return Object.hasOwn(POSTAL, countryCode) ? POSTAL[countryCode] : undefined;
}

/** Whether the checkout form should ask for a postal code in this country. */
export function asksPostalCode(countryCode: string): boolean {
  return postalRule(countryCode) !== null;
}

export function validateAddress(input: AddressInput): AddressResult {
  const errors: AddressError[] = [];
  const countryCode = clean(input.countryCode).toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) return { ok: false, errors: [{ field: "countryCode", key: "cart.address.errors.country" }] };

  const recipient = clean(input.recipient);
  const line1 = clean(input.line1);
  const line2 = clean(input.line2);
  const city = clean(input.city);
  const regionText = clean(input.region);
  const phone = clean(input.phone);
  let postalCode = clean(input.postalCode).toUpperCase();

  if (!line1) errors.push({ field: "line1", key: "cart.address.errors.required" });
  if (!city) errors.push({ field: "city", key: "cart.address.errors.required" });
  for (const [field, value] of [["recipient", recipient], ["line1", line1], ["line2", line2], ["city", city], ["region", regionText], ["postalCode", postalCode], ["phone", phone]] as const) {
    if (value.length > MAX[field]) errors.push({ field, key: "cart.address.errors.tooLong", values: { max: String(MAX[field]) } });
  }
  if (phone && !/^\+?[\d\s().-]{6,}$/.test(phone)) errors.push({ field: "phone", key: "cart.address.errors.phone" });

  let region = regionText;
  if (STATE_REQUIRED.has(countryCode)) {
    const code = normalizeRegion(countryCode, regionText);
    if (!regionText) errors.push({ field: "region", key: "cart.address.errors.required" });
    else if (!code || !regionsOf(countryCode)?.[code]) errors.push({ field: "region", key: `cart.address.errors.state${countryCode}` });
    else region = code;
  }

  const rule = postalRule(countryCode);
  if (rule === null) {
    // No postal codes in use: whatever was typed is kept as a note for the carrier, within its length.
  } else if (rule === undefined) {
    if (postalCode && !/^[A-Z0-9][A-Z0-9 -]{1,10}$/.test(postalCode)) errors.push({ field: "postalCode", key: "cart.address.errors.postalCodeGeneric" });
  } else if (!postalCode) {
    if (rule.required) errors.push({ field: "postalCode", key: "cart.address.errors.required" });
  } else if (!rule.pattern.test(postalCode)) {
    errors.push({ field: "postalCode", key: "cart.address.errors.postalCode", values: { example: rule.example } });
  } else if (rule.canonical) {
    postalCode = rule.canonical(postalCode);
  }

  if (errors.length) return { ok: false, errors };
  return { ok: true, address: { countryCode, recipient, line1, line2, city, region, postalCode, phone } };
}

/**
 * A delivery address (as stored on an order) as lines for a page or a document in the viewer's language: the
 * recipient, street, postal code with city and state, the country's name, the phone.
 */
export function deliveryAddressLines(address: unknown, lang: Lang): string[] {
  if (!address || typeof address !== "object") return [];
  const a = address as Record<string, unknown>;
  const text = (key: string) => (typeof a[key] === "string" ? (a[key] as string).trim() : "");
  const cityLine = [text("postalCode"), text("city"), text("region")].filter(Boolean).join(" ");
  const country = text("countryCode").toUpperCase();
  return [text("recipient"), text("line1"), text("line2"), cityLine, country ? countryName(country, lang) : "", text("phone")].filter(Boolean);
}

function countryName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
