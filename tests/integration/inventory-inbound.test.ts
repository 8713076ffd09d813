import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ProductInputSchema } from "~/modules/catalog/product-input";
import { parseProductForm, productToFormValues } from "~/modules/catalog/product-form.server";
import { createProduct, getProductForEdit, ProductSaveError, updateProduct } from "~/modules/catalog/products.server";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { storage } from "~/modules/catalog/storage.server";
import { serverT } from "~/modules/i18n/i18n.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { photoFolder } from "~/modules/inventory/receiving.server";
import { CSRF_COOKIE, csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
/* eslint-disable no-restricted-imports -- the test drives the pages' loaders and actions (the rule keeps modules out of routes) */
import { loader as inventoryLayout } from "~/routes/$lang.orgs.$orgId.inventory";
import { action as inboundAction, loader as inboundPage } from "~/routes/$lang.orgs.$orgId.inventory.inbound.$inboundId";
import { loader as photoRoute } from "~/routes/$lang.orgs.$orgId.inventory.inbound.$inboundId_.photos.$photoId.$file";
/* eslint-enable no-restricted-imports */
import { createInbound, getInbound, InboundError, inboundToFormValues, listInbound, parseInboundForm, transitionInbound, updateInbound, type InboundInput } from "~/modules/inventory/inbound.server";
import { withTestDatabase } from "../support/database";

withTestDatabase();

interface Maker {
  id: string;
  scoped: ScopedDb;
  skus: string[];
}

const tag = () => randomBytes(3).toString("hex").toUpperCase();

async function maker(name: string, skuCount = 2): Promise<Maker> {
  const org = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name, countryCode: "CN" } });
  const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
  const t = tag();
  const product = await unscopedDb.product.create({
    data: {
      organizationId: org.id,
      categoryId: category.id,
      slug: `inbound-test-${t.toLowerCase()}`,
      hsCode: "851679",
      currencyCode: "CNY",
      packSize: 6,
      translations: { create: [{ organizationId: org.id, locale: "pt", name: `Ventilador ${t}` }] },
    },
  });
  const skus = Array.from({ length: skuCount }, (_, i) => `FAN-${t}-${i + 1}`);
  for (const [position, sku] of skus.entries()) {
    await unscopedDb.productVariant.create({ data: { organizationId: org.id, productId: product.id, sku, netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100, position } });
  }
  return { id: org.id, scoped: forOrganization(org.id), skus };
}

let a: Maker;
let b: Maker;
let lisbon: string;
let saoPaulo: string;
const inTenDays = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

function input(m: Maker, overrides: Partial<InboundInput> = {}): InboundInput {
  return {
    warehouseId: lisbon,
    expectedOn: new Date(`${inTenDays()}T00:00:00Z`),
    cartons: 5,
    notes: "Contentor 40' — MSC",
    lines: [
      { sku: m.skus[0]!, quantity: 24, cartons: 4 },
      { sku: m.skus[1]!, quantity: 6, cartons: 1 },
    ],
    ...overrides,
  };
}

async function inboundError(promise: Promise<unknown>): Promise<InboundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InboundError);
  return error as InboundError;
}

beforeAll(async () => {
  a = await maker("Zhuhai Fans A");
  b = await maker("Zhuhai Fans B");
  lisbon = (await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "LIS" } })).id;
  saoPaulo = (await unscopedDb.warehouse.findUniqueOrThrow({ where: { code: "GRU" } })).id;
});

describe("creating an inbound shipment", () => {
  it("saves a DRAFT with a yearly ASN reference, its lines and its cartons", async () => {
    const created = await createInbound(a.scoped, input(a));
    expect(created.reference).toMatch(new RegExp(`^ASN-${new Date().getUTCFullYear()}-\\d{6}$`));
    const detail = (await getInbound(a.scoped, created.id, "pt"))!;
    expect(detail.status).toBe("DRAFT");
    expect(detail.cartons).toBe(5);
    expect(detail.notes).toBe("Contentor 40' — MSC");
    expect(detail.warehouse.code).toBe("LIS");
    expect(detail.expectedOnIso).toBe(inTenDays());
    expect(detail.lines.map((l) => [l.sku, l.expectedQuantity, l.cartons, l.receivedQuantity])).toEqual([
      [a.skus[0], 24, 4, 0],
      [a.skus[1], 6, 1, 0],
    ]);
    expect(detail.lines[0]!.productName).toMatch(/^Ventilador /);
    // The scoped client stamped the owner on the shipment and on every line.
    const lines = await unscopedDb.inboundShipmentLine.findMany({ where: { inboundShipmentId: created.id }, select: { organizationId: true } });
    expect(lines.every((l) => l.organizationId === a.id)).toBe(true);
    const shipment = await unscopedDb.inboundShipment.findUniqueOrThrow({ where: { id: created.id } });
    expect(shipment.organizationId).toBe(a.id);
    expect(shipment.createdById).toBeNull();
  });

  it("numbers references one after the other", async () => {
    const first = await createInbound(a.scoped, input(a));
    const second = await createInbound(b.scoped, input(b));
    const n = (reference: string) => Number(reference.slice(-6));
    expect(n(second.reference)).toBe(n(first.reference) + 1);
  });

  it("gives every shipment its own reference when many are created at once, across manufacturers", async () => {
    const created = await Promise.all(Array.from({ length: 16 }, (_, i) => createInbound(i % 2 ? a.scoped : b.scoped, input(i % 2 ? a : b))));
    const references = created.map((c) => c.reference);
    expect(new Set(references).size).toBe(16);
    const numbers = references.map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
    // Consecutive: nobody skipped, nobody collided.
    expect(numbers.at(-1)! - numbers[0]!).toBe(15);
  });

  it("refuses a SKU of another manufacturer at its line, and writes nothing", async () => {
    const before = await unscopedDb.inboundShipment.count();
    const error = await inboundError(createInbound(a.scoped, input(a, { lines: [{ sku: a.skus[0]!, quantity: 6, cartons: 1 }, { sku: b.skus[0]!, quantity: 6, cartons: 1 }] })));
    expect(error.code).toBe("sku_not_found");
    expect(error.field).toBe("lines.1.sku");
    expect(error.params.sku).toBe(b.skus[0]);
    expect(await unscopedDb.inboundShipment.count()).toBe(before);
  });

  it("sends to overseas warehouses only", async () => {
    const origin = await unscopedDb.warehouse.create({
      data: { kind: "ORIGIN", code: `ZUH-T${tag()}`, name: "Zhuhai origin", city: "Zhuhai", countryCode: "CN", addressLine1: "Jinwan", timeZone: "Asia/Shanghai", ownerOrganizationId: a.id },
    });
    const error = await inboundError(createInbound(a.scoped, input(a, { warehouseId: origin.id })));
    expect(error.code).toBe("warehouse_not_found");
    expect(error.field).toBe("warehouseId");
  });
});

describe("the life of a shipment", () => {
  it("edits a DRAFT, ships it (IN_TRANSIT, shippedAt), then refuses edits and a second shipping, and cancels it", async () => {
    const { id } = await createInbound(a.scoped, input(a));
    await updateInbound(a.scoped, id, input(a, { warehouseId: saoPaulo, cartons: 7, notes: "", lines: [{ sku: a.skus[1]!, quantity: 42, cartons: 7 }] }));
    let detail = (await getInbound(a.scoped, id, "en"))!;
    expect(detail.warehouse.code).toBe("GRU");
    expect(detail.cartons).toBe(7);
    expect(detail.lines.map((l) => [l.sku, l.expectedQuantity, l.cartons])).toEqual([[a.skus[1], 42, 7]]);

    const shippedAt = new Date();
    expect(await transitionInbound(a.scoped, id, "ship", { now: shippedAt })).toEqual({ status: "IN_TRANSIT" });
    detail = (await getInbound(a.scoped, id, "en"))!;
    expect(detail.status).toBe("IN_TRANSIT");
    expect(detail.shippedAt?.getTime()).toBe(shippedAt.getTime());

    expect((await inboundError(updateInbound(a.scoped, id, input(a)))).code).toBe("not_editable");
    expect((await inboundError(transitionInbound(a.scoped, id, "ship"))).code).toBe("not_shippable");

    expect(await transitionInbound(a.scoped, id, "cancel")).toEqual({ status: "CANCELLED" });
    expect((await inboundError(transitionInbound(a.scoped, id, "cancel"))).code).toBe("not_cancellable");
    expect((await inboundError(transitionInbound(a.scoped, id, "ship"))).code).toBe("not_shippable");
  });

  it("cancels a DRAFT, but not a shipment the warehouse has started receiving", async () => {
    const draft = await createInbound(a.scoped, input(a));
    expect(await transitionInbound(a.scoped, draft.id, "cancel")).toEqual({ status: "CANCELLED" });

    const receiving = await createInbound(a.scoped, input(a));
    await transitionInbound(a.scoped, receiving.id, "ship");
    await unscopedDb.inboundShipment.update({ where: { id: receiving.id }, data: { status: "PARTIALLY_RECEIVED" } });
    expect((await inboundError(transitionInbound(a.scoped, receiving.id, "cancel"))).code).toBe("not_cancellable");
    expect((await getInbound(a.scoped, receiving.id, "en"))!.status).toBe("PARTIALLY_RECEIVED");
  });

  it("lists the organization's shipments with statuses and quantities, and those on their way", async () => {
    const { id } = await createInbound(a.scoped, input(a));
    await transitionInbound(a.scoped, id, "ship");
    const all = await listInbound(a.scoped);
    const row = all.find((r) => r.id === id)!;
    expect(row.status).toBe("IN_TRANSIT");
    expect(row.expectedUnits).toBe(30);
    expect(row.lineCount).toBe(2);
    expect(row.warehouse.code).toBe("LIS");
    const onTheWay = await listInbound(a.scoped, { onTheWay: true });
    expect(onTheWay.every((r) => r.status === "IN_TRANSIT" || r.status === "PARTIALLY_RECEIVED")).toBe(true);
    expect(onTheWay.some((r) => r.id === id)).toBe(true);
  });

  it("shows the discrepancies the warehouse recorded, with their photos", async () => {
    const { id } = await createInbound(a.scoped, input(a));
    await transitionInbound(a.scoped, id, "ship");
    const line = await unscopedDb.inboundShipmentLine.findFirstOrThrow({ where: { inboundShipmentId: id, organizationId: a.id }, orderBy: { id: "asc" } });
    await unscopedDb.inboundDiscrepancy.create({ data: { organizationId: a.id, inboundShipmentId: id, lineId: line.id, kind: "SHORT", quantity: 6, cartons: 1, note: "1 caixa a menos", photoKeys: [`inbound/${id}/photo-1.jpg`] } });
    await unscopedDb.inboundShipment.update({ where: { id }, data: { hasDiscrepancies: true, status: "RECEIVED", receivedAt: new Date() } });
    const detail = (await getInbound(a.scoped, id, "pt"))!;
    expect(detail.status).toBe("RECEIVED");
    expect(detail.hasDiscrepancies).toBe(true);
    expect(detail.discrepancies).toEqual([expect.objectContaining({ sku: a.skus[0], kind: "SHORT", quantity: 6, cartons: 1, note: "1 caixa a menos", photoKeys: [`inbound/${id}/photo-1.jpg`] })]);
  });
});

describe("tenancy", () => {
  it("another manufacturer's shipment is not found: not read, edited, shipped, cancelled or listed", async () => {
    const { id } = await createInbound(a.scoped, input(a));
    expect(await getInbound(b.scoped, id, "en")).toBeNull();
    expect(await updateInbound(b.scoped, id, input(b))).toBeNull();
    expect(await transitionInbound(b.scoped, id, "ship")).toBeNull();
    expect(await transitionInbound(b.scoped, id, "cancel")).toBeNull();
    expect((await listInbound(b.scoped)).some((r) => r.id === id)).toBe(false);
    expect((await getInbound(a.scoped, id, "en"))!.status).toBe("DRAFT");
  });
});

describe("the inbound form", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("reads lines by row, ignores empty rows, and leaves empty cartons to be worked out", () => {
    const parsed = parseInboundForm(
      form({ warehouseId: lisbon, expectedOn: inTenDays(), cartons: "", notes: " ok ", "line.0.sku": "A-1", "line.0.quantity": "12", "line.0.cartons": "2", "line.3.sku": "", "line.5.sku": "A-2", "line.5.quantity": "6", "line.5.cartons": "" }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.cartons).toBeNull();
    expect(parsed.input.notes).toBe("ok");
    expect(parsed.input.lines).toEqual([
      { sku: "A-1", quantity: 12, cartons: 2 },
      { sku: "A-2", quantity: 6, cartons: null },
    ]);
    // A save error at lines.1.sku points at the form's row 5.
    expect(parsed.fieldFor("lines.1.sku")).toBe("line.5.sku");
  });

  it("works out empty cartons: a line's from the pack size (rounded up), the total from the lines", async () => {
    const { id } = await createInbound(a.scoped, input(a, { cartons: null, lines: [{ sku: a.skus[0]!, quantity: 25, cartons: null }, { sku: a.skus[1]!, quantity: 6, cartons: 2 }] }));
    const detail = (await getInbound(a.scoped, id, "en"))!;
    // Pack size 6: 25 units are 5 cartons.
    expect(detail.lines.map((l) => l.cartons)).toEqual([5, 2]);
    expect(detail.cartons).toBe(7);
  });

  it("answers field errors keyed by form field: quantities, duplicates, dates, no lines", () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const parsed = parseInboundForm(form({ warehouseId: lisbon, expectedOn: yesterday, cartons: "2", "line.0.sku": "A-1", "line.0.quantity": "0", "line.1.sku": "a-1", "line.1.quantity": "3" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors["line.0.quantity"]).toBe("inventory.validation.positive");
    expect(parsed.fieldErrors["line.1.sku"]).toBe("inventory.validation.duplicateSku");

    const past = parseInboundForm(form({ warehouseId: lisbon, expectedOn: yesterday, cartons: "2", "line.0.sku": "A-1", "line.0.quantity": "3" }));
    expect(past.ok ? {} : past.fieldErrors).toEqual({ expectedOn: "inventory.validation.dateInPast" });

    const empty = parseInboundForm(form({ warehouseId: lisbon, expectedOn: inTenDays(), cartons: "2" }));
    expect(empty.ok ? {} : empty.fieldErrors.lines).toBe("inventory.validation.lineRequired");

    const bad = parseInboundForm(form({ warehouseId: "nope", expectedOn: "10/12/2026", cartons: "x", "line.0.sku": "A-1", "line.0.quantity": "2.5" }));
    expect(bad.ok ? {} : Object.keys(bad.fieldErrors).sort()).toEqual(["cartons", "expectedOn", "line.0.quantity", "warehouseId"]);
  });

  it("round-trips a saved shipment through the form's values", async () => {
    const { id } = await createInbound(a.scoped, input(a));
    const detail = (await getInbound(a.scoped, id, "en"))!;
    const values = inboundToFormValues(detail);
    const parsed = parseInboundForm(form(values));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.input).toEqual({ ...input(a), notes: "Contentor 40' — MSC" });
  });
});

describe("the product form and stock", () => {
  async function product(m: Maker) {
    const category = await unscopedDb.category.findUniqueOrThrow({ where: { slug: "kitchen-appliances" } });
    const t = tag();
    const input = ProductInputSchema.parse({
      categoryId: category.id,
      sourceLocale: "pt",
      hsCode: "8516.79",
      packSize: 6,
      moq: 12,
      currencyCode: "USD",
      leadTimeDays: 15,
      translations: { pt: { name: `Chaleira ${t}` } },
      variants: ["A", "B", "C"].map((v) => ({ sku: `KT-${t}-${v}`, netWeightG: 900, grossWeightG: 1100, lengthMm: 200, widthMm: 160, heightMm: 240 })),
      priceTiers: [{ minQuantity: 12, unitPriceMinor: 1250n }],
    });
    const saved = await createProduct(m.scoped, input);
    return { id: saved.id, input };
  }

  it("refuses to remove a SKU with stock or an inbound shipment, with a field error, and removes one without", async () => {
    const { id, input } = await product(a);
    const [withStock, withInbound, free] = await unscopedDb.productVariant.findMany({ where: { productId: id, organizationId: a.id }, orderBy: { position: "asc" } });
    await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: a.id, warehouseId: lisbon, variantId: withStock!.id, kind: "RECEIPT", onHandDelta: 12 }));
    await createInbound(a.scoped, { ...input_(withInbound!.sku) });

    const without = (sku: string) => ({ ...input, variants: input.variants.filter((v) => v.sku !== sku) });
    for (const variant of [withStock!, withInbound!]) {
      const error = await updateProduct(a.scoped, id, without(variant.sku)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProductSaveError);
      expect(error).toMatchObject({ code: "variant_in_stock", field: "variants", params: { sku: variant.sku }, messageKey: "console.saveErrors.variant_in_stock" });
    }
    expect(await unscopedDb.productVariant.count({ where: { productId: id, organizationId: a.id } })).toBe(3);

    await updateProduct(a.scoped, id, without(free!.sku));
    expect((await unscopedDb.productVariant.findMany({ where: { productId: id, organizationId: a.id } })).map((v) => v.sku).sort()).toEqual([withStock!.sku, withInbound!.sku].sort());

    function input_(sku: string): InboundInput {
      return { warehouseId: lisbon, expectedOn: new Date(`${inTenDays()}T00:00:00Z`), cartons: 1, notes: "", lines: [{ sku, quantity: 6, cartons: 1 }] };
    }
  });

  it("saves the 'show stock quantities to buyers' toggle from the form, and keeps it when a form leaves it out", async () => {
    const { id } = await product(a);
    const edit = async (change: (values: Record<string, string>) => Record<string, string>) => {
      const values = change(productToFormValues((await getProductForEdit(a.scoped, id))!));
      const data = new FormData();
      for (const [k, v] of Object.entries(values)) data.append(k, v);
      const parsed = parseProductForm(data, "pt");
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
      await updateProduct(a.scoped, id, parsed.input);
      return (await unscopedDb.product.findUniqueOrThrow({ where: { id } })).showStockQuantities;
    };
    expect((await unscopedDb.product.findUniqueOrThrow({ where: { id } })).showStockQuantities).toBe(false);
    // The page sends the hidden "off" and, when ticked, the checkbox's "on" after it.
    expect(await edit((v) => ({ ...v, showStockQuantities: "on" }))).toBe(true);
    expect(productToFormValues((await getProductForEdit(a.scoped, id))!).showStockQuantities).toBe("on");
    const { showStockQuantities: _dropped, ...rest } = productToFormValues((await getProductForEdit(a.scoped, id))!);
    expect(await edit(() => rest)).toBe(true);
    expect(await edit((v) => ({ ...v, showStockQuantities: "off" }))).toBe(false);
  });
});

describe("the console's pages: who sees what", () => {
  async function member(organizationId: string, role: "OWNER" | "MEMBER" = "OWNER") {
    const user = await unscopedDb.user.create({ data: { email: `page-${tag().toLowerCase()}@inbound.test`, name: "Page User", passwordHash: "x" } });
    await unscopedDb.membership.create({ data: { organizationId, userId: user.id, role } });
    return user.id;
  }

  async function request(userId: string, pathname: string, form?: Record<string, string>) {
    const session = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
    const csrf = newCsrfCookieValue();
    const headers = { Cookie: `${session}; ${CSRF_COOKIE}=${encodeURIComponent(csrf)}` };
    if (!form) return new Request(`http://localhost${pathname}`, { headers });
    const body = new URLSearchParams({ ...form, csrf: csrfTokenFromCookieHeader(headers.Cookie)! });
    return new Request(`http://localhost${pathname}`, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body });
  }

  async function status(promise: Promise<unknown>): Promise<number | "ok"> {
    try {
      const result = await promise;
      return result instanceof Response ? result.status : "ok";
    } catch (error) {
      if (error instanceof Response) return error.status;
      throw error;
    }
  }

  it("shows a manufacturer its own shipments only; another's is a 404, and so is the area for other kinds", async () => {
    const ownerA = await member(a.id);
    const ownerB = await member(b.id);
    const buyer = await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Loja Lisboa", countryCode: "PT" } });
    const buyerUser = await member(buyer.id);
    const { id, reference } = await createInbound(a.scoped, input(a));
    const args = async (userId: string, orgId: string, form?: Record<string, string>) => ({
      request: await request(userId, `/pt/orgs/${orgId}/inventory/inbound/${id}`, form),
      params: { lang: "pt", orgId, inboundId: id },
      context: { cspNonce: "test" },
    });

    const page = (await inboundPage(await args(ownerA, a.id))) as { shipment: { reference: string; status: string } };
    expect(page.shipment).toMatchObject({ reference, status: "DRAFT" });
    // B, under its own organization or under A's: not found.
    expect(await status(inboundPage(await args(ownerB, b.id)))).toBe(404);
    expect(await status(inboundPage(await args(ownerB, a.id)))).toBe(404);
    expect(await status(inboundAction(await args(ownerB, b.id, { intent: "cancel" })))).toBe(404);
    expect(await status(inboundAction(await args(ownerB, b.id, { intent: "ship" })))).toBe(404);
    expect((await getInbound(a.scoped, id, "en"))!.status).toBe("DRAFT");
    // A buyer has no inventory console.
    expect(await status(inventoryLayout({ request: await request(buyerUser, `/pt/orgs/${buyer.id}/inventory`), params: { lang: "pt", orgId: buyer.id }, context: { cspNonce: "test" } }))).toBe(404);
    // The owner ships it through the page; shipping twice is a 409 with the reason in words.
    expect(await inboundAction(await args(ownerA, a.id, { intent: "ship" }))).toEqual({ ok: true, intent: "ship" });
    const again = (await inboundAction(await args(ownerA, a.id, { intent: "ship" }))) as unknown as { init: { status: number }; data: { formError: string } };
    expect(again.init.status).toBe(409);
    expect(again.data.formError).toBe(serverT("pt")("inventory.inbound.errors.not_shippable"));
  });

  it("serves the warehouse's discrepancy photos to the shipment's manufacturer only", async () => {
    const ownerA = await member(a.id);
    const ownerB = await member(b.id);
    const { id } = await createInbound(a.scoped, input(a));
    await transitionInbound(a.scoped, id, "ship");
    const line = await unscopedDb.inboundShipmentLine.findFirstOrThrow({ where: { inboundShipmentId: id, organizationId: a.id } });
    const photoId = randomUUID();
    const folder = photoFolder(a.id, id, photoId);
    await storage().put(`${folder}/w160.webp`, Buffer.from("RIFF-photo-w160"));
    await unscopedDb.inboundDiscrepancy.create({ data: { organizationId: a.id, inboundShipmentId: id, lineId: line.id, kind: "DAMAGED", quantity: 1, photoKeys: [`${folder}/original.jpg`] } });
    const photo = async (userId: string, orgId: string, file = "w160.webp") =>
      photoRoute({ request: await request(userId, `/pt/orgs/${orgId}/inventory/inbound/${id}/photos/${photoId}/${file}`), params: { lang: "pt", orgId, inboundId: id, photoId, file }, context: { cspNonce: "test" } });

    const response = (await photo(ownerA, a.id)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=86400");
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe("RIFF-photo-w160");
    expect(await status(photo(ownerB, b.id))).toBe(404);
    expect(await status(photo(ownerB, a.id))).toBe(404);
    expect(await status(photo(ownerA, a.id, "w9999.webp"))).toBe(404);
    // The detail page links the thumbnail and the large rendition.
    const page = (await inboundPage({ request: await request(ownerA, `/pt/orgs/${a.id}/inventory/inbound/${id}`), params: { lang: "pt", orgId: a.id, inboundId: id }, context: { cspNonce: "test" } })) as { discrepancies: { photos: { thumbnail: string; full: string }[] }[] };
    expect(page.discrepancies[0]!.photos).toEqual([{ id: photoId, thumbnail: `/pt/orgs/${a.id}/inventory/inbound/${id}/photos/${photoId}/w160.webp`, full: `/pt/orgs/${a.id}/inventory/inbound/${id}/photos/${photoId}/w1200.webp` }]);
  });
});
