import { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import type { Lang } from "~/modules/i18n/config";
import { organizationDisplayName } from "~/modules/tenancy/display-name";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";

/**
 * Curated sections of a storefront: manufacturers and their products in the operator's order. Only manufacturers
 * whose participation is ACCEPTED may be added, and only their PUBLISHED products. Products are read as the public
 * catalog shows them (published rows, names), never written: the operator's scope refuses the Product model.
 */

export type SectionErrorCode = "notFound" | "notFeatured" | "productNotPublished" | "duplicate";
export class SectionError extends Error {
  constructor(readonly code: SectionErrorCode) {
    super(code);
    this.name = "SectionError";
  }
}

type Texts = Partial<Record<Lang, string>>;

/** Names of published products in one language (the reader's, else the product's source language), by id. */
export async function publishedProductNames(productIds: readonly string[], lang: Lang): Promise<Map<string, { name: string; slug: string; organizationId: string; moq: number; unit: string }>> {
  if (productIds.length === 0) return new Map();
  // Public catalog data (published products only), read across manufacturers like the catalog's pages.
  const rows = await unscopedDb.product.findMany({
    where: { id: { in: [...new Set(productIds)] }, status: "PUBLISHED" },
    select: { id: true, slug: true, organizationId: true, moq: true, unitOfSale: true, sourceLocale: true, translations: { where: { locale: { in: [lang, "en"] } }, select: { locale: true, name: true } } },
  });
  const sources = await unscopedDb.productTranslation.findMany({ where: { productId: { in: rows.map((r) => r.id) }, organizationId: { in: [...new Set(rows.map((r) => r.organizationId))] } }, select: { productId: true, locale: true, name: true } });
  return new Map(
    rows.map((r) => {
      const own = r.translations.find((t) => t.locale === lang) ?? sources.find((s) => s.productId === r.id && s.locale === r.sourceLocale) ?? r.translations[0];
      return [r.id, { name: own?.name ?? r.slug, slug: r.slug, organizationId: r.organizationId, moq: r.moq, unit: r.unitOfSale }];
    }),
  );
}

async function acceptedManufacturers(operator: OperatorDb, storefrontId: string) {
  const rows = await operator.storefrontParticipation.findMany({ where: { storefrontId, status: "ACCEPTED" }, select: { organizationId: true } });
  return new Set(rows.map((r) => r.organizationId));
}

export async function listSections(operator: OperatorDb, storefrontId: string, lang: Lang, languages: readonly string[]) {
  const sections = await operator.storefrontSection.findMany({
    where: { storefrontId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true, items: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, manufacturerOrganizationId: true, productId: true } } },
  });
  const accepted = await acceptedManufacturers(operator, storefrontId);
  const items = sections.flatMap((s) => s.items);
  const [products, organizations] = await Promise.all([
    publishedProductNames(items.flatMap((i) => (i.productId ? [i.productId] : [])), lang),
    unscopedDb.organization.findMany({ where: { id: { in: [...new Set(items.map((i) => i.manufacturerOrganizationId))] } }, select: { id: true, name: true, legalNameZh: true } }),
  ]);
  const orgName = new Map(organizations.map((o) => [o.id, organizationDisplayName(o, lang)]));
  return sections.map((section) => ({
    id: section.id,
    title: localized(section.title, lang, languages)?.value ?? "",
    titles: section.title as Texts,
    items: section.items.map((item) => {
      const product = item.productId ? products.get(item.productId) : null;
      return {
        id: item.id,
        manufacturerId: item.manufacturerOrganizationId,
        manufacturer: orgName.get(item.manufacturerOrganizationId) ?? "",
        productId: item.productId,
        product: product ? { name: product.name, slug: product.slug } : null,
        // What the public sees right now: the manufacturer featured and, for a product, still published.
        shown: accepted.has(item.manufacturerOrganizationId) && (!item.productId || Boolean(product)),
        hiddenBecause: !accepted.has(item.manufacturerOrganizationId) ? ("notFeatured" as const) : item.productId && !product ? ("unpublished" as const) : null,
      };
    }),
  }));
}

/** The accepted manufacturers of a storefront and their published products: what the operator may curate. */
export async function curatable(operator: OperatorDb, storefrontId: string, lang: Lang) {
  const accepted = [...(await acceptedManufacturers(operator, storefrontId))];
  if (accepted.length === 0) return [];
  const [organizations, products] = await Promise.all([
    unscopedDb.organization.findMany({ where: { id: { in: accepted } }, select: { id: true, name: true, legalNameZh: true }, orderBy: { name: "asc" } }),
    // Published products only (public catalog data).
    unscopedDb.product.findMany({ where: { organizationId: { in: accepted }, status: "PUBLISHED" }, orderBy: [{ publishedAt: "desc" }, { id: "asc" }], take: 500, select: { id: true } }),
  ]);
  const names = await publishedProductNames(products.map((p) => p.id), lang);
  return organizations.map((o) => ({
    id: o.id,
    name: organizationDisplayName(o, lang),
    products: products.flatMap((p) => {
      const product = names.get(p.id);
      return product && product.organizationId === o.id ? [{ id: p.id, name: product.name }] : [];
    }),
  }));
}

async function requireSection(operator: OperatorDb, storefrontId: string, sectionId: string) {
  const section = await operator.storefrontSection.findFirst({ where: { id: sectionId, storefrontId }, select: { id: true } });
  if (!section) throw new SectionError("notFound");
  return section;
}

export async function saveSection(operator: OperatorDb, storefrontId: string, input: { sectionId?: string; title: Texts }) {
  if (input.sectionId) {
    await requireSection(operator, storefrontId, input.sectionId);
    await operator.storefrontSection.updateMany({ where: { id: input.sectionId, storefrontId }, data: { title: input.title } });
  } else {
    const last = await operator.storefrontSection.aggregate({ where: { storefrontId }, _max: { position: true } });
    await operator.storefrontSection.create({ data: { storefrontId, title: input.title, position: (last._max.position ?? -1) + 1 } as Prisma.StorefrontSectionUncheckedCreateInput });
  }
  purgePublicPages();
}

export async function deleteSection(operator: OperatorDb, storefrontId: string, sectionId: string) {
  const { count } = await operator.storefrontSection.deleteMany({ where: { id: sectionId, storefrontId } });
  if (count === 0) throw new SectionError("notFound");
  purgePublicPages();
}

/** Swaps a row with its neighbour in `position` order; positions are renumbered 0..n-1 on the way. */
async function swap(rows: { id: string }[], id: string, direction: "up" | "down", write: (id: string, position: number) => Promise<unknown>) {
  const index = rows.findIndex((r) => r.id === id);
  if (index < 0) throw new SectionError("notFound");
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= rows.length) return;
  const order = rows.map((r) => r.id);
  [order[index], order[target]] = [order[target]!, order[index]!];
  for (const [position, rowId] of order.entries()) await write(rowId, position);
}

export async function moveSection(operator: OperatorDb, storefrontId: string, sectionId: string, direction: "up" | "down") {
  await operator.$transaction(async (tx) => {
    const rows = await tx.storefrontSection.findMany({ where: { storefrontId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    await swap(rows, sectionId, direction, (id, position) => tx.storefrontSection.updateMany({ where: { id, storefrontId }, data: { position } }));
  });
  purgePublicPages();
}

export async function addSectionItem(operator: OperatorDb, storefrontId: string, input: { sectionId: string; manufacturerId: string; productId: string | null }) {
  await requireSection(operator, storefrontId, input.sectionId);
  const accepted = await acceptedManufacturers(operator, storefrontId);
  if (!accepted.has(input.manufacturerId)) throw new SectionError("notFeatured");
  if (input.productId) {
    const product = (await publishedProductNames([input.productId], "en")).get(input.productId);
    if (!product || product.organizationId !== input.manufacturerId) throw new SectionError("productNotPublished");
  }
  const duplicate = await operator.storefrontSectionItem.findFirst({ where: { sectionId: input.sectionId, manufacturerOrganizationId: input.manufacturerId, productId: input.productId }, select: { id: true } });
  if (duplicate) throw new SectionError("duplicate");
  const last = await operator.storefrontSectionItem.aggregate({ where: { sectionId: input.sectionId }, _max: { position: true } });
  try {
    await operator.storefrontSectionItem.create({
      data: { sectionId: input.sectionId, manufacturerOrganizationId: input.manufacturerId, productId: input.productId, position: (last._max.position ?? -1) + 1 } as Prisma.StorefrontSectionItemUncheckedCreateInput,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SectionError("duplicate");
    throw error;
  }
  purgePublicPages();
}

export async function removeSectionItem(operator: OperatorDb, storefrontId: string, itemId: string) {
  const { count } = await operator.storefrontSectionItem.deleteMany({ where: { id: itemId, section: { storefrontId } } });
  if (count === 0) throw new SectionError("notFound");
  purgePublicPages();
}

export async function moveSectionItem(operator: OperatorDb, storefrontId: string, itemId: string, direction: "up" | "down") {
  const item = await operator.storefrontSectionItem.findFirst({ where: { id: itemId, section: { storefrontId } }, select: { sectionId: true } });
  if (!item) throw new SectionError("notFound");
  await operator.$transaction(async (tx) => {
    const rows = await tx.storefrontSectionItem.findMany({ where: { sectionId: item.sectionId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    await swap(rows, itemId, direction, (id, position) => tx.storefrontSectionItem.updateMany({ where: { id, sectionId: item.sectionId }, data: { position } }));
  });
  purgePublicPages();
}
