import type { Prisma } from "~/generated/prisma/client";
import { unscopedDb } from "~/modules/db/index.server";
import { publishShipmentEvent } from "~/modules/logistics/live.server";
import { computeShipmentState, sortTimeline } from "~/modules/logistics/shipment-state";

/** Shipments recomputed per transaction (each batch's rows stay locked only while it runs). */
const BATCH = 200;

export interface EtaRefreshSummary {
  checked: number;
  updated: number;
  /** Shipments whose late flag changed (pushed live to their audience). */
  flipped: number;
}

/**
 * Recurring (every 5 minutes): the ETA and the late flag of open shipments, which ingestion recomputes only when an
 * event arrives, so a leg overrunning in silence (no news from the carrier) is still flagged. Looks only at shipments
 * whose estimate or a leg's planned arrival has passed (nothing else can have changed with the clock), recomputes
 * them with the same pure rules as ingestion (shipment-state.ts / eta.ts), writes the changed rows in one statement
 * per batch, and pushes a live update where `late` flipped. System work across tenants, hence `unscopedDb`.
 */
export async function runEtaRefresh(now = new Date()): Promise<EtaRefreshSummary> {
  const summary: EtaRefreshSummary = { checked: 0, updated: 0, flipped: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await unscopedDb.$transaction((tx) => refreshBatch(tx, after, now), { maxWait: 15_000, timeout: 30_000 });
    summary.checked += batch.checked;
    summary.updated += batch.updated;
    summary.flipped += batch.flips.length;
    // After commit, as ingestion does: the browsers then read what the rows say.
    for (const flip of batch.flips) publishShipmentEvent(flip.audience, flip.payload);
    if (!batch.lastId) break;
    after = batch.lastId;
  }
  if (summary.updated > 0) console.log("[logistics] ETA refresh:", summary);
  return summary;
}

type Flip = { audience: Parameters<typeof publishShipmentEvent>[0]; payload: Parameters<typeof publishShipmentEvent>[1] };

async function refreshBatch(tx: Prisma.TransactionClient, after: string, now: Date) {
  // The same row lock as ingestion's recompute (FOR NO KEY UPDATE), skipping a shipment an event is being recomputed
  // for right now: that recompute brings it up to date itself.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT s."id" FROM "Shipment" s
    WHERE s."id" > ${after}::uuid AND s."deliveredAt" IS NULL
      AND (s."estimatedArrivalAt" < ${now}
        OR EXISTS (SELECT 1 FROM "ShipmentLeg" l WHERE l."shipmentId" = s."id" AND l."actualArrivalAt" IS NULL AND l."plannedArrivalAt" < ${now}))
    ORDER BY s."id" LIMIT ${BATCH}
    FOR NO KEY UPDATE OF s SKIP LOCKED`;
  if (!rows.length) return { checked: 0, updated: 0, flips: [] as Flip[], lastId: null };
  const ids = rows.map((r) => r.id);
  const shipments = await tx.shipment.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      reference: true,
      organizationId: true,
      buyerOrganizationId: true,
      warehouseId: true,
      plannedArrivalAt: true,
      estimatedArrivalAt: true,
      late: true,
      legs: { select: { id: true, sequence: true, toLocode: true, plannedDepartureAt: true, plannedArrivalAt: true } },
      events: { select: { id: true, milestone: true, occurredAt: true, utcOffsetMinutes: true, legId: true, locode: true, placeName: true } },
    },
  });
  const changed: { id: string; estimatedArrivalAt: Date; late: boolean }[] = [];
  const flips: Flip[] = [];
  for (const shipment of shipments) {
    const state = computeShipmentState({ events: shipment.events, legs: shipment.legs, plannedArrivalAt: shipment.plannedArrivalAt, now });
    if (state.estimatedArrivalAt.getTime() === shipment.estimatedArrivalAt.getTime() && state.late === shipment.late) continue;
    changed.push({ id: shipment.id, estimatedArrivalAt: state.estimatedArrivalAt, late: state.late });
    // A shipment with no event yet has no page timeline to update (and never runs late by the rules: nothing left).
    const latest = sortTimeline(shipment.events).at(-1);
    if (state.late !== shipment.late && latest) {
      const sequenceOf = new Map(shipment.legs.map((l) => [l.id, l.sequence]));
      flips.push({
        audience: { shipmentId: shipment.id, organizationId: shipment.organizationId, buyerOrganizationId: shipment.buyerOrganizationId, warehouseId: shipment.warehouseId },
        // The latest event again (already on the timeline: pages keep it once) with the shipment as it now stands.
        payload: {
          shipmentId: shipment.id,
          reference: shipment.reference,
          status: state.status,
          exception: state.exception,
          estimatedArrivalAt: state.estimatedArrivalAt.toISOString(),
          late: state.late,
          event: {
            id: latest.id,
            milestone: latest.milestone,
            occurredAt: latest.occurredAt.toISOString(),
            utcOffsetMinutes: latest.utcOffsetMinutes,
            locode: latest.locode,
            placeName: latest.placeName,
            legSequence: latest.legId ? (sequenceOf.get(latest.legId) ?? null) : null,
          },
          acceptedAt: Date.now(),
        },
      });
    }
  }
  if (changed.length) {
    await tx.$executeRaw`
      UPDATE "Shipment" AS s SET "estimatedArrivalAt" = v."estimatedArrivalAt", "late" = v."late", "updatedAt" = ${now}
      FROM unnest(${changed.map((c) => c.id)}::uuid[], ${changed.map((c) => c.estimatedArrivalAt)}::timestamp(3)[], ${changed.map((c) => c.late)}::boolean[])
        AS v("id", "estimatedArrivalAt", "late")
      WHERE s."id" = v."id"`;
  }
  return { checked: shipments.length, updated: changed.length, flips, lastId: ids[ids.length - 1]! };
}
