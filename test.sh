#!/usr/bin/env bash
# Installs what the tests need and runs every test: unit, HTTP integration, and docs/api.md verbatim (twice).
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
source scripts/lib/setup.sh

ensure_dotnet
ensure_debian_packages curl jq ca-certificates

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

echo "==> building"
dotnet build IdReissue.slnx -c Release -v quiet -nologo -clp:ErrorsOnly

echo "==> unit and integration tests"
status=0
dotnet test IdReissue.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

echo "==> docs/api.md against a running service"
data="$(mktemp -d)"
port="${IDREISSUE_TEST_PORT:-18080}"
bin="$root/src/IdReissue.Web/bin/Release/net10.0"
ASPNETCORE_CONTENTROOT="$bin" \
  ConnectionStrings__IdReissue="Data Source=$data/idreissue.db" \
  DemoData__LoginsFile="$data/demo-logins.txt" \
  Logging__LogLevel__Default=Warning \
  dotnet "$bin/IdReissue.Web.dll" --urls "http://127.0.0.1:$port" > "$results/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
doc_status=0
if wait_for_http "http://127.0.0.1:$port/api/regions" 120; then
  IDREISSUE_URL="http://127.0.0.1:$port" IDREISSUE_LOGINS="$data/demo-logins.txt" scripts/check-api-doc.sh 2 || doc_status=$?
else
  doc_status=1
  cat "$results/service.log"
fi

count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count passed); passed=${passed:-0}
failed=$(count failed); failed=${failed:-0}
if [ "$doc_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$doc_status" -eq 0 ] && [ "$failed" -eq 0 ]
