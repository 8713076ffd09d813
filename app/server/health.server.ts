import { currentDatabase, unscopedDb } from "~/modules/db/index.server";
import { queueHealth } from "~/modules/jobs/queue.server";
import { sessionUserFromCookieHeader } from "~/modules/tenancy/session.server";
import { isLocalRequest } from "./listen.server";

export interface HealthReport {
  status: "ok" | "degraded" | "shutting_down";
  database: { ok: boolean; kind?: "embedded" | "server"; latencyMs?: number; error?: string };
  queue: { ok: boolean; detail?: string };
  uptimeSeconds: number;
}

export async function health(state: { shuttingDown: boolean }): Promise<HealthReport> {
  const database: HealthReport["database"] = { ok: false };
  try {
    const current = currentDatabase();
    const started = performance.now();
    await current.base.$queryRaw`SELECT 1`;
    Object.assign(database, { ok: true, kind: current.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 });
  } catch (error) {
    database.error = (error as Error).message;
  }
  const queue = await queueHealth();
  const status = state.shuttingDown ? "shutting_down" : database.ok && queue.ok ? "ok" : "degraded";
  return { status, database, queue, uptimeSeconds: Math.round(process.uptime()) };
}

/**
 * The public learns only `{status}`; which database, its latency and the queue's state are for this machine
 * (the socket's peer is loopback, whatever a proxy header says) or a signed-in owner/admin of the platform.
 */
export async function canSeeHealthDetails(peerAddress: string | undefined, header: (name: string) => string | undefined): Promise<boolean> {
  if (isLocalRequest(peerAddress, header)) return true;
  const cookieHeader = header("cookie");
  if (!cookieHeader) return false;
  const sessionUser = await sessionUserFromCookieHeader(cookieHeader);
  if (!sessionUser) return false;
  const admin = await unscopedDb.membership.findFirst({
    where: { userId: sessionUser.user.id, role: { in: ["OWNER", "ADMIN"] }, organization: { kind: "PLATFORM" } },
    select: { id: true },
  });
  return Boolean(admin);
}
