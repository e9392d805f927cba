#!/usr/bin/env bash
# Runs the build (build/_build.csproj): ./build.sh [targets] [--parameter value...]; ./build.sh --help lists them.
# The build program is compiled only when its sources changed, then run directly: a no-op start stays fast,
# and no launch profile (build/Properties/launchSettings.json, for IDEs) is ever applied.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$ROOT/build/_build.csproj"
ASSEMBLY="$ROOT/build/bin/Debug/net10.0/_build.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
    echo "build.sh: 'dotnet' is not on PATH. Install the .NET SDK version in global.json: https://dot.net" >&2
    exit 2
fi

# Anything newer than the assembly: a source, project or props file, or a folder whose files were added or removed.
# bin/ and obj/ (the build's and its engine's) are what compiling writes, not inputs.
stale() {
    [ ! -f "$ASSEMBLY" ] && return 0
    [ -n "$(find "$ROOT/build" "$ROOT/global.json" "$ROOT"/Directory.*.props \
        -type d \( -name bin -o -name obj \) -prune -o -newer "$ASSEMBLY" -print -quit)" ]
}

if stale; then
    if ! sdk="$(cd "$ROOT" && dotnet --version 2>/dev/null)"; then
        echo "build.sh: no .NET SDK matching global.json ($(grep -o '"version": *"[^"]*"' "$ROOT/global.json")) is installed: https://dot.net" >&2
        exit 2
    fi
    echo "Compiling the build (dotnet $sdk)..." >&2
    # Quiet on success; the whole compiler output on failure.
    if ! log="$(dotnet build "$PROJECT" --nologo --verbosity quiet --configuration Debug -tl:off 2>&1)"; then
        echo "$log" >&2
        echo "build.sh: the build project does not compile (see above)." >&2
        exit 2
    fi
    touch "$ASSEMBLY"
fi

cd "$ROOT"
exec dotnet "$ASSEMBLY" "$@"
