/**
 * The server `bench:catalog -- --loaders memory` starts instead of app/server/index.ts: the same HTTP app
 * (app/server/http.server.ts: Express, the security headers, the CSRF cookie, the viewer, Remix's request handler,
 * React's server render and the hydration data) over the existing build, except that each route's loader answers
 * from memory once it has answered a URL for a visitor (no session: anonymous; else per session cookie).
 *
 * What it measures is the render pipeline alone: how many pages one process can render when the loaders and the
 * database cost nothing. No change to the loaders or the queries can take a page past that, so it is the bound of
 * this design on this machine (README, Performance). Never a way to serve the app: a page's data stays frozen.
 */
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LoaderFunction, ServerBuild } from "@remix-run/node";
import { env } from "~/modules/config/env.server";
import { bootServices } from "~/server/boot.server";
import { createHttpApp } from "~/server/http.server";

const SESSION = /(?:^|;\s*)ponte_session=([^;]*)/;

/** The loader's first answer per URL and session, kept when it is plain data (a Response is answered afresh). */
function fromMemory(routeId: string, loader: LoaderFunction): LoaderFunction {
  const answers = new Map<string, unknown>();
  return async (args) => {
    const key = `${args.request.url} ${SESSION.exec(args.request.headers.get("cookie") ?? "")?.[1] ?? ""}`;
    if (answers.has(key)) return answers.get(key);
    const answer: unknown = await loader(args);
    if (!(answer instanceof Response)) answers.set(key, answer);
    else console.warn(`[render-ceiling] ${routeId} answered a Response for ${args.request.url}: not kept`);
    return answer;
  };
}

async function serve() {
  const config = env();
  const services = await bootServices({ work: false, prepare: false });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const loader = route.module.loader;
      return [id, loader ? { ...route, module: { ...route.module, loader: fromMemory(id, loader) } } : route];
    }),
  );
  const httpServer = createServer(createHttpApp({ ...build, routes }, { shuttingDown: false }));
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  console.log(`render-ceiling server on ${config.HOST}:${config.PORT}: every loader answers from memory after its first call`);
  const shutdown = () => {
    httpServer.closeAllConnections();
    httpServer.close(() => void services.stop().then(() => process.exit(0)));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

serve().catch((error) => {
  console.error(error);
  process.exit(1);
});
