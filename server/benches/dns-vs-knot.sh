#!/usr/bin/env bash
# Side-by-side DNS benchmark: `web.service.consul A` answered by a `ctl agent --dev` (three passing
# instances registered through /v1/catalog/register) and by Knot DNS serving the same three A
# records from a static zone, both on loopback, driven by dnsperf with the same query file and
# settings. Runs alternate between the two.
#
# usage: server/benches/dns-vs-knot.sh [RUNS] [SECONDS]   (needs: dnsperf, knotd, curl)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CTL=${CTL:-$ROOT/target/release/ctl}
RUNS=${1:-3}
SECS=${2:-10}
WORK=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT

# Knot: a static consul. zone.
mkdir -p "$WORK/knot"
cat >"$WORK/knot/consul.zone" <<ZONE
\$ORIGIN consul.
\$TTL 0
@ SOA ns.consul. hostmaster.consul. 1 3600 600 86400 0
@ NS ns.consul.
ns A 127.0.0.1
web.service A 10.0.0.1
web.service A 10.0.0.2
web.service A 10.0.0.3
ZONE
cat >"$WORK/knot/knot.conf" <<CONF
server:
    listen: 127.0.0.1@15353
    rundir: "$WORK/knot"
database:
    storage: "$WORK/knot"
zone:
  - domain: consul.
    file: "$WORK/knot/consul.zone"
log:
  - target: stderr
    any: error
CONF
knotd -c "$WORK/knot/knot.conf" >"$WORK/knot.log" 2>&1 &
pids+=($!)

"$CTL" agent --dev --node bench --http-port 18650 --dns-port 18653 --serf-lan-port 0 --server-port 0 \
  --log-level err >"$WORK/ctl.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf http://127.0.0.1:18650/v1/status/leader | grep -q 127 && break; sleep 0.1; done
for i in 1 2 3; do
  curl -sf -X PUT http://127.0.0.1:18650/v1/catalog/register -d "{\"Node\":\"n$i\",\"Address\":\"10.0.0.$i\",
    \"Service\":{\"Service\":\"web\",\"Port\":80},\"Check\":{\"Name\":\"up\",\"ServiceID\":\"web\",\"Status\":\"passing\"}}" >/dev/null
done
echo "web.service.consul A" >"$WORK/queries"
for _ in $(seq 50); do dig @127.0.0.1 -p 15353 +short web.service.consul A | grep -q 10.0.0 && break; sleep 0.1; done
echo "ctl answers: $(dig @127.0.0.1 -p 18653 +short web.service.consul A | sort | tr '\n' ' ')"
echo "knot answers: $(dig @127.0.0.1 -p 15353 +short web.service.consul A | sort | tr '\n' ' ')"

qps() { awk '/Queries per second/ {print $4}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$WORK/k"; : >"$WORK/c"
for r in $(seq "$RUNS"); do
  k=$(dnsperf -s 127.0.0.1 -p 15353 -d "$WORK/queries" -l "$SECS" -c 8 -q 200 2>&1 | qps)
  c=$(dnsperf -s 127.0.0.1 -p 18653 -d "$WORK/queries" -l "$SECS" -c 8 -q 200 2>&1 | qps)
  echo "run $r: knot $k q/s, ctl $c q/s"
  echo "$k" >>"$WORK/k"; echo "$c" >>"$WORK/c"
done
K=$(median <"$WORK/k"); C=$(median <"$WORK/c")
echo "median: knot $K q/s, ctl $C q/s, ratio $(echo "scale=3; $C / $K" | bc)"
