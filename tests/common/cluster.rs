//! A cluster of three real servers plus client agents for end-to-end tests, and a writer thread
//! that records which writes were acknowledged.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::{Agent, ServerPorts, b64_decode, http_with_timeout, wait_for};

/// Three servers and some client agents.
pub struct Cluster {
    pub dir: tempfile::TempDir,
    pub ports: Vec<ServerPorts>,
    pub servers: Vec<Option<Agent>>,
    pub clients: Vec<Agent>,
    /// Extra flags for every server (such as a TLS config file).
    pub server_args: Vec<String>,
}

impl Cluster {
    pub fn start(clients: usize) -> Cluster {
        Cluster::start_with(clients, Vec::new(), Vec::new())
    }

    /// Like `start`, with extra flags for the servers and for the client agents.
    pub fn start_with(
        clients: usize,
        server_args: Vec<String>,
        client_args: Vec<String>,
    ) -> Cluster {
        let dir = tempfile::tempdir().expect("temp dir");
        let ports: Vec<ServerPorts> = (0..3).map(|_| ServerPorts::free()).collect();
        let mut c = Cluster {
            dir,
            ports,
            servers: Vec::new(),
            clients: Vec::new(),
            server_args,
        };
        for i in 0..3 {
            // A port picked by `ServerPorts::free` can be taken by a concurrent test before the
            // server binds it; pick new ones then (restarts later reuse whatever was bound).
            let mut attempt = 0;
            let s = loop {
                attempt += 1;
                match c.try_spawn_server(i) {
                    Ok(s) => break s,
                    Err(log) if attempt < 3 && log.contains("Address already in use") => {
                        c.ports[i] = ServerPorts::free();
                    }
                    Err(log) => panic!("server s{i} failed to start\n{log}"),
                }
            };
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
            args.extend(client_args.iter().map(String::as_str));
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

    pub fn joins(&self) -> Vec<String> {
        self.ports
            .iter()
            .map(|p| format!("127.0.0.1:{}", p.serf))
            .collect()
    }

    pub fn spawn_server(&self, i: usize) -> Agent {
        self.try_spawn_server(i)
            .unwrap_or_else(|log| panic!("server s{i} failed to start\n{log}"))
    }

    pub fn try_spawn_server(&self, i: usize) -> Result<Agent, String> {
        let data = self.dir.path().join(format!("s{i}"));
        let others: Vec<String> = self
            .joins()
            .into_iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, a)| a)
            .collect();
        Agent::try_cluster_server_with(
            &format!("s{i}"),
            &data,
            3,
            self.ports[i],
            &others,
            &self.server_args,
        )
    }

    pub fn server(&self, i: usize) -> &Agent {
        self.servers[i].as_ref().expect("server running")
    }

    /// The leader's RPC address as server `i` reports it ("" when none).
    pub fn leader_seen_by(&self, i: usize) -> String {
        let url = format!("{}/v1/status/leader", self.server(i).http_addr());
        http_with_timeout(Duration::from_secs(3))
            .get(url)
            .send()
            .ok()
            .and_then(|r| r.json::<String>().ok())
            .unwrap_or_default()
    }

    /// Waits until every running server names the same leader; returns its index.
    pub fn wait_leader(&self, limit: Duration) -> usize {
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
    pub fn stale_entries(&self, i: usize, prefix: &str) -> BTreeMap<String, Vec<u8>> {
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
    pub fn assert_all_present(&self, prefix: &str, acked: &[(String, String)]) {
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
pub struct Writer {
    stop: Arc<AtomicBool>,
    failures: Arc<std::sync::atomic::AtomicUsize>,
    acked: Arc<Mutex<Vec<(String, String, Instant)>>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Writer {
    pub fn start(http_addr: String, prefix: &'static str) -> Writer {
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(Mutex::new(Vec::new()));
        let failures = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (s, a, f) = (stop.clone(), acked.clone(), failures.clone());
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
                    f.fetch_add(1, Ordering::Relaxed);
                    thread::sleep(Duration::from_millis(20));
                }
            }
        });
        Writer {
            stop,
            failures,
            acked,
            handle: Some(handle),
        }
    }

    /// Writes that were not acknowledged (errors, timeouts, refusals).
    pub fn failures(&self) -> usize {
        self.failures.load(Ordering::Relaxed)
    }

    pub fn count(&self) -> usize {
        self.acked.lock().expect("lock").len()
    }

    pub fn wait_count(&self, n: usize, limit: Duration) -> bool {
        wait_for(limit, || (self.count() >= n).then_some(())).is_some()
    }

    /// The first acknowledgement after `t`.
    pub fn first_ack_after(&self, t: Instant) -> Option<Instant> {
        self.acked
            .lock()
            .expect("lock")
            .iter()
            .map(|(_, _, at)| *at)
            .find(|at| *at > t)
    }

    pub fn finish(mut self) -> Vec<(String, String)> {
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
