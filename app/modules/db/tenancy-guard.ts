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

export class TenantScopeError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} must be filtered by organizationId (use forOrganization(orgId), or unscopedDb for system work)`);
    this.name = "TenantScopeError";
  }
}

type Args = Record<string, unknown> | undefined;

const CREATE_OPS = new Set(["create", "createMany", "createManyAndReturn"]);

/** True when a where clause pins organizationId (directly, through a compound unique, or inside AND). */
export function whereHasOrganization(where: unknown): boolean {
  if (!where || typeof where !== "object") return false;
  const w = where as Record<string, unknown>;
  const org = w.organizationId;
  if (typeof org === "string") return true;
  if (org && typeof org === "object") {
    const f = org as Record<string, unknown>;
    if (typeof f.equals === "string") return true;
    if (Array.isArray(f.in) && f.in.length > 0 && f.in.every((v) => typeof v === "string")) return true;
  }
  for (const [key, value] of Object.entries(w)) {
    if (key.startsWith("organizationId_") && value && typeof value === "object") {
      if (typeof (value as Record<string, unknown>).organizationId === "string") return true;
    }
  }
  const and = w.AND;
  if (Array.isArray(and)) return and.some(whereHasOrganization);
  if (and && typeof and === "object") return whereHasOrganization(and);
  return false;
}

function dataHasOrganization(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && data.every(dataHasOrganization);
  if (!data || typeof data !== "object") return false;
  const d = data as Record<string, unknown>;
  if (typeof d.organizationId === "string") return true;
  const rel = d.organization as Record<string, unknown> | undefined;
  return Boolean(rel && typeof rel === "object" && rel.connect);
}

/** Throws unless a query of a tenant-owned model is filtered (or, for creates, stamped) by organization. */
export function assertTenantScoped(model: string | undefined, operation: string, args: Args) {
  if (!model || !TENANT_MODELS.has(model)) return;
  if (CREATE_OPS.has(operation)) {
    if (!dataHasOrganization(args?.data)) throw new TenantScopeError(model, operation);
    return;
  }
  if (operation === "upsert") {
    if (!whereHasOrganization(args?.where) || !dataHasOrganization(args?.create)) throw new TenantScopeError(model, operation);
    return;
  }
  if (!whereHasOrganization(args?.where)) throw new TenantScopeError(model, operation);
}

/** Rewrites a tenant-owned query so that it can only reach rows of `organizationId`. */
export function scopeArgs(model: string | undefined, operation: string, args: Args, organizationId: string): Args {
  if (!model || !TENANT_MODELS.has(model)) return args;
  const next: Record<string, unknown> = { ...(args ?? {}) };
  const stamp = (data: unknown) =>
    Array.isArray(data) ? data.map((d) => ({ ...d, organizationId })) : { ...(data as object), organizationId };
  if (CREATE_OPS.has(operation)) {
    next.data = stamp(next.data);
    return next;
  }
  if (operation === "upsert") next.create = stamp(next.create);
  // AND-ing keeps any unique selector (e.g. { id }) intact while adding the tenant filter.
  next.where = { ...((next.where as object) ?? {}), AND: [{ organizationId }, ...andList(next.where)] };
  if (operation === "update" || operation === "updateMany" || operation === "upsert") {
    const data = next.data as Record<string, unknown> | undefined;
    if (data && "organizationId" in data) throw new TenantScopeError(model, `${operation} (moving a row to another organization)`);
  }
  return next;
}

function andList(where: unknown): unknown[] {
  const and = (where as Record<string, unknown> | undefined)?.AND;
  if (Array.isArray(and)) return and;
  return and ? [and] : [];
}
