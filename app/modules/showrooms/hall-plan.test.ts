import { describe, expect, it } from "vitest";
import { boothProblem, boothsOutside, insidePlan, normalizeBoothCode, overlaps, planDrawing, type BoothRect } from "./hall-plan";

const plan = { width: 40, height: 24 };
const booth = (code: string, x: number, y: number, width: number, height: number, id: string | null = code): BoothRect => ({ id, code, x, y, width, height });

describe("overlaps", () => {
  it("is true when two booths share area, in either order", () => {
    expect(overlaps(booth("A", 0, 0, 4, 4), booth("B", 3, 3, 4, 4))).toBe(true);
    expect(overlaps(booth("B", 3, 3, 4, 4), booth("A", 0, 0, 4, 4))).toBe(true);
  });
  it("is false for booths wall to wall (shared edge) or apart", () => {
    expect(overlaps(booth("A", 0, 0, 4, 4), booth("B", 4, 0, 4, 4))).toBe(false);
    expect(overlaps(booth("A", 0, 0, 4, 4), booth("B", 0, 4, 4, 4))).toBe(false);
    expect(overlaps(booth("A", 0, 0, 4, 4), booth("B", 10, 10, 2, 2))).toBe(false);
  });
  it("is true when one booth holds the other", () => {
    expect(overlaps(booth("A", 0, 0, 10, 10), booth("B", 2, 2, 1, 1))).toBe(true);
  });
});

describe("insidePlan", () => {
  it("accepts a booth touching the plan's far edges", () => {
    expect(insidePlan(booth("A", 36, 20, 4, 4), plan)).toBe(true);
  });
  it("refuses one past an edge, at negative coordinates, or without area", () => {
    expect(insidePlan(booth("A", 37, 0, 4, 4), plan)).toBe(false);
    expect(insidePlan(booth("A", 0, 21, 4, 4), plan)).toBe(false);
    expect(insidePlan(booth("A", -1, 0, 4, 4), plan)).toBe(false);
    expect(insidePlan(booth("A", 0, 0, 0, 4), plan)).toBe(false);
  });
});

describe("boothProblem", () => {
  const existing = [booth("A-01", 2, 2, 10, 8), booth("A-02", 14, 2, 8, 8)];
  it("lets a new booth in free space", () => {
    expect(boothProblem(booth("B-01", 2, 14, 10, 8, null), existing, plan)).toBeNull();
  });
  it("names the booth a new one would overlap", () => {
    expect(boothProblem(booth("B-01", 10, 5, 6, 3, null), existing, plan)).toEqual({ kind: "overlap", code: "A-01" });
  });
  it("ignores the booth itself when it is moved or resized", () => {
    expect(boothProblem(booth("A-01", 5, 2, 10, 8, "A-01"), existing, plan)).toEqual({ kind: "overlap", code: "A-02" });
    expect(boothProblem(booth("A-01", 2, 2, 11, 9, "A-01"), existing, plan)).toBeNull();
  });
  it("refuses a code already used, whatever its case", () => {
    expect(boothProblem(booth("a-02", 30, 14, 2, 2, null), existing, plan)).toEqual({ kind: "duplicate_code", code: "A-02" });
  });
  it("refuses a booth outside the plan before anything else", () => {
    expect(boothProblem(booth("A-02", 39, 23, 4, 4, null), existing, plan)).toEqual({ kind: "outside" });
  });
});

describe("plan helpers", () => {
  it("normalizes codes as printed", () => {
    expect(normalizeBoothCode(" b-12 ")).toBe("B-12");
  });
  it("lists booths a smaller plan would cut off", () => {
    expect(boothsOutside([booth("A", 0, 0, 4, 4), booth("B", 30, 0, 4, 4)], { width: 20, height: 20 })).toEqual(["B"]);
  });
  it("draws booths in code order with their centres", () => {
    const drawing = planDrawing([{ ...booth("B", 4, 0, 2, 2), occupied: false }, { ...booth("A", 0, 0, 4, 2), occupied: true }], { width: 8, height: 4 });
    expect(drawing.viewBox).toBe("0 0 8 4");
    expect(drawing.rects.map((r) => [r.code, r.labelX, r.labelY])).toEqual([
      ["A", 2, 1],
      ["B", 5, 1],
    ]);
    expect(drawing.gridLines.vertical).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
