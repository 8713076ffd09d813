import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { suggest, type Suggestions } from "~/modules/catalog/search.server";
import { requireLang } from "~/modules/i18n/config";

const Query = z.string().trim().min(1).max(100);
const EMPTY: Suggestions = { products: [], terms: [] };

/**
 * GET /{lang}/search/suggest?q=… → { products: [{ slug, name }], terms: [string] } for the search box while typing.
 * Anything unreadable in q (missing, blank, over 100 characters) answers empty lists, never an error.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const q = Query.safeParse(new URL(request.url).searchParams.get("q"));
  const body = q.success ? await suggest(q.data, lang) : EMPTY;
  // Same answer for everyone for a while; private so that shared caches keep out of the buyer's typing.
  return json(body, { headers: { "Cache-Control": "private, max-age=30" } });
}
