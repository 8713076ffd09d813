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
  SIGNUP_LIMITS,
  signUp,
} from "~/modules/tenancy/accounts.server";
import { resendVerification, verifyEmail } from "~/modules/tenancy/email-verification.server";
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

/** Signs up and follows the emailed link, as a person does: a verified account. */
async function newUser(label: string, password = PASSWORD) {
  const email = uniqueEmail(label);
  const result = await signUp({ email, name: `User ${label}`, password, locale: "en", ip: uniqueIp() });
  if (!result.ok) throw new Error(`sign-up failed: ${result.error}`);
  const verified = await verifyEmail(await verificationTokenFor(email));
  if (!verified.ok) throw new Error("verification failed");
  return { email, userId: result.userId };
}

/** The token of the newest verification link emailed to `email`. */
async function verificationTokenFor(email: string, lang = "en") {
  const message = await unscopedDb.emailMessage.findFirst({ where: { toAddress: email, kind: "email-verification" }, orderBy: { createdAt: "desc" } });
  const match = new RegExp(`/${lang}/verify-email/([A-Za-z0-9_-]+)`).exec(message?.text ?? "");
  if (!match) throw new Error(`no verification link for ${email}`);
  return match[1]!;
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
  it("creates an unverified user whose password is stored as an argon2id hash", async () => {
    const email = uniqueEmail("argon");
    const result = await signUp({ email, name: "Argon", password: PASSWORD, locale: "pt", ip: uniqueIp() });
    expect(result.ok).toBe(true);
    const user = await unscopedDb.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.emailVerifiedAt).toBeNull();
  });

  it("stores the email address trimmed and in lower case", async () => {
    const email = uniqueEmail("mixedcase");
    const result = await signUp({ email: `  ${email.toUpperCase()} `, name: "Mixed", password: PASSWORD, locale: "en", ip: uniqueIp() });
    if (!result.ok) throw new Error(result.error);
    const user = await unscopedDb.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe(email.toLowerCase());
  });

  it("emails a one-time verification link in the signup's language; only its hash is stored", async () => {
    const email = uniqueEmail("verify-link");
    await signUp({ email, name: "Link", password: PASSWORD, locale: "pt", ip: uniqueIp() });
    const message = await unscopedDb.emailMessage.findFirstOrThrow({ where: { toAddress: email } });
    expect(message).toMatchObject({ kind: "email-verification", subject: ptMessages.email.verify.subject });
    const token = await verificationTokenFor(email, "pt");
    expect(message.text).toContain(`${process.env.APP_URL}/pt/verify-email/${token}`);
    expect(await unscopedDb.emailVerificationToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await unscopedDb.emailVerificationToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
  });

  it("answers a registered address exactly like a new one, emails its owner and changes nothing", async () => {
    const { email, userId } = await newUser("duplicate");
    const before = await unscopedDb.user.findUniqueOrThrow({ where: { id: userId } });
    const fresh = await signUp({ email: uniqueEmail("fresh"), name: "Fresh", password: PASSWORD, locale: "en", ip: uniqueIp() });
    const again = await signUp({ email: email.toUpperCase(), name: "Again", password: "another long passphrase here", locale: "en", ip: uniqueIp() });
    expect(Object.keys(again).sort()).toEqual(Object.keys(fresh).sort());
    expect(again).toMatchObject({ ok: true });
    expect(await unscopedDb.user.count({ where: { email } })).toBe(1);
    expect(await unscopedDb.user.findUniqueOrThrow({ where: { id: userId } })).toEqual(before);
    const notice = await unscopedDb.emailMessage.findFirstOrThrow({ where: { toAddress: email }, orderBy: { createdAt: "desc" } });
    expect(notice).toMatchObject({ kind: "signup-existing", subject: enMessages.email.signupExisting.subject });
    expect(notice.text).toContain("/en/forgot-password");
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
  });

  it("creates exactly one account when signups race on one address, answering every one the same", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp({ email, name: `Racer ${i}`, password: PASSWORD, locale: "en", ip: uniqueIp() })));
    for (const result of results) expect(result).toMatchObject({ ok: true });
    expect(await unscopedDb.user.count({ where: { email } })).toBe(1);
    const user = await unscopedDb.user.findUniqueOrThrow({ where: { email }, select: { id: true, _count: { select: { emailVerificationTokens: true } } } });
    expect(user._count.emailVerificationTokens).toBe(8);
  });

  it(`stops one client address after ${SIGNUP_LIMITS.perIp.attempts} signups an hour`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < SIGNUP_LIMITS.perIp.attempts; i++) {
      expect(await signUp({ email: uniqueEmail(`burst-${i}`), name: "Burst", password: PASSWORD, locale: "en", ip })).toMatchObject({ ok: true });
    }
    const limited = await signUp({ email: uniqueEmail("burst-last"), name: "Burst", password: PASSWORD, locale: "en", ip });
    expect(limited).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await signUp({ email: uniqueEmail("other-ip"), name: "Other", password: PASSWORD, locale: "en", ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it.each(["aaaaaaaaaa", "password12", "          ", "ponte2026", "joana.silva2026"])("refuses the guessable password %j and stores nothing", async (password) => {
    const email = `joana.silva-${randomUUID()}@test.ponte`;
    const result = await signUp({ email, name: "Joana Silva", password, locale: "en", ip: uniqueIp() });
    expect(result).toMatchObject({ ok: false, error: "weak_password" });
    expect(await unscopedDb.user.count({ where: { email } })).toBe(0);
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: email } })).toBe(0);
  });
});

describe("email verification", () => {
  it("refuses to sign in an unverified account with the right password, and says so", async () => {
    const email = uniqueEmail("unverified");
    await signUp({ email, name: "Pending", password: PASSWORD, locale: "en", ip: uniqueIp() });
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: false, error: "unverified", email });
    expect(await logIn({ email, password: "wrong password here", ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("verifies once: the link signs in, then is spent", async () => {
    const email = uniqueEmail("verify-once");
    const { userId } = (await signUp({ email, name: "Once", password: PASSWORD, locale: "en", ip: uniqueIp() })) as { userId: string };
    const token = await verificationTokenFor(email);
    expect(await verifyEmail(token)).toEqual({ ok: true, userId });
    expect((await unscopedDb.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyEmail(token)).toEqual({ ok: false });
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
  });

  it("treats an expired or made-up link as invalid", async () => {
    const email = uniqueEmail("verify-expired");
    await signUp({ email, name: "Late", password: PASSWORD, locale: "en", ip: uniqueIp() });
    const token = await verificationTokenFor(email);
    await unscopedDb.emailVerificationToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmail(token)).toEqual({ ok: false });
    expect(await verifyEmail("not-a-real-token")).toEqual({ ok: false });
  });

  it("gives the address owner the password of the signup whose link they follow, not a squatter's", async () => {
    const email = uniqueEmail("squatted");
    await signUp({ email, name: "Squatter", password: "the squatter's own passphrase", locale: "en", ip: uniqueIp() });
    await signUp({ email, name: "Owner", password: PASSWORD, locale: "en", ip: uniqueIp() });
    const ownersLink = await verificationTokenFor(email);
    const { userId } = (await verifyEmail(ownersLink)) as { userId: string };
    expect(await logIn({ email, password: PASSWORD, ip: uniqueIp() })).toEqual({ ok: true, userId });
    expect(await logIn({ email, password: "the squatter's own passphrase", ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
    // The squatter's link died with the owner's.
    expect(await unscopedDb.emailVerificationToken.count({ where: { userId, usedAt: null } })).toBe(0);
  });

  it("resends a link to an unverified address only, answering the same either way", async () => {
    const pending = uniqueEmail("resend-pending");
    await signUp({ email: pending, name: "Pending", password: PASSWORD, locale: "en", ip: uniqueIp() });
    const { email: verified } = await newUser("resend-verified");
    const unknown = uniqueEmail("resend-unknown");
    for (const email of [pending, verified, unknown]) expect(await resendVerification({ email, lang: "en", ip: uniqueIp() })).toEqual({ ok: true });
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: pending, kind: "email-verification" } })).toBe(2);
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: verified, kind: "email-verification" } })).toBe(1);
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: unknown } })).toBe(0);
    expect(await verifyEmail(await verificationTokenFor(pending))).toMatchObject({ ok: true });
    expect(await logIn({ email: pending, password: PASSWORD, ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("sends at most a few emails an hour to one address, however many signups name it", async () => {
    const email = uniqueEmail("flood");
    for (let i = 0; i < 8; i++) await signUp({ email, name: "Flood", password: PASSWORD, locale: "en", ip: uniqueIp() });
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: email } })).toBe(5);
  });

  it("counts a password reset as proof of the address", async () => {
    const email = uniqueEmail("reset-verifies");
    const { userId } = (await signUp({ email, name: "Forgetful", password: PASSWORD, locale: "en", ip: uniqueIp() })) as { userId: string };
    const token = await requestResetToken(email);
    expect(await resetPassword(token, "a fresh reset passphrase")).toEqual({ ok: true, userId });
    expect(await logIn({ email, password: "a fresh reset passphrase", ip: uniqueIp() })).toEqual({ ok: true, userId });
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

  it("does not count successful sign-ins against the address (a trade fair's Wi-Fi is one address)", async () => {
    const ip = uniqueIp();
    const { email, userId } = await newUser("fair-wifi");
    for (let i = 0; i < LOGIN_LIMITS.perIp.attempts + 5; i++) expect(await logIn({ email, password: PASSWORD, ip })).toEqual({ ok: true, userId });
    // The failures still count: the address is stopped after the limit's worth of them.
    for (let i = 0; i < LOGIN_LIMITS.perIp.attempts; i++) {
      expect(await logIn({ email: uniqueEmail(`fair-spray-${i}`), password: PASSWORD, ip })).toEqual({ ok: false, error: "invalid_credentials" });
    }
    expect(await logIn({ email: uniqueEmail("fair-spray-last"), password: PASSWORD, ip })).toMatchObject({ ok: false, error: "rate_limited" });
  });

  it("LOGIN_ATTEMPTS_PER_IP sets the per-address limit (an office behind one address)", async () => {
    const { resetEnvCache } = await import("~/modules/config/env.server");
    process.env.LOGIN_ATTEMPTS_PER_IP = "12";
    resetEnvCache();
    try {
      expect(LOGIN_LIMITS.perIp.attempts).toBe(12);
      const ip = uniqueIp();
      for (let i = 0; i < 12; i++) expect(await logIn({ email: uniqueEmail(`office-${i}`), password: PASSWORD, ip })).toEqual({ ok: false, error: "invalid_credentials" });
      expect(await logIn({ email: uniqueEmail("office-last"), password: PASSWORD, ip })).toMatchObject({ ok: false, error: "rate_limited" });
    } finally {
      delete process.env.LOGIN_ATTEMPTS_PER_IP;
      resetEnvCache();
    }
    expect(LOGIN_LIMITS.perIp.attempts).toBe(30);
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

describe("password strength on change and reset", () => {
  it("refuses a guessable new password on change, counting the user's name and company", async () => {
    const { userId } = await newUser("weak-change");
    const { sessionId } = await newSession(userId);
    for (const newPassword of ["aaaaaaaaaa", "password12", "user weak-change"]) {
      expect(await changePassword({ userId, sessionId, currentPassword: PASSWORD, newPassword })).toMatchObject({ ok: false, error: "weak_password" });
    }
  });

  it("refuses a guessable password on reset and keeps the link usable", async () => {
    const { email, userId } = await newUser("weak-reset");
    const token = await requestResetToken(email);
    expect(await resetPassword(token, "password12")).toMatchObject({ ok: false, error: "weak_password" });
    expect(await findValidResetToken(token)).toMatchObject({ userId });
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
    expect(await resetPassword(token, "reset password two")).toEqual({ ok: false, error: "invalid" });
    expect(await logIn({ email, password: "reset password two", ip: uniqueIp() })).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("treats an expired link as invalid", async () => {
    const { email } = await newUser("reset-expired");
    const token = await requestResetToken(email);
    await unscopedDb.passwordResetToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findValidResetToken(token)).toBeNull();
    expect(await resetPassword(token, "too late password")).toEqual({ ok: false, error: "invalid" });
  });

  it("knows nothing of a made-up token", async () => {
    expect(await findValidResetToken("not-a-real-token")).toBeNull();
    expect(await resetPassword("not-a-real-token", "whatever password")).toEqual({ ok: false, error: "invalid" });
  });
});
