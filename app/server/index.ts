import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { env } from "~/modules/config/env.server";
import { bootServices } from "./boot.server";
import { createHttpApp } from "./http.server";
import { attachSocketServer } from "./socket.server";

/**
 * `npm start`: one process serving pages and socket.io, and (on the embedded database, or with
 * PONTE_WORKERS=inline) working the job queue too.
 */
async function main() {
  const config = env();
  const services = await bootServices({ work: config.PONTE_WORKERS === "inline" });
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
  console.log(`Ponte is ready on http://localhost:${port} (${services.database.kind} database, workers ${config.PONTE_WORKERS})`);

  // SIGTERM: stop accepting, let requests in flight finish (10 s at most), then close sockets, queue, database.
  const shutdown = async (signal: string) => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    console.log(`[server] ${signal}: shutting down`);
    const force = setTimeout(() => httpServer.closeAllConnections(), 10_000);
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await sockets.close();
    await closed;
    clearTimeout(force);
    await services.stop();
    console.log("[server] stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
