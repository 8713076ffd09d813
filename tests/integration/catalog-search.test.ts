import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import {
  explainProductSearch,
  productSearchFilter,
  reindexProducts,
  suggest,
  type SearchClient,
} from "~/modules/catalog/search.server";
import { listingCountSql, listingFacets, listingSql, NO_FILTERS, queryListing } from "~/modules/catalog/listing.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { ratesAsOf } from "~/modules/money/fx.server";
// A test may drive a route's loader directly (modules never import routes; tests are not modules).
import { loader as suggestLoader } from "../../app/routes/$lang.search.suggest";
import { createFixtureProduct, type FixtureTranslation } from "../support/catalog-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

type Tr = FixtureTranslation;
interface Seed {
  slug: string;
  org: "a" | "b";
  category: string;
  source: Lang;
  status?: "PUBLISHED" | "DRAFT";
  tr: Partial<Record<Lang, Tr>>;
}

const PRODUCTS: Seed[] = [
  {
    slug: "ar-inverter",
    org: "a",
    category: "air-conditioning",
    source: "zh",
    tr: {
      zh: { name: "变频空调 12000BTU", short: "一级能效，静音" },
      es: { name: "Aire Acondicionado Inverter 12000 BTU", short: "Bajo consumo, silencioso" },
      pt: { name: "Ar-Condicionado Split Inverter 12000 BTUs" },
      en: { name: "Inverter Air Conditioner 12000 BTU" },
    },
  },
  {
    slug: "cafeteira-eletrica",
    org: "a",
    category: "kitchen-appliances",
    source: "pt",
    tr: {
      pt: { name: "Cafeteira Elétrica 1,2 L", short: "Prepara até 12 xícaras", specs: [{ label: "Tensão", value: "127 V" }] },
      en: { name: "Electric Coffee Maker 1.2 L" },
      zh: { name: "电动咖啡机 1.2升" },
    },
  },
  {
    slug: "moedor-de-graos",
    org: "a",
    category: "kitchen-appliances",
    source: "pt",
    tr: { pt: { name: "Moedor de Grãos com Lâminas de Aço", long: "Ideal para usar com a sua cafeteira todas as manhãs." } },
  },
  { slug: "ferro-a-vapor", org: "a", category: "cleaning-appliances", source: "pt", tr: { pt: { name: "Ferro de Passar a Vapor" } } },
  { slug: "forro-pvc", org: "a", category: "bathroom-accessories", source: "pt", tr: { pt: { name: "Forro de PVC para Banheiro" } } },
  {
    slug: "cafeteira-secreta",
    org: "a",
    category: "kitchen-appliances",
    source: "pt",
    status: "DRAFT",
    tr: { pt: { name: "Cafeteira Quantum Secreta" } },
  },
  {
    slug: "bateria-litio",
    org: "b",
    category: "power-banks",
    source: "zh",
    tr: {
      zh: { name: "锂电池 10000mAh" },
      pt: { name: "Bateria de Lítio 10000mAh" },
      es: { name: "Batería de Litio 10000mAh" },
    },
  },
  {
    slug: "carregador-rapido",
    org: "b",
    category: "chargers-cables",
    source: "en",
    tr: { zh: { name: "快速充电器 20W" }, en: { name: "Fast Charger 20W", long: "USB-C PD fast charging for phones." } },
  },
  {
    slug: "torneiras-cozinha",
    org: "b",
    category: "faucets",
    source: "pt",
    tr: { pt: { name: "Kit 2 Torneiras Gourmet para Cozinha" }, es: { name: "Kit 2 Grifos de Cocina" } },
  },
  { slug: "lampada-led", org: "b", category: "led-lighting", source: "pt", tr: { pt: { name: "Lâmpada LED 9W Bivolt" }, zh: { name: "LED灯泡 9瓦" } } },
  { slug: "fita-led", org: "b", category: "led-lighting", source: "en", tr: { en: { name: "LED Strip 5 m" }, zh: { name: "LED灯带 5米" } } },
  {
    slug: "relogio-inteligente",
    org: "b",
    category: "smartwatches",
    source: "es",
    tr: { es: { name: "Reloj Inteligente Deportivo" }, pt: { name: "Relógio Inteligente Esportivo" }, en: { name: "Sports Smartwatch" } },
  },
];

let database: TestDatabase;
const orgs: Record<"a" | "b", string> = { a: "", b: "" };
const ids = new Map<string, string>();

async function createProduct(seed: Seed, brandId: string) {
  const category = await unscopedDb.category.findUniqueOrThrow({ where: { slug: seed.category } });
  ids.set(seed.slug, await createFixtureProduct(orgs[seed.org], { ...seed, brandId, categoryId: category.id }, { withVariant: true }));
}

/**
 * What a buyer finds, best first: the browse listing sorted by relevance, every page read (`limit` rows a page, so
 * that small pages cross from the ranked candidates to the further matches). Checked against the plain
 * conditions of productSearchFilter: the same products, the same count.
 */
async function search(q: string, lang: Lang = "pt", options: { candidates?: number; limit?: number } = {}): Promise<string[]> {
  const rates = await ratesAsOf();
  const slugs: string[] = [];
  let after: string | null = null;
  let count: { value: number; capped: boolean } | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await queryListing({
      lang,
      currency: rates.currency("USD"),
      rates,
      filters: { ...NO_FILTERS, q },
      sort: "relevance",
      limit: options.limit ?? 100,
      after,
      searchCandidates: options.candidates,
    });
    count ??= result.count;
    slugs.push(...result.rows.map((r) => r.slug));
    after = result.next;
    if (!after) break;
  }
  const filter = await productSearchFilter(q, lang);
  const rows = filter
    ? await unscopedDb.$queryRaw<{ slug: string }[]>`SELECT p.slug FROM "Product" p WHERE p.status = 'PUBLISHED' AND ${filter.match} ORDER BY ${filter.rank} DESC, p.id`
    : [];
  expect([...slugs].sort(), q).toEqual(rows.map((r) => r.slug).sort());
  expect(count, q).toEqual({ value: slugs.length, capped: false });
  return slugs;
}

async function terms(locale: Lang): Promise<Record<string, number>> {
  const rows = await unscopedDb.searchTerm.findMany({ where: { locale } });
  return Object.fromEntries(rows.map((r) => [r.term, r.frequency]));
}

beforeAll(async () => {
  database = await setupTestDatabase();
  orgs.a = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Gree-Lux Electrical", countryCode: "CN" } })).id;
  orgs.b = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Sunvoltx Trading", legalNameZh: "顺伏贸易有限公司", countryCode: "CN" } })).id;
  const brandA = await forOrganization(orgs.a).brand.create({ data: { name: "GreeLux", slug: "greelux" } as never });
  const brandB = await forOrganization(orgs.b).brand.create({ data: { name: "VoltMax", slug: "voltmax" } as never });
  for (const seed of PRODUCTS) await createProduct(seed, seed.org === "a" ? brandA.id : brandB.id);
  // SKUs are indexed: codes like a maker's (PX-00-A), not the fixture's slug-based ones, which would add name words.
  for (const [index, seed] of PRODUCTS.entries()) {
    await unscopedDb.productVariant.updateMany({ where: { productId: ids.get(seed.slug)! }, data: { sku: `PX-${String(index).padStart(2, "0")}-A` } });
  }
  // Each manufacturer reindexes its own products, through its scoped client, as the console and import do.
  await reindexProducts(forOrganization(orgs.a), PRODUCTS.filter((p) => p.org === "a").map((p) => ids.get(p.slug)!));
  await reindexProducts(forOrganization(orgs.b), PRODUCTS.filter((p) => p.org === "b").map((p) => ids.get(p.slug)!));
});
afterAll(() => database?.cleanup());

describe("searching in Portuguese, Spanish and English", () => {
  it("stems and folds accents and case", async () => {
    expect(await search("baterias")).toContain("bateria-litio");
    expect(await search("BATERÍA", "es")).toContain("bateria-litio");
    expect(await search("acondicionado", "es")).toEqual(["ar-inverter"]);
    expect(await search("torneira")).toEqual(["torneiras-cozinha"]);
    expect(await search("cafeteira eletrica")).toEqual(["cafeteira-eletrica"]);
    expect(await search("CAFETEIRA ELÉTRICA")).toEqual(["cafeteira-eletrica"]);
    expect(await search("relogios")).toEqual(["relogio-inteligente"]);
  });

  it("ANDs the words of a query, keeps quoted phrases in order, and excludes -words", async () => {
    expect(await search("bateria carregador")).toEqual([]);
    expect(await search("lampada led")).toEqual(["lampada-led"]);
    expect(await search('"air conditioner"', "en")).toEqual(["ar-inverter"]);
    expect(await search('"conditioner air"', "en")).toEqual([]);
    expect((await search("led")).sort()).toEqual(["fita-led", "lampada-led"]);
    expect(await search("led -strip")).toEqual(["lampada-led"]);
    expect((await search("strip or bulbo or lampada")).sort()).toEqual(["fita-led", "lampada-led"]);
  });

  it("finds brand, category and description words, below name matches", async () => {
    expect((await search("voltmax")).sort()).toEqual(["bateria-litio", "carregador-rapido", "fita-led", "lampada-led", "relogio-inteligente", "torneiras-cozinha"]);
    // Category (pt name "Torneiras") and description words match too.
    expect(await search("manhãs")).toEqual(["moedor-de-graos"]);
    expect(await search("cafeteira")).toEqual(["cafeteira-eletrica", "moedor-de-graos"]);
  });

  it("never shows a draft", async () => {
    // Through what buyers get (the browse listing, its count and the suggestions), not the `search` helper above,
    // whose own status filter would hide a draft that the search let through.
    const rates = await ratesAsOf();
    const listing = (q: string) =>
      queryListing({ lang: "pt", currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q }, sort: "relevance", limit: 100 });
    // The draft's words are indexed: the text search alone does match it.
    const filter = await productSearchFilter("quantum", "pt");
    const matched = await unscopedDb.$queryRaw<{ slug: string }[]>`SELECT p.slug FROM "Product" p WHERE ${filter!.match}`;
    expect(matched.map((r) => r.slug)).toEqual(["cafeteira-secreta"]);
    for (const q of ["quantum", "secreta", "cafeteira quantum"]) {
      const result = await listing(q);
      expect(result.rows.map((r) => r.slug), q).toEqual([]);
      expect(result.count, q).toEqual({ value: 0, capped: false });
    }
    // "cafeteira" finds the published coffee makers, not the draft named "Cafeteira Quantum Secreta".
    const cafeteira = await listing("cafeteira");
    expect(cafeteira.rows.map((r) => r.slug)).toEqual(["cafeteira-eletrica", "moedor-de-graos"]);
    expect(cafeteira.count).toEqual({ value: 2, capped: false });
    expect((await suggest("cafeteira qu", "pt")).products).toEqual([]);
    expect((await suggest("cafeteira", "pt")).products.map((p) => p.slug)).toEqual(["cafeteira-eletrica"]);
  });
});

describe("searching in Chinese", () => {
  it("matches character bigrams, and single characters", async () => {
    expect(await search("空调", "zh")).toEqual(["ar-inverter"]);
    expect(await search("充电", "zh")).toEqual(["carregador-rapido"]);
    expect(await search("充电器", "zh")).toEqual(["carregador-rapido"]);
    expect(await search("咖啡机", "zh")).toEqual(["cafeteira-eletrica"]);
    expect(await search("锂", "zh")).toEqual(["bateria-litio"]);
    expect(await search("空调器", "zh")).toEqual([]);
    // Mixed scripts: LED + 灯带.
    expect(await search("LED灯带", "zh")).toEqual(["fita-led"]);
    // Full-width Latin typed on a Chinese keyboard.
    expect((await search("ＬＥＤ", "zh")).sort()).toEqual(["fita-led", "lampada-led"]);
  });

  it("finds Chinese words whatever the buyer's language", async () => {
    expect(await search("空调", "pt")).toEqual(["ar-inverter"]);
  });
});

describe("mixed languages", () => {
  it("finds a product through its English text for a buyer searching in Portuguese", async () => {
    expect(await search("charger", "pt")).toEqual(["carregador-rapido"]);
    expect(await search("chargers", "es")).toEqual(["carregador-rapido"]);
  });

  it("ranks matches in the buyer's language above matches in other languages", async () => {
    expect(await search("led", "pt")).toEqual(["lampada-led", "fita-led"]);
    expect(await search("led", "en")).toEqual(["fita-led", "lampada-led"]);
  });
});

describe("typos", () => {
  it("corrects one typo in words of five letters or more", async () => {
    expect(await search("bateira")).toEqual(["bateria-litio"]);
    expect(await search("acondicionafo", "es")).toEqual(["ar-inverter"]);
    expect(await search("torniera")).toEqual(["torneiras-cozinha"]);
    expect(await search("cafeteira eletrca")).toEqual(["cafeteira-eletrica"]);
    expect(await search("inteligentr")).toEqual(["relogio-inteligente"]);
  });

  it("allows two typos from nine letters on, not three", async () => {
    expect(await search("acondisionafo", "es")).toEqual(["ar-inverter"]);
    expect(await search("acxndisionafo", "es")).toEqual([]);
  });

  it("does not correct words that match something, nor short words", async () => {
    expect(await search("ferro")).toEqual(["ferro-a-vapor"]);
    expect(await search("forro")).toEqual(["forro-pvc"]);
    expect(await search("lad")).toEqual([]);
  });

  it("does not correct towards words of drafts", async () => {
    expect(await search("quantun")).toEqual([]);
  });
});

describe("hostile input", () => {
  const inputs = [
    `'`,
    `"`,
    `\\`,
    `a & b | !c`,
    `:* <-> !!( ) ))((`,
    `cafeteira' OR 1=1; --`,
    `"); DROP TABLE "Product"; --`,
    `😀🔥 ☃ ✓`,
    `   `,
    `-`,
    `- - -cafeteira`,
    `or`,
    `%_%`,
    `\u0000\u0001\u200b`,
    "x".repeat(2000),
    "cafeteira ".repeat(300),
    "空".repeat(2000),
    `'&'|'!':*`,
  ];
  it("never fails, whatever is typed", async () => {
    for (const q of inputs) {
      await expect(search(q), JSON.stringify(q.slice(0, 20))).resolves.toBeInstanceOf(Array);
      await expect(suggest(q, "pt"), JSON.stringify(q.slice(0, 20))).resolves.toMatchObject({ products: expect.any(Array), terms: expect.any(Array) });
    }
  });

  it("treats a blank or unsearchable query as no search", async () => {
    expect(await productSearchFilter("", "pt")).toBeNull();
    expect(await productSearchFilter("   ", "pt")).toBeNull();
    expect(await productSearchFilter("!!! ???", "pt")).toBeNull();
    expect(await productSearchFilter("-cafeteira", "pt")).toBeNull();
  });
});

describe("the search index", () => {
  it("counts the name words of published products, per language", async () => {
    const pt = await terms("pt");
    expect(pt.cafeteira).toBe(1);
    expect(pt.eletrica).toBe(1);
    expect(pt.inteligente).toBe(1);
    expect(pt.quantum).toBeUndefined();
    expect(pt.secreta).toBeUndefined();
    expect((await terms("zh"))["变频空调"]).toBe(1);
    expect((await terms("es")).acondicionado).toBe(1);
  });

  it("is idempotent, follows renames and status changes, and works inside a transaction", async () => {
    const cafeteira = ids.get("cafeteira-eletrica")!;
    const secret = ids.get("cafeteira-secreta")!;
    const before = await terms("pt");
    await reindexProducts(unscopedDb, [cafeteira, cafeteira, secret]);
    expect(await terms("pt")).toEqual(before);

    // Rename and publish inside one transaction, as the console does.
    await unscopedDb.$transaction(async (tx) => {
      await tx.productTranslation.updateMany({ where: { productId: cafeteira, locale: "pt" }, data: { name: "Cafeteira Expresso 1,2 L" } });
      await tx.product.update({ where: { id: secret }, data: { status: "PUBLISHED", publishedAt: new Date() } });
      await reindexProducts(tx, [cafeteira, secret]);
    });
    let pt = await terms("pt");
    expect(pt.eletrica).toBeUndefined();
    expect(pt.expresso).toBe(1);
    expect(pt.cafeteira).toBe(2);
    expect(pt.quantum).toBe(1);
    expect(await search("cafeteira eletrica")).toEqual([]);
    expect(await search("expresso")).toEqual(["cafeteira-eletrica"]);
    expect(await search("quantum")).toEqual(["cafeteira-secreta"]);

    // Back as it was.
    await unscopedDb.productTranslation.updateMany({ where: { productId: cafeteira, locale: "pt" }, data: { name: "Cafeteira Elétrica 1,2 L" } });
    await unscopedDb.product.update({ where: { id: secret }, data: { status: "DRAFT", publishedAt: null } });
    await reindexProducts(unscopedDb, [cafeteira, secret]);
    pt = await terms("pt");
    expect(pt).toEqual(before);
    expect(await search("cafeteira eletrica")).toEqual(["cafeteira-eletrica"]);
  });

  it("reindexes many products in a few statements", async () => {
    const all = [...ids.values()];
    const counted = countingClient(unscopedDb);
    await reindexProducts(counted.client, all);
    expect(counted.statements()).toBeLessThanOrEqual(4);
    await expect(reindexProducts(unscopedDb, [])).resolves.toBeUndefined();
    await expect(reindexProducts(unscopedDb, ["not-a-uuid", "'; DROP TABLE x; --"])).resolves.toBeUndefined();
  });

  it("finds matches with the GIN index", async () => {
    await unscopedDb.$executeRaw`ANALYZE "Product", "ProductTranslation"`;
    const plan = await unscopedDb.$transaction(async (tx) => {
      // A dozen rows are cheaper to read whole or in index order: forbid that, to prove that the GIN index answers the search
      // (on a full catalog the planner picks it by itself).
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      await tx.$executeRaw`SET LOCAL enable_indexscan = off`;
      return explainProductSearch("cafeteira eletrica", "pt", { client: tx });
    });
    expect(plan).toContain("Bitmap Index Scan on \"ProductTranslation_searchVector_idx\"");
  });

  it("ranks a bounded set of candidates, name matches first, then lists every other match", async () => {
    // Two translations ranked at most: every match is still listed once, across pages of two, and counted.
    for (const [q, lang] of [["led", "pt"], ["led", "en"], ["cafeteira", "pt"], ["carregador or charger", "pt"], ["voltmax", "pt"], ["led -strip", "pt"]] as const) {
      const full = await search(q, lang);
      const bounded = await search(q, lang, { candidates: 2, limit: 2 });
      expect([...bounded].sort(), q).toEqual([...full].sort());
      expect(new Set(bounded).size, q).toBe(bounded.length);
    }
    // "cafeteira": the name match (cafeteira-eletrica) is the one candidate, whatever the order of the rows read.
    expect(await search("cafeteira", "pt", { candidates: 1, limit: 1 })).toEqual(["cafeteira-eletrica", "moedor-de-graos"]);
    // Six products carry the brand VoltMax (B): with one candidate, the others follow in id order.
    const voltmax = await search("voltmax", "pt", { candidates: 1 });
    const byId = [...PRODUCTS.filter((p) => p.org === "b").map((p) => p.slug)].sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : 1));
    expect(voltmax.slice(1)).toEqual(byId.filter((slug) => slug !== voltmax[0]));
    // With a narrow filter (the manufacturer) the candidates are read among its products; every sort lists every match.
    const rates = await ratesAsOf();
    for (const sort of ["relevance", "newest", "price_asc", "price_desc", "moq"] as const) {
      for (const candidates of [1, undefined]) {
        const result = await queryListing({ lang: "pt", currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q: "voltmax", maker: orgs.b }, sort, limit: 100, searchCandidates: candidates });
        expect(result.rows.map((r) => r.slug).sort(), sort).toEqual([...byId].sort());
        expect(result.count, sort).toEqual({ value: byId.length, capped: false });
      }
      const excluded = await queryListing({ lang: "pt", currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q: "voltmax -led", maker: orgs.b }, sort, limit: 100, searchCandidates: 1 });
      expect(excluded.rows.map((r) => r.slug).sort(), sort).toEqual(byId.filter((slug) => !slug.includes("led")).sort());
    }
  });

  it("pages by relevance forwards and back, across the ranked candidates and the further matches", async () => {
    const rates = await ratesAsOf();
    for (const candidates of [2, 3, undefined]) {
      const request = { lang: "pt" as const, currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q: "voltmax" }, sort: "relevance" as const, limit: 2, searchCandidates: candidates };
      const pages: string[][] = [];
      let after: string | null = null;
      let result;
      do {
        result = await queryListing({ ...request, after });
        expect(result.page).toBe(pages.length + 1);
        pages.push(result.rows.map((r) => r.slug));
        after = result.next;
      } while (after && pages.length < 20);
      expect(pages.flat().sort(), String(candidates)).toEqual((await search("voltmax")).sort());
      expect(pages.flat()).toHaveLength(6);
      let before = result.prev;
      for (let i = pages.length - 2; i >= 0; i--) {
        const back = await queryListing({ ...request, before });
        expect(back.rows.map((r) => r.slug), `${candidates} page ${i + 1}`).toEqual(pages[i]);
        before = back.prev;
      }
      expect(before).toBeNull();
    }
  });

  it("offers the searched products' manufacturers and brands, from the same matches as the count", async () => {
    const rates = await ratesAsOf();
    const context = { currency: rates.currency("USD"), rates };
    const facets = await listingFacets("pt", { ...NO_FILTERS, q: "voltmax" }, context);
    expect(facets.makers.map((m) => m.name)).toEqual(["Sunvoltx Trading"]);
    expect(facets.brands.map((b) => b.name)).toEqual(["VoltMax"]);
    const cafeteira = await listingFacets("zh", { ...NO_FILTERS, q: "cafeteira" }, context);
    expect(cafeteira.makers.map((m) => m.name)).toEqual(["Gree-Lux Electrical"]);
    expect(cafeteira.brands.map((b) => b.name)).toEqual(["GreeLux"]);
    const listing = await queryListing({ lang: "pt", ...context, filters: { ...NO_FILTERS, q: "voltmax" }, sort: "relevance" });
    expect(listing.count).toEqual({ value: 6, capped: false });
    // With a manufacturer chosen, its brands; the other manufacturer stays offered.
    const chosen = await listingFacets("pt", { ...NO_FILTERS, q: "led", maker: orgs.b }, context);
    expect(chosen.brands.map((b) => b.name)).toEqual(["VoltMax"]);
    expect(chosen.makers.map((m) => m.name)).toEqual(["Sunvoltx Trading"]);
  });

  it("finds, ranks and pages in one statement inside the database: no ids go back and forth", async () => {
    const rates = await ratesAsOf();
    const request = { lang: "pt" as const, currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q: "led" }, sort: "relevance" as const };
    const sql = await listingSql(request);
    expect(sql.sql).toContain("search_ranked");
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const value of [...sql.values, ...(await listingCountSql(request)).values]) expect(String(value)).not.toMatch(uuid);
    const rows = await unscopedDb.$queryRaw<{ slug: string }[]>(sql);
    expect(rows.map((r) => r.slug).sort()).toEqual(["fita-led", "lampada-led"]);
  });
});

describe("makers and SKUs", () => {
  it("finds a maker's products by its name, in Latin or Chinese script", async () => {
    const ofA = PRODUCTS.filter((p) => p.org === "a" && p.status !== "DRAFT").map((p) => p.slug).sort();
    expect((await search("Gree-Lux")).sort()).toEqual(ofA);
    expect((await search("顺伏", "zh")).sort()).toEqual(PRODUCTS.filter((p) => p.org === "b" && p.status !== "DRAFT").map((p) => p.slug).sort());
  });

  it("finds a product by its SKU, and every variant by the SKU's model prefix", async () => {
    const index = String(PRODUCTS.findIndex((p) => p.slug === "ar-inverter")).padStart(2, "0");
    expect(await search(`PX-${index}-A`)).toEqual(["ar-inverter"]);
    expect(await search(`px-${index}-a`, "zh")).toEqual(["ar-inverter"]);
    // The model prefix (the SKU without its last segment) finds it too.
    expect(await search(`PX-${index}`, "es")).toEqual(["ar-inverter"]);
  });
});

describe("suggestions", () => {
  it("never offers a misspelling of a word spelled right (aire acondicionado → aire condicionado)", async () => {
    const result = await suggest("aire acondicionado", "es");
    expect(result.terms).not.toContain("aire condicionado");
    expect(result.products.map((p) => p.slug)).toContain("ar-inverter");
  });

  it("completes product names and search terms from a prefix", async () => {
    const result = await suggest("cafet", "pt");
    expect(result.products).toEqual([{ slug: "cafeteira-eletrica", name: "Cafeteira Elétrica 1,2 L" }]);
    expect(result.terms).toContain("cafeteira");
    const next = await suggest("Cafeteira elé", "pt");
    expect(next.products.map((p) => p.slug)).toEqual(["cafeteira-eletrica"]);
    expect(next.terms).toContain("Cafeteira eletrica");
  });

  it("shows names in the buyer's language, else in the product's source language", async () => {
    expect((await suggest("charg", "pt")).products).toEqual([{ slug: "carregador-rapido", name: "Fast Charger 20W" }]);
    expect((await suggest("rel", "pt")).products).toEqual([{ slug: "relogio-inteligente", name: "Relógio Inteligente Esportivo" }]);
    expect((await suggest("rel", "es")).products).toEqual([{ slug: "relogio-inteligente", name: "Reloj Inteligente Deportivo" }]);
    expect((await suggest("bateria", "es")).products.map((p) => p.name)).toEqual(["Batería de Litio 10000mAh"]);
  });

  it("suggests in Chinese", async () => {
    expect((await suggest("空", "zh")).products.map((p) => p.slug)).toEqual(["ar-inverter"]);
    expect((await suggest("空调", "zh")).terms).toContain("变频空调");
    expect((await suggest("充电", "zh")).products).toEqual([{ slug: "carregador-rapido", name: "快速充电器 20W" }]);
  });

  it("corrects a mistyped word", async () => {
    expect((await suggest("bateira", "pt")).terms).toContain("bateria");
  });

  it("never leaks drafts", async () => {
    const result = await suggest("quant", "pt");
    expect(result).toEqual({ products: [], terms: [] });
    expect((await suggest("cafeteira", "pt")).products.map((p) => p.slug)).toEqual(["cafeteira-eletrica"]);
  });

  it("answers GET /{lang}/search/suggest with JSON, and empty lists for bad input", async () => {
    const call = (lang: string, q: string | null) => {
      const url = new URL(`http://localhost/${lang}/search/suggest`);
      if (q !== null) url.searchParams.set("q", q);
      return suggestLoader({ request: new Request(url), params: { lang }, context: { cspNonce: "" } });
    };
    const ok = await call("pt", "cafet");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toMatch(/private/);
    expect(await ok.json()).toMatchObject({ products: [{ slug: "cafeteira-eletrica" }] });
    for (const q of [null, "", "x".repeat(101)]) {
      const empty = await call("pt", q);
      expect(empty.status).toBe(200);
      expect(await empty.json()).toEqual({ products: [], terms: [] });
    }
    await expect(call("xx", "cafet")).rejects.toMatchObject({ status: 404 });
  });
});

/** Counts the SQL statements sent through a client. */
function countingClient(client: SearchClient) {
  let count = 0;
  const wrapped: SearchClient = {
    $executeRaw: ((query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      count += 1;
      return client.$executeRaw(query as never, ...values);
    }) as SearchClient["$executeRaw"],
    $queryRaw: ((query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      count += 1;
      return client.$queryRaw(query as never, ...values);
    }) as SearchClient["$queryRaw"],
  };
  return { client: wrapped, statements: () => count };
}

describe("a renamed maker", () => {
  it("is found under its new name", async () => {
    const { updateCompanyProfile } = await import("~/modules/tenancy/organizations.server");
    await updateCompanyProfile(orgs.b, { name: "Quixvolta Power", countryCode: "CN", legalNameZh: "顺伏贸易有限公司" });
    expect((await search("quixvolta")).length).toBeGreaterThan(0);
    expect(await search("sunvoltx")).toEqual([]);
  });
});
