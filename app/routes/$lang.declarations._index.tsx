import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeclarationStatusBadge } from "~/components/declarations/status-badge";
import { pageTitle } from "~/components/meta";
import { requireDeclarationsManufacturer } from "~/modules/export-agency/agency-access.server";
import { presentManufacturerDeclarations } from "~/modules/export-agency/declarations-presenter.server";
import { requireLang } from "~/modules/i18n/config";

export const meta: MetaFunction = (args) => pageTitle(args, "agency.manufacturer.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireDeclarationsManufacturer(request, lang);
  return { lang, rows: await presentManufacturerDeclarations(context.scoped, lang) };
}

export default function ManufacturerDeclarations() {
  const { t } = useTranslation();
  const { lang, rows } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("agency.manufacturer.title")}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t("agency.manufacturer.intro")}</p>
      {rows.length === 0 ? (
        <div className="card mt-6 p-6 text-center text-slate-700">
          <p className="font-semibold">{t("agency.manufacturer.empty")}</p>
          <p className="mt-1 text-sm">{t("agency.manufacturer.emptyHint")}</p>
        </div>
      ) : (
        <ul className="mt-6 space-y-3">
          {rows.map((row) => (
            <li key={row.number} className="card flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="min-w-0">
                <Link to={`/${lang}/declarations/${row.number}`} className="font-mono font-semibold underline">
                  {row.number}
                </Link>
                <p className="text-sm text-slate-700">
                  {t(`agency.mode.${row.mode}`)} · <span className="font-mono">{row.subject}</span> · {row.created}
                </p>
              </div>
              <DeclarationStatusBadge status={row.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
