#!/usr/bin/env bash
# Installs the workspace. better-sqlite3 compiles from source where its prebuilt
# binary cannot be downloaded; point node-gyp at the local Node headers so the
# compile needs no network either.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "${npm_config_nodedir:-}" ]; then
  prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm -v)" != "12.4.2" ]; then
  npm install -g pnpm@12.4.2 >/dev/null
fi
pnpm install --frozen-lockfile "$@"
