//! The catalog, health API and DNS interface against real agents: registration through
//! `/v1/catalog/register`, health filtering, blocking queries that wake on a check change, the
//! leader mirroring gossip into `serfHealth` (a killed agent's services turn critical), and DNS
//! answers over UDP and TCP checked with `dig`.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{Agent, header_u64, http, wait_for};
use serde_json::{Value, json};

fn register(addr: &str, body: Value) {
    let r = http()
        .put(format!("{addr}/v1/catalog/register"))
        .json(&body)
        .send()
        .expect("register");
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

fn get(addr: &str, path: &str) -> Value {
    let r = http().get(format!("{addr}{path}")).send().expect("get");
    assert_eq!(r.status(), 200, "{path}");
    r.json().expect("json")
}

fn web(node: &str, ip: &str, status: &str) -> Value {
    json!({
        "Node": node, "Address": ip,
        "NodeMeta": {"rack": "r1"},
        "Service": {"Service": "web", "Tags": ["v1", node], "Port": 8080},
        "Check": {"Name": "web health", "ServiceID": "web", "Status": status}
    })
}

/// `dig +short` output lines, over UDP or TCP.
fn dig(port: u16, name: &str, qtype: &str, tcp: bool) -> Vec<String> {
    let mut cmd = Command::new("dig");
    cmd.args([
        "@127.0.0.1",
        "-p",
        &port.to_string(),
        name,
        qtype,
        "+short",
        "+time=2",
        "+tries=1",
    ]);
    if tcp {
        cmd.arg("+tcp");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run dig ({e}); install dnsutils (.ci/run does)"));
    assert!(out.status.success(), "dig failed: {out:?}");
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort();
    lines
}

#[test]
fn catalog_health_blocking_and_dns() {
    let a = Agent::dev("cat1");
    let addr = a.http_addr();
    register(&addr, web("ext1", "10.1.2.3", "passing"));
    register(&addr, web("ext2", "10.1.2.4", "critical"));

    // The server's own node shows up with serfHealth and the consul service.
    let nodes = wait_for(Duration::from_secs(10), || {
        let n = get(&addr, "/v1/catalog/nodes");
        n.as_array()
            .filter(|a| a.iter().any(|n| n["Node"] == "cat1"))
            .cloned()
    })
    .expect("the agent's node in the catalog");
    assert_eq!(nodes.len(), 3, "{nodes:?}");
    let checks = get(&addr, "/v1/health/node/cat1");
    assert_eq!(checks[0]["CheckID"], "serfHealth");
    assert_eq!(checks[0]["Status"], "passing");
    let services = wait_for(Duration::from_secs(10), || {
        let s = get(&addr, "/v1/catalog/services");
        s.get("consul").is_some().then_some(s)
    })
    .expect("consul service");
    assert_eq!(services["web"], json!(["ext1", "ext2", "v1"]));

    // Catalog reads with tag, node-meta and filter.
    let all = get(&addr, "/v1/catalog/service/web");
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    assert_eq!(all[0]["ServiceAddress"], "");
    assert_eq!(all[0]["Address"], "10.1.2.3");
    let tagged = get(&addr, "/v1/catalog/service/web?tag=ext2");
    assert_eq!(tagged.as_array().map(Vec::len), Some(1));
    assert_eq!(tagged[0]["Node"], "ext2");
    let meta = get(&addr, "/v1/catalog/nodes?node-meta=rack:r1");
    assert_eq!(meta.as_array().map(Vec::len), Some(2));
    let filtered = get(
        &addr,
        "/v1/catalog/service/web?filter=Node%20%3D%3D%20%22ext1%22",
    );
    assert_eq!(filtered.as_array().map(Vec::len), Some(1));
    let bad = http()
        .get(format!(
            "{addr}/v1/catalog/service/web?filter=Nope%20%3D%3D%201"
        ))
        .send()
        .expect("bad filter");
    assert_eq!(bad.status(), 400);
    assert!(bad.text().unwrap_or_default().contains("Nope"));
    let node = get(&addr, "/v1/catalog/node/ext1");
    assert_eq!(node["Services"]["web"]["Port"], 8080);
    assert_eq!(get(&addr, "/v1/catalog/node/nobody"), Value::Null);
    assert_eq!(get(&addr, "/v1/catalog/datacenters"), json!(["dc1"]));

    // Health: the critical instance is filtered by ?passing, and appears in state/critical.
    let passing = get(&addr, "/v1/health/service/web?passing");
    assert_eq!(passing.as_array().map(Vec::len), Some(1));
    assert_eq!(passing[0]["Node"]["Node"], "ext1");
    let critical = get(&addr, "/v1/health/state/critical");
    assert!(
        critical
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["Node"] == "ext2"))
    );

    // DNS: only the healthy instance, over UDP and TCP; SRV with the node target.
    assert!(a.dns_port > 0, "banner names the DNS port");
    assert_eq!(
        dig(a.dns_port, "web.service.consul", "A", false),
        vec!["10.1.2.3"]
    );
    assert_eq!(
        dig(a.dns_port, "web.service.consul", "A", true),
        vec!["10.1.2.3"]
    );
    assert_eq!(
        dig(a.dns_port, "_web._tcp.service.consul", "SRV", false),
        vec!["1 1 8080 ext1.node.dc1.consul."]
    );
    assert_eq!(
        dig(a.dns_port, "ext2.node.consul", "A", false),
        vec!["10.1.2.4"]
    );

    // A blocking health query wakes when ext2's check passes, and DNS then answers both.
    let resp = http()
        .get(format!("{addr}/v1/health/service/web"))
        .send()
        .expect("health");
    let index = header_u64(&resp, "X-Consul-Index");
    let waiter = {
        let url = format!("{addr}/v1/health/service/web?passing&index={index}&wait=30s");
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let r = http().get(url).send().expect("blocking");
            let n = r
                .json::<Value>()
                .ok()
                .and_then(|v| v.as_array().map(Vec::len));
            (started.elapsed(), n)
        })
    };
    // An unrelated KV write does not wake it (the index is the service's own).
    common::kv_put(&addr, "unrelated", b"x");
    register(&addr, web("ext2", "10.1.2.4", "passing"));
    let (took, n) = waiter.join().expect("waiter");
    assert_eq!(n, Some(2));
    assert!(took < Duration::from_secs(20), "woke after {took:?}");
    let both = wait_for(Duration::from_secs(5), || {
        let ips = dig(a.dns_port, "web.service.consul", "A", false);
        (ips.len() == 2).then_some(ips)
    });
    assert_eq!(both, Some(vec!["10.1.2.3".into(), "10.1.2.4".into()]));

    // Unknown names are NXDOMAIN (empty +short output); deregistering removes the instance.
    assert!(dig(a.dns_port, "nope.service.consul", "A", false).is_empty());
    let r = http()
        .put(format!("{addr}/v1/catalog/deregister"))
        .json(&json!({"Node": "ext1", "ServiceID": "web"}))
        .send()
        .expect("deregister");
    assert_eq!(r.status(), 200);
    assert_eq!(
        get(&addr, "/v1/catalog/service/web")
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // Bad registrations name the problem and change nothing.
    let r = http()
        .put(format!("{addr}/v1/catalog/register"))
        .json(&json!({"Node": "x", "Address": "1.2.3.4", "Check": {"Name": "c", "ServiceID": "missing"}}))
        .send()
        .expect("bad register");
    assert_eq!(r.status(), 400);
    assert!(r.text().unwrap_or_default().contains("missing"));
    let nodes = get(&addr, "/v1/catalog/nodes");
    assert!(
        !nodes
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n["Node"] == "x"))
    );
}

#[test]
fn a_killed_agent_turns_its_services_critical_and_a_leaver_is_deregistered() {
    let server = Agent::dev_with(
        "cs1",
        &["--bind", "127.0.0.1", "--config-file", &fast_gossip()],
    );
    let addr = server.http_addr();
    let mut c1 = Agent::client("cc1", &["--join", &server.gossip_addr()]);
    let c2 = Agent::client("cc2", &["--join", &server.gossip_addr()]);
    let serf = |node: &str| -> Option<String> {
        let checks = get(&addr, &format!("/v1/health/node/{node}"));
        checks
            .as_array()?
            .iter()
            .find(|c| c["CheckID"] == "serfHealth")
            .map(|c| c["Status"].as_str().unwrap_or_default().to_string())
    };
    wait_for(Duration::from_secs(15), || {
        (serf("cc1").as_deref() == Some("passing") && serf("cc2").as_deref() == Some("passing"))
            .then_some(())
    })
    .expect("both clients in the catalog with serfHealth passing");
    register(
        &addr,
        json!({"Node": "cc1", "Address": "127.0.0.1", "SkipNodeUpdate": true,
               "Service": {"Service": "api", "Port": 9000}}),
    );
    assert_eq!(
        get(&addr, "/v1/health/service/api?passing")
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    c1.kill9();
    wait_for(Duration::from_secs(30), || {
        (serf("cc1").as_deref() == Some("critical")).then_some(())
    })
    .expect("serfHealth critical after kill -9");
    assert_eq!(
        get(&addr, "/v1/health/service/api?passing")
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        get(&addr, "/v1/health/service/api")
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let (code, _, err) = c2.ctl(&["leave"]);
    assert_eq!(code, 0, "{err}");
    wait_for(Duration::from_secs(30), || {
        let nodes = get(&addr, "/v1/catalog/nodes");
        (!nodes.as_array()?.iter().any(|n| n["Node"] == "cc2")).then_some(())
    })
    .expect("a node that left is deregistered");
}

/// A config file with fast gossip timings for the server in these tests.
fn fast_gossip() -> String {
    let path = std::env::temp_dir().join(format!("ctl-catalog-gossip-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"gossip_lan":{"probe_interval":"100ms","probe_timeout":"100ms","gossip_interval":"100ms","suspicion_mult":3}}"#,
    )
    .expect("write config");
    path.to_string_lossy().into_owned()
}

#[test]
fn client_agents_answer_dns_from_the_servers_catalog() {
    let server = Agent::dev_with(
        "dnss",
        &["--bind", "127.0.0.1", "--config-file", &fast_gossip()],
    );
    let addr = server.http_addr();
    let client = Agent::client("dnsc", &["--join", &server.gossip_addr()]);
    assert!(client.dns_port > 0, "the client agent serves DNS");
    register(&addr, web("w1", "127.0.0.31", "passing"));
    register(&addr, web("w2", "127.0.0.32", "critical"));
    // The client learns the service from the servers and leaves out the critical instance.
    wait_for(Duration::from_secs(15), || {
        (dig(client.dns_port, "web.service.consul", "A", false) == ["127.0.0.31"]).then_some(())
    })
    .expect("the client answers web.service.consul with the passing instance");
    assert_eq!(
        dig(client.dns_port, "web.service.consul", "A", true),
        ["127.0.0.31"],
        "the same over TCP"
    );
    // A health change reaches the client's answers through its blocking query.
    register(&addr, web("w2", "127.0.0.32", "passing"));
    wait_for(Duration::from_secs(10), || {
        (dig(client.dns_port, "web.service.consul", "A", false) == ["127.0.0.31", "127.0.0.32"])
            .then_some(())
    })
    .expect("the recovered instance is answered by the client");
    wait_for(Duration::from_secs(10), || {
        (dig(client.dns_port, "w2.node.consul", "A", false) == ["127.0.0.32"]).then_some(())
    })
    .expect("node lookups on the client");
    assert!(dig(client.dns_port, "nope.service.consul", "A", false).is_empty());
}
