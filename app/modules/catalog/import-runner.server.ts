import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { currentDatabase } from "~/modules/db/index.server";
import { purgePublicPages } from "~/modules/http/page-cache-signal.server";
import { emitToOrganization } from "~/modules/realtime/index.server";
import { abandonCatalogImport } from "./import.server";
import { PROGRESS_EVENT, type ImportProgress } from "./spreadsheet-format";
import { LocalDiskStorage, storage } from "./storage.server";

/**
 * Runs an import in a child Node process with its own heap limit (IMPORT_MEMORY_MB, default 1024): a file that
 * needs more memory than that kills the child, not the web process, and the import is failed ("memory"), its
 * committed batches undone. The child reaches the database through the URL this process uses — the embedded
 * database's socket too — and sends progress over IPC; this process forwards it to the organization's room.
 */

const CHILD_SCRIPT = fileURLToPath(new URL("../../../workers/catalog-import-child.ts", import.meta.url));

/**
 * A 10,000-row XLSX with long descriptions in four languages (2.8 MB) takes ~240 MB of heap to read and check,
 * on top of ~70 MB of code: 1 GB leaves room for denser files within the read budgets.
 */
export const IMPORT_MEMORY_MB = z.coerce.number().int().min(64).max(65_536).default(1024).parse(process.env.IMPORT_MEMORY_MB || undefined);

/** The child's first words on stderr when V8 gives up on its heap. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;

export interface ChildMessage {
  kind: "progress";
  organizationId: string;
  progress: ImportProgress;
}

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  outOfMemory: boolean;
}

/** Starts the child and resolves when it has exited (never rejects: a failure to start is an outcome too). */
export interface RunnerOptions {
  memoryMb?: number;
  /** Sees the child as soon as it starts (tests kill it). */
  onSpawn?: (child: ChildProcess) => void;
}

export function spawnImportChild(importId: string, options: RunnerOptions = {}): Promise<ChildOutcome> {
  const backend = storage();
  const child = fork(CHILD_SCRIPT, [importId], {
    execArgv: ["--import", "tsx", `--max-old-space-size=${options.memoryMb ?? IMPORT_MEMORY_MB}`],
    env: {
      ...process.env,
      PONTE_IMPORT_DATABASE_URL: currentDatabase().url,
      ...(backend instanceof LocalDiskStorage ? { PONTE_IMPORT_STORAGE_ROOT: backend.root } : {}),
    },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  options.onSpawn?.(child);
  let tail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-8192);
  });
  child.on("message", (message: ChildMessage) => {
    if (message?.kind === "progress") emitToOrganization(message.organizationId, PROGRESS_EVENT, message.progress);
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      resolve({ code, signal, outOfMemory: OUT_OF_MEMORY.test(tail) });
    };
    child.once("error", (error) => {
      tail += String(error);
      settle(null, null);
    });
    child.once("close", settle);
  });
}

/**
 * The "products.import" job: the import runs in a child process; when the child does not end normally, the
 * import is failed here (undone, "memory" or "interrupted"), never retried blindly.
 */
export async function runCatalogImportIsolated(importId: string, options: RunnerOptions = {}): Promise<ChildOutcome> {
  const outcome = await spawnImportChild(importId, options);
  if (outcome.code !== 0) {
    console.error(`[catalog-import] ${importId}: import process ended with ${outcome.signal ?? outcome.code}${outcome.outOfMemory ? " (out of memory)" : ""}`);
    await abandonCatalogImport(importId, outcome.outOfMemory ? "memory" : "interrupted");
  }
  purgePublicPages();
  return outcome;
}
