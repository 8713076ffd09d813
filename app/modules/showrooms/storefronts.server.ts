import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { Locale, StorefrontStatus } from "~/generated/prisma/enums";
import { ImageUploadError, imageFolder, imageUrl, processImage, removeStoredImages, type UploadedFile } from "~/modules/catalog/images.server";
import { storage } from "~/modules/catalog/storage.server";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { parseOpeningHours } from "./event-times";
import { boothsOutside } from "./hall-plan";
import { localized } from "./localized-text";
import type { OperatorDb } from "./operator-scope.server";
import { openingHoursFromForm, perLanguage, type StorefrontForm } from "./storefront-schemas";

/**
 * The operator's storefronts: list, create, edit, hero images, publish / unpublish / archive. Every read and write
 * goes through the operator's scope (operator-scope.server.ts); a change the public sees purges the page cache.
 *
 * Publishing asks for a name and a hero title in every language the storefront is presented in, and at least one
 * manufacturer that has accepted (an online hall with nobody in it helps no visitor). Unpublishing takes it off the
 * public pages at once (a draft again); archiving keeps its history (events, leads, traffic) out of the console's list.
 */

export type StorefrontAction = "publish" | "unpublish" | "archive" | "restore";
export type PublishProblem = { kind: "name" | "heroTitle"; lang: Lang } | { kind: "noManufacturer" };

export class StorefrontError extends Error {
  constructor(
    readonly code: "slugTaken" | "planTooSmall" | "notAllowed" | "publishProblems",
    readonly detail: { booths?: string[]; problems?: PublishProblem[] } = {},
  ) {
    super(code);
    this.name = "StorefrontError";
  }
}

const HERO_IMAGE_LIMIT = 8;
type Texts = Partial<Record<Lang, string>>;

export function texts(value: unknown): Texts {
  const source = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const out: Texts = {};
  for (const lang of LANGS) if (typeof source[lang] === "string" && (source[lang] as string).trim()) out[lang] = (source[lang] as string).trim();
  return out;
}

export async function listStorefronts(operator: OperatorDb, lang: Lang, options: { archived?: boolean } = {}) {
  const rows = await operator.storefront.findMany({
    where: options.archived ? { status: "ARCHIVED" } : { status: { not: "ARCHIVED" } },
    orderBy: [{ status: "asc" }, { updatedAt: "desc" }],
    select: { id: true, slug: true, status: true, languages: true, name: true, city: true, updatedAt: true, publishedAt: true, _count: { select: { booths: true, sections: true, events: true } } },
  });
  const ids = rows.map((r) => r.id);
  const [participations, upcoming] = await Promise.all([
    ids.length ? operator.storefrontParticipation.groupBy({ by: ["storefrontId", "status"], where: { storefrontId: { in: ids } }, _count: { _all: true } }) : [],
    ids.length ? operator.showroomEvent.groupBy({ by: ["storefrontId"], where: { storefrontId: { in: ids }, status: "SCHEDULED", endsAt: { gt: new Date() } }, _count: { _all: true } }) : [],
  ]);
  const count = (storefrontId: string, status: string) => participations.find((p) => p.storefrontId === storefrontId && p.status === status)?._count._all ?? 0;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    status: row.status,
    languages: row.languages,
    name: localized(row.name, lang, row.languages)?.value ?? row.slug,
    city: row.city,
    updatedAt: row.updatedAt.toISOString(),
    booths: row._count.booths,
    sections: row._count.sections,
    accepted: count(row.id, "ACCEPTED"),
    invited: count(row.id, "INVITED"),
    upcomingEvents: upcoming.find((u) => u.storefrontId === row.id)?._count._all ?? 0,
  }));
}

function storefrontData(form: StorefrontForm) {
  return {
    slug: form.slug,
    languages: form.languages as Locale[],
    name: perLanguage(form, "name"),
    heroTitle: perLanguage(form, "heroTitle"),
    heroText: perLanguage(form, "heroText"),
    addressLine1: form.addressLine1,
    city: form.city,
    countryCode: form.countryCode,
    postalCode: form.postalCode || null,
    timeZone: form.timeZone,
    openingHours: openingHoursFromForm(form) as unknown as Prisma.InputJsonValue,
    planWidth: form.planWidth,
    planHeight: form.planHeight,
  };
}

function isSlugClash(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createStorefront(operator: OperatorDb, form: StorefrontForm): Promise<{ id: string }> {
  try {
    // organizationId is stamped by the scope.
    return await operator.storefront.create({ data: storefrontData(form) as Prisma.StorefrontUncheckedCreateInput, select: { id: true } });
  } catch (error) {
    if (isSlugClash(error)) throw new StorefrontError("slugTaken");
    throw error;
  }
}

export async function updateStorefront(operator: OperatorDb, id: string, form: StorefrontForm): Promise<void> {
  const booths = await operator.storefrontBooth.findMany({ where: { storefrontId: id }, select: { id: true, code: true, x: true, y: true, width: true, height: true } });
  const cut = boothsOutside(booths, { width: form.planWidth, height: form.planHeight });
  if (cut.length) throw new StorefrontError("planTooSmall", { booths: cut });
  try {
    const { count } = await operator.storefront.updateMany({ where: { id }, data: storefrontData(form) });
    if (count === 0) throw new StorefrontError("notAllowed");
  } catch (error) {
    if (isSlugClash(error)) throw new StorefrontError("slugTaken");
    throw error;
  }
  purgePublicPages();
}

/** What stops a storefront from being published (empty: it may be). */
export async function publishProblems(operator: OperatorDb, storefront: { id: string; languages: readonly string[]; name: unknown; heroTitle: unknown }): Promise<PublishProblem[]> {
  const problems: PublishProblem[] = [];
  const name = texts(storefront.name);
  const heroTitle = texts(storefront.heroTitle);
  for (const lang of storefront.languages as Lang[]) {
    if (!name[lang]) problems.push({ kind: "name", lang });
    if (!heroTitle[lang]) problems.push({ kind: "heroTitle", lang });
  }
  const accepted = await operator.storefrontParticipation.count({ where: { storefrontId: storefront.id, status: "ACCEPTED" } });
  if (accepted === 0) problems.push({ kind: "noManufacturer" });
  return problems;
}

const NEXT_STATUS: Record<StorefrontAction, { from: readonly StorefrontStatus[]; to: StorefrontStatus }> = {
  publish: { from: ["DRAFT"], to: "PUBLISHED" },
  unpublish: { from: ["PUBLISHED"], to: "DRAFT" },
  archive: { from: ["DRAFT", "PUBLISHED"], to: "ARCHIVED" },
  restore: { from: ["ARCHIVED"], to: "DRAFT" },
};

export async function changeStorefrontStatus(operator: OperatorDb, id: string, action: StorefrontAction): Promise<StorefrontStatus> {
  const storefront = await operator.storefront.findFirst({ where: { id }, select: { id: true, status: true, languages: true, name: true, heroTitle: true } });
  const rule = NEXT_STATUS[action];
  if (!storefront || !rule.from.includes(storefront.status)) throw new StorefrontError("notAllowed");
  if (action === "publish") {
    const problems = await publishProblems(operator, storefront);
    if (problems.length) throw new StorefrontError("publishProblems", { problems });
  }
  // The status is checked again in the write: two clicks in two tabs change it once.
  const { count } = await operator.storefront.updateMany({
    where: { id, status: storefront.status },
    data: { status: rule.to, ...(action === "publish" ? { publishedAt: new Date() } : {}) },
  });
  if (count === 0) throw new StorefrontError("notAllowed");
  purgePublicPages();
  return rule.to;
}

/** The edit form's values. */
export async function storefrontForEdit(operator: OperatorDb, id: string) {
  const row = await operator.storefront.findFirst({ where: { id }, include: { images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] } } });
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    languages: row.languages as Lang[],
    name: texts(row.name),
    heroTitle: texts(row.heroTitle),
    heroText: texts(row.heroText),
    addressLine1: row.addressLine1,
    city: row.city,
    countryCode: row.countryCode,
    postalCode: row.postalCode ?? "",
    timeZone: row.timeZone,
    openingHours: parseOpeningHours(row.openingHours),
    planWidth: row.planWidth,
    planHeight: row.planHeight,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    images: row.images.map((image) => ({ id: image.id, locale: image.locale as Lang | null, url: imageUrl(image.storageKey, 480), width: image.width, height: image.height, alt: texts(image.alt) })),
  };
}

// ─── Hero images ────────────────────────────────────────────────────────────────────────────────────────────────

/** Adds a hero image (for one language, or every language when `locale` is null); resized like product images. */
export async function addHeroImage(operator: OperatorDb, storefrontId: string, file: UploadedFile, options: { locale: Lang | null; alt: Texts }): Promise<{ id: string } | null> {
  const storefront = await operator.storefront.findFirst({ where: { id: storefrontId }, select: { id: true, organizationId: true, _count: { select: { images: true } } } });
  if (!storefront) return null;
  if (storefront._count.images >= HERO_IMAGE_LIMIT) throw new ImageUploadError("too_many_images");
  const image = await processImage(file.data, { fileName: file.name });
  const id = randomUUID();
  const folder = `storefronts/${storefront.organizationId}/${storefront.id}/${id}`;
  const extension = image.contentType === "image/jpeg" ? "jpg" : image.contentType === "image/png" ? "png" : "webp";
  try {
    const storageKey = `${folder}/original.${extension}`;
    await storage().put(storageKey, image.original);
    for (const rendition of image.renditions) await storage().put(`${folder}/w${rendition.width}.webp`, rendition.data);
    const last = await operator.storefrontImage.aggregate({ where: { storefrontId }, _max: { position: true } });
    await operator.storefrontImage.create({
      data: {
        id,
        storefrontId,
        locale: options.locale,
        storageKey,
        contentType: image.contentType,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        alt: options.alt,
        position: (last._max.position ?? -1) + 1,
      } as Prisma.StorefrontImageUncheckedCreateInput,
    });
  } catch (error) {
    await removeStoredImages([folder]);
    throw error;
  }
  purgePublicPages();
  return { id };
}

export async function deleteHeroImage(operator: OperatorDb, storefrontId: string, imageId: string): Promise<boolean> {
  const image = await operator.storefrontImage.findFirst({ where: { id: imageId, storefrontId }, select: { storageKey: true } });
  if (!image) return false;
  await operator.storefrontImage.deleteMany({ where: { id: imageId, storefrontId } });
  await removeStoredImages([imageFolder(image.storageKey)]);
  purgePublicPages();
  return true;
}
