import type { MembershipRole, OrganizationKind, VerificationStatus } from "~/generated/prisma/enums";
import { forgetRequestMemo, requestMemo } from "~/modules/http/request-memo.server";
import { db, forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { reindexProducts } from "~/modules/catalog/search.server";
import { ensureOriginLocation } from "~/modules/inventory/seed.server";
import { membershipsMemoKey, toMyMembership } from "./session.server";
import { validateTaxId } from "./tax-id";

export interface CompanyProfileInput {
  name: string;
  legalNameZh?: string | null;
  legalNameLatin?: string | null;
  countryCode: string;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  taxId?: string | null;
}

/** Tax ids are stored normalized; their country decides the check (USCC, CNPJ, RFC, NIF, or free text). */
function normalizeProfile(input: CompanyProfileInput) {
  const countryCode = input.countryCode.toUpperCase();
  let taxId: string | null = null;
  if (input.taxId?.trim()) {
    const result = validateTaxId(countryCode, input.taxId);
    if (!result.ok) throw new Error("tax id must be validated before saving");
    taxId = result.normalized;
  }
  return { ...input, countryCode, taxId };
}

export async function createOrganization(userId: string, input: CompanyProfileInput & { kind: OrganizationKind }) {
  forgetRequestMemo();
  return unscopedDb.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { ...normalizeProfile(input), kind: input.kind } });
    await tx.membership.create({ data: { organizationId: org.id, userId, role: "OWNER" } });
    // A manufacturer ships made-to-order goods from its own Zhuhai origin location (inventory).
    if (org.kind === "MANUFACTURER") await ensureOriginLocation(tx, org);
    return org;
  });
}

export async function updateCompanyProfile(organizationId: string, input: CompanyProfileInput) {
  forgetRequestMemo();
  const normalized = normalizeProfile(input);
  // A changed legal identity must be verified again.
  const current = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, taxId: true, legalNameLatin: true, legalNameZh: true, countryCode: true } });
  const identityChanged =
    current.taxId !== normalized.taxId || current.countryCode !== normalized.countryCode || current.legalNameLatin !== (normalized.legalNameLatin ?? null) || current.legalNameZh !== (normalized.legalNameZh ?? null);
  const updated = await db.organization.update({
    where: { id: organizationId },
    data: { ...normalized, ...(identityChanged ? { verificationStatus: "UNVERIFIED", verifiedAt: null } : {}) },
  });
  // Buyers find a maker's products by its names: a renamed maker's products are indexed under the new ones.
  if (current.name !== updated.name || current.legalNameLatin !== updated.legalNameLatin || current.legalNameZh !== updated.legalNameZh) {
    const products = await forOrganization(organizationId).product.findMany({ select: { id: true } });
    if (products.length > 0) await reindexProducts(forOrganization(organizationId), products.map((p) => p.id));
  }
  return updated;
}

export interface MyMembership {
  id: string;
  role: MembershipRole;
  organization: { id: string; name: string; kind: OrganizationKind; countryCode: string; region: string | null; verificationStatus: VerificationStatus };
}

/**
 * The caller's organizations, oldest membership first: keyed by the signed-in user, so it reads across tenants by
 * design. Read once per request (the root loader, the organization and buyer gates all use it), with the session.
 */
export function listMyMemberships(userId: string): Promise<MyMembership[]> {
  // Usually already in the memo: the session read of this request brought the memberships along (session.server.ts).
  return requestMemo(membershipsMemoKey(userId), async () => {
    const rows = await unscopedDb.$queryRaw<
      { id: string; role: MembershipRole; organizationId: string; name: string; kind: OrganizationKind; countryCode: string; region: string | null; verificationStatus: VerificationStatus }[]
    >`SELECT m."id", m."role"::text AS "role", o."id" AS "organizationId", o."name", o."kind"::text AS "kind", o."countryCode", o."region",
             o."verificationStatus"::text AS "verificationStatus"
        FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId"
       WHERE m."userId" = ${userId}::uuid
       ORDER BY m."createdAt", m."id"`;
    return rows.map(toMyMembership);
  });
}

/** The signed-in user's membership of one organization (with it), or null: the same once-per-request read. */
export async function myMembershipOf(userId: string, organizationId: string): Promise<MyMembership | null> {
  return (await listMyMemberships(userId)).find((m) => m.organization.id === organizationId) ?? null;
}

export function findMembership(userId: string, organizationId: string) {
  return db.membership.findFirst({ where: { organizationId, userId }, select: { id: true, role: true } });
}

export function listMembers(scoped: ScopedDb) {
  return scoped.membership.findMany({
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

export type MembershipChange = { ok: true } | { ok: false; error: "last_owner" | "not_found" | "forbidden" };

/**
 * Removing a member (or leaving) must never leave an organization without an OWNER, even when two owners
 * leave at once: the organization row is locked while owners are counted.
 */
export async function removeMembership(input: { organizationId: string; membershipId: string; actorRole: MembershipRole | null }): Promise<MembershipChange> {
  forgetRequestMemo();
  const scoped = forOrganization(input.organizationId);
  return scoped.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${input.organizationId}::uuid FOR UPDATE`;
    const target = await tx.membership.findFirst({ where: { id: input.membershipId, organizationId: input.organizationId }, select: { id: true, role: true, userId: true } });
    if (!target) return { ok: false, error: "not_found" } as const;
    if (input.actorRole && input.actorRole !== "OWNER" && target.role === "OWNER") return { ok: false, error: "forbidden" } as const;
    if (target.role === "OWNER") {
      const owners = await tx.membership.count({ where: { organizationId: input.organizationId, role: "OWNER" } });
      if (owners <= 1) return { ok: false, error: "last_owner" } as const;
    }
    await tx.membership.deleteMany({ where: { id: target.id, organizationId: input.organizationId } });
    await tx.session.updateMany({ where: { userId: target.userId, activeOrganizationId: input.organizationId }, data: { activeOrganizationId: null } });
    return { ok: true } as const;
  });
}

export async function changeMemberRole(input: { organizationId: string; membershipId: string; role: MembershipRole }): Promise<MembershipChange> {
  forgetRequestMemo();
  return unscopedDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${input.organizationId}::uuid FOR UPDATE`;
    const target = await tx.membership.findFirst({ where: { id: input.membershipId, organizationId: input.organizationId }, select: { id: true, role: true } });
    if (!target) return { ok: false, error: "not_found" } as const;
    if (target.role === "OWNER" && input.role !== "OWNER") {
      const owners = await tx.membership.count({ where: { organizationId: input.organizationId, role: "OWNER" } });
      if (owners <= 1) return { ok: false, error: "last_owner" } as const;
    }
    await tx.membership.updateMany({ where: { id: target.id, organizationId: input.organizationId }, data: { role: input.role } });
    return { ok: true } as const;
  });
}

export function getCompanyProfile(organizationId: string) {
  return db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: {
      name: true,
      legalNameZh: true,
      legalNameLatin: true,
      countryCode: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      region: true,
      postalCode: true,
      taxId: true,
      verificationStatus: true,
      verifiedAt: true,
    },
  });
}
