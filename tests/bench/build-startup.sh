#!/usr/bin/env bash
# Benchmark (not a test): how much ./build.sh adds to a warm start of the build, compared with running the
# compiled build assembly directly. Goal: build.sh --plan within 1.3x of the direct run.
# Needs hyperfine (apt-get install hyperfine). Usage: tests/bench/build-startup.sh [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
command -v hyperfine >/dev/null || { echo "build-startup: hyperfine is required (apt-get install hyperfine)" >&2; exit 2; }

./build.sh --plan >/dev/null  # compile once, so both sides start warm
runs="${1:-20}"
hyperfine --warmup 3 --runs "$runs" --shell=none --export-json /tmp/build-startup.json \
    './build.sh --plan' 'dotnet build/bin/Debug/net10.0/_build.dll --plan'
python3 - <<'PY'
import json
results = json.load(open('/tmp/build-startup.json'))['results']
script, direct = (r['median'] for r in results)
print(f"median: build.sh {script*1000:.0f} ms, direct {direct*1000:.0f} ms, ratio {script/direct:.2f}x (goal <= 1.30x)")
PY
