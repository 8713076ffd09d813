import { Prisma } from "~/generated/prisma/client";

/**
 * Tenant-owned models are found, not listed: every model with an `organizationId` column. A new model that
 * carries the column is guarded from the moment it is generated, without anyone remembering to add it here.
 */
export const TENANT_MODELS: ReadonlySet<string> = new Set(
  Object.values(Prisma.ModelName).filter((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
    return Boolean(fields && "organizationId" in fields);
  }),
);

/**
 * Two-party models: tenant-owned rows that also name the buyer (`buyerOrganizationId`), such as an order or an RFQ.
 * `organizationId` is the manufacturer; either organization sees the row, nobody else, and neither column changes.
 */
export const PARTY_MODELS: ReadonlySet<string> = new Set(
  [...TENANT_MODELS].filter((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
    return Boolean(fields && "buyerOrganizationId" in fields);
  }),
);

/** The tenant itself: `organizationId` columns reference it. */
export const TENANT_ROOT = "Organization";

export class TenantScopeError extends Error {
  constructor(model: string, operation: string, reason = "must be filtered by organizationId (use forOrganization(orgId), or unscopedDb for system work)") {
    super(`${model}.${operation} ${reason}`);
    this.name = "TenantScopeError";
  }
}

/** The part of Prisma's runtime data model the guard reads: each model's fields, relations with kind "object". */
export interface RuntimeDataModel {
  models: Record<string, { fields: ReadonlyArray<{ name: string; kind: string; type: string }> }>;
}

/** model → relation field → the related model. */
export type RelationGraph = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function relationGraph(dataModel: RuntimeDataModel): RelationGraph {
  return new Map(
    Object.entries(dataModel.models).map(([model, { fields }]) => [model, new Map(fields.filter((f) => f.kind === "object").map((f) => [f.name, f.type]))]),
  );
}

/**
 * The relation graph of a generated client, from the runtime data model Prisma 7 keeps on the instance (the
 * generated code exposes no DMMF). Fails loudly if a Prisma upgrade moves it: the guard must never run blind.
 */
export function relationGraphOf(client: object): RelationGraph {
  const known = graphs.get(client);
  if (known) return known;
  const dataModel = (client as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dataModel?.models?.[TENANT_ROOT]) throw new Error("Prisma's runtime data model is not available: the tenancy guard cannot see relations");
  const graph = relationGraph(dataModel);
  graphs.set(client, graph);
  return graph;
}

// forOrganization() extends the base client per request: the graph is read once per base client.
const graphs = new WeakMap<object, RelationGraph>();

type Args = Record<string, unknown> | undefined;
type Obj = Record<string, unknown>;

const CREATE_OPS = new Set(["create", "createMany", "createManyAndReturn"]);
const UPDATE_OPS = new Set(["update", "updateMany", "updateManyAndReturn"]);
const DELETE_OPS = new Set(["delete", "deleteMany"]);
/** Operations whose result is rows, and whose `select`/`include` may therefore reach related rows. */
const RECORD_OPS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "create", "createManyAndReturn", "update", "updateManyAndReturn", "upsert", "delete"]);
const RELATION_FILTER_OPS = new Set(["some", "every", "none", "is", "isNot"]);
const WHERE_OPS = new Set(["connect", "set", "disconnect", "delete", "deleteMany"]);

const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);
const isTenant = (model: string) => TENANT_MODELS.has(model);
const isParty = (model: string) => PARTY_MODELS.has(model);
/** The columns naming a row's owners. */
const ownerColumns = (model: string): readonly string[] => (isParty(model) ? ["organizationId", "buyerOrganizationId"] : ["organizationId"]);
const each = (value: unknown, map: (item: unknown) => unknown) => (Array.isArray(value) ? value.map(map) : map(value));

/**
 * True when a where clause pins organizationId: directly, through a compound unique, or inside AND. Only paths
 * every matching row must satisfy count: an OR or NOT branch naming the organization pins nothing.
 */
export function whereHasOrganization(where: unknown, model?: string): boolean {
  if (!isObj(where)) return false;
  const columns = model ? ownerColumns(model) : ["organizationId"];
  for (const column of columns) {
    const org = where[column];
    if (typeof org === "string") return true;
    if (isObj(org)) {
      if (typeof org.equals === "string") return true;
      if (Array.isArray(org.in) && org.in.length > 0 && org.in.every((v) => typeof v === "string")) return true;
    }
  }
  for (const [key, value] of Object.entries(where)) {
    if (key.startsWith("organizationId_") && isObj(value) && typeof value.organizationId === "string") return true;
  }
  // A two-party row may be reached as either party: an OR pins it when every branch names an owner.
  if (model && isParty(model) && Array.isArray(where.OR) && where.OR.length > 0 && where.OR.every((branch) => whereHasOrganization(branch, model))) return true;
  const and = where.AND;
  if (Array.isArray(and)) return and.some((w) => whereHasOrganization(w, model));
  return whereHasOrganization(and, model);
}

function dataHasOrganization(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && data.every(dataHasOrganization);
  if (!isObj(data)) return false;
  if (typeof data.organizationId === "string") return true;
  const owner = data.organization;
  return isObj(owner) && isObj(owner.connect) && typeof owner.connect.id === "string";
}

/** AND-s `{ [column]: value }` onto a where clause, keeping any unique selector (e.g. `{ id }`) at the top. */
function pin(where: unknown, value: string, column = "organizationId"): Obj {
  return pinFilter(where, { [column]: value });
}

function pinFilter(where: unknown, filter: Obj): Obj {
  const w = isObj(where) ? where : {};
  const and = w.AND;
  return { ...w, AND: [filter, ...(Array.isArray(and) ? and : and ? [and] : [])] };
}

/** The rows of `model` the organization owns: its own, or for a two-party row, those naming it on either side. */
function ownedBy(model: string, org: string): Obj {
  return isParty(model) ? { OR: [{ organizationId: org }, { buyerOrganizationId: org }] } : { organizationId: org };
}

/** Pins a tenant-owned model's where clause to the organization's rows. */
function pinOwner(model: string, where: unknown, org: string): Obj {
  return pinFilter(where, ownedBy(model, org));
}

// ─── The guarded client (`db`) ──────────────────────────────────────────────────────────────────────────────

/**
 * Throws unless a query of a tenant-owned model is filtered (or, for creates, stamped) by organization, a write
 * moves no row to another organization, and no tenant-owned relation is read across tenants from a shared model.
 */
export function assertTenantScoped(model: string | undefined, operation: string, args: Args, graph: RelationGraph) {
  if (!model) return;
  if (isTenant(model)) {
    if (CREATE_OPS.has(operation)) {
      if (!dataHasOrganization(args?.data)) throw new TenantScopeError(model, operation);
    } else if (!whereHasOrganization(args?.where, model) || (operation === "upsert" && !dataHasOrganization(args?.create))) {
      throw new TenantScopeError(model, operation);
    }
  }
  if (UPDATE_OPS.has(operation)) assertNoMove(model, args?.data, operation, graph);
  if (operation === "upsert") assertNoMove(model, args?.update, operation, graph);
  if (RECORD_OPS.has(operation) && args) assertSelectionPinned(model, args, operation, graph);
}

const MOVE = "(moving a row to another organization is system work: unscopedDb)";

/** Update data (and the update data of nested writes) must not change a tenant-owned row's organization. */
function assertNoMove(model: string, data: unknown, operation: string, graph: RelationGraph) {
  if (!isObj(data)) return;
  if (isTenant(model) && ownerColumns(model).some((column) => column in data)) throw new TenantScopeError(model, operation, MOVE);
  for (const [field, ops] of Object.entries(data)) {
    const target = graph.get(model)?.get(field);
    if (!target || !isObj(ops)) continue;
    if (target === TENANT_ROOT && isTenant(model)) throw new TenantScopeError(model, operation, MOVE);
    for (const item of [ops.update, ops.updateMany, ops.upsert].flat()) {
      if (isObj(item)) assertNoMove(target, "data" in item ? item.data : (item.update ?? item), operation, graph);
    }
  }
}

/** From a model that is not tenant-owned (a user, an organization), a tenant-owned relation must name its organization. */
function assertSelectionPinned(model: string, args: Obj, operation: string, graph: RelationGraph) {
  for (const selection of [args.select, args.include]) {
    if (!isObj(selection)) continue;
    for (const [field, value] of Object.entries(selection)) {
      const target = graph.get(model)?.get(field);
      if (field === "_count") {
        assertCountPinned(model, value, operation, graph);
      } else if (target && value) {
        const nested = isObj(value) ? value : {};
        if (isTenant(target) && !isTenant(model) && !whereHasOrganization(nested.where, target)) throw new TenantScopeError(target, `${operation} (through ${model}.${field})`);
        assertSelectionPinned(target, nested, operation, graph);
      }
    }
  }
}

function assertCountPinned(model: string, value: unknown, operation: string, graph: RelationGraph) {
  if (isTenant(model)) return;
  const relations = graph.get(model) ?? new Map<string, string>();
  if (value === true && [...relations.values()].some(isTenant)) throw new TenantScopeError(model, `${operation} (_count of tenant-owned relations)`);
  const select = isObj(value) && isObj(value.select) ? value.select : {};
  for (const [field, count] of Object.entries(select)) {
    const target = relations.get(field);
    if (target && isTenant(target) && count && !whereHasOrganization(isObj(count) ? count.where : undefined, target)) {
      throw new TenantScopeError(target, `${operation} (_count through ${model}.${field})`);
    }
  }
}

// ─── The scoped client (`forOrganization`) ──────────────────────────────────────────────────────────────────

/** A relation of the result whose rows must belong to the organization (and whose added column is removed). */
interface ResultCheck {
  field: string;
  model: string;
  tenant: boolean;
  /** Owner columns added to the selection only to verify the rows. */
  strip: string[];
  children: ResultCheck[];
}

export interface ScopedQuery {
  args: Args;
  /** Verifies the result (a row of another organization reached through a relation throws) and returns it. */
  check<T>(result: T): T;
}

/**
 * Rewrites a query so that it can only reach rows of `organizationId`: tenant-owned rows are filtered (top level,
 * relation filters, included and selected relations, counts), stamped (creates, nested creates) or pinned (nested
 * connect/update/delete); no write can set another owner; Organization rows other than its own are read-only.
 */
export function scopeQuery(model: string | undefined, operation: string, args: Args, organizationId: string, graph: RelationGraph): ScopedQuery {
  const scope = new Scope(organizationId, graph);
  const checks: ResultCheck[] = [];
  const next = model ? scope.query(model, operation, args, checks) : args;
  return { args: next, check: (result) => scope.verify(result, checks) };
}

/** The rewritten arguments of `scopeQuery` (for callers that need no result check). */
export function scopeArgs(model: string | undefined, operation: string, args: Args, organizationId: string, graph: RelationGraph): Args {
  return scopeQuery(model, operation, args, organizationId, graph).args;
}

class Scope {
  constructor(
    private readonly org: string,
    private readonly graph: RelationGraph,
  ) {}

  query(model: string, operation: string, args: Args, checks: ResultCheck[]): Args {
    const root = model === TENANT_ROOT;
    if (root && (CREATE_OPS.has(operation) || operation === "upsert")) throw new TenantScopeError(model, operation, "(creating an organization is system work: unscopedDb)");
    const next: Obj = { ...(args ?? {}) };
    if (CREATE_OPS.has(operation)) {
      next.data = each(next.data, (d) => this.data(model, d, true, operation));
    } else {
      const where = this.where(model, next.where);
      // Other organizations' rows are readable (a product page names its maker) but only its own is writable.
      if (isTenant(model)) next.where = pinOwner(model, where, this.org);
      else if (root && (UPDATE_OPS.has(operation) || DELETE_OPS.has(operation))) next.where = pin(where, this.org, "id");
      else if (where !== undefined) next.where = where;
    }
    if (UPDATE_OPS.has(operation)) next.data = this.data(model, next.data, false, operation);
    if (operation === "upsert") {
      next.create = this.data(model, next.create, true, operation);
      next.update = this.data(model, next.update, false, operation);
    }
    return RECORD_OPS.has(operation) ? this.selection(model, next, checks) : next;
  }

  /** Relation filters reach only this organization's rows: `some`/`none`/`is`/`isNot` and direct to-one filters. */
  where(model: string, where: unknown): unknown {
    if (!isObj(where)) return where;
    const out: Obj = {};
    for (const [key, value] of Object.entries(where)) {
      const target = this.graph.get(model)?.get(key);
      if (key === "AND" || key === "OR" || key === "NOT") out[key] = each(value, (w) => this.where(model, w));
      else out[key] = target && isObj(value) ? this.relationFilter(target, value) : value;
    }
    return out;
  }

  private relationFilter(target: string, filter: Obj): Obj {
    const tenant = isTenant(target);
    const inner = (w: unknown) => (tenant ? pinOwner(target, this.where(target, w), this.org) : this.where(target, w));
    if (!Object.keys(filter).some((k) => RELATION_FILTER_OPS.has(k))) return inner(filter) as Obj;
    const out: Obj = {};
    for (const [op, w] of Object.entries(filter)) {
      // "every row satisfies X" over this organization's rows: each row is another organization's, or satisfies X.
      if (op === "every" && tenant) out[op] = { OR: [{ NOT: ownedBy(target, this.org) }, this.where(target, w)] };
      else out[op] = w === null ? null : inner(w);
    }
    return out;
  }

  /** Write data: created tenant-owned rows are stamped with the organization; no owner can be set to another. */
  data(model: string, data: unknown, stamp: boolean, operation: string): unknown {
    if (!isObj(data)) return data;
    const tenant = isTenant(model);
    const out: Obj = {};
    if (tenant && isParty(model)) return this.partyData(model, data, stamp, operation);
    for (const [field, value] of Object.entries(data)) {
      const target = this.graph.get(model)?.get(field);
      if (field === "organizationId" && tenant) {
        if (value !== this.org && !(isObj(value) && value.set === this.org)) throw new TenantScopeError(model, operation, "(a row's organization is the scoped client's own; moving a row to another organization is refused)");
        out[field] = value;
      } else if (target === TENANT_ROOT) {
        throw new TenantScopeError(model, operation, "(a scoped client cannot link, create or change organizations through relations; the owner is stamped)");
      } else {
        out[field] = target ? this.nestedWrite(target, value, operation) : value;
      }
    }
    if (tenant && stamp) out.organizationId = this.org;
    return out;
  }

  /**
   * A two-party row: created only when this organization is one of its parties (both are named: the guard cannot
   * guess which side the other is); once written, neither party changes.
   */
  private partyData(model: string, data: Obj, create: boolean, operation: string): Obj {
    const out: Obj = {};
    for (const [field, value] of Object.entries(data)) {
      const target = this.graph.get(model)?.get(field);
      if (field === "organizationId" || field === "buyerOrganizationId") {
        if (!create) throw new TenantScopeError(model, operation, "(the parties of a two-party row never change)");
        out[field] = value;
      } else if (target === TENANT_ROOT) {
        throw new TenantScopeError(model, operation, "(a scoped client cannot link, create or change organizations through relations; the owner is stamped)");
      } else {
        out[field] = target ? this.nestedWrite(target, value, operation) : value;
      }
    }
    if (create && out.organizationId !== this.org && out.buyerOrganizationId !== this.org) {
      throw new TenantScopeError(model, operation, "(a two-party row is created by one of its parties: organizationId or buyerOrganizationId must be the scoped client's own)");
    }
    return out;
  }

  private nestedWrite(target: string, ops: unknown, operation: string): unknown {
    if (!isObj(ops)) return ops;
    const tenant = isTenant(target);
    const where = (w: unknown) => (tenant ? pinOwner(target, this.where(target, w), this.org) : this.where(target, w));
    const create = (d: unknown) => this.data(target, d, true, operation);
    const update = (d: unknown) => this.data(target, d, false, operation);
    const out: Obj = {};
    for (const [op, value] of Object.entries(ops)) {
      if (op === "create") out[op] = each(value, create);
      else if (op === "createMany") out[op] = isObj(value) ? { ...value, data: each(value.data, create) } : value;
      else if (op === "connectOrCreate") out[op] = each(value, (c) => (isObj(c) ? { ...c, where: where(c.where), create: create(c.create) } : c));
      else if (op === "upsert") out[op] = each(value, (u) => (isObj(u) ? { ...u, where: where(u.where), create: create(u.create), update: update(u.update) } : u));
      else if (op === "update" || op === "updateMany") {
        // A to-one update may be the data itself; wrapped as { where, data } so that the row can be pinned.
        out[op] = each(value, (u) => (isObj(u) && "data" in u ? { ...u, where: where(u.where), data: update(u.data) } : { where: where(undefined), data: update(u) }));
      } else if (WHERE_OPS.has(op)) out[op] = typeof value === "boolean" ? value : each(value, where);
      else throw new TenantScopeError(target, operation, `(nested write "${op}" is unknown to the tenancy guard)`);
    }
    return out;
  }

  /** Included and selected relations: tenant-owned rows filtered from shared models, verified after the query. */
  selection(model: string, args: Obj, checks: ResultCheck[]): Obj {
    const out: Obj = { ...args };
    for (const kind of ["select", "include"] as const) {
      const selection = args[kind];
      if (!isObj(selection)) continue;
      const next: Obj = {};
      for (const [field, value] of Object.entries(selection)) {
        const target = this.graph.get(model)?.get(field);
        if (field === "_count") next[field] = this.count(model, value);
        else next[field] = target && value ? this.relation(model, field, target, value, checks) : value;
      }
      out[kind] = next;
    }
    return out;
  }

  private relation(model: string, field: string, target: string, value: unknown, checks: ResultCheck[]): unknown {
    const tenant = isTenant(target);
    const nested: Obj = isObj(value) ? { ...value } : {};
    if (nested.where !== undefined) nested.where = this.where(target, nested.where);
    // A tenant-owned row has this organization's parent; from a shared model (a user, an organization) the
    // relation holds every organization's rows and is filtered. (Lists and optional to-one relations take a where.)
    if (tenant && !isTenant(model)) nested.where = pinOwner(target, nested.where, this.org);
    // The owner columns are read to verify the rows, and removed again if the caller did not ask for them.
    const strip: string[] = [];
    for (const column of tenant ? ownerColumns(target) : []) {
      if (isObj(nested.select) && nested.select[column] !== true) {
        nested.select = { ...nested.select, [column]: true };
        strip.push(column);
      }
      if (isObj(nested.omit) && nested.omit[column]) {
        nested.omit = { ...nested.omit, [column]: false };
        strip.push(column);
      }
    }
    const children: ResultCheck[] = [];
    const scoped = this.selection(target, nested, children);
    checks.push({ field, model: target, tenant, strip, children });
    return value === true && Object.keys(scoped).length === 0 ? true : scoped;
  }

  private count(model: string, value: unknown): unknown {
    const relations = this.graph.get(model) ?? new Map<string, string>();
    if (value === true && [...relations.values()].some(isTenant)) throw new TenantScopeError(model, "_count", "(name the counted relations: _count: { select: { … } }, each is filtered by organization)");
    if (!isObj(value) || !isObj(value.select)) return value;
    const select: Obj = {};
    for (const [field, count] of Object.entries(value.select)) {
      const target = relations.get(field);
      if (!target || !count || !isTenant(target)) select[field] = count;
      else {
        const nested = isObj(count) ? count : {};
        select[field] = { ...nested, where: pinOwner(target, this.where(target, nested.where), this.org) };
      }
    }
    return { ...value, select };
  }

  verify<T>(result: T, checks: ResultCheck[]): T {
    for (const record of Array.isArray(result) ? result : [result]) {
      if (!isObj(record)) continue;
      for (const check of checks) {
        const related = record[check.field];
        for (const row of Array.isArray(related) ? related : [related]) {
          if (!isObj(row)) continue;
          if (check.tenant && !ownerColumns(check.model).some((column) => row[column] === this.org)) throw new TenantScopeError(check.model, "read", `(a row of another organization was reached through ${check.field})`);
          this.verify(row, check.children);
          for (const column of check.strip) delete row[column];
        }
      }
    }
    return result;
  }
}
