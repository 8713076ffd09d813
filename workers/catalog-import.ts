import { runCatalogImport as run } from "~/modules/catalog/import.server";

/**
 * The "products.import" job: one uploaded CSV/XLSX file, all or nothing (app/modules/catalog/import.server.ts).
 * A file's problems are recorded on the import (FAILED with its rejected rows), not thrown: retrying would find
 * the same rows. Only a failure to record anything propagates, and pg-boss retries it.
 */
export async function runCatalogImport(importId: string): Promise<void> {
  await run(importId);
}
