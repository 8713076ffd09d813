import { z } from "zod";
import type { ShipmentMilestone } from "~/generated/prisma/enums";

/**
 * The wire format carriers post to `POST /webhooks/carriers/{carrier}` (and the simulator's polling API answers):
 * one envelope of events in the carrier's own vocabulary (DCSA, AfterShip, EDIFACT 9011, CEB…). The body is signed
 * as sent: `X-Ponte-Signature: sha256=<hex of HMAC-SHA256(raw body, carrier secret)>`. Shared by the webhook route,
 * the polling worker, the simulator and the tracking bench, so all four speak exactly one format.
 */

export const SIGNATURE_HEADER = "X-Ponte-Signature";

/** A UN/LOCODE without its space: "CNZUH", "HKHKG", "BRGRU". */
export const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** ISO 8601 with an explicit offset ("2026-12-06T14:05:00+08:00" or "…Z"): the offset is kept for local time. */
export const OFFSET_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const CarrierEventSchema = z.object({
  /** The carrier's own event id: the same id twice is one event. */
  id: z.string().trim().min(1).max(200),
  /** The status code in the carrier's vocabulary ("CUSR", "InTransit_007", "9"). */
  code: z.string().trim().min(1).max(40),
  occurredAt: z.string().regex(OFFSET_TIMESTAMP),
  /** The transport reference the event is about: air waybill, container, bill of lading or consignment number. */
  reference: z.string().trim().min(1).max(40),
  location: z
    .object({
      locode: z.string().regex(LOCODE).optional(),
      name: z.string().trim().max(200).optional(),
    })
    .optional(),
  description: z.string().trim().max(500).optional(),
});

export const CarrierEnvelopeSchema = z.object({
  events: z.array(CarrierEventSchema).min(1).max(500),
});

export type CarrierEvent = z.infer<typeof CarrierEventSchema>;
export type CarrierEnvelope = z.infer<typeof CarrierEnvelopeSchema>;

/** socket.io event carrying one new tracking event to the browsers entitled to it. */
export const SHIPMENT_LIVE_EVENT = "shipment:event";

/** What a browser receives live: enough to add the event to a timeline and update status, ETA and the late flag. */
export interface ShipmentLivePayload {
  shipmentId: string;
  reference: string;
  status: ShipmentMilestone;
  exception: ShipmentMilestone | null;
  estimatedArrivalAt: string;
  late: boolean;
  event: {
    id: string;
    milestone: ShipmentMilestone;
    occurredAt: string;
    utcOffsetMinutes: number;
    locode: string | null;
    placeName: string | null;
    legSequence: number | null;
  };
  /** Server clock when the webhook was accepted (ms since epoch): the tracking bench measures delivery from it. */
  acceptedAt: number;
}
