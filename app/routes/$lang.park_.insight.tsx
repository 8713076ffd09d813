import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/meta";
import { InsightDashboard } from "~/components/showrooms/insight/insight-dashboard";
import { requireLang } from "~/modules/i18n/config";
import { insightReport, presentInsight, readInsightQuery, requireInsightViewer } from "~/modules/showrooms/insight.server";

/** The park operator's showroom insight: its storefronts and events, every manufacturer in them, counts only. */
export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.insight.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireInsightViewer(request, lang, "operator");
  const report = await insightReport(viewer, readInsightQuery(new URL(request.url)), lang);
  return { view: presentInsight(report, lang, "operator", `/${lang}/park/insight`) };
}

export default function ParkInsight() {
  const { view } = useLoaderData<typeof loader>();
  return <InsightDashboard view={view} />;
}
