import { Prisma } from "~/generated/prisma/client";
import type { MembershipRole } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { TENANT_MODELS } from "~/modules/db/tenancy-guard";
import { isUuid, notFound, requireUuid } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";

/**
 * Warehouse staff work for the platform (a PLATFORM organization) and handle every manufacturer's goods in the
 * warehouses they are assigned to, and nothing else. Reads of stock data go through `forWarehouse(id)`, the one
 * place that adds the warehouse filter; writes go through the inventory functions, which take the warehouse id.
 */

/** Models with their own warehouseId column. */
const WAREHOUSE_KEYED = new Set<string>(["StockBalance", "StockMovement", "StockReservation", "InboundShipment", "StockAlert", "WarehouseStaff", "WarehouseServiceArea"]);
/** Models reached through their inbound shipment. */
const THROUGH_SHIPMENT = new Set<string>(["InboundShipmentLine", "InboundDiscrepancy"]);
const CREATE_OPS = new Set(["create", "createMany", "createManyAndReturn"]);

export class WarehouseScopeError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} is not available through forWarehouse(): reach it through a warehouse-filtered row, or use the inventory functions`);
    this.name = "WarehouseScopeError";
  }
}

function andWhere(where: unknown, filter: Record<string, unknown>) {
  const w = (where as Record<string, unknown> | undefined) ?? {};
  const and = Array.isArray(w.AND) ? w.AND : w.AND ? [w.AND] : [];
  return { ...w, AND: [filter, ...and] };
}

/** Rewrites a query so that it reaches only rows of `warehouseId` (exported for its unit test). */
export function warehouseScopedArgs(model: string | undefined, operation: string, args: Record<string, unknown> | undefined, warehouseId: string) {
  if (!model) return args;
  const next: Record<string, unknown> = { ...(args ?? {}) };
  if (model === "Warehouse") {
    if (CREATE_OPS.has(operation) || operation === "upsert" || operation.startsWith("delete")) throw new WarehouseScopeError(model, operation);
    next.where = andWhere(next.where, { id: warehouseId });
    return next;
  }
  if (WAREHOUSE_KEYED.has(model)) {
    const stamp = (data: unknown) => (Array.isArray(data) ? data.map((d) => ({ ...d, warehouseId })) : { ...(data as object), warehouseId });
    if (CREATE_OPS.has(operation)) {
      next.data = stamp(next.data);
      return next;
    }
    if (operation === "upsert") next.create = stamp(next.create);
    const data = next.data as Record<string, unknown> | undefined;
    if (data && "warehouseId" in data && data.warehouseId !== warehouseId) throw new WarehouseScopeError(model, `${operation} (moving a row to another warehouse)`);
    next.where = andWhere(next.where, { warehouseId });
    return next;
  }
  if (THROUGH_SHIPMENT.has(model)) {
    if (CREATE_OPS.has(operation) || operation === "upsert") throw new WarehouseScopeError(model, operation);
    next.where = andWhere(next.where, { shipment: { warehouseId } });
    return next;
  }
  // Other tenant-owned rows (products, variants, a manufacturer's catalogue) only through relations of the rows above.
  if (TENANT_MODELS.has(model)) throw new WarehouseScopeError(model, operation);
  return args;
}

/**
 * The data-access layer of warehouse staff: a client whose stock, reservation, inbound and alert queries reach
 * only `warehouseId` (across manufacturers: the warehouse handles everyone's goods). Direct queries of other
 * tenant-owned models are refused; product and manufacturer names come through relations of the filtered rows.
 */
export function forWarehouse(warehouseId: string) {
  if (!isUuid(warehouseId)) throw new WarehouseScopeError("Warehouse", "forWarehouse (malformed id)");
  return unscopedDb.$extends({
    name: "warehouse-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(warehouseScopedArgs(model, operation, args as Record<string, unknown>, warehouseId) as typeof args);
        },
      },
    },
  });
}

export type WarehouseDb = ReturnType<typeof forWarehouse>;

export interface DeskWarehouse {
  id: string;
  code: string;
  name: string;
  city: string;
  countryCode: string;
  timeZone: string;
}

const WAREHOUSE_SELECT = { id: true, code: true, name: true, city: true, countryCode: true, timeZone: true } as const;

export interface WarehouseDeskContext extends OrganizationContext {
  /** OWNER/ADMIN of the platform organization: every warehouse, and may assign staff. */
  managesAllWarehouses: boolean;
}

export interface WarehouseContext extends WarehouseDeskContext {
  warehouse: DeskWarehouse;
  /** Warehouse-filtered reads. */
  data: WarehouseDb;
}

export function managesWarehouses(role: MembershipRole): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/** The warehouse desk of a PLATFORM organization: its members, else 404 (as any organization page). */
export async function requireWarehouseDesk(request: Request, lang: Lang, rawOrganizationId: string | undefined): Promise<WarehouseDeskContext> {
  const context = await requireOrganization(request, lang, rawOrganizationId);
  if (context.organization.kind !== "PLATFORM") notFound();
  return { ...context, managesAllWarehouses: managesWarehouses(context.membership.role) };
}

/** The warehouses a desk member works: assigned ones, or every overseas warehouse for the organization's OWNER/ADMIN. */
export async function listDeskWarehouses(context: Pick<WarehouseDeskContext, "managesAllWarehouses" | "user">): Promise<DeskWarehouse[]> {
  return unscopedDb.warehouse.findMany({
    where: context.managesAllWarehouses ? { kind: "OVERSEAS" } : { kind: "OVERSEAS", staff: { some: { userId: context.user.id } } },
    select: WAREHOUSE_SELECT,
    orderBy: [{ countryCode: "asc" }, { code: "asc" }],
  });
}

/**
 * Member of that PLATFORM organization and staff of that warehouse (or the organization's OWNER/ADMIN); anything
 * else — another warehouse, a manufacturer's or buyer's organization, a malformed id — is a 404.
 */
export async function requireWarehouseAccess(request: Request, lang: Lang, rawOrganizationId: string | undefined, rawWarehouseId: string | undefined): Promise<WarehouseContext> {
  const desk = await requireWarehouseDesk(request, lang, rawOrganizationId);
  const warehouseId = requireUuid(rawWarehouseId);
  const warehouse = await findAccessibleWarehouse(desk, warehouseId);
  if (!warehouse) notFound();
  return { ...desk, warehouse, data: forWarehouse(warehouse.id) };
}

/** The warehouse if this desk member may work it, else null. */
export async function findAccessibleWarehouse(context: Pick<WarehouseDeskContext, "managesAllWarehouses" | "user">, warehouseId: string): Promise<DeskWarehouse | null> {
  if (!isUuid(warehouseId)) return null;
  return unscopedDb.warehouse.findFirst({
    where: { id: warehouseId, kind: "OVERSEAS", ...(context.managesAllWarehouses ? {} : { staff: { some: { userId: context.user.id } } }) },
    select: WAREHOUSE_SELECT,
  });
}

// ─── Staff assignment (platform OWNER/ADMIN) ────────────────────────────────────────────────────────────────────

export type StaffErrorCode = "not_platform_member" | "already_assigned" | "warehouse_not_found" | "staff_not_found";

export class StaffAssignmentError extends Error {
  readonly messageKey: string;
  constructor(readonly code: StaffErrorCode) {
    super(code);
    this.name = "StaffAssignmentError";
    this.messageKey = `warehouse.staff.errors.${code}`;
  }
}

export interface StaffRow {
  id: string;
  warehouseId: string;
  userId: string;
  name: string;
  email: string;
}

/** Staff of these warehouses (members of the platform organization or not: a removed member still shows, to be removed). */
export async function listWarehouseStaff(warehouseIds: readonly string[]): Promise<StaffRow[]> {
  if (warehouseIds.length === 0) return [];
  const rows = await unscopedDb.warehouseStaff.findMany({
    where: { warehouseId: { in: [...warehouseIds] } },
    select: { id: true, warehouseId: true, userId: true, user: { select: { name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }],
  });
  return rows.map((r) => ({ id: r.id, warehouseId: r.warehouseId, userId: r.userId, name: r.user.name, email: r.user.email }));
}

/** Members of the platform organization who could be assigned (everyone; the page hides those already there). */
export async function listAssignableMembers(platformOrganizationId: string) {
  const rows = await unscopedDb.membership.findMany({
    where: { organizationId: platformOrganizationId },
    select: { userId: true, role: true, user: { select: { name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((r) => ({ userId: r.userId, role: r.role, name: r.user.name, email: r.user.email }));
}

/** Assigns a member of the platform organization to a warehouse. */
export async function assignWarehouseStaff(platformOrganizationId: string, warehouseId: string, userId: string): Promise<StaffRow> {
  if (!isUuid(warehouseId) || !(await unscopedDb.warehouse.findFirst({ where: { id: warehouseId, kind: "OVERSEAS" }, select: { id: true } }))) {
    throw new StaffAssignmentError("warehouse_not_found");
  }
  const member = isUuid(userId)
    ? await unscopedDb.membership.findFirst({ where: { organizationId: platformOrganizationId, userId, organization: { kind: "PLATFORM" } }, select: { user: { select: { name: true, email: true } } } })
    : null;
  if (!member) throw new StaffAssignmentError("not_platform_member");
  try {
    const row = await unscopedDb.warehouseStaff.create({ data: { warehouseId, userId }, select: { id: true } });
    return { id: row.id, warehouseId, userId, name: member.user.name, email: member.user.email };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new StaffAssignmentError("already_assigned");
    throw error;
  }
}

/** Removes an assignment; staff of warehouses are platform data, removable by the platform's OWNER/ADMIN. */
export async function removeWarehouseStaff(staffId: string): Promise<void> {
  if (!isUuid(staffId)) throw new StaffAssignmentError("staff_not_found");
  const removed = await unscopedDb.warehouseStaff.deleteMany({ where: { id: staffId } });
  if (removed.count === 0) throw new StaffAssignmentError("staff_not_found");
}
