import { json } from "@remix-run/node";
import { z } from "zod";
import { env } from "~/modules/config/env.server";

/**
 * A refused form in a resource route (an action without a page: logout, set-currency, set-language, orgs.switch).
 * There Remix sends `data(…, { status })` as a plain object with status 200; this keeps the 4xx.
 */
export function resourceReply(reply: { data: unknown; init: ResponseInit | null }): Response {
  return json(reply.data, reply.init ?? undefined);
}

/** Thrown from loaders and actions; the route's error boundary renders a translated page. */
export function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response(null, { status: 403, statusText: "Forbidden" });
}

const Uuid = z.uuid();

/** True for a well-formed UUID: what PostgreSQL's uuid columns accept, so a lookup by it cannot fail on syntax. */
export function isUuid(value: unknown): value is string {
  return Uuid.safeParse(value).success;
}

/** A malformed id in a URL is simply "not found", never a database error. */
export function requireUuid(value: string | undefined): string {
  if (!isUuid(value)) notFound();
  return value;
}

// Browsers drop tabs and newlines from URLs and read "\\" as "/": "/\t/evil.example" is "//evil.example" to them.
const UNSAFE_IN_REDIRECT = /[\s\p{Cc}\p{Cf}\\]/u;

/**
 * Only paths of this site: an attacker's redirectTo must not send a signed-in user elsewhere. Refuses control and
 * format characters, whitespace and backslashes outright, then resolves the path against APP_URL as a browser
 * would and keeps it only on the same origin; answers the resolved path (never "//…"), or `fallback`.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/") || value.startsWith("//")) return fallback;
  if (UNSAFE_IN_REDIRECT.test(value)) return fallback;
  const base = new URL(env().APP_URL);
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin || resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
