import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import { env } from "~/modules/config/env.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { clearRateLimit, hitRateLimit, returnRateLimitHit } from "~/modules/security/rate-limit.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";
import { createVerificationToken, mayEmailAddress, sendAlreadyRegisteredEmail, sendVerificationEmail } from "./email-verification.server";
import { checkPasswordStrength } from "./password-strength";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.server";
import { destroyOtherSessions } from "./session.server";

export const LOGIN_LIMITS = {
  perAccount: { attempts: 5, windowSeconds: 15 * 60 },
  perIp: {
    /** LOGIN_ATTEMPTS_PER_IP (default 30). */
    get attempts() {
      return env().LOGIN_ATTEMPTS_PER_IP;
    },
    windowSeconds: 15 * 60,
  },
};
const RESET_TOKEN_MINUTES = 60;

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

// A trade-fair stand signs up many people from one address: generous per hour, but not a script's pace.
export const SIGNUP_LIMITS = { perIp: { attempts: 30, windowSeconds: 3600 } };

export type WeakPassword = { ok: false; error: "weak_password"; warning: string | null; suggestions: string[] };

/** zxcvbn's verdict, with what the user typed elsewhere (email, name, company) counted as guessable. */
export function passwordWeakness(password: string, userInputs: (string | null | undefined)[]): WeakPassword | null {
  const strength = checkPasswordStrength(password, userInputs);
  return strength.ok ? null : { ok: false, error: "weak_password", warning: strength.warning, suggestions: strength.suggestions };
}

/** "Too easy to guess" plus zxcvbn's warning and suggestions, in the user's language. */
export function weakPasswordMessage(lang: Lang, weak: Pick<WeakPassword, "warning" | "suggestions">): string {
  const t = serverT(lang);
  const parts = [t("passwordStrength.weak"), ...(weak.warning ? [weak.warning] : []), ...weak.suggestions].map((key, i) => (i === 0 ? key : t(`passwordStrength.${key}`)));
  return parts.join(" ");
}

/** `userId`: the account behind the address (new or existing), for server-side callers only; never shown. */
export type SignUpResult = { ok: true; userId: string } | { ok: false; error: "rate_limited"; retryAfterSeconds: number } | WeakPassword;

/**
 * One answer for new and registered addresses ("check your email"), so signup does not tell who has an account.
 * A new address gets an unverified account and a link; an unverified one a fresh link carrying this signup's password;
 * a verified one an email to its owner, and nothing changes.
 */
export async function signUp(input: {
  email: string;
  name: string;
  password: string;
  locale: Lang;
  ip: string;
  currencyCode?: string;
  redirectTo?: string | null;
}): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const ipHit = await hitRateLimit(`signup:ip:${input.ip}`, SIGNUP_LIMITS.perIp.attempts, SIGNUP_LIMITS.perIp.windowSeconds);
  if (!ipHit.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: ipHit.retryAfterSeconds };
  const weak = passwordWeakness(input.password, [email, name]);
  if (weak) return weak;
  // Hashed whatever the outcome: a registered address answers as slowly as a new one.
  const passwordHash = await hashPassword(input.password);

  const register = () =>
    unscopedDb.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true, emailVerifiedAt: true } });
      if (existing?.emailVerifiedAt) return { kind: "registered" as const, userId: existing.id, name: existing.name, locale: existing.locale as Lang };
      const userId =
        existing?.id ??
        (
          await tx.user.create({
            data: { email, name, passwordHash, locale: input.locale, currencyCode: input.currencyCode ?? defaultCurrencyFor(input.locale) },
            select: { id: true },
          })
        ).id;
      return { kind: "verify" as const, userId, token: await createVerificationToken(tx, userId, passwordHash) };
    });

  let outcome: Awaited<ReturnType<typeof register>>;
  try {
    outcome = await register();
  } catch (error) {
    // Two signups racing on one address: the loser's transaction rolled back whole; run it again as "address exists".
    if ((error as { code?: string } | null)?.code !== "P2002") throw error;
    outcome = await register();
  }
  if (await mayEmailAddress(email)) {
    if (outcome.kind === "verify") await sendVerificationEmail({ email, name, lang: input.locale, token: outcome.token, redirectTo: input.redirectTo });
    else await sendAlreadyRegisteredEmail({ email, name: outcome.name, lang: outcome.locale });
  }
  return { ok: true, userId: outcome.userId };
}

function defaultCurrencyFor(lang: Lang) {
  return { pt: "BRL", es: "MXN", zh: "CNY", en: "USD" }[lang];
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "unverified"; email: string }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * Rate-limited per IP (failed attempts count: a correct password gives its slot back, since a trade fair's Wi-Fi is
 * one address for hundreds of honest sign-ins) and per account (failures count; success clears them), so that
 * neither one address guessing many accounts nor many addresses guessing one account gets far.
 * An attempt takes its account slot before the password is checked: guesses sent all at once cannot all be
 * checked before the first failure is counted.
 */
export async function logIn(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const accountKey = `login:account:${email}`;
  const ipKey = `login:ip:${input.ip}`;
  const ipHit = await hitRateLimit(ipKey, LOGIN_LIMITS.perIp.attempts, LOGIN_LIMITS.perIp.windowSeconds);
  if (!ipHit.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: ipHit.retryAfterSeconds };
  const account = await hitRateLimit(accountKey, LOGIN_LIMITS.perAccount.attempts, LOGIN_LIMITS.perAccount.windowSeconds);
  if (!account.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: account.retryAfterSeconds };

  const user = await unscopedDb.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, emailVerifiedAt: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) return { ok: false, error: "invalid_credentials" };
  await Promise.all([clearRateLimit(accountKey), returnRateLimitHit(ipKey)]);
  // The right password, but no session until the address is confirmed (only its owner learns this).
  if (!user.emailVerifiedAt) return { ok: false, error: "unverified", email };
  return { ok: true, userId: user.id };
}

export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; newPassword: string }) {
  const user = await unscopedDb.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { passwordHash: true, email: true, name: true, memberships: { select: { organization: { select: { name: true } } } } },
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false as const, error: "wrong_password" as const };
  const weak = passwordWeakness(input.newPassword, [user.email, user.name, ...user.memberships.map((m) => m.organization.name)]);
  if (weak) return weak;
  await unscopedDb.user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  await destroyOtherSessions(input.userId, input.sessionId);
  return { ok: true as const };
}

/** Emails a one-time link when the account exists; says nothing either way (no account enumeration). */
export async function requestPasswordReset(input: { email: string; lang: Lang }) {
  const email = normalizeEmail(input.email);
  const user = await unscopedDb.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
  if (!user) return;
  const token = randomToken();
  await unscopedDb.passwordResetToken.create({
    data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60 * 1000) },
  });
  const t = serverT(input.lang);
  const link = `${env().APP_URL}/${input.lang}/reset-password/${token}`;
  await sendEmail({
    to: email,
    kind: "password-reset",
    subject: t("email.reset.subject"),
    text: t("email.reset.body", { name: user.name, link, minutes: RESET_TOKEN_MINUTES }),
  });
}

/** The user a live reset token belongs to, or null when it is unknown, used or expired. */
export async function findValidResetToken(token: string) {
  const row = await unscopedDb.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, usedAt: true, expiresAt: true } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return row;
}

export async function resetPassword(token: string, newPassword: string): Promise<{ ok: true; userId: string } | { ok: false; error: "invalid" } | WeakPassword> {
  const owner = await unscopedDb.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { user: { select: { email: true, name: true, memberships: { select: { organization: { select: { name: true } } } } } } },
  });
  if (owner) {
    const weak = passwordWeakness(newPassword, [owner.user.email, owner.user.name, ...owner.user.memberships.map((m) => m.organization.name)]);
    if (weak) return weak;
  }
  const passwordHash = await hashPassword(newPassword);
  return unscopedDb.$transaction(async (tx) => {
    // Conditional update: two tabs racing on one link cannot both use it.
    const used = await tx.passwordResetToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return { ok: false as const, error: "invalid" as const };
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { emailVerifiedAt: true } });
    // The reset link reached this inbox, which proves the address as well as a verification link would.
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    // Pending signup links carry other passwords: none may overwrite the one just chosen.
    await tx.emailVerificationToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    return { ok: true as const, userId: row.userId };
  });
}

export async function updateAccountPreferences(userId: string, data: { name?: string; locale?: Lang; currencyCode?: string }) {
  await unscopedDb.user.update({ where: { id: userId }, data });
}
