/**
 * The monthly summary declaration (汇总申报, domain reference §1.1), pure: the declaration lists cleared in a month
 * are merged into one summary line per merge key, consignor, transport mode, destination country, exit customs,
 * 10-digit HS code and currency (the reference marks "currency" ❓: it is kept in the key, since amounts of two
 * currencies cannot be added). Quantities are added per customs unit (pieces and kilograms never mix); values in
 * minor units of the key's currency; weights in grams. Deadline: the 15th of the following month.
 */
import type { TransportMode } from "~/generated/prisma/enums";

export interface SummaryListInput {
  declarationNumber: string;
  consignor: { id: string; code: string; name: string };
  transportMode: TransportMode;
  destinationCountry: string;
  customsOfficeCode: string;
  currencyCode: string;
  lines: { hsCode: string; unitCode: string; quantity: number; totalMinor: bigint; netWeightG: number; grossWeightG: number }[];
}

export interface SummaryKey {
  consignorId: string;
  consignorCode: string;
  consignorName: string;
  transportMode: TransportMode;
  destinationCountry: string;
  customsOfficeCode: string;
  hsCode: string;
  currencyCode: string;
}

export interface SummaryGroup extends SummaryKey {
  /** The lists merged into this line, in number order. */
  declarations: string[];
  lineCount: number;
  /** Quantity per customs unit code, units in code order. */
  quantities: { unitCode: string; quantity: number }[];
  valueMinor: bigint;
  netWeightG: number;
  grossWeightG: number;
}

const KEY_FIELDS = ["consignorId", "transportMode", "destinationCountry", "customsOfficeCode", "hsCode", "currencyCode"] as const;

/** Groups the month's cleared lists by the merge key; sorted by consignor name, then the key's fields. */
export function groupSummary(lists: readonly SummaryListInput[]): SummaryGroup[] {
  const groups = new Map<string, SummaryGroup & { units: Map<string, number>; numbers: Set<string> }>();
  for (const list of lists) {
    for (const line of list.lines) {
      const key: SummaryKey = {
        consignorId: list.consignor.id,
        consignorCode: list.consignor.code,
        consignorName: list.consignor.name,
        transportMode: list.transportMode,
        destinationCountry: list.destinationCountry,
        customsOfficeCode: list.customsOfficeCode,
        hsCode: line.hsCode,
        currencyCode: list.currencyCode,
      };
      const id = JSON.stringify(KEY_FIELDS.map((field) => key[field]));
      let group = groups.get(id);
      if (!group) {
        group = { ...key, declarations: [], lineCount: 0, quantities: [], valueMinor: 0n, netWeightG: 0, grossWeightG: 0, units: new Map(), numbers: new Set() };
        groups.set(id, group);
      }
      group.numbers.add(list.declarationNumber);
      group.lineCount += 1;
      group.units.set(line.unitCode, (group.units.get(line.unitCode) ?? 0) + line.quantity);
      group.valueMinor += line.totalMinor;
      group.netWeightG += line.netWeightG;
      group.grossWeightG += line.grossWeightG;
    }
  }
  return [...groups.values()]
    .map(({ units, numbers, ...group }) => ({
      ...group,
      declarations: [...numbers].sort(),
      quantities: [...units].sort(([a], [b]) => a.localeCompare(b)).map(([unitCode, quantity]) => ({ unitCode, quantity })),
    }))
    .sort((a, b) => a.consignorName.localeCompare(b.consignorName) || KEY_FIELDS.reduce((order, field) => order || String(a[field]).localeCompare(String(b[field])), 0));
}

/** Totals per currency over the groups (values cannot be added across currencies). */
export function summaryTotals(groups: readonly SummaryGroup[]): { currencyCode: string; valueMinor: bigint; netWeightG: number; grossWeightG: number; declarations: number }[] {
  const totals = new Map<string, { valueMinor: bigint; netWeightG: number; grossWeightG: number; numbers: Set<string> }>();
  for (const group of groups) {
    const total = totals.get(group.currencyCode) ?? { valueMinor: 0n, netWeightG: 0, grossWeightG: 0, numbers: new Set<string>() };
    total.valueMinor += group.valueMinor;
    total.netWeightG += group.netWeightG;
    total.grossWeightG += group.grossWeightG;
    for (const number of group.declarations) total.numbers.add(number);
    totals.set(group.currencyCode, total);
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyCode, { numbers, ...total }]) => ({ currencyCode, ...total, declarations: numbers.size }));
}

/** "2026-11" → its year and month, or null (months 1-12, years 2000-9999). */
export function parseMonth(text: string | null | undefined): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec((text ?? "").trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || month < 1 || month > 12) return null;
  return { year, month };
}

export function formatMonth({ year, month }: { year: number; month: number }): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The month's bounds as instants: customs counts a list in the month it was cleared in China time (UTC+8), so
 * 2026-11 runs from 2026-10-31T16:00Z to 2026-11-30T16:00Z.
 */
export function chinaMonthRange({ year, month }: { year: number; month: number }): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, month - 1, 1) - CHINA_OFFSET_MS), to: new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS) };
}

/** The month before the one `now` falls in, in China time: the month a summary is due for. */
export function previousChinaMonth(now: Date): { year: number; month: number } {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const month = china.getUTCMonth(); // 0-based: this month - 1 in 1-based terms
  return month === 0 ? { year: china.getUTCFullYear() - 1, month: 12 } : { year: china.getUTCFullYear(), month };
}

/**
 * The summary of `month` is due by the 15th of the following month (§1.1; whether a holiday moves it to the next
 * working day is not confirmed, so the plain date is shown). A calendar date, "2026-12-15".
 */
export function summaryDeadline({ year, month }: { year: number; month: number }): string {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return `${formatMonth(next)}-15`;
}
