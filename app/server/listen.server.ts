import { isIP } from "node:net";
import type { Env } from "~/modules/config/env.server";

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z), as a socket reports its peer. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const ip = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(ip) === 4) return ip.startsWith("127.");
  return ip === "::1" || ip === "0:0:0:0:0:0:0:1";
}

/** A HOST that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || isLoopbackAddress(host.replace(/^\[|\]$/g, ""));
}

/**
 * Outside production the app shows developer pages (the email outbox with password-reset links) and uses a secret
 * generated on disk: it must not be reachable from another machine. Answers the error to print, or null.
 */
export function unsafeListenReason(config: Pick<Env, "HOST" | "isProduction">): string | null {
  if (config.isProduction || isLoopbackHost(config.HOST)) return null;
  return (
    `Refusing to listen on HOST=${config.HOST} outside production: development mode is for this machine only ` +
    "(127.0.0.1, ::1 or localhost). To serve the network, set NODE_ENV=production and SESSION_SECRET (at least 32 characters)."
  );
}

/**
 * The request header through which the Express layer tells Remix code the socket's own peer address (never a
 * proxy's X-Forwarded-For): set on every request, overwriting anything the client sent under that name.
 */
export const PEER_IP_HEADER = "x-ponte-peer-ip";

/**
 * A request from this machine itself: the socket's peer is loopback, and no proxy forwarded it (a reverse proxy on
 * the same machine makes every visitor look local; it announces itself with X-Forwarded-For or Forwarded).
 */
export function isLocalRequest(peerAddress: string | null | undefined, header: (name: string) => string | null | undefined): boolean {
  return isLoopbackAddress(peerAddress) && !header("x-forwarded-for") && !header("forwarded");
}
