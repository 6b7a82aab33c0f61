//! `ctl watch` against a real agent: the handler gets the view's JSON on stdin at start and on
//! every change, and not for writes that leave the view unchanged.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Agent, bin, kv_put, wait_for};

#[test]
fn key_watch_runs_the_handler_on_every_change() {
    let a = Agent::dev("watch1");
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("events.txt");
    let script = dir.path().join("handler.sh");
    std::fs::write(
        &script,
        format!("cat >> {0}; echo >> {0}; echo --- >> {0}\n", out.display()),
    )
    .expect("write handler");
    let mut child = Command::new(bin())
        .args(["watch", "--type", "key", "--key", "w/k", "sh"])
        .arg(&script)
        .env("CTL_HTTP_ADDR", a.http_addr())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ctl watch");
    let read = || std::fs::read_to_string(&out).unwrap_or_default();
    let deliveries = |text: &str| text.matches("---").count();
    wait_for(Duration::from_secs(10), || {
        (deliveries(&read()) == 1).then_some(())
    })
    .expect("the initial view (no key yet: null)");
    assert!(read().starts_with("null"), "{}", read());
    kv_put(&a.http_addr(), "w/k", b"one");
    wait_for(Duration::from_secs(10), || {
        read().contains("b25l").then_some(())
    })
    .expect("the handler saw the new value (base64 of one)");
    // A write elsewhere does not deliver again; a change to the key does.
    kv_put(&a.http_addr(), "w/other", b"x");
    kv_put(&a.http_addr(), "w/k", b"two");
    wait_for(Duration::from_secs(10), || {
        read().contains("dHdv").then_some(())
    })
    .expect("the handler saw the second value");
    assert_eq!(deliveries(&read()), 3, "{}", read());
    let _ = child.kill();
    let _ = child.wait();
}
