import { beforeAll, describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { ensureOrderDeclaration, gatherDeclarationDocuments } from "~/modules/export-agency/declarations.server";
import { declarationOrigin, exactAmount, exportDocumentResponse, invoiceSums, kilograms, type ExportDocumentKind } from "~/modules/export-agency/export-documents.server";
import type { DeclarationDocuments } from "~/modules/export-agency/declaration-documents";
import type { Lang } from "~/modules/i18n/config";
import { CURRENCIES } from "~/modules/money/currencies";
import { createUserSession } from "~/modules/tenancy/session.server";
import { withTestDatabase } from "../support/database";
import { addMember, createManufacturer, createUser } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { readPdf } from "../support/pdf-text";

/**
 * The export pack's PDFs as their routes answer them: who may download (the agent, the owning manufacturer; another
 * manufacturer, a buyer: 404), the labels in Chinese, English and the buyer's language, and that what they print is
 * what the declaration says (lines, HS codes, exact amounts and totals, weights, packages, waybill).
 */

withTestDatabase();

let world: OrderWorld;
const users = {} as Record<"agent" | "maker" | "otherMaker" | "buyer", string>;
const CNY = CURRENCIES.find((c) => c.code === "CNY")!;

/** A paid Zhuhai order of `quantities` with its 9710 declaration and the forwarder's waybill typed in. */
async function declaredOrder(quantities: number[], destinationCountry?: string) {
  const order = await createPlacedOrder(world, quantities);
  await unscopedDb.order.update({ where: { id: order.id }, data: { source: "ORIGIN", status: "PAID", shippingMinor: 1_250n, totalMinor: order.subtotalMinor + 1_250n } });
  const ensured = await unscopedDb.$transaction((tx) => ensureOrderDeclaration(tx, order.id));
  if (!ensured) throw new Error("no declaration");
  await unscopedDb.exportDeclaration.update({
    where: { id: ensured.id },
    data: { logisticsCode: "4404980001", logisticsName: "珠海航空货运", logisticsNo: "784-76543213", transportMode: "AIR", waybillGrossWeightG: 6_000, waybillPackages: 2, portCode: "5710", ...(destinationCountry ? { destinationCountry } : {}) },
  });
  const documents = await gatherDeclarationDocuments(unscopedDb, ensured.id);
  if (!documents) throw new Error("no documents");
  return { order: await unscopedDb.order.findUniqueOrThrow({ where: { id: order.id } }), number: ensured.number, documents };
}

async function call(kind: ExportDocumentKind, userId: string, lang: Lang, number: string): Promise<Response> {
  const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
  const path = `/${lang}/agency/declarations/${number}/${kind === "invoice" ? "commercial-invoice" : "packing-list"}.pdf`;
  try {
    return await exportDocumentResponse(new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), lang, number, kind);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function pdfText(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const pdf = readPdf(bytes);
  expect(pdf.fonts.some((f) => /\+NotoSansSC-Regular$/.test(f))).toBe(true);
  return pdf.text;
}

/** The text with the line breaks of wrapped cells taken out (pdfkit keeps the space before a break). */
const unwrap = (text: string) => text.replace(/\n/g, "");

const lineTotal = (documents: DeclarationDocuments) => documents.lines.reduce((sum, l) => sum + l.totalMinor, 0n);

beforeAll(async () => {
  world = await createOrderWorld(100, ["EXD-A", "EXD-B"]);
  await unscopedDb.organization.update({ where: { id: world.platformId }, data: { taxId: "91440400MA4PNT0019", legalNameZh: "珠海桥贸服务有限公司", legalNameLatin: "Zhuhai Ponte Trade Services Co., Ltd.", addressLine1: "横琴新区环岛东路 1 号", city: "Zhuhai" } });
  await unscopedDb.organization.update({ where: { id: world.makerId }, data: { taxId: "91440400MA4TEST01X", legalNameZh: "珠海格力乐家电有限公司", legalNameLatin: "Zhuhai Gree-Lux Home Appliances Co., Ltd.", addressLine1: "金湾区红旗镇 88 号", city: "Zhuhai" } });
  await unscopedDb.organization.update({ where: { id: world.buyerId }, data: { legalNameLatin: "Comprador Teste Ltda", addressLine1: "Rua Teste 1", city: "São Paulo", countryCode: "BR" } });
  const products = [...new Set(world.variants.map((v) => v.productId))];
  await unscopedDb.product.updateMany({ where: { id: { in: products } }, data: { hsCodeCn: "8516790000" } });
  for (const [i, productId] of products.entries()) {
    await unscopedDb.productTranslation.createMany({
      data: [
        { organizationId: world.makerId, productId, locale: "zh", name: `电热水壶 ${i + 1}` },
        { organizationId: world.makerId, productId, locale: "pt", name: `Chaleira elétrica ${i + 1}` },
      ],
    });
  }
  await unscopedDb.productVariant.updateMany({ where: { id: world.variants[0]!.id }, data: { netWeightG: 1_050, grossWeightG: 1_375 } });
  await unscopedDb.productVariant.updateMany({ where: { id: world.variants[1]!.id }, data: { netWeightG: 2_200, grossWeightG: 2_640 } });

  users.agent = (await createUser(undefined, "Agent", "zh")).id;
  await addMember(world.platformId, users.agent, "ADMIN");
  users.maker = (await createUser(undefined, "Maker", "zh")).id;
  await addMember(world.makerId, users.maker, "OWNER");
  users.otherMaker = (await createUser(undefined, "Other maker", "pt")).id;
  await addMember((await createManufacturer()).id, users.otherMaker, "OWNER");
  users.buyer = (await createUser(undefined, "Buyer", "pt")).id;
  await addMember(world.buyerId, users.buyer, "OWNER");
});

describe("the commercial invoice", () => {
  it("is labelled in Chinese, English and Portuguese for Brazil, with the declaration's lines, HS codes and exact amounts", async () => {
    const { order, number, documents } = await declaredOrder([3, 2]);
    const response = await call("invoice", users.agent, "zh", number);
    expect(response.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`商业发票-${number}.pdf`)}`);
    const text = await pdfText(response);
    for (const label of ["商业发票", "Commercial invoice", "Fatura comercial", "发票总额", "Invoice total", "Total da fatura", "商品编码", "HS code", "Código SH"]) expect(unwrap(text)).toContain(label);
    expect(text).toContain(number);
    expect(text).toContain(order.number);
    expect(text).toContain(`INV-${order.number.slice(3)}`);
    expect(text).toContain("784-76543213");
    expect(text).toContain("DDP São Paulo (Incoterms® 2020)");
    expect(text).toContain("珠海格力乐家电有限公司");
    expect(text).toContain("Comprador Teste Ltda");
    expect(documents.lines).toHaveLength(2);
    // A cell may wrap a long SKU onto two lines.
    const flat = unwrap(text);
    for (const line of documents.lines) {
      expect(flat).toContain(line.sku);
      expect(text).toContain(line.itemName);
      expect(text).toContain("8516.79.0000");
      expect(text).toContain(exactAmount(line.unitPriceMinor, CNY));
      expect(text).toContain(exactAmount(line.totalMinor, CNY));
    }
    // The totals are the declaration's: its lines' sum, plus the freight the order charges, equal to the order's total.
    const sums = invoiceSums(documents);
    expect(sums.goodsMinor).toBe(lineTotal(documents));
    expect(sums.goodsMinor).toBe(order.subtotalMinor);
    expect(sums.totalMinor).toBe(order.totalMinor);
    expect(text).toContain(exactAmount(sums.goodsMinor, CNY));
    expect(text).toContain(exactAmount(1_250n, CNY));
    expect(text).toContain(exactAmount(order.totalMinor, CNY));
    // Brazil has no FTA with China: a plain, non-preferential origin statement, in each language.
    expect(declarationOrigin(documents).kind).toBe("statement");
    expect(text).toContain("non-preferential origin of the People's Republic of China");
    expect(text).toContain("origem não preferencial");
    expect(text).toContain("非优惠原产货物");
    expect(text).not.toContain("preferential origin under");
  });

  it("for Chile it is in Spanish besides Chinese and English, and points to the Form F certificate", async () => {
    const { number, documents } = await declaredOrder([1, 1], "CL");
    const text = await pdfText(await call("invoice", users.maker, "es", number));
    for (const label of ["商业发票", "Commercial invoice", "Factura comercial", "智利 / Chile"]) expect(text).toContain(label);
    expect(text).not.toContain("Fatura comercial");
    expect(text).toContain("(Form F)");
    const origin = declarationOrigin(documents);
    expect(origin.kind === "preferential" && origin.fields.items.map((i) => i.hs6)).toEqual(["851679", "851679"]);
  });
});

describe("the packing list", () => {
  it("prints each line's weights in kg and the totals of the declaration, with the packages", async () => {
    const { number, documents } = await declaredOrder([4, 3]);
    const response = await call("packing", users.maker, "pt", number);
    expect(response.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`romaneio-${number}.pdf`)}`);
    const text = await pdfText(response);
    for (const label of ["装箱单", "Packing list", "Romaneio de carga", "毛重（千克）", "Gross weight (kg)", "Peso bruto (kg)", "件数", "Packages", "Volumes"]) expect(unwrap(text)).toContain(label);
    // 4 × 1.375 kg and 3 × 2.640 kg gross; 4 × 1.050 and 3 × 2.200 net.
    expect(documents.lines.map((l) => [l.grossWeightG, l.netWeightG])).toEqual([
      [5_500, 4_200],
      [7_920, 6_600],
    ]);
    for (const line of documents.lines) {
      expect(text).toContain(kilograms(line.grossWeightG));
      expect(text).toContain(kilograms(line.netWeightG));
    }
    expect(documents.packing.grossWeightG).toBe(13_420);
    expect(documents.packing.netWeightG).toBe(10_800);
    expect(text).toContain("13.420");
    expect(text).toContain("10.800");
    expect(text).toContain(`\n${documents.packing.packages}\n`);
    expect(text).not.toContain("CNY");
  });
});

describe("who may download", () => {
  it("another manufacturer, the buyer and an unknown number get 404; the agent and the owner get the PDF", async () => {
    const { number } = await declaredOrder([1, 1]);
    for (const kind of ["invoice", "packing"] as const) {
      expect((await call(kind, users.otherMaker, "pt", number)).status).toBe(404);
      expect((await call(kind, users.buyer, "pt", number)).status).toBe(404);
      expect((await call(kind, users.agent, "en", "DEC-2026-999999")).status).toBe(404);
      expect((await call(kind, users.agent, "en", "not-a-number")).status).toBe(404);
      expect((await call(kind, users.agent, "en", number)).status).toBe(200);
      expect((await call(kind, users.maker, "en", number)).status).toBe(200);
    }
  });
});
