#!/usr/bin/env bash
# Report-writing benchmark: 1,000,000 synthetic result rows (plus a previous run of the same size, for the
# run-over-run comparison) in an H2 file database, then every output of the run written with a 512 MB heap.
#   bench/report/run.sh [rows]
# Prints rows, seconds and peak heap. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
	-Dmdep.includeScope=test
java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
	dev.healthaudit.report.ReportBenchmark "$rows" target/bench-report
