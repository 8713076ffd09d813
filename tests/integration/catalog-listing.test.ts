import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetCachedRates } from "~/modules/catalog/buyer-context.server";
import {
  COUNT_CAP,
  forgetListingCaches,
  listingFacets,
  listingSql,
  NO_FILTERS,
  parseListingSearch,
  presentCard,
  queryListing,
  sitemapProducts,
  sourceBounds,
  type ListingFilters,
  type ListingRequest,
  type ListingSort,
} from "~/modules/catalog/listing.server";
import { conversionFactor, divideHalfEven, loadProductPage } from "~/modules/catalog/product-page.server";
import { clearSearchCache, reindexProducts } from "~/modules/catalog/search.server";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { CURRENCIES } from "~/modules/money/currencies";
import { ratesAsOf, RateTable } from "~/modules/money/fx.server";
import { formatMoney } from "~/modules/money/money";
// A test may drive a route's loader directly (modules never import routes; tests are not modules).
import { loader as browseLoader } from "../../app/routes/$lang.products._index";
import { loader as productLoader } from "../../app/routes/$lang.products.$slug";
import { loader as sitemapIndexLoader } from "../../app/routes/sitemap[.]xml";
import { loader as sitemapFileLoader } from "../../app/routes/sitemaps.$file";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let makerA: string;
let makerB: string;
let brandA: string;
const category: Record<string, string> = {};

/** Fixed, round rates for exact expectations: 1 USD = 5 BRL = 7 CNY = 18 MXN. */
const currencies = new Map(CURRENCIES.map((c) => [c.code, c]));
const RATES = new RateTable(
  new Map([
    ["BRL", { rate: "5", effectiveDate: "2026-11-27" }],
    ["CNY", { rate: "7", effectiveDate: "2026-11-27" }],
    ["MXN", { rate: "18", effectiveDate: "2026-11-26" }],
  ]),
  currencies,
);
const BRL = currencies.get("BRL")!;
const USD = currencies.get("USD")!;

interface Make {
  slug: string;
  org?: string;
  category?: string;
  brand?: string | null;
  status?: "PUBLISHED" | "DRAFT" | "UNPUBLISHED";
  currency?: "USD" | "CNY";
  /** Tier prices (minor units) from the MOQ up. */
  tiers?: bigint[];
  moq?: number;
  lead?: number;
  publishedAt?: Date | null;
  /** USD cents for sorting; default: the cheapest tier converted with RATES; null: none. */
  reference?: bigint | null;
  source?: Lang;
  names?: Partial<Record<Lang, { name: string; machine?: boolean; short?: string; long?: string; specs?: { label: string; value: string }[] }>>;
  certs?: { scheme: string; expiresOn?: Date | null }[];
  images?: number;
}

let sequence = 0;
async function make(p: Make): Promise<string> {
  sequence += 1;
  const org = p.org ?? makerA;
  const currency = p.currency ?? "USD";
  const tiers = p.tiers ?? [1000n];
  const moq = p.moq ?? 10;
  const cheapest = tiers.reduce((a, b) => (b < a ? b : a));
  const reference = p.reference !== undefined ? p.reference : RATES.convert({ amountMinor: cheapest, currency: currencies.get(currency)! }, "USD")!.money.amountMinor;
  const names = p.names ?? { [p.source ?? "zh"]: { name: `产品 ${p.slug}` } };
  const product = await unscopedDb.product.create({
    data: {
      organizationId: org,
      categoryId: category[p.category ?? "faucets"]!,
      brandId: p.brand ?? null,
      slug: p.slug,
      status: p.status ?? "PUBLISHED",
      sourceLocale: p.source ?? "zh",
      hsCode: "848180",
      hsCodeCn: "8481809000",
      unitOfSale: "PIECE",
      packSize: 12,
      moq,
      currencyCode: currency,
      incoterm: "FOB",
      leadTimeDays: p.lead ?? 20,
      sampleAvailable: true,
      samplePriceMinor: cheapest * 2n,
      minUnitPriceMinor: cheapest,
      referencePriceUsdMinor: reference,
      publishedAt: p.publishedAt !== undefined ? p.publishedAt : (p.status ?? "PUBLISHED") === "PUBLISHED" ? new Date(Date.UTC(2026, 10, 1, 0, 0, sequence)) : null,
      translations: {
        create: Object.entries(names).map(([locale, t]) => ({
          organizationId: org,
          locale: locale as Lang,
          name: t!.name,
          shortDescription: t!.short ?? "",
          longDescription: t!.long ?? "",
          specifications: t!.specs ?? [],
          source: t!.machine ? "MACHINE" : "HUMAN",
        })),
      },
      priceTiers: { create: tiers.map((price, i) => ({ organizationId: org, minQuantity: moq * 10 ** i, unitPriceMinor: price })) },
      variants: { create: [{ organizationId: org, sku: `SKU-${p.slug}`, voltage: "127V", plugType: "N", netWeightG: 1200, grossWeightG: 1500, lengthMm: 300, widthMm: 200, heightMm: 100 }] },
      certifications: { create: (p.certs ?? []).map((c, i) => ({ organizationId: org, schemeCode: c.scheme, number: `${c.scheme}-${i}`, expiresOn: c.expiresOn ?? null })) },
      images: {
        create: Array.from({ length: p.images ?? 0 }, (_, i) => ({
          organizationId: org,
          storageKey: `products/${org}/x/${crypto.randomUUID()}/original.jpg`,
          contentType: "image/jpeg",
          width: 800,
          height: 600,
          bytes: 1000,
          position: i,
          alt: { pt: `Foto ${i + 1}` },
        })),
      },
    },
    select: { id: true },
  });
  // A row written directly, as the catalog's writes are followed by a reindex: this process's cached counts go.
  clearSearchCache();
  return product.id;
}

function request(over: Omit<Partial<ListingRequest>, "filters"> & { filters?: Partial<ListingFilters> } = {}): ListingRequest {
  return { lang: "pt", currency: BRL, rates: RATES, sort: "newest", ...over, filters: { ...NO_FILTERS, ...over.filters } };
}

async function slugs(over: Omit<Partial<ListingRequest>, "filters"> & { filters?: Partial<ListingFilters> } = {}): Promise<string[]> {
  const result = await queryListing({ limit: 100, ...request(over) });
  return result.rows.map((r) => r.slug).sort();
}

const future = new Date(Date.UTC(2099, 0, 1));
const past = new Date(Date.UTC(2020, 0, 1));

beforeAll(async () => {
  database = await setupTestDatabase();
  forgetListingCaches();
  forgetCachedRates();
  makerA = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Gree-Lux Test", countryCode: "CN", city: "Zhuhai", verificationStatus: "VERIFIED" } })).id;
  makerB = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Other Maker", countryCode: "CN", city: "Zhongshan" } })).id;
  brandA = (await unscopedDb.brand.create({ data: { organizationId: makerA, name: "AquaLux", slug: "aqualux" } })).id;
  for (const c of await unscopedDb.category.findMany({ select: { id: true, slug: true } })) category[c.slug] = c.id;

  // Filters
  await make({ slug: "f-faucet-a-brand", category: "faucets", brand: brandA, moq: 50, lead: 15 });
  await make({ slug: "f-faucet-a-nobrand", category: "faucets", moq: 50, lead: 15 });
  await make({ slug: "f-shower-a-brand-bigmoq", category: "showers", brand: brandA, moq: 500, lead: 15 });
  await make({ slug: "f-shower-a-brand-slow", category: "showers", brand: brandA, moq: 20, lead: 60 });
  await make({ slug: "f-faucet-b", org: makerB, category: "faucets", moq: 5, lead: 10 });
  await make({ slug: "f-bulb-a-brand", category: "led-bulbs", brand: brandA, moq: 10, lead: 10 });
  // Prices (BRL = USD × 5 = CNY × 5/7), all in the led-panels category
  await make({ slug: "p-usd-1000", category: "led-panels", currency: "USD", tiers: [1000n] }); // R$ 50,00
  await make({ slug: "p-usd-2000", category: "led-panels", currency: "USD", tiers: [2000n, 1800n] }); // cheapest 18.00 → R$ 90,00
  await make({ slug: "p-cny-7000", category: "led-panels", currency: "CNY", tiers: [7000n] }); // R$ 50,00
  await make({ slug: "p-cny-6999", category: "led-panels", currency: "CNY", tiers: [6999n] }); // R$ 49,99 (4999.28…)
  await make({ slug: "p-cny-21000", category: "led-panels", currency: "CNY", tiers: [21000n] }); // R$ 150,00
  await make({ slug: "p-cny-14001", category: "led-panels", currency: "CNY", tiers: [14001n] }); // R$ 100,0071… → R$ 100,01
  // Certifications, in led-strips
  await make({ slug: "c-inmetro-valid", category: "led-strips", certs: [{ scheme: "INMETRO", expiresOn: future }] });
  await make({ slug: "c-inmetro-expired", category: "led-strips", certs: [{ scheme: "INMETRO", expiresOn: past }] });
  await make({ slug: "c-anatel-noexpiry", category: "led-strips", certs: [{ scheme: "ANATEL" }] });
  await make({ slug: "c-nom", category: "led-strips", certs: [{ scheme: "NOM", expiresOn: future }] });
  await make({ slug: "c-ce", category: "led-strips", certs: [{ scheme: "CE", expiresOn: null }, { scheme: "INMETRO", expiresOn: past }] });
  // Not listed
  await make({ slug: "x-draft", category: "led-strips", status: "DRAFT", certs: [{ scheme: "INMETRO" }] });
  await make({ slug: "x-unpublished", category: "led-strips", status: "UNPUBLISHED", certs: [{ scheme: "INMETRO" }] });
  // Translations, in outdoor-lighting
  await make({ slug: "t-zh-only", category: "outdoor-lighting", source: "zh", names: { zh: { name: "太阳能庭院灯" } } });
  await make({ slug: "t-pt-machine", category: "outdoor-lighting", source: "zh", names: { zh: { name: "防水灯带" }, pt: { name: "Fita à prova d'água", machine: true } } });
  await make({ slug: "t-pt-human", category: "outdoor-lighting", source: "zh", names: { zh: { name: "投光灯" }, pt: { name: "Refletor LED" } } });
  await make({ slug: "t-pt-source", category: "outdoor-lighting", source: "pt", names: { pt: { name: "Arandela solar" }, en: { name: "Solar wall lamp", machine: true } } });
});
afterAll(() => database.cleanup());

describe("filters", () => {
  it("combine with AND; a category includes its sub-categories", async () => {
    expect(await slugs({ filters: { category: "bathroom-fittings" } })).toEqual(["f-faucet-a-brand", "f-faucet-a-nobrand", "f-faucet-b", "f-shower-a-brand-bigmoq", "f-shower-a-brand-slow"]);
    expect(await slugs({ filters: { category: "bathroom-fittings", brand: brandA } })).toEqual(["f-faucet-a-brand", "f-shower-a-brand-bigmoq", "f-shower-a-brand-slow"]);
    expect(await slugs({ filters: { category: "bathroom-fittings", brand: brandA, moqMax: 100 } })).toEqual(["f-faucet-a-brand", "f-shower-a-brand-slow"]);
    expect(await slugs({ filters: { category: "bathroom-fittings", brand: brandA, moqMax: 100, leadMax: 30 } })).toEqual(["f-faucet-a-brand"]);
    expect(await slugs({ filters: { category: "faucets", maker: makerB } })).toEqual(["f-faucet-b"]);
    expect(await slugs({ filters: { brand: brandA, leadMax: 10 } })).toEqual(["f-bulb-a-brand"]);
    expect(await slugs({ filters: { category: "faucets", maker: makerB, brand: brandA } })).toEqual([]);
    expect(await slugs({ filters: { category: "no-such-category" } })).toEqual([]);
  });

  it("reads the URL, dropping what it cannot understand", () => {
    const parsed = parseListingSearch(new URLSearchParams("q=%20torneira%20&category=faucets&brand=nope&priceMin=10,50&priceMax=abc&moqMax=0&leadMax=30&cert=br&sort=price_desc"), BRL);
    expect(parsed.filters).toEqual({ ...NO_FILTERS, q: "torneira", category: "faucets", priceMin: "10,50", leadMax: 30, cert: "BR" });
    expect(parsed.invalid.sort()).toEqual(["brand", "moqMax", "priceMax"]);
    expect(parsed.sort).toBe("price_desc");
    expect(parseListingSearch(new URLSearchParams("q=x"), BRL).sort).toBe("relevance");
    expect(parseListingSearch(new URLSearchParams("sort=relevance"), BRL).sort).toBe("newest");
  });
});

describe("the price filter, typed in the buyer's currency", () => {
  it("compares what the card shows, across USD and CNY prices", async () => {
    const inRange = (priceMin: string | null, priceMax: string | null) => slugs({ filters: { category: "led-panels", priceMin, priceMax } });
    expect(await inRange("50", "100")).toEqual(["p-cny-7000", "p-usd-1000", "p-usd-2000"]);
    // R$ 49,99 is the CNY 69.99 product exactly; R$ 100,01 the CNY 140.01 one.
    expect(await inRange(null, "49,99")).toEqual(["p-cny-6999"]);
    expect(await inRange("100,01", null)).toEqual(["p-cny-14001", "p-cny-21000"]);
    expect(await inRange("100", "100,01")).toEqual(["p-cny-14001"]);
    expect(await inRange("150", "150")).toEqual(["p-cny-21000"]);
    // Every product listed between the bounds shows a price between them, and no other does.
    const all = await queryListing({ ...request({ filters: { category: "led-panels" } }), limit: 100 });
    for (const [min, max] of [
      [4999n, 9000n],
      [5000n, 10000n],
      [9001n, 15000n],
    ] as const) {
      const listed = await slugs({ filters: { category: "led-panels", priceMin: (Number(min) / 100).toFixed(2), priceMax: (Number(max) / 100).toFixed(2) } });
      const shown = all.rows.filter((row) => {
        const brl = RATES.convert({ amountMinor: row.minUnitPriceMinor!, currency: currencies.get(row.currencyCode)! }, "BRL")!.money.amountMinor;
        return brl >= min && brl <= max;
      });
      expect(listed).toEqual(shown.map((r) => r.slug).sort());
    }
  });

  it("finds exact source-currency bounds, including currencies without minor units", () => {
    const cny = currencies.get("CNY")!;
    expect(sourceBounds(RATES, BRL, cny, 5000n, 10000n)).toEqual({ min: 7000n, max: 14000n });
    // R$ 49,99 ← CNY 69.99 (4999.28…) … 69.98 is R$ 49,99 too (4998.57… → 4999)
    expect(sourceBounds(RATES, BRL, cny, 4999n, 4999n)).toEqual({ min: 6998n, max: 6999n });
    const clp = new RateTable(new Map([["CLP", { rate: "941.2", effectiveDate: "2026-11-27" }]]), currencies);
    // CLP 10 000 ← USD 10.62 (9995.5… → 9996? no: 10.62 × 941.2 = 9995.544 → 9996), 10.63 → 10004.956 → 10005
    const b = sourceBounds(clp, currencies.get("CLP")!, USD, null, 10_000n)!;
    expect(clp.convert({ amountMinor: b.max!, currency: USD }, "CLP")!.money.amountMinor).toBeLessThanOrEqual(10_000n);
    expect(clp.convert({ amountMinor: b.max! + 1n, currency: USD }, "CLP")!.money.amountMinor).toBeGreaterThan(10_000n);
  });
});

describe("certified for the buyer's country", () => {
  it("needs a scheme of that country, not expired", async () => {
    expect(await slugs({ filters: { category: "led-strips", cert: "BR" } })).toEqual(["c-anatel-noexpiry", "c-inmetro-valid"]);
    expect(await slugs({ filters: { category: "led-strips", cert: "MX" } })).toEqual(["c-nom"]);
    expect(await slugs({ filters: { category: "led-strips", cert: "PT" } })).toEqual(["c-ce"]);
    expect(await slugs({ filters: { category: "led-strips", cert: "AO" } })).toEqual([]);
  });
});

describe("unpublished products", () => {
  it("are never listed, nor shown, nor in the sitemap", async () => {
    const all = await slugs({ limit: 100 });
    expect(all).not.toContain("x-draft");
    expect(all).not.toContain("x-unpublished");
    expect(await loadProductPage("x-draft", "pt", { currency: BRL, countryCode: "BR" }, RATES)).toBeNull();
    expect(await loadProductPage("x-unpublished", "pt", { currency: BRL, countryCode: "BR" }, RATES)).toBeNull();
    expect(await loadProductPage("no-such-product", "pt", { currency: BRL, countryCode: "BR" }, RATES)).toBeNull();
    expect(await loadProductPage("../etc/passwd", "pt", { currency: BRL, countryCode: "BR" }, RATES)).toBeNull();
    const inSitemap = (await sitemapProducts(1)).map((p) => p.slug);
    expect(inSitemap).toContain("f-faucet-b");
    expect(inSitemap).not.toContain("x-draft");
    expect(inSitemap).not.toContain("x-unpublished");
  });
});

describe("names in the buyer's language", () => {
  it("fall back to the source language, marked, and say when a machine translated them", async () => {
    const result = await queryListing({ ...request({ filters: { category: "outdoor-lighting" } }), limit: 100 });
    const cards = Object.fromEntries(result.rows.map((r) => [r.slug, presentCard(r, "pt", BRL, RATES)]));
    expect(cards["t-zh-only"]).toMatchObject({ name: "太阳能庭院灯", nameLang: "zh", nameNote: "fallback" });
    expect(cards["t-pt-machine"]).toMatchObject({ name: "Fita à prova d'água", nameLang: "pt", nameNote: "machine" });
    // A name in the page's language written by the manufacturer needs no note: the card carries none.
    expect(cards["t-pt-human"]).toMatchObject({ name: "Refletor LED", nameLang: "pt" });
    expect(cards["t-pt-source"]).toMatchObject({ name: "Arandela solar", nameLang: "pt" });
    expect("nameNote" in cards["t-pt-human"]! || "nameNote" in cards["t-pt-source"]!).toBe(false);
    // The manufacturer's language travels only for the machine note that names it.
    expect(cards["t-zh-only"]).not.toHaveProperty("sourceLang");
    for (const card of Object.values(cards)) expect(card.name.length).toBeGreaterThan(0);
    // In English, the pt-source product shows its machine translation, marked.
    const en = await queryListing({ ...request({ lang: "en", filters: { category: "outdoor-lighting" } }), limit: 100 });
    const enCards = Object.fromEntries(en.rows.map((r) => [r.slug, presentCard(r, "en", USD, RATES)]));
    expect(enCards["t-pt-source"]).toMatchObject({ name: "Solar wall lamp", nameNote: "machine", sourceLang: "pt" });
    expect(enCards["t-pt-human"]).toMatchObject({ name: "投光灯", nameNote: "fallback" });
  });

  it("cards carry the converted price, the original and the MOQ", async () => {
    const result = await queryListing({ ...request({ filters: { category: "led-panels", priceMin: "90", priceMax: "90" } }) });
    expect(result.rows).toHaveLength(1);
    const card = presentCard(result.rows[0]!, "pt", BRL, RATES);
    expect(card).toMatchObject({ slug: "p-usd-2000", priceFrom: "R$\u00a090,00", priceOriginal: "US$\u00a018,00", incoterm: "FOB", moq: 10, unit: "PIECE" });
    expect(card.maker).toMatchObject({ name: "Gree-Lux Test", verified: true });
    // Without a delivery place the card shows the production time; with an availability line that says how long
    // delivery takes it does not, so the card does not carry it.
    expect(card).toMatchObject({ leadTimeDays: expect.any(Number), leadTimeFormatted: expect.any(String) });
    const delivered = presentCard(result.rows[0]!, "pt", BRL, RATES, { tone: "origin", text: "Enviado de Zhuhai — 40 a 55 dias" });
    expect(delivered).not.toHaveProperty("leadTimeDays");
    expect(delivered.availability).toEqual({ tone: "origin", text: "Enviado de Zhuhai — 40 a 55 dias" });
    expect(presentCard(result.rows[0]!, "pt", BRL, RATES, { tone: "elsewhere", text: "Em estoque em Lisboa" })).toHaveProperty("leadTimeDays");
    // In the product's own currency the original price says nothing new: neither it nor its Incoterm is sent.
    const inUsd = presentCard(result.rows[0]!, "pt", USD, RATES);
    expect(inUsd).toMatchObject({ priceFrom: "US$\u00a018,00" });
    expect(inUsd).not.toHaveProperty("priceOriginal");
    expect(inUsd).not.toHaveProperty("incoterm");
  });
});

describe("keyset pagination", () => {
  let published: string[];
  beforeAll(async () => {
    // Ties on every sort key (same publishedAt, same price, same MOQ) and rows without a price or a date.
    const same = new Date(Date.UTC(2026, 10, 5));
    for (let i = 0; i < 12; i++) await make({ slug: `k-tie-${i}`, category: "smartwatches", publishedAt: same, tiers: [500n], moq: 7 });
    for (let i = 0; i < 3; i++) await make({ slug: `k-noprice-${i}`, category: "smartwatches", reference: null });
    for (let i = 0; i < 2; i++) await make({ slug: `k-nodate-${i}`, category: "smartwatches", publishedAt: null });
    published = (await unscopedDb.product.findMany({ where: { status: "PUBLISHED" }, select: { slug: true } })).map((p) => p.slug).sort();
  });

  it.each(["newest", "price_asc", "price_desc", "moq"] as ListingSort[])("returns every product exactly once across pages, forwards and back (%s)", async (sort) => {
    const pages: string[][] = [];
    let after: string | null = null;
    let result;
    do {
      result = await queryListing({ ...request({ sort }), limit: 7, after });
      expect(result.page).toBe(pages.length + 1);
      pages.push(result.rows.map((r) => r.slug));
      after = result.next;
    } while (after && pages.length < 100);
    const seen = pages.flat();
    expect(seen.length).toBe(published.length);
    expect([...seen].sort()).toEqual(published);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(result.count).toEqual({ value: published.length, capped: false });

    // Back from the last page with the "previous" cursors: the same pages, in reverse.
    let before = result.prev;
    for (let i = pages.length - 2; i >= 0; i--) {
      const back = await queryListing({ ...request({ sort }), limit: 7, before });
      expect(back.rows.map((r) => r.slug)).toEqual(pages[i]);
      expect(back.page).toBe(i + 1);
      before = back.prev;
    }
    expect(before).toBeNull();
  });

  it("orders by the sort key, rows without one last", async () => {
    const all = (await queryListing({ ...request({ sort: "price_asc" }), limit: 100 })).rows;
    const ids = await unscopedDb.product.findMany({ where: { slug: { in: all.map((r) => r.slug) } }, select: { slug: true, referencePriceUsdMinor: true } });
    const price = new Map(ids.map((p) => [p.slug, p.referencePriceUsdMinor]));
    const values = all.map((r) => price.get(r.slug));
    const priced = values.filter((v) => v !== null) as bigint[];
    expect(values.slice(priced.length).every((v) => v === null)).toBe(true);
    expect(priced.every((v, i) => i === 0 || priced[i - 1]! <= v)).toBe(true);
    const moqs = (await queryListing({ ...request({ sort: "moq" }), limit: 100 })).rows.map((r) => r.moq);
    expect(moqs.every((v, i) => i === 0 || moqs[i - 1]! <= v)).toBe(true);
  });

  it("ignores a cursor that was tampered with or belongs to another sort", async () => {
    const first = await queryListing({ ...request({ sort: "newest" }), limit: 5 });
    const other = await queryListing({ ...request({ sort: "moq" }), limit: 5, after: first.next });
    expect(other.cursorIgnored).toBe(true);
    expect(other.page).toBe(1);
    const junk = await queryListing({ ...request({ sort: "newest" }), limit: 5, after: "not-a-cursor" });
    expect(junk.cursorIgnored).toBe(true);
    expect(junk.rows.map((r) => r.slug)).toEqual(first.rows.map((r) => r.slug));
  });
});

describe("search composes with filters", () => {
  beforeAll(async () => {
    const ids = [
      await make({ slug: "s-torneira-gourmet", category: "faucets", source: "pt", names: { pt: { name: "Torneira Gourmet para Cozinha" }, zh: { name: "厨房龙头" } } }),
      await make({ slug: "s-torneira-banheiro", category: "faucets", source: "pt", moq: 1000, names: { pt: { name: "Torneira de Banheiro Cromada" } } }),
      await make({ slug: "s-chuveiro", category: "showers", source: "pt", names: { pt: { name: "Chuveiro Elétrico", long: "Combina com a torneira da linha." } } }),
    ];
    await reindexProducts(unscopedDb, ids);
  });

  it("finds by a Portuguese word, ranks by relevance, and filters still apply", async () => {
    const found = await queryListing({ ...request({ sort: "relevance", filters: { q: "torneiras" } }), limit: 10 });
    expect(found.sort).toBe("relevance");
    expect(found.rows.map((r) => r.slug).slice(0, 2).sort()).toEqual(["s-torneira-banheiro", "s-torneira-gourmet"]);
    expect(found.rows.map((r) => r.slug)).toContain("s-chuveiro");
    expect(found.rows.map((r) => r.slug).indexOf("s-chuveiro")).toBe(2);
    expect(await slugs({ sort: "relevance", filters: { q: "torneira", moqMax: 100 } })).toEqual(["s-chuveiro", "s-torneira-gourmet"]);
    expect(await slugs({ sort: "relevance", filters: { q: "torneira", category: "faucets" } })).toEqual(["s-torneira-banheiro", "s-torneira-gourmet"]);
    // Pages of search results, by cursor.
    const page1 = await queryListing({ ...request({ sort: "relevance", filters: { q: "torneira" } }), limit: 2 });
    const page2 = await queryListing({ ...request({ sort: "relevance", filters: { q: "torneira" } }), limit: 2, after: page1.next });
    expect([...page1.rows, ...page2.rows].map((r) => r.slug).sort()).toEqual(["s-chuveiro", "s-torneira-banheiro", "s-torneira-gourmet"]);
    expect(page2.next).toBeNull();
    expect(await slugs({ sort: "relevance", filters: { q: "!!!" } })).toEqual([]);
  });
});

describe("the product page", () => {
  let slug: string;
  beforeAll(async () => {
    slug = "pp-cafeteira";
    await make({
      slug,
      category: "kitchen-appliances",
      source: "zh",
      currency: "USD",
      tiers: [1250n, 1190n, 1099n],
      moq: 100,
      images: 2,
      names: {
        zh: { name: "电动咖啡机", long: "不锈钢加热盘。", specs: [{ label: "容量", value: "1.2 升" }] },
        pt: { name: "Cafeteira Elétrica 1,2 L", short: "Prepara até 12 xícaras" },
      },
      certs: [
        { scheme: "INMETRO", expiresOn: future },
        { scheme: "NOM", expiresOn: future },
        { scheme: "ANATEL", expiresOn: past },
      ],
    });
  });

  it("converts each tier into the buyer's currency with the rate's date, and keeps the original", async () => {
    const rates = await ratesAsOf();
    const brlRate = rates.usdRate("BRL")!;
    const page = (await loadProductPage(slug, "pt", { currency: BRL, countryCode: "BR" }, rates))!;
    expect(page.tiers.map((t) => t.minQuantity)).toEqual([100, 1000, 10000]);
    for (const [i, minor] of [1250n, 1190n, 1099n].entries()) {
      const expected = rates.convert({ amountMinor: minor, currency: USD }, "BRL")!;
      expect(page.tiers[i]!.converted).toBe(formatMoney(expected.money, "pt"));
      expect(page.tiers[i]!.original).toBe(formatMoney({ amountMinor: minor, currency: USD }, "pt"));
    }
    expect(page.tiers[0]!.maxQuantityFormatted).toBe("999");
    expect(page.tiers[2]!.maxQuantityFormatted).toBeNull();
    expect(page.conversion).toMatchObject({ from: "USD", rateDateIso: brlRate.effectiveDate });
    expect(page.conversion!.rateText).toMatch(/^1 USD = \d+,\d{2,4} BRL$/);
    expect(page.conversion!.rateDate).toMatch(/2\d{3}/);
    // The calculator's exact factor gives the server's figures.
    const factor = conversionFactor(rates, "USD", "BRL")!;
    for (const amount of [1n, 99n, 1250n, 1_099_000n, 123_456_789n]) {
      expect(divideHalfEven(amount * factor.numerator, factor.denominator)).toBe(rates.convert({ amountMinor: amount, currency: USD }, "BRL")!.money.amountMinor);
    }
    const cnyToClp = conversionFactor(rates, "CNY", "CLP")!;
    const cny = currencies.get("CNY")!;
    for (const amount of [1n, 7035n, 999_999n]) {
      expect(divideHalfEven(amount * cnyToClp.numerator, cnyToClp.denominator)).toBe(rates.convert({ amountMinor: amount, currency: cny }, "CLP")!.money.amountMinor);
    }
  });

  it("shows fields in the buyer's language, falling back field by field, marked", async () => {
    const page = (await loadProductPage(slug, "pt", { currency: BRL, countryCode: "BR" }, RATES))!;
    expect(page.name).toEqual({ value: "Cafeteira Elétrica 1,2 L", lang: "pt", note: null });
    expect(page.shortDescription).toEqual({ value: "Prepara até 12 xícaras", lang: "pt", note: null });
    expect(page.longDescription).toEqual({ value: "不锈钢加热盘。", lang: "zh", note: "fallback" });
    expect(page.specifications).toMatchObject({ lang: "zh", note: "fallback" });
    expect(page.images).toHaveLength(2);
    expect(page.images[0]!.src).toMatch(/^\/media\/products\/.+\/w1200\.webp$/);
    expect(page.images[0]!.alt).toBe("Foto 1");
  });

  it("highlights certifications valid in the buyer's country and lists the others", async () => {
    const br = (await loadProductPage(slug, "pt", { currency: BRL, countryCode: "BR" }, RATES))!;
    expect(br.certifications.map((c) => [c.code, c.validHere, c.expired])).toEqual([
      ["INMETRO", true, false],
      ["NOM", false, false],
      ["ANATEL", false, true],
    ]);
    const mx = (await loadProductPage(slug, "es", { currency: currencies.get("MXN")!, countryCode: "MX" }, RATES))!;
    expect(mx.certifications.filter((c) => c.validHere).map((c) => c.code)).toEqual(["NOM"]);
    expect(mx.tiers[0]!.converted).toBe(formatMoney({ amountMinor: 22500n, currency: currencies.get("MXN")! }, "es"));
    // USD → MXN uses the MXN rate only, of its own date.
    expect(mx.conversion!.rateDateIso).toBe("2026-11-26");
  });
});

describe("the pages", () => {
  const ctx = { context: { cspNonce: "" } } as const;
  it("browse: converts in the loader and formats strings; unknown language 404s", async () => {
    const data = await browseLoader({ request: new Request("http://localhost/pt/products?category=led-panels&sort=price_asc"), params: { lang: "pt" }, ...ctx });
    // USD 10.00, CNY 70.00 and CNY 69.99 all have the reference price US$ 10.00 (ties: in id order).
    expect(data.cards.map((c) => c.slug).slice(0, 3).sort()).toEqual(["p-cny-6999", "p-cny-7000", "p-usd-1000"]);
    expect(data.cards.map((c) => c.slug).slice(3)).toEqual(["p-usd-2000", "p-cny-14001", "p-cny-21000"]);
    expect(data.cards[0]!.priceFrom).toMatch(/^R\$\s/);
    expect(data.count).toMatchObject({ value: 6, capped: false, n: "6" });
    expect(data.seo.canonical).toBe("http://localhost:3000/pt/products?category=led-panels");
    // A sorted category page is indexable under the category's canonical URL; searches and deep pages are not.
    expect(data.seo.indexable).toBe(true);
    const search = await browseLoader({ request: new Request("http://localhost/pt/products?q=torneira"), params: { lang: "pt" }, ...ctx });
    expect(search.seo.indexable).toBe(false);
    expect(search.heading).toBe("Resultados para “torneira”");
    const next = await browseLoader({ request: new Request(`http://localhost${data.nextHref ?? "/pt/products?after=x"}`), params: { lang: "pt" }, ...ctx });
    expect(next.seo.indexable).toBe(false);
    await expect(browseLoader({ request: new Request("http://localhost/xx/products"), params: { lang: "xx" }, ...ctx })).rejects.toMatchObject({ status: 404 });
  });

  it("product: 404 for unknown and unpublished slugs; JSON-LD offers in the original currency", async () => {
    await expect(productLoader({ request: new Request("http://localhost/pt/products/x-draft"), params: { lang: "pt", slug: "x-draft" }, ...ctx })).rejects.toMatchObject({ status: 404 });
    await expect(productLoader({ request: new Request("http://localhost/pt/products/nope"), params: { lang: "pt", slug: "nope" }, ...ctx })).rejects.toMatchObject({ status: 404 });
    const data = await productLoader({ request: new Request("http://localhost/zh/products/pp-cafeteira"), params: { lang: "zh", slug: "pp-cafeteira" }, ...ctx });
    expect(data.page.name.value).toBe("电动咖啡机");
    expect(data.page.tiers[0]!.converted).toMatch(/^¥/);
    expect(data.seo.url).toBe("http://localhost:3000/zh/products/pp-cafeteira");
    expect(data.seo.image).toMatch(/^http:\/\/localhost:3000\/media\/products\//);
    expect(data.seo.jsonLd).toMatchObject({ "@type": "Product", name: "电动咖啡机", offers: { priceCurrency: "USD", price: "12.50" } });
    expect(data.initialQuote).toMatchObject({ tierIndex: 0, totalOriginal: formatMoney({ amountMinor: 125_000n, currency: USD }, "zh") });
  });

  it("product: each buyer reads the variant's colour in their language, else as the maker typed it", async () => {
    const variant = await unscopedDb.productVariant.findFirstOrThrow({ where: { product: { slug: "pp-cafeteira" } }, select: { id: true, color: true, colorNames: true } });
    await unscopedDb.productVariant.update({ where: { id: variant.id }, data: { color: "White", colorNames: { zh: "白色", pt: "Branco" } } });
    try {
      const read = async (lang: Lang) => {
        const data = await productLoader({ request: new Request(`http://localhost/${lang}/products/pp-cafeteira`), params: { lang, slug: "pp-cafeteira" }, ...ctx });
        return { table: data.page.variants.map((v) => v.color), chooser: data.cart.variants.map((v) => v.label).join(" | ") };
      };
      const zh = await read("zh");
      expect(zh.table).toEqual(["白色"]);
      expect(zh.chooser).toContain("白色");
      const pt = await read("pt");
      expect(pt.table).toEqual(["Branco"]);
      expect(pt.chooser).toContain("Branco");
      expect((await read("es")).table).toEqual(["White"]);
    } finally {
      await unscopedDb.productVariant.update({ where: { id: variant.id }, data: { color: variant.color, colorNames: variant.colorNames ?? {} } });
    }
  });

  it("facets list manufacturers with published products and their brands", async () => {
    forgetListingCaches();
    const facets = await listingFacets("pt", { maker: makerA, brand: null });
    expect(facets.makers.map((m) => m.name)).toEqual(["Gree-Lux Test", "Other Maker"]);
    expect(facets.brands.map((b) => b.name)).toEqual(["AquaLux"]);
    // A chosen brand of another manufacturer stays named (its chip, its option).
    expect((await listingFacets("pt", { maker: makerB, brand: brandA })).brands).toEqual([{ id: brandA, name: "AquaLux" }]);
    expect(facets.categories.find((c) => c.slug === "faucets")).toMatchObject({ name: "Torneiras", depth: 1 });
  });

  it("sitemaps: an index, the pages and the products in every language", async () => {
    const index = await (await sitemapIndexLoader()).text();
    expect(index).toContain("<loc>http://localhost:3000/sitemaps/pages.xml</loc>");
    expect(index).toContain("<loc>http://localhost:3000/sitemaps/products-1.xml</loc>");
    const products = await (await sitemapFileLoader({ request: new Request("http://localhost/sitemaps/products-1.xml"), params: { file: "products-1.xml" }, ...ctx })).text();
    for (const lang of ["pt", "es", "zh", "en"]) expect(products).toContain(`<loc>http://localhost:3000/${lang}/products/pp-cafeteira</loc>`);
    expect(products).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(products).not.toContain("x-draft");
    await expect(sitemapFileLoader({ request: new Request("http://localhost/sitemaps/products-9.xml"), params: { file: "products-9.xml" }, ...ctx })).rejects.toMatchObject({ status: 404 });
  });
});

describe("a catalog past the count cap", () => {
  let makerC: string;
  beforeAll(async () => {
    // 10,001 published products of one manufacturer, written in one statement (the write path would take minutes):
    // 10,000 faucets and one shower, each published a minute before the previous one.
    makerC = (await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Bulk Maker", countryCode: "CN" } })).id;
    await unscopedDb.$executeRaw`
      INSERT INTO "Product" ("id", "organizationId", "categoryId", "slug", "status", "hsCode", "currencyCode", "moq", "minUnitPriceMinor", "referencePriceUsdMinor", "publishedAt", "updatedAt")
      SELECT gen_random_uuid(), ${makerC}::uuid, CASE WHEN g <= ${COUNT_CAP} THEN ${category.faucets}::uuid ELSE ${category.showers}::uuid END,
             'bulk-' || g, 'PUBLISHED', '848180', 'USD', 10, 1000, 1000, timestamp '2026-10-01' - g * interval '1 minute', now()
        FROM generate_series(1, ${COUNT_CAP + 1}::int) g`;
    // Fresh statistics, as autovacuum would have them on a catalog this size: the planner's choices below are its own.
    await unscopedDb.$executeRawUnsafe(`ANALYZE "Product"`);
    forgetListingCaches();
  });

  it("counts up to the cap and says when there are more", async () => {
    expect(COUNT_CAP).toBe(10_000);
    const over = await queryListing({ ...request({ filters: { maker: makerC } }), limit: 24 });
    expect(over.count).toEqual({ value: COUNT_CAP, capped: true });
    expect(over.rows).toHaveLength(24);
    // Exactly at the cap is a real count, not "more than".
    const at = await queryListing({ ...request({ filters: { maker: makerC, category: "faucets" } }), limit: 24 });
    expect(at.count).toEqual({ value: COUNT_CAP, capped: false });
    // The next page carries the first page's count instead of counting again.
    expect((await queryListing({ ...request({ filters: { maker: makerC } }), limit: 24, after: over.next })).count).toEqual({ value: COUNT_CAP, capped: true });
    const page = await browseLoader({ request: new Request(`http://localhost/pt/products?maker=${makerC}`), params: { lang: "pt" }, context: { cspNonce: "" } });
    expect(page.count).toEqual({ n: "10.000", value: COUNT_CAP, capped: true });
  });

  it("starts the index scan at the cursor (EXPLAIN)", async () => {
    const first = await queryListing({ ...request({ sort: "newest" }), limit: 24 });
    const row = first.rows[first.rows.length - 1]!;
    const sql = await listingSql(request({ sort: "newest" }), { after: { key: row.sortKey, id: row.id } });
    const plan = await unscopedDb.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    // The (status, publishedAt DESC, id) index, entered at the cursor's date: no sort, no scan of the pages before it.
    expect(text).toMatch(/Index Scan using "Product_status_publishedAt_id_idx" on "Product" p/);
    const scan = text.slice(text.indexOf('Index Scan using "Product_status_publishedAt_id_idx"'));
    const cond = /Index Cond: (.*)/.exec(scan)?.[1] ?? "";
    expect(cond).toContain(`(status = 'PUBLISHED'::"ProductStatus")`);
    expect(cond).toContain(`("publishedAt" <= '${row.sortKey}'::timestamp(3) without time zone)`);
    expect(text).not.toMatch(/Seq Scan on "Product"|Sort Key: p\."publishedAt"/);
  });
});
