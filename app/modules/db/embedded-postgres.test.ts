import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installBatchIsolation, startEmbeddedPostgres, type EmbeddedPostgres, type SocketQueryQueue } from "./embedded-postgres.server";

/**
 * The embedded database is one PGlite session behind a wire-protocol server: connections must not see each other's
 * half-finished extended-protocol batches (Parse/Bind/Execute/Sync), whatever their timing.
 */
let embedded: EmbeddedPostgres;
const clients: pg.Client[] = [];

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
  for (let i = 0; i < 6; i++) {
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    clients.push(client);
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await embedded?.close();
});

describe("the embedded database's wire server", () => {
  it("keeps concurrent parameterized statements of different shapes apart", async () => {
    // Each connection runs statements with a different number and type of parameters, all at once, outside
    // transactions: an interleaved Bind would fail ("bind message supplies…") or answer another statement's row.
    const shapes = [
      async (c: pg.Client, i: number) => (await c.query("SELECT $1::int + $2::int AS v", [i, 1])).rows[0].v === i + 1,
      async (c: pg.Client, i: number) => (await c.query("SELECT $1::text || '!' AS v", [`n${i}`])).rows[0].v === `n${i}!`,
      async (c: pg.Client, i: number) => {
        const row = (await c.query("SELECT $1::int AS a, $2::text AS b, $3::int AS c, $4::bool AS d", [i, "x", i * 2, true])).rows[0];
        return row.a === i && row.b === "x" && row.c === i * 2 && row.d === true;
      },
    ];
    const results = await Promise.all(
      clients.map(async (client, n) => {
        const shape = shapes[n % shapes.length]!;
        let ok = 0;
        for (let i = 0; i < 150; i++) if (await shape(client, i)) ok += 1;
        return ok;
      }),
    );
    expect(results).toEqual(clients.map(() => 150));
  });

  it("goes on serving the other connections after one fails mid-batch", async () => {
    const [a, b] = clients;
    await expect(a!.query("SELECT $1::int / 0 AS v", [1])).rejects.toThrow(/division by zero/);
    const [after, other] = await Promise.all([a!.query("SELECT $1::int AS v", [7]), b!.query("SELECT $1::text AS v", ["ok"])]);
    expect(after.rows[0].v).toBe(7);
    expect(other.rows[0].v).toBe("ok");
  });
});

describe("the queue discipline behind it", () => {
  /** A stand-in for PGlite that records the order in which messages reach the session. */
  function fakeQueue(inTransaction = () => false) {
    const order: string[] = [];
    const queue: SocketQueryQueue = {
      queue: [],
      processing: false,
      lastHandlerId: null,
      db: {
        isInTransaction: inTransaction,
        runExclusive: (<T,>(fn: () => Promise<T>) => fn()) as SocketQueryQueue["db"]["runExclusive"],
        execProtocolRawStream: (async (message: Uint8Array) => {
          await new Promise((r) => setTimeout(r, 1));
          order.push(new TextDecoder().decode(message));
          if (message[1] === "!".charCodeAt(0)) throw new Error("internal failure");
          return [];
        }) as unknown as SocketQueryQueue["db"]["execProtocolRawStream"],
      },
      processQueue: async () => undefined,
      clearQueueForHandler(handlerId: number) {
        this.queue = this.queue.filter((item) => item.handlerId !== handlerId);
      },
    };
    installBatchIsolation(queue);
    const enqueue = (handlerId: number, text: string) =>
      new Promise<number>((resolve, reject) => {
        queue.queue.push({ handlerId, message: new TextEncoder().encode(text), onData: () => undefined, resolve, reject });
        void queue.processQueue();
      });
    return { queue, order, enqueue };
  }

  it("runs a connection's Parse…Sync batch without another connection's messages in between", async () => {
    const { order, enqueue } = fakeQueue();
    // Connection 1 sends its batch one message at a time (each after the previous answered), as pglite-socket does.
    const one = (async () => {
      for (const m of ["P1", "B1", "E1", "S1"]) await enqueue(1, m);
    })();
    const two = (async () => {
      for (const m of ["P2", "B2", "E2", "S2"]) await enqueue(2, m);
    })();
    await Promise.all([one, two]);
    const first = order.indexOf("P1") < order.indexOf("P2") ? "1" : "2";
    const second = first === "1" ? "2" : "1";
    expect(order).toEqual([..."PBES"].map((c) => c + first).concat([..."PBES"].map((c) => c + second)));
  });

  it("lets simple queries of different connections alternate", async () => {
    const { order, enqueue } = fakeQueue();
    await Promise.all([enqueue(1, "Q1"), enqueue(2, "Q2"), enqueue(1, "Q1b")]);
    expect(order).toEqual(["Q1", "Q2", "Q1b"]);
  });

  it("goes on after a message fails, and frees the turn of a connection that went away", async () => {
    const { queue, order, enqueue } = fakeQueue();
    await expect(enqueue(1, "P!")).rejects.toThrow("internal failure");
    // Connection 1 is mid-batch (its Parse failed before Sync): connection 2 waits until 1 goes away.
    const waiting = enqueue(2, "Q2");
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(["P!"]);
    queue.clearQueueForHandler(1);
    await waiting;
    expect(order).toEqual(["P!", "Q2"]);
  });
});
