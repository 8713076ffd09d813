import { connectDatabase, disconnectDatabase } from "../app/modules/db/index.server";
import { applyMigrations } from "./schema-engine";
import { seedDemoData, seedReferenceData } from "./seed";

/** `npm run db:seed`: migrations, reference data and the demo companies (idempotent). */
const database = await connectDatabase();
await applyMigrations(database.url);
await seedReferenceData();
await seedDemoData({ onlyIfEmpty: false });
console.log(`[db:seed] reference and demo data in place (${database.kind} database)`);
await disconnectDatabase();
