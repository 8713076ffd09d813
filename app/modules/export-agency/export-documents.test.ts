import { describe, expect, it } from "vitest";
import { warningText } from "~/components/export-agency/origin-panel";
import { LANGS } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { line, sampleDocuments } from "../../../tests/support/declaration-documents-fixture";
import { readPdf } from "../../../tests/support/pdf-text";
import { commercialInvoiceRef, declarationOrigin, exactAmount, incotermWithPlace, invoiceSums, kilograms, renderExportDocument } from "./export-documents.server";
import type { PreferentialOrigin } from "./origin";

const currency = (code: string) => CURRENCIES.find((c) => c.code === code)!;

describe("exact figures", () => {
  it("prints amounts from minor units with the currency's ISO digits, never through a float", () => {
    expect(exactAmount(86_170n, currency("USD"))).toBe("USD 861.70");
    expect(exactAmount(150_000n, currency("CLP"))).toBe("CLP 150,000");
    // COP is stored in cents though CLDR shows none: a customs document shows what is stored.
    expect(exactAmount(123_456n, currency("COP"))).toBe("COP 1,234.56");
    expect(exactAmount(9_007_199_254_740_993n, currency("USD"))).toBe("USD 90,071,992,547,409.93");
    expect(exactAmount(0n, currency("BRL"))).toBe("BRL 0.00");
  });

  it("prints weights in kg from grams, three decimals", () => {
    expect([kilograms(41_250), kilograms(5), kilograms(0), kilograms(1_234_567)]).toEqual(["41.250", "0.005", "0.000", "1,234.567"]);
  });

  it("totals the declared lines plus the order's freight; an overseas-warehouse transfer charges none", () => {
    const documents = sampleDocuments("BR");
    expect(invoiceSums(documents)).toEqual({ goodsMinor: 77_370n, freightMinor: 8_800n, totalMinor: 86_170n });
    documents.order.orderType = "W";
    expect(invoiceSums(documents)).toEqual({ goodsMinor: 77_370n, freightMinor: 0n, totalMinor: 77_370n });
  });
});

describe("invoice number and Incoterm", () => {
  it("an order's invoice is numbered like it (INV-); a 9810 transfer after the declaration (CI-), dated the day the declaration opened", () => {
    const documents = sampleDocuments("BR");
    expect(commercialInvoiceRef(documents)).toEqual({ number: "INV-2026-000042", date: new Date("2026-11-20T08:30:00Z") });
    documents.order.orderType = "W";
    expect(commercialInvoiceRef(documents).number).toBe("CI-2026-000042");
  });

  it("names the place of departure for E and F terms, the delivery city for C and D terms, nothing without a term", () => {
    expect(incotermWithPlace(sampleDocuments("BR", { incoterm: "FOB" }), "São Paulo")).toBe("FOB Zhuhai, China (Incoterms® 2020)");
    expect(incotermWithPlace(sampleDocuments("BR"), "São Paulo")).toBe("DDP São Paulo (Incoterms® 2020)");
    expect(incotermWithPlace(sampleDocuments("MX", { incoterm: "CIF" }), null)).toBe("CIF Mexico (Incoterms® 2020)");
    expect(incotermWithPlace(sampleDocuments("BR", { incoterm: null }), "São Paulo")).toBeNull();
  });
});

describe("the PDFs from a declaration's documents", () => {
  it("for an English-speaking destination, labels in Chinese and English only, never twice", async () => {
    const { bytes, fileName } = await renderExportDocument(sampleDocuments("US"), "invoice", { lang: "en" });
    expect(fileName).toBe("commercial-invoice-DEC-2026-000042.pdf");
    const { text } = readPdf(bytes);
    expect(text).toContain("商业发票 / Commercial invoice\n");
    expect(text).not.toContain("Commercial invoice / Commercial invoice");
    expect(text).not.toMatch(/Fatura|Factura/);
  });

  it("a 9810 transfer to an overseas warehouse: CI- number, no Incoterm, no freight line", async () => {
    const documents = sampleDocuments("PT", { incoterm: null });
    documents.order.orderType = "W";
    documents.declaration.mode = "OVERSEAS_WAREHOUSE_9810";
    const { text } = readPdf((await renderExportDocument(documents, "invoice", { lang: "pt" })).bytes);
    expect(text).toContain("CI-2026-000042");
    expect(text.replace(/\n/g, "")).toContain("9810 跨境电商出口海外仓");
    expect(text).not.toContain("Incoterms");
    expect(text).not.toContain("Frete");
    expect(text).toContain("USD 773.70");
  });

  it("under an agreement whose certificate the reference does not name (Peru), the invoice names none", async () => {
    const { text } = readPdf((await renderExportDocument(sampleDocuments("PE"), "invoice", { lang: "es" })).bytes);
    const flat = text.replace(/\n/g, "");
    expect(flat).toContain("certificate of origin issued under that agreement");
    expect(flat).toContain("certificado de origen emitido conforme a ese tratado");
    expect(flat).not.toContain("FTA certificate of origin");
    const chile = readPdf((await renderExportDocument(sampleDocuments("CL"), "invoice", { lang: "es" })).bytes).text;
    expect(chile).toContain("(Form F)");
  });

  it("a long list breaks across pages, repeating the table's header, with every line and the totals", async () => {
    const lines = Array.from({ length: 45 }, (_, i) => line(i + 1, { quantity: i + 1, unitPriceMinor: 1_001n, grossWeightG: 1_111 * (i + 1), netWeightG: 1_000 * (i + 1) }));
    const documents = sampleDocuments("CL", { lines });
    documents.packing = { grossWeightG: lines.reduce((s, l) => s + l.grossWeightG, 0), netWeightG: lines.reduce((s, l) => s + l.netWeightG, 0), packages: 45 };
    const { text } = readPdf((await renderExportDocument(documents, "packing", { lang: "zh" })).bytes);
    expect(text).toContain("1 / 3");
    expect(text).toContain("3 / 3");
    // The header on each page (the totals' label is one line: "毛重（千克） / Gross weight (kg) / …").
    expect(text.match(/\n毛重（千克）\n/g)).toHaveLength(3);
    expect(text).toContain("SKU-45");
    expect(text).toContain(kilograms(documents.packing.grossWeightG));
    expect(kilograms(documents.packing.grossWeightG)).toBe("1,149.885");
  });
});

describe("the origin panel's warnings", () => {
  it("read as sentences in every language (no missing key), with the split's groups", () => {
    const documents = sampleDocuments("CL", { lines: Array.from({ length: 21 }, (_, i) => line(i + 1, { quantity: 1, unitPriceMinor: 1n, originCountry: i === 0 ? "VN" : "CN" })) });
    documents.waybill.logisticsNo = "";
    const origin = declarationOrigin(documents) as PreferentialOrigin;
    expect(origin.warnings.map((w) => w.code)).toEqual(["notChinese", "missing", "split", "transitHkMacau", "criterion", "validity", "toConfirm"]);
    for (const lang of LANGS) {
      const t = serverT(lang);
      for (const warning of origin.warnings) {
        const sentence = warningText(warning, t, lang, origin.fields.items.length);
        expect(sentence, `${lang} ${warning.code}`).not.toMatch(/exportdocs\.|\{\{/);
      }
    }
    const en = serverT("en");
    expect(warningText(origin.warnings[2]!, en, "en", 21)).toBe("21 items: a certificate holds at most 20. Apply for 2 certificates: items 1–20; items 21–21.");
    expect(warningText(origin.warnings[1]!, en, "en", 21)).toBe("Missing for the certificate: the waybill number.");
    expect(warningText(origin.warnings[4]!, serverT("zh"), "zh", 21)).toBe("请逐项申报原产地标准：非完全在中国获得的货物，区域价值成分须不低于 40%，或符合产品特定原产地规则。");
  });
});
