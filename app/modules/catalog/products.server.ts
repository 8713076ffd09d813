import { randomBytes } from "node:crypto";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import slugify from "slugify";
import type { Prisma } from "~/generated/prisma/client";
import type { ProductStatus } from "~/generated/prisma/enums";
import type { ScopedDb } from "~/modules/db/index.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { type RateTable, ratesAsOf } from "~/modules/money/fx.server";
import { isSourceComplete, productCompleteness, type LanguageCompleteness, type TranslationContent } from "./completeness";
import { isValidChinaHsCode, isValidHsCode } from "./hs-code";
import { copyProductImages, removeStoredImages } from "./images.server";
import type { DraftProductInput as ProductInput } from "./product-input";
import { reindexProducts } from "./search.server";
import { colorNamesInput } from "./variant-colour";

/** The interactive-transaction client of `forOrganization(orgId)`: every query reaches only that organization. */
export type ScopedTx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

/** Long enough for a product of 200 variants on the embedded database. */
export const PRODUCT_TRANSACTION = { timeout: 30_000, maxWait: 15_000 } as const;

export type ProductSaveErrorCode = "product_not_found" | "category_not_found" | "brand_not_found" | "certification_scheme_not_found" | "sku_taken" | "slug_taken" | "variant_in_stock";

/**
 * A rule that needs the database failed. `field` is the path in ProductInput ("variants.2.sku", "brandId", "" for
 * the whole product); `messageKey` is the i18n key callers translate (with `params`).
 */
export class ProductSaveError extends Error {
  readonly messageKey: string;
  constructor(
    readonly code: ProductSaveErrorCode,
    readonly field: string,
    readonly params: Record<string, string> = {},
  ) {
    super(`${code}${field ? ` at ${field}` : ""}${params.sku ? ` (${params.sku})` : ""}`);
    this.name = "ProductSaveError";
    this.messageKey = `console.saveErrors.${code}`;
  }
}

export interface SaveProductOptions {
  /** Update this product (of the transaction's organization); absent: create one. */
  productId?: string;
  /** Who made the change, recorded in the price history. */
  userId?: string | null;
  /** The rate table for the USD reference price; callers saving many products fetch it once. */
  rates?: RateTable;
}

/** The scoped client stamps organizationId on every insert; the generated types still ask for it. */
function stamped<T>(data: Omit<T, "organizationId">): T {
  return data as T;
}

type TierSnapshot = { minQuantity: number; unitPriceMinor: string; currencyCode: string };

function tierSnapshot(tiers: readonly { minQuantity: number; unitPriceMinor: bigint }[], currencyCode: string): TierSnapshot[] {
  return [...tiers].sort((a, b) => a.minQuantity - b.minQuantity).map((t) => ({ minQuantity: t.minQuantity, unitPriceMinor: t.unitPriceMinor.toString(), currencyCode }));
}

function sameTiers(a: TierSnapshot[], b: TierSnapshot[]): boolean {
  return a.length === b.length && a.every((t, i) => t.minQuantity === b[i]!.minQuantity && t.unitPriceMinor === b[i]!.unitPriceMinor && t.currencyCode === b[i]!.currencyCode);
}

function shortId(length = 6): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

function slugOf(text: string): string {
  // "3.5 L" → "3-5-l", not "35-l".
  return slugify(text.replace(/[.,/]/g, " "), { lower: true, strict: true, trim: true }).slice(0, 70).replace(/-+$/g, "");
}

/**
 * A readable slug: from the English name (else the Portuguese or Spanish one, which are in Latin script too);
 * a name in Chinese only falls back to the first SKU and a short id (no pinyin guessing).
 */
export function baseSlugFor(input: Pick<ProductInput, "translations" | "variants">): { slug: string; needsSuffix: boolean } {
  for (const lang of ["en", "pt", "es"] as const) {
    const name = input.translations[lang]?.name;
    const slug = name ? slugOf(name) : "";
    if (slug.length >= 3) return { slug, needsSuffix: false };
  }
  const sku = slugOf(input.variants[0]?.sku ?? "") || "product";
  return { slug: sku, needsSuffix: true };
}

async function uniqueSlug(tx: ScopedTx, input: ProductInput): Promise<string> {
  const { slug, needsSuffix } = baseSlugFor(input);
  if (!needsSuffix) {
    // Slugs are global (public URLs): checked across organizations, by a raw query the tenant scope leaves alone.
    const taken = await tx.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "Product" WHERE "slug" = ${slug} LIMIT 1`;
    if (taken.length === 0) return slug;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = `${slug}-${shortId()}`;
    const taken = await tx.$queryRaw<{ slug: string }[]>`SELECT "slug" FROM "Product" WHERE "slug" = ${candidate} LIMIT 1`;
    if (taken.length === 0) return candidate;
  }
  throw new ProductSaveError("slug_taken", "");
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; message?: string; meta?: unknown } | null;
  if (!e || e.code !== "P2002") return false;
  return JSON.stringify(e.meta ?? {}).includes(column) || String(e.message).includes(column);
}

/** A variant still referenced by stock (StockBalance, InboundShipmentLine: ON DELETE RESTRICT) could not be deleted. */
function isStockReferenceViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: unknown } | null;
  let meta = "";
  try {
    meta = JSON.stringify(e?.meta ?? null);
  } catch {
    // Unserializable details: the code and the message still tell.
  }
  const text = `${String(e?.code ?? "")} ${String(e?.message ?? "")} ${meta}`;
  return /P2003|23503|foreign key/i.test(text) && /StockBalance|InboundShipmentLine/.test(text);
}

function referencePriceUsd(rates: RateTable, currencyCode: string, amountMinor: bigint): bigint | null {
  if (!rates.currencies.has(currencyCode) || !rates.currencies.has("USD")) return null;
  return rates.convert({ amountMinor, currency: rates.currency(currencyCode) }, "USD")?.money.amountMinor ?? null;
}

/**
 * Writes a product and everything in it: the one write path for the console, the bulk import and tests.
 * The input is already valid (ProductInputSchema); this checks what needs the database (category, brand of this
 * organization, certification schemes, SKUs unique in the organization) and throws ProductSaveError otherwise.
 * It does not reindex search: callers call reindexProducts once for all the products they saved.
 */
export async function saveProduct(tx: ScopedTx, input: ProductInput, options: { productId?: string; userId?: string | null; rates?: RateTable }): Promise<{ id: string; slug: string; created: boolean }> {
  const productId = options.productId;
  const existing = productId
    ? await tx.product.findUnique({
        where: { id: productId },
        select: { id: true, slug: true, currencyCode: true, priceTiers: { select: { minQuantity: true, unitPriceMinor: true } } },
      })
    : null;
  if (productId && !existing) throw new ProductSaveError("product_not_found", "");

  if (input.categoryId) {
    const category = await tx.category.findUnique({ where: { id: input.categoryId }, select: { id: true } });
    if (!category) throw new ProductSaveError("category_not_found", "categoryId");
  }
  if (input.brandId) {
    const brand = await tx.brand.findFirst({ where: { id: input.brandId }, select: { id: true } });
    if (!brand) throw new ProductSaveError("brand_not_found", "brandId");
  }
  const schemeCodes = [...new Set(input.certifications.map((c) => c.schemeCode))];
  if (schemeCodes.length > 0) {
    const known = new Set((await tx.certificationScheme.findMany({ where: { code: { in: schemeCodes } }, select: { code: true } })).map((s) => s.code));
    const unknown = input.certifications.findIndex((c) => !known.has(c.schemeCode));
    if (unknown >= 0) throw new ProductSaveError("certification_scheme_not_found", `certifications.${unknown}.schemeCode`, { scheme: input.certifications[unknown]!.schemeCode });
  }
  const skus = input.variants.map((v) => v.sku);
  const clash = await tx.productVariant.findFirst({
    where: { sku: { in: skus }, ...(productId ? { productId: { not: productId } } : {}) },
    select: { sku: true },
  });
  if (clash) throw new ProductSaveError("sku_taken", `variants.${skus.indexOf(clash.sku)}.sku`, { sku: clash.sku });

  const rates = options.rates ?? (await ratesAsOf(new Date(), tx));
  const minUnitPriceMinor = input.priceTiers.reduce<bigint | null>((min, t) => (min === null || t.unitPriceMinor < min ? t.unitPriceMinor : min), null);
  const fields = {
    categoryId: input.categoryId ?? null,
    brandId: input.brandId ?? null,
    sourceLocale: input.sourceLocale,
    originCountry: input.originCountry,
    hsCode: input.hsCode,
    hsCodeCn: input.hsCodeCn ?? null,
    unitOfSale: input.unitOfSale,
    packSize: input.packSize,
    moq: input.moq,
    currencyCode: input.currencyCode,
    incoterm: input.incoterm,
    leadTimeDays: input.leadTimeDays,
    sampleAvailable: input.sampleAvailable,
    samplePriceMinor: input.samplePriceMinor ?? null,
    ...(input.showStockQuantities === undefined ? {} : { showStockQuantities: input.showStockQuantities }),
    minUnitPriceMinor,
    referencePriceUsdMinor: minUnitPriceMinor === null ? null : referencePriceUsd(rates, input.currencyCode, minUnitPriceMinor),
  };

  try {
    let id: string;
    let slug: string;
    if (existing) {
      id = existing.id;
      slug = existing.slug;
      await tx.product.update({ where: { id }, data: fields });
    } else {
      slug = await uniqueSlug(tx, input);
      id = (await tx.product.create({ data: stamped<Prisma.ProductUncheckedCreateInput>({ ...fields, slug, status: "DRAFT" }), select: { id: true } })).id;
    }
    await writeTranslations(tx, id, input, Boolean(existing));
    await writeVariants(tx, id, input, Boolean(existing));

    const before = existing ? tierSnapshot(existing.priceTiers, existing.currencyCode) : [];
    const after = tierSnapshot(input.priceTiers, input.currencyCode);
    if (!sameTiers(before, after)) {
      if (existing) await tx.priceTier.deleteMany({ where: { productId: id } });
      await tx.priceTier.createMany({ data: input.priceTiers.map((t) => stamped<Prisma.PriceTierCreateManyInput>({ productId: id, minQuantity: t.minQuantity, unitPriceMinor: t.unitPriceMinor })) });
      await tx.priceChange.create({
        data: stamped<Prisma.PriceChangeUncheckedCreateInput>({ productId: id, changedById: options.userId ?? null, currencyCode: input.currencyCode, tiersBefore: before, tiersAfter: after }),
      });
    }

    if (existing) await tx.productCertification.deleteMany({ where: { productId: id } });
    if (input.certifications.length > 0) {
      await tx.productCertification.createMany({
        data: input.certifications.map((c) => stamped<Prisma.ProductCertificationCreateManyInput>({ productId: id, schemeCode: c.schemeCode, number: c.number, expiresOn: c.expiresOn ?? null })),
      });
    }
    return { id, slug, created: !existing };
  } catch (error) {
    if (isUniqueViolation(error, "sku")) throw new ProductSaveError("sku_taken", "variants");
    if (isUniqueViolation(error, "slug")) throw new ProductSaveError("slug_taken", "");
    if (isStockReferenceViolation(error)) throw new ProductSaveError("variant_in_stock", "variants", { sku: "" });
    throw error;
  }
}

async function writeTranslations(tx: ScopedTx, productId: string, input: ProductInput, isUpdate: boolean) {
  const entries = LANGS.flatMap((locale) => {
    const t = input.translations[locale];
    return t ? [{ locale, name: t.name, shortDescription: t.shortDescription, longDescription: t.longDescription, specifications: t.specifications, source: t.source }] : [];
  });
  if (!isUpdate) {
    await tx.productTranslation.createMany({ data: entries.map((e) => stamped<Prisma.ProductTranslationCreateManyInput>({ productId, ...e })) });
    return;
  }
  await tx.productTranslation.deleteMany({ where: { productId, locale: { notIn: entries.map((e) => e.locale) } } });
  for (const { locale, ...content } of entries) {
    await tx.productTranslation.upsert({
      where: { productId_locale: { productId, locale } },
      create: stamped<Prisma.ProductTranslationUncheckedCreateInput>({ productId, locale, ...content }),
      update: content,
    });
  }
}

async function writeVariants(tx: ScopedTx, productId: string, input: ProductInput, isUpdate: boolean) {
  const rows = input.variants.map((v, position) => ({
    sku: v.sku,
    voltage: v.voltage || null,
    plugType: v.plugType || null,
    color: v.color || null,
    colorNames: v.colorNames ?? {},
    capacity: v.capacity || null,
    netWeightG: v.netWeightG,
    grossWeightG: v.grossWeightG,
    lengthMm: v.lengthMm,
    widthMm: v.widthMm,
    heightMm: v.heightMm,
    position,
  }));
  let fresh = rows;
  if (isUpdate) {
    // A SKU left out is deleted, unless the warehouses hold (or expect) stock of it: that history must stay.
    const removed = await tx.productVariant.findMany({ where: { productId, sku: { notIn: rows.map((r) => r.sku) } }, select: { id: true, sku: true } });
    if (removed.length > 0) {
      const ids = removed.map((v) => v.id);
      const inUse = (await tx.stockBalance.findFirst({ where: { variantId: { in: ids } }, select: { variantId: true } })) ?? (await tx.inboundShipmentLine.findFirst({ where: { variantId: { in: ids } }, select: { variantId: true } }));
      if (inUse) throw new ProductSaveError("variant_in_stock", "variants", { sku: removed.find((v) => v.id === inUse.variantId)?.sku ?? "" });
      await tx.productVariant.deleteMany({ where: { productId, id: { in: ids } } });
    }
    const kept = new Map((await tx.productVariant.findMany({ where: { productId }, select: { id: true, sku: true } })).map((v) => [v.sku, v.id]));
    for (const row of rows) {
      const id = kept.get(row.sku);
      if (id) await tx.productVariant.update({ where: { id }, data: row });
    }
    fresh = rows.filter((r) => !kept.has(r.sku));
  }
  if (fresh.length > 0) await tx.productVariant.createMany({ data: fresh.map((r) => stamped<Prisma.ProductVariantCreateManyInput>({ productId, ...r })) });
}

/** The console's create: its own transaction, then the search index. Retries once if two drafts raced for a slug. */
export async function createProduct(scoped: ScopedDb, input: ProductInput, options: { userId?: string | null; rates?: RateTable } = {}) {
  const rates = options.rates ?? (await ratesAsOf());
  for (let attempt = 0; ; attempt++) {
    try {
      const saved = await scoped.$transaction(async (tx) => {
        const saved = await saveProduct(tx, input, { userId: options.userId, rates });
        await reindexProducts(tx, [saved.id]);
        return saved;
      }, PRODUCT_TRANSACTION);
      purgePublicPages();
      return saved;
    } catch (error) {
      if (!(error instanceof ProductSaveError && error.code === "slug_taken") || attempt > 0) throw error;
    }
  }
}

/** The console's update: its own transaction, then the search index. */
export async function updateProduct(scoped: ScopedDb, productId: string, input: ProductInput, options: { userId?: string | null; rates?: RateTable } = {}) {
  const rates = options.rates ?? (await ratesAsOf());
  const saved = await scoped.$transaction(async (tx) => {
    const saved = await saveProduct(tx, input, { productId, userId: options.userId, rates });
    await reindexProducts(tx, [saved.id]);
    return saved;
  }, PRODUCT_TRANSACTION);
  purgePublicPages();
  return saved;
}

const EDIT_INCLUDE = {
  translations: true,
  variants: { orderBy: { position: "asc" } },
  priceTiers: { orderBy: { minQuantity: "asc" } },
  certifications: { orderBy: { id: "asc" }, include: { scheme: { select: { code: true, name: true } } } },
  images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
  brand: { select: { id: true, name: true } },
  category: { select: { id: true, slug: true, names: true } },
} as const satisfies Prisma.ProductInclude;

export type EditableProduct = Prisma.ProductGetPayload<{ include: typeof EDIT_INCLUDE }>;

/** Everything the edit page shows; null for a product of another organization (or none). */
export async function getProductForEdit(scoped: ScopedDb, productId: string): Promise<EditableProduct | null> {
  return scoped.product.findUnique({ where: { id: productId }, include: EDIT_INCLUDE });
}

/** The ProductInput a saved product would be submitted as (duplicate, export). */
export function productToInput(product: EditableProduct): ProductInput {
  const translations: ProductInput["translations"] = {};
  for (const t of product.translations) {
    translations[t.locale] = {
      name: t.name,
      shortDescription: t.shortDescription,
      longDescription: t.longDescription,
      specifications: Array.isArray(t.specifications) ? (t.specifications as { label: string; value: string }[]) : [],
      source: t.source,
    };
  }
  return {
    categoryId: product.categoryId,
    brandId: product.brandId,
    sourceLocale: product.sourceLocale,
    originCountry: product.originCountry,
    hsCode: product.hsCode,
    hsCodeCn: product.hsCodeCn,
    unitOfSale: product.unitOfSale,
    packSize: product.packSize,
    moq: product.moq,
    currencyCode: product.currencyCode.trim() as ProductInput["currencyCode"],
    incoterm: product.incoterm,
    leadTimeDays: product.leadTimeDays,
    sampleAvailable: product.sampleAvailable,
    samplePriceMinor: product.samplePriceMinor,
    showStockQuantities: product.showStockQuantities,
    translations,
    variants: product.variants.map((v) => ({ sku: v.sku, voltage: v.voltage, plugType: v.plugType, color: v.color, colorNames: colorNamesInput(v.colorNames), capacity: v.capacity, netWeightG: v.netWeightG, grossWeightG: v.grossWeightG, lengthMm: v.lengthMm, widthMm: v.widthMm, heightMm: v.heightMm })),
    priceTiers: product.priceTiers.map((t) => ({ minQuantity: t.minQuantity, unitPriceMinor: t.unitPriceMinor })),
    certifications: product.certifications.map((c) => ({ schemeCode: c.schemeCode, number: c.number, expiresOn: c.expiresOn })),
  };
}

const SKU_MAX = 64;

/** "AC-12" → "AC-12-COPY", then "AC-12-COPY2"… : the first free SKU in the organization for each. */
async function copySkus(tx: ScopedTx, skus: string[]): Promise<string[]> {
  const result = new Map<string, string>();
  for (let n = 1; n <= 50 && result.size < skus.length; n++) {
    const suffix = n === 1 ? "-COPY" : `-COPY${n}`;
    const candidates = new Map(skus.filter((s) => !result.has(s)).map((s) => [s, s.slice(0, SKU_MAX - suffix.length) + suffix]));
    const taken = new Set((await tx.productVariant.findMany({ where: { sku: { in: [...candidates.values()] } }, select: { sku: true } })).map((v) => v.sku));
    const chosen = new Set(result.values());
    for (const [sku, candidate] of candidates) if (!taken.has(candidate) && !chosen.has(candidate)) result.set(sku, candidate);
  }
  return skus.map((s) => result.get(s) ?? `${s.slice(0, SKU_MAX - 7)}-${shortId(6).toUpperCase()}`);
}

/** A copy to edit into a sibling product: a DRAFT with the same content and images, new SKUs and slug. */
export async function duplicateProduct(scoped: ScopedDb, productId: string, options: { userId?: string | null } = {}): Promise<{ id: string; slug: string } | null> {
  const rates = await ratesAsOf();
  const copied: string[] = [];
  try {
    return await scoped.$transaction(async (tx) => {
      const product = await tx.product.findUnique({ where: { id: productId }, include: EDIT_INCLUDE });
      if (!product) return null;
      const input = productToInput(product);
      const newSkus = await copySkus(tx, input.variants.map((v) => v.sku));
      input.variants = input.variants.map((v, i) => ({ ...v, sku: newSkus[i]! }));
      const saved = await saveProduct(tx, input, { userId: options.userId, rates });
      await copyProductImages(tx, product.organizationId, product.images, saved.id, copied);
      await reindexProducts(tx, [saved.id]);
      return { id: saved.id, slug: saved.slug };
    }, PRODUCT_TRANSACTION);
  } catch (error) {
    // The files copied for a copy that was rolled back belong to nobody.
    await removeStoredImages(copied);
    throw error;
  }
}

export type PublishProblem = "unverified" | "source_incomplete" | "no_category" | "no_variant" | "no_tier" | "hs_code";

/** What a product may be published without, but only once the maker confirms it knows (item 14 of issue 13). */
export type PublishWarning = "no_photo" | "no_pt" | "no_es";

/** Buyers read listings in Portuguese and Spanish: a language counts when it has a name and a description. */
function hasText(t: { name: string; shortDescription: string; longDescription: string } | undefined): boolean {
  return Boolean(t && t.name.trim() && (t.shortDescription.trim() || t.longDescription.trim()));
}

/** What a publishable product lacks that buyers will miss: a photo, Portuguese text, Spanish text. */
export function publishWarnings(product: { translations: { locale: Lang; name: string; shortDescription: string; longDescription: string }[]; images: unknown[] }): PublishWarning[] {
  const warnings: PublishWarning[] = [];
  if (product.images.length === 0) warnings.push("no_photo");
  if (!hasText(product.translations.find((t) => t.locale === "pt"))) warnings.push("no_pt");
  if (!hasText(product.translations.find((t) => t.locale === "es"))) warnings.push("no_es");
  return warnings;
}

/**
 * Why a product cannot be published yet (empty: it can). `makerVerified`: whether the manufacturer is VERIFIED by the
 * platform (only verified manufacturers publish; drafts are fine before).
 */
export function publishProblems(product: Pick<EditableProduct, "sourceLocale" | "hsCode" | "hsCodeCn" | "translations"> & { categoryId: string | null; variants: unknown[]; priceTiers: unknown[] }, makerVerified = true): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (!makerVerified) problems.push("unverified");
  const translations = Object.fromEntries(product.translations.map((t) => [t.locale, toContent(t)]));
  if (!isSourceComplete(translations, product.sourceLocale)) problems.push("source_incomplete");
  // A draft may still lack its trade data: the category, HS code, variants and tiers are asked for here.
  if (!product.categoryId) problems.push("no_category");
  if (product.variants.length === 0) problems.push("no_variant");
  if (product.priceTiers.length === 0) problems.push("no_tier");
  if (!isValidHsCode(product.hsCode) || (product.hsCodeCn && !isValidChinaHsCode(product.hsCodeCn, product.hsCode))) problems.push("hs_code");
  return problems;
}

/** Whether the organization is a manufacturer the platform has verified (read through the tenant's own client). */
export async function isVerifiedMaker(scoped: ScopedDb | ScopedTx, organizationId: string): Promise<boolean> {
  const organization = await scoped.organization.findUnique({ where: { id: organizationId }, select: { verificationStatus: true } });
  return organization?.verificationStatus === "VERIFIED";
}

export type StatusChange =
  | { ok: true; status: ProductStatus }
  | { ok: false; problems: PublishProblem[] }
  /** Publishable, but missing what buyers will miss: publish again with `confirmed` once the maker has seen this. */
  | { ok: false; problems: []; needsConfirmation: PublishWarning[] };

/**
 * Publishes (when the manufacturer is verified, the source language is complete, with at least one variant and one
 * tier and a valid HS code; a product without a photo or without Portuguese and Spanish text only when `confirmed`) or
 * unpublishes a product. Null when the product is not this organization's.
 */
export async function setProductStatus(scoped: ScopedDb, productId: string, status: "PUBLISHED" | "UNPUBLISHED", options: { confirmed?: boolean } = {}): Promise<StatusChange | null> {
  const change = await scoped.$transaction(async (tx): Promise<StatusChange | null> => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: {
        id: true,
        organizationId: true,
        status: true,
        publishedAt: true,
        sourceLocale: true,
        categoryId: true,
        hsCode: true,
        hsCodeCn: true,
        translations: true,
        variants: { select: { id: true } },
        priceTiers: { select: { id: true } },
        images: { select: { id: true }, take: 1 },
      },
    });
    if (!product) return null;
    if (status === "PUBLISHED") {
      const problems = publishProblems(product, await isVerifiedMaker(tx, product.organizationId));
      if (problems.length > 0) return { ok: false, problems } as const;
      const warnings = publishWarnings(product);
      if (warnings.length > 0 && !options.confirmed) return { ok: false, problems: [], needsConfirmation: warnings } as const;
      await tx.product.update({ where: { id: productId }, data: { status, publishedAt: product.publishedAt ?? new Date() } });
    } else {
      // A draft that was never published stays a draft.
      if (product.status !== "PUBLISHED") return { ok: true, status: product.status } as const;
      await tx.product.update({ where: { id: productId }, data: { status } });
    }
    await reindexProducts(tx, [productId]);
    return { ok: true, status } as const;
  }, PRODUCT_TRANSACTION);
  if (change?.ok) purgePublicPages();
  return change;
}

function toContent(t: { name: string; shortDescription: string; longDescription: string; specifications: unknown; source: "HUMAN" | "MACHINE" }): TranslationContent {
  return { ...t, specifications: Array.isArray(t.specifications) ? (t.specifications as TranslationContent["specifications"]) : [] };
}

/** The product's completeness in every language, from its translation rows. */
export function completenessOf(product: { sourceLocale: Lang; translations: { locale: Lang; name: string; shortDescription: string; longDescription: string; specifications: unknown; source: "HUMAN" | "MACHINE" }[] }): LanguageCompleteness[] {
  return productCompleteness(Object.fromEntries(product.translations.map((t) => [t.locale, toContent(t)])), product.sourceLocale);
}

export interface ProductListFilters {
  lang: Lang;
  status?: ProductStatus | null;
  /** Part of a name (any language) or a SKU. */
  q?: string | null;
  page?: number;
  pageSize?: number;
}

export interface ProductListItem {
  id: string;
  slug: string;
  status: ProductStatus;
  name: string;
  /** The language `name` is in (the page's, else the source language). */
  nameLang: Lang;
  skus: string[];
  variantCount: number;
  imageKey: string | null;
  currencyCode: string;
  minUnitPriceMinor: bigint | null;
  updatedAt: Date;
  completeness: LanguageCompleteness[];
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%", not everything. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The organization's products, newest change first: a page of them, the total, filtered by status and text. */
export async function listOrganizationProducts(scoped: ScopedDb, filters: ProductListFilters): Promise<{ items: ProductListItem[]; total: number; page: number; pageCount: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(filters.pageSize ?? 20, 1), 100);
  const q = filters.q?.trim().slice(0, 100) ?? "";
  const pattern = likeLiteral(q);
  const where: Prisma.ProductWhereInput = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(q
      ? {
          OR: [
            { translations: { some: { name: { contains: pattern, mode: "insensitive" } } } },
            { variants: { some: { sku: { contains: pattern, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const total = await scoped.product.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(filters.page ?? 1), 1), pageCount);
  const rows = await scoped.product.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      slug: true,
      status: true,
      sourceLocale: true,
      currencyCode: true,
      minUnitPriceMinor: true,
      updatedAt: true,
      translations: { select: { locale: true, name: true, shortDescription: true, longDescription: true, specifications: true, source: true } },
      variants: { select: { sku: true }, orderBy: { position: "asc" }, take: 3 },
      images: { select: { storageKey: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], take: 1 },
      _count: { select: { variants: true } },
    },
  });
  const items = rows.map((row): ProductListItem => {
    const shown = row.translations.find((t) => t.locale === filters.lang && t.name) ?? row.translations.find((t) => t.locale === row.sourceLocale) ?? row.translations[0];
    return {
      id: row.id,
      slug: row.slug,
      status: row.status,
      name: shown?.name ?? "",
      nameLang: shown?.locale ?? row.sourceLocale,
      skus: row.variants.map((v) => v.sku),
      variantCount: row._count.variants,
      imageKey: row.images[0]?.storageKey ?? null,
      currencyCode: row.currencyCode.trim(),
      minUnitPriceMinor: row.minUnitPriceMinor,
      updatedAt: row.updatedAt,
      completeness: completenessOf(row),
    };
  });
  return { items, total, page, pageCount, pageSize };
}

/** How many products the organization has in each status (the dashboard and the list's filter). */
export async function countProductsByStatus(scoped: ScopedDb): Promise<Record<ProductStatus, number>> {
  const groups = await scoped.product.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<ProductStatus, number> = { DRAFT: 0, PUBLISHED: 0, UNPUBLISHED: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

export interface PriceChangeEntry {
  id: string;
  createdAt: Date;
  currencyCode: string;
  changedBy: string | null;
  before: TierSnapshot[];
  after: TierSnapshot[];
}

/** The product's price history, newest first (empty for a product of another organization). */
export async function listPriceChanges(scoped: ScopedDb, productId: string, options: { take?: number } = {}): Promise<PriceChangeEntry[]> {
  const rows = await scoped.priceChange.findMany({ where: { productId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.take ?? 50 });
  const userIds = [...new Set(rows.map((r) => r.changedById).filter((id): id is string => Boolean(id)))];
  const users = userIds.length ? await scoped.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  const snapshot = (value: unknown, currencyCode: string): TierSnapshot[] =>
    Array.isArray(value)
      ? value.map((t: { minQuantity: number; unitPriceMinor: string; currencyCode?: string }) => ({ minQuantity: Number(t.minQuantity), unitPriceMinor: String(t.unitPriceMinor), currencyCode: (t.currencyCode ?? currencyCode).trim() }))
      : [];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    currencyCode: r.currencyCode.trim(),
    changedBy: r.changedById ? (names.get(r.changedById) ?? null) : null,
    before: snapshot(r.tiersBefore, r.currencyCode.trim()),
    after: snapshot(r.tiersAfter, r.currencyCode.trim()),
  }));
}
