import { redirect } from "@remix-run/node";
import { notFound } from "~/modules/http/responses.server";
import { detectLang } from "~/modules/i18n/i18n.server";
import { getSessionUser } from "~/modules/tenancy/session.server";
import { eventOnNow } from "./public-events.server";
import { boothUrl, resolveScanTarget } from "./public-storefronts.server";
import { showroomSourceCookieHeader, viaParam } from "./source.server";
import { countTraffic, visitorCountry } from "./traffic.server";

const PRODUCT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;

/**
 * A QR scan: finds the published storefront, booth (and product) of the code, counts the scan, remembers the source
 * (signed cookie, 30 days) and sends the visitor to the booth or product page in their language (the account's, the
 * saved cookie's, else Accept-Language). A code that points nowhere now is a 404.
 */
export async function scanRedirect(request: Request, code: { slug: string; boothCode: string; productSlug: string | null }): Promise<Response> {
  if (code.productSlug !== null && !PRODUCT_SLUG.test(code.productSlug)) notFound();
  const target = await resolveScanTarget(code.slug, code.boothCode, code.productSlug);
  if (!target) notFound();
  const sessionUser = await getSessionUser(request);
  const [lang, country, eventId] = await Promise.all([detectLang(request, sessionUser?.user.locale), visitorCountry(request), eventOnNow(target.storefrontId)]);
  const source = { storefrontId: target.storefrontId, storefrontSlug: target.storefrontSlug, boothId: target.boothId, boothCode: target.boothCode, eventId };
  await countTraffic({
    kind: "scan",
    operatorId: target.operatorId,
    storefrontId: target.storefrontId,
    boothId: target.boothId,
    manufacturerId: target.manufacturerId,
    productId: target.product?.id ?? null,
    eventId,
    countryCode: country,
  });
  const location = target.product ? `/${lang}/products/${target.product.slug}?via=${encodeURIComponent(viaParam(source))}` : boothUrl(lang, target.storefrontSlug, target.boothCode);
  return redirect(location, {
    headers: { "Set-Cookie": await showroomSourceCookieHeader(source), "Cache-Control": "no-store", Vary: "Cookie, Accept-Language" },
  });
}
