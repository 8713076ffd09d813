import { useTranslation } from "react-i18next";

export interface PlanRect {
  id: string;
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelY: number;
  occupied: boolean;
  manufacturer?: string | null;
}

/**
 * The hall plan drawn from the booths' rectangles (server-rendered SVG, no script): free booths outlined, taken
 * booths filled, each with its code; the selected booth (being edited) highlighted. Scales to the page's width.
 */
export function HallPlanSvg({ viewBox, rects, gridLines, selectedId, title }: { viewBox: string; rects: PlanRect[]; gridLines: { vertical: number[]; horizontal: number[] }; selectedId?: string | null; title: string }) {
  const { t } = useTranslation();
  const [, , width, height] = viewBox.split(" ").map(Number) as [number, number, number, number];
  const fontSize = Math.max(0.9, Math.min(width, height) / 24);
  return (
    <figure className="min-w-0">
      <svg viewBox={viewBox} role="img" aria-labelledby="hall-plan-title" className="h-auto w-full rounded-md border border-slate-300 bg-slate-50" preserveAspectRatio="xMidYMid meet">
        <title id="hall-plan-title">{title}</title>
        {gridLines.vertical.map((x) => (
          <line key={`v${x}`} x1={x} y1={0} x2={x} y2={height} stroke="#e2e8f0" strokeWidth={0.05} />
        ))}
        {gridLines.horizontal.map((y) => (
          <line key={`h${y}`} x1={0} y1={y} x2={width} y2={y} stroke="#e2e8f0" strokeWidth={0.05} />
        ))}
        {rects.map((r) => (
          <g key={r.id}>
            <rect
              x={r.x + 0.1}
              y={r.y + 0.1}
              width={r.width - 0.2}
              height={r.height - 0.2}
              rx={0.3}
              fill={r.occupied ? "#dbeafe" : "#ffffff"}
              stroke={r.id === selectedId ? "#b45309" : r.occupied ? "#1d4ed8" : "#64748b"}
              strokeWidth={r.id === selectedId ? 0.35 : 0.15}
              strokeDasharray={r.occupied ? undefined : "0.5 0.3"}
            />
            <text x={r.labelX} y={r.labelY} textAnchor="middle" dominantBaseline="central" fontSize={fontSize} fontWeight={700} fill="#0f172a">
              {r.code}
            </text>
            {r.manufacturer && r.height >= 4 ? (
              <text x={r.labelX} y={r.labelY + fontSize * 1.2} textAnchor="middle" dominantBaseline="central" fontSize={fontSize * 0.6} fill="#334155">
                {r.manufacturer.length > 18 ? `${r.manufacturer.slice(0, 17)}…` : r.manufacturer}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-4 rounded-sm border border-blue-700 bg-blue-100" /> {t("showrooms.console.plan.legendTaken")}
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-4 rounded-sm border border-dashed border-slate-500 bg-white" /> {t("showrooms.console.plan.legendFree")}
        </span>
      </figcaption>
    </figure>
  );
}
