//! End-to-end: three real servers and client agents on loopback, formed through gossip with
//! `--bootstrap-expect 3`, under crashes (kill -9), pauses (SIGSTOP) and full restarts. Writes go
//! through a client agent, which forwards them to the leader over server RPC; afterwards every
//! acknowledged write must be present, with its value, on all three servers.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::cluster::{Cluster, Writer};
use common::{Agent, ServerPorts, http_with_timeout, wait_for};

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
    let leader = c.wait_leader(Duration::from_secs(30));
    c.assert_all_present("all/", &acked);
    // `ctl info`: every server has a raft section naming its state; the client counts servers.
    for i in 0..3 {
        let (code, out, err) = c.server(i).ctl(&["info"]);
        assert_eq!(code, 0, "{err}");
        let want = if i == leader {
            "state = Leader"
        } else {
            "state = Follower"
        };
        assert!(out.contains("raft:") && out.contains(want), "s{i}:\n{out}");
        assert!(out.contains("num_peers = 2"), "s{i}:\n{out}");
    }
    let (_, out, _) = c.clients[0].ctl(&["info"]);
    assert!(
        out.contains("known_servers = 3") && out.contains("server = false"),
        "{out}"
    );
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

/// Servers that expect different cluster sizes do not bootstrap together, and say why.
#[test]
fn mismatched_bootstrap_expect_is_logged() {
    let dir = tempfile::tempdir().expect("tmp");
    let (p0, p1) = (ServerPorts::free(), ServerPorts::free());
    let join0 = vec![format!("127.0.0.1:{}", p0.serf)];
    let s0 = Agent::cluster_server("s0", &dir.path().join("s0"), 3, p0, &[]);
    let s1 = Agent::cluster_server("s1", &dir.path().join("s1"), 2, p1, &join0);
    let logged = wait_for(Duration::from_secs(20), || {
        [&s0, &s1]
            .iter()
            .any(|s| s.log_text().contains("has a conflicting expect value"))
            .then_some(())
    });
    assert!(
        logged.is_some(),
        "no conflicting-expect error logged\n{}\n{}",
        s0.log_text(),
        s1.log_text()
    );
    // Neither side formed a cluster with the other.
    let (_, out, _) = s1.ctl(&["operator", "raft", "list-peers"]);
    assert!(
        !out.contains("s0 "),
        "s1 bootstrapped with s0 despite the mismatch:\n{out}"
    );
}
