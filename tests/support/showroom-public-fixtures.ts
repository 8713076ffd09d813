import { randomBytes } from "node:crypto";
import { unscopedDb } from "~/modules/db/index.server";
import { createManufacturer, createProduct } from "./inventory-core-fixtures";

/** A park operator, a published storefront with two booths, and two manufacturers (one ACCEPTED, one only INVITED). */
export async function createShowroomWorld() {
  const tag = randomBytes(3).toString("hex");
  const operator = await unscopedDb.organization.create({ data: { kind: "PARK_OPERATOR", name: `Park ${tag}`, countryCode: "CN" } });
  const accepted = await createManufacturer(`Accepted Maker ${tag}`);
  const invited = await createManufacturer(`Invited Maker ${tag}`);
  const publish = async (organizationId: string) => {
    const { product } = await createProduct(organizationId, ["SKU"]);
    return unscopedDb.product.update({ where: { id: product.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  };
  const shown = await publish(accepted.id);
  const hiddenDraft = (await createProduct(accepted.id, ["DRAFT"])).product;
  const notConsented = await publish(invited.id);
  const storefront = await unscopedDb.storefront.create({
    data: {
      organizationId: operator.id,
      slug: `hall-${tag}`,
      status: "PUBLISHED",
      publishedAt: new Date(),
      languages: ["pt", "zh"],
      name: { pt: "Pavilhão de eletrodomésticos", zh: "家电馆" },
      heroTitle: { pt: "Veja de perto" },
      heroText: { zh: "珠海制造" },
      addressLine1: "Rua Hengqin 1",
      city: "Zhuhai",
      countryCode: "CN",
      timeZone: "Asia/Shanghai",
      openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], opens: "00:00", closes: "23:59" }],
    },
  });
  const draft = await unscopedDb.storefront.create({
    data: { organizationId: operator.id, slug: `draft-${tag}`, status: "DRAFT", languages: ["pt"], name: { pt: "Rascunho" }, addressLine1: "Rua 2", city: "Zhuhai", countryCode: "CN" },
  });
  const acceptedParticipation = await unscopedDb.storefrontParticipation.create({ data: { organizationId: accepted.id, storefrontId: storefront.id, status: "ACCEPTED", respondedAt: new Date() } });
  const invitedParticipation = await unscopedDb.storefrontParticipation.create({ data: { organizationId: invited.id, storefrontId: storefront.id, status: "INVITED" } });
  const boothA = await unscopedDb.storefrontBooth.create({ data: { organizationId: operator.id, storefrontId: storefront.id, code: "A-12", x: 1, y: 1, width: 4, height: 3, participationId: acceptedParticipation.id } });
  const boothB = await unscopedDb.storefrontBooth.create({ data: { organizationId: operator.id, storefrontId: storefront.id, code: "B-01", x: 6, y: 1, width: 4, height: 3, participationId: invitedParticipation.id } });
  const section = await unscopedDb.storefrontSection.create({ data: { organizationId: operator.id, storefrontId: storefront.id, position: 0, title: { pt: "Destaques", zh: "精选" } } });
  await unscopedDb.storefrontSectionItem.createMany({
    data: [
      { organizationId: operator.id, sectionId: section.id, manufacturerOrganizationId: accepted.id, productId: shown.id, position: 0 },
      { organizationId: operator.id, sectionId: section.id, manufacturerOrganizationId: accepted.id, productId: hiddenDraft.id, position: 1 },
      { organizationId: operator.id, sectionId: section.id, manufacturerOrganizationId: invited.id, productId: notConsented.id, position: 2 },
      { organizationId: operator.id, sectionId: section.id, manufacturerOrganizationId: invited.id, productId: null, position: 3 },
    ],
  });
  return { tag, operator, accepted, invited, shown, hiddenDraft, notConsented, storefront, draft, acceptedParticipation, invitedParticipation, boothA, boothB, section };
}

export type ShowroomWorld = Awaited<ReturnType<typeof createShowroomWorld>>;
