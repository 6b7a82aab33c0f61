//! End-to-end: a network partition, made with network namespaces this test creates. Each of
//! three servers runs in its own namespace, wired to a bridge in a hub namespace through a veth
//! pair; taking the leader's bridge port down cuts it off from the other two. The minority side
//! (the old leader) must refuse writes — no split brain — while the majority elects a leader and
//! keeps accepting them; after healing, the old leader steps down and every acknowledged write is
//! on all three servers. Needs root (CAP_NET_ADMIN) and iproute2's `ip`, which CI runs with.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{bin, wait_for};

/// Runs `ip ARGS`, panicking with its output on failure.
fn ip(args: &[&str]) {
    let out = Command::new("ip")
        .args(args)
        .output()
        .expect("run ip (iproute2)");
    assert!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Three server namespaces on one bridge; removed on drop.
struct Net {
    hub: String,
    nodes: Vec<String>,
}

impl Net {
    fn new() -> Net {
        let tag = std::process::id();
        let hub = format!("ctlp{tag}h");
        let nodes: Vec<String> = (0..3).map(|i| format!("ctlp{tag}n{i}")).collect();
        let net = Net {
            hub: hub.clone(),
            nodes: nodes.clone(),
        };
        ip(&["netns", "add", &hub]);
        ip(&["-n", &hub, "link", "add", "br0", "type", "bridge"]);
        ip(&["-n", &hub, "link", "set", "br0", "up"]);
        for (i, ns) in nodes.iter().enumerate() {
            ip(&["netns", "add", ns]);
            let port = format!("p{i}");
            ip(&[
                "-n", &hub, "link", "add", &port, "type", "veth", "peer", "name", "eth0", "netns",
                ns,
            ]);
            ip(&["-n", &hub, "link", "set", &port, "master", "br0"]);
            ip(&["-n", &hub, "link", "set", &port, "up"]);
            ip(&[
                "-n",
                ns,
                "addr",
                "add",
                &format!("{}/24", Net::addr(i)),
                "dev",
                "eth0",
            ]);
            ip(&["-n", ns, "link", "set", "eth0", "up"]);
            ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        net
    }

    fn addr(i: usize) -> String {
        format!("10.231.0.{}", i + 1)
    }

    /// Cuts node `i` off from the others (its bridge port goes down), or reconnects it.
    fn set_connected(&self, i: usize, up: bool) {
        ip(&[
            "-n",
            &self.hub,
            "link",
            "set",
            &format!("p{i}"),
            if up { "up" } else { "down" },
        ]);
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        for ns in self.nodes.iter().chain(std::iter::once(&self.hub)) {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}

/// A server running inside a namespace, with its output collected.
struct Server {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(net: &Net, i: usize, dir: &std::path::Path) -> Server {
        let data = dir.join(format!("s{i}"));
        let mut args: Vec<String> = ["netns", "exec", &net.nodes[i], bin(), "agent", "--server"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.extend(
            [
                "--bootstrap-expect",
                "3",
                "--node",
                &format!("s{i}"),
                "--bind",
                &Net::addr(i),
                "--data-dir",
                data.to_str().expect("utf-8"),
                "--retry-interval",
                "300ms",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        for j in (0..3).filter(|j| *j != i) {
            args.push("--retry-join".into());
            args.push(format!("{}:8301", Net::addr(j)));
        }
        let mut child = Command::new("ip")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn agent in namespace");
        let log = Arc::new(Mutex::new(Vec::new()));
        for pipe in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let log = log.clone();
            thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    log.lock().expect("log").push(line);
                }
            });
        }
        Server { child, log }
    }

    fn log_text(&self) -> String {
        self.log.lock().map(|l| l.join("\n")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!("--- server log ---\n{}", self.log_text());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ctl ARGS` inside node `i`'s namespace against its own agent; (exit code, stdout, stderr).
fn ctl(net: &Net, i: usize, args: &[&str]) -> (i32, String, String) {
    let out = Command::new("ip")
        .args(["netns", "exec", &net.nodes[i], bin()])
        .args(args)
        .env_remove("CONSUL_HTTP_ADDR")
        .env_remove("CTL_HTTP_ADDR")
        .output()
        .expect("run ctl in namespace");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The leader's index as node `i` sees it (from `ctl info`'s `leader_addr`).
fn leader_seen_by(net: &Net, i: usize) -> Option<usize> {
    let (_, out, _) = ctl(net, i, &["info"]);
    let addr = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("leader_addr = "))?
        .to_string();
    (0..3).find(|j| addr.starts_with(&format!("{}:", Net::addr(*j))))
}

fn agreed_leader(net: &Net, among: &[usize], limit: Duration) -> usize {
    wait_for(limit, || {
        let seen: Vec<Option<usize>> = among.iter().map(|i| leader_seen_by(net, *i)).collect();
        let first = seen[0]?;
        seen.iter().all(|s| *s == Some(first)).then_some(first)
    })
    .unwrap_or_else(|| panic!("no leader agreed among {among:?} within {limit:?}"))
}

fn put(net: &Net, i: usize, key: &str, value: &str) -> bool {
    let (code, out, _) = ctl(net, i, &["kv", "put", key, value]);
    code == 0 && out.contains("Success!")
}

/// Every key under `prefix` on node `i` alone (`--stale`).
fn stale_values(net: &Net, i: usize, prefix: &str) -> BTreeMap<String, String> {
    let (_, out, _) = ctl(net, i, &["kv", "export", "--stale", prefix]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_default();
    list.iter()
        .filter_map(|e| {
            let v = common::b64_decode(e["value"].as_str()?)?;
            Some((e["key"].as_str()?.to_string(), String::from_utf8(v).ok()?))
        })
        .collect()
}

#[test]
fn partitioned_leader_refuses_writes_and_majority_continues() {
    let net = Net::new();
    let dir = tempfile::tempdir().expect("tmp");
    let servers: Vec<Server> = (0..3).map(|i| Server::start(&net, i, dir.path())).collect();
    let leader = agreed_leader(&net, &[0, 1, 2], Duration::from_secs(40));
    let mut acked: Vec<(String, String)> = Vec::new();
    for n in 0..5 {
        let (k, v) = (format!("p/before{n}"), format!("b{n}"));
        assert!(put(&net, leader, &k, &v), "write before the partition");
        acked.push((k, v));
    }

    net.set_connected(leader, false);
    let cut_at = Instant::now();
    let majority: Vec<usize> = (0..3).filter(|i| *i != leader).collect();
    // The minority side refuses: the old leader cannot reach a quorum.
    let (code, out, err) = ctl(&net, leader, &["kv", "put", "p/minority", "split-brain"]);
    assert_ne!(code, 0, "the cut-off leader accepted a write: {out}");
    eprintln!(
        "minority write refused after {:?}: {}",
        cut_at.elapsed(),
        err.trim()
    );
    // The majority elects a new leader and keeps writing.
    let new = agreed_leader(&net, &majority, Duration::from_secs(30));
    assert_ne!(new, leader);
    for n in 0..10 {
        let (k, v) = (format!("p/during{n}"), format!("d{n}"));
        let via = majority[n % 2];
        let ok = wait_for(Duration::from_secs(15), || {
            put(&net, via, &k, &v).then_some(())
        });
        assert!(ok.is_some(), "majority write {k} through s{via} failed");
        acked.push((k, v));
    }
    eprintln!(
        "majority wrote 10 keys within {:?} of the cut",
        cut_at.elapsed()
    );

    net.set_connected(leader, true);
    // The old leader steps down and converges; the refused write is nowhere.
    let healed = agreed_leader(&net, &[0, 1, 2], Duration::from_secs(30));
    assert_ne!(healed, leader, "the old leader should have stepped down");
    for (i, server) in servers.iter().enumerate() {
        let mut last = BTreeMap::new();
        let ok = wait_for(Duration::from_secs(30), || {
            last = stale_values(&net, i, "p/");
            acked
                .iter()
                .all(|(k, v)| last.get(k) == Some(v))
                .then_some(())
        });
        assert!(
            ok.is_some(),
            "s{i} lacks acknowledged writes after healing: {last:?}\n{}",
            server.log_text()
        );
        assert!(
            !last.contains_key("p/minority"),
            "s{i} holds the refused minority write"
        );
    }
}
