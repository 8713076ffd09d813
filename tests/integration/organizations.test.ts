import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MembershipRole } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { hashToken } from "~/modules/security/tokens.server";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { signUp } from "~/modules/tenancy/accounts.server";
import { acceptInvitation, findInvitationByToken, inviteMember, listOpenInvitations, revokeInvitation } from "~/modules/tenancy/invitations.server";
import { changeMemberRole, createOrganization, removeMembership, updateCompanyProfile } from "~/modules/tenancy/organizations.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import enMessages from "../../locales/en/common.json";
import { withTestDatabase } from "../support/database";

withTestDatabase({ queue: true });

function uniqueEmail(label: string) {
  return `${label}-${randomUUID()}@test.ponte`;
}

async function newUser(label: string) {
  const email = uniqueEmail(label);
  const result = await signUp({ email, name: `User ${label}`, password: "organizations-test-password", locale: "en", ip: randomUUID() });
  if (!result.ok) throw new Error(`sign-up failed: ${result.error}`);
  return { id: result.userId, email, name: `User ${label}` };
}

type TestUser = Awaited<ReturnType<typeof newUser>>;

/** A buyer organization owned by a new user. */
async function newOrganization(label: string) {
  const owner = await newUser(`${label}-owner`);
  const organization = await createOrganization(owner.id, { kind: "BUYER", name: `Org ${label}`, countryCode: "BR" });
  const ownerMembership = await unscopedDb.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: organization.id, userId: owner.id } } });
  return { organization, owner, ownerMembershipId: ownerMembership.id };
}

async function addMember(organizationId: string, user: TestUser, role: MembershipRole) {
  const membership = await unscopedDb.membership.create({ data: { organizationId, userId: user.id, role } });
  return membership.id;
}

function ownerCount(organizationId: string) {
  return unscopedDb.membership.count({ where: { organizationId, role: "OWNER" } });
}

/** Invites `email` and answers the token found in the outbox email. */
async function invite(organizationId: string, inviter: TestUser, email: string, role: MembershipRole = "MEMBER") {
  const result = await inviteMember({ organizationId, email, role, invitedBy: { id: inviter.id, name: inviter.name }, lang: "en" });
  if (!result.ok) throw new Error(`invitation failed: ${result.error}`);
  const message = await unscopedDb.emailMessage.findFirst({ where: { toAddress: email.toLowerCase(), kind: "invitation" }, orderBy: { createdAt: "desc" } });
  const match = /\/invitations\/([A-Za-z0-9_-]+)/.exec(message?.text ?? "");
  if (!match) throw new Error("no invitation link in the outbox");
  return { token: match[1]!, message: message! };
}

/** A page request carrying a valid session cookie of `userId`, as a browser would send it. */
async function signedInRequest(userId: string, url = "http://localhost/en/orgs") {
  const setCookie = await createUserSession(userId, new Request(url));
  return new Request(url, { headers: { Cookie: setCookie.split(";")[0]! } });
}

/** The Response a loader helper throws (Remix renders it), or a failure when it does not throw one. */
async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("createOrganization", () => {
  it("makes its creator the only OWNER", async () => {
    const creator = await newUser("creator");
    const organization = await createOrganization(creator.id, { kind: "MANUFACTURER", name: "Zhuhai Test Works", countryCode: "cn" });
    const memberships = await unscopedDb.membership.findMany({ where: { organizationId: organization.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ userId: creator.id, role: "OWNER" });
    expect(organization.countryCode).toBe("CN");
    expect(organization.verificationStatus).toBe("UNVERIFIED");
  });
});

describe("updateCompanyProfile", () => {
  it("stores the tax id normalized", async () => {
    const { organization } = await newOrganization("taxid");
    const updated = await updateCompanyProfile(organization.id, { name: "Org taxid", countryCode: "BR", taxId: " 11.222.333/0001-81 " });
    expect(updated.taxId).toBe("11222333000181");
  });

  it("keeps a verified company verified when the same tax id is saved in another format", async () => {
    const { organization } = await newOrganization("same-taxid");
    await updateCompanyProfile(organization.id, { name: "Org same-taxid", countryCode: "BR", taxId: "11222333000181" });
    await unscopedDb.organization.update({ where: { id: organization.id }, data: { verificationStatus: "VERIFIED", verifiedAt: new Date() } });
    const updated = await updateCompanyProfile(organization.id, { name: "Renamed trading name", countryCode: "BR", taxId: "11.222.333/0001-81" });
    expect(updated.verificationStatus).toBe("VERIFIED");
    expect(updated.verifiedAt).not.toBeNull();
  });

  it("resets verification to UNVERIFIED when the tax id changes", async () => {
    const { organization } = await newOrganization("new-taxid");
    await updateCompanyProfile(organization.id, { name: "Org new-taxid", countryCode: "BR", taxId: "11222333000181" });
    await unscopedDb.organization.update({ where: { id: organization.id }, data: { verificationStatus: "VERIFIED", verifiedAt: new Date() } });
    const updated = await updateCompanyProfile(organization.id, { name: "Org new-taxid", countryCode: "BR", taxId: "00.000.000/0001-91" });
    expect(updated.taxId).toBe("00000000000191");
    expect(updated.verificationStatus).toBe("UNVERIFIED");
    expect(updated.verifiedAt).toBeNull();
  });
});

describe("inviteMember", () => {
  it("puts an email with the invitation link into the outbox", async () => {
    const { organization, owner } = await newOrganization("invite-mail");
    const email = uniqueEmail("invitee");
    const { token, message } = await invite(organization.id, owner, email, "ADMIN");
    expect(message.text).toContain(`${process.env.APP_URL}/en/invitations/${token}`);
    expect(message.subject).toBe(enMessages.email.invitation.subject.replace("{{organization}}", organization.name));
    expect(await findInvitationByToken(token)).toMatchObject({ email, role: "ADMIN", status: "open", organization: { id: organization.id } });
  });

  it("refuses to invite someone who is already a member", async () => {
    const { organization, owner } = await newOrganization("invite-member");
    const member = await newUser("already");
    await addMember(organization.id, member, "MEMBER");
    const result = await inviteMember({ organizationId: organization.id, email: member.email.toUpperCase(), role: "ADMIN", invitedBy: owner, lang: "en" });
    expect(result).toEqual({ ok: false, error: "already_member" });
    expect(await unscopedDb.emailMessage.count({ where: { toAddress: member.email, kind: "invitation" } })).toBe(0);
  });

  it("revokes the open invitation of an address when it is invited again", async () => {
    const { organization, owner } = await newOrganization("reinvite");
    const email = uniqueEmail("reinvited");
    const first = await invite(organization.id, owner, email, "MEMBER");
    const second = await invite(organization.id, owner, email, "ADMIN");
    expect(await findInvitationByToken(first.token)).toMatchObject({ status: "revoked" });
    expect(await findInvitationByToken(second.token)).toMatchObject({ status: "open", role: "ADMIN" });
    expect(await listOpenInvitations(organization.id)).toEqual([expect.objectContaining({ email, role: "ADMIN" })]);
  });
});

describe("acceptInvitation", () => {
  it("refuses an account other than the invited one", async () => {
    const { organization, owner } = await newOrganization("wrong-account");
    const { token } = await invite(organization.id, owner, uniqueEmail("intended"));
    const stranger = await newUser("stranger");
    expect(await acceptInvitation(token, stranger)).toEqual({ ok: false, error: "wrong_account" });
    expect(await unscopedDb.membership.count({ where: { organizationId: organization.id, userId: stranger.id } })).toBe(0);
    expect(await findInvitationByToken(token)).toMatchObject({ status: "open" });
  });

  it("makes the invited account a member with the invited role", async () => {
    const { organization, owner } = await newOrganization("accept");
    const invitee = await newUser("invitee");
    const { token } = await invite(organization.id, owner, invitee.email, "ADMIN");
    expect(await acceptInvitation(token, { id: invitee.id, email: invitee.email.toUpperCase() })).toEqual({ ok: true, organizationId: organization.id });
    const membership = await unscopedDb.membership.findUnique({ where: { organizationId_userId: { organizationId: organization.id, userId: invitee.id } } });
    expect(membership?.role).toBe("ADMIN");
    expect(await findInvitationByToken(token)).toMatchObject({ status: "accepted" });
  });

  it("is harmless when the same invitation is accepted again", async () => {
    const { organization, owner } = await newOrganization("accept-twice");
    const invitee = await newUser("twice");
    const { token } = await invite(organization.id, owner, invitee.email, "MEMBER");
    expect(await acceptInvitation(token, invitee)).toEqual({ ok: true, organizationId: organization.id });
    await expect(acceptInvitation(token, invitee)).resolves.toEqual({ ok: false, error: "invalid" });
    expect(await unscopedDb.membership.findMany({ where: { organizationId: organization.id, userId: invitee.id } })).toEqual([expect.objectContaining({ role: "MEMBER" })]);
  });

  it("creates one membership when the same invitation is accepted twice at the same moment", async () => {
    const { organization, owner } = await newOrganization("accept-race");
    const invitee = await newUser("race");
    const { token } = await invite(organization.id, owner, invitee.email, "MEMBER");
    const results = await Promise.all([acceptInvitation(token, invitee), acceptInvitation(token, invitee)]);
    expect(results).toContainEqual({ ok: true, organizationId: organization.id });
    expect(await unscopedDb.membership.count({ where: { organizationId: organization.id, userId: invitee.id } })).toBe(1);
  });

  it("refuses a revoked invitation", async () => {
    const { organization, owner } = await newOrganization("revoked");
    const invitee = await newUser("revoked-invitee");
    const { token } = await invite(organization.id, owner, invitee.email);
    const invitation = await unscopedDb.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(await revokeInvitation(organization.id, invitation.id)).toBe(true);
    expect(await acceptInvitation(token, invitee)).toEqual({ ok: false, error: "invalid" });
    expect(await unscopedDb.membership.count({ where: { organizationId: organization.id, userId: invitee.id } })).toBe(0);
  });

  it("refuses an expired invitation", async () => {
    const { organization, owner } = await newOrganization("expired");
    const invitee = await newUser("expired-invitee");
    const { token } = await invite(organization.id, owner, invitee.email);
    await unscopedDb.invitation.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acceptInvitation(token, invitee)).toEqual({ ok: false, error: "invalid" });
    expect(await unscopedDb.membership.count({ where: { organizationId: organization.id, userId: invitee.id } })).toBe(0);
  });

  it("refuses an unknown token", async () => {
    const user = await newUser("unknown-token");
    expect(await acceptInvitation("no-such-invitation", user)).toEqual({ ok: false, error: "invalid" });
  });
});

describe("removeMembership", () => {
  it("lets an OWNER remove a MEMBER", async () => {
    const { organization } = await newOrganization("remove-member");
    const membershipId = await addMember(organization.id, await newUser("removable"), "MEMBER");
    expect(await removeMembership({ organizationId: organization.id, membershipId, actorRole: "OWNER" })).toEqual({ ok: true });
    expect(await unscopedDb.membership.count({ where: { id: membershipId } })).toBe(0);
  });

  it("does not let the last OWNER leave", async () => {
    const { organization, ownerMembershipId } = await newOrganization("last-owner-leave");
    expect(await removeMembership({ organizationId: organization.id, membershipId: ownerMembershipId, actorRole: null })).toEqual({ ok: false, error: "last_owner" });
    expect(await ownerCount(organization.id)).toBe(1);
  });

  it("does not let the last OWNER be removed", async () => {
    const { organization, ownerMembershipId } = await newOrganization("last-owner-remove");
    await addMember(organization.id, await newUser("bystander"), "ADMIN");
    expect(await removeMembership({ organizationId: organization.id, membershipId: ownerMembershipId, actorRole: "OWNER" })).toEqual({ ok: false, error: "last_owner" });
    expect(await ownerCount(organization.id)).toBe(1);
  });

  it("lets one of two OWNERs leave", async () => {
    const { organization, ownerMembershipId } = await newOrganization("two-owners");
    await addMember(organization.id, await newUser("co-owner"), "OWNER");
    expect(await removeMembership({ organizationId: organization.id, membershipId: ownerMembershipId, actorRole: null })).toEqual({ ok: true });
    expect(await ownerCount(organization.id)).toBe(1);
  });

  it("does not let an ADMIN remove an OWNER", async () => {
    const { organization, ownerMembershipId } = await newOrganization("admin-vs-owner");
    await addMember(organization.id, await newUser("second-owner"), "OWNER");
    await addMember(organization.id, await newUser("admin"), "ADMIN");
    expect(await removeMembership({ organizationId: organization.id, membershipId: ownerMembershipId, actorRole: "ADMIN" })).toEqual({ ok: false, error: "forbidden" });
    expect(await ownerCount(organization.id)).toBe(2);
  });

  it("cannot reach a membership of another organization", async () => {
    const a = await newOrganization("tenant-a");
    const b = await newOrganization("tenant-b");
    const memberOfB = await addMember(b.organization.id, await newUser("member-of-b"), "MEMBER");
    expect(await removeMembership({ organizationId: a.organization.id, membershipId: memberOfB, actorRole: "OWNER" })).toEqual({ ok: false, error: "not_found" });
    expect(await removeMembership({ organizationId: a.organization.id, membershipId: b.ownerMembershipId, actorRole: "OWNER" })).toEqual({ ok: false, error: "not_found" });
    expect(await unscopedDb.membership.count({ where: { id: { in: [memberOfB, b.ownerMembershipId] } } })).toBe(2);
  });

  it("clears the organization from the removed member's sessions", async () => {
    const { organization } = await newOrganization("sessions");
    const member = await newUser("session-member");
    const membershipId = await addMember(organization.id, member, "MEMBER");
    await createUserSession(member.id, new Request("http://localhost/"));
    expect(await unscopedDb.session.findFirst({ where: { userId: member.id } })).toMatchObject({ activeOrganizationId: organization.id });
    await removeMembership({ organizationId: organization.id, membershipId, actorRole: "OWNER" });
    expect(await unscopedDb.session.findFirst({ where: { userId: member.id } })).toMatchObject({ activeOrganizationId: null });
  });

  it("keeps one OWNER when both OWNERs leave at the same moment", async () => {
    // Several rounds, so that a missing lock would show up as two successes on the PostgreSQL server.
    for (let round = 0; round < 5; round++) {
      const { organization, ownerMembershipId } = await newOrganization(`race-${round}`);
      const secondOwnerMembershipId = await addMember(organization.id, await newUser(`race-owner-${round}`), "OWNER");
      const results = await Promise.all([
        removeMembership({ organizationId: organization.id, membershipId: ownerMembershipId, actorRole: null }),
        removeMembership({ organizationId: organization.id, membershipId: secondOwnerMembershipId, actorRole: null }),
      ]);
      expect(results).toHaveLength(2);
      expect(results).toContainEqual({ ok: true });
      expect(results).toContainEqual({ ok: false, error: "last_owner" });
      expect(await ownerCount(organization.id)).toBe(1);
    }
  });
});

describe("changeMemberRole", () => {
  it("does not demote the last OWNER", async () => {
    const { organization, ownerMembershipId } = await newOrganization("demote-last");
    expect(await changeMemberRole({ organizationId: organization.id, membershipId: ownerMembershipId, role: "ADMIN" })).toEqual({ ok: false, error: "last_owner" });
    expect(await ownerCount(organization.id)).toBe(1);
  });

  it("keeps one OWNER when both OWNERs are demoted at the same moment", async () => {
    const { organization, ownerMembershipId } = await newOrganization("demote-race");
    const secondOwnerMembershipId = await addMember(organization.id, await newUser("demote-race-owner"), "OWNER");
    const results = await Promise.all([
      changeMemberRole({ organizationId: organization.id, membershipId: ownerMembershipId, role: "MEMBER" }),
      changeMemberRole({ organizationId: organization.id, membershipId: secondOwnerMembershipId, role: "ADMIN" }),
    ]);
    expect(results).toContainEqual({ ok: true });
    expect(results).toContainEqual({ ok: false, error: "last_owner" });
    expect(await ownerCount(organization.id)).toBe(1);
  });

  it("cannot reach a membership of another organization", async () => {
    const a = await newOrganization("role-tenant-a");
    const b = await newOrganization("role-tenant-b");
    const memberOfB = await addMember(b.organization.id, await newUser("role-member-of-b"), "MEMBER");
    expect(await changeMemberRole({ organizationId: a.organization.id, membershipId: memberOfB, role: "OWNER" })).toEqual({ ok: false, error: "not_found" });
    expect(await unscopedDb.membership.findUniqueOrThrow({ where: { id: memberOfB } })).toMatchObject({ role: "MEMBER" });
  });
});

describe("requireOrganization", () => {
  it("answers the organization and the caller's role to a member", async () => {
    const { organization, owner } = await newOrganization("gate-ok");
    const context = await requireOrganization(await signedInRequest(owner.id), "en", organization.id);
    expect(context.organization).toMatchObject({ id: organization.id, name: organization.name, kind: "BUYER" });
    expect(context.membership.role).toBe("OWNER");
    expect(context.user.id).toBe(owner.id);
  });

  it("answers 404 to a signed-in user who is not a member, as if the organization did not exist", async () => {
    const { organization } = await newOrganization("gate-outsider");
    const outsider = await newUser("outsider");
    const response = await thrownResponse(requireOrganization(await signedInRequest(outsider.id), "en", organization.id));
    expect(response.status).toBe(404);
  });

  it("answers 404 to a malformed organization id", async () => {
    const { owner } = await newOrganization("gate-malformed");
    const request = await signedInRequest(owner.id);
    expect((await thrownResponse(requireOrganization(request, "en", "not-a-uuid"))).status).toBe(404);
    expect((await thrownResponse(requireOrganization(request, "en", "' OR 1=1 --"))).status).toBe(404);
    expect((await thrownResponse(requireOrganization(request, "en", undefined))).status).toBe(404);
  });

  it("answers 403 to a MEMBER asking for organization:update", async () => {
    const { organization } = await newOrganization("gate-member");
    const member = await newUser("plain-member");
    await addMember(organization.id, member, "MEMBER");
    const request = await signedInRequest(member.id);
    await expect(requireOrganization(request, "en", organization.id, "organization:read")).resolves.toMatchObject({ membership: { role: "MEMBER" } });
    expect((await thrownResponse(requireOrganization(request, "en", organization.id, "organization:update"))).status).toBe(403);
  });

  it("sends a visitor without a session to the login page of their language", async () => {
    const { organization } = await newOrganization("gate-anonymous");
    const url = `http://localhost/pt/orgs/${organization.id}/settings`;
    const response = await thrownResponse(requireOrganization(new Request(url), "pt", organization.id));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/pt/login?redirectTo=${encodeURIComponent(`/pt/orgs/${organization.id}/settings`)}`);
  });
});
