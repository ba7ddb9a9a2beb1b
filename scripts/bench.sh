#!/usr/bin/env bash
# `make bench`: the release build under load, on this machine, all figures from one run.
#
# Starts `target/release/pollstr` on a fresh SQLite file with the demo data and the Verify
# simulator, verifies one browser session through the simulator's inbox, then loads each page
# with wrk (-t2 -c32, BENCH_SECONDS each) and prints its rate, its p99 and its ratio to
# /healthz in the same run (the anonymous rows are answered from the page cache, the verified
# ones are rendered); the server's peak RSS; the same pages again on scaled data
# (BENCH_POLLS polls, BENCH_VOTES votes on poll 1, written straight in SQL); and the gzip and
# Brotli bytes of every asset a page loads, as sent, with their caching; then live results
# (scripts/bench-live.mjs: BENCH_SUBSCRIBERS streams while votes land). `bench.sh live` runs
# only that last part. It measures, it does not judge: nothing here fails on timing.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_ROW="${BENCH_SECONDS:-10}"
POLLS="${BENCH_POLLS:-100000}"
VOTES="${BENCH_VOTES:-1000000}"
PORT="${BENCH_PORT:-3100}"
METRICS_PORT=$((PORT + 1))
BASE="http://127.0.0.1:$PORT"
WORK="target/bench"
DB="$WORK/bench.db"
BIN="target/release/pollstr"

need() {
  command -v "$1" >/dev/null && return
  echo "Installing Debian's $2 for the benchmark"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq "$2" || { apt-get update -qq && apt-get install -y -qq "$2"; }
  elif command -v sudo >/dev/null; then sudo apt-get install -y -qq "$2"
  else echo "$1 is missing: run 'apt-get install $2'"; exit 1; fi
}
need wrk wrk
need sqlite3 sqlite3
[ -x "$BIN" ] || { echo "$BIN is missing: run 'make release' (make bench does)"; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap stop_server EXIT

start_server() {
  NEXMO_API_KEY= NEXMO_API_SECRET= VONAGE_API_KEY= VONAGE_API_SECRET= \
  VERIFY_SIMULATOR=true POLLSTR_DEMO=true RUST_LOG=warn \
  MIMALLOC_PURGE_DELAY=0 MIMALLOC_ARENA_EAGER_COMMIT=0 \
  THROTTLE_SIGNUPS_PER_IP=1000/3600 THROTTLE_STARTS_PER_IP=1000/3600 \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=pollstr \
  METRICS_ADDR="127.0.0.1:$METRICS_PORT" LIVE_STREAMS_PER_CLIENT=100000 \
  DATABASE_URL="sqlite://$DB?mode=rwc" "$BIN" serve > "$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start; see $WORK/server.log"; exit 1
}

# A server function called as the hydrated page calls it (same-site Origin, cookies kept).
call() {
  local endpoint=$1; shift
  curl -fs -o /dev/null -b "$WORK/jar" -c "$WORK/jar" -H "Origin: $BASE" "$@" "$BASE/api/$endpoint"
}

# Signs up account $1, asks for a code, reads it from the simulator's inbox and types it in.
verified_session() {
  local number="+1415555010$1"
  rm -f "$WORK/jar"
  call register -d "username=bench$1" -d "password=bench-password-1" \
    -d "password_again=bench-password-1" -d "next=/"
  call send_code --data-urlencode "phone_number=$number" -d "next=/"
  local code
  code=$(curl -fs "$BASE/dev/inbox" | tr -d '\n' | sed 's#</tr>#\n#g' | grep -F "$number" | head -1 \
    | grep -oE '<td[^>]*>[0-9]{4,10}</td>' | tail -1 | grep -oE '[0-9]{4,10}')
  call check_code -d "code=$code" -d "next=/"
  COOKIE=$(awk '$6 ~ /pollstr_session/ { print $6 "=" $7 }' "$WORK/jar")
  [ -n "$COOKIE" ] || { echo "no session cookie"; exit 1; }
}

# "req/s p99_ms" of one wrk run (p99 in ms whatever unit wrk prints).
load() {
  local path=$1; shift
  wrk -t2 -c32 -d"${SECONDS_PER_ROW}s" --latency "$@" "$BASE$path" > "$WORK/wrk.txt" 2>&1
  local rate p99
  rate=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
    else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
    printf "%.1f", v }' "$WORK/wrk.txt")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ { print }' "$WORK/wrk.txt" | tr '\n' ' ')
  [ -z "$errors" ] || echo "  ($path: $errors)" >&2
  echo "${rate:-0} ${p99:-?}"
}

cat > "$WORK/vote.lua" <<'LUA'
wrk.method = "POST"
wrk.body = "poll_id=1&choice_id=" .. (os.getenv("BENCH_CHOICE") or "1")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA

# What a first visit downloads, as sent: the precompressed siblings `make release` wrote.
asset_table() {
  echo "| first-load asset | bytes | gzip bytes | brotli bytes | Cache-Control |"
  echo "|---|---|---|---|---|"
  total_gzip=0 total_br=0
  for asset in target/site/pkg/*.js target/site/pkg/*.wasm target/site/pkg/*.css; do
    path="/pkg/$(basename "$asset")"
    gzip_bytes=$(wc -c < "$asset.gz") br_bytes=$(wc -c < "$asset.br")
    total_gzip=$((total_gzip + gzip_bytes)) total_br=$((total_br + br_bytes))
    cache=$(curl -fsS -o /dev/null -D - -H 'Accept-Encoding: br' "$BASE$path" | tr -d '\r' \
      | awk -F': ' 'tolower($1) == "cache-control" { print $2 }')
    printf '| %s | %s | %s | %s | %s |\n' "$path" "$(wc -c < "$asset")" "$gzip_bytes" "$br_bytes" "$cache"
  done
  # The page's own inline scripts (Leptos' island loader, src/navigation.js), as in its HTML.
  curl -fsS "$BASE/" | python3 -c 'import re, sys; sys.stdout.write("".join(re.findall(r"<script[^>]*>(.*?)</script>", sys.stdin.read(), re.S)))' > "$WORK/inline.js"
  inline_gzip=$(gzip -9 -n -c "$WORK/inline.js" | wc -c)
  printf '| inline scripts of `/` (in the page) | %s | %s | | the page'"'"'s |\n' "$(wc -c < "$WORK/inline.js")" "$inline_gzip"
  echo "| JavaScript + WebAssembly + CSS | | $((total_gzip + inline_gzip)) | $total_br (files only) | |"
}

# Polls "Scaled question FROM" to "… TO", four choices each, published before the demo's.
add_polls() {
  sqlite3 "$DB" > /dev/null <<SQL
PRAGMA busy_timeout = 5000;
BEGIN;
WITH RECURSIVE n(x) AS (SELECT $1 UNION ALL SELECT x + 1 FROM n WHERE x < $2)
INSERT INTO polls (question, published_at, author_id, results_shown)
  SELECT 'Scaled question ' || x, 1000 + x, 1, 'always' FROM n;
INSERT INTO choices (poll_id, text, position)
  SELECT p.id, 'Choice ' || c.x, c.x FROM polls p,
    (SELECT 0 AS x UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) c
  WHERE p.question LIKE 'Scaled question %' AND p.id NOT IN (SELECT poll_id FROM choices);
COMMIT;
SQL
}

# The "Older polls" cursor that starts a page just after "Scaled question X".
cursor_of() { sqlite3 "$DB" "SELECT published_at || '.' || id FROM polls WHERE question = 'Scaled question $1'"; }

pages() {
  local label=$1
  read -r health_rate health_p99 < <(load /healthz)
  printf '| %-34s | %9s | %7s | %6s |\n' "GET /healthz ($label)" "$health_rate" "$health_p99" "1.00"
  for row in "GET /|/|home" "GET /?before=… (an older page)|/?before=$OLDER|older" \
             "GET /polls/1 (verified)|/polls/1|ballot|cookie" "GET /polls/1/results|/polls/1/results|results" \
             "GET /polls/1/results (verified)|/polls/1/results|results_verified|cookie" \
             "POST /api/vote (verified)|/api/vote|vote|vote"; do
    IFS='|' read -r name path key kind <<< "$row"
    local args=()
    case "$kind" in
      cookie) args=(-H "Cookie: $COOKIE") ;;
      vote) args=(-H "Cookie: $COOKIE" -H "Origin: $BASE" -s "$WORK/vote.lua") ;;
    esac
    read -r rate p99 < <(load "$path" "${args[@]}")
    local ratio
    ratio=$(awk -v r="$rate" -v h="$health_rate" 'BEGIN { printf "%.2f", (h > 0 ? r / h : 0) }')
    printf '| %-34s | %9s | %7s | %6s |\n' "$name" "$rate" "$p99" "$ratio"
    eval "RATE_${label}_$key=$rate"
  done
}

peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }

# The server's resident memory while the pages are loaded: the highest VmRSS seen, sampled
# every 0.2 s in the background (VmHWM also counts the sign-ups' password hashes, 19 MiB each).
watch_rss() {
  echo 0 > "$WORK/rss.kb"
  ( max=0
    while rss=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status" 2>/dev/null) && [ -n "$rss" ]; do
      [ "$rss" -gt "$max" ] && max=$rss && echo "$max" > "$WORK/rss.kb"
      sleep 0.2
    done ) &
  watcher=$!
}
loaded_rss_mb() { kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null || true; awk '{ printf "%.0f", $1 / 1024 }' "$WORK/rss.kb"; }

# Live results on the demo data: streams on poll 1 while the verified session votes.
live_part() {
  BENCH_BASE="$BASE" BENCH_METRICS="http://127.0.0.1:$METRICS_PORT/metrics" BENCH_COOKIE="$COOKIE" \
  BENCH_SERVER_PID="$server" \
  BENCH_CHOICES="$(sqlite3 "$DB" "SELECT group_concat(id) FROM (SELECT id FROM choices WHERE poll_id = 1 ORDER BY position)")" \
    node scripts/bench-live.mjs
}

if [ "${1:-}" = live ]; then
  echo "Pollstr live results benchmark: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
  echo
  start_server
  verified_session 1
  live_part
  exit
fi

echo "Pollstr benchmark: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d), wrk -t2 -c32 ${SECONDS_PER_ROW}s a row"
echo
echo "| what | req/s | p99 ms | of /healthz |"
echo "|---|---|---|---|"
start_server
# A full first page (20 polls) and a full older one, as on the scaled data: like for like.
add_polls 1 40
OLDER=$(cursor_of 23)
verified_session 1
watch_rss
BENCH_CHOICE=$(sqlite3 "$DB" "SELECT id FROM choices WHERE poll_id = 1 ORDER BY position LIMIT 1")
export BENCH_CHOICE
pages demo
demo_loaded_rss=$(loaded_rss_mb)
demo_rss=$(peak_rss_mb)
live_part > "$WORK/live.md"
stop_server

# The scaled data, written straight in SQL (a recursive count, no extension needed), then the
# counters set from it as `pollstr admin recount` would.
# (Poll 1 is the demo's first poll: four choices with consecutive ids.)
add_polls 41 "$POLLS"
OLDER=$(cursor_of $((POLLS / 2)))
sqlite3 "$DB" > /dev/null <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $VOTES)
INSERT INTO users (username, username_key, username_skeleton, password_hash, created_at)
  SELECT 'scaled' || x, 'scaled' || x, 'scaled' || x, 'x', 0 FROM n;
INSERT INTO votes (poll_id, user_id, choice_id, voted_at)
  SELECT 1, u.id, first.id + (u.id % 4), 0
  FROM users u, (SELECT MIN(id) AS id FROM choices WHERE poll_id = 1) first
  WHERE u.username LIKE 'scaled%';
COMMIT;
ANALYZE;
SQL
DATABASE_URL="sqlite://$DB" RUST_LOG=warn "$BIN" admin recount > "$WORK/recount.txt"
start_server
verified_session 2
watch_rss
pages scaled
scaled_loaded_rss=$(loaded_rss_mb)
scaled_rss=$(peak_rss_mb)
asset_table > "$WORK/assets.md"
stop_server

echo
echo "Scaled data: $POLLS more polls and $VOTES votes on poll 1 ($(cat "$WORK/recount.txt"))"
echo
echo "| page | demo req/s | scaled req/s | scaled / demo |"
echo "|---|---|---|---|"
for row in "/|home" "/?before=… (a full older page)|older" "/polls/1|ballot" "/polls/1/results|results" \
           "/polls/1/results (verified)|results_verified" "/api/vote|vote"; do
  IFS='|' read -r path key <<< "$row"
  demo_var="RATE_demo_$key"; scaled_var="RATE_scaled_$key"
  awk -v p="$path" -v d="${!demo_var}" -v s="${!scaled_var}" \
    'BEGIN { printf "| %s | %s | %s | %.2f |\n", p, d, s, (d > 0 ? s / d : 0) }'
done
echo
echo "RSS of the server under the load: ${demo_loaded_rss} MB on the demo data, ${scaled_loaded_rss} MB on the scaled data"
echo "Peak RSS over the whole run (sign-ups included): ${demo_rss} MB demo, ${scaled_rss} MB scaled"
echo
cat "$WORK/assets.md"
echo
cat "$WORK/live.md"
