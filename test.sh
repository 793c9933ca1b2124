#!/usr/bin/env bash
# Installs what the tests need and runs every test: unit, HTTP integration on SQLite and on a real
# PostgreSQL, browser journeys in Debian's Chromium (screenshots in TestResults/screenshots), a small
# crash test (two nodes, one killed, then PostgreSQL stopped for 30 s; then again with the WeChat Pay simulator), docs/api.md verbatim
# (twice), and the OpenAPI document (Redocly lint, then a Kiota client generated from it walks the journey).
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
source scripts/lib/setup.sh
source scripts/lib/postgres.sh

ensure_dotnet
command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
scripts/fetch-models.sh
scripts/fetch-axe.sh
# chromium for the browser tests (Playwright drives it; no browser is downloaded); fonts-noto-cjk so
# Chinese renders as Chinese in the screenshots, not as boxes.
ensure_debian_packages curl jq ca-certificates postgresql imagemagick chromium fonts-noto-cjk ffmpeg
# Real webcam clips (npm) for the liveness judgement's tests, cut into frames with ffmpeg.
scripts/fetch-liveness-clips.sh

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

echo "==> building"
dotnet build IdReissue.slnx -c Release -v quiet -nologo -clp:ErrorsOnly

work="$(mktemp -d)"
cleanup() {
  [ -n "${pid:-}" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> unit, integration and browser tests (SQLite)"
status=0
dotnet test IdReissue.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

echo "==> integration tests (PostgreSQL)"
postgres="$(start_throwaway_postgres "$work/pg" "${IDREISSUE_TEST_PG_PORT:-55439}")"
IDREISSUE_TEST_POSTGRES="$postgres" dotnet test tests/IdReissue.Web.Tests -c Release --no-build --nologo --filter "Category!=Browser" \
  --logger "trx;LogFileName=web-postgresql.trx" --results-directory "$results" || status=$?
# The persistence tests (encryption, row binding, sealing on save) against the same server.
IDREISSUE_TEST_POSTGRES="$postgres" dotnet test tests/IdReissue.Infrastructure.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~.Security." \
  --logger "trx;LogFileName=infrastructure-postgresql.trx" --results-directory "$results" || status=$?

echo "==> crash test (PostgreSQL, two nodes, one SIGKILL, then PostgreSQL down for 30 s)"
crash_status=0
# A server of its own (port 55441), since this run stops and restarts it.
IDREISSUE_SKIP_BUILD=1 IDREISSUE_CRASH_LOGS="$results/crash-test" \
  scripts/crash-test.sh "${IDREISSUE_CRASH_APPLICANTS:-40}" --database-outage 30 || crash_status=$?
# Again with WeChat Pay through its real adapter and the tests' simulator (docs/BENCHMARKS.md; about as long).
IDREISSUE_TEST_POSTGRES="$postgres" IDREISSUE_SKIP_BUILD=1 IDREISSUE_CRASH_LOGS="$results/crash-test-wechatpay" \
  scripts/crash-test.sh "${IDREISSUE_CRASH_APPLICANTS:-40}" --wechatpay-simulator || crash_status=$?

echo "==> docs/api.md against a running service"
data="$work/docs"
mkdir -p "$data"
port="${IDREISSUE_TEST_PORT:-18080}"
bin="$root/src/IdReissue.Web/bin/Release/net10.0"
ASPNETCORE_CONTENTROOT="$bin" \
  ConnectionStrings__IdReissue="Data Source=$data/idreissue.db" \
  DemoData__LoginsFile="$data/demo-logins.txt" \
  Logging__LogLevel__Default=Warning \
  dotnet "$bin/IdReissue.Web.dll" --urls "http://127.0.0.1:$port" > "$results/service.log" 2>&1 &
pid=$!
doc_status=0
if wait_for_http "http://127.0.0.1:$port/api/regions" 120; then
  IDREISSUE_URL="http://127.0.0.1:$port" IDREISSUE_LOGINS="$data/demo-logins.txt" scripts/check-api-doc.sh 2 || doc_status=$?
else
  doc_status=1
  cat "$results/service.log"
fi

echo "==> OpenAPI document: redocly lint, Kiota client generated from it, the docs/api.md journey through that client"
# The client is generated from this running service's document, so its project is built here, after the step.
openapi_status=0
IDREISSUE_OPENAPI_OUT="$results" scripts/check-openapi.sh "http://127.0.0.1:$port" \
  && dotnet build tests/IdReissue.ApiClient.Tests -c Release -v quiet -nologo -clp:ErrorsOnly || openapi_status=$?
if [ "$openapi_status" -ne 0 ]; then
  echo "OpenAPI step failed (lint, generation or the generated client's build; exit $openapi_status)" >&2
else
  dotnet test tests/IdReissue.ApiClient.Tests -c Release --no-build --nologo \
    --logger "trx;LogFileName=api-client.trx" --results-directory "$results" || status=$?
fi

axe="$results/accessibility/axe-counts.tsv"
if [ -f "$axe" ]; then
  echo "==> axe-core, WCAG 2.1 A/AA (page, mode, serious+critical, moderate+minor; docs/accessibility.md)"
  grep -v '^audit-' "$axe" | cut -f1-4 || true
fi

count() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count passed); passed=${passed:-0}
failed=$(count failed); failed=${failed:-0}
for outcome in "$doc_status" "$crash_status" "$openapi_status"; do
  if [ "$outcome" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$doc_status" -eq 0 ] && [ "$crash_status" -eq 0 ] && [ "$openapi_status" -eq 0 ] && [ "$failed" -eq 0 ]
