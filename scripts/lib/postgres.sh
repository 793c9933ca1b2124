# A throwaway PostgreSQL cluster on a loopback port, for tests and the crash test.
# shellcheck shell=bash

# start_throwaway_postgres DIR PORT: initialises (if needed) and starts a cluster in DIR; prints its connection string.
start_throwaway_postgres() {
  local dir="$1" port="$2"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the Debian package's postgres user runs it.
    as=(runuser -u postgres --)
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    # The postgres user must be able to reach the folder (mktemp makes its parents private).
    chmod o+x "$(dirname "$dir")"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    "${as[@]}" "$bin/initdb" -D "$dir" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
}

stop_throwaway_postgres() {
  local dir="$1"
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  [ -f "$dir/postmaster.pid" ] && "${as[@]}" "$bin/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
}
