#!/usr/bin/env bash
# Regenerates src/link/hot-functions.txt: the functions an idle client agent runs, which the
# release build links side by side (see src/build.rs).
#
# Five client agents on loopback, one of them under valgrind's callgrind. Callgrind writes a
# profile each time the agent releases its code pages (server/src/code_pages.rs), so what ran
# after start-up can be told from start-up itself. The agents join, `ctl members` is polled on
# each, and the pool idles long enough for push-pull syncs and a periodic release. The list
# puts what ran after start-up first, then start-up's own functions, in the release binary's
# symbol names.
#
# Needs valgrind (Debian: valgrind) and a release build: cargo build --release -p ctl.
# Run it again after a change of dependencies or toolchain (symbol names carry crate hashes);
# then rebuild the release binary.
#
# usage: server/benches/hot-functions.sh [IDLE_SECONDS]    (default 100)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CTL=${CTL:-$ROOT/target/release/ctl}
IDLE=${1:-100}
OUT=$ROOT/src/link/hot-functions.txt
command -v valgrind >/dev/null || { echo "hot-functions: valgrind is not installed" >&2; exit 1; }

D=$(mktemp -d)
pids=()
cleanup() {
  kill -9 "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$D"
}
trap cleanup EXIT

agent() { # index, then the command prefix
  local i=$1
  shift
  "$@" "$CTL" agent --data-dir "$D/n$i" --node "n$i" --bind 127.0.0.1 \
    --serf-lan-port $((21946 + i)) --http-port $((21600 + i)) --dns-port -1 --log-level err \
    >"$D/n$i.log" 2>&1 &
  pids+=($!)
}
agent 0
agent 1 valgrind --tool=callgrind --demangle=no --callgrind-out-file="$D/cg.out" \
  '--dump-before=_ZN10ctl_server10code_pages13keep_released28*'
valgrind_pid=${pids[1]}
for i in 2 3 4; do agent $i; done
for i in 0 1 2 3 4; do
  until curl -sf "http://127.0.0.1:$((21600 + i))/v1/agent/self" >/dev/null; do sleep 0.1; done
done
for i in 1 2 3 4; do "$CTL" join --http-addr "127.0.0.1:$((21600 + i))" 127.0.0.1:21946 >/dev/null; done
for _ in $(seq 1 10); do
  for i in 0 1 2 3 4; do "$CTL" members --http-addr "127.0.0.1:$((21600 + i))" >/dev/null; done
  sleep 1
done
sleep "$IDLE"
callgrind_control -d "$valgrind_pid" >/dev/null
sleep 1

# Function names per profile, in the binary only ("'N" marks recursion depth in callgrind).
names() {
  awk '
    /^(c?ob)=/ { id = $1; sub(/^c?ob=/, "", id); if (NF > 1) ob[id] = $2; if ($1 ~ /^ob=/) cur = ob[id]; next }
    /^(c?fn)=/ { id = $1; sub(/^c?fn=/, "", id); if (NF > 1) fn[id] = $2
                 if ($1 ~ /^fn=/ && cur ~ /\/ctl$/) { n = fn[id]; sub(/'"'"'[0-9]+$/, "", n); print n } }
  ' "$1" | sort -u
}
nm "$CTL" | awk '$2 ~ /^[tT]$/ { print $3 }' | sort -u >"$D/text"
profiles() { for f in "$D"/cg.out.*; do echo "${f##*.} $f"; done | sort -n | cut -d' ' -f2; }
startup=$(profiles | head -1)
: >"$D/after"
for f in $(profiles | tail -n +2); do names "$f" >>"$D/after"; done
sort -u "$D/after" | comm -12 - "$D/text" >"$D/hot"
names "$startup" | comm -12 - "$D/text" | comm -23 - "$D/hot" >"$D/cold"
{
  echo "# Functions an idle client agent runs (joining a pool, gossiping, answering \`ctl members\`),"
  echo "# then those only start-up runs, in the release binary's symbol names: src/build.rs links"
  echo "# them first. Written by server/benches/hot-functions.sh; regenerate after a dependency or"
  echo "# toolchain change."
  cat "$D/hot" "$D/cold"
} >"$OUT"
echo "hot-functions: $(wc -l <"$D/hot") after start-up, $(wc -l <"$D/cold") start-up only -> $OUT"
