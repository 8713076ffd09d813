import { execSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrand, deleteBrand, listBrands, updateBrand } from "~/modules/catalog/brands.server";
import { addProductImages, deleteProductImage, ImageUploadError, imageFolder, MAX_IMAGE_BYTES, moveProductImage, resolveMedia, sniffImageType, updateImageAlt } from "~/modules/catalog/images.server";
import { ProductInputSchema, type ProductInput } from "~/modules/catalog/product-input";
import { parseProductForm, productToFormValues } from "~/modules/catalog/product-form.server";
import {
  countProductsByStatus,
  createProduct,
  duplicateProduct,
  getProductForEdit,
  listOrganizationProducts,
  listPriceChanges,
  ProductSaveError,
  saveProduct,
  setProductStatus,
  updateProduct,
} from "~/modules/catalog/products.server";
import { InvalidStorageKeyError, isValidStorageKey, LocalDiskStorage, storage } from "~/modules/catalog/storage.server";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { createHttpApp } from "~/server/http.server";
import ptCatalog from "../../locales/pt/catalog.json";
import ptConsole from "../../locales/pt/console.json";
import { withTestDatabase } from "../support/database";

withTestDatabase();

let makerA: { id: string; scoped: ScopedDb };
let makerB: { id: string; scoped: ScopedDb };
let userId: string;
let kitchen: string;
let lighting: string;

/** Verified by the platform: these tests are about the product rules, verification is tests/integration/trust-publish.test.ts. */
async function manufacturer(name: string) {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name, countryCode: "CN", verificationStatus: "VERIFIED", verifiedAt: new Date() } });
  return { id: org.id, scoped: forOrganization(org.id) };
}

beforeAll(async () => {
  makerA = await manufacturer("Maker A");
  makerB = await manufacturer("Maker B");
  userId = (await unscopedDb.user.create({ data: { email: "catalog-editor@test.ponte", name: "Chen Editor", passwordHash: "x" } })).id;
  kitchen = (await unscopedDb.category.findUniqueOrThrow({ where: { slug: "kitchen-appliances" } })).id;
  lighting = (await unscopedDb.category.findUniqueOrThrow({ where: { slug: "led-bulbs" } })).id;
});

let skuCounter = 0;
function uniqueSku(prefix = "AF") {
  skuCounter += 1;
  return `${prefix}-${Date.now().toString(36).toUpperCase()}-${skuCounter}`;
}

/** A valid product, written in Chinese with a Portuguese translation, priced in CNY in three tiers. */
function productInput(overrides: Partial<Record<keyof ProductInput, unknown>> = {}): ProductInput {
  return ProductInputSchema.parse({
    categoryId: kitchen,
    sourceLocale: "zh",
    hsCode: "8516.79",
    hsCodeCn: "8516790000",
    packSize: 4,
    moq: 100,
    currencyCode: "CNY",
    incoterm: "FOB",
    leadTimeDays: 20,
    translations: {
      zh: { name: "数字空气炸锅 3.5 升", shortDescription: "无油烹饪", longDescription: "不粘内胆，定时 60 分钟。", specifications: [{ label: "容量", value: "3.5 L" }] },
      pt: { name: "Fritadeira elétrica digital 3,5 L", shortDescription: "Sem óleo", longDescription: "Cesto antiaderente, timer de 60 minutos.", specifications: [{ label: "Capacidade", value: "3,5 L" }], source: "MACHINE" },
    },
    variants: [
      { sku: uniqueSku(), voltage: "127V", plugType: "N", color: "Preto", capacity: "3.5 L", netWeightG: 3800, grossWeightG: 4600, lengthMm: 360, widthMm: 320, heightMm: 380 },
      { sku: uniqueSku(), voltage: "220V", plugType: "N", color: "Preto", capacity: "3.5 L", netWeightG: 3800, grossWeightG: 4600, lengthMm: 360, widthMm: 320, heightMm: 380 },
    ],
    priceTiers: [
      { minQuantity: 100, unitPriceMinor: 18500n },
      { minQuantity: 500, unitPriceMinor: 17200n },
      { minQuantity: 2000, unitPriceMinor: 15900n },
    ],
    certifications: [{ schemeCode: "INMETRO", number: "007421/2025", expiresOn: new Date("2027-06-30") }],
    ...overrides,
  });
}

async function saveNew(scoped: ScopedDb, input: ProductInput) {
  return scoped.$transaction((tx) => saveProduct(tx, input, { userId }));
}

async function saveError(promise: Promise<unknown>): Promise<ProductSaveError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProductSaveError);
  return error as ProductSaveError;
}

async function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

describe("saveProduct", () => {
  it("creates a product with its translations, variants, tiers, certifications and denormalized prices", async () => {
    const input = productInput({ translations: { ...productInput().translations, en: { name: "Digital Air Fryer 3.5 L", shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" } } });
    const rates = await ratesAsOf();
    const saved = await makerA.scoped.$transaction((tx) => saveProduct(tx, input, { userId, rates }));
    expect(saved.created).toBe(true);
    expect(saved.slug).toBe("digital-air-fryer-3-5-l");

    const product = (await getProductForEdit(makerA.scoped, saved.id))!;
    expect(product.status).toBe("DRAFT");
    expect(product.organizationId).toBe(makerA.id);
    expect(product.hsCode).toBe("851679");
    expect(product.translations.map((t) => t.locale).sort()).toEqual(["en", "pt", "zh"]);
    expect(product.translations.find((t) => t.locale === "pt")!.source).toBe("MACHINE");
    expect(product.variants.map((v) => v.sku)).toEqual(input.variants.map((v) => v.sku));
    expect(product.priceTiers.map((t) => [t.minQuantity, t.unitPriceMinor])).toEqual([
      [100, 18500n],
      [500, 17200n],
      [2000, 15900n],
    ]);
    expect(product.certifications).toHaveLength(1);
    expect(product.minUnitPriceMinor).toBe(15900n);
    const usd = rates.convert({ amountMinor: 15900n, currency: rates.currency("CNY") }, "USD")!.money.amountMinor;
    expect(product.referencePriceUsdMinor).toBe(usd);
    expect(usd).toBeGreaterThan(2000n);
    expect(usd).toBeLessThan(2500n);

    // The first prices are history too: from nothing to the three tiers.
    const history = await listPriceChanges(makerA.scoped, saved.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ changedBy: "Chen Editor", currencyCode: "CNY", before: [] });
    expect(history[0]!.after.map((t) => t.unitPriceMinor)).toEqual(["18500", "17200", "15900"]);
  });

  it("updates in place: variants upserted by SKU, removed ones deleted, tiers history recorded only on a change", async () => {
    const input = productInput();
    const { id } = await saveNew(makerA.scoped, input);
    const before = (await getProductForEdit(makerA.scoped, id))!;
    const keptVariantId = before.variants.find((v) => v.sku === input.variants[0]!.sku)!.id;

    // Same prices, a variant less, a new one, English added and Portuguese dropped.
    const newSku = uniqueSku();
    const edited = productInput({
      translations: { zh: input.translations.zh, en: { name: "Air fryer", shortDescription: "Oil-free", longDescription: "Non-stick basket.", specifications: [], source: "HUMAN" } },
      variants: [{ ...input.variants[0]!, color: "Branco" }, { ...input.variants[1]!, sku: newSku }],
    });
    const result = await makerA.scoped.$transaction((tx) => saveProduct(tx, edited, { productId: id, userId }));
    expect(result).toEqual({ id, slug: before.slug, created: false });
    let after = (await getProductForEdit(makerA.scoped, id))!;
    expect(after.variants.map((v) => v.sku)).toEqual([input.variants[0]!.sku, newSku]);
    expect(after.variants[0]!.id).toBe(keptVariantId);
    expect(after.variants[0]!.color).toBe("Branco");
    expect(after.translations.map((t) => t.locale).sort()).toEqual(["en", "zh"]);
    expect(await listPriceChanges(makerA.scoped, id)).toHaveLength(1);

    // New tiers: one more history row, with before and after.
    const repriced = { ...edited, priceTiers: [{ minQuantity: 100, unitPriceMinor: 17900n }, { minQuantity: 1000, unitPriceMinor: 16000n }] };
    await updateProduct(makerA.scoped, id, repriced, { userId });
    const history = await listPriceChanges(makerA.scoped, id);
    expect(history).toHaveLength(2);
    expect(history[0]!.before.map((t) => [t.minQuantity, t.unitPriceMinor])).toEqual([
      [100, "18500"],
      [500, "17200"],
      [2000, "15900"],
    ]);
    expect(history[0]!.after.map((t) => [t.minQuantity, t.unitPriceMinor])).toEqual([
      [100, "17900"],
      [1000, "16000"],
    ]);
    after = (await getProductForEdit(makerA.scoped, id))!;
    expect(after.minUnitPriceMinor).toBe(16000n);

    // A change of currency alone is a price change.
    await updateProduct(makerA.scoped, id, { ...repriced, currencyCode: "USD" }, { userId });
    const latest = (await listPriceChanges(makerA.scoped, id))[0]!;
    expect(latest.currencyCode).toBe("USD");
    expect(latest.before[0]!.currencyCode).toBe("CNY");
    expect(latest.after[0]!.currencyCode).toBe("USD");
    expect((await getProductForEdit(makerA.scoped, id))!.referencePriceUsdMinor).toBe(16000n);
  });

  it("keeps SKUs unique within an organization, not across organizations", async () => {
    const first = productInput();
    await saveNew(makerA.scoped, first);
    const clash = productInput({ variants: [{ ...first.variants[1]! }] });
    const error = await saveError(saveNew(makerA.scoped, clash));
    expect(error.code).toBe("sku_taken");
    expect(error.field).toBe("variants.0.sku");
    expect(error.params.sku).toBe(first.variants[1]!.sku);
    expect(error.messageKey).toBe("console.saveErrors.sku_taken");
    // Another manufacturer may use the same SKU.
    const other = await saveNew(makerB.scoped, clash);
    expect(other.created).toBe(true);
  });

  it("checks what needs the database: category, own brand, certification schemes", async () => {
    const brandOfB = await createBrand(makerB.scoped, { name: "B Brand", story: {} });
    if (!brandOfB.ok) throw new Error("brand");
    expect((await saveError(saveNew(makerA.scoped, productInput({ brandId: brandOfB.id })))).code).toBe("brand_not_found");
    expect((await saveError(saveNew(makerA.scoped, productInput({ categoryId: "0190f5c2-0000-7000-8000-000000000000" })))).field).toBe("categoryId");
    const unknownScheme = await saveError(saveNew(makerA.scoped, productInput({ certifications: [{ schemeCode: "CE", number: "1" }, { schemeCode: "XYZ", number: "2" }] })));
    expect(unknownScheme).toMatchObject({ code: "certification_scheme_not_found", field: "certifications.1.schemeCode" });
    // Nothing of the rejected products was written.
    expect(await makerA.scoped.product.count({ where: { brandId: brandOfB.id } })).toBe(0);
  });

  it("gives readable, unique slugs: English name first, else the SKU and a short id", async () => {
    const english = { en: { name: "LED Bulb 9W E27", shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" as const } };
    const a = await saveNew(makerA.scoped, productInput({ categoryId: lighting, translations: { ...productInput().translations, ...english } }));
    const b = await saveNew(makerB.scoped, productInput({ categoryId: lighting, translations: { ...productInput().translations, ...english } }));
    expect(a.slug).toBe("led-bulb-9w-e27");
    expect(b.slug).toMatch(/^led-bulb-9w-e27-[a-z0-9]{6}$/);
    const chineseOnly = productInput({ translations: { zh: productInput().translations.zh } });
    const c = await saveNew(makerA.scoped, chineseOnly);
    expect(c.slug).toMatch(new RegExp(`^${chineseOnly.variants[0]!.sku.toLowerCase()}-[a-z0-9]{6}$`));
  });
});

describe("tenancy: a manufacturer cannot read or change another's product", () => {
  it("finds nothing, changes nothing, and says so", async () => {
    const { id } = await createProduct(makerA.scoped, productInput(), { userId });
    expect(await getProductForEdit(makerB.scoped, id)).toBeNull();
    expect(await setProductStatus(makerB.scoped, id, "PUBLISHED")).toBeNull();
    expect(await duplicateProduct(makerB.scoped, id)).toBeNull();
    expect(await listPriceChanges(makerB.scoped, id)).toEqual([]);
    expect(await addProductImages(makerB.scoped, id, [{ data: await png() }])).toBeNull();
    const error = await saveError(updateProduct(makerB.scoped, id, productInput(), { userId }));
    expect(error.code).toBe("product_not_found");
    const list = await listOrganizationProducts(makerB.scoped, { lang: "pt" });
    expect(list.items.some((i) => i.id === id)).toBe(false);
    const untouched = (await getProductForEdit(makerA.scoped, id))!;
    expect(untouched.status).toBe("DRAFT");
  });
});

describe("duplicate", () => {
  it("copies a product as a draft with -COPY SKUs, a new slug and its images", async () => {
    const input = productInput({ translations: { ...productInput().translations, en: { name: "Kettle 1.7 L", shortDescription: "Steel", longDescription: "Auto shut-off.", specifications: [], source: "HUMAN" } } });
    const original = await createProduct(makerA.scoped, input, { userId });
    await addProductImages(makerA.scoped, original.id, [{ data: await png(), name: "kettle.png" }], { alt: { pt: "Chaleira" } });
    await setProductStatus(makerA.scoped, original.id, "PUBLISHED", { confirmed: true });

    const copy = (await duplicateProduct(makerA.scoped, original.id, { userId }))!;
    expect(copy.id).not.toBe(original.id);
    expect(copy.slug).not.toBe(original.slug);
    const product = (await getProductForEdit(makerA.scoped, copy.id))!;
    expect(product.status).toBe("DRAFT");
    expect(product.publishedAt).toBeNull();
    expect(product.variants.map((v) => v.sku)).toEqual(input.variants.map((v) => `${v.sku}-COPY`));
    expect(product.translations).toHaveLength(3);
    expect(product.priceTiers).toHaveLength(3);
    expect(product.images).toHaveLength(1);
    expect(product.images[0]!.alt).toEqual({ pt: "Chaleira" });
    expect(imageFolder(product.images[0]!.storageKey)).toContain(copy.id);
    expect(await storage().get(`${imageFolder(product.images[0]!.storageKey)}/w480.webp`)).not.toBeNull();

    const second = (await duplicateProduct(makerA.scoped, original.id, { userId }))!;
    const skus = (await getProductForEdit(makerA.scoped, second.id))!.variants.map((v) => v.sku);
    expect(skus).toEqual(input.variants.map((v) => `${v.sku}-COPY2`));
  });
});

describe("publish and unpublish", () => {
  it("publishes only a complete source language with a variant, a tier and a valid HS code", async () => {
    const incomplete = productInput({ translations: { zh: { name: "吸尘器", shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" } } });
    const { id } = await createProduct(makerA.scoped, incomplete, { userId });
    expect(await setProductStatus(makerA.scoped, id, "PUBLISHED")).toEqual({ ok: false, problems: ["source_incomplete"] });

    await unscopedDb.product.update({ where: { id }, data: { hsCode: "990000" } });
    expect(await setProductStatus(makerA.scoped, id, "PUBLISHED")).toEqual({ ok: false, problems: ["source_incomplete", "hs_code"] });
    await unscopedDb.priceTier.deleteMany({ where: { productId: id, organizationId: makerA.id } });
    expect((await setProductStatus(makerA.scoped, id, "PUBLISHED"))!.ok).toBe(false);

    await updateProduct(makerA.scoped, id, productInput({ variants: incomplete.variants }), { userId });
    // No photo and no Spanish text: publishable once the maker confirms it.
    expect(await setProductStatus(makerA.scoped, id, "PUBLISHED")).toEqual({ ok: false, problems: [], needsConfirmation: ["no_photo", "no_es"] });
    const published = await setProductStatus(makerA.scoped, id, "PUBLISHED", { confirmed: true });
    expect(published).toEqual({ ok: true, status: "PUBLISHED" });
    const first = (await getProductForEdit(makerA.scoped, id))!;
    expect(first.publishedAt).toBeInstanceOf(Date);

    expect(await setProductStatus(makerA.scoped, id, "UNPUBLISHED")).toEqual({ ok: true, status: "UNPUBLISHED" });
    expect(await setProductStatus(makerA.scoped, id, "PUBLISHED", { confirmed: true })).toEqual({ ok: true, status: "PUBLISHED" });
    // Published again: the first publication date stays.
    expect((await getProductForEdit(makerA.scoped, id))!.publishedAt).toEqual(first.publishedAt);

    // Published products are in the search index as such (the indexer's published flag).
    const indexed = await unscopedDb.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ProductTranslation" WHERE "productId" = ${id}::uuid AND "searchVector" IS NOT NULL`;
    expect(indexed[0]!.n).toBeGreaterThan(0);
  });

  it("leaves a draft a draft when asked to unpublish it", async () => {
    const { id } = await createProduct(makerA.scoped, productInput(), { userId });
    expect(await setProductStatus(makerA.scoped, id, "UNPUBLISHED")).toEqual({ ok: true, status: "DRAFT" });
  });
});

describe("the organization's product list", () => {
  it("pages, filters by status, searches names and SKUs (wildcards taken literally) and reports completeness", async () => {
    const maker = await manufacturer("Maker List");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const input = productInput({
        variants: [{ ...productInput().variants[0]!, sku: `LIST-${i}-${uniqueSku("X")}` }],
        translations: { zh: { name: `电风扇 ${i} 号`, shortDescription: "静音", longDescription: "三档风速。", specifications: [], source: "HUMAN" }, pt: { name: i === 3 ? "Ventilador 50% silencioso" : `Ventilador ${i}`, shortDescription: "", longDescription: "", specifications: [], source: "HUMAN" } },
      });
      ids.push((await createProduct(maker.scoped, input, { userId })).id);
    }
    await setProductStatus(maker.scoped, ids[1]!, "PUBLISHED", { confirmed: true });

    const page1 = await listOrganizationProducts(maker.scoped, { lang: "pt", pageSize: 2 });
    expect(page1).toMatchObject({ total: 5, page: 1, pageCount: 3 });
    expect(page1.items).toHaveLength(2);
    const page3 = await listOrganizationProducts(maker.scoped, { lang: "pt", pageSize: 2, page: 99 });
    expect(page3.page).toBe(3);
    expect(page3.items).toHaveLength(1);

    const published = await listOrganizationProducts(maker.scoped, { lang: "pt", status: "PUBLISHED" });
    expect(published.items.map((i) => i.id)).toEqual([ids[1]]);

    const byName = await listOrganizationProducts(maker.scoped, { lang: "pt", q: "ventilador 2" });
    expect(byName.items.map((i) => i.name)).toEqual(["Ventilador 2"]);
    const bySku = await listOrganizationProducts(maker.scoped, { lang: "zh", q: "list-4-" });
    expect(bySku.items.map((i) => i.name)).toEqual(["电风扇 4 号"]);
    const literal = await listOrganizationProducts(maker.scoped, { lang: "pt", q: "50%" });
    expect(literal.items.map((i) => i.name)).toEqual(["Ventilador 50% silencioso"]);
    expect((await listOrganizationProducts(maker.scoped, { lang: "pt", q: "_" })).total).toBe(0);

    const item = byName.items[0]!;
    expect(item.nameLang).toBe("pt");
    expect(item.completeness.find((c) => c.lang === "zh")).toMatchObject({ state: "complete", percent: 100, isSource: true });
    expect(item.completeness.find((c) => c.lang === "pt")).toMatchObject({ state: "partial" });
    expect(item.completeness.find((c) => c.lang === "es")).toMatchObject({ state: "missing", percent: 0 });

    expect(await countProductsByStatus(maker.scoped)).toEqual({ DRAFT: 4, PUBLISHED: 1, UNPUBLISHED: 0 });
  });
});

describe("images", () => {
  it("stores sniffed JPEG/PNG/WebP uploads with 160/480/1200 WebP renditions, served only for existing products", async () => {
    const { id } = await createProduct(makerA.scoped, productInput(), { userId });
    const big = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#3366cc" } }).jpeg().toBuffer();
    expect(sniffImageType(big)).toBe("image/jpeg");
    const added = (await addProductImages(makerA.scoped, id, [{ data: big, name: "wide.jpg" }, { data: await png(), name: "small.png" }]))!;
    expect(added.ids).toHaveLength(2);
    const product = (await getProductForEdit(makerA.scoped, id))!;
    expect(product.images.map((i) => i.id)).toEqual(added.ids);
    const [wide, small] = product.images;
    expect(wide).toMatchObject({ contentType: "image/jpeg", width: 1600, height: 900, position: 0 });
    expect(small).toMatchObject({ contentType: "image/png", width: 64, height: 48, position: 1 });
    for (const width of [160, 480, 1200]) {
      const rendition = await storage().get(`${imageFolder(wide!.storageKey)}/w${width}.webp`);
      const meta = await sharp(rendition!).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBe(width);
    }
    // Never enlarged.
    expect((await sharp((await storage().get(`${imageFolder(small!.storageKey)}/w1200.webp`))!).metadata()).width).toBe(64);

    const mediaPath = `${imageFolder(wide!.storageKey)}/w480.webp`;
    expect(await resolveMedia(mediaPath)).toEqual({ key: mediaPath, etag: `"${wide!.id}-w480"` });
    expect(await resolveMedia(`${imageFolder(wide!.storageKey)}/original.jpg`)).toBeNull();
    expect(await resolveMedia(mediaPath.replace(makerA.id, makerB.id))).toBeNull();
    expect(await resolveMedia("products/../../etc/passwd")).toBeNull();

    expect(await updateImageAlt(makerA.scoped, id, small!.id, { pt: " Fritadeira preta ", zh: "黑色空气炸锅", es: "" })).toBe(true);
    expect(await moveProductImage(makerA.scoped, id, small!.id, "up")).toBe(true);
    const reordered = (await getProductForEdit(makerA.scoped, id))!.images;
    expect(reordered.map((i) => i.id)).toEqual([small!.id, wide!.id]);
    expect(reordered[0]!.alt).toEqual({ pt: "Fritadeira preta", zh: "黑色空气炸锅" });

    expect(await deleteProductImage(makerB.scoped, id, wide!.id)).toBe(false);
    expect(await deleteProductImage(makerA.scoped, id, wide!.id)).toBe(true);
    expect(await storage().get(mediaPath)).toBeNull();
    expect(await resolveMedia(mediaPath)).toBeNull();
  });

  it("rejects files that are not JPEG, PNG or WebP, unreadable ones and files over 8 MB, storing nothing", async () => {
    const { id } = await createProduct(makerA.scoped, productInput(), { userId });
    const reject = async (data: Uint8Array, code: string) => {
      const error = await addProductImages(makerA.scoped, id, [{ data: await png(), name: "fine.png" }, { data, name: "bad" }]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImageUploadError);
      expect((error as ImageUploadError).code).toBe(code);
      expect((error as ImageUploadError).fileName).toBe("bad");
    };
    await reject(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "unsupported_type");
    await reject(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).gif().toBuffer(), "unsupported_type");
    await reject(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]), "unreadable");
    const oversized = new Uint8Array(MAX_IMAGE_BYTES + 1);
    oversized.set([0xff, 0xd8, 0xff]);
    await reject(oversized, "too_large");
    expect((await getProductForEdit(makerA.scoped, id))!.images).toHaveLength(0);
  });
});

describe("storage keys", () => {
  it("accepts keys, never paths: traversal is impossible", async () => {
    for (const good of ["products/a/b/c/w480.webp", "brands/x/original.png", "a"]) expect(isValidStorageKey(good)).toBe(true);
    for (const bad of ["../x", "a/../b", "a/./b", "/etc/passwd", "a//b", "a\\b", "a/", ".hidden", "a/..", "", "a/b/c.", "C:/x"]) expect(isValidStorageKey(bad)).toBe(false);
    const disk = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), "ponte-storage-")));
    await expect(disk.put("../escape.txt", new Uint8Array([1]))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(disk.get("a/../../etc/passwd")).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await disk.put("x/y.bin", new Uint8Array([1, 2, 3]));
    expect(existsSync(path.join(disk.root, "x", "y.bin"))).toBe(true);
    expect([...(await disk.get("x/y.bin"))!]).toEqual([1, 2, 3]);
    expect(await disk.get("x/none.bin")).toBeNull();
    await disk.deletePrefix("x");
    expect(await disk.get("x/y.bin")).toBeNull();
  });
});

describe("brands", () => {
  it("creates, renames and deletes brands of one organization; products keep going without the brand", async () => {
    const created = await createBrand(makerA.scoped, { name: "Gree-Lux", story: { zh: "珠海家电品牌", pt: "Marca de eletrodomésticos de Zhuhai" } }, { data: await png(300, 120), name: "logo.png" });
    if (!created.ok) throw new Error("brand");
    expect(await createBrand(makerA.scoped, { name: "gree-lux", story: {} })).toEqual({ ok: false, error: "name_taken" });
    expect((await createBrand(makerB.scoped, { name: "Gree-Lux", story: {} })).ok).toBe(true);
    const [brand] = (await listBrands(makerA.scoped)).filter((b) => b.id === created.id);
    expect(brand).toMatchObject({ name: "Gree-Lux", slug: "gree-lux", story: { zh: "珠海家电品牌" } });
    expect(await resolveMedia(`${imageFolder(brand!.logoKey!)}/w160.webp`)).not.toBeNull();

    const { id } = await createProduct(makerA.scoped, productInput({ brandId: created.id }), { userId });
    expect(await updateBrand(makerB.scoped, created.id, { name: "Stolen", story: {} })).toBeNull();
    expect(await updateBrand(makerA.scoped, created.id, { name: "GreeLux Home", story: {} })).toEqual({ ok: true });
    expect(await deleteBrand(makerB.scoped, created.id)).toBe(false);
    expect(await deleteBrand(makerA.scoped, created.id)).toBe(true);
    expect((await getProductForEdit(makerA.scoped, id))!.brandId).toBeNull();
  });
});

describe("the console form", () => {
  function form(entries: Record<string, string>) {
    const data = new FormData();
    for (const [k, v] of Object.entries(entries)) data.set(k, v);
    return data;
  }
  const basics = () => ({
    categoryId: kitchen,
    sourceLocale: "zh",
    originCountry: "CN",
    hsCode: "8516.79",
    hsCodeCn: "",
    unitOfSale: "CARTON",
    packSize: "12",
    moq: "10",
    leadTimeDays: "15",
    incoterm: "EXW",
    currencyCode: "USD",
    "t.zh.name": "电热水壶",
    "t.zh.shortDescription": "1.7 升",
    "t.zh.longDescription": "自动断电。",
    "t.zh.spec.0.label": "容量",
    "t.zh.spec.0.value": "1.7 L",
    "t.zh.spec.1.label": "",
    "t.zh.spec.1.value": "",
    "t.pt.name": "Chaleira elétrica",
    "t.pt.machine": "on",
    "v.3.sku": "KT-17",
    "v.3.voltage": "127V",
    "v.3.netWeightG": "900",
    "v.3.grossWeightG": "1200",
    "v.3.lengthMm": "220",
    "v.3.widthMm": "160",
    "v.3.heightMm": "250",
    "v.7.sku": "",
    "tier.0.minQuantity": "10",
    "tier.0.unitPrice": "12,50",
    "tier.1.minQuantity": "100",
    "tier.1.unitPrice": "11.9",
    "tier.2.minQuantity": "",
    "tier.2.unitPrice": "",
    "cert.0.schemeCode": "INMETRO",
    "cert.0.number": "001/2026",
    "cert.0.expiresOn": "2028-01-31",
  });

  it("reads the flat form into a ProductInput: empty rows ignored, prices in minor units of the currency", () => {
    const parsed = parseProductForm(form(basics()), "pt");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.input.priceTiers).toEqual([
      { minQuantity: 10, unitPriceMinor: 1250n },
      { minQuantity: 100, unitPriceMinor: 1190n },
    ]);
    expect(parsed.input.variants).toHaveLength(1);
    expect(parsed.input.variants[0]).toMatchObject({ sku: "KT-17", voltage: "127V", plugType: null });
    expect(parsed.input.translations.zh!.specifications).toEqual([{ label: "容量", value: "1.7 L" }]);
    expect(parsed.input.translations.pt).toMatchObject({ name: "Chaleira elétrica", source: "MACHINE" });
    expect(parsed.input.translations.es).toBeUndefined();
    expect(parsed.input).toMatchObject({ hsCode: "851679", hsCodeCn: null, unitOfSale: "CARTON", incoterm: "EXW", sampleAvailable: false });
    expect(parsed.input.certifications[0]!.expiresOn).toEqual(new Date("2028-01-31T00:00:00Z"));
    expect(parsed.fieldFor("variants.0.sku")).toBe("v.3.sku");
  });

  it("refuses a well-shaped HS code that HS 2022 does not have (8517.12 is HS 2017)", () => {
    for (const hsCode of ["851712", "8539.50", "850000"]) {
      const parsed = parseProductForm(form({ ...basics(), hsCode }), "zh");
      if (parsed.ok) throw new Error(`${hsCode} should fail`);
      expect(parsed.fieldErrors).toEqual({ hsCode: "catalog.validation.hsCodeUnknown" });
    }
    expect(parseProductForm(form({ ...basics(), hsCode: "8516.60" }), "zh")).toMatchObject({ ok: true, input: { hsCode: "851660" } });
  });

  it("answers errors keyed by the form's own field names, in the user's language", () => {
    const parsed = parseProductForm(
      form({ ...basics(), hsCode: "12", "tier.1.unitPrice": "onze", "v.3.grossWeightG": "800", "t.zh.name": "", "t.zh.spec.1.label": "功率", "cert.0.expiresOn": "31/01/2028" }),
      "pt",
    );
    if (parsed.ok) throw new Error("should fail");
    expect(parsed.fieldErrors).toMatchObject({
      hsCode: "catalog.validation.hsCode",
      "tier.1.unitPrice": "console.form.invalidAmount",
      "v.3.grossWeightG": "catalog.validation.grossBelowNet",
      "t.zh.name": "catalog.validation.nameRequired",
      "t.zh.spec.1.value": "validation.required",
      "cert.0.expiresOn": "console.form.invalidDate",
    });
    expect(parsed.values["t.pt.name"]).toBe("Chaleira elétrica");
    const noRows = parseProductForm(form({ ...basics(), "v.3.sku": "", "v.3.voltage": "", "v.3.netWeightG": "", "v.3.grossWeightG": "", "v.3.lengthMm": "", "v.3.widthMm": "", "v.3.heightMm": "" }), "en");
    expect(noRows.ok ? null : noRows.fieldErrors.variants).toBe("catalog.validation.variantRequired");
  });

  it("reads a variant's colour in other languages, refuses one too long, and shows them again on edit", async () => {
    const named = parseProductForm(form({ ...basics(), "v.3.color": "黑色", "v.3.color.pt": " Preto ", "v.3.color.es": "Negro", "v.3.color.en": "" }), "zh");
    if (!named.ok) throw new Error(JSON.stringify(named.fieldErrors));
    expect(named.input.variants[0]).toMatchObject({ color: "黑色", colorNames: { pt: "Preto", es: "Negro" } });
    expect(named.input.variants[0]!.colorNames).not.toHaveProperty("en");
    const unnamed = parseProductForm(form(basics()), "zh");
    expect(unnamed.ok && unnamed.input.variants[0]!.colorNames).toBeUndefined();

    const tooLong = parseProductForm(form({ ...basics(), "v.3.color": "黑色", "v.3.color.pt": "P".repeat(61) }), "pt");
    if (tooLong.ok) throw new Error("should fail");
    expect(Object.keys(tooLong.fieldErrors)).toEqual(["v.3.color.pt"]);

    const input = productInput();
    input.variants[0]!.colorNames = { zh: "黑色", es: "Negro" };
    const { id } = await createProduct(makerA.scoped, input, { userId });
    const saved = (await getProductForEdit(makerA.scoped, id))!;
    expect(saved.variants[0]!.colorNames).toEqual({ zh: "黑色", es: "Negro" });
    expect(saved.variants[1]!.colorNames).toEqual({});
    const values = productToFormValues(saved);
    expect(values).toMatchObject({ "v.0.color": "Preto", "v.0.color.zh": "黑色", "v.0.color.es": "Negro" });
    expect(values).not.toHaveProperty("v.1.color.zh");
    const again = parseProductForm(form(values), "zh");
    if (!again.ok) throw new Error(JSON.stringify(again.fieldErrors));
    expect(again.input.variants.map((v) => v.colorNames)).toEqual([{ zh: "黑色", es: "Negro" }, undefined]);
  });

  it("round-trips a saved product through the form", async () => {
    const input = productInput({ sampleAvailable: true, samplePriceMinor: 2500n });
    const { id } = await createProduct(makerA.scoped, input, { userId });
    const values = productToFormValues((await getProductForEdit(makerA.scoped, id))!);
    expect(values["tier.0.unitPrice"]).toBe("185.00");
    expect(values.samplePrice).toBe("25.00");
    const parsed = parseProductForm(form(values), "zh");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.input).toEqual({ ...input, brandId: null });
  });
});

describe("the console's pages over HTTP (the built app)", () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    server = createServer(createHttpApp(build, { shuttingDown: false }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** What a signed-in browser sends: its session and CSRF cookies, and the form with the CSRF token. */
  async function browser(userId: string) {
    const session = (await createUserSession(userId, new Request(baseUrl))).split(";")[0]!;
    const csrf = newCsrfCookieValue();
    const cookie = `${session}; ponte_csrf=${encodeURIComponent(csrf)}`;
    return {
      get: (pathname: string) => fetch(baseUrl + pathname, { redirect: "manual", headers: { Cookie: cookie } }),
      post: (pathname: string, fields: Record<string, string>) =>
        fetch(baseUrl + pathname, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...fields, csrf: csrfTokenFromCookieHeader(cookie)! }).toString(),
        }),
    };
  }

  it("answers 404 for another manufacturer's product and for a buyer's organization; a rejected save keeps every value", async () => {
    const owner = (await unscopedDb.user.create({ data: { email: "owner-b@test.ponte", name: "Owner B", passwordHash: "x" } })).id;
    await unscopedDb.membership.create({ data: { organizationId: makerB.id, userId: owner, role: "OWNER" } });
    const buyer = await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Buyer", countryCode: "BR" } });
    await unscopedDb.membership.create({ data: { organizationId: buyer.id, userId: owner, role: "OWNER" } });
    const ofA = await createProduct(makerA.scoped, productInput(), { userId });
    const ofB = await createProduct(makerB.scoped, productInput(), { userId });
    const b = await browser(owner);
    const page = (product: string) => `/pt/orgs/${makerB.id}/products/${product}`;

    expect((await b.get(page(ofA.id))).status).toBe(404);
    expect((await b.get(page("not-a-uuid"))).status).toBe(404);
    expect((await b.post(page(ofA.id), { intent: "publish" })).status).toBe(404);
    expect((await b.post(page(ofA.id), { intent: "duplicate" })).status).toBe(404);
    const valuesOfA = productToFormValues((await getProductForEdit(makerA.scoped, ofA.id))!);
    expect((await b.post(page(ofA.id), { intent: "save", ...valuesOfA, "t.pt.name": "Hijacked" })).status).toBe(404);
    expect((await getProductForEdit(makerA.scoped, ofA.id))!.translations.find((t) => t.locale === "pt")!.name).not.toBe("Hijacked");
    expect((await b.get(`/pt/orgs/${buyer.id}/products`)).status).toBe(404);
    expect((await b.get(`/pt/orgs/${buyer.id}/brands`)).status).toBe(404);

    const own = await b.get(page(ofB.id));
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("185.00");
    const values = { ...productToFormValues((await getProductForEdit(makerB.scoped, ofB.id))!), hsCode: "12", "t.pt.name": "Fritadeira com nome novo" };
    const rejected = await b.post(page(ofB.id), { intent: "save", ...values });
    expect(rejected.status).toBe(400);
    const html = await rejected.text();
    expect(html).toContain(ptCatalog.validation.hsCode);
    expect(html).toContain(ptConsole.form.fixBelow);
    expect(html).toContain("Fritadeira com nome novo");

    const saved = await b.post(page(ofB.id), { intent: "save", ...values, hsCode: "851679" });
    expect(saved.status).toBe(200);
    expect((await getProductForEdit(makerB.scoped, ofB.id))!.translations.find((t) => t.locale === "pt")!.name).toBe("Fritadeira com nome novo");
  });

  it("serves renditions of existing images with long cache headers, and 404 for anything else", async () => {
    const { id } = await createProduct(makerA.scoped, productInput(), { userId });
    const [imageId] = (await addProductImages(makerA.scoped, id, [{ data: await png() }]))!.ids;
    const image = (await getProductForEdit(makerA.scoped, id))!.images.find((i) => i.id === imageId)!;
    const url = `${baseUrl}/media/${imageFolder(image.storageKey)}/w160.webp`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe("webp");
    expect((await fetch(url, { headers: { "If-None-Match": response.headers.get("ETag")! } })).status).toBe(304);
    for (const bad of [url.replace("w160", "w999"), url.replace("w160.webp", "original.png"), `${baseUrl}/media/products/x/y/z/w160.webp`, `${baseUrl}/media/..%2F..%2Fetc%2Fpasswd`, `${baseUrl}/media/`]) {
      expect((await fetch(bad)).status).toBe(404);
    }
    await deleteProductImage(makerA.scoped, id, imageId!);
    expect((await fetch(url)).status).toBe(404);
  });
});
