import { randomBytes } from "node:crypto";
import type { TransportMode } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { currentLocodeOf, presentRoute, presentSummary, presentTimeline, shipmentClient, type PlaceView, type RouteLegView, type ShipmentPageAccess, type ShipmentSummaryView, type TimelineEventView } from "./shipment-presenter.server";

/**
 * The public tracking link: `/{lang}/track/{token}`, for the buyer's own customers. The token is 32 random bytes in
 * base64url (43 characters) kept in `Shipment.publicToken`; revoking clears it, so the old link is simply unknown.
 * The page shows where the goods are and when they arrive — never a price, a party's name, tax id or address, a
 * carrier's reference or what a carrier wrote in free text (which may name a person or a street): it is built from
 * an explicit list of fields (PublicTrackingView), not by removing fields from the parties' view.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newPublicToken(): string {
  return randomBytes(32).toString("base64url");
}

export function isPublicTokenShape(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

export interface PublicLegView {
  sequence: number;
  mode: TransportMode;
  from: PlaceView;
  to: PlaceView;
  fromLocode: string;
  toLocode: string;
  state: RouteLegView["state"];
  progress: number | null;
}

/** The summary without the internal id: it is no business of a public reader (and names the socket.io room). */
export interface PublicTrackingView extends Omit<ShipmentSummaryView, "id"> {
  legs: PublicLegView[];
  events: TimelineEventView[];
  lang: Lang;
}

/**
 * The shipment behind a public token, or null (malformed, unknown and revoked alike: one answer, no hint of which).
 * Anonymous readers are nobody's tenant: the lookup by the unguessable token is the authorization, visibly unscoped.
 */
export async function presentPublicTracking(rawToken: string | undefined, lang: Lang, timeZoneFallback: (destinationZone: string) => string): Promise<PublicTrackingView | null> {
  if (!isPublicTokenShape(rawToken)) return null;
  const shipment = await unscopedDb.shipment.findUnique({
    where: { publicToken: rawToken },
    select: {
      id: true,
      reference: true,
      status: true,
      exception: true,
      exceptionAt: true,
      originLocode: true,
      originName: true,
      destinationLocode: true,
      destinationName: true,
      destinationCountryCode: true,
      destinationTimeZone: true,
      plannedArrivalAt: true,
      estimatedArrivalAt: true,
      late: true,
      deliveredAt: true,
      lastEventAt: true,
      legs: {
        select: { id: true, sequence: true, mode: true, fromLocode: true, fromName: true, toLocode: true, toName: true, plannedDepartureAt: true, plannedArrivalAt: true, actualDepartureAt: true, actualArrivalAt: true },
      },
      events: { select: { id: true, legId: true, milestone: true, occurredAt: true, utcOffsetMinutes: true, locode: true, placeName: true } },
    },
  });
  if (!shipment) return null;
  const { id: _id, ...summary } = presentSummary(shipment, lang, timeZoneFallback(shipment.destinationTimeZone), currentLocodeOf(shipment.events));
  return {
    ...summary,
    legs: presentRoute(shipment.legs, lang).map((leg) => ({
      sequence: leg.sequence,
      mode: leg.mode,
      from: leg.from,
      to: leg.to,
      fromLocode: leg.fromLocode,
      toLocode: leg.toLocode,
      state: leg.state,
      progress: leg.progress,
    })),
    events: presentTimeline(shipment.events, shipment.legs, lang),
    lang,
  };
}

export type PublicLinkResult = { ok: true; token: string } | { ok: false; reason: "not_found" };

/**
 * Makes the shipment's public link, or keeps the one it has (a second click, or two tabs, give the same link).
 * Through the party's own client: only the buyer or the manufacturer reach the row.
 */
export async function createPublicLink(access: Pick<ShipmentPageAccess, "shipmentId" | "role" | "organizationId">): Promise<PublicLinkResult> {
  const client = shipmentClient(access);
  const token = newPublicToken();
  const made = await client.shipment.updateMany({ where: { id: access.shipmentId, publicToken: null }, data: { publicToken: token, publicTokenCreatedAt: new Date() } });
  const row = await client.shipment.findFirst({ where: { id: access.shipmentId }, select: { publicToken: true } });
  if (!row?.publicToken) return { ok: false, reason: "not_found" };
  return { ok: true, token: made.count ? token : row.publicToken };
}

/** Revokes the link: the token is forgotten, so the old address answers 404 like any unknown one. */
export async function revokePublicLink(access: Pick<ShipmentPageAccess, "shipmentId" | "role" | "organizationId">): Promise<boolean> {
  const client = shipmentClient(access);
  const done = await client.shipment.updateMany({ where: { id: access.shipmentId }, data: { publicToken: null, publicTokenCreatedAt: null } });
  return done.count > 0;
}
