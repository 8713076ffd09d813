import { describe, expect, it } from "vitest";
import {
  CENTER_STEP,
  WORLD_WIDTH,
  fitViewBox,
  greatCircleDistanceKm,
  greatCirclePoints,
  legStatesFromTimes,
  normalizeLongitude,
  parseWorldBackgroundFile,
  routeCenterLongitude,
  routeGeometry,
  worldBackgroundUrl,
  worldHeight,
  worldProjection,
} from "./geo";
import { LOCODES } from "./locodes";

describe("central meridian", () => {
  it("normalizes longitudes into [-180, 180)", () => {
    expect(normalizeLongitude(180)).toBe(-180);
    expect(normalizeLongitude(-190)).toBe(170);
    expect(normalizeLongitude(725)).toBe(5);
  });

  it("centers on the middle of the route's longitudes, across the antimeridian when that is shorter", () => {
    expect(routeCenterLongitude([-46.6, -9.1])).toBe(-30);
    // Zhuhai (113.6°E) to Mexico City (99.1°W) over the Pacific: the center is near the antimeridian, not in Africa.
    expect(Math.abs(routeCenterLongitude([113.6, 140, 170, -160, -120, -99.1]))).toBeGreaterThanOrEqual(165);
    expect(routeCenterLongitude([])).toBe(0);
    for (const c of [routeCenterLongitude([10, 20]), routeCenterLongitude([113, -46])]) expect(c % CENTER_STEP).toBe(0);
  });
});

describe("great circles", () => {
  it("measures Zhuhai → São Paulo at about 18,000 km and Lisbon → São Paulo at about 7,900 km", () => {
    const zuh = LOCODES.get("CNZUH")!.coordinates;
    const sao = LOCODES.get("BRSAO")!.coordinates;
    const lis = LOCODES.get("PTLIS")!.coordinates;
    expect(greatCircleDistanceKm(zuh, sao)).toBeGreaterThan(17_500);
    expect(greatCircleDistanceKm(zuh, sao)).toBeLessThan(18_500);
    expect(greatCircleDistanceKm(lis, sao)).toBeGreaterThan(7_700);
    expect(greatCircleDistanceKm(lis, sao)).toBeLessThan(8_100);
  });

  it("samples an arc from end to end", () => {
    const points = greatCirclePoints([0, 0], [90, 0], 10);
    expect(points).toHaveLength(10);
    expect(points[0][0]).toBeCloseTo(0);
    expect(points[points.length - 1][0]).toBeCloseTo(90);
  });
});

describe("background files", () => {
  it("round-trips its URL and refuses what it does not draw", () => {
    expect(worldBackgroundUrl(-30)).toMatch(/^\/maps\/world\/-30\.v\d+\.svg$/);
    expect(parseWorldBackgroundFile(worldBackgroundUrl(-30).split("/").pop()!)).toBe(-30);
    expect(parseWorldBackgroundFile("7.v1.svg")).toBeNull();
    expect(parseWorldBackgroundFile("180.v1.svg")).toBeNull();
    expect(parseWorldBackgroundFile("30.v999.svg")).toBeNull();
    expect(parseWorldBackgroundFile("../30.svg")).toBeNull();
  });

  it("draws the whole world WORLD_WIDTH wide, about twice as wide as high (Equal Earth)", () => {
    const ratio = WORLD_WIDTH / worldHeight();
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(2.1);
  });
});

describe("route geometry", () => {
  const zhuhaiToSaoPaulo = [
    { fromLocode: "CNZUH", toLocode: "HKHKG", state: "completed" as const },
    { fromLocode: "HKHKG", toLocode: "BRGRU", state: "current" as const, progress: 0.5 },
    { fromLocode: "BRGRU", toLocode: "BRSAO", state: "planned" as const },
  ];

  it("crops to the route with every place inside the view, in the projection of its background", () => {
    const g = routeGeometry(zhuhaiToSaoPaulo);
    const [x, y, w, h] = g.viewBox;
    const projection = worldProjection(g.center);
    for (const code of ["CNZUH", "BRSAO"]) {
      const [px, py] = projection([...LOCODES.get(code)!.coordinates])!;
      expect(px).toBeGreaterThan(x);
      expect(px).toBeLessThan(x + w);
      expect(py).toBeGreaterThan(y);
      expect(py).toBeLessThan(y + h);
    }
    expect(h / w).toBeGreaterThanOrEqual(0.5 - 1e-6);
    expect(h / w).toBeLessThanOrEqual(0.75 + 1e-6);
    expect(g.unplaced).toEqual([]);
  });

  it("draws the current leg travelled part and puts the position on it; nearby places share a marker", () => {
    const g = routeGeometry(zhuhaiToSaoPaulo);
    expect(g.legs[1].path).toMatch(/^M/);
    expect(g.legs[1].travelledPath).toMatch(/^M/);
    expect(g.legs[0].travelledPath).toBe("");
    expect(g.position).not.toBeNull();
    // Zhuhai and Hong Kong are one dot at this scale, as are Guarulhos and São Paulo.
    expect(g.markers.map((m) => [m.role, m.locodes])).toEqual([
      ["origin", ["CNZUH", "HKHKG"]],
      ["destination", ["BRGRU", "BRSAO"]],
    ]);
  });

  it("without a current leg, stands at the end of the last completed one (or at the start)", () => {
    const arrived = routeGeometry([{ fromLocode: "PTLIS", toLocode: "BRSAO", state: "completed" }]);
    const projection = worldProjection(arrived.center);
    const [sx, sy] = projection([...LOCODES.get("BRSAO")!.coordinates])!;
    expect(arrived.position!.x).toBeCloseTo(sx, 0);
    expect(arrived.position!.y).toBeCloseTo(sy, 0);
    const waiting = routeGeometry([{ fromLocode: "PTLIS", toLocode: "BRSAO", state: "planned" }]);
    const [lx] = worldProjection(waiting.center)([...LOCODES.get("PTLIS")!.coordinates])!;
    expect(waiting.position!.x).toBeCloseTo(lx, 0);
  });

  it("names the places it cannot draw and still draws the rest", () => {
    const g = routeGeometry([
      { fromLocode: "XXABC", toLocode: "BRGRU", state: "completed" },
      { fromLocode: "BRGRU", toLocode: "BRSAO", state: "planned" },
    ]);
    expect(g.unplaced).toEqual(["XXABC"]);
    expect(g.legs[0].path).toBe("");
    expect(g.markers.length).toBeGreaterThan(0);
  });

  it("gives the same drawing for the same legs (server and browser agree)", () => {
    expect(JSON.stringify(routeGeometry(zhuhaiToSaoPaulo))).toBe(JSON.stringify(routeGeometry(zhuhaiToSaoPaulo)));
  });

  it("never zooms closer than the coast's detail allows, and keeps the crop inside the world", () => {
    const [x, y, w, h] = fitViewBox([
      [500, 200],
      [501, 201],
    ]);
    expect(w).toBeGreaterThanOrEqual(90);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(WORLD_WIDTH);
    expect(y + h).toBeLessThanOrEqual(worldHeight() + 0.1);
  });
});

describe("leg states from times", () => {
  const day = (n: number) => new Date(Date.UTC(2026, 11, n));
  const leg = (dep: number, arr: number, actualDep: number | null, actualArr: number | null) => ({
    plannedDepartureAt: day(dep),
    plannedArrivalAt: day(arr),
    actualDepartureAt: actualDep ? day(actualDep) : null,
    actualArrivalAt: actualArr ? day(actualArr) : null,
  });

  it("arrived legs are completed, a departed one is current with its progress, the rest planned", () => {
    const states = legStatesFromTimes([leg(1, 2, 1, 2), leg(2, 6, 3, null), leg(6, 7, null, null)], day(5));
    expect(states.map((s) => s.state)).toEqual(["completed", "current", "planned"]);
    // Left on the 3rd, planned to take 4 days, now the 5th: halfway.
    expect(states[1].progress).toBeCloseTo(0.5);
  });

  it("an overrunning leg stays short of its end", () => {
    expect(legStatesFromTimes([leg(1, 2, 1, null)], day(20))[0].progress).toBe(0.95);
  });
});
