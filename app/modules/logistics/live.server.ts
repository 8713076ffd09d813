import { emitToRooms } from "~/modules/realtime/index.server";
import { agencyRoom, organizationRoom, shipmentRoom, warehouseRoom } from "~/modules/realtime/rooms";
import { SHIPMENT_LIVE_EVENT, type ShipmentLivePayload } from "./carrier-wire";

export interface ShipmentAudience {
  shipmentId: string;
  organizationId: string;
  buyerOrganizationId: string | null;
  warehouseId: string | null;
}

/** The rooms of everyone entitled to a shipment: its page, both parties, the agency and the serving warehouse. */
export function shipmentAudienceRooms(audience: ShipmentAudience): string[] {
  const rooms = [shipmentRoom(audience.shipmentId), organizationRoom(audience.organizationId), agencyRoom()];
  if (audience.buyerOrganizationId) rooms.push(organizationRoom(audience.buyerOrganizationId));
  if (audience.warehouseId) rooms.push(warehouseRoom(audience.warehouseId));
  return rooms;
}

/**
 * Pushes one stored tracking event to every entitled browser, in every web process (the PostgreSQL adapter carries
 * it across). A socket in several of the rooms gets it once. Call after the event's transaction commits.
 */
export function publishShipmentEvent(audience: ShipmentAudience, payload: ShipmentLivePayload) {
  emitToRooms(shipmentAudienceRooms(audience), SHIPMENT_LIVE_EVENT, payload);
}
