import type { ScopedDb } from "~/modules/db/index.server";
import { unscopedDb } from "~/modules/db/index.server";

const PROFILE_FIELDS = ["legalNameLatin", "legalNameZh", "countryCode", "addressLine1", "city", "postalCode", "taxId"] as const;

/** Summary figures for an organization's dashboard: a few small counts, whatever the size of the tenant. */
export async function organizationOverview(scoped: ScopedDb, organizationId: string) {
  const [organization, memberCount, openInvitations, openStockAlerts, inboundOnTheWay] = await Promise.all([
    unscopedDb.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    scoped.membership.count(),
    scoped.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    // A manufacturer's stock (zero for other kinds): open low-stock alerts, inbound shipments on their way.
    scoped.stockAlert.count({ where: { resolvedAt: null } }),
    scoped.inboundShipment.count({ where: { status: { in: ["IN_TRANSIT", "PARTIALLY_RECEIVED"] } } }),
  ]);
  // A Chinese legal name is expected of Chinese companies only.
  const expected = PROFILE_FIELDS.filter((f) => f !== "legalNameZh" || organization.countryCode === "CN");
  const filled = expected.filter((f) => Boolean(organization[f])).length;
  return {
    id: organization.id,
    verificationStatus: organization.verificationStatus,
    memberCount,
    openInvitations,
    openStockAlerts,
    inboundOnTheWay,
    profileCompleteness: Math.round((filled / expected.length) * 100),
  };
}
