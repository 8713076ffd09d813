import { startStripeStandin } from "./server";

/**
 * The Stripe stand-in as a process, for Playwright: `npx tsx tests/support/stripe-standin/main.ts`.
 * STRIPE_STANDIN_PORT (default 12111), STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (the app's own, so both ends
 * agree), STRIPE_WEBHOOK_URL (the app's http://127.0.0.1:<port>/webhooks/stripe).
 */
const secretKey = process.env.STRIPE_SECRET_KEY;
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secretKey || !webhookSecret) {
  console.error("[stripe-standin] set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (the same values the app uses)");
  process.exit(1);
}
const standin = await startStripeStandin({
  port: Number(process.env.STRIPE_STANDIN_PORT ?? 12111),
  secretKey,
  webhookSecret,
  webhookUrl: process.env.STRIPE_WEBHOOK_URL ?? null,
});
console.log(`[stripe-standin] listening on ${standin.url} (webhooks to ${process.env.STRIPE_WEBHOOK_URL ?? "nowhere"})`);
const stop = () => void standin.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
