import { describe, expect, it } from "vitest";
import { checkTiers, tierForQuantity, type PriceTierValue } from "./price-tiers";

const tier = (minQuantity: number, unitPriceMinor: bigint): PriceTierValue => ({ minQuantity, unitPriceMinor });

describe("tierForQuantity", () => {
  // Written out of order on purpose: the choice must not depend on the order tiers arrive in.
  const tiers = [tier(500, 980n), tier(100, 1200n), tier(1000, 900n)];

  it("answers null below the first tier (the MOQ)", () => {
    expect(tierForQuantity(tiers, 99)).toBeNull();
    expect(tierForQuantity([], 5)).toBeNull();
  });

  it("takes a tier from its exact minimum on", () => {
    expect(tierForQuantity(tiers, 100)).toEqual(tier(100, 1200n));
    expect(tierForQuantity(tiers, 499)).toEqual(tier(100, 1200n));
    expect(tierForQuantity(tiers, 500)).toEqual(tier(500, 980n));
    expect(tierForQuantity(tiers, 999)).toEqual(tier(500, 980n));
    expect(tierForQuantity(tiers, 1000)).toEqual(tier(1000, 900n));
    expect(tierForQuantity(tiers, 1_000_000)).toEqual(tier(1000, 900n));
  });

  it("keeps the largest minimum not above the quantity, whichever order the tiers come in", () => {
    expect(tierForQuantity([tier(1000, 900n), tier(500, 980n), tier(100, 1200n)], 700)).toEqual(tier(500, 980n));
    expect(tierForQuantity([tier(100, 1200n), tier(500, 980n), tier(1000, 900n)], 700)).toEqual(tier(500, 980n));
  });

  it("answers the caller's own tier object", () => {
    const own = { ...tier(10, 50n), id: "t1" };
    expect(tierForQuantity([own], 10)).toBe(own);
  });
});

describe("checkTiers", () => {
  it("accepts tiers from the MOQ, growing in quantity and falling or flat in price, in any order", () => {
    expect(checkTiers([tier(100, 1200n), tier(500, 980n), tier(1000, 980n)], 100)).toBeNull();
    expect(checkTiers([tier(1000, 900n), tier(100, 1200n), tier(500, 980n)], 100)).toBeNull();
    expect(checkTiers([tier(1, 1n)], 1)).toBeNull();
  });

  it("refuses no tiers", () => {
    expect(checkTiers([], 1)).toBe("empty");
  });

  it("refuses a first tier other than the MOQ, above or below it", () => {
    expect(checkTiers([tier(200, 1000n)], 100)).toBe("first_not_moq");
    expect(checkTiers([tier(50, 1000n), tier(100, 900n)], 100)).toBe("first_not_moq");
  });

  it("refuses a zero or negative price, in the first tier or a later one", () => {
    expect(checkTiers([tier(100, 0n)], 100)).toBe("non_positive");
    expect(checkTiers([tier(100, -5n)], 100)).toBe("non_positive");
    expect(checkTiers([tier(100, 1000n), tier(500, 0n)], 100)).toBe("non_positive");
  });

  it("refuses two tiers with the same minimum", () => {
    expect(checkTiers([tier(100, 1000n), tier(500, 900n), tier(500, 800n)], 100)).toBe("not_ascending");
    expect(checkTiers([tier(100, 1000n), tier(100, 1000n)], 100)).toBe("not_ascending");
  });

  it("refuses a tier that charges more per unit for buying more", () => {
    expect(checkTiers([tier(100, 1000n), tier(500, 1001n)], 100)).toBe("price_increases");
    expect(checkTiers([tier(100, 1000n), tier(500, 900n), tier(1000, 950n)], 100)).toBe("price_increases");
  });

  it("does not reorder the caller's array", () => {
    const tiers = [tier(500, 900n), tier(100, 1000n)];
    checkTiers(tiers, 100);
    expect(tiers.map((t) => t.minQuantity)).toEqual([500, 100]);
  });
});
