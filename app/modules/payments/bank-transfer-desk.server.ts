import { unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { candidatesFor, listTransfers, transferRefundsDue, type TransferListFilter } from "./bank-transfer.server";
import { buyerCredit, listCreditAccounts } from "./credit.server";
import { daysOverdue, isOverdue, overdueWhere } from "./overdue";

/**
 * The platform's payment desks (/{lang}/platform/transfers and /credit): the gate, and the pages' data assembled
 * and formatted here so the routes stay thin. Everything crosses organizations, hence unscopedDb behind the gate.
 */

/** A member of the PLATFORM organization the session works in; anyone else gets a 404, as if the page did not exist. */
export async function requirePlatformDesk(request: Request, lang: Lang): Promise<OrganizationContext> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) notFound();
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  if (context.organization.kind !== "PLATFORM") notFound();
  return context;
}

export function deskActor(context: OrganizationContext) {
  return { userId: context.user.id, organizationId: context.organization.id };
}

function currency(code: string): CurrencyInfo {
  return CURRENCIES.find((c) => c.code === code.trim()) ?? { code: code.trim(), numericCode: "000", exponent: 2, displayDigits: 2 };
}

export function money(amountMinor: bigint, code: string, lang: Lang): string {
  return formatMoney({ amountMinor, currency: currency(code) }, lang);
}

export async function presentTransfersDesk(lang: Lang, filter: TransferListFilter) {
  const transfers = await listTransfers(filter);
  const rows = await Promise.all(
    transfers.map(async (t) => ({
      id: t.id,
      bankTransactionId: t.bankTransactionId,
      receivedOn: formatDate(t.receivedOn, lang, { dateStyle: "medium", timeZone: "UTC" }),
      payerName: t.payerName,
      referenceText: t.referenceText,
      amount: money(t.amountMinor, t.currencyCode, lang),
      status: t.status,
      orderNumber: t.order?.number ?? null,
      candidates:
        t.status === "UNMATCHED"
          ? (await candidatesFor(t)).map((c) => ({ id: c.id, number: c.number, buyerName: c.buyerName, due: money(c.dueMinor, c.buyerCurrencyCode, lang), because: c.because }))
          : [],
    })),
  );
  const refundsDue = (await transferRefundsDue()).map((r) => ({ id: r.id, number: r.number, amount: money(r.dueBackMinor, r.buyerCurrencyCode, lang) }));
  return { rows, refundsDue };
}

export async function presentCreditDesk(lang: Lang, today = new Date()) {
  const accounts = await listCreditAccounts();
  const rows = await Promise.all(
    accounts.map(async (a) => {
      const credit = await buyerCredit(a.organizationId, { client: unscopedDb, today });
      return {
        id: a.id,
        organizationName: a.organizationName,
        countryCode: a.countryCode,
        termsDays: a.termsDays,
        limit: money(a.limitMinor, a.currencyCode, lang),
        used: credit ? money(credit.usedMinor, a.currencyCode, lang) : "",
        available: credit ? money(credit.availableMinor, a.currencyCode, lang) : "",
        suspended: a.suspendedAt !== null,
      };
    }),
  );
  const candidates = await unscopedDb.order.findMany({
    where: { paymentMethod: "TERMS", ...overdueWhere(today) },
    select: { id: true, number: true, status: true, buyerOrganizationId: true, buyerCurrencyCode: true, buyerTotalMinor: true, paidMinor: true, paymentDueOn: true },
    orderBy: { paymentDueOn: "asc" },
    take: 500,
  });
  const overdue = candidates.filter((o) => isOverdue(o, today));
  const buyers = await unscopedDb.organization.findMany({ where: { id: { in: overdue.map((o) => o.buyerOrganizationId) } }, select: { id: true, name: true } });
  const nameOf = new Map(buyers.map((b) => [b.id, b.name]));
  return {
    accounts: rows,
    overdue: overdue.map((o) => ({
      number: o.number,
      buyerName: nameOf.get(o.buyerOrganizationId) ?? "",
      dueOn: formatDate(o.paymentDueOn!, lang, { dateStyle: "medium", timeZone: "UTC" }),
      days: daysOverdue(o, today),
      amountDue: money(o.buyerTotalMinor - o.paidMinor, o.buyerCurrencyCode, lang),
    })),
  };
}
