import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { currentDatabase, unscopedDb } from "~/modules/db/index.server";
import { readRows } from "~/modules/db/raw-read.server";
import { setupTestDatabase, type TestDatabase } from "../support/database";

/**
 * readRows sends the hot paths' reads straight to the driver on a PostgreSQL server, and through Prisma's `$queryRaw`
 * on the embedded database: callers must get the same values, of the same types, either way.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await setupTestDatabase();
}, 240_000);
afterAll(() => database.cleanup());

const EVERY_TYPE = (when: Date, amount: bigint, name: string) => Prisma.sql`
  SELECT 9007199254740993::int8 AS "big", NULL::int8 AS "noBig", ${amount}::int8 AS "bigParam",
         '2026-12-06 19:00:00.123'::timestamp(3) AS "timestamp", ${when}::timestamp(3) AS "timestampParam",
         '2026-12-06 19:00:00.123+08'::timestamptz AS "timestamptz", '2026-02-28'::date AS "date",
         12.345::numeric(10,3) AS "numeric", '{"a":[1,"规格"]}'::json AS "json", '{"b":null}'::jsonb AS "jsonb",
         '0190a1b2-0000-7000-8000-00000000000a'::uuid AS "uuid", ARRAY['pt','zh']::text[] AS "texts",
         42::int AS "int", 7::smallint AS "small", 1.5::float8 AS "float", true AS "bool", ${name}::text AS "text",
         'BRL'::char(3) AS "char", NULL::text AS "nothing"`;

describe("readRows", () => {
  it("answers what $queryRaw answers, value for value and type for type", async () => {
    const when = new Date("2026-07-01T03:04:05.678Z");
    const query = EVERY_TYPE(when, 123_456_789_012n, "Ação 规格");
    const [direct] = await readRows<Record<string, unknown>>(query);
    const [viaPrisma] = await unscopedDb.$queryRaw<Record<string, unknown>[]>(query);
    expect(direct).toEqual(viaPrisma);
    // The values themselves, so that a change on both sides is noticed too.
    expect(direct).toMatchObject({ big: 9007199254740993n, noBig: null, bigParam: 123_456_789_012n, int: 42, small: 7, float: 1.5, bool: true, text: "Ação 规格", char: "BRL", nothing: null });
    expect((direct!.timestamp as Date).toISOString()).toBe("2026-12-06T19:00:00.123Z");
    expect((direct!.timestampParam as Date).toISOString()).toBe(when.toISOString());
    expect((direct!.timestamptz as Date).toISOString()).toBe("2026-12-06T11:00:00.123Z");
    expect((direct!.date as Date).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(String(direct!.numeric)).toBe("12.345");
    expect(direct!.json).toEqual({ a: [1, "规格"] });
    expect(direct!.texts).toEqual(["pt", "zh"]);
  });

  it("reads timestamps as UTC whatever the process's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/Sao_Paulo";
    try {
      const [row] = await readRows<{ at: Date }>(Prisma.sql`SELECT '2026-12-06 19:00:00'::timestamp AS "at"`);
      expect(row!.at.toISOString()).toBe("2026-12-06T19:00:00.000Z");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("goes to the driver on a PostgreSQL server and through Prisma on the embedded database", async () => {
    const pool = currentDatabase().pool;
    const sent: unknown[] = [];
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      sent.push(args[0]);
      return query(...args);
    }) as typeof pool.query;
    try {
      await readRows(Prisma.sql`SELECT 1 AS "one"`);
    } finally {
      pool.query = query;
    }
    // (The test database on PGlite is reached over its socket like a server: the driver's path is tested on both.)
    expect(sent.length).toBe(currentDatabase().kind === "server" ? 1 : 0);
  });
});
