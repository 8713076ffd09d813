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
 * The statements of the paths every request takes: reads of each page (the session, a listing page and its stock, a
 * product page) and the carrier webhooks' statements. On a PostgreSQL server they go straight to the driver, through
 * the process's pool (the one under the ORM): Prisma's raw-query layer cost ~0.15 ms of CPU per statement in profiles
 * of bench:catalog and bench:tracking, as much as the rest of a small read. On the embedded database (one connection,
 * held by Prisma) through Prisma's raw queries. The same SQL and the same values either way
 * (tests/integration/db-raw-read.test.ts compares them on both databases).
 */
export async function queryRows<Row>(text: string, ...values: unknown[]): Promise<Row[]> {
  const database = currentDatabase();
  if (database.kind !== "server") return unscopedDb.$queryRawUnsafe<Row[]>(text, ...values);
  const result = await database.pool.query({ text, values, types: PRISMA_LIKE_TYPES });
  return result.rows as Row[];
}

/** queryRows for a statement written with Prisma.sql (its values travel as parameters). */
export function readRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  return queryRows<Row>(query.text, ...query.values);
}
