import { countryCookie, isBuyerCountry } from "~/modules/catalog/buyer-context.server";
import { unscopedDb } from "~/modules/db/index.server";
import { myMembershipOf } from "~/modules/tenancy/organizations.server";
import { hitRateLimit } from "~/modules/security/rate-limit.server";
import { clientIp, getSessionUser } from "~/modules/tenancy/session.server";

/**
 * Anonymous daily counters of the showrooms' funnel (ShowroomTrafficDaily): page visits and QR scans, by visitor
 * country, per storefront / booth / manufacturer / product / event. One statement per hit: an upsert that adds one.
 * No personal data: the country is the one the catalog prices for (the buyer company's, else the "buying for"
 * preference), "ZZ" when unknown.
 */

export type TrafficKind = "visit" | "scan";

export interface TrafficHit {
  kind: TrafficKind;
  operatorId: string;
  storefrontId: string;
  boothId?: string | null;
  manufacturerId?: string | null;
  productId?: string | null;
  eventId?: string | null;
  countryCode: string | null;
  at?: Date;
}

export const UNKNOWN_COUNTRY = "ZZ";
/** How long the same visitor address on the same page counts as the same visit. */
const VISIT_WINDOW_SECONDS = 30 * 60;

export async function countTraffic(hit: TrafficHit): Promise<void> {
  const country = hit.countryCode && /^[A-Z]{2}$/.test(hit.countryCode) ? hit.countryCode : UNKNOWN_COUNTRY;
  const at = hit.at ?? new Date();
  // The day is the storefront's calendar day in its hall's time zone (a morning visit in Hengqin is not yesterday's),
  // as the dashboard counts leads and orders. "" for "not about one": the unique key cannot treat nulls as equal
  // (schema comment).
  await unscopedDb.$executeRaw`
    INSERT INTO "ShowroomTrafficDaily" ("id", "operatorOrganizationId", "storefrontId", "boothId", "manufacturerOrganizationId", "productId", "eventId", "kind", "countryCode", "day", "count")
    SELECT gen_random_uuid(), ${hit.operatorId}::uuid, sf."id", ${hit.boothId ?? ""}, ${hit.manufacturerId ?? ""}, ${hit.productId ?? ""}, ${hit.eventId ?? ""}, ${hit.kind}, ${country},
           (${at.toISOString()}::timestamptz AT TIME ZONE sf."timeZone")::date, 1
    FROM "Storefront" sf WHERE sf."id" = ${hit.storefrontId}::uuid
    ON CONFLICT ("storefrontId", "boothId", "manufacturerOrganizationId", "productId", "eventId", "kind", "countryCode", "day")
    DO UPDATE SET "count" = "ShowroomTrafficDaily"."count" + 1`;
}

/** The visitor's country as the catalog knows it: their buyer company's, else the "buying for" cookie, else null. */
export async function visitorCountry(request: Request): Promise<string | null> {
  const cookieHeader = request.headers.get("Cookie");
  const [user, cookie] = await Promise.all([getSessionUser(request), countryCookie.parse(cookieHeader).catch(() => null)]);
  if (user?.activeOrganizationId) {
    const membership = await myMembershipOf(user.user.id, user.activeOrganizationId);
    const country = membership?.organization.countryCode.trim();
    if (country) return country;
  }
  return isBuyerCountry(cookie) ? cookie : null;
}

/**
 * A storefront or booth page was shown (the visit beacon): counted only for published storefronts and real booths, and
 * once per visitor address and page per half hour (the beacon is anonymous, so replaying it must not inflate counts).
 */
export async function countPageVisit(request: Request, storefrontSlug: string, boothCode: string | null): Promise<boolean> {
  const storefront = await unscopedDb.storefront.findFirst({
    where: { slug: storefrontSlug, status: "PUBLISHED" },
    select: { id: true, organizationId: true, booths: { where: { code: { equals: boothCode ?? "", mode: "insensitive" } }, take: 1, select: { id: true, participation: { select: { status: true, organizationId: true } } } } },
  });
  if (!storefront) return false;
  const booth = boothCode ? storefront.booths[0] : null;
  if (boothCode && !booth) return false;
  // A visit is one visitor address on one page per half hour: reloading, or replaying the beacon, counts nothing more.
  const { allowed } = await hitRateLimit(`showroom-visit:${clientIp(request)}:${storefront.id}:${booth?.id ?? ""}`, 1, VISIT_WINDOW_SECONDS);
  if (!allowed) return false;
  const manufacturerId = booth?.participation?.status === "ACCEPTED" ? booth.participation.organizationId : null;
  await countTraffic({ kind: "visit", operatorId: storefront.organizationId, storefrontId: storefront.id, boothId: booth?.id ?? null, manufacturerId, countryCode: await visitorCountry(request) });
  return true;
}
