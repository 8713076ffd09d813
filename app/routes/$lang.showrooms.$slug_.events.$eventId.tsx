import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput } from "~/components/forms";
import { EventTime } from "~/components/showrooms/public/event-time";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { LANG_NAMES, LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { viewerTimeZone } from "~/modules/i18n/locale";
import { buyerGate } from "~/modules/ordering/cart.server";
import { eventUrl, loadEventPage } from "~/modules/showrooms/public-events.server";
import { absoluteUrl } from "~/modules/showrooms/public-storefronts.server";
import { cancelRegistration, registerForEvent, RegistrationError } from "~/modules/showrooms/registrations.server";
import { emailPromotedRegistration } from "~/modules/showrooms/reminders.server";
import { getSessionUser } from "~/modules/tenancy/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await getSessionUser(request);
  const event = await loadEventPage(params.slug ?? "", params.eventId ?? "", lang, sessionUser?.user.id ?? null);
  if (!event) notFound();
  const gate = await buyerGate(request, sessionUser);
  const description = (event.description?.value ?? event.title.value).replace(/\s+/g, " ").slice(0, 200);
  const url = absoluteUrl(eventUrl(lang, event.storefront.slug, event.id));
  return {
    lang,
    event,
    viewerZone: viewerTimeZone(),
    canRegister: gate.ok,
    blocked: gate.ok ? null : gate.reason,
    seo: {
      title: event.title.value,
      description,
      url,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
      jsonLd: {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent",
        name: event.title.value,
        description: event.description?.value,
        startDate: event.startsAt,
        endDate: event.endsAt,
        eventStatus: event.status === "CANCELLED" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
        eventAttendanceMode: event.kind === "LIVESTREAM" ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
        location: event.kind === "LIVESTREAM" ? { "@type": "VirtualLocation", url } : { "@type": "Place", name: event.storefront.name.value, address: event.storefront.address },
        inLanguage: LOCALE_TAGS[event.language],
        maximumAttendeeCapacity: event.capacity,
        remainingAttendeeCapacity: event.seatsLeft,
        url,
      },
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Ponte" }];
  const { seo } = data;
  return [
    { title: `${seo.title} · Ponte` },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.url },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.url },
    { property: "og:locale", content: seo.ogLocale },
    { "script:ld+json": seo.jsonLd },
  ];
};

const actionSchema = z.object({ intent: z.enum(["register", "cancel"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const slug = params.slug ?? "";
  const eventId = params.eventId ?? "";
  const sessionUser = await getSessionUser(request);
  if (!sessionUser) return redirect(`/${lang}/login?redirectTo=${encodeURIComponent(eventUrl(lang, slug, eventId))}`);
  const parsed = await parseForm(request, actionSchema, lang);
  if (!parsed.ok) return parsed.reply;
  const event = await loadEventPage(slug, eventId, lang, sessionUser.user.id);
  if (!event) notFound();
  const t = serverT(lang);
  try {
    if (parsed.data.intent === "register") {
      const gate = await buyerGate(request, sessionUser);
      if (!gate.ok) return formErrorReply(lang, parsed.formData, {}, t("showrooms.events.onlyBuyers"), 403);
      const outcome = await registerForEvent({ eventId: event.id, userId: sessionUser.user.id, buyerOrganizationId: gate.buyer.organization.id });
      return data({ done: outcome.status === "REGISTERED" ? t("showrooms.events.registeredDone") : t("showrooms.events.waitlistedDone", { position: outcome.position ?? 1 }) });
    }
    const { promotedRegistrationId } = await cancelRegistration({ eventId: event.id, userId: sessionUser.user.id });
    if (promotedRegistrationId) await emailPromotedRegistration(promotedRegistrationId);
    return data({ done: t("showrooms.events.cancelledDone") });
  } catch (error) {
    if (error instanceof RegistrationError) {
      const status = error.code === "event_not_found" ? 404 : 409;
      return formErrorReply(lang, parsed.formData, {}, t(`showrooms.events.errors.${error.code}`), status);
    }
    throw error;
  }
}

export default function EventPage() {
  const { lang: rawLang, event, viewerZone, canRegister, blocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lang = rawLang as Lang;
  const { t } = useTranslation();
  const busy = navigation.state !== "idle";
  const reg = event.registration;
  const active = reg && reg.status !== "CANCELLED";
  const open = event.status === "SCHEDULED" && !event.past;
  const icsBase = `${event.href}/calendar.ics`;
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:py-8">
      <nav aria-label={t("browse.breadcrumb")} className="text-sm text-slate-600">
        <Link to={`/${lang}/showrooms`} className="hover:underline">
          {t("showrooms.public.listTitle")}
        </Link>
        <span aria-hidden> / </span>
        <Link to={event.storefront.href} className="hover:underline" lang={LOCALE_TAGS[event.storefront.name.lang]}>
          {event.storefront.name.value}
        </Link>
      </nav>
      <p className="mt-4 flex flex-wrap gap-2 text-xs font-semibold uppercase tracking-wide text-brand-700">
        <span>{t(`showrooms.events.kind.${event.kind}`)}</span>
        {event.live ? <span className="rounded bg-red-100 px-1.5 py-0.5 text-red-800">{t("showrooms.events.live")}</span> : null}
        {event.status === "CANCELLED" ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-800">{t("showrooms.events.cancelled")}</span> : null}
      </p>
      <h1 className="mt-1 break-words text-2xl font-bold sm:text-3xl" lang={LOCALE_TAGS[event.title.lang]} data-testid="event-title">
        {event.title.value}
      </h1>
      <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <EventTime startsAt={event.startsAt} endsAt={event.endsAt} eventZone={event.timeZone} lang={lang} serverViewerZone={viewerZone} />
        <p className="mt-2 text-sm text-slate-700">
          {t("showrooms.events.heldIn", { language: LANG_NAMES[event.language] })} · {event.kind === "LIVESTREAM" ? t("showrooms.events.online") : event.storefront.address}
        </p>
        <p className="mt-1 text-sm text-slate-700" data-testid="event-seats">
          {event.seatsLeft > 0 ? t("showrooms.events.seatsLeftOf", { count: event.seatsLeft, capacity: event.capacity }) : t("showrooms.events.fullWaitlist")}
        </p>
        <p className="mt-3">
          <a href={icsBase} className="text-sm font-medium text-brand-800 underline" data-testid="event-ics" download>
            {t("showrooms.events.addToCalendar")}
          </a>
        </p>
      </div>
      {event.description ? (
        <p className="mt-4 whitespace-pre-line text-slate-800" lang={LOCALE_TAGS[event.description.lang]}>
          {event.description.value}
        </p>
      ) : null}

      <section aria-labelledby="registration-title" className="mt-6 rounded-lg border border-brand-200 bg-brand-50 p-4" data-testid="registration">
        <h2 id="registration-title" className="font-semibold">
          {t("showrooms.events.registrationTitle")}
        </h2>
        {actionData && "done" in actionData ? (
          <p role="status" className="mt-2 text-sm font-medium text-emerald-900">
            {actionData.done}
          </p>
        ) : null}
        {actionData && "formError" in actionData && actionData.formError ? (
          <p role="alert" className="mt-2 text-sm font-medium text-red-800">
            {actionData.formError}
          </p>
        ) : null}
        {active ? (
          <div className="mt-2 space-y-2 text-sm">
            <p data-testid="registration-status" data-status={reg.status}>
              {reg.status === "REGISTERED" ? t("showrooms.events.youAreRegistered") : t("showrooms.events.youAreWaiting", { position: reg.position ?? 1 })}
            </p>
            {event.link ? (
              <p>
                <a href={event.link} className="font-medium text-brand-800 underline" rel="noopener noreferrer" target="_blank">
                  {t("showrooms.events.joinLink")}
                </a>
              </p>
            ) : null}
            <p className="flex flex-wrap gap-3">
              <a href={`${icsBase}?registration=1`} className="font-medium text-brand-800 underline" download data-testid="registration-ics">
                {t("showrooms.events.registrationIcs")}
              </a>
            </p>
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="cancel" disabled={busy} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60" data-testid="registration-cancel">
                {t("showrooms.events.cancelRegistration")}
              </button>
            </Form>
          </div>
        ) : !open ? (
          <p className="mt-2 text-sm text-slate-700">{t("showrooms.events.closed")}</p>
        ) : canRegister ? (
          <Form method="post" className="mt-3">
            <CsrfInput />
            <button type="submit" name="intent" value="register" disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60" data-testid="registration-submit">
              {event.seatsLeft > 0 ? t("showrooms.events.register") : t("showrooms.events.joinWaitlist")}
            </button>
          </Form>
        ) : blocked === "signedOut" ? (
          <p className="mt-2 text-sm">
            <Link to={`/${lang}/login?redirectTo=${encodeURIComponent(event.href)}`} className="font-medium text-brand-800 underline">
              {t("showrooms.events.signInToRegister")}
            </Link>
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t("showrooms.events.onlyBuyers")}</p>
        )}
      </section>
    </div>
  );
}
