import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseWorldBackgroundFile } from "~/modules/logistics/geo";
import { worldBackgroundSvg } from "~/modules/logistics/world-map.server";

/**
 * `/maps/world/{central meridian}.v{version}.svg`: the route map's world background (world-map.server.ts). Its name
 * changes with its drawing (WORLD_MAP_VERSION), so it is cached for a year.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const center = parseWorldBackgroundFile(params.file ?? "");
  if (center === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(worldBackgroundSvg(center), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
