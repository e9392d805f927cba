#!/usr/bin/env bash
# Benchmark (not a test): a newcomer's first ./build.sh Run. Clones this repository's HEAD into a scratch folder,
# runs the Quick start's first command and times it from start to the first 200 from /healthz, then stops it.
# --cold-nuget also starts from an empty NuGet package folder, as on a fresh machine (every package downloaded).
# Usage: tests/bench/first-run.sh [--cold-nuget] [port]
set -euo pipefail
repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scratch="$(mktemp -d -t admin-site-first-run-XXXXXX)"
cold=false
if [ "${1:-}" = "--cold-nuget" ]; then cold=true; shift; fi
port="${1:-18099}"
log="$scratch/run.log"

cleanup() {
    if [ -n "${pid:-}" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

git clone --quiet "$repository" "$scratch/clone"
if $cold; then export NUGET_PACKAGES="$scratch/nuget-packages"; fi
cd "$scratch/clone"
start=$(date +%s.%N)
./build.sh Run --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "first-run: ./build.sh Run stopped before /healthz answered" >&2; exit 1; }
    sleep 0.25
done
end=$(date +%s.%N)
progress_lines=$(grep -c '^\.\.\. still' "$log" || true)
printf 'first ./build.sh Run (%s NuGet cache): /healthz after %.1f s; %s "still" progress lines; load %s\n' \
    "$($cold && echo empty || echo warm)" "$(echo "$end - $start" | bc)" "$progress_lines" "$(cut -d' ' -f1-3 /proc/loadavg)"
