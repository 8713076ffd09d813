import type { z } from "zod";
import { en, es, pt, zhCN } from "zod/locales";
import { unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { notFound } from "~/modules/http/responses.server";
import { isLang, LANGS, LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { schemeName } from "./reference-data";
import { requireOrganization, type OrganizationContext } from "~/modules/tenancy/access.server";
import { countryOptions } from "~/modules/tenancy/countries";
import { brandOptions } from "./brands.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { minorToDecimalInput, parseAmount } from "~/modules/money/money";
import { isKnownHsSubheading } from "./hs-nomenclature.server";
import { colorNamesInput, colorNamesOf } from "./variant-colour";
import { DraftProductInputSchema, ProductInputSchema, type DraftProductInput } from "./product-input";
import type { EditableProduct } from "./products.server";

/**
 * The console's product form, flat as HTML sends it, and its conversion to ProductInput:
 *
 *   categoryId, brandId, sourceLocale, originCountry, hsCode, hsCodeCn, unitOfSale, packSize, moq, leadTimeDays,
 *   incoterm, currencyCode, sampleAvailable ("on"), samplePrice (decimal),
 *   showStockQuantities ("off" from a hidden input, then "on" from the checkbox when ticked; absent: unchanged)
 *   t.<lang>.name | shortDescription | longDescription | machine ("on") | spec.<row>.label | spec.<row>.value
 *   v.<row>.sku | voltage | plugType | color | capacity | netWeightG | grossWeightG | lengthMm | widthMm | heightMm
 *   v.<row>.color.<lang> (the colour in that language; empty: the colour as typed)
 *   tier.<row>.minQuantity | unitPrice (decimal, in the product's currency)
 *   cert.<row>.schemeCode | number | expiresOn (YYYY-MM-DD)
 *
 * <row> is any number the page chose; rows left entirely empty are ignored. Errors come back keyed by these same
 * field names (and "variants", "tiers", "certifications", "t.<lang>.spec" for a whole section).
 */
export const VARIANT_FIELDS = ["sku", "voltage", "plugType", "color", "capacity", "netWeightG", "grossWeightG", "lengthMm", "widthMm", "heightMm"] as const;
export const TIER_FIELDS = ["minQuantity", "unitPrice"] as const;
export const CERT_FIELDS = ["schemeCode", "number", "expiresOn"] as const;
export const TEXT_FIELDS = ["name", "shortDescription", "longDescription"] as const;

const ZOD_LOCALES = { en: en(), es: es(), pt: pt(), zh: zhCN() } satisfies Record<Lang, { localeError: unknown }>;

export type FormValues = Record<string, string>;

/** The row numbers used under `prefix` ("v", "tier", "t.zh.spec"), in order. */
export function rowNumbers(values: FormValues, prefix: string): number[] {
  const rows = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d{1,4})\\.`);
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of form) if (typeof value === "string" && key !== "csrf") values[key] = value;
  return values;
}

const exponentOf = (currency: string) => CURRENCIES.find((c) => c.code === currency)?.exponent ?? 2;

export type ParsedProductForm =
  | { ok: true; input: DraftProductInput; values: FormValues; fieldFor: (inputPath: string) => string }
  | { ok: false; values: FormValues; fieldErrors: Record<string, string> };

/**
 * Reads the form into a valid ProductInput, or field errors (message keys, or zod's own text in `lang`) keyed by
 * form field name. `fieldFor` maps a ProductInput path ("variants.1.sku", from ProductSaveError) to its field.
 */
export function parseProductForm(form: FormData, lang: Lang, options: { draft?: boolean } = {}): ParsedProductForm {
  // A draft needs only a name (DraftProductInputSchema); a published product keeps all its trade data.
  const draft = options.draft ?? false;
  const values = formValues(form);
  const v = (key: string) => (values[key] ?? "").trim();
  const optional = (key: string) => v(key) || null;
  const errors: Record<string, string> = {};
  const currency = v("currencyCode");
  const exponent = exponentOf(currency);

  const translations: Record<string, unknown> = {};
  const specRows: Partial<Record<Lang, number[]>> = {};
  for (const l of LANGS) {
    const rows = rowNumbers(values, `t.${l}.spec`).filter((r) => v(`t.${l}.spec.${r}.label`) || v(`t.${l}.spec.${r}.value`));
    specRows[l] = rows;
    const written = TEXT_FIELDS.some((f) => v(`t.${l}.${f}`)) || rows.length > 0;
    if (!written) continue;
    translations[l] = {
      name: v(`t.${l}.name`),
      shortDescription: v(`t.${l}.shortDescription`),
      longDescription: (values[`t.${l}.longDescription`] ?? "").trim(),
      specifications: rows.map((r) => ({ label: v(`t.${l}.spec.${r}.label`), value: v(`t.${l}.spec.${r}.value`) })),
      source: values[`t.${l}.machine`] === "on" ? "MACHINE" : "HUMAN",
    };
  }

  const variantRows = rowNumbers(values, "v").filter((r) => VARIANT_FIELDS.some((f) => v(`v.${r}.${f}`)) || LANGS.some((l) => v(`v.${r}.color.${l}`)));
  const variants = variantRows.map((r) => ({
    sku: v(`v.${r}.sku`),
    voltage: optional(`v.${r}.voltage`),
    plugType: optional(`v.${r}.plugType`),
    color: optional(`v.${r}.color`),
    colorNames: colorNamesInput(Object.fromEntries(LANGS.map((l) => [l, v(`v.${r}.color.${l}`)]))),
    capacity: optional(`v.${r}.capacity`),
    netWeightG: v(`v.${r}.netWeightG`),
    grossWeightG: v(`v.${r}.grossWeightG`),
    lengthMm: v(`v.${r}.lengthMm`),
    widthMm: v(`v.${r}.widthMm`),
    heightMm: v(`v.${r}.heightMm`),
  }));

  /** A typed amount in minor units, or its error (translated here: the decimals message names the currency's). */
  const amount = (field: string, text: string): bigint | null => {
    const parsed = parseAmount(text, exponent);
    if (parsed.ok) return parsed.minor;
    errors[field] = parsed.problem === "decimals" ? serverT(lang)("console.form.amountDecimals", { decimals: exponent }) : "console.form.invalidAmount";
    return null;
  };

  const tierRows = rowNumbers(values, "tier").filter((r) => TIER_FIELDS.some((f) => v(`tier.${r}.${f}`)));
  const priceTiers = tierRows.map((r) => {
    const text = v(`tier.${r}.unitPrice`);
    if (!text) errors[`tier.${r}.unitPrice`] = "validation.required";
    const minor = text ? amount(`tier.${r}.unitPrice`, text) : null;
    return { minQuantity: v(`tier.${r}.minQuantity`), unitPriceMinor: minor ?? 1n };
  });

  const certRows = rowNumbers(values, "cert").filter((r) => CERT_FIELDS.some((f) => v(`cert.${r}.${f}`)));
  const certifications = certRows.map((r) => {
    const expires = v(`cert.${r}.expiresOn`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(expires) && !Number.isNaN(Date.parse(`${expires}T00:00:00Z`));
    if (expires && !valid) errors[`cert.${r}.expiresOn`] = "console.form.invalidDate";
    return { schemeCode: v(`cert.${r}.schemeCode`), number: v(`cert.${r}.number`), expiresOn: valid ? new Date(`${expires}T00:00:00Z`) : null };
  });

  const sampleAvailable = values.sampleAvailable === "on";
  const samplePriceText = v("samplePrice");
  let samplePriceMinor: bigint | null = null;
  if (samplePriceText) samplePriceMinor = amount("samplePrice", samplePriceText);

  const candidate = {
    categoryId: draft ? optional("categoryId") : v("categoryId"),
    brandId: optional("brandId"),
    sourceLocale: v("sourceLocale"),
    originCountry: v("originCountry") || "CN",
    hsCode: v("hsCode"),
    hsCodeCn: optional("hsCodeCn"),
    unitOfSale: v("unitOfSale") || undefined,
    packSize: v("packSize") || (draft ? undefined : ""),
    moq: v("moq") || (draft ? undefined : ""),
    currencyCode: currency || (draft ? undefined : ""),
    incoterm: v("incoterm") || undefined,
    leadTimeDays: v("leadTimeDays") || (draft ? undefined : ""),
    sampleAvailable,
    samplePriceMinor,
    showStockQuantities: values.showStockQuantities === "on" ? true : values.showStockQuantities === "off" ? false : undefined,
    translations,
    variants,
    priceTiers,
    certifications,
  };

  /** A path of ProductInput → the form field that holds it. */
  const fieldFor = (path: string): string => {
    const [head, second, third, fourth, fifth] = path.split(".");
    const row = (rows: number[], index: string | undefined) => rows[Number(index)] ?? 0;
    switch (head) {
      case "translations": {
        const l = second as Lang;
        if (third === "specifications") return fourth === undefined ? `t.${l}.spec` : `t.${l}.spec.${row(specRows[l] ?? [], fourth)}.${fifth ?? "label"}`;
        return third ? `t.${l}.${third}` : `t.${l}.name`;
      }
      case "variants":
        if (second !== undefined && third === "colorNames") return `v.${row(variantRows, second)}.color${fourth ? `.${fourth}` : ""}`;
        return second === undefined ? "variants" : `v.${row(variantRows, second)}.${third ?? "sku"}`;
      case "priceTiers":
        return second === undefined ? "tiers" : `tier.${row(tierRows, second)}.${third === "unitPriceMinor" ? "unitPrice" : (third ?? "minQuantity")}`;
      case "certifications":
        return second === undefined ? "certifications" : `cert.${row(certRows, second)}.${third ?? "schemeCode"}`;
      case "samplePriceMinor":
        return "samplePrice";
      default:
        return head || "_form";
    }
  };

  const unreadablePrice = Object.keys(errors).some((key) => key.startsWith("tier."));
  const result = (draft ? DraftProductInputSchema : ProductInputSchema).safeParse(candidate, { error: ZOD_LOCALES[lang].localeError as z.core.$ZodErrorMap });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldFor(issue.path.map(String).join("."));
      // Tier rules measured on a price that could not be read would mislead.
      if (field === "tiers" && unreadablePrice) continue;
      errors[field] ??= issue.message;
    }
  } else if (result.data.hsCode && !isKnownHsSubheading(result.data.hsCode)) {
    // The shape is right but HS 2022 has no such subheading (an HS 2017 code like 8517.12, or 8500.00).
    errors.hsCode ??= "catalog.validation.hsCodeUnknown";
  }
  if (Object.keys(errors).length > 0 || !result.success) {
    // With no rows at all, the section's own message says what is missing (a draft may have none yet).
    if (!draft && variants.length === 0) errors.variants ??= "catalog.validation.variantRequired";
    if (!draft && priceTiers.length === 0) errors.tiers ??= "catalog.validation.tierRequired";
    return { ok: false, values, fieldErrors: errors };
  }
  return { ok: true, input: result.data, values, fieldFor };
}

/** A saved product as the form's values (for the edit page, and for "start from a copy"). */
export function productToFormValues(product: EditableProduct): FormValues {
  const values: FormValues = {};
  const currency = product.currencyCode.trim();
  const exponent = exponentOf(currency);
  const set = (key: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") values[key] = String(value);
  };
  set("categoryId", product.categoryId);
  set("brandId", product.brandId);
  set("sourceLocale", product.sourceLocale);
  set("originCountry", product.originCountry);
  set("hsCode", product.hsCode);
  set("hsCodeCn", product.hsCodeCn);
  set("unitOfSale", product.unitOfSale);
  set("packSize", product.packSize);
  set("moq", product.moq);
  set("leadTimeDays", product.leadTimeDays);
  set("incoterm", product.incoterm);
  set("currencyCode", currency);
  if (product.sampleAvailable) values.sampleAvailable = "on";
  if (product.showStockQuantities) values.showStockQuantities = "on";
  if (product.samplePriceMinor !== null) set("samplePrice", minorToDecimalInput(product.samplePriceMinor, exponent));
  for (const t of product.translations) {
    set(`t.${t.locale}.name`, t.name);
    set(`t.${t.locale}.shortDescription`, t.shortDescription);
    set(`t.${t.locale}.longDescription`, t.longDescription);
    if (t.source === "MACHINE") values[`t.${t.locale}.machine`] = "on";
    const specs = Array.isArray(t.specifications) ? (t.specifications as { label?: string; value?: string }[]) : [];
    specs.forEach((s, i) => {
      set(`t.${t.locale}.spec.${i}.label`, s.label);
      set(`t.${t.locale}.spec.${i}.value`, s.value);
    });
  }
  product.variants.forEach((variant, i) => {
    for (const field of VARIANT_FIELDS) set(`v.${i}.${field}`, variant[field]);
    for (const [l, name] of Object.entries(colorNamesOf(variant.colorNames))) set(`v.${i}.color.${l}`, name);
  });
  product.priceTiers.forEach((tier, i) => {
    set(`tier.${i}.minQuantity`, tier.minQuantity);
    set(`tier.${i}.unitPrice`, minorToDecimalInput(tier.unitPriceMinor, exponent));
  });
  product.certifications.forEach((c, i) => {
    set(`cert.${i}.schemeCode`, c.schemeCode);
    set(`cert.${i}.number`, c.number);
    set(`cert.${i}.expiresOn`, c.expiresOn ? c.expiresOn.toISOString().slice(0, 10) : null);
  });
  return values;
}

/** The product pages' gate: a member of a MANUFACTURER organization; anyone else gets the 404 of a missing page. */
export async function requireManufacturer(request: Request, lang: Lang, organizationId: string | undefined): Promise<OrganizationContext> {
  const context = await requireOrganization(request, lang, organizationId, "organization:read");
  if (context.organization.kind !== "MANUFACTURER") notFound();
  return context;
}

/** The choices of the product form, in the page's language: category tree, brands, countries, schemes. */
export async function productFormOptions(scoped: ScopedDb, lang: Lang) {
  const [categories, brands, schemes] = await Promise.all([
    unscopedDb.category.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { id: true, parentId: true, names: true } }),
    brandOptions(scoped),
    unscopedDb.certificationScheme.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  const name = (names: unknown) => {
    const n = (names ?? {}) as Partial<Record<Lang, string>>;
    return n[lang] ?? n.en ?? "";
  };
  const collator = new Intl.Collator(LOCALE_TAGS[lang]);
  const roots = categories.filter((c) => !c.parentId);
  const groups = roots.map((root) => {
    const children = categories.filter((c) => c.parentId === root.id);
    // A branch without children is offered itself.
    const options = (children.length ? children : [root]).map((c) => ({ value: c.id, label: name(c.names) }));
    return { label: name(root.names), options };
  });
  return {
    categories: groups,
    brands: brands.map((b) => ({ value: b.id, label: b.name })),
    countries: countryOptions(lang),
    schemes: schemes.map((s) => ({ value: s.code, label: schemeName(serverT(lang), s) })).sort((a, b) => collator.compare(a.label, b.label)),
  };
}

/** The two languages shown side by side: `?left=zh&right=pt`, else the source language and the page's. */
export function initialColumns(url: URL, sourceLocale: Lang, pageLang: Lang): [Lang, Lang] {
  const left = url.searchParams.get("left");
  const right = url.searchParams.get("right");
  if (isLang(left) && isLang(right) && left !== right) return [left, right];
  const other = pageLang !== sourceLocale ? pageLang : sourceLocale === "pt" ? "zh" : "pt";
  return [sourceLocale, other];
}
