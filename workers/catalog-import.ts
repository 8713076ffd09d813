import { runCatalogImportIsolated } from "~/modules/catalog/import-runner.server";

/**
 * The "products.import" job: one uploaded CSV/XLSX file, all or nothing (app/modules/catalog/import.server.ts), run
 * in a child process with its own heap limit (import-runner.server.ts). A file's problems are recorded on the import
 * (FAILED with its reasons), and so is a child that died: the queue never retries an import (retryLimit 0).
 */
export async function runCatalogImport(importId: string): Promise<void> {
  await runCatalogImportIsolated(importId);
}
