import { describe, expect, it } from "vitest";
import { env } from "~/modules/config/env.server";
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  csrfCookieHeader,
  csrfCookieToken,
  csrfTokenFromCookieHeader,
  isValidCsrf,
  newCsrfCookieValue,
} from "~/modules/security/csrf.server";
import { hashToken, hmac, randomToken, safeEqual } from "~/modules/security/tokens.server";

/**
 * The CSRF token's own rules, without the HTTP stack (tests/security/server-http.test.ts goes through it):
 * every way a forged, foreign or stale token can be presented is refused.
 */
const cookie = (value: string) => `${CSRF_COOKIE}=${encodeURIComponent(value)}`;
const tokenOf = (value: string) => value.split(".")[0]!;
const post = (cookieHeader: string | null) =>
  new Request("http://localhost/en/login", { method: "POST", headers: cookieHeader === null ? {} : { Cookie: cookieHeader } });
const SESSION_A = "ponte_session=eyJhIjoxfQ%3D%3D.signatureA";
const SESSION_B = "ponte_session=eyJiIjoyfQ%3D%3D.signatureB";

describe("the CSRF cookie", () => {
  it("holds a random token and this server's signature of it", () => {
    const value = newCsrfCookieValue();
    const [token, signature, rest] = value.split(".");
    expect(rest).toBeUndefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(signature).toBe(hmac(env().SESSION_SECRET, token!));
    expect(newCsrfCookieValue()).not.toBe(value);
  });

  it("is read back only with a valid signature", () => {
    const value = newCsrfCookieValue();
    expect(csrfCookieToken(cookie(value))).toBe(tokenOf(value));
    expect(csrfCookieToken(`other=1; ${cookie(value)}; more=2`)).toBe(tokenOf(value));
  });

  // Each case builds its header inside the test: Stryker counts a table that throws while being collected as no test.
  it.each<[string, () => string | null]>([
    ["no cookie header", () => null],
    ["an empty header", () => ""],
    ["another cookie only", () => "ponte_lang=pt"],
    ["an unsigned token", () => cookie(randomToken(24))],
    ["a token with an empty signature", () => cookie(`${randomToken(24)}.`)],
    ["an empty token", () => cookie(`.${hmac(env().SESSION_SECRET, "")}`)],
    ["a signature by another secret", () => ((t) => cookie(`${t}.${hmac("another-secret-another-secret-000000", t)}`))(randomToken(24))],
    ["another token's signature", () => cookie(`${randomToken(24)}.${newCsrfCookieValue().split(".")[1]}`)],
    ["a signature with a third part", () => cookie(`${newCsrfCookieValue()}.x`)],
    ["a signature one character off", () => cookie(newCsrfCookieValue().replace(/.$/, (c) => (c === "A" ? "B" : "A")))],
    ["bad percent-encoding", () => `${CSRF_COOKIE}=%E0%A4%A`],
    ["a cookie whose name only starts alike", () => `x${cookie(newCsrfCookieValue())}`],
    ["a cookie whose name only ends alike", () => `${cookie(newCsrfCookieValue()).replace(CSRF_COOKIE, `${CSRF_COOKIE}x`)}`],
    ["a valid value without a name", () => `=${encodeURIComponent(newCsrfCookieValue())}`],
  ])("is refused with %s", (_label, make) => {
    const header = make();
    expect(csrfCookieToken(header)).toBeNull();
    expect(csrfTokenFromCookieHeader(header)).toBeNull();
  });

  it("is read with spaces around the name and the value", () => {
    const value = newCsrfCookieValue();
    expect(csrfCookieToken(` ${CSRF_COOKIE} = ${encodeURIComponent(value)} ; other=1`)).toBe(tokenOf(value));
    expect(csrfCookieToken(`a=1;${cookie(value)} `)).toBe(tokenOf(value));
  });

  it("goes on past a malformed CSRF cookie to a valid one", () => {
    const value = newCsrfCookieValue();
    expect(csrfCookieToken(`${CSRF_COOKIE}=%E0%A4%A; ${cookie(value)}`)).toBe(tokenOf(value));
  });

  it("is named ponte_csrf (the page cache and the forms look for that name)", () => {
    expect(CSRF_COOKIE).toBe("ponte_csrf");
  });

  it("takes the first valid cookie when a forged one is planted beside it", () => {
    const value = newCsrfCookieValue();
    const header = `${cookie(`${randomToken(24)}.forged`)}; ${cookie(value)}`;
    expect(csrfCookieToken(header)).toBe(tokenOf(value));
  });

  it("is httpOnly, SameSite=Lax, for the whole site, and Secure only over HTTPS", () => {
    const plain = csrfCookieHeader("v.s", { secure: false });
    expect(plain).toBe(`${CSRF_COOKIE}=v.s; Path=/; HttpOnly; SameSite=Lax`);
    expect(csrfCookieHeader("v.s", { secure: true })).toBe(`${CSRF_COOKIE}=v.s; Path=/; HttpOnly; SameSite=Lax; Secure`);
    expect(csrfCookieHeader("a b", { secure: false })).toContain(`${CSRF_COOKIE}=a%20b;`);
  });
});

describe("the form token", () => {
  it("is the cookie's token for an anonymous visitor", () => {
    const value = newCsrfCookieValue();
    expect(csrfTokenFromCookieHeader(cookie(value))).toBe(tokenOf(value));
    // An empty session cookie (a logout clears it so) is no session.
    expect(csrfTokenFromCookieHeader(`ponte_session=; ${cookie(value)}`)).toBe(tokenOf(value));
  });

  it("is bound to the session once signed in", () => {
    const value = newCsrfCookieValue();
    const bound = csrfTokenFromCookieHeader(`${SESSION_A}; ${cookie(value)}`)!;
    expect(bound).not.toBe(tokenOf(value));
    expect(bound).toBe(hmac(env().SESSION_SECRET, `csrf:${tokenOf(value)}:${hashToken(SESSION_A.slice("ponte_session=".length))}`));
    expect(csrfTokenFromCookieHeader(`${SESSION_B}; ${cookie(value)}`)).not.toBe(bound);
    // The session cookie's position does not matter; the first session cookie is the one that counts.
    expect(csrfTokenFromCookieHeader(`${cookie(value)}; ${SESSION_A}`)).toBe(bound);
    expect(csrfTokenFromCookieHeader(`${SESSION_A}; ${SESSION_B}; ${cookie(value)}`)).toBe(bound);
  });

  it("is not bound by a cookie that only looks like the session's", () => {
    const value = newCsrfCookieValue();
    for (const lookalike of ["ponte_sessionX", "ponte_sessionx=abc", "xponte_session=abc", "ponte_session"]) {
      expect(csrfTokenFromCookieHeader(`${lookalike}; ${cookie(value)}`), lookalike).toBe(tokenOf(value));
    }
  });

  it("is bound to the session cookie's value as sent, spaces trimmed", () => {
    const value = newCsrfCookieValue();
    expect(csrfTokenFromCookieHeader(`ponte_session= abc ; ${cookie(value)}`)).toBe(csrfTokenFromCookieHeader(`ponte_session=abc; ${cookie(value)}`));
  });
});

describe("isValidCsrf", () => {
  it("accepts the form token that matches the cookies", () => {
    const value = newCsrfCookieValue();
    expect(isValidCsrf(post(cookie(value)), tokenOf(value))).toBe(true);
    const signedIn = `${SESSION_A}; ${cookie(value)}`;
    expect(isValidCsrf(post(signedIn), csrfTokenFromCookieHeader(signedIn))).toBe(true);
  });

  type Case = (value: string, token: string) => [header: string | null, submitted: unknown];
  it.each<[string, Case]>([
    ["a missing token", (value) => [cookie(value), undefined]],
    ["an empty token", (value) => [cookie(value), ""]],
    ["a wrong token", (value) => [cookie(value), randomToken(24)]],
    ["the token of another cookie", (value) => [cookie(value), tokenOf(newCsrfCookieValue())]],
    ["the whole cookie value", (value) => [cookie(value), value]],
    ["the token with one character more", (value, token) => [cookie(value), `${token}x`]],
    ["the token without its last character", (value, token) => [cookie(value), token.slice(0, -1)]],
    ["a token but no cookie", (_value, token) => [null, token]],
    ["a token and a forged cookie", (_value, token) => [cookie(`${token}.forged`), token]],
    ["a token and an unsigned cookie", (_value, token) => [cookie(token), token]],
    ["a non-string field", (value, token) => [cookie(value), [token]]],
    ["a file field", (value, token) => [cookie(value), new File([token], "csrf")]],
    ["the anonymous token after signing in", (value, token) => [`${SESSION_A}; ${cookie(value)}`, token]],
    ["another session's token", (value) => [`${SESSION_A}; ${cookie(value)}`, csrfTokenFromCookieHeader(`${SESSION_B}; ${cookie(value)}`)]],
    ["a signed-in token after signing out", (value) => [cookie(value), csrfTokenFromCookieHeader(`${SESSION_A}; ${cookie(value)}`)]],
  ])("refuses %s", (_label, make) => {
    const value = newCsrfCookieValue();
    const [header, submitted] = make(value, tokenOf(value));
    expect(isValidCsrf(post(header), submitted)).toBe(false);
  });

  it("names the form field csrf", () => {
    expect(CSRF_FIELD).toBe("csrf");
  });
});

describe("tokens", () => {
  it("randomToken is URL-safe with the asked entropy, never the same twice", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(24)).toHaveLength(32);
    expect(new Set(Array.from({ length: 50 }, () => randomToken())).size).toBe(50);
  });

  it("hashToken is the hex SHA-256", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hmac is HMAC-SHA256 in base64url, keyed by the secret", () => {
    expect(hmac("key", "The quick brown fox jumps over the lazy dog")).toBe("97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg");
    expect(hmac("other", "The quick brown fox jumps over the lazy dog")).not.toBe(hmac("key", "The quick brown fox jumps over the lazy dog"));
  });

  it("safeEqual compares whole strings", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "ab")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("é", "e\u0301")).toBe(false);
  });
});
