import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import { guardFormula } from "~/modules/catalog/spreadsheet-format";
import { unscopedDb } from "~/modules/db/index.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, viewerNumberFormat } from "~/modules/i18n/format";
import { formatMoney, minorToDecimalInput } from "~/modules/money/money";
import { CURRENCIES } from "~/modules/money/currencies";
import { CUSTOMS_CURRENCY_CODES } from "./ceb-messages";
import { chinaMonthRange, formatMonth, groupSummary, previousChinaMonth, summaryDeadline, summaryTotals, type SummaryGroup, type SummaryListInput } from "./summary-groups";

/**
 * The monthly summary declaration (§1.1) for the agency desk: the declarations CLEARED in a month (China time) of
 * every manufacturer, read across tenants with `unscopedDb` (callers are behind requireExportAgent), grouped by
 * the merge key in summary-groups.ts; and the same as CSV.
 */

export interface MonthlySummary {
  month: string;
  deadline: string;
  groups: SummaryGroup[];
  totals: ReturnType<typeof summaryTotals>;
}

export async function monthlySummary(month: { year: number; month: number }): Promise<MonthlySummary> {
  const { from, to } = chinaMonthRange(month);
  const declarations = await unscopedDb.exportDeclaration.findMany({
    where: { status: "CLEARED", clearedAt: { gte: from, lt: to } },
    orderBy: { number: "asc" },
    select: {
      number: true,
      organizationId: true,
      transportMode: true,
      destinationCountry: true,
      customsOfficeCode: true,
      currencyCode: true,
      lines: { orderBy: { position: "asc" }, select: { hsCode: true, unitCode: true, quantity: true, totalMinor: true, netWeightG: true, grossWeightG: true } },
    },
  });
  const organizations = await unscopedDb.organization.findMany({
    where: { id: { in: [...new Set(declarations.map((d) => d.organizationId))] } },
    select: { id: true, name: true, legalNameZh: true, taxId: true },
  });
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const lists: SummaryListInput[] = declarations.map((d) => {
    const org = byId.get(d.organizationId);
    return {
      declarationNumber: d.number,
      // The consignor as customs knows it: its Chinese legal name where it has one, and its USCC.
      consignor: { id: d.organizationId, code: org?.taxId?.trim() ?? "", name: org?.legalNameZh?.trim() || org?.name || d.organizationId },
      transportMode: d.transportMode,
      destinationCountry: d.destinationCountry.trim(),
      customsOfficeCode: d.customsOfficeCode,
      currencyCode: d.currencyCode.trim(),
      lines: d.lines,
    };
  });
  const groups = groupSummary(lists);
  return { month: formatMonth(month), deadline: summaryDeadline(month), groups, totals: summaryTotals(groups) };
}

/** Minor units as the plain decimal of the currency ("1234.50"; CLP "1234"). */
export function plainAmount(minor: bigint, currencyCode: string): string {
  const exponent = CURRENCIES.find((c) => c.code === currencyCode)?.exponent ?? CUSTOMS_CURRENCY_CODES[currencyCode]?.exponent ?? 2;
  return minorToDecimalInput(minor, exponent);
}

/** Grams as kilograms with 3 decimals, exact. */
export function kilograms(grams: number): string {
  return minorToDecimalInput(BigInt(grams), 3);
}

/** The summary as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese names), header in `t`'s language. */
export function summaryCsv(summary: MonthlySummary, t: TFunction): string {
  const header = [
    t("customs.summary.month"),
    t("customs.summary.columns.consignor"),
    t("customs.summary.columns.consignorCode"),
    t("customs.summary.columns.transport"),
    t("customs.summary.columns.destination"),
    t("customs.summary.columns.customsOffice"),
    t("customs.summary.columns.hsCode"),
    t("customs.summary.columns.currency"),
    t("customs.summary.columns.declarations"),
    t("customs.summary.columns.lines"),
    t("customs.summary.columns.quantity"),
    t("customs.summary.columns.value"),
    t("customs.summary.columns.netWeight"),
    t("customs.summary.columns.grossWeight"),
  ];
  const rows = summary.groups.map((g) => [
    summary.month,
    g.consignorName,
    g.consignorCode,
    t(`customs.summary.transportModes.${g.transportMode}`),
    g.destinationCountry,
    g.customsOfficeCode,
    g.hsCode,
    g.currencyCode,
    g.declarations.join(" "),
    String(g.lineCount),
    g.quantities.map((q) => `${q.quantity} ${t(`customs.summary.units.${q.unitCode}`, { defaultValue: q.unitCode })}`).join("; "),
    plainAmount(g.valueMinor, g.currencyCode),
    kilograms(g.netWeightG),
    kilograms(g.grossWeightG),
  ]);
  // Names come from companies' profiles: a leading "=" must not become a formula in a spreadsheet.
  return stringify([header, ...rows].map((row) => row.map(guardFormula)), { bom: true });
}

/** An amount for a page: Intl currency formatting where Ponte knows the currency, else the exact decimal and code. */
function displayAmount(minor: bigint, currencyCode: string, lang: Lang): string {
  const currency = CURRENCIES.find((c) => c.code === currencyCode);
  return currency ? formatMoney({ amountMinor: minor, currency }, lang) : `${plainAmount(minor, currencyCode)} ${currencyCode}`;
}

/** Kilograms from grams for a page, formatted from the exact decimal string (Intl takes strings), up to 3 decimals. */
function displayKg(grams: number, lang: Lang): string {
  return viewerNumberFormat(lang, { maximumFractionDigits: 3 }).format(kilograms(grams) as unknown as number);
}

/** The summary page's data, every figure already formatted in the viewer's language. */
export async function presentMonthlySummary(lang: Lang, month: { year: number; month: number } | null, t: TFunction, now = new Date()) {
  const chosen = month ?? previousChinaMonth(now);
  const summary = await monthlySummary(chosen);
  const regions = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const monthLabel = formatDate(`${summary.month}-01T00:00:00Z`, lang, { year: "numeric", month: "long", timeZone: "UTC" });
  const count = (n: number) => viewerNumberFormat(lang).format(n);
  return {
    month: summary.month,
    monthLabel,
    deadline: formatDate(`${summary.deadline}T00:00:00Z`, lang, { dateStyle: "long", timeZone: "UTC" }),
    groups: summary.groups.map((g) => ({
      key: [g.consignorId, g.transportMode, g.destinationCountry, g.customsOfficeCode, g.hsCode, g.currencyCode].join("|"),
      consignor: g.consignorName,
      consignorCode: g.consignorCode,
      transport: t(`customs.summary.transportModes.${g.transportMode}`),
      destination: regions.of(g.destinationCountry) ?? g.destinationCountry,
      customsOffice: g.customsOfficeCode,
      hsCode: g.hsCode,
      currency: g.currencyCode,
      declarations: g.declarations,
      lines: count(g.lineCount),
      quantity: g.quantities.map((q) => `${count(q.quantity)} ${t(`customs.summary.units.${q.unitCode}`, { defaultValue: q.unitCode })}`).join(" · "),
      value: displayAmount(g.valueMinor, g.currencyCode, lang),
      netWeight: displayKg(g.netWeightG, lang),
      grossWeight: displayKg(g.grossWeightG, lang),
    })),
    totals: summary.totals.map((total) => ({
      currency: total.currencyCode,
      declarations: count(total.declarations),
      value: displayAmount(total.valueMinor, total.currencyCode, lang),
      netWeight: displayKg(total.netWeightG, lang),
      grossWeight: displayKg(total.grossWeightG, lang),
    })),
  };
}
