//! `ctl operator rollout …` on a real 3-server + 2-client plaintext cluster under a steady
//! write load through a client agent: gossip encryption (interrupted once and resumed, with a
//! concurrent second wizard refused), key rotation and TLS, each with `--yes`. Afterwards gossip
//! is encrypted and enforced, RPC and HTTPS need certificates, no member was ever marked
//! failed, and every acknowledged write is present. Then a rotation whose check fails (a client
//! agent killed mid-stage) stops and rolls back.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::cluster::{Cluster, Writer};
use common::{Agent, ctl_with, http, spawn_lines, wait_for, wait_line};

/// Polls the members list, recording every member ever seen failed.
struct FailureWatch {
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<String>>>,
    handle: Option<thread::JoinHandle<()>>,
}

impl FailureWatch {
    fn start(http_addr: String) -> FailureWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (s, f) = (stop.clone(), seen.clone());
        let handle = thread::spawn(move || {
            let client = http();
            while !s.load(Ordering::Relaxed) {
                if let Ok(r) = client.get(format!("{http_addr}/v1/agent/members")).send()
                    && let Ok(v) = r.json::<serde_json::Value>()
                {
                    for m in v.as_array().into_iter().flatten() {
                        if m["Status"] == 4 {
                            f.lock().expect("lock").push(m["Name"].to_string());
                        }
                    }
                }
                thread::sleep(Duration::from_millis(100));
            }
        });
        FailureWatch {
            stop,
            seen,
            handle: Some(handle),
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            h.join().expect("watch thread");
        }
        self.seen.lock().expect("lock").clone()
    }
}

fn rollout(addr: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["operator", "rollout"];
    all.extend_from_slice(args);
    ctl_with(&all, &[("CTL_HTTP_ADDR", addr)], None)
}

/// Starts a wizard whose output is read line by line.
fn spawn_rollout(addr: &str, args: &[&str]) -> (std::process::Child, mpsc::Receiver<String>) {
    let mut all = vec!["operator", "rollout"];
    all.extend_from_slice(args);
    spawn_lines(
        &all,
        &[("CTL_HTTP_ADDR", addr)],
        std::process::Stdio::inherit(),
    )
}

fn rollout_state(addr: &str) -> serde_json::Value {
    let v = common::kv_value(addr, "_ctl/rollout/state").expect("rollout state stored");
    serde_json::from_slice(&v).expect("state is JSON")
}

fn runtime(addr: &str) -> serde_json::Value {
    http()
        .get(format!("{addr}/v1/operator/runtime"))
        .send()
        .and_then(|r| r.json())
        .expect("runtime report")
}

#[test]
fn gossip_encryption_key_rotation_and_tls_roll_onto_a_live_cluster() {
    let cluster = Cluster::start_with(2, Vec::new(), vec!["--https-port".into(), "0".into()]);
    let addr = cluster.clients[0].http_addr();
    let watch = FailureWatch::start(cluster.server(0).http_addr());
    let writer = Writer::start(cluster.clients[1].http_addr(), "load");
    assert!(
        writer.wait_count(20, Duration::from_secs(20)),
        "the write load never got going"
    );

    // --plan changes nothing.
    let (code, out, err) = rollout(&addr, &["gossip-encryption", "--plan"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Stage 3: refuse plaintext gossip"), "{out}");
    assert!(common::kv_value(&addr, "_ctl/rollout/state").is_none());
    // Without a terminal and without --yes it refuses to act.
    let (code, _, err) = rollout(&addr, &["gossip-encryption"]);
    assert_eq!(code, 1);
    assert!(err.contains("--yes"), "{err}");

    // Gossip encryption, interrupted in stage 2 and resumed; a second wizard is refused.
    let (mut first, lines) = spawn_rollout(&addr, &["gossip-encryption", "--yes"]);
    wait_line(&lines, "Stage 1/3 applied", Duration::from_secs(60));
    let (code, out, err) = rollout(&addr, &["gossip-encryption", "--yes"]);
    assert_eq!(code, 1, "a second wizard ran:\n{out}{err}");
    assert!(err.contains("is being driven by"), "{err}");
    wait_line(&lines, "Stage 2/3 applied", Duration::from_secs(60));
    first.kill().expect("kill the wizard");
    let _ = first.wait();
    let state = rollout_state(&addr);
    assert_eq!(state["Kind"], "gossip-encryption");
    assert!(state["Done"].as_u64() < Some(3), "{state}");
    let (code, out, err) = rollout(&addr, &["gossip-encryption", "--yes"]);
    assert_eq!(code, 0, "resume failed:\n{out}{err}");
    assert!(out.contains("Resuming"), "{out}");
    assert!(out.contains("3/3 stages done, complete"), "{out}");
    let first_key = rollout_state(&addr)["Params"]["key"]
        .as_str()
        .expect("key kept")
        .to_string();

    // Key rotation.
    let (code, out, err) = rollout(&addr, &["gossip-key", "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    let new_key = rollout_state(&addr)["Params"]["key"]
        .as_str()
        .expect("key kept")
        .to_string();
    let (_, keys, _) = cluster.clients[0].ctl(&["keyring", "--list"]);
    assert!(keys.contains(&format!("{new_key} [5/5]")), "{keys}");
    assert!(
        !keys.contains(&first_key),
        "the old key is still installed:\n{keys}"
    );

    // TLS, placing each agent's files itself.
    let tls_dir = cluster.dir.path().join("tls-out");
    let tls_dir_s = tls_dir.to_str().expect("utf-8");
    let (code, out, err) = rollout(
        &addr,
        &["tls", "--yes", "--install-local", "--dir", tls_dir_s],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3/3 stages done, complete"), "{out}");

    let acked = writer.finish();
    let failed = watch.finish();
    assert!(
        failed.is_empty(),
        "members were marked failed during the rollouts: {failed:?}"
    );
    cluster.assert_all_present("load", &acked);

    // Every agent reports enforcement, and keeps it in its data dir. A cluster report is a
    // gossip query: an answer lost on a loaded machine leaves that member out of one report (the
    // API says so), so ask again until all five answered.
    let deadline = Instant::now() + Duration::from_secs(30);
    let report = loop {
        let report = runtime(&addr);
        let answered = report["Responses"].as_object().map_or(0, |m| m.len());
        if answered == 5 || Instant::now() > deadline {
            break report;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_eq!(
        report["Responses"].as_object().map(|m| m.len()),
        Some(5),
        "{report}"
    );
    for (node, r) in report["Responses"].as_object().expect("responses") {
        for (section, flag) in [
            ("Gossip", "Encrypted"),
            ("Gossip", "VerifyIncoming"),
            ("Gossip", "VerifyOutgoing"),
            ("TLS", "Cert"),
            ("TLS", "VerifyIncoming"),
            ("TLS", "VerifyOutgoing"),
            ("TLS", "VerifyServerHostname"),
        ] {
            assert_eq!(r[section][flag], true, "{node}: {section}.{flag}\n{r}");
        }
    }

    // HTTPS needs a client certificate.
    let https = cluster.clients[0]
        .log_text()
        .lines()
        .find_map(common::parse_https_port)
        .expect("HTTPS port in the banner");
    let cli = tls_dir.join("cli");
    let p = |f: &str| cli.join(f).to_str().expect("utf-8").to_string();
    let https_addr = format!("https://127.0.0.1:{https}");
    let with_cert = [
        "kv",
        "get",
        "load/000001",
        "--http-addr",
        &https_addr,
        "--ca-file",
        &p("ca.pem"),
        "--client-cert",
        &p("cert.pem"),
        "--client-key",
        &p("key.pem"),
    ];
    let (code, out, err) = ctl_with(&with_cert, &[], None);
    assert_eq!((code, out.trim()), (0, "v1"), "{err}");
    let (code, _, err) = ctl_with(&with_cert[..7], &[], None);
    assert_ne!(code, 0, "HTTPS answered without a client certificate");
    assert!(err.contains("client certificate"), "{err}");

    // Gossip is enforced: plaintext and stale-key agents cannot join.
    let join = cluster.joins()[0].clone();
    for (name, extra) in [
        ("plain", vec![]),
        ("stale", vec!["--encrypt", first_key.as_str()]),
    ] {
        let mut args = vec!["--join", join.as_str(), "--dns-port", "-1"];
        args.extend(extra);
        match Agent::try_client(name, &args) {
            Err(log) => assert!(log.contains("Failed to join"), "{name}: {log}"),
            Ok(a) => panic!("the {name} agent joined:\n{}", a.log_text()),
        }
    }
    // An agent with the key but no certificate joins gossip, yet the servers refuse its RPC.
    let keyed = Agent::client(
        "keyed",
        &["--join", &join, "--encrypt", &new_key, "--dns-port", "-1"],
    );
    let (code, _, _) = keyed.ctl(&["kv", "get", "load/000001"]);
    assert_ne!(code, 0, "a certificate-less agent read through the servers");
    // It leaves gracefully, so the rotation below sees only the kill it is meant to see.
    let mut keyed = keyed;
    keyed.ctl(&["leave"]);
    keyed.wait_exit(Duration::from_secs(20));

    // A rotation whose checks fail (a client agent dies mid-stage) stops and rolls back.
    let mut cluster = cluster;
    let (mut wizard, lines) = spawn_rollout(&addr, &["gossip-key", "--yes", "--timeout", "20s"]);
    wait_line(&lines, "Stage 1/3 applied", Duration::from_secs(60));
    cluster.clients[1].kill9();
    let rest = wait_line(&lines, "rolled back", Duration::from_secs(60));
    let status = wizard.wait().expect("wizard exit");
    assert_eq!(status.code(), Some(1), "{}", rest.join("\n"));
    let state = rollout_state(&addr);
    assert_eq!(state["Status"], "rolled back", "{state}");
    let rejected = state["Params"]["key"].as_str().expect("key").to_string();
    // Until every agent has declared the killed one failed, the listing still expects it.
    let last = std::cell::RefCell::new(String::new());
    let ring = wait_for(Duration::from_secs(45), || {
        let (_, keys, err) = cluster.clients[0].ctl(&["keyring", "--list"]);
        *last.borrow_mut() = format!("{keys}{err}");
        (!keys.contains(&rejected) && keys.contains(&format!("{new_key} [4/4]"))).then_some(keys)
    });
    assert!(
        ring.is_some(),
        "the rejected key was not removed everywhere reachable; last listing:\n{}\nwizard:\n{}",
        last.borrow(),
        rest.join("\n")
    );
}
