import { describe, expect, it } from "vitest";
import { lineProblems, problemText } from "./cart.server";

const product = { status: "PUBLISHED" as const, packSize: 300, moq: 1_500 };

describe("cart line rules", () => {
  it("below the MOQ (counted across variants) is a problem of the cart, with how many more the product needs", () => {
    expect(lineProblems(product, 600, 600)).toEqual([{ code: "below_moq", moq: 1_500, have: 600, missing: 900 }]);
    // This line alone is below, but the product's variants together reach the MOQ: nothing to say.
    expect(lineProblems(product, 300, 1_500)).toEqual([]);
    expect(lineProblems({ ...product, status: "DRAFT" }, 301, 301).map((p) => p.code)).toEqual(["unpublished", "pack_multiple", "below_moq"]);
  });

  it("says it in the viewer's language with numbers written for the viewer", () => {
    const [problem] = lineProblems(product, 300, 300);
    expect(problemText(problem!, "pt")).toBe("Pedido mínimo 1.500 somando as variantes: adicione mais 1.200.");
    expect(problemText(problem!, "es")).toBe("Pedido mínimo 1,500 sumando las variantes: agrega 1,200 más.");
    expect(problemText(problem!, "en")).toBe("MOQ 1,500 across variants: add 1,200 more.");
    expect(problemText(problem!, "zh")).toBe("起订量 1,500（各规格合计）：还需添加 1,200。");
    expect(problemText({ code: "pack_multiple", pack: 1_000 }, "pt")).toBe("Deve ser múltiplo de 1.000.");
  });
});
