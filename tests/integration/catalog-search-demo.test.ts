import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed";
import { DEMO_CATALOG } from "../../prisma/seed-demo-catalog";
import { Prisma } from "~/generated/prisma/client";
import { NO_FILTERS, queryListing } from "~/modules/catalog/listing.server";
import { productSearchFilter } from "~/modules/catalog/search.server";
import { unscopedDb } from "~/modules/db/index.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * The listing's search (candidates ranked inside its own statement, then the further matches) against the whole
 * ranking: every match of the words ranked, best first, ties by id — what the search did before it bounded its
 * candidates. On the demo catalog the bound is never reached, so the two must agree exactly, in every language.
 */
let database: TestDatabase;
let rates: RateTable;

beforeAll(async () => {
  database = await setupTestDatabase();
  await seedDemoData({ onlyIfEmpty: false });
  rates = await ratesAsOf();
}, 240_000);
afterAll(() => database.cleanup());

/** Every match of `q`, ranked: ts_rank of each matching translation (own-language doubled), best per product. */
async function wholeRanking(q: string, lang: Lang): Promise<string[]> {
  const filter = await productSearchFilter(q, lang);
  if (!filter) return [];
  const rows = await unscopedDb.$queryRaw<{ slug: string }[]>(Prisma.sql`
    SELECT p.slug FROM "Product" p WHERE p.status = 'PUBLISHED' AND ${filter.match} ORDER BY ${filter.rank} DESC, p.id`);
  return rows.map((r) => r.slug);
}

async function listed(q: string, lang: Lang, candidates?: number): Promise<{ slugs: string[]; count: number | null }> {
  const slugs: string[] = [];
  let after: string | null = null;
  let count: number | null = null;
  do {
    const result = await queryListing({ lang, currency: rates.currency("USD"), rates, filters: { ...NO_FILTERS, q }, sort: "relevance", limit: 10, after, searchCandidates: candidates });
    count ??= result.count?.value ?? null;
    slugs.push(...result.rows.map((r) => r.slug));
    after = result.next;
  } while (after);
  return { slugs, count };
}

/** Words buyers type: the bench's, and the first two words of every demo product's name in each language. */
function queries(lang: Lang): string[] {
  const words = ["bateria", "acondicionado", "charger", "空调", "toner", "power bank", "usb-c", "inox", "充电器", "carga rápida", '"fast charger"', "toner -tn-2370", "cafetera"];
  for (const maker of DEMO_CATALOG) for (const product of maker.products) words.push(product.name[lang].split(/\s+/).slice(0, 2).join(" "));
  return [...new Set(words)];
}

describe("search on the demo catalog", () => {
  it.each(LANGS)("lists what the whole ranking gives, in the same order (%s)", async (lang) => {
    let found = 0;
    for (const q of queries(lang)) {
      const expected = await wholeRanking(q, lang);
      const { slugs, count } = await listed(q, lang);
      expect(slugs, `${lang}: ${q}`).toEqual(expected);
      expect(count, `${lang}: ${q}`).toBe(expected.length);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(50);
  });

  it("lists every match once with a small candidate bound, best candidates first", async () => {
    for (const [q, lang] of [["bateria", "pt"], ["toner", "es"], ["charger", "en"], ["充电", "zh"]] as const) {
      const expected = await wholeRanking(q, lang);
      expect(expected.length, q).toBeGreaterThan(1);
      const { slugs, count } = await listed(q, lang, 2);
      expect([...slugs].sort(), q).toEqual([...expected].sort());
      expect(count, q).toBe(expected.length);
    }
  });
});
