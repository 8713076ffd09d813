import { geoEqualEarth, geoInterpolate, geoPath, type GeoProjection } from "d3-geo";
import { locodeCoordinates } from "./locodes";

/**
 * The route map's geometry, shared by the world background (drawn once per process on the server, maps.world.$file.ts)
 * and the route overlay (drawn in the component): both use `worldProjection(center)`, so the overlay lands exactly on
 * the background, and the page crops the world to the route with the SVG viewBox instead of re-projecting the land.
 */

/** Width of the whole world in map units; the height follows from Equal Earth's shape. */
export const WORLD_WIDTH = 1000;
/** Bumped when the background's drawing changes: its URL is cached for a year. */
export const WORLD_MAP_VERSION = 1;
/** Central meridians come in steps of this many degrees, so at most 24 backgrounds exist. */
export const CENTER_STEP = 15;

export type Coordinates = readonly [number, number];
export type ViewBox = readonly [x: number, y: number, width: number, height: number];

/** Equal Earth (equal-area, gentle shapes) with the given central meridian, the whole sphere WORLD_WIDTH wide. */
export function worldProjection(centerLongitude: number): GeoProjection {
  return geoEqualEarth()
    .rotate([-centerLongitude, 0])
    .fitWidth(WORLD_WIDTH, { type: "Sphere" });
}

/** The height of the whole world in map units. */
export function worldHeight(): number {
  const [[, y0], [, y1]] = geoPath(worldProjection(0)).bounds({ type: "Sphere" });
  return round(y1 - y0);
}

/** Longitude into [-180, 180). */
export function normalizeLongitude(longitude: number): number {
  return ((((longitude + 180) % 360) + 360) % 360) - 180;
}

/** The background's URL for a central meridian. */
export function worldBackgroundUrl(center: number): string {
  return `/maps/world/${center}.v${WORLD_MAP_VERSION}.svg`;
}

/** Parses a background file name ("120.v1.svg"): its central meridian, or null when it is not one we draw. */
export function parseWorldBackgroundFile(file: string): number | null {
  const match = /^(-?\d{1,3})\.v(\d+)\.svg$/.exec(file);
  if (!match || Number(match[2]) !== WORLD_MAP_VERSION) return null;
  const center = Number(match[1]);
  if (center < -180 || center >= 180 || center % CENTER_STEP !== 0) return null;
  return center;
}

/**
 * The central meridian that keeps every point of the route away from the map's edge: the middle of the smallest arc
 * of longitudes holding them all (a Zhuhai → São Paulo route is centered on the Indian Ocean or the Pacific, whichever
 * its great circles cross), rounded to CENTER_STEP.
 */
export function routeCenterLongitude(longitudes: readonly number[]): number {
  if (longitudes.length === 0) return 0;
  const sorted = [...new Set(longitudes.map(normalizeLongitude))].sort((a, b) => a - b);
  // The widest gap between neighbouring longitudes (the last one wraps to the first) is the part of the world the
  // route leaves empty: the center sits opposite it.
  let gapStart = sorted[sorted.length - 1];
  let gapWidth = sorted[0] + 360 - gapStart;
  for (let i = 1; i < sorted.length; i++) {
    const width = sorted[i] - sorted[i - 1];
    if (width > gapWidth) {
      gapWidth = width;
      gapStart = sorted[i - 1];
    }
  }
  const center = normalizeLongitude(gapStart + gapWidth / 2 + 180);
  return normalizeLongitude(Math.round(center / CENTER_STEP) * CENTER_STEP);
}

/** Points along the great circle from a to b (both ends included), about one per `stepDegrees` of arc. */
export function greatCirclePoints(a: Coordinates, b: Coordinates, stepDegrees = 2): Coordinates[] {
  const interpolate = geoInterpolate([a[0], a[1]], [b[0], b[1]]);
  const distanceDegrees = (greatCircleDistanceKm(a, b) / EARTH_RADIUS_KM) * (180 / Math.PI);
  const steps = Math.max(1, Math.ceil(distanceDegrees / stepDegrees));
  return Array.from({ length: steps + 1 }, (_, i) => interpolate(i / steps) as Coordinates);
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine) in kilometres. */
export function greatCircleDistanceKm(a: Coordinates, b: Coordinates): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How a leg is drawn: done, under way now, or still ahead. */
export type RouteLegState = "completed" | "current" | "planned";

export interface RouteLegInput {
  fromLocode: string;
  toLocode: string;
  state: RouteLegState;
  /** For the current leg: how far along it is, 0…1. */
  progress?: number | null;
}

export interface RouteMarker {
  /** The LOCODEs drawn at this spot (places closer than a few pixels share a marker). */
  locodes: string[];
  x: number;
  y: number;
  role: "origin" | "destination" | "stop";
}

export interface RouteLegGeometry {
  index: number;
  state: RouteLegState;
  /** SVG path of the whole leg (empty when a place is unknown or both ends are one place). */
  path: string;
  /** For the current leg: the part already travelled. */
  travelledPath: string;
}

export interface RouteGeometry {
  center: number;
  viewBox: ViewBox;
  /** Map units per CSS pixel at the map's widest (640 px): sizes markers and labels. */
  unit: number;
  legs: RouteLegGeometry[];
  markers: RouteMarker[];
  /** Where the shipment is now, when known. */
  position: { x: number; y: number } | null;
  /** LOCODEs the map could not place (not in locodes.ts). */
  unplaced: string[];
}

/** The widest the map is shown, in CSS pixels: marker and label sizes are chosen for it. */
export const MAP_MAX_CSS_WIDTH = 640;
/** The crop's shape stays between these height/width ratios. */
const MIN_ASPECT = 0.5;
const MAX_ASPECT = 0.75;
/** Never zoom in closer than this many map units across (about 30° of longitude): the 1:110m coast is coarse. */
const MIN_CROP_WIDTH = 90;

/**
 * Everything the route overlay draws, in the map units of `worldProjection(center)`: each leg as a great-circle arc,
 * the places, the current position, and the crop (viewBox) that fits them with a margin. Pure: the same legs give
 * the same SVG on the server and in the browser.
 */
export function routeGeometry(legs: readonly RouteLegInput[], currentLocode?: string | null): RouteGeometry {
  const unplaced = new Set<string>();
  const place = (code: string) => {
    const coordinates = locodeCoordinates(code);
    if (!coordinates) unplaced.add(code);
    return coordinates;
  };
  const known = legs.map((leg) => ({ leg, from: place(leg.fromLocode), to: place(leg.toLocode) }));
  const current = currentLocode ? place(currentLocode) : undefined;

  const samples: Coordinates[] = [];
  for (const { from, to } of known) {
    if (from && to) samples.push(...greatCirclePoints(from, to, 5));
    else if (from) samples.push(from);
    else if (to) samples.push(to);
  }
  if (current) samples.push(current);
  const center = routeCenterLongitude(samples.map(([lon]) => lon));
  const projection = worldProjection(center);
  const path = geoPath(projection).digits(1);
  const project = (c: Coordinates) => {
    const p = projection([c[0], c[1]]);
    return p ? { x: round(p[0]), y: round(p[1]) } : null;
  };

  let position: { x: number; y: number } | null = null;
  const legGeometry: RouteLegGeometry[] = known.map(({ leg, from, to }, index) => {
    const drawable = from && to && (from[0] !== to[0] || from[1] !== to[1]);
    const line = drawable ? path({ type: "LineString", coordinates: [[from[0], from[1]], [to[0], to[1]]] }) ?? "" : "";
    let travelledPath = "";
    if (leg.state === "current" && from && to) {
      const progress = clamp(leg.progress ?? 0.5, 0, 1);
      const here = geoInterpolate([from[0], from[1]], [to[0], to[1]])(progress) as Coordinates;
      if (drawable && progress > 0) travelledPath = path({ type: "LineString", coordinates: [[from[0], from[1]], [here[0], here[1]]] }) ?? "";
      position = project(here);
    }
    return { index, state: leg.state, path: line, travelledPath };
  });

  if (!position) {
    // Not on a leg: at the current place if given, else where the last completed leg ended, else the start.
    const lastDone = [...known].reverse().find(({ leg }) => leg.state === "completed");
    const at = current ?? (lastDone ? lastDone.to : known[0]?.from);
    position = at ? project(at) : null;
  }

  // Markers in travel order; a place within a few pixels of an earlier one joins its marker (Zhuhai and Hong Kong
  // are 60 km apart, one dot at world scale).
  const stops: { code: string; role: RouteMarker["role"] }[] = [];
  known.forEach(({ leg }, i) => {
    if (i === 0) stops.push({ code: leg.fromLocode, role: "origin" });
    stops.push({ code: leg.toLocode, role: i === known.length - 1 ? "destination" : "stop" });
  });

  const frame = fitViewBox(path.bounds({ type: "MultiPoint", coordinates: samples.map((c) => [c[0], c[1]]) }));
  const unit = frame[2] / MAP_MAX_CSS_WIDTH;
  const markers: RouteMarker[] = [];
  for (const stop of stops) {
    const coordinates = locodeCoordinates(stop.code);
    const point = coordinates ? project(coordinates) : null;
    if (!point) continue;
    const near = markers.find((m) => Math.hypot(m.x - point.x, m.y - point.y) < 8 * unit);
    if (near) {
      if (!near.locodes.includes(stop.code)) near.locodes.push(stop.code);
      if (stop.role !== "stop") near.role = stop.role;
    } else markers.push({ locodes: [stop.code], x: point.x, y: point.y, role: stop.role });
  }

  return { center, viewBox: frame, unit: round(unit, 3), legs: legGeometry, markers, position, unplaced: [...unplaced] };
}

/** A crop around the bounds with a margin, of a readable shape, inside the world where it fits. */
export function fitViewBox(bounds: [[number, number], [number, number]]): ViewBox {
  const worldH = worldHeight();
  const [[bx0, by0], [x1, y1]] = bounds;
  if (!Number.isFinite(bx0) || !Number.isFinite(by0)) return [0, 0, WORLD_WIDTH, worldH];
  let x0 = bx0;
  let y0 = by0;
  let width = x1 - x0;
  let height = y1 - y0;
  // Room for markers and labels around the route.
  const margin = Math.max(width, height) * 0.12 + 12;
  width += 2 * margin;
  height += 2 * margin;
  width = Math.max(width, MIN_CROP_WIDTH);
  if (height < width * MIN_ASPECT) height = width * MIN_ASPECT;
  if (height > width * MAX_ASPECT) width = height / MAX_ASPECT;
  width = Math.min(width, WORLD_WIDTH);
  height = Math.min(height, worldH);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  x0 = clamp(cx - width / 2, 0, WORLD_WIDTH - width);
  y0 = clamp(cy - height / 2, 0, worldH - height);
  return [round(x0), round(y0), round(width), round(height)];
}

/** The legs' drawing states from their actual times: arrived → completed, left → current (with progress), else planned. */
export function legStatesFromTimes<
  T extends { plannedDepartureAt: Date | string; plannedArrivalAt: Date | string; actualDepartureAt: Date | string | null; actualArrivalAt: Date | string | null },
>(legs: readonly T[], now: Date): (T & { state: RouteLegState; progress: number | null })[] {
  return legs.map((leg) => {
    if (leg.actualArrivalAt) return { ...leg, state: "completed" as const, progress: null };
    if (leg.actualDepartureAt) {
      const left = new Date(leg.actualDepartureAt).getTime();
      const due = left + (new Date(leg.plannedArrivalAt).getTime() - new Date(leg.plannedDepartureAt).getTime());
      // An overrunning leg stays short of its end until the carrier reports arrival.
      const progress = due > left ? clamp((now.getTime() - left) / (due - left), 0.05, 0.95) : 0.5;
      return { ...leg, state: "current" as const, progress: round(progress, 3) };
    }
    return { ...leg, state: "planned" as const, progress: null };
  });
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, decimals = 1) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
