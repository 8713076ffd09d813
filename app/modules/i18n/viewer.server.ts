import { AsyncLocalStorage } from "node:async_hooks";
import { createCookie } from "@remix-run/node";
import { countryCookie, isBuyerCountry } from "~/modules/catalog/buyer-context.server";
import { myMembershipOf } from "~/modules/tenancy/organizations.server";
import { sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { isTextVariant, UNKNOWN_VIEWER, viewerFor, type Viewer } from "./locale";

/**
 * The viewer of each request (locale.ts): opened by the HTTP app around every request before Remix runs, so that
 * every loader, action and the render format for the same country. One store per process on globalThis under a
 * registered symbol (the HTTP app and the Remix build each have their own copy of this module).
 */
const SCOPE_KEY = Symbol.for("ponte.viewer");
const scope: AsyncLocalStorage<Viewer> = ((globalThis as Record<symbol, unknown>)[SCOPE_KEY] ??= new AsyncLocalStorage<Viewer>()) as AsyncLocalStorage<Viewer>;

const YEAR = 60 * 60 * 24 * 365;
/** The user's choice of Portuguese: "pt-PT" (European) or "pt-BR"; absent, the country decides. */
export const textVariantCookie = createCookie("ponte_variant", { path: "/", sameSite: "lax", maxAge: YEAR, httpOnly: true });

/**
 * Who is reading: the country of the signed-in user's active organization, else the "buying for" preference
 * (cookie), else unknown; the Portuguese variant the user chose, else the country's. Both reads are shared with
 * the loaders of the same request (request-memo.server.ts).
 */
export async function resolveViewer(cookieHeader: string | null | undefined): Promise<Viewer> {
  const header = cookieHeader ?? null;
  const [sessionUser, cookieCountry, chosenVariant] = await Promise.all([
    sessionUserFromCookieHeader(header),
    countryCookie.parse(header).catch(() => null),
    textVariantCookie.parse(header).catch(() => null),
  ]);
  const membership = sessionUser?.activeOrganizationId ? await myMembershipOf(sessionUser.user.id, sessionUser.activeOrganizationId) : null;
  const country = membership?.organization.countryCode.trim() || (isBuyerCountry(cookieCountry) ? cookieCountry : null);
  const variant = isTextVariant(chosenVariant) || chosenVariant === "pt-BR" ? chosenVariant : null;
  return viewerFor(country, variant);
}

export function runWithViewer<T>(viewer: Viewer, fn: () => T): T {
  return scope.run(viewer, fn);
}

/** The viewer of the current request (the unknown viewer outside one: jobs, scripts, emails). */
export function requestViewer(): Viewer {
  return scope.getStore() ?? UNKNOWN_VIEWER;
}
