import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/meta";
import { InsightDashboard } from "~/components/showrooms/insight/insight-dashboard";
import { requireLang } from "~/modules/i18n/config";
import { insightReport, presentInsight, readInsightQuery, requireInsightViewer } from "~/modules/showrooms/insight.server";

/** A manufacturer.s own booths: the same insight, scoped to what is about it. */
export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.insight.makerTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const viewer = await requireInsightViewer(request, lang, "manufacturer");
  const report = await insightReport(viewer, readInsightQuery(new URL(request.url)), lang);
  return { view: presentInsight(report, lang, "manufacturer", `/${lang}/leads/insight`) };
}

export default function BoothInsight() {
  const { view } = useLoaderData<typeof loader>();
  return <InsightDashboard view={view} />;
}
