import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { LeadSource, LeadStatusBadge } from "~/components/showrooms/leads/lead-parts";
import { requireLang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { LEAD_STATUSES, LeadFilterSchema } from "~/modules/showrooms/lead-schemas";
import { leadFilterOptions, listLeads, requireLeadActor } from "~/modules/showrooms/leads.server";
import { countryName } from "~/modules/showrooms/lead-presenter";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.leads.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const actor = await requireLeadActor(request, lang);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  // Unknown or malformed filters in the URL are simply no filter.
  const filter = LeadFilterSchema.parse(search);
  const [leads, options] = await Promise.all([listLeads(actor, filter), leadFilterOptions(actor)]);
  return {
    lang,
    kind: actor.kind,
    filter,
    options,
    leads: leads.map((lead) => ({
      id: lead.id,
      kind: lead.kind,
      status: lead.status,
      received: formatDateTime(lead.createdAt, lang),
      erased: Boolean(lead.erasedAt),
      who: lead.erasedAt ? null : (lead.name ?? null),
      company: lead.erasedAt ? null : (lead.company ?? lead.counterpart),
      country: lead.countryCode ? countryName(lead.countryCode, lang) : null,
      source: { storefrontName: lead.storefrontName, storefrontSlug: lead.storefrontSlug, boothCode: lead.boothCode, eventTitle: lead.eventTitle, product: lead.product },
      rfq: lead.rfq?.number ?? null,
      order: lead.order?.number ?? null,
    })),
  };
}

export default function LeadsInbox() {
  const { t } = useTranslation();
  const { lang, kind, filter, options, leads } = useLoaderData<typeof loader>();
  const manufacturer = kind === "MANUFACTURER";
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold sm:text-3xl">{manufacturer ? t("showrooms.leads.title") : t("showrooms.leads.buyerTitle")}</h1>
          <p className="mt-1 text-slate-700">{manufacturer ? t("showrooms.leads.intro") : t("showrooms.leads.buyerIntro")}</p>
        </div>
        {manufacturer ? (
          <Link to={`/${lang}/leads/insight`} className="btn-secondary">
            {t("showrooms.leads.insightLink")}
          </Link>
        ) : null}
      </div>

      {manufacturer ? (
        <Form method="get" className="mt-6 grid gap-3 sm:flex sm:flex-wrap sm:items-end">
          <div>
            <label htmlFor="lead-storefront" className="label">
              {t("showrooms.leads.filters.storefront")}
            </label>
            <select id="lead-storefront" name="storefront" defaultValue={filter.storefront ?? ""} className="input">
              <option value="">{t("showrooms.leads.filters.all")}</option>
              {options.storefronts.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="lead-booth" className="label">
              {t("showrooms.leads.filters.booth")}
            </label>
            <select id="lead-booth" name="booth" defaultValue={filter.booth ?? ""} className="input">
              <option value="">{t("showrooms.leads.filters.all")}</option>
              {options.booths.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="lead-status" className="label">
              {t("showrooms.leads.filters.status")}
            </label>
            <select id="lead-status" name="status" defaultValue={filter.status ?? ""} className="input">
              <option value="">{t("showrooms.leads.filters.all")}</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`showrooms.leads.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("showrooms.leads.filters.apply")}
          </button>
        </Form>
      ) : null}

      {leads.length === 0 ? (
        <div className="card mt-6 text-center">
          <p className="text-slate-700">{manufacturer ? t("showrooms.leads.empty") : t("showrooms.leads.buyerEmpty")}</p>
        </div>
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-600">{t("showrooms.leads.count", { count: leads.length })}</p>
          <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="leads-list">
            {leads.map((lead) => (
              <li key={lead.id}>
                <Link to={`/${lang}/leads/${lead.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 sm:flex-row sm:items-center sm:gap-4">
                  <span className="min-w-0 flex-1">
                    <span className="block font-semibold">
                      {lead.erased ? <span className="italic text-slate-600">{t("showrooms.leads.erased")}</span> : [lead.who, lead.company].filter(Boolean).join(" · ") || t("showrooms.leads.guest")}
                    </span>
                    <span className="block text-sm text-slate-700">
                      {t(`showrooms.leads.kinds.${lead.kind}`)}
                      {lead.rfq ? ` · ${lead.rfq}` : ""}
                      {lead.order ? ` · ${lead.order}` : ""}
                      {lead.country ? ` · ${lead.country}` : ""}
                    </span>
                    <span className="block text-sm text-slate-600">
                      <LeadSource lang={lang} source={lead.source} />
                    </span>
                  </span>
                  <span className="flex flex-wrap items-center gap-2 text-sm">
                    <LeadStatusBadge status={lead.status} />
                    <span className="text-slate-600">{lead.received}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
