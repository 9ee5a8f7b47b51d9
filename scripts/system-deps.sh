#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when one is missing.
# Chromium drives the end-to-end tests; DejaVu's extra faces carry the MathML glyphs;
# PostgreSQL is the second database the store's tests run against.
set -euo pipefail
needed=(chromium fonts-dejavu-extra postgresql)
# npm fetches axe-core; this machine image ships Node.js and npm outside Debian's packages,
# so Debian's npm is installed only where there is none at all.
command -v npm >/dev/null || needed+=(npm)
missing=()
for pkg in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
