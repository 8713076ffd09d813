import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import {
  commandStep,
  exitCodeOf,
  playwrightStep,
  summaryLines,
  vitestStep,
  type PlaywrightJsonReport,
  type VitestExtraReport,
  type VitestJsonReport,
} from "../support/summary";

const vitestReport = (files: { status: string; tests: string[] }[], extra: Partial<VitestJsonReport> = {}): VitestJsonReport => {
  const all = files.flatMap((f) => f.tests);
  return {
    numPassedTests: all.filter((s) => s === "passed").length,
    numFailedTests: all.filter((s) => s === "failed").length,
    numFailedTestSuites: files.filter((f) => f.status === "failed").length,
    success: files.every((f) => f.status === "passed") && !all.includes("failed"),
    testResults: files.map((f, i) => ({ name: `f${i}.test.ts`, status: f.status, assertionResults: f.tests.map((status) => ({ status })) })),
    ...extra,
  };
};

describe("counting vitest", () => {
  it("counts passed, failed and skipped tests", () => {
    const report = vitestReport([
      { status: "passed", tests: ["passed", "passed", "skipped", "todo"] },
      { status: "failed", tests: ["passed", "failed"] },
    ]);
    expect(vitestStep("vitest", 1, report, { flaky: [], unhandledErrors: 0 })).toEqual({ name: "vitest", passed: 3, failed: 1, skipped: 2, flaky: [] });
  });

  it("counts a file whose beforeAll failed (its tests skipped, none failed) as failed", () => {
    const report = vitestReport([
      { status: "passed", tests: ["passed"] },
      { status: "failed", tests: ["skipped", "skipped"] },
    ]);
    expect(vitestStep("vitest", 1, report, null)).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
  });

  it("counts a crashed worker (its file left with pending tests) and errors outside tests as failed", () => {
    const report = vitestReport([
      { status: "passed", tests: ["passed"] },
      { status: "passed", tests: ["pending", "pending"] },
    ]);
    expect(vitestStep("vitest", 1, report, { flaky: [], unhandledErrors: 0 })).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
    const late = vitestReport([{ status: "passed", tests: ["passed"] }], { success: false });
    expect(vitestStep("vitest", 1, late, { flaky: [], unhandledErrors: 2 })).toMatchObject({ passed: 1, failed: 2 });
  });

  it("counts one failure when vitest fails with no failed test, and when there is no report at all", () => {
    const green = vitestReport([{ status: "passed", tests: ["passed"] }]);
    expect(vitestStep("vitest", 1, green, null)).toMatchObject({ passed: 1, failed: 1 });
    expect(vitestStep("vitest", 0, { ...green, success: false }, null)).toMatchObject({ failed: 1 });
    expect(vitestStep("vitest", 0, { ...green, numFailedTestSuites: 1 }, null)).toMatchObject({ failed: 1 });
    expect(vitestStep("vitest", 0, green, null)).toMatchObject({ passed: 1, failed: 0 });
    expect(vitestStep("vitest", 0, null, null)).toEqual({ name: "vitest", passed: 0, failed: 1, skipped: 0, flaky: [] });
  });

  it("keeps a test that passed on a retry as passed and names it flaky", () => {
    const report = vitestReport([{ status: "passed", tests: ["passed", "passed"] }]);
    expect(vitestStep("vitest", 0, report, { flaky: ["a.test.ts > retried"], unhandledErrors: 0 })).toEqual({
      name: "vitest",
      passed: 2,
      failed: 0,
      skipped: 0,
      flaky: ["a.test.ts > retried"],
    });
  });
});

describe("counting Playwright", () => {
  const report = (stats: PlaywrightJsonReport["stats"], rest: Partial<PlaywrightJsonReport> = {}): PlaywrightJsonReport => ({ stats, errors: [], suites: [], ...rest });

  it("counts flaky tests as passed and names them from the suites", () => {
    const flakyRun = report(
      { expected: 5, unexpected: 0, flaky: 1, skipped: 1 },
      {
        suites: [
          {
            title: "inventory.spec.ts",
            specs: [{ title: "steady", tests: [{ status: "expected" }] }],
            suites: [{ title: "receiving", specs: [{ title: "counts a carton", tests: [{ status: "flaky" }] }] }],
          },
        ],
      },
    );
    expect(playwrightStep("e2e", 0, flakyRun)).toEqual({ name: "e2e", passed: 6, failed: 0, skipped: 1, flaky: ["inventory.spec.ts > receiving > counts a carton"] });
  });

  it("counts failures, errors outside tests, a failing exit code and a missing report as failed", () => {
    expect(playwrightStep("e2e", 1, report({ expected: 3, unexpected: 2, flaky: 0, skipped: 0 }))).toMatchObject({ passed: 3, failed: 2 });
    expect(playwrightStep("e2e", 1, report({ expected: 3, unexpected: 0, flaky: 0, skipped: 0 }, { errors: [{ message: "globalSetup" }] }))).toMatchObject({ failed: 1 });
    expect(playwrightStep("e2e", 1, report({ expected: 3, unexpected: 0, flaky: 0, skipped: 0 }))).toMatchObject({ passed: 3, failed: 1 });
    expect(playwrightStep("e2e", 0, report({ expected: 3, unexpected: 0, flaky: 0, skipped: 0 }))).toMatchObject({ passed: 3, failed: 0 });
    expect(playwrightStep("e2e", 1, null)).toMatchObject({ passed: 0, failed: 1 });
    // The stats are the authority on how many were flaky.
    expect(playwrightStep("e2e", 0, report({ expected: 1, unexpected: 0, flaky: 1, skipped: 0 })).flaky).toEqual(["(unnamed)"]);
  });
});

describe("the summary", () => {
  it("ends with the line CI reads, flaky tests on their step's line; flaky alone does not fail the run", () => {
    const results = [
      commandStep("typecheck", 0),
      { name: "vitest (PGlite)", passed: 10, failed: 0, skipped: 2, flaky: [] },
      { name: "playwright (Chromium)", passed: 6, failed: 0, skipped: 0, flaky: ["a.spec.ts > b"] },
    ];
    const lines = summaryLines(results);
    expect(lines).toEqual([
      "Summary",
      "  ✓ typecheck: 1 passed, 0 failed",
      "  ✓ vitest (PGlite): 10 passed, 0 failed, 2 skipped",
      "  ✓ playwright (Chromium): 6 passed, 0 failed, 1 flaky (passed on retry)",
      "      flaky: a.spec.ts > b",
      "17 passed, 0 failed, 2 skipped",
    ]);
    expect(lines.at(-1)).toMatch(/^\d+ passed, \d+ failed(, \d+ skipped)?$/);
    expect(exitCodeOf(results)).toBe(0);
    const broken = [...results, commandStep("lint", 2)];
    expect(summaryLines(broken)).toContain("  ✗ lint: 0 passed, 1 failed");
    expect(summaryLines(broken).at(-1)).toBe("17 passed, 1 failed, 2 skipped");
    expect(exitCodeOf(broken)).toBe(1);
    expect(summaryLines([commandStep("lint", 0)]).at(-1)).toBe("1 passed, 0 failed");
  });
});

describe("with vitest's real reports", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ponte-summary-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts a failed beforeAll, a killed worker and an error outside tests as failed, and a retried pass as flaky", () => {
    symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(path.join(dir, "vitest.config.mjs"), `export default { test: { include: ["*.check.mjs"], retry: 1, pool: "forks" } };`);
    writeFileSync(
      path.join(dir, "hooks.check.mjs"),
      `import { beforeAll, describe, expect, it } from "vitest";
describe("hooked", () => { beforeAll(() => { throw new Error("setup failed"); }); it("never runs", () => {}); });
it("passes", () => {});
let tries = 0;
it("passes on the second try", () => { tries += 1; expect(tries).toBe(2); });`,
    );
    writeFileSync(path.join(dir, "crash.check.mjs"), `import { it } from "vitest";\nit("dies", () => { process.kill(process.pid, "SIGKILL"); });`);
    const run = spawnSync(
      process.execPath,
      [path.resolve("node_modules/vitest/vitest.mjs"), "run", "--reporter=json", "--outputFile.json=vitest.json", `--reporter=${path.resolve("tests/support/flaky-reporter.ts")}`],
      { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" } },
    );
    const report = JSON.parse(readFileSync(path.join(dir, "vitest.json"), "utf8")) as VitestJsonReport;
    const extra = JSON.parse(readFileSync(path.join(dir, "test-results/vitest-extra.json"), "utf8")) as VitestExtraReport;
    expect(run.status).not.toBe(0);
    const step = vitestStep("vitest", run.status ?? 1, report, extra);
    expect(step.passed).toBe(2);
    expect(step.skipped).toBe(1);
    expect(step.flaky).toEqual(["hooks.check.mjs > passes on the second try"]);
    // The hooked file and the killed worker at least (the kill may also surface as an error outside tests).
    expect(step.failed).toBeGreaterThanOrEqual(2);
  });
});

describe("the lint rule against .only", () => {
  it("refuses .only on vitest's and Playwright's tests in test files", async () => {
    const eslint = new ESLint();
    const source = `import { describe, it, test } from "vitest";
describe.only("a", () => { it.only("b", () => {}); });
test.only("c", () => {});
test.describe.only("d", () => {});
it("e", () => {});
`;
    const [result] = await eslint.lintText(source, { filePath: path.resolve("tests/unit/only-probe.test.ts") });
    const only = result!.messages.filter((m) => m.ruleId === "no-restricted-properties");
    expect(only.map((m) => m.line)).toEqual([2, 2, 3, 4]);
    const [spec] = await eslint.lintText(`import { test } from "@playwright/test";\ntest.only("x", async () => {});\n`, { filePath: path.resolve("tests/e2e/only-probe.spec.ts") });
    expect(spec!.messages.map((m) => m.ruleId)).toContain("no-restricted-properties");
  });
});
