import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { hitRateLimit } from "~/modules/security/rate-limit.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";

export const VERIFICATION_TOKEN_HOURS = 24;

/** Emails about one address (verification links, "someone tried to sign up"): a few an hour, so nobody can flood an inbox. */
export const EMAILS_PER_ADDRESS = { attempts: 5, windowSeconds: 3600 };
/** Resend requests per client address. */
export const RESEND_PER_IP = { attempts: 20, windowSeconds: 3600 };

type Tx = Parameters<Parameters<typeof unscopedDb.$transaction>[0]>[0];

/** A new one-time link for `userId`; only its hash is stored. `passwordHash`: the password following it sets (null keeps). */
export async function createVerificationToken(tx: Tx, userId: string, passwordHash: string | null): Promise<string> {
  const token = randomToken();
  await tx.emailVerificationToken.create({
    data: { tokenHash: hashToken(token), userId, passwordHash, expiresAt: new Date(Date.now() + VERIFICATION_TOKEN_HOURS * 3600 * 1000) },
  });
  return token;
}

/** The verification link as it is emailed; `redirectTo` (an invitation page, say) is checked again when it is used. */
export function verificationLink(lang: Lang, token: string, redirectTo?: string | null): string {
  const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
  return `${env().APP_URL}/${lang}/verify-email/${token}${query}`;
}

/** Whether one more email may go to `email` this hour; over the limit the caller stays silent (the answer never changes). */
export async function mayEmailAddress(email: string): Promise<boolean> {
  const hit = await hitRateLimit(`signup:email:${email}`, EMAILS_PER_ADDRESS.attempts, EMAILS_PER_ADDRESS.windowSeconds);
  return hit.allowed;
}

export async function sendVerificationEmail(input: { email: string; name: string; lang: Lang; token: string; redirectTo?: string | null }) {
  const t = serverT(input.lang);
  await sendEmail({
    to: input.email,
    kind: "email-verification",
    subject: t("email.verify.subject"),
    text: t("email.verify.body", { name: input.name, link: verificationLink(input.lang, input.token, input.redirectTo), hours: VERIFICATION_TOKEN_HOURS }),
  });
}

/** The owner of a registered address learns that someone tried to sign up with it; nothing else happens. */
export async function sendAlreadyRegisteredEmail(input: { email: string; name: string; lang: Lang }) {
  const t = serverT(input.lang);
  await sendEmail({
    to: input.email,
    kind: "signup-existing",
    subject: t("email.signupExisting.subject"),
    text: t("email.signupExisting.body", {
      name: input.name,
      login: `${env().APP_URL}/${input.lang}/login`,
      reset: `${env().APP_URL}/${input.lang}/forgot-password`,
    }),
  });
}

/** The address a live link belongs to (to greet the user before they confirm), or null when unknown, used or expired. */
export async function findValidVerificationToken(token: string) {
  const row = await unscopedDb.emailVerificationToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return { email: row.user.email };
}

/**
 * Follows a link: marks the address verified and, when the link carries the password chosen at that signup, sets it.
 * Every other link of the account dies with it, so an older signup's password cannot come back later.
 */
export async function verifyEmail(token: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  return unscopedDb.$transaction(async (tx) => {
    // Conditional update: two tabs racing on one link cannot both use it.
    const used = await tx.emailVerificationToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return { ok: false as const };
    const row = await tx.emailVerificationToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true, passwordHash: true } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { emailVerifiedAt: true } });
    await tx.user.update({
      where: { id: row.userId },
      data: { emailVerifiedAt: user.emailVerifiedAt ?? new Date(), ...(row.passwordHash ? { passwordHash: row.passwordHash } : {}) },
    });
    await tx.emailVerificationToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    if (row.passwordHash) await tx.session.deleteMany({ where: { userId: row.userId } });
    return { ok: true as const, userId: row.userId };
  });
}

export type ResendResult = { ok: true } | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * "Send the link again": the same answer whether or not an unverified account has this address. The new link carries
 * the password of the newest live link (the latest signup's choice), or keeps the account's.
 */
export async function resendVerification(input: { email: string; lang: Lang; ip: string }): Promise<ResendResult> {
  const email = input.email.trim().toLowerCase();
  const perIp = await hitRateLimit(`verify-resend:ip:${input.ip}`, RESEND_PER_IP.attempts, RESEND_PER_IP.windowSeconds);
  if (!perIp.allowed) return { ok: false, error: "rate_limited", retryAfterSeconds: perIp.retryAfterSeconds };
  const user = await unscopedDb.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true, emailVerifiedAt: true } });
  if (!user || user.emailVerifiedAt) return { ok: true };
  if (!(await mayEmailAddress(email))) return { ok: true };
  const token = await unscopedDb.$transaction(async (tx) => {
    const newest = await tx.emailVerificationToken.findFirst({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { passwordHash: true },
    });
    return createVerificationToken(tx, user.id, newest?.passwordHash ?? null);
  });
  await sendVerificationEmail({ email, name: user.name, lang: input.lang, token });
  return { ok: true };
}

/** Whether the account may act for an organization (create, join, use the console). */
export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await unscopedDb.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}
