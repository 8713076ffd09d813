import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED_STATUS_CHANGES } from "~/modules/ordering/order-state";

/** The SQL list the "Order" trigger must hold, generated from the state machine's table (sorted, one pair a line). */
export function allowedStatusChangesSql(): string {
  const pairs = [...new Set(ALLOWED_STATUS_CHANGES.map(([from, to]) => `('${from}', '${to}')`))].sort();
  return pairs.map((pair, i) => `      ${pair}${i < pairs.length - 1 ? "," : ""}`).join("\n");
}

function triggerMigration(): string {
  const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
  const name = readdirSync(dir).find((entry) => entry.endsWith("_order_status_transitions"));
  if (!name) throw new Error("order_status_transitions migration missing");
  return readFileSync(path.join(dir, name, "migration.sql"), "utf8");
}

describe("the database repeats the order state machine", () => {
  it("the trigger's list of allowed status changes is exactly ALLOWED_STATUS_CHANGES", () => {
    const sql = triggerMigration();
    const listed = /-- allowed:begin\n([\s\S]*?)\n\s*-- allowed:end/.exec(sql)?.[1];
    expect(listed).toBe(allowedStatusChangesSql());
  });
});
