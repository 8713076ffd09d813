/**
 * Ponte's migration CLI (works offline: Prisma's WASM schema engine, see prisma/schema-engine.ts).
 *
 *   npx tsx prisma/migrate.ts deploy      apply pending migrations
 *   npx tsx prisma/migrate.ts new NAME    write a migration from the changes in schema.prisma
 *   npx tsx prisma/migrate.ts reset       drop everything and re-apply all migrations (not in production)
 *   npx tsx prisma/migrate.ts status      list applied / pending migrations (exit 1 unless up to date)
 *   npx tsx prisma/migrate.ts check       exit 1 and print the missing SQL if migrations differ from schema.prisma
 *
 * Database: DATABASE_URL when set, otherwise the embedded database in ${PONTE_DATA_DIR ?? "./data"}/pg.
 */
import path from "node:path";
import { startEmbeddedPostgres } from "../app/modules/db/embedded-postgres.server";
import {
  applyMigrations,
  createMigration,
  diffMigrationsToSchema,
  migrationStatus,
  resetDatabase,
} from "./schema-engine";

const USAGE = "usage: npx tsx prisma/migrate.ts <deploy|new NAME|reset|status|check>";

/** Hides the password of a connection URL for printing. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ""}${parsed.host}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** Runs `fn` on DATABASE_URL, or on the embedded database (started for the duration of the command). */
async function withDatabase<T>(fn: (url: string, label: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) return fn(url, describeUrl(url));
  const dataDir = path.join(process.env.PONTE_DATA_DIR ?? "./data", "pg");
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    return await fn(embedded.url, `embedded database ${dataDir}`);
  } finally {
    await embedded.close();
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Each command returns its exit code. */
const commands: Record<string, (args: string[]) => Promise<number>> = {
  async deploy() {
    return withDatabase(async (url, label) => {
      const applied = await applyMigrations(url);
      console.log(
        applied.length === 0
          ? `No pending migrations: ${label} is up to date.`
          : `Applied ${plural(applied.length, "migration")} to ${label}: ${applied.join(", ")}`,
      );
      return 0;
    });
  },

  async new([name, ...extra]) {
    if (!name || extra.length > 0) {
      console.error(`migrate new: expected one NAME, e.g. \`new add_fx_rates\`\n${USAGE}`);
      return 2;
    }
    const created = await createMigration(name);
    console.log(`Created ${path.relative(process.cwd(), created.file)}`);
    return 0;
  },

  async reset() {
    if (process.env.NODE_ENV === "production") {
      console.error("migrate reset: refused because NODE_ENV=production (it deletes all data).");
      return 1;
    }
    return withDatabase(async (url, label) => {
      const applied = await resetDatabase(url);
      console.log(`Reset ${label} and applied ${plural(applied.length, "migration")}${applied.length ? `: ${applied.join(", ")}` : "."}`);
      return 0;
    });
  },

  async status() {
    return withDatabase(async (url, label) => {
      const status = await migrationStatus(url);
      for (const name of status.applied) console.log(`applied  ${name}`);
      for (const name of status.pending) console.log(`pending  ${name}`);
      for (const name of status.failed) console.log(`FAILED   ${name}`);
      for (const name of status.edited) console.log(`EDITED   ${name} (changed after it was applied)`);
      for (const name of status.missingLocally) console.log(`MISSING  ${name} (applied, but not in prisma/migrations)`);
      const problems = status.failed.length + status.edited.length + status.missingLocally.length;
      if (problems > 0) {
        console.log(`${label}: migration history needs attention (see above).`);
        return 1;
      }
      if (status.pending.length > 0) {
        console.log(`${label}: ${plural(status.pending.length, "pending migration")}; run \`deploy\`.`);
        return 1;
      }
      console.log(`${label} is up to date (${plural(status.applied.length, "migration")} applied).`);
      return 0;
    });
  },

  async check() {
    const diff = await diffMigrationsToSchema();
    if (diff.inSync) {
      console.log("Migrations match prisma/schema.prisma.");
      return 0;
    }
    console.error("Migrations differ from prisma/schema.prisma; missing SQL (create it with `new NAME`):");
    console.error(diff.sql.trimEnd());
    return 1;
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const run = command && Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) {
    console.error(USAGE);
    return 2;
  }
  try {
    return await run(args);
  } catch (error) {
    console.error(`migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// exitCode, not exit(): the process ends by itself once everything is closed, which keeps us honest about leaks.
process.exitCode = await main(process.argv.slice(2));
