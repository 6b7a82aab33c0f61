//! `ctl lock` against real agents: one holder at a time across a server and a client agent, a
//! semaphore admitting exactly N, a child killed when its lock is lost, and acquisition timeouts
//! and usage errors.

mod common;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::{Agent, http, serf_passing, wait_for};
use serde_json::Value;

/// A server and a client agent joined to it, both nodes in the catalog.
fn pair(name: &str) -> (Agent, Agent) {
    let server = Agent::dev_with(&format!("{name}s"), &["--bind", "127.0.0.1"]);
    let client = Agent::client(&format!("{name}c"), &["--join", &server.gossip_addr()]);
    let addr = server.http_addr();
    wait_for(Duration::from_secs(20), || {
        serf_passing(&addr, &format!("{name}c")).then_some(())
    })
    .expect("the client agent's node is registered");
    (server, client)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn one_holder_at_a_time_across_two_agents() {
    let (server, client) = pair("lk");
    let dir = tempfile::tempdir().expect("tmp");
    let d = path(dir.path()).to_string();
    // Each holder claims a marker directory (mkdir is atomic): a second holder at the same
    // time would find it taken.
    let script = format!(
        "mkdir {d}/held || echo overlap >> {d}/errors; echo $CONSUL_LOCK_HELD >> {d}/log; sleep 0.3; rmdir {d}/held"
    );
    let runs: Vec<_> = [&server, &client, &server, &client]
        .iter()
        .map(|agent| {
            let addr = agent.http_addr();
            let script = script.clone();
            thread::spawn(move || {
                common::ctl_with(
                    &["lock", "jobs/nightly", &script],
                    &[("CTL_HTTP_ADDR", &addr)],
                    None,
                )
            })
        })
        .collect();
    for r in runs {
        let (code, out, err) = r.join().expect("ctl lock thread");
        assert_eq!(code, 0, "ctl lock failed: {out}{err}");
    }
    assert!(
        !dir.path().join("errors").exists(),
        "two holders ran at the same time"
    );
    let log = std::fs::read_to_string(dir.path().join("log")).expect("log");
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        vec!["true"; 4],
        "every child ran once with CONSUL_LOCK_HELD=true"
    );
    // Released and cleaned up: nothing left under the prefix, no sessions left.
    let left = http()
        .get(format!("{}/v1/kv/jobs/?recurse", server.http_addr()))
        .send()
        .expect("kv read");
    assert_eq!(left.status().as_u16(), 404, "lock keys were left behind");
    let sessions: Value = http()
        .get(format!("{}/v1/session/list", server.http_addr()))
        .send()
        .expect("session list")
        .json()
        .expect("json");
    assert_eq!(sessions, serde_json::json!([]), "sessions were left behind");
}

#[test]
fn a_semaphore_admits_exactly_n_holders() {
    let a = Agent::dev("sem1");
    let addr = a.http_addr();
    wait_for(Duration::from_secs(10), || {
        serf_passing(&addr, "sem1").then_some(())
    })
    .expect("node registered");
    let dir = tempfile::tempdir().expect("tmp");
    let d = path(dir.path()).to_string();
    // Each holder marks itself, waits (up to 5 s) to see a second holder, records the most
    // holders it saw, and leaves.
    let script = format!(
        "touch {d}/h.$$; i=0; while [ $(ls {d} | grep -c '^h\\.') -lt 2 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; \
         ls {d} | grep -c '^h\\.' >> {d}/counts; rm {d}/h.$$"
    );
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let addr = addr.clone();
            let script = script.clone();
            thread::spawn(move || {
                common::ctl_with(
                    &["lock", "-n", "2", "pool/workers", &script],
                    &[("CTL_HTTP_ADDR", &addr)],
                    None,
                )
            })
        })
        .collect();
    for r in runs {
        let (code, out, err) = r.join().expect("ctl lock thread");
        assert_eq!(code, 0, "ctl lock -n 2 failed: {out}{err}");
    }
    let counts: Vec<u32> = std::fs::read_to_string(dir.path().join("counts"))
        .expect("counts")
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    assert_eq!(counts.len(), 3, "every child ran: {counts:?}");
    assert!(
        counts.iter().all(|&c| c <= 2),
        "more than 2 holders: {counts:?}"
    );
    assert!(
        counts.contains(&2),
        "two holders never ran together: {counts:?}"
    );
    // The last holder out removed the holder list, so the semaphore may be re-created with a
    // new limit.
    let (code, _, err) = a.ctl(&["lock", "-n", "3", "pool/workers", "true"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn losing_the_lock_kills_the_child() {
    let a = Agent::dev("lost1");
    let addr = a.http_addr();
    wait_for(Duration::from_secs(10), || {
        serf_passing(&addr, "lost1").then_some(())
    })
    .expect("node registered");
    let dir = tempfile::tempdir().expect("tmp");
    let pid_file = dir.path().join("pid");
    let script = format!("echo $$ > {}; exec sleep 60", path(&pid_file));
    let holder = {
        let addr = addr.clone();
        thread::spawn(move || {
            common::ctl_with(
                &["lock", "svc/leader", &script],
                &[("CTL_HTTP_ADDR", &addr)],
                None,
            )
        })
    };
    let pid: u32 = wait_for(Duration::from_secs(15), || {
        std::fs::read_to_string(&pid_file).ok()?.trim().parse().ok()
    })
    .expect("the child started");

    // While it is held, another contender with a timeout gives up.
    let started = Instant::now();
    let (code, _, err) = a.ctl(&["lock", "--timeout", "1s", "svc/leader", "true"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Lock acquisition failed"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));

    // Destroy the holder's session behind its back: the lock is lost, the child killed.
    let sessions: Value = http()
        .get(format!("{addr}/v1/session/list"))
        .send()
        .expect("list")
        .json()
        .expect("json");
    let id = sessions[0]["ID"].as_str().expect("a session").to_string();
    let r = http()
        .put(format!("{addr}/v1/session/destroy/{id}"))
        .send()
        .expect("destroy");
    assert!(r.status().is_success());
    let (code, _, err) = holder.join().expect("holder thread");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Lock lost"), "{err}");
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "the child {pid} still runs after the lock was lost"
    );
}

#[test]
fn usage_errors_are_named() {
    let a = Agent::dev("lku");
    let (code, _, err) = a.ctl(&["lock", "only-a-prefix"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("Key prefix and child command must be specified"),
        "{err}"
    );
    let (code, _, err) = a.ctl(&["lock", "-n", "0", "p", "true"]);
    assert_eq!(code, 1);
    assert!(err.contains("-n 0"), "{err}");
    let (code, _, err) = a.ctl(&["lock", "--timeout", "soon", "p", "true"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("soon"), "{err}");
}
