import { useTranslation } from "react-i18next";
import type { CheckoutLanded } from "~/modules/export-agency/landed-cost.server";
import { LandedCostBreakdown } from "./landed-cost-panel";

/**
 * The checkout's import duties and taxes: one estimate per order, following the term chosen for each Zhuhai order
 * (the estimates for every term come with the page, so changing the term needs no request).
 */
export function CheckoutLandedCosts({ landed, originManufacturers, chosen }: { landed: CheckoutLanded[]; originManufacturers: { id: string; groupKey: string }[]; chosen: Record<string, string> }) {
  const { t } = useTranslation();
  if (!landed.length) return null;
  return (
    <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="checkout-landed-title" data-testid="checkout-landed">
      <h3 id="checkout-landed-title" className="text-base font-semibold">
        {t("landed.checkout.title")}
      </h3>
      <div className="mt-2 space-y-4 divide-y divide-slate-100">
        {landed.map((entry, i) => {
          const manufacturer = originManufacturers.find((m) => m.groupKey === entry.groupKey);
          const term = (manufacturer ? chosen[manufacturer.id] : undefined) ?? "FOB";
          const view = entry.terms[term as keyof CheckoutLanded["terms"]];
          const headingId = `landed-order-${i}`;
          return (
            <div key={entry.groupKey} className={i ? "pt-3" : ""} data-testid="checkout-landed-order" data-source={entry.source}>
              {entry.source === "warehouse" || !view ? (
                <>
                  <h4 className="text-sm font-semibold">{t("landed.checkout.order", { manufacturer: entry.manufacturerName })}</h4>
                  <p className="mt-1 text-sm text-slate-700">{t("landed.checkout.warehouse")}</p>
                </>
              ) : (
                <LandedCostBreakdown compact view={view} headingId={headingId} heading={t("landed.checkout.order", { manufacturer: entry.manufacturerName })} />
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
