import { convert, dinero, halfEven, toDecimal, toSnapshot, transformScale } from "dinero.js/bigint";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { numberFormat } from "~/modules/i18n/format";
import type { CurrencyInfo } from "./currencies";

/** Money is an integer of minor units plus its ISO 4217 currency; never a float. */
export interface Money {
  amountMinor: bigint;
  currency: CurrencyInfo;
}

function dineroCurrency(c: CurrencyInfo) {
  return { code: c.code, base: 10n, exponent: BigInt(c.exponent) };
}

/** "5.4321" → { amount: 54321n, scale: 4n }: rates stay exact decimals end to end. */
export function parseRate(rate: string): { amount: bigint; scale: bigint } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!match) throw new Error(`Invalid exchange rate: ${rate}`);
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return { amount: BigInt(match[1] + fraction), scale: BigInt(fraction.length) };
}

/** Converts at `rate` (1 unit of `from` = rate units of `to`), rounding half-to-even into `to`'s minor units. */
export function convertMoney(money: Money, to: CurrencyInfo, rate: string): Money {
  const source = dinero({ amount: money.amountMinor, currency: dineroCurrency(money.currency) });
  const converted = convert(source, dineroCurrency(to), { [to.code]: parseRate(rate) });
  const rounded = transformScale(converted, BigInt(to.exponent), halfEven);
  return { amountMinor: toSnapshot(rounded).amount, currency: to };
}

/** The exact decimal string of an amount, e.g. 12345n BRL → "123.45", 5000n CLP → "5000". */
export function toDecimalString(money: Money): string {
  return toDecimal(dinero({ amount: money.amountMinor, currency: dineroCurrency(money.currency) }));
}

/** Formats with Intl from the exact decimal string (NumberFormat v3 accepts strings), per language. */
export function formatMoney(money: Money, lang: Lang): string {
  const digits = money.currency.displayDigits;
  const formatter = numberFormat(LOCALE_TAGS[lang], {
    style: "currency",
    currency: money.currency.code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: "halfEven",
  } as Intl.NumberFormatOptions);
  return formatter.format(toDecimalString(money) as unknown as number);
}

/**
 * A decimal typed by a person ("12.5", "12,50", "1 234,56") into minor units of a currency with `exponent`
 * decimals; null when it is not a non-negative amount with at most that many decimals.
 */
export function parseAmountToMinor(input: string, exponent: number): bigint | null {
  const compact = input.trim().replace(/[\s\u00a0]/g, "");
  // The last separator is the decimal one when followed by 1..exponent digits; the others group thousands.
  const match = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!match) return null;
  const whole = match[1]!.replace(/[.,]/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) {
    // "1,234" with exponent 2 is a grouped thousand, not 1.234.
    if (fraction.length === 3 && !match[1]!.match(/[.,]/)) return BigInt(whole + fraction) * 10n ** BigInt(exponent);
    return null;
  }
  return BigInt(whole + fraction.padEnd(exponent, "0"));
}

/** Minor units back to the plain decimal a form shows: 1250n, 2 → "12.50". */
export function minorToDecimalInput(amountMinor: bigint, exponent: number): string {
  if (exponent === 0) return amountMinor.toString();
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
