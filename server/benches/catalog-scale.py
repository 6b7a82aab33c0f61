#!/usr/bin/env python3
"""Catalog scale: 1,000 nodes with 10 service instances each (10,000 instances of 1,000 services,
10 instances per service) registered through /v1/catalog/register on a `ctl agent --dev`, then
1,000 blocking health queries, one per service. A check change on one service must wake its
watcher within a second and no other. Prints the registration rate, the wake time, how many
other watchers returned early, and the agent's RSS.

usage: server/benches/catalog-scale.py [CTL_BINARY]
"""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CTL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "target", "release", "ctl")
PORT = 18750
NODES, PER_NODE, WATCHERS = 1000, 10, 1000


def request(method, path, body=None, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    c.request(method, path, body=None if body is None else json.dumps(body))
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.getheader("X-Consul-Index"), data


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    work = tempfile.mkdtemp()
    agent = subprocess.Popen(
        [CTL, "agent", "--dev", "--node", "scale", "--http-port", str(PORT), "--dns-port", "-1",
         "--serf-lan-port", "0", "--server-port", "0", "--log-level", "err"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "agent.log"), "w"), cwd=work)
    try:
        for _ in range(100):
            try:
                if b"127" in request("GET", "/v1/status/leader")[2]:
                    break
            except OSError:
                pass
            time.sleep(0.1)

        def register(n):
            body = {"Node": f"node{n}", "Address": f"10.{n // 250}.{n % 250}.1",
                    "Service": None, "Checks": []}
            for s in range(PER_NODE):
                name = f"svc{(n * PER_NODE + s) % NODES}"
                body["Service"] = {"Service": name, "ID": name, "Port": 8000 + s}
                body["Checks"] = [{"CheckID": f"check-{name}", "Name": "up", "ServiceID": name,
                                   "Status": "passing"}]
                status, _, data = request("PUT", "/v1/catalog/register", body)
                assert status == 200, data

        start = time.time()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(register, range(NODES)))
        took = time.time() - start
        print(f"registered {NODES * PER_NODE} instances on {NODES} nodes in {took:.1f}s "
              f"({NODES * PER_NODE / took:.0f}/s)")
        indexes = {}
        for i in range(WATCHERS):
            status, index, data = request("GET", f"/v1/health/service/svc{i}")
            assert status == 200 and len(json.loads(data)) == NODES * PER_NODE // WATCHERS, status
            indexes[i] = index
        rss_before = rss_kb(agent.pid)

        done = {}
        lock = threading.Lock()

        def watch(i):
            s, _, d = request("GET", f"/v1/health/service/svc{i}?index={indexes[i]}&wait=20s",
                              timeout=60)
            entries = json.loads(d) if s == 200 else []
            with lock:
                done[i] = (time.time(), s, entries)

        threads = [threading.Thread(target=watch, args=(i,)) for i in range(WATCHERS)]
        for t in threads:
            t.start()
        time.sleep(3)  # let every watcher reach the agent before the change
        early = len(done)
        # node0 hosts svc0..svc9; turn svc3's check there critical.
        changed = time.time()
        status, _, data = request("PUT", "/v1/catalog/register", {
            "Node": "node0", "Address": "10.0.0.1", "SkipNodeUpdate": True,
            "Check": {"CheckID": "check-svc3", "Name": "up", "ServiceID": "svc3",
                      "Status": "critical"}})
        assert status == 200, data
        while 3 not in done and time.time() - changed < 10:
            time.sleep(0.001)
        woke = done.get(3)
        others = sum(1 for i, (t, _, _) in done.items() if i != 3 and t - changed < 5)
        critical = woke and any(c["Status"] == "critical" for e in woke[2] for c in e["Checks"])
        print(f"{WATCHERS} watchers, one per service ({early} returned before the change): "
              f"the svc3 watcher woke {((woke[0] if woke else float('nan')) - changed) * 1000:.0f} ms "
              f"after its check changed (critical seen: {bool(critical)}); "
              f"{others} other watchers returned within 5 s")
        for t in threads:
            t.join()
        print(f"agent RSS: {rss_before // 1024} MB with the catalog loaded, "
              f"{rss_kb(agent.pid) // 1024} MB after the watchers")
    finally:
        if agent.poll() is not None:
            print(f"the agent exited ({agent.returncode}); its log:")
            print(open(os.path.join(work, "agent.log")).read()[-3000:])
        agent.kill()
        agent.wait()


if __name__ == "__main__":
    main()
