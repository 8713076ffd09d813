import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { hashToken } from "~/modules/security/tokens.server";
import {
  changePassword,
  findValidResetToken,
  LOGIN_LIMITS,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
} from "~/modules/tenancy/accounts.server";
import type * as Passwords from "~/modules/tenancy/passwords.server";
import { createUserSession, sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import enMessages from "../../locales/en/common.json";
import ptMessages from "../../locales/pt/common.json";
import { withTestDatabase } from "../support/database";

// The real argon2 check, watched: which passwords were actually tried against a hash.
const checkedPasswords = vi.hoisted(() => new Set<string>());
vi.mock("~/modules/tenancy/passwords.server", async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return {
    ...real,
    verifyPassword: (passwordHash: string, password: string) => {
      checkedPasswords.add(password);
      return real.verifyPassword(passwordHash, password);
    },
  };
});

withTestDatabase({ queue: true });

const PASSWORD = "correct horse battery staple";

/** A fresh address per test, so that no test sees another's rows or rate-limit buckets. */
function uniqueEmail(label: string) {
  return `${label}-${randomUUID()}@test.ponte`;
}

/** A fresh client address per test (documentation range), so that per-IP buckets never collide. */
function uniqueIp() {
  return `2001:db8::${randomBytes(6).toString("hex").match(/.{4}/g)!.join(":")}`;
}

function retryAfter(result: Awaited<ReturnType<typeof logIn>>) {
  return !result.ok && result.error === "rate_limited" ? result.retryAfterSeconds : undefined;
}

async function newUser(label: string, password = PASSWORD) {
  const email = uniqueEmail(label);
  const result = await signUp({ email, name: `User ${label}`, password, locale: "en" });
  if (!result.ok) throw new Error(`sign-up failed: ${result.error}`);
  return { email, userId: result.userId };
}

/** A browser session of the user, as the login route creates it: its Cookie header and its id. */
async function newSession(userId: string) {
  const setCookie = await createUserSession(userId, new Request("http://localhost/en/login", { headers: { "User-Agent": "vitest" } }));
  const cookie = setCookie.split(";")[0]!;
  const sessionUser = await sessionUserFromCookieHeader(cookie);
  if (!sessionUser) throw new Error("session not found");
  return { cookie, sessionId: sessionUser.sessionId };
}

/** The newest email sent to `email`. */
async function lastResetEmail(email: string) {
  return unscopedDb.emailMessage.findFirst({ where: { toAddress: email }, orderBy: { createdAt: "desc" } });
}

function resetTokenIn(text: string, lang: string) {
  const match = new RegExp(`/${lang}/reset-password/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[1]!;
}

async function requestResetToken(email: string, lang: "en" | "pt" = "en") {
  await requestPasswordReset({ email, lang });
  const message = await lastResetEmail(email);
  if (!message) throw new Error("no reset email");
  return resetTokenIn(message.text, lang);
}

describe("signUp", () => {
  it("creates a user whose password is stored as an argon2id hash", async () => {
    const email = uniqueEmail("argon");
    const result = await signUp({ email, name: "Argon", password: PASSWORD, locale: "pt" });
    expect(result.ok).toBe(true);
    const user = await unscopedDb.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });

  it("stores the email address trimmed and in lower case", async () => {
    const email = uniqueEmail("mixedcase");
    const result = await signUp({ email: `  ${email.toUpperCase()} `, name: "Mixed", password: PASSWORD, locale: "en" });
    if (!result.ok) throw new Error(result.error);
    const user = await unscopedDb.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe(email.toLowerCase());
  });

  it("refuses an address that is already registered, whatever its case", async () => {
    const { email } = await newUser("duplicate");
    expect(await signUp({ email, name: "Again", password: PASSWORD, locale: "en" })).toEqual({ ok: false, error: "email_taken" });
    expect(await signUp({ email: email.toUpperCase(), name: "Again", password: PASSWORD, locale: "en" })).toEqual({ ok: false, error: "email_taken" });
    expect(await unscopedDb.user.count({ where: { email } })).toBe(1);
  });
});

describe("logIn", () => {
  it("accepts the right password", async () => {
    const { email, userId } = await newUser("login-ok");
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
  });

  it("refuses a wrong password or an unknown account with the same answer", async () => {
    const { email } = await newUser("login-wrong");
    expect(await logIn({ email, password: "wrong password", ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
    expect(await logIn({ email: uniqueEmail("nobody"), password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it(`locks an account after ${LOGIN_LIMITS.perAccount.attempts} failures, even against the right password`, async () => {
    const { email } = await newUser("login-locked");
    for (let i = 0; i < LOGIN_LIMITS.perAccount.attempts; i++) {
      expect(await logIn({ email, password: `wrong ${i}`, ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
    }
    const locked = await logIn({ email, password: PASSWORD, ip: uniqueIp() });
    expect(locked).toMatchObject({ ok: false, error: "rate_limited" });
    expect(retryAfter(locked)).toBeGreaterThan(0);
  });

  it(`checks at most ${LOGIN_LIMITS.perAccount.attempts} passwords of an account however many guesses arrive at once`, async () => {
    const { email } = await newUser("login-burst");
    const guesses = Array.from({ length: 20 }, () => `burst guess ${randomUUID()}`);
    const results = await Promise.all(guesses.map((password) => logIn({ email, password, ip: uniqueIp() })));
    const checked = guesses.filter((guess) => checkedPasswords.has(guess));
    expect(checked.length).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount.attempts);
    expect(results.filter((r) => !r.ok && r.error === "invalid_credentials")).toHaveLength(checked.length);
    expect(results.filter((r) => !r.ok && r.error === "rate_limited")).toHaveLength(guesses.length - checked.length);
  });

  it("clears an account's failures when it logs in successfully before the limit", async () => {
    const { email, userId } = await newUser("login-cleared");
    for (let i = 0; i < LOGIN_LIMITS.perAccount.attempts - 1; i++) {
      expect(await logIn({ email, password: `wrong ${i}`, ip: uniqueIp() })).toMatchObject({ ok: false, error: "invalid_credentials" });
    }
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
    for (let i = 0; i < LOGIN_LIMITS.perAccount.attempts; i++) {
      expect(await logIn({ email, password: `wrong again ${i}`, ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
    }
  });

  it(`stops one address after ${LOGIN_LIMITS.perIp.attempts} attempts across different accounts`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < LOGIN_LIMITS.perIp.attempts; i++) {
      expect(await logIn({ email: uniqueEmail(`spray-${i}`), password: PASSWORD, ip })).toEqual({ ok: false, error: "invalid_credentials" });
    }
    const limited = await logIn({ email: uniqueEmail("spray-last"), password: PASSWORD, ip });
    expect(limited).toMatchObject({ ok: false, error: "rate_limited" });
    expect(retryAfter(limited)).toBeGreaterThan(0);
  });

  it("still lets a real user in from another address while one address is limited", async () => {
    const ip = uniqueIp();
    for (let i = 0; i <= LOGIN_LIMITS.perIp.attempts; i++) await logIn({ email: uniqueEmail(`noisy-${i}`), password: PASSWORD, ip });
    const { email, userId } = await newUser("login-other-ip");
    expect(await logIn({ email, password: PASSWORD, ip })).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password and keeps the old one", async () => {
    const { email, userId } = await newUser("change-wrong");
    const { sessionId } = await newSession(userId);
    expect(await changePassword({ userId, sessionId, currentPassword: "not it", newPassword: "a brand new password" })).toEqual({ ok: false, error: "wrong_password" });
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
  });

  it("changes the password, signs out the user's other sessions and keeps the current one", async () => {
    const { email, userId } = await newUser("change-ok");
    const current = await newSession(userId);
    const other = await newSession(userId);
    const bystander = await newUser("change-bystander");
    const bystanderSession = await newSession(bystander.userId);

    expect(await changePassword({ userId, sessionId: current.sessionId, currentPassword: PASSWORD, newPassword: "a brand new password" })).toEqual({ ok: true });

    expect(await sessionUserFromCookieHeader(current.cookie)).toMatchObject({ sessionId: current.sessionId });
    expect(await sessionUserFromCookieHeader(other.cookie)).toBeNull();
    expect(await unscopedDb.session.count({ where: { userId } })).toBe(1);
    expect(await sessionUserFromCookieHeader(bystanderSession.cookie)).not.toBeNull();
    expect(await logIn({ email, password: "a brand new password", ip: uniqueIp() })).toEqual({ ok: true, userId });
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
  });
});

describe("password reset", () => {
  it("sends nothing for an unknown address", async () => {
    const email = uniqueEmail("unknown-reset");
    await expect(requestPasswordReset({ email, lang: "en" })).resolves.toBeUndefined();
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: email } })).toBe(0);
  });

  it("puts an email with a one-time link into the outbox for a known address", async () => {
    const { email } = await newUser("reset-link");
    await requestPasswordReset({ email: email.toUpperCase(), lang: "en" });
    const message = await lastResetEmail(email);
    expect(message).toMatchObject({ toAddress: email, kind: "password-reset" });
    expect(message!.subject).toBe(enMessages.email.reset.subject);
    const token = resetTokenIn(message!.text, "en");
    expect(message!.text).toContain(`${process.env.APP_URL}/en/reset-password/${token}`);
    // Only the token's hash is stored.
    expect(await unscopedDb.passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await unscopedDb.passwordResetToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
  });

  it("writes the email in the requested language", async () => {
    const { email } = await newUser("reset-pt");
    await requestPasswordReset({ email, lang: "pt" });
    const message = await lastResetEmail(email);
    expect(message!.subject).toBe(ptMessages.email.reset.subject);
    expect(message!.subject).toBe("Redefina sua senha da Ponte");
    expect(message!.text).toMatch(/\/pt\/reset-password\/[A-Za-z0-9_-]+/);
  });

  it("sets a new password once, signs out every session, and refuses the link a second time", async () => {
    const { email, userId } = await newUser("reset-once");
    const session = await newSession(userId);
    const token = await requestResetToken(email);
    expect(await findValidResetToken(token)).toMatchObject({ userId });

    expect(await resetPassword(token, "reset password one")).toEqual({ ok: true, userId });
    expect(await sessionUserFromCookieHeader(session.cookie)).toBeNull();
    expect(await logIn({ email, password: "reset password one", ip: uniqueIp() })).toEqual({ ok: true, userId });

    expect(await findValidResetToken(token)).toBeNull();
    expect(await resetPassword(token, "reset password two")).toEqual({ ok: false });
    expect(await logIn({ email, password: "reset password two", ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("treats an expired link as invalid", async () => {
    const { email } = await newUser("reset-expired");
    const token = await requestResetToken(email);
    await unscopedDb.passwordResetToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findValidResetToken(token)).toBeNull();
    expect(await resetPassword(token, "too late password")).toEqual({ ok: false });
  });

  it("knows nothing of a made-up token", async () => {
    expect(await findValidResetToken("not-a-real-token")).toBeNull();
    expect(await resetPassword("not-a-real-token", "whatever password")).toEqual({ ok: false });
  });
});
