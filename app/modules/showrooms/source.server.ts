import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { env } from "~/modules/config/env.server";

/**
 * Where a visitor came from in a showroom: the storefront and booth whose QR code they scanned (and the event on at
 * the time). Set by the scan routes (/q/{slug}/{booth}[/{product}]) in a signed, httpOnly, SameSite=Lax cookie for 30
 * days; read by the RFQ, sample-order (cart) and lead code to attribute what the visitor does next.
 *
 * The cookie is the only trusted source: the `?via=` query parameter the scan adds to the product page only chooses
 * which banner to show (public, unsigned, never used for attribution).
 */
export interface ShowroomSource {
  storefrontId: string;
  storefrontSlug: string;
  boothId: string | null;
  boothCode: string | null;
  eventId: string | null;
}

const SOURCE_DAYS = 30;
const SOURCE_COOKIE_NAME = "ponte_showroom";

const sourceSchema = z.object({
  storefrontId: z.string().uuid(),
  storefrontSlug: z.string().min(1).max(80),
  boothId: z.string().uuid().nullable(),
  boothCode: z.string().min(1).max(20).nullable(),
  eventId: z.string().uuid().nullable(),
  /** When it was scanned (ms): the newest scan wins, and old cookies can be told apart. */
  at: z.number().int().positive(),
});

function sourceCookie() {
  return createCookie(SOURCE_COOKIE_NAME, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env().servedOverHttps,
    secrets: [env().SESSION_SECRET],
    maxAge: SOURCE_DAYS * 24 * 60 * 60,
  });
}

/** The showroom source of this visitor, or null (no cookie, a tampered or expired one, an unreadable one). */
export async function readShowroomSource(request: Request): Promise<ShowroomSource | null> {
  return readShowroomSourceFromCookieHeader(request.headers.get("Cookie"));
}

export async function readShowroomSourceFromCookieHeader(cookieHeader: string | null): Promise<ShowroomSource | null> {
  if (!cookieHeader?.includes(`${SOURCE_COOKIE_NAME}=`)) return null;
  const value: unknown = await sourceCookie()
    .parse(cookieHeader)
    .catch(() => null);
  const parsed = sourceSchema.safeParse(value);
  if (!parsed.success) return null;
  if (Date.now() - parsed.data.at > SOURCE_DAYS * 24 * 60 * 60 * 1000) return null;
  const { storefrontId, storefrontSlug, boothId, boothCode, eventId } = parsed.data;
  return { storefrontId, storefrontSlug, boothId, boothCode, eventId };
}

/** The Set-Cookie header remembering a scan. */
export async function showroomSourceCookieHeader(source: ShowroomSource, now = new Date()): Promise<string> {
  return sourceCookie().serialize({ ...source, at: now.getTime() });
}

/** Forgets the source (tests; a visitor's "not from the showroom" is not offered). */
export async function clearShowroomSourceCookieHeader(): Promise<string> {
  return sourceCookie().serialize("", { maxAge: 0 });
}

/** `?via=` on a product page: "{storefrontSlug}~{boothCode}" (both URL-safe), only to pick the banner to show. */
export function viaParam(source: Pick<ShowroomSource, "storefrontSlug" | "boothCode">): string {
  return source.boothCode ? `${source.storefrontSlug}~${source.boothCode}` : source.storefrontSlug;
}

const VIA = /^([a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?)(?:~([A-Za-z0-9-]{1,20}))?$/;

export function parseViaParam(value: string | null | undefined): { storefrontSlug: string; boothCode: string | null } | null {
  const match = value ? VIA.exec(value) : null;
  return match ? { storefrontSlug: match[1]!, boothCode: match[2] ?? null } : null;
}
