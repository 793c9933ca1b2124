#!/usr/bin/env bash
# The flood benchmark of docs/BENCHMARKS.md: one node on SQLite; anonymous photo fixes and checks from 50 loopback
# source addresses (127.0.0.2–51, each client socket bound to its address) at several times the node's capacity,
# while an officer works the review queue and applicants query their progress. Bounded: a quiet phase, then the
# flood for [seconds] (default 60), at most 400 requests in flight. Exit 1 when the signed-in p99 under the flood
# is over 3× its quiet value, a signed-in request failed, or the node died.
# Usage: scripts/flood-test.sh [seconds] [extra FloodBench options, e.g. --fix-rate 10 --check-rate 300]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/lib/setup.sh
seconds="${1:-60}"
shift || true

ensure_dotnet
scripts/fetch-models.sh
dotnet build IdReissue.slnx -c Release -v quiet -nologo -clp:ErrorsOnly
echo "$(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/bench/IdReissue.ServiceBench/bin/Release/net10.0/IdReissue.ServiceBench.dll" flood \
  --web "$root/src/IdReissue.Web/bin/Release/net10.0/IdReissue.Web.dll" \
  --check-photo "$root/../shared/portrait-dev-set/df__img13__ok.jpg" \
  --fix-photo "$root/../shared/portrait-calibration-set/df__img10__realbg.jpg" \
  --seconds "$seconds" "$@"
