import type { BankTransfer, Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { parseAmount } from "~/modules/money/money";
import { applyOrderEvent, OrderLifecycleError, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { afterNotifyCommit, notifyOrderEvent, type NotifyResult } from "~/modules/ordering/notifications.server";
import { parseOrderNumber } from "~/modules/ordering/order-numbers";
import { classifyMatch, nearReferences, strictReferences, type MatchOutcome } from "./bank-transfer";

/**
 * Bank transfers (T/T): the buyer chooses to pay by transfer (chooseBankTransfer), the platform records what
 * arrived on its account (recordTransfer) and matches it to the order by its reference, or by hand; each match is
 * a "payment_received" of the order's lifecycle. Platform work (recording, matching, refunds) runs on unscopedDb:
 * callers are behind the PLATFORM gate (requirePlatformDesk).
 */

export type BankTransferErrorCode =
  | "amount_format"
  | "amount_decimals"
  | "unknown_currency"
  | "transfer_not_found"
  | "already_matched"
  | "order_not_found"
  | "currency_mismatch"
  | "not_payable"
  | "not_paid_by_transfer"
  | "refund_exceeds_paid";

const STATUS_OF: Record<BankTransferErrorCode, 400 | 404 | 409> = {
  amount_format: 400,
  amount_decimals: 400,
  unknown_currency: 400,
  transfer_not_found: 404,
  already_matched: 409,
  order_not_found: 404,
  currency_mismatch: 409,
  not_payable: 409,
  not_paid_by_transfer: 409,
  refund_exceeds_paid: 409,
};

/** A refused transfer action; pages translate `banking.errors.<code>` and answer `status`. */
export class BankTransferError extends Error {
  readonly status: 400 | 404 | 409;
  constructor(
    readonly code: BankTransferErrorCode,
    readonly detail: Record<string, string> = {},
  ) {
    super(code);
    this.name = "BankTransferError";
    this.status = STATUS_OF[code];
  }
}

function exponentOf(currencyCode: string): number {
  const currency = CURRENCIES.find((c) => c.code === currencyCode);
  if (!currency) throw new BankTransferError("unknown_currency");
  return currency.exponent;
}

/** The single reading of a typed amount (money.ts parseAmount) in the currency's minor units, or a refusal. */
export function readAmount(text: string, currencyCode: string): bigint {
  const parsed = parseAmount(text, exponentOf(currencyCode));
  if (!parsed.ok) throw new BankTransferError(parsed.problem === "decimals" ? "amount_decimals" : "amount_format");
  if (parsed.minor <= 0n) throw new BankTransferError("amount_format");
  return parsed.minor;
}

// ─── The buyer's choice ───────────────────────────────────────────────────────────────────────────────────────

/**
 * The buyer chose to pay by transfer: the order waits for the money ("await_payment"), a pending BANK_TRANSFER
 * payment records what is expected. Choosing again (or after starting a Stripe payment) changes nothing else.
 */
export async function chooseBankTransfer(input: { orderId: string; actor: OrderActor & { organizationId: string }; now?: Date }) {
  return unscopedDb.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { id: input.orderId, buyerOrganizationId: input.actor.organizationId } });
    if (!order) throw new BankTransferError("order_not_found");
    const due = order.buyerTotalMinor - order.paidMinor;
    if ((order.status !== "PLACED" && order.status !== "AWAITING_PAYMENT") || due <= 0n) throw new BankTransferError("not_payable");
    if (order.status === "PLACED") await applyOrderEvent(tx, { orderId: order.id, event: { kind: "await_payment" }, actor: input.actor, reason: { code: "chose_bank_transfer" }, now: input.now });
    await tx.order.update({ where: { id: order.id }, data: { paymentMethod: "BANK_TRANSFER" } });
    const existing = await tx.payment.findFirst({ where: { orderId: order.id, organizationId: order.organizationId, method: "BANK_TRANSFER", status: "PENDING" } });
    if (existing) return existing;
    return tx.payment.create({
      data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, method: "BANK_TRANSFER", status: "PENDING", currencyCode: order.buyerCurrencyCode, amountMinor: due },
    });
  }, RESERVATION_TRANSACTION);
}

// ─── The platform's desk ──────────────────────────────────────────────────────────────────────────────────────

export interface RecordTransferInput {
  bankTransactionId: string;
  receivedOn: Date;
  payerName: string;
  referenceText: string;
  currencyCode: string;
  amountText: string;
  note?: string;
}

export type RecordResult =
  | { kind: "duplicate"; transfer: BankTransfer }
  | { kind: "recorded"; transfer: BankTransfer; match: MatchResult | null; refusal: BankTransferErrorCode | null; refusalDetail: Record<string, string> };

/**
 * Records a received transfer once per bank transaction id (typed twice: recorded once, the second answer says so),
 * then matches it when its reference names exactly one order with a valid check digit. A reference with a wrong
 * or missing check digit is never matched automatically: the desk shows the orders it may mean.
 */
export async function recordTransfer(input: RecordTransferInput, actor: OrderActor & { organizationId: string }, now = new Date()): Promise<RecordResult> {
  const currencyCode = input.currencyCode.trim().toUpperCase();
  const amountMinor = readAmount(input.amountText, currencyCode);
  const bankTransactionId = input.bankTransactionId.trim();
  const existing = await unscopedDb.bankTransfer.findUnique({ where: { bankTransactionId } });
  if (existing) return { kind: "duplicate", transfer: existing };
  let transfer: BankTransfer;
  try {
    transfer = await unscopedDb.bankTransfer.create({
      data: { bankTransactionId, receivedOn: input.receivedOn, payerName: input.payerName.trim(), referenceText: input.referenceText.trim(), currencyCode, amountMinor, note: input.note?.trim() ?? "", recordedById: actor.userId },
    });
  } catch (error) {
    // Two desks typing the same transaction at once: the unique index keeps one.
    if ((error as { code?: string } | null)?.code !== "P2002") throw error;
    return { kind: "duplicate", transfer: await unscopedDb.bankTransfer.findUniqueOrThrow({ where: { bankTransactionId } }) };
  }
  const references = strictReferences(transfer.referenceText);
  if (references.length !== 1) return { kind: "recorded", transfer, match: null, refusal: null, refusalDetail: {} };
  const order = await unscopedDb.order.findUnique({ where: { bankReference: references[0]! }, select: { id: true } });
  if (!order) return { kind: "recorded", transfer, match: null, refusal: null, refusalDetail: {} };
  try {
    const match = await matchTransfer({ transferId: transfer.id, orderId: order.id, actor, now, automatic: true });
    return { kind: "recorded", transfer: match.transfer, match, refusal: null, refusalDetail: {} };
  } catch (error) {
    // A currency mismatch leaves the transfer unmatched, with the reason shown to the desk.
    if (error instanceof BankTransferError) return { kind: "recorded", transfer, match: null, refusal: error.code, refusalDetail: error.detail };
    throw error;
  }
}

export interface MatchResult {
  transfer: BankTransfer;
  outcome: MatchOutcome;
  orderNumber: string;
  /** Still due after this transfer (partial), in the order's buyer currency. */
  remainingMinor: bigint;
  /** Paid beyond what was due (over): recorded as a refund due on the order. */
  surplusMinor: bigint;
}

/**
 * Matches a recorded transfer to an order: same currency as the order's buyer currency (else refused, the transfer
 * stays unmatched), then "payment_received" with the amount. The transfer row is locked so two desks cannot match
 * it twice.
 */
export async function matchTransfer(input: { transferId: string; orderId: string; actor: OrderActor & { organizationId: string }; now?: Date; automatic?: boolean }): Promise<MatchResult> {
  const now = input.now ?? new Date();
  const { result, notice } = await unscopedDb.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "BankTransfer" WHERE "id" = ${input.transferId}::uuid FOR UPDATE`;
    if (!locked[0]) throw new BankTransferError("transfer_not_found");
    const transfer = await tx.bankTransfer.findUniqueOrThrow({ where: { id: input.transferId } });
    if (transfer.status !== "UNMATCHED") throw new BankTransferError("already_matched");
    const order = await tx.order.findUnique({ where: { id: input.orderId } });
    if (!order) throw new BankTransferError("order_not_found");
    const orderCurrency = order.buyerCurrencyCode.trim();
    if (transfer.currencyCode.trim() !== orderCurrency) throw new BankTransferError("currency_mismatch", { transfer: transfer.currencyCode.trim(), order: orderCurrency });

    const dueBefore = order.buyerTotalMinor - order.paidMinor;
    const classified = classifyMatch(dueBefore, transfer.amountMinor, order.status === "CANCELLED");
    const applied = await applyOrderEvent(tx, {
      orderId: order.id,
      event: { kind: "payment_received", amountMinor: transfer.amountMinor },
      actor: input.actor,
      reason: { code: input.automatic ? "transfer_matched_by_reference" : "transfer_matched_by_hand", params: { transaction: transfer.bankTransactionId } },
      now,
    });
    const payment = await recordPayment(tx, order, transfer.amountMinor, applied.paidMinor >= applied.buyerTotalMinor, now);
    const updated = await tx.bankTransfer.update({
      where: { id: transfer.id },
      data: { status: classified.outcome === "matched" ? "MATCHED" : "MATCHED_WITH_DIFFERENCE", orderId: order.id, paymentId: payment.id, matchedById: input.actor.userId, matchedAt: now },
    });
    // Both parties hear of it in their language, committed with the payment.
    const notice = await notifyOrderEvent(tx, applied, applied.status === "PAID" && order.status !== "PAID" ? { kind: "order_paid" } : { kind: "payment_received", amountMinor: transfer.amountMinor });
    const result: MatchResult = { transfer: updated, outcome: classified.outcome, orderNumber: order.number, remainingMinor: classified.remainingMinor, surplusMinor: classified.surplusMinor };
    return { result, notice };
  }, RESERVATION_TRANSACTION);
  await afterNotifyCommit(notice);
  return result;
}

/** Adds the money to the order's expected payment (terms or transfer), or opens one when the buyer never chose. */
async function recordPayment(tx: Prisma.TransactionClient, order: { id: string; organizationId: string; buyerOrganizationId: string; buyerCurrencyCode: string; buyerTotalMinor: bigint; paidMinor: bigint; paymentMethod: string | null }, amountMinor: bigint, settled: boolean, now: Date) {
  const method = order.paymentMethod === "TERMS" ? "TERMS" : "BANK_TRANSFER";
  const pending = await tx.payment.findFirst({ where: { orderId: order.id, organizationId: order.organizationId, method, status: "PENDING" }, orderBy: { createdAt: "asc" } });
  const status = settled ? ("SUCCEEDED" as const) : ("PENDING" as const);
  if (pending) {
    return tx.payment.update({ where: { id: pending.id }, data: { receivedMinor: pending.receivedMinor + amountMinor, status, succeededAt: settled ? now : null } });
  }
  const due = order.buyerTotalMinor - order.paidMinor;
  if (!order.paymentMethod) await tx.order.update({ where: { id: order.id }, data: { paymentMethod: "BANK_TRANSFER" } });
  return tx.payment.create({
    data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, method, status, currencyCode: order.buyerCurrencyCode, amountMinor: due > 0n ? due : 0n, receivedMinor: amountMinor, succeededAt: settled ? now : null },
  });
}

/** Orders a hand match is made against: by order number or bank reference as typed. */
export async function findOrderForMatch(text: string) {
  const number = parseOrderNumber(text);
  const references = strictReferences(text);
  const where: Prisma.OrderWhereInput[] = [];
  if (number) where.push({ number: number.number });
  if (references[0]) where.push({ bankReference: references[0] });
  if (where.length === 0) return null;
  return unscopedDb.order.findFirst({ where: { OR: where }, select: { id: true, number: true } });
}

export interface CandidateOrder {
  id: string;
  number: string;
  bankReference: string;
  buyerName: string;
  buyerCurrencyCode: string;
  dueMinor: bigint;
  /** Why it is proposed: a reference one check digit away (or without it), or the amount due. */
  because: "reference" | "amount";
}

/** Orders an unmatched transfer may be for: references with a wrong or missing check digit, or the exact amount due. */
export async function candidatesFor(transfer: Pick<BankTransfer, "referenceText" | "currencyCode" | "amountMinor" | "status">): Promise<CandidateOrder[]> {
  if (transfer.status !== "UNMATCHED") return [];
  const near = nearReferences(transfer.referenceText);
  const [byReference, payable] = await Promise.all([
    near.length ? unscopedDb.order.findMany({ where: { bankReference: { in: near } }, take: 10 }) : Promise.resolve([]),
    unscopedDb.order.findMany({ where: { buyerCurrencyCode: transfer.currencyCode, status: { in: ["PLACED", "AWAITING_PAYMENT"] } }, orderBy: { placedAt: "desc" }, take: 500 }),
  ]);
  const byAmount = payable.filter((o) => o.buyerTotalMinor - o.paidMinor === transfer.amountMinor).slice(0, 10);
  const seen = new Set<string>();
  const rows = [...byReference.map((o) => ({ o, because: "reference" as const })), ...byAmount.map((o) => ({ o, because: "amount" as const }))].filter(({ o }) => !seen.has(o.id) && seen.add(o.id));
  const buyers = await unscopedDb.organization.findMany({ where: { id: { in: rows.map((r) => r.o.buyerOrganizationId) } }, select: { id: true, name: true } });
  const nameOf = new Map(buyers.map((b) => [b.id, b.name]));
  return rows.map(({ o, because }) => ({ id: o.id, number: o.number, bankReference: o.bankReference, buyerName: nameOf.get(o.buyerOrganizationId) ?? "", buyerCurrencyCode: o.buyerCurrencyCode.trim(), dueMinor: o.buyerTotalMinor - o.paidMinor, because }));
}

export interface TransferListFilter {
  status?: "UNMATCHED" | "MATCHED" | "ALL";
  /** Payer, reference or order number (contains), or an amount (equal, in the transfer's currency). */
  q?: string;
}

export async function listTransfers(filter: TransferListFilter = {}) {
  const status = filter.status ?? "UNMATCHED";
  const where: Prisma.BankTransferWhereInput = status === "UNMATCHED" ? { status: "UNMATCHED" } : status === "MATCHED" ? { status: { in: ["MATCHED", "MATCHED_WITH_DIFFERENCE"] } } : {};
  const rows = await unscopedDb.bankTransfer.findMany({ where, orderBy: [{ receivedOn: "desc" }, { createdAt: "desc" }], take: 500 });
  const q = filter.q?.trim() ?? "";
  const orderIds = [...new Set(rows.map((r) => r.orderId).filter((id): id is string => Boolean(id)))];
  const orders = await unscopedDb.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, number: true, buyerTotalMinor: true, paidMinor: true } });
  const orderOf = new Map(orders.map((o) => [o.id, o]));
  const needle = q.toUpperCase();
  const filtered = q
    ? rows.filter((r) => {
        const order = r.orderId ? orderOf.get(r.orderId) : undefined;
        if (r.payerName.toUpperCase().includes(needle) || r.referenceText.toUpperCase().includes(needle) || r.bankTransactionId.toUpperCase().includes(needle)) return true;
        if (order?.number.includes(needle)) return true;
        const amount = parseAmount(q, exponentOf(r.currencyCode.trim()));
        return amount.ok && amount.minor === r.amountMinor;
      })
    : rows;
  return filtered.slice(0, 100).map((r) => ({ ...r, currencyCode: r.currencyCode.trim(), order: r.orderId ? (orderOf.get(r.orderId) ?? null) : null }));
}

/**
 * Records a refund paid back by transfer (T/T) for an order the buyer paid by transfer: a Refund row (done: the
 * platform sent it) and the order's "refund" event, in one transaction.
 */
export async function recordTransferRefund(input: { orderId: string; amountText: string; reason: string; actor: OrderActor & { organizationId: string }; now?: Date }) {
  const now = input.now ?? new Date();
  let notice: NotifyResult | null = null;
  const refund = await unscopedDb.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: input.orderId } });
    if (!order) throw new BankTransferError("order_not_found");
    const matched = await tx.bankTransfer.count({ where: { orderId: order.id } });
    if (order.paymentMethod !== "BANK_TRANSFER" && matched === 0) throw new BankTransferError("not_paid_by_transfer");
    const amountMinor = readAmount(input.amountText, order.buyerCurrencyCode.trim());
    if (amountMinor > order.paidMinor) throw new BankTransferError("refund_exceeds_paid");
    const payment = await tx.payment.findFirst({ where: { orderId: order.id, organizationId: order.organizationId, method: "BANK_TRANSFER" }, orderBy: { createdAt: "desc" } });
    const applied = await applyOrderEvent(tx, { orderId: order.id, event: { kind: "refund", amountMinor }, actor: input.actor, reason: input.reason, now });
    notice = await notifyOrderEvent(tx, applied, { kind: "refund", amountMinor });
    return tx.refund.create({
      data: {
        organizationId: order.organizationId,
        buyerOrganizationId: order.buyerOrganizationId,
        orderId: order.id,
        paymentId: payment?.id ?? null,
        currencyCode: order.buyerCurrencyCode,
        amountMinor,
        reason: input.reason,
        status: "SUCCEEDED",
        createdById: input.actor.userId,
        completedAt: now,
      },
    });
  }, RESERVATION_TRANSACTION);
  if (notice) await afterNotifyCommit(notice);
  return refund;
}

/** Orders the desk owes money back to (paid beyond the total, or cancelled after paying), paid by transfer. */
export async function transferRefundsDue() {
  const rows = await unscopedDb.$queryRaw<{ id: string; number: string; buyerCurrencyCode: string; dueBackMinor: bigint }[]>`
    SELECT "id", "number", "buyerCurrencyCode",
           CASE WHEN "status" = 'CANCELLED' THEN "paidMinor" ELSE "paidMinor" - "buyerTotalMinor" END AS "dueBackMinor"
    FROM "Order"
    WHERE "paymentMethod" = 'BANK_TRANSFER'
      AND (("status" = 'CANCELLED' AND "paidMinor" > 0) OR ("status" <> 'CANCELLED' AND "paidMinor" > "buyerTotalMinor"))
    ORDER BY "placedAt" DESC
    LIMIT 100`;
  return rows.map((r) => ({ ...r, buyerCurrencyCode: r.buyerCurrencyCode.trim() }));
}

export { OrderLifecycleError };
