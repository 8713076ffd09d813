import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { VITEST_EXTRA_FILE } from "./support/flaky-reporter";
import {
  commandStep,
  exitCodeOf,
  playwrightStep,
  summaryLines,
  vitestStep,
  type PlaywrightJsonReport,
  type StepResult,
  type VitestExtraReport,
  type VitestJsonReport,
} from "./support/summary";

/**
 * `npm test`: static checks, unit and integration tests (PGlite, and the PostgreSQL server when TEST_DATABASE_URL
 * is set), then the end-to-end tests in Chromium. Ends with one line: "N passed, N failed" (", N skipped" after it
 * when some were); tests that passed only on a retry are named as flaky on their step's line. How each runner's
 * results are counted: tests/support/summary.ts.
 */
const results: StepResult[] = [];
mkdirSync("test-results", { recursive: true });

function run(command: string, args: string[]): number {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const child = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return child.status ?? 1;
}

function check(name: string, command: string, args: string[]) {
  results.push(commandStep(name, run(command, args)));
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

check("typecheck", "npx", ["tsc", "--noEmit"]);
check("lint", "npx", ["eslint", "--max-warnings", "0", "."]);

rmSync("test-results/vitest.json", { force: true });
rmSync(VITEST_EXTRA_FILE, { force: true });
const vitestCode = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
  "--reporter=./tests/support/flaky-reporter.ts",
]);
results.push(
  vitestStep(
    process.env.TEST_DATABASE_URL ? "vitest (PGlite + PostgreSQL server)" : "vitest (PGlite)",
    vitestCode,
    readJson<VitestJsonReport>("test-results/vitest.json"),
    readJson<VitestExtraReport>(VITEST_EXTRA_FILE),
  ),
);

rmSync("test-results/e2e.json", { force: true });
const e2eCode = run("npx", ["playwright", "test"]);
results.push(playwrightStep("playwright (Chromium)", e2eCode, readJson<PlaywrightJsonReport>("test-results/e2e.json")));

console.log(`\n${summaryLines(results).join("\n")}`);
process.exit(exitCodeOf(results));
