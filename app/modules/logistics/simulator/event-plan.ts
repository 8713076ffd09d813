import { createHash } from "node:crypto";
import type { ShipmentKind, ShipmentMilestone, TransportMode } from "~/generated/prisma/enums";
import type { CarrierEvent } from "../carrier-wire";
import { findLocode } from "../locodes";
import { codeFor, isVocabulary, mapCarrierCode, type Side } from "../milestones";
import { localTimestamp, PLACES_BY_LOCODE } from "../route-plans";

/**
 * What each carrier reports for a shipment, in travel order (pure): the Hongwan pick-up and consolidation, China
 * customs' arrival (运抵) and release (放行) at Hongwan, the truck over the bridge, the flight or the voyage, import
 * clearance (with an optional customs hold), the last mile. Times follow the legs' planned times, shifted by an
 * optional delay; codes are each carrier's own (milestones.ts, checked for the event's side); event ids are derived
 * from the shipment and the step, so a step sent twice is one event (the carriers' resend behaviour).
 */

export interface SimLeg {
  sequence: number;
  mode: TransportMode;
  reference: string;
  carrierCode: string | null;
  vocabulary: string | null;
  integration: "WEBHOOK" | "POLLING" | null;
  fromLocode: string;
  fromName: string;
  toLocode: string;
  toName: string;
  plannedDepartureAt: Date;
  plannedArrivalAt: Date;
}

export interface SimShipment {
  reference: string;
  kind: ShipmentKind;
  destinationCountryCode: string;
  legs: SimLeg[];
}

export interface SimOptions {
  /** A customs hold at import before the release (the release comes a day later). */
  hold?: boolean;
  /** Hours the main leg leaves late (a DELAYED event first): every later step moves with it. */
  delayHours?: number;
}

export interface SimStep {
  /** Stable within the shipment ("3:DEPARTED"): the event id is derived from it. */
  key: string;
  legSequence: number;
  carrierCode: string;
  vocabulary: string;
  integration: "WEBHOOK" | "POLLING";
  milestone: ShipmentMilestone;
  code: string;
  reference: string;
  locode: string;
  placeName: string;
  timeZone: string;
  at: Date;
  description: string;
}

/** The carriers' usual subtags where the vocabulary has several for a milestone (checked against milestones.ts). */
const PREFERRED: Record<string, Partial<Record<ShipmentMilestone, string>>> = {
  aftership: {
    BOOKED: "InfoReceived_001",
    PICKED_UP: "InTransit_002",
    ARRIVED_AT_HUB: "InTransit_003",
    DEPARTED: "InTransit_007",
    ARRIVED_DEST: "InTransit_004",
    IMPORT_CUSTOMS_CLEARED: "InTransit_005",
    OUT_FOR_DELIVERY: "OutForDelivery_001",
    DELIVERED: "Delivered_001",
    IMPORT_CUSTOMS_HOLD: "Exception_004",
    DELAYED: "Exception_005",
    DELIVERY_FAILED: "AttemptFail_001",
  },
  dcsa: { ARRIVED_AT_EXPORT_SITE: "GTIN", DEPARTED: "DEPA", ARRIVED_DEST: "ARRI", IMPORT_CUSTOMS_HOLD: "CUSI", IMPORT_CUSTOMS_CLEARED: "CUSR" },
  "edifact-9011": { PICKED_UP: "13", ARRIVED_AT_HUB: "1", DEPARTED: "24", DELIVERED: "21", DELAYED: "20" },
  ceb: { ARRIVED_AT_EXPORT_SITE: "CEB507", EXPORT_CUSTOMS_CLEARED: "CEB604_800" },
};

/** The carrier's free text with the event, as their feeds word it. */
const DESCRIPTION: Record<ShipmentMilestone, string> = {
  BOOKED: "Shipment information received",
  PICKED_UP: "Shipment collected from shipper",
  ARRIVED_AT_HUB: "Arrived at facility",
  ARRIVED_AT_EXPORT_SITE: "运抵: goods arrived at the customs-supervised site",
  EXPORT_CUSTOMS_CLEARED: "清单放行: export declaration released by customs",
  DEPARTED: "Departed facility",
  ARRIVED_DEST: "Arrived at destination",
  IMPORT_CUSTOMS_CLEARED: "Import customs clearance completed",
  OUT_FOR_DELIVERY: "Out for delivery",
  DELIVERED: "Delivered, signed for by consignee",
  IMPORT_CUSTOMS_HOLD: "Held by customs: documents requested from the importer",
  DELAYED: "Delayed: flight/vessel rescheduled, moved to the next departure",
  DAMAGED: "Damage reported on handling",
  DELIVERY_FAILED: "Delivery attempted: consignee not available",
  RETURNED: "Returned to shipper",
  EXCEPTION: "Shipment exception",
};

/** The code of `vocabulary` for the milestone on that side, or null when the vocabulary has none. */
export function carrierCodeFor(vocabulary: string, milestone: ShipmentMilestone, side: Side): string | null {
  if (!isVocabulary(vocabulary)) return null;
  const preferred = PREFERRED[vocabulary]?.[milestone];
  if (preferred) {
    const mapped = mapCarrierCode(vocabulary, preferred, side);
    if (mapped.ok && mapped.milestone === milestone) return preferred;
  }
  return codeFor(vocabulary, milestone, side);
}

export function timeZoneOf(locode: string): string {
  return PLACES_BY_LOCODE.get(locode)?.timeZone ?? findLocode(locode)?.timeZone ?? "UTC";
}

const HOUR = 3_600_000;

interface Draft {
  leg: SimLeg;
  carrier?: { code: string; vocabulary: string; integration: "WEBHOOK" | "POLLING" };
  milestone: ShipmentMilestone;
  at: number;
  where: "from" | "to";
  reference?: string;
}

/** The customs source's events name the main leg's waybill or container, as the declaration's logisticsNo does. */
const CUSTOMS = { code: "china-customs", vocabulary: "ceb", integration: "WEBHOOK" as const };

export function planEvents(shipment: SimShipment, options: SimOptions = {}): SimStep[] {
  const legs = [...shipment.legs].sort((a, b) => a.sequence - b.sequence);
  const main = legs.find((l) => l.mode === "AIR" || l.mode === "SEA");
  const drafts: Draft[] = [];
  const delay = Math.max(0, options.delayHours ?? 0) * HOUR;
  for (const leg of legs) {
    const dep = leg.plannedDepartureAt.getTime();
    const arr = leg.plannedArrivalAt.getTime();
    const isLast = leg === legs.at(-1);
    if (shipment.kind === "LOCAL_DELIVERY") {
      drafts.push({ leg, milestone: "PICKED_UP", at: dep, where: "from" });
      drafts.push({ leg, milestone: "OUT_FOR_DELIVERY", at: Math.max(dep + HOUR, arr - Math.min(6 * HOUR, (arr - dep) / 2)), where: "to" });
      drafts.push({ leg, milestone: "DELIVERED", at: arr, where: "to" });
    } else if (leg.sequence === 1) {
      drafts.push({ leg, milestone: "PICKED_UP", at: dep, where: "from" });
      drafts.push({ leg, milestone: "ARRIVED_AT_HUB", at: arr, where: "to" });
    } else if (leg === main) {
      if (leg.mode === "SEA") drafts.push({ leg, milestone: "ARRIVED_AT_EXPORT_SITE", at: dep - 20 * HOUR, where: "from" });
      if (delay > 0) drafts.push({ leg, milestone: "DELAYED", at: dep - 2 * HOUR, where: "from" });
      drafts.push({ leg, milestone: "DEPARTED", at: dep + delay, where: "from" });
      drafts.push({ leg, milestone: "ARRIVED_DEST", at: arr + delay, where: "to" });
      if (options.hold) drafts.push({ leg, milestone: "IMPORT_CUSTOMS_HOLD", at: arr + delay + 6 * HOUR, where: "to" });
      drafts.push({ leg, milestone: "IMPORT_CUSTOMS_CLEARED", at: arr + delay + (options.hold ? 34 : 10) * HOUR, where: "to" });
    } else if (isLast) {
      const shift = main && leg.sequence > main.sequence ? delay + (options.hold ? 24 * HOUR : 0) : 0;
      drafts.push({ leg, milestone: "OUT_FOR_DELIVERY", at: dep + shift, where: "from" });
      drafts.push({ leg, milestone: "DELIVERED", at: arr + shift, where: "to" });
    } else {
      // The leg out of Hongwan: customs' arrival and release there first, against the main leg's reference.
      if (main) {
        drafts.push({ leg, carrier: CUSTOMS, reference: main.reference, milestone: "ARRIVED_AT_EXPORT_SITE", at: dep - 14 * HOUR, where: "from" });
        drafts.push({ leg, carrier: CUSTOMS, reference: main.reference, milestone: "EXPORT_CUSTOMS_CLEARED", at: dep - 4 * HOUR, where: "from" });
      }
      drafts.push({ leg, milestone: "DEPARTED", at: dep, where: "from" });
      drafts.push({ leg, milestone: "ARRIVED_AT_HUB", at: arr, where: "to" });
    }
  }
  const steps: SimStep[] = [];
  for (const draft of drafts) {
    const carrier = draft.carrier ?? (draft.leg.carrierCode && draft.leg.vocabulary ? { code: draft.leg.carrierCode, vocabulary: draft.leg.vocabulary, integration: draft.leg.integration ?? "WEBHOOK" } : null);
    if (!carrier) continue;
    const locode = draft.where === "from" ? draft.leg.fromLocode : draft.leg.toLocode;
    const side: Side = locode.slice(0, 2) === shipment.destinationCountryCode ? "destination" : "origin";
    const code = carrierCodeFor(carrier.vocabulary, draft.milestone, side);
    if (!code) continue;
    steps.push({
      key: `${draft.leg.sequence}:${carrier.code}:${draft.milestone}`,
      legSequence: draft.leg.sequence,
      carrierCode: carrier.code,
      vocabulary: carrier.vocabulary,
      integration: carrier.integration,
      milestone: draft.milestone,
      code,
      reference: draft.reference ?? draft.leg.reference,
      locode,
      placeName: draft.where === "from" ? draft.leg.fromName : draft.leg.toName,
      timeZone: timeZoneOf(locode),
      at: new Date(draft.at),
      description: DESCRIPTION[draft.milestone],
    });
  }
  // Stable: steps of one instant keep travel order.
  return steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i).map(({ s }) => s);
}

/** The carrier's event id for a step, in the shape its feed uses, derived from the shipment and the step. */
export function eventIdFor(shipmentReference: string, step: Pick<SimStep, "key" | "vocabulary">): string {
  const hex = createHash("sha256").update(`${shipmentReference}|${step.key}`).digest("hex");
  switch (step.vocabulary) {
    case "dcsa":
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    case "ceb":
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`.toUpperCase();
    case "edifact-9011":
      return `IFTSTA${BigInt(`0x${hex.slice(0, 15)}`).toString().padStart(18, "0").slice(0, 14)}`;
    default:
      return hex.slice(0, 24);
  }
}

/** One step as the carrier's wire event, at `at` (in the place's local time with its offset). */
export function toWireEvent(shipmentReference: string, step: SimStep, at: Date = step.at): CarrierEvent {
  return {
    id: eventIdFor(shipmentReference, step),
    code: step.code,
    occurredAt: localTimestamp(at, step.timeZone),
    reference: step.reference,
    location: { locode: step.locode, name: step.placeName },
    description: step.description,
  };
}
