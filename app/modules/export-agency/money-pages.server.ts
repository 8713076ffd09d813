import { unscopedDb } from "~/modules/db/index.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime, numberFormat } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { money } from "~/modules/payments/bank-transfer-desk.server";
import type { OrganizationContext } from "~/modules/tenancy/access.server";
import { fractionToPercent } from "./money-rates";
import { monthlyRebateTotals, type EstimateLine } from "./rebate-estimates.server";

/**
 * What the agency's settlements desk and the manufacturer's money page show, assembled here so the routes keep
 * parse → authorize → call → render. Amounts formatted in the reader's language; rates shown as stored.
 */

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shownDay = (d: Date, lang: Lang) => formatDate(`${iso(d)}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" });

/** A decimal string in the reader's language ("1,327459" in pt), exact: Intl formats the string, not a float. */
export function localDecimal(text: string, lang: Lang, maxDigits = 6): string {
  return numberFormat(LOCALE_TAGS[lang], { maximumFractionDigits: maxDigits, roundingMode: "halfEven" } as Intl.NumberFormatOptions).format(text as unknown as number);
}

type SettlementRow = Awaited<ReturnType<typeof unscopedDb.forexSettlement.findMany>>[number];

type SettledOrder = { number: string; paidMinor: bigint; buyerCurrencyCode: string };

function settlementView(s: SettlementRow, lang: Lang, order: SettledOrder | undefined, today: string) {
  const t = serverT(lang);
  const currency = s.receivedCurrencyCode.trim();
  // Refunds that leave the order holding less than was settled (a surplus refunded back does not count).
  const refunded = order && order.paidMinor < s.receivedMinor ? money(s.receivedMinor - order.paidMinor, currency, lang) : null;
  return {
    id: s.id,
    orderNumber: order?.number ?? "",
    received: money(s.receivedMinor, currency, lang),
    rate: t("exportmoney.rateLine", { currency, rate: localDecimal(s.fxRate.toString(), lang), date: shownDay(s.fxRateDate, lang) }),
    gross: money(s.grossCnyMinor, "CNY", lang),
    feePercent: localDecimal(fractionToPercent(s.feeRate.toString()), lang, 4),
    fee: money(s.feeMinor, "CNY", lang),
    net: money(s.netCnyMinor, "CNY", lang),
    expectedOn: shownDay(s.expectedOn, lang),
    overdue: s.status === "PENDING" && iso(s.expectedOn) < today,
    status: s.status,
    paidAt: s.paidAt ? formatDateTime(s.paidAt, lang) : null,
    /** A refund to the buyer after the settlement was made: shown, never applied to the settlement silently. */
    refundNote: refunded ? t("exportmoney.refundNote", { amount: refunded }) : null,
  };
}

async function ordersById(ids: string[]) {
  const orders = await unscopedDb.order.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, paidMinor: true, buyerCurrencyCode: true } });
  return new Map(orders.map((o) => [o.id, o]));
}

/** The agency's desk: what it owes each manufacturer (pending, by due date), and what it paid lately, with who. */
export async function presentAgencySettlements(lang: Lang, now = new Date()) {
  const today = iso(now);
  const [pending, paid] = await Promise.all([
    unscopedDb.forexSettlement.findMany({ where: { status: "PENDING" }, orderBy: [{ expectedOn: "asc" }, { createdAt: "asc" }], take: 500 }),
    unscopedDb.forexSettlement.findMany({ where: { status: "PAID" }, orderBy: { paidAt: "desc" }, take: 50 }),
  ]);
  const all = [...pending, ...paid];
  // Rebate estimates of the last six months of export, per manufacturer.
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
  const estimates = await unscopedDb.rebateEstimate.findMany({
    where: { exportMonth: { gte: since } },
    select: { organizationId: true, exportMonth: true, rebateMinor: true, nonCreditableMinor: true, declaration: { select: { status: true } } },
  });
  const [orders, orgs, users] = await Promise.all([
    ordersById(all.map((s) => s.orderId)),
    unscopedDb.organization.findMany({ where: { id: { in: [...new Set([...all.map((s) => s.organizationId), ...estimates.map((e) => e.organizationId)])] } }, select: { id: true, name: true, legalNameZh: true } }),
    unscopedDb.user.findMany({ where: { id: { in: paid.map((s) => s.paidById).filter((id): id is string => Boolean(id)) } }, select: { id: true, name: true, email: true } }),
  ]);
  const orgName = (id: string) => {
    const org = orgs.find((o) => o.id === id);
    return org ? (lang === "zh" && org.legalNameZh ? org.legalNameZh : org.name) : id;
  };
  const byMaker = new Map<string, { organizationId: string; name: string; count: number; netMinor: bigint; firstDue: Date; overdue: number }>();
  for (const s of pending) {
    const entry = byMaker.get(s.organizationId) ?? { organizationId: s.organizationId, name: orgName(s.organizationId), count: 0, netMinor: 0n, firstDue: s.expectedOn, overdue: 0 };
    entry.count += 1;
    entry.netMinor += s.netCnyMinor;
    if (s.expectedOn < entry.firstDue) entry.firstDue = s.expectedOn;
    if (iso(s.expectedOn) < today) entry.overdue += 1;
    byMaker.set(s.organizationId, entry);
  }
  const totalMinor = pending.reduce((acc, s) => acc + s.netCnyMinor, 0n);
  const rebateRows = [...new Set(estimates.map((e) => e.organizationId))].flatMap((organizationId) =>
    monthlyRebateTotals(estimates.filter((e) => e.organizationId === organizationId).map((e) => ({ ...e, status: e.declaration.status }))).map((m) => ({
      key: `${organizationId}-${m.month}`,
      month: m.month,
      maker: orgName(organizationId),
      monthLabel: formatDate(`${m.month}T12:00:00Z`, lang, { year: "numeric", month: "long", timeZone: "UTC" }),
      cleared: money(m.clearedRebateMinor, "CNY", lang),
      clearedCount: m.clearedCount,
      nonCreditable: money(m.clearedNonCreditableMinor, "CNY", lang),
      pending: money(m.pendingRebateMinor, "CNY", lang),
      pendingCount: m.pendingCount,
    })),
  );
  return {
    rebates: rebateRows.sort((a, b) => b.month.localeCompare(a.month) || a.maker.localeCompare(b.maker)),
    total: money(totalMinor, "CNY", lang),
    makers: [...byMaker.values()]
      .sort((a, b) => a.firstDue.getTime() - b.firstDue.getTime() || a.name.localeCompare(b.name))
      .map((m) => ({ organizationId: m.organizationId, name: m.name, count: m.count, net: money(m.netMinor, "CNY", lang), firstDue: shownDay(m.firstDue, lang), overdue: m.overdue })),
    pending: pending.map((s) => ({ ...settlementView(s, lang, orders.get(s.orderId), today), maker: orgName(s.organizationId) })),
    paid: paid.map((s) => {
      const user = users.find((u) => u.id === s.paidById);
      return { ...settlementView(s, lang, orders.get(s.orderId), today), maker: orgName(s.organizationId), paidBy: user ? user.name || user.email : "" };
    }),
  };
}

/** The manufacturer's own settlements and rebate estimates, read through its scoped client (another tenant's: none). */
export async function presentMakerMoney(context: OrganizationContext, lang: Lang, now = new Date()) {
  const t = serverT(lang);
  const today = iso(now);
  const scoped = context.scoped;
  const [settlements, estimates, organization] = await Promise.all([
    scoped.forexSettlement.findMany({ orderBy: [{ createdAt: "desc" }], take: 200 }),
    scoped.rebateEstimate.findMany({
      orderBy: [{ exportMonth: "desc" }, { computedAt: "desc" }],
      take: 500,
      include: { declaration: { select: { number: true, status: true, mode: true } } },
    }),
    unscopedDb.organization.findUniqueOrThrow({ where: { id: context.organization.id }, select: { rebateMethod: true } }),
  ]);
  const orders = await scoped.order.findMany({ where: { id: { in: settlements.map((s) => s.orderId) } }, select: { id: true, number: true, paidMinor: true, buyerCurrencyCode: true } });
  const orderMap = new Map(orders.map((o) => [o.id, o]));
  const pendingMinor = settlements.filter((s) => s.status === "PENDING").reduce((acc, s) => acc + s.netCnyMinor, 0n);
  const nextDue = settlements.filter((s) => s.status === "PENDING").sort((a, b) => a.expectedOn.getTime() - b.expectedOn.getTime())[0];

  const months = monthlyRebateTotals(estimates.map((e) => ({ exportMonth: e.exportMonth, rebateMinor: e.rebateMinor, nonCreditableMinor: e.nonCreditableMinor, status: e.declaration.status })));
  const monthLabel = (month: string) => formatDate(`${month}T12:00:00Z`, lang, { year: "numeric", month: "long", timeZone: "UTC" });
  const max = months.reduce((acc, m) => (m.clearedRebateMinor + m.pendingRebateMinor > acc ? m.clearedRebateMinor + m.pendingRebateMinor : acc), 0n);
  const share = (v: bigint) => (max === 0n ? 0 : Number((v * 10_000n) / max) / 100);

  return {
    settlements: settlements.map((s) => settlementView(s, lang, orderMap.get(s.orderId), today)),
    pendingTotal: money(pendingMinor, "CNY", lang),
    nextDue: nextDue ? { date: shownDay(nextDue.expectedOn, lang), net: money(nextDue.netCnyMinor, "CNY", lang) } : null,
    method: organization.rebateMethod,
    months: months.map((m) => ({
      month: m.month,
      label: monthLabel(m.month),
      cleared: money(m.clearedRebateMinor, "CNY", lang),
      clearedCount: m.clearedCount,
      nonCreditable: money(m.clearedNonCreditableMinor, "CNY", lang),
      pending: money(m.pendingRebateMinor, "CNY", lang),
      pendingCount: m.pendingCount,
      clearedShare: share(m.clearedRebateMinor),
      pendingShare: share(m.pendingRebateMinor),
    })),
    estimates: estimates.map((e) => {
      const lines = e.lines as unknown as EstimateLine[];
      const currency = e.fobCurrencyCode.trim();
      return {
        id: e.id,
        declarationNumber: e.declaration.number,
        status: e.declaration.status,
        statusLabel: t(`exportmoney.declarationStatus.${e.declaration.status}`),
        month: monthLabel(iso(e.exportMonth)),
        fob: money(e.fobMinor, currency, lang),
        rate: currency === "CNY" ? null : t("exportmoney.rateLine", { currency, rate: localDecimal(e.fxRate.toString(), lang), date: shownDay(e.fxRateDate, lang) }),
        fobCny: money(e.fobCnyMinor, "CNY", lang),
        rebate: money(e.rebateMinor, "CNY", lang),
        nonCreditable: e.nonCreditableMinor > 0n ? money(e.nonCreditableMinor, "CNY", lang) : null,
        method: e.method,
        rates: [...new Set(lines.filter((l) => !l.missingRate).map((l) => `${l.hsCode} ${localDecimal(fractionToPercent(l.rebateRate ?? "0"), lang, 4)}%`))],
        missingCodes: [...new Set(lines.filter((l) => l.missingRate).map((l) => l.hsCode))],
      };
    }),
  };
}
