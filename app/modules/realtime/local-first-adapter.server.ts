import { createAdapter } from "@socket.io/postgres-adapter";
import type pg from "pg";
import type { Namespace } from "socket.io";
import { Adapter, MessageType, type BroadcastOptions } from "socket.io-adapter";

type AdapterOptions = NonNullable<Parameters<typeof createAdapter>[1]>;

/** What this wrapper uses of the cluster adapter beside its public API (socket.io-adapter 2.5, ClusterAdapter). */
interface ClusterInternals {
  publishAndReturnOffset(message: { type: MessageType; data: unknown }): Promise<string>;
}

/** The library's encodeOptions (not exported): Sets as arrays, for the JSON of a NOTIFY. */
const encode = (opts: BroadcastOptions) => ({ rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags });

/**
 * socket.io's PostgreSQL adapter, acting on this process's own sockets first.
 *
 * The library's broadcast (and its joins, leaves and disconnects) awaits the NOTIFY that carries the operation to the
 * other web processes, through its pool of two connections, before it touches the sockets of its own process: every
 * live push waited for a PostgreSQL round trip and, under load, queued behind the other NOTIFYs (bench:tracking, 200
 * events a second). Here each operation acts on this process's sockets at once, in program order, and is published
 * beside it, not waited for. The publications keep that order among themselves (one after another), so another
 * process applies a member's removal from a room before the next event for that room, as before. What reaches other
 * processes and what emitters (workers) send through LISTEN are unchanged. Check this against the library on an
 * upgrade of `socket.io-adapter` or `@socket.io/postgres-adapter`: the fan-out and reach integration tests cover
 * two processes and removals.
 */
export function createLocalFirstPostgresAdapter(pool: pg.Pool, options: AdapterOptions) {
  const create = createAdapter(pool, options);
  // A function, not an arrow: socket.io calls it with `new` (an object returned from a constructor is the instance).
  return function localFirstAdapter(nsp: Namespace) {
    const adapter = create(nsp) as unknown as Adapter & ClusterInternals;
    let published: Promise<unknown> = Promise.resolve();
    const publish = (opts: BroadcastOptions, type: MessageType, data: Record<string, unknown>) => {
      if (opts.flags?.local) return;
      published = published
        .then(() => adapter.publishAndReturnOffset({ type, data: { ...data, opts: encode(opts) } }))
        .catch((error: Error) => console.error("[realtime] not published to the other web processes:", error.message));
    };
    adapter.broadcast = (packet: unknown, opts: BroadcastOptions) => {
      publish(opts, MessageType.BROADCAST, { packet });
      Adapter.prototype.broadcast.call(adapter, packet, opts);
    };
    adapter.addSockets = (opts: BroadcastOptions, rooms: string[]) => {
      publish(opts, MessageType.SOCKETS_JOIN, { rooms });
      Adapter.prototype.addSockets.call(adapter, opts, rooms);
    };
    adapter.delSockets = (opts: BroadcastOptions, rooms: string[]) => {
      publish(opts, MessageType.SOCKETS_LEAVE, { rooms });
      Adapter.prototype.delSockets.call(adapter, opts, rooms);
    };
    adapter.disconnectSockets = (opts: BroadcastOptions, close: boolean) => {
      publish(opts, MessageType.DISCONNECT_SOCKETS, { close });
      Adapter.prototype.disconnectSockets.call(adapter, opts, close);
    };
    return adapter;
  };
}
