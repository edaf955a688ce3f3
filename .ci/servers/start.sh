#!/usr/bin/env bash
# Starts the warehouse servers of the `warehouse` test project on 127.0.0.1, in one throwaway folder:
# PostgreSQL 15, and ClickHouse as two server processes forming a cluster of two shards (each
# process its own config.xml, ports and data folder; `remote_servers` in both names the cluster).
# Installs the Debian packages when missing (CI runs as root on Debian bookworm). Waits until each
# server answers, proves the cluster (a MergeTree table per shard, a Distributed table over them,
# one row per shard read back through it), then writes the connection details to an env file:
#
#   IC_SERVERS_DIR         the throwaway folder (stop.sh removes it)
#   IC_PG_URL              postgres://postgres@127.0.0.1:PORT/postgres
#   IC_CLICKHOUSE_HTTP     http://127.0.0.1:P1,http://127.0.0.1:P2 (one URL per shard)
#   IC_CLICKHOUSE_CLUSTER  the cluster's name in remote_servers (ic_cluster)
#
# Usage: .ci/servers/start.sh [ENV_FILE]   (default .tmp/warehouse-servers.env)
# IC_SERVERS_TIMEOUT: seconds to wait for each server to answer (default 120).
# Stop with .ci/servers/stop.sh [ENV_FILE]; with-servers.sh starts, runs a command and stops.
set -euo pipefail
cd "$(dirname "$0")/../.."
env_file="${1:-.tmp/warehouse-servers.env}"
pg_bin=/usr/lib/postgresql/15/bin
cluster=ic_cluster
timeout_seconds="${IC_SERVERS_TIMEOUT:-120}"

fail() {
  echo "FAILED (.ci/servers/start.sh): $*" >&2
  exit 1
}

# --- install what is missing -------------------------------------------------------------------
missing=()
[ -x "$pg_bin/pg_ctl" ] || missing+=(postgresql-15)
command -v clickhouse-server >/dev/null || missing+=(clickhouse-server)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}"
  echo "== installing ${missing[*]} (apt-get)"
  # Debian's maintainer scripts try to start the services; nothing here needs them.
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
    fail "apt-get install -y ${missing[*]} failed"
fi

# --- a throwaway folder; everything below lives in it ------------------------------------------
dir="$(mktemp -d "${TMPDIR:-/tmp}/ic-servers.XXXXXX")"
chmod 755 "$dir" # the postgres user must reach its data folder inside
mkdir -p "$(dirname "$env_file")"
# Written first, so that stop.sh can clean up after a start that fails half way.
printf 'IC_SERVERS_DIR=%s\n' "$dir" >"$env_file"
trap 'status=$?; if [ "$status" -ne 0 ]; then bash .ci/servers/stop.sh "$env_file" >/dev/null 2>&1 || true; fi' EXIT

# Free TCP ports on 127.0.0.1, asked of the kernel (port 0), all held at once so they differ.
read -r pg_port ch1_tcp ch1_http ch1_inter ch2_tcp ch2_http ch2_inter < <(node -e '
  const net = require("node:net");
  const servers = Array.from({ length: 7 }, () => net.createServer());
  Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
    console.log(servers.map((s) => s.address().port).join(" "));
    for (const s of servers) s.close();
  });')

# Polls a command until it succeeds, or fails naming the server and its log.
wait_for() {
  local what="$1" log="$2"
  shift 2
  local deadline=$((SECONDS + timeout_seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "--- last lines of $log:" >&2
      tail -n 30 "$log" >&2 || true
      fail "$what did not answer within ${timeout_seconds} s"
    fi
    sleep 0.2
  done
}

# --- PostgreSQL 15 ------------------------------------------------------------------------------
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: run the server binaries as the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_postgres=(runuser -u postgres --)
fi
mkdir -p "$dir/pg"
[ "${#as_postgres[@]}" -eq 0 ] || chown postgres: "$dir/pg"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 \
  --locale=C >"$dir/pg/initdb.log" 2>&1 || { cat "$dir/pg/initdb.log" >&2; fail "initdb failed"; }
# Throwaway data: no durability wanted, so no fsync; sockets in the data folder, TCP on loopback.
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t "$timeout_seconds" \
  -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c timezone=UTC -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { tail -n 30 "$dir/pg/server.log" >&2; fail "PostgreSQL did not start"; }
wait_for "PostgreSQL on 127.0.0.1:$pg_port" "$dir/pg/server.log" \
  "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -U postgres
printf 'IC_PG_URL=postgres://postgres@127.0.0.1:%s/postgres\n' "$pg_port" >>"$env_file"

# --- ClickHouse: two processes, two shards ------------------------------------------------------
ch_user_args=()
if [ "$(id -u)" -eq 0 ] && id clickhouse >/dev/null 2>&1; then
  ch_user_args=(runuser -u clickhouse --)
fi
write_clickhouse_config() {
  local shard="$1" tcp="$2" http="$3" inter="$4" home="$dir/clickhouse$1"
  mkdir -p "$home/data" "$home/tmp" "$home/user_files" "$home/log"
  cat >"$home/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$home/log/server.log</log>
    <errorlog>$home/log/server.err.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$tcp</tcp_port>
  <http_port>$http</http_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$home/data/</path>
  <tmp_path>$home/tmp/</tmp_path>
  <user_files_path>$home/user_files/</user_files_path>
  <users_config>$home/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <!-- Longer than the 4 s for which Node's fetch keeps an idle connection: with the default 3 s the
       server could close a connection just as fetch reuses it for an INSERT (EPIPE). -->
  <keep_alive_timeout>30</keep_alive_timeout>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <$cluster>
      <shard><replica><host>127.0.0.1</host><port>$ch1_tcp</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$ch2_tcp</port></replica></shard>
    </$cluster>
  </remote_servers>
  <macros><shard>$shard</shard></macros>
</yandex>
XML
  # The default user: no password, from the loopback address only.
  cat >"$home/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
  </interval></default></quotas>
</yandex>
XML
  [ "${#ch_user_args[@]}" -eq 0 ] || chown -R clickhouse: "$home"
}
start_clickhouse() {
  local shard="$1" home="$dir/clickhouse$1"
  # In the background, its own process group (setsid), so stop.sh can end it by its id alone.
  setsid "${ch_user_args[@]}" clickhouse-server --config-file="$home/config.xml" \
    >"$home/log/stdout.log" 2>&1 </dev/null &
  echo $! >"$home/pid"
}
clickhouse_ping() { # shard URL: SELECT 1 answers 1
  [ "$(curl -sS --max-time 5 "$1/?query=SELECT%201")" = 1 ]
}
write_clickhouse_config 1 "$ch1_tcp" "$ch1_http" "$ch1_inter"
write_clickhouse_config 2 "$ch2_tcp" "$ch2_http" "$ch2_inter"
start_clickhouse 1
start_clickhouse 2
ch1_url="http://127.0.0.1:$ch1_http"
ch2_url="http://127.0.0.1:$ch2_http"
wait_for "ClickHouse shard 1 on $ch1_url" "$dir/clickhouse1/log/server.err.log" clickhouse_ping "$ch1_url"
wait_for "ClickHouse shard 2 on $ch2_url" "$dir/clickhouse2/log/server.err.log" clickhouse_ping "$ch2_url"

# Prove the cluster: a MergeTree table on each shard, a Distributed table over both, one row
# written on each shard and both read back through the Distributed table of either shard.
clickhouse() { # URL SQL: runs one statement, fails with the server's message
  local out
  out="$(curl -sS --max-time 60 --data-binary "$2" "$1/")" || fail "ClickHouse at $1: $out"
  if printf '%s' "$out" | grep -q '^Code: '; then fail "ClickHouse at $1 answered: $out"; fi
  printf '%s' "$out"
}
for shard in 1 2; do
  url="$ch1_url"; [ "$shard" = 1 ] || url="$ch2_url"
  clickhouse "$url" "CREATE TABLE ic_cluster_check_local (shard UInt8) ENGINE = MergeTree ORDER BY shard" >/dev/null
  clickhouse "$url" "CREATE TABLE ic_cluster_check AS ic_cluster_check_local ENGINE = Distributed($cluster, default, ic_cluster_check_local, shard)" >/dev/null
  clickhouse "$url" "INSERT INTO ic_cluster_check_local VALUES ($shard)" >/dev/null
done
for url in "$ch1_url" "$ch2_url"; do
  seen="$(clickhouse "$url" "SELECT groupArray(shard) FROM (SELECT shard FROM ic_cluster_check ORDER BY shard)")"
  [ "$seen" = "[1,2]" ] || fail "the Distributed table on $url read $seen, not [1,2] (one row per shard)"
done
for url in "$ch1_url" "$ch2_url"; do
  clickhouse "$url" "DROP TABLE ic_cluster_check" >/dev/null
  clickhouse "$url" "DROP TABLE ic_cluster_check_local" >/dev/null
done
printf 'IC_CLICKHOUSE_HTTP=%s,%s\nIC_CLICKHOUSE_CLUSTER=%s\n' "$ch1_url" "$ch2_url" "$cluster" >>"$env_file"

echo "== warehouse servers up ($dir): PostgreSQL 127.0.0.1:$pg_port; ClickHouse $ch1_url, $ch2_url (cluster $cluster); env in $env_file"
