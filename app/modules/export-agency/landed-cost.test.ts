import { describe, expect, it } from "vitest";

import {
  angolaImportTaxes,
  brazilImportTaxes,
  dutyAndVatImportTaxes,
  estimateLandedCost,
  euImportTaxes,
  mexicoImportTaxes,
  mozambiqueImportTaxes,
  ratesInForce,
  type ImportTaxKindName,
  type ImportTaxRateValue,
} from "./landed-cost";

const rates = (entries: Record<string, string>, fixed: Record<string, bigint> = {}) =>
  new Map(Object.entries(entries).map(([k, rate]) => [k as ImportTaxKindName, { rate, fixedMinor: fixed[k] ?? null }]));

describe("brazilImportTaxes (domain reference §5.1)", () => {
  it("reproduces the worked example: CIF 10,000 → landed 16,993.90", () => {
    // II = 10,000 × 16% = 1,600; IPI = 11,600 × 10% = 1,160; PIS = 10,000 × 2.1% = 210; COFINS = 10,000 × 9.65% = 965
    // ICMS base = 13,935 / 0.82 = 16,993.902… → 16,993.90; ICMS = 16,993.90 − 13,935 = 3,058.90
    const t = brazilImportTaxes({ customsValueMinor: 1_000_000n, rates: { ii: "0.16", ipi: "0.10", pis: "0.021", cofins: "0.0965", icms: "0.18" } });
    expect(t).toEqual({ ii: 160_000n, ipi: 116_000n, pis: 21_000n, cofins: 96_500n, icms: 305_890n, icmsBase: 1_699_390n, landed: 1_699_390n });
  });

  it("rounds once, half-even", () => {
    // CV 0.25 BRL: II = 25 × 0.1 = 2.5 → 2 (even); IPI = 27 × 0.1 = 2.7 → 3; PIS = 25 × 0.021 = 0.525 → 1;
    // COFINS = 25 × 0.0965 = 2.4125 → 2; sum 33; ICMS base = 33 / 0.82 = 40.24 → 40; ICMS = 7
    expect(brazilImportTaxes({ customsValueMinor: 25n, rates: { ii: "0.1", ipi: "0.1", pis: "0.021", cofins: "0.0965", icms: "0.18" } })).toMatchObject({ ii: 2n, ipi: 3n, pis: 1n, cofins: 2n, icms: 7n, landed: 40n });
  });
});

describe("mexicoImportTaxes (§5.2)", () => {
  it("100,000 at IGI 15% → 134,328", () => {
    // IGI = 15,000; DTA = 100,000 × 0.008 = 800; IVA = (100,000 + 15,000 + 800) × 16% = 18,528
    expect(mexicoImportTaxes({ customsValueMinor: 10_000_000n, rates: { igi: "0.15", dta: "0.008", iva: "0.16" } })).toEqual({ igi: 1_500_000n, dta: 80_000n, iva: 1_852_800n, landed: 13_432_800n });
  });
});

describe("euImportTaxes (§5.3)", () => {
  it("reproduces the reference: €10,000 at 2.7% with €150 inland → IVA €2,396.60", () => {
    // duty = 270; IVA base = 10,000 + 270 + 150 = 10,420; IVA = 23% = 2,396.60; landed (without the inland cost) 12,666.60
    const t = euImportTaxes({ customsValueMinor: 1_000_000n, postBorderCostsMinor: 15_000n, rates: { duty: "0.027", vat: "0.23" } });
    expect(t).toMatchObject({ duty: 27_000n, lowValueFee: 0n, vatBase: 1_042_000n, vat: 239_660n, landed: 1_266_660n, isLowValue: false });
  });

  it("a parcel under €150 pays €3 per item category once the fee is in force, and no ad valorem duty", () => {
    // intrinsic €100, CV €120, 2 categories: fee = 2 × €3 = €6; IVA = (120 + 6) × 23% = 28.98; landed = 154.98
    const low = { intrinsicValueMinor: 10_000n, itemCategories: 2, feePerCategoryMinor: 300n };
    expect(euImportTaxes({ customsValueMinor: 12_000n, rates: { duty: "0.027", vat: "0.23" }, lowValue: low })).toMatchObject({ duty: 0n, lowValueFee: 600n, vat: 2_898n, landed: 15_498n });
    // Before 2026-07-01 (no fee row): relief only; IVA = 120 × 23% = 27.60
    expect(euImportTaxes({ customsValueMinor: 12_000n, rates: { duty: "0.027", vat: "0.23" }, lowValue: { ...low, feePerCategoryMinor: null } })).toMatchObject({ duty: 0n, lowValueFee: 0n, vat: 2_760n });
    // €150 exactly is not under €150: ad valorem duty = 180 × 2.7% = 4.86
    expect(euImportTaxes({ customsValueMinor: 18_000n, rates: { duty: "0.027", vat: "0.23" }, lowValue: { ...low, intrinsicValueMinor: 15_000n } })).toMatchObject({ duty: 486n, lowValueFee: 0n });
  });
});

describe("Angola, Mozambique, Chile, Colombia, Peru", () => {
  it("Angola: duty, 2% fee, 1% stamp on CIF; VAT 14% on all of it", () => {
    // CV 100,000.00: duty 20% = 20,000; fee 2,000; stamp 1,000; VAT = 123,000 × 14% = 17,220; landed 140,220
    expect(angolaImportTaxes({ customsValueMinor: 10_000_000n, rates: { duty: "0.20", customsFee: "0.02", stamp: "0.01", vat: "0.14" } })).toEqual({ duty: 2_000_000n, customsFee: 200_000n, stamp: 100_000n, vat: 1_722_000n, landed: 14_022_000n });
  });

  it("Mozambique: duty and service fee on CIF; VAT 16% on CV + duty + fee", () => {
    // CV 100,000.00: duty 20,000; fee 1% = 1,000; VAT = 121,000 × 16% = 19,360; landed 140,360
    expect(mozambiqueImportTaxes({ customsValueMinor: 10_000_000n, rates: { duty: "0.20", serviceFee: "0.01", vat: "0.16" } })).toEqual({ duty: 2_000_000n, serviceFee: 100_000n, vat: 1_936_000n, landed: 14_036_000n });
  });

  it("Chile in CLP (no minor unit), Peru (IGV 16% + IPM 2%), Colombia with half-even rounding", () => {
    // CL: CLP 1,000,000 × 6% = 60,000; IVA 19% × 1,060,000 = 201,400
    expect(dutyAndVatImportTaxes({ customsValueMinor: 1_000_000n, rates: { duty: "0.06", vat: "0.19" } })).toEqual({ duty: 60_000n, vat: 201_400n, landed: 1_261_400n });
    // PE: 10,000.00 × 6% = 600; (10,600) × 18% = 1,908
    expect(dutyAndVatImportTaxes({ customsValueMinor: 1_000_000n, rates: { duty: "0.06", vat: "0.18" } })).toEqual({ duty: 60_000n, vat: 190_800n, landed: 1_250_800n });
    // CO: 123.50 × 5% = 6.175 → 6.18 (half to even: 617.5 → 618); IVA = 129.68 × 19% = 24.6392 → 24.64
    expect(dutyAndVatImportTaxes({ customsValueMinor: 12_350n, rates: { duty: "0.05", vat: "0.19" } })).toEqual({ duty: 618n, vat: 2_464n, landed: 15_432n });
    // 123.30 × 5% = 616.5 → 616 (even)
    expect(dutyAndVatImportTaxes({ customsValueMinor: 12_330n, rates: { duty: "0.05", vat: "0" } }).duty).toBe(616n);
  });
});

describe("estimateLandedCost (§5.6)", () => {
  const br = rates({ DUTY: "0.16", IPI: "0.10", PIS: "0.021", COFINS: "0.0965", ICMS: "0.18" });

  it("DDP to São Paulo: price normalised to FOB, CIF as customs value, ICMS grossed up, recoverable taxes apart", () => {
    // DDP price 12,000.00 = FOB + freight 1,000 + insurance 50 + destination charges 500 → FOB 10,450; CIF 11,500
    // II = 1,840; IPI = 13,340 × 10% = 1,334; PIS = 241.50; COFINS = 1,109.75; sum 16,025.25
    // ICMS base = 16,025.25 / 0.82 = 19,542.987… → 19,542.99; ICMS = 3,517.74
    // landed = 11,500 + 1,840 + (1,334 + 241.50 + 1,109.75 + 3,517.74) + 500 = 20,042.99; recoverable 6,202.99
    const e = estimateLandedCost({ countryCode: "BR", incoterm: "DDP", priceMinor: 1_200_000n, freightMinor: 100_000n, insuranceMinor: 5_000n, destinationChargesMinor: 50_000n, itemCategories: 1, rates: br });
    expect(e).toMatchObject({ ok: true, currency: "BRL", fobMinor: 1_045_000n, cifMinor: 1_150_000n, customsValueMinor: 1_150_000n, dutiesMinor: 184_000n, feesMinor: 0n, taxesMinor: 620_299n, landedMinor: 2_004_299n, recoverableMinor: 620_299n, netOfRecoverableMinor: 1_384_000n, dutiesPaidBy: "seller" });
    if (!e.ok) throw new Error("no estimate");
    expect(e.lines.find((l) => l.kind === "ICMS")).toMatchObject({ baseMinor: 1_954_299n, rate: "0.18", amountMinor: 351_774n, recoverable: true });
    expect(e.lines.find((l) => l.kind === "DUTY")).toMatchObject({ recoverable: false });
  });

  it("FOB and CIF prices reach the same customs value; the buyer pays the duties", () => {
    const common = { countryCode: "MX", freightMinor: 800_000n, insuranceMinor: 0n, destinationChargesMinor: 0n, itemCategories: 1, rates: rates({ DUTY: "0.15", DTA: "0.008", VAT: "0.16" }) };
    // FOB 92,000 + freight 8,000 = CIF 100,000 → the §5.2 example: 15,000 + 800 + 18,528; landed 134,328
    const fob = estimateLandedCost({ ...common, incoterm: "FOB", priceMinor: 9_200_000n });
    const cif = estimateLandedCost({ ...common, incoterm: "CIF", priceMinor: 10_000_000n });
    expect(fob).toMatchObject({ ok: true, customsValueMinor: 10_000_000n, landedMinor: 13_432_800n, recoverableMinor: 1_852_800n, dutiesPaidBy: "buyer" });
    expect(cif).toEqual(fob);
  });

  it("says which rates are missing, and refuses countries it has no rule for", () => {
    const e = estimateLandedCost({ countryCode: "BR", incoterm: "CIF", priceMinor: 1n, freightMinor: 0n, insuranceMinor: 0n, destinationChargesMinor: 0n, itemCategories: 1, rates: rates({ DUTY: "0.16", PIS: "0.021", COFINS: "0.0965", IPI: "0.1" }) });
    expect(e).toEqual({ ok: false, reason: "missing_rates", missing: ["ICMS"] });
    expect(estimateLandedCost({ countryCode: "US", incoterm: "CIF", priceMinor: 1n, freightMinor: 0n, insuranceMinor: 0n, destinationChargesMinor: 0n, itemCategories: 1, rates: br })).toMatchObject({ ok: false, reason: "no_country" });
  });

  it("Portugal: a low-value DAP parcel from 2026-07-01 carries the €3 line", () => {
    // DAP €130 = FOB 100 + freight 20 + destination 10; CV 120 (< €150 intrinsic 100): fee 3; IVA = (120 + 3 + 10) × 23% = 30.59
    // landed = 120 + 3 + 30.59 + 10 = 163.59
    const e = estimateLandedCost({ countryCode: "PT", incoterm: "DAP", priceMinor: 13_000n, freightMinor: 2_000n, insuranceMinor: 0n, destinationChargesMinor: 1_000n, itemCategories: 1, rates: rates({ DUTY: "0.027", VAT: "0.23", LOW_VALUE_ITEM_FEE: "0" }, { LOW_VALUE_ITEM_FEE: 300n }) });
    expect(e).toMatchObject({ ok: true, dutiesMinor: 300n, taxesMinor: 3_059n, landedMinor: 16_359n });
  });
});

describe("ratesInForce", () => {
  const row = (id: string, kind: ImportTaxKindName, rate: string, validFrom: string, extra: Partial<ImportTaxRateValue> = {}): ImportTaxRateValue => ({ id, countryCode: "BR", regionCode: "", hsPrefix: "", kind, rate, fixedMinor: null, currencyCode: null, validFrom, ...extra });
  const rows = [
    row("duty-all", "DUTY", "0.16", "2026-01-01"),
    row("duty-85", "DUTY", "0.18", "2026-01-01", { hsPrefix: "85" }),
    row("duty-8517", "DUTY", "0.12", "2026-01-01", { hsPrefix: "8517" }),
    row("duty-8517-later", "DUTY", "0.10", "2026-06-01", { hsPrefix: "8517" }),
    row("icms-sp", "ICMS", "0.18", "2026-01-01", { regionCode: "SP" }),
    row("icms-br", "ICMS", "0.17", "2026-03-01"),
    row("icms-sp-future", "ICMS", "0.19", "2027-01-01", { regionCode: "SP" }),
    row("vat-mx", "VAT", "0.16", "2026-01-01", { countryCode: "MX" }),
  ];
  const ids = (m: Map<ImportTaxKindName, ImportTaxRateValue>) => Object.fromEntries([...m].map(([k, v]) => [k, v.id]));

  it("longest prefix, then latest date; a state's row over the country's; nothing from the future or another country", () => {
    expect(ids(ratesInForce(rows, { countryCode: "BR", regionCode: "SP", hsCode: "851713", day: "2026-05-01" }))).toEqual({ DUTY: "duty-8517", ICMS: "icms-sp" });
    expect(ids(ratesInForce(rows, { countryCode: "BR", regionCode: "SP", hsCode: "8517130000", day: "2026-12-06" }))).toEqual({ DUTY: "duty-8517-later", ICMS: "icms-sp" });
    expect(ids(ratesInForce(rows, { countryCode: "BR", regionCode: "RJ", hsCode: "851671", day: "2026-12-06" }))).toEqual({ DUTY: "duty-85", ICMS: "icms-br" });
    expect(ids(ratesInForce(rows, { countryCode: "BR", regionCode: null, hsCode: "841510", day: "2026-02-01" }))).toEqual({ DUTY: "duty-all" });
  });
});
