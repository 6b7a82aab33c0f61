#!/usr/bin/env bash
# Side-by-side gossip benchmark: N `ctl agent` client agents against the shared serf harness
# (../shared/bench/serf-bench.sh, Debian's `serf`), measured the same way: join convergence (every
# agent lists N alive, polling `members` per agent), the time for every survivor to list a
# kill -9'ed agent as failed, and the median RSS of an idle agent. Runs alternate.
#
# usage: server/benches/gossip-vs-serf.sh N [RUNS]          (needs: serf, bc; cargo build --release)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
CTL=${CTL:-$ROOT/target/release/ctl}
N=${1:-5}
RUNS=${2:-3}

ctl_bench() {
  local D pids=() t0 t1
  D=$(mktemp -d)
  for i in $(seq 0 $((N-1))); do
    "$CTL" agent --data-dir "$D/n$i" --node "n$i" --bind 127.0.0.1 --serf-lan-port $((18946+i)) \
      --http-port $((18600+i)) --dns-port -1 --log-level err >"$D/n$i.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 0 $((N-1))); do
    until curl -sf "http://127.0.0.1:$((18600+i))/v1/agent/self" >/dev/null; do sleep 0.02; done
  done
  t0=$(date +%s.%N)
  for i in $(seq 1 $((N-1))); do "$CTL" join --http-addr "127.0.0.1:$((18600+i))" 127.0.0.1:18946 >/dev/null 2>&1 & done
  wait_all() { # $1 expected count, $2 status word, $3 index to skip
    local want=$1 word=$2 skip=${3:--1} ok c now
    while :; do
      ok=1
      for i in $(seq 0 $((N-1))); do
        [ "$i" -eq "$skip" ] && continue
        c=$("$CTL" members --http-addr "127.0.0.1:$((18600+i))" 2>/dev/null | grep -cw "$word")
        [ "$c" -ge "$want" ] || { ok=0; break; }
      done
      [ $ok -eq 1 ] && return 0
      now=$(date +%s.%N); [ "$(echo "$now - $t0 > 60" | bc)" -eq 1 ] && return 1
      sleep 0.05
    done
  }
  wait_all "$N" alive && t1=$(date +%s.%N)
  echo "converge_s=$(echo "$t1 - $t0" | bc)"
  sleep 2
  echo "rss_kib_median=$(for p in "${pids[@]}"; do awk '/VmRSS/{print $2}' /proc/$p/status; done | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
  local victim=$((N-1))
  kill -9 "${pids[$victim]}"; t0=$(date +%s.%N)
  wait_all 1 failed "$victim" && t1=$(date +%s.%N)
  echo "detect_all_s=$(echo "$t1 - $t0" | bc)"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$D"
}

for r in $(seq "$RUNS"); do
  echo "== run $r ctl N=$N"; ctl_bench
  echo "== run $r serf N=$N"; bash "$SHARED/serf-bench.sh" "$N"
done
