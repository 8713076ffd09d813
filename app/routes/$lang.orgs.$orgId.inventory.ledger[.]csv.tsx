import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { warehouseCity } from "~/modules/inventory/cities";
import { ledgerCsvResponse, ledgerFilterFrom } from "~/modules/inventory/ledger-export.server";

/** The ledger page's filter (same query string) as a CSV download, header in the page's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  const filter = ledgerFilterFrom(new URL(request.url).searchParams);
  const fileName = `${t("inventory.ledger.fileName")}-${new Date().toISOString().slice(0, 10)}.csv`;
  return ledgerCsvResponse(context.scoped, filter, { lang, t, cityOf: (w) => warehouseCity(t, w), fileName });
}
