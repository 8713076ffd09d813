import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

describe("who can reach it", () => {
  /** Inodes of the TCP sockets this process is listening on (Linux: /proc). */
  function listeningTcpInodes(): Set<string> {
    const mine = new Set(
      readdirSync("/proc/self/fd")
        .map((fd) => {
          try {
            return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
          } catch {
            return undefined;
          }
        })
        .filter((inode): inode is string => Boolean(inode)),
    );
    const listening = new Set<string>();
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
        const fields = line.trim().split(/\s+/);
        // st 0A = LISTEN; the inode is the 10th field.
        if (fields[3] === "0A" && mine.has(fields[9]!)) listening.add(fields[9]!);
      }
    }
    return listening;
  }

  it("serves the wire protocol on a Unix socket in a folder only its owner may enter, on no TCP port", async () => {
    const url = new URL(embedded.url);
    expect(url.port).toBe("");
    const folder = url.searchParams.get("host")!;
    expect(path.isAbsolute(folder)).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const socket = statSync(path.join(folder, ".s.PGSQL.5432"));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o077).toBe(0);
    const before = listeningTcpInodes();
    const another = await startEmbeddedPostgres();
    try {
      expect(listeningTcpInodes()).toEqual(before);
    } finally {
      await another.close();
    }
  });

  it("uses the folder it is given, private even if it existed with wider rights, and cleans up after itself", async () => {
    const socketDir = path.join(mkdtempSync(path.join(tmpdir(), "ponte-sock-test-")), "pg-socket");
    mkdirSync(socketDir, { mode: 0o755 });
    chmodSync(socketDir, 0o755);
    const own = await startEmbeddedPostgres(undefined, { socketDir });
    try {
      expect(new URL(own.url).searchParams.get("host")).toBe(socketDir);
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      const client = new pg.Client({ connectionString: own.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      await client.end();
    } finally {
      await own.close();
    }
    expect(readdirSync(socketDir)).toEqual([]);
    // A restart after a crash finds the old socket file in the way: it starts anyway.
    const again = await startEmbeddedPostgres(undefined, { socketDir });
    await again.close();
  });

  // Only root can play another local user here (the suite runs as root in CI and on this project's machines).
  it.runIf(process.getuid?.() === 0)("refuses another local user, while its owner gets in", async () => {
    const socketPath = path.join(new URL(embedded.url).searchParams.get("host")!, ".s.PGSQL.5432");
    const tryConnect = (uid?: number) =>
      new Promise<string>((resolve, reject) => {
        const script = `require("node:net").connect(${JSON.stringify(socketPath)}).on("connect", () => { console.log("connected"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(0); });`;
        const child = spawn(process.execPath, ["-e", script], { cwd: "/", ...(uid === undefined ? {} : { uid, gid: uid }), stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("error", reject);
        child.on("exit", () => resolve(out.trim()));
      });
    expect(await tryConnect(65534)).toBe("EACCES");
    expect(await tryConnect()).toBe("connected");
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
