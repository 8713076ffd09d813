import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { WORLD_WIDTH, routeGeometry, worldBackgroundUrl, worldHeight, type RouteLegState } from "~/modules/logistics/geo";

export type { RouteLegState } from "~/modules/logistics/geo";

/** One leg of the route as the map needs it. `legStatesFromTimes` (geo.ts) derives state and progress from a leg's times. */
export interface RouteMapLeg {
  sequence: number;
  mode: "AIR" | "SEA" | "ROAD";
  fromLocode: string;
  fromName: string;
  toLocode: string;
  toName: string;
  /** completed: solid; current: solid up to the position, dashed after; planned: dashed. */
  state: RouteLegState;
  /** The current leg's progress, 0…1 (the position marker sits there); 0.5 when unknown. */
  progress?: number | null;
}

export interface RouteMapProps {
  legs: readonly RouteMapLeg[];
  /** The map's accessible name, e.g. "Route of SHP-2026-000123". */
  title: string;
  /** Where the shipment stands when it is not on a leg (e.g. held at a LOCODE); default: the end of the last completed leg. */
  currentLocode?: string | null;
  /** The route as an ordered text list under the map (default true): also what screen readers read. */
  showLegList?: boolean;
  className?: string;
}

const COLORS = { done: "#0f766e", planned: "#475569", position: "#c2410c", halo: "#ffffff", text: "#0f172a" } as const;

let cachedWorldHeight: number | undefined;

const r = (value: number) => Math.round(value * 100) / 100;

/**
 * A shipment's route on an offline world map: the countries come as one cached SVG image from the server
 * (/maps/world/…svg, never in the page's scripts), the legs are drawn over it as great-circle arcs in the same
 * projection, cropped to the route. Fits any width down to a phone's (the SVG scales; no sideways scrolling).
 */
export function RouteMap({ legs, title, currentLocode, showLegList = true, className }: RouteMapProps) {
  const { t } = useTranslation();
  const id = useId();
  // A class of this map's own: its label sizes are in its map units, which differ from one crop to another.
  const scope = `route-map-${id.replace(/[^a-zA-Z0-9]/g, "")}`;
  const geometry = useMemo(() => routeGeometry(legs, currentLocode), [legs, currentLocode]);
  cachedWorldHeight ??= worldHeight();
  const [vx, vy, vw, vh] = geometry.viewBox;
  const u = geometry.unit;
  const ordered = [...legs].sort((a, b) => a.sequence - b.sequence);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const currentLeg = ordered.find((leg) => leg.state === "current");
  const lastDone = [...ordered].reverse().find((leg) => leg.state === "completed");
  const nameOf = (code: string) => {
    for (const leg of ordered) {
      if (leg.fromLocode === code) return leg.fromName;
      if (leg.toLocode === code) return leg.toName;
    }
    return code;
  };

  const now = currentLeg
    ? t("logistics.routeMap.nowOnLeg", { from: currentLeg.fromName, to: currentLeg.toName })
    : currentLocode
      ? t("logistics.routeMap.nowAt", { place: nameOf(currentLocode) })
      : lastDone
        ? t(lastDone === last ? "logistics.routeMap.arrived" : "logistics.routeMap.nowAt", { place: lastDone.toName })
        : first
          ? t("logistics.routeMap.notStarted", { place: first.fromName })
          : "";
  const description = first
    ? `${t("logistics.routeMap.summary", { from: first.fromName, to: last.toName, count: ordered.length, completed: ordered.filter((l) => l.state === "completed").length })} ${now}`
    : t("logistics.routeMap.empty");

  return (
    <figure className={["space-y-2", className].filter(Boolean).join(" ")} data-testid="route-map">
      <svg
        viewBox={`${vx} ${vy} ${vw} ${vh}`}
        className={`${scope} block h-auto w-full max-w-full rounded-lg border border-slate-200 bg-sky-50`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {/* On a phone the map is ~360 px wide: labels and dots grow so they stay readable (sizes are in map units). */}
        <style>{`.${scope} .rm-label{font-size:${r(13 * u)}px;stroke-width:${r(3 * u)}px}.${scope} .rm-dot{r:${r(4 * u)}px}.${scope} .rm-pos{r:${r(5 * u)}px}.${scope} .rm-pos-halo{r:${r(9 * u)}px}@media (max-width:640px){.${scope} .rm-label{font-size:${r(22 * u)}px;stroke-width:${r(4.5 * u)}px}.${scope} .rm-dot{r:${r(6 * u)}px}.${scope} .rm-pos{r:${r(8 * u)}px}.${scope} .rm-pos-halo{r:${r(14 * u)}px}}`}</style>
        <image href={worldBackgroundUrl(geometry.center)} x={0} y={0} width={WORLD_WIDTH} height={cachedWorldHeight} preserveAspectRatio="none" />
        <g fill="none" strokeLinecap="round">
          {geometry.legs.map((leg) =>
            leg.path ? (
              <g key={leg.index} data-state={leg.state}>
                <path
                  d={leg.path}
                  stroke={leg.state === "completed" ? COLORS.done : COLORS.planned}
                  strokeWidth={(leg.state === "planned" ? 2 : 2.5) * u}
                  strokeDasharray={leg.state === "completed" ? undefined : `${5 * u} ${4 * u}`}
                />
                {leg.travelledPath ? <path d={leg.travelledPath} stroke={COLORS.done} strokeWidth={2.5 * u} /> : null}
              </g>
            ) : null,
          )}
        </g>
        {geometry.markers.map((marker) => {
          const name = marker.role === "origin" ? first?.fromName : marker.role === "destination" ? last?.toName : undefined;
          const leftHalf = marker.x < vx + vw / 2;
          return (
            <g key={marker.locodes.join("-")}>
              <circle className={marker.role === "stop" ? undefined : "rm-dot"} cx={marker.x} cy={marker.y} r={(marker.role === "stop" ? 3 : 4) * u} fill={COLORS.halo} stroke={COLORS.text} strokeWidth={1.5 * u} />
              {name ? (
                <text
                  x={marker.x}
                  dx={leftHalf ? "0.5em" : "-0.5em"}
                  y={marker.y}
                  dy={marker.role === "origin" ? "-0.5em" : "1.1em"}
                  textAnchor={leftHalf ? "start" : "end"}
                  className="rm-label"
                  fontSize={13 * u}
                  fontWeight={600}
                  fill={COLORS.text}
                  stroke={COLORS.halo}
                  strokeWidth={3 * u}
                  paintOrder="stroke"
                  aria-hidden="true"
                >
                  {name}
                </text>
              ) : null}
            </g>
          );
        })}
        {geometry.position ? (
          <g data-testid="route-map-position">
            <circle className="rm-pos-halo" cx={geometry.position.x} cy={geometry.position.y} r={9 * u} fill={COLORS.position} fillOpacity={0.2} />
            <circle className="rm-pos" cx={geometry.position.x} cy={geometry.position.y} r={5 * u} fill={COLORS.position} stroke={COLORS.halo} strokeWidth={1.5 * u} />
          </g>
        ) : null}
      </svg>
      <figcaption className="space-y-2 text-sm">
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
          <span className="inline-flex items-center gap-1">
            <svg width="22" height="6" aria-hidden="true"><line x1="1" y1="3" x2="21" y2="3" stroke={COLORS.done} strokeWidth="3" strokeLinecap="round" /></svg>
            {t("logistics.routeMap.legend.completed")}
          </span>
          <span className="inline-flex items-center gap-1">
            <svg width="22" height="6" aria-hidden="true"><line x1="1" y1="3" x2="21" y2="3" stroke={COLORS.planned} strokeWidth="2" strokeDasharray="5 4" /></svg>
            {t("logistics.routeMap.legend.planned")}
          </span>
          <span className="inline-flex items-center gap-1">
            <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill={COLORS.position} /></svg>
            {t("logistics.routeMap.legend.position")}
          </span>
        </p>
        <p className="text-slate-700" data-testid="route-map-now">{now}</p>
        {showLegList && ordered.length > 0 ? (
          <ol className="space-y-1" aria-label={t("logistics.routeMap.legsLabel")} data-testid="route-map-legs">
            {ordered.map((leg) => (
              <li key={leg.sequence} className="flex flex-wrap items-baseline gap-x-2 break-words" data-state={leg.state}>
                <span className="tabular-nums text-slate-500">{leg.sequence}.</span>
                <span className="min-w-0">
                  {leg.fromName} → {leg.toName}
                </span>
                <span className="text-xs text-slate-600">
                  {t(`logistics.routeMap.mode.${leg.mode}`)} · {t(`logistics.routeMap.state.${leg.state}`)}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
        {geometry.unplaced.length > 0 ? (
          <p className="text-xs text-slate-600">{t("logistics.routeMap.unplaced", { places: geometry.unplaced.map(nameOf).join(", ") })}</p>
        ) : null}
      </figcaption>
    </figure>
  );
}
