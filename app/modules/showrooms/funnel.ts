/**
 * The showroom funnel, pure: counts of visits (storefront and booth pages), scans (QR codes on the hall floor), leads
 * (every lead, whatever its kind), RFQs (leads that were requests for quotes) and orders (placed orders from a
 * scanned line or from an attributed RFQ's accepted quote), grouped by any dimension, with the conversion between
 * stages. The insight module reads the counts per (storefront, event, booth, manufacturer, country, day) and this
 * file adds them up.
 */

export const METRICS = ["visits", "scans", "leads", "rfqs", "orders"] as const;
export type Metric = (typeof METRICS)[number];
export type Counts = Record<Metric, number>;

/** The stages shown as a funnel: the first is what brought people in (page visits and floor scans together). */
export const STAGES = ["touches", "leads", "rfqs", "orders"] as const;
export type Stage = (typeof STAGES)[number];

export const DIMENSIONS = ["storefront", "event", "booth", "manufacturer", "country", "day"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One aggregated row of the database: a metric's count for one combination of dimensions ("" when none). */
export interface FactRow {
  metric: Metric;
  count: number;
  storefront: string;
  event: string;
  booth: string;
  manufacturer: string;
  country: string;
  /** "2026-12-06" */
  day: string;
}

export function emptyCounts(): Counts {
  return { visits: 0, scans: 0, leads: 0, rfqs: 0, orders: 0 };
}

/** A share: numerator over denominator, null when there is nothing to divide by (never NaN or Infinity). */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0 || numerator < 0) return null;
  return numerator / denominator;
}

export function stageCount(counts: Counts, stage: Stage): number {
  return stage === "touches" ? counts.visits + counts.scans : counts[stage];
}

export interface FunnelStage {
  stage: Stage;
  count: number;
  /** From the stage before (null for the first, or when the one before is zero). */
  fromPrevious: number | null;
  /** From the first stage. */
  fromTop: number | null;
}

/** The funnel of a set of counts: each stage with its conversion from the stage before and from the top. */
export function funnel(counts: Counts): FunnelStage[] {
  const top = stageCount(counts, "touches");
  return STAGES.map((stage, index) => {
    const count = stageCount(counts, stage);
    const previous = index === 0 ? null : stageCount(counts, STAGES[index - 1]!);
    return { stage, count, fromPrevious: previous === null ? null : rate(count, previous), fromTop: index === 0 ? null : rate(count, top) };
  });
}

/** Lead to order: the conversion the operator reports on. */
export function leadToOrder(counts: Counts): number | null {
  return rate(counts.orders, counts.leads);
}

export function addCounts(into: Counts, metric: Metric, count: number): Counts {
  into[metric] += count;
  return into;
}

export function totals(rows: readonly FactRow[]): Counts {
  const sum = emptyCounts();
  for (const row of rows) addCounts(sum, row.metric, row.count);
  return sum;
}

export interface Breakdown {
  key: string;
  counts: Counts;
}

/**
 * Counts per value of one dimension, busiest first (by touches, then leads, then orders; ties by key so the order is
 * stable). Rows without a value for the dimension ("") are left out: a storefront-wide visit is about no booth.
 */
export function breakdown(rows: readonly FactRow[], dimension: Exclude<Dimension, "day">): Breakdown[] {
  const groups = new Map<string, Counts>();
  for (const row of rows) {
    const key = row[dimension];
    if (!key) continue;
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = emptyCounts()));
    addCounts(counts, row.metric, row.count);
  }
  return [...groups.entries()]
    .map(([key, counts]) => ({ key, counts }))
    .sort(
      (a, b) =>
        stageCount(b.counts, "touches") - stageCount(a.counts, "touches") ||
        b.counts.leads - a.counts.leads ||
        b.counts.orders - a.counts.orders ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** Every day from `from` to `to` (inclusive, "YYYY-MM-DD", UTC), with its counts; days without any are zeros. */
export function daily(rows: readonly FactRow[], from: string, to: string): Breakdown[] {
  const byDay = new Map<string, Counts>();
  for (const row of rows) {
    let counts = byDay.get(row.day);
    if (!counts) byDay.set(row.day, (counts = emptyCounts()));
    addCounts(counts, row.metric, row.count);
  }
  const out: Breakdown[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    out.push({ key, counts: byDay.get(key) ?? emptyCounts() });
  }
  return out;
}
