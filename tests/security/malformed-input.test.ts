import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { encodeCursor } from "~/modules/catalog/listing.server";
import ptMessages from "../../locales/pt/common.json";
import zhMessages from "../../locales/zh/common.json";
import enMessages from "../../locales/en/common.json";
import esMessages from "../../locales/es/common.json";
import { cookieJar, forgetRateLimits, get, logIn, startHarness, type Harness } from "./server-harness";

/**
 * Issue 8 item 9, probed through the real HTTP stack: every form of the pages below is read from the page itself
 * (so a form added later is probed too), then posted with a NUL byte (and other control characters) in each text
 * field in turn. Each answer must be a 4xx with the translated message, never a 500, and nothing may be stored.
 * Then JSON, text and empty bodies to the same actions, and tampered listing cursors.
 */
let h: Harness;
let maker: string;
let staff: string;
const pages: { who: "anonymous" | "maker" | "staff"; path: string }[] = [];

const CONTROL = ptMessages.validation.controlCharacters;

beforeAll(async () => {
  h = await startHarness();
  maker = (await logIn(h.local, "maker@demo.ponte.test")).cookie;
  staff = (await logIn(h.local, "staff.lis@demo.ponte.test")).cookie;
  const makerOrg = (await unscopedDb.organization.findFirstOrThrow({ where: { name: { startsWith: "Gree-Lux" } }, select: { id: true } })).id;
  const product = await unscopedDb.product.findFirstOrThrow({ where: { organizationId: makerOrg }, select: { id: true } });
  const platform = (await unscopedDb.organization.findFirstOrThrow({ where: { kind: "PLATFORM" }, select: { id: true } })).id;
  const lisbon = await unscopedDb.warehouse.findFirstOrThrow({ where: { code: "LIS" }, select: { id: true } });
  const balance = await unscopedDb.stockBalance.findFirstOrThrow({ where: { warehouseId: lisbon.id }, select: { id: true } });
  const shipment = await unscopedDb.inboundShipment.findFirst({ where: { warehouseId: lisbon.id, status: { in: ["IN_TRANSIT", "PARTIALLY_RECEIVED"] } }, select: { id: true } });
  pages.push(
    { who: "anonymous", path: "/pt/signup" },
    { who: "anonymous", path: "/pt/login" },
    { who: "anonymous", path: "/pt/forgot-password" },
    { who: "anonymous", path: "/pt/verify-email" },
    { who: "maker", path: "/pt/account" },
    { who: "maker", path: "/pt/orgs/new" },
    { who: "maker", path: `/pt/orgs/${makerOrg}/settings` },
    { who: "maker", path: `/pt/orgs/${makerOrg}/members` },
    { who: "maker", path: `/pt/orgs/${makerOrg}/brands` },
    { who: "maker", path: `/pt/orgs/${makerOrg}/products/new` },
    { who: "maker", path: `/pt/orgs/${makerOrg}/products/${product.id}` },
    { who: "maker", path: `/pt/orgs/${makerOrg}/inventory/inbound/new` },
    { who: "staff", path: `/pt/orgs/${platform}/warehouses/${lisbon.id}/stock/${balance.id}` },
    ...(shipment ? [{ who: "staff" as const, path: `/pt/orgs/${platform}/warehouses/${lisbon.id}/inbound/${shipment.id}` }] : []),
  );
});

afterAll(async () => {
  await h?.close();
});

beforeEach(forgetRateLimits);

interface ScrapedForm {
  action: string;
  fields: [string, string][];
  /** Names of the fields a person types into (text inputs and text areas). */
  typed: string[];
  intents: string[];
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The POST forms of a page as a browser would submit them: every named field with its current value. */
function scrapeForms(html: string, pagePath: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, formAttrs, body] = match as unknown as [string, string, string];
    if ((attr(formAttrs, "method") ?? "get").toLowerCase() !== "post") continue;
    const fields: [string, string][] = [];
    const typed: string[] = [];
    const intents: string[] = [];
    for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(tag, "name");
      if (!name) continue;
      const type = (attr(tag, "type") ?? "text").toLowerCase();
      if (type === "file" || type === "submit") continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked(=|\s|>)/.test(tag)) continue;
      fields.push([name, unescape(attr(tag, "value") ?? "")]);
      if (["text", "email", "search", "tel", "url", "password"].includes(type)) typed.push(name);
    }
    for (const [, tagAttrs, text] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g) as unknown as [string, string, string][]) {
      const name = attr(tagAttrs, "name");
      if (!name) continue;
      fields.push([name, unescape(text)]);
      typed.push(name);
    }
    for (const [, tagAttrs, options] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g) as unknown as [string, string, string][]) {
      const name = attr(tagAttrs, "name");
      if (!name) continue;
      const selected = /<option\b[^>]*\sselected[^>]*value="([^"]*)"|<option\b[^>]*value="([^"]*)"[^>]*\sselected/.exec(options);
      const first = /<option\b[^>]*value="([^"]*)"/.exec(options);
      fields.push([name, unescape(selected?.[1] ?? selected?.[2] ?? first?.[1] ?? "")]);
    }
    for (const [tag] of body.matchAll(/<button\b[^>]*>/g)) {
      if (attr(tag, "name") === "intent" && attr(tag, "value")) intents.push(attr(tag, "value")!);
    }
    forms.push({ action: unescape(attr(formAttrs, "action") ?? pagePath), fields, typed, intents: intents.length ? intents : [""] });
  }
  return forms;
}

/** What a person sees: the page without its scripts (the hydration data carries every message of the language). */
function visible(html: string) {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

function cookieFor(who: "anonymous" | "maker" | "staff") {
  return who === "maker" ? maker : who === "staff" ? staff : "";
}

async function openPage(path: string, who: "anonymous" | "maker" | "staff") {
  const response = await get(`${h.local}${path}`, cookieFor(who) ? { Cookie: cookieFor(who) } : {});
  expect(response.status, path).toBe(200);
  const html = await response.text();
  return { html, cookie: [cookieFor(who), cookieJar(response)].filter(Boolean).join("; ") };
}

/** Row counts of what these forms could write. */
async function footprint() {
  const [users, organizations, products, brands, movements, invitations, emails, shipments] = await Promise.all([
    unscopedDb.user.count(),
    unscopedDb.organization.count(),
    unscopedDb.product.count(),
    unscopedDb.brand.count(),
    unscopedDb.stockMovement.count(),
    unscopedDb.invitation.count(),
    unscopedDb.emailMessage.count(),
    unscopedDb.inboundShipment.count(),
  ]);
  return { users, organizations, products, brands, movements, invitations, emails, shipments };
}

function post(action: string, cookie: string, body: BodyInit | null, contentType?: string) {
  return fetch(`${h.local}${action}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: h.local, ...(contentType ? { "Content-Type": contentType } : {}) },
    body,
  });
}

describe("control characters in typed fields", () => {
  it("are refused in every text field of every form, with the message in the page's language, storing nothing", async () => {
    const before = await footprint();
    const probed: string[] = [];
    const failures: string[] = [];
    for (const { who, path } of pages) {
      const { html, cookie } = await openPage(path, who);
      for (const form of scrapeForms(html, path)) {
        if (form.action.startsWith("/set-") || form.action.endsWith("/logout")) continue;
        for (const intent of form.intents) {
          for (const field of form.typed) {
            if (field === "csrf") continue;
            const fields = form.fields.map(([k, v]): [string, string] => [k, k === field ? `${v}ab\u0000cd` : v]);
            if (!fields.some(([k]) => k === field)) fields.push([field, "ab\u0000cd"]);
            if (intent) fields.push(["intent", intent]);
            const response = await post(form.action, cookie, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
            const text = visible(await response.text());
            probed.push(`${form.action} ${intent} ${field}`);
            if (response.status !== 400 || !text.includes(CONTROL)) failures.push(`${form.action} [${intent}] ${field}: ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The probe reached the fields the issue names: company, brand, product, signup and stock reason.
    for (const expected of [/settings .* name$/, /brands .* name$/, /products\/new .*t\.(pt|en|zh|es)\.name$/, /signup  (name|email)$/, /stock\/.* reason$/]) {
      expect(probed.some((p) => expected.test(p)), String(expected)).toBe(true);
    }
    expect(await footprint()).toEqual(before);
  });

  it.each([
    ["a NUL byte", "Nova\u0000Empresa"],
    ["an escape", "Nova\u001b[31mEmpresa"],
    ["a backspace", "Nova\u0008Empresa"],
    ["DEL", "Nova\u007fEmpresa"],
  ])("refuses %s in a company name with a 400 in Chinese on a zh page", async (_, name) => {
    const { html, cookie } = await openPage("/zh/orgs/new", "maker");
    const form = scrapeForms(html, "/zh/orgs/new").find((f) => f.action === "/zh/orgs/new")!;
    const fields = [...form.fields.filter(([k]) => k !== "name"), ["name", name], ["countryCode", "CN"], ["kind", "BUYER"]];
    const before = await unscopedDb.organization.count();
    const response = await post(form.action, cookie, new URLSearchParams(fields as [string, string][]).toString(), "application/x-www-form-urlencoded");
    expect(response.status).toBe(400);
    expect(visible(await response.text())).toContain(zhMessages.validation.controlCharacters);
    expect(await unscopedDb.organization.count()).toBe(before);
  });

  it("keeps tabs and line breaks in multi-line text", async () => {
    const { html, cookie } = await openPage("/pt/signup", "anonymous");
    const form = scrapeForms(html, "/pt/signup").find((f) => f.action === "/pt/signup")!;
    const fields = [...form.fields.filter(([k]) => !["name", "email", "password"].includes(k)), ["name", "Ana\tMaria\r\nSouza"], ["email", `tabs-${Date.now()}@example.test`], ["password", "a perfectly fine passphrase"]];
    const response = await post(form.action, cookie, new URLSearchParams(fields as [string, string][]).toString(), "application/x-www-form-urlencoded");
    const text = visible(await response.text());
    expect(text).not.toContain(CONTROL);
    expect(response.status, text.slice(0, 2000)).toBe(200);
    expect(text).toContain(ptMessages.auth.signup.checkEmail.title);
  });
});

describe("bodies that are not forms", () => {
  // The message in whichever language the action answers in (/set-language has no language in its path).
  const inAnyLanguage = (pick: (m: typeof enMessages) => string) => [enMessages, ptMessages, esMessages, zhMessages].map((m) => pick(m as typeof enMessages));
  const expected = () => inAnyLanguage((m) => m.errors.form.unreadable);
  const bodies: [string, BodyInit | null, string | undefined, number][] = [
    ["JSON", JSON.stringify({ email: "a@b.c", password: "x" }), "application/json", 415],
    ["plain text", "email=a@b.c", "text/plain", 415],
    ["no body and no type", null, undefined, 415],
    ["an empty form", "", "application/x-www-form-urlencoded", 400],
    ["a multipart body without its closing boundary", '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c', "multipart/form-data; boundary=XYZ", 400],
    ["a multipart type without a boundary", "whatever", "multipart/form-data", 415],
  ];

  it.each(bodies)("answers %s with a 4xx and a message at every form action, never a 500", async (_, body, contentType, status) => {
    const failures: string[] = [];
    for (const { who, path } of pages) {
      const { html, cookie } = await openPage(path, who);
      const actions = new Set(scrapeForms(html, path).map((f) => f.action).filter((a) => !a.endsWith("/logout")));
      for (const action of actions) {
        const response = await post(action, cookie, body, contentType);
        const text = visible(await response.text());
        const said = expected().some((message) => text.includes(message) || text.includes(JSON.stringify(message).slice(1, -1)));
        if (response.status !== status || !said) failures.push(`${action}: ${response.status}${said ? "" : " without the message"}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses a form body past 2 MB with a 413 before reading it whole", async () => {
    const { cookie } = await openPage("/pt/login", "anonymous");
    const response = await post("/pt/login", cookie, `email=${"a".repeat(3 * 1024 * 1024)}`, "application/x-www-form-urlencoded");
    expect(response.status).toBe(413);
    expect(visible(await response.text())).toContain(ptMessages.errors.form.tooLarge);
  });
});

describe("tampered listing cursors", () => {
  const id = "0190a0a0-0000-7000-8000-000000000000";
  it.each([
    ["garbage", "%%%not-base64%%%"],
    ["JSON of the wrong shape", Buffer.from('{"a":1}').toString("base64url")],
    ["an impossible date", encodeCursor({ sort: "newest", segment: 0, key: "2026-02-30 10:00:00", id, page: 2, count: null })],
    ["a date of letters the key pattern allows", encodeCursor({ sort: "newest", segment: 0, key: "TTTT-TT-TT", id, page: 2, count: null })],
    ["a price past 2^63", encodeCursor({ sort: "price_asc", segment: 0, key: "99999999999999999999", id, page: 2, count: null })],
    ["a MOQ past 2^31", encodeCursor({ sort: "moq", segment: 0, key: "9999999999", id, page: 2, count: null })],
    ["a rank out of range", encodeCursor({ sort: "relevance", segment: 0, key: "1e400", id, page: 2, count: null })],
  ])("shows the first page for %s", async (_, cursor) => {
    const sort = /price_asc/.test(Buffer.from(cursor, "base64url").toString()) ? "&sort=price_asc" : /moq/.test(Buffer.from(cursor, "base64url").toString()) ? "&sort=moq" : "";
    for (const direction of ["after", "before"]) {
      const response = await get(`${h.local}/pt/products?${direction}=${encodeURIComponent(cursor)}${sort}`);
      expect(response.status).toBe(200);
      const search = await get(`${h.local}/pt/products?q=ar&sort=relevance&${direction}=${encodeURIComponent(cursor)}`);
      expect(search.status).toBe(200);
    }
  }, 30_000);
});
