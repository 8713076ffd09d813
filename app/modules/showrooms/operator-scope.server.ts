import type { ParticipationStatus } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { relationGraphOf, scopeQuery, TENANT_MODELS } from "~/modules/db/tenancy-guard";
import { isUuid, notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";

/**
 * The park operator's scope: the one place that says what a PARK_OPERATOR organization reaches.
 *
 * - Its own storefronts and everything hanging off them (images, booths, sections and their items, events and their
 *   registrations): rows with organizationId = operator, scoped exactly as `forOrganization(operator)` scopes them.
 * - Manufacturers' participations in ITS storefronts (owned by the manufacturer: the consent is theirs), through
 *   `storefront: { organizationId }`: read, invite (create INVITED), re-invite or withdraw a pending invitation.
 *   Accepting, declining and leaving are the manufacturer's acts, through its own `forOrganization`.
 * - The anonymous traffic of its storefronts (read only).
 * - Shared rows (organizations' public profiles, users' names) read only.
 *
 * Everything else a tenant owns — a manufacturer's products, variants, prices, leads and their replies, orders — is
 * refused with OperatorScopeError: the operator curates products by id (StorefrontSectionItem) and never edits them.
 */

/** Operator-owned models (organizationId = the operator). */
export const OPERATOR_OWNED: ReadonlySet<string> = new Set(["Storefront", "StorefrontImage", "StorefrontBooth", "StorefrontSection", "StorefrontSectionItem", "ShowroomEvent", "ShowroomEventRegistration"]);
/** What the operator may write on a manufacturer's participation: an invitation, never an answer. */
const PARTICIPATION_WRITABLE = new Set(["status", "message", "invitedAt", "invitedById"]);
const OPERATOR_SETS_STATUS: ReadonlySet<ParticipationStatus> = new Set(["INVITED", "WITHDRAWN"]);
const READ_OPS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const CREATE_OPS = new Set(["create", "createMany", "createManyAndReturn"]);

export class OperatorScopeError extends Error {
  constructor(model: string, operation: string, reason = "is not available to a park operator") {
    super(`${model}.${operation} ${reason}`);
    this.name = "OperatorScopeError";
  }
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

function andWhere(where: unknown, filter: Obj): Obj {
  const w = isObj(where) ? where : {};
  const and = Array.isArray(w.AND) ? w.AND : w.AND ? [w.AND] : [];
  return { ...w, AND: [filter, ...and] };
}

/** A participation write's data: only the invitation's own fields, scalars only (no nested writes). */
function checkParticipationData(operation: string, data: unknown, creating: boolean) {
  for (const row of Array.isArray(data) ? data : [data]) {
    if (!isObj(row)) throw new OperatorScopeError("StorefrontParticipation", operation, "needs data");
    for (const [key, value] of Object.entries(row)) {
      const allowed = PARTICIPATION_WRITABLE.has(key) || (creating && (key === "organizationId" || key === "storefrontId"));
      if (!allowed || isObj(value)) throw new OperatorScopeError("StorefrontParticipation", operation, `may not write ${key} (an answer is the manufacturer's)`);
    }
    const status = (row.status ?? (creating ? "INVITED" : undefined)) as ParticipationStatus | undefined;
    if (status !== undefined && !OPERATOR_SETS_STATUS.has(status)) throw new OperatorScopeError("StorefrontParticipation", operation, `may not set status ${status}`);
  }
}

/**
 * Rewrites a query for the operator's client (exported for tests). Creating a participation needs the storefront to
 * be the operator's and the invitee to be a manufacturer: checked by the caller of this rewrite (`forStorefrontOperator`).
 */
export function operatorScopedArgs(model: string | undefined, operation: string, args: Obj | undefined, operatorId: string): Obj | undefined {
  if (!model) return args;
  const next: Obj = { ...(args ?? {}) };
  if (model === "StorefrontParticipation") {
    if (operation === "upsert" || operation.startsWith("delete")) throw new OperatorScopeError(model, operation, "is refused (a participation's history stays)");
    if (CREATE_OPS.has(operation)) {
      checkParticipationData(operation, next.data, true);
      return next;
    }
    if (!READ_OPS.has(operation)) checkParticipationData(operation, next.data, false);
    // Reached only through the operator's own storefronts; relations of a participation are the operator's booth
    // and storefront, nothing of the manufacturer's.
    next.where = andWhere(next.where, { storefront: { organizationId: operatorId } });
    return next;
  }
  if (model === "ShowroomTrafficDaily") {
    if (!READ_OPS.has(operation)) throw new OperatorScopeError(model, operation, "is written by the public pages, not the operator");
    next.where = andWhere(next.where, { operatorOrganizationId: operatorId });
    return next;
  }
  if (TENANT_MODELS.has(model) && !OPERATOR_OWNED.has(model)) throw new OperatorScopeError(model, operation);
  if (!TENANT_MODELS.has(model) && !READ_OPS.has(operation)) throw new OperatorScopeError(model, operation, "is read only here");
  return next;
}

/**
 * The data-access layer of a park operator's console. Operator-owned models go through the tenancy guard's own
 * scoping with the operator as the tenant (nested relations included); participations and traffic through the
 * operator's storefronts; any other tenant's model (products, leads…) throws OperatorScopeError.
 */
export function forStorefrontOperator(operatorId: string) {
  if (!isUuid(operatorId)) throw new OperatorScopeError("Organization", "forStorefrontOperator (malformed id)");
  const graph = relationGraphOf(unscopedDb);
  return unscopedDb.$extends({
    name: "storefront-operator-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const rewritten = operatorScopedArgs(model, operation, args as Obj, operatorId);
          if (model === "StorefrontParticipation" && CREATE_OPS.has(operation)) await checkInvitationTargets(rewritten?.data, operatorId);
          // Operator-owned rows and shared rows: exactly forOrganization(operator)'s rules, nested relations included.
          if (model && model !== "StorefrontParticipation" && model !== "ShowroomTrafficDaily") {
            const scoped = scopeQuery(model, operation, rewritten, operatorId, graph);
            return scoped.check(await query(scoped.args as typeof args));
          }
          return query(rewritten as typeof args);
        },
      },
    },
  });
}

export type OperatorDb = ReturnType<typeof forStorefrontOperator>;

/** An invitation names one of the operator's storefronts and a manufacturer (never a buyer, never itself). */
async function checkInvitationTargets(data: unknown, operatorId: string) {
  for (const row of (Array.isArray(data) ? data : [data]) as Obj[]) {
    const storefrontId = row.storefrontId;
    const manufacturerId = row.organizationId;
    if (!isUuid(storefrontId) || !isUuid(manufacturerId)) throw new OperatorScopeError("StorefrontParticipation", "create", "needs a storefront and a manufacturer");
    const [storefront, manufacturer] = await Promise.all([
      unscopedDb.storefront.findFirst({ where: { id: storefrontId, organizationId: operatorId }, select: { id: true } }),
      unscopedDb.organization.findFirst({ where: { id: manufacturerId, kind: "MANUFACTURER" }, select: { id: true } }),
    ]);
    if (!storefront) throw new OperatorScopeError("StorefrontParticipation", "create", "names a storefront of another operator");
    if (!manufacturer) throw new OperatorScopeError("StorefrontParticipation", "create", "names an organization that is not a manufacturer");
  }
}

export interface ParkOperatorContext extends OrganizationContext {
  /** The operator's scope: storefronts and what hangs off them, participations and traffic of its storefronts. */
  operator: OperatorDb;
}

/**
 * The park console's gate (/{lang}/park/...): signed in, working in a PARK_OPERATOR organization (the session's
 * active one), else 404 as if the page did not exist.
 */
export async function requireParkOperator(request: Request, lang: Lang): Promise<ParkOperatorContext> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) notFound();
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  if (context.organization.kind !== "PARK_OPERATOR") notFound();
  return { ...context, operator: forStorefrontOperator(context.organization.id) };
}

/** One of the operator's storefronts by id; another operator's, or a malformed id, is a 404. */
export async function requireOwnStorefront(context: Pick<ParkOperatorContext, "operator">, rawId: string | undefined) {
  if (!isUuid(rawId)) notFound();
  const storefront = await context.operator.storefront.findFirst({ where: { id: rawId } });
  if (!storefront) notFound();
  return storefront;
}

// ─── What the public sees (used by the public pages, S2) ────────────────────────────────────────────────────────

/** A participation that features its manufacturer: only ACCEPTED (invited, declined, left or withdrawn ones never). */
export function featuredManufacturerFilter(storefrontId?: string) {
  return { status: "ACCEPTED" as const, ...(storefrontId ? { storefrontId } : {}) };
}

/** The manufacturers featured by a storefront right now (consent given and not withdrawn). */
export async function featuredManufacturerIds(storefrontId: string): Promise<string[]> {
  if (!isUuid(storefrontId)) return [];
  const rows = await unscopedDb.storefrontParticipation.findMany({ where: featuredManufacturerFilter(storefrontId), select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}

/** Section items and products to show: of featured manufacturers only, and products only while published. */
export function featuredItemFilter(manufacturerIds: readonly string[]) {
  return { manufacturerOrganizationId: { in: [...manufacturerIds] } };
}
export function featuredProductFilter(manufacturerIds: readonly string[]) {
  return { organizationId: { in: [...manufacturerIds] }, status: "PUBLISHED" as const };
}
