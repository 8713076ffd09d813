/**
 * The hall plan: booths are rectangles on the storefront's grid (planWidth × planHeight units). Pure: the console's
 * form and the seed are checked here before anything is written; the database only refuses negative geometry.
 */

export interface PlanSize {
  width: number;
  height: number;
}

export interface BoothRect {
  /** Null for a booth not saved yet. */
  id: string | null;
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type BoothProblem = { kind: "outside" } | { kind: "overlap"; code: string } | { kind: "duplicate_code"; code: string };

/** Two rectangles share area (touching edges do not count: booths may stand wall to wall). */
export function overlaps(a: Omit<BoothRect, "id" | "code">, b: Omit<BoothRect, "id" | "code">): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function insidePlan(booth: Omit<BoothRect, "id" | "code">, plan: PlanSize): boolean {
  return booth.x >= 0 && booth.y >= 0 && booth.width >= 1 && booth.height >= 1 && booth.x + booth.width <= plan.width && booth.y + booth.height <= plan.height;
}

/** Booth codes are compared as printed: "a-1" and "A-1" are the same booth. */
export function normalizeBoothCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * What stops `booth` from taking its place among `others` (the booth itself, by id, is ignored among them): outside
 * the plan, a code already used, or the first booth it would overlap. Null when it fits.
 */
export function boothProblem(booth: BoothRect, others: readonly BoothRect[], plan: PlanSize): BoothProblem | null {
  if (!insidePlan(booth, plan)) return { kind: "outside" };
  const rest = others.filter((other) => booth.id === null || other.id !== booth.id);
  const code = normalizeBoothCode(booth.code);
  const sameCode = rest.find((other) => normalizeBoothCode(other.code) === code);
  if (sameCode) return { kind: "duplicate_code", code: sameCode.code };
  const hit = rest.find((other) => overlaps(booth, other));
  return hit ? { kind: "overlap", code: hit.code } : null;
}

/** Booths that no longer fit when the plan shrinks to `plan` (their codes), so the operator moves them first. */
export function boothsOutside(booths: readonly BoothRect[], plan: PlanSize): string[] {
  return booths.filter((b) => !insidePlan(b, plan)).map((b) => b.code);
}

/** The SVG preview's geometry: one unit per grid cell, scaled by the viewBox, booths sorted by code for reading order. */
export function planDrawing<T extends BoothRect & { occupied: boolean }>(booths: readonly T[], plan: PlanSize) {
  const gridLines = {
    vertical: Array.from({ length: plan.width - 1 }, (_, i) => i + 1),
    horizontal: Array.from({ length: plan.height - 1 }, (_, i) => i + 1),
  };
  const rects = [...booths].sort((a, b) => a.code.localeCompare(b.code)).map((b) => ({ ...b, labelX: b.x + b.width / 2, labelY: b.y + b.height / 2 }));
  return { viewBox: `0 0 ${plan.width} ${plan.height}`, gridLines, rects };
}
