import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { sharedRead } from "./shared-read.server";

describe("sharedRead", () => {
  it("reads once for concurrent callers of a key, and forgets a failed read", async () => {
    const cache = new LRUCache<string, Promise<number>>({ max: 10, ttl: 60_000 });
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await Promise.all([sharedRead(cache, "a", read), sharedRead(cache, "a", read)])).toEqual([1, 1]);
    expect(await sharedRead(cache, "b", read)).toBe(2);
    await expect(sharedRead(cache, "c", () => Promise.reject(new Error("database busy")))).rejects.toThrow("database busy");
    await Promise.resolve();
    expect(await sharedRead(cache, "c", read)).toBe(3);
    expect(reads).toBe(3);
  });
});
