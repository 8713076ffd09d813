import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed";
import { readPublishedProduct } from "~/modules/catalog/product-page.server";
import { unscopedDb } from "~/modules/db/index.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * The product page reads a product and its relations in one statement (JSON sub-selects) instead of Prisma's include
 * (nine statements). On the demo catalog (PGlite, and the PostgreSQL server when TEST_DATABASE_URL is set), it reads
 * exactly what the include read: same values, same types (bigint money, Date times), same orders.
 */

let database: TestDatabase;

beforeAll(async () => {
  database = await setupTestDatabase();
  await seedDemoData({ onlyIfEmpty: false });
  // An expiry date and a product without a brand or sample price are in the demo; add what it may lack.
  const withCert = await unscopedDb.productCertification.findFirst({ select: { id: true } });
  if (withCert) await unscopedDb.productCertification.update({ where: { id: withCert.id }, data: { expiresOn: new Date("2027-03-31T00:00:00Z") } });
}, 240_000);
afterAll(() => database.cleanup());

it("reads every published demo product as Prisma's include did", async () => {
  const products = await unscopedDb.product.findMany({ where: { status: "PUBLISHED" }, select: { slug: true } });
  expect(products.length).toBeGreaterThan(20);
  let certified = 0;
  let imaged = 0;
  for (const { slug } of products) {
    const viaInclude = await unscopedDb.product.findFirst({
      where: { slug, status: "PUBLISHED" },
      include: {
        translations: { select: { locale: true, name: true, shortDescription: true, longDescription: true, specifications: true, source: true } },
        variants: { orderBy: [{ position: "asc" }, { sku: "asc" }] },
        priceTiers: { orderBy: { minQuantity: "asc" } },
        certifications: { include: { scheme: true }, orderBy: { schemeCode: "asc" } },
        images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
        brand: { select: { name: true } },
        organization: { select: { id: true, name: true, legalNameZh: true, city: true, countryCode: true, verificationStatus: true, createdAt: true } },
      },
    });
    const read = await readPublishedProduct(slug);
    expect(read).not.toBeNull();
    const p = viaInclude!;
    const r = read!;
    const { translations, variants, priceTiers, certifications, images, brand, organization, ...scalars } = r;
    for (const [key, value] of Object.entries(scalars)) expect([key, value]).toEqual([key, p[key as keyof typeof p]]);
    const byLocale = <T extends { locale: string }>(rows: T[]) => [...rows].sort((a, b) => a.locale.localeCompare(b.locale));
    expect(byLocale(translations)).toEqual(byLocale(p.translations));
    expect(variants).toEqual(p.variants.map((v) => ({ id: v.id, sku: v.sku, voltage: v.voltage, plugType: v.plugType, color: v.color, colorNames: v.colorNames, capacity: v.capacity, netWeightG: v.netWeightG, grossWeightG: v.grossWeightG, lengthMm: v.lengthMm, widthMm: v.widthMm, heightMm: v.heightMm })));
    expect(priceTiers).toEqual(p.priceTiers.map((t) => ({ minQuantity: t.minQuantity, unitPriceMinor: t.unitPriceMinor })));
    expect(typeof priceTiers[0]?.unitPriceMinor).toBe(p.priceTiers.length ? "bigint" : "undefined");
    expect(certifications).toEqual(p.certifications.map((c) => ({ schemeCode: c.schemeCode, number: c.number, expiresOn: c.expiresOn, scheme: { code: c.scheme.code, name: c.scheme.name, countryCodes: c.scheme.countryCodes } })));
    expect(images).toEqual(p.images.map((i) => ({ storageKey: i.storageKey, width: i.width, height: i.height, alt: i.alt })));
    expect(brand).toEqual(p.brand);
    expect(organization).toEqual(p.organization);
    if (certifications.some((c) => c.expiresOn)) certified++;
    if (images.length) imaged++;
  }
  // The comparison covered the interesting cases.
  expect(certified).toBeGreaterThan(0);
  expect(imaged).toBeGreaterThan(0);
  expect(await readPublishedProduct("no-such-product")).toBeNull();
});

it("does not read a product that is not published", async () => {
  const draft = await unscopedDb.product.findFirstOrThrow({ where: { status: "PUBLISHED" }, select: { id: true, slug: true } });
  await unscopedDb.product.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
  expect(await readPublishedProduct(draft.slug)).toBeNull();
  await unscopedDb.product.update({ where: { id: draft.id }, data: { status: "PUBLISHED" } });
});
