import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { SerializedError } from "vitest";

/** Where tests/run-all.ts reads what vitest's json report leaves out. */
export const VITEST_EXTRA_FILE = "test-results/vitest-extra.json";

export interface VitestExtra {
  /** Tests that passed only on a retry ("file > suite > test"). */
  flaky: string[];
  /** Errors outside any test (an unhandled rejection, a crashed worker): each counts as a failure. */
  unhandledErrors: number;
}

/**
 * A vitest reporter that records what the json reporter does not: tests that passed only after a retry, and
 * errors raised outside tests. Used by `npm test` (tests/run-all.ts) next to the json reporter.
 */
export default class ExtraReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase) {
    if (testCase.result().state === "passed" && testCase.diagnostic()?.flaky) {
      this.flaky.push(`${path.relative(process.cwd(), testCase.module.moduleId)} > ${testCase.fullName}`);
    }
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const extra: VitestExtra = { flaky: this.flaky, unhandledErrors: unhandledErrors.length };
    mkdirSync(path.dirname(VITEST_EXTRA_FILE), { recursive: true });
    writeFileSync(VITEST_EXTRA_FILE, JSON.stringify(extra));
  }
}
