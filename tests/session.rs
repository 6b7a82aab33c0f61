//! Sessions and KV locks against real agents: acquire/release with LockIndex and Session in the
//! entry, one holder at a time, lock-delay after invalidation, `delete` behaviour, TTL expiry and
//! renewal, TTL limits, and a session ending when its node's agent is killed (serfHealth
//! critical) releasing its lock.

mod common;

use std::time::{Duration, Instant};

use common::{Agent, http, kv_entry, serf_passing, wait_for};
use serde_json::{Value, json};

fn put(addr: &str, path: &str, body: Option<Value>) -> (u16, String) {
    let mut req = http().put(format!("{addr}{path}"));
    if let Some(b) = body {
        req = req.body(b.to_string());
    }
    let r = req.send().expect("put");
    (r.status().as_u16(), r.text().unwrap_or_default())
}

fn create(addr: &str, body: Value) -> String {
    let (code, text) = put(addr, "/v1/session/create", Some(body));
    assert_eq!(code, 200, "{text}");
    let v: Value = serde_json::from_str(&text).expect("json");
    v["ID"].as_str().expect("ID").to_string()
}

#[test]
fn locks_are_exclusive_and_sessions_end_as_consul_says() {
    let a = Agent::dev("ses1");
    let addr = a.http_addr();
    wait_for(Duration::from_secs(10), || {
        serf_passing(&addr, "ses1").then_some(())
    })
    .expect("the agent's node is registered");

    let s1 = create(&addr, json!({"Name": "one", "LockDelay": "1s"}));
    let s2 = create(&addr, json!({"Name": "two"}));
    let info: Value = http()
        .get(format!("{addr}/v1/session/info/{s1}"))
        .send()
        .expect("info")
        .json()
        .expect("json");
    assert_eq!(info[0]["Node"], "ses1");
    assert_eq!(info[0]["NodeChecks"], json!(["serfHealth"]));
    assert_eq!(info[0]["LockDelay"], 1_000_000_000u64);
    assert_eq!(info[0]["Behavior"], "release");

    // One holder at a time; the holder may update; LockIndex counts acquisitions.
    assert_eq!(
        put(
            &addr,
            &format!("/v1/kv/lock?acquire={s1}"),
            Some(json!("a"))
        )
        .1,
        "true"
    );
    assert_eq!(
        put(
            &addr,
            &format!("/v1/kv/lock?acquire={s2}"),
            Some(json!("b"))
        )
        .1,
        "false"
    );
    assert_eq!(
        put(
            &addr,
            &format!("/v1/kv/lock?acquire={s1}"),
            Some(json!("c"))
        )
        .1,
        "true"
    );
    let e = kv_entry(&addr, "lock").expect("entry");
    assert_eq!(e["Session"], s1.as_str());
    assert_eq!(e["LockIndex"], 1);
    assert_eq!(
        put(&addr, &format!("/v1/kv/lock?release={s2}"), None).1,
        "false"
    );
    assert_eq!(
        put(&addr, &format!("/v1/kv/lock?release={s1}"), None).1,
        "true"
    );
    assert!(
        kv_entry(&addr, "lock")
            .expect("entry")
            .get("Session")
            .is_none_or(Value::is_null)
    );
    assert_eq!(
        put(&addr, &format!("/v1/kv/lock?acquire={s2}"), None).1,
        "true"
    );
    assert_eq!(kv_entry(&addr, "lock").expect("entry")["LockIndex"], 2);
    assert_eq!(put(&addr, "/v1/kv/lock?acquire=not-a-session", None).0, 500);

    // Destroying the holder releases the lock and starts the lock-delay.
    assert_eq!(
        put(&addr, "/v1/kv/other?acquire=".to_string().as_str(), None).0,
        500
    );
    assert_eq!(
        put(&addr, &format!("/v1/kv/held?acquire={s1}"), None).1,
        "true"
    );
    assert_eq!(
        put(&addr, &format!("/v1/session/destroy/{s1}"), None).1,
        "true"
    );
    assert!(
        kv_entry(&addr, "held")
            .expect("kept")
            .get("Session")
            .is_none_or(Value::is_null)
    );
    let destroyed = Instant::now();
    let mut refused = false;
    let got = wait_for(Duration::from_secs(5), || {
        let ok = put(&addr, &format!("/v1/kv/held?acquire={s2}"), None).1 == "true";
        if !ok {
            refused = true;
        }
        ok.then(Instant::now)
    })
    .expect("acquired after the lock-delay");
    assert!(refused, "the lock-delay refused an immediate acquire");
    assert!(got.duration_since(destroyed) >= Duration::from_millis(900));

    // Behaviour delete removes held keys when the session ends.
    let s3 = create(&addr, json!({"Behavior": "delete", "LockDelay": "0s"}));
    assert_eq!(
        put(
            &addr,
            &format!("/v1/kv/ephemeral?acquire={s3}"),
            Some(json!(1))
        )
        .1,
        "true"
    );
    put(&addr, &format!("/v1/session/destroy/{s3}"), None);
    assert!(kv_entry(&addr, "ephemeral").is_none());

    // TTL limits, renewal, expiry (Consul's grace: twice the TTL).
    let (code, text) = put(&addr, "/v1/session/create", Some(json!({"TTL": "5s"})));
    assert_eq!(code, 400);
    assert!(text.contains("Invalid Session TTL"), "{text}");
    let t = create(&addr, json!({"TTL": "10s", "LockDelay": "0s"}));
    let (code, text) = put(&addr, &format!("/v1/session/renew/{t}"), None);
    assert_eq!(code, 200, "{text}");
    assert_eq!(put(&addr, "/v1/session/renew/unknown", None).0, 404);
    assert_eq!(
        put(&addr, &format!("/v1/kv/ttl?acquire={t}"), None).1,
        "true"
    );
    wait_for(Duration::from_secs(30), || {
        let v: Value = http()
            .get(format!("{addr}/v1/session/info/{t}"))
            .send()
            .ok()?
            .json()
            .ok()?;
        v.as_array()?.is_empty().then_some(())
    })
    .expect("the TTL session expired");
    assert!(
        kv_entry(&addr, "ttl")
            .expect("released")
            .get("Session")
            .is_none_or(Value::is_null)
    );
    let list: Value = http()
        .get(format!("{addr}/v1/session/node/ses1"))
        .send()
        .expect("node")
        .json()
        .expect("json");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "only s2 is left: {list}"
    );
}

#[test]
fn a_session_ends_when_its_agent_dies() {
    let cfg = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("tmp");
    std::fs::write(
        cfg.path(),
        r#"{"gossip_lan":{"probe_interval":"100ms","probe_timeout":"100ms","gossip_interval":"100ms","suspicion_mult":3}}"#,
    )
    .expect("write config");
    let cfg_path = cfg.path().to_str().expect("utf-8").to_string();
    let server = Agent::dev_with("sess", &["--bind", "127.0.0.1", "--config-file", &cfg_path]);
    let addr = server.http_addr();
    let mut client = Agent::client("sesc", &["--join", &server.gossip_addr()]);
    wait_for(Duration::from_secs(15), || {
        serf_passing(&addr, "sesc").then_some(())
    })
    .expect("client registered");
    // A session for the client's node, created through the client (forwarded to the leader).
    let id = create(&client.http_addr(), json!({"LockDelay": "0s"}));
    assert_eq!(
        put(&addr, &format!("/v1/kv/leader?acquire={id}"), None).1,
        "true"
    );
    client.kill9();
    wait_for(Duration::from_secs(30), || {
        kv_entry(&addr, "leader")?
            .get("Session")
            .is_none_or(Value::is_null)
            .then_some(())
    })
    .unwrap_or_else(|| {
        panic!(
            "the lock is not released after the holder's node failed; serfHealth passing: {}",
            serf_passing(&addr, "sesc")
        )
    });
}

#[test]
fn kv_put_acquires_and_releases_from_the_console() {
    let a = Agent::dev("ses2");
    let addr = a.http_addr();
    wait_for(Duration::from_secs(10), || {
        serf_passing(&addr, "ses2").then_some(())
    })
    .expect("the agent's node is registered");
    let id = create(&addr, json!({}));
    let (code, out, err) = a.ctl(&[
        "kv",
        "put",
        "--acquire",
        "--session",
        &id,
        "svc/leader",
        "me",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Success! Lock acquired on: svc/leader");
    let other = create(&addr, json!({}));
    let (code, _, err) = a.ctl(&[
        "kv",
        "put",
        "--acquire",
        "--session",
        &other,
        "svc/leader",
        "you",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("Did not acquire lock"), "{err}");
    let (code, out, err) = a.ctl(&[
        "kv",
        "put",
        "--release",
        "--session",
        &id,
        "svc/leader",
        "done",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Success! Lock released on: svc/leader");
    let (code, _, err) = a.ctl(&["kv", "put", "--acquire", "svc/leader"]);
    assert_eq!(code, 1);
    assert!(err.contains("--session"), "{err}");
}
