//! Durability of a real `--server --bootstrap-expect 1 --data-dir` agent: acknowledged writes survive
//! kill -9, and a graceful SIGTERM restart keeps data and node identity.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::{Agent, b64_decode, http, http_with_timeout, kv_put, kv_value, wait_for};
use serde_json::Value;

const WRITERS: usize = 8;

/// All pairs under `prefix` via `GET /v1/kv/<prefix>?recurse`, decoded (empty map on 404).
fn dump(addr: &str, prefix: &str) -> HashMap<String, Vec<u8>> {
    let resp = http()
        .get(format!("{addr}/v1/kv/{prefix}?recurse"))
        .send()
        .expect("recurse GET");
    match resp.status().as_u16() {
        404 => HashMap::new(),
        200 => {
            let v: Value = resp.json().expect("recurse JSON");
            v.as_array()
                .expect("array")
                .iter()
                .map(|e| {
                    let k = e["Key"].as_str().expect("Key").to_string();
                    let val = e["Value"]
                        .as_str()
                        .map(|s| b64_decode(s).expect("base64"))
                        .unwrap_or_default();
                    (k, val)
                })
                .collect()
        }
        s => panic!("recurse GET {prefix}: status {s}"),
    }
}

// Every write acknowledged with `true` before a kill -9 (taken while writes are in flight) is present after restart.
#[test]
fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut agent = Agent::server("dur-kill", dir.path());
    let addr = agent.http_addr();

    let stop = Arc::new(AtomicBool::new(false));
    let acked_total = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for t in 0..WRITERS {
        let addr = addr.clone();
        let stop = Arc::clone(&stop);
        let acked_total = Arc::clone(&acked_total);
        handles.push(thread::spawn(move || {
            let client = http_with_timeout(Duration::from_secs(10));
            let mut acked: Vec<(String, String)> = Vec::new();
            let mut failed_after_kill = false;
            for n in 0u64.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let key = format!("dur/w{t}/{n:06}");
                let value = format!("value-{t}-{n}-{}", "x".repeat((n % 7) as usize * 10));
                match client
                    .put(format!("{addr}/v1/kv/{key}"))
                    .body(value.clone())
                    .send()
                {
                    Ok(resp) => {
                        let status = resp.status().as_u16();
                        let body = resp.text().unwrap_or_default();
                        if status == 200 && body.trim() == "true" {
                            acked.push((key, value));
                            acked_total.fetch_add(1, Ordering::SeqCst);
                        } else {
                            failed_after_kill = true;
                            break;
                        }
                    }
                    Err(_) => {
                        failed_after_kill = true;
                        break;
                    }
                }
            }
            (acked, failed_after_kill)
        }));
    }

    // Let the writers run for ~2 s (and until something was acknowledged), then kill -9 mid-stream.
    let started = Instant::now();
    let got_some = wait_for(Duration::from_secs(20), || {
        (started.elapsed() >= Duration::from_secs(2) && acked_total.load(Ordering::SeqCst) > 0)
            .then_some(())
    });
    assert!(got_some.is_some(), "no write was acknowledged within 20 s");
    let acked_before_kill = acked_total.load(Ordering::SeqCst);
    agent.kill9();
    stop.store(true, Ordering::SeqCst);

    let mut acked: Vec<(String, String)> = Vec::new();
    let mut interrupted = 0;
    for h in handles {
        let (a, failed) = h.join().expect("writer thread");
        acked.extend(a);
        interrupted += usize::from(failed);
    }
    assert!(acked.len() >= acked_before_kill);
    assert!(
        interrupted > 0,
        "no writer saw the kill: writes were not in flight"
    );
    eprintln!(
        "{} acknowledged writes before kill -9 ({interrupted}/{WRITERS} writers interrupted)",
        acked.len()
    );

    let agent2 = Agent::server("dur-kill", dir.path());
    let addr2 = agent2.http_addr();
    // A read served once the restarted agent answers must already hold every acknowledged write.
    let stored = dump(&addr2, "dur/");
    let missing: Vec<&String> = acked
        .iter()
        .filter(|(k, _)| !stored.contains_key(k))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged keys lost after kill -9, e.g. {:?}",
        missing.len(),
        acked.len(),
        &missing[..missing.len().min(10)]
    );
    for (k, v) in &acked {
        assert_eq!(
            stored.get(k).map(Vec::as_slice),
            Some(v.as_bytes()),
            "value of {k} after restart"
        );
    }
    // Nothing outside what the writers could have written appeared.
    for k in stored.keys() {
        assert!(k.starts_with("dur/w"), "unexpected key {k}");
    }
    // The restarted agent still takes writes.
    kv_put(&addr2, "after/restart", b"ok");
    assert_eq!(
        kv_value(&addr2, "after/restart").as_deref(),
        Some(&b"ok"[..])
    );
}

// SIGTERM shuts the server down cleanly (exit 0) and a restart on the same data dir keeps data and the node ID.
#[test]
fn graceful_restart_keeps_data_and_node_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut agent = Agent::server("dur-graceful", dir.path());
    let addr = agent.http_addr();
    let node_id = agent.agent_self()["Config"]["NodeID"]
        .as_str()
        .expect("Config.NodeID")
        .to_string();
    assert!(!node_id.is_empty());
    let mut written = Vec::new();
    for i in 0..50 {
        let (k, v) = (format!("g/{i:03}"), format!("v{i}"));
        kv_put(&addr, &k, v.as_bytes());
        written.push((k, v));
    }
    kv_put(&addr, "g/000", b"overwritten");
    written[0].1 = "overwritten".to_string();
    let (code, _, _) = agent.ctl(&["kv", "delete", "g/049"]);
    assert_eq!(code, 0);
    written.pop();

    let status = agent.terminate(Duration::from_secs(15));
    let status = status.unwrap_or_else(|| {
        panic!(
            "agent did not exit within 15 s of SIGTERM\n{}",
            agent.log_text()
        )
    });
    assert!(
        status.success(),
        "agent exited with {status} after SIGTERM\n{}",
        agent.log_text()
    );

    let agent2 = Agent::server("dur-graceful", dir.path());
    let addr2 = agent2.http_addr();
    let stored = dump(&addr2, "g/");
    let want: HashMap<String, Vec<u8>> = written
        .into_iter()
        .map(|(k, v)| (k, v.into_bytes()))
        .collect();
    assert_eq!(stored, want, "data after graceful restart");
    let node_id2 = agent2.agent_self()["Config"]["NodeID"]
        .as_str()
        .expect("Config.NodeID")
        .to_string();
    assert_eq!(node_id2, node_id, "node ID changed across restart");
    assert_eq!(agent2.agent_self()["Stats"]["raft"]["state"], "Leader");
}
