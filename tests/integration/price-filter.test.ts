import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverT } from "~/modules/i18n/i18n.server";
// A test may drive a route's loader directly (modules never import routes; tests are not modules).
import { loader as browseLoader } from "../../app/routes/$lang.products._index";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await setupTestDatabase();
});
afterAll(() => database?.cleanup());

const browse = (query: string, lang = "pt") =>
  browseLoader({ request: new Request(`http://localhost/${lang}/products?${query}`), params: { lang }, context: { cspNonce: "" } });

describe("price filters read amounts like the product form and the import", () => {
  it("refuses '0.425' and '12.345' (too many decimals) and says how prices are typed", async () => {
    for (const typed of ["0.425", "12.345", "1,234"]) {
      const page = await browse(`priceMin=${encodeURIComponent(typed)}`);
      expect(page.filters.priceMin, typed).toBeNull();
      expect(page.invalid, typed).toEqual(["priceMin"]);
      expect(page.priceFormat, typed).toEqual({ currency: expect.stringMatching(/^[A-Z]{3}$/), decimals: 2 });
    }
    const both = await browse("priceMin=abc&priceMax=0.125", "es");
    expect(both.invalid).toEqual(["priceMin", "priceMax"]);
    expect(both.priceFormat).not.toBeNull();
    expect(serverT("es")("browse.results.priceDecimals", { currency: "USD", decimals: 2 })).toContain("como máximo 2 decimales");
    expect(serverT("zh")("browse.results.priceWholeOnly", { currency: "CLP" })).toContain("CLP 价格没有小数");
  });

  it("keeps readable bounds and shows no hint", async () => {
    const page = await browse("priceMin=0,42&priceMax=1.234,50");
    expect(page.filters).toMatchObject({ priceMin: "0,42", priceMax: "1.234,50" });
    expect(page.invalid).toEqual([]);
    expect(page.priceFormat).toBeNull();
  });
});
