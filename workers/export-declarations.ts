import { createMissingDeclarations } from "~/modules/export-agency/declarations.server";

/**
 * Recurring (every 5 minutes): every Zhuhai order paid or later and every shipped inbound shipment that has no export
 * declaration gets one. The triggers (order lifecycle, inbound transition) normally create it; this makes "never
 * none" hold when one of them failed or a row was written another way.
 */
export async function runDeclarationSweep(now = new Date()) {
  const created = await createMissingDeclarations({ now });
  if (created.orders + created.shipments > 0) console.log("[export-agency] declarations created by the sweep:", created);
  return created;
}
