import { Prisma } from "~/generated/prisma/client";
import type { BaseClient } from "~/modules/db/client.server";
import { unscopedDb } from "~/modules/db/index.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import {
  ALL_TEXT_SEARCH_CONFIGS,
  cjkQueryText,
  correctableWords,
  hasPositiveClause,
  indexableText,
  NAME_TERM_MARK,
  nameTermPrefixQueryText,
  nameTerms,
  nameTermsVectorText,
  parseSearchQuery,
  parseSuggestInput,
  splitExclusions,
  quoteLexeme,
  skuSearchText,
  TEXT_SEARCH_CONFIGS,
  toTsQueryText,
  transpositions,
  typoBudget,
  typoDistance,
  type SearchAtom,
  type SuggestInput,
  type TextSearchConfig,
} from "./search-text";

/**
 * Catalog search on PostgreSQL full text search.
 *
 * Index: each ProductTranslation has a `searchVector` (GIN-indexed), built by reindexProducts with the
 * configuration of its language (ponte_pt / ponte_es / ponte_en stem and unaccent; Chinese goes through
 * ponte_simple as character unigrams + bigrams made by search-text.ts):
 *   A  the name
 *   B  brand, category and parent category (in that language, from Category.names), short description, the maker's
 *      names (trading, Latin legal, Chinese legal) and the SKUs with their hyphen prefixes (GL-CM15-127N also as
 *      GL-CM15, so that a model code finds all its variants)
 *   C  long description and specifications
 *   D  marked lexemes `#word`, one per folded word of the name, plus a lone `#` when the product was PUBLISHED
 *      at indexing time. Plain queries can never produce a `#` lexeme (the parser drops it), so these do not
 *      affect matching or ranking; they serve (1) prefix suggestions on names ('#eletr':*) and (2) SearchTerm
 *      bookkeeping: a reindex subtracts exactly the words the previous index of that translation contributed.
 *   -  the name's stems again, marked `!stem`, without positions: "the name matches" told by the GIN index
 *      alone (a weight-restricted query `'stem':A` makes PostgreSQL read every candidate row to check weights).
 *
 * SearchTerm: distinct folded words of the names of published products, per language, with the number of
 * translations using them; the trigram index on it finds corrections (typos) and completions.
 *
 * Query: the buyer's words are parsed in TypeScript (search-text.ts) and rendered as tsquery text of quoted
 * operands (no input can make a syntax error), stemmed by every configuration and OR-ed: each translation is
 * matched by the query stemmed its own way, whatever the buyer's language (a pt buyer finds a product that only
 * has zh + en text through its English words), in one scan of the GIN index. See productSearch.
 */

/** Anything that runs raw SQL: the base client, a scoped client, an interactive transaction. */
export type SearchClient = Pick<BaseClient, "$executeRaw" | "$queryRaw">;

/** Translations written per UPDATE statement (keeps each statement's JSON parameter to a few MB). */
const REINDEX_BATCH = 5000;
/** Buyer's language matches count this much more than matches in other languages. */
const OWN_LANGUAGE_BOOST = 2;
/** Most corrections OR-ed in for one mistyped word. */
const MAX_CORRECTIONS = 3;
/** Rows a suggestion query looks at before ordering (bounds the work for short prefixes on a large catalog). */
const SUGGEST_CANDIDATES = 400;

const PUBLISHED_FLAG = NAME_TERM_MARK;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Prefix of the copies of the name's stems (see above); like `#`, never produced by the parser. */
const NAME_STEM_MARK = "!";
/** Matching translations ranked per search (name matches first): bounds the work for words found everywhere. */
const MAX_CANDIDATES = 1_000;
/** Compiled searches are kept this long in this process (reindexing here clears them)… */
const CACHE_TTL_MS = 30_000;
/** …at most this many. */
const CACHE_MAX_ENTRIES = 2_000;
const config = (name: TextSearchConfig) => Prisma.raw(`'${name}'::regconfig`);

// ─── Indexing ────────────────────────────────────────────────────────────────────────────────────────────────

interface IndexRow {
  id: string;
  locale: Lang;
  name: string;
  short: string;
  long: string;
  specifications: unknown;
  status: string;
  brand: string | null;
  maker: string[];
  skus: string[] | null;
  category: unknown;
  parentCategory: unknown;
  /** The weight-D lexemes of the current vector: `#word` name terms and the `#` flag. */
  oldTerms: string[];
  wasPublished: boolean;
}

function localized(names: unknown, locale: Lang): string {
  if (!names || typeof names !== "object") return "";
  const record = names as Record<string, unknown>;
  const value = record[locale] ?? record.en;
  return typeof value === "string" ? value : "";
}

function specificationsText(specifications: unknown): string {
  if (!Array.isArray(specifications)) return "";
  return specifications
    .map((s) => (s && typeof s === "object" ? [(s as Record<string, unknown>).label, (s as Record<string, unknown>).value] : []))
    .flat()
    .filter((v): v is string => typeof v === "string")
    .join("\n");
}

/**
 * (Re)computes the search vectors of every translation of these products and keeps SearchTerm in step, in a few
 * set-based statements whatever the number of products (one read, one UPDATE per 5,000 translations, one upsert
 * and one delete of terms). Call it after any write to a product's translations, brand, category or status
 * (publishing and unpublishing included: SearchTerm counts published products only), in the same transaction
 * (given a client rather than a transaction, it opens one). Rows are locked (FOR UPDATE) in id order, so
 * concurrent reindexes of the same products serialize instead of double-counting terms. Deleting a product
 * leaves its words counted until rebuildSearchTerms (harmless: a suggestion or correction that finds nothing).
 */
export async function reindexProducts(client: SearchClient, productIds: string[]): Promise<void> {
  // Ids that are not UUIDs name no product (and would fail the cast).
  const ids = [...new Set(productIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return;
  await inTransaction(client, (tx) => reindex(tx, ids));
  clearSearchCache();
}

/** Runs `work` in a transaction of its own, or as is in the caller's (a client without `$transaction`). */
async function inTransaction<T>(client: SearchClient, work: (tx: SearchClient) => Promise<T>): Promise<T> {
  const transactional = client as Partial<Pick<BaseClient, "$transaction">>;
  if (typeof transactional.$transaction === "function") {
    // Generous waits: under load the pool may be busy for a while, and a large import takes time.
    return (client as BaseClient).$transaction((tx) => work(tx), { maxWait: 10_000, timeout: 120_000 });
  }
  return work(client);
}

async function reindex(client: SearchClient, ids: string[]): Promise<void> {

  const rows = await client.$queryRaw<IndexRow[]>`
    SELECT t.id::text AS id, t.locale::text AS locale, t.name, t."shortDescription" AS short, t."longDescription" AS long,
           t.specifications, p.status::text AS status, b.name AS brand, c.names AS category, pc.names AS "parentCategory",
           ARRAY[o.name, COALESCE(o."legalNameLatin", ''), COALESCE(o."legalNameZh", '')] AS maker,
           (SELECT array_agg(v.sku ORDER BY v.sku) FROM "ProductVariant" v WHERE v."productId" = p.id) AS skus,
           COALESCE(tsvector_to_array(ts_filter(t."searchVector", '{d}')), '{}') AS "oldTerms",
           COALESCE(t."searchVector" @@ ${quoteLexeme(PUBLISHED_FLAG)}::tsquery, false) AS "wasPublished"
    FROM "ProductTranslation" t
    JOIN "Product" p ON p.id = t."productId"
    LEFT JOIN "Category" c ON c.id = p."categoryId"
    JOIN "Organization" o ON o.id = p."organizationId"
    LEFT JOIN "Category" pc ON pc.id = c."parentId"
    LEFT JOIN "Brand" b ON b.id = p."brandId"
    WHERE t."productId" = ANY (${ids}::uuid[])
    ORDER BY t.id
    FOR UPDATE OF t`;
  if (rows.length === 0) return;

  const delta = new Map<string, number>();
  const bump = (locale: Lang, term: string, by: number) => {
    const key = `${locale}\u0000${term}`;
    delta.set(key, (delta.get(key) ?? 0) + by);
  };
  const documents = rows.map((row) => {
    const published = row.status === "PUBLISHED";
    // Name words are marked for prefix suggestions whatever the status (suggestions filter on status); the lone
    // flag says whether they were counted in SearchTerm, so that the next reindex subtracts exactly those.
    const marked = nameTerms(row.name);
    if (row.wasPublished) {
      for (const lexeme of row.oldTerms) if (lexeme.startsWith(NAME_TERM_MARK) && lexeme.length > 1) bump(row.locale, lexeme.slice(1), -1);
    }
    if (published) for (const term of marked) bump(row.locale, term, +1);
    const flag = published ? `${quoteLexeme(PUBLISHED_FLAG)}:1 ` : "";
    return {
      id: row.id,
      cfg: TEXT_SEARCH_CONFIGS[row.locale],
      a: indexableText(row.name),
      b: indexableText([row.brand ?? "", localized(row.category, row.locale), localized(row.parentCategory, row.locale), row.short, ...row.maker, skuSearchText(row.skus ?? [])].join("\n")),
      c: indexableText([row.long, specificationsText(row.specifications)].join("\n")),
      d: flag + nameTermsVectorText(marked),
    };
  });

  for (let i = 0; i < documents.length; i += REINDEX_BATCH) {
    const batch = JSON.stringify(documents.slice(i, i + REINDEX_BATCH));
    await client.$executeRaw`
      UPDATE "ProductTranslation" AS t
      SET "searchVector" = setweight(x.name, 'A')
                        || setweight(to_tsvector(x.cfg::regconfig, x.b), 'B')
                        || setweight(to_tsvector(x.cfg::regconfig, x.c), 'C')
                        || x.d::tsvector
                        || array_to_tsvector(ARRAY(SELECT ${NAME_STEM_MARK} || s FROM unnest(tsvector_to_array(x.name)) AS s))
      FROM (
        SELECT j.id, j.cfg, j.b, j.c, j.d, to_tsvector(j.cfg::regconfig, j.a) AS name
        FROM jsonb_to_recordset(${batch}::jsonb) AS j(id uuid, cfg text, a text, b text, c text, d text)
      ) AS x
      WHERE t.id = x.id`;
  }

  const changes = [...delta]
    .filter(([, by]) => by !== 0)
    .map(([key, by]) => {
      const [locale, term] = key.split("\u0000");
      return { locale, term, delta: by };
    });
  if (changes.length === 0) return;
  const payload = JSON.stringify(changes);
  // Ordered, so that concurrent imports lock terms in the same order (no deadlock).
  await client.$executeRaw`
    INSERT INTO "SearchTerm" (locale, term, frequency)
    SELECT x.locale::"Locale", x.term, x.delta
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(locale text, term text, delta int)
    ORDER BY x.locale, x.term
    ON CONFLICT (locale, term) DO UPDATE SET frequency = "SearchTerm".frequency + EXCLUDED.frequency`;
  await client.$executeRaw`
    DELETE FROM "SearchTerm" AS s
    USING jsonb_to_recordset(${payload}::jsonb) AS x(locale text, term text, delta int)
    WHERE s.locale = x.locale::"Locale" AND s.term = x.term AND s.frequency <= 0`;
}

/**
 * Reindexes the whole catalog in batches (seeds, benchmarks, after changing the indexing rules), then
 * recomputes SearchTerm from the index: also drops the words of deleted products.
 */
export async function reindexAllProducts(client: SearchClient, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  for (;;) {
    const batch = await client.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Product" WHERE id > ${after}::uuid ORDER BY id LIMIT ${batchSize}`;
    if (batch.length === 0) break;
    await reindexProducts(client, batch.map((r) => r.id));
    total += batch.length;
    after = batch[batch.length - 1].id;
  }
  await rebuildSearchTerms(client);
  return total;
}

/** Recomputes SearchTerm from the marked name words of published translations (one statement each way). */
export async function rebuildSearchTerms(client: SearchClient): Promise<void> {
  await inTransaction(client, async (tx) => {
    await tx.$executeRaw`DELETE FROM "SearchTerm"`;
    await tx.$executeRaw`
      INSERT INTO "SearchTerm" (locale, term, frequency)
      SELECT t.locale, substr(u.lexeme, 2), count(*)::int
      FROM "ProductTranslation" t CROSS JOIN LATERAL unnest(t."searchVector") AS u
      WHERE t."searchVector" @@ ${quoteLexeme(PUBLISHED_FLAG)}::tsquery
        AND left(u.lexeme, 1) = ${NAME_TERM_MARK} AND length(u.lexeme) > 1
      GROUP BY 1, 2`;
  });
}

// ─── Searching ───────────────────────────────────────────────────────────────────────────────────────────────

/** A query as each configuration stems it (tsquery text; "" when a configuration keeps nothing of it). */
type Stemmed = Record<Lang, string>;

interface CompiledQuery {
  /** What must match, stemmed per language (typo corrections OR-ed in). */
  included: Stemmed;
  /** The excluded words, stemmed per language, if any. */
  excluded: Stemmed | null;
  /** Whether typo corrections were OR-ed in. */
  corrected: boolean;
}

/** The distinct stemmings OR-ed, as one constant tsquery text (what a translation of any language must match). */
function anyLanguage(stems: Stemmed): string {
  const distinct = [...new Set(LANGS.map((l) => stems[l]).filter(Boolean))];
  return distinct.length === 1 ? distinct[0] : distinct.map((text) => `( ${text} )`).join(" | ");
}

/** Every lexeme marked as a name stem: `'bater' & 'litio'` → `'!bater' & '!litio'`. */
function asNameStems(tsquery: string): string {
  return tsquery.replace(/'((?:[^']|'')*)'/g, (_, lexeme: string) => `'${NAME_STEM_MARK}${lexeme}'`);
}

function anyQuery(stems: Stemmed): Prisma.Sql {
  return Prisma.sql`${anyLanguage(stems)}::tsquery`;
}

/** The query stemmed the way this translation was indexed, for ranking. */
function ownQuery(alias: string, stems: Stemmed): Prisma.Sql {
  const branches = LANGS.map((l) => Prisma.sql`WHEN ${Prisma.raw(`'${l}'`)} THEN ${stems[l]}::tsquery`);
  return Prisma.sql`CASE ${Prisma.raw(alias)}.locale ${Prisma.join(branches, " ")} END`;
}

/**
 * The tsquery texts of a buyer's query as each configuration stems them (one statement), or null when nothing
 * in it is searchable. With `correct`, words that match nothing published are looked up in SearchTerm first.
 */
async function compileQuery(q: string, lang: Lang, client: SearchClient, correct: boolean): Promise<CompiledQuery | null> {
  if (!q || q.trim() === "") return null;
  const query = parseSearchQuery(q);
  if (!hasPositiveClause(query)) return null;
  const { included, excluded } = splitExclusions(query);
  const words = correct ? correctableWords(included) : [];
  const fixes = words.length > 0 ? await plannedWithIndexes(client, (tx) => corrections(tx, words, lang)) : new Map<string, string[]>();
  const text = toTsQueryText(included, { corrections: fixes });
  if (!text) return null;
  const excludedText = excluded ? toTsQueryText(excluded) : "";
  const stem = (input: string) =>
    Prisma.join(LANGS.map((l) => Prisma.sql`to_tsquery(${config(TEXT_SEARCH_CONFIGS[l])}, ${input})::text AS ${Prisma.raw(`"${l}"`)}`));
  const [stems] = await client.$queryRaw<Stemmed[]>`SELECT ${stem(text)}`;
  const [excludedStems] = excludedText ? await client.$queryRaw<Stemmed[]>`SELECT ${stem(excludedText)}` : [null];
  if (!anyLanguage(stems)) return null;
  return {
    included: stems,
    excluded: excludedStems && anyLanguage(excludedStems) ? excludedStems : null,
    corrected: fixes.size > 0,
  };
}

/** Whether a query has words that could be corrected (so that finding nothing is worth a second look). */
function hasCorrectableWords(q: string): boolean {
  return correctableWords(splitExclusions(parseSearchQuery(q)).included).length > 0;
}

/**
 * Runs `work` in a transaction where the planner must use bitmap (GIN) scans and may not JIT-compile: "does this
 * word match anything?" is an EXISTS, which PostgreSQL likes to answer by reading a table or an index in order
 * until the first match, that is all of it when there is none. Already inside a transaction (a client without
 * `$transaction`): as is.
 */
async function plannedWithIndexes<T>(client: SearchClient, work: (tx: SearchClient) => Promise<T>): Promise<T> {
  return inTransaction(client, async (tx) => {
    await tx.$executeRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('jit', 'off', true)`;
    return work(tx);
  });
}

/**
 * Looks up corrections for the words of a query that match nothing published: SearchTerm words within the typo
 * budget (1 edit for 5–8 letters, 2 from 9; a swap of neighbours counts as one), compared as typed, as stemmed in
 * the term's language, or as the term's stem plus a short ending ("torniera" → "torneiras": tornier ~ torneir).
 * Candidates come from the trigram index (similar words, or words with the same first three letters) and, for
 * swaps that trigrams miss in short words, from an exact lookup of the swapped spellings. One statement.
 */
async function corrections(client: SearchClient, words: string[], lang: Lang): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (words.length === 0) return result;
  // A VALUES list (not a JSON recordset): the planner knows how many words there are, and the estimate stays
  // small (a large one would make PostgreSQL JIT-compile this statement, which costs more than running it).
  const values = Prisma.join(
    words.map((word) => {
      const reach = typoBudget(word) + 2;
      return Prisma.sql`(${word}, ${quoteLexeme(word)}, ${`${likeEscape(Array.from(word).slice(0, 3).join(""))}%`}, ${reach}::int, ${transpositions(word)}::text[])`;
    }),
  );
  const termConfig = Prisma.sql`(CASE c.locale ${Prisma.join(
    LANGS.map((l) => Prisma.sql`WHEN ${Prisma.raw(`'${l}'`)} THEN ${config(TEXT_SEARCH_CONFIGS[l])}`),
    " ",
  )} END)`;
  const rows = await client.$queryRaw<
    { word: string; matched: boolean; term: string | null; locale: Lang | null; frequency: number | null; wordStem: string | null; termStem: string | null }[]
  >`
    WITH w (word, lit, head, reach, variants) AS (VALUES ${values}), m AS MATERIALIZED (
      SELECT w.*, EXISTS (
        SELECT 1 FROM "ProductTranslation" t JOIN "Product" p ON p.id = t."productId"
        WHERE p.status = 'PUBLISHED'
          AND t."searchVector" @@ (${Prisma.join(
            ALL_TEXT_SEARCH_CONFIGS.map((c) => Prisma.sql`to_tsquery(${config(c)}, w.lit)`),
            " || ",
          )})
      ) AS matched
      FROM w
    )
    SELECT m.word, m.matched, c.term, c.locale::text AS locale, c.frequency,
           array_to_string(tsvector_to_array(to_tsvector(${termConfig}, m.word)), ' ') AS "wordStem",
           array_to_string(tsvector_to_array(to_tsvector(${termConfig}, c.term)), ' ') AS "termStem"
    FROM m LEFT JOIN LATERAL (
      SELECT s.term, s.locale, s.frequency FROM "SearchTerm" s
      WHERE NOT m.matched AND s.term <> m.word
        AND (s.term % m.word OR s.term LIKE m.head OR s.term = ANY (m.variants))
        AND levenshtein_less_equal(s.term, m.word, m.reach) <= m.reach
      ORDER BY levenshtein_less_equal(s.term, m.word, m.reach), s.frequency DESC
      LIMIT 50
    ) c ON true`;
  const candidates = new Map<string, { term: string; distance: number; own: boolean; frequency: number }[]>();
  for (const row of rows) {
    if (row.matched || !row.term) continue;
    const budget = typoBudget(row.word);
    let distance = typoDistance(row.word, row.term, budget);
    if (row.wordStem && row.termStem) {
      distance = Math.min(distance, typoDistance(row.wordStem, row.termStem, budget));
      // The word as the stem plus a short ending: torniera ~ torneir(as).
      const stemLength = Array.from(row.termStem).length;
      const wordLength = Array.from(row.word).length;
      if (stemLength >= 4 && wordLength - stemLength <= 2) {
        distance = Math.min(distance, typoDistance(Array.from(row.word).slice(0, stemLength).join(""), row.termStem, budget));
      }
    }
    if (distance > budget) continue;
    const list = candidates.get(row.word) ?? [];
    list.push({ term: row.term, distance, own: row.locale === lang, frequency: row.frequency ?? 0 });
    candidates.set(row.word, list);
  }
  for (const [word, list] of candidates) {
    list.sort((a, b) => a.distance - b.distance || Number(b.own) - Number(a.own) || b.frequency - a.frequency || a.term.localeCompare(b.term));
    result.set(word, [...new Set(list.map((c) => c.term))].slice(0, MAX_CORRECTIONS));
  }
  return result;
}

export interface SearchOptions {
  /** Matching translations ranked per search (default 1,000): name matches first, then the others. */
  candidates?: number;
}

/**
 * A search, as fragments for the listing's statements over a Product table aliased `p` (see productSearch).
 */
export interface ProductSearch {
  /** Whether product `p` matches: one of its translations has the words, none has an excluded word. */
  match: Prisma.Sql;
  /**
   * Common table expressions (`WITH` items, comma-separated) defining `search_ranked (id, score)`: the ranked
   * candidates, at most `candidates` matching translations read, name matches first; and `search_hits`, the
   * translations read (to tell whether that bound was reached: see `exhausted`). With `narrow` (filters that keep
   * few products: a manufacturer, a category…) only products that pass `filter` (a condition over `p`) are
   * read; otherwise any matching translation is, and the caller must still apply `filter` to what it shows.
   */
  ranked(filter: Prisma.Sql, options?: { narrow?: boolean }): Prisma.Sql;
  /** True (SQL, under the `ranked` CTEs) when the bound was reached: more matches may exist beyond `search_ranked`. */
  exhausted: Prisma.Sql;
  /** Whether typo corrections were OR-ed in (the words as typed matched nothing published). */
  corrected: boolean;
}

/**
 * Catalog search for the listing: the buyer's words compiled once (stemmed by every configuration, in one small
 * statement), then fragments that the listing's own statements embed, so that finding, ranking and paging happen
 * in one statement inside PostgreSQL (no id lists go back and forth):
 * - `match`: an EXISTS on ProductTranslation through its GIN index (ProductTranslation_searchVector_idx), for
 *   filters, the capped count and the other sorts (newest, price, MOQ), where the planner chooses between probing
 *   products in index order and a semi-join of the matching translations;
 * - `ranked`: relevance over a bounded candidate set. Matching translations of products that pass the listing's
 *   filters are read from the GIN index, those whose NAME has the words first (told by the index alone, through
 *   the `!stem` lexemes), then the others, and the reading stops after `candidates` (1,000) translations; only
 *   those are ranked: ts_rank with the query stemmed the translation's own way, weights A name > B brand,
 *   category, short description > C long description, specifications; doubled in the buyer's language; best
 *   translation per product. The listing pages those by rank, then the further matches (if the bound was
 *   reached) in id order. Ranking every match of a word found in 17,000 products (bateria) cost 100–460 ms.
 * Only when the words as typed match nothing published are mistyped words corrected (words that match something
 * are kept as they are). The compiled query (and that decision) is kept 30 s in this process (the next page, a
 * refresh); reindexProducts forgets it. Null when nothing in `q` is searchable (blank, punctuation only,
 * exclusions only).
 */
export async function productSearch(q: string, lang: Lang, options: SearchOptions = {}): Promise<ProductSearch | null> {
  if (!q || q.trim() === "") return null;
  const compiled = await compiledSearch(q, lang);
  if (!compiled) return null;
  return searchFragments(compiled, lang, options.candidates ?? MAX_CANDIDATES);
}

/**
 * The search as two plain conditions over `p`, for code that needs no paging (tests, scripts): `match`, and
 * `rank` (float8, for ORDER BY … DESC; the score `ranked` gives, for any matching product).
 */
export async function productSearchFilter(q: string, lang: Lang): Promise<{ match: Prisma.Sql; rank: Prisma.Sql } | null> {
  if (!q || q.trim() === "") return null;
  const compiled = await compiledSearch(q, lang);
  if (!compiled) return null;
  return {
    match: matchCondition(compiled, "p"),
    rank: Prisma.sql`COALESCE((SELECT max(${score("search_t", compiled, lang)})::float8 FROM "ProductTranslation" search_t
      WHERE search_t."productId" = p.id AND search_t."searchVector" @@ ${anyQuery(compiled.included)}), 0::float8)`,
  };
}

/** The words compiled (and corrected when they match nothing published), from the cache or the database. */
function compiledSearch(q: string, lang: Lang): Promise<CompiledQuery | null> {
  const key = `${lang}\u0000${q.trim()}`;
  const hit = searchCache.get(key);
  if (hit) return hit;
  // Kept while it runs too: the page, its count and the filter panel ask for the same words at once.
  const generation = cacheGeneration;
  const value = (async () => {
    let compiled = await compileQuery(q, lang, unscopedDb, false);
    if (compiled && hasCorrectableWords(q) && !(await matchesAnything(unscopedDb, compiled))) {
      const corrected = await compileQuery(q, lang, unscopedDb, true);
      if (corrected?.corrected) compiled = corrected;
    }
    return compiled;
  })();
  searchCache.set(key, value);
  value.then(
    // A reindex while this was computed may have changed the answer: not kept then.
    () => generation !== cacheGeneration && searchCache.delete(key, value),
    () => searchCache.delete(key, value),
  );
  return value;
}

/** Whether any published product matches (the typo check's question), through the GIN index. */
async function matchesAnything(client: SearchClient, compiled: CompiledQuery): Promise<boolean> {
  const [row] = await plannedWithIndexes(client, (tx) =>
    tx.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "ProductTranslation" t JOIN "Product" p ON p.id = t."productId"
        WHERE t."searchVector" @@ ${anyQuery(compiled.included)} AND p.status = 'PUBLISHED'${exclusion(compiled, "p.id")}
      ) AS found`,
  );
  return Boolean(row?.found);
}

/** ts_rank of translation `alias` with the query stemmed its own way, doubled in the buyer's language (real). */
function score(alias: string, compiled: CompiledQuery, lang: Lang): Prisma.Sql {
  const t = Prisma.raw(alias);
  return Prisma.sql`ts_rank(${t}."searchVector", ${ownQuery(alias, compiled.included)})
    * CASE WHEN ${t}.locale = ${lang}::"Locale" THEN ${OWN_LANGUAGE_BOOST}::real ELSE 1::real END`;
}

function matchCondition(compiled: CompiledQuery, product: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "ProductTranslation" search_m
    WHERE search_m."productId" = ${Prisma.raw(product)}.id AND search_m."searchVector" @@ ${anyQuery(compiled.included)})${exclusion(compiled, `${product}.id`)}`;
}

/**
 * The name-stem form of a query, for telling name matches apart (a priority, never the match itself): phrase
 * operators become AND, since the `!stem` lexemes carry no positions (a phrase never matches them).
 */
function nameQuery(compiled: CompiledQuery): { text: string; exact: boolean } {
  const named = asNameStems(anyLanguage(compiled.included));
  let exact = true;
  const text = named.replace(/'(?:[^']|'')*'|<\d*->|<\d+>|!/g, (token) => {
    if (token.startsWith("'")) return token;
    exact = false;
    return token === "!" ? token : "&";
  });
  return { text, exact };
}

function searchFragments(compiled: CompiledQuery, lang: Lang, candidates: number): ProductSearch {
  const any = anyQuery(compiled.included);
  const name = nameQuery(compiled);
  const names = Prisma.sql`${name.text}::tsquery`;
  // Without phrases or negations, a name match is a match (the name's stems are in the vector too): the first
  // branch then reads only the name stems' entries of the index, not every match's.
  const namesFirst = name.exact ? Prisma.sql`t."searchVector" @@ ${names}` : Prisma.sql`t."searchVector" @@ ${any} AND t."searchVector" @@ ${names}`;
  const excluded = exclusion(compiled, "p.id");
  const limit = Math.max(1, Math.trunc(candidates));
  return {
    match: matchCondition(compiled, "p"),
    corrected: compiled.corrected,
    exhausted: Prisma.sql`(SELECT count(*) FROM search_hits) >= ${limit}`,
    // Each branch reads translations from the GIN index (a bitmap) and their products by primary key; the
    // Append reads the second only when the first ends before the bound, and the LIMIT stops the reading.
    ranked: (filter, options = {}) => {
      // Without narrow filters the candidates are matching translations, whatever their product's status (like
      // the words' index): the listing checks the filters when it joins the best of them to Product, so that a
      // page looks up about as many products as it shows. Narrow filters are applied while reading candidates.
      const product = options.narrow
        ? Prisma.sql`JOIN "Product" p ON p.id = t."productId" WHERE ${filter}${excluded} AND`
        : Prisma.sql`WHERE${compiled.excluded ? Prisma.sql` TRUE ${exclusion(compiled, 't."productId"')} AND` : Prisma.empty}`;
      return Prisma.sql`
      search_hits AS MATERIALIZED (
        SELECT h."productId" AS id, ${score("h", compiled, lang)} AS score
        FROM (
          (SELECT t."productId", t.locale, t."searchVector" FROM "ProductTranslation" t ${product} ${namesFirst})
          UNION ALL
          (SELECT t."productId", t.locale, t."searchVector" FROM "ProductTranslation" t ${product}
             t."searchVector" @@ ${any} AND NOT (t."searchVector" @@ ${names}))
          LIMIT ${limit}
        ) h
      ),
      search_ranked AS MATERIALIZED (
        SELECT id, max(score)::float8 AS score FROM search_hits GROUP BY id
      )`;
    },
  };
}

/**
 * Compiled searches (stems, corrections), least recently used out first: the same words asked again within
 * 30 s (the next page, a refresh, a shared link) cost only the listing's own statements.
 */
class SearchCache {
  private entries = new Map<string, { value: Promise<CompiledQuery | null>; expires: number }>();

  get(key: string): Promise<CompiledQuery | null> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires < Date.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Promise<CompiledQuery | null>) {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: Date.now() + CACHE_TTL_MS });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= CACHE_MAX_ENTRIES) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets `key` if it still holds `value`. */
  delete(key: string, value: Promise<CompiledQuery | null>) {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}

const searchCache = new SearchCache();
let cacheGeneration = 0;

/** Forgets compiled searches (in this process) and bumps searchGeneration; reindexProducts calls it. */
export function clearSearchCache(): void {
  searchCache.clear();
  cacheGeneration++;
}

/** Changes whenever this process reindexed products: caches of search results (the listing's counts) key on it. */
export function searchGeneration(): number {
  return cacheGeneration;
}

/** A product with an excluded word in any of its translations is left out. */
function exclusion(compiled: CompiledQuery, productId: string): Prisma.Sql {
  if (!compiled.excluded) return Prisma.empty;
  return Prisma.sql` AND NOT EXISTS (SELECT 1 FROM "ProductTranslation" search_x
    WHERE search_x."productId" = ${Prisma.raw(productId)} AND search_x."searchVector" @@ ${anyQuery(compiled.excluded)})`;
}

/** EXPLAIN (with `analyze`: ANALYZE, BUFFERS) of the statement that finds and ranks the first matches of `q`. */
export async function explainProductSearch(q: string, lang: Lang, options: { analyze?: boolean; client?: SearchClient } = {}): Promise<string> {
  const client = options.client ?? unscopedDb;
  const compiled = await compileQuery(q, lang, client, false);
  if (!compiled) return "";
  const search = searchFragments(compiled, lang, MAX_CANDIDATES);
  const explain = options.analyze ? Prisma.sql`EXPLAIN (ANALYZE, BUFFERS)` : Prisma.sql`EXPLAIN`;
  const rows = await client.$queryRaw<{ "QUERY PLAN": string }[]>`${explain}
    WITH ${search.ranked(Prisma.sql`p.status = 'PUBLISHED'`)}
    SELECT id, score FROM search_ranked ORDER BY score DESC, id LIMIT 25`;
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

// ─── Suggestions ─────────────────────────────────────────────────────────────────────────────────────────────

export interface Suggestions {
  products: { slug: string; name: string }[];
  terms: string[];
}

/** A complete word (or CJK run) of a suggestion: in the name, stemmed, or as typed. */
function completeAtomQuery(atom: SearchAtom): Prisma.Sql {
  if (atom.type === "cjk") return Prisma.sql`to_tsquery(${config("ponte_simple")}, ${cjkQueryText(atom.value, ":A")})`;
  const named = `${quoteLexeme(atom.value)}:A`;
  return Prisma.sql`(${Prisma.join(
    ALL_TEXT_SEARCH_CONFIGS.map((c) => Prisma.sql`to_tsquery(${config(c)}, ${named})`),
    " || ",
  )} || ${quoteLexeme(NAME_TERM_MARK + atom.value)}::tsquery)`;
}

async function suggestProducts(input: SuggestInput, lang: Lang, limit: number): Promise<Suggestions["products"]> {
  const parts = input.complete.map(completeAtomQuery);
  // A one-letter prefix would match half the catalog: it only narrows what the complete words found.
  if (input.prefix && input.prefix.length >= 2) parts.push(Prisma.sql`${nameTermPrefixQueryText(input.prefix)}::tsquery`);
  if (parts.length === 0) return [];
  const first = input.complete[0]?.value ?? input.prefix ?? "";
  // Candidates first, from the GIN index (a bounded number), then their products one by one: a plain join
  // makes PostgreSQL hash every published product for a two-letter prefix.
  return unscopedDb.$queryRaw<Suggestions["products"]>`
    WITH c AS MATERIALIZED (
      SELECT t."productId", t.name, t.locale FROM "ProductTranslation" t
      WHERE t."searchVector" @@ (${Prisma.join(parts, " && ")})
      LIMIT ${SUGGEST_CANDIDATES}
    )
    SELECT p.slug, c.name
    FROM c CROSS JOIN LATERAL (
      -- OFFSET 0 keeps this a lookup by primary key per candidate (not a hash of the whole catalog).
      SELECT q.id, q.slug, q."sourceLocale", q."publishedAt" FROM "Product" q
      WHERE q.id = c."productId" AND q.status = 'PUBLISHED' OFFSET 0
    ) p
    WHERE c.locale = ${lang}::"Locale"
       OR (c.locale = p."sourceLocale" AND NOT EXISTS (
         SELECT 1 FROM "ProductTranslation" o WHERE o."productId" = p.id AND o.locale = ${lang}::"Locale"))
    ORDER BY (c.locale = ${lang}::"Locale") DESC, (position(${first} IN lower(unaccent(c.name))) = 1) DESC,
             length(c.name), p."publishedAt" DESC NULLS LAST, p.slug
    LIMIT ${limit}`;
}

/** Whole-query suggestions: the typed text with its last word completed (or corrected) from SearchTerm. */
async function suggestTerms(q: string, input: SuggestInput, lang: Lang, limit: number): Promise<string[]> {
  const last = input.complete[input.complete.length - 1];
  if (!input.prefix && last?.type === "cjk") {
    // Chinese: longer name words that contain the last run typed (空调 → 变频空调).
    const typed = q.trimEnd();
    const lead = typed.endsWith(last.value) ? typed.slice(0, typed.length - last.value.length) : `${typed} `;
    const rows = await unscopedDb.$queryRaw<{ term: string }[]>`
      SELECT term FROM "SearchTerm"
      WHERE locale = 'zh' AND term LIKE ${`%${likeEscape(last.value)}%`} AND term <> ${last.value}
      ORDER BY frequency DESC, length(term), term LIMIT ${limit}`;
    return rows.map((r) => lead + r.term);
  }
  const word = input.prefix;
  if (!word || word.length < 2) return [];
  const budget = typoBudget(word);
  const pattern = `${likeEscape(word)}%`;
  const similar =
    budget > 0
      ? Prisma.sql`UNION ALL
      (SELECT term, locale, frequency FROM "SearchTerm" WHERE term % ${word} AND term NOT LIKE ${pattern}
       ORDER BY similarity(term, ${word}) DESC LIMIT 40)`
      : Prisma.empty;
  const rows = await unscopedDb.$queryRaw<{ term: string; own: boolean; frequency: number; completes: boolean }[]>`
    SELECT term, bool_or(locale = ${lang}::"Locale") AS own, sum(frequency)::int AS frequency, bool_or(term LIKE ${pattern}) AS completes
    FROM (
      (SELECT term, locale, frequency FROM "SearchTerm" WHERE term = ${word})
      UNION ALL
      (SELECT term, locale, frequency FROM "SearchTerm" WHERE term LIKE ${pattern} AND term <> ${word}
       ORDER BY frequency DESC LIMIT 100)
      ${similar}
    ) c
    GROUP BY term`;
  const byRelevance = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    Number(b.own) - Number(a.own) || b.frequency - a.frequency || a.term.length - b.term.length || a.term.localeCompare(b.term);
  // A word that is itself a term of the catalog is spelled right: offer completions, never "did you mean" a
  // neighbour of it (aire acondicionado → aire condicionado).
  const known = rows.some((r) => r.term === word);
  const completions = rows.filter((r) => r.completes && r.term !== word).sort(byRelevance);
  const fixes = (known ? [] : rows)
    .filter((r) => !r.completes)
    .map((r) => ({ ...r, distance: typoDistance(word, r.term, budget) }))
    .filter((r) => r.distance <= budget)
    .sort((a, b) => a.distance - b.distance || byRelevance(a, b));
  // Completions first; corrections when the word completes to little.
  return [...new Set([...completions, ...fixes].map((r) => input.lead + r.term))].slice(0, limit);
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Suggestions while typing: published products whose name (in `lang`, else in the product's source language)
 * contains the words typed so far, the last one as a prefix; and searches completing or correcting the last word.
 */
export async function suggest(q: string, lang: Lang, limit = 8): Promise<Suggestions> {
  const n = Math.max(1, Math.min(20, Math.trunc(limit) || 8));
  if (!q || q.trim() === "") return { products: [], terms: [] };
  const input = parseSuggestInput(q);
  const [products, terms] = await Promise.all([suggestProducts(input, lang, n), suggestTerms(q, input, lang, n)]);
  return { products, terms };
}
