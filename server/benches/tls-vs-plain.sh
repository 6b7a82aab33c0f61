#!/usr/bin/env bash
# Side-by-side TLS cost: two 3-server `ctl agent` clusters on loopback, one plaintext and one with
# full mutual TLS (server RPC with verify_incoming/verify_outgoing/verify_server_hostname, HTTPS
# with client certificates required), both durable. `ctl bench kv --mode put --clients 64` drives
# each leader (HTTPS with a client certificate for the TLS cluster); runs alternate between them.
# Reports the median puts/s of each and the ratio TLS / plaintext.
#
# usage: server/benches/tls-vs-plain.sh [RUNS] [DURATION]   (needs: curl, bc, python3)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CTL=${CTL:-$ROOT/target/release/ctl}
RUNS=${1:-3}
DUR=${2:-5s}
WORK=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/pki"
(cd "$WORK/pki" && "$CTL" tls ca create >/dev/null && "$CTL" tls cert create --server >/dev/null 2>&1 &&
  "$CTL" tls cert create --cli >/dev/null)
P=$WORK/pki
cat >"$WORK/tls.json" <<JSON
{"tls": {"defaults": {"ca_file": "$P/consul-agent-ca.pem", "cert_file": "$P/dc1-server-consul-0.pem",
  "key_file": "$P/dc1-server-consul-0-key.pem", "verify_incoming": true, "verify_outgoing": true},
  "internal_rpc": {"verify_server_hostname": true}}}
JSON

start() { # $1 cluster (0 plain, 1 tls) $2 index
  local c=$1 i=$2 base=$((20000 + $1 * 1000)) extra=()
  if [ "$c" = 1 ]; then extra=(--config-file "$WORK/tls.json" --https-port $((base + 600 + i))); fi
  "$CTL" agent --server --bootstrap-expect 3 --data-dir "$WORK/c$c-s$i" --node "c$c-s$i" --bind 127.0.0.1 \
    --http-port $((base + 500 + i)) --dns-port -1 --server-port $((base + 300 + i * 10)) \
    --serf-lan-port $((base + 301 + i * 10)) "${extra[@]}" \
    --retry-join 127.0.0.1:$((base + 301)) --retry-join 127.0.0.1:$((base + 311)) --retry-join 127.0.0.1:$((base + 321)) \
    --retry-interval 1s --log-level err >>"$WORK/c$c-s$i.log" 2>&1 &
  pids+=($!)
}
for c in 0 1; do for i in 0 1 2; do start "$c" "$i"; done; done

leader_index() { # $1 cluster: the index of its leader
  local base=$((20000 + $1 * 1000)) l
  l=$(curl -sf "http://127.0.0.1:$((base + 500))/v1/status/leader" | tr -d '"')
  for i in 0 1 2; do [ "$l" = "127.0.0.1:$((base + 300 + i * 10))" ] && echo "$i"; done
}
for _ in $(seq 150); do [ -n "$(leader_index 0)" ] && [ -n "$(leader_index 1)" ] && break; sleep 0.2; done
L0=$(leader_index 0); L1=$(leader_index 1)
PLAIN=(--http-addr "http://127.0.0.1:$((20500 + L0))")
TLS=(--http-addr "https://127.0.0.1:$((21600 + L1))" --ca-file "$P/consul-agent-ca.pem"
  --client-cert "$P/dc1-cli-consul-0.pem" --client-key "$P/dc1-cli-consul-0-key.pem")
echo "plaintext leader s$L0, TLS leader s$L1"

rate() { # throughput, or "errors" when any request failed
  "$CTL" --format json bench kv "$@" --mode put --clients 64 --duration "$DUR" 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["throughput"] if r["errors"] == 0 else "errors:%d" % r["errors"])'
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for r in $(seq "$RUNS"); do
  p=$(rate "${PLAIN[@]}"); t=$(rate "${TLS[@]}")
  echo "run $r: put/s@64 plaintext=$p mutual-TLS=$t"
  echo "$p $t" >>"$WORK/runs"
done
mp=$(awk '{print $1}' "$WORK/runs" | median); mt=$(awk '{print $2}' "$WORK/runs" | median)
echo "median put/s at 64 clients: plaintext=$mp mutual-TLS=$mt ratio=$(echo "scale=2; $mt / $mp" | bc)"
