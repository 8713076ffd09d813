import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

/** What the benches share: their command-line options, a free port, and starting and stopping the server. */

export const args = process.argv.slice(2);
export function option(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1]!.startsWith("--") ? args[i + 1]! : fallback;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs / 1000} s`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}


/** Node flags the server runs with under `npm start` (package.json): a larger young generation, less time in GC. */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/**
 * A real session for an existing buyer of the bench database, made by the app's own sign-in code and signed with
 * the secret the server will run with. Runs in the bench's process before the server starts (the embedded database
 * serves one process at a time). Answers the Cookie header value and how to delete the session afterwards.
 */
export async function openBuyerSession(env: NodeJS.ProcessEnv, base: string, email: string): Promise<{ cookie: string; email: string; organization: string; close: () => Promise<void> }> {
  for (const name of ["DATABASE_URL", "SESSION_SECRET", "APP_URL", "PONTE_DATA_DIR"] as const) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  const { resetEnvCache } = await import("../../app/modules/config/env.server");
  resetEnvCache();
  const { connectDatabase, disconnectDatabase, unscopedDb } = await import("../../app/modules/db/index.server");
  const { createUserSession, sessionTokenFromCookieHeader } = await import("../../app/modules/tenancy/session.server");
  const { hashToken } = await import("../../app/modules/security/tokens.server");
  await connectDatabase();
  try {
    const user = await unscopedDb.user.findUnique({
      where: { email: email },
      select: { id: true, memberships: { orderBy: { createdAt: "asc" }, take: 1, select: { organization: { select: { name: true, kind: true, countryCode: true, region: true } } } } },
    });
    const organization = user?.memberships[0]?.organization;
    if (!user || organization?.kind !== "BUYER") throw new Error(`no buyer ${email} in the bench database (seed it with npm run seed:bench)`);
    const setCookie = await createUserSession(user.id, new Request(base, { headers: { "User-Agent": "ponte bench" } }));
    const cookie = setCookie.split(";")[0]!;
    const token = await sessionTokenFromCookieHeader(cookie);
    if (!token) throw new Error("the session cookie made by createUserSession does not parse");
    const tokenHash = hashToken(token);
    return {
      cookie,
      email,
      organization: `${organization.name} (${organization.countryCode.trim()}${organization.region ? `, ${organization.region}` : ""})`,
      close: async () => {
        await connectDatabase();
        await unscopedDb.session.deleteMany({ where: { tokenHash } });
        await disconnectDatabase();
      },
    };
  } finally {
    await disconnectDatabase();
  }
}

/**
 * The real HTTP app (app/server/http.server.ts over the existing build) in this process, page cache and workers off,
 * on the bench database of the command line (DATABASE_URL's server, database ponte_bench or `--database`), with a fresh
 * session of a demo buyer (`--buyer-email`, default buyer.br@demo.ponte.test): what the per-request measurements (statements.ts,
 * compression.ts) run against. `close` stops the app, the database and deletes the session.
 */
export async function startInProcessApp(tool: string) {
  if (!existsSync("build/index.js")) throw new Error("no build: run `npm run build` first");
  const { benchTarget } = await import("../../prisma/seed-bench");
  const target = benchTarget(args);
  if (target.kind !== "server") throw new Error(`${tool} needs the PostgreSQL server (DATABASE_URL)`);
  const buyerEmail = option("buyer-email", "buyer.br@demo.ponte.test");
  const base = "http://127.0.0.1";
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", DATABASE_URL: target.url, SESSION_SECRET: randomBytes(32).toString("base64url"), APP_URL: base, PONTE_DATA_DIR: target.dataDir };
  const session = await openBuyerSession(env, base, buyerEmail);
  Object.assign(process.env, { NODE_ENV: "production", PONTE_WORKERS: "off", PAGE_CACHE_SECONDS: "0" });
  const { resetEnvCache } = await import("../../app/modules/config/env.server");
  resetEnvCache();
  const { connectDatabase, disconnectDatabase } = await import("../../app/modules/db/index.server");
  const { createHttpApp } = await import("../../app/server/http.server");
  await connectDatabase();
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const server = createHttpApp(build, { shuttingDown: false }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    session,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await disconnectDatabase();
      await session.close();
    },
  };
}
