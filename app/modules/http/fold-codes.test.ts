import { describe, expect, it } from "vitest";
import { foldFormData, isCodeField } from "./fold-codes";

function foldCodeFields(input: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(input)) for (const v of [value].flat()) form.append(name, v);
  const folded = foldFormData(form);
  return Object.fromEntries([...folded.keys()].map((k) => [k, folded.getAll(k).length > 1 ? folded.getAll(k) : folded.get(k)]));
}

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

describe("a form read by the server", () => {
  it("arrives with its code fields folded and its free text as typed", async () => {
    const { tryReadForm } = await import("./forms.server");
    const body = new URLSearchParams({ hsCode: "８５１６．６０", quantity: "５００", name: "ＡＢＣ 空调" });
    const request = new Request("http://localhost/x", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
    const result = await tryReadForm(request, "zh");
    if (!result.ok) throw new Error("refused");
    expect(Object.fromEntries(result.form)).toEqual({ hsCode: "8516.60", quantity: "500", name: "ＡＢＣ 空调" });
  });
});
