#!/usr/bin/env bash
# The crash and scale test by hand: builds, starts a throwaway PostgreSQL (unless IDREISSUE_TEST_POSTGRES
# names one), two service nodes, drives N applicants (default 300) through the whole journey, kills a
# node with SIGKILL mid-way, restarts it, and checks that nothing was lost or done twice.
# Usage: scripts/crash-test.sh [applicants] [--wechatpay-simulator] [--database-outage SECONDS]
#   --wechatpay-simulator: WeChat Pay through the real adapter and its simulator;
#   --database-outage: PostgreSQL (a throwaway server of its own) stopped that long, as by a crash, while officers work.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/lib/setup.sh
source scripts/lib/postgres.sh
applicants="${1:-300}"

ensure_dotnet
ensure_debian_packages postgresql curl
if [ "${IDREISSUE_SKIP_BUILD:-}" != 1 ]; then
  dotnet build IdReissue.slnx -c Release -v quiet -nologo -clp:ErrorsOnly
fi

work="$(mktemp -d)"
server="${IDREISSUE_TEST_POSTGRES:-}"
extra=()
if [[ " ${*:2} " == *" --database-outage "* ]]; then
  # The test stops and starts the server itself, so it gets a server of its own, whatever IDREISSUE_TEST_POSTGRES says.
  server=""
  port="${IDREISSUE_CRASH_PG_PORT:-55441}"
  cat > "$work/postgres-control" <<EOF
#!/usr/bin/env bash
set -euo pipefail
source "$root/scripts/lib/postgres.sh"
case "\$1" in
  stop) stop_throwaway_postgres "$work/pg" ;;
  start) start_throwaway_postgres "$work/pg" "$port" >/dev/null ;;
esac
EOF
  chmod +x "$work/postgres-control"
  extra=(--postgres-control "$work/postgres-control")
fi
if [ -z "$server" ]; then
  server="$(start_throwaway_postgres "$work/pg" "${IDREISSUE_CRASH_PG_PORT:-55441}")"
  trap 'stop_throwaway_postgres "$work/pg"; rm -rf "$work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

dotnet "$root/bench/IdReissue.ServiceBench/bin/Release/net10.0/IdReissue.ServiceBench.dll" crash \
  --postgres "$server" \
  --web "$root/src/IdReissue.Web/bin/Release/net10.0/IdReissue.Web.dll" \
  --photo "$root/../shared/portrait-dev-set/df__img13__ok.jpg" \
  --applicants "$applicants" \
  --logs "${IDREISSUE_CRASH_LOGS:-$work/logs}" \
  "${@:2}" ${extra[@]+"${extra[@]}"}
