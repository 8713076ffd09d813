import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

/**
 * `npm test`: static checks, unit and integration tests (PGlite, and the PostgreSQL server when TEST_DATABASE_URL
 * is set), then the end-to-end tests in Chromium. Ends with one line: "N passed, N failed".
 */
interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

const results: StepResult[] = [];
mkdirSync("test-results", { recursive: true });

function run(command: string, args: string[]): number {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const child = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return child.status ?? 1;
}

function check(name: string, command: string, args: string[]) {
  const code = run(command, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

check("typecheck", "npx", ["tsc", "--noEmit"]);
check("lint", "npx", ["eslint", "--max-warnings", "0", "."]);

rmSync("test-results/vitest.json", { force: true });
const vitestCode = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>("test-results/vitest.json");
results.push({
  name: process.env.TEST_DATABASE_URL ? "vitest (PGlite + PostgreSQL server)" : "vitest (PGlite)",
  passed: vitest?.numPassedTests ?? 0,
  failed: (vitest?.numFailedTests ?? 0) + (vitestCode !== 0 && !vitest?.numFailedTests ? 1 : 0),
  skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
});

rmSync("test-results/e2e.json", { force: true });
const e2eCode = run("npx", ["playwright", "test"]);
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>("test-results/e2e.json");
results.push({
  name: "playwright (Chromium)",
  passed: (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0),
  failed: (e2e?.stats.unexpected ?? 0) + (e2eCode !== 0 && !e2e?.stats.unexpected ? 1 : 0),
  skipped: e2e?.stats.skipped ?? 0,
});

console.log("\nSummary");
for (const r of results) console.log(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
