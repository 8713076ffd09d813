import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLang } from "~/modules/i18n/config";
import { insightCsv, insightCsvFileName } from "~/modules/showrooms/insight-csv.server";
import { insightReport, readInsightQuery, requireInsightViewer } from "~/modules/showrooms/insight.server";

/** A manufacturer.s insight as CSV, for the same range and filters as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireInsightViewer(request, lang, "manufacturer");
  const report = await insightReport(viewer, readInsightQuery(new URL(request.url)), lang);
  return new Response(insightCsv(report, lang), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${insightCsvFileName(report)}"`, "Cache-Control": "private, no-store" },
  });
}
