import Stripe from "stripe";
import { z } from "zod";

/**
 * The Stripe client, only when STRIPE_SECRET_KEY is set: without it Ponte takes bank transfers (and terms) only.
 * STRIPE_API_HOST/PORT/PROTOCOL exist so tests can point the real SDK at the local stand-in
 * (tests/support/stripe-standin); in production any host but Stripe's is refused at startup.
 */

const STRIPE_API_HOST = "api.stripe.com";

/** process.env, or the variables a test passes. */
export type EnvSource = Record<string, string | undefined>;

// A variable set to nothing ("STRIPE_SECRET_KEY=") counts as unset.
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const text = z.preprocess(blankAsUnset, z.string().trim().optional());

const StripeEnv = z.object({
  NODE_ENV: z.string().optional(),
  STRIPE_SECRET_KEY: text,
  STRIPE_WEBHOOK_SECRET: text,
  STRIPE_API_HOST: text,
  STRIPE_API_PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(65535).optional()),
  STRIPE_API_PROTOCOL: z.preprocess(blankAsUnset, z.enum(["http", "https"]).optional()),
  /** Boleto needs the Stripe account to be allowed to take it (a Brazilian account): off unless said. */
  STRIPE_BOLETO: z.preprocess(blankAsUnset, z.enum(["on", "off"]).optional()),
});

export interface StripeSettings {
  secretKey: string;
  /** Unset: the webhook refuses every event (nothing can be verified). */
  webhookSecret: string | null;
  host: string;
  port: number | undefined;
  protocol: "http" | "https";
  boletoEnabled: boolean;
}

function readEnv(source: EnvSource) {
  const parsed = StripeEnv.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid Stripe settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** The settings, or null when Stripe is off (no secret key). */
export function stripeSettings(source: EnvSource = process.env): StripeSettings | null {
  const e = readEnv(source);
  if (!e.STRIPE_SECRET_KEY) return null;
  return {
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? null,
    host: e.STRIPE_API_HOST ?? STRIPE_API_HOST,
    port: e.STRIPE_API_PORT,
    protocol: e.STRIPE_API_PROTOCOL ?? "https",
    boletoEnabled: e.STRIPE_BOLETO === "on",
  };
}

/**
 * Why these settings may not run (null: fine). Production talks to Stripe itself, over HTTPS, on its port: a
 * configurable host is for tests only, and a production server pointed elsewhere would send card payments to a
 * stranger, so startup stops instead.
 */
export function stripeConfigProblem(source: EnvSource = process.env): string | null {
  let settings: StripeSettings | null;
  try {
    settings = stripeSettings(source);
  } catch (error) {
    return (error as Error).message;
  }
  if (!settings || source.NODE_ENV !== "production") return null;
  if (settings.host !== STRIPE_API_HOST || settings.protocol !== "https" || (settings.port !== undefined && settings.port !== 443)) {
    return `STRIPE_API_HOST/PORT/PROTOCOL point at ${settings.protocol}://${settings.host}${settings.port ? `:${settings.port}` : ""}: in production Ponte talks only to https://${STRIPE_API_HOST} (unset them)`;
  }
  return null;
}

const registry = globalThis as typeof globalThis & { __ponteStripe?: { key: string; client: Stripe } };

/** The client for the current settings, or null when Stripe is off. Tests change the settings between files. */
export function stripeClient(): Stripe | null {
  const problem = stripeConfigProblem();
  if (problem) throw new Error(problem);
  const settings = stripeSettings();
  if (!settings) return null;
  const key = JSON.stringify([settings.secretKey, settings.host, settings.port, settings.protocol]);
  if (registry.__ponteStripe?.key === key) return registry.__ponteStripe.client;
  const client = new Stripe(settings.secretKey, {
    host: settings.host,
    port: settings.port,
    protocol: settings.protocol,
    // Retries carry the same Idempotency-Key (ours, or the SDK's), so a retried create never charges twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "Ponte" },
  });
  registry.__ponteStripe = { key, client };
  return client;
}

/**
 * Where the pay page's form may send the browser (CSP form-action): Stripe's hosted Checkout, or in tests the
 * stand-in, which serves its hosted page on the API's own host and port. Empty when Stripe is off.
 */
export function checkoutFormActionSources(source: EnvSource = process.env): string[] {
  let settings: StripeSettings | null;
  try {
    settings = stripeSettings(source);
  } catch {
    return [];
  }
  if (!settings) return [];
  if (settings.host === STRIPE_API_HOST) return ["https://checkout.stripe.com"];
  return [`${settings.protocol}://${settings.host}${settings.port ? `:${settings.port}` : ""}`];
}

/** Whether the Stripe methods are offered at all. */
export function stripeEnabled(): boolean {
  return stripeSettings() !== null;
}
