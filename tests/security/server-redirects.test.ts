import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/modules/http/responses.server";

/**
 * safeRedirectPath decides where login, signup, set-currency and set-language send the browser afterwards. Every
 * vector below would, unchecked, land a browser on another site (browsers drop tabs and newlines from URLs, read
 * "\" as "/", and resolve "/..//host" to "//host") or break the Location header.
 */
const FALLBACK = "/en/dashboard";

describe("safeRedirectPath refuses", () => {
  it.each([
    ["a tab after the slash", "/\t/evil.example"],
    ["a newline after the slash", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["CR LF (header injection)", "/en\r\nSet-Cookie: a=b"],
    ["a NUL byte", "/en\u0000"],
    ["a vertical tab", "/\u000b/evil.example"],
    ["a form feed", "/\f/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["a space", "/ /evil.example"],
    ["a no-break space", "/\u00a0/evil.example"],
    ["an ideographic space", "/\u3000/evil.example"],
    ["a line separator", "/\u2028/evil.example"],
    ["a zero-width space", "/\u200b/evil.example"],
    ["a right-to-left override", "/en/\u202eelpmaxe.live"],
    ["a byte-order mark", "/\ufeff/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["a backslash later on", "/en\\..\\..\\/evil.example"],
    ["two slashes", "//evil.example"],
    ["two slashes with a path", "//evil.example/en/dashboard"],
    ["three slashes", "///evil.example"],
    ["dot segments that climb to two slashes", "/..//evil.example"],
    ["dot segments in the middle", "/en/../..//evil.example"],
    ["an encoded dot segment", "/%2e%2e//evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme-relative URL with credentials", "//user@evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "en/dashboard"],
    ["an empty string", ""],
    ["a query alone", "?next=/"],
    ["a fragment alone", "#top"],
    ["a very long path", `/${"a".repeat(2001)}`],
  ])("%s", (_label, value) => {
    const answer = safeRedirectPath(value, FALLBACK);
    expect(answer).toBe(FALLBACK);
  });

  it.each([undefined, null, 42, ["/en"], { toString: () => "/en" }])("a value that is not a string (%j)", (value) => {
    expect(safeRedirectPath(value, FALLBACK)).toBe(FALLBACK);
  });
});

describe("safeRedirectPath keeps", () => {
  it.each([
    ["/", "/"],
    ["/en", "/en"],
    ["/pt/products?q=ar&sort=newest", "/pt/products?q=ar&sort=newest"],
    ["/en/products#filters", "/en/products#filters"],
    ["/en/orgs/0190f3c4-0000-7000-8000-000000000000/settings", "/en/orgs/0190f3c4-0000-7000-8000-000000000000/settings"],
    // Percent-encoded characters stay encoded: a path on this site, whatever it decodes to.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    // Dot segments resolve as a browser would, on this site.
    ["/en/../pt/products", "/pt/products"],
    ["/zh/products?q=空调", "/zh/products?q=%E7%A9%BA%E8%B0%83"],
    ["/es/productos/ação", "/es/productos/a%C3%A7%C3%A3o"],
  ])("%j as %j", (value, expected) => {
    const answer = safeRedirectPath(value, FALLBACK);
    expect(answer).toBe(expected);
    // Whatever it answers is a path a Location header can carry and a browser keeps on this origin.
    expect(answer).toMatch(/^\/(?![/\\])/);
    expect(new URL(answer, "http://localhost:3000").origin).toBe("http://localhost:3000");
  });

  it("a path of exactly 2,000 characters", () => {
    const value = `/${"a".repeat(1999)}`;
    expect(safeRedirectPath(value, FALLBACK)).toBe(value);
  });
});
