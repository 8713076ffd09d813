import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { isLang, LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { variantForCountry } from "~/modules/i18n/locale";
import { formatEventRange, reminderWindow, timeZoneLabel } from "./event-times";
import { localized } from "./localized-text";
import { eventUrl } from "./public-events.server";

/**
 * Emails about event seats, in the buyer's language (User.locale; European Portuguese for buyers from countries that
 * write it), with the time in the event's own zone (named) and a link to the event.
 *
 * The day-before reminder goes once per registration: the registration is claimed (reminderSentAt set where it was
 * null) and the outbox row written in one transaction, so two workers, a retry or a crash between the two never
 * send it twice or lose it; delivery then follows the outbox's own path (job, else the sweep).
 */

interface RegistrationForEmail {
  id: string;
  user: { email: string; name: string; locale: string };
  buyerCountry: string | null;
  event: { id: string; title: unknown; language: string; startsAt: Date; endsAt: Date; timeZone: string; kind: string; storefront: { slug: string; name: unknown; languages: string[]; addressLine1: string; city: string } };
}

function composeEmail(kind: "reminder" | "promoted", registration: RegistrationForEmail): { to: string; subject: string; text: string; kind: string } {
  const lang: Lang = isLang(registration.user.locale) ? registration.user.locale : "en";
  const t = serverT(lang, lang === "pt" ? variantForCountry(registration.buyerCountry) : null);
  const { event } = registration;
  const languages = [event.language, ...event.storefront.languages];
  const title = localized(event.title, lang, languages)?.value ?? event.kind;
  const storefront = localized(event.storefront.name, lang, event.storefront.languages)?.value ?? event.storefront.slug;
  const tag = LOCALE_TAGS[lang];
  const when = `${formatEventRange(event.startsAt, event.endsAt, event.timeZone, tag)} (${timeZoneLabel(event.startsAt, event.timeZone, tag)})`;
  const link = env().APP_URL + eventUrl(lang, event.storefront.slug, event.id);
  const where = event.kind === "LIVESTREAM" ? t("showrooms.events.online") : `${event.storefront.addressLine1}, ${event.storefront.city}`;
  const params = { name: registration.user.name, title, storefront, when, where, link };
  return {
    to: registration.user.email,
    subject: t(`showrooms.events.email.${kind}Subject`, params),
    text: t(`showrooms.events.email.${kind}Body`, params),
    kind: kind === "reminder" ? "showroom_event_reminder" : "showroom_event_promoted",
  };
}

const EMAIL_SELECT = {
  id: true,
  buyerOrganizationId: true,
  userId: true,
  event: { select: { id: true, title: true, language: true, startsAt: true, endsAt: true, timeZone: true, kind: true, storefront: { select: { slug: true, name: true, languages: true, addressLine1: true, city: true } } } },
} as const;

async function loadForEmail(ids: string[]): Promise<RegistrationForEmail[]> {
  if (ids.length === 0) return [];
  const rows = await unscopedDb.showroomEventRegistration.findMany({ where: { id: { in: ids } }, select: EMAIL_SELECT });
  const [users, orgs] = await Promise.all([
    unscopedDb.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, email: true, name: true, locale: true } }),
    unscopedDb.organization.findMany({ where: { id: { in: rows.map((r) => r.buyerOrganizationId) } }, select: { id: true, countryCode: true } }),
  ]);
  const userOf = new Map(users.map((u) => [u.id, u]));
  const countryOf = new Map(orgs.map((o) => [o.id, o.countryCode.trim()]));
  return rows.flatMap((r) => {
    const user = userOf.get(r.userId);
    return user ? [{ id: r.id, user, buyerCountry: countryOf.get(r.buyerOrganizationId) ?? null, event: r.event }] : [];
  });
}

async function enqueueDelivery(emailIds: string[]) {
  for (const emailId of emailIds) {
    try {
      await enqueue("email.send", { emailId }, { singletonKey: emailId });
    } catch (error) {
      console.error("[showrooms] enqueue failed; the email sweep will deliver", error);
    }
  }
}

/** Recurring: the reminder for every registered seat of an event starting within the next 24 hours, once each. */
export async function sendEventReminders(now = new Date()): Promise<number> {
  const window = reminderWindow(now);
  const due = await unscopedDb.showroomEventRegistration.findMany({
    where: { status: "REGISTERED", reminderSentAt: null, event: { status: "SCHEDULED", startsAt: { gt: window.from, lte: window.to }, storefront: { status: "PUBLISHED" } } },
    select: { id: true },
    take: 500,
  });
  const registrations = await loadForEmail(due.map((d) => d.id));
  const emailIds: string[] = [];
  for (const registration of registrations) {
    const email = composeEmail("reminder", registration);
    const emailId = await unscopedDb.$transaction(async (tx) => {
      const claimed = await tx.showroomEventRegistration.updateMany({ where: { id: registration.id, status: "REGISTERED", reminderSentAt: null }, data: { reminderSentAt: now } });
      if (claimed.count !== 1) return null;
      const row = await tx.emailMessage.create({ data: { toAddress: email.to, subject: email.subject, text: email.text, html: null, kind: email.kind }, select: { id: true } });
      return row.id;
    });
    if (emailId) emailIds.push(emailId);
  }
  await enqueueDelivery(emailIds);
  return emailIds.length;
}

/** A buyer moved from the waiting list to a seat (a cancellation freed it): told at once. */
export async function emailPromotedRegistration(registrationId: string): Promise<void> {
  const [registration] = await loadForEmail([registrationId]);
  if (!registration) return;
  const email = composeEmail("promoted", registration);
  const row = await unscopedDb.emailMessage.create({ data: { toAddress: email.to, subject: email.subject, text: email.text, html: null, kind: email.kind }, select: { id: true } });
  await enqueueDelivery([row.id]);
}
