import { describe, expect, it } from "vitest";
import { unscopedDb } from "~/modules/db/index.server";
import { clearRateLimit, hitRateLimit } from "~/modules/security/rate-limit.server";
import { withTestDatabase } from "../support/database";

/**
 * The fixed-window counter behind the login (and signup) limits, on a real database: the exact boundary, and a
 * window that ends really resets (the window's end is moved into the past in the database instead of sleeping).
 */
withTestDatabase();

let n = 0;
const freshKey = () => `test:rate:${Date.now()}:${(n += 1)}`;
const bucket = (key: string) => unscopedDb.rateLimitBucket.findUniqueOrThrow({ where: { key } });
const expireWindow = (key: string) => unscopedDb.rateLimitBucket.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1_000) } });

describe("hitRateLimit", () => {
  it("allows exactly `limit` hits in a window and refuses the next", async () => {
    const key = freshKey();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(key, 3, 60));
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
  });

  it("with a limit of one, allows one and refuses the second", async () => {
    const key = freshKey();
    expect((await hitRateLimit(key, 1, 60)).allowed).toBe(true);
    expect((await hitRateLimit(key, 1, 60)).allowed).toBe(false);
  });

  it("tells how long until the window ends", async () => {
    const key = freshKey();
    const first = await hitRateLimit(key, 1, 900);
    expect(first.retryAfterSeconds).toBeGreaterThan(890);
    expect(first.retryAfterSeconds).toBeLessThanOrEqual(900);
    const row = await bucket(key);
    expect((row.expiresAt.getTime() - row.windowStart.getTime()) / 1000).toBeCloseTo(900, 0);
    // Never "retry in 0 seconds", even at the window's very end.
    await unscopedDb.rateLimitBucket.update({ where: { key }, data: { expiresAt: new Date(Date.now() + 200) } });
    expect((await hitRateLimit(key, 1, 900)).retryAfterSeconds).toBe(1);
  });

  it("keeps counting inside the window without moving it", async () => {
    const key = freshKey();
    await hitRateLimit(key, 5, 60);
    const before = await bucket(key);
    await hitRateLimit(key, 5, 60);
    const after = await bucket(key);
    expect(after.count).toBe(2);
    expect(after.windowStart.getTime()).toBe(before.windowStart.getTime());
    expect(after.expiresAt.getTime()).toBe(before.expiresAt.getTime());
  });

  it("starts a new window once the old one has ended: count 1, allowed, a new end", async () => {
    const key = freshKey();
    for (let i = 0; i < 4; i++) await hitRateLimit(key, 3, 60);
    expect((await hitRateLimit(key, 3, 60)).allowed).toBe(false);
    const ended = await expireWindow(key);
    const next = await hitRateLimit(key, 3, 60);
    expect(next).toMatchObject({ allowed: true, count: 1 });
    const row = await bucket(key);
    expect(row.windowStart.getTime()).toBeGreaterThan(ended.windowStart.getTime());
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    expect(next.retryAfterSeconds).toBeGreaterThan(55);
    // And the new window counts from there.
    expect((await hitRateLimit(key, 3, 60)).count).toBe(2);
  });

  it("keeps keys apart", async () => {
    const a = freshKey();
    const b = freshKey();
    await hitRateLimit(a, 1, 60);
    await hitRateLimit(a, 1, 60);
    expect(await hitRateLimit(b, 1, 60)).toMatchObject({ allowed: true, count: 1 });
  });

  it("counts concurrent hits exactly once each", async () => {
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(key, 4, 60)));
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
  });

  it("clearRateLimit forgets one key only", async () => {
    const a = freshKey();
    const b = freshKey();
    await hitRateLimit(a, 1, 60);
    await hitRateLimit(b, 1, 60);
    await clearRateLimit(a);
    expect(await unscopedDb.rateLimitBucket.findUnique({ where: { key: a } })).toBeNull();
    expect((await bucket(b)).count).toBe(1);
    expect(await hitRateLimit(a, 1, 60)).toMatchObject({ allowed: true, count: 1 });
  });
});
