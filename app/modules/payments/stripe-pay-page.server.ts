import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Payment } from "~/generated/prisma/client";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import type { Lang } from "~/modules/i18n/config";
import { formatDateTime } from "~/modules/i18n/format";
import { CURRENCIES, type CurrencyInfo } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";
import { actorOf, type OrderDetail, type OrdersViewer } from "~/modules/ordering/orders.server";
import { unscopedDb } from "~/modules/db/index.server";
import { env } from "~/modules/config/env.server";
import { BankTransferError, chooseBankTransfer } from "./bank-transfer.server";
import { acceptTerms, TermsRefusedError, type BuyerClient } from "./credit.server";
import { PaymentWaitingError, paymentOptions, refuseWhileWaiting } from "./payment-options.server";
import { startStripeCheckout, StripeCheckoutError } from "./stripe-checkout.server";
import { applyStoredEventsFor, type Voucher } from "./stripe-events.server";
import { stripeSettings } from "./stripe.server";
import type { StripeMethod } from "./stripe-methods";

/**
 * The pay page of one order (/{lang}/orders/{number}/pay), for its buyer: what is due in the buyer's currency, the
 * ways to pay (Stripe's methods for that currency when keys are set, bank transfer, net terms — from
 * paymentOptions), a delayed method's voucher while its money is on the way, and the choice itself.
 */

function currency(code: string): CurrencyInfo {
  const trimmed = code.trim();
  return CURRENCIES.find((c) => c.code === trimmed) ?? { code: trimmed, numericCode: "000", exponent: 2, displayDigits: 2 };
}
const money = (amountMinor: bigint, code: string, lang: Lang) => formatMoney({ amountMinor, currency: currency(code) }, lang);

export interface VoucherView {
  method: Voucher["method"];
  amount: string;
  number: string | null;
  entity: string | null;
  reference: string | null;
  expiresAt: string | null;
  /** Its deadline has passed and Stripe has not yet said whether it was paid (a store's payment can still land). */
  overdue: boolean;
  url: string | null;
  pdf: string | null;
}

export type ReturnState = "confirming" | "paid" | "cancelled" | "failed" | null;

export interface PayPageView {
  number: string;
  status: string;
  orderHref: string;
  total: string;
  paid: string;
  due: string;
  payable: boolean;
  bankTransferOnly: null | "country" | "no_stripe";
  stripe: null | { methods: StripeMethod[]; oxxoLimit: string | null };
  bankTransfer: null | {
    amount: string;
    currencyCode: string;
    reference: string;
    chosen: boolean;
    account: null | { beneficiary: string; bankName: string; iban: string | null; accountNumber: string | null; swift: string; bankAddress: string; currencyCode: string };
  };
  terms: null | { days: number; limit: string; used: string; available: string };
  termsRefusal: string | null;
  voucher: VoucherView | null;
  /**
   * A delayed payment is on its way: the voucher above (or, for a debit, this alone) is the way to pay, and nothing
   * else is offered until Stripe says it failed, expired unpaid or paid. `method`: the Stripe method, when known.
   */
  waiting: null | { method: string | null; amount: string };
  /** The last voucher expired unpaid or failed (and nothing waits now): the page says so above the choices. */
  voucherEnded: boolean;
  returned: ReturnState;
}

function voucherView(payment: Payment, lang: Lang, now: Date): VoucherView | null {
  const voucher = payment.voucher as Voucher | null;
  if (!voucher || payment.status !== "AWAITING_CONFIRMATION") return null;
  // Only links Stripe gave (https, or the test stand-in's http outside production) are shown.
  const safe = (url: string | undefined) => (url && /^https?:\/\//.test(url) ? url : null);
  return {
    method: voucher.method,
    amount: money(payment.amountMinor, payment.currencyCode, lang),
    number: voucher.number ?? null,
    entity: voucher.entity ?? null,
    reference: voucher.reference ?? null,
    expiresAt: voucher.expiresAt ? formatDateTime(voucher.expiresAt, lang) : null,
    overdue: Boolean(voucher.expiresAt && new Date(voucher.expiresAt).getTime() < now.getTime()),
    url: safe(voucher.url),
    pdf: safe(voucher.pdf),
  };
}

/** What the page shows. `search` is the page's query: ?session=<id> back from Stripe, ?cancelled=1 when left. */
export async function presentPayPage(viewer: OrdersViewer, order: OrderDetail, search: URLSearchParams, now = new Date()): Promise<PayPageView> {
  const lang = viewer.lang;
  const sessionId = search.get("session");
  let payments = order.payments;
  if (sessionId && /^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId) && payments.some((p) => p.stripeCheckoutSessionId === sessionId)) {
    await applyStoredEventsFor(sessionId);
    payments = await unscopedDb.payment.findMany({ where: { orderId: order.id, organizationId: order.organizationId }, orderBy: { createdAt: "asc" } });
  }
  const current = await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, paidMinor: true, buyerTotalMinor: true, buyerCurrencyCode: true, bankReference: true, paymentMethod: true } });
  const buyer = await unscopedDb.organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { countryCode: true } });
  const settings = stripeSettings();
  const choice = await paymentOptions({ ...current, id: order.id, buyerOrganizationId: order.buyerOrganizationId }, { id: viewer.organizationId, countryCode: buyer.countryCode }, { client: viewer.client as unknown as BuyerClient, boletoEnabled: settings?.boletoEnabled ?? false });
  const code = current.buyerCurrencyCode;
  const waiting = choice.waiting ? (payments.find((p) => p.id === choice.waiting!.paymentId) ?? (await unscopedDb.payment.findUniqueOrThrow({ where: { id: choice.waiting.paymentId } }))) : undefined;
  const lastStripe = [...payments].reverse().find((p) => p.method === "STRIPE" && p.status !== "PENDING" && p.status !== "CANCELLED");
  const returnedPayment = sessionId ? payments.find((p) => p.stripeCheckoutSessionId === sessionId) : undefined;
  let returned: ReturnState = null;
  if (search.get("cancelled")) returned = "cancelled";
  else if (returnedPayment) returned = returnedPayment.status === "SUCCEEDED" ? "paid" : returnedPayment.status === "FAILED" || returnedPayment.status === "CANCELLED" ? "failed" : returnedPayment.status === "AWAITING_CONFIRMATION" ? null : "confirming";

  const view: PayPageView = {
    number: order.number,
    status: current.status,
    orderHref: `/${lang}/orders/${encodeURIComponent(order.number)}`,
    total: money(current.buyerTotalMinor, code, lang),
    paid: money(current.paidMinor, code, lang),
    due: money(choice.amountMinor, code, lang),
    payable: choice.payable,
    bankTransferOnly: choice.bankTransferOnly,
    stripe: null,
    bankTransfer: null,
    terms: null,
    termsRefusal: choice.termsRefusal,
    voucher: waiting ? voucherView(waiting, lang, now) : null,
    waiting: waiting ? { method: waiting.stripeMethodType ?? (waiting.voucher as Voucher | null)?.method ?? null, amount: money(waiting.amountMinor, waiting.currencyCode, lang) } : null,
    voucherEnded: !waiting && choice.payable && lastStripe?.status === "FAILED" && lastStripe.voucher !== null,
    returned,
  };
  for (const option of choice.options) {
    if (option.kind === "stripe") {
      const over = option.methods.unavailable.find((u) => u.method === "oxxo");
      view.stripe = { methods: option.methods.methods, oxxoLimit: over ? money(over.limitMinor, "MXN", lang) : null };
    } else if (option.kind === "bank_transfer") {
      view.bankTransfer = {
        amount: money(option.amountMinor, option.currencyCode, lang),
        currencyCode: option.currencyCode,
        reference: option.reference,
        chosen: current.paymentMethod === "BANK_TRANSFER",
        account: option.bankAccount ? { ...option.bankAccount } : null,
      };
    } else {
      view.terms = { days: option.termsDays, limit: money(option.credit.limitMinor, option.credit.currencyCode, lang), used: money(option.credit.usedMinor, option.credit.currencyCode, lang), available: money(option.credit.availableMinor, option.credit.currencyCode, lang) };
    }
  }
  return view;
}

const ChoiceSchema = z.object({ intent: z.enum(["stripe", "bank_transfer", "terms"], { error: "pay.errors.choose" }) });

/** The buyer's choice: Stripe (off to the hosted page), bank transfer, or net terms. Refusals are 4xx in the buyer's language. */
export async function handlePayChoice(request: Request, viewer: OrdersViewer, order: OrderDetail) {
  const lang = viewer.lang;
  const form = await parseForm(request, ChoiceSchema, lang);
  if (!form.ok) return form.reply;
  const actor = actorOf(viewer);
  const refuse = (key: string, status: number) => formErrorReply(lang, form.formData, {}, key, status);
  const page = `/${lang}/orders/${encodeURIComponent(order.number)}/pay`;
  try {
    // A voucher (or debit) on its way is the way to pay until Stripe ends it: no second payment beside it.
    await refuseWhileWaiting(order.id);
    if (form.data.intent === "stripe") {
      const { url } = await startStripeCheckout({ orderId: order.id, actor, lang, appUrl: env().APP_URL });
      return redirect(url);
    }
    if (form.data.intent === "bank_transfer") {
      await chooseBankTransfer({ orderId: order.id, actor });
      return redirect(`${page}?chosen=bank_transfer`);
    }
    await acceptTerms({ orderId: order.id, actor });
    return redirect(`/${lang}/orders/${encodeURIComponent(order.number)}`);
  } catch (error) {
    if (error instanceof PaymentWaitingError) return refuse("pay.errors.voucher_waiting", error.status);
    if (error instanceof StripeCheckoutError) return refuse(`pay.errors.${error.code}`, error.status);
    if (error instanceof BankTransferError) return refuse(`banking.errors.${error.code}`, error.status);
    if (error instanceof TermsRefusedError) return refuse(error.code === "order_not_found" || error.code === "not_payable" ? `banking.errors.${error.code}` : `banking.options.terms.refusal.${error.code}`, error.status);
    throw error;
  }
}
