import { describe, expect, it } from "vitest";
import { actionsFrom, DECLARATION_STATUSES, isEditable, mayApply, TRANSITIONS } from "./declaration-status";

describe("declaration status table", () => {
  it("walks draft → validated → submitted → released → cleared", () => {
    expect(actionsFrom("DRAFT")).toEqual(["validate"]);
    expect(actionsFrom("VALIDATED")).toEqual(["reopen", "submit"]);
    expect(actionsFrom("SUBMITTED")).toEqual(["release", "reject", "amend"]);
    expect(actionsFrom("RELEASED")).toEqual(["clear", "reject", "amend"]);
    expect(actionsFrom("CLEARED")).toEqual(["amend"]);
    expect(actionsFrom("REJECTED")).toEqual(["amend"]);
  });

  it("only draft and validated declarations are editable; filing locks them until a formal amendment", () => {
    expect(DECLARATION_STATUSES.filter(isEditable)).toEqual(["DRAFT", "VALIDATED"]);
    expect(TRANSITIONS.amend.to).toBe("DRAFT");
    expect(mayApply("DRAFT", "amend")).toBe(false);
  });

  it("a rejection and an amendment need a reason", () => {
    expect(Object.entries(TRANSITIONS).filter(([, rule]) => rule.reasonRequired).map(([action]) => action)).toEqual(["reject", "amend"]);
  });

  it("nothing skips validation", () => {
    expect(mayApply("DRAFT", "submit")).toBe(false);
    expect(mayApply("DRAFT", "release")).toBe(false);
    expect(mayApply("VALIDATED", "clear")).toBe(false);
  });
});
