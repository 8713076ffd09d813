/**
 * What delivery costs (pure; unit-tested in delivery-rates.test.ts). A rate is dated reference data
 * (`DeliveryRate`): from an overseas warehouse to the buyer's door (DDP), or from Zhuhai to the destination's port
 * (CIF) or door (DDP, import duties not included). Fee = base + per started kilogram of the goods' gross weight, in
 * integer minor units of the rate's currency; nothing here rounds. FOB has no rate: the buyer arranges freight.
 */

/** The origin code of every manufacturer's dispatch point in Zhuhai (their locations are "ZUH-…"). */
export const ZHUHAI_ORIGIN = "ZUH";

export type RatedTerm = "CIF" | "DDP";

export interface DeliveryRateValue {
  id: string;
  originCode: string;
  tradeTerm: "FOB" | RatedTerm;
  destinationCountry: string;
  /** "" = the whole country. */
  regionCode: string;
  baseFeeMinor: bigint;
  perKgMinor: bigint;
  currencyCode: string;
  /** YYYY-MM-DD */
  validFrom: string;
}

export interface DeliveryQuery {
  originCode: string;
  tradeTerm: RatedTerm;
  countryCode: string;
  regionCode: string | null;
  /** The order's day, YYYY-MM-DD (UTC). */
  day: string;
}

/**
 * The rate in force on `day`: among rows for this origin, term and country valid on or before the day, a row for
 * the buyer's state wins over the whole country's; within each, the latest `validFrom`. Null when none applies.
 */
export function rateInForce<R extends DeliveryRateValue>(rates: readonly R[], query: DeliveryQuery): R | null {
  const region = (query.regionCode ?? "").trim().toUpperCase();
  let best: R | null = null;
  const rank = (r: R) => (r.regionCode === "" ? 0 : 1);
  for (const rate of rates) {
    if (rate.originCode !== query.originCode || rate.tradeTerm !== query.tradeTerm || rate.destinationCountry.trim() !== query.countryCode) continue;
    if (rate.regionCode !== "" && rate.regionCode !== region) continue;
    if (rate.validFrom > query.day) continue;
    if (!best || rank(rate) > rank(best) || (rank(rate) === rank(best) && rate.validFrom > best.validFrom)) best = rate;
  }
  return best;
}

/** Kilograms charged: every started kilogram of gross weight (1 g → 1 kg, 1,000 g → 1 kg, 1,001 g → 2 kg). */
export function chargeableKg(grossWeightG: bigint): bigint {
  if (grossWeightG < 0n) throw new RangeError("a negative weight");
  return (grossWeightG + 999n) / 1000n;
}

/** Gross weight of some units: Σ quantity × the variant's gross weight in grams (bigint: no overflow). */
export function grossWeightG(parts: readonly { quantity: number; grossWeightG: number }[]): bigint {
  let total = 0n;
  for (const part of parts) {
    if (!Number.isSafeInteger(part.quantity) || part.quantity < 0 || !Number.isSafeInteger(part.grossWeightG) || part.grossWeightG < 0) {
      throw new RangeError(`bad quantity or weight: ${part.quantity} × ${part.grossWeightG} g`);
    }
    total += BigInt(part.quantity) * BigInt(part.grossWeightG);
  }
  return total;
}

/** The fee for `weightG` grams under a rate, in the rate's currency minor units: base + per kg × started kg. */
export function deliveryFeeMinor(rate: Pick<DeliveryRateValue, "baseFeeMinor" | "perKgMinor">, weightG: bigint): bigint {
  return rate.baseFeeMinor + rate.perKgMinor * chargeableKg(weightG);
}
