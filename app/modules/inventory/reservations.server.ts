import type { StockReservation } from "~/generated/prisma/client";
import { env } from "~/modules/config/env.server";
import type { BaseClient } from "~/modules/db/client.server";
import { unscopedDb } from "~/modules/db/index.server";
import { ReservationError, VariantNotFoundError } from "./errors";
import { applyMovement, type LedgerTx } from "./ledger.server";

/** Something that can open an interactive transaction: `unscopedDb` (default) or a client on a pool of its own. */
export type TransactionRunner = Pick<BaseClient, "$transaction">;

/** Many buyers on one SKU queue on its balance row: let them wait rather than fail. */
export const RESERVATION_TRANSACTION = { maxWait: 20_000, timeout: 20_000 } as const;

export interface ReserveInput {
  /** The manufacturer whose stock is held. */
  organizationId: string;
  warehouseId: string;
  variantId: string;
  quantity: number;
  /** What holds it: "cart:<id>", "order:<id>". */
  reference: string;
  holderOrganizationId?: string | null;
  holderUserId?: string | null;
  /** Overrides RESERVATION_TTL_MINUTES for this reservation. */
  ttlMinutes?: number;
  now?: Date;
}

/** Who may act on a reservation: its manufacturer, its holder (buyer), or both; omitted = system work. */
export interface ReservationScope {
  organizationId?: string;
  holderOrganizationId?: string;
}

export interface ReservationOptions {
  /** Run in this transaction (the caller's: e.g. creating an order and reserving its lines together). */
  tx?: LedgerTx;
  /** Open the transaction on this client (default `unscopedDb`). */
  client?: TransactionRunner;
  userId?: string;
}

export function reservationTtlMinutes(override?: number): number {
  const ttl = override ?? env().RESERVATION_TTL_MINUTES;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 10_080) throw new ReservationError("invalid_ttl", `TTL ${ttl} minutes out of range`);
  return ttl;
}

function inTransaction<T>(options: ReservationOptions, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
  if (options.tx) return work(options.tx);
  return (options.client ?? unscopedDb).$transaction((tx) => work(tx as LedgerTx), RESERVATION_TRANSACTION);
}

/**
 * Holds `quantity` units of a SKU in a warehouse until the TTL runs out. The balance update is conditional on the
 * available quantity, so concurrent buyers can never hold more than there is: the loser gets InsufficientStockError
 * and nothing is written.
 */
export async function reserve(input: ReserveInput, options: ReservationOptions = {}): Promise<StockReservation> {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new ReservationError("invalid_quantity");
  const ttl = reservationTtlMinutes(input.ttlMinutes);
  const now = input.now ?? new Date();
  return inTransaction(options, async (tx) => {
    const variant = await tx.productVariant.findFirst({ where: { id: input.variantId, organizationId: input.organizationId }, select: { productId: true } });
    if (!variant) throw new VariantNotFoundError(input.variantId);
    const reservation = await tx.stockReservation.create({
      data: {
        organizationId: input.organizationId,
        warehouseId: input.warehouseId,
        variantId: input.variantId,
        productId: variant.productId,
        quantity: input.quantity,
        holderOrganizationId: input.holderOrganizationId ?? null,
        holderUserId: input.holderUserId ?? null,
        reference: input.reference,
        expiresAt: new Date(now.getTime() + ttl * 60_000),
        createdAt: now,
      },
    });
    try {
      await applyMovement(tx, {
        organizationId: input.organizationId,
        warehouseId: input.warehouseId,
        variantId: input.variantId,
        kind: "RESERVATION",
        reservedDelta: input.quantity,
        reservationId: reservation.id,
        userId: options.userId,
      });
    } catch (error) {
      // A caller running this in its own transaction may catch the refusal and commit the rest (the checkout page
      // holds what it can): the reservation row must not outlive the units it failed to hold, or it would later
      // be taken for a real hold and oversell.
      await tx.stockReservation.deleteMany({ where: { id: reservation.id, organizationId: input.organizationId } }).catch(() => undefined);
      throw error;
    }
    return reservation;
  });
}

/** Ends an ACTIVE reservation with `status` if (and only if) it is still ACTIVE: the one race-free transition. */
async function endActive(tx: LedgerTx, reservationId: string, scope: ReservationScope, status: "RELEASED" | "CONFIRMED", now: Date, notExpired: boolean) {
  const rows = await tx.$queryRaw<StockReservation[]>`
    UPDATE "StockReservation" SET "status" = ${status}::"ReservationStatus", "endedAt" = ${now}
     WHERE "id" = ${reservationId}::uuid AND "status" = 'ACTIVE'
       AND (${scope.organizationId ?? null}::uuid IS NULL OR "organizationId" = ${scope.organizationId ?? null}::uuid)
       AND (${scope.holderOrganizationId ?? null}::uuid IS NULL OR "holderOrganizationId" = ${scope.holderOrganizationId ?? null}::uuid)
       AND (${!notExpired} OR "expiresAt" > ${now})
    RETURNING *`;
  return rows[0];
}

/** Why a transition found no row: unknown (or not the caller's), expired, or already ended. */
async function refusal(tx: LedgerTx, reservationId: string, scope: ReservationScope, now: Date): Promise<ReservationError> {
  const found = await tx.stockReservation.findFirst({
    where: {
      id: reservationId,
      ...(scope.organizationId ? { organizationId: scope.organizationId } : {}),
      ...(scope.holderOrganizationId ? { holderOrganizationId: scope.holderOrganizationId } : {}),
    },
  });
  if (!found) return new ReservationError("reservation_not_found");
  if (found.status === "EXPIRED" || (found.status === "ACTIVE" && found.expiresAt <= now)) return new ReservationError("reservation_expired");
  return new ReservationError("reservation_not_active", `Reservation is ${found.status}`);
}

function checkId(reservationId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reservationId)) throw new ReservationError("reservation_not_found");
}

/** Gives the units back (cart emptied, order cancelled before confirmation): RELEASE movement. */
export async function release(reservationId: string, scope: ReservationScope = {}, options: ReservationOptions & { reason?: string; now?: Date } = {}): Promise<StockReservation> {
  checkId(reservationId);
  const now = options.now ?? new Date();
  return inTransaction(options, async (tx) => {
    const ended = await endActive(tx, reservationId, scope, "RELEASED", now, false);
    if (!ended) throw await refusal(tx, reservationId, scope, now);
    await applyMovement(tx, {
      organizationId: ended.organizationId,
      warehouseId: ended.warehouseId,
      variantId: ended.variantId,
      kind: "RELEASE",
      reservedDelta: -ended.quantity,
      reservationId: ended.id,
      reason: options.reason,
      userId: options.userId,
    });
    return ended;
  });
}

/**
 * The order is confirmed (paid): the held units are picked — they leave both reserved and on hand (PICK). Refused
 * once the reservation has expired, even before the worker has released it.
 */
export async function confirm(reservationId: string, scope: ReservationScope = {}, options: ReservationOptions & { now?: Date } = {}): Promise<StockReservation> {
  checkId(reservationId);
  const now = options.now ?? new Date();
  return inTransaction(options, async (tx) => {
    const ended = await endActive(tx, reservationId, scope, "CONFIRMED", now, true);
    if (!ended) throw await refusal(tx, reservationId, scope, now);
    await applyMovement(tx, {
      organizationId: ended.organizationId,
      warehouseId: ended.warehouseId,
      variantId: ended.variantId,
      kind: "PICK",
      onHandDelta: -ended.quantity,
      reservedDelta: -ended.quantity,
      reservationId: ended.id,
      userId: options.userId,
    });
    return ended;
  });
}

/** The picked goods of a confirmed reservation leave the warehouse: a SHIPMENT movement (0/0), once. */
export async function ship(reservationId: string, scope: ReservationScope = {}, options: ReservationOptions & { reason?: string } = {}): Promise<StockReservation> {
  checkId(reservationId);
  return inTransaction(options, async (tx) => {
    const [locked] = await tx.$queryRaw<StockReservation[]>`
      SELECT * FROM "StockReservation"
       WHERE "id" = ${reservationId}::uuid
         AND (${scope.organizationId ?? null}::uuid IS NULL OR "organizationId" = ${scope.organizationId ?? null}::uuid)
         AND (${scope.holderOrganizationId ?? null}::uuid IS NULL OR "holderOrganizationId" = ${scope.holderOrganizationId ?? null}::uuid)
       FOR UPDATE`;
    if (!locked) throw new ReservationError("reservation_not_found");
    if (locked.status !== "CONFIRMED") throw new ReservationError("reservation_not_confirmed", `Reservation is ${locked.status}`);
    const shipped = await tx.stockMovement.findFirst({ where: { organizationId: locked.organizationId, reservationId: locked.id, kind: "SHIPMENT" }, select: { id: true } });
    if (shipped) throw new ReservationError("reservation_shipped");
    await applyMovement(tx, {
      organizationId: locked.organizationId,
      warehouseId: locked.warehouseId,
      variantId: locked.variantId,
      kind: "SHIPMENT",
      reservationId: locked.id,
      reason: options.reason,
      userId: options.userId,
    });
    return locked;
  });
}

/** Expired reservations handled per transaction by the worker. */
export const EXPIRY_BATCH = 200;

/**
 * The worker's job: every ACTIVE reservation whose expiresAt has passed becomes EXPIRED and its units are released
 * (RELEASE movement). Rows are claimed with a conditional update (FOR UPDATE SKIP LOCKED): a concurrent confirm
 * or another worker either got the row first (then it is no longer ACTIVE here) or waits for this one.
 */
export async function expireReservations(options: { now?: Date; client?: TransactionRunner; batchSize?: number } = {}): Promise<{ expired: number }> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? EXPIRY_BATCH;
  const client = options.client ?? unscopedDb;
  let expired = 0;
  for (;;) {
    const count = await client.$transaction(async (rawTx) => {
      const tx = rawTx as LedgerTx;
      const claimed = await tx.$queryRaw<StockReservation[]>`
        UPDATE "StockReservation" r SET "status" = 'EXPIRED', "endedAt" = ${now}
         WHERE r."id" IN (
           SELECT "id" FROM "StockReservation"
            WHERE "status" = 'ACTIVE' AND "expiresAt" <= ${now}
            ORDER BY "expiresAt"
            LIMIT ${batchSize}
            FOR UPDATE SKIP LOCKED)
           AND r."status" = 'ACTIVE'
        RETURNING r.*`;
      // One lock order for balance rows across workers: by warehouse, then SKU.
      claimed.sort((a, b) => a.warehouseId.localeCompare(b.warehouseId) || a.variantId.localeCompare(b.variantId) || a.id.localeCompare(b.id));
      for (const reservation of claimed) {
        await applyMovement(tx, {
          organizationId: reservation.organizationId,
          warehouseId: reservation.warehouseId,
          variantId: reservation.variantId,
          kind: "RELEASE",
          reservedDelta: -reservation.quantity,
          reservationId: reservation.id,
          reason: "expired",
        });
      }
      return claimed.length;
    }, RESERVATION_TRANSACTION);
    expired += count;
    if (count < batchSize) return { expired };
  }
}

/** Alias named after the brief: the worker's function. */
export const expire = expireReservations;
