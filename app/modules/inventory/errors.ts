/**
 * Typed inventory errors. Each carries a stable `code`; routes translate `warehouse.errors.<code>` (or their own
 * namespace's key for the same code) and answer 4xx, never 500.
 */
export abstract class InventoryError extends Error {
  abstract readonly code: string;
  /** The i18n key in the "warehouse" namespace. */
  get messageKey(): string {
    return `warehouse.errors.${this.code}`;
  }
}

/** Not enough available (onHand − reserved) or on-hand stock for the movement: nothing was changed. */
export class InsufficientStockError extends InventoryError {
  readonly code = "insufficient_stock";
  constructor(
    readonly available: number,
    readonly requested: number,
  ) {
    super(`Insufficient stock: ${requested} requested, ${available} available`);
    this.name = "InsufficientStockError";
  }
}

/** A movement whose deltas do not fit its kind (a programming error rather than user input). */
export class InvalidMovementError extends InventoryError {
  readonly code = "invalid_movement";
  constructor(message: string) {
    super(message);
    this.name = "InvalidMovementError";
  }
}

/** The variant does not exist or does not belong to the organization whose stock is moved. */
export class VariantNotFoundError extends InventoryError {
  readonly code = "variant_not_found";
  constructor(readonly variantId: string) {
    super(`Variant ${variantId} not found for this organization`);
    this.name = "VariantNotFoundError";
  }
}

/** No such warehouse (or not one this caller may use). */
export class WarehouseNotFoundError extends InventoryError {
  readonly code = "warehouse_not_found";
  constructor(readonly warehouseId: string) {
    super(`Warehouse ${warehouseId} not found`);
    this.name = "WarehouseNotFoundError";
  }
}

export type ReservationErrorCode = "reservation_not_found" | "reservation_expired" | "reservation_not_active" | "reservation_not_confirmed" | "reservation_shipped" | "invalid_quantity" | "invalid_ttl";

/** A reservation operation refused: unknown reservation, already ended, expired, or bad quantity/TTL. */
export class ReservationError extends InventoryError {
  constructor(
    readonly code: ReservationErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "ReservationError";
  }
}

export type ReceivingErrorCode = "shipment_not_found" | "shipment_not_receivable" | "line_not_found" | "nothing_received" | "invalid_quantity" | "invalid_photo";

/** A receipt refused: unknown shipment or line, a shipment not in transit, bad figures or photos. */
export class ReceivingError extends InventoryError {
  constructor(
    readonly code: ReceivingErrorCode,
    /** The form field at fault ("lines.0.received", "discrepancies.1.photos"), "" for the whole form. */
    readonly field = "",
    /** For invalid_photo: the image check that failed (ImageUploadErrorCode) and the file's name. */
    readonly detail?: { reason: string; fileName?: string },
  ) {
    super(`${code}${field ? ` at ${field}` : ""}${detail ? ` (${detail.reason}${detail.fileName ? `: ${detail.fileName}` : ""})` : ""}`);
    this.name = "ReceivingError";
  }
}

export type StockOperationErrorCode = "balance_not_found" | "warehouse_not_found" | "reason_required" | "invalid_quantity" | "same_warehouse" | "no_change" | "below_reserved";

/** A count, adjustment or transfer refused. */
export class StockOperationError extends InventoryError {
  constructor(
    readonly code: StockOperationErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "StockOperationError";
  }
}

/** PostgreSQL's check_violation (SQLSTATE 23514), wherever the driver or Prisma put it. */
export function isCheckViolation(error: unknown): boolean {
  return hasSqlState(error, "23514", 0);
}

function hasSqlState(error: unknown, state: string, depth: number): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as Record<string, unknown>;
  for (const key of ["code", "originalCode", "sqlState"]) if (e[key] === state) return true;
  if (typeof e.message === "string" && (e.message.includes(`Code: \`${state}\``) || e.message.includes(`code: ${state}`) || /violates check constraint/.test(e.message))) return true;
  for (const key of ["cause", "meta", "driverAdapterError"]) if (hasSqlState(e[key], state, depth + 1)) return true;
  return false;
}
