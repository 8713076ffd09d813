import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLang } from "~/modules/i18n/config";
import { orderDocumentResponse } from "~/modules/ordering/documents.server";

/** The order's commercial invoice as a PDF in the buyer's language, once paid or on terms (404 before); either party only (404 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return orderDocumentResponse(request, requireLang(params), params.number ?? "", "invoice");
}
