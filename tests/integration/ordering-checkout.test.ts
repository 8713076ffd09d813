import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { forgetAvailabilityCaches } from "~/modules/inventory/availability.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { ensureOriginLocation } from "~/modules/inventory/seed.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { addToCart, CartError, holdCart, presentCart, removeLine, updateLine, type BuyerContext } from "~/modules/ordering/cart.server";
import { checkoutFormSchema, placeOrders, prepareCheckout, type CheckoutInput } from "~/modules/ordering/checkout.server";
import { addDeliveryRate, DeliveryRateError, presentDeliveryRates } from "~/modules/ordering/delivery-rates.server";
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

async function buyer(name = "Casa", place: { countryCode: string; region: string | null } = { countryCode: "BR", region: "SP" }): Promise<BuyerContext> {
  const org = await unscopedDb.organization.create({
    data: { kind: "BUYER", name: `${name} ${tag()}`, countryCode: place.countryCode, region: place.region, city: "São Paulo", addressLine1: "Av. Paulista, 1000", postalCode: "01310-100", taxId: "11.222.333/0001-81" },
  });
  const user = await unscopedDb.user.create({ data: { email: `buyer-${tag().toLowerCase()}@test.ponte`, name: "Buyer", passwordHash: "x", locale: "pt" } });
  await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  return {
    sessionUser: { sessionId: "s", expiresAt: new Date(Date.now() + 3_600_000), activeOrganizationId: org.id, user: { id: user.id, email: user.email, name: user.name, locale: "pt", currencyCode: "BRL" } },
    organization: { id: org.id, name: org.name, countryCode: place.countryCode, region: place.region },
    scoped: forOrganization(org.id),
    location: { countryCode: place.countryCode, regionCode: place.region },
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
  it("refuses a bad quantity and a pack not multiple; accepts below the MOQ (across variants) and says how many more; prices by the tier with the next tier's saving", async () => {
    const maker = await manufacturer("Gree");
    const { variants } = await product(maker, { moq: 100, pack: 10, tiers: [[100, 1_200n], [500, 980n]], skus: 2 });
    const casa = await buyer();
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 0 }), "quantity_invalid");
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 2.5 }), "quantity_invalid");
    const pack = await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: 105 }), "pack_multiple");
    expect(pack.message_("pt")).toContain("100");
    expect(pack.message_("pt")).toContain("110");
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: -10 }), "quantity_invalid");
    await expectCartError(addToCart(casa, { variantId: variants[0]!.id, quantity: Number.NaN }), "quantity_invalid");
    expect(await casa.scoped.cartLine.count()).toBe(0);

    // Below the MOQ is accepted: the MOQ counts across variants, and the buyer may add the others next.
    const rates = await ratesAsOf();
    const first = await addToCart(casa, { variantId: variants[0]!.id, quantity: 50 });
    let view = await presentCart(casa, "es", "CNY", rates);
    expect(view.blocked).toBe(true);
    expect(view.moqNotices).toHaveLength(1);
    expect(view.moqNotices[0]!.text).toBe("Pedido mínimo 100 sumando las variantes: agrega 50 más.");
    // The first tier's price is shown meanwhile (never charged below the minimum: checkout refuses).
    expect(view.groups[0]!.rows[0]!.unitPrice).toMatch(/12[.,]00/);
    const early = await placeOrders(casa, input(), "pt");
    expect(early).toMatchObject({ ok: false, code: "lines" });
    if (!early.ok) expect(early.lineErrors.map((e) => e.message)).toEqual(["Pedido mínimo 100 somando as variantes: adicione mais 50."]);
    expect(await casa.scoped.order.count()).toBe(0);
    expect(await casa.scoped.cartLine.count()).toBe(1);

    await updateLine(casa, first.lineId, 100);
    // The MOQ counts across the product's variants: 50 more of the other SKU is fine.
    await addToCart(casa, { sku: variants[1]!.sku.toLowerCase(), quantity: 50 });
    view = await presentCart(casa, "pt", "CNY", rates);
    expect(view.moqNotices).toEqual([]);
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
    expect(view.groups[0]!.rows[0]!.problems.join(" ")).toMatch(/adicione mais 50/);
    const refused = await placeOrders(casa, input(), "pt");
    expect(refused).toMatchObject({ ok: false, code: "lines" });
    // Two variants below the MOQ: one message for the product, naming both SKUs.
    await addToCart(casa, { variantId: variants[0]!.id, quantity: 10 });
    const both = await placeOrders(casa, input(), "en");
    expect(both.ok).toBe(false);
    if (!both.ok) {
      expect(both.lineErrors).toHaveLength(1);
      expect(both.lineErrors[0]!.message).toBe("MOQ 100 across variants: add 40 more.");
      expect(both.lineErrors[0]!.sku.split(", ").sort()).toEqual([variants[0]!.sku, variants[1]!.sku].sort());
    }
  });

  it("a line below the MOQ split between a warehouse and Zhuhai says so once", async () => {
    const maker = await manufacturer("Split");
    const { variants } = await product(maker, { moq: 100, stock: [30] });
    const casa = await buyer();
    await addToCart(casa, { variantId: variants[0]!.id, quantity: 50 });
    const view = await presentCart(casa, "pt", "BRL", await ratesAsOf());
    expect(view.groups.map((g) => g.source).sort()).toEqual(["origin", "warehouse"]);
    expect(view.groups.flatMap((g) => g.rows.flatMap((r) => r.problems))).toEqual(["Pedido mínimo 100 somando as variantes: adicione mais 50."]);
    expect(view.moqNotices).toHaveLength(1);
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
    // Delivery São Paulo → SP (seeded: R$ 24,90 + R$ 0,42 per started kg) on 30 × 1,200 g = 36 kg: R$ 39,02, in CNY.
    const rates = await ratesAsOf();
    const gruShipping = rates.convert({ amountMinor: 2_490n + 42n * 36n, currency: rates.currency("BRL") }, "CNY")!.money.amountMinor;
    expect(gruShipping).toBeGreaterThan(0n);
    expect(fromGru).toMatchObject({ shippingMinor: gruShipping, totalMinor: 270_000n + gruShipping });
    expect(Object.keys(fromGru.lines[0]!.names as object).sort()).toEqual(["pt", "zh"]);
    const greeOrigin = orders.find((o) => o.organizationId === gree && o.source === "ORIGIN")!;
    // FOB: the buyer arranges freight; nothing charged.
    expect(greeOrigin).toMatchObject({ tradeTerm: "FOB", shippingMinor: 0n, totalMinor: greeOrigin.subtotalMinor });
    expect(greeOrigin.lines[0]).toMatchObject({ quantity: 70, reservationId: null });
    // CIF from Zhuhai to Brazil (seeded: US$ 180 + US$ 0.42 per started kg) on 4 × 1,200 g = 5 kg, in CNY.
    const cifShipping = rates.convert({ amountMinor: 18_000n + 42n * 5n, currency: rates.currency("USD") }, "CNY")!.money.amountMinor;
    const fromLux = orders.find((o) => o.organizationId === lux)!;
    expect(fromLux).toMatchObject({ source: "ORIGIN", tradeTerm: "CIF", subtotalMinor: 10_000n, shippingMinor: cifShipping, totalMinor: 10_000n + cifShipping });
    expect(fromLux.buyerTotalMinor).toBe(rates.convert({ amountMinor: 10_000n + cifShipping, currency: rates.currency("CNY") }, "BRL")!.money.amountMinor);
    for (const o of orders) expect(o.events).toEqual([expect.objectContaining({ event: "place", toStatus: "PLACED", actorOrganizationId: casa.organization.id })]);
    // The rate: 1 CNY = fxRate BRL, the buyer total is goods + delivery at that rate.
    const expected = rates.convert({ amountMinor: 270_000n + gruShipping, currency: rates.currency("CNY") }, "BRL")!;
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

describe("delivery", () => {
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  it("charges the rate in force on the order's day: a newer dated rate applies from its date, earlier orders keep the old one", async () => {
    const gree = await manufacturer("Dated");
    const fryer = await product(gree, { stock: [40] });
    const rio = await buyer("Rio", { countryCode: "BR", region: "RJ" });
    await addDeliveryRate({ originCode: "GRU", tradeTerm: "DDP", destinationCountry: "BR", regionCode: "rj", baseFee: "50", perKgFee: "1,00", currencyCode: "BRL", validFrom: day(-1) }, rio.sessionUser.user.id);
    const rioAddress = { line1: "Av. Rio Branco, 1", city: "Rio de Janeiro", region: "RJ", postalCode: "20090-003" };
    const rioInput = (over: Partial<CheckoutInput> = {}) => input({ address: rioAddress, ...over });

    // Ten days ago the seeded rate was in force (R$ 39,90 + R$ 0,67/kg): 10 × 1,200 g = 12 kg.
    const then = new Date(Date.now() - 10 * 86_400_000);
    await addToCart(rio, { variantId: fryer.variants[0]!.id, quantity: 10 });
    const old = await placeOrders(rio, rioInput(), "pt", { now: then });
    expect(old.ok).toBe(true);
    const ratesThen = await ratesAsOf(then);
    const oldOrder = await rio.scoped.order.findFirstOrThrow({ where: { checkoutId: old.ok ? old.checkoutId : "" } });
    const oldFee = ratesThen.convert({ amountMinor: 3_990n + 67n * 12n, currency: ratesThen.currency("BRL") }, "CNY")!.money.amountMinor;
    expect(oldOrder).toMatchObject({ tradeTerm: "DDP", shippingMinor: oldFee, totalMinor: 100_000n + oldFee });
    expect(oldOrder.buyerTotalMinor).toBe(ratesThen.convert({ amountMinor: 100_000n + oldFee, currency: ratesThen.currency("CNY") }, "BRL")!.money.amountMinor);

    // Today the platform's row from yesterday applies: R$ 50,00 + R$ 1,00/kg; the cart shows it before placing.
    await addToCart(rio, { variantId: fryer.variants[0]!.id, quantity: 10 });
    const rates = await ratesAsOf();
    const newFee = rates.convert({ amountMinor: 5_000n + 100n * 12n, currency: rates.currency("BRL") }, "CNY")!.money.amountMinor;
    const view = await presentCart(rio, "pt", "BRL", rates);
    const ddp = view.groups[0]!.delivery.options;
    expect(ddp).toEqual([expect.objectContaining({ term: "DDP", status: "priced", orderTotalBuyerMinor: rates.convert({ amountMinor: 100_000n + newFee, currency: rates.currency("CNY") }, "BRL")!.money.amountMinor.toString() })]);
    expect(view.groups[0]!.delivery.weight).toBe("12 kg brutos");
    expect(view.deliveryTotal).not.toBeNull();
    const placed = await placeOrders(rio, rioInput(), "pt");
    expect(placed.ok).toBe(true);
    const order = await rio.scoped.order.findFirstOrThrow({ where: { checkoutId: placed.ok ? placed.checkoutId : "" } });
    expect(order).toMatchObject({ shippingMinor: newFee, totalMinor: 100_000n + newFee });
    expect(String(order.buyerTotalMinor)).toBe(ddp[0]!.orderTotalBuyerMinor);
  });

  it("offers FOB (no charge), CIF and DDP from Zhuhai with their prices; a destination without a rate is said plainly and nothing is saved", async () => {
    const maker = await manufacturer("Far");
    const lamp = await product(maker, { tiers: [[1, 2_500n]] });
    // Paraguay: no Zhuhai rate seeded.
    const asuncion = await buyer("Asunción", { countryCode: "PY", region: null });
    const pyAddress = { line1: "Av. Mariscal López 1234", city: "Asunción", region: "", postalCode: "" };
    await addToCart(asuncion, { variantId: lamp.variants[0]!.id, quantity: 3 });
    const page = await prepareCheckout(asuncion, "es", "USD", await ratesAsOf());
    expect(page.originManufacturers).toHaveLength(1);
    const options = page.originManufacturers[0]!.options;
    expect(options.map((o) => [o.term, o.status])).toEqual([["FOB", "fob"], ["CIF", "missing"], ["DDP", "missing"]]);
    expect(options[1]!.missingText).toBe("Aún no hay tarifa de flete CIF de Zhuhai a Paraguay: elige FOB o pide una cotización a Ponte.");
    expect(page.cart.blocked).toBe(false);

    const refused = await placeOrders(asuncion, input({ address: pyAddress, currencyCode: "USD", originTerms: { [maker]: "CIF" } }), "es");
    expect(refused).toMatchObject({ ok: false, code: "delivery" });
    if (!refused.ok) expect(refused.lineErrors.map((e) => e.message)).toEqual([options[1]!.missingText]);
    expect(await asuncion.scoped.order.count()).toBe(0);
    expect(await asuncion.scoped.cartLine.count()).toBe(1);

    const fob = await placeOrders(asuncion, input({ address: pyAddress, currencyCode: "USD", originTerms: { [maker]: "FOB" } }), "es");
    expect(fob.ok).toBe(true);
    expect(await asuncion.scoped.order.findFirstOrThrow()).toMatchObject({ tradeTerm: "FOB", shippingMinor: 0n, subtotalMinor: 7_500n, totalMinor: 7_500n });

    // Brazil has Zhuhai rates: the DDP option is priced (import duties not included, as the page says).
    const casa = await buyer();
    await addToCart(casa, { variantId: lamp.variants[0]!.id, quantity: 3 });
    const br = await prepareCheckout(casa, "pt", "BRL", await ratesAsOf());
    expect(br.originManufacturers[0]!.options.map((o) => o.status)).toEqual(["fob", "priced", "priced"]);
  });

  it("warehouse stock with no delivery rate: the cart says so plainly and blocks, checkout refuses, nothing saved", async () => {
    const code = `T${tag()}`;
    const montevideo = await unscopedDb.warehouse.create({
      data: { kind: "OVERSEAS", code, name: "Ponte Montevideo", city: "Montevideo", countryCode: "UY", addressLine1: "Ruta 101 km 23", timeZone: "America/Montevideo", serviceAreas: { create: [{ countryCode: "UY", leadDaysMin: 1, leadDaysMax: 3, costMinor: 9_900n, currencyCode: "USD" }] } },
    });
    forgetAvailabilityCaches();
    const maker = await manufacturer("Uru");
    const { variants } = await product(maker);
    await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: maker, warehouseId: montevideo.id, variantId: variants[0]!.id, kind: "RECEIPT", onHandDelta: 10 }));
    const uy = await buyer("Montevideo", { countryCode: "UY", region: null });
    await addToCart(uy, { variantId: variants[0]!.id, quantity: 5 });
    const view = await presentCart(uy, "en", "USD", await ratesAsOf());
    expect(view.groups.map((g) => g.source)).toEqual(["warehouse"]);
    expect(view.groups[0]!.delivery.options).toEqual([expect.objectContaining({ term: "DDP", status: "missing", missingText: "No delivery rate from Montevideo to Uruguay yet: this order cannot be placed until Ponte sets one." })]);
    expect(view.blocked).toBe(true);
    const refused = await placeOrders(uy, input({ address: { line1: "Av. 18 de Julio 1000", city: "Montevideo", region: "", postalCode: "11100" }, currencyCode: "USD" }), "en");
    expect(refused).toMatchObject({ ok: false, code: "delivery" });
    expect(await uy.scoped.order.count()).toBe(0);
    expect(await uy.scoped.cartLine.count()).toBe(1);
    // Once the platform sets a rate for that warehouse (its own code, longer than three letters), the order goes through.
    await addDeliveryRate({ originCode: code, tradeTerm: "DDP", destinationCountry: "UY", regionCode: "", baseFee: "30", perKgFee: "0.50", currencyCode: "USD", validFrom: new Date().toISOString().slice(0, 10) }, uy.sessionUser.user.id);
    const placed = await placeOrders(uy, input({ address: { line1: "Av. 18 de Julio 1000", city: "Montevideo", region: "", postalCode: "11100" }, currencyCode: "USD" }), "en");
    expect(placed.ok).toBe(true);
    const rates = await ratesAsOf();
    const fee = rates.convert({ amountMinor: 3_000n + 50n * 6n, currency: rates.currency("USD") }, "CNY")!.money.amountMinor;
    expect(await uy.scoped.order.findFirstOrThrow()).toMatchObject({ source: "WAREHOUSE", warehouseId: montevideo.id, shippingMinor: fee, totalMinor: 50_000n + fee });
  });

  it("platform rates: each bad field refused with its reason, duplicates refused, the row in force marked", async () => {
    const admin = (await buyer("Admin")).sessionUser.user.id;
    const good = { originCode: "ZUH", tradeTerm: "CIF" as const, destinationCountry: "PY", regionCode: "", baseFee: "210", perKgFee: "0.45", currencyCode: "USD", validFrom: day(-2) };
    const refusal = async (over: Partial<typeof good>) => {
      const error = await addDeliveryRate({ ...good, ...over }, admin).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryRateError);
      return [(error as DeliveryRateError).code, (error as DeliveryRateError).field];
    };
    expect(await refusal({ originCode: "XYZ" })).toEqual(["origin", "originCode"]);
    expect(await refusal({ originCode: "GRU", tradeTerm: "CIF" })).toEqual(["term", "tradeTerm"]);
    expect(await refusal({ tradeTerm: "FOB" as never })).toEqual(["term", "tradeTerm"]);
    expect(await refusal({ destinationCountry: "ZZ" })).toEqual(["country", "destinationCountry"]);
    expect(await refusal({ destinationCountry: "BR", regionCode: "XX" })).toEqual(["region", "regionCode"]);
    expect(await refusal({ currencyCode: "XXX" })).toEqual(["currency", "currencyCode"]);
    expect(await refusal({ baseFee: "-5" })).toEqual(["amount", "baseFee"]);
    expect(await refusal({ perKgFee: "0.425" })).toEqual(["amount_decimals", "perKgFee"]);
    expect(await refusal({ currencyCode: "CLP", perKgFee: "12.5" })).toEqual(["amount_decimals", "perKgFee"]);
    expect(await refusal({ validFrom: "2026-02-30" })).toEqual(["date", "validFrom"]);
    expect(await unscopedDb.deliveryRate.count({ where: { destinationCountry: "PY" } })).toBe(0);

    await addDeliveryRate(good, admin);
    expect(await refusal({})).toEqual(["duplicate", "validFrom"]);
    await addDeliveryRate({ ...good, baseFee: "999", validFrom: day(30) }, admin);
    const listed = await presentDeliveryRates("en", { origin: "ZUH", country: "PY" });
    expect(listed.rows.map((r) => [r.baseFee, r.current])).toEqual([
      ["$999.00", false],
      ["$210.00", true],
    ]);
    // The database repeats the rules (CHECK constraints): no FOB row, warehouses DDP only, fees not negative.
    const row = { destinationCountry: "PY", regionCode: "", baseFeeMinor: 1n, perKgMinor: 1n, currencyCode: "USD", validFrom: new Date("2026-03-01T00:00:00Z") };
    await expect(unscopedDb.deliveryRate.create({ data: { ...row, originCode: "ZUH", tradeTerm: "FOB" } })).rejects.toThrow();
    await expect(unscopedDb.deliveryRate.create({ data: { ...row, originCode: "GRU", tradeTerm: "CIF" } })).rejects.toThrow();
    await expect(unscopedDb.deliveryRate.create({ data: { ...row, originCode: "ZUH", tradeTerm: "DDP", baseFeeMinor: -1n } })).rejects.toThrow();
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
