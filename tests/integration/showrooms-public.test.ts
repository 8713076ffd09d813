import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerContext } from "~/modules/catalog/buyer-context.server";
import { unscopedDb } from "~/modules/db/index.server";
import { listPublishedStorefronts, loadBoothPage, loadStorefrontPage, resolveScanTarget, showroomBanner, storefrontJsonLd } from "~/modules/showrooms/public-storefronts.server";
import { scanRedirect } from "~/modules/showrooms/scan.server";
import { parseViaParam, readShowroomSource } from "~/modules/showrooms/source.server";
import { countPageVisit } from "~/modules/showrooms/traffic.server";
import { countryCookie } from "~/modules/catalog/buyer-context.server";
import { langCookie } from "~/modules/i18n/i18n.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { createShowroomWorld, type ShowroomWorld } from "../support/showroom-public-fixtures";

/**
 * The public storefront pages on a real database: only ACCEPTED manufacturers' PUBLISHED products, drafts are 404
 * (null), a manufacturer that leaves disappears at once; QR scans count in ShowroomTrafficDaily and leave a signed
 * source cookie that readShowroomSource reads back (and refuses when tampered with).
 */

let database: TestDatabase;
let world: ShowroomWorld;
const buyer: BuyerContext = { currencyCode: "BRL", currencySource: "language", countryCode: "BR", countrySource: "cookie", regionCode: null, regionSource: null, organizationName: null, signedIn: false };

beforeAll(async () => {
  database = await setupTestDatabase();
  world = await createShowroomWorld();
}, 240_000);
afterAll(() => database.cleanup());

function cookiePair(setCookie: string | null): string {
  return (setCookie ?? "").split(";")[0]!;
}

describe("storefront pages", () => {
  it("lists published storefronts only, in the reader's language with the storefront's fallback", async () => {
    const list = await listPublishedStorefronts("es");
    const slugs = list.map((s) => s.slug);
    expect(slugs).toContain(world.storefront.slug);
    expect(slugs).not.toContain(world.draft.slug);
    const mine = list.find((s) => s.slug === world.storefront.slug)!;
    // No Spanish name: the storefront's first language (pt).
    expect(mine.name).toEqual({ value: "Pavilhão de eletrodomésticos", lang: "pt" });
    expect(mine.exhibitors).toBe(1);
  });

  it("shows only ACCEPTED manufacturers' published products, and the hero per language", async () => {
    const page = (await loadStorefrontPage(world.storefront.slug, "zh", buyer))!;
    expect(page.name.value).toBe("家电馆");
    expect(page.heroText).toEqual({ value: "珠海制造", lang: "zh" });
    expect(page.heroTitle).toEqual({ value: "Veja de perto", lang: "pt" });
    const slugs = page.sections.flatMap((s) => s.cards.map((c) => c.slug));
    expect(slugs).toEqual([world.shown.slug]);
    expect(page.exhibitors.map((e) => e.id)).toEqual([world.accepted.id]);
    const booths = Object.fromEntries(page.plan.booths.map((b) => [b.code, b.exhibitor?.id ?? null]));
    expect(booths).toEqual({ "A-12": world.accepted.id, "B-01": null });
    expect(page.open.open).toBe(true);
    // Search engines get the product's page in the storefront's language.
    expect(JSON.stringify(storefrontJsonLd(page, "zh", "Park"))).toContain(`/zh/products/${world.shown.slug}"`);
  });

  it("a draft storefront is not found, nor is an unknown one", async () => {
    expect(await loadStorefrontPage(world.draft.slug, "pt", buyer)).toBeNull();
    expect(await loadStorefrontPage("no-such-hall", "pt", buyer)).toBeNull();
    expect(await loadBoothPage(world.draft.slug, "A-12", "pt", buyer)).toBeNull();
  });

  it("the booth page shows its featured manufacturer; the invited one's booth shows none", async () => {
    const a = (await loadBoothPage(world.storefront.slug, "a-12", "pt", buyer))!;
    expect(a.exhibitor?.id).toBe(world.accepted.id);
    expect(a.cards.map((c) => c.slug)).toEqual([world.shown.slug]);
    const b = (await loadBoothPage(world.storefront.slug, "B-01", "pt", buyer))!;
    expect(b.exhibitor).toBeNull();
    expect(b.cards).toEqual([]);
  });

  it("a manufacturer that leaves disappears at once", async () => {
    await unscopedDb.storefrontParticipation.update({ where: { id: world.acceptedParticipation.id }, data: { status: "LEFT", leftAt: new Date() } });
    try {
      const page = (await loadStorefrontPage(world.storefront.slug, "pt", buyer))!;
      expect(page.sections).toEqual([]);
      expect(page.exhibitors).toEqual([]);
      expect((await loadBoothPage(world.storefront.slug, "A-12", "pt", buyer))!.exhibitor).toBeNull();
      expect(await resolveScanTarget(world.storefront.slug, "A-12", world.shown.slug)).toBeNull();
    } finally {
      await unscopedDb.storefrontParticipation.update({ where: { id: world.acceptedParticipation.id }, data: { status: "ACCEPTED", leftAt: null } });
    }
  });
});

describe("QR scans", () => {
  async function scanCount(where: Record<string, string>) {
    const rows = await unscopedDb.showroomTrafficDaily.findMany({ where: { storefrontId: world.storefront.id, kind: "scan", ...where } });
    return rows.reduce((n, r) => n + r.count, 0);
  }

  it("a booth code redirects to the booth page in the saved language, counts the scan and sets the signed source cookie", async () => {
    const request = new Request(`http://localhost/q/${world.storefront.slug}/A-12`, { headers: { Cookie: `${cookiePair(await langCookie.serialize("es"))}; ${cookiePair(await countryCookie.serialize("MX"))}`, "Accept-Language": "zh-CN" } });
    const response = await scanRedirect(request, { slug: world.storefront.slug, boothCode: "A-12", productSlug: null });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/es/showrooms/${world.storefront.slug}/booths/A-12`);
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^ponte_showroom=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=2592000/);
    const source = await readShowroomSource(new Request("http://localhost/", { headers: { Cookie: cookiePair(setCookie) } }));
    expect(source).toEqual({ storefrontId: world.storefront.id, storefrontSlug: world.storefront.slug, boothId: world.boothA.id, boothCode: "A-12", eventId: null });
    expect(await scanCount({ boothId: world.boothA.id, countryCode: "MX", productId: "" })).toBe(1);
  });

  it("a product code goes to the product page with ?via=, in Accept-Language without a saved one, and counts per product", async () => {
    const request = new Request("http://localhost/", { headers: { "Accept-Language": "pt-BR,pt;q=0.9" } });
    const first = await scanRedirect(request, { slug: world.storefront.slug, boothCode: "A-12", productSlug: world.shown.slug });
    await scanRedirect(request, { slug: world.storefront.slug, boothCode: "A-12", productSlug: world.shown.slug });
    const location = first.headers.get("Location")!;
    expect(location).toBe(`/pt/products/${world.shown.slug}?via=${encodeURIComponent(`${world.storefront.slug}~A-12`)}`);
    expect(await scanCount({ productId: world.shown.id, countryCode: "ZZ", manufacturerOrganizationId: world.accepted.id })).toBe(2);
    const via = parseViaParam(new URL(location, "http://localhost").searchParams.get("via"))!;
    expect(await showroomBanner(via, "pt")).toEqual({ storefrontName: "Pavilhão de eletrodomésticos", boothCode: "A-12", storefrontHref: `/pt/showrooms/${world.storefront.slug}`, boothHref: `/pt/showrooms/${world.storefront.slug}/booths/A-12` });
  });

  it("codes pointing at nothing published are 404: a draft storefront, another maker's product, a non-consenting maker's booth product", async () => {
    const request = new Request("http://localhost/");
    const status = async (code: { slug: string; boothCode: string; productSlug: string | null }) => scanRedirect(request, code).then((r) => r.status, (e: unknown) => (e instanceof Response ? e.status : 500));
    expect(await status({ slug: world.draft.slug, boothCode: "A-12", productSlug: null })).toBe(404);
    expect(await status({ slug: world.storefront.slug, boothCode: "A-12", productSlug: world.notConsented.slug })).toBe(404);
    expect(await status({ slug: world.storefront.slug, boothCode: "B-01", productSlug: world.notConsented.slug })).toBe(404);
    expect(await status({ slug: world.storefront.slug, boothCode: "Z-99", productSlug: null })).toBe(404);
  });

  it("a tampered or foreign cookie is no source", async () => {
    const response = await scanRedirect(new Request("http://localhost/"), { slug: world.storefront.slug, boothCode: "A-12", productSlug: null });
    const pair = cookiePair(response.headers.get("Set-Cookie"));
    const [name, value] = pair.split("=") as [string, string];
    // One character of the signature changed (to another one: the test once picked the same letter it replaced).
    const at = value.length - 3;
    const tampered = `${name}=${value.slice(0, at)}${value[at] === "a" ? "b" : "a"}${value.slice(at + 1)}`;
    expect(await readShowroomSource(new Request("http://localhost/", { headers: { Cookie: tampered } }))).toBeNull();
    expect(await readShowroomSource(new Request("http://localhost/"))).toBeNull();
  });

  it("page visits count once per visitor address and page per half hour, only for published storefronts and real booths", async () => {
    const country = await countryCookie.serialize("CO");
    const from = (ip: string) => new Request("http://localhost/", { headers: { Cookie: cookiePair(country), "X-Ponte-Client-Ip": ip } });
    const request = from("203.0.113.7");
    expect(await countPageVisit(request, world.storefront.slug, null)).toBe(true);
    expect(await countPageVisit(request, world.storefront.slug, "A-12")).toBe(true);
    // The same page again from the same address (a reload, a replayed beacon): not another visit.
    expect(await countPageVisit(from("203.0.113.7"), world.storefront.slug, null)).toBe(false);
    expect(await countPageVisit(from("203.0.113.7"), world.storefront.slug, "A-12")).toBe(false);
    expect(await countPageVisit(request, world.storefront.slug, "Z-99")).toBe(false);
    expect(await countPageVisit(request, world.draft.slug, null)).toBe(false);
    const visits = await unscopedDb.showroomTrafficDaily.findMany({ where: { storefrontId: world.storefront.id, kind: "visit" }, orderBy: { boothId: "asc" } });
    expect(visits.map((v) => [v.boothId, v.countryCode, v.count])).toEqual([
      ["", "CO", 1],
      [world.boothA.id, "CO", 1],
    ]);
    // Another visitor's view of the storefront does count.
    expect(await countPageVisit(from("198.51.100.20"), world.storefront.slug, null)).toBe(true);
    expect((await unscopedDb.showroomTrafficDaily.findFirstOrThrow({ where: { storefrontId: world.storefront.id, kind: "visit", boothId: "" } })).count).toBe(2);
  });
});
