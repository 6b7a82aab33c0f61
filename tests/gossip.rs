//! Gossip membership end to end: real agents (and a real HashiCorp serf agent) on loopback.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{Agent, free_port, wait_for};
use serde_json::Value;

const CONVERGE: Duration = Duration::from_secs(20);

/// Members as `agent` sees them: name → status.
fn statuses(agent: &Agent) -> Option<std::collections::BTreeMap<String, String>> {
    let (code, out, _) = agent.ctl(&["members", "--format", "json"]);
    if code != 0 {
        return None;
    }
    let v: Value = serde_json::from_str(&out).ok()?;
    let status = |n: u64| match n {
        1 => "alive",
        2 => "leaving",
        3 => "left",
        4 => "failed",
        _ => "none",
    };
    Some(
        v.as_array()?
            .iter()
            .map(|m| {
                (
                    m["Name"].as_str().unwrap_or_default().to_string(),
                    status(m["Status"].as_u64().unwrap_or(0)).into(),
                )
            })
            .collect(),
    )
}

fn sees(agent: &Agent, node: &str, status: &str) -> bool {
    statuses(agent).is_some_and(|m| m.get(node).map(String::as_str) == Some(status))
}

fn all_alive(agents: &[&Agent], n: usize) -> bool {
    agents
        .iter()
        .all(|a| statuses(a).is_some_and(|m| m.len() == n && m.values().all(|s| s == "alive")))
}

fn failed_count(agent: &Agent) -> usize {
    statuses(agent).map_or(0, |m| m.values().filter(|s| *s == "failed").count())
}

// Five agents join through one seed and all see each other alive; a kill -9 makes every survivor
// see it failed; a graceful leave makes every survivor see it left and the agent exit 0; a user
// event reaches every agent.
#[test]
fn five_agents_join_fail_leave_and_event() {
    let seed = Agent::dev("g-s1");
    let join = seed.gossip_addr();
    let mut clients: Vec<Agent> = (2..=5)
        .map(|i| Agent::client(&format!("g-c{i}"), &["--join", &join]))
        .collect();
    fn everyone<'a>(seed: &'a Agent, clients: &'a [Agent]) -> Vec<&'a Agent> {
        std::iter::once(seed).chain(clients.iter()).collect()
    }
    assert!(
        wait_for(CONVERGE, || all_alive(&everyone(&seed, &clients), 5)
            .then_some(()))
        .is_some(),
        "not all five agents saw each other alive: {:?}",
        statuses(&seed)
    );
    let (code, out, _) = seed.ctl(&["members"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().next().unwrap_or_default().starts_with("Node"),
        "{out}"
    );
    assert!(out.contains("server") && out.contains("client"), "{out}");

    let (code, out, err) = clients[0].ctl(&["event", "--name", "deploy", "v2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Event ID: "), "{out}");
    for a in everyone(&seed, &clients) {
        let got = wait_for(CONVERGE, || {
            let body = common::http()
                .get(format!("{}/v1/event/list?name=deploy", a.http_addr()))
                .send()
                .ok()?
                .text()
                .ok()?;
            let v: Value = serde_json::from_str(&body).ok()?;
            v.as_array().filter(|l| !l.is_empty()).map(|l| l[0].clone())
        });
        let ev = got.unwrap_or_else(|| panic!("{} never saw the event", a.node));
        assert_eq!(ev["Payload"], common::b64_encode(b"v2"));
    }

    clients[3].kill9();
    let survivors: Vec<&Agent> = std::iter::once(&seed).chain(clients[..3].iter()).collect();
    for a in &survivors {
        assert!(
            wait_for(CONVERGE, || sees(a, "g-c5", "failed").then_some(())).is_some(),
            "{} never saw g-c5 failed: {:?}",
            a.node,
            statuses(a)
        );
    }

    let (code, out, err) = clients[2].ctl(&["leave"]);
    assert_eq!((code, out.trim()), (0, "Graceful leave complete"), "{err}");
    let status = clients[2].wait_exit(Duration::from_secs(10));
    assert!(
        status.is_some_and(|s| s.success()),
        "the agent did not exit cleanly after leave: {status:?}"
    );
    for a in [&seed, &clients[0], &clients[1]] {
        assert!(
            wait_for(CONVERGE, || sees(a, "g-c4", "left").then_some(())).is_some(),
            "{} never saw g-c4 left: {:?}",
            a.node,
            statuses(a)
        );
    }
    let (code, out, _) = seed.ctl(&["members", "--status", "nothing-like-this"]);
    assert_eq!((code, out.as_str()), (2, ""), "no match exits 2 silently");
}

// Key rotation install → use → remove across the pool loses no member; an agent holding only the
// retired key cannot join, one with the new key can.
#[test]
fn keyring_rotation_and_stale_key() {
    let (_, k1, _) = common::ctl_plain(&["keygen"]);
    let (_, k2, _) = common::ctl_plain(&["keygen"]);
    let (k1, k2) = (k1.trim().to_string(), k2.trim().to_string());
    let seed = Agent::dev_with("k-s1", &["--encrypt", &k1]);
    let join = seed.gossip_addr();
    let c2 = Agent::client("k-c2", &["--encrypt", &k1, "--join", &join]);
    let c3 = Agent::client("k-c3", &["--encrypt", &k1, "--join", &join]);
    let all = [&seed, &c2, &c3];
    assert!(
        wait_for(CONVERGE, || all_alive(&all, 3).then_some(())).is_some(),
        "{:?}",
        statuses(&seed)
    );

    let (code, out, err) = seed.ctl(&["keyring", "--install", &k2]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("==> Installing new gossip encryption key..."),
        "{out}"
    );
    let (code, out, _) = c2.ctl(&["keyring", "--list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!("{k1} [3/3]")) && out.contains(&format!("{k2} [3/3]")),
        "{out}"
    );
    let (code, _, err) = c3.ctl(&["keyring", "--use", &k2]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = seed.ctl(&["keyring", "--remove", &k2]);
    assert_eq!(code, 1, "removing the primary must fail");
    assert!(
        err.contains("Removing the primary key is not allowed"),
        "{err}"
    );
    let (code, _, err) = seed.ctl(&["keyring", "--remove", &k1]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = seed.ctl(&["keyring", "--list"]);
    assert!(
        out.contains(&format!("{k2} [3/3]")) && !out.contains(&k1),
        "{out}"
    );
    assert!(
        all_alive(&all, 3),
        "a member was lost during rotation: {:?}",
        statuses(&seed)
    );
    assert!(all.iter().all(|a| failed_count(a) == 0));

    let stale = Agent::try_client("k-stale", &["--encrypt", &k1, "--join", &join]);
    let log = stale
        .err()
        .expect("an agent with the retired key must not join");
    assert!(log.contains("no installed key could decrypt"), "{log}");
    let fresh = Agent::client("k-fresh", &["--encrypt", &k2, "--join", &join]);
    assert!(wait_for(CONVERGE, || sees(&seed, "k-fresh", "alive").then_some(())).is_some());
    drop(fresh);
}

// The staged rollout of encryption: agents one stage apart (plaintext → key installed without
// enforcement → encrypting outgoing → enforcing incoming) work together with no member failed,
// and messages flow both ways; agents two stages apart do not.
#[test]
fn staged_encryption_neighbours_coexist() {
    let (_, key, _) = common::ctl_plain(&["keygen"]);
    let key = key.trim().to_string();
    let stage = |n: u8| -> Vec<String> {
        let flags = |i: bool, o: bool| {
            let dir = tempfile::Builder::new()
                .prefix("stage")
                .tempdir()
                .expect("dir")
                .keep();
            let p = dir.join("stage.json");
            std::fs::write(
                &p,
                format!(r#"{{"encrypt_verify_incoming":{i},"encrypt_verify_outgoing":{o}}}"#),
            )
            .expect("write");
            vec![
                "--encrypt".to_string(),
                key.clone(),
                "--config-file".into(),
                p.display().to_string(),
            ]
        };
        match n {
            0 => Vec::new(),
            1 => flags(false, false),
            2 => flags(false, true),
            _ => flags(true, true),
        }
    };
    for (a, b) in [(0u8, 1u8), (1, 2), (2, 3)] {
        let sa = stage(a);
        let first = Agent::client(
            &format!("st{a}{b}-a"),
            &sa.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let mut sb = stage(b);
        let join = first.gossip_addr();
        sb.extend(["--join".to_string(), join]);
        let second = Agent::client(
            &format!("st{a}{b}-b"),
            &sb.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert!(
            wait_for(CONVERGE, || all_alive(&[&first, &second], 2).then_some(())).is_some(),
            "stages {a} and {b} did not converge: {:?}",
            statuses(&first)
        );
        // Events prove gossip flows in both directions.
        for (from, to) in [(&first, &second), (&second, &first)] {
            let name = format!("ping-{}", from.node);
            assert_eq!(from.ctl(&["event", "--name", &name]).0, 0);
            let url = format!("{}/v1/event/list?name={name}", to.http_addr());
            let got = wait_for(CONVERGE, || {
                let body = common::http().get(&url).send().ok()?.text().ok()?;
                (body.len() > 2).then_some(())
            });
            assert!(
                got.is_some(),
                "stage {a}/{b}: {}'s event never reached {}",
                from.node,
                to.node
            );
        }
        assert_eq!(
            failed_count(&first) + failed_count(&second),
            0,
            "stages {a} and {b}: a member was marked failed"
        );
    }
    // Two stages apart: a plaintext agent cannot join an enforcing one.
    let s3 = stage(3);
    let enforcing = Agent::client("st-enf", &s3.iter().map(String::as_str).collect::<Vec<_>>());
    let join = enforcing.gossip_addr();
    assert!(
        Agent::try_client("st-plain", &["--join", &join]).is_err(),
        "a plaintext agent joined an enforcing pool"
    );
}

/// A HashiCorp serf agent on a free port, killed (kill -9) when dropped.
struct Serf {
    child: Child,
    bind: String,
    rpc: String,
}

impl Serf {
    fn start(name: &str, key: Option<&str>) -> Serf {
        let bind = format!("127.0.0.1:{}", free_port());
        let rpc = format!("127.0.0.1:{}", free_port());
        let mut cmd = Command::new("serf");
        cmd.args([
            "agent",
            &format!("-node={name}"),
            &format!("-bind={bind}"),
            &format!("-rpc-addr={rpc}"),
        ]);
        cmd.arg("-log-level=warn");
        if let Some(k) = key {
            cmd.arg(format!("-encrypt={k}"));
        }
        let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap_or_else(|e| {
            panic!("cannot run HashiCorp serf ({e}); install it with `apt-get install serf` (.ci/run does)")
        });
        let s = Serf { child, bind, rpc };
        assert!(
            wait_for(CONVERGE, || s.members().map(|_| ())).is_some(),
            "serf agent did not start"
        );
        s
    }

    /// `serf members -format json`: name → status.
    fn members(&self) -> Option<std::collections::BTreeMap<String, String>> {
        let out = Command::new("serf")
            .args([
                "members",
                "-format",
                "json",
                &format!("-rpc-addr={}", self.rpc),
            ])
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let v: Value = serde_json::from_slice(&out.stdout).ok()?;
        Some(
            v["members"]
                .as_array()?
                .iter()
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or_default().to_string(),
                        m["status"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect(),
        )
    }
}

impl Drop for Serf {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serf_interop(key: Option<&str>) {
    let serf = Serf::start("hc-serf", key);
    let mut extra = vec!["--join", serf.bind.as_str()];
    if let Some(k) = key {
        extra.extend(["--encrypt", k]);
    }
    let seed = Agent::client("hc-c1", &extra);
    let mut leaver = Agent::client("hc-c2", &extra);
    let mut victim = Agent::client("hc-c3", &extra);
    let ours = [&seed, &leaver, &victim];
    assert!(
        wait_for(CONVERGE, || all_alive(&ours, 4).then_some(())).is_some(),
        "{:?}",
        statuses(&seed)
    );
    assert!(
        wait_for(CONVERGE, || serf
            .members()
            .filter(|m| m.len() == 4 && m.values().all(|s| s == "alive")))
        .is_some(),
        "serf does not list all four alive: {:?}",
        serf.members()
    );
    let (_, out, _) = seed.ctl(&["members"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("hc-serf"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.contains("alive") && !line.contains("client"),
        "a serf agent has a blank type: {line:?}"
    );

    victim.kill9();
    assert!(
        wait_for(CONVERGE, || serf
            .members()
            .filter(|m| m.get("hc-c3").map(String::as_str) == Some("failed")))
        .is_some(),
        "serf never saw our killed agent failed: {:?}",
        serf.members()
    );
    assert_eq!(leaver.ctl(&["leave"]).0, 0);
    leaver.wait_exit(Duration::from_secs(10));
    assert!(
        wait_for(CONVERGE, || serf
            .members()
            .filter(|m| m.get("hc-c2").map(String::as_str) == Some("left")))
        .is_some(),
        "serf never saw our agent leave: {:?}",
        serf.members()
    );
    drop(serf);
    assert!(
        wait_for(CONVERGE, || sees(&seed, "hc-serf", "failed").then_some(())).is_some(),
        "we never saw the killed serf agent failed: {:?}",
        statuses(&seed)
    );
}

// A Debian `serf` agent and our agents form one plaintext pool: each lists the others alive and
// notices kills and graceful leaves.
#[test]
fn serf_agent_shares_a_plaintext_pool() {
    serf_interop(None);
}

// The same with AES-GCM gossip encryption on both sides.
#[test]
fn serf_agent_shares_an_encrypted_pool() {
    let (_, key, _) = common::ctl_plain(&["keygen"]);
    serf_interop(Some(key.trim()));
}

// An agent started with --retry-join keeps trying an address where nobody listens yet, and joins
// as soon as an agent appears there.
#[test]
fn retry_join_waits_for_a_peer() {
    let port = free_port();
    let target = format!("127.0.0.1:{port}");
    let early = Agent::client(
        "rj-early",
        &["--retry-join", &target, "--retry-interval", "200ms"],
    );
    assert!(
        sees(&early, "rj-early", "alive") && statuses(&early).is_some_and(|m| m.len() == 1),
        "alone at first"
    );
    let port_s = port.to_string();
    let late = Agent::client("rj-late", &["--serf-lan-port", &port_s]);
    assert!(
        wait_for(CONVERGE, || all_alive(&[&early, &late], 2).then_some(())).is_some(),
        "retry-join never reached the late agent: {:?}",
        statuses(&early)
    );
}
