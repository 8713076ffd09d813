import { env } from "~/modules/config/env.server";
import { hashToken, hmac, randomToken, safeEqual } from "./tokens.server";

export const CSRF_COOKIE = "ponte_csrf";
export const CSRF_FIELD = "csrf";
const SESSION_COOKIE = "ponte_session";

/**
 * Double-submit token: the server sets an httpOnly, SameSite cookie holding `token.signature`; pages render the
 * form token into every form; an action accepts a form only when it matches the one the cookies give. The
 * signature stops a sibling subdomain from planting a cookie of its own choosing. Signed in, the form token is an
 * HMAC of the cookie's token and the session cookie: a token read before login, or in another session, is refused.
 */
export function newCsrfCookieValue(): string {
  const token = randomToken(24);
  return `${token}.${hmac(env().SESSION_SECRET, token)}`;
}

/** Every value of a cookie in a Cookie header, in order (a planted duplicate must not hide the real one). */
function cookieValues(cookieHeader: string, name: string): string[] {
  const values: string[] = [];
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at === -1 || part.slice(0, at).trim() !== name) continue;
    values.push(part.slice(at + 1).trim());
  }
  return values;
}

/** The token of the first CSRF cookie whose signature is this server's, or null. */
export function csrfCookieToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const raw of cookieValues(cookieHeader, CSRF_COOKIE)) {
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      continue; // malformed percent-encoding: not our cookie
    }
    const [token, signature, extra] = value.split(".");
    if (token && signature && extra === undefined && safeEqual(signature, hmac(env().SESSION_SECRET, token))) return token;
  }
  return null;
}

/**
 * The token forms must carry for these cookies: the CSRF cookie's own token for an anonymous visitor (the page
 * cache splices it into shared pages), else bound to the session cookie (the first one, as the session reader takes it).
 */
export function csrfTokenFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  const token = csrfCookieToken(cookieHeader);
  if (!token) return null;
  const session = cookieValues(cookieHeader!, SESSION_COOKIE).find(Boolean);
  if (!session) return token;
  return hmac(env().SESSION_SECRET, `csrf:${token}:${hashToken(session)}`);
}

export function csrfCookieHeader(value: string, options: { secure: boolean }): string {
  const secure = options.secure ? "; Secure" : "";
  return `${CSRF_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

export function isValidCsrf(request: Request, submitted: unknown): boolean {
  const expected = csrfTokenFromCookieHeader(request.headers.get("Cookie"));
  return Boolean(expected && typeof submitted === "string" && safeEqual(submitted, expected));
}
