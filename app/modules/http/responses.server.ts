import { z } from "zod";

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

/** Only same-site paths: an attacker's redirectTo must not send a signed-in user elsewhere. */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
