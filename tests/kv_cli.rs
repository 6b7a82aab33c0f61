//! End-to-end tests of the `ctl kv …`, `keygen`, `validate` and `info` commands against a real
//! dev agent: Consul's exact messages, which stream they go to, and exit codes.

mod common;

use common::{
    Agent, b64_decode, b64_encode, closed_port, ctl_plain, ctl_with, field_u64, kv_entry, kv_put,
    kv_value,
};

/// Expected `kv get --detailed` block (Go tabwriter: minwidth 0, tabwidth 2, padding 6).
fn detailed_block(e: &serde_json::Value, value: &str) -> String {
    let session = e["Session"]
        .as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or("-");
    let rows = [
        ("CreateIndex", field_u64(e, "CreateIndex").to_string()),
        ("Flags", field_u64(e, "Flags").to_string()),
        ("Key", e["Key"].as_str().expect("Key").to_string()),
        ("LockIndex", field_u64(e, "LockIndex").to_string()),
        ("ModifyIndex", field_u64(e, "ModifyIndex").to_string()),
        ("Session", session.to_string()),
        ("Value", value.to_string()),
    ];
    let mut s = String::new();
    for (k, v) in rows {
        s.push_str(&format!("{k:<17}{v}\n"));
    }
    s
}

// `kv put KEY DATA` prints Consul's success line and `kv get KEY` prints the raw value.
#[test]
fn put_then_get_prints_raw_value() {
    let a = Agent::dev("cli-put-get");
    let (code, out, err) = a.ctl(&["kv", "put", "foo", "bar"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: foo\n", "")
    );
    let (code, out, err) = a.ctl(&["kv", "get", "foo"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "bar\n", ""));
    // A leading slash is stripped, as in Consul.
    let (code, out, _) = a.ctl(&["kv", "get", "/foo"]);
    assert_eq!((code, out.as_str()), (0, "bar\n"));
    // Overwrite and omitted DATA (= empty value).
    let (code, _, _) = a.ctl(&["kv", "put", "foo", "baz"]);
    assert_eq!(code, 0);
    assert_eq!(
        kv_value(&a.http_addr(), "foo").as_deref(),
        Some(&b"baz"[..])
    );
    let (code, out, _) = a.ctl(&["kv", "put", "empty"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "Success! Data written to: empty\n")
    );
    assert_eq!(kv_value(&a.http_addr(), "empty").as_deref(), Some(&b""[..]));
}

// `kv get` of a missing key reports `Error! No key exists at: KEY` on stderr and exits 1.
#[test]
fn get_missing_key_errors() {
    let a = Agent::dev("cli-get-missing");
    let (code, out, err) = a.ctl(&["kv", "get", "nope"]);
    assert_eq!(code, 1, "stdout={out:?} stderr={err:?}");
    assert_eq!(out, "");
    assert_eq!(err.trim_end(), "Error! No key exists at: nope");
    // Missing KEY argument without --recurse/--keys.
    let (code, out, err) = a.ctl(&["kv", "get"]);
    assert_eq!(code, 1, "stdout={out:?} stderr={err:?}");
    assert!(
        err.contains("Error! Missing KEY argument"),
        "stderr={err:?}"
    );
}

// `kv put --flags N` stores the flags and `kv get --detailed` prints Consul's tabwriter block.
#[test]
fn flags_and_detailed() {
    let a = Agent::dev("cli-detailed");
    let (code, out, err) = a.ctl(&["kv", "put", "--flags", "42", "cfg/x", "hello world"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: cfg/x\n", "")
    );
    let e = kv_entry(&a.http_addr(), "cfg/x").expect("cfg/x exists");
    assert_eq!(field_u64(&e, "Flags"), 42);
    let (code, out, err) = a.ctl(&["kv", "get", "--detailed", "cfg/x"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, detailed_block(&e, "hello world"));
    // --detailed --base64 shows the value base64-encoded.
    let (code, out, _) = a.ctl(&["kv", "get", "--detailed", "--base64", "cfg/x"]);
    assert_eq!(code, 0);
    assert_eq!(out, detailed_block(&e, &b64_encode(b"hello world")));
}

// `kv get --recurse PREFIX` prints sorted `key:value` lines for exactly the keys under PREFIX.
#[test]
fn get_recurse_lists_pairs_under_prefix() {
    let a = Agent::dev("cli-recurse");
    for (k, v) in [
        ("app/b", "2"),
        ("app/a", "1"),
        ("app/sub/c", "3"),
        ("apple", "no"),
        ("other", "no"),
    ] {
        kv_put(&a.http_addr(), k, v.as_bytes());
    }
    let (code, out, err) = a.ctl(&["kv", "get", "--recurse", "app/"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "app/a:1\napp/b:2\napp/sub/c:3\n");
    // Without a trailing slash the prefix also matches `apple`.
    let (code, out, _) = a.ctl(&["kv", "get", "--recurse", "app"]);
    assert_eq!(code, 0);
    assert_eq!(out, "app/a:1\napp/b:2\napp/sub/c:3\napple:no\n");
    // --recurse --detailed separates blocks with a blank line.
    let (code, out, _) = a.ctl(&["kv", "get", "--recurse", "--detailed", "app/s"]);
    assert_eq!(code, 0);
    let e = kv_entry(&a.http_addr(), "app/sub/c").expect("app/sub/c");
    assert_eq!(out, detailed_block(&e, "3"));
}

// `kv get --keys` lists keys one per line, folding at the separator (default `/`, or `--separator`).
#[test]
fn get_keys_with_separator() {
    let a = Agent::dev("cli-keys");
    for k in [
        "web/a",
        "web/b",
        "web/sub/x",
        "web/sub/y",
        "s:1:x",
        "s:1:y",
        "s:2",
    ] {
        kv_put(&a.http_addr(), k, b"v");
    }
    let (code, out, err) = a.ctl(&["kv", "get", "--keys", "web/"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "web/a\nweb/b\nweb/sub/\n");
    let (code, out, _) = a.ctl(&["kv", "get", "--keys", "--separator", ":", "s:"]);
    assert_eq!(code, 0);
    assert_eq!(out, "s:1:\ns:2\n");
    // Empty separator: every key, no folding.
    let (code, out, _) = a.ctl(&["kv", "get", "--keys", "--separator", "", "web/"]);
    assert_eq!(code, 0);
    assert_eq!(out, "web/a\nweb/b\nweb/sub/x\nweb/sub/y\n");
}

// `kv delete KEY` removes only that key and prints `Success! Deleted key: KEY` (even if absent).
#[test]
fn delete_single_key() {
    let a = Agent::dev("cli-delete");
    kv_put(&a.http_addr(), "d/one", b"1");
    kv_put(&a.http_addr(), "d/one/two", b"2");
    let (code, out, err) = a.ctl(&["kv", "delete", "d/one"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Deleted key: d/one\n", "")
    );
    assert_eq!(kv_value(&a.http_addr(), "d/one"), None);
    assert_eq!(
        kv_value(&a.http_addr(), "d/one/two").as_deref(),
        Some(&b"2"[..])
    );
    let (code, out, _) = a.ctl(&["kv", "get", "d/one"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, out, _) = a.ctl(&["kv", "delete", "never-existed"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "Success! Deleted key: never-existed\n")
    );
}

// `kv delete --recurse PREFIX` removes every key under PREFIX and nothing else.
#[test]
fn delete_recurse() {
    let a = Agent::dev("cli-delete-recurse");
    for k in ["tree/a", "tree/b/c", "tree/b/d", "treehouse", "keep"] {
        kv_put(&a.http_addr(), k, b"v");
    }
    let (code, out, err) = a.ctl(&["kv", "delete", "--recurse", "tree/"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Deleted keys with prefix: tree/\n", "")
    );
    for k in ["tree/a", "tree/b/c", "tree/b/d"] {
        assert_eq!(kv_value(&a.http_addr(), k), None, "{k} should be deleted");
    }
    for k in ["treehouse", "keep"] {
        assert!(kv_value(&a.http_addr(), k).is_some(), "{k} should survive");
    }
}

// `kv put --cas` / `kv delete --cas` succeed only with the current ModifyIndex; failures say `CAS failed`, exit 1, change nothing.
#[test]
fn cas_put_and_delete() {
    let a = Agent::dev("cli-cas");
    let addr = a.http_addr();
    kv_put(&addr, "c", b"v1");
    let idx = field_u64(&kv_entry(&addr, "c").expect("c"), "ModifyIndex");

    // --cas without --modify-index is refused before anything is sent.
    let (code, _, err) = a.ctl(&["kv", "put", "--cas", "c", "nope"]);
    assert_eq!(code, 1, "stderr={err:?}");
    assert!(err.contains("modify-index"), "stderr={err:?}");
    assert_eq!(kv_value(&addr, "c").as_deref(), Some(&b"v1"[..]));

    // Wrong index: CAS failed.
    let wrong = (idx + 1000).to_string();
    let (code, out, err) = a.ctl(&["kv", "put", "--cas", "--modify-index", &wrong, "c", "v2"]);
    assert_eq!((code, out.as_str()), (1, ""), "stderr={err:?}");
    assert_eq!(err.trim_end(), "Error! Did not write to c: CAS failed");
    assert_eq!(kv_value(&addr, "c").as_deref(), Some(&b"v1"[..]));

    // Right index: written.
    let (code, out, err) = a.ctl(&[
        "kv",
        "put",
        "--cas",
        "--modify-index",
        &idx.to_string(),
        "c",
        "v2",
    ]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: c\n", "")
    );
    assert_eq!(kv_value(&addr, "c").as_deref(), Some(&b"v2"[..]));
    let idx2 = field_u64(&kv_entry(&addr, "c").expect("c"), "ModifyIndex");
    assert!(idx2 > idx);

    // The old index is now stale for delete too.
    let (code, out, err) = a.ctl(&[
        "kv",
        "delete",
        "--cas",
        "--modify-index",
        &idx.to_string(),
        "c",
    ]);
    assert_eq!((code, out.as_str()), (1, ""), "stderr={err:?}");
    assert_eq!(err.trim_end(), "Error! Did not delete key c: CAS failed");
    assert!(kv_value(&addr, "c").is_some());

    let (code, out, err) = a.ctl(&[
        "kv",
        "delete",
        "--cas",
        "--modify-index",
        &idx2.to_string(),
        "c",
    ]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Deleted key: c\n", "")
    );
    assert_eq!(kv_value(&addr, "c"), None);

    // --cas with --recurse is refused.
    kv_put(&addr, "c/x", b"1");
    let (code, _, err) = a.ctl(&[
        "kv",
        "delete",
        "--recurse",
        "--cas",
        "--modify-index",
        "5",
        "c/",
    ]);
    assert_eq!(code, 1, "stderr={err:?}");
    assert!(kv_value(&addr, "c/x").is_some());
}

// `--base64` decodes DATA on put and encodes the value on get; undecodable DATA is an error that writes nothing.
#[test]
fn base64_put_and_get() {
    let a = Agent::dev("cli-base64");
    let addr = a.http_addr();
    let bytes: Vec<u8> = vec![0, 159, 146, 150, 255, b'\n', b'x'];
    let enc = b64_encode(&bytes);
    let (code, out, err) = a.ctl(&["kv", "put", "--base64", "bin", &enc]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: bin\n", "")
    );
    assert_eq!(kv_value(&addr, "bin"), Some(bytes.clone()));
    let (code, out, _) = a.ctl(&["kv", "get", "--base64", "bin"]);
    assert_eq!((code, out.as_str()), (0, format!("{enc}\n").as_str()));
    let (code, out, _) = a.ctl(&["kv", "get", "--recurse", "--base64", "bi"]);
    assert_eq!((code, out.as_str()), (0, format!("bin:{enc}\n").as_str()));

    let (code, out, err) = a.ctl(&["kv", "put", "--base64", "bad", "!!!not base64!!!"]);
    assert_eq!((code, out.as_str()), (1, ""), "stderr={err:?}");
    assert!(
        err.contains("Error! Cannot base 64 decode data"),
        "stderr={err:?}"
    );
    assert_eq!(kv_value(&addr, "bad"), None);
}

// `kv put KEY @FILE` reads the file and `kv put KEY -` reads stdin, byte for byte.
#[test]
fn put_from_file_and_stdin() {
    let a = Agent::dev("cli-file-stdin");
    let addr = a.http_addr();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("license.lic");
    let content = "line one\nline two\n  trailing spaces  \n";
    std::fs::write(&path, content).expect("write file");
    let at = format!("@{}", path.display());
    let (code, out, err) = a.ctl(&["kv", "put", "from/file", &at]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: from/file\n", "")
    );
    assert_eq!(
        kv_value(&addr, "from/file"),
        Some(content.as_bytes().to_vec())
    );

    let (code, out, err) = a.ctl_stdin(&["kv", "put", "from/stdin", "-"], b"piped\ndata");
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Success! Data written to: from/stdin\n", "")
    );
    assert_eq!(kv_value(&addr, "from/stdin"), Some(b"piped\ndata".to_vec()));

    // Unreadable file: error, exit 1, nothing written.
    let missing = format!("@{}", dir.path().join("nope").display());
    let (code, out, err) = a.ctl(&["kv", "put", "from/missing", &missing]);
    assert_eq!((code, out.as_str()), (1, ""), "stderr={err:?}");
    assert!(!err.is_empty());
    assert_eq!(kv_value(&addr, "from/missing"), None);
}

// `kv export PREFIX` prints a JSON array of {key, flags, value(base64)}, and `kv import` of it (re-prefixed) recreates the entries.
#[test]
fn export_import_round_trip() {
    let a = Agent::dev("cli-export-import");
    let addr = a.http_addr();
    let (code, _, _) = a.ctl(&["kv", "put", "--flags", "7", "exp/a", "alpha"]);
    assert_eq!(code, 0);
    kv_put(&addr, "exp/b/c", b"two\nlines");
    kv_put(&addr, "exp/empty", b"");
    kv_put(&addr, "expelled", b"not under exp/");

    let (code, out, err) = a.ctl(&["kv", "export", "exp/"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let arr: Vec<serde_json::Value> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("export is not JSON ({e}): {out}"));
    let mut got: Vec<(String, u64, Vec<u8>)> = arr
        .iter()
        .map(|e| {
            (
                e["key"].as_str().expect("key").to_string(),
                e["flags"].as_u64().expect("flags"),
                b64_decode(e["value"].as_str().expect("value")).expect("value base64"),
            )
        })
        .collect();
    got.sort();
    let want = vec![
        ("exp/a".to_string(), 7, b"alpha".to_vec()),
        ("exp/b/c".to_string(), 0, b"two\nlines".to_vec()),
        ("exp/empty".to_string(), 0, Vec::new()),
    ];
    assert_eq!(got, want);

    // Re-prefix to imp/ and import from a file.
    let renamed: Vec<serde_json::Value> = arr
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let k = e["key"].as_str().expect("key").replacen("exp/", "imp/", 1);
            e["key"] = serde_json::Value::String(k);
            e
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dump.json");
    std::fs::write(&path, serde_json::to_string_pretty(&renamed).expect("json")).expect("write");
    let (code, out, err) = a.ctl(&["kv", "import", &format!("@{}", path.display())]);
    assert_eq!((code, err.as_str()), (0, ""), "stdout={out:?}");
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "Imported: imp/a",
            "Imported: imp/b/c",
            "Imported: imp/empty"
        ]
    );
    for (k, flags, v) in &want {
        let ik = k.replacen("exp/", "imp/", 1);
        let e = kv_entry(&addr, &ik).unwrap_or_else(|| panic!("{ik} was not imported"));
        assert_eq!(field_u64(&e, "Flags"), *flags, "{ik} flags");
        assert_eq!(kv_value(&addr, &ik).as_ref(), Some(v), "{ik} value");
    }

    // Import from stdin too.
    let one = r#"[{"key":"stdin/k","flags":3,"value":"aGk="}]"#;
    let (code, out, err) = a.ctl_stdin(&["kv", "import", "-"], one.as_bytes());
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "Imported: stdin/k\n", "")
    );
    assert_eq!(kv_value(&addr, "stdin/k").as_deref(), Some(&b"hi"[..]));

    // Garbage input: error, exit 1.
    let (code, _, err) = a.ctl(&["kv", "import", "this is not json"]);
    assert_eq!(code, 1, "stderr={err:?}");
    assert!(err.contains("Cannot unmarshal data"), "stderr={err:?}");
}

// `--format json` (accepted anywhere on the line) makes `kv get` print Consul's JSON entries array.
#[test]
fn get_format_json() {
    let a = Agent::dev("cli-json");
    let addr = a.http_addr();
    let (code, _, _) = a.ctl(&["kv", "put", "--flags", "9", "j/k", "value!"]);
    assert_eq!(code, 0);
    let e = kv_entry(&addr, "j/k").expect("j/k");
    for args in [
        vec!["--format", "json", "kv", "get", "j/k"],
        vec!["kv", "get", "--format", "json", "j/k"],
        vec!["kv", "get", "j/k", "--format", "json"],
    ] {
        let (code, out, err) = a.ctl(&args);
        assert_eq!((code, err.as_str()), (0, ""), "args={args:?}");
        let v: serde_json::Value = serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"));
        let arr = v
            .as_array()
            .unwrap_or_else(|| panic!("{args:?}: not an array: {v}"));
        assert_eq!(arr.len(), 1);
        let o = &arr[0];
        assert_eq!(o["Key"], "j/k");
        assert_eq!(o["Value"], b64_encode(b"value!"));
        assert_eq!(field_u64(o, "Flags"), 9);
        assert_eq!(field_u64(o, "CreateIndex"), field_u64(&e, "CreateIndex"));
        assert_eq!(field_u64(o, "ModifyIndex"), field_u64(&e, "ModifyIndex"));
        assert_eq!(field_u64(o, "LockIndex"), 0);
    }
    kv_put(&addr, "j/l", b"second");
    let (code, out, _) = a.ctl(&["kv", "get", "--recurse", "--format", "json", "j/"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("recurse JSON");
    let keys: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["Key"].as_str().expect("Key"))
        .collect();
    assert_eq!(keys, ["j/k", "j/l"]);
}

// `ctl keygen` prints a fresh base64 encoding of 32 random bytes (44 chars) each run.
#[test]
fn keygen_prints_fresh_32_byte_keys() {
    let (c1, k1, e1) = ctl_plain(&["keygen"]);
    let (c2, k2, _) = ctl_plain(&["keygen"]);
    assert_eq!((c1, c2), (0, 0), "stderr={e1:?}");
    let (k1, k2) = (k1.trim_end(), k2.trim_end());
    assert_eq!(k1.len(), 44, "{k1:?}");
    assert_eq!(b64_decode(k1).map(|b| b.len()), Some(32), "{k1:?}");
    assert_eq!(b64_decode(k2).map(|b| b.len()), Some(32), "{k2:?}");
    assert_ne!(k1, k2);
}

// `ctl validate` accepts valid JSON and HCL files (and a directory of them) with `Configuration is valid!`.
#[test]
fn validate_accepts_valid_json_and_hcl() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("a.json");
    std::fs::write(
        &json,
        r#"{"datacenter":"dc2","server":true,"bootstrap_expect":1,"data_dir":"/tmp/x"}"#,
    )
    .expect("write");
    let hcl = dir.path().join("b.hcl");
    std::fs::write(&hcl, "datacenter = \"dc2\"\nports { http = 8600 }\n").expect("write");
    for target in [&json, &hcl, &dir.path().to_path_buf()] {
        let t = target.to_str().expect("utf-8");
        let (code, out, err) = ctl_plain(&["validate", t]);
        assert_eq!(
            (code, out.trim_end(), err.as_str()),
            (0, "Configuration is valid!", ""),
            "validate {t}"
        );
    }
    let (code, out, _) = ctl_plain(&[
        "validate",
        json.to_str().expect("utf-8"),
        hcl.to_str().expect("utf-8"),
    ]);
    assert_eq!((code, out.trim_end()), (0, "Configuration is valid!"));
}

// `ctl validate` rejects an unknown key: exit 1, stderr names the file, the key and the value.
#[test]
fn validate_rejects_unknown_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unknown = dir.path().join("unknown.json");
    std::fs::write(
        &unknown,
        r#"{"datacenter":"dc2","bogus_setting":"zorglub"}"#,
    )
    .expect("write");
    let (code, out, err) = ctl_plain(&["validate", unknown.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "stdout={out:?} stderr={err:?}");
    assert!(!out.contains("Configuration is valid!"));
    assert!(
        err.contains("unknown.json"),
        "stderr should name the file: {err:?}"
    );
    assert!(
        err.contains("bogus_setting"),
        "stderr should name the key: {err:?}"
    );
    assert!(
        err.contains("zorglub"),
        "stderr should name the value: {err:?}"
    );
}

// `ctl validate` rejects a bad value (JSON or HCL): exit 1, stderr names the file, the key and the value; a directory with a bad file is invalid.
#[test]
fn validate_rejects_bad_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("a-good.json");
    std::fs::write(&good, r#"{"datacenter":"dc2"}"#).expect("write");
    let bad = dir.path().join("bad.hcl");
    std::fs::write(&bad, "datacenter = \"dc2\"\nports { http = 70000 }\n").expect("write");
    let (code, out, err) = ctl_plain(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "stdout={out:?} stderr={err:?}");
    assert!(
        err.contains("bad.hcl"),
        "stderr should name the file: {err:?}"
    );
    assert!(err.contains("http"), "stderr should name the key: {err:?}");
    assert!(
        err.contains("70000"),
        "stderr should name the value: {err:?}"
    );

    let bad_json = dir.path().join("bad.json");
    std::fs::write(&bad_json, r#"{"bootstrap_expect":"three"}"#).expect("write");
    let (code, _, err) = ctl_plain(&["validate", bad_json.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "stderr={err:?}");
    assert!(
        err.contains("bad.json") && err.contains("bootstrap_expect") && err.contains("three"),
        "stderr={err:?}"
    );

    // A directory holding one bad file is invalid as a whole.
    let (code, _, err) = ctl_plain(&["validate", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, 1, "stderr={err:?}");
}

// `ctl info` prints `/v1/agent/self` Stats as `section:` headers with tab-indented `key = value` lines.
#[test]
fn info_prints_raft_section() {
    let a = Agent::dev("cli-info");
    let (code, out, err) = a.ctl(&["info"]);
    assert_eq!((code, err.as_str()), (0, ""), "stdout={out}");
    let lines: Vec<&str> = out.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == "raft:")
        .unwrap_or_else(|| panic!("no `raft:` line in:\n{out}"));
    let section: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|l| l.starts_with('\t'))
        .copied()
        .collect();
    assert!(
        section.contains(&"\tstate = Leader"),
        "raft section: {section:?}"
    );
    for key in [
        "commit_index",
        "applied_index",
        "last_log_index",
        "last_snapshot_index",
        "num_peers",
    ] {
        let prefix = format!("\t{key} = ");
        let line = section
            .iter()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no `{key} = ` in raft section: {section:?}"));
        assert!(
            line[prefix.len()..].parse::<u64>().is_ok(),
            "{line:?} is not numeric"
        );
    }
    // Sections are sorted, as in Consul.
    let headers: Vec<&str> = lines
        .iter()
        .filter(|l| !l.starts_with('\t') && l.ends_with(':'))
        .copied()
        .collect();
    let mut sorted = headers.clone();
    sorted.sort();
    assert_eq!(headers, sorted);
}

// Any client command against a closed port fails with `error connecting to agent at <url>: <reason>` and exit 1.
#[test]
fn unreachable_agent_message() {
    let url = format!("http://127.0.0.1:{}", closed_port());
    let (code, out, err) = ctl_plain(&["kv", "get", "--http-addr", &url, "foo"]);
    assert_eq!((code, out.as_str()), (1, ""), "stderr={err:?}");
    let prefix = format!("error connecting to agent at {url}: ");
    assert!(
        err.starts_with(&prefix) && err.trim_end().len() > prefix.len(),
        "stderr={err:?}"
    );
    // Same through CTL_HTTP_ADDR and the CONSUL_HTTP_ADDR fallback, for put and info.
    let (code, _, err) = ctl_with(
        &["kv", "put", "foo", "bar"],
        &[("CTL_HTTP_ADDR", &url)],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.starts_with(&prefix), "stderr={err:?}");
    let (code, _, err) = ctl_with(&["info"], &[("CONSUL_HTTP_ADDR", &url)], None);
    assert_eq!(code, 1);
    assert!(err.starts_with(&prefix), "stderr={err:?}");
}

// The agent address comes from --http-addr, then CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR.
#[test]
fn http_addr_precedence() {
    let a = Agent::dev("cli-addr");
    let live = a.http_addr();
    let dead = format!("http://127.0.0.1:{}", closed_port());
    kv_put(&live, "where", b"here");
    // CONSUL_HTTP_ADDR alone works.
    let (code, out, _) = ctl_with(
        &["kv", "get", "where"],
        &[("CONSUL_HTTP_ADDR", &live)],
        None,
    );
    assert_eq!((code, out.as_str()), (0, "here\n"));
    // CTL_HTTP_ADDR beats CONSUL_HTTP_ADDR.
    let (code, out, _) = ctl_with(
        &["kv", "get", "where"],
        &[("CTL_HTTP_ADDR", &live), ("CONSUL_HTTP_ADDR", &dead)],
        None,
    );
    assert_eq!((code, out.as_str()), (0, "here\n"));
    // --http-addr beats both.
    let (code, out, _) = ctl_with(
        &["kv", "get", "--http-addr", &live, "where"],
        &[("CTL_HTTP_ADDR", &dead), ("CONSUL_HTTP_ADDR", &dead)],
        None,
    );
    assert_eq!((code, out.as_str()), (0, "here\n"));
    let (code, _, err) = ctl_with(
        &["kv", "get", "--http-addr", &dead, "where"],
        &[("CTL_HTTP_ADDR", &live)],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("error connecting to agent at {dead}")),
        "stderr={err:?}"
    );
}
