import { convert, dinero, halfEven, toDecimal, toSnapshot, transformScale } from "dinero.js/bigint";
import type { Lang } from "~/modules/i18n/config";
import { viewerNumberFormat } from "~/modules/i18n/format";
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

/**
 * Formats with Intl from the exact decimal string (NumberFormat v3 accepts strings), in the page's language as the
 * viewer's country writes it: COP 18558 is "$ 18.558" in Bogotá (es-CO), EUR 8.48 "8,48 €" in Lisbon (pt-PT).
 */
export function formatMoney(money: Money, lang: Lang): string {
  const digits = money.currency.displayDigits;
  const formatter = viewerNumberFormat(lang, {
    style: "currency",
    currency: money.currency.code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: "halfEven",
  } as Intl.NumberFormatOptions);
  return formatter.format(toDecimalString(money) as unknown as number);
}

/** Why a typed amount was refused: not an amount at all, or more decimals than the currency has. */
export type AmountProblem = "format" | "decimals";

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; problem: AmountProblem };

/** Whole-number digits an amount may have (beyond any price; keeps minor units far inside PostgreSQL's bigint). */
const MAX_WHOLE_DIGITS = 15;

/**
 * The one reading of an amount typed by a person, shared by the product form, the price filters and the
 * spreadsheet import, into minor units of a currency with `exponent` decimals:
 * - spaces of any kind are ignored and full-width characters folded (NFKC): "1 234,56", "１２．５";
 * - a single "." or "," is always the decimal separator: "12.5" = "12,5"; "12.345" has three decimals, so in a
 *   currency of two it is refused ("decimals"), never guessed as twelve thousand (and "0.425" is never 425);
 *   only in a currency without decimals (CLP) is "12.345" the twelve thousand it must be;
 * - a separator repeated groups thousands in threes ("1.234.567", "1,234,567"), and with both kinds the last one
 *   is the decimal separator ("1.234,56", "1,234.56");
 * - negative amounts, exponents, more than 15 whole digits and anything else are refused ("format").
 */
export function parseAmount(input: string, exponent: number): ParsedAmount {
  const text = input.normalize("NFKC").replace(/\s/g, "");
  const thousandsOnly = exponent === 0 && /^[1-9]\d{0,2}[.,]\d{3}$/.test(text);
  // One "." or "," (or none): it is the decimal separator.
  const plain = thousandsOnly ? null : /^(\d*)(?:[.,](\d+))?$/.exec(text);
  // Thousands grouped in threes by one separator, then maybe decimals after the other one.
  const grouped = plain ? null : /^([1-9]\d{0,2}(?<group>[.,])\d{3}(?:\k<group>\d{3})*)(?:(?!\k<group>)[.,](\d+))?$/.exec(text);
  const match = plain ?? grouped;
  if (!match) return { ok: false, problem: "format" };
  const whole = (plain ? match[1]! : match[1]!.replace(/[.,]/g, "")).replace(/^0+(?=\d)/, "");
  const fraction = (plain ? match[2] : match[3]) ?? "";
  if (whole === "" && fraction === "") return { ok: false, problem: "format" };
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: "format" };
  if (fraction.length > exponent) return { ok: false, problem: "decimals" };
  // BigInt("") is 0n: ".5" is 0.50.
  return { ok: true, minor: BigInt(whole + fraction.padEnd(exponent, "0")) };
}

/** parseAmount's minor units, or null when the amount is refused (for callers that need no reason). */
export function parseAmountToMinor(input: string, exponent: number): bigint | null {
  const parsed = parseAmount(input, exponent);
  return parsed.ok ? parsed.minor : null;
}

/** Minor units back to the plain decimal a form shows: 1250n, 2 → "12.50". */
export function minorToDecimalInput(amountMinor: bigint, exponent: number): string {
  if (exponent === 0) return amountMinor.toString();
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
