import { describe, expect, it } from "vitest";
import { asksPostalCode, deliveryAddressLines, validateAddress, type AddressInput } from "./address";

const base = (over: Partial<AddressInput>): AddressInput => ({ countryCode: "BR", line1: "Av. Paulista, 1000", city: "São Paulo", region: "SP", postalCode: "01310-100", ...over });

function errorsOf(input: AddressInput) {
  const result = validateAddress(input);
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.key}`);
}

describe("Brazil", () => {
  it("accepts a CEP with or without the hyphen and a UF by code or name", () => {
    const result = validateAddress(base({ postalCode: "01310100", region: "São Paulo" }));
    expect(result).toMatchObject({ ok: true, address: { postalCode: "01310-100", region: "SP", countryCode: "BR" } });
  });

  it("refuses a CEP of the wrong shape, with the expected example", () => {
    const result = validateAddress(base({ postalCode: "1310-100" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ field: "postalCode", key: "cart.address.errors.postalCode", values: { example: "01310-100" } }]);
    expect(errorsOf(base({ postalCode: "01310-1000" }))).toEqual(["postalCode:cart.address.errors.postalCode"]);
  });

  it("requires a valid state", () => {
    expect(errorsOf(base({ region: "XX" }))).toEqual(["region:cart.address.errors.stateBR"]);
    expect(errorsOf(base({ region: "" }))).toEqual(["region:cart.address.errors.required"]);
    expect(errorsOf(base({ postalCode: "" }))).toEqual(["postalCode:cart.address.errors.required"]);
  });
});

describe("Mexico", () => {
  it("takes a 5-digit código postal and a state", () => {
    expect(validateAddress(base({ countryCode: "MX", postalCode: "06600", region: "CDMX", city: "Ciudad de México" }))).toMatchObject({ ok: true, address: { region: "CMX", postalCode: "06600" } });
    expect(errorsOf(base({ countryCode: "MX", postalCode: "6600", region: "Jalisco" }))).toEqual(["postalCode:cart.address.errors.postalCode"]);
    expect(errorsOf(base({ countryCode: "MX", postalCode: "06600", region: "Texas" }))).toEqual(["region:cart.address.errors.stateMX"]);
  });
});

describe("Portugal", () => {
  it("takes XXXX-XXX only", () => {
    expect(validateAddress(base({ countryCode: "PT", postalCode: "1100-148", region: "", city: "Lisboa" }))).toMatchObject({ ok: true, address: { postalCode: "1100-148" } });
    expect(errorsOf(base({ countryCode: "PT", postalCode: "1100148", region: "" }))).toEqual(["postalCode:cart.address.errors.postalCode"]);
  });
});

describe("Angola and Mozambique", () => {
  it("ask for no postal code", () => {
    expect(asksPostalCode("AO")).toBe(false);
    expect(asksPostalCode("MZ")).toBe(false);
    expect(asksPostalCode("BR")).toBe(true);
    expect(validateAddress(base({ countryCode: "AO", postalCode: "", region: "Luanda", city: "Luanda" })).ok).toBe(true);
    expect(validateAddress(base({ countryCode: "MZ", postalCode: "", region: "", city: "Maputo" })).ok).toBe(true);
  });
});

describe("other countries", () => {
  it("by their pattern: Colombia 6 digits, Chile 7, Argentina CPA, USA ZIP+4", () => {
    expect(validateAddress(base({ countryCode: "CO", postalCode: "110111", region: "" })).ok).toBe(true);
    expect(errorsOf(base({ countryCode: "CO", postalCode: "11011", region: "" }))).toEqual(["postalCode:cart.address.errors.postalCode"]);
    expect(validateAddress(base({ countryCode: "CL", postalCode: "8320000", region: "" })).ok).toBe(true);
    expect(validateAddress(base({ countryCode: "AR", postalCode: "c1002aap", region: "" }))).toMatchObject({ ok: true, address: { postalCode: "C1002AAP" } });
    expect(validateAddress(base({ countryCode: "US", postalCode: "10001-1234", region: "NY" })).ok).toBe(true);
  });

  it("optional where the code is little used (Cabo Verde), free text where the country is not listed", () => {
    expect(validateAddress(base({ countryCode: "CV", postalCode: "", region: "" })).ok).toBe(true);
    expect(validateAddress(base({ countryCode: "FR", postalCode: "75001", region: "" })).ok).toBe(true);
    expect(errorsOf(base({ countryCode: "FR", postalCode: "75001!!", region: "" }))).toEqual(["postalCode:cart.address.errors.postalCodeGeneric"]);
  });
});

describe("every country", () => {
  it("requires the street line and the city, refuses overlong fields and a bad phone", () => {
    expect(errorsOf(base({ line1: "  ", city: "" }))).toEqual(["line1:cart.address.errors.required", "city:cart.address.errors.required"]);
    expect(errorsOf(base({ line2: "x".repeat(201) }))).toEqual(["line2:cart.address.errors.tooLong"]);
    expect(errorsOf(base({ phone: "call me" }))).toEqual(["phone:cart.address.errors.phone"]);
    expect(validateAddress(base({ phone: "+55 (11) 3000-0000" })).ok).toBe(true);
  });

  it("refuses a malformed country code", () => {
    expect(errorsOf(base({ countryCode: "Brasil" }))).toEqual(["countryCode:cart.address.errors.country"]);
  });

  it("collapses whitespace", () => {
    expect(validateAddress(base({ line1: "  Av.   Paulista,  1000 " }))).toMatchObject({ ok: true, address: { line1: "Av. Paulista, 1000" } });
  });
});

describe("deliveryAddressLines", () => {
  it("writes the recipient, street, postal code with city and state, and the country's name in the viewer's language", () => {
    const address = { countryCode: "BR", recipient: "Casa Paulista", line1: "Rua Vergueiro, 1200", line2: "", city: "São Paulo", region: "SP", postalCode: "01504-000", phone: "+55 11 5555-0100" };
    expect(deliveryAddressLines(address, "pt")).toEqual(["Casa Paulista", "Rua Vergueiro, 1200", "01504-000 São Paulo SP", "Brasil", "+55 11 5555-0100"]);
    expect(deliveryAddressLines(address, "zh")[3]).toBe("巴西");
    expect(deliveryAddressLines({ countryCode: "mx", line1: "Av. Insurgentes Sur 1457", city: "Ciudad de México" }, "es")).toEqual(["Av. Insurgentes Sur 1457", "Ciudad de México", "México"]);
    expect(deliveryAddressLines(null, "en")).toEqual([]);
  });
});
