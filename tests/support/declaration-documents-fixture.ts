import type { DeclarationDocuments, DeclarationLine } from "~/modules/export-agency/declaration-documents";

/** A declaration's documents as gatherDeclarationDocuments returns them: a 9710 order of two lines to `country`. */
export function sampleDocuments(country = "BR", overrides: { lines?: DeclarationLine[]; incoterm?: string | null } = {}): DeclarationDocuments {
  const lines: DeclarationLine[] = overrides.lines ?? [
    line(1, { sku: "AF-5L", names: { en: "Air fryer 5 L", zh: "空气炸锅 5 升", pt: "Fritadeira sem óleo 5 L", es: "Freidora de aire 5 L" }, itemName: "空气炸锅", hsCode: "8516609000", quantity: 12, unitPriceMinor: 3_450n, netWeightG: 48_000, grossWeightG: 54_600 }),
    line(2, { sku: "KT-17", names: { en: "Electric kettle 1.7 L", zh: "电热水壶 1.7 升", pt: "Chaleira elétrica 1,7 L", es: "Hervidor eléctrico 1,7 L" }, itemName: "电热水壶", hsCode: "8516710000", quantity: 30, unitPriceMinor: 1_199n, netWeightG: 36_150, grossWeightG: 41_250 }),
  ];
  const goods = lines.reduce((sum, l) => sum + l.totalMinor, 0n);
  return {
    declaration: { id: "0190a1b2-0000-7000-8000-000000000001", number: "DEC-2026-000042", guid: "0190A1B2-0000-7000-8000-0000000000AA", version: 1, mode: "B2B_DIRECT_9710", status: "DRAFT", destinationCountry: country, currencyCode: "USD", customsOfficeCode: "5710", portCode: "", createdAt: new Date("2026-11-20T08:30:00Z") },
    agency: { code: "91440400MA4PNT0019", name: "Zhuhai Ponte Trade Services Co., Ltd.", nameZh: "珠海桥贸服务有限公司", countryCode: "CN", address: ["横琴新区环岛东路 1 号", "519031 Zhuhai"], taxId: "91440400MA4PNT0019" },
    exporter: { code: "91440400MA4TEST01X", name: "Zhuhai Gree-Lux Home Appliances Co., Ltd.", nameZh: "珠海格力乐家电有限公司", countryCode: "CN", address: ["金湾区红旗镇 88 号", "519090 珠海 Zhuhai"], taxId: "91440400MA4TEST01X" },
    consignee: { code: "", name: "Comprador Teste Ltda", nameZh: null, countryCode: country, address: ["Rua Teste 1", "01310-100 São Paulo", "SP"], taxId: "12.345.678/0001-95" },
    order: { number: "PO-2026-000042", orderType: "B", currencyCode: "USD", goodsValueMinor: goods, freightMinor: 8_800n, incoterm: overrides.incoterm === undefined ? "DDP" : overrides.incoterm, placedAt: new Date("2026-11-18T10:00:00Z"), lines: lines.map(({ position, sku, names, quantity, unitPriceMinor, totalMinor }) => ({ position, sku, names, quantity, unitPriceMinor, totalMinor })), href: "/orders/PO-2026-000042" },
    receipt: null,
    waybill: { logisticsCode: "4403980001", logisticsName: "Cainiao Air", logisticsNo: "784-76543213", transportMode: "AIR", containerNumber: null, freightMinor: 7_000n, insuredFeeMinor: 0n, currencyCode: "USD", grossWeightG: 95_850, packages: 5, href: "/agency/declarations/DEC-2026-000042#waybill" },
    lines,
    packing: { grossWeightG: lines.reduce((s, l) => s + l.grossWeightG, 0), netWeightG: lines.reduce((s, l) => s + l.netWeightG, 0), packages: 5 },
  };
}

export function line(position: number, values: Partial<DeclarationLine> & { quantity: number; unitPriceMinor: bigint }): DeclarationLine {
  return {
    position,
    sku: `SKU-${position}`,
    names: { en: `Item ${position}`, zh: `货物 ${position}` },
    itemName: `货物 ${position}`,
    hsCode: "8516609000",
    unitCode: "007",
    netWeightG: 1_000,
    grossWeightG: 1_200,
    originCountry: "CN",
    totalMinor: values.unitPriceMinor * BigInt(values.quantity),
    ...values,
  };
}
