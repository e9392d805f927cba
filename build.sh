#!/usr/bin/env bash
# Runs the build (build/_build.csproj): ./build.sh [targets] [--parameter value...]; ./build.sh --help lists them.
# The build program is compiled only when its sources changed, then run directly: a no-op start stays fast,
# and no launch profile (build/Properties/launchSettings.json, for IDEs) is ever applied.
# Without a dotnet that global.json accepts, the SDK global.json names is installed into .nuke/temp/dotnet-unix
# with the official dotnet-install script, as NUKE's bootstrapper does. DOTNET_INSTALL_SCRIPT_URL and
# DOTNET_INSTALL_FEED (passed as --azure-feed and --uncached-feed) point it at a mirror.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$ROOT/build/_build.csproj"
ASSEMBLY="$ROOT/build/bin/Debug/net10.0/_build.dll"
DOTNET_DIRECTORY="$ROOT/.nuke/temp/dotnet-unix"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
    echo "build.sh: $*" >&2
    exit 2
}

# The SDK this script installed wins: it is there because the machine's was missing or too old. The build's own
# dotnet calls (tests, tools) find it through PATH and DOTNET_ROOT.
use_installed_sdk() {
    DOTNET="$DOTNET_DIRECTORY/dotnet"
    export DOTNET_ROOT="$DOTNET_DIRECTORY" PATH="$DOTNET_DIRECTORY:$PATH"
}
if [ -x "$DOTNET_DIRECTORY/dotnet" ]; then
    use_installed_sdk
elif command -v dotnet >/dev/null 2>&1; then
    DOTNET=dotnet
else
    DOTNET=
fi

# Honours global.json (version and rollForward): fails when no installed SDK satisfies it.
sdk_version() { (cd "$ROOT" && "$DOTNET" --version 2>/dev/null); }

global_json_version() {
    grep -o '"version" *: *"[^"]*"' "$ROOT/global.json" 2>/dev/null | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/'
}

download() {
    if command -v curl >/dev/null 2>&1; then
        curl --fail --silent --show-error --location --retry 2 --output "$2" "$1"
    elif command -v wget >/dev/null 2>&1; then
        wget --quiet --tries 3 --output-document "$2" "$1"
    else
        echo "neither curl nor wget is installed" >&2
        return 1
    fi
}

install_sdk() {
    local version url script
    version="$(global_json_version)"
    url="${DOTNET_INSTALL_SCRIPT_URL:-https://dot.net/v1/dotnet-install.sh}"
    script="$ROOT/.nuke/temp/dotnet-install.sh"
    local what=(--channel STS)
    [ -n "$version" ] && what=(--version "$version")
    echo "Installing the .NET SDK ${version:-(latest STS)} into .nuke/temp/dotnet-unix: $1..." >&2
    mkdir -p "$ROOT/.nuke/temp"
    if ! download "$url" "$script"; then
        fail "could not download the .NET install script from $url. Install the .NET SDK ${version} (https://dot.net)," \
            "or set DOTNET_INSTALL_SCRIPT_URL to a copy of dotnet-install.sh this machine can reach."
    fi
    local feed=()
    [ -n "${DOTNET_INSTALL_FEED:-}" ] && feed=(--azure-feed "$DOTNET_INSTALL_FEED" --uncached-feed "$DOTNET_INSTALL_FEED")
    if ! bash "$script" --install-dir "$DOTNET_DIRECTORY" "${what[@]}" --no-path "${feed[@]}" >&2; then
        rm -rf "$DOTNET_DIRECTORY"
        fail "installing the .NET SDK ${version} failed (see above). Install it yourself (https://dot.net)," \
            "or set DOTNET_INSTALL_FEED to a feed that serves it."
    fi
    use_installed_sdk
}

# Anything newer than the assembly: a source, project or props file, or a folder whose files were added or removed.
# bin/ and obj/ (the build's and its engine's) are what compiling writes, not inputs.
stale() {
    [ ! -f "$ASSEMBLY" ] && return 0
    [ -n "$(find "$ROOT/build" "$ROOT/global.json" "$ROOT"/Directory.*.props \
        -type d \( -name bin -o -name obj \) -prune -o -newer "$ASSEMBLY" -print -quit)" ]
}

if [ -z "$DOTNET" ]; then
    install_sdk "there is no dotnet on PATH"
fi

if stale; then
    if ! sdk="$(sdk_version)"; then
        [ "$DOTNET" = "$DOTNET_DIRECTORY/dotnet" ] &&
            fail "the SDK in .nuke/temp/dotnet-unix does not satisfy global.json ($(global_json_version)): delete that folder and run again."
        install_sdk "the dotnet on PATH has no SDK that global.json ($(global_json_version)) accepts"
        sdk="$(sdk_version)" || fail "the installed SDK does not satisfy global.json ($(global_json_version))."
    fi
    echo "Compiling the build (dotnet $sdk)..." >&2
    # Quiet on success; the whole compiler output on failure.
    if ! log="$("$DOTNET" build "$PROJECT" --nologo --verbosity quiet --configuration Debug -tl:off 2>&1)"; then
        echo "$log" >&2
        fail "the build project does not compile (see above)."
    fi
    touch "$ASSEMBLY"
fi

cd "$ROOT"
exec "$DOTNET" "$ASSEMBLY" "$@"
