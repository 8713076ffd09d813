import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import pg from "pg";
import { isMember } from "~/modules/tenancy/access.server";
import { sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { unscopedDb } from "~/modules/db/index.server";
import { agencyRoom, organizationRoom, rfqRoom, sessionRoom, shipmentRoom, userRoom, warehouseRoom } from "~/modules/realtime/rooms";
import { isExportAgentUser, mayFollowWarehouse, mayViewShipment } from "~/modules/logistics/shipment-access.server";
import { mayJoinRfq } from "~/modules/ordering/rfq-thread.server";
import { setRealtime } from "~/modules/realtime/index.server";
import { createLocalFirstPostgresAdapter } from "~/modules/realtime/local-first-adapter.server";

export interface SocketData {
  userId: string;
  sessionId: string;
}

// setTimeout's ceiling (~24.8 days); a session lives 30 days, so a longer wait is re-armed.
const MAX_TIMER_MS = 2 ** 31 - 1;

type Ack = (answer: { ok: true } | { ok: false; status: 404; error: "not_found" }) => void;

/**
 * socket.io on the pages' HTTP server. The handshake is authenticated by the same session cookie as the pages;
 * a socket joins its user's and its session's rooms, and an organization's room only when the session is still
 * alive and its user a member (else "not found"); tracking rooms (a shipment, a warehouse, the agency) only for those
 * logistics/shipment-access.server.ts lets see them. A socket lives no longer than its session: ending the session
 * disconnects the session's room (realtime/index.server.ts), and the session's expiry closes it too.
 */
export function attachSocketServer(httpServer: HttpServer, options: { databaseUrl?: string; appUrl: string }) {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    cors: { origin: options.appUrl, credentials: true },
  });
  let pool: pg.Pool | undefined;
  if (options.databaseUrl) {
    // Fan-out between web processes through PostgreSQL NOTIFY: no Redis needed.
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
    io.adapter(createLocalFirstPostgresAdapter(pool, { tableName: "socket_io_attachments" }));
  }

  io.use(async (socket, next) => {
    try {
      const sessionUser = await sessionUserFromCookieHeader(socket.handshake.headers.cookie);
      if (!sessionUser) return next(new Error("unauthorized"));
      socket.data.userId = sessionUser.user.id;
      socket.data.sessionId = sessionUser.sessionId;
      closeAt(socket, sessionUser.expiresAt);
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on("connection", (socket: Socket) => {
    const { userId, sessionId } = socket.data as SocketData;
    void socket.join([userRoom(userId), sessionRoom(sessionId)]);
    socket.on("organization:join", async (organizationId: unknown, ack?: Ack) => {
      try {
        const alive = await sessionAlive(sessionId);
        if (!alive) {
          // Ended in a way that did not reach this process (e.g. deleted by hand): the socket goes with it.
          socket.disconnect(true);
          return;
        }
        const allowed = typeof organizationId === "string" && (await isMember(userId, organizationId));
        if (allowed) await socket.join(organizationRoom(organizationId));
        if (typeof ack === "function") ack(allowed ? { ok: true } : { ok: false, status: 404, error: "not_found" });
      } catch (error) {
        console.error("[socket] organization:join failed", error);
        if (typeof ack === "function") ack({ ok: false, status: 404, error: "not_found" });
      }
    });
    socket.on("organization:leave", async (organizationId: unknown) => {
      if (typeof organizationId === "string") await socket.leave(organizationRoom(organizationId));
    });
    // An RFQ thread: members of its buyer or its manufacturer only, checked here on every join.
    socket.on("rfq:join", async (rfqId: unknown, ack?: Ack) => {
      try {
        const allowed = (await sessionAlive(sessionId)) && (await mayJoinRfq(userId, rfqId));
        if (allowed) await socket.join(rfqRoom(rfqId as string));
        if (typeof ack === "function") ack(allowed ? { ok: true } : { ok: false, status: 404, error: "not_found" });
      } catch (error) {
        console.error("[socket] rfq:join failed", error);
        if (typeof ack === "function") ack({ ok: false, status: 404, error: "not_found" });
      }
    });
    socket.on("rfq:leave", async (rfqId: unknown) => {
      if (typeof rfqId === "string") await socket.leave(rfqRoom(rfqId));
    });
    // Tracking (logistics/shipment-access.server.ts decides, as for the pages): a shipment's page joins its room; the
    // agency's desk the agency room (every shipment); a warehouse's desk that warehouse's room. Others: not found.
    guardedJoin(socket, sessionId, "shipment:join", (shipmentId) => mayViewShipment(userId, shipmentId), (shipmentId) => shipmentRoom(shipmentId as string));
    guardedJoin(socket, sessionId, "warehouse:join", (warehouseId) => mayFollowWarehouse(userId, warehouseId), (warehouseId) => warehouseRoom(warehouseId as string));
    socket.on("agency:join", async (ack?: Ack) => {
      try {
        const allowed = (await sessionAlive(sessionId)) && (await isExportAgentUser(userId));
        if (allowed) await socket.join(agencyRoom());
        if (typeof ack === "function") ack(allowed ? { ok: true } : { ok: false, status: 404, error: "not_found" });
      } catch (error) {
        console.error("[socket] agency:join failed", error);
        if (typeof ack === "function") ack({ ok: false, status: 404, error: "not_found" });
      }
    });
    socket.on("agency:leave", () => void socket.leave(agencyRoom()));
    socket.on("shipment:leave", (shipmentId: unknown) => {
      if (typeof shipmentId === "string") void socket.leave(shipmentRoom(shipmentId));
    });
    socket.on("warehouse:leave", (warehouseId: unknown) => {
      if (typeof warehouseId === "string") void socket.leave(warehouseRoom(warehouseId));
    });
    // Typing is relayed to the other sockets of a room this socket has joined, never stored.
    socket.on("rfq:typing", (rfqId: unknown) => {
      if (typeof rfqId === "string" && socket.rooms.has(rfqRoom(rfqId))) socket.to(rfqRoom(rfqId)).emit("rfq:typing", { rfqId, userId });
    });
  });

  setRealtime(io);
  return {
    io,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool?.end();
    },
  };
}

/** A join answered like rfq:join: the room only when the session is alive and `allowed` says yes, else not found. */
function guardedJoin(socket: Socket, sessionId: string, event: string, allowed: (id: unknown) => Promise<boolean>, room: (id: unknown) => string) {
  socket.on(event, async (id: unknown, ack?: Ack) => {
    try {
      const ok = (await sessionAlive(sessionId)) && (await allowed(id));
      if (ok) await socket.join(room(id));
      if (typeof ack === "function") ack(ok ? { ok: true } : { ok: false, status: 404, error: "not_found" });
    } catch (error) {
      console.error(`[socket] ${event} failed`, error);
      if (typeof ack === "function") ack({ ok: false, status: 404, error: "not_found" });
    }
  });
}

async function sessionAlive(sessionId: string): Promise<boolean> {
  const session = await unscopedDb.session.findUnique({ where: { id: sessionId }, select: { expiresAt: true } });
  return Boolean(session && session.expiresAt > new Date());
}

/** Disconnects the socket when its session expires. */
function closeAt(socket: Socket, expiresAt: Date) {
  const wait = expiresAt.getTime() - Date.now();
  const timer = setTimeout(() => (wait > MAX_TIMER_MS ? closeAt(socket, expiresAt) : socket.disconnect(true)), Math.min(Math.max(wait, 0), MAX_TIMER_MS));
  timer.unref();
  socket.once("disconnect", () => clearTimeout(timer));
}
