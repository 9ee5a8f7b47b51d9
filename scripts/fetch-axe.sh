#!/usr/bin/env bash
# Fetches axe-core (the accessibility checker the browser tests inject) into build/axe/,
# pinned to one version, only when it is not already there. Needs npm and the npm registry.
set -euo pipefail
AXE_VERSION="4.14.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/build/axe"
installed="$dest/node_modules/axe-core/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$installed"; then
    exit 0
fi
mkdir -p "$dest"
echo "fetching axe-core $AXE_VERSION into build/axe"
npm install --prefix "$dest" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
test -f "$dest/node_modules/axe-core/axe.min.js"
