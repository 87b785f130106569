#!/usr/bin/env bash
# Input-reading benchmark: a generated CSV of 1 GB (by default) read with a 256 MB heap, twice: a well-formed file
# with a malformed row every 100,000 rows, and a file whose line 2 opens a quote that never closes (the rest of the
# file is one rejected record). Prints records, rejects, seconds and peak heap. Not part of the test suite.
#   bench/input/run.sh [megabytes]
# The generated files stay in target/bench-input/ (delete them to regenerate).
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-1024}
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
	-Dmdep.includeScope=test
mkdir -p target/bench-input
for shape in rows unterminated; do
	java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
		dev.healthaudit.account.InputBenchmark "$megabytes" "$shape" "target/bench-input/$shape-$megabytes.csv"
done
