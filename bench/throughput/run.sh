#!/usr/bin/env bash
# Throughput benchmarks; results and how to read them: bench/README.md, section "Throughput".
#   bench/throughput/run.sh [a|b|c|d|all]     RUNS=3 (repetitions of a, b), ACCOUNTS_A=10000, ACCOUNTS_B=300,
#                                             ACCOUNTS_C=1000000, BUDGET=18000 (requests/minute of budget.yml)
# The sandbox runs as a separate process; the job talks to it through the SCALEKIT_* variables, like a real run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/bench/throughput
JAR=${JAR:-$ROOT/target/account-health-audit.jar}  # JAR=... runs a copy, so that a rebuild cannot pull it from under a long run
RUNS=${RUNS:-3}
ACCOUNTS_A=${ACCOUNTS_A:-10000}
ACCOUNTS_B=${ACCOUNTS_B:-300}
ACCOUNTS_C=${ACCOUNTS_C:-1000000}
BUDGET=${BUDGET:-18000}               # must match bench/throughput/budget.yml and baseline.yml
SANDBOX_BUDGET=$((BUDGET * 105 / 100)) # the sandbox's own strict limit, slightly above the client's budget
PORT=${PORT:-18099}
WORK=${WORK:-$(mktemp -d -t throughput-bench.XXXXXX)}
WHAT=${1:-all}

[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$WORK"
echo "work directory: $WORK"

SANDBOX_PID=
cleanup() { [ -n "$SANDBOX_PID" ] && kill -TERM "$SANDBOX_PID" 2>/dev/null || true; }
trap cleanup EXIT

# start_sandbox ACCOUNTS LATENCY REQUESTS_PER_MINUTE  -> writes $WORK/accounts-ACCOUNTS.csv
start_sandbox() {
	local csv=$WORK/accounts-$1.csv
	# With a rate limit, ZGC: a G1 pause of 77 ms in the sandbox once bunched evenly sent requests past its strict
	# limiter (bench/README.md). Without one (c), the default collector: ZGC's own threads slowed (c) by a fifth.
	# Safepoints are logged so that any 429 can be checked against the sandbox's own stalls.
	local collector=-XX:+UseG1GC
	[ "$3" -gt 0 ] && collector=-XX:+UseZGC
	java "$collector" "-Xlog:safepoint:file=$WORK/sandbox-safepoints.log:timemillis" -cp "$JAR" \
		-Dloader.main=dev.healthaudit.sandbox.SandboxMain \
		org.springframework.boot.loader.launch.PropertiesLauncher --port="$PORT" --accounts="$1" --latency="$2" \
		--requests-per-minute="$3" --slow-probe-delay=100ms --write-input="$csv" --timeline="$WORK/timeline.csv" \
		> "$WORK/sandbox.log" 2>&1 &
	SANDBOX_PID=$!
	for _ in $(seq 1 600); do
		grep -q "input CSV written" "$WORK/sandbox.log" 2>/dev/null && return 0
		kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$WORK/sandbox.log"; exit 1; }
		sleep 0.2
	done
	echo "sandbox did not start"; exit 1
}

# stop_sandbox -> TOTALS (the line the sandbox prints on SIGTERM)
stop_sandbox() {
	kill -TERM "$SANDBOX_PID"
	wait "$SANDBOX_PID" || true
	SANDBOX_PID=
	TOTALS=$(grep "sandbox totals" "$WORK/sandbox.log" | tail -1)
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<< "$TOTALS"; }
status429() { sed -n 's/.*statuses={[^}]*429=\([0-9]*\).*/\1/p' <<< "$TOTALS" | grep . || echo 0; }

# run_job POLICY CSV [java options...] -> JOB_START_MS, JOB_END_MS, JOB_PID's log in $WORK/job.log
run_job() {
	local policy=$1 csv=$2
	shift 2
	rm -rf "$WORK/data" "$WORK/reports"
	JOB_START_MS=$(date +%s%3N)
	SCALEKIT_ENVIRONMENT_URL=http://127.0.0.1:$PORT SCALEKIT_CLIENT_ID=sandbox-client \
		SCALEKIT_CLIENT_SECRET=sandbox-secret java "$@" -jar "$JAR" --policy="$policy" --input="$csv" \
		--reports-dir="$WORK/reports" --audit.data-dir="$WORK/data" --audit.progress-interval=5s \
		> "$WORK/job.log" 2>&1 &
	JOB_PID=$!
	if [ -n "${ON_JOB:-}" ]; then "$ON_JOB" "$JOB_PID"; fi
	wait "$JOB_PID" || { echo "job failed:"; tail -20 "$WORK/job.log"; exit 1; }
	JOB_END_MS=$(date +%s%3N)
}

# idle_tenths TIMELINE -> where the run left the budget unused: requests short of the budget, in seconds of budget,
# in the first 3 s, the last 3 s and between (chunk boundaries), from the sandbox's requests per tenth of a second
idle_tenths() {
	awk -F, -v b="$BUDGET" 'NR > 1 { n++; c[n] = $2 } END {
		per = b / 600; for (i = 1; i <= n; i++) { short = per - c[i]; if (short < 0) short = 0
			if (i <= 30) s += short; else if (i > n - 30) e += short; else m += short }
		printf "  budget left unused (seconds of budget): first 3 s %.2f, between %.2f, last 3 s %.2f (%s)\n",
			s / per / 10, m / per / 10, e / per / 10, FILENAME }' "$1"
}

audited() { grep -o "Audited [0-9]* accounts" "$WORK/job.log" | grep -o "[0-9]*"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# one_run POLICY ACCOUNTS LATENCY -> a result line
one_run() {
	start_sandbox "$2" "$3" "$SANDBOX_BUDGET"
	run_job "$1" "$WORK/accounts-$2.csv"
	stop_sandbox
	local requests first last accounts
	requests=$(field requests); first=$(field first-request-ms); last=$(field last-request-ms); accounts=$(audited)
	# keep each run's logs and timeline (one_run runs in a pipeline's subshell: count the files, not a variable)
	local name
	name=$(basename "$1" .yml)-$(( $(find "$WORK" -maxdepth 1 -name "timeline-$(basename "$1" .yml)-*" | wc -l) + 1 ))
	mv "$WORK/timeline.csv" "$WORK/timeline-$name.csv"
	cp "$WORK/job.log" "$WORK/job-$name.log"
	cp "$WORK/sandbox.log" "$WORK/sandbox-$name.log"
	cp "$WORK/sandbox-safepoints.log" "$WORK/sandbox-safepoints-$name.log"
	idle_tenths "$WORK/timeline-$name.csv" >&2
	awk -v r="$requests" -v f="$first" -v l="$last" -v a="$accounts" -v b="$BUDGET" -v e429="$(field environment-429)" \
		-v all429="$(status429)" -v js="$JOB_START_MS" -v je="$JOB_END_MS" 'BEGIN {
		s = (l - f) / 1000; rpm = r / s * 60
		printf "accounts=%d requests=%d seconds=%.1f accounts_per_s=%.1f requests_per_min=%.0f budget_ratio=%.3f env_429=%d all_429=%d start_to_first_request_ms=%d wall_s=%.1f\n",
			a, r, s, a / s, rpm, rpm / b, e429, all429, f - js, (je - js) / 1000 }'
}

bench_a() {
	echo "== (a) $ACCOUNTS_A accounts, 100 ms latency, budget $BUDGET/min, concurrency $(sed -n 's/^concurrency: //p' "$HERE/budget.yml")"
	for i in $(seq 1 "$RUNS"); do one_run "$HERE/budget.yml" "$ACCOUNTS_A" 100ms | tee -a "$WORK/a.txt"; done
	printf "median accounts/s %s, median budget ratio %s, 429s per run: %s\n" \
		"$(sed 's/.*accounts_per_s=\([0-9.]*\).*/\1/' "$WORK/a.txt" | median)" \
		"$(sed 's/.*budget_ratio=\([0-9.]*\).*/\1/' "$WORK/a.txt" | median)" \
		"$(sed 's/.*env_429=\([0-9]*\).*/\1/' "$WORK/a.txt" | tr '\n' ' ')"
}

bench_b() {
	echo "== (b) baseline: $ACCOUNTS_B accounts of the same kind, concurrency 1"
	for i in $(seq 1 "$RUNS"); do one_run "$HERE/baseline.yml" "$ACCOUNTS_B" 100ms | tee -a "$WORK/b.txt"; done
	local base
	base=$(sed 's/.*accounts_per_s=\([0-9.]*\).*/\1/' "$WORK/b.txt" | median)
	echo "median accounts/s (concurrency 1) $base"
	if [ -f "$WORK/a.txt" ]; then
		awk -v a="$(sed 's/.*accounts_per_s=\([0-9.]*\).*/\1/' "$WORK/a.txt" | median)" -v b="$base" \
			'BEGIN { printf "speed-up (a)/(b): %.1fx\n", a / b }'
	fi
}

# samples RSS and heap while the million-account job runs
watch_memory() {
	local pid=$1
	( while kill -0 "$pid" 2>/dev/null; do
		printf "%s %s %s\n" "$(date +%s%3N)" "$(sed -n 's/VmHWM:\s*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" \
			"$(grep -o 'progress: [0-9]*' "$WORK/job.log" | tail -1 | grep -o '[0-9]*$')" >> "$WORK/memory.txt"
		sleep 1
	done ) &
}

bench_c() {
	echo "== (c) $ACCOUNTS_C accounts, no latency, -Xmx512m"
	rm -f "$WORK/memory.txt"
	start_sandbox "$ACCOUNTS_C" 0ms 0
	ON_JOB=watch_memory run_job "$HERE/million.yml" "$WORK/accounts-$ACCOUNTS_C.csv" -Xmx512m \
		"-Xlog:gc:file=$WORK/gc.log:uptime"
	stop_sandbox
	local accounts=$(audited)
	# heap after each GC ("...M->NM(...)"); at the 100k mark and over the whole run
	awk -v n="$accounts" -v s="$(( (JOB_END_MS - JOB_START_MS) / 1000 ))" \
		'BEGIN { printf "accounts=%d wall_s=%d accounts_per_s=%.0f\n", n, s, n / s }'
	awk '{ print $2 }' "$WORK/memory.txt" | sort -n | tail -1 | awk '{ printf "peak RSS (VmHWM) %.0f MiB\n", $1 / 1024 }'
	awk '$3 >= 100000 { print $2; exit }' "$WORK/memory.txt" | awk '{ printf "VmHWM when 100k accounts were done %.0f MiB\n", $1 / 1024 }'
	grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/.*->\([0-9]*\)M/\1/' | sort -n | tail -1 \
		| awk '{ print "peak heap after GC " $1 " MiB" }'
	echo "(heap after GC over time: $WORK/gc.log; RSS over time: $WORK/memory.txt)"
}

bench_d() {
	echo "== (d) JVM start to first request (from the runs of (a); 0 when (a) did not run)"
	[ -f "$WORK/a.txt" ] && sed 's/.*start_to_first_request_ms=\([0-9]*\).*/\1/' "$WORK/a.txt" | median \
		| awk '{ print "median " $1 " ms" }'
}

case "$WHAT" in
	a) bench_a ;;
	b) bench_b ;;
	c) bench_c ;;
	d) bench_a; bench_d ;;
	all) bench_a; bench_b; bench_c; bench_d ;;
	*) echo "usage: $0 [a|b|c|d|all]"; exit 2 ;;
esac
