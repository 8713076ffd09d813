import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import type { PlanBooth } from "~/modules/showrooms/public-storefronts.server";

/**
 * The hall plan as an SVG in the plan's own grid units (scales to any width): each booth a rectangle linking to its
 * page, labelled with its code; booths with a featured manufacturer are filled. A list follows for screen readers
 * and small screens, where rectangles are too small to tap.
 */
export function HallPlan({ width, height, booths }: { width: number; height: number; booths: PlanBooth[] }) {
  const { t } = useTranslation();
  if (booths.length === 0) return null;
  const fontSize = Math.max(0.6, Math.min(1.2, width / 40));
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="group" aria-labelledby="hall-plan-title" data-testid="hall-plan">
        <title id="hall-plan-title">{t("showrooms.public.planTitle")}</title>
        <rect x={0} y={0} width={width} height={height} fill="#f8fafc" stroke="#cbd5e1" strokeWidth={0.1} />
        {booths.map((booth) => (
          <Link key={booth.id} to={booth.href} aria-label={booth.exhibitor ? t("showrooms.public.boothWith", { code: booth.code, name: booth.exhibitor.name }) : t("showrooms.public.boothCode", { code: booth.code })}>
            <rect x={booth.x} y={booth.y} width={booth.width} height={booth.height} rx={0.2} fill={booth.exhibitor ? "#dbeafe" : "#f1f5f9"} stroke={booth.exhibitor ? "#1d4ed8" : "#94a3b8"} strokeWidth={0.12} className="hover:opacity-80" />
            <text x={booth.x + booth.width / 2} y={booth.y + booth.height / 2} textAnchor="middle" dominantBaseline="middle" fontSize={fontSize} fill="#0f172a" fontWeight={600}>
              {booth.code}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="mt-3">
        <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2" data-testid="booth-list">
          {booths.map((booth) => (
            <li key={booth.id} className="min-w-0">
              <Link to={booth.href} className="flex gap-2 rounded px-1 py-1 hover:bg-slate-50 hover:underline">
                <span className="shrink-0 font-semibold">{booth.code}</span>
                <span className="min-w-0 truncate text-slate-700">
                  {booth.exhibitor?.name ?? (booth.label ? <span lang={LOCALE_TAGS[booth.label.lang as Lang]}>{booth.label.value}</span> : t("showrooms.public.boothFree"))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
