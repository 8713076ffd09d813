import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeclarationBody, DeclarationHeader, type DeclarationViewData } from "~/components/declarations/declaration-view";
import { pageTitle } from "~/components/meta";
import { requireDeclarationViewer } from "~/modules/export-agency/agency-access.server";
import { presentDeclaration } from "~/modules/export-agency/declarations-presenter.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";

export const meta: MetaFunction = (args) => pageTitle(args, "agency.declaration.pageTitle");

/** The manufacturer's read-only view of its own declaration (an agent opening it sees the same, without forms). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const { declarationId, viewer } = await requireDeclarationViewer(request, lang, params.number);
  const view = await presentDeclaration(lang, declarationId, "manufacturer");
  if (!view) notFound();
  return { lang, view, agentDesk: viewer === "agent" ? `/${lang}/agency/declarations/${view.number}` : null };
}

export default function ManufacturerDeclaration() {
  const { t } = useTranslation();
  const { lang, view, agentDesk } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <p className="mb-3 text-sm">
        <Link to={agentDesk ?? `/${lang}/declarations`} className="underline">
          {agentDesk ? t("agency.manufacturer.openDesk") : t("agency.manufacturer.back")}
        </Link>
      </p>
      <DeclarationHeader view={view as DeclarationViewData} />
      <p className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">{t("agency.manufacturer.readOnly")}</p>
      <div className="mt-4">
        <DeclarationBody lang={lang} view={view as DeclarationViewData} agent={false} />
      </div>
    </div>
  );
}
