export interface PriceTierValue {
  minQuantity: number;
  unitPriceMinor: bigint;
}

/**
 * The tier that prices `quantity` units: the one with the largest minimum not above it. Below the first tier
 * (the MOQ) nothing can be ordered: null.
 */
export function tierForQuantity<T extends PriceTierValue>(tiers: readonly T[], quantity: number): T | null {
  let chosen: T | null = null;
  for (const tier of tiers) {
    if (tier.minQuantity <= quantity && (!chosen || tier.minQuantity > chosen.minQuantity)) chosen = tier;
  }
  return chosen;
}

export type TierProblem = "empty" | "not_ascending" | "first_not_moq" | "price_increases" | "non_positive";

/** Tiers must start at the MOQ, grow in quantity, and never charge more per unit for buying more. */
export function checkTiers(tiers: readonly PriceTierValue[], moq: number): TierProblem | null {
  if (tiers.length === 0) return "empty";
  const sorted = [...tiers].sort((a, b) => a.minQuantity - b.minQuantity);
  if (sorted[0]!.minQuantity !== moq) return "first_not_moq";
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.unitPriceMinor <= 0n) return "non_positive";
    if (i > 0 && sorted[i]!.minQuantity === sorted[i - 1]!.minQuantity) return "not_ascending";
    if (i > 0 && sorted[i]!.unitPriceMinor > sorted[i - 1]!.unitPriceMinor) return "price_increases";
  }
  return null;
}
