#!/usr/bin/env bash
# Idle client-agent memory, side by side: N `ctl agent` client agents and N Debian `serf` agents,
# both started, joined through their node 0 and left idle at the same time on loopback, with
# LAN timings. Prints the median VmRSS of each pool at several ages after the join, so a
# figure taken moments after start-up (what gossip-vs-serf.sh reports) can be told from the
# steady state an operator sees on a long-running agent.
#
# usage: server/benches/idle-rss-vs-serf.sh [N] [SECONDS...]    (default: 5 agents; 2 30 90 s)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CTL=${CTL:-$ROOT/target/release/ctl}
N=${1:-5}
shift || true
AGES=("$@")
[ ${#AGES[@]} -eq 0 ] && AGES=(2 30 90)

D=$(mktemp -d)
ctl_pids=() serf_pids=()
cleanup() {
  kill -9 "${ctl_pids[@]}" "${serf_pids[@]}" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$D"
}
trap cleanup EXIT

for i in $(seq 0 $((N-1))); do
  "$CTL" agent --data-dir "$D/c$i" --node "c$i" --bind 127.0.0.1 --serf-lan-port $((19946+i)) \
    --http-port $((19600+i)) --dns-port -1 --log-level err >"$D/c$i.log" 2>&1 &
  ctl_pids+=($!)
  serf agent -node="s$i" -bind=127.0.0.1:$((20946+i)) -rpc-addr=127.0.0.1:$((20373+i)) \
    -log-level=err >"$D/s$i.log" 2>&1 &
  serf_pids+=($!)
done
for i in $(seq 0 $((N-1))); do
  until curl -sf "http://127.0.0.1:$((19600+i))/v1/agent/self" >/dev/null; do sleep 0.05; done
  until serf members -rpc-addr=127.0.0.1:$((20373+i)) >/dev/null 2>&1; do sleep 0.05; done
done
for i in $(seq 1 $((N-1))); do
  "$CTL" join --http-addr "127.0.0.1:$((19600+i))" 127.0.0.1:19946 >/dev/null
  serf join -rpc-addr=127.0.0.1:$((20373+i)) 127.0.0.1:20946 >/dev/null
done
converged() { # every agent of both pools lists N alive
  for i in $(seq 0 $((N-1))); do
    [ "$("$CTL" members --http-addr "127.0.0.1:$((19600+i))" | grep -cw alive)" -ge "$N" ] || return 1
    [ "$(serf members -rpc-addr=127.0.0.1:$((20373+i)) | grep -cw alive)" -ge "$N" ] || return 1
  done
}
until converged; do sleep 0.1; done
t0=$(date +%s)
median() { for p in "$@"; do awk '/VmRSS/{print $2}' "/proc/$p/status"; done | sort -n |
  awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
for age in "${AGES[@]}"; do
  while [ $(( $(date +%s) - t0 )) -lt "$age" ]; do sleep 0.2; done
  c=$(median "${ctl_pids[@]}") s=$(median "${serf_pids[@]}")
  echo "age_s=$age ctl_rss_kib=$c serf_rss_kib=$s ratio=$(echo "scale=2; $c / $s" | bc)"
done
