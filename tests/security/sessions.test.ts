import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { CSRF_COOKIE, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { hashToken, hmac, randomToken } from "~/modules/security/tokens.server";
import { createUserSession, destroyOtherSessions, sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { cookieJar, findSetCookie, forgetRateLimits, formTokenFrom, get, logIn, postForm, startHarness, type Harness } from "./server-harness";

/**
 * Issue 16's negative tests of the CSRF check and the sessions, through the real HTTP stack and socket.io: every
 * forged, foreign or stale token is refused, and a session that ends takes its pages and its sockets with it.
 */
let h: Harness;
const MAKER = "maker@demo.ponte.test";
const PASSWORD = "ponte-demo-2026";
const clients: Socket[] = [];

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await h?.close();
});

beforeEach(forgetRateLimits);

const userId = async (email: string) => (await unscopedDb.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const orgOf = async (email: string) => (await unscopedDb.membership.findFirstOrThrow({ where: { user: { email } }, select: { organizationId: true } })).organizationId;

/** A signed-in browser without going through the login form: the session cookie and a CSRF cookie. */
async function browserOf(email: string) {
  const session = (await createUserSession(await userId(email), new Request("http://localhost/"))).split(";")[0]!;
  return `${session}; ${CSRF_COOKIE}=${encodeURIComponent(newCsrfCookieValue())}`;
}

function openSocket(cookie: string) {
  const client = connectSocket(h.local, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  clients.push(client);
  return client;
}

function connected(client: Socket) {
  return new Promise<void>((resolve, reject) => {
    if (client.connected) return resolve();
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
}

function disconnected(client: Socket) {
  return new Promise<string>((resolve) => {
    if (!client.connected) return resolve("already");
    client.once("disconnect", (reason) => resolve(reason));
  });
}

function refused(client: Socket) {
  return new Promise<string>((resolve, reject) => {
    client.once("connect_error", (error) => resolve(error.message));
    client.once("connect", () => reject(new Error("connected")));
  });
}

describe("the CSRF check on the login form", () => {
  const login = (fields: Record<string, string>, cookie: string) =>
    postForm(`${h.local}/en/login`, { email: MAKER, password: PASSWORD, ...fields }, cookie ? { Cookie: cookie } : {});

  it("accepts the page's own token (the control case)", async () => {
    const { cookie, token } = await formTokenFrom(`${h.local}/en/login`);
    expect((await login({ csrf: token }, cookie)).status).toBe(302);
  });

  it.each([
    ["a missing token", async (page: { cookie: string; token: string }) => ({ fields: {}, cookie: page.cookie })],
    ["an empty token", async (page: { cookie: string; token: string }) => ({ fields: { csrf: "" }, cookie: page.cookie })],
    ["a wrong token", async (page: { cookie: string; token: string }) => ({ fields: { csrf: randomToken(24) }, cookie: page.cookie })],
    ["the token of another browser's cookie", async (page: { cookie: string; token: string }) => ({ fields: { csrf: (await formTokenFrom(`${h.local}/en/login`)).token }, cookie: page.cookie })],
    ["the whole cookie value as the token", async (page: { cookie: string; token: string }) => ({ fields: { csrf: decodeURIComponent(/ponte_csrf=([^;]+)/.exec(page.cookie)![1]!) }, cookie: page.cookie })],
    ["no cookie at all", async (page: { cookie: string; token: string }) => ({ fields: { csrf: page.token }, cookie: "" })],
    ["an unsigned cookie of the attacker's choosing", async () => ((t) => ({ fields: { csrf: t }, cookie: `${CSRF_COOKIE}=${t}` }))(randomToken(24))],
    ["a cookie with a forged signature", async () => ((t) => ({ fields: { csrf: t }, cookie: `${CSRF_COOKIE}=${t}.${randomToken(32)}` }))(randomToken(24))],
    ["a cookie signed with another secret", async () => ((t) => ({ fields: { csrf: t }, cookie: `${CSRF_COOKIE}=${t}.${hmac("not-this-server-secret-not-this-one", t)}` }))(randomToken(24))],
  ])("refuses %s with 403 and no session", async (_label, make) => {
    const page = await formTokenFrom(`${h.local}/en/login`);
    const { fields, cookie } = await make(page);
    const response = await login(fields, cookie);
    expect(response.status).toBe(403);
    expect(findSetCookie(response, "ponte_session")).toBeUndefined();
  });
});

describe("the CSRF token once signed in", () => {
  const setLanguage = (cookie: string, csrf: string) => postForm(`${h.local}/set-language`, { csrf, lang: "pt", redirectTo: "/en/dashboard" }, { Cookie: cookie });

  it("is bound to the session: the token of the login page no longer works, the page's new one does", async () => {
    const before = await formTokenFrom(`${h.local}/en/login`);
    const response = await postForm(`${h.local}/en/login`, { csrf: before.token, email: MAKER, password: PASSWORD }, { Cookie: before.cookie });
    const signedIn = `${before.cookie}; ${cookieJar(response)}`;
    expect((await setLanguage(signedIn, before.token)).status).toBe(403);
    const after = await formTokenFrom(`${h.local}/en/products`, signedIn);
    expect(after.token).not.toBe(before.token);
    expect((await setLanguage(signedIn, after.token)).status).toBe(302);
  });

  it("refuses another session's token, even with the same CSRF cookie", async () => {
    const mine = await logIn(h.local, MAKER);
    const csrfCookie = /ponte_csrf=[^;]+/.exec(mine.cookie)![0];
    const otherSession = (await createUserSession(await userId(MAKER), new Request("http://localhost/"))).split(";")[0]!;
    const other = await formTokenFrom(`${h.local}/en/products`, `${otherSession}; ${csrfCookie}`);
    expect((await setLanguage(mine.cookie, other.token)).status).toBe(403);
    expect((await setLanguage(`${otherSession}; ${csrfCookie}`, other.token)).status).toBe(302);
  });

  it("refuses the signed-in token after logout", async () => {
    const { cookie } = await logIn(h.local, MAKER);
    const page = await formTokenFrom(`${h.local}/en/products`, cookie);
    const out = await postForm(`${h.local}/en/logout`, { csrf: page.token }, { Cookie: cookie });
    expect(out.status).toBe(302);
    const anonymous = cookie.split("; ").filter((c) => !c.startsWith("ponte_session=")).join("; ");
    expect((await setLanguage(anonymous, page.token)).status).toBe(403);
  });
});

describe("sessions", () => {
  it("an expired session is refused by pages and by socket.io", async () => {
    const cookie = await browserOf(MAKER);
    const session = await sessionUserFromCookieHeader(cookie);
    await unscopedDb.session.update({ where: { id: session!.sessionId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await sessionUserFromCookieHeader(cookie)).toBeNull();
    const dashboard = await get(`${h.local}/en/dashboard`, { Cookie: cookie });
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.get("location")).toMatch(/^\/en\/login/);
    expect(await refused(openSocket(cookie))).toBe("unauthorized");
  });

  it("a session cookie with a forged signature is no session", async () => {
    const cookie = await browserOf(MAKER);
    const forged = cookie.replace(/ponte_session=([^;.]+)\.[^;]+/, "ponte_session=$1.forged");
    expect(forged).not.toBe(cookie);
    expect(await sessionUserFromCookieHeader(forged)).toBeNull();
    expect((await get(`${h.local}/en/dashboard`, { Cookie: forged })).status).toBe(302);
  });

  it("logout ends the session for good, and closes its sockets", async () => {
    const { cookie } = await logIn(h.local, MAKER);
    const sessionId = (await sessionUserFromCookieHeader(cookie))!.sessionId;
    const socket = openSocket(cookie);
    await connected(socket);
    const gone = disconnected(socket);
    const page = await formTokenFrom(`${h.local}/en/products`, cookie);
    const out = await postForm(`${h.local}/en/logout`, { csrf: page.token }, { Cookie: cookie });
    expect(out.status).toBe(302);
    expect(findSetCookie(out, "ponte_session")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await gone).toBe("io server disconnect");
    expect(await unscopedDb.session.findUnique({ where: { id: sessionId } })).toBeNull();
    // The old cookie, replayed, is no session.
    expect((await get(`${h.local}/en/dashboard`, { Cookie: cookie })).headers.get("location")).toMatch(/^\/en\/login/);
    expect(await refused(openSocket(cookie))).toBe("unauthorized");
  });

  it("a password reset ends every session of the account and closes their sockets", async () => {
    const email = "buyer.mx@demo.ponte.test";
    const [a, b] = [await browserOf(email), await browserOf(email)];
    const other = await browserOf(MAKER);
    const [socketA, socketB, socketOther] = [openSocket(a), openSocket(b), openSocket(other)];
    await Promise.all([connected(socketA), connected(socketB), connected(socketOther)]);
    const gone = Promise.all([disconnected(socketA), disconnected(socketB)]);
    const token = randomToken();
    await unscopedDb.passwordResetToken.create({ data: { tokenHash: hashToken(token), userId: await userId(email), expiresAt: new Date(Date.now() + 3_600_000) } });
    const page = await formTokenFrom(`${h.local}/en/reset-password/${token}`);
    const password = "a long reset passphrase for sessions 2026";
    const reset = await postForm(`${h.local}/en/reset-password/${token}`, { csrf: page.token, password, confirm: password }, { Cookie: page.cookie });
    expect(reset.status).toBe(302);
    expect(await gone).toEqual(["io server disconnect", "io server disconnect"]);
    expect(await sessionUserFromCookieHeader(a)).toBeNull();
    expect(await sessionUserFromCookieHeader(b)).toBeNull();
    // Another account's socket is untouched.
    expect(socketOther.connected).toBe(true);
    expect(await socketOther.timeout(10_000).emitWithAck("organization:join", await orgOf(MAKER))).toEqual({ ok: true });
  });

  it("a password change keeps this session and ends the others, sockets included", async () => {
    const [kept, ended] = [await browserOf(MAKER), await browserOf(MAKER)];
    const [keptSocket, endedSocket] = [openSocket(kept), openSocket(ended)];
    await Promise.all([connected(keptSocket), connected(endedSocket)]);
    const gone = disconnected(endedSocket);
    await destroyOtherSessions(await userId(MAKER), (await sessionUserFromCookieHeader(kept))!.sessionId);
    expect(await gone).toBe("io server disconnect");
    expect(await sessionUserFromCookieHeader(ended)).toBeNull();
    expect(await keptSocket.timeout(10_000).emitWithAck("organization:join", await orgOf(MAKER))).toEqual({ ok: true });
  });

  it("a socket whose session was deleted behind its back is closed on its next join, not let in", async () => {
    const cookie = await browserOf(MAKER);
    const socket = openSocket(cookie);
    await connected(socket);
    const gone = disconnected(socket);
    await unscopedDb.session.deleteMany({ where: { id: (await sessionUserFromCookieHeader(cookie))!.sessionId } });
    socket.emit("organization:join", await orgOf(MAKER));
    expect(await gone).toBe("io server disconnect");
  });

  it("a socket closes when its session expires", async () => {
    const cookie = await browserOf(MAKER);
    const sessionId = (await sessionUserFromCookieHeader(cookie))!.sessionId;
    // Expires a moment after the handshake: the server's timer, not this test, decides when.
    await unscopedDb.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() + 1_500) } });
    const socket = openSocket(cookie);
    await connected(socket);
    expect(await disconnected(socket)).toBe("io server disconnect");
  });

  it("joining an organization re-checks membership every time", async () => {
    const email = "buyer.pt@demo.ponte.test";
    const cookie = await browserOf(email);
    const socket = openSocket(cookie);
    await connected(socket);
    const organizationId = await orgOf(email);
    expect(await socket.timeout(10_000).emitWithAck("organization:join", organizationId)).toEqual({ ok: true });
    const membership = await unscopedDb.membership.findFirstOrThrow({ where: { organizationId, user: { email } } });
    await unscopedDb.membership.delete({ where: { id: membership.id } });
    try {
      expect(await socket.timeout(10_000).emitWithAck("organization:join", organizationId)).toEqual({ ok: false, status: 404, error: "not_found" });
    } finally {
      await unscopedDb.membership.create({ data: { id: membership.id, organizationId, userId: membership.userId, role: membership.role } });
    }
  });
});
