import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/components/meta";
import { TradeCards } from "~/components/dashboard/trade-cards";
import { pendingVerificationCount } from "~/modules/tenancy/verification.server";
import { agentFlag } from "~/modules/export-agency/agency-access.server";
import { declarationStatusCounts } from "~/modules/export-agency/agency-dashboard.server";
import { formatNumber } from "~/modules/i18n/format";
import { VerificationBadge } from "~/components/verification-badge";
import { ParkCard } from "~/components/showrooms/console/park-dashboard-card";
import { requireLang } from "~/modules/i18n/config";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { organizationOverview } from "~/modules/tenancy/overview.server";
import { countProductsByStatus } from "~/modules/catalog/products.server";
import { tradeDashboard } from "~/modules/ordering/dashboard.server";
import { manufacturerShowrooms, parkDashboard } from "~/modules/showrooms/dashboard.server";

export const meta: MetaFunction = (args) => pageTitle(args, "organizations.tabs.dashboard");

/**
 * The cards of each kind of organization (orders and quotes: TradeCards). Each shows real figures or leads to a page
 * that exists: a park operator's are its storefronts, events, insight and QR labels (app/modules/showrooms).
 */
const AREAS = {
  MANUFACTURER: ["products", "stock", "settlement", "showrooms"],
  BUYER: ["browse", "shipments", "landedCost"],
  PARK_OPERATOR: ["storefronts", "events", "insight", "qrLabels"],
  PLATFORM: ["verification", "declarations", "warehouses", "referenceData"],
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId);
  const platform = context.organization.kind === "PLATFORM";
  const [overview, productCounts, trade, pendingVerifications, declarations, agent, park, showrooms] = await Promise.all([
    organizationOverview(context.scoped, context.organization.id),
    context.organization.kind === "MANUFACTURER" ? countProductsByStatus(context.scoped) : null,
    tradeDashboard(context, lang),
    platform ? pendingVerificationCount() : null,
    platform ? declarationStatusCounts() : null,
    platform ? agentFlag(context) : false,
    context.organization.kind === "PARK_OPERATOR" ? parkDashboard(context.organization.id) : null,
    context.organization.kind === "MANUFACTURER" ? manufacturerShowrooms(context.scoped) : null,
  ]);
  // The verification desk is for the platform's owners and admins (a 404 to other members).
  const verification = pendingVerifications === null ? null : { pending: pendingVerifications, canDecide: context.membership.role === "OWNER" || context.membership.role === "ADMIN" };
  const customs = declarations ? { counts: declarations, agent } : null;
  return { lang, kind: context.organization.kind, overview, productCounts, trade, verification, customs, park, showrooms, organizationId: context.organization.id };
}

export default function OrganizationDashboard() {
  const { t } = useTranslation();
  const { lang, kind, overview, productCounts, trade, verification, customs, park, showrooms } = useLoaderData<typeof loader>();
  const buyerOrders = trade && trade.kind === "BUYER" ? trade.orders.byStatus : null;
  const productTotal = productCounts ? productCounts.DRAFT + productCounts.PUBLISHED + productCounts.UNPUBLISHED : 0;
  const base = `/${lang}/orgs/${overview.id}`;
  return (
    <div className="space-y-8">
      <section className="grid gap-4 sm:grid-cols-3" aria-label={t("dashboard.summary")}>
        <div className="card">
          <p className="text-sm text-slate-600">{t("dashboard.verification")}</p>
          <p className="mt-2">
            <VerificationBadge status={overview.verificationStatus} />
          </p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">{t("dashboard.members")}</p>
          <p className="mt-1 text-3xl font-bold">{overview.memberCount}</p>
          {overview.openInvitations > 0 ? <p className="text-xs text-slate-600">{t("dashboard.pendingInvitations", { count: overview.openInvitations })}</p> : null}
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">{t("dashboard.profile")}</p>
          <div className="mt-2 h-2 w-full rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={overview.profileCompleteness} aria-label={t("dashboard.profile")}>
            <div className="h-2 rounded-full bg-brand-600" style={{ width: `${overview.profileCompleteness}%` }} />
          </div>
          <p className="mt-1 text-sm">
            {overview.profileCompleteness}% ·{" "}
            <Link to={`${base}/settings`} className="link">
              {t("dashboard.completeProfile")}
            </Link>
          </p>
        </div>
      </section>
      <section aria-labelledby="areas">
        <h2 id="areas" className="text-xl font-semibold">
          {t(`dashboard.kinds.${kind}.title`)}
        </h2>
        <p className="mt-1 text-slate-700">{t(`dashboard.kinds.${kind}.intro`)}</p>
        {trade ? (
          <div className="mt-4">
            <TradeCards lang={lang} data={trade} />
          </div>
        ) : null}
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          {AREAS[kind].map((area) =>
            area === "products" && productCounts ? (
              <article key={area} className={`card ${productTotal ? "" : "border-dashed"}`} data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                {productTotal ? (
                  <p className="mt-1 text-sm text-slate-700" data-testid="product-counts">
                    {t("console.dashboard.summary", { published: productCounts.PUBLISHED, drafts: productCounts.DRAFT, unpublished: productCounts.UNPUBLISHED })}
                  </p>
                ) : (
                  <p className="mt-1 text-sm text-slate-700">{t(`dashboard.areas.${area}.empty`)}</p>
                )}
                <p className="mt-3">
                  <Link to={productTotal ? `${base}/products` : `${base}/products/new`} className="link text-sm">
                    {productTotal ? t("console.dashboard.manage") : t("console.dashboard.addFirst")}
                  </Link>
                </p>
              </article>
            ) : area === "stock" && kind === "MANUFACTURER" ? (
              <article key={area} className={`card ${overview.openStockAlerts ? "border-amber-300" : ""}`} data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className={`mt-1 text-sm ${overview.openStockAlerts ? "font-medium text-amber-900" : "text-slate-700"}`} data-testid="stock-alert-count">
                  {overview.openStockAlerts ? t("inventory.overview.alerts", { count: overview.openStockAlerts }) : t("inventory.overview.noAlerts")}
                </p>
                {overview.inboundOnTheWay ? <p className="text-sm text-slate-700">{t("inventory.overview.onTheWay", { count: overview.inboundOnTheWay })}</p> : null}
                <p className="mt-3">
                  <Link to={`${base}/inventory`} className="link text-sm">
                    {t("inventory.overview.open")}
                  </Link>
                </p>
              </article>
            ) : area === "verification" && verification ? (
              <article key={area} className={`card ${verification.pending ? "border-amber-300" : ""}`} data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className="mt-1 text-sm text-slate-700" data-testid="verification-pending">
                  {verification.pending ? t("trust.desk.waiting", { count: verification.pending }) : t("trust.desk.empty")}
                </p>
                {verification.canDecide ? (
                  <p className="mt-3">
                    <Link to={`/${lang}/platform/verifications`} className="link text-sm">
                      {t("trust.desk.openDesk")}
                    </Link>
                  </p>
                ) : null}
              </article>
            ) : area === "settlement" || area === "referenceData" ? (
              <article key={area} className="card" data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                {area === "referenceData" ? <p className="mt-1 text-sm text-slate-700">{t("dashboard.areas.referenceData.empty")}</p> : null}
                <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
                  {area === "settlement" ? (
                    <Link to={`/${lang}/export/money`} className="link">
                      {t("exportmoney.dashboard.money")}
                    </Link>
                  ) : (
                    <>
                      <Link to={`/${lang}/agency/settlements`} className="link">
                        {t("exportmoney.dashboard.settlements")}
                      </Link>
                      <Link to={`/${lang}/platform/rebate-rates`} className="link">
                        {t("exportmoney.dashboard.rates")}
                      </Link>
                    </>
                  )}
                </p>
              </article>
            ) : area === "declarations" && customs ? (
              <article key={area} className="card" data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className="mt-1 text-sm text-slate-700" data-testid="declaration-counts">
                  {t("dashboard.areas.declarations.counts", {
                    draft: formatNumber((customs.counts.DRAFT ?? 0) + (customs.counts.VALIDATED ?? 0), lang),
                    customs: formatNumber((customs.counts.SUBMITTED ?? 0) + (customs.counts.RELEASED ?? 0), lang),
                    cleared: formatNumber(customs.counts.CLEARED ?? 0, lang),
                  })}
                </p>
                {customs.agent ? (
                  <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
                    <Link to={`/${lang}/agency/declarations`} className="link">
                      {t("dashboard.areas.declarations.open")}
                    </Link>
                    <Link to={`/${lang}/agency/summary`} className="link">
                      {t("dashboard.areas.declarations.summary")}
                    </Link>
                  </p>
                ) : null}
              </article>
            ) : area === "warehouses" ? (
              <article key={area} className="card" data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className="mt-1 text-sm text-slate-700">{t("dashboard.areas.warehouses.body")}</p>
                <p className="mt-3">
                  <Link to={`${base}/warehouses`} className="link text-sm">
                    {t("dashboard.areas.warehouses.open")}
                  </Link>
                </p>
              </article>
            ) : (area === "storefronts" || area === "events" || area === "insight" || area === "qrLabels") && park ? (
              <ParkCard key={area} area={area} lang={lang} park={park} />
            ) : area === "showrooms" && showrooms ? (
              <article key={area} className={`card ${showrooms.invited ? "border-sky-300" : ""}`} data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t("showrooms.console.dashboard.showrooms.title")}</h3>
                <p className="mt-1 text-sm text-slate-700">{t("showrooms.console.dashboard.showrooms.body", { invited: showrooms.invited, accepted: showrooms.accepted })}</p>
                <p className="mt-3">
                  <Link to={`/${lang}/showroom-invitations`} className="link text-sm">
                    {t("showrooms.console.dashboard.showrooms.open")}
                  </Link>
                </p>
              </article>
            ) : area === "shipments" ? (
              <article key={area} className="card" data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className="mt-1 text-sm text-slate-700" data-testid="shipment-counts">
                  {t("dashboard.areas.shipments.counts", { shipped: formatNumber(buyerOrders?.SHIPPED ?? 0, lang), delivered: formatNumber(buyerOrders?.DELIVERED ?? 0, lang) })}
                </p>
                <p className="mt-3">
                  <Link to={`/${lang}/orders?status=SHIPPED`} className="link text-sm">
                    {t("dashboard.areas.shipments.open")}
                  </Link>
                </p>
              </article>
            ) : (
              // browse, landedCost: what the buyer (or the park) can do today, and where.
              <article key={area} className="card" data-testid={`area-${area}`}>
                <h3 className="font-semibold">{t(`dashboard.areas.${area}.title`)}</h3>
                <p className="mt-1 text-sm text-slate-700">{t(`dashboard.areas.${area}.body`)}</p>
                <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
                  <Link to={`/${lang}/products`} className="link">
                    {t(`dashboard.areas.${area}.open`)}
                  </Link>
                  {area === "browse" && kind === "BUYER" ? (
                    <Link to={`/${lang}/products?nearStock=1`} className="link">
                      {t("dashboard.areas.browse.nearStock")}
                    </Link>
                  ) : null}
                </p>
              </article>
            ),
          )}
        </div>
      </section>
    </div>
  );
}
