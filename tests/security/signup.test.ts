import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { SIGNUP_LIMITS } from "~/modules/tenancy/accounts.server";
import ptMessages from "../../locales/pt/common.json";
import { forgetRateLimits, formTokenFrom, postForm, startHarness, type Harness } from "./server-harness";

/**
 * Issue 8 item 8 over the real HTTP stack: signup no longer tells whether an address is registered (it answered 409
 * "already exists"), is limited per client address, refuses guessable passwords, and survives racing on one address.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(forgetRateLimits);

/** What a person sees, with the address itself and the per-request tokens taken out. */
function visible(html: string, email: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replaceAll(email, "EMAIL")
    .replaceAll(encodeURIComponent(email), "EMAIL")
    .replace(/name="csrf" value="[^"]*"/g, "")
    .replace(/nonce="[^"]*"/g, "");
}

async function signUpOverHttp(email: string, password = "a perfectly fine passphrase", name = "Ana Souza") {
  const { cookie, token } = await formTokenFrom(`${h.local}/pt/signup`);
  return postForm(`${h.local}/pt/signup`, { csrf: token, name, email, password }, { Cookie: cookie, Origin: h.local });
}

describe("signup over HTTP", () => {
  it("answers a registered address exactly as a new one: same status, same page", async () => {
    const fresh = `fresh-${randomUUID()}@example.test`;
    const taken = "maker@demo.ponte.test";
    const a = await signUpOverHttp(fresh);
    const b = await signUpOverHttp(taken);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const pageA = visible(await a.text(), fresh);
    const pageB = visible(await b.text(), taken);
    expect(pageA).toContain(ptMessages.auth.signup.checkEmail.title);
    expect(pageB).toBe(pageA);
    expect(a.headers.getSetCookie().some((c) => c.startsWith("ponte_session="))).toBe(false);
    expect(b.headers.getSetCookie().some((c) => c.startsWith("ponte_session="))).toBe(false);
  });

  it(`answers 429 in the page's language after ${SIGNUP_LIMITS.perIp.attempts} signups from one address`, async () => {
    for (let i = 0; i < SIGNUP_LIMITS.perIp.attempts; i++) expect((await signUpOverHttp(`burst-${i}-${randomUUID()}@example.test`)).status).toBe(200);
    const limited = await signUpOverHttp(`burst-last-${randomUUID()}@example.test`);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain(ptMessages.auth.signup.rateLimited_other.split("{{")[0]!);
  }, 120_000);

  it.each(["aaaaaaaaaa", "password12", "          ", "Ponte2026!"])("refuses the password %j with the reason in Portuguese, storing nothing", async (password) => {
    const email = `weak-${randomUUID()}@example.test`;
    const response = await signUpOverHttp(email, password);
    expect(response.status).toBe(400);
    expect(visible(await response.text(), email)).toContain(ptMessages.passwordStrength.weak);
    expect(await unscopedDb.user.count({ where: { email } })).toBe(0);
  });

  it("creates one account when ten signups race on one address, and answers every one 200", async () => {
    const email = `race-${randomUUID()}@example.test`;
    const forms = await Promise.all(Array.from({ length: 10 }, () => formTokenFrom(`${h.local}/pt/signup`)));
    const responses = await Promise.all(
      forms.map(({ cookie, token }, i) => postForm(`${h.local}/pt/signup`, { csrf: token, name: `Racer ${i}`, email, password: "a perfectly fine passphrase" }, { Cookie: cookie, Origin: h.local })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await unscopedDb.user.count({ where: { email } })).toBe(1);
  }, 60_000);
});
