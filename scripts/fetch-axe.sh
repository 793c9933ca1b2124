#!/usr/bin/env bash
# Fetches axe-core (MPL-2.0) from the npm registry into .axe/ (never committed): the browser tests inject
# axe.min.js into each page to check it against WCAG 2.1 AA. Skips what is already there.
# Usage: scripts/fetch-axe.sh [target-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
version="4.14.1"
target="${1:-.axe}"
if [ -f "$target/axe.min.js" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch axe-core" >&2; exit 1; }
mkdir -p "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
tar xzf "$work/axe-core-$version.tgz" -C "$work" package/axe.min.js package/LICENSE
cp "$work/package/axe.min.js" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.axe-core"
echo "$version" > "$target/VERSION"
echo "axe-core $version in $target"
