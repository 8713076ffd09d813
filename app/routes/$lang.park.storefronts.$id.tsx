import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsoleBreadcrumb, StorefrontTabs } from "~/components/showrooms/console/park-header";
import { StorefrontStatusBadge } from "~/components/showrooms/console/status-badge";
import { requireLang } from "~/modules/i18n/config";
import { localized } from "~/modules/showrooms/localized-text";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";

/** One storefront of the operator: its heading and tabs; another operator's storefront is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  return {
    lang,
    storefront: { id: storefront.id, slug: storefront.slug, status: storefront.status, name: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug },
  };
}

export default function StorefrontLayout() {
  const { t } = useTranslation();
  const { lang, storefront } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <ConsoleBreadcrumb lang={lang} current={storefront.name} />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 break-words text-2xl font-bold sm:text-3xl">{storefront.name}</h1>
        <StorefrontStatusBadge status={storefront.status} />
      </div>
      {storefront.status === "PUBLISHED" ? (
        <p className="mt-1 text-sm">
          <Link to={`/${lang}/showrooms/${storefront.slug}`} className="link" reloadDocument>
            {t("showrooms.console.details.viewPublic")}
          </Link>
        </p>
      ) : null}
      <StorefrontTabs lang={lang} storefrontId={storefront.id} />
      <div className="mt-6">
        <Outlet />
      </div>
    </div>
  );
}
