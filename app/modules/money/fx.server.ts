import { unscopedDb } from "~/modules/db/index.server";
import type { CurrencyInfo } from "./currencies";
import { convertMoney, type Money } from "./money";
import { divideHalfEven } from "./rates";

/** A dated rate: 1 `base` = `rate` `quote`, valid from `effectiveDate` (YYYY-MM-DD). */
export interface DatedRate {
  base: string;
  quote: string;
  rate: string;
  effectiveDate: string;
}

/** Anything that can run the two reads: a client, or an interactive transaction's client. */
interface RateReader {
  $queryRaw: (typeof unscopedDb)["$queryRaw"];
  currency: { findMany(): Promise<{ code: string; numericCode: string; exponent: number; displayDigits: number }[]> };
}

/**
 * The rate table as of `on` (default: today): for each currency, the latest USD-based rate effective on or before
 * that day. One query; the result converts between any two known currencies through USD.
 * Inside a transaction pass its client: the embedded database serves one connection at a time, so a read on
 * another connection would wait for the transaction to end.
 */
export async function ratesAsOf(on: Date = new Date(), client: RateReader = unscopedDb): Promise<RateTable> {
  const rows = await client.$queryRaw<{ quoteCode: string; rate: string; effectiveDate: Date }[]>`
    SELECT DISTINCT ON ("quoteCode") "quoteCode", "rate"::text AS "rate", "effectiveDate"
    FROM "FxRate"
    WHERE "baseCode" = 'USD' AND "effectiveDate" <= ${on}::date AND "rate" > 0
    ORDER BY "quoteCode", "effectiveDate" DESC`;
  const currencies = await client.currency.findMany();
  return new RateTable(
    new Map(rows.map((r) => [r.quoteCode.trim(), { rate: r.rate, effectiveDate: r.effectiveDate.toISOString().slice(0, 10) }])),
    new Map(currencies.map((c) => [c.code.trim(), { code: c.code.trim(), numericCode: c.numericCode, exponent: c.exponent, displayDigits: c.displayDigits }])),
  );
}

export class RateTable {
  constructor(
    private readonly usdRates: Map<string, { rate: string; effectiveDate: string }>,
    readonly currencies: Map<string, CurrencyInfo>,
  ) {}

  currency(code: string): CurrencyInfo {
    const info = this.currencies.get(code);
    if (!info) throw new Error(`Unknown currency ${code}`);
    return info;
  }

  /** 1 USD in `code`, with the date it is valid from; USD itself is 1 on no particular date. */
  usdRate(code: string): { rate: string; effectiveDate: string | null } | null {
    if (code === "USD") return { rate: "1", effectiveDate: null };
    return this.usdRates.get(code) ?? null;
  }

  /**
   * Converts through USD: amount → USD (dividing by the source rate) → target. Both steps are exact decimal
   * arithmetic (bigint); rounding, half-to-even, happens once, into the target's minor units.
   * Returns the rate dates used, so that a page can say "at the rate of 2026-11-27".
   */
  convert(money: Money, to: string): { money: Money; rateDates: string[] } | null {
    const from = money.currency.code;
    const target = this.currency(to);
    if (from === to) return { money, rateDates: [] };
    const source = this.usdRate(from);
    const dest = this.usdRate(to);
    if (!source || !dest) return null;
    // amount × dest / source, kept exact: scale the source rate into an integer divisor.
    const [sourceInt, sourceScale] = decimalParts(source.rate);
    const [destInt, destScale] = decimalParts(dest.rate);
    // A zero rate cannot convert anything: the currency is "without a rate", never a crashed page. (The database
    // refuses such rows since 2026-12-06; the query above skips any left from before.)
    if (sourceInt <= 0n || destInt <= 0n) return null;
    // value in target minor units = amountMinor × 10^(toExp − fromExp) × destInt × 10^sourceScale / (sourceInt × 10^destScale)
    let numerator = money.amountMinor * destInt * 10n ** BigInt(sourceScale);
    let denominator = sourceInt * 10n ** BigInt(destScale);
    const expDiff = target.exponent - money.currency.exponent;
    if (expDiff >= 0) numerator *= 10n ** BigInt(expDiff);
    else denominator *= 10n ** BigInt(-expDiff);
    const rateDates = [source.effectiveDate, dest.effectiveDate].filter((d): d is string => Boolean(d));
    return { money: { amountMinor: divideHalfEven(numerator, denominator), currency: target }, rateDates };
  }
}

function decimalParts(rate: string): [bigint, number] {
  const [whole, fraction = ""] = rate.split(".") as [string, string?];
  const trimmed = fraction.replace(/0+$/, "");
  return [BigInt(whole + trimmed), trimmed.length];
}

export { convertMoney };
