/** The pure rules behind paymentOptions (payment-options.server.ts): who pays how, and when there is anything to pay. */
import type { BankDetails } from "./bank-transfer-accounts.server";
import type { CreditStanding, TermsRefusal } from "./credit";
import type { MethodChoice } from "./stripe-methods";

/** Buyers here can pay only by bank transfer (card and local methods are not available for them). */
export const BANK_TRANSFER_ONLY_COUNTRIES = ["AO", "MZ"] as const;

export function bankTransferOnlyCountry(countryCode: string): boolean {
  return (BANK_TRANSFER_ONLY_COUNTRIES as readonly string[]).includes(countryCode.trim().toUpperCase());
}

/** A buyer chooses how to pay while the order waits for money and something is still due. */
export function isPayable(status: string, amountDueMinor: bigint): boolean {
  return (status === "PLACED" || status === "AWAITING_PAYMENT") && amountDueMinor > 0n;
}

export type PaymentOption =
  | { kind: "stripe"; currencyCode: string; amountMinor: bigint; methods: MethodChoice }
  | { kind: "bank_transfer"; currencyCode: string; amountMinor: bigint; reference: string; bankAccount: BankDetails | null }
  | { kind: "terms"; termsDays: number; credit: CreditStanding };

/**
 * A delayed Stripe payment on its way (an OXXO/Boleto/Multibanco voucher waiting to be paid, a debit clearing):
 * while it waits no other way is offered or accepted, or the buyer could pay twice. It ends when Stripe's webhook
 * says it failed or expired unpaid (the payment turns FAILED) or paid. A voucher's Checkout Session is already
 * complete, and Stripe expires only open sessions, so Ponte cannot call a voucher off for the buyer.
 */
export interface WaitingPayment {
  paymentId: string;
}

export interface PaymentChoice {
  payable: boolean;
  /** Set while a delayed payment waits: `options` is then empty. */
  waiting: WaitingPayment | null;
  currencyCode: string;
  /** Still due on the order, in its buyer currency. */
  amountMinor: bigint;
  options: PaymentOption[];
  bankTransferOnly: null | "country" | "no_stripe";
  credit: (CreditStanding & { rateMissing: boolean }) | null;
  termsRefusal: TermsRefusal | null;
}
