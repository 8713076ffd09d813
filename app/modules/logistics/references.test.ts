import { describe, expect, it } from "vitest";
import { airWaybillForm, isValidTransportReference, normalizeTransportReference, referenceCandidates } from "./references";

describe("transport references", () => {
  it("stores air waybills as 784-76543213 whatever way they were typed", () => {
    for (const raw of ["784-76543213", "78476543213", "784 7654 3213", "７８４－７６５４３２１３", " 784-76543213 "]) {
      expect(normalizeTransportReference(raw, "AIR_WAYBILL")).toBe("784-76543213");
    }
    expect(airWaybillForm("MSCU1234565")).toBeNull();
  });

  it("stores containers compact and upper-case, other references folded", () => {
    expect(normalizeTransportReference("cSqu 305438-3", "CONTAINER")).toBe("CSQU3054383");
    expect(normalizeTransportReference(" cosu 6123 456780 ", "BILL_OF_LADING")).toBe("COSU6123456780");
    expect(normalizeTransportReference("ｊｄ１２３", "CONSIGNMENT")).toBe("JD123");
  });

  it("checks air waybill and container check digits", () => {
    expect(isValidTransportReference("784-76543213", "AIR_WAYBILL")).toBe(true);
    expect(isValidTransportReference("784-76543214", "AIR_WAYBILL")).toBe(false);
    expect(isValidTransportReference("CSQU3054383", "CONTAINER")).toBe(true);
    expect(isValidTransportReference("CSQU3054384", "CONTAINER")).toBe(false);
    expect(isValidTransportReference("  ", "CONSIGNMENT")).toBe(false);
  });

  it("looks an event's reference up in every form it may be stored in", () => {
    expect(referenceCandidates("78476543213")).toContain("784-76543213");
    expect(referenceCandidates("csqu 305438-3")).toContain("CSQU3054383");
    expect(referenceCandidates("HZMB-00042")).toEqual(expect.arrayContaining(["HZMB-00042", "HZMB00042"]));
  });
});
