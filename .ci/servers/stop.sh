#!/usr/bin/env bash
# Stops the servers started by start.sh and removes their throwaway folder (and the env file).
# Safe to run twice, and after a start that failed half way.
#
# Usage: .ci/servers/stop.sh [ENV_FILE]   (default .tmp/warehouse-servers.env)
set -uo pipefail
cd "$(dirname "$0")/../.."
env_file="${1:-.tmp/warehouse-servers.env}"
[ -f "$env_file" ] || exit 0
dir="$(sed -n 's/^IC_SERVERS_DIR=//p' "$env_file")"
case "$dir" in
  */ic-servers.*) ;;
  *) echo "stop.sh: $env_file names no folder of start.sh ($dir); nothing removed" >&2; exit 1 ;;
esac

if [ -f "$dir/pg/data/postmaster.pid" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1
  else
    /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1
  fi
fi

# Each ClickHouse server runs in its own process group (setsid in start.sh), led by the pid saved.
pids=()
for pid_file in "$dir"/clickhouse*/pid; do
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  kill -TERM -- "-$pid" 2>/dev/null && pids+=("$pid")
done
for _ in $(seq 1 100); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
  [ "$alive" -eq 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null; done

rm -rf "$dir" "$env_file"
