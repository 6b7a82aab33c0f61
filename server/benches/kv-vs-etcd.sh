#!/usr/bin/env bash
# Side-by-side KV benchmark: a durable single-server `ctl agent` against a single-node etcd 3.4
# (Debian's etcd-server), both on loopback with fresh data dirs, driven by wrk with the shared
# workload scripts (100-byte values, random keys). Runs alternate between the two so machine noise
# hits both alike; prints each run and the medians and ratios.
#
# usage: server/benches/kv-vs-etcd.sh [RUNS] [DURATION]      (needs: wrk, etcd; cargo build --release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
CTL=${CTL:-$ROOT/target/release/ctl}
RUNS=${1:-5}
DUR=${2:-5s}
WORK=$(mktemp -d)
CTL_PORT=18500
ETCD_PORT=12379
cleanup() { kill "$ctl_pid" "$etcd_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$CTL" agent --server --bootstrap-expect 1 --data-dir "$WORK/ctl" --http-port $CTL_PORT --dns-port -1 --node bench \
  >"$WORK/ctl.log" 2>&1 &
ctl_pid=$!
etcd --name bench --data-dir "$WORK/etcd" --listen-client-urls http://127.0.0.1:$ETCD_PORT \
  --advertise-client-urls http://127.0.0.1:$ETCD_PORT --listen-peer-urls http://127.0.0.1:12380 \
  --log-level error >"$WORK/etcd.log" 2>&1 &
etcd_pid=$!
for _ in $(seq 100); do
  curl -sf http://127.0.0.1:$CTL_PORT/v1/status/leader | grep -q : &&
    curl -sf http://127.0.0.1:$ETCD_PORT/health >/dev/null && break
  sleep 0.1
done

rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1 == "50%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v=v*1000 }; print v }'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for r in $(seq "$RUNS"); do
  c=$(wrk -t2 -c64 -d"$DUR" -s "$SHARED/kv-put.lua" http://127.0.0.1:$CTL_PORT | rps)
  e=$(wrk -t2 -c64 -d"$DUR" -s "$SHARED/etcd-put.lua" http://127.0.0.1:$ETCD_PORT | rps)
  c1=$(wrk -t1 -c1 -d"$DUR" --latency -s "$SHARED/kv-put.lua" http://127.0.0.1:$CTL_PORT | p50)
  e1=$(wrk -t1 -c1 -d"$DUR" --latency -s "$SHARED/etcd-put.lua" http://127.0.0.1:$ETCD_PORT | p50)
  echo "run $r: put/s at 64 clients ctl=$c etcd=$e; 1-client p50 ms ctl=$c1 etcd=$e1"
  echo "$c $e $c1 $e1" >>"$WORK/runs"
done
mc=$(awk '{print $1}' "$WORK/runs" | median); me=$(awk '{print $2}' "$WORK/runs" | median)
mc1=$(awk '{print $3}' "$WORK/runs" | median); me1=$(awk '{print $4}' "$WORK/runs" | median)
echo "median put/s at 64 clients: ctl=$mc etcd=$me ratio=$(echo "scale=2; $mc / $me" | bc)"
echo "median 1-client put p50 ms: ctl=$mc1 etcd=$me1 ratio=$(echo "scale=2; $mc1 / $me1" | bc)"
echo "disk: ctl=$(du -sh "$WORK/ctl" | cut -f1) etcd=$(du -sh "$WORK/etcd" | cut -f1)"
