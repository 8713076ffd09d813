import { randomBytes } from "node:crypto";
import slugify from "slugify";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { ScopedDb } from "~/modules/db/index.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { imageFolder, removeStoredImages, storeBrandLogo, type UploadedFile } from "./images.server";
import type { ScopedTx } from "./products.server";
import { reindexProducts } from "./search.server";

/** A manufacturer's brands: a name, a logo and the brand's story in each language. */
export const BrandInputSchema = z.object({
  name: z.string().trim().min(2, "validation.nameTooShort").max(80, "validation.tooLong"),
  story: z.partialRecord(z.enum(LANGS), z.string().trim().max(2000, "validation.tooLong")).default({}),
});
export type BrandInput = z.infer<typeof BrandInputSchema>;

export type BrandSaveError = "name_taken";

function cleanStory(story: BrandInput["story"]): Partial<Record<Lang, string>> {
  return Object.fromEntries(LANGS.flatMap((lang) => (story[lang] ? [[lang, story[lang]]] : [])));
}

function slugOf(name: string): string {
  return slugify(name, { lower: true, strict: true, trim: true }).slice(0, 60).replace(/-+$/g, "") || `brand-${randomBytes(3).toString("hex")}`;
}

export interface BrandListItem {
  id: string;
  name: string;
  slug: string;
  logoKey: string | null;
  story: Partial<Record<Lang, string>>;
  productCount: number;
}

export async function listBrands(scoped: ScopedDb): Promise<BrandListItem[]> {
  const brands = await scoped.brand.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true, slug: true, logoKey: true, story: true, _count: { select: { products: true } } } });
  return brands.map((b) => ({ id: b.id, name: b.name, slug: b.slug, logoKey: b.logoKey, story: (b.story ?? {}) as Partial<Record<Lang, string>>, productCount: b._count.products }));
}

/** Brand choices for the product form. */
export function brandOptions(scoped: ScopedDb) {
  return scoped.brand.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true } });
}

async function nameTaken(scoped: ScopedDb, name: string, exceptId?: string): Promise<boolean> {
  const same = await scoped.brand.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return Boolean(same);
}

async function freeSlug(scoped: ScopedDb, name: string, exceptId?: string): Promise<string> {
  const base = slugOf(name);
  const used = new Set((await scoped.brand.findMany({ where: { slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { slug: true } })).map((b) => b.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createBrand(scoped: ScopedDb, input: BrandInput, logo?: UploadedFile | null): Promise<{ ok: true; id: string } | { ok: false; error: BrandSaveError }> {
  if (await nameTaken(scoped, input.name)) return { ok: false, error: "name_taken" };
  const brand = await scoped.brand.create({
    data: { name: input.name, slug: await freeSlug(scoped, input.name), story: cleanStory(input.story) } as Prisma.BrandUncheckedCreateInput,
    select: { id: true, organizationId: true },
  });
  if (logo) await replaceLogo(scoped, brand.organizationId, brand.id, null, logo);
  return { ok: true, id: brand.id };
}

/** Null when the brand is not this organization's. */
export async function updateBrand(scoped: ScopedDb, brandId: string, input: BrandInput, logo?: UploadedFile | null): Promise<{ ok: true } | { ok: false; error: BrandSaveError } | null> {
  const brand = await scoped.brand.findUnique({ where: { id: brandId }, select: { id: true, organizationId: true, name: true, logoKey: true } });
  if (!brand) return null;
  if (await nameTaken(scoped, input.name, brandId)) return { ok: false, error: "name_taken" };
  // The logo is checked before the text changes, so that a rejected file changes nothing.
  if (logo) await replaceLogo(scoped, brand.organizationId, brand.id, brand.logoKey, logo);
  const renamed = brand.name !== input.name;
  const slug = renamed ? await freeSlug(scoped, input.name, brandId) : undefined;
  await scoped.$transaction(async (tx) => {
    await tx.brand.update({ where: { id: brandId }, data: { name: input.name, story: cleanStory(input.story), ...(slug ? { slug } : {}) } });
    // The brand's name is searchable with its products.
    if (renamed) await reindexBrandProducts(tx, brandId);
  });
  return { ok: true };
}

async function reindexBrandProducts(tx: ScopedTx, brandId: string) {
  const products = await tx.product.findMany({ where: { brandId }, select: { id: true } });
  if (products.length > 0) await reindexProducts(tx, products.map((p) => p.id));
}

async function replaceLogo(scoped: ScopedDb, organizationId: string, brandId: string, previousKey: string | null, logo: UploadedFile) {
  const logoKey = await storeBrandLogo(organizationId, brandId, logo);
  await scoped.brand.update({ where: { id: brandId }, data: { logoKey } });
  if (previousKey) await removeStoredImages([imageFolder(previousKey)]);
}

export async function removeBrandLogo(scoped: ScopedDb, brandId: string): Promise<boolean> {
  const brand = await scoped.brand.findUnique({ where: { id: brandId }, select: { logoKey: true } });
  if (!brand) return false;
  if (brand.logoKey) {
    await scoped.brand.update({ where: { id: brandId }, data: { logoKey: null } });
    await removeStoredImages([imageFolder(brand.logoKey)]);
  }
  return true;
}

/** Deletes a brand; its products stay, without a brand. False when there is no such brand. */
export async function deleteBrand(scoped: ScopedDb, brandId: string): Promise<boolean> {
  const brand = await scoped.brand.findUnique({ where: { id: brandId }, select: { id: true, logoKey: true } });
  if (!brand) return false;
  await scoped.$transaction(async (tx) => {
    const products = await tx.product.findMany({ where: { brandId }, select: { id: true } });
    await tx.brand.deleteMany({ where: { id: brandId } });
    if (products.length > 0) await reindexProducts(tx, products.map((p) => p.id));
  });
  if (brand.logoKey) await removeStoredImages([imageFolder(brand.logoKey)]);
  return true;
}
