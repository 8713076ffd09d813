import type { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { applyRate } from "~/modules/money/rates";
import { addDays } from "./money-rates";
import { agencyFeeInForce } from "./money-rates.server";
import { crossRate, toCnyMinor } from "./rebate";

/**
 * Forex settlements: when a buyer's payment of an order settles (the order reaches PAID, or a net-terms order is paid
 * in full), the agency converts what it received into CNY at the dated rate of that day, keeps its fee (the
 * AgencyFeeRate in force that day) and owes the manufacturer the rest, expected `settlementDays` later.
 * One per order (ForexSettlement.orderId is unique; the insert does nothing when it exists), so a replayed or
 * concurrent payment event never makes a second one. A refund after settlement does not change the settlement: the
 * pages show the refund beside it for the agency to settle by hand.
 */

export type SettlementTx = Prisma.TransactionClient;

const iso = (d: Date) => d.toISOString().slice(0, 10);

export type SettleOutcome = { kind: "created"; id: string } | { kind: "exists"; id: string } | { kind: "not_settled" } | { kind: "missing_rate"; what: "fee" | "fx" };

/**
 * Creates the order's settlement if its payment has settled and none exists. Called by applyOrderEvent inside the
 * order's transaction (the order row is locked there). Missing reference data (no fee row, no FX rate) never refuses
 * a payment: it returns `missing_rate` and the settlement can be made later with the same call.
 */
export async function settleOrderPayment(tx: SettlementTx, orderId: string, now: Date = new Date()): Promise<SettleOutcome> {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: { id: true, organizationId: true, status: true, buyerCurrencyCode: true, buyerTotalMinor: true, paidMinor: true },
  });
  if (!order || order.status === "CANCELLED" || order.status === "PLACED" || order.status === "AWAITING_PAYMENT" || order.paidMinor < order.buyerTotalMinor) return { kind: "not_settled" };
  const existing = await tx.forexSettlement.findUnique({ where: { orderId }, select: { id: true } });
  if (existing) return { kind: "exists", id: existing.id };

  const day = iso(now);
  const fee = await agencyFeeInForce(tx, day);
  if (!fee) return { kind: "missing_rate", what: "fee" };
  const fx = await ratesAsOf(new Date(`${day}T00:00:00Z`), tx);
  const currencyCode = order.buyerCurrencyCode.trim();
  if (!fx.currencies.has(currencyCode)) return { kind: "missing_rate", what: "fx" };
  let rate = "1";
  let rateDate = day;
  if (currencyCode !== "CNY") {
    const cny = fx.usdRate("CNY");
    const source = fx.usdRate(currencyCode);
    if (!cny || !source) return { kind: "missing_rate", what: "fx" };
    rate = crossRate(cny.rate, source.rate);
    rateDate = [cny.effectiveDate, source.effectiveDate].filter((d): d is string => Boolean(d)).sort()[0] ?? day;
  }
  // What the order is worth: a surplus above the total is already owed back to the buyer (refund due).
  const receivedMinor = order.buyerTotalMinor;
  const grossCnyMinor = toCnyMinor(receivedMinor, fx.currency(currencyCode).exponent, rate);
  const feeMinor = applyRate(grossCnyMinor, fee.rate);
  await tx.forexSettlement.createMany({
    data: [
      {
        organizationId: order.organizationId,
        orderId,
        receivedCurrencyCode: currencyCode,
        receivedMinor,
        fxRate: rate,
        fxRateDate: new Date(`${rateDate}T00:00:00Z`),
        grossCnyMinor,
        feeRate: fee.rate,
        feeMinor,
        netCnyMinor: grossCnyMinor - feeMinor,
        expectedOn: new Date(`${addDays(day, fee.settlementDays)}T00:00:00Z`),
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
  const created = await tx.forexSettlement.findUniqueOrThrow({ where: { orderId }, select: { id: true } });
  return { kind: "created", id: created.id };
}

export class SettlementError extends Error {
  constructor(readonly code: "not_found" | "already_paid") {
    super(code);
    this.name = "SettlementError";
  }
}

/** The agency paid the manufacturer: PENDING → PAID, with who and when (the row keeps both). Once only. */
export async function markSettlementPaid(settlementId: string, userId: string, now: Date = new Date()): Promise<void> {
  const changed = await unscopedDb.forexSettlement.updateMany({ where: { id: settlementId, status: "PENDING" }, data: { status: "PAID", paidAt: now, paidById: userId } });
  if (changed.count === 1) return;
  const exists = await unscopedDb.forexSettlement.findUnique({ where: { id: settlementId }, select: { id: true } });
  throw new SettlementError(exists ? "already_paid" : "not_found");
}
