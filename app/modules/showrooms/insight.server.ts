import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { LOCALE_TAGS } from "~/modules/i18n/config";
import { formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerTimeZone } from "~/modules/i18n/locale";
import { breakdown, daily, funnel, leadToOrder, METRICS, totals, type Breakdown, type Counts, type FactRow, type FunnelStage, type Metric } from "./funnel";
import { parseInsightRange } from "./lead-schemas";
import { localizedName, makerName, requireLeadActor } from "./leads.server";
import { requireParkOperator } from "./operator-scope.server";
import { notFound } from "~/modules/http/responses.server";

/**
 * The showrooms' insight: visits and scans (ShowroomTrafficDaily), leads, RFQs and orders over a date range, as a
 * funnel and by storefront, event, booth, manufacturer, country and day.
 *
 * Who sees what is decided here, in one place (`insightScope`): the park operator sees its own storefronts, every
 * manufacturer in them, and never a lead's personal data — only counts, computed in SQL; a manufacturer sees the
 * same for its own booths only (traffic about it, its leads, its orders). Counting crosses tenants (leads and orders
 * are the manufacturers' rows), so it reads with the unscoped client, aggregates only, always under the scope.
 */

export type InsightViewer = { kind: "operator"; organizationId: string } | { kind: "manufacturer"; organizationId: string };

export interface InsightQuery {
  /** "YYYY-MM-DD", inclusive: calendar days of each storefront's time zone (the traffic counters' days). */
  from: string;
  to: string;
  storefrontId?: string | null;
  eventId?: string | null;
}

interface InsightScope {
  /** The storefronts the viewer may see counts of. */
  storefrontIds: string[];
  /** A manufacturer sees only what is about itself. */
  manufacturerId: string | null;
}

/** The one place the viewer's reach is decided. */
export async function insightScope(viewer: InsightViewer): Promise<InsightScope> {
  if (viewer.kind === "operator") {
    const storefronts = await unscopedDb.storefront.findMany({ where: { organizationId: viewer.organizationId }, select: { id: true } });
    return { storefrontIds: storefronts.map((s) => s.id), manufacturerId: null };
  }
  // Every storefront it was ever featured in: its past leads and orders stay its own after it leaves.
  const participations = await unscopedDb.storefrontParticipation.findMany({ where: { organizationId: viewer.organizationId, status: { in: ["ACCEPTED", "LEFT"] } }, select: { storefrontId: true } });
  return { storefrontIds: [...new Set(participations.map((p) => p.storefrontId))], manufacturerId: viewer.organizationId };
}

type RawFact = { metric: Metric; count: number; storefront: string; event: string; booth: string; manufacturer: string; country: string; day: string };

/** Counts per (metric, storefront, event, booth, manufacturer, country, day) within the scope and the filters. */
export async function insightFacts(viewer: InsightViewer, query: InsightQuery): Promise<FactRow[]> {
  const scope = await insightScope(viewer);
  const storefronts = query.storefrontId ? scope.storefrontIds.filter((id) => id === query.storefrontId) : scope.storefrontIds;
  if (storefronts.length === 0) return [];
  const maker = scope.manufacturerId ?? "";
  const event = query.eventId ?? "";
  // Days are each storefront's calendar days in its hall's time zone (the traffic counters' days too). The UTC window
  // is widened by the largest offsets (±14 h) for the index, then the local day decides.
  const fromTs = new Date(Date.parse(`${query.from}T00:00:00Z`) - 14 * 3_600_000);
  const toTs = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000 + 14 * 3_600_000);
  const [traffic, leads, orders] = await Promise.all([
    unscopedDb.$queryRaw<RawFact[]>`
      SELECT CASE t."kind" WHEN 'scan' THEN 'scans' ELSE 'visits' END AS "metric", sum(t."count")::int AS "count",
             t."storefrontId"::text AS "storefront", t."eventId" AS "event", t."boothId" AS "booth",
             t."manufacturerOrganizationId" AS "manufacturer", t."countryCode" AS "country", to_char(t."day", 'YYYY-MM-DD') AS "day"
      FROM "ShowroomTrafficDaily" t
      WHERE t."storefrontId" = ANY(${storefronts}::uuid[])
        AND t."day" >= ${query.from}::date AND t."day" <= ${query.to}::date
        AND (${maker} = '' OR t."manufacturerOrganizationId" = ${maker})
        AND (${event} = '' OR t."eventId" = ${event})
      GROUP BY 1, 3, 4, 5, 6, 7, 8`,
    // Every lead counts as a lead, erased ones too (anonymous); an RFQ lead also counts as an RFQ.
    unscopedDb.$queryRaw<RawFact[]>`
      SELECT m."metric", count(*)::int AS "count",
             l."storefrontId"::text AS "storefront", coalesce(l."eventId"::text, '') AS "event", coalesce(l."boothId"::text, '') AS "booth",
             l."organizationId"::text AS "manufacturer", coalesce(l."countryCode", 'ZZ') AS "country", to_char(l."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE sf."timeZone", 'YYYY-MM-DD') AS "day"
      FROM "ShowroomLead" l
      JOIN "Storefront" sf ON sf."id" = l."storefrontId"
      CROSS JOIN LATERAL (VALUES ('leads'), (CASE WHEN l."kind" = 'rfq' THEN 'rfqs' END)) AS m("metric")
      WHERE m."metric" IS NOT NULL
        AND l."storefrontId" = ANY(${storefronts}::uuid[])
        AND l."createdAt" >= ${fromTs} AND l."createdAt" < ${toTs}
        AND (l."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE sf."timeZone")::date BETWEEN ${query.from}::date AND ${query.to}::date
        AND (${maker} = '' OR l."organizationId"::text = ${maker})
        AND (${event} = '' OR l."eventId"::text = ${event})
      GROUP BY 1, 3, 4, 5, 6, 7, 8`,
    // Orders placed from a scanned line (its sample_order lead) or from an attributed RFQ's accepted quote; each once.
    unscopedDb.$queryRaw<RawFact[]>`
      WITH sourced AS (
        SELECT l."orderId" AS "orderId", l."storefrontId", l."eventId", l."boothId" FROM "ShowroomLead" l
        WHERE l."kind" = 'sample_order' AND l."orderId" IS NOT NULL AND l."storefrontId" = ANY(${storefronts}::uuid[])
        UNION ALL
        SELECT o."id", r."sourceStorefrontId", r."sourceEventId", r."sourceBoothId" FROM "Rfq" r
        JOIN "Quote" q ON q."rfqId" = r."id" JOIN "Order" o ON o."quoteId" = q."id"
        WHERE r."sourceStorefrontId" = ANY(${storefronts}::uuid[])
      ), one AS (
        SELECT DISTINCT ON (s."orderId") s.* FROM sourced s ORDER BY s."orderId", s."storefrontId"
      )
      SELECT 'orders' AS "metric", count(*)::int AS "count",
             one."storefrontId"::text AS "storefront", coalesce(one."eventId"::text, '') AS "event", coalesce(one."boothId"::text, '') AS "booth",
             o."organizationId"::text AS "manufacturer", coalesce(trim(b."countryCode"), 'ZZ') AS "country", to_char(o."placedAt" AT TIME ZONE 'UTC' AT TIME ZONE sf."timeZone", 'YYYY-MM-DD') AS "day"
      FROM one JOIN "Order" o ON o."id" = one."orderId" JOIN "Organization" b ON b."id" = o."buyerOrganizationId"
      JOIN "Storefront" sf ON sf."id" = one."storefrontId"
      WHERE o."status" <> 'CANCELLED'
        AND o."placedAt" >= ${fromTs} AND o."placedAt" < ${toTs}
        AND (o."placedAt" AT TIME ZONE 'UTC' AT TIME ZONE sf."timeZone")::date BETWEEN ${query.from}::date AND ${query.to}::date
        AND (${maker} = '' OR o."organizationId"::text = ${maker})
        AND (${event} = '' OR one."eventId"::text = ${event})
      GROUP BY 1, 3, 4, 5, 6, 7, 8`,
  ]);
  return [...traffic, ...leads, ...orders].map((r) => ({ ...r, count: Number(r.count) }));
}

export interface InsightRow {
  key: string;
  label: string;
  counts: Counts;
  leadToOrder: number | null;
}

export interface InsightReport {
  viewer: InsightViewer["kind"];
  query: InsightQuery;
  totals: Counts;
  funnel: FunnelStage[];
  leadToOrder: number | null;
  byStorefront: InsightRow[];
  byEvent: InsightRow[];
  byBooth: InsightRow[];
  /** The operator's view only (a manufacturer is its own single row). */
  byManufacturer: InsightRow[];
  byCountry: InsightRow[];
  byDay: InsightRow[];
  /** The filters' choices: the storefronts and events in the viewer's reach. */
  storefronts: { value: string; label: string }[];
  events: { value: string; label: string }[];
}

/** The dashboard: facts within the viewer's scope, added up, with names in the reader's language. */
export async function insightReport(viewer: InsightViewer, query: InsightQuery, lang: Lang): Promise<InsightReport> {
  const scope = await insightScope(viewer);
  if (query.storefrontId && !scope.storefrontIds.includes(query.storefrontId)) query = { ...query, storefrontId: null };
  const facts = await insightFacts(viewer, query);
  const [storefronts, events, booths, makers] = await Promise.all([
    unscopedDb.storefront.findMany({ where: { id: { in: scope.storefrontIds } }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } }),
    unscopedDb.showroomEvent.findMany({ where: { storefrontId: { in: query.storefrontId ? [query.storefrontId] : scope.storefrontIds } }, select: { id: true, title: true, startsAt: true }, orderBy: { startsAt: "desc" }, take: 200 }),
    unscopedDb.storefrontBooth.findMany({ where: { storefrontId: { in: scope.storefrontIds } }, select: { id: true, code: true, storefrontId: true } }),
    unscopedDb.organization.findMany({ where: { id: { in: [...new Set(facts.map((f) => f.manufacturer).filter(isUuidText))] } }, select: { id: true, name: true, legalNameZh: true } }),
  ]);
  if (query.eventId && !events.some((e) => e.id === query.eventId)) query = { ...query, eventId: null };
  const storefrontName = new Map(storefronts.map((s) => [s.id, localizedName(s.name, lang)]));
  const eventName = new Map(events.map((e) => [e.id, localizedName(e.title, lang)]));
  const boothName = new Map(booths.map((b) => [b.id, scope.storefrontIds.length > 1 ? `${b.code} · ${storefrontName.get(b.storefrontId) ?? ""}` : b.code]));
  const makerLabel = new Map(makers.map((m) => [m.id, makerName(m, lang)]));
  const countries = countryNames(lang);
  const rows = (list: Breakdown[], label: (key: string) => string): InsightRow[] => list.map((b) => ({ key: b.key, label: label(b.key), counts: b.counts, leadToOrder: leadToOrder(b.counts) }));
  const sum = totals(facts);
  return {
    viewer: viewer.kind,
    query,
    totals: sum,
    funnel: funnel(sum),
    leadToOrder: leadToOrder(sum),
    byStorefront: rows(breakdown(facts, "storefront"), (k) => storefrontName.get(k) ?? k),
    byEvent: rows(breakdown(facts, "event"), (k) => eventName.get(k) ?? k),
    byBooth: rows(breakdown(facts, "booth"), (k) => boothName.get(k) ?? k),
    byManufacturer: viewer.kind === "operator" ? rows(breakdown(facts, "manufacturer"), (k) => makerLabel.get(k) ?? k) : [],
    byCountry: rows(breakdown(facts, "country"), (k) => (k === "ZZ" ? "" : (countries.of(k) ?? k))),
    byDay: rows(daily(facts, query.from, query.to), (k) => k),
    storefronts: storefronts.map((s) => ({ value: s.id, label: storefrontName.get(s.id) ?? "" })),
    events: events.map((e) => ({ value: e.id, label: eventName.get(e.id) ?? "" })),
  };
}

function isUuidText(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function countryNames(lang: Lang): { of(code: string): string | undefined } {
  try {
    return new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  } catch {
    return { of: () => undefined };
  }
}

/**
 * The dashboard's query from its URL: a valid range (else the 30 days up to today in the reader's time zone, so that
 * this morning in Zhuhai is today, not yesterday's UTC date), and filters kept only when they are ids.
 */
export function readInsightQuery(url: URL, now = new Date(), timeZone = viewerTimeZone()): InsightQuery {
  // en-CA writes a date as YYYY-MM-DD; read as a UTC midnight it is the reader's calendar day.
  const today = new Date(`${new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now)}T00:00:00Z`);
  const range = parseInsightRange(url.searchParams.get("from"), url.searchParams.get("to"), today);
  const id = (name: string) => {
    const value = url.searchParams.get(name);
    return value && isUuidText(value) ? value : null;
  };
  return { ...range, storefrontId: id("storefront"), eventId: id("event") };
}

/**
 * Who is asking, for the two dashboards: /{lang}/park/insight is the park operator's (its active organization must be
 * the PARK_OPERATOR, else 404), /{lang}/leads/insight a manufacturer's (else 404).
 */
export async function requireInsightViewer(request: Request, lang: Lang, side: InsightViewer["kind"]): Promise<InsightViewer> {
  if (side === "operator") {
    const context = await requireParkOperator(request, lang);
    return { kind: "operator", organizationId: context.organization.id };
  }
  const actor = await requireLeadActor(request, lang);
  if (actor.kind !== "MANUFACTURER") notFound();
  return { kind: "manufacturer", organizationId: actor.organizationId };
}

/** The report as the page shows it: counts and shares formatted for the viewer, names in the reader's language. */
export function presentInsight(report: InsightReport, lang: Lang, side: InsightViewer["kind"], basePath: string) {
  const t = serverT(lang);
  const number = (n: number) => formatNumber(n, lang);
  const percent = (share: number | null) => (share === null ? "—" : formatNumber(share, lang, { style: "percent", maximumFractionDigits: 1 }));
  const row = (r: InsightRow) => ({
    key: r.key,
    label: r.label || t("showrooms.insight.unknownCountry"),
    counts: { visits: number(r.counts.visits), scans: number(r.counts.scans), leads: number(r.counts.leads), rfqs: number(r.counts.rfqs), orders: number(r.counts.orders) },
    raw: r.counts,
    leadToOrder: percent(r.leadToOrder),
  });
  const params = new URLSearchParams({ from: report.query.from, to: report.query.to });
  if (report.query.storefrontId) params.set("storefront", report.query.storefrontId);
  if (report.query.eventId) params.set("event", report.query.eventId);
  const tables = [
    { id: "storefronts", title: t("showrooms.insight.byStorefront"), rows: report.byStorefront.map(row) },
    { id: "events", title: t("showrooms.insight.byEvent"), rows: report.byEvent.map(row) },
    ...(side === "operator" ? [{ id: "manufacturers", title: t("showrooms.insight.byManufacturer"), rows: report.byManufacturer.map(row) }] : []),
    { id: "booths", title: t("showrooms.insight.byBooth"), rows: report.byBooth.map(row) },
    { id: "countries", title: t("showrooms.insight.byCountry"), rows: report.byCountry.map(row) },
  ];
  return {
    title: side === "operator" ? t("showrooms.insight.title") : t("showrooms.insight.makerTitle"),
    intro: side === "operator" ? t("showrooms.insight.intro") : t("showrooms.insight.makerIntro"),
    csvHref: `${basePath}.csv?${params.toString()}`,
    query: { from: report.query.from, to: report.query.to, storefrontId: report.query.storefrontId ?? null, eventId: report.query.eventId ?? null },
    storefronts: report.storefronts,
    events: report.events,
    funnel: report.funnel.map((s) => ({ stage: s.stage, count: number(s.count), raw: s.count, fromPrevious: percent(s.fromPrevious), fromTop: percent(s.fromTop) })),
    leadToOrder: percent(report.leadToOrder),
    tables,
    byDay: report.byDay.map(row),
    empty: METRICS.every((m) => report.totals[m] === 0),
  };
}
