import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { saveBooth, BoothError } from "~/modules/showrooms/booths.server";
import { cancelEvent, saveEvent } from "~/modules/showrooms/events-admin.server";
import { featuredManufacturerIds, forStorefrontOperator, OperatorScopeError, requireOwnStorefront, type OperatorDb } from "~/modules/showrooms/operator-scope.server";
import { answerParticipation, assignBooth, inviteManufacturer, listParticipations, ParticipationError, searchManufacturers, withdrawInvitation } from "~/modules/showrooms/participation.server";
import { collectLabels, qrLabelsPdf } from "~/modules/showrooms/qr-labels.server";
import { addSectionItem, listSections, saveSection, SectionError } from "~/modules/showrooms/sections.server";
import { BoothFormSchema, EventFormSchema, StorefrontFormSchema } from "~/modules/showrooms/storefront-schemas";
import { changeStorefrontStatus, createStorefront, StorefrontError } from "~/modules/showrooms/storefronts.server";
import { readPdf } from "../support/pdf-text";
import { setupTestDatabase, type TestDatabase } from "../support/database";
import { addMember, createManufacturer, createOrganization, createProduct, createUser } from "../support/inventory-core-fixtures";

/**
 * The park console on a real database: a manufacturer is featured only after it accepts and disappears at once when
 * it leaves (booth released); invitations reach each member in their own language; the operator's scope never reaches
 * a manufacturer's products or leads, and another operator's storefront is not found.
 */

let database: TestDatabase;
let operatorA: OperatorDb;
let operatorB: OperatorDb;
let operatorAId: string;
let operatorBId: string;
let makerId: string;
let otherMakerId: string;
let makerOwnerId: string;
let productId: string;
let productSlug: string;
let storefrontId: string;

const storefrontForm = (slug: string) =>
  StorefrontFormSchema.parse({
    slug,
    languages: ["pt", "zh"],
    name_pt: "Pavilhão de eletrodomésticos",
    name_zh: "家电馆",
    heroTitle_pt: "Veja e encomende",
    heroTitle_zh: "现场看样",
    addressLine1: "Huandao East Road 3000",
    city: "Zhuhai",
    countryCode: "CN",
    timeZone: "Asia/Shanghai",
    planWidth: "40",
    planHeight: "24",
    opens_1: "09:30",
    closes_1: "18:00",
  });

async function parkOperator(name: string) {
  const org = await unscopedDb.organization.create({ data: { kind: "PARK_OPERATOR", name, countryCode: "CN" } });
  const user = await createUser(undefined, `${name} owner`, "pt");
  await addMember(org.id, user.id, "OWNER");
  return { org, user };
}

beforeAll(async () => {
  database = await setupTestDatabase();
  const a = await parkOperator("Park A");
  const b = await parkOperator("Park B");
  operatorAId = a.org.id;
  operatorBId = b.org.id;
  operatorA = forStorefrontOperator(operatorAId);
  operatorB = forStorefrontOperator(operatorBId);

  const maker = await createManufacturer("Gree Test Appliances");
  makerId = maker.id;
  await unscopedDb.organization.update({ where: { id: makerId }, data: { verificationStatus: "VERIFIED", legalNameZh: "珠海测试家电有限公司" } });
  const owner = await createUser(undefined, "Chen", "zh");
  makerOwnerId = owner.id;
  await addMember(makerId, owner.id, "OWNER");
  const salesEs = await createUser(undefined, "Lucía", "es");
  await addMember(makerId, salesEs.id, "MEMBER");
  const { product } = await createProduct(makerId, ["GT-KETTLE-1"]);
  productId = product.id;
  productSlug = product.slug;
  await unscopedDb.product.update({ where: { id: productId }, data: { status: "PUBLISHED", publishedAt: new Date(), moq: 200, unitOfSale: "PIECE" } });
  await unscopedDb.productTranslation.createMany({
    data: [
      { organizationId: makerId, productId, locale: "zh", name: "不锈钢电热水壶" },
      { organizationId: makerId, productId, locale: "pt", name: "Chaleira elétrica de inox" },
      { organizationId: makerId, productId, locale: "es", name: "Hervidor eléctrico de acero" },
    ],
  });
  otherMakerId = (await createManufacturer("Other Maker")).id;

  storefrontId = (await createStorefront(operatorA, storefrontForm("hall-a"))).id;
  await saveBooth(operatorA, { id: storefrontId, planWidth: 40, planHeight: 24 }, BoothFormSchema.parse({ code: "a-01", x: "2", y: "2", width: "10", height: "8" }));
}, 240_000);
afterAll(() => database.cleanup());

describe("storefronts", () => {
  it("refuses a slug another storefront uses, with its own error", async () => {
    await expect(createStorefront(operatorB, storefrontForm("hall-a"))).rejects.toMatchObject({ code: "slugTaken" });
  });

  it("does not publish before a manufacturer has accepted", async () => {
    const error = await changeStorefrontStatus(operatorA, storefrontId, "publish").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorefrontError);
    expect((error as StorefrontError).detail.problems).toEqual([{ kind: "noManufacturer" }]);
  });

  it("refuses an overlapping booth and names the booth in the way", async () => {
    const error = await saveBooth(operatorA, { id: storefrontId, planWidth: 40, planHeight: 24 }, BoothFormSchema.parse({ code: "A-02", x: "8", y: "4", width: "6", height: "4" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BoothError);
    expect((error as BoothError).problem).toEqual({ kind: "overlap", code: "A-01" });
  });
});

describe("consent to be featured", () => {
  it("invites a manufacturer: each member is told in their own language, in-app and by email", async () => {
    expect((await searchManufacturers(operatorA, storefrontId, "gree", "pt")).map((m) => m.id)).toEqual([makerId]);
    await inviteManufacturer(operatorA, { storefrontId, manufacturerId: makerId, message: "欢迎参展", invitedById: makerOwnerId });
    const notices = await unscopedDb.notification.findMany({ where: { organizationId: makerId, kind: "showroom.invitation" }, select: { userId: true, title: true, body: true, href: true } });
    const chen = notices.find((n) => n.userId === makerOwnerId)!;
    expect(chen.title).toBe("家电馆 参展邀请");
    expect(chen.body).toContain("Park A");
    expect(chen.body).toContain("欢迎参展");
    expect(chen.href).toBe("/zh/showroom-invitations");
    const lucia = notices.find((n) => n.userId !== makerOwnerId)!;
    expect(lucia.title).toBe("Invitación a Pavilhão de eletrodomésticos");
    expect(lucia.href).toBe("/es/showroom-invitations");
    const emails = await unscopedDb.emailMessage.findMany({ where: { kind: "notification.showroom.invitation" }, select: { subject: true } });
    expect(emails.map((e) => e.subject).sort()).toEqual(["Invitación a Pavilhão de eletrodomésticos", "家电馆 参展邀请"].sort());
    // A second invitation while one is pending is refused.
    await expect(inviteManufacturer(operatorA, { storefrontId, manufacturerId: makerId, message: "", invitedById: makerOwnerId })).rejects.toBeInstanceOf(ParticipationError);
  });

  it("does not feature an invited manufacturer, nor let it be curated or given a booth", async () => {
    expect(await featuredManufacturerIds(storefrontId)).toEqual([]);
    const sectionId = await firstSection();
    await expect(addSectionItem(operatorA, storefrontId, { sectionId, manufacturerId: makerId, productId })).rejects.toMatchObject({ code: "notFeatured" });
    const [participation] = await listParticipations(operatorA, storefrontId, "pt");
    const booth = await operatorA.storefrontBooth.findFirstOrThrow({ where: { storefrontId, code: "A-01" } });
    await expect(assignBooth(operatorA, storefrontId, booth.id, participation!.id)).rejects.toMatchObject({ code: "notAccepted" });
  });

  it("features the manufacturer once it accepts, and the operator hears of it in its language", async () => {
    const [participation] = await listParticipations(operatorA, storefrontId, "pt");
    await answerParticipation(forOrganization(makerId), { participationId: participation!.id, answer: "accept", userId: makerOwnerId });
    expect(await featuredManufacturerIds(storefrontId)).toEqual([makerId]);
    const told = await unscopedDb.notification.findFirstOrThrow({ where: { organizationId: operatorAId, kind: "showroom.accept" } });
    expect(told.title).toBe("Gree Test Appliances aceitou");

    const sectionId = await firstSection();
    await addSectionItem(operatorA, storefrontId, { sectionId, manufacturerId: makerId, productId });
    await expect(addSectionItem(operatorA, storefrontId, { sectionId, manufacturerId: makerId, productId })).rejects.toBeInstanceOf(SectionError);
    const booth = await operatorA.storefrontBooth.findFirstOrThrow({ where: { storefrontId, code: "A-01" } });
    await assignBooth(operatorA, storefrontId, booth.id, participation!.id);
    expect(await changeStorefrontStatus(operatorA, storefrontId, "publish")).toBe("PUBLISHED");
  });

  it("prints QR labels with the product's name in Chinese, Portuguese and Spanish, the booth and the MOQ", async () => {
    const collected = (await collectLabels(operatorA, storefrontId))!;
    expect(collected.labels.map((l) => [l.kind, l.url])).toEqual([
      ["booth", "http://localhost:3000/q/hall-a/A-01".replace("http://localhost:3000", process.env.APP_URL ?? "http://localhost:3000")],
      ["product", `${process.env.APP_URL ?? "http://localhost:3000"}/q/hall-a/A-01/${productSlug}`],
    ]);
    const pdf = await qrLabelsPdf({ storefrontName: collected.storefront.name, labels: collected.labels, lang: "pt", operatorName: "Park A" });
    const { text } = readPdf(pdf);
    expect(text).toContain("不锈钢电热水壶");
    expect(text).toContain("Chaleira elétrica de inox");
    expect(text).toContain("Hervidor eléctrico de acero");
    expect(text).toContain("A-01");
    expect(text).toContain("起订量 200 件");
    expect(text).toContain("Pedido mín. 200 peças");
  });

  it("takes a manufacturer that leaves off the storefront at once and frees its booth", async () => {
    const [participation] = await listParticipations(operatorA, storefrontId, "pt");
    await answerParticipation(forOrganization(makerId), { participationId: participation!.id, answer: "leave", userId: makerOwnerId });
    expect(await featuredManufacturerIds(storefrontId)).toEqual([]);
    const booth = await operatorA.storefrontBooth.findFirstOrThrow({ where: { storefrontId, code: "A-01" } });
    expect(booth.participationId).toBeNull();
    const [section] = await listSections(operatorA, storefrontId, "pt", ["pt"]);
    expect(section!.items.map((i) => [i.shown, i.hiddenBecause])).toEqual([[false, "notFeatured"]]);
    expect((await collectLabels(operatorA, storefrontId))!.labels.map((l) => l.kind)).toEqual(["booth"]);
  });

  it("lets the operator re-invite, then withdraw an invitation still pending", async () => {
    const { id } = await inviteManufacturer(operatorA, { storefrontId, manufacturerId: makerId, message: "", invitedById: makerOwnerId });
    await withdrawInvitation(operatorA, storefrontId, id);
    const [participation] = await listParticipations(operatorA, storefrontId, "pt");
    expect(participation!.status).toBe("WITHDRAWN");
    await expect(answerParticipation(forOrganization(makerId), { participationId: id, answer: "accept", userId: makerOwnerId })).rejects.toMatchObject({ code: "notPending" });
  });
});

describe("the operator's scope", () => {
  it("never reads or edits a manufacturer's products", async () => {
    await expect(operatorA.product.findMany({ where: { organizationId: makerId } })).rejects.toBeInstanceOf(OperatorScopeError);
    await expect(operatorA.product.update({ where: { id: productId }, data: { moq: 1 } })).rejects.toBeInstanceOf(OperatorScopeError);
    await expect(operatorA.productTranslation.updateMany({ where: { productId }, data: { name: "x" } })).rejects.toBeInstanceOf(OperatorScopeError);
    // Nor through a shared row's relation (an organization's products).
    await expect(operatorA.organization.findUnique({ where: { id: makerId }, include: { products: true } })).resolves.toMatchObject({ products: [] });
    expect((await unscopedDb.product.findUniqueOrThrow({ where: { id: productId } })).moq).toBe(200);
  });

  it("never reads a manufacturer's leads", async () => {
    await unscopedDb.showroomLead.create({ data: { organizationId: makerId, storefrontId, kind: "contact", locale: "es", userId: makerOwnerId, name: "Visitor" } });
    await expect(operatorA.showroomLead.findMany({})).rejects.toBeInstanceOf(OperatorScopeError);
    await expect(operatorA.showroomLeadReply.findMany({})).rejects.toBeInstanceOf(OperatorScopeError);
  });

  it("cannot answer for the manufacturer", async () => {
    const [participation] = await listParticipations(operatorA, storefrontId, "pt");
    await expect(operatorA.storefrontParticipation.update({ where: { id: participation!.id }, data: { status: "ACCEPTED" } })).rejects.toBeInstanceOf(OperatorScopeError);
    await expect(operatorA.storefrontParticipation.deleteMany({ where: { id: participation!.id } })).rejects.toBeInstanceOf(OperatorScopeError);
  });

  it("finds nothing of another operator's storefront", async () => {
    const missing = await requireOwnStorefront({ operator: operatorB }, storefrontId).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Response);
    expect((missing as Response).status).toBe(404);
    expect(await operatorB.storefrontParticipation.findMany({ where: { storefrontId } })).toEqual([]);
    expect(await operatorB.storefrontBooth.findMany({ where: { storefrontId } })).toEqual([]);
    await expect(operatorB.storefrontParticipation.create({ data: { storefrontId, organizationId: otherMakerId } })).rejects.toBeInstanceOf(OperatorScopeError);
    const { count } = await operatorB.storefront.updateMany({ where: { id: storefrontId }, data: { status: "ARCHIVED" } });
    expect(count).toBe(0);
    expect(operatorBId).not.toBe(operatorAId);
  });
});

describe("events", () => {
  it("cancels an event and tells each registrant in their language", async () => {
    const eventId = await saveEvent(
      operatorA,
      storefrontId,
      EventFormSchema.parse({ kind: "BUYER_DELEGATION", title_pt: "Missão de compradores", title_es: "Misión de compradores", date: "2030-03-10", startTime: "09:30", endTime: "14:00", timeZone: "Asia/Shanghai", language: "pt", capacity: "2" }),
    );
    const event = await unscopedDb.showroomEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.startsAt.toISOString()).toBe("2030-03-10T01:30:00.000Z");
    const buyer = await createOrganization("BUYER", "Azteca Test");
    const luis = await createUser(undefined, "Luis", "es");
    await addMember(buyer.id, luis.id, "OWNER");
    await unscopedDb.showroomEventRegistration.create({ data: { organizationId: operatorAId, buyerOrganizationId: buyer.id, eventId, userId: luis.id, status: "REGISTERED" } });
    const result = await cancelEvent(operatorA, storefrontId, eventId);
    expect(result.notifications).toBe(1);
    const notice = await unscopedDb.notification.findFirstOrThrow({ where: { userId: luis.id, kind: "showroom.event_cancelled" } });
    expect(notice.title).toBe("Cancelado: Misión de compradores");
    expect(notice.organizationId).toBe(buyer.id);
    await expect(cancelEvent(operatorA, storefrontId, eventId)).rejects.toMatchObject({ code: "cancelled" });
  });
});

async function firstSection(): Promise<string> {
  const existing = await operatorA.storefrontSection.findFirst({ where: { storefrontId }, select: { id: true } });
  if (existing) return existing.id;
  await saveSection(operatorA, storefrontId, { title: { pt: "Cozinha", zh: "厨房" } });
  return (await operatorA.storefrontSection.findFirstOrThrow({ where: { storefrontId }, select: { id: true } })).id;
}
