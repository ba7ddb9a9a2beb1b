#!/usr/bin/env bash
# PostgreSQL for the tests.
#
#   scripts/postgres.sh ensure URL              the server at URL answers, or is started (or
#                                               installed, as root on Debian) when it is local
#   scripts/postgres.sh fresh-database URL NAME drops and re-creates database NAME on the
#                                               server at URL and prints its URL
set -euo pipefail

usage() { echo "usage: $0 ensure URL | fresh-database URL NAME" >&2; exit 2; }

# postgres://user[:password]@host[:port]/db -> host and port
host_of() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; echo "${rest%%:*}"; }
port_of() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; [[ "$rest" == *:* ]] && echo "${rest##*:}" || echo 5432; }

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

ensure() {
  local url="$1" host port
  host="$(host_of "$url")"; port="$(port_of "$url")"
  if answers "$host" "$port"; then return 0; fi
  if [[ "$host" != 127.0.0.1 && "$host" != localhost ]]; then
    echo "PostgreSQL at $host:$port does not answer; start it or set TEST_DATABASE_URL." >&2
    exit 1
  fi
  echo "PostgreSQL is not answering on $host:$port; trying to start a local one" >&2
  if ! command -v pg_ctlcluster >/dev/null && command -v apt-get >/dev/null; then
    echo "Installing Debian's postgresql" >&2
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
      || { echo "Cannot install PostgreSQL without root: install it, or set TEST_DATABASE_URL." >&2; exit 1; }
  fi
  as_root service postgresql start >/dev/null 2>&1 \
    || as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start \
    || true
  for _ in $(seq 1 30); do
    if answers "$host" "$port"; then
      # A fresh Debian server asks TCP clients for a password; the tests log in as
      # postgres/postgres (a server with trust auth ignores it).
      as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
      return 0
    fi
    sleep 1
  done
  echo "Could not start PostgreSQL on $host:$port: start it yourself, or set TEST_DATABASE_URL." >&2
  exit 1
}

fresh_database() {
  local url="$1" name="$2"
  if ! command -v psql >/dev/null; then
    as_root apt-get install -y -qq postgresql-client >/dev/null \
      || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }
  fi
  psql -q "$url" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >&2
  # The same server and options (?sslmode=…), another database.
  local base="${url%%\?*}"
  echo "${base%/*}/$name${url#"$base"}"
}

case "${1:-}" in
  ensure) [ $# = 2 ] || usage; ensure "$2" ;;
  fresh-database) [ $# = 3 ] || usage; fresh_database "$2" "$3" ;;
  *) usage ;;
esac
