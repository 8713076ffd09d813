import { describe, expect, it } from "vitest";
import { MAX_QUICK_ORDER_LINES, parseQuickOrder } from "./quick-order";

describe("parseQuickOrder", () => {
  it("reads SKU and quantity separated by spaces, tabs, commas or semicolons; skips blank lines", () => {
    expect(parseQuickOrder("AF-100 120\n\nAF-200\t50\r\nKT-1, 10\nKT-2;3").lines).toEqual([
      { line: 1, text: "AF-100 120", sku: "AF-100", quantity: 120 },
      { line: 3, text: "AF-200\t50", sku: "AF-200", quantity: 50 },
      { line: 4, text: "KT-1, 10", sku: "KT-1", quantity: 10 },
      { line: 5, text: "KT-2;3", sku: "KT-2", quantity: 3 },
    ]);
  });

  it("reports each bad line with its number", () => {
    expect(parseQuickOrder("AF-100\nAF-100 0\nAF-100 1.5\nAF-100 ten\nA B 3\nOK-1 2").lines).toEqual([
      { line: 1, text: "AF-100", error: "format" },
      { line: 2, text: "AF-100 0", error: "quantity" },
      { line: 3, text: "AF-100 1.5", error: "quantity" },
      { line: 4, text: "AF-100 ten", error: "quantity" },
      { line: 5, text: "A B 3", error: "format" },
      { line: 6, text: "OK-1 2", sku: "OK-1", quantity: 2 },
    ]);
  });

  it("accepts full-width digits and refuses absurd quantities", () => {
    expect(parseQuickOrder("AF-1 １２").lines).toEqual([{ line: 1, text: "AF-1 １２", sku: "AF-1", quantity: 12 }]);
    expect(parseQuickOrder("AF-1 99999999").lines[0]).toMatchObject({ error: "quantity" });
  });

  it("stops after the maximum number of lines", () => {
    const text = Array.from({ length: MAX_QUICK_ORDER_LINES + 1 }, (_, i) => `S${i} 1`).join("\n");
    const parsed = parseQuickOrder(text);
    expect(parsed.tooMany).toBe(true);
    expect(parsed.lines).toHaveLength(MAX_QUICK_ORDER_LINES);
    expect(parseQuickOrder("").lines).toEqual([]);
  });
});

describe("a quick order typed with a Chinese input method", () => {
  it("reads full-width SKUs, digits, commas and the ideographic space", () => {
    expect(parseQuickOrder("ＧＬ－ＣＭ１５　５００\nGL-AC12，２０").lines).toEqual([
      { line: 1, text: "ＧＬ－ＣＭ１５　５００", sku: "GL-CM15", quantity: 500 },
      { line: 2, text: "GL-AC12，２０", sku: "GL-AC12", quantity: 20 },
    ]);
  });
});
