import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed";
import { certificateExpiry, DEMO_CATALOG, demoProductInput, seedDemoCatalog } from "../../prisma/seed-demo-catalog";
import { Prisma } from "~/generated/prisma/client";
import { imageFolder } from "~/modules/catalog/images.server";
import { ProductInputSchema } from "~/modules/catalog/product-input";
import { getProductForEdit, productToInput } from "~/modules/catalog/products.server";
import { productSearchFilter } from "~/modules/catalog/search.server";
import { storage } from "~/modules/catalog/storage.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { LANGS, type Lang } from "~/modules/i18n/config";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let seededAt: Date;
const expected = DEMO_CATALOG.reduce((n, m) => n + m.products.length, 0);

beforeAll(async () => {
  database = await setupTestDatabase();
  seededAt = new Date();
  await seedDemoData({ onlyIfEmpty: false });
}, 240_000);
afterAll(() => database.cleanup());

/** Published products matching a buyer's search, best first (the search module's own fragments). */
async function search(q: string, lang: Lang): Promise<string[]> {
  const filter = await productSearchFilter(q, lang);
  if (!filter) return [];
  const rows = await unscopedDb.$queryRaw<{ slug: string }[]>(Prisma.sql`
    SELECT p.slug FROM "Product" p WHERE p.status = 'PUBLISHED' AND ${filter.match}
    ORDER BY ${filter.rank} DESC, p.slug LIMIT 50`);
  return rows.map((r) => r.slug);
}

describe("the demo catalog", () => {
  it("gives each demo manufacturer five or six published products, in four languages", async () => {
    const products = await unscopedDb.product.findMany({
      select: { id: true, status: true, publishedAt: true, organizationId: true, sourceLocale: true, translations: { select: { locale: true, name: true, shortDescription: true, longDescription: true, specifications: true } } },
    });
    expect(products).toHaveLength(expected);
    expect(expected).toBeGreaterThanOrEqual(30);
    for (const product of products) {
      expect(product.status).toBe("PUBLISHED");
      expect(product.publishedAt).not.toBeNull();
      expect(product.sourceLocale).toBe("zh");
      expect(product.translations.map((t) => t.locale).sort()).toEqual([...LANGS].sort());
      for (const t of product.translations) {
        // Chinese says in one character what takes the other languages a word.
        const scale = t.locale === "zh" ? 3 : 1;
        expect(t.name.length * scale).toBeGreaterThan(6);
        expect(t.shortDescription.length * scale).toBeGreaterThan(45);
        expect(t.longDescription.length * scale).toBeGreaterThan(120);
        expect((t.specifications as unknown[]).length).toBeGreaterThanOrEqual(3);
      }
    }
    const perMaker = new Map<string, number>();
    for (const p of products) perMaker.set(p.organizationId, (perMaker.get(p.organizationId) ?? 0) + 1);
    expect(perMaker.size).toBe(6);
    for (const n of perMaker.values()) expect(n === 5 || n === 6).toBe(true);
  });

  it("stores products that read back as valid product input, with variants, three tiers and pictures", async () => {
    const products = await unscopedDb.product.findMany({ select: { id: true, organizationId: true } });
    for (const { id, organizationId } of products) {
      const product = await getProductForEdit(forOrganization(organizationId), id);
      expect(product).not.toBeNull();
      const parsed = ProductInputSchema.safeParse(productToInput(product!));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(product!.variants.length).toBeGreaterThanOrEqual(1);
      expect(product!.variants.length).toBeLessThanOrEqual(4);
      expect(product!.priceTiers).toHaveLength(3);
      expect(product!.brand).not.toBeNull();
      expect(product!.hsCodeCn?.startsWith(product!.hsCode)).toBe(true);
      expect(product!.referencePriceUsdMinor).not.toBeNull();
      expect(product!.images.length).toBeGreaterThanOrEqual(1);
      for (const image of product!.images) {
        expect(image.contentType).toBe("image/png");
        expect(await storage().get(`${imageFolder(image.storageKey)}/w480.webp`)).not.toBeNull();
        const alt = image.alt as Record<string, string>;
        for (const lang of LANGS) expect(alt[lang]).toBeTruthy();
      }
    }
  });

  it("has certifications for the destination markets, with numbers and expiry dates", async () => {
    const certifications = await unscopedDb.productCertification.findMany({ select: { schemeCode: true, number: true, expiresOn: true } });
    const schemes = new Set(certifications.map((c) => c.schemeCode));
    for (const code of ["INMETRO", "ANATEL", "NOM", "IFT", "CE", "ROHS"]) expect(schemes.has(code)).toBe(true);
    // Every dated certificate is still valid months after the seeding, whenever the seeding happens.
    const dated = certifications.filter((c) => c.expiresOn);
    expect(dated.length).toBeGreaterThan(20);
    const threeMonthsOn = Date.UTC(seededAt.getUTCFullYear(), seededAt.getUTCMonth() + 4, 0); // end of the third month after
    for (const c of dated) expect(c.expiresOn!.getTime(), `${c.schemeCode} ${c.number}`).toBeGreaterThanOrEqual(threeMonthsOn);
  });

  it("moves the written certificate dates by the months between their writing (December 2026) and the seeding", async () => {
    expect(certificateExpiry("2028-11-30", new Date("2026-12-04T10:00:00Z"))).toEqual(new Date("2028-11-30T00:00:00Z"));
    expect(certificateExpiry("2028-11-30", new Date("2029-01-15T10:00:00Z"))).toEqual(new Date("2030-12-31T00:00:00Z"));
    expect(certificateExpiry("2028-02-29", new Date("2027-12-01T00:00:00Z"))).toEqual(new Date("2029-02-28T00:00:00Z"));
    expect(certificateExpiry("2027-06-15", new Date("2027-08-31T23:59:59Z"))).toEqual(new Date("2028-02-15T00:00:00Z"));
    // Seeded long after the dates were written (they were all before 2030): none has expired.
    const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
    for (const seededOn of [new Date("2028-12-01T00:00:00Z"), new Date("2031-07-19T12:00:00Z")]) {
      for (const product of DEMO_CATALOG.flatMap((m) => m.products)) {
        for (const c of demoProductInput(product, { categoryId: category.id, brandId: null }, seededOn).certifications) {
          if (c.expiresOn) expect(c.expiresOn.getTime(), `${product.name.en} ${c.schemeCode}`).toBeGreaterThan(seededOn.getTime());
        }
      }
    }
  });

  it("is findable in every language, by every product's name", async () => {
    const products = await unscopedDb.product.findMany({ select: { slug: true, translations: { select: { locale: true, name: true } } } });
    for (const product of products) {
      for (const t of product.translations) {
        const found = await search(t.name, t.locale);
        expect(found, `${t.locale}: ${t.name}`).toContain(product.slug);
      }
    }
  });

  it("answers the searches the catalog is known for", async () => {
    const names = async (q: string, lang: Lang) => {
      const slugs = await search(q, lang);
      const rows = await unscopedDb.productTranslation.findMany({ where: { product: { slug: { in: slugs } }, locale: lang }, select: { name: true } });
      return rows.map((r) => r.name);
    };
    expect(await names("cafeteira", "pt")).toContain("Cafeteira Elétrica 1,5 L com Jarra de Vidro");
    expect((await names("bateria", "pt")).filter((n) => n.includes("mAh")).length).toBeGreaterThanOrEqual(2);
    expect(await names("acondicionado", "es")).toContain("Aire Acondicionado Inverter Minisplit Frío y Calor");
    expect(await names("空调", "zh")).toContain("变频分体式壁挂空调 冷暖型");
    expect((await names("torneira", "pt")).length).toBeGreaterThanOrEqual(2);
    expect((await names("charger", "en")).some((n) => n.includes("GaN"))).toBe(true);
    expect((await names("smartwatch", "en")).some((n) => n.includes("W7"))).toBe(true);
    expect((await names("lâmpada led", "pt")).length).toBeGreaterThanOrEqual(2);
  });

  it("is idempotent: seeding again creates nothing", async () => {
    const before = await unscopedDb.product.count();
    const again = await seedDemoCatalog();
    expect(again.created).toEqual({});
    expect(again.skipped).toHaveLength(DEMO_CATALOG.length);
    expect(await unscopedDb.product.count()).toBe(before);
    expect(await unscopedDb.brand.count()).toBe(DEMO_CATALOG.length);
  });
});
