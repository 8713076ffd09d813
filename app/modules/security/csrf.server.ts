import { env } from "~/modules/config/env.server";
import { hmac, randomToken, safeEqual } from "./tokens.server";

export const CSRF_COOKIE = "ponte_csrf";
export const CSRF_FIELD = "csrf";

/**
 * Double-submit token: the server sets an httpOnly, SameSite cookie holding `token.signature`; pages render
 * `token` into every form; an action accepts a form only when the two match. The signature stops a sibling
 * subdomain from planting a cookie of its own choosing.
 */
export function newCsrfCookieValue(): string {
  const token = randomToken(24);
  return `${token}.${hmac(env().SESSION_SECRET, token)}`;
}

export function csrfTokenFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== CSRF_COOKIE) continue;
    const value = decodeURIComponent(rest.join("="));
    const [token, signature] = value.split(".");
    if (token && signature && safeEqual(signature, hmac(env().SESSION_SECRET, token))) return token;
  }
  return null;
}

export function csrfCookieHeader(value: string): string {
  const secure = env().isProduction ? "; Secure" : "";
  return `${CSRF_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

export function isValidCsrf(request: Request, submitted: unknown): boolean {
  const expected = csrfTokenFromCookieHeader(request.headers.get("Cookie"));
  return Boolean(expected && typeof submitted === "string" && safeEqual(submitted, expected));
}
