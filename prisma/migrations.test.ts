import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../app/modules/db/embedded-postgres.server";
import { applyMigrations, diffMigrationsToSchema, readMigrations } from "./schema-engine";

// Each test starts PGlite (WASM) and the WASM schema engine: seconds, not milliseconds.
const TIMEOUT_MS = 60_000;

describe("prisma/migrations", () => {
  it(
    "produce exactly the schema in schema.prisma",
    async () => {
      const { inSync, sql } = await diffMigrationsToSchema();
      // On failure, the message is the SQL to put in a new migration: `npx tsx prisma/migrate.ts new NAME`.
      expect(sql, "committed migrations differ from schema.prisma").toBe("");
      expect(inSync).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    "apply to a fresh database once, and only once",
    async () => {
      const { migrationDirectories } = await readMigrations();
      const names = migrationDirectories.map((migration) => migration.path);
      expect(names.length).toBeGreaterThan(0);

      const db = await startEmbeddedPostgres();
      try {
        expect(await applyMigrations(db.url)).toEqual(names);
        expect(await applyMigrations(db.url)).toEqual([]);

        // Recorded as `prisma migrate deploy` records them: finished, not rolled back, one row per migration.
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ migration_name: string; checksum: string; finished: boolean }>(
            `SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL AS finished
               FROM _prisma_migrations ORDER BY migration_name`,
          );
          expect(rows.map((row) => row.migration_name)).toEqual(names);
          expect(rows.every((row) => row.finished && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
        } finally {
          await client.end();
        }
      } finally {
        await db.close();
      }
    },
    TIMEOUT_MS,
  );
});
