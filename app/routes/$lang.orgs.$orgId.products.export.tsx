import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportProductsResponse, rejectedRowsResponse, templateResponse, type SheetFormat } from "~/modules/catalog/export.server";
import { getCatalogImport } from "~/modules/catalog/import.server";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { requireOrganization } from "~/modules/tenancy/access.server";

/**
 * Spreadsheet downloads of the catalog (a resource route: files, no page):
 *   ?format=csv|xlsx             the organization's products, in the import's layout
 *   ?format=csv|xlsx&template=1  the empty template with an example row (XLSX: and a sheet explaining each column)
 *   ?import=<id>                 the rejected rows of an import, with the reasons in the page's language (CSV)
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "organization:read");
  if (context.organization.kind !== "MANUFACTURER") notFound();
  const t = serverT(lang);
  const url = new URL(request.url);

  const importId = url.searchParams.get("import");
  if (importId !== null) {
    const found = await getCatalogImport(context.scoped, requireUuid(importId));
    if (!found) notFound();
    return rejectedRowsResponse(found.rowErrors, t, found.id);
  }

  const format = url.searchParams.get("format") ?? "xlsx";
  if (format !== "csv" && format !== "xlsx") {
    return new Response(t("errors.badRequest.body"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (url.searchParams.get("template") === "1") return templateResponse(format as SheetFormat, t);
  return exportProductsResponse(context.scoped, context.organization.id, format as SheetFormat, t);
}
