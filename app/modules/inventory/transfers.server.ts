import { randomUUID } from "node:crypto";
import type { StockMovement } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { isUuid } from "~/modules/http/responses.server";
import { StockOperationError } from "./errors";
import { applyMovement, type LedgerTx } from "./ledger.server";
import { MAX_REASON_LENGTH } from "./limits";
import type { TransactionRunner } from "./reservations.server";

export interface TransferInput {
  /** The manufacturer whose stock moves. */
  organizationId: string;
  fromWarehouseId: string;
  toWarehouseId: string;
  variantId: string;
  quantity: number;
  reason?: string;
  userId?: string;
}

/**
 * Moves a manufacturer's units of a SKU from one warehouse to another: TRANSFER_OUT at the source (only available
 * units: reserved ones stay) and TRANSFER_IN at the destination, paired by one transferId, in one transaction.
 * The destination is an active overseas warehouse or the manufacturer's own origin location.
 */
export async function transferStock(input: TransferInput, options: { client?: TransactionRunner } = {}): Promise<{ transferId: string; out: StockMovement; in: StockMovement }> {
  if (![input.organizationId, input.fromWarehouseId, input.toWarehouseId, input.variantId].every(isUuid)) throw new StockOperationError("warehouse_not_found");
  if (input.fromWarehouseId === input.toWarehouseId) throw new StockOperationError("same_warehouse");
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new StockOperationError("invalid_quantity");
  const reason = input.reason?.trim() || undefined;
  if (reason && reason.length > MAX_REASON_LENGTH) throw new StockOperationError("invalid_quantity", "Reason too long");
  const transferId = randomUUID();
  return (options.client ?? unscopedDb).$transaction(async (rawTx) => {
    const tx = rawTx as LedgerTx;
    const warehouses = await tx.warehouse.findMany({
      where: {
        id: { in: [input.fromWarehouseId, input.toWarehouseId] },
        OR: [{ kind: "OVERSEAS" }, { kind: "ORIGIN", ownerOrganizationId: input.organizationId }],
      },
      select: { id: true, active: true },
    });
    const to = warehouses.find((w) => w.id === input.toWarehouseId);
    if (!warehouses.some((w) => w.id === input.fromWarehouseId) || !to?.active) throw new StockOperationError("warehouse_not_found");
    const common = { organizationId: input.organizationId, variantId: input.variantId, transferId, reason, userId: input.userId };
    const sides = [
      { warehouseId: input.fromWarehouseId, kind: "TRANSFER_OUT" as const, onHandDelta: -input.quantity },
      { warehouseId: input.toWarehouseId, kind: "TRANSFER_IN" as const, onHandDelta: input.quantity },
    ];
    // One lock order for the two balance rows (by warehouse id), whichever way the goods go.
    const ordered = [...sides].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId));
    const movements = new Map<string, StockMovement>();
    for (const side of ordered) movements.set(side.kind, (await applyMovement(tx, { ...common, ...side })).movement);
    return { transferId, out: movements.get("TRANSFER_OUT")!, in: movements.get("TRANSFER_IN")! };
  });
}
