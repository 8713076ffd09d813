import { describe, expect, it } from "vitest";
import { companyDefaults, hasChineseLegalName } from "./countries";
import { CompanyProfileSchema } from "./schemas";

/** Issue 13, item 16: the company form defaults by the site's language and asks for a Chinese name only in China. */
describe("the company form", () => {
  it("defaults by the site language: pt → buyer in Brazil, es → buyer in Mexico, zh → manufacturer in China", () => {
    expect(companyDefaults("pt")).toEqual({ kind: "BUYER", countryCode: "BR" });
    expect(companyDefaults("es")).toEqual({ kind: "BUYER", countryCode: "MX" });
    expect(companyDefaults("zh")).toEqual({ kind: "MANUFACTURER", countryCode: "CN" });
  });

  it("asks for a Chinese legal name only from companies in mainland China, Hong Kong and Macao", () => {
    expect(["CN", "HK", "MO", "cn "].map(hasChineseLegalName)).toEqual([true, true, true, true]);
    expect(["BR", "MX", "PT", "US", "", null].map(hasChineseLegalName)).toEqual([false, false, false, false, false, false]);
  });

  it("the server agrees: a Chinese legal name sent for a company elsewhere is not kept", () => {
    const base = { name: "Casa Nova Importadora", legalNameLatin: "Casa Nova Ltda.", legalNameZh: "新家进口公司" };
    expect(CompanyProfileSchema.parse({ ...base, countryCode: "BR" }).legalNameZh).toBeNull();
    expect(CompanyProfileSchema.parse({ ...base, countryCode: "MX" }).legalNameZh).toBeNull();
    expect(CompanyProfileSchema.parse({ ...base, countryCode: "CN" }).legalNameZh).toBe("新家进口公司");
    expect(CompanyProfileSchema.parse({ ...base, countryCode: "hk" }).legalNameZh).toBe("新家进口公司");
  });
});
