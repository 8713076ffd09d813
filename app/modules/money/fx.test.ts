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

describe("rounding once, half to even", () => {
  const tens = new RateTable(new Map([["CLP", { rate: "10", effectiveDate: "2026-11-27" }]]), currencies);
  const toClp = (cents: bigint) => tens.convert(money(cents, "USD"), "CLP")!.money.amountMinor;

  it("sends exact halves to the even neighbour, up and down", () => {
    // 0.05 USD × 10 = 0.5 CLP → 0; 0.15 → 1.5 → 2; 0.25 → 2.5 → 2; 0.35 → 3.5 → 4.
    expect([5n, 15n, 25n, 35n].map(toClp)).toEqual([0n, 2n, 2n, 4n]);
  });

  it("rounds anything but a half to the nearest", () => {
    // 0.04 → 0.4 → 0; 0.06 → 0.6 → 1; 0.24 → 2.4 → 2; 0.26 → 2.6 → 3.
    expect([4n, 6n, 24n, 26n].map(toClp)).toEqual([0n, 1n, 2n, 3n]);
  });

  it("rounds refunds (negative amounts) symmetrically", () => {
    expect([-5n, -15n, -25n, -26n, -24n].map(toClp)).toEqual([0n, -2n, -2n, -3n, -2n]);
  });

  it("divides out of a currency without minor units, and back", () => {
    // 25 CLP / 10 = 2.50 USD exactly; 1 CLP = 0.10 USD.
    expect(tens.convert(money(25n, "CLP"), "USD")!.money.amountMinor).toBe(250n);
    expect(tens.convert(money(1n, "CLP"), "USD")).toEqual({ money: money(10n, "USD"), rateDates: ["2026-11-27"] });
  });

  it("reads rates with trailing zeros as the same exact decimals (as the database returns them)", () => {
    const padded = new RateTable(new Map([["CLP", { rate: "941.200000000000", effectiveDate: "2026-11-26" }], ["BRL", { rate: "5.350000000000", effectiveDate: "2026-11-27" }]]), currencies);
    expect(padded.convert(money(1234n, "USD"), "CLP")!.money.amountMinor).toBe(11_614n);
    // 100.00 BRL / 5.35 = 18.6915… USD → 18.69; into CLP: 100 / 5.35 × 941.2 = 17592.5233… → 17593.
    expect(padded.convert(money(10_000n, "BRL"), "USD")!.money.amountMinor).toBe(1869n);
    expect(padded.convert(money(10_000n, "BRL"), "CLP")!.money.amountMinor).toBe(17_593n);
  });

  it("keeps a currency's own amount untouched and unknown currencies an error", () => {
    const same = money(1234n, "BRL");
    expect(table.convert(same, "BRL")).toEqual({ money: same, rateDates: [] });
    expect(() => table.convert(same, "XYZ")).toThrow("Unknown currency XYZ");
    expect(table.convert(money(100n, "MZN"), "USD")).toBeNull();
    expect(table.usdRate("USD")).toEqual({ rate: "1", effectiveDate: null });
    expect(table.usdRate("BRL")).toEqual({ rate: "5.3512", effectiveDate: "2026-11-27" });
  });
});
