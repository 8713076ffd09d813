import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { requireDeclarationViewer, requireExportAgent } from "~/modules/export-agency/agency-access.server";
import { MESSAGE_GUID } from "~/modules/export-agency/declaration-numbers";
import { applyDeclarationAction, DeclarationError, recordCustomsReceipt, updateLineHsCode, updateWaybill, type WaybillInput } from "~/modules/export-agency/declaration-lifecycle.server";
import { createMissingDeclarations, ensureInboundDeclaration, ensureOrderDeclaration, gatherDeclarationDocuments, gatherDeclarationDocumentsMany } from "~/modules/export-agency/declarations.server";
import { matchDocuments } from "~/modules/export-agency/matching";
import { transitionInbound } from "~/modules/inventory/inbound.server";
import { applyOrderEvent } from "~/modules/ordering/order-lifecycle.server";
import { createUserSession, sessionUserFromCookieHeader, setActiveOrganization } from "~/modules/tenancy/session.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { addMember, createManufacturer, createProduct, createUser, createWarehouse } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";

/**
 * Export declarations on a real database (PGlite, and the PostgreSQL server when TEST_DATABASE_URL is set): one per
 * Zhuhai order or shipped inbound shipment however the triggers race, no edit once filed, amendments that keep
 * the filing in the history, and tenancy (another manufacturer, or a platform member who is not an agent, gets 404).
 */

let database: TestDatabase;
let world: OrderWorld;
const SYSTEM = { userId: null, organizationId: null };

beforeAll(async () => {
  database = await setupTestDatabase();
  world = await createOrderWorld(1000);
  // Company codes as customs needs them: the exporter's and the agency's USCC.
  await unscopedDb.organization.update({ where: { id: world.makerId }, data: { taxId: "91350100M000100Y43", legalNameZh: "珠海测试电器有限公司" } });
  await unscopedDb.organization.update({ where: { id: world.platformId }, data: { taxId: "91110000100010433L" } });
  const products = [...new Set(world.variants.map((v) => v.productId))];
  await unscopedDb.product.updateMany({ where: { id: { in: products } }, data: { hsCodeCn: "8516797000" } });
  for (const productId of products) await unscopedDb.productTranslation.create({ data: { organizationId: world.makerId, productId, locale: "zh", name: "电热水壶" } });
}, 240_000);
afterAll(() => database.cleanup());

/** A placed order turned into one shipped from Zhuhai (source ORIGIN), in PAID. */
async function paidZhuhaiOrder(quantities = [3, 2]) {
  const order = await createPlacedOrder(world, quantities);
  await unscopedDb.order.update({ where: { id: order.id }, data: { source: "ORIGIN", tradeTerm: "FOB" } });
  return order;
}

async function waybillFor(declarationId: string, overrides: Partial<WaybillInput> = {}): Promise<WaybillInput> {
  const docs = (await gatherDeclarationDocuments(unscopedDb, declarationId))!;
  return {
    logisticsCode: "4403960Q0T",
    logisticsName: "珠海国际货运代理有限公司",
    logisticsNo: "784-76543213",
    transportMode: "AIR",
    containerNumber: null,
    freightMinor: 0n,
    insuredFeeMinor: 0n,
    waybillGrossWeightG: docs.packing.grossWeightG,
    waybillPackages: docs.packing.packages,
    customsOfficeCode: "5710",
    portCode: "5710",
    ...overrides,
  };
}

describe("creation", () => {
  it("a Zhuhai order gets its 9710 when it is paid (applyOrderEvent), with lines, weights and an uppercase guid", async () => {
    const order = await paidZhuhaiOrder([3, 2]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: SYSTEM });
    const declaration = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { orderId: order.id }, include: { lines: { orderBy: { position: "asc" } }, events: true } });
    expect(declaration.mode).toBe("B2B_DIRECT_9710");
    expect(declaration.number).toMatch(/^DEC-\d{4}-\d{6}$/);
    expect(declaration.guid).toMatch(MESSAGE_GUID);
    expect(declaration.status).toBe("DRAFT");
    expect(declaration.destinationCountry).toBe("BR");
    expect(declaration.lines.map((l) => [l.position, l.quantity, l.hsCode, l.itemName, l.netWeightG, l.grossWeightG, l.totalMinor])).toEqual([
      [1, 3, "8516797000", "电热水壶", 3000, 3600, 3000n],
      [2, 2, "8516797000", "电热水壶", 2000, 2400, 2000n],
    ]);
    expect(declaration.events.map((e) => e.kind)).toEqual(["created"]);
    // Shipping it later does not make a second one.
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "start_fulfilment" }, actor: SYSTEM });
    expect(await unscopedDb.exportDeclaration.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("a warehouse order gets none", async () => {
    const order = await createPlacedOrder(world, [1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: SYSTEM });
    expect(await unscopedDb.exportDeclaration.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("racing triggers and sweeps end with exactly one declaration per order, and distinct numbers across orders", async () => {
    const orders = [await paidZhuhaiOrder([1]), await paidZhuhaiOrder([2]), await paidZhuhaiOrder([4])];
    await unscopedDb.order.updateMany({ where: { id: { in: orders.map((o) => o.id) } }, data: { status: "PAID", paidAt: new Date() } });
    const attempts = orders.flatMap((order) => [
      unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, order.id)),
      unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, order.id)),
      unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, order.id)),
    ]);
    const results = await Promise.all([...attempts, createMissingDeclarations(), createMissingDeclarations()]);
    const made = results.slice(0, attempts.length) as ({ created: boolean; id: string } | null)[];
    for (const order of orders) {
      const rows = await unscopedDb.exportDeclaration.findMany({ where: { orderId: order.id }, include: { events: true, lines: true } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.events.filter((e) => e.kind === "created")).toHaveLength(1);
      expect(rows[0]!.lines).toHaveLength(1);
    }
    // Every caller was told about the same declaration per order.
    expect(new Set(made.map((m) => m!.id)).size).toBe(3);
    const numbers = await unscopedDb.exportDeclaration.findMany({ select: { number: true } });
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
  });

  it("an inbound shipment gets its 9810 when marked shipped; the sweep fills a gap; a line without a China code is created and flagged", async () => {
    const warehouse = await createWarehouse("Lisboa", "PT");
    const { product, variants } = await createProduct(world.makerId, ["ASN-A"]);
    const draft = await unscopedDb.inboundShipment.create({
      data: { organizationId: world.makerId, warehouseId: warehouse.id, reference: `ASN-2026-9${Date.now().toString().slice(-5)}`, status: "DRAFT", expectedOn: new Date(Date.UTC(2026, 11, 20)), cartons: 2, lines: { create: [{ organizationId: world.makerId, productId: product.id, variantId: variants[0]!.id, expectedQuantity: 10, cartons: 2 }] } },
    });
    await transitionInbound(forOrganization(world.makerId), draft.id, "ship");
    const declaration = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { inboundShipmentId: draft.id }, include: { lines: true } });
    expect(declaration.mode).toBe("OVERSEAS_WAREHOUSE_9810");
    expect(declaration.destinationCountry).toBe("PT");
    expect(declaration.lines[0]!.hsCode).toBe("");
    const docs = (await gatherDeclarationDocuments(unscopedDb, declaration.id))!;
    expect(docs.order.orderType).toBe("W");
    expect(docs.receipt).toBeNull();
    expect(docs.packing).toEqual({ grossWeightG: 12_000, netWeightG: 10_000, packages: 2 });
    expect(matchDocuments(docs).map((m) => m.code)).toContain("hs_code_invalid");

    // A shipment marked in transit some other way: the sweep gives it one, once.
    const other = await unscopedDb.inboundShipment.create({
      data: { organizationId: world.makerId, warehouseId: warehouse.id, reference: `ASN-2026-8${Date.now().toString().slice(-5)}`, status: "IN_TRANSIT", shippedAt: new Date(), expectedOn: new Date(Date.UTC(2026, 11, 20)), cartons: 1, lines: { create: [{ organizationId: world.makerId, productId: product.id, variantId: variants[0]!.id, expectedQuantity: 1, cartons: 1 }] } },
    });
    const [a, b] = await Promise.all([createMissingDeclarations(), unscopedDb.$transaction((tx) => ensureInboundDeclaration(tx, other.id))]);
    expect(a.shipments + (b?.created ? 1 : 0)).toBe(1);
    expect(await unscopedDb.exportDeclaration.count({ where: { inboundShipmentId: other.id } })).toBe(1);
  });
});

describe("documents of many declarations (the work queue)", () => {
  it("are read together (each table once for all of them) and equal each one's own", async () => {
    const ids = (await unscopedDb.exportDeclaration.findMany({ select: { id: true } })).map((d) => d.id);
    expect(ids.length).toBeGreaterThan(2);
    const many = await unscopedDb.$transaction((tx) => gatherDeclarationDocumentsMany(tx, ids));
    expect(many.size).toBe(ids.length);
    for (const id of ids) expect(many.get(id)).toEqual(await unscopedDb.$transaction((tx) => gatherDeclarationDocuments(tx, id)));
  });
});

describe("the lifecycle", () => {
  it("validates only when the documents agree; a submitted declaration cannot be edited; an amendment keeps the filing", async () => {
    const order = await paidZhuhaiOrder([5]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: SYSTEM });
    const { id } = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { orderId: order.id }, select: { id: true } });
    const agent = await createUser();
    const actor = { userId: agent.id };

    // The forwarder's waybill says 2.5 kg more than the packing list: validation is refused.
    const packing = (await gatherDeclarationDocuments(unscopedDb, id))!.packing;
    await updateWaybill(id, await waybillFor(id, { waybillGrossWeightG: packing.grossWeightG + 2500 }), actor);
    expect(matchDocuments((await gatherDeclarationDocuments(unscopedDb, id))!).map((m) => m.code)).toEqual(["gross_weight_mismatch"]);
    await expect(applyDeclarationAction(id, "validate", actor)).rejects.toMatchObject({ code: "mismatches", status: 409 });

    // Corrected: the event keeps what it was.
    await updateWaybill(id, await waybillFor(id), actor, { note: "reweighed" });
    const correction = await unscopedDb.exportDeclarationEvent.findFirstOrThrow({ where: { declarationId: id, kind: "waybill_corrected", note: "reweighed" } });
    expect(correction.previous).toEqual({ waybillGrossWeightG: packing.grossWeightG + 2500 });
    await applyDeclarationAction(id, "validate", actor);
    await expect(applyDeclarationAction(id, "release", actor)).rejects.toMatchObject({ code: "not_allowed_in_status" });
    await applyDeclarationAction(id, "submit", actor);
    const filed = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id } });
    expect(filed.status).toBe("SUBMITTED");

    // Filed: no edit, whatever the path.
    await expect(updateWaybill(id, await waybillFor(id, { waybillPackages: 9 }), actor)).rejects.toMatchObject({ code: "locked", status: 409 });
    await expect(updateLineHsCode(id, 1, "8516710000", actor)).rejects.toBeInstanceOf(DeclarationError);
    await expect(applyDeclarationAction(id, "amend", actor)).rejects.toMatchObject({ code: "reason_required" });
    expect((await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id } })).waybillPackages).toBe(filed.waybillPackages);

    // Customs answers; then a formal amendment: version 2, a new guid, back to draft, the filing in the event.
    await recordCustomsReceipt(id, { messageType: "CEB604", returnStatus: "120", returnInfo: "入库成功", receivedAt: new Date() }, actor);
    const amended = await applyDeclarationAction(id, "amend", actor, { reason: "buyer changed the consignee's address" });
    expect(amended).toEqual({ status: "DRAFT", version: 2 });
    const after = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id } });
    expect(after.guid).not.toBe(filed.guid);
    expect(after.guid).toMatch(MESSAGE_GUID);
    expect(after.submittedAt).toBeNull();
    const event = await unscopedDb.exportDeclarationEvent.findFirstOrThrow({ where: { declarationId: id, kind: "amended" } });
    expect(event).toMatchObject({ fromStatus: "SUBMITTED", toStatus: "DRAFT", actorUserId: agent.id, note: "buyer changed the consignee's address" });
    expect(event.previous).toMatchObject({ guid: filed.guid, version: 1, status: "SUBMITTED", logisticsNo: "784-76543213", waybillGrossWeightG: packing.grossWeightG, lines: [{ position: 1, quantity: 5, hsCode: "8516797000" }] });
    // Editable again, and the whole story is there in order.
    await updateWaybill(id, await waybillFor(id, { waybillPackages: 1 }), actor);
    const kinds = (await unscopedDb.exportDeclarationEvent.findMany({ where: { declarationId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((e) => e.kind);
    expect(kinds).toEqual(["created", "waybill_corrected", "waybill_corrected", "validated", "submitted", "receipt", "amended", "waybill_corrected"]);
    expect(await unscopedDb.customsReceipt.count({ where: { declarationId: id } })).toBe(1);
  });

  it("a rejection needs customs' reason and keeps it", async () => {
    const order = await paidZhuhaiOrder([1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: SYSTEM });
    const { id } = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { orderId: order.id }, select: { id: true } });
    const actor = { userId: null };
    await updateWaybill(id, await waybillFor(id), actor);
    await applyDeclarationAction(id, "validate", actor);
    await applyDeclarationAction(id, "submit", actor);
    await expect(applyDeclarationAction(id, "reject", actor, { reason: "  " })).rejects.toMatchObject({ code: "reason_required", status: 400 });
    await applyDeclarationAction(id, "reject", actor, { reason: "商品编码与申报要素不符" });
    expect(await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", rejectionReason: "商品编码与申报要素不符" });
  });
});

describe("tenancy", () => {
  async function requestAs(userId: string, organizationId: string) {
    const setCookie = await createUserSession(userId, new Request("http://127.0.0.1/"));
    const cookie = setCookie.split(";")[0]!;
    const session = await sessionUserFromCookieHeader(cookie);
    await setActiveOrganization(session!.sessionId, organizationId);
    return new Request("http://127.0.0.1/en/declarations", { headers: { Cookie: cookie } });
  }
  async function status(promise: Promise<unknown>): Promise<number> {
    try {
      await promise;
      return 200;
    } catch (error) {
      if (error instanceof Response) return error.status;
      throw error;
    }
  }

  it("the owning manufacturer and the agents see it; another manufacturer, a plain platform member and a bad number get 404", async () => {
    const order = await paidZhuhaiOrder([1]);
    await applyOrderEvent(unscopedDb, { orderId: order.id, event: { kind: "payment_received", amountMinor: order.buyerTotalMinor }, actor: SYSTEM });
    const { number } = await unscopedDb.exportDeclaration.findUniqueOrThrow({ where: { orderId: order.id }, select: { number: true } });

    const makerUser = await createUser();
    await addMember(world.makerId, makerUser.id, "MEMBER");
    const other = await createManufacturer();
    const otherUser = await createUser();
    await addMember(other.id, otherUser.id, "OWNER");
    const agentUser = await createUser();
    await unscopedDb.membership.create({ data: { organizationId: world.platformId, userId: agentUser.id, role: "MEMBER", exportAgent: true } });
    const plainPlatform = await createUser();
    await addMember(world.platformId, plainPlatform.id, "MEMBER");
    const platformAdmin = await createUser();
    await addMember(world.platformId, platformAdmin.id, "ADMIN");

    const maker = await requireDeclarationViewer(await requestAs(makerUser.id, world.makerId), "en", number);
    expect(maker.viewer).toBe("manufacturer");
    expect((await requireDeclarationViewer(await requestAs(agentUser.id, world.platformId), "en", number.toLowerCase())).viewer).toBe("agent");
    expect((await requireDeclarationViewer(await requestAs(platformAdmin.id, world.platformId), "en", number)).viewer).toBe("agent");
    expect(await status(requireDeclarationViewer(await requestAs(otherUser.id, other.id), "en", number))).toBe(404);
    expect(await status(requireDeclarationViewer(await requestAs(plainPlatform.id, world.platformId), "en", number))).toBe(404);
    expect(await status(requireExportAgent(await requestAs(plainPlatform.id, world.platformId), "en"))).toBe(404);
    expect(await status(requireExportAgent(await requestAs(makerUser.id, world.makerId), "en"))).toBe(404);
    expect(await status(requireDeclarationViewer(await requestAs(agentUser.id, world.platformId), "en", "DEC-2026-999999"))).toBe(404);
    expect(await status(requireDeclarationViewer(await requestAs(agentUser.id, world.platformId), "en", "not-a-number"))).toBe(404);
    // Through the other tenant's own client it simply does not exist.
    expect(await forOrganization(other.id).exportDeclaration.findFirst({ where: { number } })).toBeNull();
  });
});
