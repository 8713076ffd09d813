import { randomBytes } from "node:crypto";
import type { CarrierIntegration, TransportMode } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";

/**
 * The carriers and data sources Ponte hears from (reference data run by the platform): who moves each leg of the
 * Zhuhai → Hong Kong → Latin America / Lusophone Africa lanes, and which vocabulary their events speak
 * (milestones.ts maps each to the canonical milestones). Seeded when missing, never overwritten except for a secret
 * given in the environment.
 */

export interface CarrierSeed {
  code: string;
  name: string;
  modes: TransportMode[];
  /** "aftership" | "dcsa" | "edifact-9011" | "ceb": whose status codes its events carry. */
  vocabulary: string;
  integration: CarrierIntegration;
}

/** The local simulator's tracking API (workers/simulate-shipments.ts --serve) answers POLLING carriers by default. */
export const DEFAULT_SIMULATOR_TRACKING_URL = "http://127.0.0.1:4780";

export const CARRIERS: readonly CarrierSeed[] = [
  // Zhuhai: pick-up at the factory and consolidation at the Hongwan cross-border logistics centre.
  { code: "hongwan-cfs", name: "Zhuhai Hongwan Consolidation & Pick-up", modes: ["ROAD"], vocabulary: "edifact-9011", integration: "WEBHOOK" },
  // Cross-boundary trucks over the Hong Kong–Zhuhai–Macao Bridge to the Hong Kong airport cargo terminals.
  { code: "hzmb-truck", name: "HZMB Cross-Boundary Trucking (Zhuhai–Hong Kong)", modes: ["ROAD"], vocabulary: "edifact-9011", integration: "WEBHOOK" },
  // Air freight out of HKG, reported through an AfterShip-style tracking feed.
  { code: "cathay-cargo", name: "Cathay Cargo", modes: ["AIR"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "latam-cargo", name: "LATAM Cargo", modes: ["AIR"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "ethiopian-cargo", name: "Ethiopian Airlines Cargo", modes: ["AIR"], vocabulary: "aftership", integration: "WEBHOOK" },
  // Ocean: DCSA Track & Trace events per container.
  { code: "cosco-lines", name: "COSCO Shipping Lines", modes: ["SEA"], vocabulary: "dcsa", integration: "WEBHOOK" },
  { code: "msc", name: "MSC Mediterranean Shipping Company", modes: ["SEA"], vocabulary: "dcsa", integration: "WEBHOOK" },
  // China customs (single window / CEB receipts): export release, arrival at and departure from the supervised site.
  { code: "china-customs", name: "China Customs (Single Window, CEB receipts)", modes: [], vocabulary: "ceb", integration: "WEBHOOK" },
  // Last mile from the overseas warehouses and from the destination airports.
  { code: "jadlog", name: "Jadlog", modes: ["ROAD"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "estafeta", name: "Estafeta", modes: ["ROAD"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "ctt-expresso", name: "CTT Expresso", modes: ["ROAD"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "servientrega", name: "Servientrega", modes: ["ROAD"], vocabulary: "aftership", integration: "WEBHOOK" },
  { code: "chilexpress", name: "Chilexpress", modes: ["ROAD"], vocabulary: "aftership", integration: "WEBHOOK" },
  // No webhooks: Ponte asks its tracking API (workers/tracking-poll.ts); in development the simulator serves it.
  { code: "lusafrica-courier", name: "LusÁfrica Courier (Luanda, Maputo)", modes: ["ROAD"], vocabulary: "aftership", integration: "POLLING" },
];

/** `CARRIER_WEBHOOK_SECRET_HZMB_TRUCK` for "hzmb-truck". */
export function carrierSecretEnvName(code: string): string {
  return `CARRIER_WEBHOOK_SECRET_${code.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** `CARRIER_POLL_URL_LUSAFRICA_COURIER` for "lusafrica-courier". */
export function carrierPollUrlEnvName(code: string): string {
  return `CARRIER_POLL_URL_${code.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * Creates the carriers that are missing (idempotent; safe from several processes at once). Each gets its secret from
 * `CARRIER_WEBHOOK_SECRET_<CODE>` or a fresh random one stored in the database (the simulator reads it from there);
 * a secret set in the environment replaces the stored one, so an operator can rotate it. POLLING carriers keep the
 * secret too: their tracking API is asked with it and signs its answers with it.
 */
export async function seedCarriers(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let created = 0;
  for (const carrier of CARRIERS) {
    const fromEnv = env[carrierSecretEnvName(carrier.code)]?.trim() || null;
    const pollBaseUrl = carrier.integration === "POLLING" ? env[carrierPollUrlEnvName(carrier.code)]?.trim() || DEFAULT_SIMULATOR_TRACKING_URL : null;
    const existing = await unscopedDb.carrier.findUnique({ where: { code: carrier.code }, select: { id: true, webhookSecret: true } });
    if (existing) {
      if (fromEnv && existing.webhookSecret !== fromEnv) await unscopedDb.carrier.update({ where: { id: existing.id }, data: { webhookSecret: fromEnv } });
      continue;
    }
    const rows = await unscopedDb.carrier.createMany({
      data: [{ ...carrier, modes: [...carrier.modes], webhookSecret: fromEnv ?? randomBytes(32).toString("hex"), pollBaseUrl }],
      skipDuplicates: true,
    });
    created += rows.count;
  }
  return created;
}
