//! Operator niceties against real agents: `/v1/agent/metrics` in Consul's JSON shape and in
//! Prometheus' text format (HTTP, Raft, gossip, DNS, KV and catalog figures moving as the agent
//! works), `ctl monitor` streaming log lines (and saying so when the agent goes away), and
//! `ctl debug` capturing an archive.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Agent, http, kv_put, spawn_lines, wait_for};

fn metrics(addr: &str) -> serde_json::Value {
    http()
        .get(format!("{addr}/v1/agent/metrics"))
        .send()
        .and_then(|r| r.json())
        .expect("metrics JSON")
}

fn find<'a>(list: &'a serde_json::Value, name: &str) -> Vec<&'a serde_json::Value> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["Name"] == name)
        .collect()
}

#[test]
fn metrics_in_both_formats_follow_what_the_agent_does() {
    let a = Agent::dev("metrics");
    let addr = a.http_addr();
    kv_put(&addr, "m/one", b"1");
    kv_put(&addr, "m/two", b"2");
    let out = Command::new("dig")
        .args([
            "@127.0.0.1",
            "-p",
            &a.dns_port.to_string(),
            "+short",
            "consul.service.consul",
        ])
        .output()
        .expect("dig");
    assert!(out.status.success());

    let m = metrics(&addr);
    let puts: u64 = find(&m["Counters"], "consul.http.requests")
        .iter()
        .filter(|c| c["Labels"]["path"] == "/v1/kv/{*key}" && c["Labels"]["method"] == "PUT")
        .map(|c| c["Count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(puts, 2, "{m}");
    let commit = find(&m["Samples"], "consul.raft.commitTime");
    assert!(commit[0]["Count"].as_u64() >= Some(2), "{m}");
    assert!(commit[0]["Max"].as_f64() > Some(0.0), "{m}");
    let entries = find(&m["Gauges"], "consul.kv.entries");
    assert_eq!(entries[0]["Value"], 2.0, "{m}");
    let alive = find(&m["Gauges"], "consul.serf.members")
        .into_iter()
        .find(|g| g["Labels"]["status"] == "alive")
        .expect("members by status");
    assert_eq!(alive["Value"], 1.0);
    assert!(
        !find(&m["Counters"], "consul.dns.queries").is_empty(),
        "{m}"
    );
    assert!(
        !find(&m["Counters"], "consul.raft.leader.changes").is_empty(),
        "{m}"
    );

    let text = http()
        .get(format!("{addr}/v1/agent/metrics?format=prometheus"))
        .send()
        .and_then(|r| r.text())
        .expect("prometheus text");
    for want in [
        "# TYPE consul_raft_commitTime summary",
        "consul_kv_entries 2",
        "consul_serf_members{status=\"alive\"} 1",
        "# TYPE consul_http_requests_total counter",
        "consul_dns_queries_total{outcome=\"answered\",transport=\"udp\"} 1",
    ] {
        assert!(text.contains(want), "no {want:?} in:\n{text}");
    }
    let bad = http()
        .get(format!("{addr}/v1/agent/metrics?format=xml"))
        .send()
        .expect("request");
    assert_eq!(bad.status(), 400);

    // A second agent in the pool: gossip probes are timed.
    let c = Agent::client("probed", &["--join", &a.gossip_addr(), "--dns-port", "-1"]);
    let probes = wait_for(Duration::from_secs(20), || {
        let m = metrics(&c.http_addr());
        let s = find(&m["Samples"], "consul.memberlist.probeNode");
        s.first()
            .and_then(|p| p["Count"].as_u64())
            .filter(|&n| n > 0)
    });
    assert!(probes.is_some(), "no probe timings recorded");
}

#[test]
fn monitor_streams_lines_and_notices_the_agent_leaving() {
    let mut a = Agent::dev("monitored");
    let addr = a.http_addr();
    let (mut monitor, rx) = spawn_lines(
        &["monitor", "--log-level", "debug"],
        &[("CTL_HTTP_ADDR", &addr)],
        std::process::Stdio::piped(),
    );
    // Something worth a warning: a join to a closed port, asked again until the monitor is
    // certainly attached.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = None;
    while seen.is_none() && Instant::now() < deadline {
        let _ = http()
            .put(format!(
                "{addr}/v1/agent/join/127.0.0.1:{}",
                common::closed_port()
            ))
            .send();
        // Debug lines keep coming; read for a second, then ask again.
        let round = Instant::now() + Duration::from_secs(1);
        while let Some(left) = round.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains("[WARN]") && line.contains("request failed") => {
                    seen = Some(line);
                    break;
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }
    assert!(seen.is_some(), "the monitor never showed the failed join");

    // A level the agent does not know is refused with a clear message.
    let (code, _, err) = common::ctl_with(
        &["monitor", "--log-level", "loud"],
        &[("CTL_HTTP_ADDR", &addr)],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("unknown log level"), "{err}");

    a.kill9();
    let status = wait_for(Duration::from_secs(20), || {
        monitor.try_wait().ok().flatten()
    })
    .expect("the monitor did not notice the agent going away");
    assert_eq!(status.code(), Some(1));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut monitor.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert!(err.contains("Remote side ended the monitor!"), "{err}");
}

#[test]
fn debug_captures_an_archive() {
    let a = Agent::dev("debugged");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("capture");
    let out_s = out.to_str().expect("utf-8");
    let (code, stdout, err) = a.ctl(&[
        "debug",
        "--duration",
        "2s",
        "--interval",
        "1s",
        "--output",
        out_s,
    ]);
    assert_eq!(code, 0, "{stdout}{err}");
    let archive = out.with_extension("tar.gz");
    let list = Command::new("tar")
        .args(["tzf", archive.to_str().expect("utf-8")])
        .output()
        .expect("tar");
    let list = String::from_utf8_lossy(&list.stdout);
    for f in [
        "agent.json",
        "members.json",
        "runtime.json",
        "metrics-0.json",
        "monitor.log",
    ] {
        assert!(
            list.contains(&format!("capture/{f}")),
            "{f} missing:\n{list}"
        );
    }
    assert!(!out.exists(), "the folder is left after packing");
    let (code, _, err) = a.ctl(&["debug", "--duration", "1s", "--output", out_s]);
    assert_eq!(code, 1, "an existing archive was overwritten");
    assert!(err.contains("already exists"), "{err}");
}
