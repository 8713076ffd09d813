/**
 * Which ways a buyer can pay one order — the pay page (/{lang}/orders/{number}/pay) asks this and shows the answer.
 *
 * Usage:
 *   const choice = await paymentOptions(order, buyer);          // buyer = { id, countryCode } of the signed-in org
 *   choice.payable            false: nothing to pay (paid, cancelled, shipped…): show the order instead
 *   choice.waiting            a voucher (or debit) is on its way: options is empty until Stripe says it failed or paid;
 *                             POST handlers call refuseWhileWaiting(orderId) first (PaymentWaitingError, 409)
 *   choice.options            in display order; each has `kind`:
 *     "stripe"         { currencyCode, amountMinor, methods } — only when STRIPE_SECRET_KEY is set and the country
 *                       allows; `methods` is stripeMethodsFor(…) (OXXO cap, Pix, Boleto when STRIPE_BOLETO=on)
 *     "bank_transfer"  { currencyCode, amountMinor, reference, bankAccount | null } — always (the only one in AO, MZ)
 *     "terms"          { termsDays, credit } — the buyer's credit limit covers the amount due
 *   choice.bankTransferOnly   null | "country" (Angola, Mozambique) | "no_stripe" (keys not set): say so plainly
 *   choice.credit             the buyer's limit/used/available (null: not approved), shown even when terms do not fit
 *   choice.termsRefusal       why terms are not offered although an account exists ("over_limit", "suspended", …)
 * Choosing (POST handlers of the pay page; both throw typed errors with `code` and `status`, never 500):
 *   chooseBankTransfer({ orderId, actor: { userId, organizationId: buyer } })  bank-transfer.server.ts, BankTransferError
 *   acceptTerms({ orderId, actor })                                          credit.server.ts, TermsRefusedError
 * Messages (i18n keys): banking.errors.<code>, banking.options.terms.refusal.<reason>, banking.options.*.
 */
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { bankTransferOnlyCountry, isPayable, type PaymentOption, type PaymentChoice, type WaitingPayment } from "./payment-options";
import { platformBankAccount } from "./bank-transfer-accounts.server";
import { checkTerms, type BuyerClient } from "./credit.server";
import { stripeMethodsFor } from "./stripe-methods";
import { stripeSettings } from "./stripe.server";

export type { PaymentOption, PaymentChoice, WaitingPayment } from "./payment-options";

export interface PayableOrder {
  id: string;
  buyerOrganizationId: string;
  status: string;
  buyerCurrencyCode: string;
  buyerTotalMinor: bigint;
  paidMinor: bigint;
  bankReference: string;
}

export interface PayingBuyer {
  id: string;
  countryCode: string;
}


export async function paymentOptions(order: PayableOrder, buyer: PayingBuyer, options: { client?: BuyerClient; today?: Date; boletoEnabled?: boolean } = {}): Promise<PaymentChoice> {
  if (order.buyerOrganizationId !== buyer.id) throw new Error("paymentOptions: the buyer is not this order's buyer");
  const client = options.client ?? forOrganization(buyer.id);
  const currencyCode = order.buyerCurrencyCode.trim();
  const due = order.buyerTotalMinor - order.paidMinor;
  const amountMinor = due > 0n ? due : 0n;
  const countryOnly = bankTransferOnlyCountry(buyer.countryCode);
  // Stripe is offered only when the platform configured it; without keys Ponte runs on bank transfers alone.
  const settings = stripeSettings();
  const stripe = settings !== null;
  const terms = countryOnly ? null : await checkTerms(order, { client, today: options.today });
  const credit = terms?.credit ?? null;
  const base = { currencyCode, amountMinor, credit, bankTransferOnly: countryOnly ? ("country" as const) : stripe ? null : ("no_stripe" as const) };
  if (!isPayable(order.status, amountMinor)) return { ...base, payable: false, waiting: null, options: [], termsRefusal: null };
  const waiting = await waitingPayment(order.id, client);
  if (waiting) return { ...base, payable: true, waiting, options: [], termsRefusal: null };

  const list: PaymentOption[] = [];
  if (stripe && !countryOnly) list.push({ kind: "stripe", currencyCode, amountMinor, methods: stripeMethodsFor({ currencyCode, amountMinor, boletoEnabled: options.boletoEnabled ?? settings?.boletoEnabled ?? false }) });
  list.push({ kind: "bank_transfer", currencyCode, amountMinor, reference: order.bankReference, bankAccount: await platformBankAccount(currencyCode) });
  if (terms?.ok) list.push({ kind: "terms", termsDays: terms.credit.termsDays, credit: terms.credit });
  const termsRefusal = terms && !terms.ok && terms.reason !== "no_account" ? terms.reason : null;
  return { ...base, payable: true, waiting: null, options: list, termsRefusal };
}

/** The delayed Stripe payment of this order still waiting for its money (the newest), or null. */
export async function waitingPayment(orderId: string, client: BuyerClient = unscopedDb as unknown as BuyerClient): Promise<WaitingPayment | null> {
  const row = await client.payment.findFirst({ where: { orderId, method: "STRIPE", status: "AWAITING_CONFIRMATION" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return row ? { paymentId: row.id } : null;
}

/** Refused while a voucher (or debit) waits: another way to pay would take the same money twice. */
export class PaymentWaitingError extends Error {
  readonly code = "voucher_waiting";
  readonly status = 409;
  constructor() {
    super("a delayed Stripe payment of this order is waiting for its money");
    this.name = "PaymentWaitingError";
  }
}

export async function refuseWhileWaiting(orderId: string, client?: BuyerClient): Promise<void> {
  if (await waitingPayment(orderId, client)) throw new PaymentWaitingError();
}
