import { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { OVERSEAS_WAREHOUSES, regionsOf, TRANSIT_LANES } from "~/modules/inventory/reference-data";
import { CURRENCIES } from "~/modules/money/currencies";
import type { RateTable } from "~/modules/money/fx.server";
import { formatMoney, parseAmount } from "~/modules/money/money";
import { COUNTRY_CODES } from "~/modules/tenancy/countries";
import { chargeableKg, deliveryFeeMinor, rateInForce, ZHUHAI_ORIGIN, type DeliveryRateValue, type RatedTerm } from "./delivery-rates";

/**
 * Delivery rates (the `DeliveryRate` reference table): read for a buyer's country on a day, quoted for one future
 * order (a manufacturer × source group of the cart), listed and added on the platform's page, seeded for the demo.
 * Not tenant-owned: every buyer reads the same rates; only PLATFORM members write them (the route's gate).
 */

type Reader = { deliveryRate: Pick<typeof unscopedDb.deliveryRate, "findMany"> };

const SELECT = { id: true, originCode: true, tradeTerm: true, destinationCountry: true, regionCode: true, baseFeeMinor: true, perKgMinor: true, currencyCode: true, validFrom: true } as const;

function toValue(row: Prisma.DeliveryRateGetPayload<{ select: typeof SELECT }>): DeliveryRateValue {
  return { ...row, destinationCountry: row.destinationCountry.trim(), currencyCode: row.currencyCode.trim(), validFrom: row.validFrom.toISOString().slice(0, 10) };
}

/** The rates to one country that may be in force on `day` (YYYY-MM-DD) or earlier: what a cart or checkout needs. */
export async function deliveryRatesFor(countryCode: string, day: string, client: Reader = unscopedDb): Promise<DeliveryRateValue[]> {
  const rows = await client.deliveryRate.findMany({ where: { destinationCountry: countryCode, validFrom: { lte: new Date(`${day}T00:00:00Z`) } }, select: SELECT });
  return rows.map(toValue);
}

export type DeliveryQuote =
  /** FOB from Zhuhai: the buyer arranges freight; nothing charged. */
  | { kind: "fob" }
  | { kind: "priced"; term: RatedTerm; rate: DeliveryRateValue; weightKg: bigint; feeRateCurrencyMinor: bigint; feeMinor: bigint }
  /** No rate for this origin, term and destination on that day (or no FX rate into the order's currency). */
  | { kind: "missing"; term: RatedTerm; reason: "no_rate" | "no_fx" };

/**
 * What delivering one future order costs, in the order's currency: the rate in force on `day` for its origin (the
 * warehouse's code, or Zhuhai), term and the buyer's state/country, applied to the gross weight, then converted with
 * the dated FX table the checkout uses (exact decimals, half-to-even into the order currency's minor units).
 */
export function quoteDelivery(input: {
  rates: readonly DeliveryRateValue[];
  fx: RateTable;
  source: "warehouse" | "origin";
  warehouseCode: string | null;
  term: "FOB" | RatedTerm;
  countryCode: string;
  regionCode: string | null;
  weightG: bigint;
  orderCurrency: string;
  day: string;
}): DeliveryQuote {
  if (input.source === "origin" && input.term === "FOB") return { kind: "fob" };
  const term: RatedTerm = input.source === "warehouse" ? "DDP" : (input.term as RatedTerm);
  const originCode = input.source === "warehouse" ? (input.warehouseCode ?? "") : ZHUHAI_ORIGIN;
  const rate = rateInForce(input.rates, { originCode, tradeTerm: term, countryCode: input.countryCode, regionCode: input.regionCode, day: input.day });
  if (!rate) return { kind: "missing", term, reason: "no_rate" };
  const feeRateCurrencyMinor = deliveryFeeMinor(rate, input.weightG);
  let feeMinor = feeRateCurrencyMinor;
  if (rate.currencyCode !== input.orderCurrency) {
    if (!input.fx.currencies.has(rate.currencyCode) || !input.fx.currencies.has(input.orderCurrency)) return { kind: "missing", term, reason: "no_fx" };
    const converted = input.fx.convert({ amountMinor: feeRateCurrencyMinor, currency: input.fx.currency(rate.currencyCode) }, input.orderCurrency);
    if (!converted) return { kind: "missing", term, reason: "no_fx" };
    feeMinor = converted.money.amountMinor;
  }
  return { kind: "priced", term, rate, weightKg: chargeableKg(input.weightG), feeRateCurrencyMinor, feeMinor };
}

/** "BR-SP" or "BR": where a rate or a buyer is, as a code a person reads. */
export function placeCode(countryCode: string, regionCode: string | null | undefined): string {
  return regionCode ? `${countryCode}-${regionCode}` : countryCode;
}

// ─── the platform's page ─────────────────────────────────────────────────────────────────────────────────────

export type DeliveryRateErrorCode = "origin" | "term" | "country" | "region" | "currency" | "amount" | "amount_decimals" | "date" | "duplicate";

export class DeliveryRateError extends Error {
  constructor(
    readonly code: DeliveryRateErrorCode,
    readonly field: string,
  ) {
    super(code);
    this.name = "DeliveryRateError";
  }
}

export interface NewDeliveryRate {
  originCode: string;
  tradeTerm: "FOB" | "CIF" | "DDP";
  destinationCountry: string;
  regionCode: string;
  baseFee: string;
  perKgFee: string;
  currencyCode: string;
  /** YYYY-MM-DD */
  validFrom: string;
}

/** Origins a rate may start from: Zhuhai and the active overseas warehouses (code and city). */
export async function deliveryOrigins(): Promise<{ code: string; city: string }[]> {
  const warehouses = await unscopedDb.warehouse.findMany({ where: { kind: "OVERSEAS", active: true }, select: { code: true, city: true }, orderBy: { code: "asc" } });
  return [{ code: ZHUHAI_ORIGIN, city: "Zhuhai" }, ...warehouses];
}

function readFee(text: string, exponent: number, field: string): bigint {
  const parsed = parseAmount(text, exponent);
  if (!parsed.ok) throw new DeliveryRateError(parsed.problem === "decimals" ? "amount_decimals" : "amount", field);
  return parsed.minor;
}

/**
 * Adds a dated rate (a change of price is a new row from a later date; past orders keep the rate of their day).
 * Refused, with the field at fault: an unknown origin, FOB (no charge to quote), a warehouse with anything but DDP,
 * an unknown country or state, an unknown currency, a fee that is not an amount in that currency, a bad date, or a
 * second row for the same origin, term, place and date.
 */
export async function addDeliveryRate(input: NewDeliveryRate, createdById: string): Promise<{ id: string }> {
  const originCode = input.originCode.trim().toUpperCase();
  const origins = await deliveryOrigins();
  if (!origins.some((o) => o.code === originCode)) throw new DeliveryRateError("origin", "originCode");
  if (input.tradeTerm === "FOB" || (originCode !== ZHUHAI_ORIGIN && input.tradeTerm !== "DDP")) throw new DeliveryRateError("term", "tradeTerm");
  const country = input.destinationCountry.trim().toUpperCase();
  if (!(COUNTRY_CODES as readonly string[]).includes(country) || country === "CN") throw new DeliveryRateError("country", "destinationCountry");
  const region = input.regionCode.trim().toUpperCase();
  if (region) {
    const regions = regionsOf(country);
    if (!regions || !Object.hasOwn(regions, region)) throw new DeliveryRateError("region", "regionCode");
  }
  const currency = CURRENCIES.find((c) => c.code === input.currencyCode.trim().toUpperCase());
  if (!currency) throw new DeliveryRateError("currency", "currencyCode");
  const baseFeeMinor = readFee(input.baseFee, currency.exponent, "baseFee");
  const perKgMinor = readFee(input.perKgFee, currency.exponent, "perKgFee");
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.validFrom.trim());
  const validFrom = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!validFrom || Number.isNaN(validFrom.getTime()) || validFrom.toISOString().slice(0, 10) !== input.validFrom.trim() || validFrom.getUTCFullYear() < 2000 || validFrom.getUTCFullYear() > 2100) {
    throw new DeliveryRateError("date", "validFrom");
  }
  try {
    return await unscopedDb.deliveryRate.create({
      data: { originCode, tradeTerm: input.tradeTerm, destinationCountry: country, regionCode: region, baseFeeMinor, perKgMinor, currencyCode: currency.code, validFrom, createdById },
      select: { id: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DeliveryRateError("duplicate", "validFrom");
    throw error;
  }
}

export interface DeliveryRateRow {
  id: string;
  origin: string;
  term: string;
  destination: string;
  baseFee: string;
  perKgFee: string;
  validFrom: string;
  /** In force today (the row a checkout today would use for its place). */
  current: boolean;
}

/**
 * The rates for the platform's page, filtered by origin and destination country, newest first, with the row in
 * force today marked: dated rows are history, never edited in place.
 */
export async function presentDeliveryRates(lang: Lang, filter: { origin?: string; country?: string }, today = new Date()) {
  const t = serverT(lang);
  const where: Prisma.DeliveryRateWhereInput = {};
  if (filter.origin) where.originCode = filter.origin;
  if (filter.country) where.destinationCountry = filter.country;
  const rows = await unscopedDb.deliveryRate.findMany({ where, select: SELECT, orderBy: [{ originCode: "asc" }, { destinationCountry: "asc" }, { regionCode: "asc" }, { tradeTerm: "asc" }, { validFrom: "desc" }], take: 500 });
  const values = rows.map(toValue);
  const day = today.toISOString().slice(0, 10);
  const inForce = new Set<string>();
  for (const v of values) {
    const current = rateInForce(values, { originCode: v.originCode, tradeTerm: v.tradeTerm as RatedTerm, countryCode: v.destinationCountry, regionCode: v.regionCode, day });
    // A country-wide row is "current" for the whole country; a state's row for that state.
    if (current && current.regionCode === v.regionCode) inForce.add(current.id);
  }
  const origins = await deliveryOrigins();
  const names = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const currencyOf = (code: string) => CURRENCIES.find((c) => c.code === code) ?? { code, numericCode: "000", exponent: 2, displayDigits: 2 };
  return {
    total: values.length,
    rows: values.map(
      (v): DeliveryRateRow => ({
        id: v.id,
        origin: v.originCode === ZHUHAI_ORIGIN ? t("cart.deliveryRates.zhuhai") : `${origins.find((o) => o.code === v.originCode)?.city ?? v.originCode} (${v.originCode})`,
        term: v.tradeTerm,
        destination: `${names.of(v.destinationCountry) ?? v.destinationCountry}${v.regionCode ? ` — ${regionsOf(v.destinationCountry)?.[v.regionCode] ?? v.regionCode} (${v.regionCode})` : ""}`,
        baseFee: formatMoney({ amountMinor: v.baseFeeMinor, currency: currencyOf(v.currencyCode) }, lang),
        perKgFee: formatMoney({ amountMinor: v.perKgMinor, currency: currencyOf(v.currencyCode) }, lang),
        validFrom: formatDate(`${v.validFrom}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" }),
        current: inForce.has(v.id),
      }),
    ),
    origins: origins.map((o) => ({ value: o.code, label: o.code === ZHUHAI_ORIGIN ? t("cart.deliveryRates.zhuhai") : `${o.city} (${o.code})` })),
    countries: (COUNTRY_CODES as readonly string[])
      .filter((c) => c !== "CN")
      .map((c) => ({ value: c, label: names.of(c) ?? c }))
      .sort((a, b) => a.label.localeCompare(b.label, LOCALE_TAGS[lang])),
    currencies: CURRENCIES.map((c) => c.code),
    countLabel: t("cart.deliveryRates.count", { count: values.length, n: formatNumber(values.length, lang) }),
  };
}

// ─── demo / reference seed ───────────────────────────────────────────────────────────────────────────────────

/** The day the seeded rates apply from (like the transit lanes): a platform row from a later day supersedes them. */
export const DELIVERY_RATES_VALID_FROM = new Date(Date.UTC(2026, 0, 1));

/**
 * Zhuhai → destination by sea, in USD cents: CIF (base: export clearance, terminal handling, documents; per kg:
 * LCL ocean freight and insurance) and DDP to the door (adds destination handling, clearance brokerage and inland
 * delivery; import duties and taxes are not in it).
 */
const ZHUHAI_RATES: Record<string, { cif: [number, number]; ddp: [number, number] }> = {
  BR: { cif: [18_000, 42], ddp: [48_000, 95] },
  MX: { cif: [16_000, 35], ddp: [38_000, 80] },
  PT: { cif: [17_000, 38], ddp: [36_000, 78] },
  ES: { cif: [17_000, 38], ddp: [36_000, 78] },
  AO: { cif: [22_000, 55], ddp: [56_000, 120] },
  MZ: { cif: [21_000, 50], ddp: [52_000, 110] },
  CO: { cif: [17_500, 40], ddp: [43_000, 90] },
  CL: { cif: [16_500, 38], ddp: [40_000, 85] },
  PE: { cif: [16_500, 38], ddp: [41_000, 88] },
  EC: { cif: [16_500, 38], ddp: [41_000, 88] },
  AR: { cif: [19_000, 45], ddp: [47_000, 98] },
  UY: { cif: [19_000, 45], ddp: [47_000, 98] },
  PA: { cif: [15_000, 34], ddp: [36_000, 78] },
  US: { cif: [14_000, 30], ddp: [30_000, 65] },
};

/**
 * The seeded rates: each overseas warehouse to every place it serves (the base is the service area's delivery cost
 * shown on product pages; per kg about a sixtieth of it, dearer where the trip is longer), and Zhuhai to every
 * country with a transit lane. Adds only rows for a (origin, term, place) with no row at all: edits stay.
 */
export function seededDeliveryRates(): Omit<DeliveryRateValue, "id">[] {
  const rows: Omit<DeliveryRateValue, "id">[] = [];
  const validFrom = DELIVERY_RATES_VALID_FROM.toISOString().slice(0, 10);
  for (const warehouse of OVERSEAS_WAREHOUSES) {
    const rate = (area: (typeof warehouse.serviceAreas)[number], regionCode: string) =>
      rows.push({ originCode: warehouse.code, tradeTerm: "DDP", destinationCountry: area.countryCode, regionCode, baseFeeMinor: area.costMinor, perKgMinor: (area.costMinor + 30n) / 60n, currencyCode: area.currencyCode, validFrom });
    for (const area of warehouse.serviceAreas) rate(area, area.regionCode);
    // Served per state: the country-wide row is the dearest state's, for a buyer whose state is not known.
    if (warehouse.serviceAreas.every((a) => a.regionCode !== "")) {
      const dearest = warehouse.serviceAreas.reduce((a, b) => (b.costMinor > a.costMinor ? b : a));
      rate(dearest, "");
    }
  }
  for (const lane of TRANSIT_LANES) {
    const figures = ZHUHAI_RATES[lane.destinationCountry];
    if (!figures) continue;
    for (const [term, [base, perKg]] of [["CIF", figures.cif], ["DDP", figures.ddp]] as const) {
      rows.push({ originCode: ZHUHAI_ORIGIN, tradeTerm: term, destinationCountry: lane.destinationCountry, regionCode: "", baseFeeMinor: BigInt(base), perKgMinor: BigInt(perKg), currencyCode: "USD", validFrom });
    }
  }
  return rows;
}

export async function seedDeliveryRates(client: { deliveryRate: Pick<typeof unscopedDb.deliveryRate, "findMany" | "createMany"> } = unscopedDb) {
  const existing = await client.deliveryRate.findMany({ select: { originCode: true, tradeTerm: true, destinationCountry: true, regionCode: true } });
  const have = new Set(existing.map((r) => `${r.originCode}|${r.tradeTerm}|${r.destinationCountry.trim()}|${r.regionCode}`));
  const missing = seededDeliveryRates().filter((r) => !have.has(`${r.originCode}|${r.tradeTerm}|${r.destinationCountry}|${r.regionCode}`));
  if (missing.length) await client.deliveryRate.createMany({ data: missing.map((r) => ({ ...r, validFrom: new Date(`${r.validFrom}T00:00:00Z`) })), skipDuplicates: true });
}
