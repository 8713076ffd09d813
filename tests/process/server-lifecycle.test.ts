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
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(code === 0 ? "exit 0" : `exit ${code ?? signal}:\n${output}`)));
  return { child, ready, exited, output: () => output };
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

    // A request still arriving when SIGTERM comes is answered, not cut off.
    const body = "email=a%40b.c&x=1";
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/en/login", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 700);
    });
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill("SIGTERM");
    expect(await inFlight).toBe(403); // answered (no CSRF token), not reset
    expect(await server.exited).toBe("exit 0");
    expect(server.output()).toContain("[server] stopped");
  });

  it("restarts on the same data without seeding twice", async () => {
    const server = startServer();
    const port = await server.ready;
    expect(server.output()).not.toContain("demo data seeded");
    const login = await fetch(`http://127.0.0.1:${port}/en/login`);
    expect(login.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe("exit 0");
  });
});
