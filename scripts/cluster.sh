#!/usr/bin/env bash
# Starts a RazorFaces cluster on loopback: one redis-server, three Demo.App nodes (--redis) and haproxy in
# front of them (round robin, sticky on the app's rf-node cookie, health checks on /healthz), prints the URL
# and the node PIDs, and stops everything on Ctrl-C. See docs/cluster.md.
#
# Usage: bash scripts/cluster.sh            (ports: haproxy 8080, nodes 5101-5103, redis 6390)
#        bash scripts/cluster.sh --redis-cluster   (a Redis Cluster: 3 masters + 6 replicas on 6390-6398)
#        bash scripts/cluster.sh --sentinel        (primary 6390, replicas 6391-6392, Sentinels 26390-26392)
#        PORT=9000 NODE_PORT=7001 REDIS_PORT=6400 STICKY=0 bash scripts/cluster.sh
# With --redis-cluster and --sentinel every answer waits until one replica has the save (--redis-replica-acks 1), and
# every primary has two replicas: one more than the acks wait for, so saves go on after a failover (docs/cluster.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
NODE_PORT=${NODE_PORT:-5101}
REDIS_PORT=${REDIS_PORT:-6390}
STATS_PORT=${STATS_PORT:-$((PORT + 1))}
STICKY=${STICKY:-1}
CONFIGURATION=${CONFIGURATION:-Release}
NODES=(node-a node-b node-c)
MODE=single
case "${1:-}" in
  --redis-cluster) MODE=cluster ;;
  --sentinel) MODE=sentinel ;;
  "") ;;
  *) echo "usage: bash scripts/cluster.sh [--redis-cluster|--sentinel]" >&2; exit 2 ;;
esac

bash scripts/install-test-deps.sh
demo="Demo.App/bin/$CONFIGURATION/net10.0/Demo.App.dll"
if [ ! -f "$demo" ] || [ -n "$(find Demo.App Framework -newer "$demo" \( -name '*.cs' -o -name '*.razor' -o -name '*.ts' \) -print -quit)" ]; then
  echo "Building Demo.App ($CONFIGURATION)…"
  dotnet build Demo.App -c "$CONFIGURATION" -v q -nologo >/dev/null
fi

work=$(mktemp -d -t rf-cluster-XXXXXX)
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup INT TERM EXIT

wait_for() { # url, what
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$2 did not come up; see $work/*.log" >&2
  exit 1
}

redis_server() { # port, more arguments...
  local port=$1
  shift
  mkdir -p "$work/$port"
  redis-server "$@" --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$work/$port" >"$work/redis-$port.log" 2>&1 &
  pids+=($!)
  eval "redis_pid_$port=$!"
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis-server :$port did not come up; see $work/redis-$port.log" >&2
  exit 1
}

acks=()
redis_ports=()
case $MODE in
  single)
    redis_server "$REDIS_PORT"
    redis_ports=("$REDIS_PORT")
    redis="127.0.0.1:$REDIS_PORT"
    ;;
  cluster)
    endpoints=()
    for i in 0 1 2 3 4 5 6 7 8; do
      port=$((REDIS_PORT + i))
      # No replica migration: a replica that moves to another master holds the old one's data until its first sync
      # ends (docs/cluster.md, "How many replicas to run").
      redis_server "$port" --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 1000 \
        --cluster-allow-replica-migration no
      redis_ports+=("$port")
      endpoints+=("127.0.0.1:$port")
    done
    redis-cli --cluster create "${endpoints[@]}" --cluster-replicas 2 --cluster-yes >"$work/cluster-create.log"
    until redis-cli -p "$REDIS_PORT" cluster info | grep -q 'cluster_state:ok'; do sleep 0.2; done
    redis=$(IFS=,; echo "${endpoints[*]}")
    acks=(--redis-replica-acks 1)
    ;;
  sentinel)
    redis_server "$REDIS_PORT"
    redis_server "$((REDIS_PORT + 1))" --replicaof 127.0.0.1 "$REDIS_PORT"
    redis_server "$((REDIS_PORT + 2))" --replicaof 127.0.0.1 "$REDIS_PORT"
    redis_ports=("$REDIS_PORT" "$((REDIS_PORT + 1))" "$((REDIS_PORT + 2))")
    sentinels=()
    for i in 0 1 2; do
      port=$((REDIS_PORT + 20000 + i))
      # A Sentinel rewrites its configuration file, so each has its own.
      printf 'sentinel monitor rf-primary 127.0.0.1 %s 2\nsentinel down-after-milliseconds rf-primary 1000\nsentinel failover-timeout rf-primary 5000\n' \
        "$REDIS_PORT" >"$work/sentinel-$port.conf"
      redis_server "$port" "$work/sentinel-$port.conf" --sentinel
      redis_ports+=("$port")
      sentinels+=("127.0.0.1:$port")
    done
    redis="$(IFS=,; echo "${sentinels[*]}"),serviceName=rf-primary"
    acks=(--redis-replica-acks 1)
    ;;
esac

servers=""
for i in "${!NODES[@]}"; do
  name=${NODES[$i]}
  port=$((NODE_PORT + i))
  dotnet "$demo" --urls "http://127.0.0.1:$port" --node "$name" --redis "$redis" --metrics true "${acks[@]}" >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_$i=$!"
  cookie=""
  [ "$STICKY" = 1 ] && cookie=" cookie $name"
  servers+="    server $name 127.0.0.1:$port check$cookie"$'\n'
done
for i in "${!NODES[@]}"; do
  wait_for "http://127.0.0.1:$((NODE_PORT + i))/healthz" "${NODES[$i]}"
done

stickiness=""
[ "$STICKY" = 1 ] && stickiness="    cookie rf-node"
cat >"$work/haproxy.cfg" <<CFG
global
    maxconn 4096

defaults
    mode http
    timeout connect 1s
    timeout client 60s
    # Above the 25 s long-poll, so haproxy never cuts a waiting poll.
    timeout server 40s
    timeout queue 5s
    # A request that cannot connect to a (dead) node is retried, each retry on another node.
    retries 3
    option redispatch 1

frontend web
    bind 127.0.0.1:$PORT
    default_backend nodes

listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats

backend nodes
    balance roundrobin
    option httpchk GET /healthz
    default-server inter 500ms fall 2 rise 2
$stickiness
$servers
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$PORT/healthz" haproxy

echo
echo "RazorFaces cluster is up:  http://127.0.0.1:$PORT/   (try /counter, /cart, /cluster)"
echo "haproxy stats:             http://127.0.0.1:$STATS_PORT/stats"
for i in "${!NODES[@]}"; do
  pid_var="pid_$i"
  echo "  ${NODES[$i]}  http://127.0.0.1:$((NODE_PORT + i))/  pid ${!pid_var}   (kill -9 ${!pid_var} to crash it, kill ${!pid_var} to drain it)"
  echo "      metrics (Prometheus): http://127.0.0.1:$((NODE_PORT + i))/metrics"
done
echo "  redis ($MODE): --redis \"$redis\""
for port in "${redis_ports[@]}"; do
  pid_var="redis_pid_$port"
  echo "    redis-server :$port  pid ${!pid_var}   ($(redis-cli -p "$port" role 2>/dev/null | head -1 || true))"
done
echo "Logs and haproxy.cfg in $work. Ctrl-C stops everything."
wait
