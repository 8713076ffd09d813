import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readForm } from "~/modules/http/forms.server";
import { isBoothCode, isStorefrontSlug } from "~/modules/showrooms/public-storefronts.server";
import { countPageVisit } from "~/modules/showrooms/traffic.server";

const visitSchema = z.object({ storefront: z.string().refine(isStorefrontSlug), booth: z.string().refine(isBoothCode).optional() });

/**
 * The visit beacon of storefront and booth pages (VisitBeacon): one upsert per page view, answered 204 whatever it
 * names (a beacon's answer is never read). Anonymous counts only; the same-origin check of unsafe methods applies.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, "en").catch(() => null);
  const parsed = form ? visitSchema.safeParse(Object.fromEntries(form)) : null;
  if (parsed?.success) await countPageVisit(request, parsed.data.storefront, parsed.data.booth ?? null);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
