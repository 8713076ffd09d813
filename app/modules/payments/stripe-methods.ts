/**
 * Which Stripe payment methods Ponte offers for a payment, and how amounts travel to Stripe (pure: no database,
 * no network). Stripe wants amounts in the currency's smallest unit as Stripe counts it; Ponte stores minor units
 * with the ISO exponent of app/modules/money/currencies.ts, and the two agree only when the exponents do.
 */

export const STRIPE_METHODS = ["card", "pix", "boleto", "oxxo", "multibanco", "sepa_debit"] as const;
export type StripeMethod = (typeof STRIPE_METHODS)[number];

/** Methods whose money arrives later: the buyer gets a voucher or reference and the webhook says when it is paid. */
export const VOUCHER_METHODS: readonly StripeMethod[] = ["oxxo", "boleto", "multibanco"];

export function isVoucherMethod(method: string | null | undefined): boolean {
  return VOUCHER_METHODS.includes(method as StripeMethod);
}

/** OXXO takes at most MXN 10,000.00 per payment (minor units, exponent 2). */
export const OXXO_MAX_MXN_MINOR = 1_000_000n;

/**
 * Stripe's zero-decimal currencies (docs "Supported currencies", zero-decimal): amounts are whole units. Every
 * other currency Ponte uses is two-decimal at Stripe (COP included, although it is shown without cents).
 */
export const STRIPE_ZERO_DECIMAL = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"] as const;
/** Stripe's three-decimal currencies (amounts in thousandths, the last digit 0). */
export const STRIPE_THREE_DECIMAL = ["BHD", "JOD", "KWD", "OMR", "TND"] as const;

/** How many decimals Stripe's API counts for this currency. */
export function stripeExponent(currencyCode: string): number {
  const code = currencyCode.toUpperCase();
  if ((STRIPE_ZERO_DECIMAL as readonly string[]).includes(code)) return 0;
  if ((STRIPE_THREE_DECIMAL as readonly string[]).includes(code)) return 3;
  return 2;
}

export class StripeAmountError extends Error {}

/**
 * Ponte minor units (with Ponte's `exponent` for the currency) → the integer Stripe expects. Refuses an amount
 * that Stripe's unit cannot carry exactly (never rounds money away) or that exceeds a safe integer.
 */
export function toStripeAmount(amountMinor: bigint, currencyCode: string, exponent: number): number {
  const target = stripeExponent(currencyCode);
  let amount: bigint;
  if (target >= exponent) amount = amountMinor * 10n ** BigInt(target - exponent);
  else {
    const factor = 10n ** BigInt(exponent - target);
    if (amountMinor % factor !== 0n) throw new StripeAmountError(`${amountMinor} minor units of ${currencyCode} are not a whole Stripe amount`);
    amount = amountMinor / factor;
  }
  if (amount < 0n || amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new StripeAmountError(`amount out of range for ${currencyCode}`);
  return Number(amount);
}

/** Stripe's integer amount → Ponte minor units (the inverse of toStripeAmount). */
export function fromStripeAmount(amount: number, currencyCode: string, exponent: number): bigint {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new StripeAmountError(`not a Stripe amount: ${amount}`);
  const source = stripeExponent(currencyCode);
  const value = BigInt(amount);
  if (exponent >= source) return value * 10n ** BigInt(exponent - source);
  const factor = 10n ** BigInt(source - exponent);
  if (value % factor !== 0n) throw new StripeAmountError(`${amount} is not a whole amount of ${currencyCode} in Ponte's units`);
  return value / factor;
}

export type MethodUnavailableReason = "over_limit";

export interface MethodChoice {
  /** What the Checkout Session offers (payment_method_types), card first. */
  methods: StripeMethod[];
  /** Methods the currency has but this payment cannot use, with why and the limit (minor units). */
  unavailable: { method: StripeMethod; reason: MethodUnavailableReason; limitMinor: bigint }[];
}

/**
 * The methods Stripe offers for one payment: card always; BRL adds Pix, and Boleto where the account allows it
 * (`boletoEnabled`); MXN adds OXXO up to MXN 10,000 per payment; EUR adds Multibanco and SEPA Debit.
 * `amountMinor` is in Ponte's minor units of `currencyCode` (exponent 2 for MXN).
 */
export function stripeMethodsFor(input: { currencyCode: string; amountMinor: bigint; boletoEnabled: boolean }): MethodChoice {
  const methods: StripeMethod[] = ["card"];
  const unavailable: MethodChoice["unavailable"] = [];
  switch (input.currencyCode.toUpperCase()) {
    case "BRL":
      methods.push("pix");
      if (input.boletoEnabled) methods.push("boleto");
      break;
    case "MXN":
      if (input.amountMinor <= OXXO_MAX_MXN_MINOR) methods.push("oxxo");
      else unavailable.push({ method: "oxxo", reason: "over_limit", limitMinor: OXXO_MAX_MXN_MINOR });
      break;
    case "EUR":
      methods.push("multibanco", "sepa_debit");
      break;
  }
  return { methods, unavailable };
}

/** Stripe Checkout's locale for each Ponte language (Latin-American Spanish, Brazilian Portuguese). */
export const CHECKOUT_LOCALES = { pt: "pt-BR", es: "es-419", zh: "zh", en: "en" } as const;
