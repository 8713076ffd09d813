import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, forOrganization, TenantScopeError, unscopedDb } from "~/modules/db/index.server";
import { TENANT_MODELS } from "~/modules/db/tenancy-guard";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let userId: string;
let orgA: string;
let orgB: string;
let memberOfA: string;
let memberOfB: string;
let invitationOfA: string;
let invitationOfB: string;
let brandOfA: string;
let brandOfB: string;
let productOfA: string;

const later = () => new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  database = await setupTestDatabase();
  userId = (await unscopedDb.user.create({ data: { email: "guard@test.ponte", name: "Guard", passwordHash: "x" } })).id;
  orgA = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "A", countryCode: "CN" } })).id;
  orgB = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "B", countryCode: "CN" } })).id;
  memberOfA = (await unscopedDb.membership.create({ data: { organizationId: orgA, userId, role: "OWNER" } })).id;
  memberOfB = (await unscopedDb.membership.create({ data: { organizationId: orgB, userId, role: "MEMBER" } })).id;
  invitationOfA = (await unscopedDb.invitation.create({ data: { organizationId: orgA, email: "a@test.ponte", role: "MEMBER", tokenHash: "ia", expiresAt: later(), invitedById: userId } })).id;
  invitationOfB = (await unscopedDb.invitation.create({ data: { organizationId: orgB, email: "b@test.ponte", role: "MEMBER", tokenHash: "ib", expiresAt: later(), invitedById: userId } })).id;
  brandOfA = (await unscopedDb.brand.create({ data: { organizationId: orgA, name: "Brand A", slug: "brand-a" } })).id;
  brandOfB = (await unscopedDb.brand.create({ data: { organizationId: orgB, name: "Brand B", slug: "brand-b" } })).id;
  const category = await unscopedDb.category.findFirstOrThrow();
  productOfA = (await unscopedDb.product.create({ data: { organizationId: orgA, brandId: brandOfA, categoryId: category.id, slug: "guard-a", hsCode: "851671", currencyCode: "USD" } })).id;
});
afterAll(() => database.cleanup());

const organizationOf = async (invitationId: string) => (await unscopedDb.invitation.findUniqueOrThrow({ where: { id: invitationId } })).organizationId;

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
    await expect(db.membership.create({ data: { userId, role: "MEMBER" } as never })).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("answers queries that name the organization", async () => {
    expect(await db.membership.count({ where: { organizationId: orgA } })).toBe(1);
    expect(await db.membership.count({ where: { AND: [{ organizationId: { in: [orgA, orgB] } }] } })).toBe(2);
  });

  it("does not count an OR branch naming the organization as a filter", async () => {
    await expect(db.membership.findMany({ where: { OR: [{ organizationId: orgA }, { id: memberOfB }] } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.membership.count({ where: { AND: [{ OR: [{ organizationId: orgA }, { role: "MEMBER" }] }] } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.membership.count({ where: { NOT: { organizationId: orgA } } })).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("refuses an upsert whose where does not name the organization", async () => {
    await expect(
      db.invitation.upsert({ where: { id: invitationOfB }, create: { organizationId: orgA, email: "u@test.ponte", role: "MEMBER", tokenHash: "u1", expiresAt: later() }, update: { role: "ADMIN" } }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      db.invitation.upsert({ where: { id: invitationOfA, organizationId: orgA }, create: { email: "u@test.ponte", role: "MEMBER", tokenHash: "u1", expiresAt: later() } as never, update: { role: "ADMIN" } }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    expect((await unscopedDb.invitation.findUniqueOrThrow({ where: { id: invitationOfB } })).role).toBe("MEMBER");
  });

  it("refuses to move a row to another organization, in either form and every update operation", async () => {
    const where = { id: invitationOfA, organizationId: orgA };
    await expect(db.invitation.update({ where, data: { organization: { connect: { id: orgB } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.invitation.update({ where, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.invitation.updateMany({ where, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.invitation.upsert({ where, create: { organizationId: orgA, email: "v@test.ponte", role: "MEMBER", tokenHash: "v1", expiresAt: later() }, update: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.user.update({ where: { id: userId }, data: { memberships: { update: { where: { id: memberOfA }, data: { organizationId: orgB } } } } })).rejects.toBeInstanceOf(TenantScopeError);
    expect(await organizationOf(invitationOfA)).toBe(orgA);
  });

  it("refuses tenant-owned relations read from a shared model unless they name the organization", async () => {
    await expect(db.user.findMany({ include: { memberships: true } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.organization.findUnique({ where: { id: orgB }, select: { memberships: { select: { id: true } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.organization.findMany({ select: { _count: true } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(db.user.findMany({ select: { _count: { select: { memberships: true } } } })).rejects.toBeInstanceOf(TenantScopeError);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { where: { organizationId: orgA } } } });
    expect(user.memberships.map((m) => m.id)).toEqual([memberOfA]);
    const counted = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { _count: { select: { memberships: { where: { organizationId: orgB } }, sessions: true } } } });
    expect(counted._count.memberships).toBe(1);
    // From a tenant-owned row the relation is that organization's: no filter needed.
    const product = await db.product.findFirstOrThrow({ where: { organizationId: orgA }, include: { brand: true, variants: true } });
    expect(product.brand?.id).toBe(brandOfA);
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
    expect(await scopedA.membership.findFirst({ where: { OR: [{ organizationId: orgB }, { id: memberOfB }] } })).toBeNull();
  });

  it("cannot update or delete another tenant's row", async () => {
    const scopedA = forOrganization(orgA);
    expect((await scopedA.membership.updateMany({ where: { id: memberOfB }, data: { role: "ADMIN" } })).count).toBe(0);
    expect((await scopedA.membership.deleteMany({ where: { id: memberOfB } })).count).toBe(0);
    await expect(scopedA.membership.update({ where: { id: memberOfB }, data: { role: "ADMIN" } })).rejects.toThrow();
    await expect(scopedA.membership.delete({ where: { id: memberOfB } })).rejects.toThrow();
    const row = await unscopedDb.membership.findUniqueOrThrow({ where: { id: memberOfB } });
    expect(row.role).toBe("MEMBER");
  });

  it("stamps its organization on what it creates, and refuses to create for another", async () => {
    const scopedA = forOrganization(orgA);
    const invitation = await scopedA.invitation.create({ data: { email: "x@test.ponte", role: "MEMBER", tokenHash: "h1", expiresAt: later() } as never });
    expect(invitation.organizationId).toBe(orgA);
    await expect(scopedA.invitation.create({ data: { organizationId: orgB, email: "y@test.ponte", role: "MEMBER", tokenHash: "h2", expiresAt: later() } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.create({ data: { organization: { connect: { id: orgB } }, email: "y@test.ponte", role: "MEMBER", tokenHash: "h2", expiresAt: later() } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      scopedA.invitation.createMany({ data: [{ email: "y@test.ponte", role: "MEMBER", tokenHash: "h3", expiresAt: later() }, { organizationId: orgB, email: "z@test.ponte", role: "MEMBER", tokenHash: "h4", expiresAt: later() }] as never }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    const many = await scopedA.invitation.createManyAndReturn({ data: [{ email: "m1@test.ponte", role: "MEMBER", tokenHash: "m1", expiresAt: later() }] as never });
    expect(many.map((i) => i.organizationId)).toEqual([orgA]);
    expect(await unscopedDb.invitation.count({ where: { tokenHash: { in: ["h2", "h3", "h4"] } } })).toBe(0);
  });

  it("cannot move its own row into another organization, through the column or the relation, in any write", async () => {
    const scopedA = forOrganization(orgA);
    await expect(scopedA.invitation.update({ where: { id: invitationOfA }, data: { organization: { connect: { id: orgB } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.update({ where: { id: invitationOfA }, data: { organization: { connectOrCreate: { where: { id: orgB }, create: { kind: "BUYER", name: "C", countryCode: "BR" } } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.update({ where: { id: invitationOfA }, data: { organization: { create: { kind: "BUYER", name: "C", countryCode: "BR" } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.update({ where: { id: invitationOfA }, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.update({ where: { id: invitationOfA }, data: { organizationId: { set: orgB } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.updateMany({ where: { id: invitationOfA }, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.invitation.updateManyAndReturn({ where: { id: invitationOfA }, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      scopedA.invitation.upsert({ where: { id: invitationOfA }, create: { email: "w@test.ponte", role: "MEMBER", tokenHash: "w1", expiresAt: later() } as never, update: { organizationId: orgB } }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      scopedA.invitation.upsert({ where: { id: invitationOfA }, create: { organizationId: orgB, email: "w@test.ponte", role: "MEMBER", tokenHash: "w1", expiresAt: later() }, update: {} }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    expect(await organizationOf(invitationOfA)).toBe(orgA);
    expect(await unscopedDb.organization.count()).toBe(2);
    // Naming its own organization is no move.
    const same = await scopedA.invitation.update({ where: { id: invitationOfA }, data: { organizationId: orgA } });
    expect(same.organizationId).toBe(orgA);
  });

  it("upserting another tenant's row by id creates its own instead of touching it", async () => {
    const scopedA = forOrganization(orgA);
    const row = await scopedA.invitation.upsert({ where: { id: invitationOfB }, create: { email: "up@test.ponte", role: "MEMBER", tokenHash: "up1", expiresAt: later() } as never, update: { role: "ADMIN" } });
    expect(row.id).not.toBe(invitationOfB);
    expect(row.organizationId).toBe(orgA);
    expect((await unscopedDb.invitation.findUniqueOrThrow({ where: { id: invitationOfB } })).role).toBe("MEMBER");
  });

  it("stamps nested creates into tenant-owned relations, and pins nested connects, updates and deletes to itself", async () => {
    const scopedA = forOrganization(orgA);
    const user = await scopedA.user.update({
      where: { id: userId },
      data: { invitationsSent: { create: { email: "nested@test.ponte", role: "MEMBER", tokenHash: "n1", expiresAt: later() } as never } },
      include: { invitationsSent: true },
    });
    expect(user.invitationsSent.map((i) => i.organizationId)).toEqual([orgA, orgA]);
    await expect(scopedA.user.update({ where: { id: userId }, data: { memberships: { create: { organizationId: orgB, role: "ADMIN" } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.user.update({ where: { id: userId }, data: { memberships: { create: { organization: { connect: { id: orgB } }, role: "ADMIN" } } } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.user.update({ where: { id: userId }, data: { memberships: { update: { where: { id: memberOfB }, data: { role: "ADMIN" } } } } })).rejects.toThrow();
    await expect(scopedA.user.update({ where: { id: userId }, data: { memberships: { delete: { id: memberOfB } } } })).rejects.toThrow();
    // Disconnecting a row that is not found is a no-op in Prisma: B's invitation keeps its inviter (checked below).
    await scopedA.user.update({ where: { id: userId }, data: { invitationsSent: { disconnect: { id: invitationOfB } } } });
    await scopedA.user.update({ where: { id: userId }, data: { memberships: { updateMany: { where: {}, data: { role: "OWNER" } } } } });
    await scopedA.user.update({ where: { id: userId }, data: { invitationsSent: { deleteMany: { tokenHash: { in: ["ib", "n1"] } } } } });
    await scopedA.user.update({ where: { id: userId }, data: { invitationsSent: { upsert: { where: { id: invitationOfB }, create: { email: "up2@test.ponte", role: "MEMBER", tokenHash: "up2", expiresAt: later() } as never, update: { role: "ADMIN" } } } } });
    await expect(
      scopedA.user.update({ where: { id: userId }, data: { invitationsSent: { connectOrCreate: { where: { id: invitationOfB }, create: { email: "c@test.ponte", role: "MEMBER", tokenHash: "c1", expiresAt: later() } as never } } } }),
    ).resolves.toBeTruthy();
    const b = await unscopedDb.invitation.findUniqueOrThrow({ where: { id: invitationOfB } });
    expect(b).toMatchObject({ role: "MEMBER", invitedById: userId, organizationId: orgB });
    expect((await unscopedDb.membership.findUniqueOrThrow({ where: { id: memberOfB } })).role).toBe("MEMBER");
    expect(await unscopedDb.invitation.count({ where: { tokenHash: { in: ["n1"] } } })).toBe(0);
    expect((await unscopedDb.invitation.findUniqueOrThrow({ where: { tokenHash: "c1" } })).organizationId).toBe(orgA);
    expect((await unscopedDb.invitation.findUniqueOrThrow({ where: { tokenHash: "up2" } })).organizationId).toBe(orgA);
  });

  it("writes only its own Organization row, and creates none", async () => {
    const scopedA = forOrganization(orgA);
    await expect(scopedA.organization.update({ where: { id: orgB }, data: { name: "taken" } })).rejects.toThrow();
    expect((await scopedA.organization.updateMany({ where: { id: orgB }, data: { name: "taken" } })).count).toBe(0);
    expect((await scopedA.organization.deleteMany({ where: { id: orgB } })).count).toBe(0);
    await expect(scopedA.organization.create({ data: { kind: "BUYER", name: "C", countryCode: "BR" } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.organization.upsert({ where: { id: orgB }, create: { kind: "BUYER", name: "C", countryCode: "BR" }, update: {} })).rejects.toBeInstanceOf(TenantScopeError);
    expect((await scopedA.organization.update({ where: { id: orgA }, data: { city: "Zhuhai" } })).city).toBe("Zhuhai");
    expect((await unscopedDb.organization.findUniqueOrThrow({ where: { id: orgB } })).name).toBe("B");
  });

  it("reads another organization's profile, but none of its tenant-owned rows through relations", async () => {
    const scopedA = forOrganization(orgA);
    const profile = await scopedA.organization.findUnique({ where: { id: orgB }, include: { memberships: true, brands: true, invitations: { where: { role: "MEMBER" } } } });
    expect(profile).toMatchObject({ id: orgB, name: "B", memberships: [], brands: [], invitations: [] });
    const user = await scopedA.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user.memberships.map((m) => m.id)).toEqual([memberOfA]);
    const selected = await scopedA.user.findMany({ where: { id: userId }, select: { memberships: { select: { role: true }, where: { role: { in: ["OWNER", "MEMBER"] } } } } });
    expect(selected).toEqual([{ memberships: [{ role: "OWNER" }] }]);
    const deep = await scopedA.membership.findMany({ include: { user: { include: { memberships: { include: { organization: true } } } } } });
    expect(deep.flatMap((m) => m.user.memberships.map((n) => n.organization.id))).toEqual([orgA]);
  });

  it("counts only its own rows of a relation, and refuses an unnamed _count", async () => {
    const scopedA = forOrganization(orgA);
    const user = await scopedA.user.findUniqueOrThrow({ where: { id: userId }, select: { _count: { select: { memberships: true, sessions: true } } } });
    expect(user._count).toEqual({ memberships: 1, sessions: 0 });
    const filtered = await scopedA.user.findUniqueOrThrow({ where: { id: userId }, select: { _count: { select: { memberships: { where: { role: "MEMBER" } } } } } });
    expect(filtered._count.memberships).toBe(0);
    await expect(scopedA.user.findMany({ include: { _count: true } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scopedA.product.findMany({ select: { _count: true } })).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("filters relation filters (some, every, none, is, isNot and direct) to its own rows", async () => {
    const scopedA = forOrganization(orgA);
    const users = (where: object) => scopedA.user.count({ where: { id: userId, ...where } });
    expect(await users({ memberships: { some: { role: "MEMBER" } } })).toBe(0);
    expect(await users({ memberships: { some: { role: "OWNER" } } })).toBe(1);
    expect(await users({ memberships: { every: { role: "OWNER" } } })).toBe(1);
    expect(await users({ memberships: { none: { role: "MEMBER" } } })).toBe(1);
    expect(await users({ OR: [{ memberships: { some: { organizationId: orgB } } }] })).toBe(0);
    expect(await scopedA.organization.count({ where: { id: orgB, brands: { some: {} } } })).toBe(0);
    expect(await scopedA.organization.count({ where: { id: orgA, brands: { some: {} } } })).toBe(1);
    expect(await scopedA.product.count({ where: { brand: { name: "Brand A" } } })).toBe(1);
    expect(await scopedA.product.count({ where: { brand: { is: { name: "Brand A" } } } })).toBe(1);
    expect(await scopedA.product.count({ where: { brand: { isNot: { name: "Brand A" } } } })).toBe(0);
    expect(await scopedA.product.count({ where: { brand: { isNot: null } } })).toBe(1);
    expect(await scopedA.membership.count({ where: { user: { memberships: { some: { role: "MEMBER" } } } } })).toBe(0);
  });

  it("never returns a row of another organization reached through a relation of its own row", async () => {
    const scopedA = forOrganization(orgA);
    const own = await scopedA.product.findUniqueOrThrow({ where: { id: productOfA }, select: { id: true, brand: { select: { name: true } } } });
    expect(own).toEqual({ id: productOfA, brand: { name: "Brand A" } });
    const omitted = await scopedA.product.findUniqueOrThrow({ where: { id: productOfA }, include: { brand: { omit: { organizationId: true } } } });
    expect(omitted.brand).not.toHaveProperty("organizationId");
    // A cross-tenant foreign key (written outside the guard) is refused, not shown.
    await unscopedDb.product.update({ where: { id: productOfA }, data: { brandId: brandOfB } });
    try {
      await expect(scopedA.product.findMany({ include: { brand: true } })).rejects.toBeInstanceOf(TenantScopeError);
      await expect(scopedA.product.findFirst({ select: { brand: { select: { name: true } } } })).rejects.toBeInstanceOf(TenantScopeError);
      await expect(scopedA.membership.findMany({ include: { user: { include: { invitationsSent: { include: { organization: true } } } } } })).resolves.toBeTruthy();
      expect(await scopedA.product.count({ where: { brand: { name: "Brand B" } } })).toBe(0);
    } finally {
      await unscopedDb.product.update({ where: { id: productOfA }, data: { brandId: brandOfA } });
    }
  });

  it("cannot connect a row of another organization", async () => {
    const scopedA = forOrganization(orgA);
    await expect(scopedA.product.update({ where: { id: productOfA }, data: { brand: { connect: { id: brandOfB } } } })).rejects.toThrow();
    expect((await unscopedDb.product.findUniqueOrThrow({ where: { id: productOfA } })).brandId).toBe(brandOfA);
    await scopedA.product.update({ where: { id: productOfA }, data: { brand: { connect: { id: brandOfA } } } });
  });
});

describe("two-party rows on the database: an order is the manufacturer's and the buyer's, nobody else's", () => {
  let buyer: string;
  let orderId: string;
  const orderData = (seller: string, buyerId: string, number: string) => ({
    number,
    organizationId: seller,
    buyerOrganizationId: buyerId,
    source: "WAREHOUSE" as const,
    warehouseId: "00000000-0000-7000-8000-0000000000ff",
    tradeTerm: "DDP" as const,
    currencyCode: "USD",
    subtotalMinor: 1000n,
    totalMinor: 1000n,
    buyerCurrencyCode: "USD",
    buyerTotalMinor: 1000n,
    fxRate: "1",
    fxRateDate: new Date("2026-12-01"),
    bankReference: `REF-${number}`,
    leadTimeDaysMin: 2,
    leadTimeDaysMax: 5,
    buyerSnapshot: {},
    deliveryAddress: {},
  });

  beforeAll(async () => {
    buyer = (await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Buyer C", countryCode: "BR" } })).id;
    orderId = (await unscopedDb.order.create({ data: { ...orderData(orgA, buyer, "PO-GUARD-1"), lines: { create: { organizationId: orgA, buyerOrganizationId: buyer, productId: productOfA, variantId: productOfA, sku: "S-1", names: {}, hsCode: "851671", quantity: 2, unitPriceMinor: 500n, lineTotalMinor: 1000n } } } })).id;
  });

  it("both parties find it with its lines; a third organization does not", async () => {
    const bySeller = await forOrganization(orgA).order.findUnique({ where: { id: orderId }, include: { lines: true } });
    const byBuyer = await forOrganization(buyer).order.findUnique({ where: { id: orderId }, include: { lines: true } });
    expect(bySeller?.lines).toHaveLength(1);
    expect(byBuyer?.number).toBe("PO-GUARD-1");
    expect(await forOrganization(orgB).order.findUnique({ where: { id: orderId } })).toBeNull();
    expect(await forOrganization(orgB).orderLine.count()).toBe(0);
    expect(await forOrganization(buyer).order.count()).toBe(1);
  });

  it("a third organization can neither change nor delete it, and no party can change the parties", async () => {
    expect((await forOrganization(orgB).order.updateMany({ where: { id: orderId }, data: { poNumber: "X" } })).count).toBe(0);
    expect((await forOrganization(orgB).order.deleteMany({ where: { id: orderId } })).count).toBe(0);
    await expect(forOrganization(buyer).order.update({ where: { id: orderId }, data: { buyerOrganizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(forOrganization(orgA).order.update({ where: { id: orderId }, data: { organizationId: orgB } })).rejects.toBeInstanceOf(TenantScopeError);
    expect((await forOrganization(buyer).order.update({ where: { id: orderId }, data: { poNumber: "PO-77" } })).poNumber).toBe("PO-77");
  });

  it("is created by one of its parties only", async () => {
    await expect(forOrganization(orgB).order.create({ data: orderData(orgA, buyer, "PO-GUARD-2") })).rejects.toBeInstanceOf(TenantScopeError);
    const created = await forOrganization(buyer).order.create({ data: orderData(orgB, buyer, "PO-GUARD-3") });
    expect(await forOrganization(orgB).order.findUnique({ where: { id: created.id } })).not.toBeNull();
    expect(await forOrganization(orgA).order.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("the guarded client accepts the buyer's column as the filter", async () => {
    expect(await db.order.count({ where: { buyerOrganizationId: buyer } })).toBe(2);
    await expect(db.order.findMany({ where: { status: "PLACED" } })).rejects.toBeInstanceOf(TenantScopeError);
  });
});

describe("scoped clients kept per organization", () => {
  it("hands the same client to every request of one organization, and each still reaches only its own rows", async () => {
    const a = forOrganization(orgA);
    const b = forOrganization(orgB);
    expect(forOrganization(orgA)).toBe(a);
    expect(b).not.toBe(a);
    // Interleaved, as concurrent requests of two organizations would use them.
    const [brandsOfA, brandsOfB, againA] = await Promise.all([a.brand.findMany({ select: { id: true } }), b.brand.findMany({ select: { id: true } }), forOrganization(orgA).brand.findMany({ select: { id: true } })]);
    expect(brandsOfA.map((x) => x.id)).toEqual([brandOfA]);
    expect(brandsOfB.map((x) => x.id)).toEqual([brandOfB]);
    expect(againA.map((x) => x.id)).toEqual([brandOfA]);
    expect(await a.brand.findFirst({ where: { id: brandOfB } })).toBeNull();
  });
});
