import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { isLang, type Lang } from "~/modules/i18n/config";
import { env } from "~/modules/config/env.server";
import { isLive } from "./event-times";
import { eventIcs } from "./ics";
import { localized, type LocalizedText } from "./localized-text";
import { myRegistration, seatsTaken } from "./registrations.server";

/**
 * Showroom events as the public sees them: the upcoming ones of a published storefront, and one event's page with
 * the viewer's registration. Times travel as ISO instants with the event's zone; components format them for the
 * event's zone and the viewer's (event-times.ts).
 */

export type EventKind = "EXHIBITION" | "BUYER_DELEGATION" | "LIVESTREAM";

export interface PublicEventSummary {
  id: string;
  kind: EventKind;
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  language: Lang;
  capacity: number;
  seatsLeft: number;
  live: boolean;
  href: string;
}

export function eventUrl(lang: Lang, storefrontSlug: string, eventId: string) {
  return `/${lang}/showrooms/${storefrontSlug}/events/${eventId}`;
}

const UPCOMING_LIMIT = 12;

export async function listUpcomingEvents(storefrontId: string, lang: Lang, now = new Date()): Promise<PublicEventSummary[]> {
  const events = await unscopedDb.showroomEvent.findMany({
    where: { storefrontId, status: "SCHEDULED", endsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: UPCOMING_LIMIT,
    select: { id: true, kind: true, title: true, startsAt: true, endsAt: true, timeZone: true, language: true, capacity: true, storefront: { select: { slug: true, languages: true } } },
  });
  const taken = await seatsTaken(events.map((e) => e.id));
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    title: localized(e.title, lang, [e.language, ...e.storefront.languages]) ?? { value: e.kind, lang },
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    language: isLang(e.language) ? e.language : lang,
    capacity: e.capacity,
    seatsLeft: Math.max(0, e.capacity - (taken.get(e.id) ?? 0)),
    live: isLive(e, now),
    href: eventUrl(lang, e.storefront.slug, e.id),
  }));
}

/** The event on at a storefront right now (a scan during it is attributed to it), or null. */
export async function eventOnNow(storefrontId: string, now = new Date()): Promise<string | null> {
  const event = await unscopedDb.showroomEvent.findFirst({
    where: { storefrontId, status: "SCHEDULED", startsAt: { lte: now }, endsAt: { gt: now }, kind: { not: "LIVESTREAM" } },
    orderBy: { startsAt: "desc" },
    select: { id: true },
  });
  return event?.id ?? null;
}

export interface EventPage extends PublicEventSummary {
  description: LocalizedText | null;
  status: "SCHEDULED" | "CANCELLED";
  past: boolean;
  /** Shown to registered buyers only (a livestream's or meeting's address). */
  link: string | null;
  storefront: { id: string; slug: string; name: LocalizedText; href: string; address: string };
  registration: { id: string; status: "REGISTERED" | "WAITLISTED" | "CANCELLED"; position: number | null } | null;
}

async function findEvent(slug: string, eventId: string) {
  if (!isUuid(eventId)) return null;
  return unscopedDb.showroomEvent.findFirst({
    where: { id: eventId, storefront: { slug, status: "PUBLISHED" } },
    include: { storefront: { select: { id: true, slug: true, name: true, languages: true, addressLine1: true, city: true, countryCode: true } } },
  });
}

export async function loadEventPage(slug: string, eventId: string, lang: Lang, viewerUserId: string | null, now = new Date()): Promise<EventPage | null> {
  const event = await findEvent(slug, eventId);
  if (!event) return null;
  const languages = [event.language, ...event.storefront.languages];
  const [taken, registration] = await Promise.all([seatsTaken([event.id]), viewerUserId ? myRegistration(event.id, viewerUserId) : null]);
  const registered = registration?.status === "REGISTERED";
  return {
    id: event.id,
    kind: event.kind,
    title: localized(event.title, lang, languages) ?? { value: event.kind, lang },
    description: localized(event.description, lang, languages),
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    language: isLang(event.language) ? event.language : lang,
    capacity: event.capacity,
    seatsLeft: Math.max(0, event.capacity - (taken.get(event.id) ?? 0)),
    live: isLive(event, now),
    past: event.endsAt.getTime() <= now.getTime(),
    status: event.status,
    link: registered ? event.link : null,
    href: eventUrl(lang, event.storefront.slug, event.id),
    storefront: {
      id: event.storefront.id,
      slug: event.storefront.slug,
      name: localized(event.storefront.name, lang, event.storefront.languages) ?? { value: event.storefront.slug, lang },
      href: `/${lang}/showrooms/${event.storefront.slug}`,
      address: `${event.storefront.addressLine1}, ${event.storefront.city}, ${event.storefront.countryCode.trim()}`,
    },
    registration: registration ? { id: registration.id, status: registration.status, position: registration.position } : null,
  };
}

/**
 * The .ics of an event (anyone who may see the event), or of the viewer's registration (the same times, a uid of
 * its own, and the link when a seat is theirs). Null when not found.
 */
export async function eventIcsFile(slug: string, eventId: string, lang: Lang, options: { registrationOf?: string } = {}): Promise<string | null> {
  const event = await findEvent(slug, eventId);
  if (!event) return null;
  const languages = [event.language, ...event.storefront.languages];
  let registration: Awaited<ReturnType<typeof myRegistration>> = null;
  if (options.registrationOf) {
    registration = await myRegistration(event.id, options.registrationOf);
    if (!registration || registration.status === "CANCELLED") return null;
  }
  const url = env().APP_URL + eventUrl(lang, event.storefront.slug, event.id);
  const title = localized(event.title, lang, languages)?.value ?? event.kind;
  const storefrontName = localized(event.storefront.name, lang, event.storefront.languages)?.value ?? event.storefront.slug;
  const description = [localized(event.description, lang, languages)?.value, `${storefrontName} (${event.timeZone})`, registration?.status === "REGISTERED" && event.link ? event.link : null, url].filter(Boolean).join("\n\n");
  const updated = registration && registration.updatedAt > event.updatedAt ? registration.updatedAt : event.updatedAt;
  return eventIcs({
    uid: registration ? `registration-${registration.id}@ponte` : `event-${event.id}@ponte`,
    title: `${title} · ${storefrontName}`,
    description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    url,
    location: event.kind === "LIVESTREAM" ? (registration?.status === "REGISTERED" ? event.link : null) : `${event.storefront.addressLine1}, ${event.storefront.city}`,
    cancelled: event.status === "CANCELLED",
    sequence: Math.floor(updated.getTime() / 1000) - 1_700_000_000,
  });
}
