#!/usr/bin/env bash
# Adds a migration NAME for both databases from the one model, so SQLite and PostgreSQL never drift.
# Usage: scripts/add-migration.sh [--sandbox] NAME
#   --sandbox: for the sandbox's own context (SandboxDbContext, folder SandboxMigrations), which only a host
#   running the sandbox migrates; without it, for the service's (IdReissueDbContext, folder Migrations).
set -euo pipefail
cd "$(dirname "$0")/.."
context=IdReissueDbContext
folder=Migrations
if [[ "${1:-}" == "--sandbox" ]]; then
  context=SandboxDbContext
  folder=SandboxMigrations
  shift
fi
name="${1:?usage: scripts/add-migration.sh [--sandbox] NAME}"
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  project="src/IdReissue.Migrations.$provider"
  dotnet dotnet-ef migrations add "$name" --context "$context" --project "$project" --startup-project "$project" --output-dir "$folder"
done
