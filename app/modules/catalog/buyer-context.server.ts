import { createCookie } from "@remix-run/node";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import type { DeliveryLocation } from "~/modules/inventory/availability.server";
import { isRegionOf, normalizeRegion, regionsOf } from "~/modules/inventory/reference-data";
import { PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { COUNTRY_CODES, countryOptions } from "~/modules/tenancy/countries";
import { myMembershipOf } from "~/modules/tenancy/organizations.server";
import { getSessionUser, type SessionUser } from "~/modules/tenancy/session.server";

/**
 * Who is looking at the catalog, as far as prices and certifications are concerned: the currency to show prices in
 * and the country the goods are for. Resolved per request, never stored on the page.
 *
 * Currency: the signed-in user's account currency, else the `ponte_currency` cookie (set by the switcher on the
 * browse page), else a default per language (pt → BRL, es → MXN, zh → CNY, en → USD).
 * Country: the active buyer organization's country, else the `ponte_country` cookie (the selector on the browse page).
 * Region (the state, for Brazil and Mexico, where delivery times depend on it): the buyer organization's region
 * read as an ISO 3166-2 code ("São Paulo" → "SP", "CDMX" → "CMX"), else the `ponte_region` cookie when it is for
 * the same country (the state selector beside "Buying for").
 */
export interface BuyerContext {
  currencyCode: string;
  currencySource: "account" | "cookie" | "language";
  countryCode: string | null;
  countrySource: "organization" | "cookie" | null;
  /** ISO 3166-2 subdivision without the country prefix ("SP", "CMX"), when known. */
  regionCode: string | null;
  regionSource: "organization" | "cookie" | null;
  /** The buyer organization the country comes from (shown beside it), when it comes from one. */
  organizationName: string | null;
  signedIn: boolean;
}

const YEAR = 60 * 60 * 24 * 365;
export const currencyCookie = createCookie("ponte_currency", { path: "/", sameSite: "lax", maxAge: YEAR, httpOnly: true });
export const countryCookie = createCookie("ponte_country", { path: "/", sameSite: "lax", maxAge: YEAR, httpOnly: true });
/** "BR:SP": the state is kept with its country, so that another country's cookie never applies. */
export const regionCookie = createCookie("ponte_region", { path: "/", sameSite: "lax", maxAge: YEAR, httpOnly: true });

export const DEFAULT_CURRENCY: Record<Lang, string> = { pt: "BRL", es: "MXN", zh: "CNY", en: "USD" };

export function isPreferenceCurrency(value: unknown): value is string {
  return typeof value === "string" && PREFERENCE_CURRENCIES.includes(value);
}

export function isBuyerCountry(value: unknown): value is string {
  return typeof value === "string" && (COUNTRY_CODES as readonly string[]).includes(value);
}

export async function getBuyerContext(request: Request, lang: Lang, sessionUser?: SessionUser | null): Promise<BuyerContext> {
  const user = sessionUser === undefined ? await getSessionUser(request) : sessionUser;
  const cookieHeader = request.headers.get("Cookie");
  const [cookieCurrency, cookieCountry, cookieRegion, organization] = await Promise.all([
    currencyCookie.parse(cookieHeader),
    countryCookie.parse(cookieHeader),
    regionCookie.parse(cookieHeader),
    // The session names only organizations its user belongs to; the membership read is shared with the gates.
    user?.activeOrganizationId ? myMembershipOf(user.user.id, user.activeOrganizationId).then((m) => m?.organization ?? null) : null,
  ]);

  let currencyCode = DEFAULT_CURRENCY[lang];
  let currencySource: BuyerContext["currencySource"] = "language";
  if (user && isPreferenceCurrency(user.user.currencyCode.trim())) {
    currencyCode = user.user.currencyCode.trim();
    currencySource = "account";
  } else if (isPreferenceCurrency(cookieCurrency)) {
    currencyCode = cookieCurrency;
    currencySource = "cookie";
  }

  let countryCode: string | null = null;
  let countrySource: BuyerContext["countrySource"] = null;
  let organizationName: string | null = null;
  let regionCode: string | null = null;
  let regionSource: BuyerContext["regionSource"] = null;
  if (organization?.kind === "BUYER") {
    countryCode = organization.countryCode.trim();
    countrySource = "organization";
    organizationName = organization.name;
    regionCode = normalizeRegion(countryCode, organization.region);
    if (regionCode) regionSource = "organization";
  } else if (isBuyerCountry(cookieCountry)) {
    countryCode = cookieCountry;
    countrySource = "cookie";
  }
  if (countryCode && !regionCode) {
    const [country, region] = typeof cookieRegion === "string" ? cookieRegion.split(":") : [];
    if (country === countryCode && isRegionOf(countryCode, region)) {
      regionCode = region;
      regionSource = "cookie";
    }
  }

  return { currencyCode, currencySource, countryCode, countrySource, regionCode, regionSource, organizationName, signedIn: Boolean(user) };
}

/** Where the buyer's goods go, as far as delivery times are concerned; null until a country is known. */
export function deliveryLocation(buyer: Pick<BuyerContext, "countryCode" | "regionCode">): DeliveryLocation | null {
  return buyer.countryCode ? { countryCode: buyer.countryCode, regionCode: buyer.regionCode } : null;
}

// The rate table changes at most a few times a day; every catalog page needs it. Kept for a minute per process.
const RATE_TTL_MS = 60_000;
let cachedRates: { at: number; day: string; table: Promise<RateTable> } | null = null;

/** Today's rates (see ratesAsOf), shared by the catalog pages of this process for a minute. */
export function currentRates(): Promise<RateTable> {
  const now = Date.now();
  const day = new Date(now).toISOString().slice(0, 10);
  if (!cachedRates || now - cachedRates.at > RATE_TTL_MS || cachedRates.day !== day) {
    const table = ratesAsOf(new Date(now));
    cachedRates = { at: now, day, table };
    // A failed query must not be served from the cache.
    table.catch(() => {
      if (cachedRates?.table === table) cachedRates = null;
    });
  }
  return cachedRates.table;
}

/** Tests that write rates call this so that the next page reads them. */
export function forgetCachedRates() {
  cachedRates = null;
}

/**
 * The per-language parts of the preference forms, the same for every visitor: built once per language (and
 * country, for the states) instead of per page: three Intl objects and two sorts a page, the Brazilian states
 * (27, sorted) on every page of a signed-in Brazilian buyer.
 */
const preferenceParts = new Map<Lang, { regions: Intl.DisplayNames; countries: ReturnType<typeof countryOptions>; states: Map<string, { value: string; label: string }[]> }>();

function partsFor(lang: Lang) {
  let parts = preferenceParts.get(lang);
  if (!parts) preferenceParts.set(lang, (parts = { regions: new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" }), countries: countryOptions(lang), states: new Map() }));
  return parts;
}

function stateOptions(lang: Lang, countryCode: string | null): { value: string; label: string }[] {
  const states = regionsOf(countryCode);
  if (!countryCode || !states) return [];
  const parts = partsFor(lang);
  let options = parts.states.get(countryCode);
  if (!options) {
    const collator = new Intl.Collator(LOCALE_TAGS[lang]);
    options = Object.entries(states)
      .map(([value, name]) => ({ value, label: `${name} (${value})` }))
      .sort((a, b) => collator.compare(a.label, b.label));
    parts.states.set(countryCode, options);
  }
  return options;
}

/** What the "Prices in" / "Buying for" forms show, formatted for the page's language. */
export function buyerPreferencesView(buyer: BuyerContext, lang: Lang) {
  const { regions, countries } = partsFor(lang);
  const states = regionsOf(buyer.countryCode);
  return {
    currencyCode: buyer.currencyCode,
    currencies: [...PREFERENCE_CURRENCIES],
    countryCode: buyer.countryCode,
    countryName: buyer.countryCode ? (regions.of(buyer.countryCode) ?? buyer.countryCode) : null,
    countrySource: buyer.countrySource,
    organizationName: buyer.organizationName,
    // Copied per page: the lists are shared by every page of the language, and no page may change another's.
    // Only what the form offers: a buyer organization's country (and state) is shown, not chosen, so its page
    // carries no list to choose from (BuyerPreferences).
    countries: buyer.countrySource === "organization" ? [] : countries.map((c) => ({ ...c })),
    regionCode: buyer.regionCode,
    regionName: buyer.regionCode && states ? (states[buyer.regionCode] ?? buyer.regionCode) : null,
    regionSource: buyer.regionSource,
    /** The states of the buyer's country, when delivery times depend on them (Brazil, Mexico); else empty. */
    regions: buyer.regionSource === "organization" ? [] : stateOptions(lang, buyer.countryCode).map((r) => ({ ...r })),
  };
}
