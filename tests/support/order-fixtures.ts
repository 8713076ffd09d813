import { randomBytes } from "node:crypto";
import type { Order, PaymentMethod } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { reserve } from "~/modules/inventory/reservations.server";
import { createManufacturer, createOrganization, createProduct, createWarehouse } from "./inventory-core-fixtures";

/** Test data for the order lifecycle tests: two parties, a stocked warehouse, orders with reserved lines. */

let counter = 0;

export interface OrderWorld {
  makerId: string;
  buyerId: string;
  platformId: string;
  warehouseId: string;
  variants: { id: string; productId: string; sku: string }[];
}

export async function createOrderWorld(unitsPerSku = 100, skus = ["ORD-A", "ORD-B"]): Promise<OrderWorld> {
  const maker = await createManufacturer();
  const buyer = await createOrganization("BUYER");
  const platform = await createOrganization("PLATFORM");
  const warehouse = await createWarehouse();
  const { variants } = await createProduct(maker.id, skus);
  for (const variant of unitsPerSku > 0 ? variants : []) {
    await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: maker.id, warehouseId: warehouse.id, variantId: variant.id, kind: "RECEIPT", onHandDelta: unitsPerSku }));
  }
  return { makerId: maker.id, buyerId: buyer.id, platformId: platform.id, warehouseId: warehouse.id, variants: variants.map((v) => ({ id: v.id, productId: v.productId, sku: v.sku })) };
}

/**
 * An order in PLACED from the world's buyer to its manufacturer, one line per quantity (on the world's SKUs in
 * turn), each line's units reserved under "order:<id>" as checkout leaves them. Prices: 10.00 CNY a unit, buyer pays
 * in BRL at 0.75.
 */
export async function createPlacedOrder(world: OrderWorld, quantities: number[] = [3, 2], options: { paymentMethod?: PaymentMethod | null; placedAt?: Date } = {}): Promise<Order> {
  counter += 1;
  const tag = `${Date.now().toString().slice(-6)}${counter}${randomBytes(2).toString("hex").toUpperCase()}`;
  const units = quantities.reduce((a, b) => a + b, 0);
  const subtotal = BigInt(units) * 1000n;
  const order = await unscopedDb.order.create({
    data: {
      number: `PO-2026-T${tag}`,
      organizationId: world.makerId,
      buyerOrganizationId: world.buyerId,
      source: "WAREHOUSE",
      warehouseId: world.warehouseId,
      tradeTerm: "DDP",
      currencyCode: "CNY",
      subtotalMinor: subtotal,
      totalMinor: subtotal,
      buyerCurrencyCode: "BRL",
      buyerTotalMinor: (subtotal * 3n) / 4n,
      fxRate: "0.75",
      fxRateDate: new Date(Date.UTC(2026, 11, 4)),
      paymentMethod: options.paymentMethod ?? null,
      bankReference: `PNTT${tag}`,
      leadTimeDaysMin: 2,
      leadTimeDaysMax: 5,
      buyerSnapshot: { legalName: "Comprador Teste Ltda", taxId: "12.345.678/0001-95" },
      deliveryAddress: { line1: "Rua Teste 1", city: "São Paulo", postalCode: "01000-000", countryCode: "BR" },
      ...(options.placedAt ? { placedAt: options.placedAt } : {}),
    },
  });
  for (const [i, quantity] of quantities.entries()) {
    const variant = world.variants[i % world.variants.length]!;
    const reservation = await reserve({ organizationId: world.makerId, warehouseId: world.warehouseId, variantId: variant.id, quantity, reference: `order:${order.id}`, holderOrganizationId: world.buyerId, ttlMinutes: 10_080 });
    await unscopedDb.orderLine.create({
      data: {
        organizationId: world.makerId,
        buyerOrganizationId: world.buyerId,
        orderId: order.id,
        productId: variant.productId,
        variantId: variant.id,
        sku: variant.sku,
        names: { en: `Test product ${variant.sku}`, pt: `Produto de teste ${variant.sku}` },
        hsCode: "851679",
        quantity,
        unitPriceMinor: 1000n,
        lineTotalMinor: BigInt(quantity) * 1000n,
        tierMinQuantity: 1,
        reservationId: reservation.id,
      },
    });
  }
  return order;
}

export async function balanceOf(world: OrderWorld, variantId: string) {
  return unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: world.makerId, warehouseId: world.warehouseId, variantId }, select: { onHand: true, reserved: true } });
}
