#!/usr/bin/env bash
# Starts a RazorFaces cluster on loopback: one redis-server, three Demo.App nodes (--redis) and haproxy in
# front of them (round robin, sticky on the app's rf-node cookie, health checks on /healthz), prints the URL
# and the node PIDs, and stops everything on Ctrl-C. See docs/cluster.md.
#
# Usage: bash scripts/cluster.sh            (ports: haproxy 8080, nodes 5101-5103, redis 6390)
#        PORT=9000 NODE_PORT=7001 REDIS_PORT=6400 STICKY=0 bash scripts/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
NODE_PORT=${NODE_PORT:-5101}
REDIS_PORT=${REDIS_PORT:-6390}
STATS_PORT=${STATS_PORT:-$((PORT + 1))}
STICKY=${STICKY:-1}
CONFIGURATION=${CONFIGURATION:-Release}
NODES=(node-a node-b node-c)

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

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)

servers=""
for i in "${!NODES[@]}"; do
  name=${NODES[$i]}
  port=$((NODE_PORT + i))
  dotnet "$demo" --urls "http://127.0.0.1:$port" --node "$name" --redis "127.0.0.1:$REDIS_PORT" >"$work/$name.log" 2>&1 &
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
done
echo "  redis     127.0.0.1:$REDIS_PORT"
echo "Logs and haproxy.cfg in $work. Ctrl-C stops everything."
wait
