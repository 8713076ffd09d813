import { describe, expect, it } from "vitest";
import { variantLabel } from "~/modules/ordering/cart.server";
import { colorIn, colorNamesInput, colorNamesOf } from "./variant-colour";

describe("a variant's colour per language", () => {
  const white = { color: "White", colorNames: { zh: "白色", pt: "Branco", es: "" } };

  it("reads the buyer's language, else the colour as typed", () => {
    expect(colorIn(white, "zh")).toBe("白色");
    expect(colorIn(white, "pt")).toBe("Branco");
    // An empty name is no name.
    expect(colorIn(white, "es")).toBe("White");
    expect(colorIn({ color: "White", colorNames: {} }, "zh")).toBe("White");
    expect(colorIn({ color: null, colorNames: null }, "en")).toBeNull();
  });

  it("keeps only the marketplace's languages with a non-empty name, whatever the stored JSON holds", () => {
    expect(colorNamesOf({ zh: " 白色 ", fr: "Blanc", pt: 3, es: "  " })).toEqual({ zh: "白色" });
    for (const junk of [null, "白色", ["白色"], 7]) expect(colorNamesOf(junk)).toEqual({});
    expect(colorNamesInput({ es: "" })).toBeUndefined();
    expect(colorNamesInput({ en: "White" })).toEqual({ en: "White" });
  });

  it("labels cart lines in the reader's language", () => {
    const variant = { sku: "GL-RV30-N", voltage: "100-240V", plugType: "N", capacity: null, ...white };
    expect(variantLabel(variant, "zh")).toBe("100-240V · N · 白色");
    expect(variantLabel(variant, "pt")).toBe("100-240V · N · Branco");
    expect(variantLabel(variant, "en")).toBe("100-240V · N · White");
  });
});
