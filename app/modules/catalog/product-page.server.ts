import type { UnitOfSale } from "~/generated/prisma/enums";
import { Prisma } from "~/generated/prisma/client";
import { readRows } from "~/modules/db/raw-read.server";
import { isLang, LANGS, LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { formatDate, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import type { AvailabilityProduct } from "~/modules/inventory/availability.server";
import { schemeName } from "./reference-data";
import type { CurrencyInfo } from "~/modules/money/currencies";
import type { RateTable } from "~/modules/money/fx.server";
import { formatMoney, toDecimalString, type Money } from "~/modules/money/money";
import { imageUrl } from "./images.server";
import { organizationDisplayName } from "~/modules/tenancy/display-name";
import { categoryName, categoryTree } from "./listing.server";
import { colorIn } from "./variant-colour";

/**
 * Everything the public product page shows, read for one PUBLISHED product (across manufacturers, hence
 * `unscopedDb`, always with the status), with every date, number and amount formatted here, on the server.
 */

export type FieldNote = "fallback" | "machine" | null;
export interface TranslatedField<T> {
  value: T;
  lang: Lang;
  note: FieldNote;
}

export interface TierView {
  minQuantity: number;
  minQuantityFormatted: string;
  /** The last quantity this tier prices (the next tier's minimum − 1), or null for the last tier. */
  maxQuantityFormatted: string | null;
  /** Unit price in the manufacturer's currency, minor units (for the quantity calculator). */
  unitPriceMinor: string;
  original: string;
  /** Unit price in the buyer's currency; null when no rate converts it. */
  converted: string | null;
}

/**
 * The exact conversion of the product's currency into the buyer's: targetMinor = amountMinor × numerator /
 * denominator, rounded half to even — the same arithmetic as RateTable.convert, so that the quantity calculator
 * in the browser gives the server's figures to the cent.
 */
export interface ConversionView {
  from: string;
  to: CurrencyInfo;
  numerator: string;
  denominator: string;
  /** "1 USD = 5.3512 BRL", in the page's language. */
  rateText: string;
  /** The effective date of the rates used, formatted ("27 Nov 2026"). */
  rateDate: string;
  rateDateIso: string;
}

export interface ProductPageData {
  id: string;
  slug: string;
  sourceLang: Lang;
  name: TranslatedField<string>;
  shortDescription: TranslatedField<string> | null;
  longDescription: TranslatedField<string> | null;
  specifications: TranslatedField<{ label: string; value: string }[]> | null;
  category: { slug: string; name: string; parent: { slug: string; name: string } | null } | null;
  brand: string | null;
  maker: { id: string; name: string; city: string | null; country: string; verification: string; onPonteSince: string };
  /** The gallery: 1200 px renditions (resized inside a 1200 px square), with 160 px thumbnails. */
  images: { src: string; thumb: string; alt: string; width: number; height: number }[];
  variants: {
    sku: string;
    voltage: string | null;
    plugType: string | null;
    color: string | null;
    capacity: string | null;
    netWeight: string;
    grossWeight: string;
    dimensions: string;
  }[];
  trade: {
    hsCode: string;
    hsCodeCn: string | null;
    origin: string;
    originCode: string;
    incoterm: string;
    unit: UnitOfSale;
    packSize: number;
    packSizeFormatted: string;
    moq: number;
    moqFormatted: string;
    leadTimeDays: number;
    leadTimeFormatted: string;
    sample: { original: string; converted: string | null } | null;
    sampleAvailable: boolean;
  };
  currencyCode: string;
  /** The manufacturer's currency in full (for formatting calculator totals in it). */
  currency: CurrencyInfo;
  tiers: TierView[];
  conversion: ConversionView | null;
  /** The cheapest unit price, in the buyer's currency (else the original). */
  priceFrom: string | null;
  certifications: { code: string; name: string; number: string; expires: string | null; expired: boolean; validHere: boolean }[];
  buyerCountry: { code: string; name: string } | null;
  updatedAt: string;
  publishedAt: string | null;
  /** What inventory's productAvailability needs (server only: the route does not send it to the page). */
  availabilityInput: AvailabilityProduct;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,158}[a-z0-9])?$/;

export function isProductSlug(value: unknown): value is string {
  return typeof value === "string" && SLUG.test(value);
}

/** Preference for a missing translation: the buyer's language, the manufacturer's own, then the others. */
function langOrder(lang: Lang, source: Lang): Lang[] {
  return [...new Set<Lang>([lang, source, ...LANGS])];
}

type TranslationRow = { source: string } & Record<string, unknown>;

/**
 * One field of the product in the buyer's language, field by field: a translation may have a name but no long
 * description yet. Marked "fallback" when shown in another language, "machine" when a machine translated it.
 */
function pick<T>(rows: Map<Lang, TranslationRow>, lang: Lang, source: Lang, read: (row: TranslationRow) => T | null): TranslatedField<T> | null {
  for (const l of langOrder(lang, source)) {
    const row = rows.get(l);
    if (!row) continue;
    const value = read(row);
    if (value === null) continue;
    return { value, lang: l, note: l !== lang ? "fallback" : row.source === "MACHINE" && l !== source ? "machine" : null };
  }
  return null;
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function specs(value: unknown): { label: string; value: string }[] | null {
  if (!Array.isArray(value)) return null;
  const rows = value.filter((s): s is { label: string; value: string } => Boolean(s && typeof s.label === "string" && typeof s.value === "string" && s.label.trim() && s.value.trim()));
  return rows.length ? rows.map((s) => ({ label: s.label.trim(), value: s.value.trim() })) : null;
}

function decimalParts(rate: string): [bigint, number] {
  const [whole, fraction = ""] = rate.split(".");
  const trimmed = fraction.replace(/0+$/, "");
  return [BigInt((whole ?? "0") + trimmed), trimmed.length];
}

export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  let q = numerator / denominator;
  const r = numerator % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  return q;
}

/** The exact factor (numerator / denominator) that RateTable.convert applies from one currency to another. */
export function conversionFactor(rates: RateTable, from: string, to: string): { numerator: bigint; denominator: bigint; rateDates: string[] } | null {
  const source = rates.usdRate(from);
  const dest = rates.usdRate(to);
  if (!source || !dest || !rates.currencies.has(from) || !rates.currencies.has(to)) return null;
  const [sourceInt, sourceScale] = decimalParts(source.rate);
  const [destInt, destScale] = decimalParts(dest.rate);
  let numerator = destInt * 10n ** BigInt(sourceScale);
  let denominator = sourceInt * 10n ** BigInt(destScale);
  const expDiff = rates.currency(to).exponent - rates.currency(from).exponent;
  if (expDiff >= 0) numerator *= 10n ** BigInt(expDiff);
  else denominator *= 10n ** BigInt(-expDiff);
  return { numerator, denominator, rateDates: [source.effectiveDate, dest.effectiveDate].filter((d): d is string => Boolean(d)) };
}

/** 1 unit of `from` in `to`, as a decimal string with 4 decimals (half to even). */
function unitRate(rates: RateTable, from: string, to: string): string | null {
  const source = rates.usdRate(from);
  const dest = rates.usdRate(to);
  if (!source || !dest) return null;
  const [sourceInt, sourceScale] = decimalParts(source.rate);
  const [destInt, destScale] = decimalParts(dest.rate);
  const scaled = divideHalfEven(destInt * 10n ** BigInt(sourceScale) * 10_000n, sourceInt * 10n ** BigInt(destScale));
  const digits = scaled.toString().padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** What the product page reads of a published product, its relations included. */
interface ProductPageRow {
  id: string;
  slug: string;
  categoryId: string | null;
  sourceLocale: string;
  originCountry: string;
  hsCode: string;
  hsCodeCn: string | null;
  unitOfSale: UnitOfSale;
  packSize: number;
  moq: number;
  currencyCode: string;
  incoterm: string;
  leadTimeDays: number;
  sampleAvailable: boolean;
  showStockQuantities: boolean;
  samplePriceMinor: bigint | null;
  publishedAt: Date | null;
  updatedAt: Date;
  translations: { locale: string; name: string; shortDescription: string; longDescription: string; specifications: unknown; source: string }[];
  variants: { id: string; sku: string; voltage: string | null; plugType: string | null; color: string | null; colorNames: unknown; capacity: string | null; netWeightG: number; grossWeightG: number; lengthMm: number; widthMm: number; heightMm: number }[];
  priceTiers: { minQuantity: number; unitPriceMinor: bigint }[];
  certifications: { schemeCode: string; number: string; expiresOn: Date | null; scheme: { code: string; name: string; countryCodes: string[] } }[];
  images: { storageKey: string; width: number; height: number; alt: unknown }[];
  brand: { name: string } | null;
  organization: { id: string; name: string; legalNameZh: string | null; city: string | null; countryCode: string; verificationStatus: string; createdAt: Date };
}

/** A timestamp(3) column (UTC, without a zone) as ISO 8601 text inside JSON. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * A published product by its slug with everything its page shows, in ONE statement: the relations come as JSON
 * sub-selects (Prisma's include sent nine statements, a pool round trip each, for every product page view). Money
 * travels as text and times as UTC ISO text, and are turned back into bigint and Date here.
 */
export async function readPublishedProduct(slug: string): Promise<ProductPageRow | null> {
  type Raw = Omit<ProductPageRow, "samplePriceMinor" | "publishedAt" | "updatedAt" | "priceTiers" | "certifications" | "organization"> & {
    samplePriceMinor: string | null;
    publishedAt: string | null;
    updatedAt: string;
    priceTiers: { minQuantity: number; unitPriceMinor: string }[];
    certifications: (Omit<ProductPageRow["certifications"][number], "expiresOn"> & { expiresOn: string | null })[];
    organization: Omit<ProductPageRow["organization"], "createdAt"> & { createdAt: string };
  };
  const iso = Prisma.raw(ISO);
  const rows = await readRows<Raw>(Prisma.sql`
    SELECT p."id", p."slug", p."categoryId", p."sourceLocale"::text AS "sourceLocale", p."originCountry", p."hsCode", p."hsCodeCn",
      p."unitOfSale"::text AS "unitOfSale", p."packSize", p."moq", p."currencyCode", p."incoterm"::text AS "incoterm", p."leadTimeDays",
      p."sampleAvailable", p."showStockQuantities", p."samplePriceMinor"::text AS "samplePriceMinor",
      to_char(p."publishedAt", ${iso}) AS "publishedAt", to_char(p."updatedAt", ${iso}) AS "updatedAt",
      (SELECT coalesce(json_agg(json_build_object('locale', t."locale", 'name', t."name", 'shortDescription', t."shortDescription",
          'longDescription', t."longDescription", 'specifications', t."specifications", 'source', t."source")), '[]')
        FROM "ProductTranslation" t WHERE t."productId" = p."id") AS "translations",
      (SELECT coalesce(json_agg(json_build_object('id', v."id", 'sku', v."sku", 'voltage', v."voltage", 'plugType', v."plugType", 'color', v."color",
          'colorNames', v."colorNames", 'capacity', v."capacity", 'netWeightG', v."netWeightG", 'grossWeightG', v."grossWeightG",
          'lengthMm', v."lengthMm", 'widthMm', v."widthMm", 'heightMm', v."heightMm") ORDER BY v."position", v."sku"), '[]')
        FROM "ProductVariant" v WHERE v."productId" = p."id") AS "variants",
      (SELECT coalesce(json_agg(json_build_object('minQuantity', pt."minQuantity", 'unitPriceMinor', pt."unitPriceMinor"::text) ORDER BY pt."minQuantity"), '[]')
        FROM "PriceTier" pt WHERE pt."productId" = p."id") AS "priceTiers",
      (SELECT coalesce(json_agg(json_build_object('schemeCode', c."schemeCode", 'number', c."number", 'expiresOn', to_char(c."expiresOn", ${iso}),
          'scheme', json_build_object('code', cs."code", 'name', cs."name", 'countryCodes', cs."countryCodes")) ORDER BY c."schemeCode"), '[]')
        FROM "ProductCertification" c JOIN "CertificationScheme" cs ON cs."code" = c."schemeCode" WHERE c."productId" = p."id") AS "certifications",
      (SELECT coalesce(json_agg(json_build_object('storageKey', i."storageKey", 'width', i."width", 'height', i."height", 'alt', i."alt") ORDER BY i."position", i."createdAt"), '[]')
        FROM "ProductImage" i WHERE i."productId" = p."id") AS "images",
      (SELECT json_build_object('name', b."name") FROM "Brand" b WHERE b."id" = p."brandId") AS "brand",
      (SELECT json_build_object('id', o."id", 'name', o."name", 'legalNameZh', o."legalNameZh", 'city', o."city", 'countryCode', o."countryCode",
          'verificationStatus', o."verificationStatus", 'createdAt', to_char(o."createdAt", ${iso}))
        FROM "Organization" o WHERE o."id" = p."organizationId") AS "organization"
    FROM "Product" p
    WHERE p."slug" = ${slug} AND p."status" = 'PUBLISHED'
    LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    samplePriceMinor: row.samplePriceMinor === null ? null : BigInt(row.samplePriceMinor),
    publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
    updatedAt: new Date(row.updatedAt),
    priceTiers: row.priceTiers.map((t) => ({ minQuantity: t.minQuantity, unitPriceMinor: BigInt(t.unitPriceMinor) })),
    certifications: row.certifications.map((c) => ({ ...c, expiresOn: c.expiresOn ? new Date(c.expiresOn) : null })),
    organization: { ...row.organization, createdAt: new Date(row.organization.createdAt) },
  };
}

export async function loadProductPage(slug: string, lang: Lang, buyer: { currency: CurrencyInfo; countryCode: string | null }, rates: RateTable): Promise<ProductPageData | null> {
  if (!isProductSlug(slug)) return null;
  const [product, tree] = await Promise.all([
    readPublishedProduct(slug),
    categoryTree(),
  ]);
  if (!product) return null;

  const regions = new Intl.DisplayNames([LOCALE_TAGS[lang]], { type: "region" });
  const country = (code: string) => regions.of(code.trim()) ?? code.trim();
  const sourceLang: Lang = isLang(product.sourceLocale) ? product.sourceLocale : "zh";
  const rows = new Map(product.translations.map((t) => [t.locale as Lang, t as unknown as TranslationRow]));
  const name = pick(rows, lang, sourceLang, (r) => nonEmpty(r.name)) ?? { value: product.slug.replace(/-/g, " "), lang: sourceLang, note: "fallback" as const };

  const currencyCode = product.currencyCode.trim();
  const currency = rates.currencies.get(currencyCode) ?? { code: currencyCode, numericCode: "000", exponent: 2, displayDigits: 2 };
  const money = (amountMinor: bigint): Money => ({ amountMinor, currency });
  const convert = (amountMinor: bigint) => {
    if (currencyCode === buyer.currency.code) return formatMoney(money(amountMinor), lang);
    const result = rates.convert(money(amountMinor), buyer.currency.code);
    return result ? formatMoney(result.money, lang) : null;
  };

  let conversion: ConversionView | null = null;
  if (currencyCode !== buyer.currency.code) {
    const factor = conversionFactor(rates, currencyCode, buyer.currency.code);
    const rate = unitRate(rates, currencyCode, buyer.currency.code);
    if (factor && rate) {
      const rateDateIso = [...factor.rateDates].sort().pop() ?? new Date().toISOString().slice(0, 10);
      conversion = {
        from: currencyCode,
        to: buyer.currency,
        numerator: factor.numerator.toString(),
        denominator: factor.denominator.toString(),
        rateText: `1 ${currencyCode} = ${formatNumber(rate as unknown as number, lang, { minimumFractionDigits: 2, maximumFractionDigits: 4 })} ${buyer.currency.code}`,
        rateDate: formatDate(`${rateDateIso}T12:00:00Z`, lang, { dateStyle: "medium", timeZone: "UTC" }),
        rateDateIso,
      };
    }
  }

  const tiers: TierView[] = product.priceTiers.map((tier, i) => {
    const nextTier = product.priceTiers[i + 1];
    return {
      minQuantity: tier.minQuantity,
      minQuantityFormatted: formatNumber(tier.minQuantity, lang),
      maxQuantityFormatted: nextTier ? formatNumber(nextTier.minQuantity - 1, lang) : null,
      unitPriceMinor: tier.unitPriceMinor.toString(),
      original: formatMoney(money(tier.unitPriceMinor), lang),
      converted: convert(tier.unitPriceMinor),
    };
  });
  const cheapest = product.priceTiers.reduce<bigint | null>((min, t) => (min === null || t.unitPriceMinor < min ? t.unitPriceMinor : min), null);

  const today = new Date().toISOString().slice(0, 10);
  const certifications = product.certifications
    .map((c) => {
      const expiresIso = c.expiresOn ? c.expiresOn.toISOString().slice(0, 10) : null;
      const expired = Boolean(expiresIso && expiresIso < today);
      return {
        code: c.schemeCode,
        name: schemeName(serverT(lang), c.scheme),
        number: c.number,
        expires: c.expiresOn ? formatDate(c.expiresOn, lang, { dateStyle: "medium", timeZone: "UTC" }) : null,
        expired,
        validHere: Boolean(buyer.countryCode && c.scheme.countryCodes.includes(buyer.countryCode) && !expired),
      };
    })
    .sort((a, b) => Number(b.validHere) - Number(a.validHere) || Number(a.expired) - Number(b.expired) || a.code.localeCompare(b.code));

  const category = tree.find((c) => c.id === product.categoryId);
  const parent = category?.parentId ? tree.find((c) => c.id === category.parentId) : undefined;
  const grams = (g: number) => (g >= 1000 ? formatNumber(g / 1000, lang, { style: "unit", unit: "kilogram", maximumFractionDigits: 2 }) : formatNumber(g, lang, { style: "unit", unit: "gram" }));
  const mm = (n: number) => formatNumber(n, lang);

  return {
    id: product.id,
    slug: product.slug,
    sourceLang,
    name,
    shortDescription: pick(rows, lang, sourceLang, (r) => nonEmpty(r.shortDescription)),
    longDescription: pick(rows, lang, sourceLang, (r) => nonEmpty(r.longDescription)),
    specifications: pick(rows, lang, sourceLang, (r) => specs(r.specifications)),
    category: category ? { slug: category.slug, name: categoryName(category, lang), parent: parent ? { slug: parent.slug, name: categoryName(parent, lang) } : null } : null,
    brand: product.brand?.name ?? null,
    maker: {
      id: product.organization.id,
      name: organizationDisplayName(product.organization, lang),
      city: product.organization.city,
      country: country(product.organization.countryCode),
      verification: product.organization.verificationStatus,
      onPonteSince: formatDate(product.organization.createdAt, lang, { year: "numeric", month: "long", timeZone: "UTC" }),
    },
    images: product.images.map((img) => {
      const alt = (img.alt ?? {}) as Partial<Record<Lang, string>>;
      // The 1200 px rendition keeps the original's proportions (never enlarged).
      const scale = Math.min(1, 1200 / Math.max(img.width, img.height, 1));
      return { src: imageUrl(img.storageKey, 1200), thumb: imageUrl(img.storageKey, 160), alt: alt[lang] || alt[sourceLang] || name.value, width: Math.round(img.width * scale), height: Math.round(img.height * scale) };
    }),
    variants: product.variants.map((v) => ({
      sku: v.sku,
      voltage: v.voltage,
      plugType: v.plugType,
      color: colorIn(v, lang),
      capacity: v.capacity,
      netWeight: grams(v.netWeightG),
      grossWeight: grams(v.grossWeightG),
      dimensions: `${mm(v.lengthMm)} × ${mm(v.widthMm)} × ${mm(v.heightMm)} mm`,
    })),
    trade: {
      hsCode: product.hsCode,
      hsCodeCn: product.hsCodeCn,
      origin: country(product.originCountry),
      originCode: product.originCountry.trim(),
      incoterm: product.incoterm,
      unit: product.unitOfSale,
      packSize: product.packSize,
      packSizeFormatted: formatNumber(product.packSize, lang),
      moq: product.moq,
      moqFormatted: formatNumber(product.moq, lang),
      leadTimeDays: product.leadTimeDays,
      leadTimeFormatted: formatNumber(product.leadTimeDays, lang),
      sampleAvailable: product.sampleAvailable,
      sample: product.sampleAvailable && product.samplePriceMinor !== null ? { original: formatMoney(money(product.samplePriceMinor), lang), converted: currencyCode === buyer.currency.code ? null : convert(product.samplePriceMinor) } : null,
    },
    currencyCode,
    currency,
    tiers,
    conversion,
    priceFrom: cheapest === null ? null : (convert(cheapest) ?? formatMoney(money(cheapest), lang)),
    certifications,
    buyerCountry: buyer.countryCode ? { code: buyer.countryCode, name: country(buyer.countryCode) } : null,
    updatedAt: product.updatedAt.toISOString(),
    publishedAt: product.publishedAt?.toISOString() ?? null,
    availabilityInput: {
      id: product.id,
      leadTimeDays: product.leadTimeDays,
      originCountry: product.originCountry.trim(),
      showStockQuantities: product.showStockQuantities,
      unit: product.unitOfSale,
      variants: product.variants.map((v) => ({ id: v.id, sku: v.sku, voltage: v.voltage, plugType: v.plugType, color: colorIn(v, lang), capacity: v.capacity })),
    },
  };
}

/** schema.org Product with its offer in the manufacturer's own currency and Incoterm (the price that binds). */
export function productJsonLd(page: ProductPageData, url: string, imageUrls: string[]) {
  const decimal = (minor: string) => toDecimalString({ amountMinor: BigInt(minor), currency: page.currency });
  const first = page.tiers[0];
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: page.name.value,
    ...(page.shortDescription ? { description: page.shortDescription.value } : page.longDescription ? { description: page.longDescription.value.slice(0, 500) } : {}),
    url,
    ...(imageUrls.length ? { image: imageUrls } : {}),
    ...(page.variants[0] ? { sku: page.variants[0].sku } : {}),
    ...(page.brand ? { brand: { "@type": "Brand", name: page.brand } } : {}),
    manufacturer: { "@type": "Organization", name: page.maker.name },
    countryOfOrigin: page.trade.originCode,
    ...(page.category ? { category: page.category.name } : {}),
    ...(first
      ? {
          offers: {
            "@type": "Offer",
            url,
            priceCurrency: page.currencyCode,
            price: decimal(first.unitPriceMinor),
            eligibleQuantity: { "@type": "QuantitativeValue", minValue: page.trade.moq },
            seller: { "@type": "Organization", name: page.maker.name },
            priceSpecification: page.tiers.map((t) => ({
              "@type": "UnitPriceSpecification",
              price: decimal(t.unitPriceMinor),
              priceCurrency: page.currencyCode,
              eligibleQuantity: { "@type": "QuantitativeValue", minValue: t.minQuantity },
            })),
          },
        }
      : {}),
  };
}
