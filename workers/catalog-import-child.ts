import { z } from "zod";
import { runCatalogImport } from "~/modules/catalog/import.server";
import type { ChildMessage } from "~/modules/catalog/import-runner.server";
import { LocalDiskStorage, setStorage } from "~/modules/catalog/storage.server";
import { connectDatabase, disconnectDatabase } from "~/modules/db/index.server";

/**
 * One catalog import in its own process (started by app/modules/catalog/import-runner.server.ts with a heap limit):
 * argv[2] is the import's id; the database URL and the upload folder come from the parent.
 */
async function main() {
  const importId = z.string().uuid().parse(process.argv[2]);
  const url = z.string().min(1).parse(process.env.PONTE_IMPORT_DATABASE_URL);
  if (process.env.PONTE_IMPORT_STORAGE_ROOT) setStorage(new LocalDiskStorage(process.env.PONTE_IMPORT_STORAGE_ROOT));
  // The parent went away (killed, restarted): stop too rather than run on unobserved.
  process.once("disconnect", () => process.exit(70));
  await connectDatabase({ url });
  try {
    await runCatalogImport(importId, {
      onProgress: (progress, organizationId) => process.send?.({ kind: "progress", organizationId, progress } satisfies ChildMessage),
    });
  } finally {
    await disconnectDatabase();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[catalog-import] import process failed:", error);
    process.exit(1);
  },
);
