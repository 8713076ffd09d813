import type { MembershipRole, OrganizationKind } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { isExportAgent } from "~/modules/export-agency/agency-access.server";
import { isUuid } from "~/modules/http/responses.server";
import { managesWarehouses } from "~/modules/inventory/warehouse-access.server";

/**
 * Who may see a shipment: members of its manufacturer (the goods' owner) and of its buyer, the export agency's agents
 * (PLATFORM OWNER/ADMIN or Membership.exportAgent: every shipment) and the staff of the overseas warehouse serving it
 * (assigned WarehouseStaff who are still PLATFORM members). One rule for the shipment pages, the list and the
 * socket.io rooms, so a page a user may not open is also a room they may not join. Reads go through `unscopedDb`
 * because the rule is what decides across tenants; callers read the shipment itself through their own client.
 */

export type ShipmentViewerRole = "manufacturer" | "buyer" | "agent" | "warehouse";

export interface ShipmentAccessOptions {
  /**
   * Judge as a member of this organization only (a page acting for the session's active organization). Without it,
   * any of the user's memberships counts (a socket, which is the user's and not one organization's).
   */
  organizationId?: string | null;
}

interface ViewerMembership {
  organizationId: string;
  role: MembershipRole;
  exportAgent: boolean;
  kind: OrganizationKind;
}

async function membershipsOf(userId: string, options: ShipmentAccessOptions): Promise<ViewerMembership[]> {
  if (!isUuid(userId)) return [];
  if (options.organizationId !== undefined && options.organizationId !== null && !isUuid(options.organizationId)) return [];
  const rows = await unscopedDb.membership.findMany({
    where: { userId, ...(options.organizationId ? { organizationId: options.organizationId } : {}) },
    select: { organizationId: true, role: true, exportAgent: true, organization: { select: { kind: true } } },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, role: r.role, exportAgent: r.exportAgent, kind: r.organization.kind }));
}

const isAgentMembership = (m: ViewerMembership) => m.kind === "PLATFORM" && isExportAgent(m);

/**
 * The viewer's role on a shipment, or null when they may not see it (unknown or malformed id included: callers
 * answer "not found" either way). A party's own role wins over the desks' (a manufacturer's member who is also an
 * agent sees their shipment as its manufacturer).
 */
export async function shipmentViewerRole(userId: string, shipmentId: unknown, options: ShipmentAccessOptions = {}): Promise<ShipmentViewerRole | null> {
  if (!isUuid(shipmentId)) return null;
  const [shipment, memberships] = await Promise.all([
    unscopedDb.shipment.findUnique({ where: { id: shipmentId }, select: { organizationId: true, buyerOrganizationId: true, warehouseId: true } }),
    membershipsOf(userId, options),
  ]);
  if (!shipment || memberships.length === 0) return null;
  if (memberships.some((m) => m.organizationId === shipment.organizationId)) return "manufacturer";
  if (shipment.buyerOrganizationId && memberships.some((m) => m.organizationId === shipment.buyerOrganizationId)) return "buyer";
  if (memberships.some(isAgentMembership)) return "agent";
  if (shipment.warehouseId && memberships.some((m) => m.kind === "PLATFORM")) {
    const staff = await unscopedDb.warehouseStaff.findUnique({ where: { warehouseId_userId: { warehouseId: shipment.warehouseId, userId } }, select: { id: true } });
    if (staff) return "warehouse";
  }
  return null;
}

/** Whether the user may see the shipment (its pages, its live events). */
export async function mayViewShipment(userId: string, shipmentId: unknown, options: ShipmentAccessOptions = {}): Promise<boolean> {
  return (await shipmentViewerRole(userId, shipmentId, options)) !== null;
}

/** Whether the user works the export agency desk (sees every shipment, joins the agency room). */
export async function isExportAgentUser(userId: string, options: ShipmentAccessOptions = {}): Promise<boolean> {
  return (await membershipsOf(userId, options)).some(isAgentMembership);
}

/**
 * Whether the user may follow one overseas warehouse's shipments (its room): its assigned staff who are PLATFORM
 * members, or the PLATFORM organization's OWNER/ADMIN (who manage every warehouse), as the warehouse desk decides.
 */
export async function mayFollowWarehouse(userId: string, warehouseId: unknown, options: ShipmentAccessOptions = {}): Promise<boolean> {
  if (!isUuid(warehouseId)) return false;
  const platform = (await membershipsOf(userId, options)).filter((m) => m.kind === "PLATFORM");
  if (platform.length === 0) return false;
  const warehouse = await unscopedDb.warehouse.findFirst({
    where: { id: warehouseId, kind: "OVERSEAS" },
    select: { id: true, staff: { where: { userId }, select: { id: true } } },
  });
  if (!warehouse) return false;
  return warehouse.staff.length > 0 || platform.some((m) => managesWarehouses(m.role));
}
