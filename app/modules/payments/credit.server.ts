import type { Prisma } from "~/generated/prisma/client";
import { forOrganization, unscopedDb, type ScopedDb } from "~/modules/db/index.server";
import { ratesAsOf, type RateTable } from "~/modules/money/fx.server";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { applyOrderEvent } from "~/modules/ordering/order-lifecycle.server";
import { dueDate, fitsLimit, standing, type CreditStanding, type TermsRefusal } from "./credit";

/** A client that reaches the buyer's rows: its scoped client, or a transaction on it. */
export type BuyerClient = ScopedDb | Prisma.TransactionClient;

export interface BuyerCredit extends CreditStanding {
  /** Set when an order's currency has no rate into the account's: its amount cannot be counted, so terms are refused. */
  rateMissing: boolean;
}

/**
 * The buyer's net-terms standing: limit, used (amounts still due on its terms orders, converted at today's dated
 * rate into the account's currency) and available; null when the platform never approved it.
 */
export async function buyerCredit(buyerOrganizationId: string, options: { client?: BuyerClient; today?: Date; rates?: RateTable; excludeOrderId?: string } = {}): Promise<BuyerCredit | null> {
  const client = options.client ?? forOrganization(buyerOrganizationId);
  const account = await client.creditAccount.findFirst({ where: { organizationId: buyerOrganizationId } });
  if (!account) return null;
  const orders = await client.order.findMany({
    where: { buyerOrganizationId, paymentMethod: "TERMS", status: { not: "CANCELLED" }, ...(options.excludeOrderId ? { id: { not: options.excludeOrderId } } : {}) },
    select: { buyerCurrencyCode: true, buyerTotalMinor: true, paidMinor: true },
  });
  const rates = options.rates ?? (await ratesAsOf(options.today ?? new Date(), client as Parameters<typeof ratesAsOf>[1]));
  let rateMissing = false;
  const due: bigint[] = [];
  for (const order of orders) {
    const amount = order.buyerTotalMinor - order.paidMinor;
    if (amount <= 0n) continue;
    const converted = convertInto(rates, amount, order.buyerCurrencyCode.trim(), account.currencyCode.trim());
    if (converted === null) rateMissing = true;
    else due.push(converted);
  }
  return { ...standing({ ...account, currencyCode: account.currencyCode.trim() }, due), rateMissing };
}

export function convertInto(rates: RateTable, amountMinor: bigint, from: string, to: string): bigint | null {
  if (from === to) return amountMinor;
  if (!rates.currencies.has(from) || !rates.currencies.has(to)) return null;
  return rates.convert({ amountMinor, currency: rates.currency(from) }, to)?.money.amountMinor ?? null;
}

export type TermsCheck = { ok: true; credit: BuyerCredit; dueInAccountMinor: bigint } | { ok: false; reason: TermsRefusal; credit: BuyerCredit | null };

/** Whether this order's amount due fits what is left of the buyer's limit (the order itself not counted as used). */
export async function checkTerms(order: { id: string; buyerOrganizationId: string; buyerCurrencyCode: string; buyerTotalMinor: bigint; paidMinor: bigint }, options: { client?: BuyerClient; today?: Date } = {}): Promise<TermsCheck> {
  const client = options.client ?? forOrganization(order.buyerOrganizationId);
  const rates = await ratesAsOf(options.today ?? new Date(), client as Parameters<typeof ratesAsOf>[1]);
  const credit = await buyerCredit(order.buyerOrganizationId, { ...options, client, rates, excludeOrderId: order.id });
  if (!credit) return { ok: false, reason: "no_account", credit: null };
  if (credit.rateMissing) return { ok: false, reason: "no_rate", credit };
  const due = order.buyerTotalMinor - order.paidMinor;
  const dueInAccountMinor = convertInto(rates, due > 0n ? due : 0n, order.buyerCurrencyCode.trim(), credit.currencyCode);
  if (dueInAccountMinor === null) return { ok: false, reason: "no_rate", credit };
  const fits = fitsLimit(credit, dueInAccountMinor);
  return fits.ok ? { ok: true, credit, dueInAccountMinor } : { ok: false, reason: fits.reason, credit };
}

// ─── The platform's credit desk (behind the PLATFORM gate: unscopedDb) ─────────────────────────────────────────

export interface CreditAccountRow {
  id: string;
  organizationId: string;
  organizationName: string;
  countryCode: string;
  termsDays: number;
  limitMinor: bigint;
  currencyCode: string;
  approvedAt: Date;
  suspendedAt: Date | null;
  note: string;
}

export async function listCreditAccounts(): Promise<CreditAccountRow[]> {
  const accounts = await unscopedDb.creditAccount.findMany({ orderBy: { approvedAt: "desc" } });
  const organizations = await unscopedDb.organization.findMany({ where: { id: { in: accounts.map((a) => a.organizationId) } }, select: { id: true, name: true, countryCode: true } });
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return accounts.map((a) => ({
    id: a.id,
    organizationId: a.organizationId,
    organizationName: byId.get(a.organizationId)?.name ?? "",
    countryCode: byId.get(a.organizationId)?.countryCode ?? "",
    termsDays: a.termsDays,
    limitMinor: a.limitMinor,
    currencyCode: a.currencyCode.trim(),
    approvedAt: a.approvedAt,
    suspendedAt: a.suspendedAt,
    note: a.note,
  }));
}

/** Buyer organizations the platform may approve (by name or tax id), for the approval form. */
export async function findBuyerOrganizations(query: string) {
  const text = query.trim();
  if (text.length < 2) return [];
  return unscopedDb.organization.findMany({
    where: { kind: "BUYER", OR: [{ name: { contains: text, mode: "insensitive" } }, { taxId: { contains: text, mode: "insensitive" } }] },
    select: { id: true, name: true, countryCode: true, taxId: true },
    orderBy: { name: "asc" },
    take: 20,
  });
}

export type ApproveResult = { ok: true } | { ok: false; error: "not_buyer" | "unknown_currency" };

/** Approves (or re-approves with new terms) a buyer for net 30/60 with a limit; lifts a suspension. */
export async function approveCredit(input: { buyerOrganizationId: string; termsDays: number; limitMinor: bigint; currencyCode: string; note: string; approvedById: string }): Promise<ApproveResult> {
  const buyer = await unscopedDb.organization.findUnique({ where: { id: input.buyerOrganizationId }, select: { kind: true } });
  if (!buyer || buyer.kind !== "BUYER") return { ok: false, error: "not_buyer" };
  const currency = await unscopedDb.currency.findUnique({ where: { code: input.currencyCode } });
  if (!currency) return { ok: false, error: "unknown_currency" };
  const values = { termsDays: input.termsDays, limitMinor: input.limitMinor, currencyCode: input.currencyCode, note: input.note, approvedById: input.approvedById, approvedAt: new Date(), suspendedAt: null };
  await unscopedDb.creditAccount.upsert({ where: { organizationId: input.buyerOrganizationId }, create: { organizationId: input.buyerOrganizationId, ...values }, update: values });
  return { ok: true };
}

/** Suspends terms: orders already on terms stay due; new orders cannot use them. */
export async function suspendCredit(creditAccountId: string): Promise<boolean> {
  const result = await unscopedDb.creditAccount.updateMany({ where: { id: creditAccountId, suspendedAt: null }, data: { suspendedAt: new Date() } });
  return result.count === 1;
}

// ─── The buyer accepts terms for an order ─────────────────────────────────────────────────────────────────────

export class TermsRefusedError extends Error {
  /** 404 for an order that is not this buyer's (it must not learn it exists), else 409. */
  readonly status: 404 | 409;
  constructor(readonly code: TermsRefusal | "order_not_found" | "not_payable") {
    super(code);
    this.name = "TermsRefusedError";
    this.status = code === "order_not_found" ? 404 : 409;
  }
}

/**
 * Puts an order on the buyer's net terms: the limit is checked with the credit account row locked (two orders
 * accepted at once cannot both squeeze under the limit), then the order is due on today + termsDays, a pending
 * TERMS payment expects the money, and "terms_accepted" sends it to fulfilment.
 */
export async function acceptTerms(input: { orderId: string; actor: { userId: string | null; organizationId: string }; now?: Date }) {
  const now = input.now ?? new Date();
  return unscopedDb.$transaction(async (tx) => {
    const buyerOrganizationId = input.actor.organizationId;
    await tx.$queryRaw`SELECT "id" FROM "CreditAccount" WHERE "organizationId" = ${buyerOrganizationId}::uuid FOR UPDATE`;
    const order = await tx.order.findFirst({ where: { id: input.orderId, buyerOrganizationId } });
    if (!order) throw new TermsRefusedError("order_not_found");
    if ((order.status !== "PLACED" && order.status !== "AWAITING_PAYMENT") || order.buyerTotalMinor - order.paidMinor <= 0n) throw new TermsRefusedError("not_payable");
    const check = await checkTerms(order, { client: tx, today: now });
    if (!check.ok) throw new TermsRefusedError(check.reason);
    await tx.order.update({ where: { id: order.id }, data: { paymentMethod: "TERMS", paymentDueOn: dueDate(now, check.credit.termsDays) } });
    const applied = await applyOrderEvent(tx, { orderId: order.id, event: { kind: "terms_accepted" }, actor: input.actor, reason: { code: "net_terms", params: { days: check.credit.termsDays } }, now });
    // A transfer or Stripe payment the buyer had started is no longer expected.
    await tx.payment.updateMany({ where: { orderId: order.id, organizationId: order.organizationId, status: "PENDING", method: { not: "TERMS" } }, data: { status: "CANCELLED" } });
    await tx.payment.create({
      data: { organizationId: order.organizationId, buyerOrganizationId, orderId: order.id, method: "TERMS", status: "PENDING", currencyCode: order.buyerCurrencyCode, amountMinor: order.buyerTotalMinor - order.paidMinor },
    });
    return applied;
  }, RESERVATION_TRANSACTION);
}
