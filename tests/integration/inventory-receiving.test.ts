import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage, setStorage, storage } from "~/modules/catalog/storage.server";
import { db, forOrganization, TenantScopeError, unscopedDb } from "~/modules/db/index.server";
import { listOutbox } from "~/modules/email/outbox.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { ReceivingError } from "~/modules/inventory/errors";
import { parseReceiptForm, receiveInboundShipment, resolveInboundPhoto, type ReceiveInput } from "~/modules/inventory/receiving.server";
import { findAccessibleWarehouse, forWarehouse, listDeskWarehouses, requireWarehouseAccess, WarehouseScopeError } from "~/modules/inventory/warehouse-access.server";
import { getInboundForWarehouse, listWarehouseStock } from "~/modules/inventory/warehouse-desk.server";
import { csrfTokenFromCookieHeader, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { createHttpApp } from "~/server/http.server";
import { addMember, createManufacturer, createOrganization, createProduct, createShipment, createUser, createWarehouse } from "../support/inventory-core-fixtures";
import { withTestDatabase } from "../support/database";

// The queue takes the emails the receipts send (nobody works it here: they stay in the outbox).
withTestDatabase({ queue: true });

let makerA: string;
let makerB: string;
let platform: string;
let lisbon: string;
let saoPaulo: string;
let staffLisbon: string;
let staffSaoPaulo: string;
let platformAdmin: string;
let skuA: { id: string; productId: string };
let skuB: { id: string; productId: string };
let ownerPt: string;
let uploads: string;

/** Files stored under a folder of the test's uploads. */
function filesUnder(folder: string): string[] {
  const root = path.join(uploads, folder);
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "ponte-receiving-"));
  setStorage(new LocalDiskStorage(uploads));
  makerA = (await createManufacturer("Receiving Maker A")).id;
  makerB = (await createManufacturer("Receiving Maker B")).id;
  platform = (await createOrganization("PLATFORM", "Receiving Platform")).id;
  // The seeded reference warehouses (their cities are translated by code), else test ones.
  lisbon = (await unscopedDb.warehouse.findUnique({ where: { code: "LIS" } }))?.id ?? (await createWarehouse("Lisboa", "PT")).id;
  saoPaulo = (await unscopedDb.warehouse.findUnique({ where: { code: "GRU" } }))?.id ?? (await createWarehouse("São Paulo", "BR")).id;
  const { variants } = await createProduct(makerA, ["RCV-A", "RCV-B"]);
  skuA = variants[0]!;
  skuB = variants[1]!;
  // The manufacturer's people: a Portuguese-speaking owner, an English admin, a member (no email).
  ownerPt = (await createUser(undefined, "Dono", "pt")).id;
  await addMember(makerA, ownerPt, "OWNER");
  await addMember(makerA, (await createUser(undefined, "Admin", "en")).id, "ADMIN");
  await addMember(makerA, (await createUser(undefined, "Member", "zh")).id, "MEMBER");
  // The platform: staff of Lisbon, staff of São Paulo, an admin.
  staffLisbon = (await createUser(undefined, "Staff Lisboa")).id;
  staffSaoPaulo = (await createUser(undefined, "Staff SP")).id;
  platformAdmin = (await createUser(undefined, "Platform Admin")).id;
  await addMember(platform, staffLisbon, "MEMBER");
  await addMember(platform, staffSaoPaulo, "MEMBER");
  await addMember(platform, platformAdmin, "ADMIN");
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: lisbon, userId: staffLisbon } });
  await unscopedDb.warehouseStaff.create({ data: { warehouseId: saoPaulo, userId: staffSaoPaulo } });
});

afterAll(() => setStorage(undefined));

async function jpeg(color = { r: 200, g: 40, b: 40 }) {
  return new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toBuffer());
}

const balance = (organizationId: string, warehouseId: string, variantId: string) => unscopedDb.stockBalance.findFirst({ where: { organizationId, warehouseId, variantId } });

function receive(input: Omit<ReceiveInput, "warehouseId"> & { warehouseId?: string }) {
  return receiveInboundShipment({ warehouseId: lisbon, userId: staffLisbon, ...input });
}

describe("receiving an inbound shipment", () => {
  it("a partial receipt puts good units in stock and keeps the shipment open", async () => {
    const shipment = await createShipment(makerA, lisbon, [
      { variantId: skuA.id, productId: skuA.productId, expected: 120, cartons: 10 },
      { variantId: skuB.id, productId: skuB.productId, expected: 48, cartons: 4 },
    ]);
    const [lineA, lineB] = [shipment.lines.find((l) => l.variantId === skuA.id)!, shipment.lines.find((l) => l.variantId === skuB.id)!];
    const first = await receive({ shipmentId: shipment.id, lines: [{ lineId: lineA.id, received: 60, damaged: 0 }], close: false });
    expect(first).toMatchObject({ status: "PARTIALLY_RECEIVED", hasDiscrepancies: false, receivedUnits: 60, damagedUnits: 0, discrepancies: [] });
    expect(await balance(makerA, lisbon, skuA.id)).toMatchObject({ onHand: 60, reserved: 0 });
    const receipt = await unscopedDb.stockMovement.findFirstOrThrow({ where: { organizationId: makerA, inboundShipmentId: shipment.id } });
    expect(receipt).toMatchObject({ kind: "RECEIPT", onHandDelta: 60, userId: staffLisbon, warehouseId: lisbon });
    expect(await unscopedDb.inboundShipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ status: "PARTIALLY_RECEIVED", receivedAt: null });

    // The rest arrives: one carton of A short (10 units), 2 damaged with a photo; B 46 of 48, then closed.
    const photo = await jpeg();
    const second = await receive({
      shipmentId: shipment.id,
      lines: [
        { lineId: lineA.id, received: 48, damaged: 2 },
        { lineId: lineB.id, received: 46, damaged: 0 },
      ],
      discrepancies: [
        { lineId: lineA.id, kind: "SHORT", quantity: 10, cartons: 1, note: "carton 7 of 10 missing", photos: [] },
        { lineId: lineA.id, kind: "DAMAGED", quantity: 2, cartons: 0, note: "crushed corner", photos: [{ data: photo, name: "crushed.jpg" }] },
      ],
      close: true,
    });
    expect(second.status).toBe("RECEIVED");
    expect(second.hasDiscrepancies).toBe(true);
    expect(second.discrepancies).toEqual(
      expect.arrayContaining([
        { lineId: lineA.id, kind: "SHORT", quantity: 10, cartons: 1, derived: false },
        { lineId: lineA.id, kind: "DAMAGED", quantity: 2, cartons: 0, derived: false },
        // B's 2 missing units: recorded SHORT by closing.
        { lineId: lineB.id, kind: "SHORT", quantity: 2, cartons: 0, derived: true },
      ]),
    );
    expect(second.discrepancies).toHaveLength(3);
    expect(await balance(makerA, lisbon, skuA.id)).toMatchObject({ onHand: 108 });
    expect(await balance(makerA, lisbon, skuB.id)).toMatchObject({ onHand: 46 });
    const stored = await unscopedDb.inboundShipment.findUniqueOrThrow({ where: { id: shipment.id }, include: { lines: true, discrepancies: true } });
    expect(stored.receivedAt).not.toBeNull();
    expect(stored.lines.find((l) => l.id === lineA.id)).toMatchObject({ receivedQuantity: 108, damagedQuantity: 2 });
    const damaged = stored.discrepancies.find((d) => d.kind === "DAMAGED")!;
    expect(damaged.photoKeys).toHaveLength(1);
    expect(damaged.photoKeys[0]).toMatch(new RegExp(`^inbound/${makerA}/${shipment.id}/[0-9a-f-]{36}/original\\.jpg$`));
    expect(damaged.recordedById).toBe(staffLisbon);

    // The photo is served to this warehouse and to the manufacturer, never to another warehouse or maker.
    const photoId = damaged.photoKeys[0]!.split("/")[3]!;
    const media = await resolveInboundPhoto({ shipmentId: shipment.id, photoId, width: 160, warehouseId: lisbon });
    expect(media?.key).toBe(`inbound/${makerA}/${shipment.id}/${photoId}/w160.webp`);
    expect(await storage().get(media!.key)).not.toBeNull();
    expect(await resolveInboundPhoto({ shipmentId: shipment.id, photoId, width: 1200, organizationId: makerA })).not.toBeNull();
    expect(await resolveInboundPhoto({ shipmentId: shipment.id, photoId, width: 160, warehouseId: saoPaulo })).toBeNull();
    expect(await resolveInboundPhoto({ shipmentId: shipment.id, photoId, width: 160, organizationId: makerB })).toBeNull();
    expect(await resolveInboundPhoto({ shipmentId: shipment.id, photoId, width: 480, warehouseId: lisbon })).toBeNull();

    // Closed: no further receipt.
    await expect(receive({ shipmentId: shipment.id, lines: [{ lineId: lineA.id, received: 1, damaged: 0 }], close: false })).rejects.toMatchObject({ code: "shipment_not_receivable" });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerA })).toEqual([]);
  });

  it("receiving everything expected closes the shipment; units over the notice are recorded OVER", async () => {
    const shipment = await createShipment(makerA, lisbon, [{ variantId: skuB.id, productId: skuB.productId, expected: 10, cartons: 1 }]);
    const line = shipment.lines[0]!;
    const result = await receive({ shipmentId: shipment.id, lines: [{ lineId: line.id, received: 12, damaged: 0 }], close: false });
    expect(result.status).toBe("RECEIVED");
    expect(result.discrepancies).toEqual([{ lineId: line.id, kind: "OVER", quantity: 2, cartons: 0, derived: true }]);
  });

  it("closing a shipment with nothing arrived records every line SHORT", async () => {
    const shipment = await createShipment(makerA, lisbon, [{ variantId: skuA.id, productId: skuA.productId, expected: 24, cartons: 2 }]);
    const result = await receive({ shipmentId: shipment.id, lines: [], close: true });
    expect(result).toMatchObject({ status: "RECEIVED", hasDiscrepancies: true, receivedUnits: 0 });
    expect(result.discrepancies).toEqual([{ lineId: shipment.lines[0]!.id, kind: "SHORT", quantity: 24, cartons: 0, derived: true }]);
  });

  it("refuses bad input without writing anything, and a bad photo leaves no file behind", async () => {
    const shipment = await createShipment(makerA, lisbon, [{ variantId: skuA.id, productId: skuA.productId, expected: 5, cartons: 1 }]);
    const line = shipment.lines[0]!;
    await expect(receive({ shipmentId: shipment.id, lines: [{ lineId: line.id, received: 0, damaged: 0 }], close: false })).rejects.toMatchObject({ code: "nothing_received" });
    await expect(receive({ shipmentId: shipment.id, lines: [{ lineId: line.id, received: -1, damaged: 0 }], close: false })).rejects.toMatchObject({ code: "invalid_quantity", field: "lines.0.received" });
    await expect(receive({ shipmentId: shipment.id, lines: [{ lineId: "0190b5f0-0000-7000-8000-000000000000", received: 1, damaged: 0 }], close: false })).rejects.toMatchObject({ code: "line_not_found" });
    const before = await balance(makerA, lisbon, skuA.id);
    const bad = receive({
      shipmentId: shipment.id,
      lines: [{ lineId: line.id, received: 5, damaged: 0 }],
      discrepancies: [{ lineId: line.id, kind: "DAMAGED", quantity: 1, cartons: 0, note: "", photos: [{ data: new TextEncoder().encode("not a picture"), name: "notes.txt" }] }],
      close: false,
    });
    await expect(bad).rejects.toBeInstanceOf(ReceivingError);
    await expect(bad).rejects.toMatchObject({ code: "invalid_photo", field: "discrepancies.0.photos", detail: { reason: "unsupported_type", fileName: "notes.txt" } });
    expect(await balance(makerA, lisbon, skuA.id)).toEqual(before);
    // A good photo stored before a failure inside the transaction is removed again.
    const failing = receive({
      shipmentId: shipment.id,
      lines: [{ lineId: line.id, received: 5, damaged: 0 }],
      discrepancies: [
        { lineId: line.id, kind: "DAMAGED", quantity: 1, cartons: 0, note: "", photos: [{ data: await jpeg(), name: "ok.jpg" }] },
        { lineId: "0190b5f0-0000-7000-8000-000000000001", kind: "SHORT", quantity: 1, cartons: 0, note: "", photos: [] },
      ],
      close: false,
    });
    await expect(failing).rejects.toMatchObject({ code: "line_not_found", field: "discrepancies.1.lineId" });
    expect(await unscopedDb.inboundDiscrepancy.count({ where: { organizationId: makerA, inboundShipmentId: shipment.id } })).toBe(0);
    expect(filesUnder(`inbound/${makerA}/${shipment.id}`)).toEqual([]);
  });

  it("two people receiving the same shipment at once are serialized", async () => {
    const shipment = await createShipment(makerA, lisbon, [{ variantId: skuB.id, productId: skuB.productId, expected: 40, cartons: 4 }]);
    const line = shipment.lines[0]!;
    const results = await Promise.allSettled([
      receive({ shipmentId: shipment.id, lines: [{ lineId: line.id, received: 20, damaged: 0 }], close: false }),
      receive({ shipmentId: shipment.id, lines: [{ lineId: line.id, received: 20, damaged: 0 }], close: false }),
    ]);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const stored = await unscopedDb.inboundShipmentLine.findUniqueOrThrow({ where: { id: line.id } });
    expect(stored.receivedQuantity).toBe(40);
    expect(await unscopedDb.inboundShipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ status: "RECEIVED" });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerA })).toEqual([]);
  });

  it("tells the manufacturer's owners and admins, each in their language", async () => {
    const shipment = await createShipment(makerA, lisbon, [{ variantId: skuA.id, productId: skuA.productId, expected: 6, cartons: 1 }]);
    await receive({ shipmentId: shipment.id, lines: [{ lineId: shipment.lines[0]!.id, received: 5, damaged: 1 }], close: true });
    const mails = (await listOutbox({ take: 50 })).filter((m) => m.kind === "inventory-inbound-received" && m.subject.includes(shipment.reference));
    expect(mails).toHaveLength(2);
    const owner = await unscopedDb.user.findUniqueOrThrow({ where: { id: ownerPt } });
    const pt = mails.find((m) => m.toAddress === owner.email)!;
    expect(pt.subject).toBe(`${shipment.reference} recebida em Lisboa, com divergências`);
    expect(pt.text).toContain("Unidades boas colocadas em estoque: 5. Unidades avariadas: 1.");
    expect(pt.text).toContain(`/pt/orgs/${makerA}/inventory`);
    expect(mails.find((m) => m.toAddress !== owner.email)!.subject).toBe(`${shipment.reference} received in Lisbon, with discrepancies`);
  });
});

describe("the receiving form", () => {
  it("reads lines and discrepancy rows, skipping unused rows and reporting bad figures", async () => {
    const form = new FormData();
    form.set("intent", "close");
    form.set("lines.0.lineId", "a");
    form.set("lines.0.received", "12");
    form.set("lines.0.damaged", "");
    form.set("lines.1.lineId", "b");
    form.set("lines.1.received", "3");
    form.set("lines.1.damaged", "1");
    form.set("discrepancies.0.lineId", "");
    form.set("discrepancies.1.lineId", "a");
    form.set("discrepancies.1.kind", "SHORT");
    form.set("discrepancies.1.quantity", "");
    form.set("discrepancies.1.cartons", "1");
    form.set("discrepancies.1.note", " missing ");
    form.append("discrepancies.1.photos", new File([await jpeg()], "a.jpg", { type: "image/jpeg" }));
    const parsed = await parseReceiptForm(form);
    expect(parsed).toMatchObject({
      ok: true,
      close: true,
      rows: [1],
      lines: [
        { lineId: "a", received: 12, damaged: 0 },
        { lineId: "b", received: 3, damaged: 1 },
      ],
      discrepancies: [{ lineId: "a", kind: "SHORT", quantity: 0, cartons: 1, note: "missing" }],
    });
    form.set("lines.1.received", "3.5");
    form.set("discrepancies.1.kind", "LOST");
    const bad = await parseReceiptForm(form);
    expect(bad).toEqual({ ok: false, fieldErrors: { "lines.1.received": "warehouse.errors.invalid_quantity", "discrepancies.1.kind": "warehouse.errors.discrepancy_kind" } });
  });

  it("refuses a discrepancy row filled in without its SKU instead of dropping its note and photos", async () => {
    const form = new FormData();
    form.set("intent", "partial");
    form.set("discrepancies.0.lineId", "");
    form.set("discrepancies.0.kind", "DAMAGED");
    form.set("discrepancies.0.note", "caixa amassada");
    form.append("discrepancies.0.photos", new File([await jpeg()], "a.jpg", { type: "image/jpeg" }));
    expect(await parseReceiptForm(form)).toEqual({ ok: false, fieldErrors: { "discrepancies.0.lineId": "warehouse.errors.discrepancy_sku" } });
  });
});

describe("who sees what", () => {
  async function request(userId: string, pathname = "/") {
    const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
    return new Request(`http://localhost${pathname}`, { headers: { Cookie: cookie } });
  }

  async function status(promise: Promise<unknown>): Promise<number | "ok"> {
    try {
      await promise;
      return "ok";
    } catch (error) {
      if (error instanceof Response) return error.status;
      throw error;
    }
  }

  it("staff reach their warehouse only; another warehouse, another organization or a non-member is a 404", async () => {
    expect(await status(requireWarehouseAccess(await request(staffLisbon), "en", platform, lisbon))).toBe("ok");
    expect(await status(requireWarehouseAccess(await request(staffLisbon), "en", platform, saoPaulo))).toBe(404);
    expect(await status(requireWarehouseAccess(await request(staffSaoPaulo), "en", platform, lisbon))).toBe(404);
    expect(await status(requireWarehouseAccess(await request(platformAdmin), "en", platform, saoPaulo))).toBe("ok");
    expect(await status(requireWarehouseAccess(await request(ownerPt), "en", platform, lisbon))).toBe(404);
    expect(await status(requireWarehouseAccess(await request(ownerPt), "en", makerA, lisbon))).toBe(404);
    expect(await status(requireWarehouseAccess(await request(staffLisbon), "en", platform, "not-a-uuid"))).toBe(404);
    const staffContext = { managesAllWarehouses: false, user: { id: staffLisbon } };
    expect((await listDeskWarehouses(staffContext as never)).map((w) => w.id)).toEqual([lisbon]);
    expect(await findAccessibleWarehouse(staffContext as never, saoPaulo)).toBeNull();
  });

  it("a shipment of another warehouse is not found, through the pages (the built app) and the domain", async () => {
    const shipment = await createShipment(makerA, saoPaulo, [{ variantId: skuA.id, productId: skuA.productId, expected: 3, cartons: 1 }]);
    if (!existsSync(path.resolve("build/index.js"))) execSync("npx remix build", { stdio: "inherit" });
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const server: Server = createServer(createHttpApp(build, { shuttingDown: false }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = async (userId: string) => {
      const session = (await createUserSession(userId, new Request(baseUrl))).split(";")[0]!;
      const csrf = newCsrfCookieValue();
      const cookie = `${session}; ponte_csrf=${encodeURIComponent(csrf)}`;
      return {
        get: (pathname: string) => fetch(baseUrl + pathname, { redirect: "manual", headers: { Cookie: cookie } }),
        post: (pathname: string, fields: Record<string, string>) =>
          fetch(baseUrl + pathname, {
            method: "POST",
            redirect: "manual",
            headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ ...fields, csrf: csrfTokenFromCookieHeader(cookie)! }).toString(),
          }),
      };
    };
    try {
      const page = (warehouseId: string) => `/en/orgs/${platform}/warehouses/${warehouseId}/inbound/${shipment.id}`;
      const lisbonStaff = await browser(staffLisbon);
      const saoPauloStaff = await browser(staffSaoPaulo);
      // Staff of Lisbon: neither under Lisbon's address nor under São Paulo's.
      expect((await lisbonStaff.get(page(lisbon))).status).toBe(404);
      expect((await lisbonStaff.get(page(saoPaulo))).status).toBe(404);
      expect((await lisbonStaff.get(`/en/orgs/${platform}/warehouses/${saoPaulo}`)).status).toBe(404);
      const receipt = { intent: "partial", "lines.0.lineId": shipment.lines[0]!.id, "lines.0.received": "1", "lines.0.damaged": "0" };
      expect((await lisbonStaff.post(page(lisbon), receipt)).status).toBe(404);
      expect((await lisbonStaff.post(page(saoPaulo), receipt)).status).toBe(404);
      // The manufacturer's owner is no member of the platform: 404 too.
      expect((await (await browser(ownerPt)).get(page(saoPaulo))).status).toBe(404);
      // São Paulo's staff see it, with the manufacturer's name, and receive it.
      const seen = await saoPauloStaff.get(page(saoPaulo));
      expect(seen.status).toBe(200);
      const html = await seen.text();
      expect(html).toContain(shipment.reference);
      expect(html).toContain("Receiving Maker A");
      const bad = await saoPauloStaff.post(page(saoPaulo), { ...receipt, "lines.0.received": "x" });
      expect(bad.status).toBe(400);
      const done = await saoPauloStaff.post(page(saoPaulo), receipt);
      expect(done.status).toBe(302);
      expect(done.headers.get("Location")).toBe(`${page(saoPaulo)}?done=PARTIALLY_RECEIVED`);
      expect(await balance(makerA, saoPaulo, skuA.id)).toMatchObject({ onHand: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(receiveInboundShipment({ warehouseId: lisbon, shipmentId: shipment.id, lines: [{ lineId: shipment.lines[0]!.id, received: 1, damaged: 0 }], close: false })).rejects.toMatchObject({
      code: "shipment_not_found",
    });
    expect(await getInboundForWarehouse(forWarehouse(lisbon), shipment.id, "en")).toBeNull();
  });

  it("forWarehouse filters every stock query by the warehouse, across manufacturers", async () => {
    const { variants } = await createProduct(makerB, ["B-ONLY"]);
    const other = await createShipment(makerB, saoPaulo, [{ variantId: variants[0]!.id, productId: variants[0]!.productId, expected: 7, cartons: 1 }]);
    await receiveInboundShipment({ warehouseId: saoPaulo, shipmentId: other.id, lines: [{ lineId: other.lines[0]!.id, received: 7, damaged: 0 }], close: true, notify: false });
    const lisbonData = forWarehouse(lisbon);
    const balances = await lisbonData.stockBalance.findMany();
    expect(balances.length).toBeGreaterThan(0);
    expect(balances.every((b) => b.warehouseId === lisbon)).toBe(true);
    expect(await lisbonData.stockMovement.count({ where: { organizationId: makerB } })).toBe(0);
    expect((await lisbonData.inboundShipmentLine.findMany()).length).toBeGreaterThan(0);
    expect(await lisbonData.inboundShipmentLine.count({ where: { inboundShipmentId: other.id } })).toBe(0);
    expect(await lisbonData.warehouse.findMany()).toHaveLength(1);
    await expect(lisbonData.product.findMany()).rejects.toBeInstanceOf(WarehouseScopeError);
    await expect(lisbonData.stockBalance.updateMany({ data: { warehouseId: saoPaulo } })).rejects.toBeInstanceOf(WarehouseScopeError);
    // São Paulo's staff list: both manufacturers' goods, named.
    const stock = await listWarehouseStock(forWarehouse(saoPaulo), "en");
    expect(stock.rows.map((r) => r.manufacturer)).toContain("Receiving Maker B");
    expect(stock.rows.every((r) => r.sku)).toBe(true);
  });

  it("a manufacturer sees only its own stock", async () => {
    const mine = await forOrganization(makerB).stockBalance.findMany();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((b) => b.organizationId === makerB)).toBe(true);
    expect(await forOrganization(makerB).stockMovement.count({ where: { warehouseId: lisbon } })).toBe(0);
    expect(await forOrganization(makerB).inboundShipment.count({ where: { warehouseId: lisbon } })).toBe(0);
    await expect(db.stockBalance.findMany({ where: { warehouseId: lisbon } })).rejects.toBeInstanceOf(TenantScopeError);
  });
});
