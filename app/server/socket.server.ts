import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { isMember } from "~/modules/tenancy/access.server";
import { sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { organizationRoom, userRoom } from "~/modules/realtime/rooms";
import { setRealtime } from "~/modules/realtime/index.server";

export interface SocketData {
  userId: string;
}

type Ack = (answer: { ok: true } | { ok: false; status: 404; error: "not_found" }) => void;

/**
 * socket.io on the pages' HTTP server. The handshake is authenticated by the same session cookie as the pages;
 * a socket joins its user's room, and an organization's room only when its user is a member (else "not found").
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
    io.adapter(createAdapter(pool, { tableName: "socket_io_attachments" }));
  }

  io.use(async (socket, next) => {
    try {
      const sessionUser = await sessionUserFromCookieHeader(socket.handshake.headers.cookie);
      if (!sessionUser) return next(new Error("unauthorized"));
      socket.data.userId = sessionUser.user.id;
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on("connection", (socket: Socket) => {
    const userId = (socket.data as SocketData).userId;
    void socket.join(userRoom(userId));
    socket.on("organization:join", async (organizationId: unknown, ack?: Ack) => {
      const allowed = typeof organizationId === "string" && (await isMember(userId, organizationId));
      if (allowed) await socket.join(organizationRoom(organizationId));
      ack?.(allowed ? { ok: true } : { ok: false, status: 404, error: "not_found" });
    });
    socket.on("organization:leave", async (organizationId: unknown) => {
      if (typeof organizationId === "string") await socket.leave(organizationRoom(organizationId));
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
