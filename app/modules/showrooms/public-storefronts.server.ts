import { Prisma } from "~/generated/prisma/client";
import { currentRates, deliveryLocation, type BuyerContext } from "~/modules/catalog/buyer-context.server";
import { imageUrl, type ImageWidth } from "~/modules/catalog/images.server";
import { presentCard, type ListingRow, type ProductCard } from "~/modules/catalog/listing.server";
import { productPath } from "~/modules/catalog/product-path";
import { env } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { isLang, LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { cardAvailability } from "~/modules/inventory/availability.server";
import { organizationDisplayName as displayName } from "~/modules/tenancy/display-name";
import { openState, parseOpeningHours, type OpeningHoursRule } from "./event-times";
import { localized, type LocalizedText } from "./localized-text";
import { featuredManufacturerIds } from "./operator-scope.server";
import { listUpcomingEvents, type PublicEventSummary } from "./public-events.server";

/**
 * The public side of the park's storefronts: /{lang}/showrooms, /{lang}/showrooms/{slug} and one page per booth.
 * Read across tenants with `unscopedDb` on purpose (public pages, like the catalog's), and only what the public may
 * see: PUBLISHED storefronts (a draft or archived one is a 404), manufacturers whose participation is ACCEPTED
 * (operator-scope.server.ts says which, in one place), their PUBLISHED products.
 */

export const STOREFRONT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
export const BOOTH_CODE = /^[A-Za-z0-9-]{1,20}$/;

export { localized, type LocalizedText };

export function isStorefrontSlug(value: unknown): value is string {
  return typeof value === "string" && STOREFRONT_SLUG.test(value);
}
export function isBoothCode(value: unknown): value is string {
  return typeof value === "string" && BOOTH_CODE.test(value);
}

/** After an operator's change to a storefront (or a manufacturer joining or leaving): anonymous copies go at once. */
export function purgeStorefrontPages(slug: string) {
  // The page cache keeps no index by path (its keys carry cookies and queries): every public page goes, as after a
  // catalog write. `slug` names what changed, for the day the cache learns to purge by prefix.
  void slug;
  purgePublicPages();
}

export function storefrontUrl(lang: Lang, slug: string) {
  return `/${lang}/showrooms/${slug}`;
}
export function boothUrl(lang: Lang, slug: string, code: string) {
  return `/${lang}/showrooms/${slug}/booths/${encodeURIComponent(code)}`;
}

// ─── the list ────────────────────────────────────────────────────────────────────────────────────────────────

export interface StorefrontSummary {
  slug: string;
  href: string;
  name: LocalizedText;
  heroTitle: LocalizedText | null;
  city: string;
  countryName: string;
  image: { src: string; alt: string } | null;
  exhibitors: number;
  upcomingEvents: number;
}

export async function listPublishedStorefronts(lang: Lang, now = new Date()): Promise<StorefrontSummary[]> {
  const rows = await unscopedDb.storefront.findMany({
    where: { status: "PUBLISHED" },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true, slug: true, name: true, heroTitle: true, languages: true, city: true, countryCode: true,
      images: { orderBy: { position: "asc" }, take: 1, select: { storageKey: true, alt: true } },
      _count: { select: { participations: { where: { status: "ACCEPTED" } }, events: { where: { status: "SCHEDULED", endsAt: { gt: now } } } } },
    },
  });
  const regions = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  return rows.map((row) => {
    const name = localized(row.name, lang, row.languages) ?? { value: row.slug, lang };
    const image = row.images[0];
    return {
      slug: row.slug,
      href: storefrontUrl(lang, row.slug),
      name,
      heroTitle: localized(row.heroTitle, lang, row.languages),
      city: row.city,
      countryName: regions.of(row.countryCode.trim()) ?? row.countryCode,
      image: image ? { src: storefrontImageUrl(image.storageKey, 480), alt: localized(image.alt, lang, row.languages)?.value ?? "" } : null,
      exhibitors: row._count.participations,
      upcomingEvents: row._count.events,
    };
  });
}

/** Storefront images are stored by the console as webp renditions beside their original, like products' (/media/storefronts/…). */
export function storefrontImageUrl(storageKey: string, width: ImageWidth = 1200): string {
  return imageUrl(storageKey, width);
}

// ─── product cards of a storefront, in one query ─────────────────────────────────────────────────────────────

/** How many products a "whole manufacturer" entry of a section shows (its newest). */
export const PRODUCTS_PER_MANUFACTURER_ITEM = 4;

interface CuratedRow extends Omit<ListingRow, "segment" | "sortKey"> {
  sectionId: string | null;
}

/**
 * The cards of a storefront's sections (or of one manufacturer's entries, for a booth): one SQL statement for all of
 * them — product entries, and a manufacturer's newest published products for "whole manufacturer" entries — only of
 * featured manufacturers and only published products, with the columns the catalog's cards need.
 */
async function curatedRows(storefrontId: string, lang: Lang, manufacturerIds: string[], options: { onlyManufacturer?: string } = {}): Promise<CuratedRow[]> {
  const ids = options.onlyManufacturer ? manufacturerIds.filter((id) => id === options.onlyManufacturer) : manufacturerIds;
  if (ids.length === 0) return [];
  const makers = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  return unscopedDb.$queryRaw<CuratedRow[]>`
    WITH picked AS (
      SELECT si."sectionId", s."position" AS "sectionPosition", si."position" AS "itemPosition", pick."id" AS "productId", pick."n"
      FROM "StorefrontSectionItem" si
      JOIN "StorefrontSection" s ON s."id" = si."sectionId"
      CROSS JOIN LATERAL (
        SELECT p."id", 0::bigint AS "n" FROM "Product" p
        WHERE si."productId" IS NOT NULL AND p."id" = si."productId" AND p."organizationId" = si."manufacturerOrganizationId" AND p."status" = 'PUBLISHED'
        UNION ALL
        SELECT q."id", q."n" FROM (
          SELECT p."id", row_number() OVER (ORDER BY p."publishedAt" DESC NULLS LAST, p."id") AS "n" FROM "Product" p
          WHERE si."productId" IS NULL AND p."organizationId" = si."manufacturerOrganizationId" AND p."status" = 'PUBLISHED'
          ORDER BY p."publishedAt" DESC NULLS LAST, p."id"
          LIMIT ${PRODUCTS_PER_MANUFACTURER_ITEM}
        ) q
      ) pick
      WHERE s."storefrontId" = ${storefrontId}::uuid AND si."manufacturerOrganizationId" IN (${makers})
    )
    SELECT picked."sectionId", p."id", p."slug", p."organizationId", p."sourceLocale"::text AS "sourceLocale", p."moq", p."unitOfSale"::text AS "unitOfSale",
      p."currencyCode", p."minUnitPriceMinor", p."incoterm"::text AS "incoterm", p."leadTimeDays", p."originCountry",
      tr."name", tr."locale" AS "nameLocale", tr."source" AS "nameSource", img."storageKey" AS "imageKey", img."alt" AS "imageAlt",
      CASE WHEN ${lang}::text = 'zh' AND btrim(COALESCE(o."legalNameZh", '')) <> '' THEN btrim(o."legalNameZh") ELSE o."name" END AS "makerName",
      o."city" AS "makerCity", o."verificationStatus"::text AS "makerVerification", b."name" AS "brandName"
    FROM picked
    JOIN "Product" p ON p."id" = picked."productId"
    LEFT JOIN LATERAL (
      SELECT t."name", t."locale"::text AS "locale", t."source"::text AS "source" FROM "ProductTranslation" t
      WHERE t."productId" = p."id"
      ORDER BY (t."locale" = ${lang}::"Locale") DESC, (t."locale" = p."sourceLocale") DESC, t."locale"
      LIMIT 1
    ) tr ON TRUE
    LEFT JOIN LATERAL (
      SELECT i."storageKey", i."alt" FROM "ProductImage" i WHERE i."productId" = p."id" ORDER BY i."position", i."createdAt" LIMIT 1
    ) img ON TRUE
    JOIN "Organization" o ON o."id" = p."organizationId"
    LEFT JOIN "Brand" b ON b."id" = p."brandId"
    ORDER BY picked."sectionPosition", picked."itemPosition", picked."n"`;
}

/** Cards in the visitor's currency with stock near them, as the catalog's. */
async function presentCards(rows: CuratedRow[], lang: Lang, buyer: BuyerContext): Promise<Map<CuratedRow, ProductCard>> {
  const rates = await currentRates();
  const currency = rates.currencies.get(buyer.currencyCode) ?? rates.currency("USD");
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  const availability = await cardAvailability(
    unique.map((r) => ({ id: r.id, moq: r.moq, leadTimeDays: r.leadTimeDays, originCountry: r.originCountry })),
    deliveryLocation(buyer),
    lang,
  );
  const cards = new Map<CuratedRow, ProductCard>();
  for (const row of rows) cards.set(row, presentCard({ ...row, sortKey: null, segment: 0 }, lang, currency, rates, availability.get(row.id) ?? null));
  return cards;
}

// ─── one storefront ──────────────────────────────────────────────────────────────────────────────────────────

export interface PlanBooth {
  id: string;
  code: string;
  label: LocalizedText | null;
  x: number;
  y: number;
  width: number;
  height: number;
  href: string;
  /** The featured manufacturer at this booth, or null (free, or its manufacturer is not featured now). */
  exhibitor: { id: string; name: string } | null;
}

export interface StorefrontPage {
  id: string;
  operatorId: string;
  slug: string;
  languages: Lang[];
  name: LocalizedText;
  heroTitle: LocalizedText | null;
  heroText: LocalizedText | null;
  images: { src: string; alt: string; width: number; height: number }[];
  address: { line1: string; city: string; postalCode: string | null; countryCode: string; countryName: string };
  geo: { latitude: number; longitude: number } | null;
  timeZone: string;
  openingHours: OpeningHoursRule[];
  open: ReturnType<typeof openState>;
  plan: { width: number; height: number; booths: PlanBooth[] };
  exhibitors: { id: string; name: string; boothCode: string | null; href: string | null }[];
  sections: { id: string; title: LocalizedText | null; cards: ProductCard[] }[];
  events: PublicEventSummary[];
}

async function findPublished(slug: string) {
  if (!isStorefrontSlug(slug)) return null;
  return unscopedDb.storefront.findFirst({
    where: { slug, status: "PUBLISHED" },
    include: {
      images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      booths: { orderBy: { code: "asc" }, include: { participation: { select: { status: true, organizationId: true } } } },
      sections: { orderBy: { position: "asc" }, select: { id: true, title: true } },
    },
  });
}

type FoundStorefront = NonNullable<Awaited<ReturnType<typeof findPublished>>>;

async function manufacturerNames(ids: string[], lang: Lang): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const orgs = await unscopedDb.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, legalNameZh: true } });
  return new Map(orgs.map((o) => [o.id, displayName(o, lang)]));
}

function planOf(storefront: FoundStorefront, lang: Lang, featured: Set<string>, names: Map<string, string>): StorefrontPage["plan"] {
  return {
    width: storefront.planWidth,
    height: storefront.planHeight,
    booths: storefront.booths.map((booth) => {
      const makerId = booth.participation?.status === "ACCEPTED" && featured.has(booth.participation.organizationId) ? booth.participation.organizationId : null;
      return {
        id: booth.id,
        code: booth.code,
        label: localized(booth.label, lang, storefront.languages),
        x: booth.x,
        y: booth.y,
        width: booth.width,
        height: booth.height,
        href: boothUrl(lang, storefront.slug, booth.code),
        exhibitor: makerId ? { id: makerId, name: names.get(makerId) ?? "" } : null,
      };
    }),
  };
}

function basics(storefront: FoundStorefront, lang: Lang, now: Date) {
  const regions = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const languages = storefront.languages.filter(isLang);
  const hours = parseOpeningHours(storefront.openingHours);
  return {
    id: storefront.id,
    operatorId: storefront.organizationId,
    slug: storefront.slug,
    languages,
    name: localized(storefront.name, lang, languages) ?? { value: storefront.slug, lang },
    heroTitle: localized(storefront.heroTitle, lang, languages),
    heroText: localized(storefront.heroText, lang, languages),
    // Images for the reader's language, and those for every language.
    images: storefront.images
      .filter((i) => i.locale === null || i.locale === lang)
      .map((i) => ({ src: storefrontImageUrl(i.storageKey), alt: localized(i.alt, lang, languages)?.value ?? "", width: i.width, height: i.height })),
    address: { line1: storefront.addressLine1, city: storefront.city, postalCode: storefront.postalCode, countryCode: storefront.countryCode.trim(), countryName: regions.of(storefront.countryCode.trim()) ?? storefront.countryCode },
    geo: storefront.latitude && storefront.longitude ? { latitude: Number(storefront.latitude), longitude: Number(storefront.longitude) } : null,
    timeZone: storefront.timeZone,
    openingHours: hours,
    open: openState(hours, storefront.timeZone, now),
  };
}

export async function loadStorefrontPage(slug: string, lang: Lang, buyer: BuyerContext, now = new Date()): Promise<StorefrontPage | null> {
  const storefront = await findPublished(slug);
  if (!storefront) return null;
  const featuredIds = await featuredManufacturerIds(storefront.id);
  const featured = new Set(featuredIds);
  const [names, rows, events] = await Promise.all([manufacturerNames(featuredIds, lang), curatedRows(storefront.id, lang, featuredIds), listUpcomingEvents(storefront.id, lang, now)]);
  const cards = await presentCards(rows, lang, buyer);
  const plan = planOf(storefront, lang, featured, names);
  const boothOf = new Map(plan.booths.filter((b) => b.exhibitor).map((b) => [b.exhibitor!.id, b]));
  const collator = new Intl.Collator(LOCALE_TAGS[lang]);
  return {
    ...basics(storefront, lang, now),
    plan,
    exhibitors: featuredIds
      .map((id) => ({ id, name: names.get(id) ?? "", boothCode: boothOf.get(id)?.code ?? null, href: boothOf.get(id)?.href ?? null }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    sections: storefront.sections
      .map((section) => {
        const seen = new Set<string>();
        const sectionCards: ProductCard[] = [];
        for (const row of rows) {
          if (row.sectionId !== section.id || seen.has(row.id)) continue;
          seen.add(row.id);
          sectionCards.push(cards.get(row)!);
        }
        return { id: section.id, title: localized(section.title, lang, storefront.languages), cards: sectionCards };
      })
      .filter((s) => s.cards.length > 0),
    events,
  };
}

// ─── one booth ───────────────────────────────────────────────────────────────────────────────────────────────

export interface BoothPage {
  storefront: Pick<StorefrontPage, "id" | "operatorId" | "slug" | "languages" | "name" | "address" | "timeZone" | "open" | "openingHours"> & { href: string };
  booth: { id: string; code: string; label: LocalizedText | null };
  exhibitor: { id: string; name: string; city: string | null; verified: boolean; about: string | null } | null;
  cards: ProductCard[];
}

/** The booth's manufacturer while it is featured, with its curated products (else its newest published ones). */
export async function loadBoothPage(slug: string, code: string, lang: Lang, buyer: BuyerContext, now = new Date()): Promise<BoothPage | null> {
  if (!isBoothCode(code)) return null;
  const storefront = await findPublished(slug);
  const booth = storefront?.booths.find((b) => b.code.toLowerCase() === code.toLowerCase());
  if (!storefront || !booth) return null;
  const base = basics(storefront, lang, now);
  const featuredIds = await featuredManufacturerIds(storefront.id);
  const makerId = booth.participation?.status === "ACCEPTED" && featuredIds.includes(booth.participation.organizationId) ? booth.participation.organizationId : null;
  let exhibitor: BoothPage["exhibitor"] = null;
  let cards: ProductCard[] = [];
  if (makerId) {
    const [org, curated] = await Promise.all([
      unscopedDb.organization.findUnique({ where: { id: makerId }, select: { id: true, name: true, legalNameZh: true, city: true, verificationStatus: true } }),
      curatedRows(storefront.id, lang, featuredIds, { onlyManufacturer: makerId }),
    ]);
    const rows = curated.length > 0 ? curated : await newestProducts(makerId, lang);
    const presented = await presentCards(rows, lang, buyer);
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      cards.push(presented.get(row)!);
    }
    cards = cards.slice(0, 12);
    if (org) exhibitor = { id: org.id, name: displayName(org, lang), city: org.city, verified: org.verificationStatus === "VERIFIED", about: null };
  }
  return {
    storefront: { ...base, href: storefrontUrl(lang, storefront.slug) },
    booth: { id: booth.id, code: booth.code, label: localized(booth.label, lang, storefront.languages) },
    exhibitor,
    cards,
  };
}

async function newestProducts(manufacturerId: string, lang: Lang): Promise<CuratedRow[]> {
  return unscopedDb.$queryRaw<CuratedRow[]>`
    SELECT NULL::uuid AS "sectionId", p."id", p."slug", p."organizationId", p."sourceLocale"::text AS "sourceLocale", p."moq", p."unitOfSale"::text AS "unitOfSale",
      p."currencyCode", p."minUnitPriceMinor", p."incoterm"::text AS "incoterm", p."leadTimeDays", p."originCountry",
      tr."name", tr."locale" AS "nameLocale", tr."source" AS "nameSource", img."storageKey" AS "imageKey", img."alt" AS "imageAlt",
      CASE WHEN ${lang}::text = 'zh' AND btrim(COALESCE(o."legalNameZh", '')) <> '' THEN btrim(o."legalNameZh") ELSE o."name" END AS "makerName",
      o."city" AS "makerCity", o."verificationStatus"::text AS "makerVerification", b."name" AS "brandName"
    FROM "Product" p
    LEFT JOIN LATERAL (
      SELECT t."name", t."locale"::text AS "locale", t."source"::text AS "source" FROM "ProductTranslation" t
      WHERE t."productId" = p."id" ORDER BY (t."locale" = ${lang}::"Locale") DESC, (t."locale" = p."sourceLocale") DESC, t."locale" LIMIT 1
    ) tr ON TRUE
    LEFT JOIN LATERAL (SELECT i."storageKey", i."alt" FROM "ProductImage" i WHERE i."productId" = p."id" ORDER BY i."position", i."createdAt" LIMIT 1) img ON TRUE
    JOIN "Organization" o ON o."id" = p."organizationId"
    LEFT JOIN "Brand" b ON b."id" = p."brandId"
    WHERE p."organizationId" = ${manufacturerId}::uuid AND p."status" = 'PUBLISHED'
    ORDER BY p."publishedAt" DESC NULLS LAST, p."id"
    LIMIT 8`;
}

// ─── scans: what a QR code points at ─────────────────────────────────────────────────────────────────────────

export interface ScanTarget {
  storefrontId: string;
  operatorId: string;
  storefrontSlug: string;
  boothId: string;
  boothCode: string;
  manufacturerId: string | null;
  product: { id: string; slug: string } | null;
}

/**
 * The published storefront and booth of a QR code, and its product when the code names one: the product must be a
 * published product of the booth's featured manufacturer (a label left on the floor after it left finds no product).
 */
export async function resolveScanTarget(slug: string, code: string, productSlug: string | null): Promise<ScanTarget | null> {
  if (!isStorefrontSlug(slug) || !isBoothCode(code)) return null;
  const booth = await unscopedDb.storefrontBooth.findFirst({
    where: { code: { equals: code, mode: "insensitive" }, storefront: { slug, status: "PUBLISHED" } },
    select: { id: true, code: true, storefront: { select: { id: true, slug: true, organizationId: true } }, participation: { select: { status: true, organizationId: true } } },
  });
  if (!booth) return null;
  const manufacturerId = booth.participation?.status === "ACCEPTED" ? booth.participation.organizationId : null;
  let product: ScanTarget["product"] = null;
  if (productSlug !== null) {
    if (!manufacturerId) return null;
    const found = await unscopedDb.product.findFirst({ where: { slug: productSlug, organizationId: manufacturerId, status: "PUBLISHED" }, select: { id: true, slug: true } });
    if (!found) return null;
    product = found;
  }
  return { storefrontId: booth.storefront.id, operatorId: booth.storefront.organizationId, storefrontSlug: booth.storefront.slug, boothId: booth.id, boothCode: booth.code, manufacturerId, product };
}

/** The banner of a product page reached from a scan (`?via=`): names as the public sees them, or null. */
export async function showroomBanner(via: { storefrontSlug: string; boothCode: string | null }, lang: Lang): Promise<{ storefrontName: string; boothCode: string | null; storefrontHref: string; boothHref: string | null } | null> {
  const storefront = await unscopedDb.storefront.findFirst({
    where: { slug: via.storefrontSlug, status: "PUBLISHED" },
    select: { slug: true, name: true, languages: true, booths: { where: { code: { equals: via.boothCode ?? "", mode: "insensitive" } }, select: { code: true }, take: 1 } },
  });
  if (!storefront) return null;
  const booth = via.boothCode ? (storefront.booths[0]?.code ?? null) : null;
  return {
    storefrontName: localized(storefront.name, lang, storefront.languages)?.value ?? storefront.slug,
    boothCode: booth,
    storefrontHref: storefrontUrl(lang, storefront.slug),
    boothHref: booth ? boothUrl(lang, storefront.slug, booth) : null,
  };
}

// ─── search engines ──────────────────────────────────────────────────────────────────────────────────────────

export function absoluteUrl(path: string) {
  return env().APP_URL + path;
}

/** schema.org: the hall (Place), its operator, its upcoming events (ExhibitionEvent) and the curated products (ItemList). */
export function storefrontJsonLd(page: StorefrontPage, lang: Lang, operatorName: string) {
  const url = absoluteUrl(storefrontUrl(lang, page.slug));
  const place = {
    "@type": "Place",
    name: page.name.value,
    address: { "@type": "PostalAddress", streetAddress: page.address.line1, addressLocality: page.address.city, postalCode: page.address.postalCode ?? undefined, addressCountry: page.address.countryCode },
    ...(page.geo ? { geo: { "@type": "GeoCoordinates", latitude: page.geo.latitude, longitude: page.geo.longitude } } : {}),
    openingHoursSpecification: page.openingHours.map((rule) => ({
      "@type": "OpeningHoursSpecification",
      dayOfWeek: rule.days.map((d) => `https://schema.org/${["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d - 1]}`),
      opens: rule.opens,
      closes: rule.closes,
    })),
  };
  const cards = page.sections.flatMap((s) => s.cards);
  return {
    "@context": "https://schema.org",
    "@graph": [
      { ...place, "@id": `${url}#place`, url, description: page.heroText?.value, image: page.images.map((i) => absoluteUrl(i.src)), containedInPlace: undefined },
      { "@type": "Organization", "@id": `${url}#operator`, name: operatorName },
      ...page.events.map((event) => ({
        "@type": "ExhibitionEvent",
        name: event.title.value,
        startDate: event.startsAt,
        endDate: event.endsAt,
        eventStatus: "https://schema.org/EventScheduled",
        eventAttendanceMode: event.kind === "LIVESTREAM" ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
        location: event.kind === "LIVESTREAM" ? { "@type": "VirtualLocation", url: absoluteUrl(event.href) } : { "@id": `${url}#place` },
        organizer: { "@id": `${url}#operator` },
        inLanguage: LOCALE_TAGS[event.language],
        url: absoluteUrl(event.href),
      })),
      {
        "@type": "ItemList",
        name: page.name.value,
        itemListElement: cards.slice(0, 50).map((card, i) => ({ "@type": "ListItem", position: i + 1, url: absoluteUrl(productPath(lang, card.slug)), name: card.name })),
      },
    ],
  };
}

export function boothJsonLd(page: BoothPage, lang: Lang) {
  const url = absoluteUrl(boothUrl(lang, page.storefront.slug, page.booth.code));
  return {
    "@context": "https://schema.org",
    "@graph": [
      { "@type": "Place", "@id": `${url}#booth`, name: `${page.storefront.name.value} · ${page.booth.code}`, url, containedInPlace: { "@type": "Place", name: page.storefront.name.value, url: absoluteUrl(page.storefront.href) } },
      ...(page.exhibitor ? [{ "@type": "Organization", name: page.exhibitor.name, address: page.exhibitor.city ? { "@type": "PostalAddress", addressLocality: page.exhibitor.city } : undefined }] : []),
      { "@type": "ItemList", itemListElement: page.cards.map((card, i) => ({ "@type": "ListItem", position: i + 1, url: absoluteUrl(productPath(lang, card.slug)), name: card.name })) },
    ],
  };
}

/** The operator's public name (JSON-LD's organizer). */
export async function operatorName(operatorId: string, lang: Lang): Promise<string> {
  const org = await unscopedDb.organization.findUnique({ where: { id: operatorId }, select: { name: true, legalNameZh: true } });
  return org ? displayName(org, lang) : "";
}
