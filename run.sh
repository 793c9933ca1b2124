#!/usr/bin/env bash
# Runs IdReissue on http://localhost:8080 with SQLite, the sandbox gateways and generated demo data.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
source scripts/lib/setup.sh

ensure_dotnet
command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
scripts/fetch-models.sh
ensure_debian_packages curl jq ca-certificates ffmpeg
# The sandbox's sample webcam recordings (npm), for walking the camera's 实人认证 with a "camera-clip" resident.
scripts/fetch-liveness-clips.sh

echo "==> building"
dotnet build src/IdReissue.Web/IdReissue.Web.csproj -c Release -v quiet -nologo -clp:ErrorsOnly

bin="$root/src/IdReissue.Web/bin/Release/net10.0"
url="${IDREISSUE_URL:-http://localhost:8080}"
mkdir -p "$root/.data"
export ASPNETCORE_CONTENTROOT="$bin"
export ConnectionStrings__IdReissue="${ConnectionStrings__IdReissue:-Data Source=$root/.data/idreissue.db}"
export DemoData__LoginsFile="${DemoData__LoginsFile:-$root/.data/demo-logins.txt}"

echo "==> starting on $url"
dotnet "$bin/IdReissue.Web.dll" --urls "$url" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' INT TERM EXIT
wait_for_http "$url/api/regions" 120

cat <<BANNER

  居民身份证网上补换领 IdReissue is running on $url
  Citizen portal: $url/  (log in with an applicant phone below; the sandbox shows the SMS code on the log-in page)
  Officer workbench: $url/officer  (officer username and password below)   Photo studio: $url/studio
  API: $url/openapi/v1.json   walk-through: docs/api.md
  Demo data (sandbox residents, generated officer passwords): $DemoData__LoginsFile
  A fresh demo resident at any time: curl -X POST $url/sandbox/residents -H 'Content-Type: application/json' -d '{"region":"hunan"}'
  实人认证 in the sandbox: the simulated certified provider's page ("使用人脸核身服务"), or the camera with the sample
  recording for a resident of profile "camera-clip" (-d '{"region":"hunan","profile":"camera-clip"}')

BANNER
cat "$DemoData__LoginsFile"
echo
echo "Press Ctrl+C to stop."
wait "$pid"
