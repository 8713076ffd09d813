import type { DeclarationStatus } from "~/generated/prisma/enums";
import { unscopedDb } from "~/modules/db/index.server";

/**
 * The platform dashboard's customs card: declarations by status, across manufacturers (the platform's own desk, read
 * behind the PLATFORM gate of the dashboard's loader). One grouped count.
 */
export async function declarationStatusCounts(): Promise<Partial<Record<DeclarationStatus, number>>> {
  const rows = await unscopedDb.exportDeclaration.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
}
