import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLang } from "~/modules/i18n/config";
import { orderDocumentResponse } from "~/modules/ordering/documents.server";

/** The order's pro-forma invoice as a PDF in the buyer's language, from placement on; either party only (404 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return orderDocumentResponse(request, requireLang(params), params.number ?? "", "proforma");
}
