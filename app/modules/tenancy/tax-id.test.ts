import { describe, it, expect } from "vitest";

import { taxIdSchemeFor, validateTaxId } from "./tax-id";

// Every "valid" example below was checked against the published check-digit
// algorithm, not copied on trust.

describe("taxIdSchemeFor", () => {
  it("maps supported countries case-insensitively", () => {
    expect(taxIdSchemeFor("CN")).toBe("CN_USCC");
    expect(taxIdSchemeFor("br")).toBe("BR_CNPJ");
    expect(taxIdSchemeFor(" Mx ")).toBe("MX_RFC");
    expect(taxIdSchemeFor("pt")).toBe("PT_NIF");
  });

  it("falls back to OTHER", () => {
    expect(taxIdSchemeFor("US")).toBe("OTHER");
    expect(taxIdSchemeFor("AR")).toBe("OTHER");
    expect(taxIdSchemeFor("AO")).toBe("AO_NIF");
    expect(taxIdSchemeFor("")).toBe("OTHER");
  });
});

describe("empty input", () => {
  it.each(["CN", "BR", "MX", "PT", "US"])("%s: blank or separators only → empty", (country) => {
    expect(validateTaxId(country, "")).toMatchObject({ ok: false, reason: "empty" });
    expect(validateTaxId(country, "   ")).toMatchObject({ ok: false, reason: "empty" });
  });

  it("treats punctuation-only input as empty for checksum schemes", () => {
    expect(validateTaxId("BR", " ./- ")).toEqual({ ok: false, scheme: "BR_CNPJ", reason: "empty" });
  });
});

describe("CN — Unified Social Credit Code", () => {
  it.each(["91350100M000100Y43", "91110000802100433B", "91440300708461136T", "914403001922038216"])(
    "accepts %s",
    (code) => {
      expect(validateTaxId("CN", code)).toEqual({
        ok: true,
        scheme: "CN_USCC",
        normalized: code,
        formatted: code,
      });
    },
  );

  it("normalizes case, spaces and hyphens", () => {
    expect(validateTaxId("cn", " 9135 0100-m000 100y43 ")).toMatchObject({
      ok: true,
      normalized: "91350100M000100Y43",
    });
  });

  it("rejects a flipped check character or body character as checksum", () => {
    expect(validateTaxId("CN", "91350100M000100Y44")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("CN", "91350100M000100X43")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("CN", "91440400MA4UTY4R4D")).toMatchObject({ ok: false, reason: "checksum" });
  });

  it.each([
    ["too short", "91350100M000100Y4"],
    ["too long", "91350100M000100Y433"],
    ["forbidden letter I", "91350100M000100I43"],
    ["forbidden letter O", "91350100MO00100Y43"],
    ["forbidden letter Z", "91350100M000100Z43"],
    ["letter in division code", "9135A100M000100Y43"],
    ["non-alphanumeric", "91350100M000100Y4#"],
  ])("rejects %s as format", (_label, code) => {
    expect(validateTaxId("CN", code)).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("BR — CNPJ", () => {
  it("accepts a classic numeric CNPJ and formats it", () => {
    expect(validateTaxId("BR", "11.222.333/0001-81")).toEqual({
      ok: true,
      scheme: "BR_CNPJ",
      normalized: "11222333000181",
      formatted: "11.222.333/0001-81",
    });
    expect(validateTaxId("BR", "00000000000191")).toMatchObject({ ok: true, formatted: "00.000.000/0001-91" });
    expect(validateTaxId("BR", "33 000 167 0001 01")).toMatchObject({ ok: true, normalized: "33000167000101" });
  });

  it("accepts the alphanumeric CNPJ (Receita Federal example)", () => {
    expect(validateTaxId("BR", "12ABC34501DE35")).toEqual({
      ok: true,
      scheme: "BR_CNPJ",
      normalized: "12ABC34501DE35",
      formatted: "12.ABC.345/01DE-35",
    });
    expect(validateTaxId("BR", "12.abc.345/01de-35")).toMatchObject({ ok: true, normalized: "12ABC34501DE35" });
  });

  it("rejects wrong check digits as checksum", () => {
    expect(validateTaxId("BR", "11.222.333/0001-82")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("BR", "11.222.333/0001-91")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("BR", "12ABC34501DF35")).toMatchObject({ ok: false, reason: "checksum" });
  });

  it.each([
    ["all zeros", "00000000000000"],
    ["all ones", "11.111.111/1111-11"],
    ["too short", "1122233300018"],
    ["too long", "112223330001810"],
    ["letter in check digits", "12ABC34501DE3A"],
    ["non-alphanumeric", "12ABC3450_DE35"],
  ])("rejects %s as format", (_label, code) => {
    expect(validateTaxId("BR", code)).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("MX — RFC", () => {
  it.each([
    ["persona moral (SAT test RFC)", "EKU9003173C9"],
    ["persona moral (SAT)", "SAT970701NN3"],
    ["persona moral with &", "A&A010101007"],
    ["persona física", "GODE561231GR8"],
    ["persona física with Ñ", "ÑAAA010101005"],
  ])("accepts %s", (_label, code) => {
    expect(validateTaxId("MX", code)).toEqual({ ok: true, scheme: "MX_RFC", normalized: code, formatted: code });
  });

  it("accepts SAT's generic RFCs", () => {
    expect(validateTaxId("MX", "XAXX010101000")).toMatchObject({ ok: true, normalized: "XAXX010101000" });
    expect(validateTaxId("MX", "XEXX010101000")).toMatchObject({ ok: true, normalized: "XEXX010101000" });
  });

  it("normalizes case and separators, including ñ", () => {
    expect(validateTaxId("mx", " eku-900317-3c9 ")).toMatchObject({ ok: true, normalized: "EKU9003173C9" });
    expect(validateTaxId("MX", "ñaaa 010101 005")).toMatchObject({ ok: true, normalized: "ÑAAA010101005" });
  });

  it("rejects a wrong check character as checksum", () => {
    expect(validateTaxId("MX", "EKU9003173C8")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("MX", "GODE561231GRA")).toMatchObject({ ok: false, reason: "checksum" });
  });

  it("validates the embedded date", () => {
    expect(validateTaxId("MX", "ABC040229AB6")).toMatchObject({ ok: true }); // 2004 leap day
    expect(validateTaxId("MX", "ABC000229AB5")).toMatchObject({ ok: true }); // 2000 leap day
    expect(validateTaxId("MX", "ABC030229AB0")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("MX", "ABC010230AB0")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("MX", "ABC010431AB0")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("MX", "ABC011301AB0")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("MX", "ABC010100AB0")).toMatchObject({ ok: false, reason: "format" });
  });

  it.each([
    ["too short", "EKU9003173C"],
    ["too long", "GODE561231GR89"],
    ["digit in name part", "E1U9003173C9"],
    ["5-letter name part", "GODEX561231G8"],
    ["invalid check character", "EKU9003173CB"],
  ])("rejects %s as format", (_label, code) => {
    expect(validateTaxId("MX", code)).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("PT — NIF / NIPC", () => {
  it.each(["501964843", "500000000", "123456789", "999999990", "450000001", "700000003"])("accepts %s", (code) => {
    expect(validateTaxId("PT", code)).toEqual({ ok: true, scheme: "PT_NIF", normalized: code, formatted: code });
  });

  it("strips the PT VAT prefix and separators", () => {
    expect(validateTaxId("PT", "PT501964843")).toMatchObject({ ok: true, normalized: "501964843" });
    expect(validateTaxId("pt", "pt 501 964 843")).toMatchObject({ ok: true, normalized: "501964843" });
    expect(validateTaxId("PT", "501-964-843")).toMatchObject({ ok: true, normalized: "501964843" });
  });

  it("rejects a wrong check digit as checksum", () => {
    expect(validateTaxId("PT", "501964844")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("PT", "PT980123450")).toMatchObject({ ok: false, reason: "checksum" });
  });

  it.each([
    ["too short", "50196484"],
    ["too long", "5019648430"],
    ["letters", "50196484X"],
    ["leading 0", "012345678"],
    ["leading 4 outside 45", "400000000"],
    ["leading 73", "730000000"],
    ["PT prefix only", "PT"],
    ["foreign VAT prefix", "ES501964843"],
  ])("rejects %s as format", (_label, code) => {
    expect(validateTaxId("PT", code)).toMatchObject({ ok: false, reason: "format" });
  });

  it("only strips the PT prefix for Portugal", () => {
    expect(validateTaxId("BR", "PT501964843")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("OTHER", () => {
  it("accepts any printable 3..40 character identifier", () => {
    expect(validateTaxId("US", "12-3456789")).toEqual({
      ok: true,
      scheme: "OTHER",
      normalized: "12-3456789",
      formatted: "12-3456789",
    });
    expect(validateTaxId("DE", "abc")).toMatchObject({ ok: true });
    expect(validateTaxId("DE", "x".repeat(40))).toMatchObject({ ok: true });
  });

  it("trims and collapses internal whitespace", () => {
    expect(validateTaxId("AR", "  30 \t 123\n456-7  ")).toMatchObject({ ok: true, normalized: "30 123 456-7" });
  });

  it("rejects too short, too long and non-printable input as format", () => {
    expect(validateTaxId("US", "ab")).toMatchObject({ ok: false, scheme: "OTHER", reason: "format" });
    expect(validateTaxId("US", "x".repeat(41))).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("US", "abc\u0000def")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("CO — NIT (DIAN check digit)", () => {
  it("accepts a NIT with its DV and stores one form", () => {
    expect(validateTaxId("CO", "800197268-4")).toEqual({ ok: true, scheme: "CO_NIT", normalized: "800197268-4", formatted: "800.197.268-4" });
    expect(validateTaxId("CO", "800.197.268-4")).toMatchObject({ ok: true, normalized: "800197268-4" });
    expect(validateTaxId("CO", "8001972684")).toMatchObject({ ok: true, normalized: "800197268-4" });
    // The seeded Bogotá buyer's NIT: its DV is 4, not 1.
    expect(validateTaxId("CO", "900456789-4")).toMatchObject({ ok: true });
  });

  it("refuses a wrong DV and anything that is not digits", () => {
    expect(validateTaxId("CO", "800197268-5")).toMatchObject({ ok: false, scheme: "CO_NIT", reason: "checksum" });
    expect(validateTaxId("CO", "900456789-1")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("CO", "abc")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("CO", "12345")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("CL — RUT (mod 11 with K)", () => {
  it("accepts a RUT with its DV, K included, in one stored form", () => {
    expect(validateTaxId("CL", "60.803.000-K")).toEqual({ ok: true, scheme: "CL_RUT", normalized: "60803000-K", formatted: "60.803.000-K" });
    expect(validateTaxId("CL", "60803000k")).toMatchObject({ ok: true, normalized: "60803000-K" });
    expect(validateTaxId("CL", "12.345.678-5")).toMatchObject({ ok: true, normalized: "12345678-5" });
  });

  it("refuses a wrong DV and other shapes", () => {
    expect(validateTaxId("CL", "60.803.000-1")).toMatchObject({ ok: false, scheme: "CL_RUT", reason: "checksum" });
    expect(validateTaxId("CL", "12.345.678-K")).toMatchObject({ ok: false, reason: "checksum" });
    expect(validateTaxId("CL", "abc")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("AO NIF and MZ NUIT — shape", () => {
  it("wants 10 digits for an Angolan company and 9 for a Mozambican NUIT", () => {
    expect(validateTaxId("AO", "5417 0933 21")).toMatchObject({ ok: true, scheme: "AO_NIF", normalized: "5417093321" });
    expect(validateTaxId("AO", "541709332")).toMatchObject({ ok: false, reason: "format" });
    expect(validateTaxId("MZ", "400 561 278")).toMatchObject({ ok: true, scheme: "MZ_NUIT", normalized: "400561278" });
    expect(validateTaxId("MZ", "40056127")).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("PT — NIF prefixes", () => {
  const withCheck = (eight: string) => {
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(eight.charAt(i)) * (9 - i);
    const r = sum % 11;
    return eight + String(r < 2 ? 0 : 11 - r);
  };
  it("accepts 78 (non-residents under the VAT-refund scheme)", () => {
    expect(validateTaxId("PT", withCheck("78012345"))).toMatchObject({ ok: true });
  });
  it.each(["8", "92", "93", "94", "95", "96", "97"])("refuses the prefix %s", (prefix) => {
    expect(validateTaxId("PT", withCheck(prefix.padEnd(8, "1")))).toMatchObject({ ok: false, reason: "format" });
  });
});

describe("full-width input from Chinese keyboards", () => {
  it("folds full-width digits and letters (NFKC)", () => {
    const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(validateTaxId("CN", fullWidth("91440400MA4WK70X0Y")).ok).toBe(validateTaxId("CN", "91440400MA4WK70X0Y").ok);
    expect(validateTaxId("PT", fullWidth("501964843"))).toMatchObject({ ok: true, normalized: "501964843" });
    expect(validateTaxId("CO", "８００１９７２６８－４")).toMatchObject({ ok: true, normalized: "800197268-4" });
  });
});
