import type { Lang } from "~/modules/i18n/config";
import { forbidden, isUuid, notFound, requireUuid } from "~/modules/http/responses.server";
import { db, forOrganization, type ScopedDb } from "~/modules/db/index.server";
import type { MembershipRole, OrganizationKind } from "~/generated/prisma/enums";
import { roleCan, type Permission } from "./permissions";
import { redirect } from "@remix-run/node";
import { isEmailVerified } from "./email-verification.server";
import { myMembershipOf } from "./organizations.server";
import { requireSessionUser, type SessionUser } from "./session.server";

export interface OrganizationContext extends SessionUser {
  organization: { id: string; name: string; kind: OrganizationKind };
  membership: { id: string; role: MembershipRole };
  /** Every query through this reaches only this organization's rows. */
  scoped: ScopedDb;
}

/**
 * The one gate to an organization's pages and actions: signed in, a member (else 404, as if it did not exist),
 * and holding `permission` (else 403).
 */
export async function requireOrganization(request: Request, lang: Lang, rawOrganizationId: string | undefined, permission: Permission = "organization:read"): Promise<OrganizationContext> {
  const sessionUser = await requireSessionUser(request, lang);
  const organizationId = requireUuid(rawOrganizationId);
  const membership = await myMembershipOf(sessionUser.user.id, organizationId);
  if (!membership) notFound();
  if (!roleCan(membership.role, permission)) forbidden();
  const { id, name, kind } = membership.organization;
  return { ...sessionUser, organization: { id, name, kind }, membership: { id: membership.id, role: membership.role }, scoped: forOrganization(organizationId) };
}

/**
 * Signed in with a confirmed address: the gate to creating or joining an organization. Sessions are only handed out
 * after confirmation (login refuses, the link signs in); this holds even for a session that predates that rule.
 */
export async function requireVerifiedUser(request: Request, lang: Lang): Promise<SessionUser> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!(await isEmailVerified(sessionUser.user.id))) throw redirect(`/${lang}/verify-email?email=${encodeURIComponent(sessionUser.user.email)}`);
  return sessionUser;
}

/** The same rule for the socket.io handshake and events: member or nothing. */
export async function isMember(userId: string, organizationId: string): Promise<boolean> {
  // A malformed id (any string a socket client sends) is "not a member", never a database error.
  if (!isUuid(organizationId)) return false;
  const membership = await db.membership.findFirst({ where: { organizationId, userId }, select: { id: true } });
  return Boolean(membership);
}
