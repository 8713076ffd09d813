import { redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client";
import type { ShipmentKind, ShipmentMilestone } from "~/generated/prisma/enums";
import type { BaseClient, ScopedDb } from "~/modules/db/client.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { isExportAgent } from "~/modules/export-agency/agency-access.server";
import { isUuid, notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDate } from "~/modules/i18n/format";
import { localeTag, viewerTimeZone } from "~/modules/i18n/locale";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import {
  PAGE_SIZE,
  clampPage,
  statusGroupOf,
  statusesOfGroup,
  summarizeCounts,
  type ShipmentCounts,
  type ShipmentListFilter,
  type StatusCountRow,
  type StatusGroup,
} from "./shipment-list";

/**
 * "My shipments": the list of the session's active organization. Who sees what is decided in one place,
 * `shipmentSource`: a buyer or a manufacturer through its organization's scoped client (a Shipment is a party row:
 * the manufacturer's organizationId or the buyerOrganizationId), an export agent every shipment, a warehouse's staff
 * those their warehouses serve. Everything else here only adds filters to that source.
 */

export type ShipmentListViewerKind = "BUYER" | "MANUFACTURER" | "AGENT" | "WAREHOUSE";

export interface ShipmentListViewer {
  userId: string;
  organizationId: string;
  kind: ShipmentListViewerKind;
  /** WAREHOUSE: the overseas warehouses the user is assigned to. */
  warehouseIds: string[];
}

/**
 * The viewer a member of an organization is on the list, or null when the list is not theirs (a park operator, a
 * platform member who neither works the agency desk nor staffs a warehouse, or not a member at all).
 */
export async function shipmentListViewerFor(userId: string, organizationId: string): Promise<ShipmentListViewer | null> {
  if (!isUuid(userId) || !isUuid(organizationId)) return null;
  const membership = await unscopedDb.membership.findFirst({
    where: { userId, organizationId },
    select: { role: true, exportAgent: true, organization: { select: { kind: true } } },
  });
  if (!membership) return null;
  const base = { userId, organizationId, warehouseIds: [] as string[] };
  switch (membership.organization.kind) {
    case "BUYER":
      return { ...base, kind: "BUYER" };
    case "MANUFACTURER":
      return { ...base, kind: "MANUFACTURER" };
    case "PLATFORM": {
      if (isExportAgent(membership)) return { ...base, kind: "AGENT" };
      const staff = await unscopedDb.warehouseStaff.findMany({ where: { userId, warehouse: { kind: "OVERSEAS" } }, select: { warehouseId: true } });
      return staff.length > 0 ? { ...base, kind: "WAREHOUSE", warehouseIds: staff.map((s) => s.warehouseId) } : null;
    }
    default:
      return null;
  }
}

/** The page's gate: signed in, acting for an organization whose members have shipments to follow; else 404. */
export async function requireShipmentListViewer(request: Request, lang: Lang): Promise<ShipmentListViewer> {
  const sessionUser = await requireSessionUser(request, lang);
  if (!sessionUser.activeOrganizationId) throw redirect(`/${lang}/dashboard`);
  const context = await requireOrganization(request, lang, sessionUser.activeOrganizationId);
  const viewer = await shipmentListViewerFor(context.user.id, context.organization.id);
  if (!viewer) notFound();
  return viewer;
}

/**
 * The one place the list's rows are scoped. Typed as the base client so the scoped and the unscoped fit one query;
 * the scoped client still filters every query at run time.
 */
function shipmentSource(viewer: ShipmentListViewer): { client: BaseClient; where: Prisma.ShipmentWhereInput } {
  switch (viewer.kind) {
    case "BUYER":
    case "MANUFACTURER":
      return { client: forOrganization(viewer.organizationId) as unknown as BaseClient, where: {} };
    case "AGENT":
      // The export agency's desk follows every shipment (agency-access.server.ts decided it is one).
      return { client: unscopedDb, where: {} };
    case "WAREHOUSE":
      return { client: unscopedDb, where: { warehouseId: { in: viewer.warehouseIds } } };
  }
}

/** The filters other than the status group, late and exception ones (those are counted per value). */
function baseWhere(filter: ShipmentListFilter): Prisma.ShipmentWhereInput[] {
  const and: Prisma.ShipmentWhereInput[] = [];
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.country) and.push({ destinationCountryCode: filter.country });
  if (filter.q) {
    and.push({
      OR: [{ reference: { contains: filter.q, mode: "insensitive" } }, { legs: { some: { reference: { contains: filter.q, mode: "insensitive" } } } }],
    });
  }
  return and;
}

function listWhere(filter: ShipmentListFilter): Prisma.ShipmentWhereInput[] {
  const and = baseWhere(filter);
  if (filter.group) and.push({ status: { in: statusesOfGroup(filter.group) } });
  if (filter.lateOnly) and.push({ late: true });
  if (filter.exceptionOnly) and.push({ exception: { not: null } });
  return and;
}

const ROW_SELECT = {
  id: true,
  reference: true,
  kind: true,
  status: true,
  exception: true,
  late: true,
  originLocode: true,
  originName: true,
  destinationLocode: true,
  destinationName: true,
  destinationCountryCode: true,
  plannedArrivalAt: true,
  estimatedArrivalAt: true,
  deliveredAt: true,
  lastEventAt: true,
  organizationId: true,
  buyerOrganizationId: true,
  orderId: true,
} as const satisfies Prisma.ShipmentSelect;

/**
 * Open shipments before delivered ones; among the open, those with a problem, then late ones, then by estimated
 * arrival (soonest first); delivered ones newest first.
 */
const ORDER: Prisma.ShipmentOrderByWithRelationInput[] = [
  { deliveredAt: { sort: "desc", nulls: "first" } },
  { exception: { sort: "asc", nulls: "last" } },
  { late: "desc" },
  { estimatedArrivalAt: "asc" },
  { reference: "asc" },
];

export interface ShipmentListRow {
  id: string;
  reference: string;
  kind: ShipmentKind;
  status: ShipmentMilestone;
  group: StatusGroup;
  exception: ShipmentMilestone | null;
  late: boolean;
  originName: string;
  destinationName: string;
  destinationCountryCode: string;
  /** In the viewer's conventions and time zone. */
  eta: string;
  etaIso: string;
  /** Set when the estimate is past the promise. */
  promised: string | null;
  delivered: string | null;
  /** Who is at the other end, for this viewer. */
  parties: string;
  orderNumber: string | null;
}

export interface ShipmentListPage {
  rows: ShipmentListRow[];
  counts: ShipmentCounts;
  page: number;
  pages: number;
  /** Destination countries present (the filter's options, named in the reader's language), under the viewer's scope only. */
  countries: { code: string; name: string }[];
}

/**
 * One page of the viewer's shipments under the filter, with the status counts. Queries: the grouped count, the
 * page's rows, then the names of the parties and order numbers of those rows (two batched reads): never one per row.
 */
export async function listShipments(viewer: ShipmentListViewer, filter: ShipmentListFilter, lang: Lang, timeZone = viewerTimeZone()): Promise<ShipmentListPage> {
  const { client, where: scope } = shipmentSource(viewer);
  const base: Prisma.ShipmentWhereInput = { AND: [scope, ...baseWhere(filter)] };
  const [grouped, countryRows] = await Promise.all([
    client.shipment.groupBy({ by: ["status", "late", "exception"], where: base, _count: { _all: true } }),
    client.shipment.groupBy({ by: ["destinationCountryCode"], where: scope, orderBy: { destinationCountryCode: "asc" } }),
  ]);
  const countRows: StatusCountRow[] = grouped.map((g) => ({ status: g.status, late: g.late, exception: g.exception, count: g._count._all }));
  const counts = summarizeCounts(countRows, filter);
  const { page, pages } = clampPage(filter.page, counts.matching);
  const rows =
    counts.matching === 0
      ? []
      : await client.shipment.findMany({ where: { AND: [scope, ...listWhere(filter)] }, select: ROW_SELECT, orderBy: ORDER, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });

  const organizationIds = [...new Set(rows.flatMap((r) => [r.organizationId, r.buyerOrganizationId]).filter((id): id is string => Boolean(id)))];
  const orderIds = rows.map((r) => r.orderId).filter((id): id is string => Boolean(id));
  const [organizations, orders] = await Promise.all([
    organizationIds.length ? unscopedDb.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true } }) : [],
    // The order numbers through the same source: a party reads its own orders, the desks every one.
    orderIds.length ? client.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, number: true } }) : [],
  ]);
  const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
  const numberOf = new Map(orders.map((o) => [o.id, o.number]));
  const day = (value: Date) => formatDate(value, lang, { dateStyle: "medium", timeZone });

  return {
    page,
    pages,
    counts,
    countries: countryNames(
      countryRows.map((c) => c.destinationCountryCode),
      lang,
    ),
    rows: rows.map((r) => {
      const manufacturer = nameOf.get(r.organizationId) ?? "";
      const buyer = r.buyerOrganizationId ? (nameOf.get(r.buyerOrganizationId) ?? "") : "";
      const parties =
        viewer.kind === "BUYER" ? manufacturer : viewer.kind === "MANUFACTURER" ? buyer || r.destinationName : [manufacturer, buyer].filter(Boolean).join(" → ");
      const eta = day(r.estimatedArrivalAt);
      const promised = r.late && !r.deliveredAt && r.estimatedArrivalAt.getTime() !== r.plannedArrivalAt.getTime() ? day(r.plannedArrivalAt) : null;
      return {
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        status: r.status,
        group: statusGroupOf(r.status),
        exception: r.exception,
        late: r.late,
        originName: r.originName,
        destinationName: r.destinationName,
        destinationCountryCode: r.destinationCountryCode,
        eta,
        etaIso: r.estimatedArrivalAt.toISOString(),
        promised,
        delivered: r.deliveredAt ? day(r.deliveredAt) : null,
        parties,
        orderNumber: r.orderId ? (numberOf.get(r.orderId) ?? null) : null,
      };
    }),
  };
}

function countryNames(codes: string[], lang: Lang): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([localeTag(lang)], { type: "region" });
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, localeTag(lang)));
}

/** The live rooms the list's page joins: its organization's, the agency's, or its warehouses'. */
export function liveRoomsOf(viewer: ShipmentListViewer): { organizationId: string | null; agency: boolean; warehouseIds: string[] } {
  return {
    organizationId: viewer.kind === "BUYER" || viewer.kind === "MANUFACTURER" ? viewer.organizationId : null,
    agency: viewer.kind === "AGENT",
    warehouseIds: viewer.kind === "WAREHOUSE" ? viewer.warehouseIds : [],
  };
}

// ─── One shipment, linked from an order, a declaration or an inbound shipment ─────────────────────────────────

export interface LinkedShipment {
  reference: string;
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  late: boolean;
  eta: string;
  delivered: string | null;
  href: string;
}

/**
 * The shipment of an order or of an inbound (warehouse replenishment), for the card on that page, read through the
 * page's own client (the party's scoped client, or unscopedDb behind a desk's gate), so it shows only what the page
 * may show. Null when there is none yet.
 */
export async function findLinkedShipment(
  client: BaseClient | ScopedDb,
  link: { orderId: string } | { inboundShipmentId: string; warehouseId?: string },
  lang: Lang,
  timeZone = viewerTimeZone(),
): Promise<LinkedShipment | null> {
  const where: Prisma.ShipmentWhereInput =
    "orderId" in link ? { orderId: link.orderId } : { inboundShipmentId: link.inboundShipmentId, ...(link.warehouseId ? { warehouseId: link.warehouseId } : {}) };
  // One query shape for both clients; a scoped client still filters it at run time.
  const shipment = await (client as BaseClient).shipment.findFirst({
    where,
    select: { reference: true, status: true, exception: true, late: true, estimatedArrivalAt: true, deliveredAt: true },
  });
  if (!shipment) return null;
  const day = (value: Date) => formatDate(value, lang, { dateStyle: "medium", timeZone });
  return {
    reference: shipment.reference,
    status: shipment.status,
    exception: shipment.exception,
    late: shipment.late,
    eta: day(shipment.estimatedArrivalAt),
    delivered: shipment.deliveredAt ? day(shipment.deliveredAt) : null,
    href: `/${lang}/shipments/${encodeURIComponent(shipment.reference)}`,
  };
}

/**
 * The shipment of an export declaration (by the declaration's order or inbound shipment), for the export agency's
 * desk: the agency follows every shipment, so its gate (requireDeclarationViewer → agent) is the caller's.
 */
export async function findDeclarationShipment(declarationId: string, lang: Lang, timeZone = viewerTimeZone()): Promise<LinkedShipment | null> {
  const declaration = await unscopedDb.exportDeclaration.findUnique({ where: { id: declarationId }, select: { orderId: true, inboundShipmentId: true } });
  if (declaration?.orderId) return findLinkedShipment(unscopedDb, { orderId: declaration.orderId }, lang, timeZone);
  if (declaration?.inboundShipmentId) return findLinkedShipment(unscopedDb, { inboundShipmentId: declaration.inboundShipmentId }, lang, timeZone);
  return null;
}

/**
 * The shipment replenishing one warehouse with one inbound, for that warehouse's desk (whose gate,
 * requireWarehouseAccess, the caller has passed): forWarehouse() does not reach shipments, so the warehouse filter is
 * written here, next to the inbound's.
 */
export async function findWarehouseInboundShipment(warehouseId: string, inboundShipmentId: string, lang: Lang, timeZone: string): Promise<LinkedShipment | null> {
  return findLinkedShipment(unscopedDb, { inboundShipmentId, warehouseId }, lang, timeZone);
}
