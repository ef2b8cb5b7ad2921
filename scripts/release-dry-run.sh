#!/usr/bin/env bash
# What a release would do, without touching this checkout or publishing anything:
# 1. build; 2. copy the repo (tracked + new files, built dist/) to a temp folder and run
# `changeset version` THERE (it consumes the pending changesets, so never here);
# 3. show each package's version before -> after and the changesets it would leave;
# 4. `pnpm pack` every publishable package of the bumped copy and check each tarball's
#    manifest: no `workspace:` range left, @abt/* dependencies at the bumped versions.
# Usage: bash scripts/release-dry-run.sh [--keep]   (--keep leaves the temp copy for inspection)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
keep=${1:-}

if ! ls .changeset/*.md 2>/dev/null | grep -qv '/README.md$'; then
  echo "no pending changesets: nothing would be released"
  exit 0
fi

pnpm build --output-logs=errors-only

scratch=$(mktemp -d "${TMPDIR:-/tmp}/abt-release-XXXXXX")
cleanup() { if [ "$keep" != "--keep" ]; then rm -rf "$scratch"; else echo "kept $scratch"; fi; }
trap cleanup EXIT
# Tracked and new (not ignored) files, plus the build output that `pnpm pack` ships.
{ git ls-files -z --cached --others --exclude-standard; find packages -path '*/node_modules' -prune -o -path 'packages/*/dist/*' -type f -print0; } |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$scratch"
# The changelog generator is resolved from the repo's node_modules; link rather than copy.
ln -s "$root/node_modules" "$scratch/node_modules"

versions() { # name<TAB>version of every package under packages/
  for pj in "$1"/packages/*/package.json; do
    node -e 'const p = require(process.argv[1]); if (!p.private) console.log(`${p.name}\t${p.version}`)' "$pj"
  done
}
versions "$root" > "$scratch/.versions-before"
(cd "$scratch" && node_modules/.bin/changeset version >/dev/null)
versions "$scratch" > "$scratch/.versions-after"

echo "version bumps (changeset version on a copy):"
join --nocheck-order -t $'\t' "$scratch/.versions-before" "$scratch/.versions-after" |
  awk -F'\t' '{ printf "  %-16s %-8s -> %-8s %s\n", $1, $2, $3, ($2 == $3 ? "(unchanged, not published)" : "") }'
left=$(cd "$scratch" && ls .changeset/*.md 2>/dev/null | grep -v '/README.md$' || true)
if [ -n "$left" ]; then
  echo "changesets left pending (they name only ignored packages, see .changeset/config.json):"
  printf '  %s\n' $left
fi

# pnpm pack reads a `workspace:` dependency's version through the package's node_modules; link
# each @abt/* dependency to its bumped copy (what `pnpm install` would do, without installing).
for pj in "$scratch"/packages/*/package.json; do
  dir=$(dirname "$pj")
  for dep in $(node -e 'const p = require(process.argv[1]); console.log(Object.keys({ ...p.dependencies, ...p.peerDependencies }).filter((d) => d.startsWith("@abt/")).join(" "))' "$pj"); do
    mkdir -p "$dir/node_modules/@abt"
    ln -sfn "$scratch/packages/${dep#@abt/}" "$dir/node_modules/$dep"
  done
done

out="$scratch/.tarballs"
mkdir -p "$out"
status=0
while IFS=$'\t' read -r name before after; do
  [ "$before" = "$after" ] && continue
  dir="$scratch/packages/${name#@abt/}"
  (cd "$dir" && pnpm pack --pack-destination "$out" >/dev/null)
  tgz="$out/abt-${name#@abt/}-$after.tgz"
  manifest=$(tar -xzOf "$tgz" package/package.json)
  if grep -q 'workspace:' <<<"$manifest"; then
    echo "✗ $name: packed manifest still has a workspace: range"; status=1
  fi
  # Every @abt/* dependency must point at the version this release gives that package.
  node -e '
    const m = JSON.parse(process.argv[1]);
    const after = Object.fromEntries(process.argv[2].trim().split("\n").map((l) => l.split("\t")));
    const bad = Object.entries(m.dependencies ?? {}).filter(([d, r]) => d.startsWith("@abt/") && r !== after[d]);
    if (bad.length) { console.error(`✗ ${m.name}: ${bad.map(([d, r]) => `${d}@${r} (release has ${after[d]})`).join(", ")}`); process.exit(1); }
  ' "$manifest" "$(cat "$scratch/.versions-after")" || status=1
done < <(join --nocheck-order -t $'\t' "$scratch/.versions-before" "$scratch/.versions-after")

echo "tarballs that would be published:"
(cd "$out" && ls -1 *.tgz | sed 's/^/  /')
[ "$status" -eq 0 ] && echo "release dry run: ok" || echo "release dry run: FAILED"
exit "$status"
