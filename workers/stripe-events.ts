import { processPendingStripeEvents, processStripeEvent } from "~/modules/payments/stripe-events.server";

/** One stored Stripe event (enqueued by the webhook). A failure is retried by the queue, then by the sweep. */
export async function runStripeEvent(eventId: string) {
  const outcome = await processStripeEvent(eventId);
  if (outcome === "missing") console.error("[stripe-events] no stored event", eventId);
}

/** Recurring (every minute): events stored but never applied (queue down when they came, or jobs gave up). */
export async function runStripeEventSweep() {
  const done = await processPendingStripeEvents();
  if (done > 0) console.log("[stripe-events] applied by the sweep:", done);
}
