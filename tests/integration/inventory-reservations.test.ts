import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { resetEnvCache } from "~/modules/config/env.server";
import { unscopedDb } from "~/modules/db/index.server";
import { checkLedgerConsistency } from "~/modules/inventory/consistency.server";
import { InsufficientStockError, ReservationError } from "~/modules/inventory/errors";
import { applyMovement, type LedgerTx } from "~/modules/inventory/ledger.server";
import { confirm, expireReservations, release, RESERVATION_TRANSACTION, reservationTtlMinutes, reserve, ship, type TransactionRunner } from "~/modules/inventory/reservations.server";
import { createManufacturer, createOrganization, createProduct, createUser, createWarehouse } from "../support/inventory-core-fixtures";
import { withTestDatabase } from "../support/database";

const database = withTestDatabase();

let makerId: string;
let buyerId: string;
let warehouseId: string;

async function stockedSku(units: number) {
  const { variants } = await createProduct(makerId, ["RSV"]);
  const variant = variants[0]!;
  if (units > 0) {
    await unscopedDb.$transaction((tx) => applyMovement(tx, { organizationId: makerId, warehouseId, variantId: variant.id, kind: "RECEIPT", onHandDelta: units }));
  }
  return variant;
}

async function balanceOf(variantId: string) {
  return unscopedDb.stockBalance.findFirstOrThrow({ where: { organizationId: makerId, warehouseId, variantId } });
}

beforeAll(async () => {
  makerId = (await createManufacturer()).id;
  buyerId = (await createOrganization("BUYER")).id;
  warehouseId = (await createWarehouse()).id;
});

describe("concurrent reservations never oversell", () => {
  it(`50 buyers at once on 10 units: exactly 10 reservations, 40 refusals`, async () => {
    const variant = await stockedSku(10);
    // A pool of its own, big enough that every buyer holds a connection of its own at the same time (on PGlite the
    // socket server serializes them by transaction: the same outcome, without parallelism).
    const server = database.current.kind === "server";
    const pool = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.current.url, max: server ? 50 : 10 }) });
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: `cart:${i}`, holderOrganizationId: buyerId }, { client: pool }),
        ),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(won).toHaveLength(10);
      expect(lost).toHaveLength(40);
      for (const o of lost) expect(o.reason).toBeInstanceOf(InsufficientStockError);
      expect(await unscopedDb.stockReservation.count({ where: { organizationId: makerId, variantId: variant.id, status: "ACTIVE" } })).toBe(10);
      const balance = await balanceOf(variant.id);
      expect(balance).toMatchObject({ onHand: 10, reserved: 10 });
      expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, variantId: variant.id, kind: "RESERVATION" } })).toBe(10);
      expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
      if (server) {
        // The buyers really ran side by side: the pool had to open a connection for most of them at once.
        const [{ n }] = await pool.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "application_name" <> 'ponte-queue'`;
        expect(n).toBeGreaterThanOrEqual(25);
      }
    } finally {
      await pool.$disconnect();
    }
  });

  it("concurrent multi-unit reservations never exceed what is available, and refuse only what no longer fits", async () => {
    const variant = await stockedSku(25);
    const quantities = [4, 7, 3, 9, 5, 6, 2, 8]; // 44 units asked for, 25 on hand
    const outcomes = await Promise.allSettled(quantities.map((quantity, i) => reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity, reference: `cart:m${i}` })));
    const held = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.quantity] : []));
    const total = held.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(25);
    // Availability only shrinks while they run, so each refused request must be bigger than what is left at the end;
    // otherwise it was refused although it fitted (and "all refused" cannot pass: every quantity is below 25).
    const refused = outcomes.flatMap((o, i) => (o.status === "rejected" ? [{ quantity: quantities[i]!, reason: o.reason as unknown }] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(InsufficientStockError);
      expect(r.quantity).toBeGreaterThan(25 - total);
      expect(r.reason).toMatchObject({ requested: r.quantity });
    }
    expect(held.length + refused.length).toBe(quantities.length);
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 25, reserved: total });
    expect(await unscopedDb.stockReservation.count({ where: { organizationId: makerId, variantId: variant.id } })).toBe(held.length);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
  });
});

describe("a manufacturer's reservations are its own", () => {
  it("another manufacturer, or another buyer, can neither release nor confirm them, nor ship them", async () => {
    const variant = await stockedSku(4);
    const rival = await createManufacturer();
    const otherBuyer = await createOrganization("BUYER");
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 3, reference: "order:scope", holderOrganizationId: buyerId });
    await expect(release(r.id, { organizationId: rival.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    await expect(confirm(r.id, { organizationId: rival.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    await expect(release(r.id, { holderOrganizationId: otherBuyer.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    // The right manufacturer with the wrong buyer is still not enough.
    await expect(release(r.id, { organizationId: makerId, holderOrganizationId: otherBuyer.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    expect(await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "ACTIVE", endedAt: null });
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 4, reserved: 3 });
    expect(await unscopedDb.stockMovement.count({ where: { organizationId: makerId, reservationId: r.id } })).toBe(1);

    const confirmed = await confirm(r.id, { organizationId: makerId, holderOrganizationId: buyerId });
    expect(confirmed.status).toBe("CONFIRMED");
    await expect(ship(r.id, { organizationId: rival.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    await expect(ship(r.id, { holderOrganizationId: otherBuyer.id })).rejects.toMatchObject({ code: "reservation_not_found" });
    await ship(r.id, { holderOrganizationId: buyerId });
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 1, reserved: 0 });
  });
});

describe("what a reservation records, and where it runs", () => {
  it("keeps the holder, the reference, the times it was given, who acted and why", async () => {
    const variant = await stockedSku(6);
    const user = await createUser();
    const t0 = new Date(Date.now() - 5 * 60_000);
    const r = await reserve(
      { organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "order:rec", holderOrganizationId: buyerId, holderUserId: user.id, now: t0, ttlMinutes: 60 },
      { userId: user.id },
    );
    expect(r).toMatchObject({ holderOrganizationId: buyerId, holderUserId: user.id, reference: "order:rec", createdAt: t0, quantity: 2, status: "ACTIVE", endedAt: null });
    const movement = (kind: string, reservationId: string) => unscopedDb.stockMovement.findFirstOrThrow({ where: { organizationId: makerId, reservationId, kind: kind as never } });
    expect(await movement("RESERVATION", r.id)).toMatchObject({ userId: user.id, reservedDelta: 2 });
    const t1 = new Date(t0.getTime() + 60_000);
    expect((await release(r.id, {}, { reason: "cart emptied", userId: user.id, now: t1 })).endedAt).toEqual(t1);
    expect(await movement("RELEASE", r.id)).toMatchObject({ userId: user.id, reason: "cart emptied", reservedDelta: -2 });

    const plain = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:plain" });
    expect(plain).toMatchObject({ holderOrganizationId: null, holderUserId: null });
    const t2 = new Date();
    expect((await confirm(plain.id, {}, { userId: user.id, now: t2 })).endedAt).toEqual(t2);
    expect(await movement("PICK", plain.id)).toMatchObject({ userId: user.id, onHandDelta: -1 });
    await ship(plain.id, {}, { reason: "AWB 123-4567", userId: user.id });
    expect(await movement("SHIPMENT", plain.id)).toMatchObject({ userId: user.id, reason: "AWB 123-4567" });
  });

  it("runs in the caller's transaction when given one: rolled back with it", async () => {
    const variant = await stockedSku(3);
    await expect(
      unscopedDb.$transaction(async (tx) => {
        await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "order:rolled-back" }, { tx: tx as LedgerTx });
        throw new Error("the order could not be created");
      }),
    ).rejects.toThrow("the order could not be created");
    expect(await unscopedDb.stockReservation.count({ where: { organizationId: makerId, reference: "order:rolled-back" } })).toBe(0);
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
    const kept = await unscopedDb.$transaction((tx) => reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "order:kept" }, { tx: tx as LedgerTx }));
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 2 });
    await unscopedDb.$transaction((tx) => release(kept.id, {}, { tx: tx as LedgerTx }));
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it("a refusal caught by the caller's transaction leaves no reservation behind when the rest commits", async () => {
    // The checkout page holds what it can and commits: a refused hold must not stay as an ACTIVE row without units,
    // which checkout would later take for a real hold (the oversell bench:checkout found).
    const variant = await stockedSku(1);
    const refused = await unscopedDb.$transaction(async (tx) => {
      try {
        await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "cart:caught" }, { tx: tx as LedgerTx });
        return null;
      } catch (error) {
        return error;
      }
    });
    expect(refused).toBeInstanceOf(InsufficientStockError);
    expect(await unscopedDb.stockReservation.count({ where: { organizationId: makerId, reference: "cart:caught" } })).toBe(0);
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
  });

  it("opens its transaction on the client it is given, with room to queue", async () => {
    const variant = await stockedSku(3);
    const calls: unknown[] = [];
    const client = {
      $transaction: (work: unknown, options: unknown) => {
        calls.push(options);
        return (unscopedDb.$transaction as (w: unknown, o: unknown) => Promise<unknown>)(work, options);
      },
    } as unknown as TransactionRunner;
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:client" }, { client });
    await release(r.id, {}, { client });
    const c = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:client2" }, { client });
    await confirm(c.id, {}, { client });
    await ship(c.id, {}, { client });
    expect(calls).toEqual(Array.from({ length: 5 }, () => ({ maxWait: 20_000, timeout: 20_000 })));
    expect(RESERVATION_TRANSACTION).toEqual({ maxWait: 20_000, timeout: 20_000 });
  });

  it("addresses reservations by their id only, in either case; anything else is not found", async () => {
    const variant = await stockedSku(2);
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:id" });
    for (const id of [`x${r.id}`, `${r.id}0`, r.id.slice(1), r.id.replaceAll("-", ""), `${r.id.slice(0, -1)}g`, r.id.replace("-", "_"), "", "00000000-0000-0000-0000-00000000000"]) {
      await expect(release(id), id).rejects.toMatchObject({ code: "reservation_not_found" });
      await expect(confirm(id), id).rejects.toMatchObject({ code: "reservation_not_found" });
      await expect(ship(id), id).rejects.toMatchObject({ code: "reservation_not_found" });
    }
    expect(await release(r.id.toUpperCase())).toMatchObject({ id: r.id, status: "RELEASED" });
  });
});

describe("reservation lifecycle", () => {
  it("reserve → confirm (PICK) → ship (SHIPMENT), once", async () => {
    const variant = await stockedSku(5);
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "order:1", holderOrganizationId: buyerId });
    expect(r.status).toBe("ACTIVE");
    expect(r.productId).toBe(variant.productId);
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 5, reserved: 2 });

    // Another buyer cannot confirm it: not found.
    await expect(confirm(r.id, { holderOrganizationId: makerId })).rejects.toMatchObject({ code: "reservation_not_found" });
    // Not confirmed yet: cannot ship.
    await expect(ship(r.id)).rejects.toMatchObject({ code: "reservation_not_confirmed" });

    const confirmed = await confirm(r.id, { holderOrganizationId: buyerId });
    expect(confirmed.status).toBe("CONFIRMED");
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
    await expect(confirm(r.id)).rejects.toMatchObject({ code: "reservation_not_active" });
    await expect(release(r.id)).rejects.toMatchObject({ code: "reservation_not_active" });

    await ship(r.id, { organizationId: makerId });
    await expect(ship(r.id)).rejects.toMatchObject({ code: "reservation_shipped" });
    const kinds = await unscopedDb.stockMovement.findMany({ where: { organizationId: makerId, reservationId: r.id }, orderBy: { createdAt: "asc" }, select: { kind: true, onHandDelta: true, reservedDelta: true } });
    expect(kinds).toEqual([
      { kind: "RESERVATION", onHandDelta: 0, reservedDelta: 2 },
      { kind: "PICK", onHandDelta: -2, reservedDelta: -2 },
      { kind: "SHIPMENT", onHandDelta: 0, reservedDelta: 0 },
    ]);
  });

  it("release gives the units back", async () => {
    const variant = await stockedSku(3);
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 3, reference: "cart:rel" });
    await expect(reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:other" })).rejects.toMatchObject({ available: 0, requested: 1 });
    const released = await release(r.id, { organizationId: makerId }, { reason: "cart emptied" });
    expect(released.status).toBe("RELEASED");
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
    await expect(release(r.id)).rejects.toBeInstanceOf(ReservationError);
  });

  it("refuses bad quantities, TTLs, ids and another manufacturer's SKU", async () => {
    const variant = await stockedSku(3);
    await expect(reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 0, reference: "x" })).rejects.toMatchObject({ code: "invalid_quantity" });
    await expect(reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1.5, reference: "x" })).rejects.toMatchObject({ code: "invalid_quantity" });
    await expect(reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "x", ttlMinutes: 0 })).rejects.toMatchObject({ code: "invalid_ttl" });
    await expect(confirm("not-a-uuid")).rejects.toMatchObject({ code: "reservation_not_found" });
    const other = await createManufacturer();
    await expect(reserve({ organizationId: other.id, warehouseId, variantId: variant.id, quantity: 1, reference: "x" })).rejects.toMatchObject({ code: "variant_not_found" });
    // A SKU with no stock in the warehouse at all.
    const empty = await stockedSku(0);
    await expect(reserve({ organizationId: makerId, warehouseId, variantId: empty.id, quantity: 1, reference: "x" })).rejects.toBeInstanceOf(InsufficientStockError);
  });
});

describe("expiry", () => {
  it("TTL: 30 minutes by default, RESERVATION_TTL_MINUTES, or per call", async () => {
    const previous = process.env.RESERVATION_TTL_MINUTES;
    try {
      delete process.env.RESERVATION_TTL_MINUTES;
      resetEnvCache();
      expect(reservationTtlMinutes()).toBe(30);
      process.env.RESERVATION_TTL_MINUTES = "45";
      resetEnvCache();
      expect(reservationTtlMinutes()).toBe(45);
      expect(reservationTtlMinutes(5)).toBe(5);
      const variant = await stockedSku(2);
      const now = new Date("2026-12-01T10:00:00Z");
      const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:ttl", now });
      expect(r.expiresAt.getTime() - now.getTime()).toBe(45 * 60_000);
      const short = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:ttl", now, ttlMinutes: 10 });
      expect(short.expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);
      await release(r.id);
      await release(short.id);
    } finally {
      if (previous === undefined) delete process.env.RESERVATION_TTL_MINUTES;
      else process.env.RESERVATION_TTL_MINUTES = previous;
      resetEnvCache();
    }
  });

  it("TTL: from one minute to one week, whole minutes only", async () => {
    expect(reservationTtlMinutes(1)).toBe(1);
    expect(reservationTtlMinutes(10_080)).toBe(10_080);
    for (const ttl of [0, -5, 10_081, 1.5, Number.NaN]) {
      expect(() => reservationTtlMinutes(ttl)).toThrow(ReservationError);
      expect(() => reservationTtlMinutes(ttl)).toThrow(`TTL ${ttl} minutes out of range`);
    }
    const variant = await stockedSku(1);
    const now = new Date();
    const week = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:week", now, ttlMinutes: 10_080 });
    expect(week.expiresAt.getTime() - now.getTime()).toBe(10_080 * 60_000);
    await release(week.id);
  });

  it("expires at its expiry instant: confirmed a millisecond before, refused at it; released even after it", async () => {
    const variant = await stockedSku(4);
    const t0 = new Date();
    const r = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:edge", now: t0, ttlMinutes: 10 });
    const expiresAt = new Date(t0.getTime() + 10 * 60_000);
    await expect(confirm(r.id, {}, { now: expiresAt })).rejects.toMatchObject({ code: "reservation_expired" });
    expect(await confirm(r.id, {}, { now: new Date(expiresAt.getTime() - 1) })).toMatchObject({ status: "CONFIRMED" });
    // A confirmed reservation is not "expired" later on: it is no longer active.
    await expect(release(r.id, {}, { now: new Date(expiresAt.getTime() + 60_000) })).rejects.toMatchObject({ code: "reservation_not_active", message: "Reservation is CONFIRMED" });

    // Past its expiry, not yet swept by the worker: a buyer emptying the cart still gives the units back.
    const late = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "cart:late", now: new Date(Date.now() - 60 * 60_000), ttlMinutes: 30 });
    expect(await release(late.id)).toMatchObject({ status: "RELEASED" });
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it("the worker releases expired reservations; confirming after expiry is refused", async () => {
    const variant = await stockedSku(6);
    const start = new Date(Date.now() - 60 * 60_000);
    const old = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: "cart:old", now: start, ttlMinutes: 30 });
    const old2 = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 1, reference: "cart:old2", now: start, ttlMinutes: 30 });
    const fresh = await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 3, reference: "cart:fresh" });
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 6, reserved: 6 });

    // Past its expiry but not yet swept: confirm is already refused.
    await expect(confirm(old.id)).rejects.toMatchObject({ code: "reservation_expired" });

    // Exactly the reservations due, one per transaction with a batch of one (and one more transaction that finds none).
    const due = await unscopedDb.stockReservation.count({ where: { status: "ACTIVE", expiresAt: { lte: new Date() } } });
    expect(due).toBeGreaterThanOrEqual(2);
    let transactions = 0;
    const counting = {
      $transaction: (work: unknown, options: unknown) => {
        transactions += 1;
        return (unscopedDb.$transaction as (w: unknown, o: unknown) => Promise<unknown>)(work, options);
      },
    } as unknown as TransactionRunner;
    const { expired } = await expireReservations({ batchSize: 1, client: counting });
    expect(expired).toBe(due);
    expect(transactions).toBe(due + 1);
    expect(await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ status: "EXPIRED" });
    expect(await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: old2.id } })).toMatchObject({ status: "EXPIRED" });
    expect(await unscopedDb.stockReservation.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: "ACTIVE" });
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 6, reserved: 3 });
    const releases = await unscopedDb.stockMovement.findMany({ where: { organizationId: makerId, reservationId: { in: [old.id, old2.id] }, kind: "RELEASE" } });
    expect(releases).toHaveLength(2);
    expect(releases.every((m) => m.reason === "expired")).toBe(true);

    await expect(confirm(old.id)).rejects.toMatchObject({ code: "reservation_expired" });
    await expect(release(old.id)).rejects.toMatchObject({ code: "reservation_expired" });
    expect((await expireReservations()).expired).toBe(0);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
  });

  it("expiry racing confirmations: each reservation ends exactly once", async () => {
    const variant = await stockedSku(20);
    const start = new Date(Date.now() - 31 * 60_000);
    const rs = [];
    for (let i = 0; i < 10; i++) rs.push(await reserve({ organizationId: makerId, warehouseId, variantId: variant.id, quantity: 2, reference: `cart:race${i}`, now: start, ttlMinutes: 30 }));
    // Confirm with a clock from before the expiry (a slow request) while the worker sweeps.
    const before = new Date(start.getTime() + 29 * 60_000);
    const results = await Promise.allSettled([expireReservations(), ...rs.map((r) => confirm(r.id, {}, { now: before })), expireReservations()]);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ReservationError);
    const ended = await unscopedDb.stockReservation.findMany({ where: { organizationId: makerId, variantId: variant.id } });
    const confirmed = ended.filter((r) => r.status === "CONFIRMED").length;
    expect(confirmed + ended.filter((r) => r.status === "EXPIRED").length).toBe(10);
    expect(await balanceOf(variant.id)).toMatchObject({ onHand: 20 - 2 * confirmed, reserved: 0 });
    const movements = await unscopedDb.stockMovement.groupBy({ by: ["kind"], where: { organizationId: makerId, variantId: variant.id }, _count: true });
    const count = (kind: string) => movements.find((m) => m.kind === kind)?._count ?? 0;
    expect(count("PICK")).toBe(confirmed);
    expect(count("RELEASE")).toBe(10 - confirmed);
    expect(await checkLedgerConsistency(unscopedDb, { organizationId: makerId })).toEqual([]);
  });
});

afterAll(() => resetEnvCache());
