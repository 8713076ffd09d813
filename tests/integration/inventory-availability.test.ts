import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countryCookie, forgetCachedRates, getBuyerContext, regionCookie } from "~/modules/catalog/buyer-context.server";
import { forgetListingCaches, NO_FILTERS, queryListing, type ListingFilters } from "~/modules/catalog/listing.server";
import { unscopedDb } from "~/modules/db/index.server";
import { cardAvailability, forgetAvailabilityCaches, warehousesServing } from "~/modules/inventory/availability.server";
import { applyMovement } from "~/modules/inventory/ledger.server";
import { BR_STATES, MX_STATES, originCode } from "~/modules/inventory/reference-data";
import { ensureOriginLocations, seedInventoryReferenceData } from "~/modules/inventory/seed.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { RateTable } from "~/modules/money/fx.server";
import { CSRF_FIELD, newCsrfCookieValue } from "~/modules/security/csrf.server";
import { createOrganization } from "~/modules/tenancy/organizations.server";
import { createUserSession } from "~/modules/tenancy/session.server";
// Tests drive the routes' loaders and actions directly (modules never import routes; tests are not modules).
import { loader as browseLoader } from "../../app/routes/$lang.products._index";
import { loader as productLoader } from "../../app/routes/$lang.products.$slug";
import { action as setPreferences } from "../../app/routes/set-currency";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let makerId: string;
let makerUserId: string;
const warehouse: Record<string, string> = {};
const variant: Record<string, string> = {};
const category: Record<string, string> = {};
const ctx = { context: { cspNonce: "" } } as const;

const currencies = new Map(CURRENCIES.map((c) => [c.code, c]));
const RATES = new RateTable(new Map([["BRL", { rate: "5", effectiveDate: "2026-11-27" }]]), currencies);

/** A published product with one SKU (or the given ones), 15 days of production, USD prices. */
async function product(slug: string, options: { category?: string; priceMinor?: bigint; moq?: number; showStock?: boolean; skus?: string[] } = {}) {
  const skus = options.skus ?? [`SKU-${slug}`];
  const created = await unscopedDb.product.create({
    data: {
      organizationId: makerId,
      categoryId: category[options.category ?? "faucets"]!,
      slug,
      status: "PUBLISHED",
      sourceLocale: "pt",
      hsCode: "848180",
      unitOfSale: "PIECE",
      moq: options.moq ?? 10,
      currencyCode: "USD",
      leadTimeDays: 15,
      showStockQuantities: options.showStock ?? false,
      minUnitPriceMinor: options.priceMinor ?? 1000n,
      referencePriceUsdMinor: options.priceMinor ?? 1000n,
      publishedAt: new Date(),
      translations: { create: [{ organizationId: makerId, locale: "pt", name: `Produto ${slug}` }] },
      priceTiers: { create: [{ organizationId: makerId, minQuantity: options.moq ?? 10, unitPriceMinor: options.priceMinor ?? 1000n }] },
      variants: {
        create: skus.map((sku, i) => ({ organizationId: makerId, sku, voltage: i === 0 ? "127V" : "220V", plugType: "N", netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100, position: i })),
      },
    },
    select: { id: true, variants: { select: { id: true, sku: true } } },
  });
  for (const v of created.variants) variant[v.sku] = v.id;
  return created.id;
}

/** Stock through the ledger: a receipt, then optionally a reservation. */
async function stock(sku: string, code: string, onHand: number, reserved = 0) {
  await unscopedDb.$transaction(async (tx) => {
    await applyMovement(tx, { organizationId: makerId, warehouseId: warehouse[code]!, variantId: variant[sku]!, kind: "RECEIPT", onHandDelta: onHand });
    if (reserved) await applyMovement(tx, { organizationId: makerId, warehouseId: warehouse[code]!, variantId: variant[sku]!, kind: "RESERVATION", reservedDelta: reserved });
  });
}

/** A signed-in buyer: a user in a BUYER organization with that country and region. */
async function buyerSession(name: string, countryCode: string, region: string | null): Promise<string> {
  const user = await unscopedDb.user.create({ data: { email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.test`, name, passwordHash: "x", locale: "pt", currencyCode: "BRL" } });
  await createOrganization(user.id, { kind: "BUYER", name, countryCode, region, city: null });
  const setCookie = await createUserSession(user.id, new Request("http://localhost/"));
  return setCookie.split(";")[0]!;
}

async function cookies(country: string | null, region?: string): Promise<string> {
  const parts: string[] = [];
  if (country) parts.push((await countryCookie.serialize(country)).split(";")[0]!);
  if (region) parts.push((await regionCookie.serialize(region)).split(";")[0]!);
  return parts.join("; ");
}

async function productPage(lang: "pt" | "es" | "en" | "zh", slug: string, cookie: string, query = "") {
  return productLoader({ request: new Request(`http://localhost/${lang}/products/${slug}${query}`, { headers: { Cookie: cookie } }), params: { lang, slug }, ...ctx });
}

async function browse(lang: "pt" | "es", query: string, cookie: string) {
  return browseLoader({ request: new Request(`http://localhost/${lang}/products${query}`, { headers: { Cookie: cookie } }), params: { lang }, ...ctx });
}

let lisbonBuyer: string;
let mexicoBuyer: string;
let paulistaBuyer: string;

beforeAll(async () => {
  database = await setupTestDatabase();
  forgetListingCaches();
  forgetCachedRates();
  forgetAvailabilityCaches();
  for (const w of await unscopedDb.warehouse.findMany({ where: { kind: "OVERSEAS" }, select: { id: true, code: true } })) warehouse[w.code] = w.id;
  for (const c of await unscopedDb.category.findMany({ select: { id: true, slug: true } })) category[c.slug] = c.id;
  const maker = await unscopedDb.user.create({ data: { email: "maker@example.test", name: "Maker", passwordHash: "x", locale: "zh", currencyCode: "CNY" } });
  makerUserId = maker.id;
  makerId = (await createOrganization(maker.id, { kind: "MANUFACTURER", name: "Zhuhai Test Appliances", countryCode: "CN", city: "Zhuhai", addressLine1: "香洲区 1 号" })).id;

  // A: in stock in Lisbon (40 available). B: in stock in São Paulo. C: nothing anywhere. D: all of its Lisbon stock reserved.
  await product("a-lisboa", { category: "faucets", priceMinor: 1000n, skus: ["A-127", "A-220"] });
  await product("b-sao-paulo", { category: "faucets", priceMinor: 5000n });
  await product("c-zhuhai", { category: "faucets", priceMinor: 1000n });
  await product("d-reserved", { category: "faucets", priceMinor: 1000n });
  await product("e-lisboa-showers", { category: "showers", priceMinor: 1000n, showStock: true });
  await stock("A-127", "LIS", 40);
  await stock("SKU-b-sao-paulo", "GRU", 500);
  await stock("SKU-d-reserved", "LIS", 12, 12);
  await stock("SKU-e-lisboa-showers", "LIS", 30, 5);

  lisbonBuyer = await buyerSession("Lisboa Lar", "PT", null);
  mexicoBuyer = await buyerSession("Azteca", "MX", "CDMX");
  paulistaBuyer = await buyerSession("Casa Paulista", "BR", "São Paulo");
});
afterAll(() => database.cleanup());

describe("reference data", () => {
  it("seeds the seven warehouses, every Brazilian and Mexican state, and the lanes from China", async () => {
    expect(Object.keys(warehouse).sort()).toEqual(["BOG", "GRU", "LAD", "LIS", "MEX", "MPM", "SCL"]);
    const areas = await unscopedDb.warehouseServiceArea.findMany({ where: { warehouseId: { in: [warehouse.GRU!, warehouse.MEX!] } }, select: { countryCode: true, regionCode: true } });
    expect(areas.filter((a) => a.countryCode === "BR").map((a) => a.regionCode).sort()).toEqual(Object.keys(BR_STATES).sort());
    expect(areas.filter((a) => a.countryCode === "MX").map((a) => a.regionCode).sort()).toEqual(Object.keys(MX_STATES).sort());
    const lanes = await unscopedDb.transitLane.findMany({ select: { destinationCountry: true } });
    expect(lanes.map((l) => l.destinationCountry)).toEqual(expect.arrayContaining(["BR", "MX", "PT", "AO", "MZ", "CO", "CL", "PE", "AR"]));
  });

  it("never overwrites the platform's edits when seeded again", async () => {
    await unscopedDb.warehouseServiceArea.updateMany({ where: { warehouseId: warehouse.LIS!, countryCode: "PT" }, data: { leadDaysMax: 3 } });
    await unscopedDb.warehouse.update({ where: { id: warehouse.LIS! }, data: { addressLine1: "Edited by the platform" } });
    await seedInventoryReferenceData();
    expect(await unscopedDb.warehouse.count({ where: { kind: "OVERSEAS" } })).toBe(7);
    expect((await unscopedDb.warehouse.findUniqueOrThrow({ where: { id: warehouse.LIS! } })).addressLine1).toBe("Edited by the platform");
    expect((await unscopedDb.warehouseServiceArea.findFirstOrThrow({ where: { warehouseId: warehouse.LIS! } })).leadDaysMax).toBe(3);
    expect(await unscopedDb.transitLane.count({ where: { destinationCountry: "BR" } })).toBe(1);
    await unscopedDb.warehouseServiceArea.updateMany({ where: { warehouseId: warehouse.LIS! }, data: { leadDaysMax: 2 } });
    forgetAvailabilityCaches();
  });

  it("gives each manufacturer its Zhuhai origin location, on creation and for those that had none", async () => {
    const origin = await unscopedDb.warehouse.findFirstOrThrow({ where: { ownerOrganizationId: makerId } });
    expect(origin).toMatchObject({ kind: "ORIGIN", code: originCode(makerId), city: "Zhuhai", countryCode: "CN", addressLine1: "香洲区 1 号", timeZone: "Asia/Shanghai" });
    const older = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: "Older Maker", countryCode: "CN" } });
    await unscopedDb.organization.create({ data: { kind: "BUYER", name: "Not a maker", countryCode: "BR" } });
    await ensureOriginLocations();
    await ensureOriginLocations();
    expect(await unscopedDb.warehouse.count({ where: { ownerOrganizationId: older.id, kind: "ORIGIN" } })).toBe(1);
    expect(await unscopedDb.warehouse.count({ where: { kind: "ORIGIN" } })).toBe(2);
    expect(makerUserId).toBeTruthy();
  });
});

describe("the buyer's delivery location", () => {
  it("reads the buyer organization's region as an ISO code", async () => {
    const mx = await getBuyerContext(new Request("http://localhost/es/products", { headers: { Cookie: mexicoBuyer } }), "es");
    expect(mx).toMatchObject({ countryCode: "MX", countrySource: "organization", regionCode: "CMX", regionSource: "organization" });
    const br = await getBuyerContext(new Request("http://localhost/pt/products", { headers: { Cookie: paulistaBuyer } }), "pt");
    expect(br).toMatchObject({ countryCode: "BR", regionCode: "SP" });
  });

  it("takes the state cookie only for the same country", async () => {
    const same = await getBuyerContext(new Request("http://localhost/pt/products", { headers: { Cookie: await cookies("BR", "BR:RJ") } }), "pt", null);
    expect(same).toMatchObject({ countryCode: "BR", regionCode: "RJ", regionSource: "cookie" });
    const other = await getBuyerContext(new Request("http://localhost/pt/products", { headers: { Cookie: await cookies("MX", "BR:RJ") } }), "pt", null);
    expect(other).toMatchObject({ countryCode: "MX", regionCode: null });
    const bogus = await getBuyerContext(new Request("http://localhost/pt/products", { headers: { Cookie: await cookies("BR", "BR:XX") } }), "pt", null);
    expect(bogus.regionCode).toBeNull();
  });

  it("is set by the preferences form, which refuses a state of another country", async () => {
    const csrf = newCsrfCookieValue();
    const post = (fields: Record<string, string>) => {
      const body = new URLSearchParams({ [CSRF_FIELD]: csrf.split(".")[0]!, redirectTo: "/pt/products", ...fields });
      return setPreferences({ request: new Request("http://localhost/set-currency", { method: "POST", body, headers: { Cookie: `ponte_csrf=${encodeURIComponent(csrf)}`, "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, ...ctx });
    };
    const ok = (await post({ regionCode: "MG", regionCountry: "BR" })) as Response;
    expect(ok.status).toBe(302);
    const set = ok.headers.getSetCookie().find((c) => c.startsWith("ponte_region="))!;
    expect(await regionCookie.parse(set.split(";")[0]!)).toBe("BR:MG");
    const bad = (await post({ regionCode: "CMX", regionCountry: "BR" })) as Response;
    expect(bad.status).toBe(400);
    const cleared = (await post({ regionCode: "", regionCountry: "BR" })) as Response;
    expect(cleared.headers.getSetCookie().find((c) => c.startsWith("ponte_region="))).toMatch(/Max-Age=0/);
  });
});

describe("the product page", () => {
  it("tells a buyer in Lisbon it is in stock in Lisbon, and a buyer in Mexico that it ships from Zhuhai", async () => {
    const lisbon = await productPage("pt", "a-lisboa", lisbonBuyer);
    const first = lisbon.availability.variants.find((v) => v.sku === "A-127")!;
    expect(first.tone).toBe("stock");
    expect(first.lines.map((l) => l.text)).toEqual(["Em estoque em Lisboa — entrega em 1 a 2 dias úteis"]);
    expect(first.lines[0]!.cost).toMatch(/^Frete local: .*7,90/);
    // The other SKU has no stock anywhere: Zhuhai, production 15 + sea 35–45.
    expect(lisbon.availability.variants.find((v) => v.sku === "A-220")!.lines.map((l) => l.text)).toEqual(["Enviado de Zhuhai — 50 a 60 dias"]);
    expect(lisbon.availability.hint).toBeNull();

    const mexico = await productPage("es", "a-lisboa", mexicoBuyer);
    expect(mexico.availability.variants.every((v) => v.tone === "origin")).toBe(true);
    expect(mexico.availability.variants[0]!.lines.map((l) => l.text)).toEqual(["Se envía desde Zhuhai — 40 a 50 días"]);
    expect(mexico.availability.destination).toBe("Ciudad de México, México");

    const english = await productPage("en", "a-lisboa", lisbonBuyer);
    expect(english.availability.variants[0]!.lines[0]!.text).toBe("In stock in Lisbon — delivered in 1 to 2 business days");
    const chinese = await productPage("zh", "b-sao-paulo", paulistaBuyer);
    expect(chinese.availability.variants[0]!.lines[0]!.text).toBe("圣保罗有现货 — 1 至 2 个工作日送达");
  });

  it("allocates the chosen quantity: split between Lisbon and Zhuhai beyond the stock, quantities hidden", async () => {
    const exact = await productPage("pt", "a-lisboa", lisbonBuyer, "?quantity=40");
    expect(exact.quantity).toBe(40);
    expect(exact.availability.variants[0]!.lines).toHaveLength(1);
    const split = await productPage("pt", "a-lisboa", lisbonBuyer, "?quantity=41");
    const v = split.availability.variants[0]!;
    expect(v.tone).toBe("partial");
    expect(v.lines.map((l) => [l.source, l.text, l.quantity])).toEqual([
      ["warehouse", "Em estoque em Lisboa — entrega em 1 a 2 dias úteis", null],
      ["origin", "Enviado de Zhuhai — 50 a 60 dias", null],
    ]);
    expect(v.splitNote).toMatch(/restante/);
    expect(v.stock).toBeNull();
    // Nonsense quantities fall back to the MOQ.
    expect((await productPage("pt", "a-lisboa", lisbonBuyer, "?quantity=-4")).quantity).toBe(10);
    expect((await productPage("pt", "a-lisboa", lisbonBuyer, "?quantity=abc")).quantity).toBe(10);
  });

  it("shows quantities only when the manufacturer chose to", async () => {
    const shown = await productPage("pt", "e-lisboa-showers", lisbonBuyer, "?quantity=30");
    const v = shown.availability.variants[0]!;
    expect(v.stock).toEqual([{ city: "Lisboa", quantity: "25" }]);
    expect(v.lines.map((l) => l.quantity)).toEqual(["25 peças", "5 peças"]);
    expect(v.splitNote).toBeNull();
    const hidden = await productPage("pt", "a-lisboa", lisbonBuyer);
    expect(JSON.stringify(hidden.availability)).not.toMatch(/"40"|40 peças/);
  });

  it("uses the state in Brazil: exact times with it, the span and a hint without it", async () => {
    const sp = await productPage("pt", "b-sao-paulo", paulistaBuyer);
    expect(sp.availability.variants[0]!.lines[0]!.text).toBe("Em estoque em São Paulo — entrega em 1 a 2 dias úteis");
    const rj = await productPage("pt", "b-sao-paulo", await cookies("BR", "BR:RJ"));
    expect(rj.availability.variants[0]!.lines[0]!.text).toBe("Em estoque em São Paulo — entrega em 2 a 3 dias úteis");
    const anywhere = await productPage("pt", "b-sao-paulo", await cookies("BR"));
    expect(anywhere.availability.variants[0]!.lines[0]!.text).toBe("Em estoque em São Paulo — entrega em 1 a 8 dias úteis");
    expect(anywhere.availability.variants[0]!.lines[0]!.cost).toMatch(/até/);
    expect(anywhere.availability.hint).toBe("chooseRegion");
  });

  it("is honest without a country, and without a transit lane", async () => {
    const nowhere = await productPage("pt", "a-lisboa", "");
    expect(nowhere.availability.hint).toBe("chooseCountry");
    expect(nowhere.availability.variants[0]!.lines.map((l) => l.text)).toEqual(["Em estoque em Lisboa", "Ou enviado de Zhuhai — produção em 15 dias, mais o transporte até o seu país"]);
    // Nothing in stock anywhere: Zhuhai is not an alternative ("Ou…", "Or…") but the only way.
    expect(nowhere.availability.variants.find((v) => v.sku === "A-220")!.lines.map((l) => l.text)).toEqual(["Enviado de Zhuhai — produção em 15 dias, mais o transporte até o seu país"]);
    const spanish = await productPage("es", "c-zhuhai", "");
    expect(spanish.availability.variants[0]!.lines.map((l) => l.text)).toEqual(["Se envía desde Zhuhai — producción en 15 días, más el transporte a tu país"]);
    const timor = await productPage("pt", "a-lisboa", await cookies("TL"));
    expect(timor.availability.variants[0]!.lines.map((l) => l.text)).toEqual(["Enviado de Zhuhai — produção em 15 dias; prazo de transporte até Timor-Leste a confirmar"]);
  });
});

describe("listing cards", () => {
  it("say in one line where the MOQ ships from, for the whole page in one query", async () => {
    const lisbon = await browse("pt", "?category=bathroom-fittings", lisbonBuyer);
    const line = (slug: string) => lisbon.cards.find((c) => c.slug === slug)!.availability;
    expect(line("a-lisboa")).toEqual({ tone: "stock", text: "Em estoque em Lisboa — entrega em 1 a 2 dias úteis" });
    expect(line("c-zhuhai")).toEqual({ tone: "origin", text: "Enviado de Zhuhai — 50 a 60 dias" });
    expect(line("d-reserved")).toEqual({ tone: "origin", text: "Enviado de Zhuhai — 50 a 60 dias" });
    expect(line("b-sao-paulo")).toEqual({ tone: "origin", text: "Enviado de Zhuhai — 50 a 60 dias" });

    const mexico = await browse("es", "?category=bathroom-fittings", mexicoBuyer);
    expect(mexico.cards.find((c) => c.slug === "a-lisboa")!.availability).toEqual({ tone: "origin", text: "Se envía desde Zhuhai — 40 a 50 días" });

    const nobody = await browse("pt", "?category=bathroom-fittings", "");
    expect(nobody.cards.find((c) => c.slug === "a-lisboa")!.availability).toEqual({ tone: "elsewhere", text: "Em estoque em Lisboa" });
    // No stock anywhere and no place to deliver to: the card has no availability line, and carries none.
    expect(nobody.cards.find((c) => c.slug === "c-zhuhai")).not.toHaveProperty("availability");
  });

  it("say 'partly in stock' when the nearby stock does not cover the MOQ", async () => {
    const id = await product("f-partial", { moq: 100 });
    await stock("SKU-f-partial", "LIS", 60);
    const lines = await cardAvailability([{ id, moq: 100, leadTimeDays: 15, originCountry: "CN" }], { countryCode: "PT", regionCode: null }, "pt");
    expect(lines.get(id)).toEqual({ tone: "partial", text: "Parte em estoque em Lisboa, o restante enviado de Zhuhai" });
  });
});

describe("the 'in stock near me' filter", () => {
  const nearby = (lang: "pt" | "es", query: string, cookie: string) => browse(lang, query, cookie).then((d) => d.cards.map((c) => c.slug).sort());

  it("keeps only products with available stock near the buyer", async () => {
    expect(await nearby("pt", "?nearStock=1", lisbonBuyer)).toEqual(["a-lisboa", "e-lisboa-showers", "f-partial"]);
    expect(await nearby("pt", "?nearStock=1", paulistaBuyer)).toEqual(["b-sao-paulo"]);
    // Acre is served by Guarulhos too (slower).
    expect(await nearby("pt", "?nearStock=1", await cookies("BR", "BR:AC"))).toEqual(["b-sao-paulo"]);
    expect(await nearby("es", "?nearStock=1", mexicoBuyer)).toEqual([]);
    const data = await browse("es", "?nearStock=1", mexicoBuyer);
    expect(data.count).toMatchObject({ value: 0 });
    expect(data.chips.map((c) => c.kind)).toEqual(["nearStock"]);
    // The empty page says it is the stock filter, with what matches without it, and a link that turns it off.
    expect(data.nearStock.emptiedBy).toMatchObject({ offHref: "/es/products" });
    expect(data.nearStock.emptiedBy!.count).toBeGreaterThan(0);
    // With the filter off, an empty page is not blamed on it.
    expect((await browse("pt", "?nearStock=1", lisbonBuyer)).nearStock.emptiedBy).toBeNull();
  });

  it("combines with the category and price filters", async () => {
    expect(await nearby("pt", "?nearStock=1&category=faucets", lisbonBuyer)).toEqual(["a-lisboa", "f-partial"]);
    expect(await nearby("pt", "?nearStock=1&category=showers", lisbonBuyer)).toEqual(["e-lisboa-showers"]);
    // US$ 50.00 ≈ R$ 267; US$ 10.00 ≈ R$ 53: a ceiling of R$ 100 keeps the cheap ones only.
    expect(await nearby("pt", "?nearStock=1&priceMax=100", paulistaBuyer)).toEqual([]);
    expect(await nearby("pt", "?nearStock=1&priceMin=100", paulistaBuyer)).toEqual(["b-sao-paulo"]);
  });

  it("pages by keyset like every other filter", async () => {
    const base = { lang: "pt" as const, currency: currencies.get("BRL")!, rates: RATES, sort: "newest" as const, location: { countryCode: "PT", regionCode: null } };
    const filters: ListingFilters = { ...NO_FILTERS, nearStock: true };
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await queryListing({ ...base, filters, limit: 1, after });
      seen.push(...page.rows.map((r) => r.slug));
      after = page.next;
      if (!after) break;
    }
    expect(seen.sort()).toEqual(["a-lisboa", "e-lisboa-showers", "f-partial"]);
  });

  it("is not applied without a country, and the page says why", async () => {
    const data = await browse("pt", "?nearStock=1", "");
    expect(data.nearStock).toMatchObject({ available: false, needsCountry: true });
    expect(data.filters.nearStock).toBeNull();
    expect(data.cards.length).toBeGreaterThan(3);
    expect((await browse("pt", "?nearStock=1", lisbonBuyer)).nearStock).toMatchObject({ available: true, place: "Portugal", needsCountry: false });
  });

  it("uses only active warehouses that deliver there", async () => {
    expect(await warehousesServing({ countryCode: "PT", regionCode: null })).toEqual([warehouse.LIS]);
    expect(await warehousesServing({ countryCode: "MX", regionCode: "YUC" })).toEqual([warehouse.MEX]);
    expect(await warehousesServing({ countryCode: "ES", regionCode: null })).toEqual([]);
    await unscopedDb.warehouse.update({ where: { id: warehouse.LIS! }, data: { active: false } });
    forgetAvailabilityCaches();
    forgetListingCaches();
    try {
      expect(await nearby("pt", "?nearStock=1", lisbonBuyer)).toEqual([]);
    } finally {
      await unscopedDb.warehouse.update({ where: { id: warehouse.LIS! }, data: { active: true } });
      forgetAvailabilityCaches();
    }
  });
});
