import { describe, expect, it } from "vitest";
import { CURRENCIES } from "./currencies";
import { RateTable } from "./fx.server";

const currencies = new Map(CURRENCIES.map((c) => [c.code, c]));
const table = new RateTable(
  new Map([
    ["BRL", { rate: "5.3512", effectiveDate: "2026-11-27" }],
    ["CNY", { rate: "7.1035", effectiveDate: "2026-11-27" }],
    ["CLP", { rate: "941.2", effectiveDate: "2026-11-26" }],
  ]),
  currencies,
);
const money = (amountMinor: bigint, code: string) => ({ amountMinor, currency: currencies.get(code)! });

describe("conversion through dated USD rates", () => {
  it("converts USD into BRL and says which rate date it used", () => {
    expect(table.convert(money(1000n, "USD"), "BRL")).toEqual({ money: money(5351n, "BRL"), rateDates: ["2026-11-27"] });
  });

  it("crosses CNY → BRL exactly, rounding once", () => {
    // 100.00 CNY / 7.1035 × 5.3512 = 75.3319…  BRL
    const result = table.convert(money(10_000n, "CNY"), "BRL")!;
    expect(result.money.amountMinor).toBe(7533n);
    expect(result.rateDates).toEqual(["2026-11-27", "2026-11-27"]);
  });

  it("converts into CLP, which has no minor unit", () => {
    // 12.34 USD × 941.2 = 11614.408 → 11614
    expect(table.convert(money(1234n, "USD"), "CLP")!.money.amountMinor).toBe(11_614n);
    // 100.00 CNY → USD 14.0775… → CLP 13249.8…  = 13250
    expect(table.convert(money(10_000n, "CNY"), "CLP")!.money.amountMinor).toBe(13_250n);
  });

  it("answers null when a rate is missing", () => {
    expect(table.convert(money(100n, "USD"), "MZN")).toBeNull();
  });
});
