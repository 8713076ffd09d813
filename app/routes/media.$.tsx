import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveMedia } from "~/modules/catalog/images.server";
import { storage } from "~/modules/catalog/storage.server";

const NOT_FOUND = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * /media/products/<org>/<product>/<image>/w480.webp (and brand logos): a rendition of an image of an existing
 * product, cached for a year (a new image gets a new address); anything else is a 404.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const media = await resolveMedia(params["*"] ?? "");
  if (!media) return NOT_FOUND();
  const headers = {
    "Content-Type": "image/webp",
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: media.etag,
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-site",
  };
  if (request.headers.get("If-None-Match") === media.etag) return new Response(null, { status: 304, headers });
  const file = await storage().open(media.key);
  if (!file) return NOT_FOUND();
  return new Response(file.stream, { status: 200, headers: { ...headers, "Content-Length": String(file.size) } });
}
