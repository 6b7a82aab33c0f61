//! `ctl services`, `ctl catalog` and `ctl health` against a real agent, in Consul's formats and as
//! JSON.

mod common;

use std::time::Duration;

use common::{Agent, wait_for};

#[test]
fn register_list_and_deregister_from_the_console() {
    let a = Agent::dev("cli1");
    let dir = tempfile::tempdir().expect("tmp");
    let def = dir.path().join("api.hcl");
    std::fs::write(
        &def,
        "service {\n  name = \"api\"\n  port = 9000\n  tags = [\"blue\"]\n}\n",
    )
    .expect("write definition");
    let (code, out, err) = a.ctl(&[
        "services", "register", "--name", "web", "--port", "80", "--tag", "v1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Registered service: web");
    let (code, out, err) = a.ctl(&["services", "register", def.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Registered service: api");

    let listed = wait_for(Duration::from_secs(15), || {
        let (_, out, _) = a.ctl(&["catalog", "services", "--tags"]);
        (out.contains("web") && out.contains("api")).then_some(out)
    })
    .expect("anti-entropy registers both");
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("api") && l.trim_end().ends_with("blue")),
        "{listed}"
    );
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("web") && l.trim_end().ends_with("v1")),
        "{listed}"
    );

    let (code, out, _) = a.ctl(&["catalog", "nodes"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(header, ["Node", "ID", "Address", "DC"]);
    assert!(lines.any(|l| l.starts_with("cli1")), "{out}");
    let (code, out, _) = a.ctl(&["catalog", "datacenters"]);
    assert_eq!((code, out.trim()), (0, "dc1"));
    let (code, out, _) = a.ctl(&["catalog", "nodes", "--service", "nope"]);
    assert_eq!(code, 0);
    assert!(out.trim().is_empty());

    // New services have no checks: passing.
    let (code, out, err) = a.ctl(&["health", "service", "web"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("cli1") && l.ends_with("passing")),
        "{out}"
    );
    let (code, out, _) = a.ctl(&["--format", "json", "health", "service", "web", "--passing"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["Service"]["Port"], 80);
    let (code, _, _) = a.ctl(&["health", "checks", "--state", "critical"]);
    assert_eq!(code, 2, "nothing critical: exit 2");

    let (code, out, err) = a.ctl(&["services", "deregister", "--id", "web"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Deregistered service: web");
    wait_for(Duration::from_secs(15), || {
        let (_, out, _) = a.ctl(&["catalog", "services"]);
        (!out.lines().any(|l| l == "web")).then_some(())
    })
    .expect("deregistered");
    let (code, _, err) = a.ctl(&["services", "register", "--port", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("name"), "{err}");
}
