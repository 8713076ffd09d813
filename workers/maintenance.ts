import { unscopedDb } from "~/modules/db/index.server";

/** Deletes what has expired: sessions, used or stale reset and verification links, old invitations, rate-limit buckets. */
export async function purgeExpired(now = new Date()) {
  const monthAgo = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [sessions, resetTokens, verificationTokens, invitations, buckets] = await Promise.all([
    unscopedDb.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    unscopedDb.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] } }),
    unscopedDb.emailVerificationToken.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] } }),
    // Expired invitations: cross-tenant system work, so the organization filter is "any" by intent.
    unscopedDb.invitation.deleteMany({ where: { acceptedAt: null, expiresAt: { lt: monthAgo } } }),
    unscopedDb.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return { sessions: sessions.count, resetTokens: resetTokens.count, verificationTokens: verificationTokens.count, invitations: invitations.count, rateLimitBuckets: buckets.count };
}
