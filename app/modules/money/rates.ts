/**
 * Exact arithmetic of rates on integer minor units: a tax, duty, rebate or fee rate is a decimal string ("0.13",
 * "0.0965"), never a float, and every result is rounded half-to-even to the minor unit once, at the end.
 */
import { parseRate } from "./money";

/** A rate as an exact fraction numerator / 10^scale; refuses negatives and anything that is not a plain decimal. */
function fraction(rate: string): { numerator: bigint; denominator: bigint } {
  const { amount, scale } = parseRate(rate);
  return { numerator: amount, denominator: 10n ** scale };
}

/** numerator / denominator rounded half-to-even (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = n / denominator;
  const twice = (n % denominator) * 2n;
  const rounded = twice > denominator || (twice === denominator && quotient % 2n === 1n) ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** amount × rate, half-even: applyRate(1_000_000n, "0.0965") → 96_500n. */
export function applyRate(amountMinor: bigint, rate: string): bigint {
  const { numerator, denominator } = fraction(rate);
  return divideHalfEven(amountMinor * numerator, denominator);
}

/** amount × (rateA − rateB), half-even, for a difference of two rates (e.g. VAT rate − rebate rate); ≥ 0 only. */
export function applyRateDifference(amountMinor: bigint, rateA: string, rateB: string): bigint {
  const a = fraction(rateA);
  const b = fraction(rateB);
  const numerator = a.numerator * b.denominator - b.numerator * a.denominator;
  if (numerator < 0n) throw new RangeError(`rate ${rateA} is below ${rateB}`);
  return divideHalfEven(amountMinor * numerator, a.denominator * b.denominator);
}

/**
 * The base of a tax charged "by dentro" (Brazil's ICMS): amount / (1 − rate), half-even. grossUp(1_393_500n, "0.18")
 * → 1_699_390n. The rate must be below 1.
 */
export function grossUp(amountMinor: bigint, rate: string): bigint {
  const { numerator, denominator } = fraction(rate);
  if (numerator >= denominator) throw new RangeError(`rate ${rate} must be below 1`);
  return divideHalfEven(amountMinor * denominator, denominator - numerator);
}

/** Whether `rate` is a plain decimal fraction in [0, 1) ("0", "0.16", "0.0965"). */
export function isRateFraction(rate: string): boolean {
  if (!/^\d+(\.\d+)?$/.test(rate.trim())) return false;
  const { numerator, denominator } = fraction(rate);
  return numerator < denominator;
}
