import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { ensureOriginLocation } from "~/modules/inventory/seed.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { addToCart, CartError, holdCart, presentCart, removeLine, updateLine, type BuyerContext } from "~/modules/ordering/cart.server";
import { checkoutFormSchema, placeOrders, prepareCheckout, type CheckoutInput } from "~/modules/ordering/checkout.server";
import { isValidBankReference, parseOrderNumber } from "~/modules/ordering/order-numbers";
import { quickOrder, reorder } from "~/modules/ordering/quick-order.server";
import { withTestDatabase } from "../support/database";

const database = withTestDatabase();

const tag = () => randomBytes(3).toString("hex").toUpperCase();
let gru: string;

async function manufacturer(name: string, withOrigin = true) {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: `${name} ${tag()}`, countryCode: "CN" } });
  if (withOrigin) await ensureOriginLocation(unscopedDb, org);
  return org.id;
}

async function buyer(name = "Casa"): Promise<BuyerContext> {
  const org = await unscopedDb.organization.create({
    data: { kind: "BUYER", name: `${name} ${tag()}`, countryCode: "BR", region: "SP", city: "São Paulo", addressLine1: "Av. Paulista, 1000", postalCode: "01310-100", taxId: "11.222.333/0001-81" },
  });
  const user = await unscopedDb.user.create({ data: { email: `buyer-${tag().toLowerCase()}@test.ponte`, name: "Buyer", passwordHash: "x", locale: "pt" } });
  await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  return {
    sessionUser: { sessionId: "s", expiresAt: new Date(Date.now() + 3_600_000), activeOrganizationId: org.id, user: { id: user.id, email: user.email, name: user.name, locale: "pt", currencyCode: "BRL" } },
    organization: { id: org.id, name: org.name, countryCode: "BR", region: "SP" },
    scoped: forOrganization(org.id),
    location: { countryCode: "BR", regionCode: "SP" },
  };
}

/** A published product (CNY) with tiers, SKUs, and optionally stock in São Paulo (GRU). */
async function product(makerId: string, options: { moq?: number; pack?: number; tiers?: [number, bigint][]; skus?: number; stock?: number[]; status?: "PUBLISHED" | "DRAFT" } = {}) {
  const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
  const t = tag();
  const moq = options.moq ?? 1;
  const created = await unscopedDb.product.create({
    data: {
      organizationId: makerId,
      categoryId: category.id,
      slug: `checkout-${t.toLowerCase()}`,
      status: options.status ?? "PUBLISHED",
      publishedAt: new Date(),
      hsCode: "851660",
      currencyCode: "CNY",
      moq,
      packSize: options.pack ?? 1,
      leadTimeDays: 20,
      translations: { create: [{ organizationId: makerId, locale: "pt", name: `Fritadeira ${t}` }, { organizationId: makerId, locale: "zh", name: `空气炸锅 ${t}` }] },
      priceTiers: { create: (options.tiers ?? [[moq, 10_000n]]).map(([minQuantity, unitPriceMinor]) => ({ organizationId: makerId, minQuantity, unitPriceMinor })) },
    },
  });
  const variants = [];
  for (let i = 0; i < (options.skus ?? 1); i++) {
    const variant = await unscopedDb.productVariant.create({
      data: { organizationId: makerId, productId: created.id, sku: `SKU-${t}-${i}`, voltage: i ? "220V" : "127V", netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100, position: i },
    });
    const units = options.stock?.[i] ?? 0;
    if (units > 0) await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: makerId, warehouseId: gru, variantId: variant.id, kind: "RECEIPT", onHandDelta: units }));
    variants.push(variant);
  }
  return { product: created, variants };
}

const address = { line1: "Av. Paulista, 1000", city: "São Paulo", region: "SP", postalCode: "01310-100" };
const input = (over: Partial<CheckoutInput> = {}): CheckoutInput => ({ address, poNumber: null, originTerms: {}, currencyCode: "BRL", ...over });

async function expectCartError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CartError);
  expect((error as CartError).code).toBe(code);
  return error as CartError;
}

beforeAll(async () => {
  gru = (await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "GRU" }, select: { id: true } })).id;
});

describe("cart rules", () => {
  it("refuses a bad quantity, a pack not multiple, below the MOQ across variants; prices by the tier with the next tier's saving", async () => {
    const maker = await manufacturer("Gree");
    const { variants } = await product(maker, { moq: 100, pack: 10, tiers: [[100, 1_200n], [500, 980n]], skus: 2 });
    const casa = await buyer();
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 0 }), "quantity_invalid");
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 2.5 }), "quantity_invalid");
    const pack = await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 105 }), "pack_multiple");
    expect(pack.message_("pt")).toContain("100");
    expect(pack.message_("pt")).toContain("110");
    const moq = await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 50 }), "below_moq");
    expect(moq.message_("es")).toMatch(/100/);
    expect(await casa.scoped.cartLine.count()).toBe(0);

    const first = await addToCart(casa, { variantId: variants[0]!.id, quantity: 100 });
    // The MOQ counts across the product's variants: 50 more of the other SKU is fine.
    await addToCart(casa, { sku: variants[1]!.sku.toLowerCase(), quantity: 50 });
    const rates = await ratesAsOf();
    let view = await presentCart(casa, "pt", "CNY", rates);
    const rows = view.groups.flatMap((g) => g.rows);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.unitPrice).toMatch(/12,00/);
    // "compre 500 e pague ¥ 9,80"
    expect(rows[0]!.tierHint).toMatch(/500/);
    expect(rows[0]!.tierHint).toMatch(/9,80/);
    expect(view.groups[0]!.sourceText).toMatch(/Zhuhai/);

    await updateLine(casa, first.lineId, 450);
    view = await presentCart(casa, "pt", "CNY", rates);
    expect(view.groups.flatMap((g) => g.rows).every((r) => r.unitPrice?.includes("9,80"))).toBe(true);
    expect(view.groups.flatMap((g) => g.rows)[0]!.tierHint).toBeNull();

    // Removing a line is always allowed; the other line then shows "below the minimum" and blocks checkout.
    await removeLine(casa, first.lineId);
    view = await presentCart(casa, "pt", "CNY", rates);
    expect(view.blocked).toBe(true);
    expect(view.groups[0]!.rows[0]!.problems.join(" ")).toMatch(/50/);
    const refused = await placeOrders(casa, input(), "pt");
    expect(refused).toMatchObject({ ok: false, code: "lines" });
  });

  it("refuses unknown, unpublished and ambiguous SKUs", async () => {
    const maker = await manufacturer("Draft");
    const { variants } = await product(maker, { status: "DRAFT" });
    const casa = await buyer();
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 1 }), "unpublished");
    await expectCartError(addToCart(casa, { variantId: "not-a-uuid", quantity: 1 }), "variant_not_found");
    await expectCartError(addToCart(casa, { sku: "NO-SUCH-SKU", quantity: 1 }), "sku_not_found");
    const other = await manufacturer("Other");
    const a = await product(maker);
    const twin = await product(other);
    await unscopedDb.productVariant.update({ where: { id: twin.variants[0]!.id }, data: { sku: a.variants[0]!.sku } });
    await expectCartError(addToCart(casa, { sku: a.variants[0]!.sku, quantity: 1 }), "sku_ambiguous");
  });

  it("a cart line of another buyer is not found, and is left alone", async () => {
    const maker = await manufacturer("Iso");
    const { variants } = await product(maker);
    const casa = await buyer("Casa");
    const azteca = await buyer("Azteca");
    const line = await addToCart(casa, { variantId: variants[0]!.id, quantity: 3 });
    await expectCartError(updateLine(azteca, line.lineId, 1), "line_not_found");
    await expectCartError(removeLine(azteca, line.lineId), "line_not_found");
    await expectCartError(removeLine(azteca, "0193a6a0-0000-7000-8000-000000000000"), "line_not_found");
    await expectCartError(updateLine(azteca, "../etc", 1), "line_not_found");
    expect(await casa.scoped.cartLine.findFirst({ where: { id: line.lineId }, select: { quantity: true } })).toEqual({ quantity: 3 });
  });
});

describe("checkout", () => {
  it("makes one order per manufacturer and source in one transaction, prices from the server, holds re-pointed to the orders", async () => {
    const gree = await manufacturer("Gree");
    const lux = await manufacturer("Lux");
    const fryer = await product(gree, { moq: 10, tiers: [[10, 10_000n], [100, 9_000n]], stock: [30] });
    const lamp = await product(lux, { tiers: [[1, 2_500n]] });
    const casa = await buyer();
    await addToCart(casa, { variantId: fryer.variants[0]!.id, quantity: 100 });
    await addToCart(casa, { variantId: lamp.variants[0]!.id, quantity: 4 });
    const hold = await holdCart(casa);
    expect([...hold.held.values()]).toEqual([30]);
    const cart = await casa.scoped.cart.findFirstOrThrow();
    expect(await unscopedDb.stockReservation.count({ where: { reference: `cart:${cart.id}`, status: "ACTIVE" } })).toBe(1);
    // The checkout page: the same holds kept, the summary from what holding read, the form prefilled from the profile.
    const page = await prepareCheckout(casa, "pt", "BRL", await ratesAsOf());
    expect(page.cart.groups.map((g) => g.source).sort()).toEqual(["origin", "origin", "warehouse"]);
    expect(page.company.taxId).toBe("11.222.333/0001-81");
    expect(page.defaults).toMatchObject({ postalCode: "01310-100", region: "SP", city: "São Paulo" });
    expect(page.originManufacturers.map((m) => m.id).sort()).toEqual([gree, lux].sort());
    expect(page.holdWarnings).toEqual([]);
    expect(await unscopedDb.stockReservation.count({ where: { reference: `cart:${cart.id}`, status: "ACTIVE" } })).toBe(1);

    // A tampered form: the price fields are not part of the schema and never reach the checkout.
    const parsed = checkoutFormSchema.parse({ ...address, poNumber: "OC-77", unitPriceMinor: "1", totalMinor: "1", [`term.${lux}`]: "CIF" });
    expect(parsed).not.toHaveProperty("unitPriceMinor");
    const result = await placeOrders(casa, input({ poNumber: parsed.poNumber, originTerms: { [lux]: "CIF" } }), "pt");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.orders).toHaveLength(3);
    for (const o of result.orders) {
      expect(parseOrderNumber(o.number)).not.toBeNull();
      expect(isValidBankReference(o.bankReference)).toBe(true);
    }
    const orders = await casa.scoped.order.findMany({ where: { checkoutId: result.checkoutId }, include: { lines: true, events: true }, orderBy: { number: "asc" } });
    expect(orders).toHaveLength(3);
    const fromGru = orders.find((o) => o.source === "WAREHOUSE")!;
    expect(fromGru).toMatchObject({ organizationId: gree, warehouseId: gru, tradeTerm: "DDP", currencyCode: "CNY", buyerCurrencyCode: "BRL", status: "PLACED", poNumber: "OC-77" });
    expect(fromGru.lines).toHaveLength(1);
    // 100 units price the product at the 100+ tier, even split 30 (GRU) + 70 (Zhuhai).
    expect(fromGru.lines[0]).toMatchObject({ quantity: 30, unitPriceMinor: 9_000n, lineTotalMinor: 270_000n, tierMinQuantity: 100, hsCode: "851660" });
    expect(fromGru.subtotalMinor).toBe(270_000n);
    expect(fromGru.buyerTotalMinor).toBeGreaterThan(0n);
    expect(Object.keys(fromGru.lines[0]!.names as object).sort()).toEqual(["pt", "zh"]);
    const greeOrigin = orders.find((o) => o.organizationId === gree && o.source === "ORIGIN")!;
    expect(greeOrigin).toMatchObject({ tradeTerm: "FOB" });
    expect(greeOrigin.lines[0]).toMatchObject({ quantity: 70, reservationId: null });
    expect(orders.find((o) => o.organizationId === lux)).toMatchObject({ source: "ORIGIN", tradeTerm: "CIF", subtotalMinor: 10_000n });
    for (const o of orders) expect(o.events).toEqual([expect.objectContaining({ event: "place", toStatus: "PLACED", actorOrganizationId: casa.organization.id })]);
    // The rate: 1 CNY = fxRate BRL, the buyer total is the subtotal at that rate.
    const rates = await ratesAsOf();
    const expected = rates.convert({ amountMinor: 270_000n, currency: rates.currency("CNY") }, "BRL")!;
    expect(fromGru.buyerTotalMinor).toBe(expected.money.amountMinor);

    // The cart's hold became the order's reservation (same row, re-pointed, longer expiry).
    const reservation = await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: fromGru.lines[0]!.reservationId! } });
    expect(reservation).toMatchObject({ reference: `order:${fromGru.id}`, status: "ACTIVE", quantity: 30 });
    expect(reservation.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
    expect(await unscopedDb.stockReservation.count({ where: { reference: `cart:${cart.id}`, status: "ACTIVE" } })).toBe(0);
    expect(await casa.scoped.cartLine.count()).toBe(0);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: gree })).toEqual([]);

    // The seller sees its own order only; another buyer sees none.
    expect(await forOrganization(lux).order.count({ where: { checkoutId: result.checkoutId } })).toBe(1);
    const stranger = await buyer("Stranger");
    expect(await stranger.scoped.order.count({ where: { checkoutId: result.checkoutId } })).toBe(0);

    // Reorder: the lines come back into the cart.
    const again = await reorder(casa, fromGru.number, "pt");
    expect(again).toEqual({ added: 1, unavailable: [] });
    await expectCartError(reorder(stranger, fromGru.number, "pt"), "order_not_found");
  });

  it("refuses a bad address with per-field keys and saves nothing", async () => {
    const maker = await manufacturer("Addr");
    const { variants } = await product(maker);
    const casa = await buyer();
    await addToCart(casa, { variantId: variants[0]!.id, quantity: 1 });
    const result = await placeOrders(casa, input({ address: { ...address, postalCode: "0131", region: "ZZ" } }), "pt");
    expect(result).toMatchObject({ ok: false, code: "address" });
    if (!result.ok) expect(result.addressErrors.map((e) => e.field).sort()).toEqual(["postalCode", "region"]);
    expect(await casa.scoped.cartLine.count()).toBe(1);
  });

  it("rolls everything back when the transaction fails half-way", async () => {
    const good = await manufacturer("Good");
    const broken = await manufacturer("NoOrigin", false);
    const stocked = await product(good, { stock: [5] });
    const madeToOrder = await product(broken);
    const casa = await buyer();
    await addToCart(casa, { variantId: stocked.variants[0]!.id, quantity: 5 });
    await addToCart(casa, { variantId: madeToOrder.variants[0]!.id, quantity: 2 });
    await holdCart(casa);
    await expect(placeOrders(casa, input(), "pt")).rejects.toThrow(/origin location/);
    expect(await casa.scoped.order.count()).toBe(0);
    expect(await casa.scoped.checkout.count()).toBe(0);
    expect(await casa.scoped.cartLine.count()).toBe(2);
    const cart = await casa.scoped.cart.findFirstOrThrow();
    // The cart's hold is still there, as it was.
    expect(await unscopedDb.stockReservation.findMany({ where: { reference: `cart:${cart.id}`, status: "ACTIVE" }, select: { quantity: true } })).toEqual([{ quantity: 5 }]);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: good })).toEqual([]);
  });

  it("quick order adds the good lines and says what is wrong with each other line", async () => {
    const maker = await manufacturer("Quick");
    const a = await product(maker, { moq: 10, pack: 5, tiers: [[10, 500n]] });
    const casa = await buyer();
    const outcome = await quickOrder(casa, `${a.variants[0]!.sku} 20\n${a.variants[0]!.sku} 3\nNOPE-1 4\nbroken line here`, "es");
    expect(outcome.added).toBe(1);
    expect(outcome.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(outcome.errors[0]!.message).toMatch(/paquetes de 5/);
    expect(outcome.errors[1]!.message).toMatch(/NOPE-1/);
    expect(await casa.scoped.cartLine.findFirst({ select: { quantity: true } })).toEqual({ quantity: 20 });
  });
});

describe("concurrent checkouts on a contended SKU", () => {
  it("never oversell: every unit reserved once, losers told per line, nothing saved for them, ledger consistent", async () => {
    const maker = await manufacturer("Contended");
    const { variants } = await product(maker, { tiers: [[1, 1_000n]], stock: [20] });
    const server = database.current.kind === "server";
    const buyers = await Promise.all(Array.from({ length: server ? 40 : 12 }, (_, i) => buyer(`Race${i}`)));
    for (const b of buyers) await addToCart(b, { variantId: variants[0]!.id, quantity: 3 });
    // A few hold first (as /checkout does); the rest check out straight away from a stock read that may be stale.
    for (const b of buyers.slice(0, 4)) await holdCart(b);
    const pool = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.current.url, max: server ? 45 : 10 }) });
    try {
      const results = await Promise.all(buyers.map((b) => placeOrders(b, input(), "pt", { client: pool })));
      const refused = results.filter((r) => !r.ok);
      for (const r of refused) {
        expect(r).toMatchObject({ ok: false, code: "stock" });
        if (!r.ok) expect(r.lineErrors[0]!.message).toMatch(/outro comprador/);
      }
      const reservations = await unscopedDb.stockReservation.findMany({ where: { organizationId: maker, status: "ACTIVE" } });
      const reserved = reservations.reduce((n, r) => n + r.quantity, 0);
      expect(reserved).toBeLessThanOrEqual(20);
      expect(reservations.every((r) => r.reference.startsWith("order:"))).toBe(true);
      const balance = await unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: maker, warehouseId: gru, variantId: variants[0]!.id } });
      expect(balance).toMatchObject({ onHand: 20, reserved });
      // Orders from the warehouse hold exactly what was reserved; whoever lost kept their cart and got no order.
      const fromStock = await unscopedDb.orderLine.aggregate({ where: { organizationId: maker, variantId: variants[0]!.id, order: { source: "WAREHOUSE" } }, _sum: { quantity: true } });
      expect(fromStock._sum.quantity ?? 0).toBe(reserved);
      for (const [i, r] of results.entries()) {
        const lines = await buyers[i]!.scoped.cartLine.count();
        const orders = await buyers[i]!.scoped.order.count();
        if (r.ok) expect({ lines, ordered: orders > 0 }).toEqual({ lines: 0, ordered: true });
        else expect({ lines, orders }).toEqual({ lines: 1, orders: 0 });
      }
      expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
      expect(await checkLedgerConsistency(unscopedDb, { organizationId: maker })).toEqual([]);
    } finally {
      await pool.$disconnect();
    }
  });
});
