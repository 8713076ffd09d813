import { convert, dinero, halfEven, toDecimal, toSnapshot, transformScale } from "dinero.js/bigint";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
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
  const formatter = new Intl.NumberFormat(LOCALE_TAGS[lang], {
    style: "currency",
    currency: money.currency.code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: "halfEven",
  } as Intl.NumberFormatOptions);
  return formatter.format(toDecimalString(money) as unknown as number);
}
