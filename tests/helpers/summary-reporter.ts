import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints `tests: N passed, M failed` as the very last line, the form CI reads.
 * A file that fails to import, or whose hooks throw, counts as a failure even
 * though none of its tests ran.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
      }
      const moduleBroken = testModule.errors().length > 0 || testModule.state() === 'failed';
      failed += failedHere > 0 ? failedHere : moduleBroken ? 1 : 0;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
  }
}
