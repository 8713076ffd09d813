import type { ScopedDb } from "~/modules/db/index.server";
import { unscopedDb } from "~/modules/db/index.server";

const PROFILE_FIELDS = ["legalNameLatin", "legalNameZh", "countryCode", "addressLine1", "city", "postalCode", "taxId"] as const;

/** Summary figures for an organization's dashboard: two small queries, whatever the size of the tenant. */
export async function organizationOverview(scoped: ScopedDb, organizationId: string) {
  const [organization, memberCount, openInvitations] = await Promise.all([
    unscopedDb.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    scoped.membership.count(),
    scoped.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  // A Chinese legal name is expected of Chinese companies only.
  const expected = PROFILE_FIELDS.filter((f) => f !== "legalNameZh" || organization.countryCode === "CN");
  const filled = expected.filter((f) => Boolean(organization[f])).length;
  return {
    id: organization.id,
    verificationStatus: organization.verificationStatus,
    memberCount,
    openInvitations,
    profileCompleteness: Math.round((filled / expected.length) * 100),
  };
}
