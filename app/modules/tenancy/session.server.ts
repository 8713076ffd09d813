import { createCookie, redirect } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client";
import type { MembershipRole, OrganizationKind, VerificationStatus } from "~/generated/prisma/enums";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { readRows } from "~/modules/db/raw-read.server";
import type { Lang } from "~/modules/i18n/config";
import { disconnectSessions } from "~/modules/realtime/index.server";
import { forgetRequestMemo, requestMemo } from "~/modules/http/request-memo.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";
import type { MyMembership } from "./organizations.server";

const SESSION_DAYS = 30;
const TOUCH_EVERY_MS = 60 * 60 * 1000;

function sessionCookie() {
  return createCookie("ponte_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    // Per response (cookieSecure): the same process may be reached over HTTPS (a proxy) and plain HTTP (locally).
    secure: env().servedOverHttps,
    secrets: [env().SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

export interface SessionUser {
  sessionId: string;
  expiresAt: Date;
  activeOrganizationId: string | null;
  user: { id: string; email: string; name: string; locale: Lang; currencyCode: string };
}

/** Creates a database session and answers the Set-Cookie header that carries its token. */
export async function createUserSession(userId: string, request: Request): Promise<string> {
  forgetRequestMemo();
  const token = randomToken();
  const lastMembership = await unscopedDb.membership.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { organizationId: true } });
  await unscopedDb.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      activeOrganizationId: lastMembership?.organizationId ?? null,
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
      ipAddress: clientIp(request),
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
    },
  });
  return sessionCookie().serialize(token, { secure: cookieSecure(request) });
}

export async function sessionTokenFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  const token = await sessionCookie().parse(cookieHeader ?? null);
  return typeof token === "string" ? token : null;
}

/**
 * The signed-in user behind a Cookie header, or null. Shared by pages and the socket.io handshake. Read once per
 * request (the root, layout and page loaders all ask), in one statement: the session joined with its user, and
 * with what every signed-in page shows besides (see readSession).
 */
export async function sessionUserFromCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const token = await sessionTokenFromCookieHeader(cookieHeader);
  if (!token) return null;
  const tokenHash = hashToken(token);
  return requestMemo(`session:${tokenHash}`, () => readSession(tokenHash));
}

/** The request-memo keys under which the session read leaves the caller's memberships and unread count. */
export const membershipsMemoKey = (userId: string) => `memberships:${userId}`;
export const unreadNotificationsMemoKey = (userId: string, organizationIds: readonly string[]) => `unread:${userId}:${[...organizationIds].sort().join(",")}`;

interface MembershipRow {
  id: string;
  role: MembershipRole;
  organizationId: string;
  name: string;
  kind: OrganizationKind;
  countryCode: string;
  region: string | null;
  verificationStatus: VerificationStatus;
}

/** A membership row as listMyMemberships answers it. */
export function toMyMembership(r: MembershipRow): MyMembership {
  return {
    id: r.id,
    role: r.role,
    organization: { id: r.organizationId, name: r.name, kind: r.kind, countryCode: r.countryCode, region: r.region, verificationStatus: r.verificationStatus },
  };
}

/**
 * The session, checked on every request (a revoked or expired session stops working at once: nothing of it is kept
 * between requests), in one statement that also reads what every signed-in page's root loader shows: the user's
 * memberships (as listMyMemberships) and unread notifications from those organizations (as
 * countUnreadNotifications). Those two are left in this request's memo, so the root loader's calls cost no
 * statement: three round trips became one. Writes that change them forget the memo (forgetRequestMemo).
 */
async function readSession(tokenHash: string): Promise<SessionUser | null> {
  const [session] = await readRows<
    {
      id: string;
      expiresAt: Date;
      lastSeenAt: Date;
      activeOrganizationId: string | null;
      userId: string;
      email: string;
      name: string;
      locale: Lang;
      currencyCode: string;
      memberships: MembershipRow[];
      unreadNotifications: number;
    }
  >(Prisma.sql`SELECT s."id", s."expiresAt", s."lastSeenAt", s."activeOrganizationId", u."id" AS "userId", u."email", u."name", u."locale"::text AS "locale", u."currencyCode",
           COALESCE((SELECT json_agg(json_build_object('id', m."id", 'role', m."role"::text, 'organizationId', o."id", 'name', o."name", 'kind', o."kind"::text,
                                                       'countryCode', o."countryCode", 'region', o."region", 'verificationStatus', o."verificationStatus"::text)
                                     ORDER BY m."createdAt", m."id")
                       FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId"
                      WHERE m."userId" = u."id"), '[]'::json) AS "memberships",
           (SELECT count(*)::int FROM "Notification" n
             WHERE n."userId" = u."id" AND n."readAt" IS NULL
               AND n."organizationId" IN (SELECT m."organizationId" FROM "Membership" m WHERE m."userId" = u."id")) AS "unreadNotifications"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."tokenHash" = ${tokenHash}`);
  if (!session || session.expiresAt <= new Date()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await unscopedDb.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  const memberships = session.memberships.map(toMyMembership);
  void requestMemo(membershipsMemoKey(session.userId), () => Promise.resolve(memberships));
  void requestMemo(
    unreadNotificationsMemoKey(
      session.userId,
      memberships.map((m) => m.organization.id),
    ),
    () => Promise.resolve(session.unreadNotifications),
  );
  return {
    sessionId: session.id,
    expiresAt: session.expiresAt,
    activeOrganizationId: session.activeOrganizationId,
    user: { id: session.userId, email: session.email, name: session.name, locale: session.locale, currencyCode: session.currencyCode },
  };
}

export function getSessionUser(request: Request) {
  return sessionUserFromCookieHeader(request.headers.get("Cookie"));
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireSessionUser(request: Request, lang: Lang): Promise<SessionUser> {
  const sessionUser = await getSessionUser(request);
  if (!sessionUser) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/${lang}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return sessionUser;
}

/** Ends this browser's session and its live sockets; answers the Set-Cookie header that clears the cookie. */
export async function destroyUserSession(request: Request): Promise<string> {
  const token = await sessionTokenFromCookieHeader(request.headers.get("Cookie"));
  if (token) await deleteSessions({ tokenHash: hashToken(token) });
  return sessionCookie().serialize("", { maxAge: 0, secure: cookieSecure(request) });
}

/** After a password change or reset every other device must sign in again (their sockets close too). */
export async function destroyOtherSessions(userId: string, keepSessionId?: string) {
  await deleteSessions({ userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) });
}

async function deleteSessions(where: { tokenHash: string } | { userId: string; id?: { not: string } }) {
  forgetRequestMemo();
  const ended = await unscopedDb.session.findMany({ where, select: { id: true } });
  if (!ended.length) return;
  await unscopedDb.session.deleteMany({ where: { id: { in: ended.map((s) => s.id) } } });
  disconnectSessions(ended.map((s) => s.id));
}

/** Secure whenever the app is served over HTTPS: APP_URL says so, or this request came over it (TRUST_PROXY). */
function cookieSecure(request: Request): boolean {
  return env().servedOverHttps || new URL(request.url).protocol === "https:";
}

export async function setActiveOrganization(sessionId: string, organizationId: string | null) {
  forgetRequestMemo();
  await unscopedDb.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
}

export function clientIp(request: Request): string {
  // The Express adapter passes the socket address in this header (app/server/http.server.ts); never trust a client's.
  return request.headers.get("X-Ponte-Client-Ip") ?? "unknown";
}

