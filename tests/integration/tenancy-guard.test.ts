import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, forOrganization, TenantScopeError, unscopedDb } from "~/modules/db/index.server";
import { TENANT_MODELS } from "~/modules/db/tenancy-guard";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let orgA: string;
let orgB: string;
let memberOfB: string;

beforeAll(async () => {
  database = await setupTestDatabase();
  const user = await unscopedDb.user.create({ data: { email: "guard@test.ponte", name: "Guard", passwordHash: "x" } });
  orgA = (await unscopedDb.organization.create({ data: { kind: "BUYER", name: "A", countryCode: "BR" } })).id;
  orgB = (await unscopedDb.organization.create({ data: { kind: "BUYER", name: "B", countryCode: "MX" } })).id;
  await unscopedDb.membership.create({ data: { organizationId: orgA, userId: user.id, role: "OWNER" } });
  memberOfB = (await unscopedDb.membership.create({ data: { organizationId: orgB, userId: user.id, role: "MEMBER" } })).id;
});
afterAll(() => database.cleanup());

describe("tenant-owned models are found by their organizationId column", () => {
  it("includes memberships and invitations, not users or sessions", () => {
    expect(TENANT_MODELS.has("Membership")).toBe(true);
    expect(TENANT_MODELS.has("Invitation")).toBe(true);
    expect(TENANT_MODELS.has("User")).toBe(false);
    expect(TENANT_MODELS.has("Session")).toBe(false);
  });
});

describe("the guarded client", () => {
  it("throws when a tenant-owned model is queried without an organization filter", async () => {
    await expect(db.membership.findMany()).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.membership.findFirst({ where: { id: memberOfB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.invitation.count()).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.membership.deleteMany({ where: { role: "MEMBER" } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.membership.create({ data: { userId: memberOfB, role: "MEMBER" } as never })).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("answers queries that name the organization", async () => {
    expect(await db.membership.count({ where: { organizationId: orgA } })).toBe(1);
    expect(await db.membership.count({ where: { AND: [{ organizationId: { in: [orgA, orgB] } }] } })).toBe(2);
  });

  it("does not guard models that are not tenant-owned", async () => {
    expect(await db.organization.count()).toBe(2);
  });
});

describe("a client scoped to one organization", () => {
  it("sees only that organization's rows: another tenant's row is simply not found", async () => {
    const scopedA = forOrganization(orgA);
    expect(await scopedA.membership.count()).toBe(1);
    expect(await scopedA.membership.findFirst({ where: { id: memberOfB } })).toBeNull();
    expect(await scopedA.membership.findUnique({ where: { id: memberOfB } })).toBeNull();
  });

  it("cannot update or delete another tenant's row", async () => {
    const scopedA = forOrganization(orgA);
    expect((await scopedA.membership.updateMany({ where: { id: memberOfB }, data: { role: "ADMIN" } })).count).toBe(0);
    expect((await scopedA.membership.deleteMany({ where: { id: memberOfB } })).count).toBe(0);
    await expect(scopedA.membership.update({ where: { id: memberOfB }, data: { role: "ADMIN" } })).rejects.toThrow();
    const row = await unscopedDb.membership.findUniqueOrThrow({ where: { id: memberOfB } });
    expect(row.role).toBe("MEMBER");
  });

  it("stamps its organization on what it creates, and refuses to move rows to another", async () => {
    const scopedA = forOrganization(orgA);
    const invitation = await scopedA.invitation.create({ data: { email: "x@test.ponte", role: "MEMBER", tokenHash: "h1", expiresAt: new Date(Date.now() + 1000) } as never });
    expect(invitation.organizationId).toBe(orgA);
    await expect(scopedA.invitation.updateMany({ where: { id: invitation.id }, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
  });
});
