import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDocumentResponse } from "~/modules/export-agency/export-documents.server";
import { requireLang } from "~/modules/i18n/config";

/** The declaration's packing list (PDF, Chinese, English and the buyer's language): the agent or the owning manufacturer, else 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return exportDocumentResponse(request, requireLang(params), params.number, "packing");
}
