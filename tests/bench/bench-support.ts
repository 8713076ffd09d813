import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

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
