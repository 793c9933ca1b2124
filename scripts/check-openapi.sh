#!/usr/bin/env bash
# The OpenAPI document as a client sees it: fetched from a running service, linted with Redocly's
# recommended rules (any error fails), and turned into the Kiota C# client that
# tests/IdReissue.ApiClient.Tests compiles and drives through the docs/api.md journey.
# Usage: scripts/check-openapi.sh [base-url]   (without one, starts the built service on a free port)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/setup.sh
ensure_dotnet
ensure_redocly
dotnet tool restore >/dev/null

out="${IDREISSUE_OPENAPI_OUT:-$root/TestResults}"
mkdir -p "$out"
url="${1:-}"
work=""
cleanup() {
  # if-statements, not `[ … ] && …`: a false test as the trap's last command would become the script's exit status.
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$work" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
if [ -z "$url" ]; then
  work="$(mktemp -d)"
  port="${IDREISSUE_OPENAPI_PORT:-18090}"
  bin="$root/src/IdReissue.Web/bin/Release/net10.0"
  [ -f "$bin/IdReissue.Web.dll" ] || dotnet build src/IdReissue.Web -c Release -v quiet -nologo -clp:ErrorsOnly
  ASPNETCORE_CONTENTROOT="$bin" ConnectionStrings__IdReissue="Data Source=$work/idreissue.db" DemoData__LoginsFile="$work/logins.txt" \
    Logging__LogLevel__Default=Warning dotnet "$bin/IdReissue.Web.dll" --urls "http://127.0.0.1:$port" > "$work/service.log" 2>&1 &
  pid=$!
  url="http://127.0.0.1:$port"
  wait_for_http "$url/api/regions" 120 || { cat "$work/service.log"; exit 1; }
fi

curl -sf "$url/openapi/v1.json" -o "$out/openapi.json"
echo "==> redocly lint (recommended rules)"
"$REDOCLY" lint "$out/openapi.json" --config redocly.yaml --format=summary --max-problems 1000 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' -e '^$' || {
  "$REDOCLY" lint "$out/openapi.json" --config redocly.yaml --format=stylish --max-problems 1000 || true
  echo "the OpenAPI document has lint errors" >&2
  exit 1
}

echo "==> kiota generate (C#) into tests/IdReissue.ApiClient.Tests/Generated"
# Offline: no update check, no telemetry; the document is a local file.
KIOTA_UPDATE__DISABLED=true KIOTA_CLI_TELEMETRY_OPTOUT=true KIOTA_TELEMETRY__OPTOUT=true \
  dotnet tool run kiota generate --language CSharp --openapi "$out/openapi.json" --output tests/IdReissue.ApiClient.Tests/Generated \
  --namespace-name IdReissue.ApiClient --class-name IdReissueClient --exclude-backward-compatible --clean-output --log-level Error
echo "OpenAPI document linted and client generated ($(grep -c '"operationId"' "$out/openapi.json") operations)"
