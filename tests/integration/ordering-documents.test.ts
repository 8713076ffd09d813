import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "~/generated/prisma/client";
import { forOrganization, unscopedDb } from "~/modules/db/index.server";
import { invoiceNumber, lineName, orderDocumentResponse, renderOrderDocument, type OrderDocumentKind } from "~/modules/ordering/documents.server";
import { seedPlatformBankAccounts } from "~/modules/payments/bank-transfer-accounts.server";
import { createUserSession } from "~/modules/tenancy/session.server";
import { withTestDatabase } from "../support/database";
import { addMember, createOrganization, createUser } from "../support/inventory-core-fixtures";
import { createOrderWorld, createPlacedOrder, type OrderWorld } from "../support/order-fixtures";
import { readPdf } from "../support/pdf-text";

withTestDatabase();

let world: OrderWorld;
let order: Order;
const users = {} as Record<"zhBuyer" | "ptBuyer" | "maker" | "outsider", string>;

beforeAll(async () => {
  await seedPlatformBankAccounts();
  world = await createOrderWorld();
  // Profiles as filed: the manufacturer's Chinese and Latin legal names; the platform (seller of record).
  await unscopedDb.organization.update({ where: { id: world.makerId }, data: { name: "Gree-Lux Test", legalNameZh: "珠海格力乐家电有限公司", legalNameLatin: "Zhuhai Gree-Lux Home Appliances Co., Ltd.", addressLine1: "金湾区红旗镇 88 号", city: "珠海 Zhuhai", postalCode: "519090", taxId: "91440400MA4TEST01X" } });
  await unscopedDb.organization.update({ where: { id: world.platformId }, data: { legalNameZh: "珠海桥贸服务有限公司", legalNameLatin: "Zhuhai Ponte Trade Services Co., Ltd.", taxId: "91440400MA4PNT0019" } });
  users.zhBuyer = (await createUser(undefined, "李雷", "zh")).id;
  users.ptBuyer = (await createUser(undefined, "Ana", "pt")).id;
  users.maker = (await createUser(undefined, "Wang", "zh")).id;
  users.outsider = (await createUser(undefined, "Out", "en")).id;
  await addMember(world.buyerId, users.zhBuyer, "OWNER");
  await addMember(world.buyerId, users.ptBuyer, "MEMBER");
  await addMember(world.makerId, users.maker, "OWNER");
  await addMember((await createOrganization("BUYER")).id, users.outsider, "OWNER");
  order = await createPlacedOrder(world, [3, 2]);
  // Placed by the Chinese-speaking member of the buyer: the documents are in Chinese, whoever downloads them.
  order = await unscopedDb.order.update({ where: { id: order.id }, data: { placedById: users.zhBuyer, poNumber: "PO-CLIENTE-77" } });
  await unscopedDb.orderLine.updateMany({ where: { orderId: order.id }, data: { names: { en: "Air fryer 5 L", zh: "空气炸锅 5 升", pt: "Fritadeira sem óleo 5 L" } } });
});

async function requestAs(userId: string, path: string) {
  const cookie = (await createUserSession(userId, new Request("http://localhost/"))).split(";")[0]!;
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

/** What the routes /{lang}/orders/$number/{kind}.pdf answer this user. */
async function call(kind: OrderDocumentKind, userId: string, lang: "pt" | "es" | "zh" | "en", number: string): Promise<Response> {
  const request = await requestAs(userId, `/${lang}/orders/${number}/${kind}.pdf`);
  try {
    return await orderDocumentResponse(request, lang, number, kind);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the pro-forma invoice", () => {
  it("is a PDF in the buyer's language with the Chinese font embedded, both companies, the lines, totals and the T/T details", async () => {
    const response = await call("proforma", users.maker, "zh", order.number);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`形式发票-${order.number}.pdf`)}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = readPdf(bytes);
    // pdfkit embeds a subset ("ABCDEF+NotoSansSC-Regular"): the CJK font is in the file.
    expect(pdf.fonts.some((f) => /\+NotoSansSC-Regular$/.test(f))).toBe(true);
    expect(pdf.fonts.some((f) => /\+NotoSansSC-Bold$/.test(f))).toBe(true);
    expect(pdf.info).toContain(order.number);
    const text = pdf.text;
    expect(text).toContain("形式发票");
    expect(text).toContain(order.number);
    expect(text).toContain("PO-CLIENTE-77");
    expect(text).toContain("珠海格力乐家电有限公司");
    expect(text).toContain("Zhuhai Gree-Lux Home Appliances Co., Ltd.");
    expect(text).toContain("税号：91440400MA4TEST01X");
    // The seller of record is the platform's export agency (the bank account's beneficiary).
    expect(text).toContain("Ponte Export Agency (Zhuhai) Co., Ltd.");
    expect(text).toContain("Comprador Teste Ltda");
    expect(text).toContain("税号：12.345.678/0001-95");
    expect(text).toContain("Rua Teste 1");
    expect(text).toContain("DDP São Paulo");
    // Lines: the name in the buyer's language, the HS code, quantities, prices in the manufacturer's currency.
    expect(text).toContain("空气炸锅 5 升");
    expect(text).toContain("8516.79");
    expect(text).toContain(world.variants[0]!.sku);
    expect(text).toMatch(/¥\s?10\.00|CN¥\s?10\.00/);
    expect(text).toMatch(/¥\s?50\.00|CN¥\s?50\.00/);
    // The buyer's currency total, and the locked rate with its date (2026-12-04).
    expect(text).toContain("R$37.50");
    expect(text).toContain("1 CNY = 0.75 BRL");
    expect(text).toContain("2026年12月4日");
    // T/T: the platform's BRL account and the order's reference.
    expect(text).toContain("Banco do Brasil");
    expect(text).toContain(order.bankReference);
    expect(text).toContain("第 1 页，共 1 页");
  });

  it("is in Portuguese for a buyer whose member placed it in Portuguese", async () => {
    await unscopedDb.order.update({ where: { id: order.id }, data: { placedById: users.ptBuyer } });
    try {
      const document = await renderOrderDocument(forOrganization(world.buyerId), order.id, "proforma");
      const text = readPdf(document!.bytes).text;
      expect(document!.fileName).toBe(`fatura-pro-forma-${order.number}.pdf`);
      expect(text).toContain("Fatura pro forma");
      expect(text).toContain("Fritadeira sem óleo 5 L");
      expect(text).toContain("R$ 37,50");
      expect(text).toContain("4 de dezembro de 2026");
      expect(text).toContain("Transferência bancária (T/T) para:");
    } finally {
      await unscopedDb.order.update({ where: { id: order.id }, data: { placedById: users.zhBuyer } });
    }
  });

  it("is not found for someone who is neither party, or for an order that does not exist", async () => {
    expect((await call("proforma", users.outsider, "en", order.number)).status).toBe(404);
    expect((await call("proforma", users.zhBuyer, "en", "PO-2026-999999")).status).toBe(404);
    expect((await call("proforma", users.zhBuyer, "en", "../etc")).status).toBe(404);
    expect((await call("proforma", users.zhBuyer, "en", order.number)).status).toBe(200);
  });
});

describe("the commercial invoice", () => {
  it("does not exist before the order is paid, then carries the invoice number and says it is paid", async () => {
    expect((await call("invoice", users.zhBuyer, "zh", order.number)).status).toBe(404);
    const paidAt = new Date(Date.UTC(2026, 11, 5, 10));
    await unscopedDb.order.update({ where: { id: order.id }, data: { status: "AWAITING_PAYMENT" } });
    await unscopedDb.order.update({ where: { id: order.id }, data: { status: "PAID", paidMinor: order.buyerTotalMinor, paidAt, paymentMethod: "BANK_TRANSFER" } });

    const response = await call("invoice", users.maker, "pt", order.number);
    expect(response.status).toBe(200);
    const pdf = readPdf(Buffer.from(await response.arrayBuffer()));
    expect(pdf.fonts.some((f) => /\+NotoSansSC-Regular$/.test(f))).toBe(true);
    expect(pdf.text).toContain("商业发票");
    expect(pdf.text).toContain(invoiceNumber(order.number));
    expect(pdf.text).toContain(order.number);
    expect(pdf.text).toContain("已于 2026年12月5日 全额付款。");
    expect(pdf.text).toContain("Ponte Export Agency (Zhuhai) Co., Ltd. 作为出口经营者");
    // Paid: no bank details are asked for any more.
    expect(pdf.text).not.toContain("Banco do Brasil");
    expect((await call("invoice", users.outsider, "zh", order.number)).status).toBe(404);
  });

  it("exists on terms before payment, with the due date and the transfer details", async () => {
    const onTerms = await createPlacedOrder(world, [4], { paymentMethod: "TERMS" });
    await unscopedDb.order.update({ where: { id: onTerms.id }, data: { status: "IN_FULFILMENT", paymentDueOn: new Date(Date.UTC(2027, 0, 3)), placedAt: new Date(Date.UTC(2026, 11, 4, 12)), placedById: users.ptBuyer } });
    const document = await renderOrderDocument(forOrganization(world.makerId), onTerms.id, "invoice");
    const text = readPdf(document!.bytes).text;
    expect(text).toContain("Prazo de 30 dias: vence em 3 de janeiro de 2027.");
    expect(text).toContain(onTerms.bankReference);
    expect(text).toContain("Banco do Brasil");
  });
});

describe("a long order", () => {
  it("runs over pages without breaking a row, repeats the table header, and numbers every page", async () => {
    // 15 to 22 lines put the bank details right at the foot of the first or second page (a layout that once spilled
    // onto eight pages): each must still take at most two.
    const big = await createOrderWorld(1000);
    for (let lines = 15; lines <= 22; lines += 1) {
      const long = await createPlacedOrder(big, Array.from({ length: lines }, () => 1), { paymentMethod: "BANK_TRANSFER" });
      await unscopedDb.order.update({ where: { id: long.id }, data: { placedById: users.ptBuyer } });
      const text = readPdf((await renderOrderDocument(forOrganization(big.buyerId), long.id, "proforma"))!.bytes).text;
      const pages = Number(/Página 1 de (\d+)/.exec(text)?.[1]);
      expect({ lines, pages }).toEqual({ lines, pages: 2 });
      expect(text).toContain(long.bankReference);
    }
    // Lines that run onto the next page come under the table's header again.
    const longest = await createPlacedOrder(big, Array.from({ length: 40 }, () => 1));
    await unscopedDb.order.update({ where: { id: longest.id }, data: { placedById: users.ptBuyer } });
    const text = readPdf((await renderOrderDocument(forOrganization(big.buyerId), longest.id, "proforma"))!.bytes).text;
    expect(text.split("\n").filter((line) => line === "Código SH")).toHaveLength(2);
    expect(text).toContain("Página 2 de 2");
  });
});

describe("line names", () => {
  it("fall back to English, then to any language given", () => {
    expect(lineName({ en: "Fryer", zh: "炸锅" }, "pt")).toBe("Fryer");
    expect(lineName({ zh: "炸锅" }, "es")).toBe("炸锅");
    expect(lineName({ es: "Freidora", en: "Fryer" }, "es")).toBe("Freidora");
    expect(lineName(null, "es")).toBe("");
  });
});
