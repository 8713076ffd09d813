import type { BaseClient } from "~/modules/db/client.server";

export interface LedgerMismatch {
  organizationId: string;
  warehouseId: string;
  variantId: string;
  /** null: movements exist without a balance row. */
  balanceId: string | null;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
}

/**
 * Balances that disagree with the sums of their ledger movements (or movements without a balance, or a non-zero
 * balance without movements): an empty list means the ledger and the balances agree. One query, one pass over each
 * table; filter by manufacturer and/or warehouse.
 */
export async function checkLedgerConsistency(client: Pick<BaseClient, "$queryRaw">, filter: { organizationId?: string; warehouseId?: string } = {}): Promise<LedgerMismatch[]> {
  const org = filter.organizationId ?? null;
  const warehouse = filter.warehouseId ?? null;
  return client.$queryRaw<LedgerMismatch[]>`
    SELECT COALESCE(b."organizationId", m."organizationId")::text AS "organizationId",
           COALESCE(b."warehouseId", m."warehouseId")::text AS "warehouseId",
           COALESCE(b."variantId", m."variantId")::text AS "variantId",
           b."id"::text AS "balanceId",
           COALESCE(b."onHand", 0)::int AS "onHand",
           COALESCE(b."reserved", 0)::int AS "reserved",
           COALESCE(m."onHand", 0)::int AS "ledgerOnHand",
           COALESCE(m."reserved", 0)::int AS "ledgerReserved"
      FROM (SELECT "id", "organizationId", "warehouseId", "variantId", "onHand", "reserved"
              FROM "StockBalance"
             WHERE (${org}::uuid IS NULL OR "organizationId" = ${org}::uuid)
               AND (${warehouse}::uuid IS NULL OR "warehouseId" = ${warehouse}::uuid)) b
      FULL OUTER JOIN
           (SELECT "organizationId", "warehouseId", "variantId", SUM("onHandDelta") AS "onHand", SUM("reservedDelta") AS "reserved"
              FROM "StockMovement"
             WHERE (${org}::uuid IS NULL OR "organizationId" = ${org}::uuid)
               AND (${warehouse}::uuid IS NULL OR "warehouseId" = ${warehouse}::uuid)
             GROUP BY "organizationId", "warehouseId", "variantId") m
        ON m."organizationId" = b."organizationId" AND m."warehouseId" = b."warehouseId" AND m."variantId" = b."variantId"
     WHERE COALESCE(b."onHand", 0) <> COALESCE(m."onHand", 0)
        OR COALESCE(b."reserved", 0) <> COALESCE(m."reserved", 0)
        OR b."id" IS NULL
     ORDER BY 1, 2, 3`;
}
