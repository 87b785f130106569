#!/usr/bin/env bash
# Throughput benchmarks; results and how to read them: bench/README.md, section "Throughput".
#   bench/throughput/run.sh [a|b|c|d|all]     RUNS=3 (repetitions of a, b), ACCOUNTS_A=10000, ACCOUNTS_B=300,
#                                             ACCOUNTS_C=1000000, BUDGET=18000 (requests/minute of budget.yml)
#   bench/throughput/run.sh [e|f|g|kill|real] a realistic environment (policy realistic.yml, REAL_BUDGET=6000):
#                                             RUNS=3 (repetitions of each), ACCOUNTS_E=2000, ACCOUNTS_F=2000,
#                                             ACCOUNTS_G=4000, ACCOUNTS_KILL=3000, KILL_SEED=1 (first kill's seed)
# The sandbox runs as a separate process; the job talks to it through the SCALEKIT_* variables, like a real run.
# BUSY=N runs N busy loops beside the benchmark (a loaded machine: the sandbox and the job get less than the cores).
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
REAL_BUDGET=${REAL_BUDGET:-6000}      # must match bench/throughput/realistic.yml
ACCOUNTS_E=${ACCOUNTS_E:-2000}
ACCOUNTS_F=${ACCOUNTS_F:-2000}
ACCOUNTS_G=${ACCOUNTS_G:-4000}
ACCOUNTS_KILL=${ACCOUNTS_KILL:-3000}
KILL_SEED=${KILL_SEED:-1}
SANDBOX_REAL=$((REAL_BUDGET * 105 / 100)) # (g): the sandbox's limit outside the dip
G_START=${G_START:-30}                    # (g): the dip starts this many seconds after the first request
G_LENGTH=${G_LENGTH:-30}                  # (g): and lasts this many seconds, at half the budget
KILL_LATENCY=${KILL_LATENCY:-200ms}       # (kill): a slow, uneven fleet
KILL_JITTER=${KILL_JITTER:-150ms}
KILL_MIN=${KILL_MIN:-5}                   # (kill): SIGKILL between KILL_MIN and KILL_MAX s after the run started
KILL_MAX=${KILL_MAX:-45}
PORT=${PORT:-18099}
WORK=${WORK:-$(mktemp -d -t throughput-bench.XXXXXX)}
WHAT=${1:-all}

[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
mkdir -p "$WORK"
echo "work directory: $WORK"

SANDBOX_PID=
cleanup() {
	[ -n "$SANDBOX_PID" ] && kill -TERM "$SANDBOX_PID" 2>/dev/null
	pkill -P $$ -x yes || true
}
trap cleanup EXIT
for ((busy = 0; busy < ${BUSY:-0}; busy++)); do
	yes > /dev/null &
done

# start_sandbox ACCOUNTS LATENCY REQUESTS_PER_MINUTE [sandbox options...] -> writes $WORK/accounts-ACCOUNTS.csv
start_sandbox() {
	local csv=$WORK/accounts-$1.csv accounts=$1 latency=$2 limit=$3
	shift 3
	# With a rate limit or a request log, ZGC: a G1 pause of 77 ms in the sandbox once bunched evenly sent requests
	# past its strict limiter, and pauses of 54 and 71 ms bunched the arrival times its request log records, so that
	# one-second windows of (e) counted 108-111 requests sent at 100/s (bench/README.md). Without either ((a)-(d)),
	# the default collector: ZGC's own threads slowed (c) by a fifth. Safepoints are logged so that any 429 or full
	# window can be checked against the sandbox's own stalls.
	local collector=-XX:+UseG1GC
	if [ "$limit" -gt 0 ] || [[ " $* " == *" --request-log="* ]]; then collector=-XX:+UseZGC; fi
	java "$collector" "-Xlog:safepoint:file=$WORK/sandbox-safepoints.log:timemillis" -cp "$JAR" \
		-Dloader.main=dev.healthaudit.sandbox.SandboxMain \
		org.springframework.boot.loader.launch.PropertiesLauncher --port="$PORT" --accounts="$accounts" \
		--latency="$latency" --requests-per-minute="$limit" --slow-probe-delay=100ms --write-input="$csv" \
		--timeline="$WORK/timeline.csv" "$@" > "$WORK/sandbox.log" 2>&1 &
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

# start_job POLICY CSV [java options...] -> JOB_PID, in the background, its log appended to $WORK/job.log; keeps the
# data and reports directories (a second start resumes the run)
start_job() {
	local policy=$1 csv=$2
	shift 2
	SCALEKIT_ENVIRONMENT_URL=http://127.0.0.1:$PORT SCALEKIT_CLIENT_ID=sandbox-client \
		SCALEKIT_CLIENT_SECRET=sandbox-secret java "$@" -jar "$JAR" --policy="$policy" --input="$csv" \
		--reports-dir="$WORK/reports" --audit.data-dir="$WORK/data" --audit.progress-interval=5s \
		>> "$WORK/job.log" 2>&1 &
	JOB_PID=$!
}

# run_job POLICY CSV [java options...] -> JOB_START_MS, JOB_END_MS, JOB_PID's log in $WORK/job.log
run_job() {
	rm -rf "$WORK/data" "$WORK/reports"
	: > "$WORK/job.log"
	JOB_START_MS=$(date +%s%3N)
	start_job "$@"
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
	# the token bucket their figures were taken with (much stricter than a gateway's one-second window)
	start_sandbox "$2" "$3" "$SANDBOX_BUDGET" --limiter=bucket
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

# ---- a realistic environment: noise, the sandbox's own limit, a limit lowered for a while, a kill ----

# inconclusive -> "N M": accounts of the last run whose health is INCONCLUSIVE, and how many of them are the fleet's
# PROVIDER_DOWN accounts (the provider answers 500 EXEC_FAILED to every attempt: INCONCLUSIVE is their right result)
inconclusive() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "health") h = i; if ($i == "error_code") e = i }; next }
		$h == "INCONCLUSIVE" { n++; if ($e == "TOOL_ERROR/EXEC_FAILED") down++ }
		END { print n + 0, down + 0 }' "$WORK/reports/latest/accounts.csv"
}

# max_windows REQUEST_LOG -> "max_1s=N max_1s_probe=M(connection)": the most requests that arrived in any one-second
# window (sliding, by arrival time), and the most tool calls of one connection in any one-second window
max_windows() {
	awk -F, 'NR > 1 { print $1, ($4 == "/api/v1/execute_tool") ? $5 : "-" }' "$1" | sort -n | awk '
		{ t[NR] = $1; c[NR] = $2 }
		END {
			lo = 1; for (i = 1; i <= NR; i++) { while (t[i] - t[lo] >= 1000) lo++; if (i - lo + 1 > all) all = i - lo + 1 }
			for (i = 1; i <= NR; i++) if (c[i] != "-") { n[c[i]]++; k = c[i]; times[k, n[k]] = t[i] }
			for (k in n) { lo = 1; for (i = 1; i <= n[k]; i++) { while (times[k, i] - times[k, lo] >= 1000) lo++
				if (i - lo + 1 > best) { best = i - lo + 1; which = k } } }
			printf "max_1s=%d max_1s_probe=%d(%s)", all, best, which }'
}

# real_run NAME ACCOUNTS SANDBOX_LIMIT [sandbox options...] -> a result line; realistic.yml, latency 100 +- 20 ms.
# SORTED=1 sorts the input by connection first (each connection's probes then come in one stretch); PROBE_LIMIT=N sets
# every connection's rate-limit to N probes a second (realistic.yml has 100, which the budget never lets one connection
# reach), so that a sorted input presses on one connection's limit at a time.
# allowed_share: requests the sandbox let through / what its limit allowed between the first and the last request
# (schedule included), or / the policy's budget over that time when it has no limit.
real_run() {
	local name=$1 accounts=$2 limit=$3
	shift 3
	# --warm-up: the sandbox's code is compiled before the run, as a real environment's (a server long running) is;
	# WARM_UP=0 measures against a cold sandbox. It raised (e) from 0.956 to 0.961 (bench/README.md, session 6); the
	# uneven first second it did not remove was the job's HTTP client starting threads (session 7).
	start_sandbox "$accounts" 100ms "$limit" --latency-jitter=20ms --request-log="$WORK/requests.csv" \
		--warm-up="${WARM_UP:-5000}" "$@" ${SANDBOX_OPTS:-}
	local input=$WORK/accounts-$accounts.csv
	if [ "${SORTED:-0}" = 1 ]; then
		input=$WORK/accounts-$accounts-sorted.csv
		{ head -1 "$WORK/accounts-$accounts.csv"; tail -n +2 "$WORK/accounts-$accounts.csv" | sort -t, -k2,2 -s; } > "$input"
	fi
	local policy=$HERE/realistic.yml
	if [ -n "${PROBE_LIMIT:-}" ]; then
		policy=$WORK/realistic-probe-limit.yml
		sed "s/rate-limit: 100$/rate-limit: $PROBE_LIMIT/" "$HERE/realistic.yml" > "$policy"
		[ "$(grep -c "rate-limit: $PROBE_LIMIT$" "$policy")" = 4 ] || { echo "PROBE_LIMIT not applied"; exit 1; }
	fi
	run_job "$policy" "$input"
	stop_sandbox
	local n
	n=$(( $(find "$WORK" -maxdepth 1 -name "timeline-$name-*" | wc -l) + 1 ))
	mv "$WORK/timeline.csv" "$WORK/timeline-$name-$n.csv"
	cp "$WORK/job.log" "$WORK/job-$name-$n.log"
	cp "$WORK/sandbox.log" "$WORK/sandbox-$name-$n.log"
	cp "$WORK/reports/latest/accounts.csv" "$WORK/accounts-report-$name-$n.csv"
	mv "$WORK/requests.csv" "$WORK/requests-$name-$n.csv"
	local inc windows
	windows=$(max_windows "$WORK/requests-$name-$n.csv")
	inc=$(inconclusive)
	awk -v r="$(field requests)" -v acc="$(field accepted)" -v ref="$(field environment-429)" \
		-v allowed="$(field allowed)" -v f="$(field first-request-ms)" -v l="$(field last-request-ms)" \
		-v a="$(audited)" -v b="$REAL_BUDGET" -v inc="${inc% *}" -v down="${inc#* }" -v all429="$(status429)" \
		-v na="$(field noise-auth-rate-limited)" -v np="$(field noise-provider-rate-limited)" \
		-v ns="$(field noise-server-error)" -v tl="$WORK/timeline-$name-$n.csv" -v w="$windows" 'BEGIN {
		s = (l - f) / 1000; if (allowed == 0) allowed = b / 60 * s
		printf "accounts=%d requests=%d accepted=%d refused=%d allowed=%d seconds=%.1f accounts_per_s=%.1f allowed_share=%.3f refused_share=%.4f inconclusive=%d inconclusive_other=%d all_429=%d noise_auth_429=%d noise_provider_429=%d noise_5xx=%d %s first_ms=%.0f timeline=%s\n",
			a, r, acc, ref, allowed, s, a / s, acc / allowed, ref / r, inc, inc - down, all429, na, np, ns, w, f, tl }'
}

# summarise FILE -> medians of the result lines of one scenario
summarise() {
	printf "median of %d: allowed_share %s, refused_share %s, accounts/s %s; INCONCLUSIVE per run: %s(besides the fleet's provider-down accounts: %s)\n" \
		"$(wc -l < "$1")" \
		"$(sed 's/.*allowed_share=\([0-9.]*\).*/\1/' "$1" | median)" \
		"$(sed 's/.*refused_share=\([0-9.]*\).*/\1/' "$1" | median)" \
		"$(sed 's/.*accounts_per_s=\([0-9.]*\).*/\1/' "$1" | median)" \
		"$(sed 's/.* inconclusive=\([0-9]*\).*/\1/' "$1" | tr '\n' ' ')" \
		"$(sed 's/.*inconclusive_other=\([0-9]*\).*/\1/' "$1" | tr '\n' ' ')"
}

bench_e() {
	echo "== (e) sporadic noise: $ACCOUNTS_E accounts, latency 100 +- 20 ms, budget $REAL_BUDGET/min, concurrency 64, no sandbox limit; Scalekit 429 on 1 % of account reads, provider 429 on 1 % of tool calls, 5xx on 3 % of all calls (each once or twice)"
	rm -f "$WORK/e.txt"
	for i in $(seq 1 "$RUNS"); do
		real_run e "$ACCOUNTS_E" 0 --noise-auth-rate-limited=0.01 --noise-provider-rate-limited=0.01 \
			--noise-server-error=0.03 --noise-max-burst=2 | tee -a "$WORK/e.txt"
	done
	summarise "$WORK/e.txt"
}

bench_f() {
	local limit=$((REAL_BUDGET * 70 / 100))
	echo "== (f) the sandbox's own limit at 70 % of the budget: $ACCOUNTS_F accounts, limit $limit/min (at most $((limit / 60)) in any one second), budget $REAL_BUDGET/min"
	rm -f "$WORK/f.txt"
	for i in $(seq 1 "$RUNS"); do real_run f "$ACCOUNTS_F" "$limit" | tee -a "$WORK/f.txt"; done
	summarise "$WORK/f.txt"
}

# recovery TIMELINE LIFT_MS -> seconds from LIFT_MS to the first one-second stretch (whole tenths) whose accepted
# requests reach 0.9 of the budget, or "never" when the run ended before
recovery() {
	awk -F, -v lift="$2" -v need="$(awk -v b="$REAL_BUDGET" 'BEGIN { print 0.9 * b / 60 }')" \
		'NR > 1 { n++; t[n] = $1; a[n] = $2 - $3 } END {
		for (i = 1; i + 9 <= n; i++) {
			if (t[i] < lift) continue
			s = 0; for (j = i; j < i + 10; j++) s += a[j]
			if (s >= need) { printf "%.1f\n", (t[i] - lift) / 1000; found = 1; break }
		}
		if (!found) print "never" }' "$1"
}

# accepted_between TIMELINE FROM_MS TO_MS -> requests let through in the tenths that start in [FROM_MS, TO_MS)
accepted_between() {
	awk -F, -v from="$2" -v to="$3" 'NR > 1 && $1 >= from && $1 < to { s += $2 - $3 } END { print s + 0 }' "$1"
}

bench_g() {
	local limit=$SANDBOX_REAL factor
	factor=$(awk -v b="$REAL_BUDGET" -v l="$limit" 'BEGIN { printf "%.7f", 0.5 * b / l }')
	echo "== (g) the sandbox's limit ($limit/min, 5 % above the budget) down to 50 % of the budget from ${G_START} s to $((G_START + G_LENGTH)) s after the first request, then back: $ACCOUNTS_G accounts, budget $REAL_BUDGET/min (--limit-schedule=${G_START}s:$factor:${G_LENGTH}s)"
	rm -f "$WORK/g.txt"
	for i in $(seq 1 "$RUNS"); do
		local line first timeline lift low dip
		line=$(real_run g "$ACCOUNTS_G" "$limit" --limit-schedule="${G_START}s:$factor:${G_LENGTH}s")
		first=$(sed 's/.*first_ms=\([0-9]*\).*/\1/' <<< "$line")
		timeline=$(sed 's/.*timeline=\([^ ]*\).*/\1/' <<< "$line")
		lift=$((first + (G_START + G_LENGTH) * 1000))
		low=$((REAL_BUDGET / 2 / 60))
		dip=$(awk -v s="$(accepted_between "$timeline" $((first + G_START * 1000)) "$lift")" -v l="$low" -v d="$G_LENGTH" \
			'BEGIN { printf "%.3f", s / (l * d) }')
		echo "$line dip_share=$dip recovery_s=$(recovery "$timeline" "$lift")" | tee -a "$WORK/g.txt"
	done
	summarise "$WORK/g.txt"
	printf "share of the lowered limit used during the dip per run: %s; seconds after the limit was lifted until one second reached 0.90 of the budget, per run: %s\n" \
		"$(sed 's/.*dip_share=\([0-9.]*\).*/\1/' "$WORK/g.txt" | tr '\n' ' ')" \
		"$(sed 's/.*recovery_s=\([0-9.a-z]*\).*/\1/' "$WORK/g.txt" | tr '\n' ' ')"
}
# reaudits CLEAN_LOG KILLED_LOG KILL_MS RESTART_MS -> "reaudited=N reaudited_5s=M": accounts read (/auth) more often
# across the killed process and its restart than in the clean run, and read again after the restart; of those, how
# many were done more than 5 s before the kill (their last answer before it, not a transient failure, came earlier)
reaudits() {
	awk -F, -v clean="$1" -v kill="$3" -v restart="$4" -v auth=/api/v1/connected_accounts/auth 'FNR == 1 { next }
		FILENAME == clean { if ($4 == auth) c[$5 "/" $6]++; next }
		{ key = $5 "/" $6; if ($4 == auth) { t[key]++; if ($1 >= restart) again[key] = 1 }
		  if ($6 != "" && $2 < kill && $2 > last[key]) { last[key] = $2; status[key] = $7 } }
		END { for (k in t) if (t[k] > c[k] && again[k]) { n++
		  # done more than 5 s before the kill: answered by then, and its last answer not a transient failure (a 429
		  # or 5xx leaves the account deferred or retrying, not done)
		  if (last[k] > 0 && kill - last[k] > 5000 && status[k] != 429 && status[k] < 500) early++ }
		  printf "reaudited=%d reaudited_5s=%d", n, early }' "$1" "$2"
}

kill_run() {
	local seed=$1 at kill_ms restart_ms status
	at=$(awk -v s="$seed" -v lo="$KILL_MIN" -v hi="$KILL_MAX" 'BEGIN { srand(s); printf "%.1f", lo + rand() * (hi - lo) }')
	start_sandbox "$ACCOUNTS_KILL" "$KILL_LATENCY" 0 --latency-jitter="$KILL_JITTER" --request-log="$WORK/requests.csv"
	rm -rf "$WORK/data" "$WORK/reports"
	: > "$WORK/job.log"
	start_job "$HERE/realistic.yml" "$WORK/accounts-$ACCOUNTS_KILL.csv"
	until grep -q "starting run" "$WORK/job.log"; do
		kill -0 "$JOB_PID" 2>/dev/null || { echo "job ended before it started a run:"; tail -20 "$WORK/job.log"; exit 1; }
		sleep 0.05
	done
	sleep "$at"
	kill -KILL "$JOB_PID"
	kill_ms=$(date +%s%3N)
	wait "$JOB_PID" 2>/dev/null || true
	echo "--- restart after SIGKILL ---" >> "$WORK/job.log"
	restart_ms=$(date +%s%3N)
	start_job "$HERE/realistic.yml" "$WORK/accounts-$ACCOUNTS_KILL.csv"
	status=0
	wait "$JOB_PID" || status=$?
	stop_sandbox
	rm -f "$WORK/timeline.csv"
	mv "$WORK/requests.csv" "$WORK/requests-kill-$seed.csv"
	echo "$kill_ms $restart_ms" > "$WORK/kill-times-$seed.txt"  # to recount: reaudits CLEAN KILLED KILL RESTART
	cp "$WORK/job.log" "$WORK/job-kill-$seed.log"
	echo "seed=$seed kill_after_s=$at restart_exit=$status audited=$(audited | tail -1) auth_requests=$(grep -c ',/api/v1/connected_accounts/auth,' "$WORK/requests-kill-$seed.csv") $(reaudits "$WORK/requests-clean.csv" "$WORK/requests-kill-$seed.csv" "$kill_ms" "$restart_ms")"
}

bench_kill() {
	echo "== (kill) a slow uneven fleet ($ACCOUNTS_KILL accounts, latency $KILL_LATENCY +- $KILL_JITTER, budget $REAL_BUDGET/min): SIGKILL at a seeded random point ${KILL_MIN}-${KILL_MAX} s after the run started, restart, count accounts audited twice"
	start_sandbox "$ACCOUNTS_KILL" "$KILL_LATENCY" 0 --latency-jitter="$KILL_JITTER" --request-log="$WORK/requests.csv"
	run_job "$HERE/realistic.yml" "$WORK/accounts-$ACCOUNTS_KILL.csv"
	stop_sandbox
	rm -f "$WORK/timeline.csv"
	mv "$WORK/requests.csv" "$WORK/requests-clean.csv"
	echo "clean run: audited=$(audited) auth_requests=$(grep -c ',/api/v1/connected_accounts/auth,' "$WORK/requests-clean.csv")"
	rm -f "$WORK/kill.txt"
	for i in $(seq 1 "$RUNS"); do kill_run $((KILL_SEED + i - 1)) | tee -a "$WORK/kill.txt"; done
	printf "median of %d: accounts audited twice %s, of which first audit done more than 5 s before the kill %s\n" \
		"$(wc -l < "$WORK/kill.txt")" \
		"$(sed 's/.*reaudited=\([0-9]*\).*/\1/' "$WORK/kill.txt" | median)" \
		"$(sed 's/.*reaudited_5s=\([0-9]*\).*/\1/' "$WORK/kill.txt" | median)"
}

case "$WHAT" in
	a) bench_a ;;
	b) bench_b ;;
	c) bench_c ;;
	d) bench_a; bench_d ;;
	all) bench_a; bench_b; bench_c; bench_d ;;
	e) bench_e ;;
	f) bench_f ;;
	g) bench_g ;;
	kill) bench_kill ;;
	real) bench_e; bench_f; bench_g; bench_kill ;;
	*) echo "usage: $0 [a|b|c|d|all|e|f|g|kill|real]"; exit 2 ;;
esac
