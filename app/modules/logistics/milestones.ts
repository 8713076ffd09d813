import type { ShipmentMilestone } from "~/generated/prisma/enums";

/**
 * The canonical tracking milestones (export-domain.md §7) as one rule table, and each carrier vocabulary's codes
 * mapped onto them. Pure and isomorphic: the ingestion, the shipment state, the pages and the simulator read it.
 *
 * Progress milestones have a rank in travel order: a shipment's status is the highest rank reached and never moves
 * back (the database's Shipment_status_is_progress CHECK repeats which milestones may be a status). Exceptions do
 * not move the status: one stays open until a progress milestone named by its rule resolves it.
 */

export type MilestoneKind = "progress" | "exception";

/** What an event does to its leg's actual times (shipment-state.ts). */
export type LegEffect = "departure" | "arrival" | null;

/**
 * How an exception is closed: by a progress event at or after it whose rank reaches `atLeast` (a customs hold by the
 * import clearance or anything later), or by `next` progress of any kind strictly after it (a delay ends when the
 * goods move again).
 */
export type Resolution = { atLeast: ShipmentMilestone } | "next";

export type MilestoneRule =
  | { kind: "progress"; rank: number; legEffect: LegEffect; notifies: boolean; terminal?: true }
  | { kind: "exception"; resolvedBy: Resolution; notifies: true; marksLate?: true };

export const MILESTONE_RULES: Record<ShipmentMilestone, MilestoneRule> = {
  // Recorded by Ponte at creation: the parties know it already.
  BOOKED: { kind: "progress", rank: 0, legEffect: null, notifies: false },
  PICKED_UP: { kind: "progress", rank: 1, legEffect: "departure", notifies: true },
  // Intermediate hubs (Hongwan consolidation, Hong Kong airport): shown on the timeline, too frequent to notify.
  ARRIVED_AT_HUB: { kind: "progress", rank: 2, legEffect: "arrival", notifies: false },
  // 运抵 (CEB507): at the supervised site before export clearance, not the end of a leg.
  ARRIVED_AT_EXPORT_SITE: { kind: "progress", rank: 3, legEffect: null, notifies: false },
  EXPORT_CUSTOMS_CLEARED: { kind: "progress", rank: 4, legEffect: null, notifies: true },
  DEPARTED: { kind: "progress", rank: 5, legEffect: "departure", notifies: true },
  ARRIVED_DEST: { kind: "progress", rank: 6, legEffect: "arrival", notifies: true },
  IMPORT_CUSTOMS_CLEARED: { kind: "progress", rank: 7, legEffect: null, notifies: true },
  OUT_FOR_DELIVERY: { kind: "progress", rank: 8, legEffect: "departure", notifies: true },
  DELIVERED: { kind: "progress", rank: 9, legEffect: "arrival", notifies: true, terminal: true },
  // The end of a failed journey: a status (the database allows it), after which nothing moves.
  RETURNED: { kind: "progress", rank: 10, legEffect: null, notifies: true, terminal: true },
  IMPORT_CUSTOMS_HOLD: { kind: "exception", resolvedBy: { atLeast: "IMPORT_CUSTOMS_CLEARED" }, notifies: true },
  DELAYED: { kind: "exception", resolvedBy: "next", notifies: true, marksLate: true },
  // Damage is not repaired by travelling on: it stays on the shipment until it is delivered (or returned).
  DAMAGED: { kind: "exception", resolvedBy: { atLeast: "DELIVERED" }, notifies: true },
  // A failed attempt ends with the next attempt going out.
  DELIVERY_FAILED: { kind: "exception", resolvedBy: { atLeast: "OUT_FOR_DELIVERY" }, notifies: true },
  EXCEPTION: { kind: "exception", resolvedBy: "next", notifies: true },
};

export const MILESTONES = Object.keys(MILESTONE_RULES) as ShipmentMilestone[];

/** Progress milestones in travel order (the timeline's steps). */
export const PROGRESS_MILESTONES: ShipmentMilestone[] = MILESTONES.filter((m) => MILESTONE_RULES[m].kind === "progress").sort((a, b) => rankOf(a) - rankOf(b));

export const EXCEPTION_MILESTONES: ShipmentMilestone[] = MILESTONES.filter((m) => MILESTONE_RULES[m].kind === "exception");

export function isMilestone(value: unknown): value is ShipmentMilestone {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(MILESTONE_RULES, value);
}

export function isProgress(milestone: ShipmentMilestone): boolean {
  return MILESTONE_RULES[milestone].kind === "progress";
}

export function isException(milestone: ShipmentMilestone): boolean {
  return MILESTONE_RULES[milestone].kind === "exception";
}

/** A progress milestone's rank; -1 for an exception (it never becomes a status). */
export function rankOf(milestone: ShipmentMilestone): number {
  const rule = MILESTONE_RULES[milestone];
  return rule.kind === "progress" ? rule.rank : -1;
}

/** Whether a progress event at `progressAt` closes an exception reported at `exceptionAt`. */
export function resolves(exception: ShipmentMilestone, exceptionAt: Date, progress: ShipmentMilestone, progressAt: Date): boolean {
  const rule = MILESTONE_RULES[exception];
  if (rule.kind !== "exception" || !isProgress(progress)) return false;
  if (rule.resolvedBy === "next") return progressAt.getTime() > exceptionAt.getTime();
  return progressAt.getTime() >= exceptionAt.getTime() && rankOf(progress) >= rankOf(rule.resolvedBy.atLeast);
}

// ─── Carrier vocabularies ──────────────────────────────────────────────────────────────────────────────────────

export const VOCABULARIES = ["dcsa", "aftership", "edifact-9011", "ceb", "ponte"] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

export function isVocabulary(value: unknown): value is Vocabulary {
  return typeof value === "string" && (VOCABULARIES as readonly string[]).includes(value);
}

/**
 * Where an event happened, for codes whose meaning depends on it: DCSA's CUSR is the export release at origin and
 * the import release at destination. "destination" = in the shipment's destination country.
 */
export type Side = "origin" | "destination";

/** One code's meaning: the same everywhere, or per side (a side left out: the code means nothing there). */
type Mapping = ShipmentMilestone | Partial<Record<Side, ShipmentMilestone>>;

/**
 * DCSA Track & Trace v3 event codes (transport, equipment and shipment events share one namespace of 4 letters).
 * Codes not listed (STRP, RSEA, document codes such as DRFT or ISSU…) carry no milestone of their own.
 */
const DCSA: Record<string, Mapping> = {
  CONF: "BOOKED",
  RECE: "BOOKED",
  PICK: { origin: "PICKED_UP", destination: "OUT_FOR_DELIVERY" },
  STUF: { origin: "ARRIVED_AT_HUB" },
  GTIN: { origin: "ARRIVED_AT_EXPORT_SITE", destination: "ARRIVED_DEST" },
  LOAD: { origin: "DEPARTED", destination: "OUT_FOR_DELIVERY" },
  DEPA: "DEPARTED",
  ARRI: { origin: "ARRIVED_AT_HUB", destination: "ARRIVED_DEST" },
  DISC: { origin: "ARRIVED_AT_HUB", destination: "ARRIVED_DEST" },
  CUSR: { origin: "EXPORT_CUSTOMS_CLEARED", destination: "IMPORT_CUSTOMS_CLEARED" },
  // Selected for inspection or scan: a hold at import; at origin it holds the export, which has no milestone of its own.
  CUSI: { origin: "EXCEPTION", destination: "IMPORT_CUSTOMS_HOLD" },
  CUSS: { origin: "EXCEPTION", destination: "IMPORT_CUSTOMS_HOLD" },
  HOLD: "EXCEPTION",
  AVPU: { destination: "OUT_FOR_DELIVERY" },
  DROP: { destination: "DELIVERED" },
  GTOT: { destination: "DELIVERED" },
};

/**
 * AfterShip: 9 tags and their `Tag_NNN` subtags. A subtag not listed means what its tag means. Pending and Expired
 * say that nothing is known: no milestone.
 */
const AFTERSHIP: Record<string, Mapping> = {
  InfoReceived: "BOOKED",
  InTransit: "PICKED_UP",
  InTransit_002: "PICKED_UP",
  InTransit_003: "ARRIVED_AT_HUB",
  InTransit_004: "ARRIVED_DEST",
  InTransit_005: { origin: "EXPORT_CUSTOMS_CLEARED", destination: "IMPORT_CUSTOMS_CLEARED" },
  InTransit_007: "DEPARTED",
  OutForDelivery: "OUT_FOR_DELIVERY",
  AvailableForPickup: "OUT_FOR_DELIVERY",
  AttemptFail: "DELIVERY_FAILED",
  Delivered: "DELIVERED",
  Exception: "EXCEPTION",
  Exception_002: "DELIVERY_FAILED",
  Exception_003: "DELIVERY_FAILED",
  Exception_004: { origin: "EXCEPTION", destination: "IMPORT_CUSTOMS_HOLD" },
  Exception_005: "DELAYED",
  Exception_007: "DELIVERY_FAILED",
  Exception_008: "DELIVERY_FAILED",
  Exception_011: "RETURNED",
  Exception_012: "DAMAGED",
};

/**
 * UN/EDIFACT data element 9011 "Status event, coded" (D96B) and its continuation in UN/ECE Recommendation 24 (trade
 * and transport status codes): the numbers with a milestone. "1 Arrived" at origin is a hub (Hongwan, the HKG cargo
 * terminal); in the destination country the arrival there.
 */
const EDIFACT_9011: Record<string, Mapping> = {
  "1": { origin: "ARRIVED_AT_HUB", destination: "ARRIVED_DEST" },
  "3": "DAMAGED",
  "6": "BOOKED",
  "8": "IMPORT_CUSTOMS_CLEARED",
  "9": "EXPORT_CUSTOMS_CLEARED",
  "12": { origin: "EXPORT_CUSTOMS_CLEARED", destination: "IMPORT_CUSTOMS_CLEARED" },
  "13": "PICKED_UP",
  "18": "DAMAGED",
  "20": "DELAYED",
  "21": "DELIVERED",
  "24": "DEPARTED",
};

/**
 * China's cross-border e-commerce messages: 运抵 (CEB507), 离境 (CEB509), and the declaration list's receipt CEB604
 * with its return status: only 800 (放行, released) is a clearance; a bare CEB604 may be a rejection.
 */
const CEB: Record<string, Mapping> = {
  CEB507: "ARRIVED_AT_EXPORT_SITE",
  CEB604_800: "EXPORT_CUSTOMS_CLEARED",
  CEB509: "DEPARTED",
};

const PONTE: Record<string, Mapping> = Object.fromEntries(MILESTONES.map((m) => [m, m]));

const VOCABULARY_CODES: Record<Vocabulary, Record<string, Mapping>> = { dcsa: DCSA, aftership: AFTERSHIP, "edifact-9011": EDIFACT_9011, ceb: CEB, ponte: PONTE };

/** How a code is compared: DCSA, CEB and our names are upper-case by definition; AfterShip's tags are case-sensitive. */
function normalizeCode(vocabulary: Vocabulary, code: string): string {
  const trimmed = code.trim();
  if (vocabulary === "aftership") return trimmed;
  if (vocabulary === "edifact-9011") return trimmed.replace(/^0+(?=\d)/, "");
  return trimmed.toUpperCase();
}

export type CodeMapping = { ok: true; milestone: ShipmentMilestone } | { ok: false; reason: "unknown_vocabulary" | "unknown_code" | "not_at_this_side" };

/**
 * The canonical milestone of a carrier's code. An unmapped code is refused, not stored as EXCEPTION: a status the
 * carrier meant as routine would otherwise alarm the buyer, and a refusal in the answer tells the carrier (and the
 * log tells us) which mapping to add.
 */
export function mapCarrierCode(vocabulary: string, code: string, side: Side): CodeMapping {
  if (!isVocabulary(vocabulary)) return { ok: false, reason: "unknown_vocabulary" };
  const table = VOCABULARY_CODES[vocabulary];
  const normalized = normalizeCode(vocabulary, code);
  let mapping = Object.prototype.hasOwnProperty.call(table, normalized) ? table[normalized] : undefined;
  if (mapping === undefined && vocabulary === "aftership") {
    const tag = normalized.split("_")[0]!;
    mapping = Object.prototype.hasOwnProperty.call(table, tag) ? table[tag] : undefined;
  }
  if (mapping === undefined) return { ok: false, reason: "unknown_code" };
  if (typeof mapping === "string") return { ok: true, milestone: mapping };
  const milestone = mapping[side];
  return milestone ? { ok: true, milestone } : { ok: false, reason: "not_at_this_side" };
}

/** The codes a vocabulary knows, with their mappings (the simulator picks codes from here; tests walk it). */
export function vocabularyCodes(vocabulary: Vocabulary): Record<string, Mapping> {
  return VOCABULARY_CODES[vocabulary];
}

/** A code of `vocabulary` that means `milestone` on `side`, for senders that speak canonical milestones (the simulator). */
export function codeFor(vocabulary: Vocabulary, milestone: ShipmentMilestone, side: Side): string | null {
  for (const [code, mapping] of Object.entries(VOCABULARY_CODES[vocabulary])) {
    if (typeof mapping === "string" ? mapping === milestone : mapping[side] === milestone) return code;
  }
  return null;
}
