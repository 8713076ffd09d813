import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, FormSuccess, type FormReply } from "~/components/forms";
import { LiveAnnouncer, LiveBadge, TimeZoneNote } from "~/components/logistics/live-parts";
import { useViewerTimeZone } from "~/components/logistics/moment";
import { PublicLinkPanel } from "~/components/logistics/public-link-panel";
import { ShipmentRouteMap } from "~/components/logistics/shipment-route-map";
import { ShipmentLegs } from "~/components/logistics/shipment-legs";
import { ShipmentOverview } from "~/components/logistics/shipment-overview";
import { ShipmentTimeline } from "~/components/logistics/shipment-timeline";
import { useShipmentLive } from "~/components/logistics/use-shipment-live";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { placeView } from "~/modules/logistics/place-view";
import { createPublicLink, revokePublicLink } from "~/modules/logistics/public-tracking.server";
import { mayManagePublicLink, pageTimeZone, presentShipmentPage, requireShipmentViewer } from "~/modules/logistics/shipment-presenter.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const [title] = pageTitle(args, "logistics.shipmentPage.title");
  return [{ title: args.data ? `${args.data.reference} · ${title!.title}` : title!.title }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const access = await requireShipmentViewer(request, lang, params.reference);
  const view = await presentShipmentPage(access, lang, (destinationZone) => pageTimeZone(request, destinationZone));
  // Let in by the rule but not readable through the viewer's client: the same "not found".
  if (!view) notFound();
  return view;
}

const LinkIntent = z.object({ intent: z.enum(["create_link", "revoke_link"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const access = await requireShipmentViewer(request, lang, params.reference);
  const parsed = await parseForm(request, LinkIntent, lang);
  if (!parsed.ok) return parsed.reply;
  // The agency and the warehouse desk see the shipment; only its two parties share it.
  if (!mayManagePublicLink(access.role)) return formErrorReply(lang, parsed.formData, {}, "logistics.shipmentPage.publicLink.notAllowed", 403);
  const back = `/${lang}/shipments/${encodeURIComponent((params.reference ?? "").toUpperCase())}`;
  if (parsed.data.intent === "create_link") {
    const made = await createPublicLink(access);
    if (!made.ok) notFound();
    return redirect(`${back}?done=link_created#public-link`);
  }
  await revokePublicLink(access);
  return redirect(`${back}?done=link_revoked#public-link`);
}

const DONE = { link_created: "logistics.shipmentPage.publicLink.created", link_revoked: "logistics.shipmentPage.publicLink.revoked" } as const;

export default function ShipmentPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const [search] = useSearchParams();
  const done = DONE[search.get("done") as keyof typeof DONE];
  const lang = view.lang;
  const timeZone = useViewerTimeZone(view.timeZone);
  const live = useShipmentLive(view.id, view, (locode, name) => (locode || name ? placeView(locode, name, lang) : null));
  const current = { ...view, ...live };
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <Link to={`/${lang}/shipments`} className="link text-sm">
        ← {t("logistics.shipmentPage.back")}
      </Link>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="break-all font-mono text-2xl font-bold">{view.reference}</h1>
          <span className="badge border border-slate-300 bg-white text-slate-700">{t(`logistics.shipmentPage.kinds.${view.kind}`)}</span>
          <LiveBadge connected={live.connected} />
        </div>
        {view.links.order || view.links.declaration || view.links.inbound ? (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("logistics.shipmentPage.related")}>
            {view.links.order ? (
              <li>
                {t("logistics.shipmentPage.order")}{" "}
                <Link to={view.links.order.href} className="link font-mono">
                  {view.links.order.number}
                </Link>
              </li>
            ) : null}
            {view.links.declaration ? (
              <li>
                {t("logistics.shipmentPage.declaration")}{" "}
                <Link to={view.links.declaration.href} className="link font-mono">
                  {view.links.declaration.number}
                </Link>
              </li>
            ) : null}
            {view.links.inbound ? (
              <li>
                {t("logistics.shipmentPage.inbound")}{" "}
                <Link to={view.links.inbound.href} className="link font-mono">
                  {view.links.inbound.reference}
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
      </header>

      <FormError reply={reply} />
      {done && !reply?.formError ? <FormSuccess>{t(done)}</FormSuccess> : null}
      <LiveAnnouncer event={live.lastPushed} lang={lang} timeZone={timeZone} />

      <ShipmentOverview data={current} lang={lang} timeZone={timeZone} />

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0 space-y-6">
          <ShipmentTimeline events={live.events} fresh={live.fresh} lang={lang} timeZone={timeZone} details refreshing={live.refreshing} />
          <TimeZoneNote timeZone={timeZone} lang={lang} at={view.estimatedArrivalAt} />
        </div>
        <div className="min-w-0 space-y-6">
          <ShipmentRouteMap reference={view.reference} legs={view.legs} currentLocode={live.lastPushed?.place?.locode ?? view.currentLocode} />
          {view.publicLink.mayManage ? <PublicLinkPanel href={view.publicLink.href} createdAt={view.publicLink.createdAt} lang={lang} timeZone={timeZone} /> : null}
        </div>
      </div>
      <ShipmentLegs legs={view.legs} lang={lang} timeZone={timeZone} />
    </div>
  );
}
