import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS } from "~/modules/i18n/config";
import {
  EXCEPTION_MILESTONES,
  MILESTONES,
  MILESTONE_RULES,
  PROGRESS_MILESTONES,
  VOCABULARIES,
  codeFor,
  isMilestone,
  mapCarrierCode,
  rankOf,
  resolves,
  vocabularyCodes,
} from "./milestones";

const at = (hour: number) => new Date(Date.UTC(2026, 11, 6, hour));

describe("the milestone rule table", () => {
  it("covers the 16 canonical milestones of the schema's enum", () => {
    const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
    const body = /enum ShipmentMilestone \{([^}]*)\}/.exec(schema)![1]!;
    const names = body.split("\n").map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));
    expect(new Set(MILESTONES)).toEqual(new Set(names));
    expect(MILESTONES).toHaveLength(16);
  });

  it("ranks progress in travel order without gaps, exceptions have no rank", () => {
    expect(PROGRESS_MILESTONES.map(rankOf)).toEqual(PROGRESS_MILESTONES.map((_, i) => i));
    expect(PROGRESS_MILESTONES.slice(0, 3)).toEqual(["BOOKED", "PICKED_UP", "ARRIVED_AT_HUB"]);
    expect(PROGRESS_MILESTONES.at(-2)).toBe("DELIVERED");
    for (const m of EXCEPTION_MILESTONES) expect(rankOf(m)).toBe(-1);
  });

  it("lets a status be exactly what the database's CHECK allows", () => {
    const migrations = readdirSync(path.resolve("prisma/migrations")).filter((d) => d.endsWith("logistics_tracking"));
    const sql = readFileSync(path.resolve("prisma/migrations", migrations[0]!, "migration.sql"), "utf8");
    const check = /"Shipment_status_is_progress" CHECK \("status" IN \(([^)]*)\)\)/.exec(sql)![1]!;
    const allowed = check.split(",").map((s) => s.trim().replace(/'/g, ""));
    expect(new Set(allowed)).toEqual(new Set(PROGRESS_MILESTONES));
  });

  it("resolves a customs hold by the import clearance or anything later, at or after the hold", () => {
    expect(resolves("IMPORT_CUSTOMS_HOLD", at(10), "IMPORT_CUSTOMS_CLEARED", at(12))).toBe(true);
    expect(resolves("IMPORT_CUSTOMS_HOLD", at(10), "DELIVERED", at(20))).toBe(true);
    expect(resolves("IMPORT_CUSTOMS_HOLD", at(10), "IMPORT_CUSTOMS_CLEARED", at(10))).toBe(true);
    // A clearance before the hold (a second inspection) does not lift it; nor does arriving.
    expect(resolves("IMPORT_CUSTOMS_HOLD", at(10), "IMPORT_CUSTOMS_CLEARED", at(9))).toBe(false);
    expect(resolves("IMPORT_CUSTOMS_HOLD", at(10), "ARRIVED_DEST", at(11))).toBe(false);
  });

  it("ends a delay with the next progress of any kind, strictly after it", () => {
    expect(resolves("DELAYED", at(10), "PICKED_UP", at(11))).toBe(true);
    expect(resolves("DELAYED", at(10), "DEPARTED", at(10))).toBe(false);
    expect(resolves("DELAYED", at(10), "DELAYED", at(11))).toBe(false);
    expect(resolves("DAMAGED", at(10), "ARRIVED_DEST", at(11))).toBe(false);
    expect(resolves("DAMAGED", at(10), "DELIVERED", at(11))).toBe(true);
    expect(resolves("DELIVERY_FAILED", at(10), "OUT_FOR_DELIVERY", at(11))).toBe(true);
  });

  it("notifies on exceptions and on the milestones people wait for, not on hubs or the booking", () => {
    for (const m of EXCEPTION_MILESTONES) expect(MILESTONE_RULES[m].notifies).toBe(true);
    expect(MILESTONE_RULES.BOOKED.notifies).toBe(false);
    expect(MILESTONE_RULES.ARRIVED_AT_HUB.notifies).toBe(false);
    expect(MILESTONE_RULES.IMPORT_CUSTOMS_CLEARED.notifies).toBe(true);
    expect(MILESTONE_RULES.DELIVERED.notifies).toBe(true);
  });
});

describe("carrier code mappings", () => {
  it("maps every listed code of every vocabulary to a canonical milestone", () => {
    for (const vocabulary of VOCABULARIES) {
      for (const mapping of Object.values(vocabularyCodes(vocabulary))) {
        const targets = typeof mapping === "string" ? [mapping] : Object.values(mapping);
        expect(targets.length).toBeGreaterThan(0);
        for (const m of targets) expect(isMilestone(m)).toBe(true);
      }
    }
  });

  it("reads DCSA codes by where they happen: CUSR releases the export at origin, the import at destination", () => {
    expect(mapCarrierCode("dcsa", "CUSR", "origin")).toEqual({ ok: true, milestone: "EXPORT_CUSTOMS_CLEARED" });
    expect(mapCarrierCode("dcsa", "CUSR", "destination")).toEqual({ ok: true, milestone: "IMPORT_CUSTOMS_CLEARED" });
    expect(mapCarrierCode("dcsa", "cusi", "destination")).toEqual({ ok: true, milestone: "IMPORT_CUSTOMS_HOLD" });
    expect(mapCarrierCode("dcsa", "DEPA", "origin")).toEqual({ ok: true, milestone: "DEPARTED" });
    expect(mapCarrierCode("dcsa", "GTIN", "origin")).toEqual({ ok: true, milestone: "ARRIVED_AT_EXPORT_SITE" });
    expect(mapCarrierCode("dcsa", "DROP", "origin")).toEqual({ ok: false, reason: "not_at_this_side" });
    expect(mapCarrierCode("dcsa", "STRP", "destination")).toEqual({ ok: false, reason: "unknown_code" });
  });

  it("reads AfterShip subtags, falling back to their tag; Pending and Expired carry no milestone", () => {
    expect(mapCarrierCode("aftership", "InTransit_007", "origin")).toEqual({ ok: true, milestone: "DEPARTED" });
    expect(mapCarrierCode("aftership", "InTransit_004", "destination")).toEqual({ ok: true, milestone: "ARRIVED_DEST" });
    expect(mapCarrierCode("aftership", "InTransit_005", "destination")).toEqual({ ok: true, milestone: "IMPORT_CUSTOMS_CLEARED" });
    expect(mapCarrierCode("aftership", "InTransit_009", "origin")).toEqual({ ok: true, milestone: "PICKED_UP" });
    expect(mapCarrierCode("aftership", "Exception_004", "destination")).toEqual({ ok: true, milestone: "IMPORT_CUSTOMS_HOLD" });
    expect(mapCarrierCode("aftership", "Exception_012", "destination")).toEqual({ ok: true, milestone: "DAMAGED" });
    expect(mapCarrierCode("aftership", "Exception_099", "destination")).toEqual({ ok: true, milestone: "EXCEPTION" });
    expect(mapCarrierCode("aftership", "Delivered_003", "destination")).toEqual({ ok: true, milestone: "DELIVERED" });
    expect(mapCarrierCode("aftership", "Pending", "origin")).toEqual({ ok: false, reason: "unknown_code" });
    expect(mapCarrierCode("aftership", "Expired", "origin")).toEqual({ ok: false, reason: "unknown_code" });
  });

  it("reads EDIFACT 9011 numbers with or without leading zeros, and the CEB receipts", () => {
    expect(mapCarrierCode("edifact-9011", "6", "origin")).toEqual({ ok: true, milestone: "BOOKED" });
    expect(mapCarrierCode("edifact-9011", "013", "origin")).toEqual({ ok: true, milestone: "PICKED_UP" });
    expect(mapCarrierCode("edifact-9011", "1", "origin")).toEqual({ ok: true, milestone: "ARRIVED_AT_HUB" });
    expect(mapCarrierCode("edifact-9011", "1", "destination")).toEqual({ ok: true, milestone: "ARRIVED_DEST" });
    expect(mapCarrierCode("edifact-9011", "7", "origin")).toEqual({ ok: false, reason: "unknown_code" });
    expect(mapCarrierCode("ceb", "CEB507", "origin")).toEqual({ ok: true, milestone: "ARRIVED_AT_EXPORT_SITE" });
    expect(mapCarrierCode("ceb", "ceb509", "origin")).toEqual({ ok: true, milestone: "DEPARTED" });
    expect(mapCarrierCode("ceb", "CEB604_800", "origin")).toEqual({ ok: true, milestone: "EXPORT_CUSTOMS_CLEARED" });
    // A receipt without its release status may be a rejection.
    expect(mapCarrierCode("ceb", "CEB604", "origin").ok).toBe(false);
  });

  it("takes Ponte's own names as they are, and refuses an unknown vocabulary", () => {
    for (const m of MILESTONES) expect(mapCarrierCode("ponte", m, "origin")).toEqual({ ok: true, milestone: m });
    expect(mapCarrierCode("ponte", "LOST_AT_SEA", "origin")).toEqual({ ok: false, reason: "unknown_code" });
    expect(mapCarrierCode("x12", "AAD", "origin")).toEqual({ ok: false, reason: "unknown_vocabulary" });
    expect(mapCarrierCode("ponte", "__proto__", "origin")).toEqual({ ok: false, reason: "unknown_code" });
  });

  it("finds a code for a milestone that maps back to it (the simulator speaks milestones)", () => {
    for (const vocabulary of VOCABULARIES) {
      for (const milestone of MILESTONES) {
        for (const side of ["origin", "destination"] as const) {
          const code = codeFor(vocabulary, milestone, side);
          if (code) expect(mapCarrierCode(vocabulary, code, side)).toEqual({ ok: true, milestone });
        }
      }
    }
    expect(codeFor("dcsa", "IMPORT_CUSTOMS_CLEARED", "destination")).toBe("CUSR");
  });
});

describe("milestone names", () => {
  it("exist in every language for all 16 milestones", () => {
    for (const lang of LANGS) {
      const json = JSON.parse(readFileSync(path.resolve("locales", lang, "logistics.json"), "utf8")) as { milestones: Record<string, string> };
      for (const m of MILESTONES) expect(json.milestones[m], `${lang} ${m}`).toMatch(/\S/);
    }
  });
});
