#!/usr/bin/env bash
# The README's pictures (docs/*.png): serves the app on port 3000 with the Verify simulator
# and a fresh SQLite file, runs the Playwright specs in end2end/screenshots, then stops the
# server (its whole process group, so no child keeps the port).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f target/screenshots.db target/screenshots.db-shm target/screenshots.db-wal
LEPTOS_ENV=DEV DATABASE_URL="sqlite://target/screenshots.db?mode=rwc" \
  setsid cargo leptos serve > target/screenshots-server.log 2>&1 &
server=$!
trap 'kill -- -"$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
(cd end2end && npx playwright test --config screenshots.config.ts)
