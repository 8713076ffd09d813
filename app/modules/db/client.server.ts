import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { assertTenantScoped, relationGraphOf, scopeQuery } from "./tenancy-guard";

/** Connections per process: the ORM and the hot paths that talk to the driver directly share them. */
export const POOL_SIZE = 10;

/**
 * The process's connection pool. JIT compilation costs 50-400 ms on catalog queries whose cost estimate crosses its
 * threshold, and never pays back on these short OLTP queries: off for the application's sessions. Parallel workers
 * likewise: starting them cost ~30 ms on a sorted catalog search (bench:catalog), and under concurrent requests the
 * cores are busy anyway. An idle connection the server closes (a restart, a dropped database) is logged, never thrown.
 */
export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, options: "-c jit=off -c max_parallel_workers_per_gather=0" });
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return pool;
}

/** The ORM over that pool (it ends the pool when disconnected). */
export function createBaseClient(pool: pg.Pool) {
  // The adapter ships its own copy of @types/pg (same runtime module, a newer ClientBase type): the cast is types only.
  return new PrismaClient({ adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], { disposeExternalPool: true }) });
}

export type BaseClient = ReturnType<typeof createBaseClient>;

/** The application's client: any query of a tenant-owned model that is not filtered by organization throws. */
export function guarded(base: BaseClient) {
  const graph = relationGraphOf(base);
  return base.$extends({
    name: "tenancy-guard",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          assertTenantScoped(model, operation, args as Record<string, unknown>, graph);
          return query(args);
        },
      },
    },
  });
}

/** A client that can only see and write rows of one organization: the data-access layer for tenant code. */
export function scopedTo(base: BaseClient, organizationId: string) {
  const graph = relationGraphOf(base);
  return base.$extends({
    name: "tenancy-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const scoped = scopeQuery(model, operation, args as Record<string, unknown>, organizationId, graph);
          return scoped.check(await query(scoped.args as typeof args));
        },
      },
    },
  });
}

export type Db = ReturnType<typeof guarded>;
export type ScopedDb = ReturnType<typeof scopedTo>;
