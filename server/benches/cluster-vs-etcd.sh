#!/usr/bin/env bash
# Side-by-side cluster benchmark: three durable `ctl agent` servers (formed with --bootstrap-expect 3)
# against the shared 3-member etcd 3.4 cluster (../shared/bench/etcd-cluster.sh), both on loopback,
# driven by wrk with the shared workload scripts (100-byte values) against each cluster's leader.
# Runs alternate between the two. Measures: put/s at 64 clients, single-client put p50, and
# linearizable get/s at 64 clients (ctl: ?consistent; etcd: the shared range script). Then leader
# loss: a write loop through a non-leader entry point (ctl: a client agent; etcd: a follower),
# kill -9 of the leader, and the time until the next write succeeds.
#
# usage: server/benches/cluster-vs-etcd.sh [RUNS] [DURATION]   (needs: wrk, etcd, etcdctl, curl, bc)
#   SERVER_FLAGS="--dev" runs the ctl servers with --dev's fast Raft timings; RUNS=0 measures only
#   the leader loss.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
CTL=${CTL:-$ROOT/target/release/ctl}
RUNS=${1:-3}
DUR=${2:-5s}
WORK=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  bash "$SHARED/etcd-cluster.sh" stop "$WORK/etcd" >/dev/null 2>&1
  wait 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT

start_ctl() { # $1 index
  local i=$1
  "$CTL" agent --server --bootstrap-expect 3 --data-dir "$WORK/s$i" --node "s$i" --bind 127.0.0.1 \
    --http-port $((18500 + i)) --dns-port $((18600 + i)) --server-port $((18300 + i * 10)) --serf-lan-port $((18301 + i * 10)) \
    --retry-join 127.0.0.1:18301 --retry-join 127.0.0.1:18311 --retry-join 127.0.0.1:18321 \
    --retry-interval 1s --log-level err ${SERVER_FLAGS:-} >>"$WORK/s$i.log" 2>&1 &
  spid[$i]=$!; pids+=($!)
}
for i in 0 1 2; do start_ctl "$i"; done
"$CTL" agent --data-dir "$WORK/c0" --node c0 --bind 127.0.0.1 --http-port 18510 --dns-port 18610 --serf-lan-port 18341 \
  --retry-join 127.0.0.1:18301 --retry-interval 1s --log-level err >"$WORK/c0.log" 2>&1 &
pids+=($!)
bash "$SHARED/etcd-cluster.sh" start "$WORK/etcd" >/dev/null 2>&1

ctl_leader_port() { # the HTTP port of the server that leads
  local l; l=$(curl -sf http://127.0.0.1:18510/v1/status/leader | tr -d '"')
  case "$l" in *:18300) echo 18500 ;; *:18310) echo 18501 ;; *:18320) echo 18502 ;; *) echo "" ;; esac
}
etcd_leader_port() {
  etcdctl --endpoints=127.0.0.1:12379,127.0.0.1:22379,127.0.0.1:32379 endpoint status 2>/dev/null |
    awk -F', ' '$5 == "true" { split($1, a, ":"); print a[2] }'
}
for _ in $(seq 100); do [ -n "$(ctl_leader_port)" ] && [ -n "$(etcd_leader_port)" ] && break; sleep 0.2; done
CL=$(ctl_leader_port); EL=$(etcd_leader_port)
echo "ctl leader http port $CL, etcd leader client port $EL"
# The read keys exist on both.
seq 1 1000 | xargs -P 8 -I{} curl -sf -o /dev/null -X PUT --data "value-{}" "http://127.0.0.1:$CL/v1/kv/bench/{}"
seq 1 1000 | xargs -P 8 -I{} etcdctl --endpoints="127.0.0.1:$EL" put "bench/{}" "value-{}" >/dev/null
printf 'wrk_query = "?consistent"\ndofile("%s/kv-get.lua")\n' "$SHARED" >"$WORK/kv-get-consistent.lua"

rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1 == "50%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; print v }'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for r in $(seq "$RUNS"); do
  c=$(wrk -t2 -c64 -d"$DUR" -s "$SHARED/kv-put.lua" "http://127.0.0.1:$CL" | rps)
  e=$(wrk -t2 -c64 -d"$DUR" -s "$SHARED/etcd-put.lua" "http://127.0.0.1:$EL" | rps)
  c1=$(wrk -t1 -c1 -d"$DUR" --latency -s "$SHARED/kv-put.lua" "http://127.0.0.1:$CL" | p50)
  e1=$(wrk -t1 -c1 -d"$DUR" --latency -s "$SHARED/etcd-put.lua" "http://127.0.0.1:$EL" | p50)
  cg=$(wrk -t2 -c64 -d"$DUR" -s "$WORK/kv-get-consistent.lua" "http://127.0.0.1:$CL" | rps)
  eg=$(wrk -t2 -c64 -d"$DUR" -s "$SHARED/etcd-get.lua" "http://127.0.0.1:$EL" | rps)
  eg2=$(wrk -t2 -c64 -d"$DUR" -s "$ROOT/server/benches/etcd-get-b64.lua" "http://127.0.0.1:$EL" | rps)
  echo "run $r: put/s@64 ctl=$c etcd=$e; 1-client put p50 ms ctl=$c1 etcd=$e1; consistent get/s@64 ctl=$cg etcd=$eg (shared script, 400s) etcd=$eg2 (base64 keys, real reads)"
  echo "$c $e $c1 $e1 $cg $eg $eg2" >>"$WORK/runs"
done
if [ "$RUNS" -gt 0 ]; then
col() { awk -v n="$1" '{print $n}' "$WORK/runs" | median; }
mc=$(col 1); me=$(col 2); mc1=$(col 3); me1=$(col 4); mcg=$(col 5); meg=$(col 6); meg2=$(col 7)
echo "median put/s at 64 clients: ctl=$mc etcd=$me ratio=$(echo "scale=2; $mc / $me" | bc)"
echo "median 1-client put p50 ms: ctl=$mc1 etcd=$me1 ratio=$(echo "scale=2; $mc1 / $me1" | bc)"
echo "median consistent get/s at 64: ctl=$mcg etcd(shared script)=$meg ratio=$(echo "scale=2; $mcg / $meg" | bc); etcd(real reads)=$meg2 ratio=$(echo "scale=2; $mcg / $meg2" | bc)"
fi

# Leader loss, measured the same way for both: a write loop through a non-leader entry point.
failover() { # $1 url-maker function, $2 kill command
  local t0 t1 i=0
  eval "$2"; t0=$(date +%s.%N)
  while :; do
    i=$((i + 1))
    if eval "$1 $i" >/dev/null 2>&1; then t1=$(date +%s.%N); break; fi
    [ "$(echo "$(date +%s.%N) - $t0 > 30" | bc)" -eq 1 ] && { echo "none"; return; }
  done
  echo "$t1 - $t0" | bc
}
ctl_put() { curl -sf --max-time 10 -X PUT --data x "http://127.0.0.1:18510/v1/kv/failover/$1" | grep -q true; }
etcd_follower=$(for p in 12379 22379 32379; do [ "$p" != "$EL" ] && { echo "$p"; break; }; done)
etcd_put() { etcdctl --endpoints="127.0.0.1:$etcd_follower" --command-timeout=10s put "failover/$1" x; }
CL=$(ctl_leader_port); idx=$((CL - 18500))
ctl_fo=$(failover ctl_put "kill -9 ${spid[$idx]}")
e_idx=$(( (EL - 12379) / 10000 ))
etcd_fo=$(failover etcd_put "kill -9 \$(cat $WORK/etcd/e$e_idx.pid)")
echo "leader loss, write resumes after: ctl=${ctl_fo}s etcd=${etcd_fo}s"
