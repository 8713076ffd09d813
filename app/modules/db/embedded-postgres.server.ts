import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

export interface EmbeddedPostgres {
  /** A postgres:// URL that any `pg` client (Prisma's adapter, pg-boss, socket.io's adapter) can use. */
  url: string;
  /** The Unix socket the wire protocol is served on. */
  socketPath?: string;
  close(): Promise<void>;
}

// Unix socket paths are limited to ~107 bytes; PostgreSQL clients name the file after the port.
const SOCKET_FILE = ".s.PGSQL.5432";
const MAX_SOCKET_PATH = 100;

/**
 * Starts PGlite (PostgreSQL in WASM) and serves it over the PostgreSQL wire protocol, so that the app, the job
 * queue and the migration engine all talk to it exactly as they talk to a server. PGlite has one session: the
 * socket server serializes by transaction (correct isolation, no parallelism). `dataDir` undefined keeps the
 * database in memory (tests).
 *
 * PGlite asks no password, so the protocol is served on a Unix socket, never a TCP port: the socket lives in a
 * folder only this OS user may enter (0700; the socket itself 0600) — `socketDir`, by default a fresh private
 * folder under the system's temporary directory. Another local user can neither read the data nor hold a
 * transaction open to stall the app. The URL is an ordinary one (`…@localhost/postgres?host=/that/folder`).
 */
export async function startEmbeddedPostgres(dataDir?: string, options: { socketDir?: string } = {}): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const socketDir = privateSocketDir(options.socketDir);
  const socketPath = path.join(socketDir.path, SOCKET_FILE);
  // A server killed with -9 leaves its socket file behind; nobody else can be listening in our private folder.
  rmSync(socketPath, { force: true });
  // The contrib extensions the schema uses (search): the PostgreSQL server ships them in postgresql-contrib.
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent, fuzzystrmatch } });
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath, maxConnections: 64 });
  isolateExtendedProtocolBatches(server);
  await server.start();
  chmodSync(socketPath, 0o600);
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir.path)}`,
    socketPath,
    async close() {
      await server.stop();
      await pglite.close();
      rmSync(socketPath, { force: true });
      if (socketDir.temporary) rmSync(socketDir.path, { recursive: true, force: true });
    },
  };
}

/** The socket's folder, private to this OS user: the one asked for (created 0700), or a fresh temporary one. */
function privateSocketDir(requested: string | undefined): { path: string; temporary: boolean } {
  if (requested) {
    const absolute = path.resolve(requested);
    if (path.join(absolute, SOCKET_FILE).length <= MAX_SOCKET_PATH) {
      mkdirSync(absolute, { recursive: true, mode: 0o700 });
      // mkdir's mode is masked by the umask and ignored for an existing folder: make sure.
      chmodSync(absolute, 0o700);
      return { path: absolute, temporary: false };
    }
  }
  // mkdtemp creates the folder 0700.
  return { path: mkdtempSync(path.join(tmpdir(), "ponte-pg-")), temporary: true };
}

export interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

/** pglite-socket's internal queue (0.2.x): every frontend message of every connection, run one at a time. */
export interface SocketQueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: Pick<PGlite, "isInTransaction" | "runExclusive" | "execProtocolRawStream">;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Frontend messages of the extended query protocol that leave the session mid-batch until Sync ("S"):
// Parse, Bind, Describe, Execute, Close, Flush.
const BATCH_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket 0.2.17 runs each frontend message of each connection in arrival order and keeps a connection's
 * turn only inside a transaction, so two connections' Parse/Bind/Execute/Sync batches can interleave on PGlite's
 * one session: "bind message supplies 1 parameters, but prepared statement requires 4", or silently another
 * statement's rows (electric-sql/pglite#1046, open). A failed message also left the queue stuck for good.
 * Until the library fixes it, its queue is replaced by one that also keeps a connection's turn from the first
 * message of a batch to its Sync, and that goes on after a failure.
 */
export function isolateExtendedProtocolBatches(server: PGLiteSocketServer) {
  const queue = (server as unknown as { queryQueue?: SocketQueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function" || typeof queue.clearQueueForHandler !== "function" || !Array.isArray(queue.queue)) {
    throw new Error("pglite-socket's internals changed: review isolateExtendedProtocolBatches before upgrading");
  }
  installBatchIsolation(queue);
}

/** The queue discipline itself (exported for its unit test, which drives it with a stand-in database). */
export function installBatchIsolation(queue: SocketQueryQueue) {
  let batchOwner: number | null = null;
  queue.processQueue = async function processQueue(this: SocketQueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = batchOwner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not arrived yet: the others wait for it (enqueue calls us again).
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        batchOwner = BATCH_MESSAGES.has(item.message[0] ?? 0) ? item.handlerId : null;
        this.lastHandlerId = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away mid-batch must not keep its turn.
    if (batchOwner === handlerId) {
      batchOwner = null;
      void queue.processQueue();
    }
  };
}
