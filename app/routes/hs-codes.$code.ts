import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsSubheading } from "~/modules/catalog/hs-nomenclature.server";

/**
 * The HS 2022 description of a 6-digit code, for the product editor's live hint: public reference data (the WCO
 * nomenclature, English), the same for everyone, so cached. 404 when HS 2022 has no such subheading.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").normalize("NFKC").replace(/[\s.\-]/g, "");
  const entry = /^\d{6}(\d{4})?$/.test(code) ? hsSubheading(code) : null;
  const headers = { "Cache-Control": "public, max-age=86400" };
  if (!entry) return Response.json({ known: false, code: code.slice(0, 6) }, { status: 404, headers });
  return Response.json({ known: true, ...entry }, { headers });
}
