import { z } from "zod";
import { Incoterm, UnitOfSale } from "~/generated/prisma/enums";
import { LANGS } from "~/modules/i18n/config";
import { isValidChinaHsCode, isValidHsCode, normalizeHsCode } from "./hs-code";
import { checkTiers } from "./price-tiers";

/** Currencies a manufacturer prices in. */
export const PRICE_CURRENCIES = ["USD", "CNY"] as const;

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");

export const SpecificationSchema = z.object({ label: text(80).min(1, "validation.required"), value: text(200).min(1, "validation.required") });

export const TranslationInputSchema = z.object({
  name: text(160).min(2, "catalog.validation.nameRequired"),
  shortDescription: text(300).default(""),
  longDescription: text(8000).default(""),
  specifications: z.array(SpecificationSchema).max(40).default([]),
  source: z.enum(["HUMAN", "MACHINE"]).default("HUMAN"),
});
export type TranslationInput = z.infer<typeof TranslationInputSchema>;

const positiveInt = (max: number) => z.coerce.number().int("catalog.validation.wholeNumber").min(1, "catalog.validation.positive").max(max, "catalog.validation.tooLarge");

export const VariantInputSchema = z
  .object({
    sku: text(64).min(1, "validation.required").regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "catalog.validation.sku"),
    voltage: text(40).optional().nullable(),
    plugType: text(20).optional().nullable(),
    color: text(60).optional().nullable(),
    /** The colour in other languages; a language left out shows `color` as typed. */
    colorNames: z.partialRecord(z.enum(LANGS), text(60).min(1, "validation.required")).optional(),
    capacity: text(60).optional().nullable(),
    netWeightG: positiveInt(10_000_000),
    grossWeightG: positiveInt(10_000_000),
    lengthMm: positiveInt(100_000),
    widthMm: positiveInt(100_000),
    heightMm: positiveInt(100_000),
  })
  .refine((v) => v.grossWeightG >= v.netWeightG, { path: ["grossWeightG"], message: "catalog.validation.grossBelowNet" });
export type VariantInput = z.infer<typeof VariantInputSchema>;

export const PriceTierInputSchema = z.object({
  minQuantity: positiveInt(10_000_000),
  unitPriceMinor: z.coerce.bigint().positive("catalog.validation.positive"),
});

export const CertificationInputSchema = z.object({
  schemeCode: text(20).min(1, "validation.required"),
  number: text(80).min(1, "validation.required"),
  expiresOn: z.coerce.date().optional().nullable(),
});

const productFields = {
  categoryId: z.uuid("validation.required"),
  brandId: z.uuid().optional().nullable(),
  sourceLocale: z.enum(LANGS),
  originCountry: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "validation.country").default("CN"),
  hsCode: z.string().transform(normalizeHsCode).refine(isValidHsCode, "catalog.validation.hsCode"),
  hsCodeCn: z
    .string()
    .transform(normalizeHsCode)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  unitOfSale: z.enum(Object.values(UnitOfSale) as [UnitOfSale, ...UnitOfSale[]]).default("PIECE"),
  packSize: positiveInt(100_000),
  moq: positiveInt(10_000_000),
  currencyCode: z.enum(PRICE_CURRENCIES, "catalog.validation.currency"),
  incoterm: z.enum(Object.values(Incoterm) as [Incoterm, ...Incoterm[]]).default("FOB"),
  leadTimeDays: z.coerce.number().int("catalog.validation.wholeNumber").min(0, "catalog.validation.positive").max(365, "catalog.validation.tooLarge"),
  sampleAvailable: z.boolean().default(false),
  /** Buyers see stock quantities per warehouse (they always see availability); absent: left as it is. */
  showStockQuantities: z.boolean().optional(),
  samplePriceMinor: z.coerce.bigint().nonnegative().optional().nullable(),
  translations: z.partialRecord(z.enum(LANGS), TranslationInputSchema),
  variants: z.array(VariantInputSchema).min(1, "catalog.validation.variantRequired").max(200),
  priceTiers: z.array(PriceTierInputSchema).min(1, "catalog.validation.tierRequired").max(10),
  certifications: z.array(CertificationInputSchema).max(30).default([]),
};

type Checked = { sourceLocale: (typeof LANGS)[number]; translations: Partial<Record<string, unknown>>; hsCode: string; hsCodeCn?: string | null; priceTiers: { minQuantity: number; unitPriceMinor: bigint }[]; moq: number; variants: { sku: string }[]; sampleAvailable: boolean; samplePriceMinor?: bigint | null };

/** The rules between fields, for a product to publish and for a draft alike (on what the draft has). */
function checkProduct(p: Checked, ctx: z.RefinementCtx) {
  if (!p.translations[p.sourceLocale]) ctx.addIssue({ code: "custom", path: ["translations", p.sourceLocale, "name"], message: "catalog.validation.sourceTranslation" });
  if (p.hsCodeCn && (!p.hsCode || !isValidChinaHsCode(p.hsCodeCn, p.hsCode))) ctx.addIssue({ code: "custom", path: ["hsCodeCn"], message: "catalog.validation.hsCodeCn" });
  if (p.priceTiers.length > 0) {
    const tierProblem = checkTiers(p.priceTiers, p.moq);
    if (tierProblem) ctx.addIssue({ code: "custom", path: ["priceTiers"], message: `catalog.validation.tiers.${tierProblem}` });
  }
  const skus = p.variants.map((v) => v.sku.toUpperCase());
  if (new Set(skus).size !== skus.length) ctx.addIssue({ code: "custom", path: ["variants"], message: "catalog.validation.duplicateSku" });
  if (p.sampleAvailable && p.samplePriceMinor == null) ctx.addIssue({ code: "custom", path: ["samplePriceMinor"], message: "catalog.validation.samplePrice" });
}

/**
 * The canonical shape of a product, whoever sends it: the console's form, a CSV/XLSX import row group, an API.
 * Money is already in minor units of `currencyCode`; translations are keyed by language and the source
 * language must be present. This is what a product needs to be published (and what a published product is saved
 * with); a draft is DraftProductInputSchema.
 */
export const ProductInputSchema = z.object(productFields).superRefine(checkProduct);
export type ProductInput = z.infer<typeof ProductInputSchema>;

/**
 * Drafts are drafts: a name in one language is enough. The trade data (category, HS code, variants with their
 * weights and sizes, price tiers) may still be missing; what is given is checked as for publishing. Pack size, MOQ,
 * lead time and currency take the form's defaults (1, 1, 15 days, USD) when left empty. Publishing asks for the rest
 * (products.server.ts publishProblems).
 */
export const DraftProductInputSchema = z
  .object({
    ...productFields,
    categoryId: z.uuid("validation.required").nullable().default(null),
    hsCode: z
      .string()
      .transform(normalizeHsCode)
      .refine((v) => v === "" || isValidHsCode(v), "catalog.validation.hsCode")
      .default(""),
    packSize: positiveInt(100_000).default(1),
    moq: positiveInt(10_000_000).default(1),
    currencyCode: z.enum(PRICE_CURRENCIES, "catalog.validation.currency").default("USD"),
    leadTimeDays: z.coerce.number().int("catalog.validation.wholeNumber").min(0, "catalog.validation.positive").max(365, "catalog.validation.tooLarge").default(15),
    variants: z.array(VariantInputSchema).max(200),
    priceTiers: z.array(PriceTierInputSchema).max(10),
  })
  .superRefine((p, ctx) => {
    if (Object.keys(p.translations).length === 0) ctx.addIssue({ code: "custom", path: ["translations", p.sourceLocale, "name"], message: "catalog.validation.nameRequired" });
    checkProduct(p, ctx);
  });
export type DraftProductInput = z.infer<typeof DraftProductInputSchema>;
