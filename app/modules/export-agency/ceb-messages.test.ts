import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  CEB_MESSAGE_TYPES,
  CebBuildError,
  FIELD_SPECS,
  buildCebMessage,
  cebAmount,
  cebFileName,
  cebWeightKg,
  checkField,
  chinaDate,
  chinaTime,
  messageGuid,
  validateCebMessage,
} from "./ceb-messages";
import type { DeclarationDocuments } from "./declaration-documents";

const sender = { dxpId: "DXPENT0000012345" };
// 2026-12-05 17:30:45.123 UTC is 2026-12-06 01:30:45 in China.
const now = new Date("2026-12-05T17:30:45.123Z");

function fixtureDocuments(overrides: Partial<DeclarationDocuments> = {}): DeclarationDocuments {
  const line = (position: number, sku: string, quantity: number, unitPriceMinor: bigint) => ({
    position,
    sku,
    names: { zh: `空调 ${sku}`, en: `Air conditioner ${sku}`, pt: `Ar-condicionado ${sku}`, es: `Aire acondicionado ${sku}` },
    quantity,
    unitPriceMinor,
    totalMinor: unitPriceMinor * BigInt(quantity),
  });
  const lines = [line(1, "AC-9000", 2, 10n), line(2, "AC-12000 <Pro & Max>", 1, 20n)];
  return {
    declaration: {
      id: "0193a000-0000-7000-8000-000000000001",
      number: "DEC-2026-000123",
      guid: "4cde1cfd-eded-46b1-946c-b8022e42fc94",
      version: 1,
      mode: "B2B_DIRECT_9710",
      status: "VALIDATED",
      destinationCountry: "BR",
      currencyCode: "USD",
      customsOfficeCode: "5710",
      portCode: "5710",
      createdAt: new Date("2026-12-04T20:00:00Z"),
    },
    agency: { code: "91440400MA4UUU2X1K", name: "Ponte Export Agency", nameZh: "珠海桥出口代理有限公司", countryCode: "CN", address: [], taxId: null },
    exporter: { code: "91440400MA4W0B5U2C", name: "Zhuhai Cool Air", nameZh: "珠海凉风电器有限公司", countryCode: "CN", address: [], taxId: null },
    consignee: { code: "", name: "Loja do Ar Ltda", nameZh: null, countryCode: "BR", address: [], taxId: null },
    order: {
      number: "PO-2026-000045",
      orderType: "B",
      currencyCode: "USD",
      goodsValueMinor: 40n,
      freightMinor: 0n,
      incoterm: "FOB",
      placedAt: new Date("2026-12-01T10:00:00Z"),
      lines,
      href: null,
    },
    receipt: {
      payNo: "pi_3QXyZ",
      payerName: "Loja do Ar Ltda",
      currencyCode: "USD",
      chargeMinor: 40n,
      chargeInOrderCurrencyMinor: 40n,
      accountingDate: new Date("2026-12-02T03:04:05Z"),
      href: null,
    },
    waybill: {
      logisticsCode: "4404980001",
      logisticsName: "珠海货运代理",
      logisticsNo: "784-76543213",
      transportMode: "AIR",
      containerNumber: null,
      freightMinor: 12345n,
      insuredFeeMinor: 0n,
      currencyCode: "USD",
      grossWeightG: 41250,
      packages: 3,
      href: "/en/agency/declarations/DEC-2026-000123",
    },
    lines: lines.map((l) => ({ ...l, itemName: `空调 ${l.sku}`, hsCode: "8415102100", unitCode: "007", netWeightG: 12000, grossWeightG: 13750, originCountry: "CN" })),
    packing: { grossWeightG: 41250, netWeightG: 36000, packages: 3 },
    ...overrides,
  };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, isArray: (n) => n.endsWith("List") });
const read = (xml: string) => parser.parse(xml) as Record<string, Record<string, Record<string, unknown>>>;

describe("formats", () => {
  it("writes times in China time (UTC+8) as YYYYMMDDhhmmss, across a day boundary", () => {
    expect(chinaTime(now)).toBe("20261206013045");
    expect(chinaDate(now)).toBe("20261206");
    expect(chinaTime(new Date("2026-12-31T16:00:00Z"))).toBe("20270101000000");
  });

  it("keeps amounts exact: 0.1 + 0.2 is 0.30, not 0.30000000000000004", () => {
    expect(cebAmount(10n + 20n, "USD")).toBe("0.30");
    expect(cebAmount(0n, "CNY")).toBe("0.00");
    expect(cebAmount(123456789012345n, "EUR")).toBe("1234567890123.45");
    // A zero-decimal currency is converted exactly (it has no customs code, but the amount rule holds).
    expect(cebAmount(1234n, "CLP")).toBe("1234.00");
  });

  it("refuses a currency it has no exponent for", () => {
    expect(() => cebAmount(1n, "XXX")).toThrow(CebBuildError);
  });

  it("writes weights in kilograms from grams, exactly", () => {
    expect(cebWeightKg(41250)).toBe("41.250");
    expect(cebWeightKg(1)).toBe("0.001");
    expect(() => cebWeightKg(1.5)).toThrow(RangeError);
  });

  it("gives each message its own uppercase 36-character guid, stable across downloads", () => {
    const guids = CEB_MESSAGE_TYPES.map((t) => messageGuid("4cde1cfd-eded-46b1-946c-b8022e42fc94", t));
    expect(new Set(guids).size).toBe(4);
    for (const guid of guids) expect(guid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(guids[3]).toBe("4CDE1CFD-EDED-46B1-946C-B8022E42FC94");
    // Version 5 (name-based) for the derived ones.
    expect(guids[0]!.charAt(14)).toBe("5");
    expect(messageGuid("4cde1cfd-eded-46b1-946c-b8022e42fc94", "CEB303")).toBe(guids[0]);
  });

  it("names files after the observed pattern", () => {
    expect(cebFileName("CEB603", sender, now)).toBe("CEB_CEB603_DXPENT0000012345_EPORT_202612060130451230004.xml");
  });

  it("checks every field spec shape", () => {
    const spec = (s: string, extra = {}) => ({ spec: s, required: true, source: "chosen" as const, ...extra });
    expect(checkField("A".repeat(36), spec("C36"))).toBeNull();
    expect(checkField("A".repeat(35), spec("C36"))).toMatch(/C36/);
    expect(checkField("珠".repeat(60), spec("C..60"))).toBeNull();
    expect(checkField("珠".repeat(61), spec("C..60"))).toMatch(/61/);
    expect(checkField("12345678901234.56", spec("N16,2"))).toBeNull();
    expect(checkField("123456789012345.6", spec("N16,2"))).toMatch(/14 digits before the point/);
    expect(checkField("1.005", spec("N16,2"))).toMatch(/decimals/);
    expect(checkField("1e3", spec("N16,2"))).toMatch(/decimals/);
    expect(checkField("-1.00", spec("N16,2"))).not.toBeNull();
    expect(checkField("01.00", spec("N16,2"))).toMatch(/leading zero/);
    expect(checkField("41.250", spec("N19,5"))).toBeNull();
    expect(checkField("3.5", spec("N9"))).not.toBeNull();
    expect(checkField("", spec("C..60"))).toBe("required");
    expect(checkField("", spec("C..60", { required: false }))).toBeNull();
    expect(checkField("4cde1cfd-eded-46b1-946c-b8022e42fc94", spec("C36", { shape: "guid" }))).toMatch(/uppercase/);
    expect(checkField("20261306013045", spec("C14", { shape: "time" }))).toMatch(/time/);
    expect(checkField("20260230120000", spec("C14", { shape: "time" }))).toMatch(/time/);
    expect(checkField("2026-12-06", spec("C8", { shape: "date" }))).not.toBeNull();
    expect(checkField("84151021", spec("C10", { shape: "digits" }))).toMatch(/C10/);
    expect(checkField("841510210A", spec("C10", { shape: "digits" }))).toMatch(/digits/);
    expect(checkField("X", spec("C1", { values: ["E"] }))).toMatch(/one of E/);
  });
});

describe("buildCebMessage", () => {
  it("builds all four messages, each passing the validator", () => {
    for (const type of CEB_MESSAGE_TYPES) {
      const built = buildCebMessage(type, fixtureDocuments(), sender, now);
      const result = validateCebMessage(built.xml);
      expect(result.problems, type).toEqual([]);
      expect(result).toMatchObject({ ok: true, type });
      expect(built.fileName).toMatch(new RegExp(`^CEB_${type}_DXPENT0000012345_EPORT_\\d{21}\\.xml$`));
    }
  });

  it("CEB303: envelope, namespace, order type B for 9710, exact amounts, JGS-20 currency, lines in order", () => {
    const { xml, guid } = buildCebMessage("CEB303", fixtureDocuments(), sender, now);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    const root = read(xml)["ceb:CEB303Message"]!;
    expect(root["@_guid"]).toBe(guid);
    expect(root["@_version"]).toBe("1.0");
    expect(root["@_xmlns:ceb"]).toBe("http://www.chinaport.gov.cn/ceb");
    const order = root["ceb:Order"] as Record<string, Record<string, string>>;
    const head = order["ceb:OrderHead"]!;
    expect(Object.keys(head).map((k) => k.slice(4))).toEqual(Object.keys(FIELD_SPECS.CEB303.head));
    expect(head).toMatchObject({
      "ceb:guid": guid,
      "ceb:appType": "1",
      "ceb:appTime": "20261206013045",
      "ceb:appStatus": "2",
      "ceb:orderType": "B",
      "ceb:orderNo": "PO-2026-000045",
      "ceb:ebpCode": "91440400MA4UUU2X1K",
      "ceb:ebcName": "珠海凉风电器有限公司",
      "ceb:goodsValue": "0.40",
      "ceb:freight": "0.00",
      "ceb:currency": "502",
    });
    const list = order["ceb:OrderList"] as unknown as Record<string, string>[];
    expect(list.map((l) => [l["ceb:gnum"], l["ceb:itemNo"], l["ceb:qty"], l["ceb:price"], l["ceb:totalPrice"]])).toEqual([
      ["1", "AC-9000", "2", "0.10", "0.20"],
      ["2", "AC-12000 <Pro & Max>", "1", "0.20", "0.20"],
    ]);
    // Escaped by the library, not concatenated.
    expect(xml).toContain("AC-12000 &lt;Pro &amp; Max&gt;");
    const transfer = root["ceb:BaseTransfer"] as Record<string, string>;
    expect(transfer).toMatchObject({ "ceb:copCode": "91440400MA4UUU2X1K", "ceb:dxpMode": "DXP", "ceb:dxpId": "DXPENT0000012345" });
  });

  it("CEB303 for 9810 is a warehouse booking (orderType W) with the warehouse as platform name", () => {
    const docs = fixtureDocuments();
    const warehouse = fixtureDocuments({
      declaration: { ...docs.declaration, mode: "OVERSEAS_WAREHOUSE_9810" },
      order: { ...docs.order, orderType: "W" },
      consignee: { ...docs.consignee, name: "Ponte Guarulhos", nameZh: "Ponte 瓜鲁柳斯仓" },
      receipt: null,
    });
    const head = read(buildCebMessage("CEB303", warehouse, sender, now).xml)["ceb:CEB303Message"]!["ceb:Order"]!["ceb:OrderHead"] as Record<string, string>;
    expect(head["ceb:orderType"]).toBe("W");
    expect(head["ceb:ebpName"]).toBe("Ponte 瓜鲁柳斯仓");
    const list = read(buildCebMessage("CEB603", warehouse, sender, now).xml)["ceb:CEB603Message"]!["ceb:Inventory"]!["ceb:InventoryHead"] as Record<string, string>;
    expect(list["ceb:tradeMode"]).toBe("9810");
  });

  it("CEB403: the collection with its accounting date in China time", () => {
    const body = read(buildCebMessage("CEB403", fixtureDocuments(), sender, now).xml)["ceb:CEB403Message"]!["ceb:Receipts"] as Record<string, string>;
    expect(body).toMatchObject({ "ceb:orderNo": "PO-2026-000045", "ceb:payNo": "pi_3QXyZ", "ceb:charge": "0.40", "ceb:currency": "502", "ceb:accountingDate": "20261202110405" });
  });

  it("CEB403 without a receipt is refused", () => {
    expect(() => buildCebMessage("CEB403", fixtureDocuments({ receipt: null }), sender, now)).toThrow(
      expect.objectContaining({ problems: [{ kind: "no-receipt" }] }),
    );
  });

  it("CEB505: waybill weight in kg and packages", () => {
    const body = read(buildCebMessage("CEB505", fixtureDocuments(), sender, now).xml)["ceb:CEB505Message"]!["ceb:Logistics"] as Record<string, string>;
    expect(body).toMatchObject({ "ceb:logisticsNo": "784-76543213", "ceb:freight": "123.45", "ceb:grossWeight": "41.250", "ceb:packNo": "3" });
    expect(body["ceb:goodsInfo"]).toBe("空调 AC-9000;空调 AC-12000 <Pro & Max>");
  });

  it("CEB603: export flag, trade mode, 10-digit HS codes, weights, China dates", () => {
    const inventory = read(buildCebMessage("CEB603", fixtureDocuments(), sender, now).xml)["ceb:CEB603Message"]!["ceb:Inventory"] as Record<string, unknown>;
    const head = inventory["ceb:InventoryHead"] as Record<string, string>;
    expect(head).toMatchObject({
      "ceb:guid": "4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
      "ceb:ieFlag": "E",
      "ceb:tradeMode": "9710",
      "ceb:trafMode": "5",
      "ceb:ieDate": "20261205",
      "ceb:copNo": "DEC-2026-000123",
      "ceb:country": "BRA",
      "ceb:fCurrency": "502",
      "ceb:grossWeight": "41.250",
      "ceb:netWeight": "36.000",
    });
    const list = inventory["ceb:InventoryList"] as Record<string, string>[];
    expect(list.map((l) => l["ceb:gcode"])).toEqual(["8415102100", "8415102100"]);
  });

  it("a formal amendment (version 2) files as a change", () => {
    const docs = fixtureDocuments();
    const amended = fixtureDocuments({ declaration: { ...docs.declaration, version: 2 } });
    expect(buildCebMessage("CEB603", amended, sender, now).xml).toContain("<ceb:appType>2</ceb:appType>");
  });

  it("refuses currencies and countries without a confirmed customs code, naming each", () => {
    const docs = fixtureDocuments();
    const brl = fixtureDocuments({
      declaration: { ...docs.declaration, currencyCode: "BRL", destinationCountry: "ZZ" },
      waybill: { ...docs.waybill, currencyCode: "MXN" },
    });
    try {
      buildCebMessage("CEB603", brl, sender, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CebBuildError);
      expect((error as CebBuildError).problems).toEqual([
        { kind: "currency", currency: "BRL" },
        { kind: "currency", currency: "MXN" },
        { kind: "country", country: "ZZ" },
      ]);
      expect((error as CebBuildError).message).toContain("BRL has no confirmed JGS-20 customs code");
    }
  });
});

describe("validateCebMessage", () => {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: false });
  const fullParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, isArray: (n) => n.endsWith("List") });
  /** The CEB603 message with one field of the head or of the first item changed. */
  function tampered(part: "ceb:InventoryHead" | "ceb:InventoryList", field: string, value: string | undefined) {
    const parsed = fullParser.parse(buildCebMessage("CEB603", fixtureDocuments(), sender, now).xml);
    const inventory = parsed["ceb:CEB603Message"]["ceb:Inventory"];
    const node = part === "ceb:InventoryList" ? inventory[part][0] : inventory[part];
    if (value === undefined) delete node[field];
    else node[field] = value;
    return validateCebMessage(builder.build(parsed) as string);
  }

  it.each([
    ["ceb:InventoryHead", "ceb:guid", "4cde1cfd-eded-46b1-946c-b8022e42fc94", "InventoryHead.guid"],
    ["ceb:InventoryHead", "ceb:appTime", "2026-12-06 01:30", "InventoryHead.appTime"],
    ["ceb:InventoryHead", "ceb:ieFlag", "I", "InventoryHead.ieFlag"],
    ["ceb:InventoryHead", "ceb:ieDate", "20261232", "InventoryHead.ieDate"],
    ["ceb:InventoryHead", "ceb:orderNo", "P".repeat(61), "InventoryHead.orderNo"],
    ["ceb:InventoryHead", "ceb:freight", "0.1", undefined],
    ["ceb:InventoryHead", "ceb:freight", "0.300", "InventoryHead.freight"],
    ["ceb:InventoryHead", "ceb:fCurrency", "USD", "InventoryHead.fCurrency"],
    ["ceb:InventoryHead", "ceb:ebpName", "珠".repeat(101), "InventoryHead.ebpName"],
    ["ceb:InventoryHead", "ceb:grossWeight", "41.123456", "InventoryHead.grossWeight"],
    ["ceb:InventoryHead", "ceb:tradeMode", "0110", "InventoryHead.tradeMode"],
    ["ceb:InventoryHead", "ceb:netWeight", undefined, "InventoryHead.netWeight"],
    ["ceb:InventoryHead", "ceb:extra", "x", "InventoryHead.extra"],
    ["ceb:InventoryList", "ceb:gcode", "841510", "InventoryList[1].gcode"],
    ["ceb:InventoryList", "ceb:gcode", "84151021000", "InventoryList[1].gcode"],
    ["ceb:InventoryList", "ceb:qty", "two", "InventoryList[1].qty"],
    ["ceb:InventoryList", "ceb:gnum", "7", "InventoryList[1].gnum"],
  ] as const)("%s %s = %s: problem at %s", (part, field, value, path) => {
    const result = tampered(part, field, value);
    if (path === undefined) {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path)).toContain(path);
  });

  it("refuses a message with the wrong namespace, root or a head guid that differs", () => {
    const { xml } = buildCebMessage("CEB505", fixtureDocuments(), sender, now);
    expect(validateCebMessage(xml.replace(CEB_NS_PATTERN, "http://example.com/ceb")).problems[0]!.problem).toMatch(/namespace/);
    expect(validateCebMessage(xml.replaceAll("CEB505Message", "CEB999Message")).ok).toBe(false);
    expect(validateCebMessage(xml.replace(/(<ceb:guid>)[^<]+/, "$1AAAAAAAA-EDED-46B1-946C-B8022E42FC94")).problems.map((p) => p.path)).toContain("guid");
    expect(validateCebMessage("<ceb:CEB505Message>").problems[0]!.problem).toMatch(/well-formed/);
  });

  it("reports elements out of order", () => {
    const { xml } = buildCebMessage("CEB505", fixtureDocuments(), sender, now);
    const swapped = xml.replace(/(\s*<ceb:freight>[^<]*<\/ceb:freight>)(\s*<ceb:insuredFee>[^<]*<\/ceb:insuredFee>)/, "$2$1");
    expect(swapped).not.toBe(xml);
    expect(validateCebMessage(swapped).problems).toContainEqual({ path: "Logistics", problem: "elements out of order" });
  });
});

const CEB_NS_PATTERN = "http://www.chinaport.gov.cn/ceb";
