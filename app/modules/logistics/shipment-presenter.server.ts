import type { ShipmentKind, ShipmentMilestone, TransportMode, TransportReferenceKind } from "~/generated/prisma/enums";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import type { Lang } from "~/modules/i18n/config";
import { localeTag } from "~/modules/i18n/locale";
import { requestViewer } from "~/modules/i18n/viewer.server";
import { requireSessionUser } from "~/modules/tenancy/session.server";
import { legStatesFromTimes, type RouteLegState } from "./geo";
import { placeView, type PlaceView } from "./place-view";
import { sortTimeline } from "./shipment-state";
import { shipmentViewerRole, type ShipmentViewerRole } from "./shipment-access.server";
import { timeZoneFromCookieHeader } from "./viewer-time-zone";

export type { PlaceView };

/**
 * What the shipment page (and, through `presentRoute`, the public tracking page) shows. Moments travel as ISO
 * strings with the zone to show them in: the page formats them, so a live event is formatted exactly like the ones
 * the server rendered, and the browser can switch to its own zone without asking the server again.
 */

/** "SHP-2026-000123": anything else is not a shipment's page. */
export const SHIPMENT_REFERENCE = /^SHP-\d{4}-\d{6}$/;


export interface TimelineEventView {
  id: string;
  milestone: ShipmentMilestone;
  occurredAt: string;
  utcOffsetMinutes: number;
  place: PlaceView | null;
  legSequence: number | null;
}

/** A shipment page's event: also what the carrier said in its own words, and who reported it. */
export interface ShipmentEventView extends TimelineEventView {
  description: string | null;
  reportedBy: string | null;
}

export interface RouteLegView {
  sequence: number;
  mode: TransportMode;
  from: PlaceView;
  to: PlaceView;
  fromLocode: string;
  toLocode: string;
  /** Drawn as done, under way (with how far along) or ahead; computed once on the server so both renders agree. */
  state: RouteLegState;
  progress: number | null;
}

export interface ShipmentLegView extends RouteLegView {
  id: string;
  carrier: string | null;
  referenceKind: TransportReferenceKind;
  reference: string;
  plannedDepartureAt: string;
  plannedArrivalAt: string;
  actualDepartureAt: string | null;
  actualArrivalAt: string | null;
}

/** What both pages share: where it goes, where it is, when it arrives. Nothing here names a party or a price. */
export interface ShipmentSummaryView {
  id: string;
  reference: string;
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: string | null;
  origin: PlaceView;
  destination: PlaceView & { countryCode: string; country: string; timeZone: string };
  plannedArrivalAt: string;
  estimatedArrivalAt: string;
  late: boolean;
  deliveredAt: string | null;
  lastEventAt: string | null;
  /** The zone the page's first render shows moments in (the browser may then switch to its own). */
  timeZone: string;
  /** The place the shipment is at now (the last event's), for the map's marker. */
  currentLocode: string | null;
}

export interface ShipmentPageView extends ShipmentSummaryView {
  kind: ShipmentKind;
  role: ShipmentViewerRole;
  legs: ShipmentLegView[];
  events: ShipmentEventView[];
  links: { order: { number: string; href: string } | null; declaration: { number: string; href: string } | null; inbound: { reference: string; href: string } | null };
  /** Only for the parties (buyer, manufacturer): the public link they may share, and whether they may make one. */
  publicLink: { mayManage: boolean; href: string | null; createdAt: string | null };
  lang: Lang;
}

export interface ShipmentPageAccess {
  shipmentId: string;
  role: ShipmentViewerRole;
  /** The organization the session acts for. */
  organizationId: string;
  userId: string;
}

/**
 * The page's gate: signed in (else the login page), acting for an organization, and allowed to see this shipment by
 * the one rule pages and sockets share (shipment-access.server.ts). A malformed reference, an unknown one and
 * another tenant's are the same 404.
 */
export async function requireShipmentViewer(request: Request, lang: Lang, rawReference: string | undefined): Promise<ShipmentPageAccess> {
  const sessionUser = await requireSessionUser(request, lang);
  const reference = (rawReference ?? "").trim().toUpperCase();
  if (!SHIPMENT_REFERENCE.test(reference) || !sessionUser.activeOrganizationId) notFound();
  // The rule decides across tenants, so the reference is resolved without a tenant scope, visibly; the shipment itself
  // is then read through the viewer's own client (shipmentClient).
  const found = await unscopedDb.shipment.findUnique({ where: { reference }, select: { id: true } });
  if (!found) notFound();
  const role = await shipmentViewerRole(sessionUser.user.id, found.id, { organizationId: sessionUser.activeOrganizationId });
  if (!role) notFound();
  return { shipmentId: found.id, role, organizationId: sessionUser.activeOrganizationId, userId: sessionUser.user.id };
}

/** A party reads through its tenant scope; the agency and the warehouse desk were let in by the access rule. */
export function shipmentClient(access: Pick<ShipmentPageAccess, "role" | "organizationId">) {
  return access.role === "buyer" || access.role === "manufacturer" ? forOrganization(access.organizationId) : unscopedDb;
}

/** Who may make and revoke the public link: the shipment's two parties (the buyer for its customers, the maker). */
export function mayManagePublicLink(role: ShipmentViewerRole): boolean {
  return role === "buyer" || role === "manufacturer";
}

/** The zone the first render uses: the reader's remembered browser zone, else their country's, else `fallback`. */
export function pageTimeZone(request: Request, fallback: string): string {
  const remembered = timeZoneFromCookieHeader(request.headers.get("Cookie"));
  if (remembered) return remembered;
  const viewer = requestViewer();
  return viewer.country ? viewer.timeZone : fallback;
}


export function countryName(code: string, lang: Lang): string {
  const trimmed = code.trim().toUpperCase();
  try {
    return new Intl.DisplayNames([localeTag(lang)], { type: "region" }).of(trimmed) ?? trimmed;
  } catch {
    return trimmed;
  }
}

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

interface SummaryRow {
  id: string;
  reference: string;
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  exceptionAt: Date | null;
  originLocode: string;
  originName: string;
  destinationLocode: string;
  destinationName: string;
  destinationCountryCode: string;
  destinationTimeZone: string;
  plannedArrivalAt: Date;
  estimatedArrivalAt: Date;
  late: boolean;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
}

export function presentSummary(row: SummaryRow, lang: Lang, timeZone: string, currentLocode: string | null): ShipmentSummaryView {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    exception: row.exception,
    exceptionAt: iso(row.exceptionAt),
    origin: placeView(row.originLocode, row.originName, lang),
    destination: {
      ...placeView(row.destinationLocode, row.destinationName, lang),
      countryCode: row.destinationCountryCode.trim(),
      country: countryName(row.destinationCountryCode, lang),
      timeZone: row.destinationTimeZone,
    },
    plannedArrivalAt: row.plannedArrivalAt.toISOString(),
    estimatedArrivalAt: row.estimatedArrivalAt.toISOString(),
    late: row.late,
    deliveredAt: iso(row.deliveredAt),
    lastEventAt: iso(row.lastEventAt),
    timeZone,
    currentLocode,
  };
}

interface LegRow {
  id: string;
  sequence: number;
  mode: TransportMode;
  fromLocode: string;
  fromName: string;
  toLocode: string;
  toName: string;
  plannedDepartureAt: Date;
  plannedArrivalAt: Date;
  actualDepartureAt: Date | null;
  actualArrivalAt: Date | null;
}

/** The legs as the map draws them: places and states only (what the public page may show too). */
export function presentRoute<L extends LegRow>(legs: readonly L[], lang: Lang, now = new Date()): (L & RouteLegView)[] {
  const ordered = [...legs].sort((a, b) => a.sequence - b.sequence);
  return legStatesFromTimes(ordered, now).map((leg) => ({
    ...leg,
    from: placeView(leg.fromLocode, leg.fromName, lang),
    to: placeView(leg.toLocode, leg.toName, lang),
    fromLocode: leg.fromLocode.trim(),
    toLocode: leg.toLocode.trim(),
  }));
}

interface EventRow {
  id: string;
  legId: string | null;
  milestone: ShipmentMilestone;
  occurredAt: Date;
  utcOffsetMinutes: number;
  locode: string | null;
  placeName: string | null;
}

/** Events in timeline order (shipment-state.ts: time, then travel order, then id); the page shows the newest first. */
export function presentTimeline(events: readonly EventRow[], legs: readonly { id: string; sequence: number }[], lang: Lang): TimelineEventView[] {
  const sequenceOf = new Map(legs.map((l) => [l.id, l.sequence]));
  return sortTimeline([...events]).map((e) => ({
      id: e.id,
      milestone: e.milestone,
      occurredAt: e.occurredAt.toISOString(),
      utcOffsetMinutes: e.utcOffsetMinutes,
      place: e.locode || e.placeName ? placeView(e.locode, e.placeName, lang) : null,
      legSequence: e.legId ? (sequenceOf.get(e.legId) ?? null) : null,
    }));
}

/** The place of the latest event that named one: where the map puts the shipment now. */
export function currentLocodeOf(events: readonly { locode: string | null; occurredAt: Date }[]): string | null {
  let latest: { locode: string | null; occurredAt: Date } | null = null;
  for (const e of events) if (e.locode && (!latest || e.occurredAt >= latest.occurredAt)) latest = e;
  return latest?.locode?.trim() ?? null;
}

/** Everything the shipment page shows to one viewer; null when the row cannot be read through the viewer's client. */
export async function presentShipmentPage(access: ShipmentPageAccess, lang: Lang, timeZoneFallback: (destinationZone: string) => string): Promise<ShipmentPageView | null> {
  const client = shipmentClient(access);
  const shipment = await client.shipment.findFirst({
    where: { id: access.shipmentId },
    include: {
      legs: { include: { carrier: { select: { name: true } } } },
      events: { select: { id: true, legId: true, milestone: true, occurredAt: true, utcOffsetMinutes: true, locode: true, placeName: true, description: true, source: true } },
    },
  });
  if (!shipment) return null;
  const legs = presentRoute(shipment.legs, lang);
  const carrierOf = new Map(shipment.legs.map((l) => [l.id, l.carrier?.name ?? null]));
  const carrierByCode = await carrierNames(shipment.events.map((e) => e.source));
  const timeline = presentTimeline(shipment.events, shipment.legs, lang);
  const raw = new Map(shipment.events.map((e) => [e.id, e]));
  const events: ShipmentEventView[] = timeline.map((e) => {
    const row = raw.get(e.id)!;
    return { ...e, description: row.description.trim() || null, reportedBy: row.source === "ponte" ? "Ponte" : (carrierByCode.get(row.source) ?? row.source) };
  });
  const timeZone = timeZoneFallback(shipment.destinationTimeZone);
  return {
    ...presentSummary(shipment, lang, timeZone, currentLocodeOf(shipment.events)),
    kind: shipment.kind,
    role: access.role,
    legs: legs.map((leg) => ({
      id: leg.id,
      sequence: leg.sequence,
      mode: leg.mode,
      from: leg.from,
      to: leg.to,
      fromLocode: leg.fromLocode,
      toLocode: leg.toLocode,
      state: leg.state,
      progress: leg.progress,
      carrier: carrierOf.get(leg.id) ?? null,
      referenceKind: leg.referenceKind,
      reference: leg.reference,
      plannedDepartureAt: leg.plannedDepartureAt.toISOString(),
      plannedArrivalAt: leg.plannedArrivalAt.toISOString(),
      actualDepartureAt: iso(leg.actualDepartureAt),
      actualArrivalAt: iso(leg.actualArrivalAt),
    })),
    events,
    links: await relatedLinks(access, lang, shipment),
    publicLink: {
      mayManage: mayManagePublicLink(access.role),
      href: mayManagePublicLink(access.role) && shipment.publicToken ? `/${lang}/track/${shipment.publicToken}` : null,
      createdAt: mayManagePublicLink(access.role) ? iso(shipment.publicTokenCreatedAt) : null,
    },
    lang,
  };
}

async function carrierNames(sources: readonly string[]): Promise<Map<string, string>> {
  const codes = [...new Set(sources.filter((s) => s !== "ponte"))];
  if (!codes.length) return new Map();
  // Carriers are shared reference data, not tenant-owned.
  const rows = await unscopedDb.carrier.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } });
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The order, the export declaration and the warehouse inbound a shipment belongs to, each only where the viewer has a
 * page for it: the order for its parties and the platform (whose members see every order); the declaration for the
 * manufacturer (its read-only page) and the agency (its desk); the inbound for the manufacturer's console and the
 * serving warehouse's desk.
 */
async function relatedLinks(
  access: ShipmentPageAccess,
  lang: Lang,
  shipment: { orderId: string | null; inboundShipmentId: string | null; organizationId: string; warehouseId: string | null },
): Promise<ShipmentPageView["links"]> {
  const client = shipmentClient(access);
  const declarationWhere = shipment.orderId ? { orderId: shipment.orderId } : shipment.inboundShipmentId ? { inboundShipmentId: shipment.inboundShipmentId } : null;
  const [order, declaration, inbound] = await Promise.all([
    shipment.orderId ? client.order.findFirst({ where: { id: shipment.orderId }, select: { number: true } }) : null,
    declarationWhere && (access.role === "manufacturer" || access.role === "agent") ? client.exportDeclaration.findFirst({ where: declarationWhere, select: { number: true } }) : null,
    shipment.inboundShipmentId && (access.role === "manufacturer" || access.role === "warehouse")
      ? client.inboundShipment.findFirst({ where: { id: shipment.inboundShipmentId }, select: { id: true, reference: true, warehouseId: true } })
      : null,
  ]);
  return {
    order: order ? { number: order.number, href: `/${lang}/orders/${order.number}` } : null,
    declaration: declaration
      ? { number: declaration.number, href: access.role === "agent" ? `/${lang}/agency/declarations/${declaration.number}` : `/${lang}/declarations/${declaration.number}` }
      : null,
    inbound: inbound
      ? {
          reference: inbound.reference,
          href:
            access.role === "manufacturer"
              ? `/${lang}/orgs/${access.organizationId}/inventory/inbound/${inbound.id}`
              : `/${lang}/orgs/${access.organizationId}/warehouses/${inbound.warehouseId}/inbound/${inbound.id}`,
        }
      : null,
  };
}
