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

// A visitor who chose Brazil and São Paulo on the page (cookies): both lists are offered.
const visitor: BuyerContext = { ...paulista, currencySource: "cookie", countrySource: "cookie", regionSource: "cookie", organizationName: null, signedIn: false };

describe("buyerPreferencesView", () => {
  it("names the buyer's country and state in the page's language, with the states sorted for it", () => {
    const view = buyerPreferencesView(visitor, "pt");
    expect(view).toMatchObject({ currencyCode: "BRL", countryCode: "BR", countryName: "Brasil", regionCode: "SP", regionName: "São Paulo" });
    expect(view.regions).toHaveLength(27);
    expect(view.regions[0]).toEqual({ value: "AC", label: "Acre (AC)" });
    const labels = view.regions.map((r) => r.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "pt-BR")));
    expect(view.countries.find((c) => c.value === "CN")?.label).toBe("China");
    expect(buyerPreferencesView(paulista, "zh").countryName).toBe("巴西");
    expect(buyerPreferencesView({ ...visitor, countryCode: "PT", regionCode: null }, "pt").regions).toEqual([]);
  });

  it("sends no list a buyer organization cannot choose from: its country and state are the company's", () => {
    const view = buyerPreferencesView(paulista, "pt");
    expect(view).toMatchObject({ countryName: "Brasil", regionName: "São Paulo", organizationName: "Casa Paulista Distribuidora", countries: [], regions: [] });
    // An organization without a state on its address still picks one (delivery times depend on it).
    expect(buyerPreferencesView({ ...paulista, regionCode: null, regionSource: null }, "pt").regions).toHaveLength(27);
  });

  it("gives every page its own lists: one page's changes never reach the next page", () => {
    const first = buyerPreferencesView(visitor, "pt");
    first.regions[0]!.label = "changed";
    first.countries.length = 0;
    const second = buyerPreferencesView(visitor, "pt");
    expect(second.regions[0]!.label).toBe("Acre (AC)");
    expect(second.countries.length).toBeGreaterThan(20);
  });
});
