import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AutoSubmitSelect } from "~/components/auto-submit";
import { BuyerPreferences } from "~/components/catalog/buyer-preferences";
import { FILTER_FORM_ID, ListingFiltersPanel } from "~/components/catalog/listing-filters";
import { ProductCardView } from "~/components/catalog/product-card";
import { buyerPreferencesView, currentRates, deliveryLocation, getBuyerContext } from "~/modules/catalog/buyer-context.server";
import { categoryName, categoryTree, listingFacets, listingSearchParams, parseListingSearch, presentCard, queryListing, type ListingFilters, type ListingSort } from "~/modules/catalog/listing.server";
import { env } from "~/modules/config/env.server";
import { LOCALE_TAGS, requireLang, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { cardAvailability } from "~/modules/inventory/availability.server";
import { formatMoney, parseAmountToMinor } from "~/modules/money/money";

type ChipKind = keyof ListingFilters;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const url = new URL(request.url);
  const [buyer, rates] = await Promise.all([getBuyerContext(request, lang), currentRates()]);
  const currency = rates.currencies.get(buyer.currencyCode) ?? rates.currency("USD");
  const search = parseListingSearch(url.searchParams, currency);
  const location = deliveryLocation(buyer);
  // "In stock near me" needs to know where: without a country it is not applied, and the page says why.
  const nearStockNeedsCountry = Boolean(search.filters.nearStock && !location);
  const filters: ListingFilters = nearStockNeedsCountry ? { ...search.filters, nearStock: null } : search.filters;
  const [result, facets, tree] = await Promise.all([
    queryListing({ lang, currency, rates, filters, sort: search.sort, after: search.after, before: search.before, location }),
    listingFacets(lang, filters, { currency, rates, location }),
    categoryTree(),
  ]);
  const availability = await cardAvailability(
    result.rows.map((r) => ({ id: r.id, moq: r.moq, leadTimeDays: r.leadTimeDays, originCountry: r.originCountry })),
    location,
    lang,
  );
  const cards = result.rows.map((row) => presentCard(row, lang, currency, rates, availability.get(row.id) ?? null));
  // An empty page with "in stock near me" on: say whether it is the stock filter that emptied it (and how many
  // products match without it) rather than that nothing matched. Only empty first pages pay for the second count.
  const withoutNearStock =
    cards.length === 0 && filters.nearStock && !search.after && !search.before
      ? ((await queryListing({ lang, currency, rates, filters: { ...filters, nearStock: null }, sort: search.sort, after: null, before: null, location })).count?.value ?? 0)
      : null;
  const regions = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const preferences = buyerPreferencesView(buyer, lang);
  const place = preferences.countryName ? (preferences.regionName ? `${preferences.regionName}, ${preferences.countryName}` : preferences.countryName) : null;

  // The sort stays in links only when the buyer chose it (and it still applies).
  const keptSort = (f: ListingFilters): ListingSort | null => (search.sortChosen && !(search.sort === "relevance" && !f.q) ? search.sort : null);
  const href = (f: ListingFilters, extra: { after?: string | null; before?: string | null } = {}) => {
    const qs = listingSearchParams(f, { sort: keptSort(f), ...extra }).toString();
    return `/${lang}/products${qs ? `?${qs}` : ""}`;
  };
  const money = (typed: string) => {
    const minor = parseAmountToMinor(typed, currency.exponent);
    return minor === null ? typed : formatMoney({ amountMinor: minor, currency }, lang);
  };
  const category = filters.category ? tree.find((c) => c.slug === filters.category) : undefined;
  const chipValue: Record<ChipKind, (v: string | number | true) => string> = {
    q: (v) => String(v),
    category: (v) => (category ? categoryName(category, lang) : String(v)),
    brand: (v) => facets.brands.find((b) => b.id === v)?.name ?? String(v).slice(0, 8),
    maker: (v) => facets.makers.find((m) => m.id === v)?.name ?? String(v).slice(0, 8),
    priceMin: (v) => money(String(v)),
    priceMax: (v) => money(String(v)),
    moqMax: (v) => formatNumber(Number(v), lang),
    leadMax: (v) => formatNumber(Number(v), lang),
    cert: (v) => regions.of(String(v)) ?? String(v),
    nearStock: () => place ?? "",
  };
  const chips = (Object.keys(filters) as ChipKind[])
    .filter((k) => filters[k] !== null)
    .map((kind) => ({ kind, value: chipValue[kind](filters[kind]!), count: kind === "moqMax" || kind === "leadMax" ? Number(filters[kind]) : 1, removeHref: href({ ...filters, [kind]: null }) }));

  const rateDates = [currency.code, "USD", "CNY"].map((c) => rates.usdRate(c)?.effectiveDate).filter((d): d is string => Boolean(d));
  const rateDate = rateDates.length ? rateDates.sort().pop()! : null;

  const indexable = !filters.q && !search.after && !search.before && chips.every((c) => c.kind === "category");
  const canonicalPath = `/${lang}/products${category ? `?category=${category.slug}` : ""}`;
  const t = serverT(lang);
  const heading = filters.q ? t("browse.titleSearch", { q: filters.q }) : category ? categoryName(category, lang) : t("browse.title");

  return {
    lang,
    heading,
    filters,
    sort: result.sort,
    invalid: search.invalid,
    // A price bound that could not be read: say how prices are typed in the buyer's currency (money.ts parseAmount).
    priceFormat: search.invalid.some((f) => f === "priceMin" || f === "priceMax") ? { currency: currency.code, decimals: currency.exponent } : null,
    cursorIgnored: result.cursorIgnored,
    cards,
    count: result.count ? { n: formatNumber(result.count.value, lang), value: result.count.value, capped: result.count.capped } : null,
    page: result.page,
    pageFormatted: formatNumber(result.page, lang),
    nextHref: result.next ? href(filters, { after: result.next }) : null,
    prevHref: result.prev ? href(filters, { before: result.prev }) : null,
    // Deep in the list, or a cursor that led nowhere (the catalog changed since the link was made).
    firstHref: result.page > 2 || (result.page > 1 && !result.prev) || ((search.after || search.before) && cards.length === 0) ? href(filters) : null,
    chips,
    clearHref: href({ ...filters, category: null, brand: null, maker: null, priceMin: null, priceMax: null, moqMax: null, leadMax: null, cert: null, nearStock: null }),
    facets,
    currencyCode: currency.code,
    rateDate: rateDate ? formatDate(`${rateDate}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" }) : null,
    preferences,
    nearStock: {
      available: Boolean(location),
      place,
      needsCountry: nearStockNeedsCountry,
      // Set on an empty page with the filter on: how many products match without it.
      emptiedBy: withoutNearStock === null ? null : { count: withoutNearStock, n: formatNumber(withoutNearStock, lang), offHref: href({ ...filters, nearStock: null }) },
    },
    certCountryName: filters.cert ? (regions.of(filters.cert) ?? filters.cert) : null,
    seo: {
      title: heading,
      description: t("browse.metaDescription"),
      canonical: env().APP_URL + canonicalPath,
      indexable,
      ogLocale: LOCALE_TAGS[lang].replace("-", "_"),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Ponte" }];
  const { seo } = data;
  return [
    { title: `${seo.title} · Ponte` },
    { name: "description", content: seo.description },
    { tagName: "link", rel: "canonical", href: seo.canonical },
    ...(seo.indexable ? [] : [{ name: "robots", content: "noindex, follow" }]),
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Ponte" },
    { property: "og:title", content: seo.title },
    { property: "og:description", content: seo.description },
    { property: "og:url", content: seo.canonical },
    { property: "og:locale", content: seo.ogLocale },
  ];
};

const SORT_OPTIONS: ListingSort[] = ["relevance", "newest", "price_asc", "price_desc", "moq"];

export default function ProductsIndex() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const location = useLocation();
  const lang = data.lang as Lang;
  const busy = navigation.state === "loading" && navigation.location?.pathname === location.pathname;
  const filterChips = data.chips.filter((c) => c.kind !== "q");
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label={t("browse.breadcrumb")} className="text-sm text-slate-600">
            <Link to={`/${lang}`} className="hover:underline">
              Ponte
            </Link>
            <span aria-hidden> / </span>
            <Link to={`/${lang}/products`} className="hover:underline">
              {t("browse.title")}
            </Link>
          </nav>
          <h1 className="mt-1 break-words text-2xl font-bold sm:text-3xl" data-testid="browse-heading">
            {data.heading}
          </h1>
          {data.count ? (
            <p className="mt-1 text-sm text-slate-700" data-testid="result-count" aria-live="polite">
              {data.count.capped ? t("browse.results.countCapped", { n: data.count.n }) : t("browse.results.count", { count: data.count.value, n: data.count.n })}
            </p>
          ) : null}
        </div>
        <BuyerPreferences prefs={data.preferences} />
      </div>

      <div className="mt-6 grid gap-6 md:grid-cols-[16rem_minmax(0,1fr)]">
        <aside>
          <ListingFiltersPanel lang={lang} filters={data.filters} facets={data.facets} currencyCode={data.currencyCode} country={data.preferences.countryCode ? { code: data.preferences.countryCode, name: data.preferences.countryName ?? data.preferences.countryCode } : null} certCountryName={data.certCountryName} nearStock={data.nearStock} activeCount={filterChips.length} />
        </aside>

        <section aria-labelledby="results-heading" className="min-w-0">
          <h2 id="results-heading" className="sr-only">
            {t("browse.results.title")}
          </h2>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex flex-wrap items-center gap-2" data-testid="active-filters">
              {data.chips.map((chip) => (
                <Link key={chip.kind} to={chip.removeHref} preventScrollReset className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-xs font-medium text-brand-800 hover:bg-brand-100" aria-label={t("browse.chips.remove", { filter: t(`browse.chips.${chip.kind}`, { value: chip.value, count: chip.count }) })} data-testid="filter-chip" data-kind={chip.kind}>
                  {t(`browse.chips.${chip.kind}`, { value: chip.value, count: chip.count })}
                  <span aria-hidden className="text-brand-600">
                    ×
                  </span>
                </Link>
              ))}
              {filterChips.length > 1 ? (
                <Link to={data.clearHref} className="link text-xs">
                  {t("browse.filters.clear")}
                </Link>
              ) : null}
            </div>
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor="listing-sort" className="text-slate-700">
                {t("browse.sort.label")}
              </label>
              <AutoSubmitSelect id="listing-sort" name="sort" form={FILTER_FORM_ID} value={data.sort} className="input w-auto py-1.5" applyLabel={t("browse.preferences.apply")} data-testid="sort">
                {SORT_OPTIONS.filter((s) => s !== "relevance" || data.filters.q).map((s) => (
                  <option key={s} value={s}>
                    {t(`browse.sort.${s}`)}
                  </option>
                ))}
              </AutoSubmitSelect>
              <noscript>
                <button type="submit" form={FILTER_FORM_ID} className="btn-secondary px-2.5 py-1.5">
                  {t("browse.preferences.apply")}
                </button>
              </noscript>
            </div>
          </div>

          {data.nearStock.needsCountry ? (
            <p role="status" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="near-stock-needs-country">
              {t("browse.results.nearStockNeedsCountry")}
            </p>
          ) : null}
          {data.invalid.length > 0 || data.cursorIgnored ? (
            <p role="status" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {data.cursorIgnored ? t("browse.results.cursorIgnored") : t("browse.results.invalidFilters", { filters: data.invalid.map((f) => t(`browse.filterNames.${f}`)).join(", ") })}
              {!data.cursorIgnored && data.priceFormat
                ? ` ${data.priceFormat.decimals === 0 ? t("browse.results.priceWholeOnly", { currency: data.priceFormat.currency }) : t("browse.results.priceDecimals", data.priceFormat)}`
                : null}
            </p>
          ) : null}

          {busy ? (
            <div role="status" className="mt-3 flex items-center gap-2 text-sm text-brand-700" data-testid="listing-loading">
              <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4 animate-spin" fill="none" stroke="currentColor" strokeWidth="3">
                <path d="M12 3a9 9 0 1 0 9 9" strokeLinecap="round" />
              </svg>
              {t("browse.loading")}
            </div>
          ) : null}

          {data.cards.length > 0 ? (
            <>
              <ul className={`pcard-grid mt-4 grid grid-cols-2 gap-3 transition-opacity sm:gap-4 lg:grid-cols-3 xl:grid-cols-4 ${busy ? "opacity-60" : ""}`} aria-busy={busy} data-testid="product-grid">
                {data.cards.map((card) => (
                  <li key={card.slug}>
                    <ProductCardView card={card} lang={lang} />
                  </li>
                ))}
              </ul>
              {data.rateDate ? <p className="mt-4 text-xs text-slate-600">{t("browse.results.ratesNote", { currency: data.currencyCode, date: data.rateDate })}</p> : null}
            </>
          ) : (
            <EmptyState data={data} />
          )}

          {data.nextHref || data.prevHref || data.firstHref ? (
            <nav aria-label={t("browse.pagination.label")} className="mt-8 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4 text-sm" data-testid="pagination">
              <div className="flex gap-2">
                {data.firstHref ? (
                  <Link to={data.firstHref} className="btn-secondary px-3 py-1.5">
                    {t("browse.pagination.first")}
                  </Link>
                ) : null}
                {data.prevHref ? (
                  <Link to={data.prevHref} rel="prev" className="btn-secondary px-3 py-1.5" data-testid="page-prev">
                    ← {t("browse.pagination.previous")}
                  </Link>
                ) : null}
              </div>
              <span className="text-slate-700" data-testid="page-number">
                {t("browse.pagination.page", { page: data.pageFormatted })}
              </span>
              {data.nextHref ? (
                <Link to={data.nextHref} rel="next" className="btn-primary px-3 py-1.5" data-testid="page-next">
                  {t("browse.pagination.next")} →
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function EmptyState({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useTranslation();
  const hasFilters = data.chips.some((c) => c.kind !== "q");
  return (
    <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
      <svg aria-hidden viewBox="0 0 48 48" className="mx-auto h-12 w-12 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2.5">
        <circle cx="21" cy="21" r="13" />
        <path d="m31 31 10 10M16 21h10" strokeLinecap="round" />
      </svg>
      <h3 className="mt-3 text-lg font-semibold">{data.filters.q ? t("browse.empty.titleSearch", { q: data.filters.q }) : t("browse.empty.title")}</h3>
      {data.nearStock.emptiedBy && data.nearStock.emptiedBy.count > 0 ? (
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-800" data-testid="empty-near-stock">
          {t("browse.empty.nearStock", { count: data.nearStock.emptiedBy.count, n: data.nearStock.emptiedBy.n, place: data.nearStock.place ?? "" })}{" "}
          <Link to={data.nearStock.emptiedBy.offHref} className="font-medium text-accent-700 underline">
            {t("browse.empty.nearStockOff", { count: data.nearStock.emptiedBy.count, n: data.nearStock.emptiedBy.n })}
          </Link>
        </p>
      ) : null}
      <ul className="mx-auto mt-3 max-w-md space-y-1 text-left text-sm text-slate-700">
        {hasFilters ? <li>• {t("browse.empty.removeFilters")}</li> : null}
        {data.filters.q ? <li>• {t("browse.empty.fewerWords")}</li> : null}
        {data.filters.q ? <li>• {t("browse.empty.otherLanguage")}</li> : null}
        <li>• {t("browse.empty.browseCategories")}</li>
      </ul>
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        {hasFilters ? (
          <Link to={data.clearHref} className="btn-primary px-3 py-1.5" data-testid="empty-clear">
            {t("browse.filters.clear")}
          </Link>
        ) : null}
        {data.page > 1 ? (
          <Link to={`/${data.lang}/products`} className="btn-secondary px-3 py-1.5">
            {t("browse.pagination.first")}
          </Link>
        ) : null}
        {data.facets.categories
          .filter((c) => c.depth === 0)
          .map((c) => (
            <Link key={c.slug} to={`/${data.lang}/products?category=${c.slug}`} className="rounded-full border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
              {c.name}
            </Link>
          ))}
      </div>
    </div>
  );
}
