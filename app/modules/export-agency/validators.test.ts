import { describe, expect, it } from "vitest";

import {
  containerCheckDigit,
  formatAirWaybill,
  isValidAirWaybill,
  isValidContainerNumber,
  isValidHsCode,
  isValidUscc,
  normalizeContainerNumber,
  normalizeHsCodeInput,
} from "./validators";

describe("isValidAirWaybill (check digit = 7-digit serial mod 7)", () => {
  it("accepts the domain reference vector and our own", () => {
    expect(isValidAirWaybill("123-12345675")).toBe(true); // 1234567 mod 7 = 5
    expect(isValidAirWaybill("784-76543213")).toBe(true); // 7654321 = 7 × 1093474 + 3
    expect(isValidAirWaybill("78476543213")).toBe(true); // 11 bare digits
    expect(isValidAirWaybill("160 99999992")).toBe(true); // 9999999 = 7 × 1428571 + 2
    expect(isValidAirWaybill("176-10000001")).toBe(true); // 1000000 = 7 × 142857 + 1
  });

  it("rejects a wrong check digit, a wrong length or letters", () => {
    expect(isValidAirWaybill("123-12345674")).toBe(false);
    expect(isValidAirWaybill("784-76543214")).toBe(false);
    expect(isValidAirWaybill("784-7654321")).toBe(false);
    expect(isValidAirWaybill("784-765432133")).toBe(false);
    expect(isValidAirWaybill("ABC-12345675")).toBe(false);
    expect(isValidAirWaybill("")).toBe(false);
  });

  it("folds full-width input (NFKC)", () => {
    expect(isValidAirWaybill("１２３－１２３４５６７５")).toBe(true);
    expect(formatAirWaybill(" ７８４７６５４３２１３ ")).toBe("784-76543213");
    expect(formatAirWaybill("123-12345674")).toBeNull();
  });
});

describe("isValidContainerNumber (ISO 6346)", () => {
  it("accepts the domain reference vectors", () => {
    for (const code of ["CSQU3054383", "APZU4812090", "TRDU9258963"]) expect(isValidContainerNumber(code)).toBe(true);
  });

  it("rejects MSCU6639871 (its check digit computes to 0)", () => {
    expect(containerCheckDigit("MSCU663987")).toBe(0);
    expect(isValidContainerNumber("MSCU6639871")).toBe(false);
    expect(isValidContainerNumber("MSCU6639870")).toBe(true);
  });

  it("computes a check digit by hand", () => {
    // MSKU123456: M=24 S=30 K=21 U=32 (letter value skips 11, 22, 33), weights 2^0..2^9:
    // 24·1 + 30·2 + 21·4 + 32·8 + 1·16 + 2·32 + 3·64 + 4·128 + 5·256 + 6·512 = 5560; 5560 mod 11 = 5 (11·505 = 5555)
    expect(containerCheckDigit("MSKU123456")).toBe(5);
    expect(isValidContainerNumber("MSKU1234565")).toBe(true);
    expect(isValidContainerNumber("MSKU1234564")).toBe(false);
  });

  it("accepts spaced / dashed / full-width / lower-case forms and refuses other categories", () => {
    expect(normalizeContainerNumber("csqu 305438-3")).toBe("CSQU3054383");
    expect(isValidContainerNumber("ＣＳＱＵ３０５４３８３")).toBe(true);
    expect(isValidContainerNumber("CSQX3054383")).toBe(false); // category must be U, J or Z
    expect(isValidContainerNumber("CSQU305438")).toBe(false);
  });
});

describe("isValidUscc (GB 32100, the tenancy tax-id rule)", () => {
  it("accepts valid codes, also full-width and lower-case", () => {
    expect(isValidUscc("91350100M000100Y43")).toBe(true);
    expect(isValidUscc("91110000100010433L")).toBe(true);
    expect(isValidUscc("９１３５０１００Ｍ０００１００Ｙ４３")).toBe(true);
    expect(isValidUscc("91350100m000100y43")).toBe(true);
  });

  it("rejects a wrong check character or shape", () => {
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
    expect(isValidUscc("91440400MA4UTY4R4D")).toBe(false);
    expect(isValidUscc("9135010")).toBe(false);
  });
});

describe("isValidHsCode (6 or 10 digits)", () => {
  it("accepts subheadings and China 10-digit codes with separators or full width", () => {
    expect(isValidHsCode("841510")).toBe(true);
    expect(isValidHsCode("8415.10")).toBe(true);
    expect(isValidHsCode("8415102100")).toBe(true);
    expect(isValidHsCode("8415.10.21.00")).toBe(true);
    expect(isValidHsCode("８５１７１３")).toBe(true);
    expect(normalizeHsCodeInput("8517 13 00 00")).toBe("8517130000");
  });

  it("rejects other lengths and chapters outside 01–97", () => {
    expect(isValidHsCode("8415")).toBe(false);
    expect(isValidHsCode("84151021")).toBe(false);
    expect(isValidHsCode("981510")).toBe(false);
    expect(isValidHsCode("0015102100")).toBe(false);
    expect(isValidHsCode("84151A")).toBe(false);
  });
});
