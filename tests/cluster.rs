//! End-to-end: three real servers and client agents on loopback, formed through gossip with
//! `--bootstrap-expect 3`, under crashes (kill -9), pauses (SIGSTOP) and full restarts. Writes go
//! through a client agent, which forwards them to the leader over server RPC; afterwards every
//! acknowledged write must be present, with its value, on all three servers.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{Agent, ServerPorts, b64_decode, http_with_timeout, wait_for};

/// Three servers and some client agents.
struct Cluster {
    dir: tempfile::TempDir,
    ports: Vec<ServerPorts>,
    servers: Vec<Option<Agent>>,
    clients: Vec<Agent>,
}

impl Cluster {
    fn start(clients: usize) -> Cluster {
        let dir = tempfile::tempdir().expect("temp dir");
        let ports: Vec<ServerPorts> = (0..3).map(|_| ServerPorts::free()).collect();
        let mut c = Cluster {
            dir,
            ports,
            servers: Vec::new(),
            clients: Vec::new(),
        };
        for i in 0..3 {
            let s = c.spawn_server(i);
            c.servers.push(Some(s));
        }
        c.wait_leader(Duration::from_secs(30));
        let join = c.joins();
        for i in 0..clients {
            let mut args = vec!["--retry-interval", "300ms"];
            for j in &join {
                args.push("--retry-join");
                args.push(j);
            }
            let client = Agent::client(&format!("c{i}"), &args);
            c.clients.push(client);
        }
        for client in &c.clients {
            let url = format!("{}/v1/status/leader", client.http_addr());
            wait_for(Duration::from_secs(20), || {
                let body = http_with_timeout(Duration::from_secs(5))
                    .get(&url)
                    .send()
                    .ok()?
                    .text()
                    .ok()?;
                (body.len() > 2).then_some(())
            })
            .unwrap_or_else(|| panic!("client {} never found a server with a leader", client.node));
        }
        c
    }

    fn joins(&self) -> Vec<String> {
        self.ports
            .iter()
            .map(|p| format!("127.0.0.1:{}", p.serf))
            .collect()
    }

    fn spawn_server(&self, i: usize) -> Agent {
        let data = self.dir.path().join(format!("s{i}"));
        let others: Vec<String> = self
            .joins()
            .into_iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, a)| a)
            .collect();
        Agent::cluster_server(&format!("s{i}"), &data, 3, self.ports[i], &others)
    }

    fn server(&self, i: usize) -> &Agent {
        self.servers[i].as_ref().expect("server running")
    }

    /// The leader's RPC address as server `i` reports it ("" when none).
    fn leader_seen_by(&self, i: usize) -> String {
        let url = format!("{}/v1/status/leader", self.server(i).http_addr());
        http_with_timeout(Duration::from_secs(3))
            .get(url)
            .send()
            .ok()
            .and_then(|r| r.json::<String>().ok())
            .unwrap_or_default()
    }

    /// Waits until every running server names the same leader; returns its index.
    fn wait_leader(&self, limit: Duration) -> usize {
        wait_for(limit, || {
            let seen: Vec<String> = (0..3)
                .filter(|i| self.servers[*i].is_some())
                .map(|i| self.leader_seen_by(i))
                .collect();
            let first = seen.first()?.clone();
            if first.is_empty() || seen.iter().any(|s| *s != first) {
                return None;
            }
            self.ports
                .iter()
                .position(|p| first.ends_with(&format!(":{}", p.rpc)))
        })
        .unwrap_or_else(|| {
            let logs: Vec<String> = self
                .servers
                .iter()
                .flatten()
                .map(|s| s.log_text())
                .collect();
            panic!("no agreed leader within {limit:?}\n{}", logs.join("\n"))
        })
    }

    /// Every key under `prefix` with its value, read from server `i` alone (`?stale`).
    fn stale_entries(&self, i: usize, prefix: &str) -> BTreeMap<String, Vec<u8>> {
        let url = format!(
            "{}/v1/kv/{prefix}?recurse&stale",
            self.server(i).http_addr()
        );
        let Ok(resp) = http_with_timeout(Duration::from_secs(5)).get(url).send() else {
            return BTreeMap::new();
        };
        let list: Vec<serde_json::Value> = resp.json().unwrap_or_default();
        list.iter()
            .filter_map(|e| {
                let key = e["Key"].as_str()?.to_string();
                let value = e["Value"].as_str().and_then(b64_decode).unwrap_or_default();
                Some((key, value))
            })
            .collect()
    }

    /// Waits until every running server holds every acknowledged write with its value.
    fn assert_all_present(&self, prefix: &str, acked: &[(String, String)]) {
        for i in (0..3).filter(|i| self.servers[*i].is_some()) {
            let mut missing = Vec::new();
            let ok = wait_for(Duration::from_secs(30), || {
                let have = self.stale_entries(i, prefix);
                missing = acked
                    .iter()
                    .filter(|(k, v)| have.get(k).map(Vec::as_slice) != Some(v.as_bytes()))
                    .map(|(k, _)| k.clone())
                    .collect();
                missing.is_empty().then_some(())
            });
            assert!(
                ok.is_some(),
                "server s{i} lacks {} acknowledged writes, e.g. {:?}\n{}",
                missing.len(),
                &missing[..missing.len().min(5)],
                self.server(i).log_text()
            );
        }
    }
}

/// A writer thread putting `prefix/N = vN` through one agent, recording what was acknowledged
/// and when.
struct Writer {
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<Vec<(String, String, Instant)>>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Writer {
    fn start(http_addr: String, prefix: &'static str) -> Writer {
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(Mutex::new(Vec::new()));
        let (s, a) = (stop.clone(), acked.clone());
        let handle = thread::spawn(move || {
            let http = http_with_timeout(Duration::from_secs(40));
            let mut i = 0u64;
            while !s.load(Ordering::Relaxed) {
                i += 1;
                let (key, value) = (format!("{prefix}/{i:06}"), format!("v{i}"));
                let resp = http
                    .put(format!("{http_addr}/v1/kv/{key}"))
                    .body(value.clone())
                    .send();
                let ok = resp.is_ok_and(|r| {
                    r.status().is_success() && r.text().is_ok_and(|t| t.trim() == "true")
                });
                if ok {
                    a.lock().expect("lock").push((key, value, Instant::now()));
                } else {
                    thread::sleep(Duration::from_millis(20));
                }
            }
        });
        Writer {
            stop,
            acked,
            handle: Some(handle),
        }
    }

    fn count(&self) -> usize {
        self.acked.lock().expect("lock").len()
    }

    fn wait_count(&self, n: usize, limit: Duration) -> bool {
        wait_for(limit, || (self.count() >= n).then_some(())).is_some()
    }

    /// The first acknowledgement after `t`.
    fn first_ack_after(&self, t: Instant) -> Option<Instant> {
        self.acked
            .lock()
            .expect("lock")
            .iter()
            .map(|(_, _, at)| *at)
            .find(|at| *at > t)
    }

    fn finish(mut self) -> Vec<(String, String)> {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            h.join().expect("writer thread");
        }
        self.acked
            .lock()
            .expect("lock")
            .iter()
            .map(|(k, v, _)| (k.clone(), v.clone()))
            .collect()
    }
}

/// Writes through a client agent while the leader is killed with -9: a new leader takes over,
/// writes resume, and once the old leader is back every acknowledged write is on all three.
#[test]
fn leader_kill_loses_no_acknowledged_write() {
    let mut c = Cluster::start(2);
    let w = Writer::start(c.clients[0].http_addr(), "kill");
    assert!(
        w.wait_count(20, Duration::from_secs(20)),
        "no writes acknowledged before the fault"
    );
    let old = c.wait_leader(Duration::from_secs(10));
    let before = w.count();
    let killed_at = Instant::now();
    c.servers[old].as_mut().expect("leader").kill9();
    c.servers[old] = None;
    assert!(
        w.wait_count(before + 20, Duration::from_secs(20)),
        "writes did not resume after the leader was killed"
    );
    let resumed = w.first_ack_after(killed_at).expect("an ack after the kill") - killed_at;
    eprintln!("writes resumed {resumed:?} after kill -9 of the leader");
    let new = c.wait_leader(Duration::from_secs(10));
    assert_ne!(new, old, "a different server leads");
    c.servers[old] = Some(c.spawn_server(old));
    let acked = w.finish();
    c.assert_all_present("kill/", &acked);
}

/// A paused leader (SIGSTOP) is replaced; writes continue through the others. A write sent to the
/// paused leader meanwhile is acknowledged only if it really committed, and after SIGCONT the
/// old leader steps down and catches up.
#[test]
fn paused_leader_steps_down_and_converges() {
    let c = Cluster::start(1);
    let w = Writer::start(c.clients[0].http_addr(), "pause");
    assert!(
        w.wait_count(10, Duration::from_secs(20)),
        "no writes acknowledged before the fault"
    );
    let old = c.wait_leader(Duration::from_secs(10));
    c.server(old).signal("STOP");
    let paused_addr = c.server(old).http_addr();
    let late = thread::spawn(move || {
        let resp = http_with_timeout(Duration::from_secs(30))
            .put(format!("{paused_addr}/v1/kv/pause/late"))
            .body("late")
            .send();
        resp.is_ok_and(|r| r.status().is_success() && r.text().is_ok_and(|t| t.trim() == "true"))
    });
    let before = w.count();
    let paused_at = Instant::now();
    // A request already on its way to the paused server is lost to its timeout (hold time plus
    // hop allowance); everything after it goes elsewhere.
    assert!(
        w.wait_count(before + 15, Duration::from_secs(45)),
        "writes did not continue while the leader was paused"
    );
    let resumed = w.first_ack_after(paused_at).map(|t| t - paused_at);
    eprintln!("writes resumed {resumed:?} after SIGSTOP of the leader");
    c.server(old).signal("CONT");
    let late_acked = late.join().expect("late writer");
    let new = c.wait_leader(Duration::from_secs(20));
    assert_ne!(new, old, "the paused leader must not still lead");
    let mut acked = w.finish();
    if late_acked {
        acked.push(("pause/late".into(), "late".into()));
    }
    eprintln!("write sent to the paused leader acknowledged: {late_acked}");
    c.assert_all_present("pause/", &acked);
}

/// Stopping every server at once and starting them again keeps every acknowledged write.
#[test]
fn restart_of_all_servers_keeps_state() {
    let mut c = Cluster::start(1);
    let w = Writer::start(c.clients[0].http_addr(), "all");
    assert!(
        w.wait_count(40, Duration::from_secs(30)),
        "writes were not acknowledged"
    );
    let acked = w.finish();
    for s in c.servers.iter_mut() {
        s.as_mut().expect("server").kill9();
    }
    c.servers = vec![None, None, None];
    for i in 0..3 {
        let s = c.spawn_server(i);
        c.servers[i] = Some(s);
    }
    c.wait_leader(Duration::from_secs(30));
    c.assert_all_present("all/", &acked);
}

/// A server that leaves gracefully is taken out of the Raft configuration; a new server is
/// added as a learner, catches up and becomes a voter; `operator raft list-peers` shows it.
#[test]
fn leave_and_join_change_the_configuration() {
    let c = Cluster::start(1);
    let w = Writer::start(c.clients[0].http_addr(), "member");
    assert!(
        w.wait_count(10, Duration::from_secs(20)),
        "writes were not acknowledged"
    );
    let leader = c.wait_leader(Duration::from_secs(10));
    let follower = (0..3).find(|i| *i != leader).expect("a follower");
    let (code, out, err) = c.server(follower).ctl(&["leave"]);
    assert_eq!(code, 0, "leave: {out}{err}");
    let peers = |agent: &Agent| {
        let (_, out, _) = agent.ctl(&["operator", "raft", "list-peers"]);
        out
    };
    let leader_agent = c.server(leader);
    wait_for(Duration::from_secs(20), || {
        let out = peers(leader_agent);
        (out.lines().count() == 3 && !out.contains(&format!("s{follower} "))).then_some(())
    })
    .unwrap_or_else(|| {
        panic!(
            "s{follower} still in the configuration:\n{}",
            peers(leader_agent)
        )
    });
    // A fresh server joins and is promoted.
    let ports = ServerPorts::free();
    let data = c.dir.path().join("s3");
    let _s3 = Agent::cluster_server("s3", &data, 3, ports, &c.joins());
    wait_for(Duration::from_secs(30), || {
        let out = peers(leader_agent);
        out.lines()
            .any(|l| l.starts_with("s3 ") && l.contains("true"))
            .then_some(())
    })
    .unwrap_or_else(|| panic!("s3 never became a voter:\n{}", peers(leader_agent)));
    let acked = w.finish();
    let have = c.stale_entries(leader, "member/");
    assert!(
        acked.iter().all(|(k, _)| have.contains_key(k)),
        "acknowledged writes survive membership changes"
    );
}
