import { useTranslation } from "react-i18next";

export interface RebateMonthBar {
  month: string;
  label: string;
  cleared: string;
  pending: string;
  clearedCount: number;
  pendingCount: number;
  /** Percent of the longest month's bar (cleared + pending). */
  clearedShare: number;
  pendingShare: number;
}

/**
 * Rebate estimates by month of export as horizontal bars (cleared solid, pending striped), drawn as SVG on the server
 * like the stock chart: no chart library, nothing to hydrate. The bars are hidden from assistive technology; the
 * table beside them carries the same figures.
 */
export function RebateByMonthChart({ months }: { months: RebateMonthBar[] }) {
  const { t } = useTranslation();
  return (
    <figure aria-labelledby="rebate-chart-title" data-testid="rebate-chart">
      <figcaption>
        <h3 id="rebate-chart-title" className="font-semibold">
          {t("exportmoney.maker.chartTitle")}
        </h3>
      </figcaption>
      <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-3.5 w-3.5 rounded-sm bg-brand-600" />
          {t("exportmoney.maker.cleared")}
        </li>
        <li className="flex items-center gap-1.5">
          <svg width="14" height="14" className="rounded-sm border border-brand-600">
            <Stripes id="rebate-legend-stripes" />
            <rect width="14" height="14" fill="url(#rebate-legend-stripes)" />
          </svg>
          {t("exportmoney.maker.pending")}
        </li>
      </ul>
      <div className="mt-3 space-y-2" aria-hidden="true">
        {months.map((m) => (
          <div key={m.month} className="grid grid-cols-1 gap-1 sm:grid-cols-[8rem_1fr] sm:items-center sm:gap-3">
            <div className="text-sm text-slate-800">{m.label}</div>
            <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-5 w-full rounded bg-slate-100">
              <Stripes id={`rebate-stripes-${m.month}`} />
              <rect x={0} y={0} width={m.clearedShare} height={8} fill="#165bb5" />
              <rect x={m.clearedShare} y={0} width={m.pendingShare} height={8} fill={`url(#rebate-stripes-${m.month})`} stroke="#165bb5" strokeWidth={0.3} vectorEffect="non-scaling-stroke" />
            </svg>
          </div>
        ))}
      </div>
    </figure>
  );
}

function Stripes({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="4" height="4" fill="#dbeafe" />
        <line x1="0" y1="0" x2="0" y2="4" stroke="#165bb5" strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}
