import { forOrganization } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";

/** A product's texts in one language, as the search tests write them. */
export type FixtureTranslation = { name: string; short?: string; long?: string; specs?: { label: string; value: string }[] };

export interface FixtureProduct {
  slug: string;
  brandId: string;
  categoryId: string;
  source: Lang;
  tr: Partial<Record<Lang, FixtureTranslation>>;
  status?: "PUBLISHED" | "DRAFT";
  hsCode?: string;
}

/**
 * A minimal sellable product of `organizationId` written through the scoped client: its translations, one price
 * tier (10 units at US$ 10.00) and, when `withVariant`, one SKU `<slug>-1`. Answers its id; indexing is the caller's.
 */
export async function createFixtureProduct(organizationId: string, seed: FixtureProduct, { withVariant = false } = {}): Promise<string> {
  const scoped = forOrganization(organizationId);
  const status = seed.status ?? "PUBLISHED";
  const product = await scoped.product.create({
    data: {
      slug: seed.slug,
      brandId: seed.brandId,
      categoryId: seed.categoryId,
      status,
      publishedAt: status === "DRAFT" ? null : new Date(),
      sourceLocale: seed.source,
      hsCode: seed.hsCode ?? "851660",
      currencyCode: "USD",
      minUnitPriceMinor: 1000n,
    } as never,
  });
  await scoped.productTranslation.createMany({
    data: Object.entries(seed.tr).map(([locale, tr]) => ({
      productId: product.id,
      locale: locale as Lang,
      name: tr!.name,
      shortDescription: tr!.short ?? "",
      longDescription: tr!.long ?? "",
      specifications: tr!.specs ?? [],
    })) as never,
  });
  await scoped.priceTier.create({ data: { productId: product.id, minQuantity: 10, unitPriceMinor: 1000n } as never });
  if (withVariant) {
    await scoped.productVariant.create({
      data: { productId: product.id, sku: `${seed.slug}-1`, netWeightG: 100, grossWeightG: 120, lengthMm: 10, widthMm: 10, heightMm: 10 } as never,
    });
  }
  return product.id;
}
