import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { assertTenantScoped, PARTY_MODELS, relationGraph, relationGraphOf, scopeArgs, scopeQuery, TENANT_MODELS, TenantScopeError, whereHasOrganization, type RuntimeDataModel } from "./tenancy-guard";

// The real data model of the generated client; constructing a client opens no connection. The graph is built
// inside each test (not at load) so that mutation testing attributes the guard's code to the tests that run it.
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://unused@127.0.0.1:1/unused" }) });
const dataModel = (client as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel;
const graph = () => relationGraph(dataModel);
const A = "00000000-0000-7000-8000-00000000000a";
const B = "00000000-0000-7000-8000-00000000000b";
const pinned = (where: object = {}) => ({ ...where, AND: [{ organizationId: A }] });

const guard = (model: string | undefined, operation: string, args?: Record<string, unknown>) => () => assertTenantScoped(model, operation, args, graph());
const scope = (model: string | undefined, operation: string, args?: Record<string, unknown>) => scopeArgs(model, operation, args, A, graph()) as Record<string, unknown>;
const query = (model: string, operation: string, args: Record<string, unknown>) => scopeQuery(model, operation, args, A, graph());
const refused = (run: () => unknown) => expect(run).toThrow(TenantScopeError);

describe("the relation graph", () => {
  it("is read from the client's runtime data model, once per client", () => {
    const read = relationGraphOf(client);
    expect(read.get("User")?.get("memberships")).toBe("Membership");
    expect(read.get("Product")?.get("brand")).toBe("Brand");
    expect(read.get("Membership")?.has("role")).toBe(false);
    expect(relationGraphOf(client)).toBe(read);
    expect(relationGraphOf({ _runtimeDataModel: { models: { Organization: { fields: [] } } } }).get("Organization")?.size).toBe(0);
  });

  it("fails loudly when the data model is missing", () => {
    expect(() => relationGraphOf({})).toThrow(/runtime data model/);
    expect(() => relationGraphOf({ _runtimeDataModel: { models: {} } })).toThrow(/runtime data model/);
    expect(() => relationGraphOf({ _runtimeDataModel: {} })).toThrow(/runtime data model/);
  });

  it("keeps only relation fields", () => {
    const small = relationGraph({ models: { M: { fields: [{ name: "id", kind: "scalar", type: "String" }, { name: "other", kind: "object", type: "N" }] } } });
    expect([...small.get("M")!.entries()]).toEqual([["other", "N"]]);
  });

  it("marks the models with an organizationId column as tenant-owned", () => {
    expect(TENANT_MODELS.has("Product")).toBe(true);
    expect(TENANT_MODELS.has("Organization")).toBe(false);
    expect(TENANT_MODELS.has("Warehouse")).toBe(false);
  });
});

describe("whereHasOrganization accepts only filters every row must satisfy", () => {
  it.each([
    [{ organizationId: A }],
    [{ organizationId: { equals: A } }],
    [{ organizationId: { in: [A, B] } }],
    [{ organizationId_userId: { organizationId: A, userId: B } }],
    [{ AND: [{ role: "OWNER" }, { organizationId: A }] }],
    [{ AND: { organizationId: A } }],
    [{ id: B, AND: [{ AND: [{ organizationId: A }] }] }],
  ])("pinned: %j", (where) => expect(whereHasOrganization(where)).toBe(true));

  it.each([
    [undefined],
    [null],
    ["organizationId"],
    [{}],
    [{ organizationId: { in: [] } }],
    [{ organizationId: { in: [A, 5] } }],
    [{ organizationId: { in: A } }],
    [{ organizationId: { not: A } }],
    [{ organizationId: { equals: 5 } }],
    [{ organizationId: 5 }],
    [{ organizationId: null }],
    [{ organizationId_userId: { userId: B } }],
    [{ organizationId_userId: null }],
    [{ userId_slug: { organizationId: A } }],
    [{ OR: [{ organizationId: A }, { id: B }] }],
    [{ OR: [{ organizationId: A }] }],
    [{ NOT: { organizationId: A } }],
    [{ AND: [] }],
    [{ AND: [{ OR: [{ organizationId: A }, { role: "MEMBER" }] }] }],
    [{ AND: [{ role: "OWNER" }] }],
  ])("not pinned: %j", (where) => expect(whereHasOrganization(where)).toBe(false));
});

describe("the guarded client", () => {
  it("lets queries without a model (raw SQL) and of shared models through", () => {
    expect(guard(undefined, "$queryRaw")).not.toThrow();
    expect(guard("Currency", "findMany")).not.toThrow();
    expect(guard("Organization", "update", { where: { id: A }, data: { name: "x" } })).not.toThrow();
  });

  it("requires the organization in every tenant-owned where", () => {
    for (const op of ["findMany", "findFirst", "findUnique", "count", "aggregate", "groupBy", "update", "updateMany", "delete", "deleteMany"]) {
      refused(guard("Membership", op, { where: { id: B } }));
      refused(guard("Membership", op));
      expect(guard("Membership", op, { where: { id: B, organizationId: A } })).not.toThrow();
    }
  });

  it("requires creates to carry the organization, as the column or a connect by id", () => {
    for (const op of ["create", "createMany", "createManyAndReturn"]) {
      refused(guard("Invitation", op, { data: { email: "x" } }));
      refused(guard("Invitation", op));
      expect(guard("Invitation", op, { data: { organizationId: A } })).not.toThrow();
    }
    expect(guard("Invitation", "create", { data: { organization: { connect: { id: A } } } })).not.toThrow();
    refused(guard("Invitation", "create", { data: { organization: { connect: { slug: A } } } }));
    refused(guard("Invitation", "create", { data: { organization: { connect: null } } }));
    refused(guard("Invitation", "create", { data: { organization: { create: { name: "x" } } } }));
    refused(guard("Invitation", "create", { data: { organization: null } }));
    refused(guard("Invitation", "create", { data: { organizationId: 5 } }));
    refused(guard("Invitation", "createMany", { data: [] }));
    refused(guard("Invitation", "createMany", { data: [{ organizationId: A }, { email: "x" }] }));
    expect(guard("Invitation", "createMany", { data: [{ organizationId: A }, { organizationId: B }] })).not.toThrow();
  });

  it("requires an upsert to name the organization in its where and its create", () => {
    refused(guard("Invitation", "upsert", { where: { id: B }, create: { organizationId: A }, update: {} }));
    refused(guard("Invitation", "upsert", { where: { id: B, organizationId: A }, create: { email: "x" }, update: {} }));
    expect(guard("Invitation", "upsert", { where: { id: B, organizationId: A }, create: { organizationId: A }, update: {} })).not.toThrow();
  });

  it("refuses to move a row to another organization in any update, top-level or nested", () => {
    const where = { id: B, organizationId: A };
    for (const op of ["update", "updateMany", "updateManyAndReturn"]) {
      refused(guard("Invitation", op, { where, data: { organizationId: B } }));
      refused(guard("Invitation", op, { where, data: { organization: { connect: { id: B } } } }));
      expect(guard("Invitation", op, { where, data: { role: "ADMIN" } })).not.toThrow();
    }
    refused(guard("Invitation", "upsert", { where, create: { organizationId: A }, update: { organizationId: B } }));
    refused(guard("User", "update", { where: { id: A }, data: { memberships: { update: { where: { id: B }, data: { organizationId: B } } } } }));
    refused(guard("User", "update", { where: { id: A }, data: { memberships: { update: [{ where: { id: B }, data: { organizationId: B } }] } } }));
    refused(guard("User", "update", { where: { id: A }, data: { memberships: { updateMany: { where: {}, data: { organizationId: B } } } } }));
    refused(guard("User", "update", { where: { id: A }, data: { memberships: { upsert: { where: { id: B }, create: {}, update: { organizationId: B } } } } }));
    refused(guard("Product", "update", { where, data: { brand: { update: { organizationId: B } } } }));
    refused(guard("Product", "update", { where, data: { brand: { update: { where: {}, data: { organization: { connect: { id: B } } } } } } }));
    expect(guard("Product", "update", { where, data: { brand: { update: { name: "x" } }, slug: "s", category: null } })).not.toThrow();
    // A shared model's link to an organization (a session's active organization) is not an owner.
    expect(guard("Session", "update", { where: { id: A }, data: { activeOrganization: { connect: { id: B } } } })).not.toThrow();
  });

  it("refuses tenant-owned relations read from a shared model unless they name the organization", () => {
    refused(guard("User", "findMany", { include: { memberships: true } }));
    refused(guard("User", "findUnique", { where: { id: A }, select: { memberships: { where: { role: "OWNER" } } } }));
    refused(guard("Membership", "findMany", { where: { organizationId: A }, include: { user: { include: { memberships: true } } } }));
    expect(guard("User", "findMany", { include: { memberships: { where: { organizationId: A } }, sessions: true } })).not.toThrow();
    expect(guard("User", "findMany", { include: { memberships: false }, select: { id: true } })).not.toThrow();
    expect(guard("Product", "findMany", { where: { organizationId: A }, include: { brand: true, variants: { include: { stockBalances: true } } } })).not.toThrow();
    expect(guard("User", "count", { select: { _all: true } })).not.toThrow();
    expect(guard("User", "updateMany", { where: { id: A }, data: { name: "x" }, include: { memberships: true } })).not.toThrow();
  });

  it("refuses counts of tenant-owned relations from a shared model unless they name the organization", () => {
    refused(guard("User", "findMany", { select: { _count: true } }));
    refused(guard("Organization", "findMany", { include: { _count: true } }));
    refused(guard("User", "findMany", { select: { _count: { select: { memberships: true } } } }));
    refused(guard("User", "findMany", { select: { _count: { select: { memberships: { where: { role: "OWNER" } } } } } }));
    expect(guard("User", "findMany", { select: { _count: { select: { memberships: { where: { organizationId: A } }, sessions: true, invitationsSent: false } } } })).not.toThrow();
    expect(guard("User", "findMany", { select: { _count: false } })).not.toThrow();
    expect(guard("FxRate", "findMany", { select: { _count: true } })).not.toThrow();
    expect(guard("Product", "findMany", { where: { organizationId: A }, select: { _count: true } })).not.toThrow();
  });
});

describe("a scoped client's filters", () => {
  it("leaves queries without a model alone", () => {
    const args = { sql: "SELECT 1" };
    expect(scope(undefined, "$queryRaw", args)).toBe(args);
  });

  it("ANDs the organization onto every tenant-owned where, keeping unique selectors", () => {
    expect(scope("Membership", "findMany")).toEqual({ where: pinned() });
    expect(scope("Membership", "findUnique", { where: { id: B } })).toEqual({ where: { id: B, AND: [{ organizationId: A }] } });
    expect(scope("Membership", "count", { where: { AND: { role: "OWNER" } } })).toEqual({ where: { AND: [{ organizationId: A }, { role: "OWNER" }] } });
    expect(scope("Membership", "deleteMany", { where: { AND: [{ role: "OWNER" }, { id: B }] } })).toEqual({ where: { AND: [{ organizationId: A }, { role: "OWNER" }, { id: B }] } });
    expect(scope("Membership", "findMany", { where: { OR: [{ organizationId: B }] } })).toEqual({ where: { OR: [{ organizationId: B }], AND: [{ organizationId: A }] } });
  });

  it("reads other organizations' rows but writes only its own", () => {
    expect(scope("Organization", "findUnique", { where: { id: B } })).toEqual({ where: { id: B } });
    expect(scope("Organization", "findMany")).toEqual({});
    expect(scope("Organization", "count", { where: { kind: "BUYER" } })).toEqual({ where: { kind: "BUYER" } });
    for (const op of ["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"]) {
      expect(scope("Organization", op, { where: { id: B } }).where).toEqual({ id: B, AND: [{ id: A }] });
    }
    for (const op of ["create", "createMany", "createManyAndReturn", "upsert"]) refused(() => scope("Organization", op, { data: {} }));
    expect(scope("User", "update", { where: { id: B }, data: { name: "x" } })).toEqual({ where: { id: B }, data: { name: "x" } });
  });

  it("scopes relation filters into tenant-owned models", () => {
    expect(scope("User", "findMany", { where: { memberships: { some: { role: "OWNER" } } } })).toEqual({ where: { memberships: { some: pinned({ role: "OWNER" }) } } });
    expect(scope("User", "findMany", { where: { memberships: { none: { role: "OWNER" } } } })).toEqual({ where: { memberships: { none: pinned({ role: "OWNER" }) } } });
    expect(scope("User", "findMany", { where: { memberships: { every: { role: "OWNER" } } } })).toEqual({ where: { memberships: { every: { OR: [{ NOT: { organizationId: A } }, { role: "OWNER" }] } } } });
    expect(scope("Product", "findMany", { where: { brand: { is: { name: "x" } } } })).toEqual({ where: { brand: { is: pinned({ name: "x" }) }, AND: [{ organizationId: A }] } });
    expect(scope("Product", "findMany", { where: { brand: { isNot: null } } })).toEqual({ where: { brand: { isNot: null }, AND: [{ organizationId: A }] } });
    expect(scope("Product", "findMany", { where: { brand: { name: "x" } } })).toEqual({ where: { brand: pinned({ name: "x" }), AND: [{ organizationId: A }] } });
    expect(scope("Product", "findMany", { where: { brand: null } })).toEqual({ where: { brand: null, AND: [{ organizationId: A }] } });
    expect(scope("User", "findMany", { where: { OR: [{ memberships: { some: {} } }], NOT: { memberships: { some: {} } }, AND: [{ memberships: { some: {} } }] } })).toEqual({
      where: { OR: [{ memberships: { some: pinned() } }], NOT: { memberships: { some: pinned() } }, AND: [{ memberships: { some: pinned() } }] },
    });
  });

  it("recurses through relations into shared models without pinning them", () => {
    expect(scope("Membership", "findMany", { where: { user: { email: "x" } } })).toEqual({ where: { user: { email: "x" }, AND: [{ organizationId: A }] } });
    expect(scope("Membership", "findMany", { where: { user: { is: { memberships: { some: { role: "MEMBER" } } } } } })).toEqual({
      where: { user: { is: { memberships: { some: pinned({ role: "MEMBER" }) } } }, AND: [{ organizationId: A }] },
    });
    expect(scope("Category", "findMany", { where: { children: { every: { products: { some: {} } } } } })).toEqual({ where: { children: { every: { products: { some: pinned() } } } } });
  });
});

describe("a scoped client's writes", () => {
  it("stamps its organization on created rows, and refuses another", () => {
    expect(scope("Invitation", "create", { data: { email: "x" } })).toEqual({ data: { email: "x", organizationId: A } });
    expect(scope("Invitation", "create", { data: { email: "x", organizationId: A } })).toEqual({ data: { email: "x", organizationId: A } });
    expect(scope("Invitation", "createMany", { data: [{ email: "x" }, { email: "y" }] })).toEqual({ data: [{ email: "x", organizationId: A }, { email: "y", organizationId: A }] });
    expect(scope("Invitation", "createManyAndReturn", { data: [{ email: "x" }] })).toEqual({ data: [{ email: "x", organizationId: A }] });
    refused(() => scope("Invitation", "create", { data: { organizationId: B } }));
    refused(() => scope("Invitation", "createMany", { data: [{ email: "x" }, { organizationId: B }] }));
    refused(() => scope("Invitation", "create", { data: { organization: { connect: { id: A } } } }));
  });

  it("refuses any change of owner in every update operation", () => {
    for (const op of ["update", "updateMany", "updateManyAndReturn"]) {
      refused(() => scope("Invitation", op, { where: { id: B }, data: { organizationId: B } }));
      refused(() => scope("Invitation", op, { where: { id: B }, data: { organizationId: { set: B } } }));
      refused(() => scope("Invitation", op, { where: { id: B }, data: { organization: { connect: { id: B } } } }));
      refused(() => scope("Invitation", op, { where: { id: B }, data: { organization: { connectOrCreate: { where: { id: B }, create: {} } } } }));
      expect(scope("Invitation", op, { where: { id: B }, data: { organizationId: A, role: "ADMIN" } })).toEqual({ where: { id: B, AND: [{ organizationId: A }] }, data: { organizationId: A, role: "ADMIN" } });
      expect(scope("Invitation", op, { where: { id: B }, data: { organizationId: { set: A } } }).data).toEqual({ organizationId: { set: A } });
    }
    refused(() => scope("Invitation", "upsert", { where: { id: B }, create: {}, update: { organizationId: B } }));
    refused(() => scope("Invitation", "upsert", { where: { id: B }, create: { organizationId: B }, update: {} }));
    expect(scope("Invitation", "upsert", { where: { id: B }, create: { email: "x" }, update: { role: "ADMIN" } })).toEqual({
      where: { id: B, AND: [{ organizationId: A }] },
      create: { email: "x", organizationId: A },
      update: { role: "ADMIN" },
    });
    // Links to an organization are refused from any model: the owner is stamped, never linked.
    refused(() => scope("Session", "update", { where: { id: B }, data: { activeOrganization: { connect: { id: B } } } }));
  });

  it("stamps nested creates into tenant-owned relations and pins every nested where", () => {
    const data = (ops: object) => scope("User", "update", { where: { id: B }, data: { memberships: ops } }).data;
    const memberships = (ops: object) => (data(ops) as { memberships: unknown }).memberships;
    expect(memberships({ create: { role: "OWNER" } })).toEqual({ create: { role: "OWNER", organizationId: A } });
    expect(memberships({ create: [{ role: "OWNER" }] })).toEqual({ create: [{ role: "OWNER", organizationId: A }] });
    expect(memberships({ createMany: { data: [{ role: "OWNER" }], skipDuplicates: true } })).toEqual({ createMany: { data: [{ role: "OWNER", organizationId: A }], skipDuplicates: true } });
    expect(memberships({ connectOrCreate: { where: { id: B }, create: { role: "OWNER" } } })).toEqual({ connectOrCreate: { where: { id: B, AND: [{ organizationId: A }] }, create: { role: "OWNER", organizationId: A } } });
    expect(memberships({ upsert: [{ where: { id: B }, create: {}, update: { role: "ADMIN" } }] })).toEqual({
      upsert: [{ where: { id: B, AND: [{ organizationId: A }] }, create: { organizationId: A }, update: { role: "ADMIN" } }],
    });
    expect(memberships({ update: { where: { id: B }, data: { role: "ADMIN" } } })).toEqual({ update: { where: { id: B, AND: [{ organizationId: A }] }, data: { role: "ADMIN" } } });
    expect(memberships({ updateMany: [{ where: {}, data: { role: "ADMIN" } }] })).toEqual({ updateMany: [{ where: pinned(), data: { role: "ADMIN" } }] });
    expect(memberships({ connect: [{ id: B }], set: [], disconnect: { id: B }, delete: [{ id: B }], deleteMany: {} })).toEqual({
      connect: [{ id: B, AND: [{ organizationId: A }] }],
      set: [],
      disconnect: { id: B, AND: [{ organizationId: A }] },
      delete: [{ id: B, AND: [{ organizationId: A }] }],
      deleteMany: pinned(),
    });
    refused(() => memberships({ create: { organizationId: B } }));
    refused(() => memberships({ create: { organization: { connect: { id: B } } } }));
    refused(() => memberships({ update: { where: { id: B }, data: { organizationId: B } } }));
    refused(() => memberships({ upsert: { where: { id: B }, create: {}, update: { organizationId: B } } }));
    refused(() => memberships({ connectOrCreate: { where: { id: B }, create: { organizationId: B } } }));
    refused(() => memberships({ createMany: { data: [{ organizationId: B }] } }));
    refused(() => memberships({ frobnicate: {} }));
  });

  it("wraps a to-one update's data so that its row is pinned too", () => {
    const update = (brand: object) => (scope("Product", "update", { where: { id: B }, data: { brand } }).data as { brand: unknown }).brand;
    expect(update({ update: { name: "x" } })).toEqual({ update: { where: pinned(), data: { name: "x" } } });
    expect(update({ disconnect: true, delete: false })).toEqual({ disconnect: true, delete: false });
    expect(update({ upsert: { create: { name: "x" }, update: { name: "y" } } })).toEqual({ upsert: { where: pinned(), create: { name: "x", organizationId: A }, update: { name: "y" } } });
    refused(() => update({ update: { organizationId: B } }));
  });

  it("recurses through shared models without stamping them", () => {
    const data = scope("Membership", "update", {
      where: { id: B },
      data: { role: "ADMIN", user: { update: { name: "x", invitationsSent: { create: { email: "y" } } }, connect: { id: B } } },
    }).data;
    expect(data).toEqual({ role: "ADMIN", user: { update: { where: undefined, data: { name: "x", invitationsSent: { create: { email: "y", organizationId: A } } } }, connect: { id: B } } });
    expect(scope("Product", "update", { where: { id: B }, data: { category: { connect: { id: B } }, brand: null } }).data).toEqual({ category: { connect: { id: B } }, brand: null });
    expect(scope("User", "create", { data: { email: "x", memberships: { createMany: null } } }).data).toEqual({ email: "x", memberships: { createMany: null } });
    expect(scope("User", "update", { where: { id: B }, data: { memberships: { connectOrCreate: [null], upsert: [null] } } }).data).toEqual({ memberships: { connectOrCreate: [null], upsert: [null] } });
  });
});

describe("a scoped client's reads through relations", () => {
  it("filters tenant-owned relations of shared models, and leaves those of its own rows as they are", () => {
    expect(scope("User", "findMany", { include: { memberships: true, sessions: true } })).toEqual({ include: { memberships: { where: pinned() }, sessions: true } });
    expect(scope("User", "findMany", { select: { id: true, memberships: { where: { role: "OWNER" }, select: { role: true } } } })).toEqual({
      select: { id: true, memberships: { where: pinned({ role: "OWNER" }), select: { role: true, organizationId: true } } },
    });
    expect(scope("Product", "findMany", { include: { brand: true, variants: false } })).toEqual({ where: pinned(), include: { brand: true, variants: false } });
    expect(scope("Product", "findMany", { include: { variants: { where: { stockBalances: { some: {} } } } } })).toEqual({ where: pinned(), include: { variants: { where: { stockBalances: { some: pinned() } } } } });
    expect(scope("User", "count", { select: { _all: true }, include: { memberships: true } })).toEqual({ select: { _all: true }, include: { memberships: true } });
  });

  it("filters counted relations, and refuses an unnamed count of tenant-owned ones", () => {
    expect(scope("User", "findMany", { select: { _count: { select: { memberships: true, sessions: true, invitationsSent: false } } } })).toEqual({
      select: { _count: { select: { memberships: { where: pinned() }, sessions: true, invitationsSent: false } } },
    });
    expect(scope("User", "findMany", { select: { _count: { select: { memberships: { where: { role: "OWNER" } } } } } }).select).toEqual({ _count: { select: { memberships: { where: pinned({ role: "OWNER" }) } } } });
    refused(() => scope("User", "findMany", { include: { _count: true } }));
    refused(() => scope("Product", "findMany", { select: { _count: true } }));
    expect(scope("FxRate", "findMany", { select: { _count: true } })).toEqual({ select: { _count: true } });
    expect(scope("User", "findMany", { select: { _count: false } })).toEqual({ select: { _count: false } });
  });

  it("returns rows of its own organization, without a column it added", () => {
    const scoped = query("Product", "findMany", { select: { brand: { select: { name: true } } } });
    expect(scoped.args).toEqual({ where: pinned(), select: { brand: { select: { name: true, organizationId: true } } } });
    expect(scoped.check([{ brand: { name: "x", organizationId: A } }, { brand: null }])).toEqual([{ brand: { name: "x" } }, { brand: null }]);
    const kept = query("Product", "findMany", { select: { brand: { select: { name: true, organizationId: true } } } });
    expect(kept.check([{ brand: { name: "x", organizationId: A } }])).toEqual([{ brand: { name: "x", organizationId: A } }]);
  });

  it("asks for an omitted organization column and removes it again", () => {
    const scoped = query("Product", "findFirst", { include: { brand: { omit: { organizationId: true, logoKey: true } } } });
    expect(scoped.args).toEqual({ where: pinned(), include: { brand: { omit: { organizationId: false, logoKey: true } } } });
    expect(scoped.check({ brand: { name: "x", organizationId: A } })).toEqual({ brand: { name: "x" } });
    expect(query("Product", "findFirst", { include: { brand: { omit: { logoKey: true } } } }).check({ brand: { organizationId: A } })).toEqual({ brand: { organizationId: A } });
  });

  it("refuses a row of another organization reached through a relation, however deep", () => {
    const scoped = query("Membership", "findMany", { include: { user: { include: { memberships: { include: { organization: true } } } } } });
    expect(scoped.check([{ user: { memberships: [{ organizationId: A, organization: { id: A } }] } }])).toBeTruthy();
    expect(() => scoped.check([{ user: { memberships: [{ organizationId: A }, { organizationId: B }] } }])).toThrow(TenantScopeError);
    expect(() => query("Product", "findUnique", { where: { id: B }, include: { brand: true } }).check({ brand: { organizationId: B } })).toThrow(TenantScopeError);
    expect(query("Product", "findUnique", { where: { id: B }, include: { brand: true } }).check(null)).toBeNull();
    expect(query("Product", "findMany", { include: { category: true } }).check([{ category: { id: B, organizationId: B } }])).toHaveLength(1);
  });

  it("names the model and operation it refuses", () => {
    const error = new TenantScopeError("Membership", "findMany");
    expect(error.name).toBe("TenantScopeError");
    expect(error.message).toBe("Membership.findMany must be filtered by organizationId (use forOrganization(orgId), or unscopedDb for system work)");
    expect(() => scope("Invitation", "update", { where: { id: B }, data: { organizationId: B } })).toThrow(/^Invitation\.update .*moving a row/);
  });
});

describe("edges", () => {
  it("tolerates missing arguments and models the graph does not know", () => {
    expect(guard("User", "update")).not.toThrow();
    expect(guard("User", "upsert")).not.toThrow();
    expect(guard("User", "findMany")).not.toThrow();
    expect(guard("Unknown", "update", { where: {}, data: { x: { update: {} } }, include: { c: true }, select: { _count: { select: { x: true } } } })).not.toThrow();
    expect(scope("Unknown", "update", { where: { a: { some: {} } }, data: { b: { create: {} } }, include: { c: true, _count: { select: { c: true } } } })).toStrictEqual({
      where: { a: { some: {} } },
      data: { b: { create: {} } },
      include: { c: true, _count: { select: { c: true } } },
    });
  });

  it("checks an upsert's update only for upserts", () => {
    expect(guard("Invitation", "update", { where: { id: B, organizationId: A }, data: {}, update: { organizationId: B } })).not.toThrow();
  });

  it("adds no keys a query did not have", () => {
    expect(scope("Organization", "findMany")).toStrictEqual({});
    expect(scope("User", "findUnique", { where: { id: B } })).toStrictEqual({ where: { id: B } });
    expect(scope("Membership", "findFirst", { where: { id: B } })).toStrictEqual({ where: { id: B, AND: [{ organizationId: A }] } });
    expect(scope("Membership", "create", { data: {} })).toStrictEqual({ data: { organizationId: A } });
    expect(scope("User", "findMany", { include: { sessions: {}, memberships: {} } })).toStrictEqual({ include: { sessions: {}, memberships: { where: pinned() } } });
  });

  it("passes a count with no select through", () => {
    expect(guard("User", "findMany", { select: { _count: {} } })).not.toThrow();
    expect(scope("User", "findMany", { select: { _count: {} } })).toStrictEqual({ select: { _count: {} } });
  });

  it("says what it refused and why", () => {
    expect(guard("User", "findMany", { include: { memberships: true } })).toThrow("Membership.findMany (through User.memberships)");
    expect(guard("User", "findMany", { select: { _count: true } })).toThrow("User.findMany (_count of tenant-owned relations)");
    expect(guard("User", "findMany", { select: { _count: { select: { memberships: true } } } })).toThrow("Membership.findMany (_count through User.memberships)");
    expect(guard("Invitation", "update", { where: { organizationId: A }, data: { organizationId: B } })).toThrow("Invitation.update (moving a row to another organization is system work: unscopedDb)");
    expect(() => scope("Organization", "create", { data: {} })).toThrow("Organization.create (creating an organization is system work: unscopedDb)");
    expect(() => scope("Invitation", "create", { data: { organization: { connect: { id: A } } } })).toThrow("Invitation.create (a scoped client cannot link");
    expect(() => scope("User", "update", { where: {}, data: { memberships: { frobnicate: {} } } })).toThrow('Membership.update (nested write "frobnicate" is unknown to the tenancy guard)');
    expect(() => scope("User", "findMany", { select: { _count: true } })).toThrow("User._count (name the counted relations");
    expect(() => query("Product", "findMany", { include: { brand: true } }).check([{ brand: { organizationId: B } }])).toThrow("Brand.read (a row of another organization was reached through brand)");
  });
});

describe("every operation that returns rows", () => {
  const ops = ["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "create", "createManyAndReturn", "update", "updateManyAndReturn", "upsert", "delete"];
  it.each(ops)("%s has its included relations filtered (scoped) or refused (guarded)", (op) => {
    expect(scope("User", op, { include: { memberships: true } }).include).toEqual({ memberships: { where: pinned() } });
    refused(guard("User", op, { include: { memberships: true } }));
  });
  it.each(["count", "aggregate", "groupBy", "createMany", "updateMany", "deleteMany"])("%s returns no rows: its select is not a relation selection", (op) => {
    expect(scope("User", op, { select: { memberships: true } }).select).toEqual({ memberships: true });
  });
});

describe("two-party rows (an order, an RFQ): visible to the manufacturer and the buyer, nobody else", () => {
  const either = { OR: [{ organizationId: A }, { buyerOrganizationId: A }] };

  it("are the tenant-owned models that also name the buyer", () => {
    expect(PARTY_MODELS.has("Order")).toBe(true);
    expect(PARTY_MODELS.has("OrderLine")).toBe(true);
    expect(PARTY_MODELS.has("Rfq")).toBe(true);
    expect(PARTY_MODELS.has("Payment")).toBe(true);
    expect(PARTY_MODELS.has("Cart")).toBe(false);
    expect(PARTY_MODELS.has("Product")).toBe(false);
    for (const model of PARTY_MODELS) expect(TENANT_MODELS.has(model)).toBe(true);
  });

  it("a scoped read reaches the rows naming the organization on either side", () => {
    expect(scope("Order", "findMany", { where: { status: "PAID" } }).where).toEqual({ status: "PAID", AND: [either] });
    expect(scope("Order", "findUnique", { where: { id: "o" } }).where).toEqual({ id: "o", AND: [either] });
    expect(scope("Order", "count", {}).where).toEqual({ AND: [either] });
    // A plain tenant model keeps the one-column pin.
    expect(scope("Cart", "findMany", {}).where).toEqual({ AND: [{ organizationId: A }] });
  });

  it("is created only by one of its parties, with both named", () => {
    const data = { organizationId: B, buyerOrganizationId: A, number: "PO-1" };
    expect(scope("Order", "create", { data }).data).toEqual(data);
    expect(scope("Order", "create", { data: { organizationId: A, buyerOrganizationId: B } }).data).toEqual({ organizationId: A, buyerOrganizationId: B });
    refused(() => scope("Order", "create", { data: { organizationId: B, buyerOrganizationId: B } }));
    refused(() => scope("Order", "create", { data: { number: "PO-2" } }));
    refused(() => scope("OrderLine", "createMany", { data: [{ organizationId: A, buyerOrganizationId: B }, { organizationId: B, buyerOrganizationId: B }] }));
  });

  it("never changes parties, through any write", () => {
    refused(() => scope("Order", "update", { where: { id: "o" }, data: { organizationId: A } }));
    refused(() => scope("Order", "updateMany", { where: {}, data: { buyerOrganizationId: A } }));
    refused(() => scope("Order", "upsert", { where: { id: "o" }, create: { organizationId: A, buyerOrganizationId: B }, update: { buyerOrganizationId: B } }));
    refused(() => scope("Order", "update", { where: { id: "o" }, data: { lines: { updateMany: { where: {}, data: { buyerOrganizationId: B } } } } }));
    const nested = scope("Order", "update", { where: { id: "o" }, data: { status: "PAID", lines: { update: { where: { id: "l" }, data: { quantity: 2 } } } } });
    expect(nested.data).toEqual({ status: "PAID", lines: { update: { where: { id: "l", AND: [either] }, data: { quantity: 2 } } } });
  });

  it("filters and counts through relations pin both sides", () => {
    expect(scope("Order", "findMany", { where: { lines: { some: { sku: "X" } } } }).where).toEqual({ lines: { some: { sku: "X", AND: [either] } }, AND: [either] });
    expect(scope("Order", "findMany", { where: { lines: { every: { quantity: 1 } } } }).where).toEqual({ lines: { every: { OR: [{ NOT: either }, { quantity: 1 }] } }, AND: [either] });
    expect(scope("Order", "findMany", { select: { _count: { select: { lines: true } } } }).select).toEqual({ _count: { select: { lines: { where: { AND: [either] } } } } });
  });

  it("verifies included rows on either side, and removes the owner columns it added", () => {
    const q = query("Order", "findFirst", { include: { lines: { select: { sku: true } } } });
    expect((q.args!.include as Record<string, { select: object }>).lines.select).toEqual({ sku: true, organizationId: true, buyerOrganizationId: true });
    const mine = q.check({ id: "o", lines: [{ sku: "S", organizationId: B, buyerOrganizationId: A }] });
    expect(mine.lines).toEqual([{ sku: "S" }]);
    expect(() => q.check({ id: "o", lines: [{ sku: "S", organizationId: B, buyerOrganizationId: B }] })).toThrow(TenantScopeError);
  });

  it("the guarded client accepts either party's column, or an OR of both, as the filter", () => {
    guard("Order", "findMany", { where: { buyerOrganizationId: A } })();
    guard("Order", "findMany", { where: { OR: [{ organizationId: A }, { buyerOrganizationId: A }] } })();
    guard("Order", "count", { where: { AND: [{ buyerOrganizationId: { in: [A, B] } }] } })();
    refused(guard("Order", "findMany", { where: { OR: [{ organizationId: A }, { status: "PAID" }] } }));
    refused(guard("Order", "findMany", { where: { OR: [] } }));
    refused(guard("Cart", "findMany", { where: { buyerOrganizationId: A } }));
    refused(guard("Order", "update", { where: { id: "o", organizationId: A }, data: { buyerOrganizationId: B } }));
    expect(whereHasOrganization({ buyerOrganizationId: A })).toBe(false);
    expect(whereHasOrganization({ buyerOrganizationId: A }, "Order")).toBe(true);
  });
});
