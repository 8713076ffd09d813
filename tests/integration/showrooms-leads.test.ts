import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { createRfq, type RfqActor } from "~/modules/ordering/rfqs.server";
import { eraseLead, withdrawByToken, withdrawForBuyer } from "~/modules/showrooms/erasure.server";
import { insightReport, readInsightQuery } from "~/modules/showrooms/insight.server";
import { countTraffic } from "~/modules/showrooms/traffic.server";
import { ContactLeadSchema } from "~/modules/showrooms/lead-schemas";
import { createContactLead, listLeads, loadLead, replyToLead, type LeadActor } from "~/modules/showrooms/leads.server";
import { readShowroomSource, showroomSourceCookieHeader } from "~/modules/showrooms/source.server";
import { hashToken } from "~/modules/security/tokens.server";
import { addMember, createOrganization, createProduct, createUser } from "../support/inventory-core-fixtures";
import { setupTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let operator: { id: string };
let maker: { id: string };
let otherMaker: { id: string };
let buyerOrg: { id: string };
let makerUser: { id: string };
let otherMakerUser: { id: string };
let buyerUser: { id: string };
let productId: string;
let storefront: { id: string; slug: string };
let booth: { id: string; code: string };
let otherBooth: { id: string };

const leadActor = (organizationId: string, userId: string, kind: "MANUFACTURER" | "BUYER", lang: "zh" | "es" = "zh"): LeadActor => ({ organizationId, userId, kind, lang, scoped: forOrganization(organizationId) });
const rfqActor = (): RfqActor => ({ organizationId: buyerOrg.id, userId: buyerUser.id, kind: "BUYER", lang: "es", currencyCode: "MXN", scoped: forOrganization(buyerOrg.id) });

/** What the scan route (/q/{slug}/{booth}/{product}) leaves in the browser, as the next request carries it. */
async function scannedRequest(boothId: string | null, boothCode: string | null) {
  const setCookie = await showroomSourceCookieHeader({ storefrontId: storefront.id, storefrontSlug: storefront.slug, boothId, boothCode, eventId: null });
  return new Request("http://localhost/es/rfqs/new", { headers: { Cookie: setCookie.split(";")[0]! } });
}

beforeAll(async () => {
  database = await setupTestDatabase();
  operator = await unscopedDb.organization.create({ data: { kind: "PARK_OPERATOR", name: "Hengqin Park Test", countryCode: "CN" }, select: { id: true } });
  maker = await createOrganization("MANUFACTURER");
  otherMaker = await createOrganization("MANUFACTURER");
  buyerOrg = await createOrganization("BUYER");
  await unscopedDb.organization.update({ where: { id: buyerOrg.id }, data: { countryCode: "MX" } });
  makerUser = await createUser(undefined, "Li Wei", "zh");
  otherMakerUser = await createUser(undefined, "Wang Fang", "zh");
  buyerUser = await createUser(undefined, "Lucía Pérez", "es");
  await addMember(maker.id, makerUser.id, "OWNER");
  await addMember(otherMaker.id, otherMakerUser.id, "OWNER");
  await addMember(buyerOrg.id, buyerUser.id, "OWNER");
  const { product } = await createProduct(maker.id, [`SHOW-${Date.now() % 100000}`]);
  await unscopedDb.product.update({ where: { id: product.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  productId = product.id;
  storefront = await unscopedDb.storefront.create({
    data: { organizationId: operator.id, slug: `hall-${Date.now() % 100000}`, status: "PUBLISHED", publishedAt: new Date(), languages: ["pt", "es", "zh"], name: { pt: "Salão", es: "Salón", zh: "展厅" }, addressLine1: "1 Hengqin Rd", city: "Zhuhai", countryCode: "CN" },
    select: { id: true, slug: true },
  });
  const participation = await unscopedDb.storefrontParticipation.create({ data: { organizationId: maker.id, storefrontId: storefront.id, status: "ACCEPTED", respondedAt: new Date() }, select: { id: true } });
  const otherParticipation = await unscopedDb.storefrontParticipation.create({ data: { organizationId: otherMaker.id, storefrontId: storefront.id, status: "ACCEPTED", respondedAt: new Date() }, select: { id: true } });
  booth = await unscopedDb.storefrontBooth.create({ data: { organizationId: operator.id, storefrontId: storefront.id, code: "A-01", x: 0, y: 0, width: 4, height: 4, participationId: participation.id }, select: { id: true, code: true } });
  otherBooth = await unscopedDb.storefrontBooth.create({ data: { organizationId: operator.id, storefrontId: storefront.id, code: "A-02", x: 5, y: 0, width: 4, height: 4, participationId: otherParticipation.id }, select: { id: true } });
  await unscopedDb.warehouse.create({
    data: { kind: "ORIGIN", code: `ZS${Date.now() % 100000}`, name: "Zhuhai factory", city: "Zhuhai", countryCode: "CN", addressLine1: "1 Factory Rd", timeZone: "Asia/Shanghai", ownerOrganizationId: maker.id },
  });
});

afterAll(async () => {
  await database?.cleanup();
});

const rfqInput = (source: Awaited<ReturnType<typeof readShowroomSource>>) => ({ manufacturerId: maker.id, productId, title: "Cafeteras", specification: "220 V", quantity: 200, destinationCountry: "MX", tradeTerm: "FOB" as const, attachments: [], source });

describe("lead attribution through the QR link", () => {
  it("scan → signed cookie → RFQ → the RFQ carries the booth and the manufacturer gets an rfq lead", async () => {
    const source = await readShowroomSource(await scannedRequest(booth.id, booth.code));
    expect(source).toMatchObject({ storefrontId: storefront.id, boothId: booth.id, boothCode: "A-01" });
    const rfq = await createRfq(rfqActor(), rfqInput(source));
    expect(rfq).toMatchObject({ sourceStorefrontId: storefront.id, sourceBoothId: booth.id });
    const lead = await unscopedDb.showroomLead.findUniqueOrThrow({ where: { rfqId: rfq.id } });
    expect(lead).toMatchObject({ organizationId: maker.id, buyerOrganizationId: buyerOrg.id, userId: buyerUser.id, storefrontId: storefront.id, boothId: booth.id, productId, kind: "rfq", countryCode: "MX", locale: "es", name: null, consentAt: null });
    const inbox = await listLeads(leadActor(maker.id, makerUser.id, "MANUFACTURER"));
    expect(inbox.find((l) => l.id === lead.id)).toMatchObject({ boothCode: "A-01", storefrontName: "展厅", rfq: { number: rfq.number } });
  });

  it("a tampered cookie attributes nothing; another maker's booth gives the storefront without the booth", async () => {
    const tampered = await readShowroomSource(new Request("http://localhost/", { headers: { Cookie: "ponte_showroom=eyJzdG9yZWZyb250SWQiOiJ4In0%3D.forged" } }));
    expect(tampered).toBeNull();
    const plain = await createRfq(rfqActor(), rfqInput(null));
    expect(plain.sourceStorefrontId).toBeNull();
    expect(await unscopedDb.showroomLead.count({ where: { rfqId: plain.id } })).toBe(0);
    const atOtherBooth = await readShowroomSource(await scannedRequest(otherBooth.id, "A-02"));
    const rfq = await createRfq(rfqActor(), rfqInput(atOtherBooth));
    expect(rfq).toMatchObject({ sourceStorefrontId: storefront.id, sourceBoothId: null });
  });
});

describe("tenant rules", () => {
  it("a manufacturer never sees another's leads (list or page); the buyer sees its own", async () => {
    const lead = await unscopedDb.showroomLead.findFirstOrThrow({ where: { organizationId: maker.id, kind: "rfq" } });
    const other = leadActor(otherMaker.id, otherMakerUser.id, "MANUFACTURER");
    expect((await listLeads(other)).some((l) => l.id === lead.id)).toBe(false);
    expect(await loadLead(other, lead.id)).toBeNull();
    await expect(replyToLead(other, lead.id, "你好")).rejects.toMatchObject({ code: "not_found" });
    expect(await loadLead(leadActor(buyerOrg.id, buyerUser.id, "BUYER", "es"), lead.id)).not.toBeNull();
  });

  it("the operator sees counts, never a lead's personal data, and only of its own storefronts", async () => {
    const form = ContactLeadSchema.parse({ boothCode: "A-01", name: "Ana Souza", company: "Casa Ana", countryCode: "BR", email: "ana@example.test", phone: "+55 11 91234-5678", message: "Quero 300 cafeteiras", consent: "on" });
    await createContactLead({ storefrontSlug: storefront.slug, form, locale: "pt", visitor: { kind: "guest", ip: "198.51.100.7" }, source: null });
    const report = await insightReport({ kind: "operator", organizationId: operator.id }, { from: "2020-01-01", to: "2030-12-31" }, "pt");
    const text = JSON.stringify(report);
    for (const personal of ["Ana Souza", "Casa Ana", "ana@example.test", "91234", "cafeteiras", "Lucía"]) expect(text).not.toContain(personal);
    expect(report.totals.leads).toBeGreaterThanOrEqual(3);
    const stranger = await unscopedDb.organization.create({ data: { kind: "PARK_OPERATOR", name: "Other park", countryCode: "CN" }, select: { id: true } });
    const theirs = await insightReport({ kind: "operator", organizationId: stranger.id }, { from: "2020-01-01", to: "2030-12-31" }, "pt");
    expect(theirs.totals).toEqual({ visits: 0, scans: 0, leads: 0, rfqs: 0, orders: 0 });
  });
});

describe("erasure on consent withdrawal", () => {
  it("erases every personal column, the replies and the lead's emails in one go, and keeps the anonymous count", async () => {
    const form = ContactLeadSchema.parse({ boothCode: "A-01", name: "João Lima", company: "Lima Ltda", countryCode: "PT", email: "joao@example.test", message: "Amostras, por favor", consent: "on" });
    const { leadId, emailed } = await createContactLead({ storefrontSlug: storefront.slug, form, locale: "pt", visitor: { kind: "guest", ip: "198.51.100.8" }, source: null });
    expect(emailed).toBe(true);
    const receipt = await unscopedDb.emailMessage.findFirstOrThrow({ where: { kind: `showroom.lead:${leadId}:receipt` } });
    const token = /leads\/withdraw\/([A-Za-z0-9_-]+)/.exec(receipt.text)![1]!;
    await replyToLead(leadActor(maker.id, makerUser.id, "MANUFACTURER"), leadId, "Olá João, enviamos amostras.");
    expect(await unscopedDb.emailMessage.count({ where: { kind: { startsWith: `showroom.lead:${leadId}:` } } })).toBe(2);
    const before = await insightReport({ kind: "manufacturer", organizationId: maker.id }, { from: "2020-01-01", to: "2030-12-31" }, "zh");

    expect(await withdrawByToken(token)).toEqual({ erased: true, leadId });
    expect(await withdrawByToken(token)).toEqual({ erased: false, reason: "unknown" });

    // Every column of the lead, and every reply, read back raw: nothing personal is left.
    const [row] = await unscopedDb.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "ShowroomLead" WHERE "id" = ${leadId}::uuid`;
    expect(row).toMatchObject({ name: null, company: null, email: null, phone: null, message: null, userId: null, buyerOrganizationId: null, withdrawTokenHash: null });
    expect(row!.erasedAt).toBeInstanceOf(Date);
    expect(row!.withdrawnAt).toBeInstanceOf(Date);
    const everything = JSON.stringify(row) + JSON.stringify(await unscopedDb.$queryRaw`SELECT * FROM "ShowroomLeadReply" WHERE "leadId" = ${leadId}::uuid`);
    for (const personal of ["João", "Lima", "joao@example.test", "Amostras", "enviamos", hashToken(token)]) expect(everything).not.toContain(personal);
    expect(await unscopedDb.emailMessage.count({ where: { kind: { startsWith: `showroom.lead:${leadId}:` } } })).toBe(0);
    expect(await unscopedDb.emailMessage.count({ where: { text: { contains: "enviamos amostras" } } })).toBe(0);
    // The lead still counts, anonymously; the manufacturer sees it as erased and cannot answer.
    const after = await insightReport({ kind: "manufacturer", organizationId: maker.id }, { from: "2020-01-01", to: "2030-12-31" }, "zh");
    expect(after.totals.leads).toBe(before.totals.leads);
    await expect(replyToLead(leadActor(maker.id, makerUser.id, "MANUFACTURER"), leadId, "again")).rejects.toMatchObject({ code: "erased" });
    // The database refuses personal data on an erased lead.
    await expect(unscopedDb.showroomLead.update({ where: { id: leadId }, data: { name: "back" } })).rejects.toThrow();
  });

  it("a signed-in buyer withdraws from its side; another buyer cannot", async () => {
    const lead = await unscopedDb.showroomLead.findFirstOrThrow({ where: { buyerOrganizationId: buyerOrg.id, kind: "rfq" } });
    const stranger = await createOrganization("BUYER");
    await expect(withdrawForBuyer(leadActor(stranger.id, buyerUser.id, "BUYER", "es"), lead.id)).rejects.toMatchObject({ code: "not_found" });
    await withdrawForBuyer(leadActor(buyerOrg.id, buyerUser.id, "BUYER", "es"), lead.id);
    expect(await unscopedDb.showroomLead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ userId: null, buyerOrganizationId: null, rfqId: lead.rfqId });
    await eraseLead(lead.id); // twice is a no-op
  });
});

describe("funnel counts", () => {
  it("counts visits and scans from the daily traffic, leads, RFQs and orders, per booth and country, for the operator and the maker", async () => {
    // Today in the hall's time zone (Asia/Shanghai, the storefront's default): the dashboard's days are its days.
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    await unscopedDb.showroomTrafficDaily.createMany({
      data: [
        { operatorOrganizationId: operator.id, storefrontId: storefront.id, kind: "visit", countryCode: "MX", day: new Date(day), count: 40 },
        { operatorOrganizationId: operator.id, storefrontId: storefront.id, boothId: booth.id, manufacturerOrganizationId: maker.id, kind: "scan", countryCode: "MX", day: new Date(day), count: 6 },
        { operatorOrganizationId: operator.id, storefrontId: storefront.id, boothId: otherBooth.id, manufacturerOrganizationId: otherMaker.id, kind: "scan", countryCode: "BR", day: new Date(day), count: 3 },
      ],
    });
    const range = { from: day, to: day };
    const park = await insightReport({ kind: "operator", organizationId: operator.id }, range, "es");
    const ownRfqLeads = await unscopedDb.showroomLead.count({ where: { storefrontId: storefront.id, kind: "rfq" } });
    const allLeads = await unscopedDb.showroomLead.count({ where: { storefrontId: storefront.id } });
    expect(park.totals).toEqual({ visits: 40, scans: 9, leads: allLeads, rfqs: ownRfqLeads, orders: 0 });
    expect(park.funnel[0]).toMatchObject({ stage: "touches", count: 49 });
    expect(park.byManufacturer.map((r) => r.key)).toContain(otherMaker.id);
    expect(park.byCountry.find((r) => r.key === "MX")?.counts.visits).toBe(40);
    // The maker sees its own booth's scans and its own leads only: no storefront-wide visits, nothing of the other maker.
    const own = await insightReport({ kind: "manufacturer", organizationId: maker.id }, range, "zh");
    expect(own.totals.visits).toBe(0);
    expect(own.totals.scans).toBe(6);
    expect(own.totals.leads).toBe(await unscopedDb.showroomLead.count({ where: { organizationId: maker.id } }));
    expect(own.byManufacturer).toEqual([]);
    expect(own.byBooth.map((r) => r.key)).toEqual([booth.id]);
  });
});

describe("the dashboard's days", () => {
  it("are the hall's calendar days: a visit, a lead and the report at 07:30 in Zhuhai count on that day, not on the UTC date before it", async () => {
    const hall = await unscopedDb.storefront.create({
      data: { organizationId: operator.id, slug: `dawn-${Date.now() % 100000}`, status: "PUBLISHED", publishedAt: new Date(), languages: ["zh"], name: { zh: "早展厅" }, addressLine1: "2 Hengqin Rd", city: "Zhuhai", countryCode: "CN", timeZone: "Asia/Shanghai" },
      select: { id: true },
    });
    const dawn = new Date("2026-03-10T23:30:00Z"); // 07:30 on 11 March in Zhuhai
    await countTraffic({ kind: "visit", operatorId: operator.id, storefrontId: hall.id, countryCode: "BR", at: dawn });
    await unscopedDb.showroomLead.create({ data: { organizationId: maker.id, storefrontId: hall.id, kind: "contact", countryCode: "BR", locale: "pt", name: "Ana", consentAt: dawn, consentVersion: "2026-12", createdAt: dawn } });
    const report = (day: string) => insightReport({ kind: "operator", organizationId: operator.id }, { from: day, to: day, storefrontId: hall.id }, "pt");
    expect((await report("2026-03-11")).totals).toMatchObject({ visits: 1, leads: 1 });
    expect((await report("2026-03-10")).totals).toMatchObject({ visits: 0, leads: 0 });
    expect((await report("2026-03-11")).byDay.map((r) => r.key)).toEqual(["2026-03-11"]);
    // The default range ends on the reader's today: at 07:30 in Zhuhai that is 11 March, though UTC still says the 10th.
    expect(readInsightQuery(new URL("https://ponte.test/pt/park/insight"), dawn, "Asia/Shanghai")).toMatchObject({ to: "2026-03-11", from: "2026-02-10" });
  });
});
