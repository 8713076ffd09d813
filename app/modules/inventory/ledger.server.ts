import type { Prisma, StockBalance, StockMovement, StockMovementKind } from "~/generated/prisma/client";
import { InsufficientStockError, InvalidMovementError, VariantNotFoundError, isCheckViolation } from "./errors";
import { MAX_REASON_LENGTH } from "./limits";

export { InsufficientStockError } from "./errors";

/** An unscoped interactive transaction (`unscopedDb.$transaction(async (tx) => …)`): the ledger's only writer. */
export type LedgerTx = Prisma.TransactionClient;

export interface MovementInput {
  /** The manufacturer whose stock moves (the variant must be theirs). */
  organizationId: string;
  warehouseId: string;
  variantId: string;
  kind: StockMovementKind;
  onHandDelta?: number;
  reservedDelta?: number;
  reason?: string;
  reservationId?: string;
  inboundShipmentId?: string;
  transferId?: string;
  userId?: string;
}

export { MAX_REASON_LENGTH } from "./limits";

/** Which deltas each kind may carry: "+" strictly positive, "-" strictly negative, "0" zero, "±" any non-zero, "*" any. */
const RULES: Record<StockMovementKind, { onHand: "+" | "-" | "0" | "±" | "*"; reserved: "+" | "-" | "0" | "*"; reason?: true; transfer?: true }> = {
  RECEIPT: { onHand: "+", reserved: "0" },
  RESERVATION: { onHand: "0", reserved: "+" },
  RELEASE: { onHand: "0", reserved: "-" },
  PICK: { onHand: "-", reserved: "-" },
  SHIPMENT: { onHand: "0", reserved: "0" },
  ADJUSTMENT: { onHand: "±", reserved: "0", reason: true },
  TRANSFER_OUT: { onHand: "-", reserved: "0", transfer: true },
  TRANSFER_IN: { onHand: "+", reserved: "0", transfer: true },
  CYCLE_COUNT: { onHand: "*", reserved: "0", reason: true },
};

function fits(rule: "+" | "-" | "0" | "±" | "*", value: number): boolean {
  switch (rule) {
    case "+":
      return value > 0;
    case "-":
      return value < 0;
    case "0":
      return value === 0;
    case "±":
      return value !== 0;
    case "*":
      return true;
  }
}

function validate(input: MovementInput, onHandDelta: number, reservedDelta: number) {
  const rule = RULES[input.kind];
  if (!rule) throw new InvalidMovementError(`Unknown movement kind ${String(input.kind)}`);
  if (!Number.isSafeInteger(onHandDelta) || !Number.isSafeInteger(reservedDelta)) throw new InvalidMovementError("Deltas must be integers");
  if (!fits(rule.onHand, onHandDelta)) throw new InvalidMovementError(`${input.kind}: onHandDelta ${onHandDelta} not allowed`);
  if (!fits(rule.reserved, reservedDelta)) throw new InvalidMovementError(`${input.kind}: reservedDelta ${reservedDelta} not allowed`);
  if (input.kind === "PICK" && onHandDelta !== reservedDelta) throw new InvalidMovementError("PICK takes the same quantity from onHand and reserved");
  if (rule.reason && !input.reason?.trim()) throw new InvalidMovementError(`${input.kind} needs a reason`);
  if (rule.transfer && !input.transferId) throw new InvalidMovementError(`${input.kind} needs a transferId`);
  if (input.reason && input.reason.length > MAX_REASON_LENGTH) throw new InvalidMovementError("Reason too long");
}

type BalanceRow = StockBalance;

/**
 * The conditional update: applies both deltas only if the result keeps 0 ≤ reserved ≤ onHand. Under READ COMMITTED
 * a concurrent writer of the same row makes PostgreSQL wait and re-check the WHERE clause on the new row version,
 * so two reservations can never both pass on the last unit.
 */
async function conditionalUpdate(tx: LedgerTx, input: MovementInput, onHandDelta: number, reservedDelta: number): Promise<BalanceRow | undefined> {
  const rows = await tx.$queryRaw<BalanceRow[]>`
    UPDATE "StockBalance"
       SET "onHand" = "onHand" + ${onHandDelta}::int,
           "reserved" = "reserved" + ${reservedDelta}::int,
           "updatedAt" = now()
     WHERE "warehouseId" = ${input.warehouseId}::uuid
       AND "variantId" = ${input.variantId}::uuid
       AND "organizationId" = ${input.organizationId}::uuid
       AND "onHand" + ${onHandDelta}::int >= 0
       AND "reserved" + ${reservedDelta}::int >= 0
       AND "reserved" + ${reservedDelta}::int <= "onHand" + ${onHandDelta}::int
    RETURNING *`;
  return rows[0];
}

/** Creates the (0, 0) balance row of a SKU in a warehouse when missing; a concurrent creator is harmless. */
async function ensureBalance(tx: LedgerTx, input: MovementInput): Promise<boolean> {
  const variant = await tx.productVariant.findFirst({
    where: { id: input.variantId, organizationId: input.organizationId },
    select: { productId: true },
  });
  if (!variant) throw new VariantNotFoundError(input.variantId);
  const existing = await tx.$queryRaw<{ organizationId: string }[]>`
    SELECT "organizationId" FROM "StockBalance" WHERE "warehouseId" = ${input.warehouseId}::uuid AND "variantId" = ${input.variantId}::uuid`;
  if (existing[0]) return existing[0].organizationId === input.organizationId;
  await tx.$executeRaw`
    INSERT INTO "StockBalance" ("id", "organizationId", "warehouseId", "productId", "variantId", "onHand", "reserved", "updatedAt")
    VALUES (gen_random_uuid(), ${input.organizationId}::uuid, ${input.warehouseId}::uuid, ${variant.productId}::uuid, ${input.variantId}::uuid, 0, 0, now())
    ON CONFLICT ("warehouseId", "variantId") DO NOTHING`;
  return true;
}

function requestedOf(onHandDelta: number, reservedDelta: number): number {
  if (reservedDelta > 0) return reservedDelta;
  if (onHandDelta < 0) return -onHandDelta;
  return Math.abs(reservedDelta);
}

/**
 * The one way stock changes: applies the deltas to the SKU's balance in the warehouse (creating the balance row
 * when missing) and appends the movement, in the caller's transaction. Never lets onHand go below zero or reserved
 * above onHand: a movement that would is refused with InsufficientStockError and changes nothing.
 */
export async function applyMovement(tx: LedgerTx, input: MovementInput): Promise<{ balance: StockBalance; movement: StockMovement }> {
  const onHandDelta = input.onHandDelta ?? 0;
  const reservedDelta = input.reservedDelta ?? 0;
  validate(input, onHandDelta, reservedDelta);

  let balance: BalanceRow | undefined;
  try {
    balance = await conditionalUpdate(tx, input, onHandDelta, reservedDelta);
    if (!balance) {
      const current = await tx.$queryRaw<{ onHand: number; reserved: number }[]>`
        SELECT "onHand", "reserved" FROM "StockBalance"
         WHERE "warehouseId" = ${input.warehouseId}::uuid AND "variantId" = ${input.variantId}::uuid AND "organizationId" = ${input.organizationId}::uuid`;
      if (current[0]) throw new InsufficientStockError(Math.max(0, current[0].onHand - current[0].reserved), requestedOf(onHandDelta, reservedDelta));
      if (!(await ensureBalance(tx, input))) throw new VariantNotFoundError(input.variantId);
      balance = await conditionalUpdate(tx, input, onHandDelta, reservedDelta);
      if (!balance) throw new InsufficientStockError(0, requestedOf(onHandDelta, reservedDelta));
    }
  } catch (error) {
    if (isCheckViolation(error)) throw new InsufficientStockError(0, requestedOf(onHandDelta, reservedDelta));
    throw error;
  }

  const movement = await tx.stockMovement.create({
    data: {
      organizationId: input.organizationId,
      warehouseId: input.warehouseId,
      productId: balance.productId,
      variantId: input.variantId,
      kind: input.kind,
      onHandDelta,
      reservedDelta,
      onHandAfter: balance.onHand,
      reservedAfter: balance.reserved,
      reason: input.reason?.trim() || null,
      reservationId: input.reservationId ?? null,
      inboundShipmentId: input.inboundShipmentId ?? null,
      transferId: input.transferId ?? null,
      userId: input.userId ?? null,
    },
  });
  return { balance, movement };
}

/**
 * Locks a SKU's balance row for the rest of the transaction (SELECT … FOR UPDATE) and returns it, or undefined when
 * the SKU has no balance in that warehouse. For operations that compute a delta from the current figure (counts).
 */
export async function lockBalance(tx: LedgerTx, where: { organizationId: string; warehouseId: string; variantId: string }): Promise<StockBalance | undefined> {
  const rows = await tx.$queryRaw<StockBalance[]>`
    SELECT * FROM "StockBalance"
     WHERE "warehouseId" = ${where.warehouseId}::uuid AND "variantId" = ${where.variantId}::uuid AND "organizationId" = ${where.organizationId}::uuid
     FOR UPDATE`;
  return rows[0];
}
