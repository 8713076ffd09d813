import type { ShipmentMilestone } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";
import { CarrierEnvelopeSchema, SIGNATURE_HEADER, type CarrierEvent } from "../carrier-wire";
import { signCarrierBody } from "../ingestion.server";
import { planEvents, toWireEvent, type SimOptions, type SimShipment, type SimStep } from "./event-plan";

/**
 * The simulator's database side: a shipment's legs and carriers as the event plan needs them, which planned events the
 * shipment already has (by carrier and event id), and sending steps through the real webhook, signed with the
 * carrier's secret read from the database — exactly what a carrier's system does.
 */

export interface LoadedShipment {
  shipment: SimShipment;
  /** "<carrier>:<event id>" of every stored event. */
  stored: Set<string>;
}

export async function loadSimShipment(reference: string): Promise<LoadedShipment | null> {
  const row = await unscopedDb.shipment.findUnique({
    where: { reference },
    select: {
      reference: true,
      kind: true,
      destinationCountryCode: true,
      legs: {
        orderBy: { sequence: "asc" },
        select: {
          sequence: true,
          mode: true,
          reference: true,
          fromLocode: true,
          fromName: true,
          toLocode: true,
          toName: true,
          plannedDepartureAt: true,
          plannedArrivalAt: true,
          carrier: { select: { code: true, vocabulary: true, integration: true } },
        },
      },
      events: { select: { source: true, externalId: true } },
    },
  });
  if (!row) return null;
  return {
    shipment: {
      reference: row.reference,
      kind: row.kind,
      destinationCountryCode: row.destinationCountryCode,
      legs: row.legs.map(({ carrier, ...leg }) => ({ ...leg, carrierCode: carrier?.code ?? null, vocabulary: carrier?.vocabulary ?? null, integration: carrier?.integration ?? null })),
    },
    stored: new Set(row.events.map((e) => `${e.source}:${e.externalId}`)),
  };
}

export type StepSelection = { kind: "next" } | { kind: "all" } | { kind: "until"; milestone: ShipmentMilestone } | { kind: "milestone"; milestone: ShipmentMilestone };

/**
 * The steps not yet stored, chosen: the next one, all of them, all up to and including the first that reaches a
 * milestone, or only the first one of a milestone (jumping ahead, as a carrier reporting late-joined data does).
 */
export function selectSteps(loaded: LoadedShipment, selection: StepSelection, options: SimOptions = {}): SimStep[] {
  const remaining = planEvents(loaded.shipment, options).filter((step) => !loaded.stored.has(`${step.carrierCode}:${toWireEvent(loaded.shipment.reference, step).id}`));
  switch (selection.kind) {
    case "next":
      return remaining.slice(0, 1);
    case "all":
      return remaining;
    case "until": {
      const index = remaining.findIndex((s) => s.milestone === selection.milestone);
      return index < 0 ? [] : remaining.slice(0, index + 1);
    }
    case "milestone": {
      const step = remaining.find((s) => s.milestone === selection.milestone);
      return step ? [step] : [];
    }
  }
}

export interface SentStep {
  step: SimStep;
  event: CarrierEvent;
  status: number;
  /** The webhook's answer (its per-event result), or why nothing was sent. */
  answer: unknown;
}

/** A step's time when sent now: as planned if that has passed, else now (events from the future are refused). */
export function sendTime(step: SimStep, now: Date): Date {
  return step.at.getTime() <= now.getTime() ? step.at : now;
}

/**
 * POSTs each step, one signed envelope per event, to `${baseUrl}/webhooks/carriers/{carrier}`, `paceMs` apart. Steps
 * of POLLING carriers are not pushed: their tracking API serves them once their time has come.
 */
export async function sendSteps(shipmentReference: string, steps: SimStep[], options: { baseUrl: string; paceMs?: number; now?: () => Date; onSent?: (sent: SentStep) => void }): Promise<SentStep[]> {
  const secrets = new Map((await unscopedDb.carrier.findMany({ where: { code: { in: [...new Set(steps.map((s) => s.carrierCode))] } }, select: { code: true, webhookSecret: true } })).map((c) => [c.code, c.webhookSecret]));
  const sent: SentStep[] = [];
  for (const [index, step] of steps.entries()) {
    if (index > 0 && options.paceMs) await new Promise((resolve) => setTimeout(resolve, options.paceMs));
    const event = toWireEvent(shipmentReference, step, sendTime(step, options.now?.() ?? new Date()));
    let result: SentStep;
    if (step.integration === "POLLING") {
      result = { step, event, status: 0, answer: "polling carrier: served by the tracking API (npm run simulate:shipments -- --serve), fetched by the tracking.poll job" };
    } else {
      const secret = secrets.get(step.carrierCode);
      const body = JSON.stringify(CarrierEnvelopeSchema.parse({ events: [event] }));
      const response = await fetch(new URL(`/webhooks/carriers/${encodeURIComponent(step.carrierCode)}`, options.baseUrl), {
        method: "POST",
        headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: secret ? signCarrierBody(secret, body) : "" },
        body,
      });
      const text = await response.text();
      let answer: unknown = text;
      try {
        answer = JSON.parse(text);
      } catch {
        // Not JSON (a proxy's error page): shown as text.
      }
      result = { step, event, status: response.status, answer };
    }
    sent.push(result);
    options.onSent?.(result);
  }
  return sent;
}

/** Shipments still travelling (for --all without --shipment): newest first. */
export async function openShipmentReferences(limit = 50): Promise<string[]> {
  const rows = await unscopedDb.shipment.findMany({ where: { status: { notIn: ["DELIVERED", "RETURNED"] } }, orderBy: { createdAt: "desc" }, take: limit, select: { reference: true } });
  return rows.map((r) => r.reference);
}
