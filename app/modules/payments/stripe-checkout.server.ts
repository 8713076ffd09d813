import type Stripe from "stripe";
import type { Order, Payment } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import type { Lang } from "~/modules/i18n/config";
import { RESERVATION_TRANSACTION } from "~/modules/inventory/reservations.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { applyOrderEvent, type OrderActor } from "~/modules/ordering/order-lifecycle.server";
import { stripeClient, stripeSettings } from "./stripe.server";
import { CHECKOUT_LOCALES, StripeAmountError, stripeMethodsFor, toStripeAmount, type MethodChoice } from "./stripe-methods";

/**
 * Paying an order through Stripe's hosted Checkout: one Checkout Session per attempt, in the buyer's language and
 * currency, offering the methods of stripe-methods.ts for the amount still due. The Payment row (PENDING) is
 * written first, so its id keys the Stripe request (Idempotency-Key) and travels in the session's metadata: the
 * webhook finds the payment by it even if it arrives before this function has stored the session id.
 */

export type StripeCheckoutErrorCode = "stripe_off" | "order_not_found" | "not_payable" | "voucher_waiting" | "no_method" | "amount_not_supported" | "stripe_unavailable";

const STATUS_OF: Record<StripeCheckoutErrorCode, 400 | 404 | 409 | 502 | 503> = {
  stripe_off: 503,
  order_not_found: 404,
  not_payable: 409,
  voucher_waiting: 409,
  no_method: 409,
  amount_not_supported: 400,
  stripe_unavailable: 502,
};

/** A refused Stripe payment; pages show `pay:errors.<code>` and answer `status` (never 500). */
export class StripeCheckoutError extends Error {
  readonly status: 400 | 404 | 409 | 502 | 503;
  constructor(
    readonly code: StripeCheckoutErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "StripeCheckoutError";
    this.status = STATUS_OF[code];
  }
}

export function currencyExponent(currencyCode: string): number {
  const currency = CURRENCIES.find((c) => c.code === currencyCode.trim().toUpperCase());
  if (!currency) throw new StripeCheckoutError("amount_not_supported", `unknown currency ${currencyCode}`);
  return currency.exponent;
}

/** The methods Stripe would offer now for this order's amount due (null: Stripe is off). */
export function stripeChoiceFor(order: Pick<Order, "buyerCurrencyCode" | "buyerTotalMinor" | "paidMinor">): MethodChoice | null {
  const settings = stripeSettings();
  if (!settings) return null;
  const due = order.buyerTotalMinor - order.paidMinor;
  return stripeMethodsFor({ currencyCode: order.buyerCurrencyCode.trim(), amountMinor: due > 0n ? due : 0n, boletoEnabled: settings.boletoEnabled });
}

export interface StartStripeCheckoutInput {
  orderId: string;
  /** The buyer's member who clicked; organizationId is the buyer (anyone else: order_not_found). */
  actor: OrderActor & { organizationId: string };
  lang: Lang;
  /** Absolute base of the app for the success and cancel URLs (APP_URL). */
  appUrl: string;
  now?: Date;
}

/**
 * Opens (or reopens) the hosted page for what is still due and answers its URL. An open session for the same
 * amount is reused (a second click, the back button); one for another amount is expired first, so two open pages
 * never ask for the same money.
 */
export async function startStripeCheckout(input: StartStripeCheckoutInput): Promise<{ url: string; payment: Payment }> {
  const client = stripeClient();
  const settings = stripeSettings();
  if (!client || !settings) throw new StripeCheckoutError("stripe_off");
  const order = await unscopedDb.order.findFirst({ where: { id: input.orderId, buyerOrganizationId: input.actor.organizationId } });
  if (!order) throw new StripeCheckoutError("order_not_found");
  const due = order.buyerTotalMinor - order.paidMinor;
  if ((order.status !== "PLACED" && order.status !== "AWAITING_PAYMENT") || due <= 0n) throw new StripeCheckoutError("not_payable");
  const currencyCode = order.buyerCurrencyCode.trim();
  const exponent = currencyExponent(currencyCode);
  const choice = stripeMethodsFor({ currencyCode, amountMinor: due, boletoEnabled: settings.boletoEnabled });
  if (choice.methods.length === 0) throw new StripeCheckoutError("no_method");
  let stripeAmount: number;
  try {
    stripeAmount = toStripeAmount(due, currencyCode, exponent);
  } catch (error) {
    if (error instanceof StripeAmountError) throw new StripeCheckoutError("amount_not_supported", error.message);
    throw error;
  }

  const open = await unscopedDb.payment.findMany({ where: { orderId: order.id, organizationId: order.organizationId, method: "STRIPE", status: { in: ["PENDING", "AWAITING_CONFIRMATION"] } }, orderBy: { createdAt: "desc" } });
  if (open.some((p) => p.status === "AWAITING_CONFIRMATION")) throw new StripeCheckoutError("voucher_waiting");
  for (const pending of open) {
    if (!pending.stripeCheckoutSessionId) continue;
    const session = await call(() => client.checkout.sessions.retrieve(pending.stripeCheckoutSessionId!));
    if (session.status === "open" && session.url && pending.amountMinor === due) return { url: session.url, payment: pending };
    if (session.status === "open") await call(() => client.checkout.sessions.expire(session.id));
  }

  const payment = await unscopedDb.payment.create({
    data: { organizationId: order.organizationId, buyerOrganizationId: order.buyerOrganizationId, orderId: order.id, method: "STRIPE", status: "PENDING", currencyCode, amountMinor: due },
  });
  const orderUrl = `${input.appUrl.replace(/\/$/, "")}/${input.lang}/orders/${encodeURIComponent(order.number)}/pay`;
  const metadata = { orderId: order.id, paymentId: payment.id, orderNumber: order.number };
  let session: Stripe.Checkout.Session;
  try {
    session = await call(() =>
      client.checkout.sessions.create(
        {
          mode: "payment",
          locale: CHECKOUT_LOCALES[input.lang],
          // stripe-node 23 (API 2026-10-28) replaced payment_method_types with this filter of eligible methods.
          allowed_payment_method_types: choice.methods,
          line_items: [{ quantity: 1, price_data: { currency: currencyCode.toLowerCase(), unit_amount: stripeAmount, product_data: { name: order.number } } }],
          client_reference_id: order.id,
          metadata,
          payment_intent_data: { metadata, description: order.number },
          success_url: `${orderUrl}?session={CHECKOUT_SESSION_ID}`,
          cancel_url: `${orderUrl}?cancelled=1`,
        },
        { idempotencyKey: `ponte-checkout-${payment.id}` },
      ),
    );
  } catch (error) {
    await unscopedDb.payment.update({ where: { id: payment.id }, data: { status: "FAILED", failureReason: (error as Error).message.slice(0, 500) } });
    throw error;
  }
  if (!session.url) throw new StripeCheckoutError("stripe_unavailable", "Stripe answered a session without a URL");

  const stored = await unscopedDb.$transaction(async (tx) => {
    const row = await tx.payment.update({ where: { id: payment.id }, data: { stripeCheckoutSessionId: session.id } });
    const current = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
    if (current.status === "PLACED") await applyOrderEvent(tx, { orderId: order.id, event: { kind: "await_payment" }, actor: input.actor, reason: { code: "chose_stripe" }, now: input.now });
    await tx.order.update({ where: { id: order.id }, data: { paymentMethod: "STRIPE" } });
    return row;
  }, RESERVATION_TRANSACTION);
  return { url: session.url, payment: stored };
}

/** Stripe's own refusals and outages become a StripeCheckoutError (the page says "try again or pay by transfer"). */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const stripeError = error as { type?: string; message?: string } | null;
    if (stripeError?.type?.startsWith("Stripe")) {
      console.error("[stripe]", stripeError.type, stripeError.message);
      throw new StripeCheckoutError("stripe_unavailable", stripeError.message);
    }
    throw error;
  }
}
