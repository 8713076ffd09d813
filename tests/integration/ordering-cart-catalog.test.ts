import { beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { catalogVariants } from "~/modules/ordering/cart-catalog.server";
import { VARIANT_SELECT } from "~/modules/ordering/cart.server";
import { seedDemoData } from "../../prisma/seed";
import { withTestDatabase } from "../support/database";

/**
 * The cart's catalog read is one hand-written statement (cart-catalog.server.ts); it must answer exactly what the
 * nested Prisma select it replaced answered, for every variant of the demo catalog (every language's names, every
 * tier, drafts too).
 */
withTestDatabase();

beforeAll(async () => {
  await seedDemoData({ onlyIfEmpty: false });
}, 300_000);


describe("catalogVariants (one statement)", () => {
  it("answers what the nested Prisma select answers, for every variant of the demo catalog", async () => {
    const draft = await unscopedDb.product.findFirstOrThrow({ select: { id: true } });
    await unscopedDb.product.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    const expected = await unscopedDb.productVariant.findMany({ select: VARIANT_SELECT, orderBy: { id: "asc" } });
    expect(expected.length).toBeGreaterThan(30);
    expect(expected.some((v) => v.product.status === "DRAFT")).toBe(true);
    const found = await catalogVariants(expected.map((v) => v.id));
    expect(found.size).toBe(expected.length);
    for (const variant of expected) expect(found.get(variant.id)).toEqual(variant);
    expect(expected.some((v) => v.product.priceTiers.length >= 3 && v.product.translations.length === 4)).toBe(true);
  });

  it("asks nothing for no ids, ignores duplicates and ids that are not there or not uuids", async () => {
    expect((await catalogVariants([])).size).toBe(0);
    const one = await unscopedDb.productVariant.findFirstOrThrow({ select: { id: true } });
    const found = await catalogVariants([one.id, one.id, "0190f5e4-0000-7000-8000-000000000000", "not-a-uuid"]);
    expect([...found.keys()]).toEqual([one.id]);
  });

  it("keeps tier prices exact beyond 2^53 minor units", async () => {
    const tier = await unscopedDb.priceTier.findFirstOrThrow({ select: { id: true, productId: true } });
    await unscopedDb.priceTier.update({ where: { id: tier.id }, data: { unitPriceMinor: 9_007_199_254_740_993n } });
    const variant = await unscopedDb.productVariant.findFirstOrThrow({ where: { productId: tier.productId }, select: { id: true } });
    const found = (await catalogVariants([variant.id])).get(variant.id)!;
    expect(found.product.priceTiers.map((t) => t.unitPriceMinor)).toContain(9_007_199_254_740_993n);
  });
});
