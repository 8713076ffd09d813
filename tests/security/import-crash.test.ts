import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formTokenFrom, get, logIn } from "./server-harness";

/**
 * Issue 8 item 11: an import interrupted by a crash showed "running" for 15 minutes, and the queue ran it again.
 * The real `npm start` process on the embedded database is killed (-9) while an import is saving its batches; on
 * the next start the import is FAILED ("interrupted") at once, and the batches it had committed are gone.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-import-crash-"));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer() {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "import-crash-secret-import-crash-0123", PONTE_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", PONTE_SEED_DEMO: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  const waiters: { pattern: RegExp; resolve: (match: RegExpExecArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const match = pattern.exec(output);
      if (match) return resolve(match);
      waiters.push({ pattern, resolve });
      child.once("exit", (code, signal) => reject(new Error(`server ended (${code ?? signal}) before printing ${pattern}:\n${output}`)));
    });
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(String(signal ?? code))));
  return { child, printed, exited, output: () => output };
}

/** 1,000 products of one variant: enough batches to be killed in the middle of. */
function csv(): Blob {
  const header = "product_ref,sku,category,name_en,hs_code,pack_size,moq,currency,lead_time_days,tier1_qty,tier1_price,net_weight_g,gross_weight_g,length_mm,width_mm,height_mm";
  const lines = Array.from({ length: 1000 }, (_, i) => `CRASH-${i},CRASH-${i}-A,kitchen-appliances,Crash kettle ${i},851671,6,50,USD,20,50,12.50,950,1300,240,180,260`);
  return new Blob([[header, ...lines].join("\n")], { type: "text/csv" });
}

describe("an import interrupted by a crash", () => {
  it("is FAILED as interrupted when the server starts again, and nothing of it is kept", async () => {
    const first = startServer();
    const base = `http://127.0.0.1:${(await first.printed(/ready on http:\/\/localhost:(\d+)/))[1]}`;
    const { cookie } = await logIn(base, "maker@demo.ponte.test");
    // The dashboard sends the maker to the organization's own page.
    const dashboard = await get(`${base}/en/dashboard`, { Cookie: cookie });
    const orgId = /\/orgs\/([0-9a-f-]{36})/.exec(dashboard.headers.get("Location") ?? (await dashboard.text()))?.[1];
    expect(orgId).toBeDefined();
    const page = `${base}/en/orgs/${orgId}/products/import`;
    const { token } = await formTokenFrom(page, cookie);
    const form = new FormData();
    form.set("csrf", token);
    form.set("file", csv(), "crash.csv");
    const uploaded = await fetch(page, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
    expect(uploaded.status).toBe(302);
    const importUrl = new URL(uploaded.headers.get("Location")!, base).toString();

    // Killed once the import has committed some batches (its page shows progress past 0 %).
    for (;;) {
      const html = await (await get(importUrl, { Cookie: cookie })).text();
      const percent = Number(/data-testid="import-progress"[^>]*aria-valuenow="(\d+)"|aria-valuenow="(\d+)"[^>]*data-testid="import-progress"/.exec(html)?.slice(1).find(Boolean) ?? 0);
      expect(html).not.toContain('data-testid="import-succeeded"');
      if (percent > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const second = startServer();
    const again = `http://127.0.0.1:${(await second.printed(/ready on http:\/\/localhost:(\d+)/))[1]}`;
    expect((await second.printed(/(\d+) interrupted import\(s\) marked failed/))[1]).toBe("1");
    const { cookie: cookie2 } = await logIn(again, "maker@demo.ponte.test");
    const html = await (await get(importUrl.replace(base, again), { Cookie: cookie2 })).text();
    expect(html).toContain("The import was interrupted (the server stopped while it ran). Nothing was imported; upload the file again.");
    const exported = await (await get(`${again}/en/orgs/${orgId}/products/export?format=csv`, { Cookie: cookie2 })).text();
    expect(exported).toContain("product_ref");
    expect(exported).not.toContain("CRASH-");
    // And a new upload is accepted: the organization's import slot was freed.
    const { token: token2 } = await formTokenFrom(`${again}/en/orgs/${orgId}/products/import`, cookie2);
    const retry = new FormData();
    retry.set("csrf", token2);
    retry.set("file", new Blob(["product_ref,sku\n"], { type: "text/csv" }), "empty.csv");
    expect((await fetch(`${again}/en/orgs/${orgId}/products/import`, { method: "POST", body: retry, headers: { Cookie: cookie2 }, redirect: "manual" })).status).toBe(302);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe("0");
  }, 600_000);
});
