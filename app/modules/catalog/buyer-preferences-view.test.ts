import { describe, expect, it } from "vitest";
import { buyerPreferencesView, type BuyerContext } from "./buyer-context.server";

const paulista: BuyerContext = {
  currencyCode: "BRL",
  currencySource: "account",
  countryCode: "BR",
  countrySource: "organization",
  regionCode: "SP",
  regionSource: "organization",
  organizationName: "Casa Paulista Distribuidora",
  signedIn: true,
};

describe("buyerPreferencesView", () => {
  it("names the buyer's country and state in the page's language, with the states sorted for it", () => {
    const view = buyerPreferencesView(paulista, "pt");
    expect(view).toMatchObject({ currencyCode: "BRL", countryCode: "BR", countryName: "Brasil", regionCode: "SP", regionName: "São Paulo", organizationName: "Casa Paulista Distribuidora" });
    expect(view.regions).toHaveLength(27);
    expect(view.regions[0]).toEqual({ value: "AC", label: "Acre (AC)" });
    const labels = view.regions.map((r) => r.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "pt-BR")));
    expect(view.countries.find((c) => c.value === "CN")?.label).toBe("China");
    expect(buyerPreferencesView(paulista, "zh").countryName).toBe("巴西");
    expect(buyerPreferencesView({ ...paulista, countryCode: "PT", regionCode: null }, "pt").regions).toEqual([]);
  });

  it("gives every page its own lists: one page's changes never reach the next page", () => {
    const first = buyerPreferencesView(paulista, "pt");
    first.regions[0]!.label = "changed";
    first.countries.length = 0;
    const second = buyerPreferencesView(paulista, "pt");
    expect(second.regions[0]!.label).toBe("Acre (AC)");
    expect(second.countries.length).toBeGreaterThan(20);
  });
});
