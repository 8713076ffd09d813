import { describe, expect, it } from "vitest";
import { isSourceComplete, languageCompleteness, productCompleteness, type TranslationContent } from "./completeness";

const full: TranslationContent = { name: "空气炸锅", shortDescription: "3.5 升", longDescription: "不粘内胆，定时 60 分钟。", specifications: [{ label: "容量", value: "3.5 L" }, { label: "功率", value: "1400 W" }] };

describe("per-language completeness", () => {
  it("is 100% and complete for a fully written source language", () => {
    const [zh] = productCompleteness({ zh: full }, "zh").filter((c) => c.lang === "zh");
    expect(zh).toMatchObject({ percent: 100, state: "complete", missing: [], machine: false, isSource: true });
  });

  it("reports a language with no translation as missing, at 0%, with every field listed", () => {
    const pt = productCompleteness({ zh: full }, "zh").find((c) => c.lang === "pt")!;
    expect(pt).toMatchObject({ percent: 0, state: "missing", machine: false, isSource: false });
    expect(pt.missing).toEqual(["name", "shortDescription", "longDescription", "specifications"]);
  });

  it("counts specifications in a translation only when the source has them, and as many complete rows", () => {
    const oneSpec: TranslationContent = { name: "Fritadeira", shortDescription: "3,5 L", longDescription: "Cesto antiaderente.", specifications: [{ label: "Capacidade", value: "3,5 L" }, { label: "Potência", value: "" }] };
    const pt = languageCompleteness("pt", oneSpec, { isSource: false, sourceSpecificationCount: 2 });
    expect(pt).toMatchObject({ percent: 75, state: "partial", missing: ["specifications"] });
    const noSourceSpecs = languageCompleteness("pt", oneSpec, { isSource: false, sourceSpecificationCount: 0 });
    expect(noSourceSpecs).toMatchObject({ percent: 100, state: "complete" });
  });

  it("rounds down: 2 of 3 fields is 66%, never 100% while something is missing", () => {
    const c = languageCompleteness("es", { name: "Freidora", shortDescription: "3.5 L", longDescription: "  " }, { isSource: true, sourceSpecificationCount: 0 });
    expect(c).toMatchObject({ percent: 66, state: "partial", missing: ["longDescription"] });
  });

  it("flags machine translations, and ignores the flag on an empty translation", () => {
    const pt = productCompleteness({ zh: full, pt: { ...full, name: "Fritadeira", source: "MACHINE" } }, "zh").find((c) => c.lang === "pt")!;
    expect(pt).toMatchObject({ machine: true, state: "complete", percent: 100 });
    const empty = languageCompleteness("en", { name: "", source: "MACHINE" }, { isSource: false, sourceSpecificationCount: 0 });
    expect(empty).toMatchObject({ machine: false, state: "missing", percent: 0 });
  });

  it("treats whitespace as nothing written", () => {
    expect(languageCompleteness("en", { name: "   ", shortDescription: "\n", longDescription: "" }, { isSource: false, sourceSpecificationCount: 0 }).state).toBe("missing");
  });

  it("lists the four languages in the marketplace's order", () => {
    expect(productCompleteness({ zh: full }, "zh").map((c) => c.lang)).toEqual(["pt", "es", "zh", "en"]);
  });

  it("decides whether the source language is complete enough to publish", () => {
    expect(isSourceComplete({ zh: full }, "zh")).toBe(true);
    expect(isSourceComplete({ zh: { ...full, longDescription: "" } }, "zh")).toBe(false);
    expect(isSourceComplete({ pt: full }, "zh")).toBe(false);
    // Specifications are optional in the source language.
    expect(isSourceComplete({ zh: { ...full, specifications: [] } }, "zh")).toBe(true);
  });
});
