import { describe, expect, it } from "vitest";
import { LOCODE } from "./carrier-wire";
import { LOCODES, findLocode, locodeCoordinates, locodeName, normalizeLocode } from "./locodes";

describe("UN/LOCODE places", () => {
  it("are well-formed codes of their own country, with coordinates on Earth and a real time zone", () => {
    expect(LOCODES.size).toBeGreaterThan(20);
    for (const [code, place] of LOCODES) {
      expect(code).toMatch(LOCODE);
      expect(code.slice(0, 2)).toBe(place.countryCode);
      const [lon, lat] = place.coordinates;
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(() => new Intl.DateTimeFormat("en", { timeZone: place.timeZone })).not.toThrow();
      expect(place.name.length).toBeGreaterThan(0);
      expect(place.nameZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("hold the route's places: the delta, the hubs and every market", () => {
    for (const code of ["CNZUH", "HKHKG", "CNSHK", "CNYTN", "BRGRU", "BRSAO", "BRSSZ", "MXMEX", "PTLIS", "COBOG", "CLSCL", "PELIM", "AOLAD", "MZMPM"]) {
      expect(findLocode(code), code).toBeDefined();
    }
  });

  it("sit where they are: São Paulo in the southern and western hemispheres, Zhuhai in the northern and eastern", () => {
    const [sLon, sLat] = locodeCoordinates("BRSAO")!;
    expect(sLat).toBeLessThan(0);
    expect(sLon).toBeLessThan(0);
    const [zLon, zLat] = locodeCoordinates("CNZUH")!;
    expect(zLat).toBeGreaterThan(22);
    expect(zLon).toBeGreaterThan(113);
  });

  it("are found whatever the spacing and case", () => {
    expect(normalizeLocode("br sao")).toBe("BRSAO");
    expect(findLocode("br sao")?.name).toBe("São Paulo");
    expect(findLocode(null)).toBeUndefined();
    expect(locodeCoordinates("XXXXX")).toBeUndefined();
  });

  it("are named in Chinese for Chinese readers, locally for the others", () => {
    expect(locodeName("BRSAO", "zh")).toBe("圣保罗");
    expect(locodeName("BRSAO", "es")).toBe("São Paulo");
    expect(locodeName("XXABC", "pt")).toBe("XXABC");
  });
});
