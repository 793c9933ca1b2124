#!/usr/bin/env bash
# Adds a migration NAME for both databases from the one model, so SQLite and PostgreSQL never drift.
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh NAME}"
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  project="src/IdReissue.Migrations.$provider"
  dotnet dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
