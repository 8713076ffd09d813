import { LRUCache } from "lru-cache";
import { Prisma } from "~/generated/prisma/client";
import type { UnitOfSale } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { readRows } from "~/modules/db/raw-read.server";
import { sharedRead } from "~/modules/db/shared-read.server";
import { warehousesServing, type DeliveryLocation } from "~/modules/inventory/availability.server";
import { isUuid } from "~/modules/http/responses.server";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import type { CurrencyInfo } from "~/modules/money/currencies";
import type { RateTable } from "~/modules/money/fx.server";
import { parseAmountToMinor } from "~/modules/money/money";
import { PRICE_CURRENCIES } from "./product-input";
import { productSearch, searchGeneration, type ProductSearch } from "./search.server";

/**
 * The buyer's catalog: published products of every manufacturer (read with `unscopedDb` on purpose, always with
 * status = 'PUBLISHED'), filtered, sorted and paged by keyset so that page 250 costs what page 1 costs.
 *
 * One SQL statement answers a page: the products of the page (LIMIT n+1 on an index-ordered scan that starts at
 * the cursor), joined afterwards, for those rows only, to their translation in the buyer's language (or the
 * fallback), their first image, their manufacturer and brand. A second statement counts matches, capped at
 * COUNT_CAP ("10,000+") so that counting never reads the whole catalog. A search sorted by relevance pages its
 * ranked candidates (common table expressions from search.server.ts, in the same statement) by score, then the
 * further matches by id.
 */

export const LISTING_SORTS = ["relevance", "newest", "price_asc", "price_desc", "moq"] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];
export const PAGE_SIZE = 24;
export const COUNT_CAP = 10_000;
const MAX_QUERY_LENGTH = 200;

/** Filters as they arrive in the URL of /{lang}/products (a GET form: works without JavaScript). */
export interface ListingFilters {
  q: string | null;
  /** Category slug; includes its sub-categories. */
  category: string | null;
  brand: string | null;
  /** Manufacturer (organization id). */
  maker: string | null;
  /** Price bounds as typed, in the buyer's currency ("150", "99,90"). */
  priceMin: string | null;
  priceMax: string | null;
  moqMax: number | null;
  leadMax: number | null;
  /** Country code: only products with a certification valid there today. */
  cert: string | null;
  /** Only products with available stock in a warehouse that delivers to the buyer's location ("in stock near me"). */
  nearStock: true | null;
}

export const NO_FILTERS: ListingFilters = { q: null, category: null, brand: null, maker: null, priceMin: null, priceMax: null, moqMax: null, leadMax: null, cert: null, nearStock: null };

export interface ParsedListingSearch {
  filters: ListingFilters;
  sort: ListingSort;
  /** Whether the sort was chosen (else the default: relevance when searching, newest otherwise). */
  sortChosen: boolean;
  after: string | null;
  before: string | null;
  /** Parameters that were given but could not be read; ignored, and said so on the page. */
  invalid: (keyof ListingFilters)[];
}

function positiveInt(value: string | null, max: number): number | null | "invalid" {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return "invalid";
  const n = Number(trimmed);
  return n >= 1 && n <= max ? n : "invalid";
}

/** Reads the browse URL's parameters; anything malformed is dropped (and listed in `invalid`), never a 500. */
export function parseListingSearch(params: URLSearchParams, buyerCurrency: CurrencyInfo): ParsedListingSearch {
  const invalid: (keyof ListingFilters)[] = [];
  const text = (name: string) => {
    const v = params.get(name);
    return v && v.trim() ? v.trim() : null;
  };
  const q = text("q")?.slice(0, MAX_QUERY_LENGTH).replace(/\s+/g, " ") ?? null;
  const category = text("category");
  const brand = text("brand");
  const maker = text("maker");
  const cert = text("cert")?.toUpperCase() ?? null;
  const filters: ListingFilters = { ...NO_FILTERS, q };
  if (category) {
    if (/^[a-z0-9-]{1,80}$/.test(category)) filters.category = category;
    else invalid.push("category");
  }
  if (brand) {
    if (isUuid(brand)) filters.brand = brand;
    else invalid.push("brand");
  }
  if (maker) {
    if (isUuid(maker)) filters.maker = maker;
    else invalid.push("maker");
  }
  if (cert) {
    if (/^[A-Z]{2}$/.test(cert)) filters.cert = cert;
    else invalid.push("cert");
  }
  const nearStock = text("nearStock");
  if (nearStock) {
    if (["1", "true", "on"].includes(nearStock)) filters.nearStock = true;
    else invalid.push("nearStock");
  }
  for (const name of ["priceMin", "priceMax"] as const) {
    const value = text(name);
    if (value === null) continue;
    if (value.length <= 20 && parseAmountToMinor(value, buyerCurrency.exponent) !== null) filters[name] = value;
    else invalid.push(name);
  }
  for (const [name, max] of [
    ["moqMax", 10_000_000],
    ["leadMax", 365],
  ] as const) {
    const value = positiveInt(params.get(name), max);
    if (value === "invalid") invalid.push(name);
    else filters[name] = value;
  }
  const requested = params.get("sort");
  const sortChosen = (LISTING_SORTS as readonly string[]).includes(requested ?? "") && !(requested === "relevance" && !q);
  const sort: ListingSort = sortChosen ? (requested as ListingSort) : q ? "relevance" : "newest";
  return { filters, sort, sortChosen, after: text("after"), before: params.get("after") ? null : text("before"), invalid };
}

/** The URL search of a listing (only what is set), for links: chips, pagination, the canonical URL. */
export function listingSearchParams(filters: ListingFilters, extra: { sort?: ListingSort | null; after?: string | null; before?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== null && value !== "") params.set(key, value === true ? "1" : String(value));
  if (extra.sort) params.set("sort", extra.sort);
  if (extra.after) params.set("after", extra.after);
  if (extra.before) params.set("before", extra.before);
  return params;
}

// ─── small process-wide caches for reference data the page needs on every request ─────────────────────────────

const caches = new Map<string, { at: number; value: Promise<unknown> }>();
function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = caches.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  caches.set(key, { at: Date.now(), value });
  value.catch(() => caches.delete(key));
  return value;
}

/** Tests change reference data between cases. */
export function forgetListingCaches() {
  caches.clear();
  facetCache.clear();
  searchSamples.clear();
}

export interface CategoryNode {
  id: string;
  slug: string;
  parentId: string | null;
  names: Partial<Record<Lang, string>>;
  position: number;
}

/** The platform's category tree (a few dozen rows), cached for a minute. */
export function categoryTree(): Promise<CategoryNode[]> {
  return cached("categories", 60_000, async () => {
    const rows = await unscopedDb.category.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { id: true, slug: true, parentId: true, names: true, position: true } });
    return rows.map((r) => ({ ...r, names: (r.names ?? {}) as Partial<Record<Lang, string>> }));
  });
}

export function categoryName(node: Pick<CategoryNode, "names" | "slug">, lang: Lang): string {
  return node.names[lang] || node.names.en || node.slug;
}

/** A category and every category below it. */
export function categoryWithDescendants(tree: CategoryNode[], slug: string): string[] {
  const root = tree.find((c) => c.slug === slug);
  if (!root) return [];
  const ids = [root.id];
  for (let i = 0; i < ids.length; i++) for (const child of tree.filter((c) => c.parentId === ids[i])) ids.push(child.id);
  return ids;
}

/** Certification schemes whose market includes `country`. */
function schemesFor(country: string): Promise<string[]> {
  return cached(`schemes:${country}`, 60_000, async () => {
    const rows = await unscopedDb.certificationScheme.findMany({ where: { countryCodes: { has: country } }, select: { code: true } });
    return rows.map((r) => r.code);
  });
}

// ─── price bounds: the buyer's currency → each pricing currency, exactly ─────────────────────────────────────

/**
 * The price filter compares what the buyer sees. A card shows `minUnitPriceMinor` (in the product's currency)
 * converted with today's rate table into the buyer's currency; a product belongs in "at most R$ 100" exactly
 * when that shown price is ≤ R$ 100. Conversion is monotonic, so for each pricing currency (USD, CNY) there is a
 * largest source amount that still converts to ≤ the bound: found here with the same RateTable.convert the cards
 * use (rounding included), then compared in SQL with `minUnitPriceMinor`, per currency.
 *
 * Why not `referencePriceUsdMinor`: it was converted with the rate of the day the product was saved, so after a
 * rate moves, a filter on it would disagree with the price printed on the card. It is still the sort key for
 * "price low → high" (a stored, indexed column is what makes deep keyset pages fast; a sort by a price converted
 * at query time cannot use an index).
 */
export function sourceBounds(rates: RateTable, buyer: CurrencyInfo, source: CurrencyInfo, minMinor: bigint | null, maxMinor: bigint | null): { min: bigint | null; max: bigint | null } | null {
  const shown = (amount: bigint): bigint | null => rates.convert({ amountMinor: amount, currency: source }, buyer.code)?.money.amountMinor ?? null;
  if (shown(1n) === null) return null;
  // Largest source amount whose shown price is ≤ limit (−1n when none).
  const largestWithin = (limit: bigint): bigint => {
    if (limit < 0n) return -1n;
    let low = 0n;
    if ((shown(0n) ?? 0n) > limit) return -1n;
    let high = 1n;
    while ((shown(high) ?? 0n) <= limit) {
      low = high;
      high *= 2n;
      if (high > 10n ** 18n) return high;
    }
    // shown(low) ≤ limit < shown(high)
    while (high - low > 1n) {
      const mid = (low + high) / 2n;
      if ((shown(mid) ?? 0n) <= limit) low = mid;
      else high = mid;
    }
    return low;
  };
  return {
    min: minMinor === null ? null : largestWithin(minMinor - 1n) + 1n,
    max: maxMinor === null ? null : largestWithin(maxMinor),
  };
}

// ─── keyset pagination ───────────────────────────────────────────────────────────────────────────────────────

type KeyCast = "timestamp" | "bigint" | "int" | "float8";

/**
 * A sort is one or more segments read one after the other; each is an index-ordered run of rows. Nullable sort
 * columns get a segment of their own (rows without a price come after every priced row, in id order), so that
 * the cursor condition of each segment stays a plain range on its index.
 */
interface Segment {
  where: Prisma.Sql | null;
  key: { expr: Prisma.Sql; cast: KeyCast; desc: boolean } | null;
  idDesc: boolean;
  /** Read from the search's ranked candidates (`search_ranked`, aliased `sc`, joined to `p`) instead of every product. */
  ranked?: boolean;
  /** Only the matches that are not among the ranked candidates (read only when the candidates were bounded). */
  unranked?: boolean;
}

function segmentsFor(sort: ListingSort, search: ProductSearch | null): Segment[] {
  switch (sort) {
    case "relevance":
      // The ranked candidates by score, then (when their bound was reached) the other matches in id order.
      if (search)
        return [
          { where: null, key: { expr: Prisma.sql`sc."score"`, cast: "float8", desc: true }, idDesc: false, ranked: true },
          { where: null, key: null, idDesc: false, unranked: true },
        ];
      return segmentsFor("newest", null);
    case "newest":
      // Matches the index ("status", "publishedAt" DESC, "id").
      return [
        { where: Prisma.sql`p."publishedAt" IS NOT NULL`, key: { expr: Prisma.sql`p."publishedAt"`, cast: "timestamp", desc: true }, idDesc: false },
        { where: Prisma.sql`p."publishedAt" IS NULL`, key: null, idDesc: false },
      ];
    case "price_asc":
      return [
        { where: Prisma.sql`p."referencePriceUsdMinor" IS NOT NULL`, key: { expr: Prisma.sql`p."referencePriceUsdMinor"`, cast: "bigint", desc: false }, idDesc: false },
        { where: Prisma.sql`p."referencePriceUsdMinor" IS NULL`, key: null, idDesc: false },
      ];
    case "price_desc":
      return [
        { where: Prisma.sql`p."referencePriceUsdMinor" IS NOT NULL`, key: { expr: Prisma.sql`p."referencePriceUsdMinor"`, cast: "bigint", desc: true }, idDesc: true },
        { where: Prisma.sql`p."referencePriceUsdMinor" IS NULL`, key: null, idDesc: false },
      ];
    case "moq":
      return [{ where: null, key: { expr: Prisma.sql`p."moq"`, cast: "int", desc: false }, idDesc: false }];
  }
}

/**
 * What a cursor carries: the sort, the segment, the row's sort key and id, the page number it leads to, and the
 * count of the first page (so that later pages do not count again: the count is the costly part of a filtered
 * listing, and "page 250 of the same list" does not need it fresh).
 */
interface CursorValue {
  sort: ListingSort;
  segment: number;
  key: string | null;
  id: string;
  page: number;
  count: { value: number; capped: boolean } | null;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(JSON.stringify([1, c.sort, c.segment, c.key, c.id, c.page, c.count ? [c.count.value, c.count.capped ? 1 : 0] : null])).toString("base64url");
}

export function decodeCursor(raw: string | null, sort: ListingSort): CursorValue | null {
  if (!raw || raw.length > 400) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 7 || value[0] !== 1) return null;
    const [, s, segment, key, id, page, count] = value as unknown[];
    if (s !== sort || !Number.isInteger(segment) || (segment as number) < 0 || (segment as number) > 4) return null;
    if (!(key === null || (typeof key === "string" && key.length <= 64 && /^[0-9:. Te+\-]+$/.test(key)))) return null;
    if (!isUuid(id) || !Number.isInteger(page) || (page as number) < 1 || (page as number) > 1_000_000) return null;
    const counted = Array.isArray(count) && Number.isInteger(count[0]) && count[0] >= 0 && count[0] <= COUNT_CAP ? { value: count[0] as number, capped: count[1] === 1 } : null;
    return { sort, segment: segment as number, key: key as string | null, id: id as string, page: page as number, count: counted };
  } catch {
    return null;
  }
}

/**
 * A cursor whose key PostgreSQL could not cast to its segment's type (a tampered "2026-02-30", a bigint past
 * 2^63) would fail the query: it is treated like any unreadable cursor (the first page is shown).
 */
function fitting(cursor: CursorValue | null, segments: Segment[]): CursorValue | null {
  if (!cursor || cursor.key === null) return cursor;
  const cast = segments[cursor.segment]?.key?.cast;
  return !cast || keyFits(cursor.key, cast) ? cursor : null;
}

const INT64_MAX = 9223372036854775807n;

export function keyFits(key: string, cast: KeyCast): boolean {
  switch (cast) {
    case "bigint":
      return /^-?\d{1,19}$/.test(key) && BigInt(key) <= INT64_MAX && BigInt(key) >= -INT64_MAX - 1n;
    case "int":
      return /^-?\d{1,10}$/.test(key) && Math.abs(Number(key)) <= 2 ** 31 - 1;
    case "float8":
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(key) && Number.isFinite(Number(key));
    case "timestamp": {
      // PostgreSQL's text form of timestamp(3); every part checked, so that "02-30" or "25:00" never reaches the cast.
      const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/.exec(key);
      if (!m) return false;
      const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
      return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
    }
  }
}

function castKey(value: string, cast: KeyCast): Prisma.Sql {
  switch (cast) {
    case "timestamp":
      return Prisma.sql`${value}::timestamp(3)`;
    case "bigint":
      return Prisma.sql`${value}::bigint`;
    case "int":
      return Prisma.sql`${value}::int`;
    case "float8":
      return Prisma.sql`${value}::float8`;
  }
}

// ─── the query ───────────────────────────────────────────────────────────────────────────────────────────────

export interface ListingRow {
  id: string;
  slug: string;
  organizationId: string;
  sourceLocale: string;
  moq: number;
  unitOfSale: UnitOfSale;
  currencyCode: string;
  minUnitPriceMinor: bigint | null;
  incoterm: string;
  leadTimeDays: number;
  originCountry: string;
  sortKey: string | null;
  name: string | null;
  nameLocale: string | null;
  nameSource: string | null;
  imageKey: string | null;
  imageAlt: Record<string, string> | null;
  makerName: string;
  makerCity: string | null;
  makerVerification: string;
  brandName: string | null;
  /** Which sort segment the row came from (for its cursor). */
  segment: number;
}

export interface ListingRequest {
  lang: Lang;
  /** The buyer's currency: price bounds are in it. */
  currency: CurrencyInfo;
  rates: RateTable;
  filters: ListingFilters;
  sort: ListingSort;
  after?: string | null;
  before?: string | null;
  limit?: number;
  /** Count the matches (capped); off for small lists like the home page's. */
  withCount?: boolean;
  /** The buyer's delivery location: the "in stock near me" filter needs it (ignored without one). */
  location?: DeliveryLocation | null;
  /** Matching translations ranked for relevance (the search's default, 1,000; tests make it small). */
  searchCandidates?: number;
}

export interface ListingResult {
  rows: ListingRow[];
  /** The sort actually used: "relevance" without words to rank falls back to newest. */
  sort: ListingSort;
  page: number;
  next: string | null;
  prev: string | null;
  /** Matches, counted up to COUNT_CAP + 1 on the first page; carried by the cursors to the next ones. */
  count: { value: number; capped: boolean } | null;
  /** A cursor was given but could not be read (tampered, or from another sort): the first page is shown. */
  cursorIgnored: boolean;
}

interface ListingWhere {
  /** Every filter but the search's words (status included), over `p`. */
  filters: Prisma.Sql;
  /** The filters and the search's match. */
  where: Prisma.Sql;
  search: ProductSearch | null;
  /** Filters besides the words and the status (the search's candidates may be read from the filtered products). */
  narrow: boolean;
  /** Nothing can match (no need to ask the database). */
  empty: boolean;
}

async function whereClause(req: ListingRequest): Promise<ListingWhere> {
  const f = req.filters;
  const parts: Prisma.Sql[] = [Prisma.sql`p."status" = 'PUBLISHED'`];
  let empty = false;
  const [tree, schemes, search, nearby] = await Promise.all([
    f.category ? categoryTree() : null,
    f.cert ? schemesFor(f.cert) : null,
    f.q ? productSearch(f.q, req.lang, { candidates: req.searchCandidates }) : null,
    f.nearStock && req.location ? warehousesServing(req.location) : null,
  ]);
  if (f.q) {
    if (!search) {
      // Nothing searchable in the words (punctuation, exclusions only): nothing matches.
      empty = true;
    }
  }
  if (f.category && tree) {
    const ids = categoryWithDescendants(tree, f.category);
    if (ids.length === 0) empty = true;
    else parts.push(Prisma.sql`p."categoryId" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (f.brand) parts.push(Prisma.sql`p."brandId" = ${f.brand}::uuid`);
  if (f.maker) parts.push(Prisma.sql`p."organizationId" = ${f.maker}::uuid`);
  if (f.moqMax !== null) parts.push(Prisma.sql`p."moq" <= ${f.moqMax}::int`);
  if (f.leadMax !== null) parts.push(Prisma.sql`p."leadTimeDays" <= ${f.leadMax}::int`);
  if (f.cert && schemes) {
    if (schemes.length === 0) empty = true;
    else
      parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "ProductCertification" c WHERE c."productId" = p."id"
        AND c."schemeCode" IN (${Prisma.join(schemes)}) AND (c."expiresOn" IS NULL OR c."expiresOn" >= CURRENT_DATE))`);
  }
  if (nearby) {
    // A semi-join on the stock of the warehouses that deliver there (a handful, resolved from the cached network):
    // the probe per product is the index StockBalance(productId, warehouseId); a scan from the warehouse side is
    // the unique index (warehouseId, variantId).
    if (nearby.length === 0) empty = true;
    else
      parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "StockBalance" sb WHERE sb."productId" = p."id"
        AND sb."warehouseId" IN (${Prisma.join(nearby.map((id) => Prisma.sql`${id}::uuid`))}) AND sb."onHand" > sb."reserved")`);
  }
  if (f.priceMin !== null || f.priceMax !== null) {
    const min = f.priceMin === null ? null : parseAmountToMinor(f.priceMin, req.currency.exponent);
    const max = f.priceMax === null ? null : parseAmountToMinor(f.priceMax, req.currency.exponent);
    const branches: Prisma.Sql[] = [];
    for (const code of PRICE_CURRENCIES) {
      if (!req.rates.currencies.has(code)) continue;
      const bounds = sourceBounds(req.rates, req.currency, req.rates.currency(code), min, max);
      if (!bounds) continue;
      const conditions = [Prisma.sql`p."currencyCode" = ${code}`];
      if (bounds.min !== null) conditions.push(Prisma.sql`p."minUnitPriceMinor" >= ${bounds.min.toString()}::bigint`);
      if (bounds.max !== null) conditions.push(Prisma.sql`p."minUnitPriceMinor" <= ${bounds.max.toString()}::bigint`);
      branches.push(Prisma.sql`(${Prisma.join(conditions, " AND ")})`);
    }
    if (branches.length === 0) empty = true;
    else parts.push(Prisma.sql`(${Prisma.join(branches, " OR ")})`);
  }
  const filters = Prisma.join(parts, " AND ");
  return { filters, where: search ? Prisma.sql`${filters} AND ${search.match}` : filters, search, narrow: parts.length > 1, empty };
}

function segmentQuery(lang: Lang, scope: ListingWhere, seg: Segment, keyset: { key: string | null; id: string } | null, backward: boolean, limit: number) {
  const keyDesc = seg.key ? seg.key.desc !== backward : false;
  const idDesc = seg.idDesc !== backward;
  const keyExpr = seg.key ? seg.key.expr : Prisma.sql`NULL::text`;
  const dir = (desc: boolean) => (desc ? Prisma.sql`DESC` : Prisma.sql`ASC`);
  // The cursor's conditions over a row source's sort key and id columns.
  const after = (keyCol: Prisma.Sql, idCol: Prisma.Sql): Prisma.Sql[] => {
    if (!keyset) return [];
    const idOp = idDesc ? Prisma.sql`<` : Prisma.sql`>`;
    if (!seg.key || keyset.key === null) return [Prisma.sql`${idCol} ${idOp} ${keyset.id}::uuid`];
    const k = castKey(keyset.key, seg.key.cast);
    const op = keyDesc ? Prisma.sql`<` : Prisma.sql`>`;
    const opEq = keyDesc ? Prisma.sql`<=` : Prisma.sql`>=`;
    // A row comparison: the index scan starts exactly at the cursor, ties on the key included.
    if (keyDesc === idDesc) return [Prisma.sql`(${keyCol}, ${idCol}) ${op} (${k}, ${keyset.id}::uuid)`];
    // Mixed directions ("newest": date descending, id ascending, as the index is): the first condition is
    // implied by the second; it is the range the index scan starts from.
    return [Prisma.sql`${keyCol} ${opEq} ${k}`, Prisma.sql`(${keyCol} ${op} ${k} OR ${idCol} ${idOp} ${keyset.id}::uuid)`];
  };
  const conditions = seg.ranked ? [] : after(Prisma.sql`s."sortValue"`, Prisma.sql`s."id"`);
  const order = seg.key ? Prisma.sql`"sortValue" ${dir(keyDesc)}, "id" ${dir(idDesc)}` : Prisma.sql`"id" ${dir(idDesc)}`;
  // From the candidates, the id is theirs: the page's order is then the order they are read in (no sort).
  const columns = Prisma.sql`${seg.ranked ? Prisma.sql`sc."id"` : Prisma.sql`p."id"`}, p."slug", p."organizationId", p."brandId", p."sourceLocale", p."moq", p."unitOfSale", p."currencyCode",
          p."minUnitPriceMinor", p."incoterm", p."leadTimeDays", p."originCountry", ${keyExpr} AS "sortValue"`;
  const search = scope.search;
  let source: Prisma.Sql;
  if (search && seg.ranked) {
    // Best first from the cursor, each candidate's product looked up by primary key (OFFSET 0 keeps the lookup a
    // lateral one, in the candidates' order) and filtered, until the page is full.
    const from = after(Prisma.sql`sc."score"`, Prisma.sql`sc."id"`);
    source = Prisma.sql`SELECT ${columns}
        FROM (SELECT sc."id", sc."score" FROM search_ranked sc${from.length ? Prisma.sql` WHERE ${Prisma.join(from, " AND ")}` : Prisma.empty}
              ORDER BY sc."score" ${dir(keyDesc)}, sc."id" ${dir(idDesc)}) sc
        CROSS JOIN LATERAL (SELECT * FROM "Product" p WHERE p."id" = sc."id" AND ${scope.filters} OFFSET 0) p`;
  } else if (search && seg.unranked) {
    // A one-time filter: nothing is read unless the candidates' bound was reached.
    source = Prisma.sql`SELECT ${columns} FROM "Product" p
        WHERE ${search.exhausted} AND ${scope.where} AND NOT EXISTS (SELECT 1 FROM search_ranked sc WHERE sc."id" = p."id")`;
  } else {
    source = Prisma.sql`SELECT ${columns} FROM "Product" p WHERE ${scope.where}${seg.where ? Prisma.sql` AND ${seg.where}` : Prisma.empty}`;
  }
  const withRanked = search && (seg.ranked || seg.unranked) ? Prisma.sql`WITH ${search.ranked(scope.filters, { narrow: scope.narrow })}` : Prisma.empty;
  // Whether more matches follow the ranked candidates (read with them, so that a short page need not ask).
  const exhausted = search && seg.ranked ? Prisma.sql`, ${search.exhausted} AS "searchExhausted"` : Prisma.empty;
  return Prisma.sql`${withRanked}
    SELECT pg."id", pg."slug", pg."organizationId", pg."sourceLocale"::text AS "sourceLocale", pg."moq", pg."unitOfSale"::text AS "unitOfSale",
      pg."currencyCode", pg."minUnitPriceMinor", pg."incoterm"::text AS "incoterm", pg."leadTimeDays", pg."originCountry", pg."sortValue"::text AS "sortKey",
      tr."name", tr."locale" AS "nameLocale", tr."source" AS "nameSource",
      img."storageKey" AS "imageKey", img."alt" AS "imageAlt",
      -- The maker's name in the reader's script: the Chinese legal name on Chinese pages (display-name.ts).
      CASE WHEN ${lang}::text = 'zh' AND btrim(COALESCE(o."legalNameZh", '')) <> '' THEN btrim(o."legalNameZh") ELSE o."name" END AS "makerName", o."city" AS "makerCity", o."verificationStatus"::text AS "makerVerification", b."name" AS "brandName"${exhausted}
    FROM (
      -- Columns keep the inner query flattened (the cursor bound becomes an index condition).
      SELECT s.* FROM (${source}) s
      ${conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
      ORDER BY ${order}
      LIMIT ${limit}
    ) pg
    LEFT JOIN LATERAL (
      SELECT t."name", t."locale"::text AS "locale", t."source"::text AS "source"
      FROM "ProductTranslation" t
      WHERE t."productId" = pg."id"
      ORDER BY (t."locale" = ${lang}::"Locale") DESC, (t."locale" = pg."sourceLocale") DESC, t."locale"
      LIMIT 1
    ) tr ON TRUE
    LEFT JOIN LATERAL (
      SELECT i."storageKey", i."alt"
      FROM "ProductImage" i
      WHERE i."productId" = pg."id"
      ORDER BY i."position", i."createdAt"
      LIMIT 1
    ) img ON TRUE
    JOIN "Organization" o ON o."id" = pg."organizationId"
    LEFT JOIN "Brand" b ON b."id" = pg."brandId"
    ORDER BY ${order}`;
}

/** The listing's SQL for one sort segment, exposed for EXPLAIN in tests and benchmarks. */
export async function listingSql(req: ListingRequest, options: { after?: { key: string | null; id: string } } = {}): Promise<Prisma.Sql> {
  const scope = await whereClause(req);
  const seg = segmentsFor(req.sort, scope.search)[0]!;
  return segmentQuery(req.lang, scope, seg, options.after ?? null, false, (req.limit ?? PAGE_SIZE) + 1);
}

/** The capped count's SQL, exposed for EXPLAIN in tests and benchmarks. */
export async function listingCountSql(req: ListingRequest): Promise<Prisma.Sql> {
  return countSql((await whereClause(req)).where);
}

function countSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Product" p WHERE ${where} LIMIT ${COUNT_CAP + 1}) c`;
}

/**
 * A search's matches, counted (capped) and with their most frequent manufacturers and brands, in one statement
 * over the first COUNT_CAP + 1 matches, kept 30 s per words and filters in this process (forgotten when this
 * process reindexes products): the page's count and the filter panel ask for the same matches at once, and
 * reading every match of a word found in 17,000 products up to the cap reads ~20,000 translations.
 */
const SEARCH_SAMPLE_TTL_MS = 30_000;
const SEARCH_SAMPLE_CACHE_MAX = 500;
const searchSamples = new Map<string, { at: number; value: Promise<FacetSample> }>();

/** A filter's cache key: its SQL and values, under this process's search generation (a reindex changes every key). */
function filterKey(where: Prisma.Sql): string {
  return `${searchGeneration()}|${where.sql}|${JSON.stringify(where.values, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`;
}

function searchSample(lang: Lang, where: Prisma.Sql): Promise<FacetSample> {
  const key = `${lang}|${filterKey(where)}`;
  const hit = searchSamples.get(key);
  if (hit && Date.now() - hit.at < SEARCH_SAMPLE_TTL_MS) return hit.value;
  const value = facetSample(lang, matchSample(where), null);
  if (searchSamples.size >= SEARCH_SAMPLE_CACHE_MAX) searchSamples.delete(searchSamples.keys().next().value as string);
  searchSamples.set(key, { at: Date.now(), value });
  value.catch(() => searchSamples.delete(key));
  return value;
}

/**
 * The capped counts of filters without words, kept 30 s like a search's (every listing page asked for the same count
 * of the whole catalog: up to 10,001 index entries read per page). "In stock near me" is always counted afresh: stock
 * moves without a reindex.
 */
const filterCounts = new LRUCache<string, Promise<{ value: number; capped: boolean }>>({ max: 500, ttl: SEARCH_SAMPLE_TTL_MS });

function countMatches(req: ListingRequest, where: Prisma.Sql): Promise<{ value: number; capped: boolean }> {
  if (req.filters.q) return searchSample(req.lang, where).then((sample) => sample.count);
  const count = () =>
    unscopedDb.$queryRaw<{ n: number }[]>(countSql(where)).then((r) => {
      const n = r[0]?.n ?? 0;
      return { value: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
    });
  if (req.filters.nearStock) return count();
  return sharedRead(filterCounts, filterKey(where), count);
}

export async function queryListing(req: ListingRequest): Promise<ListingResult> {
  const limit = Math.max(1, Math.min(req.limit ?? PAGE_SIZE, 100));
  const scope = await whereClause(req);
  const { empty, search } = scope;
  const sort: ListingSort = req.sort === "relevance" && !search ? "newest" : req.sort;
  const segments = segmentsFor(sort, search);
  const afterCursor = fitting(decodeCursor(req.after ?? null, sort), segments);
  const beforeCursor = afterCursor ? null : fitting(decodeCursor(req.before ?? null, sort), segments);
  const cursorIgnored = Boolean((req.after && !afterCursor) || (req.before && !beforeCursor && !req.after));
  if (empty) return { rows: [], sort, page: 1, next: null, prev: null, count: req.withCount === false ? null : { value: 0, capped: false }, cursorIgnored };

  const carried = (afterCursor ?? beforeCursor)?.count ?? null;
  const countPromise =
    req.withCount === false || carried
      ? Promise.resolve(req.withCount === false ? null : carried)
      : countMatches(req, scope.where);

  const cursor = afterCursor ?? beforeCursor;
  const backward = Boolean(beforeCursor);
  const rows: ListingRow[] = [];
  // Read segments from the cursor's, in reading order (backwards for "previous page"), until a page and one more row are found.
  for (let s = cursor ? Math.min(cursor.segment, segments.length - 1) : 0; s >= 0 && s < segments.length && rows.length <= limit; s += backward ? -1 : 1) {
    const keyset = cursor && s === cursor.segment ? { key: cursor.key, id: cursor.id } : null;
    const found = await readRows<Omit<ListingRow, "segment"> & { searchExhausted?: boolean }>(
      segmentQuery(req.lang, scope, segments[s]!, keyset, backward, limit + 1 - rows.length),
    );
    for (const { searchExhausted: _, ...row } of found) rows.push({ ...row, segment: s });
    // Ranked candidates that were not bounded are every match: nothing follows them.
    if (!backward && segments[s]!.ranked && found.length > 0 && found[0]!.searchExhausted === false) break;
  }

  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (backward) pageRows.reverse();
  const page = cursor?.page ?? 1;
  const count = await countPromise;
  const cursorOf = (row: ListingRow, toPage: number) => encodeCursor({ sort, segment: row.segment, key: row.sortKey, id: row.id, page: toPage, count });
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  let next: string | null;
  let prev: string | null;
  if (backward) {
    next = last ? cursorOf(last, page + 1) : null;
    prev = more && first && page > 1 ? cursorOf(first, page - 1) : null;
  } else {
    next = more && last ? cursorOf(last, page + 1) : null;
    prev = afterCursor && first && page > 1 ? cursorOf(first, page - 1) : null;
  }
  return { rows: pageRows, sort, page, next, prev, count, cursorIgnored };
}

// What a product card shows lives in product-card.server.ts (the page's side of a row); re-exported here.
export { presentCard, type ProductCard } from "./product-card.server";

// ─── what the filter panel offers ────────────────────────────────────────────────────────────────────────────

export interface ListingFacets {
  categories: { slug: string; name: string; depth: number }[];
  brands: { id: string; name: string }[];
  makers: { id: string; name: string; verified: boolean }[];
}

/** Manufacturers and brands offered by the filter panel: the most frequent in the current results. */
export const FACET_LIMIT = 30;
/** Matching products read to find them (like the count's cap: the aggregate never reads the whole catalog). */
const FACET_SAMPLE = COUNT_CAP + 1;
const FACET_CACHE_MAX = 500;
const FACET_TTL_MS = 30_000;
const facetCache = new Map<string, { at: number; value: Promise<FacetRows> }>();

/** The buyer's currency and today's rates (for price filters) and delivery location (for "in stock near me"). */
export interface FacetContext {
  currency: CurrencyInfo;
  rates: RateTable;
  location?: DeliveryLocation | null;
}

interface FacetRows {
  makers: { id: string; name: string; verified: boolean }[];
  brands: { id: string; name: string }[];
}

interface FacetSample extends FacetRows {
  /** Rows of the manufacturers' sample, capped at COUNT_CAP (as the listing's count). */
  count: { value: number; capped: boolean };
}

/** The first FACET_SAMPLE matches of a filter set (their manufacturer and brand). */
function matchSample(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT p."organizationId", p."brandId" FROM "Product" p WHERE ${where} LIMIT ${FACET_SAMPLE}`;
}

/**
 * The top FACET_LIMIT manufacturers of one sample and brands of another (the same one when `brands` is null),
 * and how many rows the first holds. One statement.
 */
async function facetSample(lang: Lang, makers: Prisma.Sql, brands: Prisma.Sql | null): Promise<FacetSample> {
  const rows = await unscopedDb.$queryRaw<{ kind: "maker" | "brand" | "count"; id: string | null; name: string; verified: boolean; n: number }[]>`
      WITH sm AS (${makers}),
        sb AS (${brands ?? Prisma.sql`SELECT * FROM sm`})
      SELECT 'maker' AS "kind", o."id", CASE WHEN ${lang}::text = 'zh' AND btrim(COALESCE(o."legalNameZh", '')) <> '' THEN btrim(o."legalNameZh") ELSE o."name" END AS "name", (o."verificationStatus" = 'VERIFIED') AS "verified", 0 AS "n"
      FROM (SELECT "organizationId" AS "id", count(*) AS "n" FROM sm GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) c
      JOIN "Organization" o ON o."id" = c."id" AND o."kind" = 'MANUFACTURER'
      UNION ALL
      SELECT 'brand', b."id", b."name", FALSE, 0
      FROM (SELECT "brandId" AS "id", count(*) AS "n" FROM sb WHERE "brandId" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) c
      JOIN "Brand" b ON b."id" = c."id"
      UNION ALL
      SELECT 'count', NULL, '', FALSE, (SELECT count(*) FROM sm)::int`;
  const n = rows.find((r) => r.kind === "count")?.n ?? 0;
  return {
    makers: rows.filter((r) => r.kind === "maker").map((r) => ({ id: r.id!, name: r.name, verified: r.verified })),
    brands: rows.filter((r) => r.kind === "brand").map((r) => ({ id: r.id!, name: r.name })),
    count: { value: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP },
  };
}

/** The manufacturers and brands of a filtered set, top FACET_LIMIT of each by products among the first FACET_SAMPLE matches. */
async function facetRows(lang: Lang, filters: ListingFilters, context: FacetContext | null): Promise<FacetRows> {
  const location = filters.nearStock ? (context?.location ?? null) : null;
  const key = `${lang}|${context?.currency.code ?? ""}|${JSON.stringify(filters)}|${location ? `${location.countryCode}:${location.regionCode ?? ""}` : ""}`;
  const hit = facetCache.get(key);
  if (hit && Date.now() - hit.at < FACET_TTL_MS) return hit.value;
  const value = (async (): Promise<FacetRows> => {
    // Each list is computed without its own filter (so that another manufacturer or brand can be chosen), with
    // every other filter: the brands of the chosen manufacturer, the manufacturers of the searched words.
    const request = (f: ListingFilters): ListingRequest => ({ lang, currency: context?.currency as CurrencyInfo, rates: context?.rates as RateTable, filters: f, sort: "newest", location });
    const [forMakers, forBrands] = await Promise.all([whereClause(request({ ...filters, maker: null })), filters.maker || filters.brand ? whereClause(request({ ...filters, brand: null })) : null]);
    const brandWhere = forBrands ?? forMakers;
    if (forMakers.empty && brandWhere.empty) return { makers: [], brands: [] };
    const sample = (w: { where: Prisma.Sql; empty: boolean }) => (w.empty ? Prisma.sql`SELECT NULL::uuid AS "organizationId", NULL::uuid AS "brandId" WHERE FALSE` : matchSample(w.where));
    // A search without a manufacturer or brand chosen: the same matches as the page's count (one statement for both).
    const rows = filters.q && !forBrands && !forMakers.empty ? await searchSample(lang, forMakers.where) : await facetSample(lang, sample(forMakers), forBrands ? sample(forBrands) : null);
    const collator = new Intl.Collator(LOCALE_TAGS[lang]);
    const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
    return { makers: [...rows.makers].sort(byName), brands: [...rows.brands].sort(byName) };
  })();
  if (facetCache.size >= FACET_CACHE_MAX) facetCache.delete(facetCache.keys().next().value as string);
  facetCache.set(key, { at: Date.now(), value });
  value.catch(() => facetCache.delete(key));
  return value;
}

/**
 * Choices for the filter panel: the category tree, and the manufacturers and brands most present in the current
 * results (top FACET_LIMIT of each, not every one of the catalog: the page stays small), plus the chosen ones.
 * The brand list follows the chosen manufacturer. Price filters count only when `context` (the buyer's currency
 * and today's rates) is given, "in stock near me" only with its delivery location. Cached for half a minute per process and filter set.
 */
export async function listingFacets(
  lang: Lang,
  filters: Pick<ListingFilters, "maker" | "brand"> & Partial<ListingFilters>,
  context: FacetContext | null = null,
): Promise<ListingFacets> {
  const full: ListingFilters = { ...NO_FILTERS, ...filters };
  if (!context) {
    full.priceMin = null;
    full.priceMax = null;
  }
  const [tree, rows] = await Promise.all([categoryTree(), facetRows(lang, full, context)]);
  const categories: ListingFacets["categories"] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const node of tree.filter((c) => c.parentId === parentId)) {
      categories.push({ slug: node.slug, name: categoryName(node, lang), depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  const facets: ListingFacets = { categories, brands: [...rows.brands], makers: [...rows.makers] };
  // A chosen brand or manufacturer stays choosable (and named on its chip) even when the lists above leave it out
  // (another manufacturer's brand, a manufacturer with nothing published yet, one outside the top).
  const [brand, maker] = await Promise.all([
    filters.brand && !facets.brands.some((b) => b.id === filters.brand) ? unscopedDb.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Brand" WHERE "id" = ${filters.brand}::uuid` : [],
    filters.maker && !facets.makers.some((m) => m.id === filters.maker)
      ? unscopedDb.organization.findMany({ where: { id: filters.maker, kind: "MANUFACTURER" }, select: { id: true, name: true, verificationStatus: true } })
      : [],
  ]);
  facets.brands.push(...brand);
  facets.makers.push(...maker.map((m) => ({ id: m.id, name: m.name, verified: m.verificationStatus === "VERIFIED" })));
  return facets;
}

// ─── sitemaps ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Products per numbered sitemap: each product is listed once per language (4 URLs, each with its 4 hreflang
 * alternates), so a file holds 10,000 URLs, well under the protocol's 50,000 URLs / 50 MB.
 */
export const SITEMAP_PRODUCTS_PER_FILE = 2_500;

export async function sitemapFileCount(): Promise<number> {
  const rows = await unscopedDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Product" WHERE "status" = 'PUBLISHED'`;
  return Math.max(1, Math.ceil((rows[0]?.n ?? 0) / SITEMAP_PRODUCTS_PER_FILE));
}

/**
 * The published products of sitemap file `n` (1-based), in id order: ids are time-ordered (UUIDv7), so new
 * products land in the last file and the earlier files keep their content.
 */
export function sitemapProducts(n: number): Promise<{ slug: string; updatedAt: Date }[]> {
  return unscopedDb.$queryRaw<{ slug: string; updatedAt: Date }[]>`
    SELECT "slug", "updatedAt" FROM "Product" WHERE "status" = 'PUBLISHED'
    ORDER BY "id" OFFSET ${(n - 1) * SITEMAP_PRODUCTS_PER_FILE} LIMIT ${SITEMAP_PRODUCTS_PER_FILE}`;
}
