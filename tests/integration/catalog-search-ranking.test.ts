import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_FILTERS, queryListing } from "~/modules/catalog/listing.server";
import { productSearchFilter, reindexProducts } from "~/modules/catalog/search.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { createFixtureProduct, type FixtureTranslation } from "../support/catalog-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * Ranking: a word in the name (weight A) beats one in the brand, category or short description (B), which beats
 * one in the long description or specifications (C); matches in the buyer's language count double.
 * The slugs sort OPPOSITE to the expected ranking, so that a tie (a weight changed, a boost dropped) shows up
 * as the listing's slug order instead of passing by luck.
 */
type Tr = FixtureTranslation;

const PRODUCTS: { slug: string; source: Lang; tr: Partial<Record<Lang, Tr>> }[] = [
  { slug: "aa-long", source: "pt", tr: { pt: { name: "Campainha Sem Fio", long: "Toca um zumbador suave na porta de entrada." } } },
  { slug: "bb-spec", source: "pt", tr: { pt: { name: "Sirene de Alarme", specs: [{ label: "Sinal", value: "Apito" }] } } },
  { slug: "mm-short", source: "pt", tr: { pt: { name: "Alarme Residencial", short: "Zumbador potente de 90 dB" } } },
  { slug: "yy-es-name", source: "es", tr: { es: { name: "Zumbador Piezoeléctrico" } } },
  { slug: "zz-name", source: "pt", tr: { pt: { name: "Zumbador Piezoelétrico 12V" } } },
  { slug: "zz-apito", source: "pt", tr: { pt: { name: "Apito de Segurança" } } },
];

let database: TestDatabase;
let rates: RateTable;

beforeAll(async () => {
  database = await setupTestDatabase();
  const orgId = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Ranking Maker", countryCode: "CN" } })).id;
  const scoped = forOrganization(orgId);
  const brand = await scoped.brand.create({ data: { name: "SomBrand", slug: "sombrand" } as never });
  const category = await unscopedDb.category.findUniqueOrThrow({ where: { slug: "kitchen-appliances" } });
  const ids: string[] = [];
  for (const seed of PRODUCTS) {
    ids.push(await createFixtureProduct(orgId, { ...seed, brandId: brand.id, categoryId: category.id, hsCode: "853110" }));
  }
  await reindexProducts(scoped, ids);
  rates = await ratesAsOf();
});
afterAll(() => database?.cleanup());

/** The browse listing sorted by relevance, as a buyer sees it. */
async function ranked(q: string, lang: Lang): Promise<string[]> {
  const result = await queryListing({ lang, currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q }, sort: "relevance", limit: 100 });
  expect(result.sort).toBe("relevance");
  return result.rows.map((r) => r.slug);
}

/** The search's own scores, by slug. */
async function scores(q: string, lang: Lang): Promise<Record<string, number>> {
  const filter = await productSearchFilter(q, lang);
  const rows = await unscopedDb.$queryRaw<{ slug: string; rank: number }[]>`
    SELECT p.slug, ${filter!.rank} AS rank FROM "Product" p WHERE ${filter!.match}`;
  return Object.fromEntries(rows.map((r) => [r.slug, r.rank]));
}

describe("search ranking", () => {
  it("puts name matches above short-description matches above long-description matches", async () => {
    expect(await ranked("zumbador", "pt")).toEqual(["zz-name", "yy-es-name", "mm-short", "aa-long"]);
  });

  it("weighs A 1.0, B 0.4, C 0.2 (PostgreSQL's defaults), doubled in the buyer's language", async () => {
    const s = await scores("zumbador", "pt");
    expect(Object.keys(s).sort()).toEqual(["aa-long", "mm-short", "yy-es-name", "zz-name"]);
    // Ratios are exact whatever ts_rank's scale: same word, one occurrence each.
    expect(s["zz-name"]! / s["aa-long"]!).toBeCloseTo(5, 3);
    expect(s["mm-short"]! / s["aa-long"]!).toBeCloseTo(2, 3);
    expect(s["zz-name"]! / s["yy-es-name"]!).toBeCloseTo(2, 3);
  });

  it("prefers the name in the buyer's own language", async () => {
    expect(await ranked("zumbador", "es")).toEqual(["yy-es-name", "zz-name", "mm-short", "aa-long"]);
  });

  it("ranks a specification match like the long description, below the name", async () => {
    // "apito": the name of zz-apito (A) and a specification value of bb-spec (C).
    expect(await ranked("apito", "pt")).toEqual(["zz-apito", "bb-spec"]);
    const s = await scores("apito", "pt");
    expect(s["zz-apito"]! / s["bb-spec"]!).toBeCloseTo(5, 3);
  });

  it("ranks a brand match like the short description", async () => {
    // Every product carries the brand (B): pt translations score alike, the Spanish one half (not the buyer's).
    const s = await scores("sombrand", "pt");
    expect(Object.keys(s)).toHaveLength(PRODUCTS.length);
    const zumbador = await scores("zumbador", "pt");
    for (const slug of ["aa-long", "bb-spec", "mm-short", "zz-name", "zz-apito"]) expect(s[slug]!, slug).toBeCloseTo(zumbador["mm-short"]!, 6);
    expect(s["mm-short"]! / s["yy-es-name"]!).toBeCloseTo(2, 3);
  });
});
