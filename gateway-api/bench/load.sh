#!/usr/bin/env bash
# HTTP load on a running gateway from generators written in C, in their own processes, so the gateway
# keeps the JVM and most of the CPU to itself (Debian packages `wrk` and `nghttp2-client` for h2load).
# The gateway must run in embedded development mode on data prepared by AccessBenchmark
# (docs/benchmarks.md); tokens come from its /dev/tokens endpoint. Each run drives it as ONE caller,
# far above the default per-caller rate limit (300/s), so start the gateway with
# CUSTODIA_RATE_LIMIT=1000000 (docs/benchmarks.md) or every run fails on 429 answers.
#
#   gateway-api/bench/load.sh [base-url] [trail|deny|permit|trail-rate]...
#       (default: http://127.0.0.1:8080, then trail deny permit trail-rate)
#
# trail, deny, permit: closed loop with wrk (a fixed number of connections, each sending its next
# request when the answer arrives): capacity and latency at that depth.
# trail-rate: trail reads at a fixed RATE (1000/s) with h2load, exact percentiles from its per-request
# log. h2load fires its RATE_CLIENTS (4) connections on the same tick, RATE/RATE_CLIENTS times a
# second each: arrivals come in bursts of RATE_CLIENTS, and a request that waits for its connection is
# timed from when it was sent. More clients = bigger bursts = a harsher test.
#
# Settings: WARMUP (90 s: the JIT compiles for about that long), DURATION (30 s), TRAIL_CONNECTIONS (8),
# ACCESS_CONNECTIONS (16), RATE (1000), RATE_CLIENTS (4), BENCH_DATASETS (100), GATEWAY_PID (when set,
# the closed-loop runs also print the gateway process's CPU over the measured run: cores busy and
# milliseconds per request — what a change saves when the rate alone is within the run-to-run spread).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
url=${1:-http://127.0.0.1:8080}
shift || true
runs=("$@")
[ ${#runs[@]} -gt 0 ] || runs=(trail deny permit trail-rate)
command -v wrk > /dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }
command -v h2load > /dev/null || { echo "h2load not found: apt-get install nghttp2-client" >&2; exit 2; }

token() { # role institution subject
  local answer
  answer=$(curl -sS -f -X POST "$url/dev/tokens" -H 'Content-Type: application/json' \
    -d "{\"role\":\"$1\",\"institution\":\"$2\",\"subject\":\"$3\",\"ttlSeconds\":7200}") \
    || { echo "no token from $url/dev/tokens: is the gateway running in embedded development mode?" >&2; exit 2; }
  sed -E 's/.*"token":"([^"]+)".*/\1/' <<< "$answer"
}
export AUDITOR_TOKEN REQUESTER_TOKEN
AUDITOR_TOKEN=$(token auditor BenchAuditMSP bench-auditor)
REQUESTER_TOKEN=$(token institution BenchRequesterMSP bench-researcher)

# User + system CPU ticks of the gateway process so far (0 without GATEWAY_PID).
cpu_ticks() {
  if [ -n "${GATEWAY_PID:-}" ]; then
    # utime and stime, counted after the ")" that ends the command name (which may hold spaces)
    sed 's/.*) //' "/proc/$GATEWAY_PID/stat" | awk '{ print $12 + $13 }'
  else
    echo 0
  fi
}

# Warm-up, then the measured run; a run with any non-2xx answer fails the script.
measure() { # label script connections [env]
  local label=$1 script=$2 connections=$3 out
  echo "=== $label: $connections connections, warm-up ${WARMUP:-90} s, measured ${DURATION:-30} s; $(cat /proc/loadavg)"
  wrk -t1 -c"$connections" -d"${WARMUP:-90}s" -s "$here/$script" "$url" > /dev/null
  local ticks0 ticks1 started ended
  ticks0=$(cpu_ticks) started=$(date +%s.%N)
  out=$(wrk -t1 -c"$connections" -d"${DURATION:-30}s" -s "$here/$script" --latency "$url")
  ticks1=$(cpu_ticks) ended=$(date +%s.%N)
  echo "$out"
  if [ -n "${GATEWAY_PID:-}" ]; then
    awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v s="$started" -v e="$ended" \
        -v rps="$(awk '/^Requests\/sec/ { print $2 }' <<< "$out")" \
        'BEGIN { cores = t / hz / (e - s); printf "gateway CPU: %.2f cores, %.3f ms per request\n", cores, cores / rps * 1000 }'
  fi
  if grep -q 'Non-2xx' <<< "$out"; then
    echo "FAILED: $label had error answers (429s? start the gateway with CUSTODIA_RATE_LIMIT=1000000)" >&2
    exit 1
  fi
}

# Trail reads at a fixed rate; prints exact percentiles of h2load's per-request times.
at_rate() {
  local rate=${RATE:-1000} clients=${RATE_CLIENTS:-4} uris log out
  uris=$(mktemp) log=$(mktemp)
  for ((i = 0; i < ${BENCH_DATASETS:-100}; i++)); do
    printf '%s/api/v1/audit/access-events?pageSize=100&datasetId=bench-ds-%04d\n' "$url" "$i"
  done | shuf > "$uris"
  echo "=== GET 100-row trail at $rate/s: $clients connections x $((rate / clients))/s, warm-up 10 s, measured ${DURATION:-30} s; $(cat /proc/loadavg)"
  out=$(h2load --h1 -c "$clients" --rps $((rate / clients)) -D "${DURATION:-30}" --warm-up-time 10 -i "$uris" \
    -H "Authorization: Bearer $AUDITOR_TOKEN" --log-file "$log")
  grep -E '^finished|^requests|^status codes' <<< "$out"
  # Status 0: sent in the warm-up, answered after the measurement began; h2load logs them without a
  # status and counts them neither as failed nor as errored. They are left out of the percentiles.
  awk '$2 == 200 { print $3 }' "$log" | sort -n | awk '{ t[NR] = $1 } END {
    printf "latency: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms\n", NR,
      t[int(NR * .50)] / 1000, t[int(NR * .90)] / 1000, t[int(NR * .99)] / 1000, t[int(NR * .999)] / 1000, t[NR] / 1000 }'
  if awk '$2 != 200 && $2 != 0 { bad = 1 } END { exit !bad }' "$log" \
      || ! grep -qE '^requests: .* 0 failed, 0 errored' <<< "$out"; then
    echo "FAILED: trail reads at a fixed rate had error answers (429s? start the gateway with CUSTODIA_RATE_LIMIT=1000000)" >&2
    exit 1
  fi
  rm -f "$uris" "$log"
}

for run in "${runs[@]}"; do
  case $run in
    trail) measure "GET 100-row trail (auditor)" trail.lua "${TRAIL_CONNECTIONS:-8}" ;;
    deny) BENCH_DENY=1 measure "POST /access-requests, denied at the dataset level" access.lua "${ACCESS_CONNECTIONS:-16}" ;;
    permit) BENCH_DENY=0 measure "POST /access-requests, PERMIT releasing every subject" access.lua "${ACCESS_CONNECTIONS:-16}" ;;
    trail-rate) at_rate ;;
    *) echo "unknown run '$run' (trail, deny, permit or trail-rate)" >&2; exit 2 ;;
  esac
done
