import { beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { adjustStock, recordCycleCount } from "~/modules/inventory/counts.server";
import { InsufficientStockError, InvalidMovementError, isCheckViolation, StockOperationError, VariantNotFoundError } from "~/modules/inventory/errors";
import { applyMovement, type MovementInput } from "~/modules/inventory/ledger.server";
import { reserve } from "~/modules/inventory/reservations.server";
import { transferStock } from "~/modules/inventory/transfers.server";
import { createManufacturer, createProduct, createWarehouse } from "../support/inventory-core-fixtures";
import { withTestDatabase } from "../support/database";

withTestDatabase();

let makerId: string;
let warehouseA: string;
let warehouseB: string;

beforeAll(async () => {
  makerId = (await createManufacturer()).id;
  warehouseA = (await createWarehouse("Lisboa", "PT")).id;
  warehouseB = (await createWarehouse("São Paulo", "BR")).id;
});

const move = (input: Omit<MovementInput, "organizationId"> & { organizationId?: string }) => unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: makerId, ...input }));

/** A seeded pseudo-random sequence: the same run every time. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("applyMovement", () => {
  it("creates the balance, records the after-figures, refuses what would go below zero", async () => {
    const { variants } = await createProduct(makerId, ["LED"]);
    const variantId = variants[0]!.id;
    const { balance, movement } = await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 12 });
    expect(balance).toMatchObject({ onHand: 12, reserved: 0, productId: variants[0]!.productId, organizationId: makerId });
    expect(movement).toMatchObject({ kind: "RECEIPT", onHandDelta: 12, reservedDelta: 0, onHandAfter: 12, reservedAfter: 0 });

    await move({ warehouseId: warehouseA, variantId, kind: "RESERVATION", reservedDelta: 5 });
    const refused = move({ warehouseId: warehouseA, variantId, kind: "ADJUSTMENT", onHandDelta: -8, reason: "lost" });
    await expect(refused).rejects.toBeInstanceOf(InsufficientStockError);
    await expect(refused).rejects.toMatchObject({ available: 7, requested: 8 });
    await expect(move({ warehouseId: warehouseA, variantId, kind: "RESERVATION", reservedDelta: 8 })).rejects.toMatchObject({ available: 7, requested: 8 });
    await expect(move({ warehouseId: warehouseA, variantId, kind: "RELEASE", reservedDelta: -6 })).rejects.toBeInstanceOf(InsufficientStockError);
    const { balance: picked } = await move({ warehouseId: warehouseA, variantId, kind: "PICK", onHandDelta: -5, reservedDelta: -5 });
    expect(picked).toMatchObject({ onHand: 7, reserved: 0 });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId, warehouseId: warehouseA })).toEqual([]);
  });

  it("refuses deltas that do not fit the kind, missing reasons and transfer ids", async () => {
    const { variants } = await createProduct(makerId, ["BAD"]);
    const variantId = variants[0]!.id;
    const bad: Omit<MovementInput, "organizationId" | "warehouseId" | "variantId">[] = [
      { kind: "RECEIPT", onHandDelta: -1 },
      { kind: "RECEIPT", onHandDelta: 1, reservedDelta: 1 },
      { kind: "RESERVATION", reservedDelta: 0 },
      { kind: "RELEASE", reservedDelta: 1 },
      { kind: "PICK", onHandDelta: -2, reservedDelta: -1 },
      { kind: "SHIPMENT", onHandDelta: -1 },
      { kind: "ADJUSTMENT", onHandDelta: 3 },
      { kind: "ADJUSTMENT", onHandDelta: 0, reason: "nothing" },
      { kind: "TRANSFER_IN", onHandDelta: 3 },
      { kind: "CYCLE_COUNT", onHandDelta: 3, reason: " " },
      { kind: "RECEIPT", onHandDelta: 1.5 },
    ];
    for (const input of bad) await expect(move({ warehouseId: warehouseA, variantId, ...input })).rejects.toBeInstanceOf(InvalidMovementError);
    // Another manufacturer's SKU, or a SKU that does not exist.
    const other = await createManufacturer();
    await expect(move({ organizationId: other.id, warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    await expect(move({ warehouseId: warehouseA, variantId: "0190b5f0-0000-7000-8000-000000000000", kind: "RECEIPT", onHandDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, variantId } })).toBe(0);
  });

  it("balances equal the sums of the ledger after a random mix of movements", async () => {
    const { variants } = await createProduct(makerId, ["MIX1", "MIX2", "MIX3"]);
    const next = random(20261128);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const model = new Map<string, { onHand: number; reserved: number }>();
    const key = (w: string, v: string) => `${w}:${v}`;
    const state = (w: string, v: string) => model.get(key(w, v)) ?? { onHand: 0, reserved: 0 };
    let refused = 0;
    for (let step = 0; step < 150; step++) {
      const variantId = pick(variants).id;
      const warehouseId = pick([warehouseA, warehouseB]);
      const s = state(warehouseId, variantId);
      const q = 1 + Math.floor(next() * 6);
      const kind = pick(["RECEIPT", "RESERVATION", "RELEASE", "PICK", "ADJUSTMENT", "TRANSFER", "CYCLE_COUNT"] as const);
      try {
        if (kind === "RECEIPT") {
          await move({ warehouseId, variantId, kind, onHandDelta: q * 2 });
          s.onHand += q * 2;
        } else if (kind === "RESERVATION") {
          await move({ warehouseId, variantId, kind, reservedDelta: q });
          s.reserved += q;
        } else if (kind === "RELEASE") {
          await move({ warehouseId, variantId, kind, reservedDelta: -q });
          s.reserved -= q;
        } else if (kind === "PICK") {
          await move({ warehouseId, variantId, kind, onHandDelta: -q, reservedDelta: -q });
          s.onHand -= q;
          s.reserved -= q;
        } else if (kind === "ADJUSTMENT") {
          const delta = next() < 0.5 ? -q : q;
          await move({ warehouseId, variantId, kind, onHandDelta: delta, reason: "random" });
          s.onHand += delta;
        } else if (kind === "TRANSFER") {
          const to = warehouseId === warehouseA ? warehouseB : warehouseA;
          await transferStock({ organizationId: makerId, fromWarehouseId: warehouseId, toWarehouseId: to, variantId, quantity: q });
          s.onHand -= q;
          const d = state(to, variantId);
          d.onHand += q;
          model.set(key(to, variantId), d);
        } else {
          const balance = await unscopedDb.stockBalance.findFirst({ where: { organizationId: makerId, warehouseId, variantId } });
          if (!balance) continue;
          const counted = balance.reserved + Math.floor(next() * 10);
          await recordCycleCount({ balanceId: balance.id, warehouseId }, { counted, reason: "cycle count" });
          s.onHand = counted;
        }
        model.set(key(warehouseId, variantId), s);
      } catch (error) {
        // What the model says cannot happen must be refused, and only with InsufficientStockError.
        expect(error).toBeInstanceOf(InsufficientStockError);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
    expect(await checkLedgerConsistency(unscopedDb)).toEqual([]);
    for (const [k, expected] of model) {
      const [warehouseId, variantId] = k.split(":") as [string, string];
      const balance = await unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: makerId, warehouseId, variantId } });
      expect({ onHand: balance.onHand, reserved: balance.reserved }).toEqual(expected);
      const last = await unscopedDb.stockMovement.findFirstOrThrow({ where: { organizationId: makerId, warehouseId, variantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      expect({ onHand: last.onHandAfter, reserved: last.reservedAfter }).toEqual(expected);
    }
  });
});

describe("the database backs the rules", () => {
  it("the ledger is append-only: UPDATE and DELETE are refused", async () => {
    const { variants } = await createProduct(makerId, ["APP"]);
    const { movement } = await move({ warehouseId: warehouseA, variantId: variants[0]!.id, kind: "RECEIPT", onHandDelta: 3 });
    await expect(unscopedDb.$executeRaw`UPDATE "StockMovement" SET "onHandDelta" = 300 WHERE "id" = ${movement.id}::uuid`).rejects.toThrow(/append-only/);
    await expect(unscopedDb.$executeRaw`DELETE FROM "StockMovement" WHERE "id" = ${movement.id}::uuid`).rejects.toThrow(/append-only/);
    await expect(unscopedDb.stockMovement.update({ where: { id: movement.id }, data: { reason: "edited" } })).rejects.toThrow();
    await expect(unscopedDb.stockMovement.deleteMany({ where: { organizationId: makerId, id: movement.id } })).rejects.toThrow();
    expect(await unscopedDb.stockMovement.findUniqueOrThrow({ where: { id: movement.id } })).toMatchObject({ onHandDelta: 3, reason: null });
  });

  it("CHECK constraints keep 0 ≤ reserved ≤ onHand and positive reservation quantities", async () => {
    const { variants } = await createProduct(makerId, ["CHK"]);
    const { balance } = await move({ warehouseId: warehouseA, variantId: variants[0]!.id, kind: "RECEIPT", onHandDelta: 2 });
    const attempts = [
      unscopedDb.$executeRaw`UPDATE "StockBalance" SET "reserved" = 3 WHERE "id" = ${balance.id}::uuid`,
      unscopedDb.$executeRaw`UPDATE "StockBalance" SET "onHand" = -1, "reserved" = 0 WHERE "id" = ${balance.id}::uuid`,
      unscopedDb.$executeRaw`UPDATE "StockBalance" SET "reserved" = -1 WHERE "id" = ${balance.id}::uuid`,
      unscopedDb.stockBalance.updateMany({ where: { organizationId: makerId, id: balance.id }, data: { reserved: 5 } }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isCheckViolation(error)).toBe(true);
    }
    await expect(
      unscopedDb.stockReservation.create({
        data: { organizationId: makerId, warehouseId: warehouseA, productId: variants[0]!.productId, variantId: variants[0]!.id, quantity: 0, reference: "x", expiresAt: new Date() },
      }),
    ).rejects.toSatisfy(isCheckViolation);
    expect(await unscopedDb.stockBalance.findUniqueOrThrow({ where: { id: balance.id } })).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it("the consistency check finds balances that disagree with the ledger", async () => {
    const other = await createManufacturer();
    const { variants } = await createProduct(other.id, ["ODD", "GHOST"]);
    const { balance } = await move({ organizationId: other.id, warehouseId: warehouseB, variantId: variants[0]!.id, kind: "RECEIPT", onHandDelta: 10 });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id })).toEqual([]);
    // A write that bypasses the ledger, and a movement without a balance row.
    await unscopedDb.$executeRaw`UPDATE "StockBalance" SET "onHand" = 9 WHERE "id" = ${balance.id}::uuid`;
    await unscopedDb.stockMovement.create({
      data: { organizationId: other.id, warehouseId: warehouseB, productId: variants[1]!.productId, variantId: variants[1]!.id, kind: "RECEIPT", onHandDelta: 4, onHandAfter: 4, reservedAfter: 0 },
    });
    const found = await checkLedgerConsistency(unscopedDb, { organizationId: other.id });
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: variants[0]!.id, balanceId: balance.id, onHand: 9, ledgerOnHand: 10, reserved: 0, ledgerReserved: 0 }),
        expect.objectContaining({ variantId: variants[1]!.id, balanceId: null, onHand: 0, ledgerOnHand: 4 }),
      ]),
    );
    // Filtered by another manufacturer or warehouse: not there.
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id, warehouseId: warehouseA })).toEqual([]);
  });
});

describe("counts, adjustments and transfers", () => {
  it("a cycle count sets the figure with a delta movement; below reserved is refused", async () => {
    const { variants } = await createProduct(makerId, ["CNT"]);
    const variantId = variants[0]!.id;
    const { balance } = await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 50 });
    await reserve({ organizationId: makerId, warehouseId: warehouseA, variantId, quantity: 6, reference: "cart:count" });
    const counted = await recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA }, { counted: 48, reason: "count: 48 found, 50 expected" });
    expect(counted.delta).toBe(-2);
    expect(counted.movement).toMatchObject({ kind: "CYCLE_COUNT", onHandDelta: -2, onHandAfter: 48, reservedAfter: 6, reason: "count: 48 found, 50 expected" });
    const same = await recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA }, { counted: 48, reason: "recount" });
    expect(same.delta).toBe(0);
    await expect(recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA }, { counted: 5, reason: "x" })).rejects.toMatchObject({ code: "below_reserved" });
    await expect(recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA }, { counted: 40, reason: "  " })).rejects.toMatchObject({ code: "reason_required" });
    await expect(recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA }, { counted: -1, reason: "x" })).rejects.toMatchObject({ code: "invalid_quantity" });
    // The balance is addressed within its warehouse (and manufacturer, when given).
    await expect(recordCycleCount({ balanceId: balance.id, warehouseId: warehouseB }, { counted: 40, reason: "x" })).rejects.toMatchObject({ code: "balance_not_found" });
    const other = await createManufacturer();
    await expect(recordCycleCount({ balanceId: balance.id, warehouseId: warehouseA, organizationId: other.id }, { counted: 40, reason: "x" })).rejects.toBeInstanceOf(StockOperationError);
  });

  it("adjustments need a reason and cannot take reserved units", async () => {
    const { variants } = await createProduct(makerId, ["ADJ"]);
    const variantId = variants[0]!.id;
    const { balance } = await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 10 });
    await reserve({ organizationId: makerId, warehouseId: warehouseA, variantId, quantity: 4, reference: "cart:adj" });
    const ref = { balanceId: balance.id, warehouseId: warehouseA };
    expect((await adjustStock(ref, { delta: 3, reason: "found in bay 4" })).balance).toMatchObject({ onHand: 13, reserved: 4 });
    expect((await adjustStock(ref, { delta: -9, reason: "damaged in handling" })).balance).toMatchObject({ onHand: 4, reserved: 4 });
    await expect(adjustStock(ref, { delta: -1, reason: "lost" })).rejects.toBeInstanceOf(InsufficientStockError);
    await expect(adjustStock(ref, { delta: 1, reason: "" })).rejects.toMatchObject({ code: "reason_required" });
    await expect(adjustStock(ref, { delta: 0, reason: "x" })).rejects.toMatchObject({ code: "no_change" });
  });

  it("a transfer moves units between warehouses with one transferId, all or nothing", async () => {
    const { variants } = await createProduct(makerId, ["TRF"]);
    const variantId = variants[0]!.id;
    await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 10 });
    await reserve({ organizationId: makerId, warehouseId: warehouseA, variantId, quantity: 3, reference: "cart:trf" });
    const done = await transferStock({ organizationId: makerId, fromWarehouseId: warehouseA, toWarehouseId: warehouseB, variantId, quantity: 5, reason: "rebalance" });
    expect(done.out).toMatchObject({ kind: "TRANSFER_OUT", warehouseId: warehouseA, onHandDelta: -5, transferId: done.transferId });
    expect(done.in).toMatchObject({ kind: "TRANSFER_IN", warehouseId: warehouseB, onHandDelta: 5, transferId: done.transferId });
    // Only 2 available left at the source (3 reserved): nothing moves.
    await expect(transferStock({ organizationId: makerId, fromWarehouseId: warehouseA, toWarehouseId: warehouseB, variantId, quantity: 3 })).rejects.toBeInstanceOf(InsufficientStockError);
    const balances = await unscopedDb.stockBalance.findMany({ where: { organizationId: makerId, variantId }, orderBy: { onHand: "asc" } });
    expect(balances.map((b) => [b.warehouseId, b.onHand, b.reserved])).toEqual(
      [
        [warehouseA, 5, 3],
        [warehouseB, 5, 0],
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, variantId, transferId: { not: null } } })).toBe(2);
    await expect(transferStock({ organizationId: makerId, fromWarehouseId: warehouseA, toWarehouseId: warehouseA, variantId, quantity: 1 })).rejects.toMatchObject({ code: "same_warehouse" });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
  });
});
