/**
 * Export VAT rebate (出口退税), pure: exact decimal rates, integer minor units, half-even to the fen once per step.
 * Domain reference §3.1:
 *   FOB_CNY = FOB_foreign × 外汇人民币折合率
 *   免抵退 (manufacturer, EXEMPT_CREDIT_REFUND): ceiling 免抵退税额 = FOB_CNY × 退税率;
 *     不得免征和抵扣税额 (non-creditable, a cost) = FOB_CNY × (征税率 − 退税率)
 *   免退 (trader, EXEMPT_REFUND): refund = purchase VAT invoice's taxable amount × 退税率; the part of the input VAT
 *     not refunded = that amount × (征税率 − 退税率)
 * What is not modelled: the 抵减额 for duty-free imported materials (Ponte records none, so it is 0), and the
 * period's actual refund (min(期末留抵, ceiling)), which depends on the maker's domestic sales and input VAT: the
 * estimate is the ceiling. The trader's base is the purchase invoice (增值税专用发票), which Ponte does not record:
 * callers pass it (`purchaseTaxableCnyMinor`).
 */
import { CURRENCIES } from "~/modules/money/currencies";
import { parseRate } from "~/modules/money/money";
import { applyRate, applyRateDifference, divideHalfEven, isRateFraction } from "~/modules/money/rates";

export type RebateMethod = "EXEMPT_CREDIT_REFUND" | "EXEMPT_REFUND";

/** CNY has 2 decimals (fen). */
const CNY_EXPONENT = 2;

export interface VatRebateInput {
  /** FOB value in minor units of `fobCurrency`. */
  fobMinor: bigint;
  /** ISO code (its exponent from the ISO table) or the currency itself: CLP has 0 decimals, USD 2. */
  fobCurrency: string | { code: string; exponent: number };
  /** 1 unit of fobCurrency = cnyPerUnit CNY, a decimal string ("7.10"); "1" for CNY. */
  cnyPerUnit: string;
  /** Decimal fractions: "0.13", "0.09". */
  rebateRate: string;
  vatRate: string;
  /** Default: EXEMPT_CREDIT_REFUND (a manufacturer). */
  method?: RebateMethod;
  /** EXEMPT_REFUND only: the taxable amount (excluding VAT) of the purchase VAT invoices for these goods, in fen. */
  purchaseTaxableCnyMinor?: bigint;
}

export interface VatRebateResult {
  fobCnyMinor: bigint;
  /** 免抵退: the ceiling (免抵退税额); 免退: the refund. */
  rebateMinor: bigint;
  /** The part of the VAT that is neither exempt nor refunded (a cost), when the rebate rate is below the VAT rate. */
  nonCreditableMinor: bigint;
}

export class RebateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RebateInputError";
  }
}

function exponentOf(currency: VatRebateInput["fobCurrency"]): number {
  if (typeof currency !== "string") return currency.exponent;
  const known = CURRENCIES.find((c) => c.code === currency);
  if (!known) throw new RebateInputError(`unknown currency ${currency}`);
  return known.exponent;
}

/**
 * amountMinor (of a currency with `exponent` decimals) × rate, into fen, rounded half-even once:
 * fen = amountMinor × rate × 10^(2 − exponent).
 */
export function toCnyMinor(amountMinor: bigint, exponent: number, cnyPerUnit: string): bigint {
  const { amount, scale } = parseRate(cnyPerUnit);
  const shift = CNY_EXPONENT - exponent;
  let numerator = amountMinor * amount;
  let denominator = 10n ** scale;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return divideHalfEven(numerator, denominator);
}

export function vatRebate(input: VatRebateInput): VatRebateResult {
  if (input.fobMinor < 0n) throw new RebateInputError("FOB must not be negative");
  for (const [name, rate] of [
    ["rebateRate", input.rebateRate],
    ["vatRate", input.vatRate],
  ] as const) {
    if (!isRateFraction(rate)) throw new RebateInputError(`${name} must be a decimal fraction below 1, got ${rate}`);
  }
  if (!/^\d+(\.\d+)?$/.test(input.cnyPerUnit.trim()) || parseRate(input.cnyPerUnit).amount === 0n) throw new RebateInputError(`invalid CNY rate ${input.cnyPerUnit}`);
  // A rebate rate above the VAT rate does not exist (the rebate refunds at most the VAT charged).
  if (compareRates(input.rebateRate, input.vatRate) > 0) throw new RebateInputError(`rebate rate ${input.rebateRate} is above the VAT rate ${input.vatRate}`);

  const fobCnyMinor = toCnyMinor(input.fobMinor, exponentOf(input.fobCurrency), input.cnyPerUnit);
  const method = input.method ?? "EXEMPT_CREDIT_REFUND";
  let base = fobCnyMinor;
  if (method === "EXEMPT_REFUND") {
    if (input.purchaseTaxableCnyMinor === undefined) throw new RebateInputError("a trader's refund needs the purchase VAT invoice's taxable amount");
    if (input.purchaseTaxableCnyMinor < 0n) throw new RebateInputError("the invoice amount must not be negative");
    base = input.purchaseTaxableCnyMinor;
  }
  return {
    fobCnyMinor,
    rebateMinor: applyRate(base, input.rebateRate),
    nonCreditableMinor: applyRateDifference(base, input.vatRate, input.rebateRate),
  };
}

/** Sign of a − b for two decimal strings, exactly. */
export function compareRates(a: string, b: string): -1 | 0 | 1 {
  const x = parseRate(a);
  const y = parseRate(b);
  const left = x.amount * 10n ** y.scale;
  const right = y.amount * 10n ** x.scale;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The CNY value of one unit of `currency` from a USD-based table (1 USD = usdToCny CNY, 1 USD = usdToCurrency units),
 * as the decimal an estimate stores (12 places, half-even: the precision of the `fxRate` columns). The estimate then
 * uses exactly this stored rate, so anyone can redo it from what is stored.
 */
export function crossRate(usdToCny: string, usdToCurrency: string, places = 12): string {
  const cny = parseRate(usdToCny);
  const other = parseRate(usdToCurrency);
  if (other.amount === 0n) throw new RebateInputError("rate of zero");
  // (cny.amount / 10^cny.scale) / (other.amount / 10^other.scale) × 10^places
  const numerator = cny.amount * 10n ** other.scale * 10n ** BigInt(places);
  const denominator = other.amount * 10n ** cny.scale;
  const scaled = divideHalfEven(numerator, denominator);
  const digits = scaled.toString().padStart(places + 1, "0");
  const whole = digits.slice(0, -places);
  const fraction = digits.slice(-places).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}
