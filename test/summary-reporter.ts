/**
 * Ends a vitest run with one plain line, `vitest: N passed, N failed[, N skipped]`, after the
 * default reporter's summary: the form CI reads to count the tests a run executed.
 *
 * A red run never says `0 failed`: the tests of a file or suite whose set-up failed (a `beforeAll`
 * that throws) never run and vitest reports them as skipped, so they count as failed here; a file
 * that fails to load, an `afterAll` that throws after its tests passed, and an unhandled error each
 * count as one failure.
 */
import type { Reporter, TestCase, TestModule, TestRunEndReason } from "vitest/node";

type SerializedErrors = Parameters<NonNullable<Reporter["onTestRunEnd"]>>[1];

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: SerializedErrors,
    reason: TestRunEndReason,
  ): void {
    const counts = countTests(testModules);
    counts.failed += unhandledErrors.length;
    // Whatever else made vitest fail the run (it exits non-zero), the line must not read as green.
    if (reason === "failed" && counts.failed === 0) counts.failed = 1;
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
    console.log(`\nvitest: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
  }
}

const ran = (test: TestCase): boolean => ["passed", "failed"].includes(test.result().state);

function countTests(testModules: ReadonlyArray<TestModule>): {
  passed: number;
  failed: number;
  skipped: number;
} {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const module of testModules) {
    // Tests that did not run because a hook of their file or suite threw.
    const blocked = new Set<TestCase>();
    for (const owner of [module, ...module.children.allSuites()]) {
      if (owner.errors().length === 0) continue;
      const notRun = [...owner.children.allTests()].filter((test) => !ran(test));
      // Nothing left unrun to blame (a file that failed to load, a failing afterAll): one failure.
      if (notRun.length === 0) counts.failed++;
      for (const test of notRun) blocked.add(test);
    }
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") counts.passed++;
      else if (state === "failed" || blocked.has(test)) counts.failed++;
      else counts.skipped++;
    }
  }
  return counts;
}
