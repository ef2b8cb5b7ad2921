#!/usr/bin/env bash
# What `changeset publish` would do, without publishing: pending version bumps, then a
# packed tarball per publishable package (workspace: ranges rewritten by pnpm pack).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pnpm changeset status --verbose || true
pnpm build --output-logs=errors-only
out=$(mktemp -d)
for dir in packages/*/; do
  (cd "$dir" && pnpm pack --pack-destination "$out" >/dev/null)
done
echo "tarballs that would be published:"
ls -1 "$out"
