import { describe, expect, it } from "vitest";
import { parseListingSearch } from "~/modules/catalog/listing.server";
import { parseProductForm } from "~/modules/catalog/product-form.server";
import { parsePriceCell } from "~/modules/catalog/spreadsheet-format";
import { CURRENCIES } from "~/modules/money/currencies";

const USD = CURRENCIES.find((c) => c.code === "USD")!;

function productForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries({ currencyCode: "USD", "tier.0.minQuantity": "10", ...fields })) form.set(key, value);
  return form;
}

/** The amount as each entry point reads it: the form's tier price, the browse filter, the import's cell. */
function everywhere(typed: string) {
  const parsed = parseProductForm(productForm({ "tier.0.unitPrice": typed }), "en");
  const formError = parsed.ok ? undefined : parsed.fieldErrors["tier.0.unitPrice"];
  const filter = parseListingSearch(new URLSearchParams({ priceMin: typed }), USD);
  return {
    form: formError ?? "read",
    filter: filter.filters.priceMin === typed ? "read" : filter.invalid.includes("priceMin") ? "refused" : "?",
    import: parsePriceCell(typed, USD.exponent),
  };
}

describe("one parser for typed amounts: product form, price filters and spreadsheet import agree", () => {
  it("refuses '0.425' (three decimals in a two-decimal currency) everywhere instead of storing 425.00", () => {
    const seen = everywhere("0.425");
    expect(seen.import).toBeNull();
    expect(seen.filter).toBe("refused");
    expect(seen.form).toMatch(/at most 2/);
  });

  it("reads the ambiguous '12.345' the same way everywhere: too many decimals, never twelve thousand", () => {
    for (const typed of ["12.345", "1,234"]) {
      const seen = everywhere(typed);
      expect(seen, typed).toMatchObject({ filter: "refused", import: null });
      expect(seen.form, typed).toMatch(/at most 2/);
    }
  });

  it("reads unambiguous amounts the same way everywhere", () => {
    for (const [typed, minor] of [
      ["0.42", 42n],
      ["12,50", 1250n],
      ["1.234,56", 123_456n],
      ["1,234.56", 123_456n],
      ["1.234.567", 123_456_700n],
    ] as const) {
      expect(parsePriceCell(typed, 2), typed).toBe(minor);
      expect(everywhere(typed), typed).toMatchObject({ filter: "read" });
      const parsed = parseProductForm(productForm({ "tier.0.unitPrice": typed }), "en");
      expect(parsed.ok ? undefined : parsed.fieldErrors["tier.0.unitPrice"], typed).toBeUndefined();
    }
  });

  it("says why in the user's language: too many decimals, or not an amount", () => {
    const message = (lang: "pt" | "es" | "zh" | "en", typed: string) => {
      const parsed = parseProductForm(productForm({ "tier.0.unitPrice": typed, sampleAvailable: "on", samplePrice: typed }), lang);
      if (parsed.ok) throw new Error("should fail");
      expect(parsed.fieldErrors.samplePrice).toBe(parsed.fieldErrors["tier.0.unitPrice"]);
      return parsed.fieldErrors["tier.0.unitPrice"];
    };
    expect(message("pt", "0,425")).toContain("no máximo 2");
    expect(message("es", "0.425")).toContain("como máximo 2");
    expect(message("zh", "0.425")).toContain("最多输入 2 位");
    expect(message("en", "0.425")).toContain("at most 2");
    expect(message("en", "twelve")).toBe("console.form.invalidAmount");
    const empty = parseProductForm(productForm({ "tier.0.unitPrice": "" }), "en");
    expect(empty.ok ? undefined : empty.fieldErrors["tier.0.unitPrice"]).toBe("validation.required");
  });
});
