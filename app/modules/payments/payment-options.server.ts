/**
 * Which ways a buyer can pay one order — the pay page (/{lang}/orders/{number}/pay) asks this and shows the answer.
 *
 * Usage:
 *   const choice = await paymentOptions(order, buyer);          // buyer = { id, countryCode } of the signed-in org
 *   choice.payable            false: nothing to pay (paid, cancelled, shipped…): show the order instead
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
import { forOrganization } from "~/modules/db/index.server";
import { bankTransferOnlyCountry, isPayable, type PaymentOption, type PaymentChoice } from "./payment-options";
import { platformBankAccount } from "./bank-transfer-accounts.server";
import { checkTerms, type BuyerClient } from "./credit.server";
import { stripeMethodsFor } from "./stripe-methods";
import { stripeSettings } from "./stripe.server";

export type { PaymentOption, PaymentChoice } from "./payment-options";

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
  if (!isPayable(order.status, amountMinor)) return { ...base, payable: false, options: [], termsRefusal: null };

  const list: PaymentOption[] = [];
  if (stripe && !countryOnly) list.push({ kind: "stripe", currencyCode, amountMinor, methods: stripeMethodsFor({ currencyCode, amountMinor, boletoEnabled: options.boletoEnabled ?? settings?.boletoEnabled ?? false }) });
  list.push({ kind: "bank_transfer", currencyCode, amountMinor, reference: order.bankReference, bankAccount: await platformBankAccount(currencyCode) });
  if (terms?.ok) list.push({ kind: "terms", termsDays: terms.credit.termsDays, credit: terms.credit });
  const termsRefusal = terms && !terms.ok && terms.reason !== "no_account" ? terms.reason : null;
  return { ...base, payable: true, options: list, termsRefusal };
}
