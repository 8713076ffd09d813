import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms";
import type { LandedView } from "~/modules/export-agency/landed-cost.server";
import { LandedCostBreakdown } from "./landed-cost-panel";

const TERMS = ["DDP", "DAP", "CIF", "FOB"] as const;

/** The product page's landed-cost section: the breakdown, and a GET form to see it under another Incoterm. */
export function LandedCostSection({ view, quantity }: { view: LandedView; quantity: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="landed-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="landed-section">
      <h2 id="landed-title" className="text-base font-semibold">
        {t("landed.title")}
      </h2>
      {view.status !== "no_country" ? (
        <Form method="get" className="mt-2 flex flex-wrap items-end gap-2" preventScrollReset>
          <input type="hidden" name="quantity" value={quantity} />
          <SelectField
            key={view.incoterm}
            label={t("landed.incoterm")}
            name="incoterm"
            defaultValue={view.incoterm}
            options={TERMS.map((term) => ({ value: term, label: t(`landed.incoterms.${term}`) }))}
          />
          <button type="submit" className="btn-secondary">
            {t("landed.recalculate")}
          </button>
        </Form>
      ) : null}
      <div className="mt-2">
        <LandedCostBreakdown view={view} headingId="landed-title" />
      </div>
    </section>
  );
}
