#!/usr/bin/env python3
"""Catalog scale: 1,000 nodes with 10 service instances each (10,000 instances) registered
through /v1/catalog/register on a `ctl agent --dev`, then 1,000 blocking health queries on one
service; a check change on that service must wake every watcher. Prints registration rate, the
time from the change until the last watcher returned, and the agent's RSS.

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
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
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
                body["Service"] = {"Service": f"svc{s}", "ID": f"svc{s}", "Port": 8000 + s}
                body["Checks"] = [{"CheckID": f"check{s}", "Name": "up", "ServiceID": f"svc{s}",
                                   "Status": "passing"}]
                status, _, data = request("PUT", "/v1/catalog/register", body)
                assert status == 200, data

        start = time.time()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(register, range(NODES)))
        took = time.time() - start
        print(f"registered {NODES * PER_NODE} instances on {NODES} nodes in {took:.1f}s "
              f"({NODES * PER_NODE / took:.0f}/s)")
        status, index, data = request("GET", "/v1/health/service/svc3")
        assert status == 200 and len(json.loads(data)) == NODES, status
        rss_before = rss_kb(agent.pid)

        done = []
        lock = threading.Lock()

        def watch():
            s, _, d = request("GET", f"/v1/health/service/svc3?index={index}&wait=60s", timeout=90)
            with lock:
                done.append((time.time(), s, len(json.loads(d)) if s == 200 else -1))

        threads = [threading.Thread(target=watch) for _ in range(WATCHERS)]
        for t in threads:
            t.start()
        time.sleep(3)  # let every watcher reach the agent before the change
        early = len(done)
        changed = time.time()
        status, _, data = request("PUT", "/v1/catalog/register", {
            "Node": "node7", "Address": "10.0.7.1", "SkipNodeUpdate": True,
            "Check": {"CheckID": "check3", "Name": "up", "ServiceID": "svc3",
                      "Status": "critical"}})
        assert status == 200, data
        for t in threads:
            t.join()
        last = max(t for t, _, _ in done)
        ok = sum(1 for _, s, n in done if s == 200 and n == NODES)
        print(f"{WATCHERS} watchers ({early} returned before the change): all woke "
              f"{(last - changed) * 1000:.0f} ms after it; {ok} answered 200 with {NODES} entries")
        print(f"agent RSS: {rss_before // 1024} MB with the catalog loaded, "
              f"{rss_kb(agent.pid) // 1024} MB after the watchers")
    finally:
        agent.kill()
        agent.wait()


if __name__ == "__main__":
    main()
