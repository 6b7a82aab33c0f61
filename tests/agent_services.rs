//! Agent-local services and checks against real agents: registration through
//! `/v1/agent/service/register`, HTTP/TCP/TTL checks that change status as their targets come and
//! go, anti-entropy carrying that into the catalog and DNS, script checks refused unless enabled,
//! and definitions surviving a restart.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::{Agent, http, wait_for};
use serde_json::{Value, json};

fn put(addr: &str, path: &str, body: Option<Value>) -> (u16, String) {
    let mut req = http().put(format!("{addr}{path}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().expect("put");
    (r.status().as_u16(), r.text().unwrap_or_default())
}

fn get(addr: &str, path: &str) -> Value {
    http()
        .get(format!("{addr}{path}"))
        .send()
        .expect("get")
        .json()
        .expect("json")
}

fn passing(addr: &str, service: &str) -> usize {
    get(addr, &format!("/v1/health/service/{service}?passing"))
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn checks_drive_catalog_health_and_dns() {
    let a = Agent::dev("svc1");
    let addr = a.http_addr();
    let target = TcpListener::bind("127.0.0.1:0").expect("bind");
    let target_addr = target.local_addr().expect("addr");
    let (code, body) = put(
        &addr,
        "/v1/agent/service/register",
        Some(json!({
            "Name": "web", "Port": 9090, "Tags": ["v1"],
            "Checks": [
                {"HTTP": format!("{addr}/v1/status/leader"), "Interval": "200ms"},
                {"tcp": target_addr.to_string(), "interval": "200ms"}
            ]
        })),
    );
    assert_eq!(code, 200, "{body}");
    let local = get(&addr, "/v1/agent/services");
    assert_eq!(local["web"]["Port"], 9090);
    let checks = get(&addr, "/v1/agent/checks");
    assert!(checks.get("service:web:1").is_some(), "{checks}");
    assert_eq!(checks["service:web:2"]["Type"], "tcp");

    wait_for(Duration::from_secs(15), || {
        (passing(&addr, "web") == 1).then_some(())
    })
    .expect("anti-entropy brings the passing instance into the catalog");
    let r = http()
        .get(format!(
            "{addr}/v1/agent/health/service/name/web?format=text"
        ))
        .send()
        .expect("agent health");
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().unwrap_or_default(), "passing");

    // The TCP target goes away: the instance turns critical in the catalog and leaves DNS.
    drop(target);
    wait_for(Duration::from_secs(15), || {
        (passing(&addr, "web") == 0).then_some(())
    })
    .expect("critical after the target died");
    let r = http()
        .get(format!("{addr}/v1/agent/health/service/name/web"))
        .send()
        .expect("agent health");
    assert_eq!(r.status(), 503);
    let dig = |name: &str| -> String {
        let out = std::process::Command::new("dig")
            .args([
                "@127.0.0.1",
                "-p",
                &a.dns_port.to_string(),
                name,
                "A",
                "+short",
            ])
            .output()
            .expect("dig (install dnsutils)");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(dig("web.service.consul"), "");
    // It comes back when the target does.
    let _again = TcpListener::bind(target_addr).expect("rebind the target");
    wait_for(Duration::from_secs(15), || {
        (passing(&addr, "web") == 1).then_some(())
    })
    .expect("passing again");
    assert_eq!(dig("web.service.consul"), "127.0.0.1");

    // A TTL check: pass, then expiry.
    let (code, body) = put(
        &addr,
        "/v1/agent/check/register",
        Some(json!({"Name": "heartbeat", "TTL": "1s"})),
    );
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        put(&addr, "/v1/agent/check/pass/heartbeat?note=ok", None).0,
        200
    );
    assert_eq!(
        get(&addr, "/v1/agent/checks")["heartbeat"]["Status"],
        "passing"
    );
    wait_for(Duration::from_secs(10), || {
        let c = get(&addr, "/v1/agent/checks");
        (c["heartbeat"]["Status"] == "critical").then_some(())
    })
    .expect("TTL expired");
    assert_eq!(
        get(&addr, "/v1/agent/checks")["heartbeat"]["Output"],
        "TTL expired"
    );
    let (code, body) = put(&addr, "/v1/agent/check/pass/nope", None);
    assert_eq!(code, 404, "{body}");

    // Script checks need the enabling flag.
    let (code, body) = put(
        &addr,
        "/v1/agent/check/register",
        Some(json!({"Name": "script", "Args": ["true"], "Interval": "1s"})),
    );
    assert_eq!(code, 400);
    assert!(body.contains("enable_script_checks"), "{body}");
    let (code, body) = put(
        &addr,
        "/v1/agent/service/register",
        Some(json!({"Name": "bad", "Check": {"TCP": "127.0.0.1:1"}})),
    );
    assert_eq!(code, 400);
    assert!(body.contains("Interval"), "{body}");

    // Deregistering removes it from the catalog.
    assert_eq!(put(&addr, "/v1/agent/service/deregister/web", None).0, 200);
    wait_for(Duration::from_secs(15), || {
        get(&addr, "/v1/catalog/service/web")
            .as_array()
            .is_some_and(Vec::is_empty)
            .then_some(())
    })
    .expect("deregistered from the catalog");
    assert_eq!(put(&addr, "/v1/agent/service/deregister/web", None).0, 404);
}

#[test]
fn script_checks_run_when_enabled_and_definitions_survive_restart() {
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("scripts.json");
    std::fs::write(&cfg, r#"{"enable_script_checks": true}"#).expect("write config");
    let data = dir.path().join("data");
    let cfg_s = cfg.to_str().expect("utf-8").to_string();
    let a = Agent::server_with("scr1", &data, &["--config-file", &cfg_s]);
    let addr = a.http_addr();
    let (code, body) = put(
        &addr,
        "/v1/agent/service/register",
        Some(
            json!({"name": "job", "port": 1, "check": {"args": ["sh", "-c", "echo warn; exit 1"], "interval": "200ms"}}),
        ),
    );
    assert_eq!(code, 200, "{body}");
    wait_for(Duration::from_secs(10), || {
        let c = get(&addr, "/v1/agent/checks");
        (c["service:job"]["Status"] == "warning").then_some(c)
    })
    .map(|c| {
        assert!(
            c["service:job"]["Output"]
                .as_str()
                .unwrap_or("")
                .contains("warn")
        )
    })
    .expect("script exit 1 is a warning");
    drop(a);
    let b = Agent::server_with("scr1", &data, &["--config-file", &cfg_s]);
    let services = get(&b.http_addr(), "/v1/agent/services");
    assert_eq!(services["job"]["Service"], "job", "{services}");
}

#[test]
fn services_and_checks_from_config_files_are_registered() {
    let target = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = target.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tmp");
    // HCL: two `service` blocks (one with a nested check) and a check on its own.
    let hcl = dir.path().join("web.hcl");
    std::fs::write(
        &hcl,
        format!(
            r#"
service {{
  name = "web"
  port = {port}
  tags = ["v1"]
  check {{
    tcp      = "127.0.0.1:{port}"
    interval = "200ms"
  }}
}}
service {{
  name = "admin"
  port = 9
}}
check {{
  id   = "disk"
  name = "Disk space"
  ttl  = "30s"
  status = "passing"
}}
"#
        ),
    )
    .expect("write hcl");
    // JSON in a second file: `services` adds to the HCL file's services.
    let json_file = dir.path().join("api.json");
    std::fs::write(
        &json_file,
        r#"{"services": [{"name": "api", "id": "api-1", "port": 8080, "meta": {"Version": "2"}}]}"#,
    )
    .expect("write json");
    let a = Agent::dev_with(
        "cfg1",
        &[
            "--config-file",
            hcl.to_str().expect("utf-8"),
            "--config-file",
            json_file.to_str().expect("utf-8"),
        ],
    );
    let addr = a.http_addr();
    let services = get(&addr, "/v1/agent/services");
    assert_eq!(services["web"]["Port"], port, "{services}");
    assert_eq!(services["web"]["Tags"], json!(["v1"]), "{services}");
    assert_eq!(services["admin"]["Service"], "admin", "{services}");
    assert_eq!(services["api-1"]["Meta"]["Version"], "2", "{services}");
    let checks = get(&addr, "/v1/agent/checks");
    assert_eq!(checks["disk"]["Name"], "Disk space", "{checks}");
    assert_eq!(checks["disk"]["Status"], "passing", "{checks}");
    // The TCP check runs and anti-entropy puts the instance in the catalog as passing.
    wait_for(Duration::from_secs(15), || {
        (passing(&addr, "web") == 1).then_some(())
    })
    .expect("the configured web service is passing in the catalog");
    drop(target);

    // A bad block is refused by `ctl validate` and at start-up, naming the block.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"service": {"name": "x", "check": {"tcp": "127.0.0.1:1"}}}"#,
    )
    .expect("write bad");
    let (code, _, err) = common::ctl_plain(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("service[0]") && err.contains("Interval"),
        "{err}"
    );
}
