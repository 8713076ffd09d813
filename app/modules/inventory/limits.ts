import type { DiscrepancyKind } from "~/generated/prisma/enums";

/**
 * Limits and lists of the inventory forms, shared by the server modules and the pages (which render them as input
 * attributes and options): plain constants, safe in the browser bundle.
 */

/** The longest reason kept on a movement (adjustments, counts). */
export const MAX_REASON_LENGTH = 500;
/** The largest counted figure or adjustment accepted (a sanity bound). */
export const MAX_COUNT = 10_000_000;
/** The largest figure one receipt line accepts (a sanity bound, far above any container). */
export const MAX_UNITS = 1_000_000;
export const DISCREPANCY_KINDS = ["SHORT", "OVER", "DAMAGED"] as const satisfies readonly DiscrepancyKind[];
export const MAX_PHOTOS_PER_DISCREPANCY = 6;
export const MAX_DISCREPANCIES_PER_RECEIPT = 50;
/** The largest number of discrepancy rows the receiving form posts. */
export const MAX_DISCREPANCY_ROWS = 20;
export const MAX_NOTE_LENGTH = 1000;
