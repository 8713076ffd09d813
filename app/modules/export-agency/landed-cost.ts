/**
 * Landed cost of goods from Zhuhai at the destination (pure, exact): integer minor units of the destination's
 * currency, rates as decimal strings, every amount rounded half-to-even once. The formulas follow the domain
 * reference §5 (export-domain.md); the rates are dated reference data (`ImportTaxRate`), never constants here.
 *
 * Where a country's tax base is not confirmed (❓ in the reference) the shape chosen is said beside it.
 */
import { applyRate, grossUp } from "../money/rates";

export const INCOTERMS = ["DDP", "DAP", "CIF", "FOB"] as const;
export type Incoterm = (typeof INCOTERMS)[number];

export const IMPORT_TAX_KINDS = ["DUTY", "IPI", "PIS", "COFINS", "ICMS", "DTA", "VAT", "CUSTOMS_FEE", "STAMP_DUTY", "SERVICE_FEE", "LOW_VALUE_ITEM_FEE"] as const;
export type ImportTaxKindName = (typeof IMPORT_TAX_KINDS)[number];

// ─── per-country formulas ────────────────────────────────────────────────────────────────────────────────────

/**
 * Brazil (§5.1): II = CV × ii; IPI = (CV + II) × ipi; PIS = CV × pis; COFINS = CV × cofins; ICMS charged "por
 * dentro": its base is (CV + II + IPI + PIS + COFINS) / (1 − icms), and ICMS = base − that sum (rounded once).
 * Landed = the ICMS base. CIF 10,000 at 16 / 10 / 2.1 / 9.65 / 18 % → landed 16,993.90.
 */
export function brazilImportTaxes(input: { customsValueMinor: bigint; rates: { ii: string; ipi: string; pis: string; cofins: string; icms: string } }) {
  const cv = input.customsValueMinor;
  const ii = applyRate(cv, input.rates.ii);
  const ipi = applyRate(cv + ii, input.rates.ipi);
  const pis = applyRate(cv, input.rates.pis);
  const cofins = applyRate(cv, input.rates.cofins);
  const beforeIcms = cv + ii + ipi + pis + cofins;
  const icmsBase = grossUp(beforeIcms, input.rates.icms);
  const icms = icmsBase - beforeIcms;
  return { ii, ipi, pis, cofins, icms, icmsBase, landed: icmsBase };
}

/** Mexico (§5.2): IGI = CV × igi; DTA = CV × dta (8 per thousand); IVA = (CV + IGI + DTA) × iva. */
export function mexicoImportTaxes(input: { customsValueMinor: bigint; rates: { igi: string; dta: string; iva: string } }) {
  const cv = input.customsValueMinor;
  const igi = applyRate(cv, input.rates.igi);
  const dta = applyRate(cv, input.rates.dta);
  const iva = applyRate(cv + igi + dta, input.rates.iva);
  return { igi, dta, iva, landed: cv + igi + dta + iva };
}

/** The EU's low-value threshold (intrinsic value of a parcel), in euro cents: €150. */
export const EU_LOW_VALUE_THRESHOLD_MINOR = 15_000n;

/**
 * Portugal / EU (§5.3): a parcel under €150 pays no ad valorem duty (the relief for low-value consignments) but,
 * from 2026-07-01, a flat fee per item category (6-digit subheading) when that fee's row is in force; above it,
 * duty = CV × duty. IVA = (CV + duty + flat fee + post-border costs) × vat. Landed = CV + duty + fee + IVA (the
 * post-border costs themselves are the caller's to add: they are paid whatever the taxes).
 */
export function euImportTaxes(input: {
  customsValueMinor: bigint;
  /** Transport and handling from the EU border to the first place of destination (in the IVA base). */
  postBorderCostsMinor?: bigint;
  rates: { duty: string; vat: string };
  lowValue?: { intrinsicValueMinor: bigint; itemCategories: number; feePerCategoryMinor: bigint | null; thresholdMinor?: bigint };
}) {
  const cv = input.customsValueMinor;
  const post = input.postBorderCostsMinor ?? 0n;
  const low = input.lowValue;
  const isLowValue = Boolean(low && low.intrinsicValueMinor < (low.thresholdMinor ?? EU_LOW_VALUE_THRESHOLD_MINOR));
  const duty = isLowValue ? 0n : applyRate(cv, input.rates.duty);
  const lowValueFee = isLowValue && low?.feePerCategoryMinor != null ? low.feePerCategoryMinor * BigInt(Math.max(1, low.itemCategories)) : 0n;
  const vatBase = cv + duty + lowValueFee + post;
  const vat = applyRate(vatBase, input.rates.vat);
  return { duty, lowValueFee, vat, vatBase, isLowValue, landed: cv + duty + lowValueFee + vat };
}

/**
 * Angola (§5.4): duty, the 2% general customs fee and the 1% stamp duty, each on the CIF value; VAT 14% on CV + duty
 * + fee + stamp (the VAT base is ❓ in the reference: the usual import base, customs value plus duties and charges).
 */
export function angolaImportTaxes(input: { customsValueMinor: bigint; rates: { duty: string; customsFee: string; stamp: string; vat: string } }) {
  const cv = input.customsValueMinor;
  const duty = applyRate(cv, input.rates.duty);
  const customsFee = applyRate(cv, input.rates.customsFee);
  const stamp = applyRate(cv, input.rates.stamp);
  const vat = applyRate(cv + duty + customsFee + stamp, input.rates.vat);
  return { duty, customsFee, stamp, vat, landed: cv + duty + customsFee + stamp + vat };
}

/** Mozambique (§5.4): duty and the customs service fee on CV; VAT 16% on CV + duty + fee (base ❓, as for Angola). */
export function mozambiqueImportTaxes(input: { customsValueMinor: bigint; rates: { duty: string; serviceFee: string; vat: string } }) {
  const cv = input.customsValueMinor;
  const duty = applyRate(cv, input.rates.duty);
  const serviceFee = applyRate(cv, input.rates.serviceFee);
  const vat = applyRate(cv + duty + serviceFee, input.rates.vat);
  return { duty, serviceFee, vat, landed: cv + duty + serviceFee + vat };
}

/**
 * Chile (IVA), Colombia (IVA) and Peru (IGV + IPM, one combined rate): ad valorem duty on the CIF value, then the
 * value-added tax on CIF + duty.
 */
export function dutyAndVatImportTaxes(input: { customsValueMinor: bigint; rates: { duty: string; vat: string } }) {
  const cv = input.customsValueMinor;
  const duty = applyRate(cv, input.rates.duty);
  const vat = applyRate(cv + duty, input.rates.vat);
  return { duty, vat, landed: cv + duty + vat };
}

// ─── the rates in force ──────────────────────────────────────────────────────────────────────────────────────

export interface ImportTaxRateValue {
  id: string;
  countryCode: string;
  /** "" = the whole country. */
  regionCode: string;
  /** "" = every HS code. */
  hsPrefix: string;
  kind: ImportTaxKindName;
  /** A decimal fraction ("0.16"). */
  rate: string;
  fixedMinor: bigint | null;
  currencyCode: string | null;
  /** YYYY-MM-DD */
  validFrom: string;
}

/**
 * For each kind, the row in force on `day` for a country, state and HS code: among rows valid on or before the day
 * whose prefix the code starts with, a state's row beats the country's, then the longest prefix wins, then the
 * latest `validFrom`.
 */
export function ratesInForce<R extends ImportTaxRateValue>(
  rows: readonly R[],
  query: { countryCode: string; regionCode: string | null; hsCode: string; day: string },
): Map<ImportTaxKindName, R> {
  const region = (query.regionCode ?? "").trim().toUpperCase();
  const rank = (r: R): [number, number, string] => [r.regionCode === "" ? 0 : 1, r.hsPrefix.length, r.validFrom];
  const better = (a: R, b: R) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] !== rb[0] ? ra[0] > rb[0] : ra[1] !== rb[1] ? ra[1] > rb[1] : ra[2] > rb[2];
  };
  const chosen = new Map<ImportTaxKindName, R>();
  for (const row of rows) {
    if (row.countryCode.trim() !== query.countryCode) continue;
    if (row.regionCode !== "" && row.regionCode !== region) continue;
    if (!query.hsCode.startsWith(row.hsPrefix)) continue;
    if (row.validFrom > query.day) continue;
    const current = chosen.get(row.kind);
    if (!current || better(row, current)) chosen.set(row.kind, row);
  }
  return chosen;
}

// ─── the general estimator (§5.6) ────────────────────────────────────────────────────────────────────────────

export type LineGroup = "duty" | "fee" | "tax";

/** One duty, fee or tax as a buyer reads it: base × rate = amount (or a fixed amount × count). */
export interface LandedLine {
  kind: ImportTaxKindName;
  group: LineGroup;
  baseMinor: bigint;
  rate: string | null;
  /** A fixed amount per unit (the EU's €3 per item category) and how many units. */
  fixedMinor: bigint | null;
  units: number | null;
  amountMinor: bigint;
  /** Creditable for a registered business importer (VAT, IVA, ICMS, IPI, PIS, COFINS…). */
  recoverable: boolean;
}

interface CountryRule {
  currency: string;
  /** Kinds without which no estimate is made. */
  required: readonly ImportTaxKindName[];
  compute: (cv: bigint, rates: RateLookup, extra: { postBorderMinor: bigint; intrinsicValueMinor: bigint; itemCategories: number }) => LandedLine[];
}

type RateLookup = (kind: ImportTaxKindName) => { rate: string; fixedMinor: bigint | null } | undefined;

const line = (kind: ImportTaxKindName, group: LineGroup, baseMinor: bigint, rate: string, amountMinor: bigint, recoverable: boolean): LandedLine => ({
  kind,
  group,
  baseMinor,
  rate,
  fixedMinor: null,
  units: null,
  amountMinor,
  recoverable,
});

const r = (rates: RateLookup, kind: ImportTaxKindName) => rates(kind)?.rate ?? "0";

const dutyAndVat = (currency: string): CountryRule => ({
  currency,
  required: ["DUTY", "VAT"],
  compute: (cv, rates) => {
    const t = dutyAndVatImportTaxes({ customsValueMinor: cv, rates: { duty: r(rates, "DUTY"), vat: r(rates, "VAT") } });
    return [line("DUTY", "duty", cv, r(rates, "DUTY"), t.duty, false), line("VAT", "tax", cv + t.duty, r(rates, "VAT"), t.vat, true)];
  },
});

/** The countries Ponte estimates for: their currency, the rows they need, and how the lines are computed. */
export const COUNTRY_RULES: Record<string, CountryRule> = {
  BR: {
    currency: "BRL",
    required: ["DUTY", "IPI", "PIS", "COFINS", "ICMS"],
    compute: (cv, rates) => {
      const rt = { ii: r(rates, "DUTY"), ipi: r(rates, "IPI"), pis: r(rates, "PIS"), cofins: r(rates, "COFINS"), icms: r(rates, "ICMS") };
      const t = brazilImportTaxes({ customsValueMinor: cv, rates: rt });
      return [
        line("DUTY", "duty", cv, rt.ii, t.ii, false),
        line("IPI", "tax", cv + t.ii, rt.ipi, t.ipi, true),
        line("PIS", "tax", cv, rt.pis, t.pis, true),
        line("COFINS", "tax", cv, rt.cofins, t.cofins, true),
        line("ICMS", "tax", t.icmsBase, rt.icms, t.icms, true),
      ];
    },
  },
  MX: {
    currency: "MXN",
    required: ["DUTY", "DTA", "VAT"],
    compute: (cv, rates) => {
      const rt = { igi: r(rates, "DUTY"), dta: r(rates, "DTA"), iva: r(rates, "VAT") };
      const t = mexicoImportTaxes({ customsValueMinor: cv, rates: rt });
      return [line("DUTY", "duty", cv, rt.igi, t.igi, false), line("DTA", "fee", cv, rt.dta, t.dta, false), line("VAT", "tax", cv + t.igi + t.dta, rt.iva, t.iva, true)];
    },
  },
  PT: {
    currency: "EUR",
    required: ["DUTY", "VAT"],
    compute: (cv, rates, extra) => {
      const fee = rates("LOW_VALUE_ITEM_FEE");
      const t = euImportTaxes({
        customsValueMinor: cv,
        postBorderCostsMinor: extra.postBorderMinor,
        rates: { duty: r(rates, "DUTY"), vat: r(rates, "VAT") },
        lowValue: { intrinsicValueMinor: extra.intrinsicValueMinor, itemCategories: extra.itemCategories, feePerCategoryMinor: fee?.fixedMinor ?? null },
      });
      const lines = [line("DUTY", "duty", cv, t.isLowValue ? "0" : r(rates, "DUTY"), t.duty, false)];
      if (t.lowValueFee > 0n) {
        lines.push({ kind: "LOW_VALUE_ITEM_FEE", group: "duty", baseMinor: 0n, rate: null, fixedMinor: fee?.fixedMinor ?? null, units: Math.max(1, extra.itemCategories), amountMinor: t.lowValueFee, recoverable: false });
      }
      lines.push(line("VAT", "tax", t.vatBase, r(rates, "VAT"), t.vat, true));
      return lines;
    },
  },
  AO: {
    currency: "AOA",
    required: ["DUTY", "CUSTOMS_FEE", "STAMP_DUTY", "VAT"],
    compute: (cv, rates) => {
      const rt = { duty: r(rates, "DUTY"), customsFee: r(rates, "CUSTOMS_FEE"), stamp: r(rates, "STAMP_DUTY"), vat: r(rates, "VAT") };
      const t = angolaImportTaxes({ customsValueMinor: cv, rates: rt });
      return [
        line("DUTY", "duty", cv, rt.duty, t.duty, false),
        line("CUSTOMS_FEE", "fee", cv, rt.customsFee, t.customsFee, false),
        line("STAMP_DUTY", "fee", cv, rt.stamp, t.stamp, false),
        line("VAT", "tax", cv + t.duty + t.customsFee + t.stamp, rt.vat, t.vat, true),
      ];
    },
  },
  MZ: {
    currency: "MZN",
    required: ["DUTY", "SERVICE_FEE", "VAT"],
    compute: (cv, rates) => {
      const rt = { duty: r(rates, "DUTY"), serviceFee: r(rates, "SERVICE_FEE"), vat: r(rates, "VAT") };
      const t = mozambiqueImportTaxes({ customsValueMinor: cv, rates: rt });
      return [line("DUTY", "duty", cv, rt.duty, t.duty, false), line("SERVICE_FEE", "fee", cv, rt.serviceFee, t.serviceFee, false), line("VAT", "tax", cv + t.duty + t.serviceFee, rt.vat, t.vat, true)];
    },
  },
  CL: dutyAndVat("CLP"),
  CO: dutyAndVat("COP"),
  PE: dutyAndVat("PEN"),
};

export function destinationCurrency(countryCode: string): string | null {
  return COUNTRY_RULES[countryCode]?.currency ?? null;
}

export interface LandedInput {
  countryCode: string;
  /** The term the price is quoted under (and so who pays what). */
  incoterm: Incoterm;
  /** The goods' price for the whole quantity under `incoterm`, in the destination currency. */
  priceMinor: bigint;
  /** Main carriage to the destination's port or airport, and its insurance (both in CIF, CIF/DAP/DDP prices). */
  freightMinor: bigint;
  insuranceMinor: bigint;
  /** Past the border: destination handling, brokerage, inland delivery (in DAP and DDP prices). */
  destinationChargesMinor: bigint;
  /** The 6-digit subheadings in the parcel (the EU's flat fee is per item category). */
  itemCategories: number;
  rates: ReadonlyMap<ImportTaxKindName, { rate: string; fixedMinor: bigint | null }>;
}

export type LandedResult =
  | { ok: false; reason: "no_country" | "missing_rates"; missing: ImportTaxKindName[] }
  | {
      ok: true;
      currency: string;
      fobMinor: bigint;
      cifMinor: bigint;
      customsValueMinor: bigint;
      lines: LandedLine[];
      dutiesMinor: bigint;
      feesMinor: bigint;
      taxesMinor: bigint;
      destinationChargesMinor: bigint;
      landedMinor: bigint;
      recoverableMinor: bigint;
      /** Landed less what a registered business importer recovers. */
      netOfRecoverableMinor: bigint;
      /** Who is importer of record and pays the duties and taxes: the seller under DDP, else the buyer. */
      dutiesPaidBy: "seller" | "buyer";
    };

/**
 * §5.6: the price normalised to FOB (less main carriage and insurance for CIF, DAP, DDP; less destination charges
 * for DAP, DDP — Ponte's DDP price carries delivery, not the duties and taxes this computes), CIF = FOB + freight +
 * insurance, customs value = CIF for every country here (BR/AO/MZ CIF, EU CIF at the border, MX transaction value
 * with freight and insurance ❓), then duties, fees and taxes by the country's rule; landed = CV + duties + fees +
 * taxes + destination charges; recoverable taxes summed apart.
 */
export function estimateLandedCost(input: LandedInput): LandedResult {
  const rule = COUNTRY_RULES[input.countryCode];
  if (!rule) return { ok: false, reason: "no_country", missing: [] };
  const missing = rule.required.filter((k) => !input.rates.has(k));
  if (missing.length) return { ok: false, reason: "missing_rates", missing };
  const carriage = input.freightMinor + input.insuranceMinor;
  let fobMinor = input.priceMinor;
  if (input.incoterm !== "FOB") fobMinor -= carriage;
  if (input.incoterm === "DAP" || input.incoterm === "DDP") fobMinor -= input.destinationChargesMinor;
  if (fobMinor < 0n) throw new RangeError("the price is below the carriage it includes");
  const cifMinor = fobMinor + carriage;
  const customsValueMinor = cifMinor;
  const lines = rule.compute(customsValueMinor, (k) => input.rates.get(k), {
    postBorderMinor: input.destinationChargesMinor,
    intrinsicValueMinor: fobMinor,
    itemCategories: input.itemCategories,
  });
  const sum = (group: LineGroup) => lines.filter((l) => l.group === group).reduce((a, l) => a + l.amountMinor, 0n);
  const dutiesMinor = sum("duty");
  const feesMinor = sum("fee");
  const taxesMinor = sum("tax");
  const landedMinor = customsValueMinor + dutiesMinor + feesMinor + taxesMinor + input.destinationChargesMinor;
  const recoverableMinor = lines.filter((l) => l.recoverable).reduce((a, l) => a + l.amountMinor, 0n);
  return {
    ok: true,
    currency: rule.currency,
    fobMinor,
    cifMinor,
    customsValueMinor,
    lines,
    dutiesMinor,
    feesMinor,
    taxesMinor,
    destinationChargesMinor: input.destinationChargesMinor,
    landedMinor,
    recoverableMinor,
    netOfRecoverableMinor: landedMinor - recoverableMinor,
    dutiesPaidBy: input.incoterm === "DDP" ? "seller" : "buyer",
  };
}
