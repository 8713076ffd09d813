import type { Prisma } from "~/generated/prisma/client";
import type { Locale, ShipmentMilestone } from "~/generated/prisma/enums";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { isExportAgent } from "~/modules/export-agency/agency-access.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { formatDate, formatDateTime } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerFor } from "~/modules/i18n/locale";
import { runWithViewer } from "~/modules/i18n/viewer.server";
import { afterNotifyCommit, type NotifyResult } from "~/modules/ordering/notifications.server";
import { isException } from "./milestones";

/**
 * A tracking milestone or exception told to the people of a shipment: an in-app Notification and an email (through
 * the outbox) per member of the manufacturer and of the buyer, and for exceptions per export agent too, each in the
 * member's own language (User.locale) with their company's country conventions. Run by the "shipments.notify" job
 * for one stored event; ingestion.server.ts decides which events notify and queues each once.
 */

/** "Etc/GMT-8" for +08:00 (IANA's sign is inverted); UTC for offsets that are not whole hours. */
export function timeZoneForOffset(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 0 || utcOffsetMinutes % 60 !== 0) return "UTC";
  const hours = utcOffsetMinutes / 60;
  return `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
}

interface Recipient {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  organizationId: string;
}

export async function notifyShipmentEvent(eventId: string): Promise<NotifyResult | null> {
  const event = await unscopedDb.shipmentEvent.findUnique({
    where: { id: eventId },
    select: {
      milestone: true,
      occurredAt: true,
      utcOffsetMinutes: true,
      placeName: true,
      locode: true,
      shipment: {
        select: {
          reference: true,
          organizationId: true,
          buyerOrganizationId: true,
          originName: true,
          destinationName: true,
          destinationTimeZone: true,
          estimatedArrivalAt: true,
          late: true,
          deliveredAt: true,
        },
      },
    },
  });
  if (!event) return null;
  const { shipment } = event;
  const exception = isException(event.milestone);
  const partyIds = [shipment.organizationId, shipment.buyerOrganizationId].filter((id): id is string => !!id);

  const result = await unscopedDb.$transaction(async (tx) => {
    const [memberships, agents, organizations] = await Promise.all([
      tx.membership.findMany({ where: { organizationId: { in: partyIds } }, orderBy: { createdAt: "asc" }, select: { organizationId: true, user: { select: { id: true, email: true, name: true, locale: true } } } }),
      exception
        ? tx.membership.findMany({
            where: { organization: { kind: "PLATFORM" }, OR: [{ role: { in: ["OWNER", "ADMIN"] } }, { exportAgent: true }] },
            orderBy: { createdAt: "asc" },
            select: { organizationId: true, role: true, exportAgent: true, user: { select: { id: true, email: true, name: true, locale: true } } },
          })
        : Promise.resolve([]),
      tx.organization.findMany({ select: { id: true, name: true, countryCode: true }, where: { id: { in: partyIds } } }),
    ]);
    // One notice per person, as a member of the first of the parties (then the agency) they belong to.
    const recipients = new Map<string, Recipient>();
    for (const m of [...memberships, ...agents.filter((a) => isExportAgent(a))]) {
      if (!recipients.has(m.user.id)) recipients.set(m.user.id, { userId: m.user.id, email: m.user.email, name: m.user.name, locale: m.user.locale, organizationId: m.organizationId });
    }
    const agencyOrganizations = await tx.organization.findMany({ where: { id: { in: [...new Set(agents.map((a) => a.organizationId))] } }, select: { id: true, name: true, countryCode: true } });
    const organizationOf = new Map([...organizations, ...agencyOrganizations].map((o) => [o.id, o]));
    const appUrl = env().APP_URL;
    const notifications: Prisma.NotificationCreateManyInput[] = [];
    const emails: Prisma.EmailMessageCreateManyInput[] = [];
    for (const recipient of recipients.values()) {
      const organization = organizationOf.get(recipient.organizationId);
      runWithViewer(viewerFor(organization?.countryCode), () => {
        const lang: Lang = isLang(recipient.locale) ? recipient.locale : "en";
        const t = serverT(lang);
        const milestone = t(`logistics.milestones.${event.milestone}`);
        const values = {
          reference: shipment.reference,
          milestone,
          origin: shipment.originName,
          destination: shipment.destinationName,
          place: event.placeName || event.locode || t("logistics.notifications.noPlace"),
          time: formatDateTime(event.occurredAt, lang, timeZoneForOffset(event.utcOffsetMinutes)),
        };
        const title = t("logistics.notifications.title", values);
        const sentences = [t(exception ? "logistics.notifications.exception" : "logistics.notifications.progress", values)];
        if (!shipment.deliveredAt && !terminal(event.milestone)) {
          sentences.push(t("logistics.notifications.eta", { eta: formatDate(shipment.estimatedArrivalAt, lang, { dateStyle: "medium", timeZone: shipment.destinationTimeZone }) }));
          if (shipment.late) sentences.push(t("logistics.notifications.late"));
        }
        const body = sentences.join(" ");
        const href = `/${lang}/shipments/${encodeURIComponent(shipment.reference)}`;
        notifications.push({ userId: recipient.userId, organizationId: recipient.organizationId, kind: `shipment.${event.milestone.toLowerCase()}`, title, body, href });
        const text = [t("activity.email.greeting", { name: recipient.name }), "", body, "", t("activity.email.open", { link: `${appUrl}${href}` }), "", "—", t("activity.email.footer", { organization: organization?.name ?? "" })].join("\n");
        emails.push({ toAddress: recipient.email, subject: title, text, kind: `notification.shipment.${event.milestone.toLowerCase()}` });
      });
    }
    if (notifications.length) await tx.notification.createMany({ data: notifications });
    const emailRows = emails.length ? await tx.emailMessage.createManyAndReturn({ data: emails, select: { id: true } }) : [];
    return { notifications: notifications.length, emailIds: emailRows.map((r) => r.id), organizationIds: [...new Set(notifications.map((n) => n.organizationId))] };
  });
  await afterNotifyCommit(result);
  return result;
}

function terminal(milestone: ShipmentMilestone): boolean {
  return milestone === "DELIVERED" || milestone === "RETURNED";
}
