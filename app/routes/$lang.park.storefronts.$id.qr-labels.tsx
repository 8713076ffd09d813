import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { requireLang } from "~/modules/i18n/config";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { collectLabels } from "~/modules/showrooms/qr-labels.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.qr.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const collected = await collectLabels(context.operator, storefront.id);
  const labels = collected?.labels ?? [];
  const booths = [...new Set(labels.map((l) => l.boothCode))].map((code) => ({
    code,
    products: labels.filter((l) => l.kind === "product" && l.boothCode === code).length,
    url: labels.find((l) => l.kind === "booth" && l.boothCode === code)?.url ?? "",
  }));
  return { lang, storefrontId: storefront.id, booths, total: labels.length, productsWithoutBooth: collected?.productsWithoutBooth ?? 0 };
}

export default function QrLabels() {
  const { t } = useTranslation();
  const { lang, storefrontId, booths, total, productsWithoutBooth } = useLoaderData<typeof loader>();
  const pdf = `/${lang}/park/storefronts/${storefrontId}/qr-labels.pdf`;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold">{t("showrooms.console.qr.title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("showrooms.console.qr.intro")}</p>
      </div>
      {booths.length === 0 ? (
        <p className="card text-sm text-slate-700">{t("showrooms.console.qr.noBooths")}</p>
      ) : (
        <>
          <p>
            <a href={pdf} className="btn-primary" download>
              {t("showrooms.console.qr.downloadAll", { count: total })}
            </a>
          </p>
          {productsWithoutBooth ? <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">{t("showrooms.console.qr.withoutBooth", { count: productsWithoutBooth })}</p> : null}
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {booths.map((b) => (
              <li key={b.code} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="font-semibold">{t("showrooms.console.qr.boothLine", { code: b.code })}</p>
                  <p className="text-sm text-slate-600">{t("showrooms.console.qr.productLabels", { count: b.products })}</p>
                  <p className="break-all text-xs text-slate-600">{b.url}</p>
                </div>
                <a href={`${pdf}?booth=${encodeURIComponent(b.code)}`} className="btn-secondary" download>
                  {t("showrooms.console.qr.downloadBooth", { code: b.code })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
