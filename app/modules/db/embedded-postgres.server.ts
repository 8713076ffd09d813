import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

export interface EmbeddedPostgres {
  /** A postgres:// URL that any `pg` client (Prisma's adapter, pg-boss, socket.io's adapter) can use. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL in WASM) and serves it over the PostgreSQL wire protocol on a loopback port,
 * so that the app, the job queue and the migration engine all talk to it exactly as they talk to a server.
 * PGlite has one session: the socket server serializes by transaction (correct isolation, no parallelism).
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The contrib extensions the schema uses (search): the PostgreSQL server ships them in postgresql-contrib.
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent, fuzzystrmatch } });
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 64 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  return {
    url: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await pglite.close();
    },
  };
}
