import { describe, expect, it } from "vitest";
import { voucherOf } from "./stripe-events.server";
import { checkoutFormActionSources, stripeConfigProblem, stripeSettings } from "./stripe.server";

describe("Stripe settings", () => {
  it("are off without a secret key, and read the rest only with one", () => {
    expect(stripeSettings({})).toBeNull();
    expect(stripeSettings({ STRIPE_SECRET_KEY: " ", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toBeNull();
    expect(stripeSettings({ STRIPE_SECRET_KEY: "sk_test_x" })).toEqual({ secretKey: "sk_test_x", webhookSecret: null, host: "api.stripe.com", port: undefined, protocol: "https", boletoEnabled: false });
    expect(stripeSettings({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_BOLETO: "on", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" })).toMatchObject({ boletoEnabled: true, host: "127.0.0.1", port: 12111, protocol: "http" });
  });

  it("refuse malformed values instead of guessing", () => {
    expect(stripeConfigProblem({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_PROTOCOL: "ftp" })).toMatch(/Invalid Stripe settings/);
    expect(stripeConfigProblem({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_PORT: "70000" })).toMatch(/Invalid Stripe settings/);
    expect(stripeConfigProblem({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_BOLETO: "yes" })).toMatch(/Invalid Stripe settings/);
  });

  it("in production accept only Stripe's own host over HTTPS", () => {
    const prod = { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x" };
    expect(stripeConfigProblem(prod)).toBeNull();
    expect(stripeConfigProblem({ ...prod, STRIPE_API_PORT: "443" })).toBeNull();
    expect(stripeConfigProblem({ ...prod, STRIPE_API_HOST: "localhost" })).not.toBeNull();
    expect(stripeConfigProblem({ ...prod, STRIPE_API_PROTOCOL: "http" })).not.toBeNull();
    expect(stripeConfigProblem({ ...prod, STRIPE_API_PORT: "8443" })).not.toBeNull();
    expect(stripeConfigProblem({ ...prod, STRIPE_API_HOST: "localhost", NODE_ENV: "test" })).toBeNull();
  });

  it("let the pay page's form go to Stripe's hosted Checkout, or to the test stand-in", () => {
    expect(checkoutFormActionSources({})).toEqual([]);
    expect(checkoutFormActionSources({ STRIPE_SECRET_KEY: "sk_live_x" })).toEqual(["https://checkout.stripe.com"]);
    expect(checkoutFormActionSources({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" })).toEqual(["http://127.0.0.1:12111"]);
  });
});

describe("voucherOf", () => {
  it("reads OXXO, Boleto and Multibanco details from next_action", () => {
    expect(voucherOf({ next_action: { type: "oxxo_display_details", oxxo_display_details: { number: "123", expires_after: 1_800_000_000, hosted_voucher_url: "https://x.test/v" } } as never })).toEqual({
      method: "oxxo",
      number: "123",
      expiresAt: "2027-01-15T08:00:00.000Z",
      url: "https://x.test/v",
    });
    expect(voucherOf({ next_action: { type: "boleto_display_details", boleto_display_details: { number: "2379", expires_at: null, hosted_voucher_url: null, pdf: "https://x.test/b.pdf" } } as never })).toEqual({
      method: "boleto",
      number: "2379",
      expiresAt: undefined,
      url: undefined,
      pdf: "https://x.test/b.pdf",
    });
    expect(voucherOf({ next_action: { type: "multibanco_display_details", multibanco_display_details: { entity: "12345", reference: "999 999 999", expires_at: null, hosted_voucher_url: null } } as never })).toMatchObject({ method: "multibanco", entity: "12345", reference: "999 999 999" });
  });

  it("is null without a voucher action", () => {
    expect(voucherOf(null)).toBeNull();
    expect(voucherOf({ next_action: null })).toBeNull();
    expect(voucherOf({ next_action: { type: "redirect_to_url" } as never })).toBeNull();
  });
});
