#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server: a new cluster in a temporary folder, listening on 127.0.0.1
# only, on a free port, trust authentication (no password), and PG_CONN_STR exported for Terraform's pg backend.
# The server is stopped and its folder removed when the command ends, however it ends.
#
#   bash scripts/with-postgres.sh npx jest test/pg-backend.test.ts
#
# The server binaries (initdb, pg_ctl) are looked up in PG_BIN, then on the PATH, then in Debian's
# /usr/lib/postgresql/<version>/bin. Exit 3 when none is found. initdb refuses to run as root: as root, the
# server runs as the "postgres" user (Debian's packages create it).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
    echo "$PG_BIN"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    # The newest version first.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r | head -n 1
  fi
}
BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "with-postgres: no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql package or set PG_BIN" >&2
  exit 3
fi

as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

DIR="$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")"
chmod 755 "$DIR"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
fi
DATA="$DIR/data"

stop() {
  as_server "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

# A free port: the kernel picks one for a socket bound to port 0 on loopback.
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

as_server "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 || {
  cat "$DIR/initdb.log" >&2
  exit 1
}
# Loopback only, no Unix socket outside the folder, fsync off (the data is thrown away).
as_server "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null || {
  cat "$DIR/server.log" >&2
  exit 1
}

export PG_CONN_STR="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
export PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=postgres PGDATABASE=postgres
"$@"
