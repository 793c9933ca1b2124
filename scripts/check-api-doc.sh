#!/usr/bin/env bash
# Runs every ```bash block of docs/api.md, in order, in one shell, from the repository root, against
# a running service (./run.sh). Fails on the first command that fails. Usage: scripts/check-api-doc.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-1}"
script="$(mktemp)"
trap 'rm -f "$script"' EXIT
{
  echo 'set -euo pipefail'
  awk '/^```bash$/ {inside=1; next} /^```$/ {inside=0; next} inside {print}' docs/api.md
} > "$script"
for run in $(seq 1 "$runs"); do
  echo "== docs/api.md, run $run"
  bash "$script" > "/tmp/api-doc-run-$run.log" 2>&1 || { cat "/tmp/api-doc-run-$run.log"; echo "docs/api.md failed on run $run" >&2; exit 1; }
  tail -n 3 "/tmp/api-doc-run-$run.log"
done
echo "docs/api.md ran verbatim $runs time(s)"
