import type { Prisma } from "~/generated/prisma/client";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerFor } from "~/modules/i18n/locale";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { currentQueue, enqueue } from "~/modules/jobs/queue.server";
import { emitToOrganization } from "~/modules/realtime/index.server";

/**
 * Showroom notices (invitations and their answers, cancelled events): one in-app Notification and one email through
 * the outbox per recipient, each written in the recipient's own language (User.locale) with their company's
 * country's formats, like the order notices. Notifying crosses organizations (the operator tells a manufacturer),
 * so it is system work on `unscopedDb`.
 */

export interface ShowroomMessage {
  title: string;
  body: string;
}

export interface ShowroomNotice {
  kind: string;
  /** The page it leads to, without the language: "/showroom-invitations". */
  path: string;
  compose: (lang: Lang) => ShowroomMessage;
}

interface Recipient {
  organizationId: string;
  user: { id: string; email: string; name: string; locale: string };
}

async function deliver(recipients: readonly Recipient[], notice: ShowroomNotice): Promise<{ notifications: number; emailIds: string[] }> {
  if (recipients.length === 0) return { notifications: 0, emailIds: [] };
  const organizationIds = [...new Set(recipients.map((r) => r.organizationId))];
  const organizations = await unscopedDb.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true, countryCode: true } });
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const appUrl = env().APP_URL;
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const emails: Prisma.EmailMessageCreateManyInput[] = [];
  for (const { organizationId, user } of recipients) {
    const organization = byId.get(organizationId);
    runWithViewer(viewerFor(organization?.countryCode), () => {
      const lang: Lang = isLang(user.locale) ? user.locale : "en";
      const message = notice.compose(lang);
      const href = `/${lang}${notice.path}`;
      notifications.push({ userId: user.id, organizationId, kind: notice.kind, title: message.title, body: message.body, href });
      const t = serverT(lang);
      const text = [t("activity.email.greeting", { name: user.name }), "", message.body, "", t("activity.email.open", { link: `${appUrl}${href}` }), "", "—", t("activity.email.footer", { organization: organization?.name ?? "" })].join("\n");
      emails.push({ toAddress: user.email, subject: message.title, text, kind: `notification.${notice.kind}` });
    });
  }
  const emailIds = await unscopedDb.$transaction(async (tx) => {
    await tx.notification.createMany({ data: notifications });
    return (await tx.emailMessage.createManyAndReturn({ data: emails, select: { id: true } })).map((r) => r.id);
  });
  if (currentQueue()) {
    for (const emailId of emailIds) {
      try {
        await enqueue("email.send", { emailId }, { singletonKey: emailId });
      } catch (error) {
        // The row stays PENDING; the outbox sweep delivers it.
        console.error("[showrooms] enqueue failed; the sweep will retry", error);
      }
    }
  }
  for (const organizationId of organizationIds) emitToOrganization(organizationId, "organization:changed", { area: "notifications" });
  return { notifications: notifications.length, emailIds };
}

/** Every member of an organization (an invited manufacturer, the operator told of an answer). */
export async function notifyOrganizationMembers(organizationId: string, notice: ShowroomNotice) {
  const members = await unscopedDb.membership.findMany({
    where: { organizationId },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true, user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  return deliver(members, notice);
}

/** Particular users, each in the organization they acted for (a cancelled event's registrants). */
export async function notifyUsers(recipients: readonly { userId: string; organizationId: string }[], notice: ShowroomNotice) {
  if (recipients.length === 0) return { notifications: 0, emailIds: [] };
  const users = await unscopedDb.user.findMany({ where: { id: { in: recipients.map((r) => r.userId) } }, select: { id: true, email: true, name: true, locale: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return deliver(
    recipients.flatMap((r) => {
      const user = byId.get(r.userId);
      return user ? [{ organizationId: r.organizationId, user }] : [];
    }),
    notice,
  );
}
