import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The real `npm start` process on a fresh embedded database: boot, health, SIGTERM, and a restart on the same data. */
const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-lifecycle-"));
const started: ChildProcess[] = [];

function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "lifecycle-secret-lifecycle-secret-0123", PONTE_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", PONTE_SEED_DEMO: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  /** Resolves with the first match of `pattern` in the process's output, as soon as it is printed. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return false;
        child.stdout!.off("data", check);
        child.stderr!.off("data", check);
        resolve(match);
        return true;
      };
      if (check()) return;
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
      child.once("exit", (code) => reject(new Error(`server exited with ${code} before printing ${pattern}:\n${output}`)));
    });
  const ready = printed(/ready on http:\/\/(?:\[[^\]]+\]|[^\s:/]+):(\d+)/).then((match) => Number(match[1]));
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(code === 0 ? "exit 0" : `exit ${code ?? signal}:\n${output}`)));
  return { child, ready, exited, printed, output: () => output };
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("the server process", () => {
  it("boots on a fresh embedded database, seeds it, and reports health", async () => {
    const server = startServer();
    const port = await server.ready;
    expect(server.output()).toContain("demo data seeded");
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", database: { ok: true, kind: "embedded" }, queue: { ok: true } });

    // A request still arriving when SIGTERM comes is answered, not cut off. "Expect: 100-continue" makes the server
    // say when it has taken the request in; the rest of the body is sent once the server says it is shutting down.
    const body = "email=a%40b.c&x=1";
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/en/login",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Expect: "100-continue" },
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
    });
    const takenIn = new Promise<void>((resolve) => req.once("continue", resolve));
    req.flushHeaders();
    await takenIn;
    req.write(body.slice(0, 5));
    server.child.kill("SIGTERM");
    await server.printed(/SIGTERM: shutting down/);
    req.end(body.slice(5));
    expect(await answered).toBe(403); // answered (no CSRF token), not reset
    expect(await server.exited).toBe("exit 0");
    expect(server.output()).toContain("[server] stopped");
  }, 180_000); // a fresh database is migrated and the demo seeded (pictures drawn): minutes on a busy 2-core machine

  it("restarts on the same data without seeding twice", async () => {
    const server = startServer();
    const port = await server.ready;
    expect(server.output()).not.toContain("demo data seeded");
    const login = await fetch(`http://127.0.0.1:${port}/en/login`);
    expect(login.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe("exit 0");
  }, 120_000);
});
