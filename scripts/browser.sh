#!/usr/bin/env bash
# The browser suite: pages abt produces, opened in Debian's headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export ABT_CHROMIUM=${ABT_CHROMIUM:-/usr/bin/chromium}
export ABT_ML100K=${ABT_ML100K:-$root/../shared/data/movielens/ml-100k.zip}
export ABT_ARTIFACTS=${ABT_ARTIFACTS:-$root/.ci-artifacts}
mkdir -p "$ABT_ARTIFACTS"
# The MLflow UI check serves the pipeline's database with the real mlflow from the venv.
export ABT_PYTHON=${ABT_PYTHON:-$(bash scripts/venv.sh)}
[ -x "$ABT_CHROMIUM" ] || { echo "Chromium not found at $ABT_CHROMIUM (apt-get install -y chromium)" >&2; exit 1; }
npx vitest run --config vitest.browser.config.ts "$@"
