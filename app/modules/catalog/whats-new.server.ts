import type { CurrencyInfo } from "~/modules/money/currencies";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import type { RateTable } from "~/modules/money/fx.server";
import { NO_FILTERS, queryListing, type ListingRow } from "./listing.server";

/** How many of the newest listings "what's new" chooses from: complete ones among them come first. */
export const WHATS_NEW_WINDOW = 48;

/**
 * The home page's "what's new": the newest published products, complete listings first (a photo, and Portuguese and
 * Spanish text: a name and a description, the same rule as the publish confirmation), each group newest first.
 * Chosen among the WHATS_NEW_WINDOW newest, so an old complete listing does not crowd out this week's.
 */
export async function whatsNew(request: { lang: Lang; currency: CurrencyInfo; rates: RateTable; limit?: number }): Promise<ListingRow[]> {
  const limit = request.limit ?? 8;
  const newest = await queryListing({ lang: request.lang, currency: request.currency, rates: request.rates, filters: NO_FILTERS, sort: "newest", limit: WHATS_NEW_WINDOW, withCount: false });
  const rows = newest.rows;
  if (rows.length === 0) return [];
  const texts = await unscopedDb.productTranslation.findMany({
    where: { productId: { in: rows.map((r) => r.id) }, locale: { in: ["pt", "es"] } },
    select: { productId: true, locale: true, name: true, shortDescription: true, longDescription: true },
  });
  const written = new Set(texts.filter((t) => t.name.trim() && (t.shortDescription.trim() || t.longDescription.trim())).map((t) => `${t.productId}:${t.locale}`));
  return completeFirst(rows, (row) => Boolean(row.imageKey) && written.has(`${row.id}:pt`) && written.has(`${row.id}:es`)).slice(0, limit);
}

/** A stable partition: the rows that pass first, each group in its original order. */
export function completeFirst<T>(rows: readonly T[], isComplete: (row: T) => boolean): T[] {
  const complete: T[] = [];
  const rest: T[] = [];
  for (const row of rows) (isComplete(row) ? complete : rest).push(row);
  return [...complete, ...rest];
}
