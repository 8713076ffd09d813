import type { MembershipRole } from "~/generated/prisma/enums";
import { forgetRequestMemo } from "~/modules/http/request-memo.server";
import { env } from "~/modules/config/env.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { sendEmail } from "~/modules/email/outbox.server";
import type { Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { hashToken, randomToken } from "~/modules/security/tokens.server";
import { normalizeEmail } from "./accounts.server";

const INVITATION_DAYS = 7;

export type InviteResult = { ok: true } | { ok: false; error: "already_member" };

export async function inviteMember(input: { organizationId: string; email: string; role: MembershipRole; invitedBy: { id: string; name: string }; lang: Lang }): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  const scoped = forOrganization(input.organizationId);
  const existingMember = await scoped.membership.findFirst({ where: { user: { email } }, select: { id: true } });
  if (existingMember) return { ok: false, error: "already_member" };
  const organization = await unscopedDb.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true } });
  const token = randomToken();
  // A new invitation replaces any still-open one for the same address.
  await scoped.invitation.updateMany({ where: { email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  await scoped.invitation.create({
    data: {
      organizationId: input.organizationId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: input.invitedBy.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
    },
  });
  const t = serverT(input.lang);
  const link = `${env().APP_URL}/${input.lang}/invitations/${token}`;
  await sendEmail({
    to: email,
    kind: "invitation",
    subject: t("email.invitation.subject", { organization: organization.name }),
    text: t("email.invitation.body", { inviter: input.invitedBy.name, organization: organization.name, role: t(`roles.${input.role}`), link, days: INVITATION_DAYS }),
  });
  return { ok: true };
}

export function listOpenInvitations(organizationId: string) {
  return forOrganization(organizationId).invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation(organizationId: string, invitationId: string): Promise<boolean> {
  const result = await forOrganization(organizationId).invitation.updateMany({ where: { id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count === 1;
}

/**
 * An invitation is looked up by its secret token alone (the link is the credential), so this is one of the few
 * reads that cannot name the organization first.
 */
export async function findInvitationByToken(token: string) {
  const invitation = await unscopedDb.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, organization: { select: { id: true, name: true, kind: true } } },
  });
  if (!invitation) return null;
  const status = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= new Date() ? "expired" : "open";
  return { ...invitation, status } as const;
}

export type AcceptResult = { ok: true; organizationId: string } | { ok: false; error: "invalid" | "wrong_account" };

/** Only the invited address may accept; accepting twice is harmless. */
export async function acceptInvitation(token: string, user: { id: string; email: string }): Promise<AcceptResult> {
  const invitation = await findInvitationByToken(token);
  if (!invitation || invitation.status !== "open") return { ok: false, error: "invalid" };
  if (normalizeEmail(user.email) !== invitation.email) return { ok: false, error: "wrong_account" };
  const organizationId = invitation.organization.id;
  forgetRequestMemo();
  await unscopedDb.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, organizationId, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) return;
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId, userId: user.id } },
      create: { organizationId, userId: user.id, role: invitation.role },
      update: {},
    });
  });
  return { ok: true, organizationId };
}
