import { stringify } from "csv-stringify/sync";
import { guardFormula } from "~/modules/catalog/spreadsheet-format";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { METRICS } from "./funnel";
import type { InsightReport, InsightRow } from "./insight.server";

/**
 * The insight dashboard as one CSV (UTF-8 with BOM, so Excel reads Chinese and accents): one line per row of each
 * table — section, key, name, the five counts, lead-to-order as a plain decimal (0.25) — headers in the reader's
 * language, keys as ids and ISO codes so a spreadsheet can join them. Cells that a spreadsheet would run as a
 * formula are quoted (guardFormula).
 */
export function insightCsv(report: InsightReport, lang: Lang): string {
  const t = serverT(lang);
  const header = [t("showrooms.insight.csv.section"), t("showrooms.insight.csv.key"), t("showrooms.insight.csv.name"), ...METRICS.map((m) => t(`showrooms.insight.metrics.${m}`)), t("showrooms.insight.leadToOrder")];
  const line = (section: string, row: InsightRow) => [section, row.key, row.label, ...METRICS.map((m) => String(row.counts[m])), row.leadToOrder === null ? "" : row.leadToOrder.toFixed(4)];
  const total: InsightRow = { key: `${report.query.from}/${report.query.to}`, label: t("showrooms.insight.total"), counts: report.totals, leadToOrder: report.leadToOrder };
  const sections: [string, InsightRow[]][] = [
    ["total", [total]],
    ["storefront", report.byStorefront],
    ["event", report.byEvent],
    ["booth", report.byBooth],
    ["manufacturer", report.byManufacturer],
    ["country", report.byCountry.map((r) => ({ ...r, label: r.label || t("showrooms.insight.unknownCountry") }))],
    ["day", report.byDay],
  ];
  const rows = sections.flatMap(([section, list]) => list.map((row) => line(section, row)));
  return stringify([header, ...rows].map((row) => row.map(guardFormula)), { bom: true });
}

/** "ponte-showrooms-2026-11-07_2026-12-06.csv" */
export function insightCsvFileName(report: InsightReport): string {
  return `ponte-showrooms-${report.query.from}_${report.query.to}.csv`;
}
