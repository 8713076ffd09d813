import { useTranslation } from "react-i18next";
import type { LandedView } from "~/modules/export-agency/landed-cost.server";

/**
 * A landed-cost estimate as a buyer reads it: each duty, fee and tax with its base, rate and amount (recoverable ones
 * marked), the totals, who pays, the FX rate and date used, and the word "estimate" said plainly. When there is no
 * estimate it says why, in one sentence.
 */
export function LandedCostBreakdown({ view, headingId, heading, compact = false }: { view: LandedView; headingId: string; heading?: string; compact?: boolean }) {
  const { t } = useTranslation();
  // In a narrow column (checkout's summary) the base goes under the label at every width, as on a phone.
  const wide = compact ? "hidden" : "hidden sm:table-cell";
  const narrow = compact ? "block" : "block sm:hidden";
  return (
    <div data-testid="landed-cost" data-status={view.status}>
      {heading ? (
        <h4 id={headingId} className="text-sm font-semibold">
          {heading}
        </h4>
      ) : null}
      {view.destination ? <p className="text-xs text-slate-600">{t("landed.forPlace", { destination: view.destination, incoterm: view.incoterm })}</p> : null}
      {view.status !== "ok" ? (
        <p className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="landed-unavailable">
          {view.message}
        </p>
      ) : (
        <>
          <table className="mt-2 w-full text-sm" data-testid="landed-lines">
            <caption className="sr-only">{t("landed.title")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("landed.columns.tax")}
                </th>
                <th scope="col" className={`${wide} py-1 pr-2 text-right font-medium`}>
                  {t("landed.columns.base")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">
                  {t("landed.columns.rate")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {t("landed.columns.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((l) => (
                <tr key={l.key} className="border-b border-slate-100 align-top" data-testid="landed-line">
                  <th scope="row" className="py-1 pr-2 text-left font-normal">
                    {l.label}
                    {l.recoverable ? <span className="badge ml-1 bg-emerald-100 text-emerald-900">{t("landed.recoverable")}</span> : null}
                    {l.base ? <span className={`${narrow} text-xs text-slate-600`}>{`${t("landed.columns.base")}: ${l.base}`}</span> : null}
                  </th>
                  <td className={`${wide} py-1 pr-2 text-right tabular-nums`}>{l.base ?? "—"}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{l.rate}</td>
                  <td className="py-1 text-right tabular-nums">{l.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("landed.goods")}</dt>
            <dd className="text-right tabular-nums">{view.goods}</dd>
            <dt className="text-slate-600">{t("landed.freight")}</dt>
            <dd className="text-right tabular-nums">{view.freight}</dd>
            <dt className="text-slate-600">{t("landed.customsValue")}</dt>
            <dd className="text-right tabular-nums">{view.customsValue}</dd>
            {view.destinationCharges ? (
              <>
                <dt className="text-slate-600">{t("landed.destinationCharges")}</dt>
                <dd className="text-right tabular-nums">{view.destinationCharges}</dd>
              </>
            ) : null}
            <dt className="font-semibold">{t("landed.landed")}</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="landed-total">
              {view.landed}
            </dd>
            {view.recoverable ? (
              <>
                <dt className="text-slate-600">{t("landed.recoverableTotal")}</dt>
                <dd className="text-right tabular-nums">{view.recoverable}</dd>
                <dt className="text-slate-600">{t("landed.netOfRecoverable")}</dt>
                <dd className="text-right tabular-nums" data-testid="landed-net">
                  {view.netOfRecoverable}
                </dd>
              </>
            ) : null}
          </dl>
          <p className="mt-2 text-xs text-slate-700">{view.paidBy}</p>
          {view.recoverable ? <p className="mt-1 text-xs text-slate-600">{t("landed.recoverableNote")}</p> : null}
          <p className="mt-1 text-xs text-slate-600" data-testid="landed-basis">
            {view.basis}
          </p>
        </>
      )}
      <p className="mt-2 text-xs font-medium text-amber-900">{t("landed.estimateNote")}</p>
    </div>
  );
}
