#!/usr/bin/env bash
# The throughput benchmark of docs/BENCHMARKS.md: the main applicant endpoints and the payment notification,
# one node on SQLite, one node on PostgreSQL and two nodes on PostgreSQL, load generated on loopback.
# Usage: scripts/load-test.sh [applicants] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/lib/setup.sh
source scripts/lib/postgres.sh
applicants="${1:-300}"
seconds="${2:-15}"

ensure_dotnet
ensure_debian_packages postgresql
dotnet build IdReissue.slnx -c Release -v quiet -nologo -clp:ErrorsOnly
work="$(mktemp -d)"
server="$(start_throwaway_postgres "$work/pg" "${IDREISSUE_LOAD_PG_PORT:-55451}")"
trap 'stop_throwaway_postgres "$work/pg"; rm -rf "$work"' EXIT

bench="$root/bench/IdReissue.ServiceBench/bin/Release/net10.0/IdReissue.ServiceBench.dll"
common=(--web "$root/src/IdReissue.Web/bin/Release/net10.0/IdReissue.Web.dll" --photo "$root/../shared/portrait-dev-set/df__img13__ok.jpg"
        --applicants "$applicants" --seconds "$seconds")
echo "$(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
dotnet "$bench" load "${common[@]}" --provider Sqlite --nodes 1
dotnet "$bench" load "${common[@]}" --provider PostgreSql --postgres "$server" --nodes 1
dotnet "$bench" load "${common[@]}" --provider PostgreSql --postgres "$server" --nodes 2
