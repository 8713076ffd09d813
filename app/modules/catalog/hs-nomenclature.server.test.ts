import { describe, expect, it } from "vitest";
import { hsSubheading, isKnownHsSubheading } from "./hs-nomenclature.server";

describe("the HS 2022 nomenclature", () => {
  it("knows the current subheadings and their descriptions", () => {
    expect(hsSubheading("851713")).toMatchObject({ code: "851713", heading: { code: "8517" } });
    expect(hsSubheading("8516.60")?.description).toMatch(/ovens/i);
    expect(hsSubheading("3707902000")).toMatchObject({ code: "370790" });
    expect(isKnownHsSubheading("841510")).toBe(true);
  });

  it("refuses codes HS 2022 does not have", () => {
    expect(isKnownHsSubheading("851712")).toBe(false); // HS 2017 smartphones, split in 2022
    expect(isKnownHsSubheading("853950")).toBe(false); // HS 2017 LED lamps, moved in 2022
    expect(isKnownHsSubheading("850000")).toBe(false); // never existed
    expect(isKnownHsSubheading("8517")).toBe(false);
  });
});

describe("the demo catalog's codes", () => {
  it("are all HS 2022 subheadings, with China codes that extend them", async () => {
    const { DEMO_CATALOG } = await import("../../../prisma/seed-demo-catalog");
    const products = DEMO_CATALOG.flatMap((maker) => maker.products);
    for (const product of products) {
      expect(isKnownHsSubheading(product.hs), `${product.shape} ${product.hs}`).toBe(true);
      expect(product.hsCn.startsWith(product.hs), `${product.shape} ${product.hsCn}`).toBe(true);
    }
    // An air fryer is an oven (8516.60), not "other electro-thermic appliances"; laser toner powder is 3707902000.
    expect(products.find((p) => p.shape === "air-fryer")?.hs).toBe("851660");
    expect(products.find((p) => p.shape === "toner-powder")?.hsCn).toBe("3707902000");
  });
});
