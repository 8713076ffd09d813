import type { Prisma } from "~/generated/prisma/client";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { formatDate } from "~/modules/i18n/format";
import { isOverdue, overdueWhere } from "./overdue";

/** The audit marker written once per overdue terms order: the order's history shows it, and nobody is told twice. */
export const OVERDUE_EVENT = "payment_overdue";

/**
 * The daily job: every terms order past its due date with money still owed gets an "overdue" mark in its history,
 * and the buyer's members (in their language, in-app and by email) and the platform's members are told, once.
 * System work across organizations: unscopedDb.
 */
export async function flagOverdueOrders(now = new Date()): Promise<{ flagged: number }> {
  const candidates = await unscopedDb.order.findMany({
    where: { paymentMethod: "TERMS", ...overdueWhere(now), events: { none: { event: OVERDUE_EVENT } } },
    select: { id: true, number: true, status: true, organizationId: true, buyerOrganizationId: true, buyerCurrencyCode: true, buyerTotalMinor: true, paidMinor: true, paymentDueOn: true },
    orderBy: { paymentDueOn: "asc" },
    take: 1000,
  });
  const overdue = candidates.filter((order) => isOverdue(order, now));
  let flagged = 0;
  const emailIds: string[] = [];
  for (const order of overdue) {
    const ids = await unscopedDb.$transaction(async (tx) => {
      // Two job runs at once: the row lock and the re-check keep the mark (and the notices) single.
      await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "id" = ${order.id}::uuid FOR UPDATE`;
      const marked = await tx.orderEvent.count({ where: { orderId: order.id, organizationId: order.organizationId, event: OVERDUE_EVENT } });
      if (marked > 0) return null;
      const due = order.buyerTotalMinor - order.paidMinor;
      await tx.orderEvent.create({
        data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, event: OVERDUE_EVENT, fromStatus: order.status, toStatus: order.status, amountMinor: due, reasonCode: "payment_overdue", reasonParams: { dueOn: order.paymentDueOn!.toISOString().slice(0, 10) }, createdAt: now },
      });
      return notifyOverdue(tx, { ...order, dueMinor: due, paymentDueOn: order.paymentDueOn! });
    });
    if (ids) {
      flagged += 1;
      emailIds.push(...ids);
    }
  }
  if (currentQueue()) for (const emailId of emailIds) await enqueue("email.send", { emailId }, { singletonKey: emailId }).catch(() => null);
  return { flagged };
}

async function notifyOverdue(tx: Prisma.TransactionClient, order: { number: string; buyerOrganizationId: string; buyerCurrencyCode: string; dueMinor: bigint; paymentDueOn: Date }): Promise<string[]> {
  const members = await tx.membership.findMany({
    where: { OR: [{ organizationId: order.buyerOrganizationId }, { organization: { kind: "PLATFORM" } }] },
    select: { organizationId: true, user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  const code = order.buyerCurrencyCode.trim();
  const currency = CURRENCIES.find((c) => c.code === code) ?? { code, numericCode: "000", exponent: 2, displayDigits: 2 };
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const emails: Prisma.EmailMessageCreateManyInput[] = [];
  for (const { organizationId, user } of members) {
    const lang: Lang = isLang(user.locale) ? user.locale : "en";
    const t = serverT(lang);
    const side = organizationId === order.buyerOrganizationId ? "buyer" : "platform";
    const values = { number: order.number, amount: formatMoney({ amountMinor: order.dueMinor, currency }, lang), dueOn: formatDate(order.paymentDueOn, lang, { dateStyle: "medium", timeZone: "UTC" }) };
    const title = t(`banking.overdue.notice.${side}.title`, values);
    const body = t(`banking.overdue.notice.${side}.body`, values);
    const href = `/${lang}/orders/${encodeURIComponent(order.number)}`;
    notifications.push({ userId: user.id, organizationId, kind: "order.payment_overdue", title, body, href });
    emails.push({ toAddress: user.email, subject: title, text: [t("banking.overdue.notice.greeting", { name: user.name }), "", body, "", `${env().APP_URL ?? ""}${href}`].join("\n"), kind: "notification.order.payment_overdue" });
  }
  if (notifications.length) await tx.notification.createMany({ data: notifications });
  const rows = emails.length ? await tx.emailMessage.createManyAndReturn({ data: emails, select: { id: true } }) : [];
  return rows.map((r) => r.id);
}
