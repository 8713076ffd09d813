import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook, webhookGetRefused } from "~/modules/payments/stripe-webhook.server";

/** POST /webhooks/stripe: Stripe's events (signature checked, stored by id, applied by a job). */
export function action({ request }: ActionFunctionArgs) {
  return handleStripeWebhook(request);
}

export function loader() {
  return webhookGetRefused();
}
