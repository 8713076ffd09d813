import { Prisma } from "~/generated/prisma/client";
import type { Locale, ProductStatus, UnitOfSale } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import type { LedgerTx } from "~/modules/inventory/ledger.server";
import type { CatalogVariant } from "./cart.server";

interface CatalogRow {
  id: string;
  sku: string;
  voltage: string | null;
  plugType: string | null;
  color: string | null;
  colorNames: unknown;
  capacity: string | null;
  grossWeightG: number;
  productId: string;
  organizationId: string;
  slug: string;
  status: ProductStatus;
  moq: number;
  packSize: number;
  currencyCode: string;
  leadTimeDays: number;
  originCountry: string;
  hsCode: string;
  unitOfSale: UnitOfSale;
  sourceLocale: Locale;
  organizationName: string;
  translations: { locale: Locale; name: string }[];
  priceTiers: { minQuantity: number; unitPriceMinor: string }[];
}

/**
 * Variants by id with their product, its names, price tiers (ascending) and manufacturer's name; any status (the
 * caller decides what a draft means). Every cart add, checkout page and placed checkout reads this: one statement
 * instead of the five a nested Prisma select sends (variant, product, names, tiers, manufacturer), which were a fifth
 * of a checkout's statements. Catalog rows are public (published products of every manufacturer), hence unscoped;
 * inside a transaction pass its client.
 */
export async function catalogVariants(variantIds: string[], client: Pick<LedgerTx, "$queryRaw"> = unscopedDb): Promise<Map<string, CatalogVariant>> {
  // Ids come from forms and stored lines; one that is not a uuid names nothing (and must not reach a ::uuid cast).
  const ids = [...new Set(variantIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await client.$queryRaw<CatalogRow[]>`
    SELECT v."id", v."sku", v."voltage", v."plugType", v."color", v."colorNames", v."capacity", v."grossWeightG",
           p."id" AS "productId", p."organizationId", p."slug", p."status"::text AS "status", p."moq", p."packSize",
           p."currencyCode", p."leadTimeDays", p."originCountry", p."hsCode", p."unitOfSale"::text AS "unitOfSale",
           p."sourceLocale"::text AS "sourceLocale", o."name" AS "organizationName",
           COALESCE((SELECT json_agg(json_build_object('locale', t."locale", 'name', t."name") ORDER BY t."id")
                       FROM "ProductTranslation" t WHERE t."productId" = p."id"), '[]'::json) AS "translations",
           COALESCE((SELECT json_agg(json_build_object('minQuantity', pt."minQuantity", 'unitPriceMinor', pt."unitPriceMinor"::text) ORDER BY pt."minQuantity")
                       FROM "PriceTier" pt WHERE pt."productId" = p."id"), '[]'::json) AS "priceTiers"
      FROM "ProductVariant" v
      JOIN "Product" p ON p."id" = v."productId"
      JOIN "Organization" o ON o."id" = p."organizationId"
     WHERE v."id" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        sku: r.sku,
        voltage: r.voltage,
        plugType: r.plugType,
        color: r.color,
        colorNames: r.colorNames,
        capacity: r.capacity,
        grossWeightG: r.grossWeightG,
        product: {
          id: r.productId,
          organizationId: r.organizationId,
          slug: r.slug,
          status: r.status,
          moq: r.moq,
          packSize: r.packSize,
          currencyCode: r.currencyCode,
          leadTimeDays: r.leadTimeDays,
          originCountry: r.originCountry,
          hsCode: r.hsCode,
          unitOfSale: r.unitOfSale,
          sourceLocale: r.sourceLocale,
          translations: r.translations,
          // Money stays exact: the tiers travel as text and become bigint here.
          priceTiers: r.priceTiers.map((tier) => ({ minQuantity: tier.minQuantity, unitPriceMinor: BigInt(tier.unitPriceMinor) })),
          organization: { name: r.organizationName },
        },
      } satisfies CatalogVariant,
    ]),
  );
}
