import type { StockBalance, StockMovement } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { StockOperationError } from "./errors";
import { applyMovement, lockBalance, type LedgerTx } from "./ledger.server";
import { MAX_COUNT, MAX_REASON_LENGTH } from "./limits";
import type { TransactionRunner } from "./reservations.server";

export { MAX_COUNT } from "./limits";

export interface BalanceRef {
  /** The SKU's balance row in that warehouse (what staff pages address). */
  balanceId: string;
  warehouseId: string;
  /** Only this manufacturer's stock (its console); omitted for warehouse staff, who handle every manufacturer's. */
  organizationId?: string;
}

function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new StockOperationError("reason_required");
  if (trimmed.length > MAX_REASON_LENGTH) throw new StockOperationError("invalid_quantity", "Reason too long");
  return trimmed;
}

/** Locks the balance row of that warehouse (and manufacturer, when given) for the transaction. */
async function lockRef(tx: LedgerTx, ref: BalanceRef): Promise<StockBalance> {
  if (!isUuid(ref.balanceId) || !isUuid(ref.warehouseId) || (ref.organizationId !== undefined && !isUuid(ref.organizationId))) throw new StockOperationError("balance_not_found");
  const found = await tx.stockBalance.findFirst({
    where: { id: ref.balanceId, warehouseId: ref.warehouseId, ...(ref.organizationId ? { organizationId: ref.organizationId } : {}) },
    select: { organizationId: true, variantId: true },
  });
  if (!found) throw new StockOperationError("balance_not_found");
  const locked = await lockBalance(tx, { organizationId: found.organizationId, warehouseId: ref.warehouseId, variantId: found.variantId });
  if (!locked) throw new StockOperationError("balance_not_found");
  return locked;
}

/**
 * A cycle count: the SKU's on-hand figure becomes what was counted (CYCLE_COUNT movement with delta counted −
 * onHand; a count that confirms the figure is recorded too). A count below what is reserved is refused: the
 * reservations must be released first (reserved never exceeds on hand).
 */
export async function recordCycleCount(
  ref: BalanceRef,
  input: { counted: number; reason: string; userId?: string },
  options: { client?: TransactionRunner } = {},
): Promise<{ balance: StockBalance; movement: StockMovement; delta: number }> {
  if (!Number.isInteger(input.counted) || input.counted < 0 || input.counted > MAX_COUNT) throw new StockOperationError("invalid_quantity");
  const reason = checkReason(input.reason);
  return (options.client ?? unscopedDb).$transaction(async (rawTx) => {
    const tx = rawTx as LedgerTx;
    const balance = await lockRef(tx, ref);
    if (input.counted < balance.reserved) throw new StockOperationError("below_reserved");
    const delta = input.counted - balance.onHand;
    const applied = await applyMovement(tx, {
      organizationId: balance.organizationId,
      warehouseId: balance.warehouseId,
      variantId: balance.variantId,
      kind: "CYCLE_COUNT",
      onHandDelta: delta,
      reason,
      userId: input.userId,
    });
    return { ...applied, delta };
  });
}

/**
 * An adjustment of on-hand stock by ±delta with a required reason (found in another bay, damaged in handling).
 * A decrease cannot take away reserved units: InsufficientStockError.
 */
export async function adjustStock(
  ref: BalanceRef,
  input: { delta: number; reason: string; userId?: string },
  options: { client?: TransactionRunner } = {},
): Promise<{ balance: StockBalance; movement: StockMovement }> {
  if (!Number.isInteger(input.delta) || Math.abs(input.delta) > MAX_COUNT) throw new StockOperationError("invalid_quantity");
  if (input.delta === 0) throw new StockOperationError("no_change");
  const reason = checkReason(input.reason);
  return (options.client ?? unscopedDb).$transaction(async (rawTx) => {
    const tx = rawTx as LedgerTx;
    const balance = await lockRef(tx, ref);
    return applyMovement(tx, {
      organizationId: balance.organizationId,
      warehouseId: balance.warehouseId,
      variantId: balance.variantId,
      kind: "ADJUSTMENT",
      onHandDelta: input.delta,
      reason,
      userId: input.userId,
    });
  });
}
