//! Config parsing: JSON and HCL, merging, and bad inputs naming file, key and value.

use std::io::Write;

use serde_json::json;

use super::*;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    path
}

/// A JSON file and an HCL file with the same keys produce the same config.
#[test]
fn json_and_hcl_agree() {
    let dir = tempfile::tempdir().unwrap();
    let j = write(
        &dir,
        "a.json",
        r#"{"datacenter":"dc2","server":true,"bootstrap_expect":1,"data_dir":"/tmp/x","ports":{"http":8600}}"#,
    );
    let h = write(
        &dir,
        "a.hcl",
        "datacenter = \"dc2\"\nserver = true\nbootstrap_expect = 1\ndata_dir = \"/tmp/x\"\nports {\n  http = 8600\n}\n",
    );
    for path in [j, h] {
        let c = load(&Sources {
            files: vec![path],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.datacenter, "dc2");
        assert!(c.server);
        assert_eq!(c.bootstrap_expect, 1);
        assert_eq!(c.http_port, 8600);
        assert_eq!(c.data_dir.as_deref(), Some(std::path::Path::new("/tmp/x")));
    }
}

/// Later files merge over earlier ones, nested blocks merge key by key, and flags win over files.
#[test]
fn later_sources_win() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        &dir,
        "a.json",
        r#"{"datacenter":"one","data_dir":"/d","ports":{"http":1000,"server":2000}}"#,
    );
    let b = write(
        &dir,
        "b.hcl",
        "datacenter = \"two\"\nports { http = 1001 }\n",
    );
    let c = load(&Sources {
        files: vec![a, b],
        flags: json!({"node_name": "flagged"}),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(c.datacenter, "two");
    assert_eq!(c.http_port, 1001);
    assert_eq!(c.server_port, 2000);
    assert_eq!(c.node_name, "flagged");
    let c = load(&Sources {
        files: vec![dir.path().join("a.json")],
        flags: json!({"datacenter": "three"}),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(c.datacenter, "three");
}

/// A directory is read in lexical order and only .json/.hcl files count.
#[test]
fn directory_in_lexical_order() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "20-b.json", r#"{"datacenter":"second"}"#);
    write(
        &dir,
        "10-a.json",
        r#"{"datacenter":"first","data_dir":"/d"}"#,
    );
    write(&dir, "notes.txt", "not config");
    let c = load(&Sources {
        dirs: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(c.datacenter, "second");
}

/// An unknown key names the file and the key.
#[test]
fn unknown_key_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "bad.json", r#"{"data_dir":"/d","ports":{"htp":1}}"#);
    let err = load(&Sources {
        files: vec![p.clone()],
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("htp"), "{err}");
    let p = write(&dir, "bad.hcl", "datacentre = \"x\"\n");
    let err = load(&Sources {
        files: vec![p],
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("bad.hcl") && err.contains("datacentre"),
        "{err}"
    );
}

/// A bad value names the file, the key and the value.
#[test]
fn bad_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (r#"{"ports":{"http":"abc"}}"#, "ports.http", "abc"),
        (r#"{"ports":{"http":70000}}"#, "ports.http", "70000"),
        (
            r#"{"performance":{"raft_multiplier":11}}"#,
            "raft_multiplier",
            "11",
        ),
        (r#"{"datacenter":"DC 1"}"#, "datacenter", "DC 1"),
        (r#"{"log_level":"loud"}"#, "log_level", "loud"),
        (r#"{"bind_addr":"nowhere"}"#, "bind_addr", "nowhere"),
        (
            r#"{"raft_snapshot_interval":"soon"}"#,
            "raft_snapshot_interval",
            "soon",
        ),
    ];
    for (i, (text, key, value)) in cases.iter().enumerate() {
        let p = write(&dir, &format!("v{i}.json"), text);
        let err = load(&Sources {
            files: vec![p],
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains(&format!("v{i}.json")), "{err}");
        assert!(err.contains(key), "{err}");
        assert!(err.contains(value), "{err}");
    }
}

/// Malformed files are refused with the parser's reason.
#[test]
fn malformed_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("m.json", "{\"datacenter\": "),
        ("m.hcl", "ports {"),
        ("arr.json", "[1,2]"),
        ("x.yaml", "a: b"),
    ] {
        let p = write(&dir, name, text);
        let err = load(&Sources {
            files: vec![p],
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains(name), "{err}");
    }
}

/// Cross-key rules: data_dir is required outside dev, bootstrap_expect needs server.
#[test]
fn cross_key_rules() {
    assert!(
        load(&Sources::default())
            .unwrap_err()
            .to_string()
            .contains("data_dir")
    );
    let err = load(&Sources {
        flags: json!({"data_dir": "/d", "bootstrap_expect": 1}),
        ..Default::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("server"), "{err}");
    let dev = load(&Sources {
        dev: true,
        ..Default::default()
    })
    .unwrap();
    assert!(dev.server && dev.bootstrap_expect == 1 && dev.data_dir.is_none());
}
