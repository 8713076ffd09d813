import { reindexAllProducts } from "../app/modules/catalog/search.server";
import { connectDatabase, disconnectDatabase, unscopedDb } from "../app/modules/db/index.server";

/**
 * `npm run db:reindex-search`: rebuilds every product's search vector and the search terms, after a change to what
 * the index holds (2026-12-06: makers' names and SKUs). New databases are indexed as they are seeded.
 */
const database = await connectDatabase();
const started = Date.now();
const count = await reindexAllProducts(unscopedDb);
console.log(`[db:reindex-search] ${count} products reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.kind} database)`);
await disconnectDatabase();
