import { randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import * as realtime from "~/modules/realtime/index.server";
import { hashToken } from "~/modules/security/tokens.server";
import {
  clientIp,
  createUserSession,
  destroyOtherSessions,
  destroyUserSession,
  getSessionUser,
  requireSessionUser,
  sessionTokenFromCookieHeader,
  sessionUserFromCookieHeader,
  setActiveOrganization,
} from "~/modules/tenancy/session.server";
import { withTestDatabase } from "../support/database";

/**
 * The session module called directly (no HTTP server): what the cookie carries and how it is flagged, what is
 * stored, when a session stops counting or is renewed, and what logout and a password change end. The HTTP and
 * socket.io paths are in tests/security/sessions.test.ts.
 */

// The real disconnect, watched: which sessions' sockets an ending closes.
vi.mock("~/modules/realtime/index.server", async (importOriginal) => {
  const real = await importOriginal<typeof realtime>();
  return { ...real, disconnectSessions: vi.fn(real.disconnectSessions) };
});

withTestDatabase();

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

async function newUser(label: string) {
  return unscopedDb.user.create({
    data: { email: `${label}-${randomUUID()}@sessions.test`, name: `User ${label}`, passwordHash: "not-used-here", locale: "pt", currencyCode: "USD" },
    select: { id: true, email: true, name: true, locale: true, currencyCode: true },
  });
}

async function newOrganization(label: string) {
  return unscopedDb.organization.create({ data: { kind: "BUYER", name: `Org ${label}`, countryCode: "BR" }, select: { id: true } });
}

/** `name=value` of a Set-Cookie header, ready for a Cookie header. */
const pair = (setCookie: string) => setCookie.split(";")[0]!;

/** The attributes of a Set-Cookie header, names lower-cased ("httponly" → ""). */
function attributes(setCookie: string): Map<string, string> {
  const entries = setCookie
    .split(";")
    .slice(1)
    .map((part) => part.trim())
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [part.toLowerCase(), ""] : [part.slice(0, at).toLowerCase(), part.slice(at + 1)];
    });
  return new Map(entries as [string, string][]);
}

async function signIn(userId: string, init: RequestInit = {}, url = "http://localhost/en/login") {
  const setCookie = await createUserSession(userId, new Request(url, init));
  const cookie = pair(setCookie);
  const token = await sessionTokenFromCookieHeader(cookie);
  const row = await unscopedDb.session.findUniqueOrThrow({ where: { tokenHash: hashToken(token!) } });
  return { setCookie, cookie, token: token!, row };
}

/** Serves the app as if APP_URL were `appUrl` (cookies are Secure when it is https). */
async function withAppUrl<T>(appUrl: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.APP_URL;
  process.env.APP_URL = appUrl;
  resetEnvCache();
  try {
    return await run();
  } finally {
    process.env.APP_URL = before;
    resetEnvCache();
  }
}

beforeEach(() => {
  vi.mocked(realtime.disconnectSessions).mockClear();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("createUserSession", () => {
  it("sets a signed, HttpOnly, SameSite=Lax cookie on / for 30 days, not Secure over plain HTTP", async () => {
    const user = await newUser("cookie");
    const { setCookie } = await signIn(user.id);
    expect(setCookie.startsWith("ponte_session=")).toBe(true);
    const attrs = attributes(setCookie);
    expect(attrs.get("path")).toBe("/");
    expect(attrs.has("httponly")).toBe(true);
    expect(attrs.get("samesite")).toBe("Lax");
    expect(attrs.get("max-age")).toBe(String(30 * 24 * 60 * 60));
    expect(attrs.has("secure")).toBe(false);
  });

  it("marks the cookie Secure when the request came over HTTPS", async () => {
    const user = await newUser("https-request");
    const { setCookie } = await signIn(user.id, {}, "https://ponte.example/en/login");
    expect(attributes(setCookie).has("secure")).toBe(true);
  });

  it("marks the cookie Secure when APP_URL is https, even for a plain-HTTP request", async () => {
    const user = await newUser("https-app");
    const setCookie = await withAppUrl("https://ponte.example", () => createUserSession(user.id, new Request("http://localhost/en/login")));
    expect(attributes(setCookie).has("secure")).toBe(true);
  });

  it("stores only the token's SHA-256, with the user, the address, the user agent and a 30-day expiry", async () => {
    const user = await newUser("row");
    const before = Date.now();
    const { cookie, token, row } = await signIn(user.id, { headers: { "User-Agent": "vitest agent", "X-Ponte-Client-Ip": "203.0.113.7" } });
    const after = Date.now();
    expect(cookie).not.toContain(row.tokenHash);
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toBe(token);
    expect(row.userId).toBe(user.id);
    expect(row.userAgent).toBe("vitest agent");
    expect(row.ipAddress).toBe("203.0.113.7");
    expect(row.activeOrganizationId).toBeNull();
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(after + 30 * DAY_MS);
  });

  it("keeps at most 300 characters of the user agent, none when there is none, and 'unknown' without an address", async () => {
    const user = await newUser("agent");
    const long = await signIn(user.id, { headers: { "User-Agent": "x".repeat(400) } });
    expect(long.row.userAgent).toBe("x".repeat(300));
    expect(long.row.ipAddress).toBe("unknown");
    const none = await signIn(user.id);
    expect(none.row.userAgent).toBeNull();
  });

  it("a new token every time: two sign-ins are two sessions", async () => {
    const user = await newUser("twice");
    const first = await signIn(user.id);
    const second = await signIn(user.id);
    expect(first.token).not.toBe(second.token);
    expect(first.row.id).not.toBe(second.row.id);
  });

  it("starts in the user's oldest organization, never in another user's", async () => {
    const user = await newUser("orgs");
    const stranger = await newUser("stranger");
    const [strangers, oldest, newest] = [await newOrganization("strangers"), await newOrganization("oldest"), await newOrganization("newest")];
    const now = Date.now();
    // The newest membership is written first, so neither "no order" nor "newest first" finds the oldest.
    await unscopedDb.membership.create({ data: { organizationId: strangers.id, userId: stranger.id, role: "OWNER", createdAt: new Date(now - 3 * DAY_MS) } });
    await unscopedDb.membership.create({ data: { organizationId: newest.id, userId: user.id, role: "OWNER", createdAt: new Date(now - DAY_MS) } });
    await unscopedDb.membership.create({ data: { organizationId: oldest.id, userId: user.id, role: "MEMBER", createdAt: new Date(now - 2 * DAY_MS) } });
    const { row, cookie } = await signIn(user.id);
    expect(row.activeOrganizationId).toBe(oldest.id);
    expect((await sessionUserFromCookieHeader(cookie))?.activeOrganizationId).toBe(oldest.id);
  });
});

describe("reading the cookie", () => {
  it("answers the token of a cookie this server signed", async () => {
    const user = await newUser("read");
    const { cookie, token } = await signIn(user.id);
    expect(await sessionTokenFromCookieHeader(cookie)).toBe(token);
    expect(await sessionTokenFromCookieHeader(`other=1; ${cookie}; another=2`)).toBe(token);
  });

  it.each([
    ["no header", null],
    ["an undefined header", undefined],
    ["an empty header", ""],
    ["other cookies only", "ponte_csrf=abc; theme=dark"],
    ["garbage", "ponte_session=%%%not-a-cookie"],
  ])("answers null for %s", async (_label, header) => {
    expect(await sessionTokenFromCookieHeader(header)).toBeNull();
    expect(await sessionUserFromCookieHeader(header)).toBeNull();
  });

  it("takes the cleared cookie a logout leaves (an empty value) for no session", async () => {
    // Remix answers "" for an empty cookie value: falsy, so no lookup and no session.
    expect(await sessionTokenFromCookieHeader("ponte_session=")).toBe("");
    expect(await sessionUserFromCookieHeader("ponte_session=")).toBeNull();
  });

  it("refuses a token that is not signed, or signed with another secret, or whose signature was altered", async () => {
    const user = await newUser("forged");
    const { cookie, token } = await signIn(user.id);
    const unsigned = pair(await createCookie("ponte_session").serialize(token));
    const otherSecret = pair(await createCookie("ponte_session", { secrets: ["another-server-secret-another-server-secret"] }).serialize(token));
    const altered = cookie.slice(0, -2) + (cookie.endsWith("AA") ? "BB" : "AA");
    for (const forged of [unsigned, otherSecret, altered]) {
      expect(await sessionTokenFromCookieHeader(forged)).toBeNull();
      expect(await sessionUserFromCookieHeader(forged)).toBeNull();
    }
  });

  it("refuses a validly signed value that is not a token string", async () => {
    const signed = createCookie("ponte_session", { secrets: [process.env.SESSION_SECRET!] });
    for (const value of [42, { token: "x" }, ["x"], true]) {
      expect(await sessionTokenFromCookieHeader(pair(await signed.serialize(value)))).toBeNull();
    }
  });
});

describe("sessionUserFromCookieHeader", () => {
  it("answers the session and its user, and nothing more", async () => {
    const user = await newUser("whole");
    const organization = await newOrganization("whole");
    await unscopedDb.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "OWNER" } });
    const { cookie, row } = await signIn(user.id);
    expect(await sessionUserFromCookieHeader(cookie)).toStrictEqual({
      sessionId: row.id,
      expiresAt: row.expiresAt,
      activeOrganizationId: organization.id,
      user: { id: user.id, email: user.email, name: user.name, locale: "pt", currencyCode: "USD" },
    });
  });

  it("answers null for a token the database does not know (a revoked session)", async () => {
    const user = await newUser("revoked");
    const { cookie, row } = await signIn(user.id);
    await unscopedDb.session.delete({ where: { id: row.id } });
    expect(await sessionUserFromCookieHeader(cookie)).toBeNull();
  });

  it("ends at the expiry instant, not a millisecond later", async () => {
    const user = await newUser("expiry");
    const { cookie, row } = await signIn(user.id);
    const expiresAt = new Date(Date.now() + DAY_MS);
    await unscopedDb.session.update({ where: { id: row.id }, data: { expiresAt, lastSeenAt: new Date() } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(expiresAt.getTime() - 1);
    expect((await sessionUserFromCookieHeader(cookie))?.sessionId).toBe(row.id);
    vi.setSystemTime(expiresAt);
    expect(await sessionUserFromCookieHeader(cookie)).toBeNull();
    vi.setSystemTime(expiresAt.getTime() + 1);
    expect(await sessionUserFromCookieHeader(cookie)).toBeNull();
  });

  it("records the visit only when the last one is more than an hour old, and never extends the expiry", async () => {
    const user = await newUser("touch");
    const { cookie, row } = await signIn(user.id);
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);

    const exactlyAnHour = new Date(now - HOUR_MS);
    await unscopedDb.session.update({ where: { id: row.id }, data: { lastSeenAt: exactlyAnHour } });
    expect(await sessionUserFromCookieHeader(cookie)).not.toBeNull();
    expect((await unscopedDb.session.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt).toEqual(exactlyAnHour);

    await unscopedDb.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date(now - HOUR_MS - 1) } });
    expect(await sessionUserFromCookieHeader(cookie)).not.toBeNull();
    const touched = await unscopedDb.session.findUniqueOrThrow({ where: { id: row.id } });
    expect(touched.lastSeenAt).toEqual(new Date(now));
    expect(touched.expiresAt).toEqual(row.expiresAt);
  });

  it("touches only its own session", async () => {
    const user = await newUser("own-touch");
    const mine = await signIn(user.id);
    const other = await signIn(user.id);
    const old = new Date(Date.now() - 2 * HOUR_MS);
    await unscopedDb.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: old } });
    await sessionUserFromCookieHeader(mine.cookie);
    expect((await unscopedDb.session.findUniqueOrThrow({ where: { id: mine.row.id } })).lastSeenAt.getTime()).toBeGreaterThan(old.getTime());
    expect((await unscopedDb.session.findUniqueOrThrow({ where: { id: other.row.id } })).lastSeenAt).toEqual(old);
  });

  it("getSessionUser reads the request's Cookie header", async () => {
    const user = await newUser("request");
    const { cookie, row } = await signIn(user.id);
    expect((await getSessionUser(new Request("http://localhost/en/dashboard", { headers: { Cookie: cookie } })))?.sessionId).toBe(row.id);
    expect(await getSessionUser(new Request("http://localhost/en/dashboard"))).toBeNull();
  });
});

describe("requireSessionUser", () => {
  it("answers the signed-in user", async () => {
    const user = await newUser("required");
    const { cookie, row } = await signIn(user.id);
    const sessionUser = await requireSessionUser(new Request("http://localhost/zh/orders?page=2", { headers: { Cookie: cookie } }), "zh");
    expect(sessionUser.sessionId).toBe(row.id);
    expect(sessionUser.user.id).toBe(user.id);
  });

  it("redirects a visitor to the login page of their language, coming back to the same path and query", async () => {
    let thrown: unknown;
    try {
      await requireSessionUser(new Request("http://localhost/es/orders/7?tab=lines&q=a b"), "es");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/es/login?redirectTo=${encodeURIComponent("/es/orders/7?tab=lines&q=a%20b")}`);
  });

  it("redirects a visitor without a query string to the bare path", async () => {
    const thrown = await requireSessionUser(new Request("http://localhost/pt/dashboard"), "pt").catch((error: unknown) => error);
    expect((thrown as Response).headers.get("Location")).toBe("/pt/login?redirectTo=%2Fpt%2Fdashboard");
  });
});

describe("destroyUserSession (logout)", () => {
  it("ends this browser's session only, closes its sockets, and clears the cookie", async () => {
    const user = await newUser("logout");
    const bystander = await newUser("logout-bystander");
    const mine = await signIn(user.id);
    const myOther = await signIn(user.id);
    const theirs = await signIn(bystander.id);
    const setCookie = await destroyUserSession(new Request("http://localhost/en/logout", { method: "POST", headers: { Cookie: mine.cookie } }));

    expect(await unscopedDb.session.findUnique({ where: { id: mine.row.id } })).toBeNull();
    expect(await sessionUserFromCookieHeader(mine.cookie)).toBeNull();
    expect(await sessionUserFromCookieHeader(myOther.cookie)).not.toBeNull();
    expect(await sessionUserFromCookieHeader(theirs.cookie)).not.toBeNull();
    expect(vi.mocked(realtime.disconnectSessions).mock.calls).toEqual([[[mine.row.id]]]);

    expect(pair(setCookie)).toBe("ponte_session=");
    const attrs = attributes(setCookie);
    expect(attrs.get("max-age")).toBe("0");
    expect(attrs.get("path")).toBe("/");
    expect(attrs.has("httponly")).toBe(true);
    expect(attrs.get("samesite")).toBe("Lax");
    expect(attrs.has("secure")).toBe(false);
  });

  it("clears a Secure cookie over HTTPS or when APP_URL is https", async () => {
    expect(attributes(await destroyUserSession(new Request("https://ponte.example/en/logout"))).has("secure")).toBe(true);
    const setCookie = await withAppUrl("https://ponte.example", () => destroyUserSession(new Request("http://localhost/en/logout")));
    expect(attributes(setCookie).has("secure")).toBe(true);
  });

  it("without a session (or with an unknown one) deletes nothing and closes no socket, but still clears the cookie", async () => {
    const user = await newUser("logout-nothing");
    const kept = await signIn(user.id);
    const count = await unscopedDb.session.count();
    const gone = await signIn(user.id);
    await unscopedDb.session.delete({ where: { id: gone.row.id } });

    for (const headers of [{} as Record<string, string>, { Cookie: "ponte_session=" }, { Cookie: "ponte_session=garbage" }, { Cookie: gone.cookie }]) {
      const setCookie = await destroyUserSession(new Request("http://localhost/en/logout", { method: "POST", headers }));
      expect(attributes(setCookie).get("max-age")).toBe("0");
    }
    expect(await unscopedDb.session.count()).toBe(count);
    expect(await sessionUserFromCookieHeader(kept.cookie)).not.toBeNull();
    expect(realtime.disconnectSessions).not.toHaveBeenCalled();
  });
});

describe("destroyOtherSessions (password change or reset)", () => {
  it("ends every other session of the user and keeps the current one and other users'", async () => {
    const user = await newUser("others");
    const bystander = await newUser("others-bystander");
    const current = await signIn(user.id);
    const phone = await signIn(user.id);
    const laptop = await signIn(user.id);
    const theirs = await signIn(bystander.id);

    await destroyOtherSessions(user.id, current.row.id);

    expect(await sessionUserFromCookieHeader(current.cookie)).not.toBeNull();
    expect(await sessionUserFromCookieHeader(phone.cookie)).toBeNull();
    expect(await sessionUserFromCookieHeader(laptop.cookie)).toBeNull();
    expect(await sessionUserFromCookieHeader(theirs.cookie)).not.toBeNull();
    expect(vi.mocked(realtime.disconnectSessions).mock.calls.length).toBe(1);
    expect([...vi.mocked(realtime.disconnectSessions).mock.calls[0]![0]].sort()).toEqual([phone.row.id, laptop.row.id].sort());
  });

  it("without a session to keep ends all of the user's sessions (a reset by email link)", async () => {
    const user = await newUser("reset");
    const bystander = await newUser("reset-bystander");
    const one = await signIn(user.id);
    const two = await signIn(user.id);
    const theirs = await signIn(bystander.id);

    await destroyOtherSessions(user.id);

    expect(await unscopedDb.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionUserFromCookieHeader(one.cookie)).toBeNull();
    expect(await sessionUserFromCookieHeader(two.cookie)).toBeNull();
    expect(await sessionUserFromCookieHeader(theirs.cookie)).not.toBeNull();
    expect([...vi.mocked(realtime.disconnectSessions).mock.calls[0]![0]].sort()).toEqual([one.row.id, two.row.id].sort());
  });

  it("with no other session closes no socket", async () => {
    const user = await newUser("alone");
    const only = await signIn(user.id);
    await destroyOtherSessions(user.id, only.row.id);
    expect(await sessionUserFromCookieHeader(only.cookie)).not.toBeNull();
    expect(realtime.disconnectSessions).not.toHaveBeenCalled();
  });
});

describe("setActiveOrganization", () => {
  it("switches this session's organization, and clears it with null, leaving other sessions alone", async () => {
    const user = await newUser("switch");
    const [first, second] = [await newOrganization("first"), await newOrganization("second")];
    await unscopedDb.membership.create({ data: { organizationId: first.id, userId: user.id, role: "OWNER", createdAt: new Date(Date.now() - DAY_MS) } });
    await unscopedDb.membership.create({ data: { organizationId: second.id, userId: user.id, role: "OWNER" } });
    const mine = await signIn(user.id);
    const other = await signIn(user.id);

    await setActiveOrganization(mine.row.id, second.id);
    expect((await sessionUserFromCookieHeader(mine.cookie))?.activeOrganizationId).toBe(second.id);
    expect((await sessionUserFromCookieHeader(other.cookie))?.activeOrganizationId).toBe(first.id);

    await setActiveOrganization(mine.row.id, null);
    expect((await sessionUserFromCookieHeader(mine.cookie))?.activeOrganizationId).toBeNull();
  });
});

describe("clientIp", () => {
  it("is the address the Express adapter passes, or 'unknown'", () => {
    expect(clientIp(new Request("http://localhost/", { headers: { "X-Ponte-Client-Ip": "198.51.100.4" } }))).toBe("198.51.100.4");
    expect(clientIp(new Request("http://localhost/", { headers: { "X-Forwarded-For": "192.0.2.1" } }))).toBe("unknown");
  });
});

describe("one read per request (request memo)", () => {
  it("a request reads its session once, and sees its own writes to it (switching organization, signing out)", async () => {
    const { runInRequestScope } = await import("~/modules/http/request-memo.server");
    const user = await newUser("memo");
    const first = await newOrganization("memo-1");
    const second = await newOrganization("memo-2");
    await unscopedDb.membership.create({ data: { organizationId: first.id, userId: user.id, role: "OWNER" } });
    await unscopedDb.membership.create({ data: { organizationId: second.id, userId: user.id, role: "OWNER" } });
    const cookie = pair(await createUserSession(user.id, new Request("http://localhost/pt/login")));
    const request = new Request("http://localhost/pt/cart", { headers: { Cookie: cookie } });

    await runInRequestScope(async () => {
      const a = await getSessionUser(request);
      const b = await getSessionUser(request);
      expect(b).toBe(a);
      expect(a?.activeOrganizationId).toBe(first.id);
      // Another process changes the row: this request keeps what it read…
      await unscopedDb.session.updateMany({ where: { userId: user.id }, data: { activeOrganizationId: second.id } });
      expect((await getSessionUser(request))?.activeOrganizationId).toBe(first.id);
      // …but its own write is seen by what runs after it (an action, then the loaders).
      await setActiveOrganization(a!.sessionId, first.id);
      expect((await getSessionUser(request))?.activeOrganizationId).toBe(first.id);
      await setActiveOrganization(a!.sessionId, second.id);
      expect((await getSessionUser(request))?.activeOrganizationId).toBe(second.id);
      await destroyUserSession(request);
      expect(await getSessionUser(request)).toBeNull();
    });
  });

  it("memberships are read once per request and again after joining or leaving", async () => {
    const { runInRequestScope } = await import("~/modules/http/request-memo.server");
    const { listMyMemberships, myMembershipOf, createOrganization } = await import("~/modules/tenancy/organizations.server");
    const user = await newUser("memo-m");
    await runInRequestScope(async () => {
      expect(await listMyMemberships(user.id)).toEqual([]);
      const org = await createOrganization(user.id, { kind: "BUYER", name: "Memo Compradora", countryCode: "BR", region: "SP" });
      const mine = await myMembershipOf(user.id, org.id);
      expect(mine).toMatchObject({ role: "OWNER", organization: { id: org.id, name: "Memo Compradora", kind: "BUYER", countryCode: "BR", region: "SP", verificationStatus: "UNVERIFIED" } });
      expect(await myMembershipOf(user.id, randomUUID())).toBeNull();
    });
  });
  it("the session read brings the root's memberships and unread count along, from the user's organizations only", async () => {
    const { runInRequestScope } = await import("~/modules/http/request-memo.server");
    const { listMyMemberships } = await import("~/modules/tenancy/organizations.server");
    const { countUnreadNotifications, markAllNotificationsRead } = await import("~/modules/ordering/notifications-inbox.server");
    const user = await newUser("memo-root");
    const other = await newUser("memo-root-other");
    const first = await newOrganization("memo-root-1");
    const second = await newOrganization("memo-root-2");
    const left = await newOrganization("memo-root-left");
    await unscopedDb.membership.create({ data: { organizationId: first.id, userId: user.id, role: "OWNER" } });
    await unscopedDb.membership.create({ data: { organizationId: second.id, userId: user.id, role: "MEMBER" } });
    const notify = (userId: string, organizationId: string, read = false) =>
      unscopedDb.notification.create({ data: { userId, organizationId, kind: "test", title: "t", readAt: read ? new Date() : null } });
    await notify(user.id, first.id);
    await notify(user.id, second.id);
    await notify(user.id, second.id, true);
    // Not counted: another user's, and one from an organization the user no longer belongs to.
    await notify(other.id, first.id);
    await notify(user.id, left.id);
    const cookie = pair(await createUserSession(user.id, new Request("http://localhost/pt/login")));
    const request = new Request("http://localhost/pt/products", { headers: { Cookie: cookie } });
    // What the separate reads answer (outside a request: no memo).
    const expected = await listMyMemberships(user.id);
    expect(expected.map((m) => m.organization.id)).toEqual([first.id, second.id]);

    await runInRequestScope(async () => {
      const sessionUser = await getSessionUser(request);
      expect(sessionUser?.user.id).toBe(user.id);
      // Another process changes the rows now: this request answers what its one statement read with the session.
      await unscopedDb.membership.deleteMany({ where: { userId: user.id, organizationId: second.id } });
      await notify(user.id, first.id);
      const memberships = await listMyMemberships(user.id);
      expect(memberships).toEqual(expected);
      expect(await countUnreadNotifications(user.id, memberships.map((m) => m.organization.id))).toBe(2);
      // Its own write is seen by what runs after it (the root loader after an action).
      await markAllNotificationsRead(user.id);
      expect(await countUnreadNotifications(user.id, [first.id])).toBe(0);
    });

    // The next request reads afresh.
    await notify(user.id, first.id);
    await runInRequestScope(async () => {
      await getSessionUser(request);
      const memberships = await listMyMemberships(user.id);
      expect(memberships.map((m) => m.organization.id)).toEqual([first.id]);
      expect(await countUnreadNotifications(user.id, [first.id])).toBe(1);
    });
  });

  it("a revoked session stops working at the next request: nothing of it is kept between requests", async () => {
    const { runInRequestScope } = await import("~/modules/http/request-memo.server");
    const user = await newUser("memo-revoked");
    const cookie = pair(await createUserSession(user.id, new Request("http://localhost/pt/login")));
    const request = new Request("http://localhost/pt/products", { headers: { Cookie: cookie } });
    expect((await runInRequestScope(() => getSessionUser(request)))?.user.id).toBe(user.id);
    // Revoked elsewhere (a password change on another device, another web process).
    await unscopedDb.session.deleteMany({ where: { userId: user.id } });
    expect(await runInRequestScope(() => getSessionUser(request))).toBeNull();
  });
});
