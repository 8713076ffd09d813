import type { ScopedDb } from "~/modules/db/index.server";
import { forStorefrontOperator } from "./operator-scope.server";

/** The park operator's dashboard cards: storefronts by status, upcoming events, invitations waiting for an answer. */
export async function parkDashboard(operatorId: string, now = new Date()) {
  const operator = forStorefrontOperator(operatorId);
  const [byStatus, upcomingEvents, pendingInvitations, firstStorefront] = await Promise.all([
    operator.storefront.groupBy({ by: ["status"], _count: { _all: true } }),
    operator.showroomEvent.count({ where: { status: "SCHEDULED", endsAt: { gt: now } } }),
    operator.storefrontParticipation.count({ where: { status: "INVITED" } }),
    operator.storefront.findFirst({ where: { status: { not: "ARCHIVED" } }, orderBy: [{ status: "desc" }, { updatedAt: "desc" }], select: { id: true } }),
  ]);
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  return { published: count("PUBLISHED"), drafts: count("DRAFT"), upcomingEvents, pendingInvitations, storefrontId: firstStorefront?.id ?? null };
}

/** A manufacturer's showroom invitations waiting for its answer, and the storefronts it is featured in. */
export async function manufacturerShowrooms(scoped: ScopedDb) {
  const [invited, accepted] = await Promise.all([scoped.storefrontParticipation.count({ where: { status: "INVITED" } }), scoped.storefrontParticipation.count({ where: { status: "ACCEPTED" } })]);
  return { invited, accepted };
}
