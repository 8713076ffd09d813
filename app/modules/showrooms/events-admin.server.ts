import type { Prisma } from "~/generated/prisma/client";
import type { Locale } from "~/generated/prisma/enums";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { formatEventRange } from "./event-times";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";
import { notifyUsers } from "./showroom-notices.server";
import { perLanguage, wallDateTime, zonedInstant, type EventForm } from "./storefront-schemas";

/**
 * The operator's events: exhibitions, buyer delegations and livestreams, planned on the wall clock of a chosen IANA
 * zone. Raising the capacity seats the waiting list in order of registration; cancelling tells every registrant
 * (seated or waiting) in their own language, in-app and by email. The public side (registration, waiting list,
 * reminders, .ics) is public-events.server.ts and registrations.server.ts.
 */

export class EventAdminError extends Error {
  constructor(readonly code: "notFound" | "cancelled" | "past") {
    super(code);
    this.name = "EventAdminError";
  }
}

export async function listEventsAdmin(operator: OperatorDb, storefrontId: string, lang: Lang, languages: readonly string[], now = new Date()) {
  const events = await operator.showroomEvent.findMany({
    where: { storefrontId },
    orderBy: [{ startsAt: "asc" }],
    select: { id: true, kind: true, status: true, title: true, startsAt: true, endsAt: true, timeZone: true, language: true, capacity: true, link: true },
  });
  const counts = events.length
    ? await operator.showroomEventRegistration.groupBy({ by: ["eventId", "status"], where: { eventId: { in: events.map((e) => e.id) } }, _count: { _all: true } })
    : [];
  const count = (eventId: string, status: string) => counts.find((c) => c.eventId === eventId && c.status === status)?._count._all ?? 0;
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    status: e.status,
    past: e.endsAt <= now,
    title: localized(e.title, lang, languages)?.value ?? "",
    // On the hall's (the event's) clock, named: the operator plans in that zone.
    when: formatEventRange(e.startsAt, e.endsAt, e.timeZone, LOCALE_TAGS[lang]),
    timeZone: e.timeZone,
    language: e.language as Lang,
    capacity: e.capacity,
    registered: count(e.id, "REGISTERED"),
    waitlisted: count(e.id, "WAITLISTED"),
    link: e.link,
  }));
}

export async function eventForEdit(operator: OperatorDb, storefrontId: string, eventId: string) {
  const e = await operator.showroomEvent.findFirst({ where: { id: eventId, storefrontId } });
  if (!e) return null;
  const start = wallDateTime(e.startsAt, e.timeZone);
  const end = wallDateTime(e.endsAt, e.timeZone);
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    title: e.title as Partial<Record<Lang, string>>,
    description: e.description as Partial<Record<Lang, string>>,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    timeZone: e.timeZone,
    language: e.language as Lang,
    capacity: e.capacity,
    link: e.link ?? "",
  };
}

function eventData(form: EventForm) {
  return {
    kind: form.kind,
    title: perLanguage(form, "title"),
    description: perLanguage(form, "description"),
    startsAt: zonedInstant(form.date, form.startTime, form.timeZone),
    endsAt: zonedInstant(form.date, form.endTime, form.timeZone),
    timeZone: form.timeZone,
    language: form.language as Locale,
    capacity: form.capacity,
    link: form.link,
  };
}

/** Creates or edits an event; returns its id. A cancelled event is not edited (schedule a new one). */
export async function saveEvent(operator: OperatorDb, storefrontId: string, form: EventForm): Promise<string> {
  const data = eventData(form);
  if (!form.eventId) {
    const created = await operator.showroomEvent.create({ data: { ...data, storefrontId } as Prisma.ShowroomEventUncheckedCreateInput, select: { id: true } });
    purgePublicPages();
    return created.id;
  }
  const eventId = form.eventId;
  await operator.$transaction(async (tx) => {
    const existing = await tx.showroomEvent.findFirst({ where: { id: eventId, storefrontId }, select: { status: true } });
    if (!existing) throw new EventAdminError("notFound");
    if (existing.status === "CANCELLED") throw new EventAdminError("cancelled");
    await tx.showroomEvent.updateMany({ where: { id: eventId, storefrontId }, data });
    // More seats: the waiting list moves up in the order people registered.
    const seated = await tx.showroomEventRegistration.count({ where: { eventId, status: "REGISTERED" } });
    const free = data.capacity - seated;
    if (free > 0) {
      const waiting = await tx.showroomEventRegistration.findMany({ where: { eventId, status: "WAITLISTED" }, orderBy: [{ registeredAt: "asc" }, { id: "asc" }], take: free, select: { id: true } });
      if (waiting.length) await tx.showroomEventRegistration.updateMany({ where: { id: { in: waiting.map((w) => w.id) }, eventId }, data: { status: "REGISTERED" } });
    }
  });
  purgePublicPages();
  return eventId;
}

/** Cancels an event and tells its registrants, each in their language. */
export async function cancelEvent(operator: OperatorDb, storefrontId: string, eventId: string, now = new Date()) {
  const event = await operator.showroomEvent.findFirst({
    where: { id: eventId, storefrontId },
    select: { id: true, status: true, title: true, startsAt: true, endsAt: true, timeZone: true, storefront: { select: { slug: true, languages: true } } },
  });
  if (!event) throw new EventAdminError("notFound");
  if (event.status === "CANCELLED") throw new EventAdminError("cancelled");
  if (event.endsAt <= now) throw new EventAdminError("past");
  const { count } = await operator.showroomEvent.updateMany({ where: { id: eventId, storefrontId, status: "SCHEDULED" }, data: { status: "CANCELLED" } });
  if (count === 0) throw new EventAdminError("cancelled");
  purgePublicPages();
  const registrants = await operator.showroomEventRegistration.findMany({ where: { eventId, status: { in: ["REGISTERED", "WAITLISTED"] } }, select: { userId: true, buyerOrganizationId: true } });
  return notifyUsers(
    registrants.map((r) => ({ userId: r.userId, organizationId: r.buyerOrganizationId })),
    {
      kind: "showroom.event_cancelled",
      path: `/showrooms/${event.storefront.slug}`,
      compose: (lang) => {
        const t = serverT(lang);
        const values = { title: localized(event.title, lang, event.storefront.languages)?.value ?? "", when: formatDateTime(event.startsAt, lang) };
        return { title: t("showrooms.console.notices.eventCancelled.title", values), body: t("showrooms.console.notices.eventCancelled.body", values) };
      },
    },
  );
}
