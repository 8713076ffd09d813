import { describe, expect, it } from "vitest";
import { OperatorScopeError, operatorScopedArgs } from "./operator-scope.server";

const OPERATOR = "01a24a44-5051-7760-8a74-427173fc1f7f";

describe("operatorScopedArgs", () => {
  it("reaches participations only through the operator's storefronts", () => {
    expect(operatorScopedArgs("StorefrontParticipation", "findMany", { where: { status: "INVITED" } }, OPERATOR)).toEqual({
      where: { status: "INVITED", AND: [{ storefront: { organizationId: OPERATOR } }] },
    });
  });

  it("lets the operator invite, re-invite and withdraw, never answer for the manufacturer", () => {
    expect(() => operatorScopedArgs("StorefrontParticipation", "create", { data: { storefrontId: "s", organizationId: "m", message: "hi" } }, OPERATOR)).not.toThrow();
    expect(() => operatorScopedArgs("StorefrontParticipation", "updateMany", { where: {}, data: { status: "WITHDRAWN" } }, OPERATOR)).not.toThrow();
    for (const status of ["ACCEPTED", "DECLINED", "LEFT"]) {
      expect(() => operatorScopedArgs("StorefrontParticipation", "updateMany", { where: {}, data: { status } }, OPERATOR)).toThrow(OperatorScopeError);
      expect(() => operatorScopedArgs("StorefrontParticipation", "create", { data: { storefrontId: "s", organizationId: "m", status } }, OPERATOR)).toThrow(OperatorScopeError);
    }
    expect(() => operatorScopedArgs("StorefrontParticipation", "update", { where: { id: "p" }, data: { respondedAt: new Date() } }, OPERATOR)).toThrow(OperatorScopeError);
    expect(() => operatorScopedArgs("StorefrontParticipation", "update", { where: { id: "p" }, data: { organizationId: "other" } }, OPERATOR)).toThrow(OperatorScopeError);
    expect(() => operatorScopedArgs("StorefrontParticipation", "update", { where: { id: "p" }, data: { booth: { connect: { id: "b" } } } }, OPERATOR)).toThrow(OperatorScopeError);
    expect(() => operatorScopedArgs("StorefrontParticipation", "deleteMany", { where: {} }, OPERATOR)).toThrow(OperatorScopeError);
    expect(() => operatorScopedArgs("StorefrontParticipation", "upsert", { where: { id: "p" }, create: {}, update: {} }, OPERATOR)).toThrow(OperatorScopeError);
  });

  it("reads traffic of its storefronts only, and never writes it", () => {
    expect(operatorScopedArgs("ShowroomTrafficDaily", "groupBy", { by: ["day"] }, OPERATOR)).toEqual({ by: ["day"], where: { AND: [{ operatorOrganizationId: OPERATOR }] } });
    expect(() => operatorScopedArgs("ShowroomTrafficDaily", "updateMany", { data: { count: 0 } }, OPERATOR)).toThrow(OperatorScopeError);
  });

  it("refuses a manufacturer's products and leads, and writes to shared rows", () => {
    for (const model of ["Product", "ProductTranslation", "PriceTier", "ShowroomLead", "ShowroomLeadReply", "Order"]) {
      expect(() => operatorScopedArgs(model, "findMany", {}, OPERATOR)).toThrow(OperatorScopeError);
    }
    expect(() => operatorScopedArgs("Organization", "update", { where: { id: OPERATOR }, data: { name: "x" } }, OPERATOR)).toThrow(OperatorScopeError);
    expect(operatorScopedArgs("Organization", "findMany", { where: { kind: "MANUFACTURER" } }, OPERATOR)).toEqual({ where: { kind: "MANUFACTURER" } });
  });

  it("passes the operator's own rows on to the tenancy scope unchanged", () => {
    expect(operatorScopedArgs("StorefrontBooth", "findMany", { where: { code: "A-01" } }, OPERATOR)).toEqual({ where: { code: "A-01" } });
  });
});
