import { describe, expect, it } from "vitest";
import { foldCodeFields, isCodeField } from "./fold-codes";

describe("full-width codes from Chinese keyboards", () => {
  it("folds ids, codes and numbers with NFKC", () => {
    expect(
      foldCodeFields({ taxId: "９１４４０４００ＭＡ４ＷＫ７０Ｘ０Ｙ", sku: "ＧＬ－ＣＭ１５", hsCode: "８４１５．１０", quantity: "５００", unitPrice: "０．４２５", postalCode: "０１５０４－０００", moq: ["１０", "２０"] }),
    ).toEqual({ taxId: "91440400MA4WK70X0Y", sku: "GL-CM15", hsCode: "8415.10", quantity: "500", unitPrice: "0.425", postalCode: "01504-000", moq: ["10", "20"] });
  });

  it("leaves free text as typed", () => {
    const input = { name: "ＡＢＣ 空调", description: "２匹　变频", note: "ｘ", legalNameZh: "珠海（横琴）" };
    expect(foldCodeFields(input)).toEqual(input);
    expect(isCodeField("legalNameLatin")).toBe(false);
    expect(isCodeField("poNumber")).toBe(true);
    expect(isCodeField("containerNumber")).toBe(true);
  });
});
