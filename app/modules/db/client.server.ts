import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { assertTenantScoped, relationGraphOf, scopeQuery } from "./tenancy-guard";

export function createBaseClient(url: string) {
  // JIT compilation costs 50-400 ms on catalog queries whose cost estimate crosses its threshold, and never pays
  // back on these short OLTP queries: off for the application's sessions.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10, options: "-c jit=off" }) });
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
