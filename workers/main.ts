import { stripeConfigProblem } from "~/modules/payments/stripe.server";
import { bootServices } from "~/server/boot.server";

/** `npm run workers`: a worker process beside a PostgreSQL server database (the web processes only enqueue). */
async function main() {
  // The same refusal as the web server: a production worker never talks to a Stripe stand-in.
  const stripeProblem = stripeConfigProblem();
  if (stripeProblem) throw new Error(stripeProblem);
  const services = await bootServices({ work: true });
  console.log(`[workers] working the queue on the ${services.database.kind} database`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await services.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
