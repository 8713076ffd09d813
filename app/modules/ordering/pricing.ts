import { tierForQuantity, type PriceTierValue } from "~/modules/catalog/price-tiers";

/**
 * Cart and checkout prices (pure; unit-tested in pricing.test.ts). A product's tiers price the quantity of the
 * product in the cart, counted across its variants (PriceTier's rule); the next tier is the saving shown beside it
 * ("compre 500 e pague R$ 9,80").
 */

export interface PricedQuantity<T extends PriceTierValue> {
  tier: T | null;
  next: T | null;
}

/** The tier that prices `quantity` (null below the MOQ) and the next one up (null at the top). */
export function priceFor<T extends PriceTierValue>(tiers: readonly T[], quantity: number): PricedQuantity<T> {
  const tier = tierForQuantity(tiers, quantity);
  let next: T | null = null;
  for (const candidate of tiers) {
    if (candidate.minQuantity > quantity && (!next || candidate.minQuantity < next.minQuantity)) next = candidate;
  }
  // A "next" tier that is not cheaper saves nothing: not worth a hint.
  if (next && tier && next.unitPriceMinor >= tier.unitPriceMinor) next = null;
  return { tier, next };
}

export function lineTotal(unitPriceMinor: bigint, quantity: number): bigint {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a non-negative integer, got ${quantity}`);
  return unitPriceMinor * BigInt(quantity);
}

function decimal(rate: string): [bigint, number] {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!match) throw new RangeError(`invalid rate ${rate}`);
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return [BigInt(match[1]! + fraction), fraction.length];
}

/**
 * 1 `from` = ? `to`, from both currencies' USD rates (1 USD = usdFrom `from`, 1 USD = usdTo `to`): usdTo / usdFrom,
 * as a decimal string with `scale` digits (half-to-even), the form Order.fxRate (Decimal(24,12)) stores.
 */
export function crossRate(usdFrom: string, usdTo: string, scale = 12): string {
  const [fromInt, fromScale] = decimal(usdFrom);
  const [toInt, toScale] = decimal(usdTo);
  if (fromInt === 0n) throw new RangeError("a rate of zero");
  // (toInt / 10^toScale) / (fromInt / 10^fromScale) × 10^scale
  const numerator = toInt * 10n ** BigInt(fromScale + scale);
  const denominator = fromInt * 10n ** BigInt(toScale);
  let q = numerator / denominator;
  const r = numerator % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  if (scale === 0) return q.toString();
  const text = q.toString().padStart(scale + 1, "0");
  return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}
