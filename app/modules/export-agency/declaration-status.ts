/**
 * A declaration's statuses as one table (pure): draft → validated → submitted → released → cleared, or rejected with
 * a reason; a formal amendment takes a submitted (or later) declaration back to draft under a new guid and version.
 * declaration-lifecycle.server.ts applies it; nothing else changes a declaration's status.
 */
import type { CustomsMode, DeclarationStatus } from "~/generated/prisma/enums";

export const DECLARATION_STATUSES = ["DRAFT", "VALIDATED", "SUBMITTED", "RELEASED", "CLEARED", "REJECTED"] as const satisfies readonly DeclarationStatus[];

export const CUSTOMS_MODES = ["B2B_DIRECT_9710", "OVERSEAS_WAREHOUSE_9810"] as const satisfies readonly CustomsMode[];
/** The agent's queue filter: the open ones (everything not yet cleared) by default. */
export const QUEUE_FILTERS = ["OPEN", ...DECLARATION_STATUSES, "ALL"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export type DeclarationAction = "validate" | "submit" | "release" | "clear" | "reject" | "amend" | "reopen";

export interface TransitionRule {
  from: readonly DeclarationStatus[];
  to: DeclarationStatus;
  /** Whether the agent must say why (kept in the event's note, and as the rejection reason). */
  reasonRequired: boolean;
  /** The dated column stamped on arrival. */
  stamps: "validatedAt" | "submittedAt" | "releasedAt" | "clearedAt" | "rejectedAt" | null;
}

export const TRANSITIONS: Record<DeclarationAction, TransitionRule> = {
  // Only with no mismatch left (checked by the lifecycle against matchDocuments).
  validate: { from: ["DRAFT"], to: "VALIDATED", reasonRequired: false, stamps: "validatedAt" },
  // Back to draft before filing, to change something after validating.
  reopen: { from: ["VALIDATED"], to: "DRAFT", reasonRequired: false, stamps: null },
  submit: { from: ["VALIDATED"], to: "SUBMITTED", reasonRequired: false, stamps: "submittedAt" },
  release: { from: ["SUBMITTED"], to: "RELEASED", reasonRequired: false, stamps: "releasedAt" },
  clear: { from: ["RELEASED"], to: "CLEARED", reasonRequired: false, stamps: "clearedAt" },
  reject: { from: ["SUBMITTED", "RELEASED"], to: "REJECTED", reasonRequired: true, stamps: "rejectedAt" },
  // A formal amendment: version + 1, a new guid, the previous values kept in the event.
  amend: { from: ["SUBMITTED", "RELEASED", "CLEARED", "REJECTED"], to: "DRAFT", reasonRequired: true, stamps: null },
};

/** The order the actions are offered in. */
export const ACTIONS: readonly DeclarationAction[] = ["validate", "reopen", "submit", "release", "clear", "reject", "amend"];

/** A declaration's waybill and list may be changed only before it is filed with customs. */
export const EDITABLE_STATUSES: readonly DeclarationStatus[] = ["DRAFT", "VALIDATED"];

export function isEditable(status: DeclarationStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function actionsFrom(status: DeclarationStatus): DeclarationAction[] {
  return ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

export function mayApply(status: DeclarationStatus, action: DeclarationAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}
