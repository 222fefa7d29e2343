/** Prints the plain closing line CI reads: "N passed, N failed, N skipped". */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failedSuites =
      results.numRuntimeErrorTestSuites +
      (results.numFailedTestSuites && !results.numFailedTests ? results.numFailedTestSuites : 0);
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
