import type { Server } from "socket.io";
import { organizationRoom, rfqRoom, sessionRoom, userRoom } from "./rooms";

const registry = globalThis as typeof globalThis & { __ponteRealtime?: Server };

export function setRealtime(io: Server | undefined) {
  registry.__ponteRealtime = io;
}

/** Pushes an event to every member online in an organization; a no-op where no socket server runs (scripts, tests). */
export function emitToOrganization(organizationId: string, event: string, payload: unknown) {
  registry.__ponteRealtime?.to(organizationRoom(organizationId)).emit(event, payload);
}

/** Pushes an event once to every socket in any of the rooms (socket.io deduplicates across rooms). */
export function emitToRooms(rooms: string[], event: string, payload: unknown) {
  if (rooms.length) registry.__ponteRealtime?.to(rooms).emit(event, payload);
}

/** Pushes an event to both sides of an RFQ thread that have it open. */
export function emitToRfq(rfqId: string, event: string, payload: unknown) {
  registry.__ponteRealtime?.to(rfqRoom(rfqId)).emit(event, payload);
}

/** A member removed from an organization stops receiving its events at once. */
export function evictFromOrganization(userId: string, organizationId: string) {
  registry.__ponteRealtime?.in(userRoom(userId)).socketsLeave(organizationRoom(organizationId));
  // RFQ rooms were joined as a member of some organization: leave them all; a page still open rejoins on reload,
  // where the join rule is checked again.
  void registry.__ponteRealtime
    ?.in(userRoom(userId))
    .fetchSockets()
    .then((sockets) => {
      for (const socket of sockets) for (const room of socket.rooms) if (room.startsWith(rfqRoom(""))) socket.leave(room);
    })
    .catch((error: unknown) => console.error("[realtime] leaving RFQ rooms failed", error));
}

/**
 * Sessions that ended (logout, password change or reset, revocation) close their sockets at once, in every web
 * process (the adapter carries it through PostgreSQL between processes).
 */
export function disconnectSessions(sessionIds: string[]) {
  if (sessionIds.length) registry.__ponteRealtime?.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
}

/** Every socket of a user (a password reset ends all their sessions). */
export function disconnectUser(userId: string) {
  registry.__ponteRealtime?.in(userRoom(userId)).disconnectSockets(true);
}
