import pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { currentDatabase, unscopedDb } from "./index.server";

const { builtins } = pg.types;
const DATE_ONLY = /^\d{4,}-\d{2}-\d{2}$/;

/**
 * The driver's parsers, except where Prisma's `$queryRaw` answers differently: int8 as bigint (the driver: a string),
 * timestamps without time zone (Prisma's DateTime columns) as UTC (the driver: in the process's time zone), dates as
 * UTC midnight, numeric as Prisma.Decimal. json, text, uuid, int4, booleans and timestamptz are parsed alike.
 */
const PRISMA_LIKE_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (oid === builtins.INT8) return (value) => BigInt(value);
    if (oid === builtins.TIMESTAMP) return (value) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === builtins.DATE) return (value) => (DATE_ONLY.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(Number.NaN));
    if (oid === builtins.NUMERIC) return (value) => new Prisma.Decimal(value);
    return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
  },
};

/**
 * One read of the paths every page request takes (the session, a listing page and its stock, a product page). On a
 * PostgreSQL server
 * it goes straight to the driver, through the process's pool (the one under the ORM): Prisma's raw-query layer cost
 * ~0.15 ms of CPU per statement in profiles of bench:catalog, as much as the rest of a small read. On the embedded
 * database (one connection, held by Prisma) through `$queryRaw`. The same SQL and the same values either way
 * (tests/integration/db-raw-read.test.ts compares them on both databases).
 */
export async function readRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  const database = currentDatabase();
  if (database.kind !== "server") return unscopedDb.$queryRaw<Row[]>(query);
  const result = await database.pool.query({ text: query.text, values: query.values, types: PRISMA_LIKE_TYPES });
  return result.rows as Row[];
}
