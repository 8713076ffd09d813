import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { StorefrontStatusBadge } from "~/components/showrooms/console/status-badge";
import { formatDate } from "~/modules/i18n/format";
import { requireLang } from "~/modules/i18n/config";
import { requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { listStorefronts } from "~/modules/showrooms/storefronts.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  return { lang, archived, operatorName: context.organization.name, storefronts: await listStorefronts(context.operator, lang, { archived }) };
}

export default function StorefrontList() {
  const { t } = useTranslation();
  const { lang, archived, operatorName, storefronts } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">{operatorName}</p>
          <h1 className="text-2xl font-bold sm:text-3xl">{t("showrooms.console.list.title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-700">{t("showrooms.console.list.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link to={`/${lang}/park/insight`} className="btn-secondary">
            {t("showrooms.console.dashboard.insight.open")}
          </Link>
          <Link to={`/${lang}/park/storefronts/new`} className="btn-primary">
            {t("showrooms.console.list.create")}
          </Link>
        </div>
      </div>
      <p className="mt-4 text-sm">
        {archived ? (
          <Link to={`/${lang}/park/storefronts`} className="link">
            {t("showrooms.console.list.showCurrent")}
          </Link>
        ) : (
          <Link to={`/${lang}/park/storefronts?archived=1`} className="link">
            {t("showrooms.console.list.showArchived")}
          </Link>
        )}
      </p>
      {storefronts.length === 0 ? (
        <div className="card mt-4 text-center">
          <p className="font-semibold">{archived ? t("showrooms.console.list.emptyArchived") : t("showrooms.console.list.empty")}</p>
          {archived ? null : <p className="mt-1 text-sm text-slate-700">{t("showrooms.console.list.emptyHint")}</p>}
        </div>
      ) : (
        <ul className="mt-4 grid gap-4 md:grid-cols-2" data-testid="storefront-list">
          {storefronts.map((s) => (
            <li key={s.id} className="card min-w-0">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="min-w-0 break-words text-lg font-semibold">
                  <Link to={`/${lang}/park/storefronts/${s.id}`} className="link">
                    {s.name}
                  </Link>
                </h2>
                <StorefrontStatusBadge status={s.status} />
              </div>
              <p className="mt-1 break-all text-sm text-slate-600">/{s.slug} · {s.city}</p>
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-slate-600">{t("showrooms.console.list.manufacturers")}</dt>
                  <dd className="font-semibold">{t("showrooms.console.list.acceptedInvited", { accepted: s.accepted, invited: s.invited })}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("showrooms.console.list.booths")}</dt>
                  <dd className="font-semibold">{s.booths}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("showrooms.console.list.upcomingEvents")}</dt>
                  <dd className="font-semibold">{s.upcomingEvents}</dd>
                </div>
              </dl>
              <p className="mt-3 text-xs text-slate-600">
                {t("showrooms.console.list.languages", { languages: s.languages.map((l) => t(`showrooms.console.languages.${l}`)).join(", ") })} · {t("showrooms.console.list.updated", { date: formatDate(s.updatedAt, lang) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
