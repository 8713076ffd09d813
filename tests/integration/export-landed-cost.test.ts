import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { countryCookie, forgetCachedRates, regionCookie } from "~/modules/catalog/buyer-context.server";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { addImportTaxRate, ImportTaxRateError, importTaxRatesFor, SEEDED_IMPORT_TAX_RATES } from "~/modules/export-agency/import-tax-rates.server";
import { brazilImportTaxes } from "~/modules/export-agency/landed-cost";
import { forgetSharedLandedCostRates, landedCostFor, type StoredBreakdown } from "~/modules/export-agency/landed-cost.server";
import { ensureOriginLocation } from "~/modules/inventory/seed.server";
import { ratesAsOf } from "~/modules/money/fx.server";
import { addToCart, type BuyerContext } from "~/modules/ordering/cart.server";
import { prepareCheckout } from "~/modules/ordering/checkout.server";
import { withTestDatabase } from "../support/database";
// Tests drive the routes' loaders directly (modules never import routes; tests are not modules).
import { loader as productLoader } from "../../app/routes/$lang.products.$slug";

withTestDatabase();

const ctx = { context: { cspNonce: "" } } as const;
const tag = () => randomBytes(3).toString("hex").toUpperCase();
const today = new Date().toISOString().slice(0, 10);
let platformUserId: string;

/** A published product from a Zhuhai manufacturer (CNY ¥100.00 a unit, 1.2 kg gross), no overseas stock. */
async function product(hsCode: string) {
  const maker = await unscopedDb.organization.create({ data: { kind: "MANUFACTURER", name: `Maker ${tag()}`, countryCode: "CN" } });
  await ensureOriginLocation(unscopedDb, maker);
  const category = await unscopedDb.category.findFirstOrThrow({ select: { id: true } });
  const t = tag();
  const created = await unscopedDb.product.create({
    data: {
      organizationId: maker.id,
      categoryId: category.id,
      slug: `landed-${t.toLowerCase()}`,
      status: "PUBLISHED",
      publishedAt: new Date(),
      hsCode,
      currencyCode: "CNY",
      moq: 10,
      packSize: 1,
      leadTimeDays: 20,
      translations: { create: [{ organizationId: maker.id, locale: "pt", name: `Cafeteira ${t}` }] },
      priceTiers: { create: [{ organizationId: maker.id, minQuantity: 10, unitPriceMinor: 10_000n }] },
    },
  });
  const variant = await unscopedDb.productVariant.create({
    data: { organizationId: maker.id, productId: created.id, sku: `LC-${t}`, netWeightG: 1000, grossWeightG: 1200, lengthMm: 100, widthMm: 100, heightMm: 100 },
  });
  return { product: created, variant };
}

async function buyer(countryCode: string, region: string | null): Promise<BuyerContext> {
  const org = await unscopedDb.organization.create({ data: { kind: "BUYER", name: `Buyer ${tag()}`, countryCode, region, city: "São Paulo", addressLine1: "Av. Paulista, 1000", postalCode: "01310-100" } });
  const user = await unscopedDb.user.create({ data: { email: `landed-${tag().toLowerCase()}@test.ponte`, name: "Buyer", passwordHash: "x", locale: "pt" } });
  await unscopedDb.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  return {
    sessionUser: { sessionId: "s", expiresAt: new Date(Date.now() + 3_600_000), activeOrganizationId: org.id, user: { id: user.id, email: user.email, name: user.name, locale: "pt", currencyCode: "BRL" } },
    organization: { id: org.id, name: org.name, countryCode, region },
    scoped: forOrganization(org.id),
    location: { countryCode, regionCode: region },
  };
}

beforeAll(async () => {
  forgetCachedRates();
  const user = await unscopedDb.user.create({ data: { email: `platform-${tag().toLowerCase()}@test.ponte`, name: "Platform", passwordHash: "x", locale: "en" } });
  platformUserId = user.id;
});

describe("import tax rates (reference data)", () => {
  it("are seeded for the eight countries with a note saying they are editable reference data, and the €3 fee from 2026-07-01", async () => {
    const rows = await unscopedDb.importTaxRate.findMany({ select: { countryCode: true, kind: true, note: true, validFrom: true, fixedMinor: true } });
    expect(rows.length).toBe(SEEDED_IMPORT_TAX_RATES.length);
    expect(new Set(rows.map((r) => r.countryCode.trim()))).toEqual(new Set(["BR", "MX", "PT", "AO", "MZ", "CL", "CO", "PE"]));
    expect(rows.every((r) => r.note.includes("Editable reference data."))).toBe(true);
    const fee = rows.find((r) => r.kind === "LOW_VALUE_ITEM_FEE")!;
    expect(fee).toMatchObject({ fixedMinor: 300n, validFrom: new Date("2026-07-01T00:00:00Z") });
  });

  it("are added as dated rows, refused with the field at fault", async () => {
    const base = { countryCode: "BR", regionCode: "", hsPrefix: "", kind: "DUTY", ratePercent: "12", fixedAmount: "", validFrom: "2030-01-01", note: "" };
    const refused = async (over: Partial<typeof base>) => {
      const error = await addImportTaxRate({ ...base, ...over }, platformUserId).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportTaxRateError);
      return (error as ImportTaxRateError).code;
    };
    expect(await refused({ countryCode: "US" })).toBe("country");
    expect(await refused({ regionCode: "XX" })).toBe("region");
    expect(await refused({ hsPrefix: "8" })).toBe("hs_prefix");
    expect(await refused({ hsPrefix: "85167100" })).toBe("hs_prefix");
    expect(await refused({ kind: "BRIBE" })).toBe("kind");
    expect(await refused({ ratePercent: "150" })).toBe("rate");
    expect(await refused({ kind: "LOW_VALUE_ITEM_FEE", countryCode: "PT", fixedAmount: "abc" })).toBe("fixed");
    expect(await refused({ validFrom: "2030-02-30" })).toBe("date");
    await addImportTaxRate({ ...base, hsPrefix: "９９.０１", ratePercent: "2,5" }, platformUserId);
    expect(await refused({ hsPrefix: "9901", ratePercent: "3" })).toBe("duplicate");
    const stored = await unscopedDb.importTaxRate.findFirstOrThrow({ where: { hsPrefix: "9901" }, select: { rate: true, createdById: true } });
    expect(stored.rate.toString()).toBe("0.025");
    expect(stored.createdById).toBe(platformUserId);
  });
});

describe("landed cost estimates", () => {
  it("pick the rates in force by date, longest HS prefix and state; store the estimate with its rates, FX rate and date, once per inputs", async () => {
    const fx = await ratesAsOf();
    const { product: p, variant } = await product("851671");
    // A heading row now, a longer prefix from a future day (not yet in force), and a country-wide ICMS beside São Paulo's.
    const heading = await unscopedDb.importTaxRate.create({ data: { countryCode: "BR", hsPrefix: "8516", kind: "DUTY", rate: "0.2", validFrom: new Date("2026-01-01T00:00:00Z") } });
    await unscopedDb.importTaxRate.create({ data: { countryCode: "BR", hsPrefix: "851671", kind: "DUTY", rate: "0.35", validFrom: new Date("2099-01-01T00:00:00Z") } });

    // No ICMS for Rio yet: said, not guessed.
    const rio = await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "BR", regionCode: "RJ", incoterm: "DDP", fx });
    expect(rio).toMatchObject({ status: "unavailable", reason: "missing_rates", missing: ["ICMS"] });
    const countryIcms = await unscopedDb.importTaxRate.create({ data: { countryCode: "BR", kind: "ICMS", rate: "0.17", validFrom: new Date("2026-01-01T00:00:00Z") } });

    const before = await unscopedDb.landedCostEstimate.count();
    const sp = await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "BR", regionCode: "SP", incoterm: "DDP", fx });
    if (sp.status !== "ok") throw new Error(`no estimate: ${JSON.stringify(sp)}`);
    const e = sp.estimate;
    const rateOf = (kind: string) => e.breakdown.lines.find((l) => l.kind === kind)?.rate;
    expect(rateOf("DUTY")).toBe("0.2");
    expect(rateOf("ICMS")).toBe("0.18");
    expect(e.rates.map((r) => r.id)).toContain(heading.id);
    expect(e.rates.map((r) => r.id)).not.toContain(countryIcms.id);
    // Exact figures: the stored lines are the Brazil formula on the stored customs value.
    const expected = brazilImportTaxes({ customsValueMinor: e.customsValueMinor, rates: { ii: "0.2", ipi: "0.1", pis: "0.021", cofins: "0.0965", icms: "0.18" } });
    const amount = (kind: string) => BigInt(e.breakdown.lines.find((l) => l.kind === kind)!.amountMinor);
    expect([amount("DUTY"), amount("IPI"), amount("PIS"), amount("COFINS"), amount("ICMS")]).toEqual([expected.ii, expected.ipi, expected.pis, expected.cofins, expected.icms]);
    expect(e.landedMinor).toBe(expected.landed + BigInt(e.breakdown.destinationChargesMinor));
    // CIF = FOB (10 × ¥100 in BRL) + the Zhuhai CIF freight for 12 kg, in BRL.
    const fob = fx.convert({ amountMinor: 100_000n, currency: fx.currency("CNY") }, "BRL")!.money.amountMinor;
    expect(BigInt(e.breakdown.fobMinor)).toBe(fob);
    expect(e.customsValueMinor).toBe(fob + BigInt(e.breakdown.freightMinor));

    const row = await unscopedDb.landedCostEstimate.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ productId: p.id, variantId: variant.id, quantity: 10, countryCode: "BR", regionCode: "SP", incoterm: "DDP", currencyCode: "BRL", landedMinor: e.landedMinor });
    expect(row.fxRate?.toString()).toMatch(/^0\.7\d+/); // 1 CNY ≈ 0.75 BRL in the seeded table
    expect(row.fxRateDate?.toISOString().slice(0, 10)).toBe(e.fxRateDate);
    expect(row.computedFor.toISOString().slice(0, 10)).toBe(today);
    expect((row.rates as { id: string; kind: string; rate: string }[]).find((r) => r.kind === "ICMS")).toMatchObject({ rate: "0.18" });
    expect((row.breakdown as unknown as StoredBreakdown).lines.filter((l) => l.recoverable).map((l) => l.kind)).toEqual(["IPI", "PIS", "COFINS", "ICMS"]);
    expect(await unscopedDb.landedCostEstimate.count()).toBe(before + 1);

    // The same inputs again: the same row. Another Incoterm, or a new rate in force: another row.
    const again = await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "BR", regionCode: "SP", incoterm: "DDP", fx });
    expect(again.status === "ok" && again.estimate.id).toBe(e.id);
    const cif = await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "BR", regionCode: "SP", incoterm: "CIF", fx });
    expect(cif.status === "ok" && cif.estimate.id).not.toBe(e.id);
    if (cif.status === "ok") expect(cif.estimate.breakdown.dutiesPaidBy).toBe("buyer");
    expect(await unscopedDb.landedCostEstimate.count()).toBe(before + 2);
    // Rio now has the country-wide ICMS.
    const rioNow = await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "BR", regionCode: "RJ", incoterm: "DDP", fx });
    expect(rioNow.status === "ok" && rioNow.estimate.breakdown.lines.find((l) => l.kind === "ICMS")?.rate).toBe("0.17");
  });

  it("stores one estimate when the same inputs race", async () => {
    const fx = await ratesAsOf();
    const { variant } = await product("850811");
    const before = await unscopedDb.landedCostEstimate.count();
    const input = { items: [{ variantId: variant.id, quantity: 12 }], countryCode: "MX", regionCode: "CMX", incoterm: "DAP" as const, fx };
    const results = await Promise.all([landedCostFor(input), landedCostFor(input), landedCostFor(input)]);
    const ids = new Set(results.map((r) => (r.status === "ok" ? r.estimate.id : null)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBeNull();
    expect(await unscopedDb.landedCostEstimate.count()).toBe(before + 1);
    const [first] = results;
    if (first?.status !== "ok") throw new Error("no estimate");
    // Mexico: IGI and DTA on the customs value, IVA on CV + IGI + DTA, in MXN.
    expect(first.estimate.currencyCode).toBe("MXN");
    expect(first.estimate.breakdown.lines.map((l) => [l.kind, l.rate])).toEqual([["DUTY", "0.15"], ["DTA", "0.008"], ["VAT", "0.16"]]);
  });

  it("the product page shares its country's rates for a minute; the checkout's estimate reads them fresh; forgetting them shows a new rate at once", async () => {
    const fx = await ratesAsOf();
    const { variant } = await product("950300");
    const input = { items: [{ variantId: variant.id, quantity: 10 }], countryCode: "AO", regionCode: null, incoterm: "DDP" as const, fx };
    const dutyOf = (o: Awaited<ReturnType<typeof landedCostFor>>) => (o.status === "ok" ? o.estimate.breakdown.lines.find((l) => l.kind === "DUTY")?.rate : o.status);
    forgetSharedLandedCostRates();
    const shared = await landedCostFor({ ...input, sharedRates: true });
    const seededDuty = dutyOf(shared);
    expect(seededDuty).toMatch(/^0\./);
    await addImportTaxRate({ countryCode: "AO", regionCode: "", hsPrefix: "9503", kind: "DUTY", ratePercent: "5", fixedAmount: "", validFrom: today, note: "" }, platformUserId);
    // The page still shows what it read a moment ago (the same stored estimate); a fresh read has the new row.
    const sharedAgain = await landedCostFor({ ...input, sharedRates: true });
    expect(dutyOf(sharedAgain)).toBe(seededDuty);
    expect(sharedAgain.status === "ok" && shared.status === "ok" && sharedAgain.estimate.id).toBe(shared.status === "ok" && shared.estimate.id);
    expect(dutyOf(await landedCostFor(input))).toBe("0.05");
    forgetSharedLandedCostRates();
    expect(dutyOf(await landedCostFor({ ...input, sharedRates: true }))).toBe("0.05");
  });

  it("reads the rows in force on a past day: a row from a later day is not used", async () => {
    const rows = await importTaxRatesFor("PT", "2026-06-30");
    expect(rows.some((r) => r.kind === "LOW_VALUE_ITEM_FEE")).toBe(false);
    expect((await importTaxRatesFor("PT", "2026-07-01")).some((r) => r.kind === "LOW_VALUE_ITEM_FEE")).toBe(true);
  });

  it("says plainly when a country has no rates or no country is known", async () => {
    const fx = await ratesAsOf();
    const { variant } = await product("940542");
    expect(await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: "US", regionCode: null, incoterm: "DDP", fx })).toMatchObject({ status: "unavailable", reason: "no_rates" });
    expect(await landedCostFor({ items: [{ variantId: variant.id, quantity: 10 }], countryCode: null, regionCode: null, incoterm: "DDP", fx })).toEqual({ status: "no_country" });
  });

  it("the product page shows the breakdown for the 'buying for' country and state, in the page's language", async () => {
    const { product: p } = await product("851679");
    const cookie = [(await countryCookie.serialize("BR")).split(";")[0], (await regionCookie.serialize("BR:SP")).split(";")[0]].join("; ");
    const page = (await productLoader({ request: new Request(`http://localhost/pt/products/${p.slug}?incoterm=cif`, { headers: { Cookie: cookie } }), params: { lang: "pt", slug: p.slug }, ...ctx })) as {
      landed: { status: string; incoterm: string; destination: string; lines: { label: string; rate: string; recoverable: boolean }[]; basis: string };
    };
    expect(page.landed).toMatchObject({ status: "ok", incoterm: "CIF", destination: "Brasil — São Paulo (SP)" });
    expect(page.landed.lines.map((l) => l.label)).toEqual(["Imposto de Importação (II)", "IPI", "PIS-Importação", "COFINS-Importação", "ICMS (por dentro)"]);
    expect(page.landed.lines.find((l) => l.label.startsWith("ICMS"))).toMatchObject({ rate: "18 %", recoverable: true });
    expect(page.landed.basis).toContain("1 CNY = 0,");

    // A country Ponte has no rates for: no estimate, said plainly.
    const us = (await productLoader({ request: new Request(`http://localhost/en/products/${p.slug}`, { headers: { Cookie: (await countryCookie.serialize("US")).split(";")[0]! } }), params: { lang: "en", slug: p.slug }, ...ctx })) as {
      landed: { status: string; message: string };
    };
    expect(us.landed).toMatchObject({ status: "unavailable", message: "No landed-cost estimate is available for this country yet: Ponte has no import rates for it." });
  });

  it("checkout estimates each Zhuhai order for every term the buyer may choose", async () => {
    const { variant } = await product("851610");
    const casa = await buyer("BR", "SP");
    await addToCart(casa, { variantId: variant.id, quantity: 20 });
    const page = await prepareCheckout(casa, "pt", "BRL", await ratesAsOf());
    expect(page.landed).toHaveLength(1);
    const [order] = page.landed;
    expect(order!.source).toBe("origin");
    expect(Object.keys(order!.terms).sort()).toEqual(["CIF", "DDP", "FOB"]);
    for (const view of Object.values(order!.terms)) expect(view).toMatchObject({ status: "ok", destination: "Brasil — São Paulo (SP)" });
    const stored = await unscopedDb.landedCostEstimate.findMany({ where: { variantId: variant.id }, select: { incoterm: true, quantity: true } });
    expect(stored.map((s) => s.incoterm).sort()).toEqual(["CIF", "DDP", "FOB"]);
    expect(stored.every((s) => s.quantity === 20)).toBe(true);
  });
});
