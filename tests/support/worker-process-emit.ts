/**
 * A stand-in for `npm run workers` in tests/integration/realtime-reach.test.ts: boots the services as the worker
 * process does (no socket server in this process), publishes one tracking event for SHIPMENT_ID, and exits.
 */
import { publishShipmentEvent } from "~/modules/logistics/live.server";
import type { ShipmentLivePayload } from "~/modules/logistics/carrier-wire";
import { bootServices } from "~/server/boot.server";

const services = await bootServices({ work: false, prepare: false });
const payload = JSON.parse(process.env.LIVE_PAYLOAD!) as ShipmentLivePayload;
publishShipmentEvent({ shipmentId: payload.shipmentId, organizationId: process.env.ORGANIZATION_ID!, buyerOrganizationId: null, warehouseId: null }, payload);
// The NOTIFY is sent on the emitter's pool: let it go out before the pool ends.
await new Promise((resolve) => setTimeout(resolve, 1_000));
await services.stop();
console.log("published");
process.exit(0);
