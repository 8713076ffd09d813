import { describe, expect, it } from "vitest";
import { coalescingStream } from "./coalescing-stream.server";

function collect(stream: NodeJS.ReadableStream): { chunks: Buffer[]; done: Promise<void> } {
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  return { chunks, done };
}

describe("coalescingStream", () => {
  it("passes what is written in one turn as one chunk, byte for byte", async () => {
    const stream = coalescingStream();
    const { chunks, done } = collect(stream);
    const pieces = Array.from({ length: 40 }, (_, i) => `<div data-i="${i}">ção 空调 ${"x".repeat(i)}</div>`);
    for (const p of pieces) stream.write(p);
    stream.end();
    await done;
    expect(chunks).toHaveLength(1);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(pieces.join(""));
  });

  it("keeps streaming: what is written on a later turn goes out on its own, and a full buffer goes out at once", async () => {
    const stream = coalescingStream(1024);
    const { chunks, done } = collect(stream);
    stream.write("<html><body>shell");
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(chunks.map(String)).toEqual(["<html><body>shell"]);
    stream.write(Buffer.alloc(700, "a"));
    stream.write(Buffer.alloc(700, "b"));
    await Promise.resolve();
    expect(chunks).toHaveLength(2);
    expect(chunks[1]!.length).toBe(1400);
    stream.write("<script>late boundary</script></body></html>");
    stream.end();
    await done;
    expect(Buffer.concat(chunks).toString()).toBe(`<html><body>shell${"a".repeat(700)}${"b".repeat(700)}<script>late boundary</script></body></html>`);
  });

  it("drops what it gathered when the reader goes away before the next turn, without an error", async () => {
    const stream = coalescingStream();
    const chunks: Buffer[] = [];
    const errors: unknown[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("error", (e) => errors.push(e));
    stream.write("<html>");
    stream.destroy();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual([]);
    expect(errors).toEqual([]);
  });
});
