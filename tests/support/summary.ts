/**
 * What `npm test` (tests/run-all.ts) counts, as pure functions of the runners' exit codes and reports, so that the
 * summary line can be tested: a crashed worker, a failed beforeAll, an error outside tests or a missing report
 * count as failures; a test that passed only on a retry counts as passed and is named as flaky.
 */

export interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Tests that passed only on a retry (counted in `passed`). */
  flaky: string[];
}

/** The fields of vitest's json reporter that the summary reads. */
export interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  success: boolean;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

/** What tests/support/flaky-reporter.ts writes next to it. */
export interface VitestExtraReport {
  flaky: string[];
  unhandledErrors: number;
}

/** The fields of Playwright's json reporter that the summary reads. */
export interface PlaywrightJsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file?: string; tests: { status: string; projectName?: string }[] }[];
  suites?: PlaywrightSuite[];
}

/** A step judged by its exit code alone (typecheck, lint). */
export function commandStep(name: string, exitCode: number): StepResult {
  return { name, passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, skipped: 0, flaky: [] };
}

/**
 * Vitest: failed tests, plus one per file that failed without a failed test (a failed beforeAll/afterAll, an
 * import error) or did not finish (a crashed worker leaves its tests pending), plus one per error raised outside
 * any test; and at least one whenever vitest itself says it failed (exit code, `success`, failed suites).
 */
export function vitestStep(name: string, exitCode: number, report: VitestJsonReport | null, extra: VitestExtraReport | null): StepResult {
  if (!report) return { name, passed: 0, failed: 1, skipped: 0, flaky: [] };
  const brokenFiles = report.testResults.filter((file) => {
    const statuses = file.assertionResults.map((a) => a.status);
    const unfinished = statuses.includes("pending");
    return unfinished || (file.status === "failed" && !statuses.includes("failed"));
  }).length;
  const skipped = report.testResults.flatMap((file) => file.assertionResults).filter((a) => a.status === "skipped" || a.status === "todo").length;
  let failed = report.numFailedTests + brokenFiles + (extra?.unhandledErrors ?? 0);
  if (failed === 0 && (exitCode !== 0 || !report.success || report.numFailedTestSuites > 0)) failed = 1;
  return { name, passed: report.numPassedTests, failed, skipped, flaky: extra?.flaky ?? [] };
}

/** Playwright: flaky tests (passed on a retry) count as passed and are named; errors outside tests count as failed. */
export function playwrightStep(name: string, exitCode: number, report: PlaywrightJsonReport | null): StepResult {
  if (!report) return { name, passed: 0, failed: 1, skipped: 0, flaky: [] };
  const { expected, unexpected, flaky, skipped } = report.stats;
  let failed = unexpected + (report.errors?.length ?? 0);
  if (failed === 0 && exitCode !== 0) failed = 1;
  const names = flakyPlaywrightTests(report.suites ?? []);
  // The names come from the suites; the count from the stats (the authority) if they ever disagree.
  while (names.length < flaky) names.push("(unnamed)");
  return { name, passed: expected + flaky, failed, skipped, flaky: names };
}

function flakyPlaywrightTests(suites: PlaywrightSuite[], path: string[] = []): string[] {
  return suites.flatMap((suite) => {
    const here = suite.title ? [...path, suite.title] : path;
    const own = (suite.specs ?? []).flatMap((spec) => spec.tests.filter((t) => t.status === "flaky").map(() => [...here, spec.title].join(" > ")));
    return [...own, ...flakyPlaywrightTests(suite.suites ?? [], here)];
  });
}

/**
 * The summary: one line per step (flaky tests counted there), then the line CI reads, alone and first on its
 * line: "N passed, N failed", with ", N skipped" after it when some were.
 */
export function summaryLines(results: StepResult[]): string[] {
  const lines = ["Summary"];
  for (const r of results) {
    const extras = [r.skipped ? `${r.skipped} skipped` : "", r.flaky.length ? `${r.flaky.length} flaky (passed on retry)` : ""].filter(Boolean);
    lines.push(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed${extras.map((e) => `, ${e}`).join("")}`);
    for (const test of r.flaky) lines.push(`      flaky: ${test}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  lines.push(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return lines;
}

/** The exit code of `npm test`: failures fail it; flaky tests do not (they are named in the summary). */
export function exitCodeOf(results: StepResult[]): number {
  return results.some((r) => r.failed > 0) ? 1 : 0;
}
