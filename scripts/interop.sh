#!/usr/bin/env bash
# The interop suite: abt against the real mlflow, lightgbm and scikit-learn.
# Creates the venv, starts `mlflow server` on 127.0.0.1 with a free port (SQLite
# backend, --serve-artifacts), runs every test/interop suite, stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export ABT_PYTHON=$(bash scripts/venv.sh)
export ABT_ML100K=${ABT_ML100K:-$root/../shared/data/movielens/ml-100k.zip}
work=$(mktemp -d)
port=$("$ABT_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# setsid: the server forks job-runner workers; the whole process group is stopped at exit.
setsid "$root/.venv/bin/mlflow" server --host 127.0.0.1 --port "$port" \
  --backend-store-uri "sqlite:///$work/server.db" \
  --serve-artifacts --artifacts-destination "$work/artifacts" \
  --workers 1 >"$work/mlflow-server.log" 2>&1 &
server=$!
cleanup() { kill -- "-$server" 2>/dev/null || kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export ABT_MLFLOW_URL="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if curl -fsS "$ABT_MLFLOW_URL/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/mlflow-server.log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$ABT_MLFLOW_URL/health" >/dev/null || { echo "mlflow server did not start" >&2; cat "$work/mlflow-server.log" >&2; exit 1; }
echo "mlflow server up at $ABT_MLFLOW_URL"
# Tests keep their artifacts in temp dirs: fail when a new `mlruns` directory (MLflow's and abt's
# default artifact root, relative to the working directory) appears in the repo during the run.
list_mlruns() { find "$root" \( -name node_modules -o -name .git -o -name .venv \) -prune -o -type d -name mlruns -print -prune | LC_ALL=C sort; }
mlruns_before=$(list_mlruns)
status=0
npx vitest run --config vitest.interop.config.ts "$@" || status=$?
mlruns_new=$(LC_ALL=C comm -13 <(printf '%s\n' "$mlruns_before") <(list_mlruns) | sed '/^$/d')
if [ -n "$mlruns_new" ]; then
  echo "interop: the tests created these mlruns directories in the repo (give the store a temp artifactRoot):" >&2
  printf '%s\n' "$mlruns_new" | sed 's/^/  /' >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
