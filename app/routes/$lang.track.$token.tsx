import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { TimeZoneNote } from "~/components/logistics/live-parts";
import { useViewerTimeZone } from "~/components/logistics/moment";
import { ShipmentOverview } from "~/components/logistics/shipment-overview";
import { ShipmentRouteMap } from "~/components/logistics/shipment-route-map";
import { ShipmentTimeline } from "~/components/logistics/shipment-timeline";
import { pageTitle } from "~/components/meta";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { presentPublicTracking } from "~/modules/logistics/public-tracking.server";
import { pageTimeZone } from "~/modules/logistics/shipment-presenter.server";

/** Whoever holds the link may look; nobody should find it: not in search engines, not in shared caches. */
const NOINDEX = "noindex, nofollow, noarchive";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [title] = pageTitle(args, "logistics.publicTracking.title");
  return [{ title: args.data ? `${args.data.reference} · ${title!.title}` : title!.title }, { name: "robots", content: NOINDEX }];
};

export const headers: HeadersFunction = () => ({ "X-Robots-Tag": NOINDEX, "Cache-Control": "private, no-store" });

/**
 * The public tracking page, for the buyer's own customers: no sign-in, only what PublicTrackingView lists. A
 * malformed, unknown or revoked token is the same 404, answered alike, so the page tells nothing about other tokens.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const view = await presentPublicTracking(params.token, lang, (destinationZone) => pageTimeZone(request, destinationZone));
  if (!view) notFound();
  return view;
}

// Sockets are for signed-in members only; an open public page asks again now and then, while it is being looked at.
const REFRESH_MS = 120_000;

export default function PublicTracking() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const lang = view.lang;
  const timeZone = useViewerTimeZone(view.timeZone);
  const revalidator = useRevalidator();
  const revalidatorRef = useRef(revalidator);
  revalidatorRef.current = revalidator;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidatorRef.current.state === "idle") revalidatorRef.current.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <header>
        <p className="text-sm text-slate-600">{t("logistics.publicTracking.kicker")}</p>
        <h1 className="break-all font-mono text-2xl font-bold">{view.reference}</h1>
      </header>
      <ShipmentOverview data={view} lang={lang} timeZone={timeZone} />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-6">
          <ShipmentTimeline events={view.events} fresh={EMPTY} lang={lang} timeZone={timeZone} refreshing={revalidator.state === "loading"} />
          <TimeZoneNote timeZone={timeZone} lang={lang} at={view.estimatedArrivalAt} />
        </div>
        <div className="min-w-0 space-y-6">
          <ShipmentRouteMap reference={view.reference} legs={view.legs} currentLocode={view.currentLocode} legList />
        </div>
      </div>
      <p className="text-sm text-slate-600">{t("logistics.publicTracking.footer")}</p>
    </div>
  );
}

const EMPTY: ReadonlySet<string> = new Set();
