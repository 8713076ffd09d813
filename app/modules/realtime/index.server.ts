import type { Server } from "socket.io";
import { BroadcastOperator, Emitter } from "@socket.io/postgres-emitter";
import pg from "pg";
import { agencyRoom, organizationRoom, rfqRoom, sessionRoom, shipmentRoom, userRoom, warehouseRoom } from "./rooms";

const registry = globalThis as typeof globalThis & {
  __ponteRealtime?: Server;
  __ponteRealtimeEmitter?: { emitter: Emitter; pool: pg.Pool };
};

export function setRealtime(io: Server | undefined) {
  registry.__ponteRealtime = io;
}

/**
 * A process on the PostgreSQL server without a socket server of its own (`npm run workers`, whose polling worker
 * ingests carrier events) still pushes: its emits go through PostgreSQL NOTIFY to the web processes' adapters
 * (socket.server.ts: same table and the adapter's default channel prefix "socket.io"). Where a socket server runs in
 * the process (every web process, and the embedded mode, whose workers run inside the server), that server is used.
 */
export function connectRealtimeEmitter(databaseUrl: string) {
  if (registry.__ponteRealtimeEmitter) return;
  stampNamespace();
  // allowExitOnIdle: a script that emitted can still end by itself.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, allowExitOnIdle: true });
  pool.on("error", (error) => console.error("[realtime] emitter connection failed", error));
  registry.__ponteRealtimeEmitter = { emitter: new Emitter(pool, "/", { tableName: "socket_io_attachments" }), pool };
}

/**
 * The PostgreSQL adapter (0.5, socket.io's cluster-adapter messages) drops any message without the namespace at its
 * top level, which the emitter (0.1.1, written for the older format) leaves out: each published message is given its
 * emitter's namespace before it goes out (also inside the attachment of a large one, which is the same object).
 */
function stampNamespace() {
  type Publishing = { emitter: { nsp: string }; publish(document: Record<string, unknown>): Promise<void> };
  const prototype = BroadcastOperator.prototype as unknown as Publishing & { __ponteStamped?: true };
  if (prototype.__ponteStamped) return;
  const publish = prototype.publish;
  prototype.publish = function (this: Publishing, document) {
    document.nsp ??= this.emitter.nsp;
    return publish.call(this, document);
  };
  prototype.__ponteStamped = true;
}

export async function closeRealtimeEmitter() {
  const current = registry.__ponteRealtimeEmitter;
  registry.__ponteRealtimeEmitter = undefined;
  await current?.pool.end();
}

/** The in-process socket server when there is one, else the PostgreSQL emitter (if connected), else nothing. */
function broadcaster(): Pick<Server, "to" | "in"> | Emitter | undefined {
  return registry.__ponteRealtime ?? registry.__ponteRealtimeEmitter?.emitter;
}

/** Pushes an event to every member online in an organization; a no-op where no socket server runs (scripts, tests). */
export function emitToOrganization(organizationId: string, event: string, payload: unknown) {
  broadcaster()?.to(organizationRoom(organizationId)).emit(event, payload);
}

/** Pushes an event once to every socket in any of the rooms (socket.io deduplicates across rooms). */
export function emitToRooms(rooms: string[], event: string, payload: unknown) {
  if (rooms.length) broadcaster()?.to(rooms).emit(event, payload);
}

/** Pushes an event to both sides of an RFQ thread that have it open. */
export function emitToRfq(rfqId: string, event: string, payload: unknown) {
  broadcaster()?.to(rfqRoom(rfqId)).emit(event, payload);
}

/**
 * A member removed from an organization stops receiving its events at once: its room, the RFQ threads, and the
 * tracking rooms (a shipment, a warehouse, the agency) the user may no longer follow; the membership is gone when this
 * runs, so the join rules answer for what is left (another membership may still open a shipment; leaving the PLATFORM
 * organization closes the agency and warehouse rooms). Resolves when the sockets have left.
 */
export async function evictFromOrganization(userId: string, organizationId: string): Promise<void> {
  const target = broadcaster();
  target?.in(userRoom(userId)).socketsLeave(organizationRoom(organizationId));
  // Only the socket server can list a user's sockets and their rooms (the emitter cannot).
  const io = registry.__ponteRealtime;
  if (!io) return;
  try {
    const access = await import("~/modules/logistics/shipment-access.server");
    const sockets = await io.in(userRoom(userId)).fetchSockets();
    const rooms = new Set(sockets.flatMap((socket) => [...socket.rooms]));
    const leave: string[] = [];
    for (const room of rooms) {
      // RFQ rooms were joined as a member of some organization: leave them all; a page still open rejoins on reload,
      // where the join rule is checked again.
      if (room.startsWith(rfqRoom(""))) leave.push(room);
      else if (room.startsWith(shipmentRoom("")) && !(await access.mayViewShipment(userId, room.slice(shipmentRoom("").length)))) leave.push(room);
      else if (room.startsWith(warehouseRoom("")) && !(await access.mayFollowWarehouse(userId, room.slice(warehouseRoom("").length)))) leave.push(room);
      else if (room === agencyRoom() && !(await access.isExportAgentUser(userId))) leave.push(room);
    }
    if (leave.length) io.in(userRoom(userId)).socketsLeave(leave);
  } catch (error) {
    console.error("[realtime] leaving a removed member's rooms failed", error);
  }
}

/**
 * Sessions that ended (logout, password change or reset, revocation) close their sockets at once, in every web
 * process (the adapter carries it through PostgreSQL between processes).
 */
export function disconnectSessions(sessionIds: string[]) {
  if (sessionIds.length) broadcaster()?.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
}

/** Every socket of a user (a password reset ends all their sessions). */
export function disconnectUser(userId: string) {
  broadcaster()?.in(userRoom(userId)).disconnectSockets(true);
}
