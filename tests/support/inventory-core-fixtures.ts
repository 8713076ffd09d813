import { randomBytes } from "node:crypto";
import { unscopedDb } from "~/modules/db/index.server";

/** Test data for the inventory core tests: organizations, products with variants, warehouses, staff. */

const suffix = () => randomBytes(3).toString("hex").toUpperCase();

export async function createManufacturer(name = `Maker ${suffix()}`) {
  return unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name, countryCode: "CN" } });
}

export async function createOrganization(kind: "BUYER" | "PLATFORM" | "MANUFACTURER", name = `${kind} ${suffix()}`) {
  return unscopedDb.organization.create({ data: { kind, name, countryCode: kind === "BUYER" ? "BR" : "CN" } });
}

export async function createUser(email = `user-${suffix().toLowerCase()}@test.ponte`, name = "Test User", locale: "pt" | "es" | "zh" | "en" = "en") {
  return unscopedDb.user.create({ data: { email, name, passwordHash: "x", locale } });
}

export async function addMember(organizationId: string, userId: string, role: "OWNER" | "ADMIN" | "MEMBER") {
  return unscopedDb.membership.create({ data: { organizationId, userId, role } });
}

/** A published product of the manufacturer with `skus` variants; returns the product and its variants. */
export async function createProduct(organizationId: string, skus: string[]) {
  const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
  const tag = suffix();
  const product = await unscopedDb.product.create({
    data: {
      organizationId,
      categoryId: category.id,
      slug: `inventory-test-${tag.toLowerCase()}-${randomBytes(2).toString("hex")}`,
      hsCode: "851679",
      currencyCode: "CNY",
      translations: { create: [{ organizationId, locale: "en", name: `Test product ${tag}` }] },
    },
  });
  const variants = [];
  for (const [position, sku] of skus.entries()) {
    variants.push(
      await unscopedDb.productVariant.create({
        data: { organizationId, productId: product.id, sku: `${sku}-${tag}`, netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100, position },
      }),
    );
  }
  return { product, variants };
}

export async function createWarehouse(city = "Lisboa", countryCode = "PT") {
  const code = `T${suffix()}`;
  return unscopedDb.warehouse.create({
    data: { kind: "OVERSEAS", code, name: `Test warehouse ${code}`, city, countryCode, addressLine1: "Rua de Teste 1", timeZone: "Europe/Lisbon" },
  });
}

let shipmentCounter = 0;

/** An inbound shipment (ASN) already on its way (IN_TRANSIT) to the warehouse, written directly. */
export async function createShipment(organizationId: string, warehouseId: string, lines: { variantId: string; productId: string; expected: number; cartons: number }[]) {
  shipmentCounter += 1;
  return unscopedDb.inboundShipment.create({
    data: {
      organizationId,
      warehouseId,
      reference: `ASN-TEST-${suffix()}-${shipmentCounter}`,
      status: "IN_TRANSIT",
      expectedOn: new Date(Date.UTC(2026, 11, 15)),
      cartons: lines.reduce((sum, l) => sum + l.cartons, 0),
      shippedAt: new Date(),
      lines: { create: lines.map((l) => ({ organizationId, productId: l.productId, variantId: l.variantId, expectedQuantity: l.expected, cartons: l.cartons })) },
    },
    include: { lines: { orderBy: { id: "asc" } } },
  });
}
