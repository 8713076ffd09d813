import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoGraticule10, geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { WORLD_WIDTH, worldHeight, worldProjection } from "./geo";

/**
 * The route map's background: the world's countries (world-atlas, Natural Earth 1:110m) in Equal Earth around one
 * central meridian, as a standalone SVG. Drawn once per central meridian per process and served with a year's cache
 * (maps.world.$file.ts), so no page carries the world's outline in its HTML, scripts or hydration data: the page
 * draws only the route over it.
 */
export const WORLD_MAP_COLORS = { ocean: "#e0f2fe", land: "#f1f5f9", border: "#cbd5e1", coast: "#94a3b8", graticule: "#bae6fd" } as const;

type CountriesTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

let topology: CountriesTopology | undefined;
function countries(): CountriesTopology {
  if (!topology) {
    const file = createRequire(import.meta.url).resolve("world-atlas/countries-110m.json");
    topology = JSON.parse(readFileSync(file, "utf8")) as CountriesTopology;
  }
  return topology;
}

const drawn = new Map<number, string>();

/** The background SVG for a central meridian (validated by the caller: a multiple of CENTER_STEP). */
export function worldBackgroundSvg(center: number): string {
  const cached = drawn.get(center);
  if (cached) return cached;
  const world = countries();
  const path = geoPath(worldProjection(center)).digits(1);
  const height = worldHeight();
  const land = path(feature(world, world.objects.land)) ?? "";
  const borders = path(mesh(world, world.objects.countries, (a, b) => a !== b)) ?? "";
  const sphere = path({ type: "Sphere" }) ?? "";
  const graticule = path(geoGraticule10()) ?? "";
  const c = WORLD_MAP_COLORS;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WORLD_WIDTH} ${height}" width="${WORLD_WIDTH}" height="${height}">` +
    `<path d="${sphere}" fill="${c.ocean}"/>` +
    `<path d="${graticule}" fill="none" stroke="${c.graticule}" stroke-width="0.5"/>` +
    `<path d="${land}" fill="${c.land}" stroke="${c.coast}" stroke-width="0.6" stroke-linejoin="round"/>` +
    `<path d="${borders}" fill="none" stroke="${c.border}" stroke-width="0.4" stroke-linejoin="round"/>` +
    `</svg>`;
  drawn.set(center, svg);
  return svg;
}
