import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { adjustStock, recordCycleCount } from "~/modules/inventory/counts.server";
import { InsufficientStockError, InvalidMovementError, isCheckViolation, StockOperationError, VariantNotFoundError } from "~/modules/inventory/errors";
import { applyMovement, MAX_REASON_LENGTH, type MovementInput } from "~/modules/inventory/ledger.server";
import { reserve } from "~/modules/inventory/reservations.server";
import { transferStock } from "~/modules/inventory/transfers.server";
import { createManufacturer, createProduct, createShipment, createUser, createWarehouse } from "../support/inventory-core-fixtures";
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

type StepKind = "RECEIPT" | "RESERVATION" | "RELEASE" | "PICK" | "ADJUSTMENT" | "TRANSFER" | "CYCLE_COUNT";
/** One movement of the model-based test: SKU and warehouse indexes, a quantity or "all" of what the kind can take. */
interface Step {
  kind: StepKind;
  sku: number;
  at: number;
  q: number | "all";
}
interface Figures {
  onHand: number;
  reserved: number;
}
type Expected = { outcome: "ok" } | { outcome: "invalid" } | { outcome: "insufficient"; available: number; requested: number };
const REASONED = new Set<StepKind>(["ADJUSTMENT", "CYCLE_COUNT"]);

/** The deltas a step asks for, "all" read from the model's figures before the step (a cycle count: reserved + q counted). */
function deltasOf(s: Step, f: Figures): { onHandDelta: number; reservedDelta: number } {
  const available = f.onHand - f.reserved;
  const n = (all: number) => (s.q === "all" ? all : s.q);
  switch (s.kind) {
    case "RECEIPT":
      return { onHandDelta: n(0), reservedDelta: 0 };
    case "RESERVATION":
      return { onHandDelta: 0, reservedDelta: n(available) };
    case "RELEASE":
      return { onHandDelta: 0, reservedDelta: -n(f.reserved) };
    case "PICK":
      return { onHandDelta: -n(f.reserved), reservedDelta: -n(f.reserved) };
    case "ADJUSTMENT":
      return { onHandDelta: s.q === "all" ? -available : s.q, reservedDelta: 0 };
    case "TRANSFER":
      return { onHandDelta: -n(available), reservedDelta: 0 };
    case "CYCLE_COUNT":
      return { onHandDelta: f.reserved + n(0) - f.onHand, reservedDelta: 0 };
  }
}

/**
 * What the ledger must do, decided from the model alone: a movement of nothing is invalid (except a count that
 * confirms the figure); otherwise it succeeds exactly when 0 ≤ reserved ≤ onHand holds afterwards, and a refusal
 * says what was available and what was asked for.
 */
function decide(kind: string, onHandDelta: number, reservedDelta: number, f: Figures): Expected {
  if (onHandDelta === 0 && reservedDelta === 0 && kind !== "CYCLE_COUNT") return { outcome: "invalid" };
  const onHand = f.onHand + onHandDelta;
  const reserved = f.reserved + reservedDelta;
  if (onHand >= 0 && reserved >= 0 && reserved <= onHand) return { outcome: "ok" };
  const requested = reservedDelta > 0 ? reservedDelta : onHandDelta < 0 ? -onHandDelta : -reservedDelta;
  return { outcome: "insufficient", available: Math.max(0, f.onHand - f.reserved), requested };
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
    // Each refused for its own reason, said in the message (a programming error: the message is for the developer).
    const bad: [Omit<MovementInput, "organizationId" | "warehouseId" | "variantId">, RegExp][] = [
      [{ kind: "RECEIPT", onHandDelta: -1 }, /^RECEIPT: onHandDelta -1 not allowed$/],
      [{ kind: "RECEIPT", onHandDelta: 0 }, /^RECEIPT: onHandDelta 0 not allowed$/],
      [{ kind: "RECEIPT", onHandDelta: 1, reservedDelta: 1 }, /^RECEIPT: reservedDelta 1 not allowed$/],
      [{ kind: "RESERVATION", reservedDelta: 0 }, /^RESERVATION: reservedDelta 0 not allowed$/],
      [{ kind: "RESERVATION", onHandDelta: 1, reservedDelta: 1 }, /^RESERVATION: onHandDelta 1 not allowed$/],
      [{ kind: "RELEASE", reservedDelta: 1 }, /^RELEASE: reservedDelta 1 not allowed$/],
      [{ kind: "RELEASE", reservedDelta: 0 }, /^RELEASE: reservedDelta 0 not allowed$/],
      [{ kind: "PICK", onHandDelta: -2, reservedDelta: -1 }, /^PICK takes the same quantity from onHand and reserved$/],
      [{ kind: "PICK", onHandDelta: 0, reservedDelta: -1 }, /^PICK: onHandDelta 0 not allowed$/],
      [{ kind: "SHIPMENT", onHandDelta: -1 }, /^SHIPMENT: onHandDelta -1 not allowed$/],
      [{ kind: "SHIPMENT", reservedDelta: -1 }, /^SHIPMENT: reservedDelta -1 not allowed$/],
      [{ kind: "ADJUSTMENT", onHandDelta: 3 }, /^ADJUSTMENT needs a reason$/],
      [{ kind: "ADJUSTMENT", onHandDelta: 0, reason: "nothing" }, /^ADJUSTMENT: onHandDelta 0 not allowed$/],
      [{ kind: "ADJUSTMENT", onHandDelta: 1, reservedDelta: 1, reason: "x" }, /^ADJUSTMENT: reservedDelta 1 not allowed$/],
      [{ kind: "TRANSFER_IN", onHandDelta: 3 }, /^TRANSFER_IN needs a transferId$/],
      [{ kind: "TRANSFER_IN", onHandDelta: -3, transferId: "0190b5f0-0000-7000-8000-000000000001" }, /^TRANSFER_IN: onHandDelta -3 not allowed$/],
      [{ kind: "TRANSFER_OUT", onHandDelta: -3 }, /^TRANSFER_OUT needs a transferId$/],
      [{ kind: "TRANSFER_OUT", onHandDelta: 3, transferId: "0190b5f0-0000-7000-8000-000000000001" }, /^TRANSFER_OUT: onHandDelta 3 not allowed$/],
      [{ kind: "CYCLE_COUNT", onHandDelta: 3, reason: " " }, /^CYCLE_COUNT needs a reason$/],
      [{ kind: "CYCLE_COUNT", onHandDelta: 3, reservedDelta: 1, reason: "x" }, /^CYCLE_COUNT: reservedDelta 1 not allowed$/],
      [{ kind: "RECEIPT", onHandDelta: 1.5 }, /^Deltas must be integers$/],
      [{ kind: "RESERVATION", reservedDelta: 0.5 }, /^Deltas must be integers$/],
      [{ kind: "RECEIPT", onHandDelta: 2 ** 53 }, /^Deltas must be integers$/],
      [{ kind: "TELEPORT" as MovementInput["kind"], onHandDelta: 1 }, /^Unknown movement kind TELEPORT$/],
      [{ kind: "ADJUSTMENT", onHandDelta: 1, reason: "x".repeat(MAX_REASON_LENGTH + 1) }, /^Reason too long$/],
    ];
    for (const [input, message] of bad) {
      const refused = move({ warehouseId: warehouseA, variantId, ...input });
      await expect(refused, JSON.stringify(input).slice(0, 120)).rejects.toBeInstanceOf(InvalidMovementError);
      await expect(refused, JSON.stringify(input).slice(0, 120)).rejects.toThrow(message);
    }
    // Another manufacturer's SKU, or a SKU that does not exist.
    const other = await createManufacturer();
    await expect(move({ organizationId: other.id, warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    await expect(move({ warehouseId: warehouseA, variantId: "0190b5f0-0000-7000-8000-000000000000", kind: "RECEIPT", onHandDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, variantId } })).toBe(0);
  });

  it("records who moved it, why (trimmed), and the shipment, reservation or transfer it belongs to", async () => {
    const { variants } = await createProduct(makerId, ["REC"]);
    const variantId = variants[0]!.id;
    const user = await createUser();
    const shipment = await createShipment(makerId, warehouseA, [{ variantId, productId: variants[0]!.productId, expected: 6, cartons: 1 }]);
    const { movement: received } = await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 6, inboundShipmentId: shipment.id, userId: user.id, reason: "  carton 1 of 1  " });
    expect(received).toMatchObject({ inboundShipmentId: shipment.id, userId: user.id, reason: "carton 1 of 1", reservationId: null, transferId: null });
    // A reason of the longest length is kept whole; a blank one is no reason.
    const longest = "y".repeat(MAX_REASON_LENGTH);
    expect((await move({ warehouseId: warehouseA, variantId, kind: "ADJUSTMENT", onHandDelta: -1, reason: longest })).movement.reason).toBe(longest);
    expect((await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 1, reason: "   " })).movement).toMatchObject({ reason: null, userId: null, inboundShipmentId: null });
    const transferId = "0190b5f0-0000-7000-8000-0000000000aa";
    expect((await move({ warehouseId: warehouseA, variantId, kind: "TRANSFER_OUT", onHandDelta: -2, transferId })).movement).toMatchObject({ transferId, onHandAfter: 4 });
  });

  it("never takes over a balance row that another manufacturer holds for the SKU", async () => {
    const { variants } = await createProduct(makerId, ["HELD"]);
    const variant = variants[0]!;
    const other = await createManufacturer();
    // Data no write path produces: the SKU's balance in warehouse B recorded under another organization.
    await unscopedDb.$executeRaw`
      INSERT INTO "StockBalance" ("id", "organizationId", "warehouseId", "productId", "variantId", "onHand", "reserved", "updatedAt")
      VALUES (gen_random_uuid(), ${other.id}::uuid, ${warehouseB}::uuid, ${variant.productId}::uuid, ${variant.id}::uuid, 5, 0, now())`;
    await expect(move({ warehouseId: warehouseB, variantId: variant.id, kind: "RECEIPT", onHandDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    await expect(move({ warehouseId: warehouseB, variantId: variant.id, kind: "RESERVATION", reservedDelta: 1 })).rejects.toBeInstanceOf(VariantNotFoundError);
    expect(await unscopedDb.stockBalance.findMany({ where: { organizationId: { in: [makerId, other.id] }, variantId: variant.id }, select: { organizationId: true, onHand: true } })).toEqual([
      { organizationId: other.id, onHand: 5 },
    ]);
    expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, variantId: variant.id } })).toBe(0);
    await unscopedDb.$executeRaw`DELETE FROM "StockBalance" WHERE "organizationId" = ${other.id}::uuid`;
  });

  it("allows the exact boundaries: stock down to zero, every unit reserved, reservations down to zero", async () => {
    const { variants } = await createProduct(makerId, ["EDGE"]);
    const variantId = variants[0]!.id;
    const figures = (r: { balance: { onHand: number; reserved: number } }) => ({ onHand: r.balance.onHand, reserved: r.balance.reserved });
    await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 5 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "RESERVATION", reservedDelta: 5 }))).toEqual({ onHand: 5, reserved: 5 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "RELEASE", reservedDelta: -5 }))).toEqual({ onHand: 5, reserved: 0 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "ADJUSTMENT", onHandDelta: -5, reason: "written off" }))).toEqual({ onHand: 0, reserved: 0 });
    await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 3 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "RESERVATION", reservedDelta: 3 }))).toEqual({ onHand: 3, reserved: 3 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "PICK", onHandDelta: -3, reservedDelta: -3 }))).toEqual({ onHand: 0, reserved: 0 });
    await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 4 });
    const moved = await transferStock({ organizationId: makerId, fromWarehouseId: warehouseA, toWarehouseId: warehouseB, variantId, quantity: 4 });
    expect(moved.out).toMatchObject({ onHandAfter: 0, reservedAfter: 0 });
    await move({ warehouseId: warehouseA, variantId, kind: "RECEIPT", onHandDelta: 2 });
    expect(figures(await move({ warehouseId: warehouseA, variantId, kind: "CYCLE_COUNT", onHandDelta: -2, reason: "none found" }))).toEqual({ onHand: 0, reserved: 0 });
    // One unit past each boundary is refused, and changes nothing.
    await expect(move({ warehouseId: warehouseA, variantId, kind: "ADJUSTMENT", onHandDelta: -1, reason: "x" })).rejects.toMatchObject({ available: 0, requested: 1 });
    await expect(move({ warehouseId: warehouseA, variantId, kind: "RESERVATION", reservedDelta: 1 })).rejects.toMatchObject({ available: 0, requested: 1 });
    await expect(move({ warehouseId: warehouseA, variantId, kind: "RELEASE", reservedDelta: -1 })).rejects.toMatchObject({ available: 0, requested: 1 });
    expect(await unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: makerId, warehouseId: warehouseA, variantId } })).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId, warehouseId: warehouseA })).toEqual([]);
  });

  it("a model decides, before each movement, whether it succeeds and what the balances become", async () => {
    // Random sequences (fixed seed: the same runs every time) of every kind of movement on two SKUs in two
    // warehouses, with "all of it" steps that land exactly on the boundaries (onHand 0, reserved = onHand).
    const sku = fc.integer({ min: 0, max: 1 });
    const at = fc.integer({ min: 0, max: 1 });
    const q = fc.integer({ min: 1, max: 6 });
    const qOrAll = fc.oneof(q, fc.constant("all" as const));
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("RECEIPT" as const), sku, at, q }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("RESERVATION" as const), sku, at, q: qOrAll }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("RELEASE" as const), sku, at, q: qOrAll }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("PICK" as const), sku, at, q: qOrAll }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("ADJUSTMENT" as const), sku, at, q: fc.oneof(q, q.map((n) => -n), fc.constant("all" as const)) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("TRANSFER" as const), sku, at, q: qOrAll }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("CYCLE_COUNT" as const), sku, at, q: fc.integer({ min: -2, max: 8 }) }) },
    );
    const seen = { ok: 0, insufficient: 0, invalid: 0, zero: 0, allReserved: 0 };

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 40 }), async (steps) => {
        const { variants } = await createProduct(makerId, ["MDL1", "MDL2"]);
        const warehouses = [warehouseA, warehouseB];
        const model = new Map<string, Figures>();
        const key = (w: string, v: string) => `${w}:${v}`;
        const figures = (w: string, v: string) => model.get(key(w, v)) ?? { onHand: 0, reserved: 0 };
        for (const s of steps) {
          const variantId = variants[s.sku]!.id;
          const warehouseId = warehouses[s.at]!;
          const to = warehouses[1 - s.at]!;
          const before = figures(warehouseId, variantId);
          const { onHandDelta, reservedDelta } = deltasOf(s, before);
          const expected = decide(s.kind === "TRANSFER" ? "TRANSFER_OUT" : s.kind, onHandDelta, reservedDelta, before);
          const label = `${JSON.stringify(s)} on ${JSON.stringify(before)}`;

          const attempt =
            s.kind === "TRANSFER"
              ? transferStock({ organizationId: makerId, fromWarehouseId: warehouseId, toWarehouseId: to, variantId, quantity: -onHandDelta }).then((done) => [done.out])
              : move({ warehouseId, variantId, kind: s.kind, onHandDelta, reservedDelta, reason: REASONED.has(s.kind) ? "model" : undefined }).then((done) => [done.movement]);
          const outcome = await attempt.then(
            (movements) => ({ movements }),
            (error: unknown) => ({ error }),
          );

          if (expected.outcome === "ok") {
            expect("movements" in outcome ? null : outcome.error, label).toBeNull();
            const after = { onHand: before.onHand + onHandDelta, reserved: before.reserved + reservedDelta };
            const [movement] = (outcome as { movements: { onHandAfter: number; reservedAfter: number }[] }).movements;
            expect({ onHand: movement!.onHandAfter, reserved: movement!.reservedAfter }, label).toEqual(after);
            model.set(key(warehouseId, variantId), after);
            if (s.kind === "TRANSFER") {
              const there = figures(to, variantId);
              model.set(key(to, variantId), { onHand: there.onHand - onHandDelta, reserved: there.reserved });
            }
            seen.ok += 1;
            if (after.onHand === 0) seen.zero += 1;
            if (after.reserved > 0 && after.reserved === after.onHand) seen.allReserved += 1;
          } else {
            expect("error" in outcome, label).toBe(true);
            const error = (outcome as { error: unknown }).error;
            if (expected.outcome === "insufficient") {
              expect(error, label).toBeInstanceOf(InsufficientStockError);
              expect({ available: (error as InsufficientStockError).available, requested: (error as InsufficientStockError).requested }, label).toEqual({
                available: expected.available,
                requested: expected.requested,
              });
              seen.insufficient += 1;
            } else {
              // A zero quantity: the ledger's rule table refuses it (a transfer refuses it before the ledger).
              if (s.kind === "TRANSFER") expect(error, label).toMatchObject({ code: "invalid_quantity" });
              else expect(error, label).toBeInstanceOf(InvalidMovementError);
              seen.invalid += 1;
            }
          }
        }

        // The database agrees with the model: balance rows exactly where a movement succeeded, with its figures.
        const rows = await unscopedDb.stockBalance.findMany({ where: { organizationId: makerId, variantId: { in: variants.map((v) => v.id) } } });
        expect(new Map(rows.map((b) => [key(b.warehouseId, b.variantId), { onHand: b.onHand, reserved: b.reserved }]))).toEqual(model);
        expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
      }),
      { seed: 20_261_204, numRuns: 8, endOnFailure: true },
    );
    // The fixed seed really reached every outcome and both boundaries.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
    expect(await checkLedgerConsistency(unscopedDb)).toEqual([]);
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

  it("the consistency check reports a reserved figure that disagrees with the ledger, and a balance without movements", async () => {
    const other = await createManufacturer();
    const { variants } = await createProduct(other.id, ["RSVD", "BARE"]);
    const [held, bare] = variants as [(typeof variants)[0], (typeof variants)[0]];
    await move({ organizationId: other.id, warehouseId: warehouseA, variantId: held.id, kind: "RECEIPT", onHandDelta: 8 });
    const { balance } = await move({ organizationId: other.id, warehouseId: warehouseA, variantId: held.id, kind: "RESERVATION", reservedDelta: 3 });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id })).toEqual([]);
    // Reserved changed behind the ledger's back (onHand untouched, CHECK constraints satisfied).
    await unscopedDb.$executeRaw`UPDATE "StockBalance" SET "reserved" = 5 WHERE "id" = ${balance.id}::uuid`;
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id })).toEqual([
      { organizationId: other.id, warehouseId: warehouseA, variantId: held.id, balanceId: balance.id, onHand: 8, reserved: 5, ledgerOnHand: 8, ledgerReserved: 3 },
    ]);
    // Found by warehouse alone too; another warehouse has nothing to report.
    expect(await checkLedgerConsistency(unscopedDb, { warehouseId: warehouseA })).toEqual([expect.objectContaining({ balanceId: balance.id, reserved: 5, ledgerReserved: 3 })]);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id, warehouseId: warehouseB })).toEqual([]);

    // A balance row written directly, with no movement behind it.
    const [{ id: bareId }] = await unscopedDb.$queryRaw<{ id: string }[]>`
      INSERT INTO "StockBalance" ("id", "organizationId", "warehouseId", "productId", "variantId", "onHand", "reserved", "updatedAt")
      VALUES (gen_random_uuid(), ${other.id}::uuid, ${warehouseB}::uuid, ${bare.productId}::uuid, ${bare.id}::uuid, 2, 1, now()) RETURNING "id"::text`;
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id, warehouseId: warehouseB })).toEqual([
      { organizationId: other.id, warehouseId: warehouseB, variantId: bare.id, balanceId: bareId, onHand: 2, reserved: 1, ledgerOnHand: 0, ledgerReserved: 0 },
    ]);
    // Put right, both disappear from the report.
    await unscopedDb.$executeRaw`UPDATE "StockBalance" SET "reserved" = 3 WHERE "id" = ${balance.id}::uuid`;
    await unscopedDb.$executeRaw`DELETE FROM "StockBalance" WHERE "id" = ${bareId}::uuid`;
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: other.id })).toEqual([]);
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
