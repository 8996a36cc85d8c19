#!/usr/bin/env bash
# The test command: sets up (Node 24, pnpm, dependencies; skipped when already there), then
# lints, type-checks, builds and runs every package's tests, and prints the totals.
# Nothing here reaches the network except the npm registry during setup.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 METADATA_SERVER_DETECTION=none

find packages examples tools bench -name test-results.json -not -path '*/node_modules/*' -delete
pnpm exec biome ci .
# Every changeset must parse (a malformed header would be dropped silently at release time).
pnpm exec changeset status >/dev/null
status=0
pnpm exec turbo run typecheck test --output-logs=errors-only --log-order=grouped --continue || status=$?
node scripts/test-totals.mjs || status=1
exit "$status"
