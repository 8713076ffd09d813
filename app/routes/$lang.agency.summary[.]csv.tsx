import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireExportAgent } from "~/modules/export-agency/agency-access.server";
import { parseMonth, previousChinaMonth } from "~/modules/export-agency/summary-groups";
import { monthlySummary, summaryCsv } from "~/modules/export-agency/summary.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";

/** The monthly summary declaration as CSV (agent only), header in the page's language; a bad month is a 400. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  await requireExportAgent(request, lang);
  const t = serverT(lang);
  const raw = new URL(request.url).searchParams.get("month");
  const month = raw === null || raw.trim() === "" ? previousChinaMonth(new Date()) : parseMonth(raw);
  if (!month) return new Response(t("customs.summary.invalidMonth"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const summary = await monthlySummary(month);
  const fileName = `${t("customs.summary.fileName")}-${summary.month}.csv`;
  return new Response(summaryCsv(summary, t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
