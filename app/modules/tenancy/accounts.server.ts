import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import { env } from "~/modules/config/env.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { clearRateLimit, hitRateLimit } from "~/modules/security/rate-limit.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.server";
import { destroyOtherSessions } from "./session.server";

export const LOGIN_LIMITS = {
  perAccount: { attempts: 5, windowSeconds: 15 * 60 },
  perIp: { attempts: 30, windowSeconds: 15 * 60 },
};
const RESET_TOKEN_MINUTES = 60;

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

export type SignUpResult = { ok: true; userId: string } | { ok: false; error: "email_taken" };

export async function signUp(input: { email: string; name: string; password: string; locale: Lang; currencyCode?: string }): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const existing = await unscopedDb.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return { ok: false, error: "email_taken" };
  const user = await unscopedDb.user.create({
    data: {
      email,
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      locale: input.locale,
      currencyCode: input.currencyCode ?? defaultCurrencyFor(input.locale),
    },
    select: { id: true },
  });
  return { ok: true, userId: user.id };
}

function defaultCurrencyFor(lang: Lang) {
  return { pt: "BRL", es: "MXN", zh: "CNY", en: "USD" }[lang];
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * Rate-limited per IP (every attempt counts) and per account (failures count; success clears them), so that
 * neither one address guessing many accounts nor many addresses guessing one account gets far.
 * An attempt takes its account slot before the password is checked: guesses sent all at once cannot all be
 * checked before the first failure is counted.
 */
export async function logIn(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const accountKey = `login:account:${email}`;
  const ipHit = await hitRateLimit(`login:ip:${input.ip}`, LOGIN_LIMITS.perIp.attempts, LOGIN_LIMITS.perIp.windowSeconds);
  if (!ipHit.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: ipHit.retryAfterSeconds };
  const account = await hitRateLimit(accountKey, LOGIN_LIMITS.perAccount.attempts, LOGIN_LIMITS.perAccount.windowSeconds);
  if (!account.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: account.retryAfterSeconds };

  const user = await unscopedDb.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) return { ok: false, error: "invalid_credentials" };
  await clearRateLimit(accountKey);
  return { ok: true, userId: user.id };
}

export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; newPassword: string }) {
  const user = await unscopedDb.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false as const, error: "wrong_password" as const };
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

export async function resetPassword(token: string, newPassword: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  const passwordHash = await hashPassword(newPassword);
  return unscopedDb.$transaction(async (tx) => {
    // Conditional update: two tabs racing on one link cannot both use it.
    const used = await tx.passwordResetToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return { ok: false as const };
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    return { ok: true as const, userId: row.userId };
  });
}

export async function updateAccountPreferences(userId: string, data: { name?: string; locale?: Lang; currencyCode?: string }) {
  await unscopedDb.user.update({ where: { id: userId }, data });
}
