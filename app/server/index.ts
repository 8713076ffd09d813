import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { env, outboxKey } from "~/modules/config/env.server";
import { stripeConfigProblem } from "~/modules/payments/stripe.server";
import { bootServices, prepareDatabase } from "./boot.server";
import { createHttpApp } from "./http.server";
import { unsafeListenReason } from "./listen.server";
import { webProcessCount } from "./processes.server";
import { attachSocketServer } from "./socket.server";

/**
 * `npm start`: one process serving pages and socket.io, and (on the embedded database, or with
 * PONTE_WORKERS=inline) working the job queue too.
 *
 * With a PostgreSQL server and WEB_PROCESSES > 1 (or "auto": one per usable core, processes.server.ts), a primary process migrates and seeds
 * the database once, then forks that many web processes sharing the port (node:cluster); socket.io fans out
 * between them through PostgreSQL. The embedded database lives in one process, so it always runs one.
 */
async function serve() {
  const config = env();
  const services = await bootServices({ work: config.PONTE_WORKERS === "inline", prepare: !cluster.isWorker });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const state = { shuttingDown: false };
  const httpServer = createServer(createHttpApp(build, state));
  const sockets = attachSocketServer(httpServer, {
    databaseUrl: services.database.kind === "server" ? services.database.url : undefined,
    appUrl: config.APP_URL,
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  if (!cluster.isWorker) {
    console.log(`Ponte is ready on http://localhost:${port} (${services.database.kind} database, workers ${config.PONTE_WORKERS})`);
    // The key opens the page once in this browser (it then keeps an httpOnly cookie).
    if (!config.isProduction) console.log(`Emails sent (signup links, password resets, invitations): http://localhost:${port}/dev/outbox?key=${outboxKey()}`);
  }

  // SIGTERM: stop accepting, let requests in flight finish (10 s at most), then close sockets, queue, database.
  const shutdown = async (signal: string) => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    if (!cluster.isWorker) console.log(`[server] ${signal}: shutting down`);
    const force = setTimeout(() => httpServer.closeAllConnections(), 10_000);
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await sockets.close();
    await closed;
    clearTimeout(force);
    await services.stop();
    if (!cluster.isWorker) console.log("[server] stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

async function primary(processes: number) {
  await prepareDatabase();
  const config = env();
  let stopping = false;
  const fork = () => cluster.fork({ PONTE_WORKERS: config.PONTE_WORKERS });
  for (let i = 0; i < processes; i++) fork();
  let ready = 0;
  cluster.on("listening", () => {
    ready += 1;
    if (ready === processes) console.log(`Ponte is ready on http://localhost:${config.PORT} (server database, ${processes} web processes, workers ${config.PONTE_WORKERS})`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        console.log("[server] stopped");
        process.exit(0);
      }
      return;
    }
    console.error(`[server] web process ${worker.process.pid} ended (${signal ?? code}): starting another`);
    fork();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: shutting down ${processes} web processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

function webProcesses(): number {
  const config = env();
  return webProcessCount(config.WEB_PROCESSES, { embedded: config.embedded });
}

const unsafe = unsafeListenReason(env()) ?? stripeConfigProblem();
if (unsafe) {
  console.error(unsafe);
  process.exit(1);
}
const processes = cluster.isWorker ? 1 : webProcesses();
(processes > 1 ? primary(processes) : serve()).catch((error) => {
  console.error(error);
  process.exit(1);
});
