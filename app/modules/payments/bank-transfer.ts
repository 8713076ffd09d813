/** Bank transfers, the pure part: which references a payer's text quotes, and what a matched amount means. */
import { checkDigit, findBankReferences } from "~/modules/ordering/order-numbers";

/** References with a valid check digit quoted in the text ("pnt 26-0000123 5" included), without repeats. */
export function strictReferences(text: string): string[] {
  return findBankReferences(text);
}

/**
 * References the payer may have meant although the check digit is wrong or missing: each run of 9+ digits (after
 * "PNT" or bare) read as a reference without its check digit, and as one whose last digit is a wrong check digit.
 * Only proposals for a person to confirm: never matched automatically.
 */
export function nearReferences(text: string): string[] {
  const compact = text.toUpperCase().replace(/[\s.\-_/]/g, "");
  const found = new Set<string>();
  for (const match of compact.matchAll(/\d{9,}/g)) {
    const digits = match[0];
    found.add(`PNT${digits}${checkDigit(digits)}`);
    const body = digits.slice(0, -1);
    if (body.length >= 9) found.add(`PNT${body}${checkDigit(body)}`);
  }
  return [...found];
}

export type MatchOutcome = "matched" | "partial" | "over";

/**
 * What a transfer of `amountMinor` does to an order that still owed `dueMinor` (both in the order's buyer
 * currency): exactly paid, partial (the rest still due), or over (the surplus is owed back). A cancelled order owes
 * nothing: the whole amount goes back.
 */
export function classifyMatch(dueMinor: bigint, amountMinor: bigint, cancelled = false): { outcome: MatchOutcome; remainingMinor: bigint; surplusMinor: bigint } {
  const due = cancelled || dueMinor < 0n ? 0n : dueMinor;
  if (amountMinor === due) return { outcome: "matched", remainingMinor: 0n, surplusMinor: 0n };
  if (amountMinor < due) return { outcome: "partial", remainingMinor: due - amountMinor, surplusMinor: 0n };
  return { outcome: "over", remainingMinor: 0n, surplusMinor: amountMinor - due };
}
