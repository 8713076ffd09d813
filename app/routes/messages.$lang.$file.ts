import type { LoaderFunctionArgs } from "@remix-run/node";
import { isTextLanguage, messageBundle, type MessageArea } from "~/modules/i18n/message-bundles.server";

const FILE = /^(public|organization)\.([0-9a-f]{12})\.js$/;

/**
 * `/messages/{lang}/{area}.{hash}.js`: a language's (or variant's: pt-PT) interface strings as a script (message-bundles.server.ts).
 * The current hash is kept for a year (its name changes with its content); an older hash, named by a page cached
 * before a deploy, gets today's strings without caching.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const match = FILE.exec(params.file ?? "");
  if (!isTextLanguage(params.lang) || !match) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const bundle = messageBundle(params.lang, match[1] as MessageArea);
  const current = bundle.hash === match[2];
  return new Response(bundle.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
