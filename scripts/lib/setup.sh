# Shared set-up for run.sh and test.sh: install what is missing, skip what is there.
# shellcheck shell=bash

# Installs Debian packages that are not installed yet (one apt-get update per run, only when needed).
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dot.net); it is not in Debian's archive." >&2
    exit 1
  fi
  local major
  major="$(dotnet --version | cut -d. -f1)"
  if [ "$major" -lt 10 ]; then
    echo "The .NET 10 SDK is required; found $(dotnet --version)." >&2
    exit 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Waits until an HTTP URL answers 2xx, or fails after $2 seconds.
wait_for_http() {
  local url="$1" seconds="${2:-60}"
  for _ in $(seq 1 "$((seconds * 4))"); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.25
  done
  echo "no answer from $url after ${seconds}s" >&2
  return 1
}

# Redocly CLI (the OpenAPI linter), from the npm registry into a cache outside the work tree; skipped
# when that version is already there. Sets REDOCLY to its command.
REDOCLY_VERSION=2.77.0
ensure_redocly() {
  local prefix="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/idreissue/redocly-$REDOCLY_VERSION"
  REDOCLY="$prefix/node_modules/.bin/redocly"
  export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
  [ -x "$REDOCLY" ] && return 0
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
  echo "==> installing @redocly/cli $REDOCLY_VERSION"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null
}
