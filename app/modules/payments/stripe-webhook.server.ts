import type Stripe from "stripe";
import { readBodyUpTo } from "~/modules/http/multipart.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { storeStripeEvent } from "./stripe-events.server";
import { stripeClient, stripeSettings } from "./stripe.server";

/** Stripe's events are small (well under 64 kB); anything far larger is not from Stripe. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /webhooks/stripe: the signature is checked on the raw body (STRIPE_WEBHOOK_SECRET), the event is stored by
 * id before anything else (a replay finds it there), the answer is immediate and a job applies it
 * (stripe-events.server.ts). A bad or missing signature stores nothing.
 */
export async function handleStripeWebhook(request: Request): Promise<Response> {
  if (request.method !== "POST") return reply(405, { error: "POST only" });
  const settings = stripeSettings();
  const client = stripeClient();
  if (!settings || !client || !settings.webhookSecret) return reply(404, { error: "Stripe is not configured" });
  const signature = request.headers.get("Stripe-Signature");
  if (!signature) return reply(400, { error: "missing Stripe-Signature" });
  const body = await readBodyUpTo(request, MAX_WEBHOOK_BYTES);
  if (body === null) return reply(413, { error: "payload too large" });

  let event: Stripe.Event;
  try {
    event = client.webhooks.constructEvent(body, signature, settings.webhookSecret);
  } catch {
    return reply(400, { error: "signature verification failed" });
  }
  const stored = await storeStripeEvent(event);
  if (stored.pending) {
    try {
      await enqueue("stripe.event", { eventId: event.id });
    } catch (error) {
      // Stored all the same: the every-minute sweep applies what no job took.
      console.error("[stripe webhook] not enqueued", event.id, (error as Error).message);
    }
  }
  return reply(200, { received: true, duplicate: !stored.inserted });
}

export function webhookGetRefused(): Response {
  return reply(405, { error: "POST only" });
}
