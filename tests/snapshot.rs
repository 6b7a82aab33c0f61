//! End-to-end: `ctl snapshot save | inspect | restore` against real agents. A snapshot restored
//! on a fresh agent reproduces the state exactly (every key, value, flag and index); a truncated
//! or corrupted file is refused and changes nothing.

mod common;

use common::Agent;

fn export(a: &Agent) -> serde_json::Value {
    let url = format!("{}/v1/kv/?recurse", a.http_addr());
    let resp = common::http().get(url).send().expect("GET recurse");
    resp.json().expect("JSON")
}

#[test]
fn save_inspect_restore_round_trip() {
    let src = Agent::dev("src");
    for i in 0..50 {
        let (code, _, err) = src.ctl(&[
            "kv",
            "put",
            &format!("app/key{i:02}"),
            &format!("value {i}"),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, _, err) = src.ctl(&["kv", "put", "--flags", "42", "app/flagged", "f"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = src.ctl(&["kv", "delete", "app/key07"]);
    assert_eq!(code, 0, "{err}");
    let before = export(&src);
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("backup.snap");
    let file_s = file.to_str().expect("utf-8");
    let (code, out, err) = src.ctl(&["snapshot", "save", file_s]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Saved and verified snapshot to index "),
        "{out}"
    );
    assert!(
        !dir.path().join("backup.snap.unverified").exists(),
        "the temporary file is renamed"
    );

    let (code, out, err) = src.ctl(&["snapshot", "inspect", file_s]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ID ") && out.contains("Index ") && out.contains("Total"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("KVS") && l.split_whitespace().nth(1) == Some("50")),
        "{out}"
    );

    // A fresh agent with different data takes the snapshot's state exactly.
    let dst = Agent::dev("dst");
    let (code, _, err) = dst.ctl(&["kv", "put", "unrelated", "gone after restore"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = dst.ctl(&["snapshot", "restore", file_s]);
    assert_eq!((code, out.trim()), (0, "Restored snapshot"), "{err}");
    assert_eq!(
        export(&dst),
        before,
        "the restored state equals the saved one"
    );

    // Damaged files are refused and change nothing.
    let data = std::fs::read(&file).expect("read snapshot");
    let truncated = dir.path().join("truncated.snap");
    std::fs::write(&truncated, &data[..data.len() / 2]).expect("write");
    let mut flipped = data.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let corrupt = dir.path().join("corrupt.snap");
    std::fs::write(&corrupt, &flipped).expect("write");
    let (code, _, _) = dst.ctl(&["kv", "put", "after", "restore"]);
    assert_eq!(code, 0);
    let state = export(&dst);
    for bad in [&truncated, &corrupt] {
        let (code, _, err) = dst.ctl(&["snapshot", "restore", bad.to_str().expect("utf-8")]);
        assert_eq!(code, 1, "a damaged snapshot must be refused");
        assert!(err.contains("Error verifying snapshot file"), "{err}");
        // The server refuses it too when sent directly.
        let resp = common::http()
            .put(format!("{}/v1/snapshot", dst.http_addr()))
            .body(std::fs::read(bad).expect("read"))
            .send()
            .expect("PUT /v1/snapshot");
        assert_eq!(resp.status().as_u16(), 400);
        assert!(resp.text().unwrap_or_default().contains("snapshot refused"));
    }
    assert_eq!(export(&dst), state, "refused snapshots changed nothing");
}
