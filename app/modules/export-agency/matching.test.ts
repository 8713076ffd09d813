import { describe, expect, it } from "vitest";
import type { DeclarationDocuments } from "./declaration-documents";
import { kilograms, matchDocuments, type MismatchCode } from "./matching";

const SELF = "/agency/declarations/DEC-2026-000001";

/** A 9710 whose four documents agree: 10 kettles at 85.00 + 4 fans at 120.50 CNY, freight 300.00, paid in full. */
function clean(): DeclarationDocuments {
  const lines = [
    { position: 1, sku: "KET-220", names: { zh: "电热水壶" }, quantity: 10, unitPriceMinor: 8500n, totalMinor: 85000n },
    { position: 2, sku: "FAN-40", names: { zh: "落地扇" }, quantity: 4, unitPriceMinor: 12050n, totalMinor: 48200n },
  ];
  return {
    declaration: { id: "d1", number: "DEC-2026-000001", guid: "0A1B2C3D-0000-4000-8000-000000000001", version: 1, mode: "B2B_DIRECT_9710", status: "DRAFT", destinationCountry: "BR", currencyCode: "CNY", customsOfficeCode: "5710", portCode: "5710", createdAt: new Date("2026-12-01T00:00:00Z") },
    agency: { code: "91110000100010433L", name: "Ponte Agency", nameZh: "彭特代理", countryCode: "CN", address: [], taxId: "91110000100010433L" },
    exporter: { code: "91350100M000100Y43", name: "Zhuhai Kettles", nameZh: "珠海水壶", countryCode: "CN", address: [], taxId: "91350100M000100Y43" },
    consignee: { code: "", name: "Loja SP", nameZh: null, countryCode: "BR", address: [], taxId: null },
    order: { number: "PO-2026-000123", orderType: "B", currencyCode: "CNY", goodsValueMinor: 133200n, freightMinor: 30000n, incoterm: "FOB", placedAt: new Date("2026-11-30T00:00:00Z"), lines, href: "/orders/PO-2026-000123" },
    receipt: { payNo: "pi_1", payerName: "Loja SP", currencyCode: "CNY", chargeMinor: 163200n, chargeInOrderCurrencyMinor: 163200n, accountingDate: new Date("2026-12-01T00:00:00Z"), href: "/orders/PO-2026-000123" },
    waybill: { logisticsCode: "4403180001", logisticsName: "Zhuhai Air Forwarding", logisticsNo: "784-76543213", transportMode: "AIR", containerNumber: null, freightMinor: 30000n, insuredFeeMinor: 0n, currencyCode: "CNY", grossWeightG: 41000, packages: 3, href: `${SELF}#waybill` },
    lines: lines.map((l) => ({ ...l, itemName: l.names.zh, hsCode: l.sku === "KET-220" ? "8516797000" : "8414510000", unitCode: "007", netWeightG: l.sku === "KET-220" ? 12000 : 24000, grossWeightG: l.sku === "KET-220" ? 15000 : 26000, originCountry: "CN" })),
    packing: { grossWeightG: 41000, netWeightG: 36000, packages: 3 },
  };
}

function codes(docs: DeclarationDocuments): MismatchCode[] {
  return matchDocuments(docs).map((m) => m.code);
}

describe("matchDocuments", () => {
  it("finds nothing when the four documents agree", () => {
    expect(matchDocuments(clean())).toEqual([]);
  });

  it("order number: present, at most 60 characters, no whitespace", () => {
    for (const number of ["", "PO-2026 000123", "P".repeat(61), " PO-2026-000123"]) {
      const docs = clean();
      docs.order.number = number;
      expect(codes(docs)).toEqual(["order_number_invalid"]);
    }
  });

  it("currency: the list and the waybill in the order's currency", () => {
    const docs = clean();
    docs.waybill.currencyCode = "USD";
    const [m] = matchDocuments(docs);
    expect(m).toEqual({ code: "currency_mismatch", params: { document: "waybill", expected: "CNY", actual: "USD" }, href: `${SELF}#waybill` });
    const list = clean();
    list.declaration.currencyCode = "BRL";
    expect(codes(list)).toEqual(["currency_mismatch"]);
  });

  it("amounts: an order line's total is its price × quantity, exactly", () => {
    const docs = clean();
    docs.order.lines[0]!.totalMinor = 84999n;
    docs.order.goodsValueMinor = 133199n; // keeps the sum consistent so only the line rule fires… and the list total
    expect(codes(docs)).toEqual(["order_line_total", "list_total", "receipt_amount"]);
  });

  it("amounts: the order's lines add up to its goods value", () => {
    const docs = clean();
    docs.order.goodsValueMinor = 133201n;
    docs.receipt!.chargeMinor = 163201n;
    docs.receipt!.chargeInOrderCurrencyMinor = 163201n;
    expect(codes(docs)).toEqual(["order_lines_total", "list_total"]);
  });

  it("amounts: the list adds up to the goods value, to the cent", () => {
    const docs = clean();
    docs.lines[1]!.totalMinor = 48201n;
    const found = matchDocuments(docs);
    expect(found.map((m) => m.code)).toEqual(["list_total"]);
    expect(found[0]!.params).toEqual({ expectedMinor: "133200", actualMinor: "133201", currency: "CNY" });
  });

  it("amounts: the collection equals goods value + freight; a foreign-currency receipt is compared in the order's currency", () => {
    const short = clean();
    short.receipt!.chargeMinor = 163199n;
    short.receipt!.chargeInOrderCurrencyMinor = 163199n;
    expect(matchDocuments(short)).toEqual([{ code: "receipt_amount", params: { expectedMinor: "163200", actualMinor: "163199", currency: "CNY" }, href: "/orders/PO-2026-000123" }]);

    const foreign = clean();
    foreign.receipt = { ...foreign.receipt!, currencyCode: "BRL", chargeMinor: 122400n, chargeInOrderCurrencyMinor: 163200n };
    expect(matchDocuments(foreign)).toEqual([]);
    foreign.receipt.chargeInOrderCurrencyMinor = 163100n;
    expect(codes(foreign)).toEqual(["receipt_amount"]);
  });

  it("a 9710 not paid yet (net terms) has no collection to compare", () => {
    const docs = clean();
    docs.receipt = null;
    expect(matchDocuments(docs)).toEqual([]);
  });

  it("items: an ordered SKU missing from the list, and a listed SKU not ordered", () => {
    const docs = clean();
    docs.lines[1]!.sku = "FAN-41";
    expect(codes(docs)).toEqual(["item_missing_from_list", "item_not_in_order"]);
  });

  it("items: quantities and prices agree per SKU", () => {
    const docs = clean();
    docs.lines[0]!.quantity = 9;
    docs.lines[0]!.unitPriceMinor = 9444n; // 9 × 94.44 = 849.96: the total is off too
    docs.lines[0]!.totalMinor = 84996n;
    const found = matchDocuments(docs);
    expect(found.map((m) => m.code)).toEqual(["list_total", "item_quantity", "item_price"]);
    expect(found[1]).toEqual({ code: "item_quantity", params: { sku: "KET-220", expected: 10, actual: 9 }, href: `${SELF}#line-1` });
  });

  it("items: a Chinese item name on every line", () => {
    const docs = clean();
    docs.lines[0]!.itemName = " ";
    expect(codes(docs)).toEqual(["item_name_missing"]);
  });

  it("HS codes: 10 digits, a real subheading; an empty code (product without one) is flagged", () => {
    for (const hsCode of ["", "851679", "85167970001", "9900000000", "85167970A0"]) {
      const docs = clean();
      docs.lines[0]!.hsCode = hsCode;
      expect(codes(docs)).toEqual(["hs_code_invalid"]);
    }
  });

  it("logistics: forwarder code and name, waybill number present and a valid air waybill (serial mod 7)", () => {
    const noName = clean();
    noName.waybill.logisticsName = "";
    expect(codes(noName)).toEqual(["logistics_company_missing"]);
    const missing = clean();
    missing.waybill.logisticsNo = "";
    expect(codes(missing)).toEqual(["logistics_no_missing"]);
    const bad = clean();
    bad.waybill.logisticsNo = "784-76543214";
    expect(codes(bad)).toEqual(["logistics_no_invalid"]);
    const bare = clean();
    bare.waybill.logisticsNo = "78476543213";
    expect(codes(bare)).toEqual([]);
  });

  it("logistics: sea freight needs a valid ISO 6346 container number", () => {
    const docs = clean();
    docs.waybill.transportMode = "SEA";
    docs.waybill.logisticsNo = "COSU6123456780";
    expect(codes(docs)).toEqual(["container_missing"]);
    docs.waybill.containerNumber = "CSQU3054384";
    expect(codes(docs)).toEqual(["container_invalid"]);
    docs.waybill.containerNumber = "CSQU 305438-3";
    expect(codes(docs)).toEqual([]);
  });

  it("company codes: the exporter's and the agency's USCC", () => {
    const docs = clean();
    docs.exporter.code = "";
    docs.agency.code = "91350100M000100Y44";
    const found = matchDocuments(docs);
    expect(found.map((m) => m.code)).toEqual(["exporter_code_invalid", "agency_code_invalid"]);
    expect(found[0]!.href).toBe(`${SELF}#parties`);
  });

  it("weights: the waybill's gross weight is required", () => {
    const docs = clean();
    docs.waybill.grossWeightG = null;
    expect(matchDocuments(docs)).toEqual([{ code: "waybill_weight_missing", params: { packingKg: "41.0" }, href: `${SELF}#waybill` }]);
  });

  it("weights: packing list and waybill agree to 0.1 kg (half-even), no further tolerance", () => {
    const within = clean();
    within.waybill.grossWeightG = 41049; // 41.049 kg → 41.0
    expect(codes(within)).toEqual([]);
    const halfEven = clean();
    halfEven.waybill.grossWeightG = 41050; // 41.05 → 41.0 (0 is even)
    expect(codes(halfEven)).toEqual([]);
    const off = clean();
    off.waybill.grossWeightG = 38500;
    expect(matchDocuments(off)).toEqual([{ code: "gross_weight_mismatch", params: { packingKg: "41.0", waybillKg: "38.5" }, href: `${SELF}#waybill` }]);
    const tenth = clean();
    tenth.waybill.grossWeightG = 41150; // 41.15 → 41.2
    expect(codes(tenth)).toEqual(["gross_weight_mismatch"]);
  });

  it("weights: net never above gross", () => {
    const docs = clean();
    docs.lines[0]!.netWeightG = 15001;
    expect(codes(docs)).toEqual(["net_over_gross"]);
  });

  it("packages: the waybill's count equals the packing list's", () => {
    const docs = clean();
    docs.waybill.packages = 4;
    expect(matchDocuments(docs)).toEqual([{ code: "packages_mismatch", params: { packing: 3, waybill: 4 }, href: `${SELF}#waybill` }]);
  });
});

describe("kilograms", () => {
  it("rounds grams half-even to 0.1 kg", () => {
    expect(kilograms(0)).toBe("0.0");
    expect(kilograms(41000)).toBe("41.0");
    expect(kilograms(41050)).toBe("41.0");
    expect(kilograms(41150)).toBe("41.2");
    expect(kilograms(41051)).toBe("41.1");
    expect(kilograms(49)).toBe("0.0");
  });
});
