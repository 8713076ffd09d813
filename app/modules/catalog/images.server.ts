import { randomUUID } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { Prisma } from "~/generated/prisma/client";
import { forOrganization, type ScopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import type { ScopedTx } from "./products.server";
import { storage } from "./storage.server";

/**
 * Product images and brand logos: a JPEG, PNG or WebP of at most 8 MB, recognised by its bytes (not by the name
 * or the browser's word), decoded to prove it is a picture, and stored with WebP renditions 160, 480 and 1200 px
 * wide (never enlarged). Originals are kept for later renditions but never served.
 */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_IMAGES_PER_PRODUCT = 12;
export const MAX_FILES_PER_UPLOAD = 8;
/** What one upload request may carry: read with readMultipart, refused (413) as soon as a limit is passed. */
export const PRODUCT_IMAGE_UPLOAD = { maxFiles: MAX_FILES_PER_UPLOAD, maxFileBytes: MAX_IMAGE_BYTES, maxTotalBytes: MAX_FILES_PER_UPLOAD * MAX_IMAGE_BYTES + 1024 * 1024 };
/** A brand form: one logo and the brand's texts in four languages. */
export const BRAND_LOGO_UPLOAD = { maxFiles: 1, maxFileBytes: MAX_IMAGE_BYTES, maxTotalBytes: MAX_IMAGE_BYTES + 1024 * 1024 };
export const IMAGE_WIDTHS = [160, 480, 1200] as const;
export const LOGO_WIDTHS = [160, 480] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];
export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

/** Decoding bombs: a small file can claim a huge canvas. 40 megapixels is a large product photo. */
const MAX_PIXELS = 40_000_000;
const EXTENSION: Record<AcceptedImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
const SHARP_FORMAT: Record<AcceptedImageType, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp" };

export type ImageUploadErrorCode = "no_file" | "too_large" | "unsupported_type" | "unreadable" | "too_many_pixels" | "too_many_images" | "too_many_files";

export class ImageUploadError extends Error {
  readonly messageKey: string;
  constructor(
    readonly code: ImageUploadErrorCode,
    readonly fileName?: string,
  ) {
    super(`${code}${fileName ? `: ${fileName}` : ""}`);
    this.name = "ImageUploadError";
    this.messageKey = `console.images.errors.${code}`;
  }
}

/** The type of an image from its first bytes (magic numbers), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): AcceptedImageType | null {
  const at = (offset: number, signature: number[]) => signature.every((b, i) => bytes[offset + i] === b);
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (bytes.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (bytes.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "image/webp";
  return null;
}

export interface ProcessedImage {
  contentType: AcceptedImageType;
  width: number;
  height: number;
  bytes: number;
  original: Buffer;
  renditions: { width: number; data: Buffer }[];
}

/** Checks and decodes an upload, and renders its WebP thumbnails. Throws ImageUploadError. */
export async function processImage(data: Uint8Array, options: { widths?: readonly number[]; fileName?: string } = {}): Promise<ProcessedImage> {
  const fileName = options.fileName;
  if (data.byteLength === 0) throw new ImageUploadError("no_file", fileName);
  if (data.byteLength > MAX_IMAGE_BYTES) throw new ImageUploadError("too_large", fileName);
  const contentType = sniffImageType(data);
  if (!contentType) throw new ImageUploadError("unsupported_type", fileName);
  let metadata: Metadata;
  try {
    metadata = await sharp(data).metadata();
  } catch {
    throw new ImageUploadError("unreadable", fileName);
  }
  if (metadata.format !== SHARP_FORMAT[contentType] || !metadata.width || !metadata.height) throw new ImageUploadError("unreadable", fileName);
  if (metadata.width * metadata.height > MAX_PIXELS) throw new ImageUploadError("too_many_pixels", fileName);
  // EXIF orientations 5–8 turn the picture a quarter: what people see is the other way round.
  const turned = (metadata.orientation ?? 1) >= 5;
  const renditions: { width: number; data: Buffer }[] = [];
  try {
    for (const width of options.widths ?? IMAGE_WIDTHS) {
      const rendered = await sharp(data, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width, height: width, fit: "inside", withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      renditions.push({ width, data: rendered });
    }
  } catch {
    throw new ImageUploadError("unreadable", fileName);
  }
  return {
    contentType,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
    bytes: data.byteLength,
    original: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    renditions,
  };
}

/** The folder of an image (its original's key without the file name). */
export function imageFolder(storageKey: string): string {
  return storageKey.slice(0, storageKey.lastIndexOf("/"));
}

/** The public URL of an image's rendition (served by app/routes/media.$.tsx with long cache headers). */
export function imageUrl(storageKey: string, width: ImageWidth = 480): string {
  return `/media/${imageFolder(storageKey)}/w${width}.webp`;
}

async function storeImage(folder: string, image: ProcessedImage): Promise<string> {
  const originalKey = `${folder}/original.${EXTENSION[image.contentType]}`;
  await storage().put(originalKey, image.original);
  for (const rendition of image.renditions) await storage().put(`${folder}/w${rendition.width}.webp`, rendition.data);
  return originalKey;
}

/** Removes the stored files of images (folders), ignoring those already gone. */
export async function removeStoredImages(folders: readonly string[]) {
  for (const folder of folders) {
    try {
      await storage().deletePrefix(folder);
    } catch (error) {
      console.error("could not remove stored image", folder, error);
    }
  }
}

export interface UploadedFile {
  data: Uint8Array;
  name?: string;
}

/**
 * Adds images to the end of a product's gallery. Null when the product is not this organization's.
 * Every file is checked before any is stored: one bad file rejects the upload, naming the file.
 */
export async function addProductImages(scoped: ScopedDb, productId: string, files: readonly UploadedFile[], options: { alt?: Partial<Record<Lang, string>> } = {}): Promise<{ ids: string[] } | null> {
  const product = await scoped.product.findUnique({ where: { id: productId }, select: { id: true, organizationId: true, _count: { select: { images: true } } } });
  if (!product) return null;
  if (files.length === 0) throw new ImageUploadError("no_file");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new ImageUploadError("too_many_files");
  if (product._count.images + files.length > MAX_IMAGES_PER_PRODUCT) throw new ImageUploadError("too_many_images");
  const processed: ProcessedImage[] = [];
  for (const file of files) processed.push(await processImage(file.data, { fileName: file.name }));

  const alt = cleanAlt(options.alt ?? {});
  const folders: string[] = [];
  try {
    const rows: Prisma.ProductImageCreateManyInput[] = [];
    for (const image of processed) {
      const id = randomUUID();
      const folder = `products/${product.organizationId}/${product.id}/${id}`;
      folders.push(folder);
      const storageKey = await storeImage(folder, image);
      rows.push({ id, organizationId: product.organizationId, productId: product.id, storageKey, contentType: image.contentType, width: image.width, height: image.height, bytes: image.bytes, alt, position: 0 });
    }
    await scoped.$transaction(async (tx) => {
      const last = await tx.productImage.aggregate({ where: { productId }, _max: { position: true } });
      const start = (last._max.position ?? -1) + 1;
      await tx.productImage.createMany({ data: rows.map((row, i) => ({ ...row, position: start + i })) });
    });
    return { ids: rows.map((r) => r.id!) };
  } catch (error) {
    await removeStoredImages(folders);
    throw error;
  }
}

function cleanAlt(alt: Partial<Record<Lang, string>>): Partial<Record<Lang, string>> {
  const result: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const text = alt[lang]?.trim().slice(0, 200);
    if (text) result[lang] = text;
  }
  return result;
}

/** Sets an image's alt text in every language (empty clears one). False when there is no such image. */
export async function updateImageAlt(scoped: ScopedDb, productId: string, imageId: string, alt: Partial<Record<Lang, string>>): Promise<boolean> {
  const { count } = await scoped.productImage.updateMany({ where: { id: imageId, productId }, data: { alt: cleanAlt(alt) } });
  return count > 0;
}

/** Moves an image one place earlier or later in the gallery (the first is the product's main picture). */
export async function moveProductImage(scoped: ScopedDb, productId: string, imageId: string, direction: "up" | "down"): Promise<boolean> {
  return scoped.$transaction(async (tx) => {
    const images = await tx.productImage.findMany({ where: { productId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
    const index = images.findIndex((i) => i.id === imageId);
    if (index < 0) return false;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= images.length) return true;
    const order = images.map((i) => i.id);
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, id] of order.entries()) {
      if (images.find((i) => i.id === id)!.position !== position) await tx.productImage.updateMany({ where: { id, productId }, data: { position } });
    }
    return true;
  });
}

/** Deletes an image and its files. False when there is no such image. */
export async function deleteProductImage(scoped: ScopedDb, productId: string, imageId: string): Promise<boolean> {
  const image = await scoped.productImage.findFirst({ where: { id: imageId, productId }, select: { id: true, storageKey: true } });
  if (!image) return false;
  await scoped.productImage.deleteMany({ where: { id: image.id, productId } });
  await removeStoredImages([imageFolder(image.storageKey)]);
  return true;
}

/** Copies images (files and rows) to another product of the same organization; `copied` collects the new folders. */
export async function copyProductImages(
  tx: ScopedTx,
  organizationId: string,
  images: readonly { storageKey: string; contentType: string; width: number; height: number; bytes: number; position: number; alt: Prisma.JsonValue }[],
  toProductId: string,
  copied: string[],
): Promise<void> {
  if (images.length === 0) return;
  const rows: Prisma.ProductImageCreateManyInput[] = [];
  for (const image of images) {
    const id = randomUUID();
    const from = imageFolder(image.storageKey);
    const folder = `products/${organizationId}/${toProductId}/${id}`;
    copied.push(folder);
    const fileName = image.storageKey.slice(image.storageKey.lastIndexOf("/") + 1);
    await storage().copy(image.storageKey, `${folder}/${fileName}`);
    for (const width of IMAGE_WIDTHS) await storage().copy(`${from}/w${width}.webp`, `${folder}/w${width}.webp`);
    rows.push({ id, organizationId, productId: toProductId, storageKey: `${folder}/${fileName}`, contentType: image.contentType, width: image.width, height: image.height, bytes: image.bytes, position: image.position, alt: image.alt ?? {} });
  }
  await tx.productImage.createMany({ data: rows });
}

/** Stores a brand logo's renditions; returns its original's key (the caller saves it on the brand). */
export async function storeBrandLogo(organizationId: string, brandId: string, file: UploadedFile): Promise<string> {
  const image = await processImage(file.data, { widths: LOGO_WIDTHS, fileName: file.name });
  return storeImage(`brands/${organizationId}/${brandId}/${randomUUID()}`, image);
}

const RENDITION = /^w(\d+)\.webp$/;

/**
 * The stored file behind a /media/… path, when it is a rendition of an image of an existing product (or the logo
 * of an existing brand, or a storefront's hero image); null otherwise. The path's ids are checked against the database, scoped to the
 * organization it names.
 */
export async function resolveMedia(path: string): Promise<{ key: string; etag: string } | null> {
  const parts = path.split("/");
  if (parts.length !== 5) return null;
  const [kind, organizationId, ownerId, imageId, file] = parts as [string, string, string, string, string];
  const width = Number(RENDITION.exec(file)?.[1]);
  if (!isUuid(organizationId) || !isUuid(ownerId) || !isUuid(imageId)) return null;
  const folder = `${kind}/${organizationId}/${ownerId}/${imageId}`;
  const scoped = forOrganization(organizationId);
  if (kind === "products") {
    if (!(IMAGE_WIDTHS as readonly number[]).includes(width)) return null;
    const image = await scoped.productImage.findFirst({ where: { id: imageId, productId: ownerId }, select: { storageKey: true } });
    if (!image || imageFolder(image.storageKey) !== folder) return null;
  } else if (kind === "brands") {
    if (!(LOGO_WIDTHS as readonly number[]).includes(width)) return null;
    const brand = await scoped.brand.findFirst({ where: { id: ownerId, logoKey: { startsWith: `${folder}/` } }, select: { id: true } });
    if (!brand) return null;
  } else if (kind === "storefronts") {
    // A park storefront's hero image (app/modules/showrooms/storefronts.server.ts), same renditions as products.
    if (!(IMAGE_WIDTHS as readonly number[]).includes(width)) return null;
    const image = await scoped.storefrontImage.findFirst({ where: { id: imageId, storefrontId: ownerId }, select: { storageKey: true } });
    if (!image || imageFolder(image.storageKey) !== folder) return null;
  } else {
    return null;
  }
  return { key: `${folder}/${file}`, etag: `"${imageId}-w${width}"` };
}
