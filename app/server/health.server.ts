import { currentDatabase } from "~/modules/db/index.server";
import { queueHealth } from "~/modules/jobs/queue.server";

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
