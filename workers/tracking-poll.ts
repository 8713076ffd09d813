import { pollCarriers } from "~/modules/logistics/polling.server";
import { createMissingShipments } from "~/modules/logistics/shipments.server";

/** Recurring (every minute): the POLLING carriers' tracking APIs for every leg still on its way. */
export async function runTrackingPoll() {
  const summary = await pollCarriers();
  if (summary.stored > 0 || summary.failures > 0) console.log("[tracking-poll]", summary);
  return summary;
}

/**
 * Recurring (every 5 minutes): shipped orders and inbound shipments on their way without a shipment get one. The
 * triggers (order lifecycle, inbound transition) normally make it; this makes "never none" hold when one failed.
 */
export async function runShipmentSweep(now = new Date()) {
  const created = await createMissingShipments({ now });
  if (created.orders + created.inbound > 0) console.log("[logistics] shipments created by the sweep:", created);
  return created;
}
