import { useId } from "react";
import { useTranslation } from "react-i18next";

export interface WarehouseBar {
  id: string;
  city: string;
  code: string;
  available: number;
  reserved: number;
  inbound: number;
  /** The same figures formatted in the page's language (by the loader). */
  labels: { available: string; reserved: string; inbound: string; onHand: string };
}

const SERIES = [
  { key: "available", fill: "#165bb5", swatch: "bg-brand-600" },
  { key: "reserved", fill: "#d97706", swatch: "bg-amber-600" },
  { key: "inbound", fill: "", swatch: "" },
] as const;

/**
 * Stock by warehouse as horizontal stacked bars (available, reserved, on its way), drawn as SVG on the server: no
 * chart library, nothing to hydrate, readable without JavaScript and on a phone. The bars are decorative for
 * assistive technology (aria-hidden): the same figures are in a table that screen readers read instead, and the
 * visible numbers beside each bar. "On its way" is striped, not only coloured.
 */
export function StockByWarehouseChart({ bars }: { bars: WarehouseBar[] }) {
  const { t } = useTranslation();
  // useId's ":r1:" is not a safe fragment in url(#…).
  const id = `chart${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const max = Math.max(1, ...bars.map((b) => b.available + b.reserved + b.inbound));
  const label = (key: (typeof SERIES)[number]["key"]) => t(`inventory.dashboard.${key}`);
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} data-testid="stock-chart">
      <figcaption>
        <h3 id={`${id}-title`} className="text-lg font-semibold">
          {t("inventory.dashboard.chartTitle")}
        </h3>
        <p id={`${id}-description`} className="text-sm text-slate-600">
          {t("inventory.dashboard.chartDescription")}
        </p>
      </figcaption>
      <ul className="mt-3 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            {s.key === "inbound" ? (
              <svg width="14" height="14" className="rounded-sm border border-brand-600">
                <Stripes id={`${id}-legend`} />
                <rect width="14" height="14" fill={`url(#${id}-legend)`} />
              </svg>
            ) : (
              <span className={`inline-block h-3.5 w-3.5 rounded-sm ${s.swatch}`} />
            )}
            {label(s.key)}
          </li>
        ))}
      </ul>
      <div className="mt-4 space-y-3" aria-hidden="true">
        {bars.map((bar) => {
          const patternId = `${id}-stripes-${bar.code}`;
          let x = 0;
          const segments = SERIES.map((s) => {
            const value = bar[s.key];
            const width = (value / max) * 100;
            const segment = { key: s.key, x, width, fill: s.key === "inbound" ? `url(#${patternId})` : s.fill };
            x += width;
            return segment;
          }).filter((s) => s.width > 0);
          return (
            <div key={bar.id} className="grid grid-cols-1 gap-1 sm:grid-cols-[9rem_1fr_auto] sm:items-center sm:gap-3">
              <div className="text-sm font-medium text-slate-800">
                {bar.city} <span className="font-mono text-xs text-slate-500">{bar.code}</span>
              </div>
              <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-6 w-full overflow-visible rounded bg-slate-100">
                <Stripes id={patternId} />
                {segments.map((s) => (
                  <rect key={s.key} x={s.x} y={0} width={s.width} height={8} fill={s.fill} stroke={s.key === "inbound" ? "#165bb5" : "none"} strokeWidth={s.key === "inbound" ? 0.3 : 0} vectorEffect="non-scaling-stroke" />
                ))}
              </svg>
              <div className="whitespace-nowrap text-xs text-slate-700">
                <span className="font-semibold text-brand-700">{bar.labels.available}</span> · <span className="text-amber-800">{bar.labels.reserved}</span> · <span className="text-slate-600">+{bar.labels.inbound}</span>
              </div>
            </div>
          );
        })}
      </div>
      {/* A table will not shrink to sr-only's 1 px: the clipping box around it keeps it from widening the page. */}
      <div className="sr-only">
        <table>
          <caption>{t("inventory.dashboard.chartTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("inventory.dashboard.warehouse")}</th>
              <th scope="col">{t("inventory.dashboard.onHand")}</th>
              <th scope="col">{t("inventory.dashboard.available")}</th>
              <th scope="col">{t("inventory.dashboard.reserved")}</th>
              <th scope="col">{t("inventory.dashboard.inbound")}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.id}>
                <th scope="row">{bar.city}</th>
                <td>{bar.labels.onHand}</td>
                <td>{bar.labels.available}</td>
                <td>{bar.labels.reserved}</td>
                <td>{bar.labels.inbound}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Stripes({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="3" height="3" fill="#d9eaff" />
        <line x1="0" y1="0" x2="0" y2="3" stroke="#165bb5" strokeWidth="1.2" />
      </pattern>
    </defs>
  );
}
