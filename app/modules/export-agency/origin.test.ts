import { describe, expect, it } from "vitest";
import { line, sampleDocuments } from "../../../tests/support/declaration-documents-fixture";
import { FTA_RULES, ftaRule, originFor, type OriginWarning, type PreferentialOrigin } from "./origin";

const invoice = { number: "INV-2026-000042", date: new Date("2026-11-20T08:30:00Z") };

function preferential(country: string, documents = sampleDocuments(country)): PreferentialOrigin {
  const origin = originFor(documents, invoice);
  if (origin.kind !== "preferential") throw new Error(`expected a certificate for ${country}`);
  return origin;
}

const codes = (warnings: OriginWarning[]) => warnings.map((w) => w.code);
const twentyFive = Array.from({ length: 25 }, (_, i) => line(i + 1, { quantity: 1, unitPriceMinor: 100n }));

describe("which destinations have a China FTA certificate", () => {
  it("Chile, Costa Rica, Peru and Ecuador; nothing else (Brazil, Mexico, Portugal, Angola, Mozambique, Colombia)", () => {
    expect(["CL", "CR", "PE", "EC", "cl ", "ec"].map((c) => ftaRule(c)?.partner)).toEqual(["CL", "CR", "PE", "EC", "CL", "EC"]);
    for (const country of ["BR", "MX", "PT", "AO", "MZ", "CO", "US", ""]) expect(ftaRule(country)).toBeNull();
  });

  it("states the reference's confirmed facts as confirmed: Chile Form F from 2006-10-01, valid 1 year, 20 items, 40 % RVC", () => {
    const cl = FTA_RULES.CL;
    expect([cl.form, cl.inForce, cl.validityMonths, cl.maxItems, cl.rvcPercent, cl.directShipment]).toEqual([
      { value: "Form F", certainty: "confirmed" },
      { value: "2006-10-01", certainty: "confirmed" },
      { value: 12, certainty: "confirmed" },
      { value: 20, certainty: "confirmed" },
      { value: 40, certainty: "confirmed" },
      { value: true, certainty: "confirmed" },
    ]);
  });

  it("Costa Rica: Form L from 2011-08-01, 20 items, 6-digit HS (box 9), retroactive within 12 months, third-party invoices", () => {
    const cr = FTA_RULES.CR;
    expect([cr.form.value, cr.inForce.value, cr.maxItems?.value, cr.hsDigits, cr.retroactiveMonths?.value, cr.thirdPartyInvoice?.value, cr.criterion.value]).toEqual([
      "Form L",
      "2011-08-01",
      20,
      { value: 6, certainty: "confirmed" },
      12,
      true,
      "ctc",
    ]);
  });

  it("marks what the reference marks ❓ as to confirm: Peru's date and certificate, Ecuador's certificate (its date is confirmed)", () => {
    expect(FTA_RULES.PE.inForce).toEqual({ value: "2010-03-01", certainty: "toConfirm" });
    expect(FTA_RULES.PE.form.certainty).toBe("toConfirm");
    expect(FTA_RULES.EC.inForce).toEqual({ value: "2024-05-01", certainty: "confirmed" });
    expect(FTA_RULES.EC.form.certainty).toBe("toConfirm");
    const pe = preferential("PE");
    expect(pe.warnings.find((w) => w.code === "toConfirm")).toEqual({ code: "toConfirm", severity: "warn", facts: ["form", "inForce", "hsDigits", "criterion", "directShipment"] });
  });
});

describe("the certificate's fields, from the declaration's documents", () => {
  it("fills exporter, consignee, transport, invoice number and date, and each item with its 6-digit HS code", () => {
    const { fields } = preferential("CL");
    expect(fields.exporter).toEqual({ name: "Zhuhai Gree-Lux Home Appliances Co., Ltd.", nameZh: "珠海格力乐家电有限公司", address: ["金湾区红旗镇 88 号", "519090 珠海 Zhuhai"], countryCode: "CN" });
    expect(fields.consignee.name).toBe("Comprador Teste Ltda");
    expect(fields.transport).toEqual({ mode: "AIR", logisticsNo: "784-76543213", containerNumber: null, portOfLoading: "Zhuhai, China", destinationCountry: "CL" });
    expect(fields.invoice).toEqual({ number: "INV-2026-000042", date: "2026-11-20" });
    expect(fields.items.map((i) => [i.position, i.description, i.hs6, i.quantity, i.grossWeightG])).toEqual([
      [1, "Air fryer 5 L", "851660", 12, 54_600],
      [2, "Electric kettle 1.7 L", "851671", 30, 41_250],
    ]);
  });

  it("describes an item by its declared Chinese name when it has no English one", () => {
    const documents = sampleDocuments("CR", { lines: [line(1, { quantity: 2, unitPriceMinor: 500n, names: { zh: "电饭煲" }, itemName: "电饭煲" })] });
    expect(preferential("CR", documents).fields.items[0]!.description).toBe("电饭煲");
  });

  it("a complete Chilean shipment only carries the standing reminders: direct shipment, the origin criterion, the validity", () => {
    const { warnings } = preferential("CL");
    expect(codes(warnings)).toEqual(["transitHkMacau", "criterion", "validity", "toConfirm"]);
    expect(warnings[0]).toEqual({ code: "transitHkMacau", severity: "warn", certainty: "confirmed" });
    expect(warnings[1]).toEqual({ code: "criterion", severity: "info", rule: "rvc", rvcPercent: 40, certainty: "confirmed" });
    expect(warnings[2]).toEqual({ code: "validity", severity: "info", months: 12 });
    // Only the number of HS digits printed on Form F is not in the reference.
    expect(warnings[3]).toEqual({ code: "toConfirm", severity: "warn", facts: ["hsDigits"] });
  });

  it("Costa Rica: retroactive issue and third-party invoices noted; the HK/Macau rule is to confirm there", () => {
    const { warnings } = preferential("CR");
    expect(codes(warnings)).toEqual(["transitHkMacau", "criterion", "retroactive", "thirdPartyInvoice", "toConfirm"]);
    expect(warnings[0]).toMatchObject({ certainty: "toConfirm" });
    expect(warnings[2]).toEqual({ code: "retroactive", severity: "info", months: 12 });
  });
});

describe("warnings", () => {
  it("more than 20 items: split into certificates of at most 20, in item order", () => {
    const documents = sampleDocuments("CL", { lines: twentyFive });
    const split = preferential("CL", documents).warnings.find((w) => w.code === "split");
    expect(split).toEqual({ code: "split", severity: "block", maxItems: 20, certificates: 2, groups: [Array.from({ length: 20 }, (_, i) => i + 1), [21, 22, 23, 24, 25]] });
    // Exactly 20 fit on one.
    expect(codes(preferential("CR", sampleDocuments("CR", { lines: twentyFive.slice(0, 20) })).warnings)).not.toContain("split");
    // Peru's item limit is not in the reference: no split is invented.
    expect(codes(preferential("PE", sampleDocuments("PE", { lines: twentyFive })).warnings)).not.toContain("split");
  });

  it("items not of Chinese origin cannot go on the certificate", () => {
    const documents = sampleDocuments("CL", { lines: [line(1, { quantity: 1, unitPriceMinor: 100n }), line(2, { quantity: 1, unitPriceMinor: 100n, originCountry: "VN" })] });
    expect(preferential("CL", documents).warnings[0]).toEqual({ code: "notChinese", severity: "block", positions: [2] });
  });

  it("lists what the declaration lacks: waybill number, addresses, a full HS code", () => {
    const documents = sampleDocuments("EC", { lines: [line(1, { quantity: 1, unitPriceMinor: 100n, hsCode: "8516" })] });
    documents.waybill.logisticsNo = " ";
    documents.consignee.address = [];
    const missing = preferential("EC", documents).warnings.filter((w) => w.code === "missing").map((w) => (w.code === "missing" ? w.field : null));
    expect(missing).toEqual(["consigneeAddress", "logisticsNo", "hsCode"]);
  });

  it("goods shipped before the agreement entered into force get no preference (Ecuador, 2024-05-01)", () => {
    const documents = sampleDocuments("EC");
    const early = originFor(documents, invoice, new Date("2024-04-30T23:00:00Z")) as PreferentialOrigin;
    expect(early.warnings[0]).toEqual({ code: "notInForce", severity: "block", inForce: "2024-05-01", certainty: "confirmed" });
    expect(codes(preferential("EC").warnings)).not.toContain("notInForce");
  });
});

describe("elsewhere: a plain, non-preferential origin statement", () => {
  it("for Brazil, Mexico, Portugal, Angola and Mozambique, with no certificate fields", () => {
    for (const country of ["BR", "MX", "PT", "AO", "MZ"]) {
      expect(originFor(sampleDocuments(country), invoice)).toEqual({ kind: "statement", destinationCountry: country, exceptions: [], nonPreferentialCertificate: { value: "mayBeRequired", certainty: "toConfirm" } });
    }
  });

  it("names the items of another origin as exceptions", () => {
    const documents = sampleDocuments("MX", { lines: [line(1, { quantity: 1, unitPriceMinor: 100n }), line(2, { quantity: 1, unitPriceMinor: 100n, originCountry: "vn" })] });
    expect(originFor(documents, invoice)).toMatchObject({ kind: "statement", exceptions: [{ position: 2, originCountry: "VN" }] });
  });
});
