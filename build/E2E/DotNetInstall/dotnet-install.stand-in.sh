#!/usr/bin/env bash
# Stand-in for the official dotnet-install.sh (https://dot.net/v1/dotnet-install.sh), which the machines that test
# this repository cannot download. The tests and the E2E rehearsal serve it in its place, from loopback. It takes the
# same options as the real script (those it does not need are accepted and ignored) and follows its protocol: the
# version from --version, --jsonfile or <feed>/Sdk/<channel>/latest.version; the product version from
# <feed>/Sdk/<version>/sdk-productVersion.txt or productVersion.txt when the feed has one; the archive
# <feed>/Sdk/<version>/dotnet-sdk-<product version>-<os>-<arch>.tar.gz extracted into the install folder; "already
# installed" when <install dir>/sdk/<product version> exists, and a failure unless it exists afterwards.
set -euo pipefail

say() { printf 'dotnet-install: %s\n' "$1"; }
err() { printf 'dotnet_install: Error: %s\n' "$1" >&2; }

channel=LTS
version=latest
install_dir="${DOTNET_INSTALL_DIR:-${HOME:-/tmp}/.dotnet}"
azure_feed=
uncached_feed=
no_cdn=false
json_file=
while [ $# -gt 0 ]; do
    case "$1" in
        -c|--channel|-Channel) shift; channel="$1" ;;
        -v|--version|-Version) shift; version="$1" ;;
        -i|--install-dir|-InstallDir) shift; install_dir="$1" ;;
        --azure-feed|-AzureFeed) shift; azure_feed="$1" ;;
        --uncached-feed|-UncachedFeed) shift; uncached_feed="$1" ;;
        --no-cdn|-NoCdn) no_cdn=true ;;
        --jsonfile|-JSonFile) shift; json_file="$1" ;;
        --no-path|-NoPath|--verbose|-Verbose|--skip-non-versioned-files|--keep-zip|--dry-run) ;;
        --architecture|--arch|--os|-q|--quality|--zip-path|--feed-credential) shift ;;
        --runtime|-Runtime) err "this stand-in installs SDKs only"; exit 1 ;;
        *) err "Unknown argument \`$1\`"; exit 1 ;;
    esac
    shift
done

feed="$azure_feed"
[ "$no_cdn" = true ] && feed="$uncached_feed"
if [ -z "$feed" ]; then
    err "the stand-in knows no public feed: pass --azure-feed (or --no-cdn with --uncached-feed)"
    exit 1
fi
feed="${feed%/}"

fetch() { curl --fail --silent --show-error --location --retry 2 "$@"; }

if [ -n "$json_file" ]; then
    version="$(tr -d '\r\n' < "$json_file" | grep -o '"version" *: *"[^"]*"' | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')"
    [ -n "$version" ] || { err "Unable to find the SDK:version node in \`$json_file\`"; exit 1; }
elif [ "$(printf '%s' "$version" | tr '[:upper:]' '[:lower:]')" = latest ]; then
    version="$(fetch "$feed/Sdk/$channel/latest.version" | tail -n 1 | tr -d '\r')" || { err "Failed to resolve the exact version number."; exit 1; }
fi

case "$(uname -s)" in
    Darwin) os=osx ;;
    *) if (ldd --version 2>&1 || true) | grep -q musl; then os=linux-musl; else os=linux; fi ;;
esac
case "$(uname -m)" in
    aarch64|arm64) arch=arm64 ;;
    armv7l) arch=arm ;;
    *) arch=x64 ;;
esac

product_version="$version"
for name in sdk-productVersion.txt productVersion.txt; do
    if text="$(curl --fail --silent "$feed/Sdk/$version/$name" 2>/dev/null)"; then
        product_version="$(printf '%s' "$text" | tr -d '\r\n\t')"
        break
    fi
done

if [ -d "$install_dir/sdk/$product_version" ]; then
    say ".NET Core SDK with version '$product_version' is already installed."
    exit 0
fi

link="$feed/Sdk/$version/dotnet-sdk-$product_version-$os-$arch.tar.gz"
archive="$(mktemp "${TMPDIR:-/tmp}/dotnet.XXXXXXXXX")"
trap 'rm -f "$archive"' EXIT
say "Attempting to download using primary link $link"
if ! fetch --output "$archive" "$link"; then
    err "Could not find \`.NET Core SDK\` with version = $version"
    exit 1
fi
say "Extracting zip from $link"
mkdir -p "$install_dir"
tar -xzf "$archive" -C "$install_dir"
if [ ! -d "$install_dir/sdk/$product_version" ]; then
    err "Failed to verify the version of installed \`.NET Core SDK\`. Installation source: $link. Installation location: $install_dir."
    exit 1
fi
say "Installed version is $product_version"
say "Installation finished successfully."
