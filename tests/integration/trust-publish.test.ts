import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { addProductImages } from "~/modules/catalog/images.server";
import { ProductInputSchema, type ProductInput } from "~/modules/catalog/product-input";
import { createProduct, getProductForEdit, setProductStatus, updateProduct } from "~/modules/catalog/products.server";
import { parseProductForm } from "~/modules/catalog/product-form.server";
import { LocalDiskStorage, setStorage } from "~/modules/catalog/storage.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { decideVerification, submitVerificationDocuments } from "~/modules/tenancy/verification.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { completeFirst, whatsNew } from "~/modules/catalog/whats-new.server";
import { withTestDatabase } from "../support/database";

/** Publish rules of issue 13: only verified manufacturers publish (item 12); a photo and pt + es text, or a confirmation (item 14). */

withTestDatabase();

let uploads: string;
let kitchen: string;
let n = 0;

beforeAll(async () => {
  uploads = await mkdtemp(path.join(os.tmpdir(), "ponte-publish-"));
  setStorage(new LocalDiskStorage(uploads));
  kitchen = (await unscopedDb.category.findUniqueOrThrow({ where: { slug: "kitchen-appliances" } })).id;
});

afterAll(async () => {
  setStorage(undefined);
  await rm(uploads, { recursive: true, force: true });
});

async function maker(status: "UNVERIFIED" | "VERIFIED" | "PENDING" | "REJECTED") {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: `Publish maker ${++n}`, countryCode: "CN", verificationStatus: status, verifiedAt: status === "VERIFIED" ? new Date() : null } });
  return { id: org.id, scoped: forOrganization(org.id) };
}

const text = (name: string) => ({ name, shortDescription: `${name}: short`, longDescription: `${name}: long`, specifications: [], source: "HUMAN" as const });

function input(languages: ("zh" | "pt" | "es" | "en")[] = ["zh", "pt", "es"]): ProductInput {
  return ProductInputSchema.parse({
    categoryId: kitchen,
    sourceLocale: "zh",
    hsCode: "8516.79",
    packSize: 1,
    moq: 50,
    currencyCode: "USD",
    leadTimeDays: 20,
    translations: Object.fromEntries(languages.map((l) => [l, text(`Kettle ${l}`)])),
    variants: [{ sku: `PUB-${Date.now().toString(36)}-${++n}`, netWeightG: 900, grossWeightG: 1100, lengthMm: 200, widthMm: 150, heightMm: 250 }],
    priceTiers: [{ minQuantity: 50, unitPriceMinor: 1250n }],
  });
}

async function photo(scoped: ReturnType<typeof forOrganization>, productId: string) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
  await addProductImages(scoped, productId, [{ data: png, name: "kettle.png" }]);
}

describe("only verified manufacturers publish", () => {
  it("an unverified, pending or rejected maker saves drafts but is refused at publishing, with the reason", async () => {
    for (const status of ["UNVERIFIED", "PENDING", "REJECTED"] as const) {
      const m = await maker(status);
      const { id } = await createProduct(m.scoped, input());
      await photo(m.scoped, id);
      expect((await getProductForEdit(m.scoped, id))!.status).toBe("DRAFT");
      expect(await setProductStatus(m.scoped, id, "PUBLISHED", { confirmed: true })).toEqual({ ok: false, problems: ["unverified"] });
      expect((await getProductForEdit(m.scoped, id))!.status).toBe("DRAFT");
    }
  });

  it("a verified maker publishes; a maker verified through the desk publishes what it could not before", async () => {
    const verified = await maker("VERIFIED");
    const first = await createProduct(verified.scoped, input());
    await photo(verified.scoped, first.id);
    expect(await setProductStatus(verified.scoped, first.id, "PUBLISHED")).toEqual({ ok: true, status: "PUBLISHED" });

    const newcomer = await maker("UNVERIFIED");
    const owner = await unscopedDb.user.create({ data: { email: `owner-${n}@publish.test`, name: "Owner", passwordHash: "x" } });
    await unscopedDb.membership.create({ data: { organizationId: newcomer.id, userId: owner.id, role: "OWNER" } });
    const { id } = await createProduct(newcomer.scoped, input());
    await photo(newcomer.scoped, id);
    expect((await setProductStatus(newcomer.scoped, id, "PUBLISHED"))!.ok).toBe(false);
    await submitVerificationDocuments(newcomer.id, { userId: owner.id, name: owner.name }, "BUSINESS_LICENCE", [{ bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), ext: "pdf", name: "licence.pdf" }]);
    expect((await setProductStatus(newcomer.scoped, id, "PUBLISHED"))!.ok).toBe(false);
    await decideVerification(newcomer.id, { userId: owner.id, name: "Desk" }, "approve", null);
    expect(await setProductStatus(newcomer.scoped, id, "PUBLISHED")).toEqual({ ok: true, status: "PUBLISHED" });
  });
});

describe("publishing without a photo or without Portuguese and Spanish text needs a confirmation", () => {
  it("says what is missing, publishes nothing, and publishes on the confirmed second submit", async () => {
    const m = await maker("VERIFIED");
    const bare = await createProduct(m.scoped, input(["zh"]));
    expect(await setProductStatus(m.scoped, bare.id, "PUBLISHED")).toEqual({ ok: false, problems: [], needsConfirmation: ["no_photo", "no_pt", "no_es"] });
    expect((await getProductForEdit(m.scoped, bare.id))!.status).toBe("DRAFT");
    expect(await setProductStatus(m.scoped, bare.id, "PUBLISHED", { confirmed: true })).toEqual({ ok: true, status: "PUBLISHED" });

    const noSpanish = await createProduct(m.scoped, input(["zh", "pt"]));
    await photo(m.scoped, noSpanish.id);
    expect(await setProductStatus(m.scoped, noSpanish.id, "PUBLISHED")).toEqual({ ok: false, problems: [], needsConfirmation: ["no_es"] });

    // A name alone is not text a buyer can read: the description is needed too.
    const nameOnly = await createProduct(m.scoped, { ...input(["zh", "es"]), translations: { ...input(["zh", "es"]).translations, pt: { ...text("Chaleira"), shortDescription: "", longDescription: "" } } });
    await photo(m.scoped, nameOnly.id);
    expect(await setProductStatus(m.scoped, nameOnly.id, "PUBLISHED")).toEqual({ ok: false, problems: [], needsConfirmation: ["no_pt"] });

    const complete = await createProduct(m.scoped, input(["zh", "pt", "es"]));
    await photo(m.scoped, complete.id);
    expect(await setProductStatus(m.scoped, complete.id, "PUBLISHED")).toEqual({ ok: true, status: "PUBLISHED" });
  });
});

describe("what's new on the home page", () => {
  it("shows complete listings (photo, pt and es text) first, each group newest first", async () => {
    expect(completeFirst([1, 2, 3, 4, 5], (x) => x % 2 === 0)).toEqual([2, 4, 1, 3, 5]);
    const m = await maker("VERIFIED");
    const olderComplete = await createProduct(m.scoped, input(["zh", "pt", "es"]));
    await photo(m.scoped, olderComplete.id);
    await setProductStatus(m.scoped, olderComplete.id, "PUBLISHED");
    const newerWithoutPhoto = await createProduct(m.scoped, input(["zh", "pt", "es"]));
    await setProductStatus(m.scoped, newerWithoutPhoto.id, "PUBLISHED", { confirmed: true });
    const newestWithoutSpanish = await createProduct(m.scoped, input(["zh", "pt"]));
    await photo(m.scoped, newestWithoutSpanish.id);
    await setProductStatus(m.scoped, newestWithoutSpanish.id, "PUBLISHED", { confirmed: true });

    const rates = await ratesAsOf();
    const rows = await whatsNew({ lang: "pt", currency: rates.currency("USD"), rates, limit: 8 });
    const ids = rows.map((r) => r.id);
    expect(ids.indexOf(olderComplete.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(olderComplete.id)).toBeLessThan(ids.indexOf(newestWithoutSpanish.id));
    expect(ids.indexOf(newestWithoutSpanish.id)).toBeLessThan(ids.indexOf(newerWithoutPhoto.id));
    // No complete listing after an incomplete one.
    const complete = await Promise.all(
      rows.map(async (r) => {
        const p = (await getProductForEdit(forOrganization(r.organizationId), r.id))!;
        const has = (l: string) => p.translations.some((t) => t.locale === l && t.name && (t.shortDescription || t.longDescription));
        return p.images.length > 0 && has("pt") && has("es");
      }),
    );
    expect(complete).toEqual([...complete].sort((a, b) => Number(b) - Number(a)));
  });
});

describe("drafts are drafts", () => {
  const nameOnly = () => {
    const form = new FormData();
    form.set("sourceLocale", "pt");
    form.set("t.pt.name", "Chaleira elétrica 1,7 L");
    return form;
  };

  it("a draft is saved with only a name in one language; publishing asks for the trade data", async () => {
    const parsed = parseProductForm(nameOnly(), "pt", { draft: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.input).toMatchObject({ categoryId: null, hsCode: "", variants: [], priceTiers: [], currencyCode: "USD", moq: 1, packSize: 1 });
    const m = await maker("VERIFIED");
    const { id } = await createProduct(m.scoped, parsed.input);
    const draft = (await getProductForEdit(m.scoped, id))!;
    expect(draft).toMatchObject({ status: "DRAFT", categoryId: null, hsCode: "", minUnitPriceMinor: null });
    expect(draft.variants).toHaveLength(0);
    expect(await setProductStatus(m.scoped, id, "PUBLISHED", { confirmed: true })).toEqual({ ok: false, problems: ["source_incomplete", "no_category", "no_variant", "no_tier", "hs_code"] });
    // The database agrees: a published product has its category and HS code, whatever writes it.
    await expect(unscopedDb.product.update({ where: { id }, data: { status: "PUBLISHED", publishedAt: new Date() } })).rejects.toThrow();

    // Filled in later, it publishes.
    await updateProduct(m.scoped, id, { ...input(["zh", "pt", "es"]), sourceLocale: "zh" });
    expect(await setProductStatus(m.scoped, id, "PUBLISHED", { confirmed: true })).toEqual({ ok: true, status: "PUBLISHED" });
  });

  it("what a draft does give is still checked, and the full form (a published product) still needs everything", () => {
    const oldCode = nameOnly();
    oldCode.set("hsCode", "8517.12");
    const refusedCode = parseProductForm(oldCode, "pt", { draft: true });
    expect(refusedCode.ok ? null : refusedCode.fieldErrors.hsCode).toBe("catalog.validation.hsCodeUnknown");
    const halfVariant = nameOnly();
    halfVariant.set("v.0.sku", "KT-1");
    const refusedVariant = parseProductForm(halfVariant, "pt", { draft: true });
    expect(refusedVariant.ok ? [] : Object.keys(refusedVariant.fieldErrors)).toContain("v.0.netWeightG");
    const full = parseProductForm(nameOnly(), "pt");
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.fieldErrors).toMatchObject({ categoryId: expect.any(String), hsCode: expect.any(String), variants: "catalog.validation.variantRequired", tiers: "catalog.validation.tierRequired" });
  });
});
