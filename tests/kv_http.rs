//! End-to-end tests of the Consul-compatible KV HTTP API (`/v1/kv`, `/v1/txn`) of a real dev agent:
//! status codes, bodies, headers, blocking queries, limits, and that bad input changes nothing.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::{Agent, b64_encode, field_u64, header_u64, http, kv_entry, kv_put, kv_value};
use serde_json::{Value, json};

/// (status, X-Consul-Index if present, body) of a request.
fn send(req: reqwest::blocking::RequestBuilder) -> (u16, Option<u64>, String) {
    let resp = req.send().expect("HTTP request");
    let status = resp.status().as_u16();
    let index = resp
        .headers()
        .get("X-Consul-Index")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.parse().ok());
    (status, index, resp.text().expect("body"))
}

// A blocking GET (?index=<current>&wait=30s) returns as soon as the key is written, with a higher index and the new value.
#[test]
fn blocking_query_wakes_on_write() {
    let a = Agent::dev("http-block-wake");
    let addr = a.http_addr();
    kv_put(&addr, "watched", b"before");
    let resp = http()
        .get(format!("{addr}/v1/kv/watched"))
        .send()
        .expect("GET");
    let idx = header_u64(&resp, "X-Consul-Index");

    let url = format!("{addr}/v1/kv/watched?index={idx}&wait=30s");
    let waiter = thread::spawn(move || {
        let start = Instant::now();
        let resp = http().get(url).send().expect("blocking GET");
        let status = resp.status().as_u16();
        let new_idx = header_u64(&resp, "X-Consul-Index");
        let body: Value = resp.json().expect("JSON");
        (start.elapsed(), status, new_idx, body)
    });
    // Give the blocking GET time to reach the agent; correctness does not depend on it.
    thread::sleep(Duration::from_millis(300));
    let write_at = Instant::now();
    kv_put(&addr, "watched", b"after");
    let (elapsed, status, new_idx, body) = waiter.join().expect("waiter thread");
    assert_eq!(status, 200);
    assert!(
        new_idx > idx,
        "X-Consul-Index did not advance: {idx} -> {new_idx}"
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "blocking GET took {elapsed:?}, it should wake on the write"
    );
    assert!(write_at.elapsed() < Duration::from_secs(10));
    assert_eq!(body[0]["Value"], b64_encode(b"after"));
}

// A blocking GET with no write returns after the wait (>= 1 s) with the same index.
#[test]
fn blocking_query_times_out_without_write() {
    let a = Agent::dev("http-block-timeout");
    let addr = a.http_addr();
    kv_put(&addr, "quiet", b"v");
    let resp = http()
        .get(format!("{addr}/v1/kv/quiet"))
        .send()
        .expect("GET");
    let idx = header_u64(&resp, "X-Consul-Index");
    let start = Instant::now();
    let resp = http()
        .get(format!("{addr}/v1/kv/quiet?index={idx}&wait=1s"))
        .send()
        .expect("GET");
    let elapsed = start.elapsed();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(header_u64(&resp, "X-Consul-Index"), idx);
    assert!(
        elapsed >= Duration::from_secs(1),
        "returned after {elapsed:?}, before the 1s wait"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "returned after {elapsed:?}, far beyond the 1s wait"
    );
    // A blocking GET on a missing key also waits and then 404s.
    let start = Instant::now();
    let (status, _, body) = send(http().get(format!("{addr}/v1/kv/absent?index={idx}&wait=1s")));
    assert_eq!((status, body.as_str()), (404, ""));
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "missing-key blocking GET returned after {:?}",
        start.elapsed()
    );
}

// As in Consul, a blocking GET whose ?index is ahead of the store's index still waits (it does not return at once).
#[test]
fn blocking_query_with_future_index_waits() {
    let a = Agent::dev("http-block-future");
    let addr = a.http_addr();
    kv_put(&addr, "f", b"v");
    let resp = http().get(format!("{addr}/v1/kv/f")).send().expect("GET");
    let idx = header_u64(&resp, "X-Consul-Index");
    let start = Instant::now();
    let resp = http()
        .get(format!("{addr}/v1/kv/f?index={}&wait=1s", idx + 1000))
        .send()
        .expect("GET");
    let elapsed = start.elapsed();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(
        elapsed >= Duration::from_secs(1),
        "index ahead of the store returned after {elapsed:?} instead of waiting 1s"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "returned after {elapsed:?}"
    );
}

// A blocking ?recurse GET on a prefix wakes when a new key appears under the prefix.
#[test]
fn blocking_recurse_wakes_on_new_key_under_prefix() {
    let a = Agent::dev("http-block-prefix");
    let addr = a.http_addr();
    kv_put(&addr, "p/one", b"1");
    let resp = http()
        .get(format!("{addr}/v1/kv/p/?recurse"))
        .send()
        .expect("GET");
    let idx = header_u64(&resp, "X-Consul-Index");
    let url = format!("{addr}/v1/kv/p/?recurse&index={idx}&wait=30s");
    let waiter = thread::spawn(move || {
        let start = Instant::now();
        let resp = http().get(url).send().expect("blocking GET");
        let new_idx = header_u64(&resp, "X-Consul-Index");
        let body: Value = resp.json().expect("JSON");
        (start.elapsed(), new_idx, body)
    });
    thread::sleep(Duration::from_millis(300));
    kv_put(&addr, "p/two", b"2");
    let (elapsed, new_idx, body) = waiter.join().expect("waiter thread");
    assert!(
        elapsed < Duration::from_secs(10),
        "blocking recurse GET took {elapsed:?}"
    );
    assert!(new_idx > idx);
    let keys: Vec<&str> = body
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["Key"].as_str().expect("Key"))
        .collect();
    assert_eq!(keys, ["p/one", "p/two"]);
}

// GET/PUT/DELETE basics: 404 with empty body, `true` bodies, ?raw, ?recurse, ?keys&separator, 400 on bare /v1/kv/.
#[test]
fn kv_basic_verbs() {
    let a = Agent::dev("http-basic");
    let addr = a.http_addr();
    let c = http();
    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/missing")));
    assert_eq!((status, body.as_str()), (404, ""));

    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/web/foo?flags=5")).body("foo-v"));
    assert_eq!((status, body.trim()), (200, "true"));
    kv_put(&addr, "web/bar", b"bar-v");
    kv_put(&addr, "web/sub/x", b"x");
    kv_put(&addr, "webby", b"w");

    let e = kv_entry(&addr, "web/foo").expect("web/foo");
    assert_eq!(e["Key"], "web/foo");
    assert_eq!(e["Value"], b64_encode(b"foo-v"));
    assert_eq!(field_u64(&e, "Flags"), 5);
    assert_eq!(field_u64(&e, "LockIndex"), 0);
    assert!(field_u64(&e, "CreateIndex") > 0);
    assert_eq!(field_u64(&e, "CreateIndex"), field_u64(&e, "ModifyIndex"));
    assert!(
        e.get("Session").is_none_or(|s| s.is_null()),
        "Session should be omitted: {e}"
    );

    let resp = c
        .get(format!("{addr}/v1/kv/web/foo?raw"))
        .send()
        .expect("raw GET");
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.bytes().expect("raw").as_ref(), b"foo-v");

    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/web/?recurse")));
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).expect("recurse JSON");
    let keys: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["Key"].as_str().expect("Key"))
        .collect();
    assert_eq!(keys, ["web/bar", "web/foo", "web/sub/x"]);

    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/web/?keys&separator=/")));
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("keys JSON"),
        json!(["web/bar", "web/foo", "web/sub/"])
    );
    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/web?keys")));
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("keys JSON"),
        json!(["web/bar", "web/foo", "web/sub/x", "webby"])
    );
    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/nothing/?recurse")));
    assert_eq!((status, body.as_str()), (404, ""));

    // Bare /v1/kv/ needs recurse or keys.
    let (status, _, _) = send(c.get(format!("{addr}/v1/kv/")));
    assert_eq!(status, 400);
    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/?keys")));
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body)
            .expect("keys JSON")
            .as_array()
            .map(Vec::len),
        Some(4)
    );

    // DELETE one, then a tree.
    let (status, _, body) = send(c.delete(format!("{addr}/v1/kv/webby")));
    assert_eq!((status, body.trim()), (200, "true"));
    assert_eq!(kv_value(&addr, "webby"), None);
    let (status, _, body) = send(c.delete(format!("{addr}/v1/kv/web/?recurse")));
    assert_eq!((status, body.trim()), (200, "true"));
    for k in ["web/foo", "web/bar", "web/sub/x"] {
        assert_eq!(kv_value(&addr, k), None, "{k} survived DELETE ?recurse");
    }
}

// ?cas on PUT and DELETE: 0 means create-only, a stale index yields `false` and changes nothing.
#[test]
fn kv_cas() {
    let a = Agent::dev("http-cas");
    let addr = a.http_addr();
    let c = http();
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/k?cas=0")).body("first"));
    assert_eq!((status, body.trim()), (200, "true"));
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/k?cas=0")).body("second"));
    assert_eq!((status, body.trim()), (200, "false"));
    assert_eq!(kv_value(&addr, "k").as_deref(), Some(&b"first"[..]));
    let idx = field_u64(&kv_entry(&addr, "k").expect("k"), "ModifyIndex");
    let (status, _, body) = send(
        c.put(format!("{addr}/v1/kv/k?cas={}", idx + 7))
            .body("third"),
    );
    assert_eq!((status, body.trim()), (200, "false"));
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/k?cas={idx}")).body("third"));
    assert_eq!((status, body.trim()), (200, "true"));
    let e = kv_entry(&addr, "k").expect("k");
    assert_eq!(e["Value"], b64_encode(b"third"));
    let idx2 = field_u64(&e, "ModifyIndex");
    assert!(idx2 > idx);
    assert_eq!(
        field_u64(&e, "CreateIndex"),
        idx,
        "CreateIndex must not move on update"
    );
    let (status, _, body) = send(c.delete(format!("{addr}/v1/kv/k?cas={idx}")));
    assert_eq!((status, body.trim()), (200, "false"));
    assert!(kv_value(&addr, "k").is_some());
    let (status, _, body) = send(c.delete(format!("{addr}/v1/kv/k?cas={idx2}")));
    assert_eq!((status, body.trim()), (200, "true"));
    assert_eq!(kv_value(&addr, "k"), None);
}

// Malformed query values get a 400 whose one-line body names the parameter, and change nothing.
#[test]
fn bad_query_values_are_rejected_and_change_nothing() {
    let a = Agent::dev("http-bad-input");
    let addr = a.http_addr();
    let c = http();
    kv_put(&addr, "guarded", b"original");
    let before = kv_entry(&addr, "guarded").expect("guarded");

    let cases: Vec<(&str, reqwest::blocking::RequestBuilder, &str)> = vec![
        (
            "GET ?index=abc",
            c.get(format!("{addr}/v1/kv/guarded?index=abc")),
            "index",
        ),
        (
            "GET ?index=-1",
            c.get(format!("{addr}/v1/kv/guarded?index=-1")),
            "index",
        ),
        (
            "GET ?wait=forever",
            c.get(format!("{addr}/v1/kv/guarded?index=1&wait=forever")),
            "wait",
        ),
        (
            "PUT ?flags=-1",
            c.put(format!("{addr}/v1/kv/guarded?flags=-1"))
                .body("changed"),
            "flags",
        ),
        (
            "PUT ?flags=abc",
            c.put(format!("{addr}/v1/kv/guarded?flags=abc"))
                .body("changed"),
            "flags",
        ),
        (
            "PUT ?flags=2^64",
            c.put(format!("{addr}/v1/kv/guarded?flags=18446744073709551616"))
                .body("changed"),
            "flags",
        ),
        (
            "PUT ?cas=x",
            c.put(format!("{addr}/v1/kv/guarded?cas=x")).body("changed"),
            "cas",
        ),
        (
            "PUT new key ?flags=-1",
            c.put(format!("{addr}/v1/kv/fresh?flags=-1"))
                .body("changed"),
            "flags",
        ),
        (
            "PUT new key ?cas=x",
            c.put(format!("{addr}/v1/kv/fresh?cas=x")).body("changed"),
            "cas",
        ),
        (
            "DELETE ?cas=x",
            c.delete(format!("{addr}/v1/kv/guarded?cas=x")),
            "cas",
        ),
        (
            "DELETE ?cas=-3",
            c.delete(format!("{addr}/v1/kv/guarded?cas=-3")),
            "cas",
        ),
    ];
    for (what, req, param) in cases {
        let (status, _, body) = send(req);
        assert_eq!(status, 400, "{what}: body={body:?}");
        let body = body.trim_end();
        assert!(
            !body.is_empty() && !body.contains('\n'),
            "{what}: body should be one line: {body:?}"
        );
        assert!(
            body.to_lowercase().contains(param),
            "{what}: body should name `{param}`: {body:?}"
        );
        let after = kv_entry(&addr, "guarded").unwrap_or_else(|| panic!("{what} deleted the key"));
        assert_eq!(after, before, "{what} changed the key");
        assert_eq!(kv_entry(&addr, "fresh"), None, "{what} created a key");
    }
    // The agent is still healthy and still accepts good writes.
    kv_put(&addr, "guarded", b"now changed");
    assert_eq!(
        kv_value(&addr, "guarded").as_deref(),
        Some(&b"now changed"[..])
    );
}

// Values up to 512 KiB (524288 bytes) are stored; one byte more is 413 and changes nothing.
#[test]
fn value_size_limit() {
    let a = Agent::dev("http-size");
    let addr = a.http_addr();
    let c = http();
    let max: Vec<u8> = (0..524_288u32).map(|i| (i % 251) as u8).collect();
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/big")).body(max.clone()));
    assert_eq!((status, body.trim()), (200, "true"));
    assert_eq!(kv_value(&addr, "big"), Some(max.clone()));
    let before = kv_entry(&addr, "big").expect("big");

    let over = vec![b'z'; 524_289];
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/big")).body(over.clone()));
    assert_eq!(status, 413, "body={body:?}");
    assert_eq!(
        kv_entry(&addr, "big"),
        Some(before),
        "oversized PUT changed the key"
    );
    let (status, _, _) = send(c.put(format!("{addr}/v1/kv/big2")).body(over));
    assert_eq!(status, 413);
    assert_eq!(kv_entry(&addr, "big2"), None, "oversized PUT created a key");
}

// PUT /v1/txn is all-or-nothing: 200 with Results when every op applies, 409 with Errors and no change when one fails.
#[test]
fn txn_all_or_nothing() {
    let a = Agent::dev("http-txn");
    let addr = a.http_addr();
    let c = http();
    let ok = json!([
        {"KV": {"Verb": "set", "Key": "t/a", "Value": b64_encode(b"A"), "Flags": 1}},
        {"KV": {"Verb": "set", "Key": "t/b", "Value": b64_encode(b"B")}},
        {"KV": {"Verb": "get", "Key": "t/a"}},
    ]);
    let (status, _, body) = send(c.put(format!("{addr}/v1/txn")).body(ok.to_string()));
    assert_eq!(status, 200, "body={body}");
    let v: Value = serde_json::from_str(&body).expect("txn JSON");
    let results = v["Results"]
        .as_array()
        .unwrap_or_else(|| panic!("no Results: {v}"));
    assert_eq!(results.len(), 3);
    assert_eq!(results[2]["KV"]["Key"], "t/a");
    assert_eq!(results[2]["KV"]["Value"], b64_encode(b"A"));
    assert!(
        v.get("Errors")
            .is_none_or(|e| e.is_null() || e.as_array().is_some_and(Vec::is_empty)),
        "{v}"
    );
    assert_eq!(kv_value(&addr, "t/a").as_deref(), Some(&b"A"[..]));
    assert_eq!(field_u64(&kv_entry(&addr, "t/a").expect("t/a"), "Flags"), 1);
    let a_before = kv_entry(&addr, "t/a").expect("t/a");
    let b_before = kv_entry(&addr, "t/b").expect("t/b");
    let a_idx = field_u64(&a_before, "ModifyIndex");

    // Second op fails (stale check-index): the first op must be rolled back.
    let bad = json!([
        {"KV": {"Verb": "set", "Key": "t/a", "Value": b64_encode(b"CHANGED")}},
        {"KV": {"Verb": "check-index", "Key": "t/b", "Index": a_idx + 1000}},
        {"KV": {"Verb": "set", "Key": "t/new", "Value": b64_encode(b"N")}},
        {"KV": {"Verb": "delete", "Key": "t/b"}},
    ]);
    let (status, _, body) = send(c.put(format!("{addr}/v1/txn")).body(bad.to_string()));
    assert_eq!(status, 409, "body={body}");
    let v: Value = serde_json::from_str(&body).expect("txn JSON");
    let errors = v["Errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no Errors: {v}"));
    assert!(!errors.is_empty());
    assert_eq!(errors[0]["OpIndex"], 1, "{v}");
    assert!(
        errors[0]["What"].as_str().is_some_and(|w| !w.is_empty()),
        "{v}"
    );
    assert_eq!(
        kv_entry(&addr, "t/a"),
        Some(a_before.clone()),
        "rolled-back txn changed t/a"
    );
    assert_eq!(
        kv_entry(&addr, "t/b"),
        Some(b_before.clone()),
        "rolled-back txn changed t/b"
    );
    assert_eq!(
        kv_entry(&addr, "t/new"),
        None,
        "rolled-back txn created t/new"
    );

    // check-not-exists failing on the last op also rolls back everything before it.
    let bad2 = json!([
        {"KV": {"Verb": "delete-tree", "Key": "t/a"}},
        {"KV": {"Verb": "set", "Key": "t/c", "Value": b64_encode(b"C")}},
        {"KV": {"Verb": "check-not-exists", "Key": "t/b"}},
    ]);
    let (status, _, body) = send(c.put(format!("{addr}/v1/txn")).body(bad2.to_string()));
    assert_eq!(status, 409, "body={body}");
    let v: Value = serde_json::from_str(&body).expect("txn JSON");
    assert_eq!(v["Errors"][0]["OpIndex"], 2, "{v}");
    assert_eq!(kv_entry(&addr, "t/c"), None, "rolled-back txn created t/c");
    assert_eq!(kv_entry(&addr, "t/a"), Some(a_before));
    assert_eq!(kv_entry(&addr, "t/b"), Some(b_before));

    // Malformed body: 400, nothing changes.
    let (status, _, _) = send(
        c.put(format!("{addr}/v1/txn"))
            .body("[{\"KV\": {\"Verb\": \"explode\", \"Key\": \"t/a\"}}]"),
    );
    assert!((400..500).contains(&status), "unknown verb got {status}");
    let (status, _, _) = send(c.put(format!("{addr}/v1/txn")).body("not json"));
    assert_eq!(status, 400);
    assert_eq!(kv_value(&addr, "t/a").as_deref(), Some(&b"A"[..]));
}

// ?dc=<other datacenter> is an error (500) and changes nothing; ?dc=dc1 is the local datacenter.
#[test]
fn dc_mismatch() {
    let a = Agent::dev("http-dc");
    let addr = a.http_addr();
    let c = http();
    kv_put(&addr, "dk", b"local");
    let before = kv_entry(&addr, "dk").expect("dk");
    let (status, _, body) = send(c.get(format!("{addr}/v1/kv/dk?dc=dc1")));
    assert_eq!(status, 200, "body={body}");
    let (status, _, _) = send(c.get(format!("{addr}/v1/kv/dk?dc=dc2")));
    assert_eq!(status, 500);
    let (status, _, _) = send(c.put(format!("{addr}/v1/kv/dk?dc=dc2")).body("remote"));
    assert_eq!(status, 500);
    let (status, _, _) = send(c.put(format!("{addr}/v1/kv/dk2?dc=dc2")).body("remote"));
    assert_eq!(status, 500);
    let (status, _, _) = send(c.delete(format!("{addr}/v1/kv/dk?dc=dc2")));
    assert_eq!(status, 500);
    assert_eq!(kv_entry(&addr, "dk"), Some(before));
    assert_eq!(kv_entry(&addr, "dk2"), None);
    let (status, _, body) = send(c.put(format!("{addr}/v1/kv/dk?dc=dc1")).body("still local"));
    assert_eq!((status, body.trim()), (200, "true"));
}

// Reads carry X-Consul-Index (>= the entry's ModifyIndex), X-Consul-KnownLeader: true and X-Consul-LastContact: 0 on the leader.
#[test]
fn consistency_headers() {
    let a = Agent::dev("http-headers");
    let addr = a.http_addr();
    let c = http();
    kv_put(&addr, "h/1", b"a");
    kv_put(&addr, "h/2", b"b");
    let m1 = field_u64(&kv_entry(&addr, "h/1").expect("h/1"), "ModifyIndex");
    let m2 = field_u64(&kv_entry(&addr, "h/2").expect("h/2"), "ModifyIndex");
    for (url, min) in [
        (format!("{addr}/v1/kv/h/1"), m1),
        (format!("{addr}/v1/kv/h/1?stale"), m1),
        (format!("{addr}/v1/kv/h/1?consistent"), m1),
        (format!("{addr}/v1/kv/h/?recurse"), m2),
        (format!("{addr}/v1/kv/h/?keys"), m2),
    ] {
        let resp = c.get(&url).send().expect("GET");
        assert_eq!(resp.status().as_u16(), 200, "{url}");
        let idx = header_u64(&resp, "X-Consul-Index");
        assert!(
            idx >= min,
            "{url}: X-Consul-Index {idx} < ModifyIndex {min}"
        );
        let h = resp.headers();
        assert_eq!(
            h.get("X-Consul-KnownLeader").and_then(|v| v.to_str().ok()),
            Some("true"),
            "{url}"
        );
        assert_eq!(
            h.get("X-Consul-LastContact").and_then(|v| v.to_str().ok()),
            Some("0"),
            "{url}"
        );
    }
    // The index on a 404 is still present and non-zero.
    let resp = c
        .get(format!("{addr}/v1/kv/h/missing"))
        .send()
        .expect("GET");
    assert_eq!(resp.status().as_u16(), 404);
    assert!(header_u64(&resp, "X-Consul-Index") > 0);
    // Writes advance the index.
    let resp = c
        .get(format!("{addr}/v1/kv/h/?recurse"))
        .send()
        .expect("GET");
    let before = header_u64(&resp, "X-Consul-Index");
    kv_put(&addr, "h/3", b"c");
    let resp = c
        .get(format!("{addr}/v1/kv/h/?recurse"))
        .send()
        .expect("GET");
    assert!(header_u64(&resp, "X-Consul-Index") > before);
}

// /v1/agent/self reports dc1, the node name and a raft leader; /v1/status/leader and /v1/status/peers agree.
#[test]
fn agent_self_and_status() {
    let a = Agent::dev("http-self");
    let v = a.agent_self();
    assert_eq!(v["Config"]["Datacenter"], "dc1", "{v}");
    assert_eq!(v["Config"]["NodeName"], "http-self", "{v}");
    assert_eq!(v["Stats"]["raft"]["state"], "Leader", "{}", v["Stats"]);
    let (status, _, body) = send(http().get(format!("{}/v1/status/peers", a.http_addr())));
    assert_eq!(status, 200);
    let (_, _, leader) = send(http().get(format!("{}/v1/status/leader", a.http_addr())));
    let peers: Value = serde_json::from_str(&body).expect("peers JSON");
    let leader: Value = serde_json::from_str(&leader).expect("leader JSON");
    assert_eq!(peers, json!([leader]));
}
