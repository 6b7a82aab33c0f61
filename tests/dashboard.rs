//! `ctl tui` end to end: the dashboard runs in a real terminal (a detached tmux session) against a
//! real 3-server + 2-client cluster, driven with `tmux send-keys` and read with `capture-pane`. A
//! killed client agent shows as failed on the Nodes view; a registered service appears on the
//! Services view; each within a few seconds of the change, with no restart of the dashboard; a
//! key written from the KV view is readable with `ctl kv get`.

mod common;

use std::process::Command;
use std::time::Duration;

use common::cluster::Cluster;
use common::{bin, wait_for};

/// A dashboard in its own tmux session, killed on drop.
struct Dashboard {
    session: String,
}

impl Dashboard {
    fn start(http_addr: &str) -> Dashboard {
        let session = format!("ctl-tui-{}", std::process::id());
        let command = format!("{} tui --http-addr {http_addr}", bin());
        let st = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                "160",
                "-y",
                "48",
                &command,
            ])
            .env_remove("TMUX")
            .status()
            .expect("run tmux (install it; .ci/run does)");
        assert!(st.success(), "tmux new-session failed");
        Dashboard { session }
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        let st = Command::new("tmux")
            .args(&args)
            .status()
            .expect("tmux send-keys");
        assert!(st.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows something `f` accepts.
    fn wait(&self, limit: Duration, what: &str, f: impl Fn(&str) -> bool) {
        wait_for(limit, || f(&self.screen()).then_some(()))
            .unwrap_or_else(|| panic!("the dashboard never showed {what}:\n{}", self.screen()));
    }
}

impl Drop for Dashboard {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

#[test]
fn the_dashboard_follows_failures_and_new_services_live() {
    let mut c = Cluster::start(2);
    let d = Dashboard::start(&c.server(0).http_addr());
    d.keys(&["2"]);
    d.wait(Duration::from_secs(15), "both client agents alive", |s| {
        ["c0", "c1"]
            .iter()
            .all(|n| s.lines().any(|l| l.contains(n) && l.contains("alive")))
    });

    // A killed client agent is marked failed.
    c.clients[1].kill9();
    d.wait(Duration::from_secs(30), "c1 failed", |s| {
        s.lines().any(|l| l.contains("c1") && l.contains("failed"))
    });

    // A service registered meanwhile appears on the Services view.
    let r = common::http()
        .put(format!("{}/v1/catalog/register", c.server(0).http_addr()))
        .body(r#"{"Node":"ext9","Address":"10.9.9.9","Service":{"Service":"billing","Port":7000}}"#)
        .send()
        .expect("register");
    assert!(r.status().is_success());
    d.keys(&["3"]);
    d.wait(Duration::from_secs(10), "the billing service", |s| {
        s.contains("billing")
    });
    // A key written from the KV view (new key, value, confirm) is readable with `ctl kv get`.
    d.keys(&["7"]);
    d.keys(&["n"]);
    d.keys(&["-l", "from-dashboard"]);
    d.keys(&["Enter"]);
    d.keys(&["-l", "hello"]);
    d.keys(&["Enter"]);
    d.keys(&["y"]);
    let server = c.server(0);
    wait_for(Duration::from_secs(10), || {
        let (code, out, _) = server.ctl(&["kv", "get", "from-dashboard"]);
        (code == 0 && out.trim() == "hello").then_some(())
    })
    .unwrap_or_else(|| panic!("the dashboard's KV put never landed:\n{}", d.screen()));
    // q quits and the session's command ends.
    d.keys(&["q"]);
    d.wait(Duration::from_secs(5), "the dashboard exiting", |s| {
        !s.contains("1 Overview")
    });
}

#[test]
fn once_renders_a_view_as_plain_text() {
    let a = common::Agent::dev("oncenode");
    let addr = a.http_addr();
    let r = common::http()
        .put(format!("{addr}/v1/catalog/register"))
        .body(r#"{"Node":"ext1","Address":"10.1.1.1","Service":{"Service":"web","Port":80,"Tags":["v1"]}}"#)
        .send()
        .expect("register");
    assert!(r.status().is_success());
    let (code, out, err) = a.ctl(&["tui", "--once", "--view", "nodes"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .any(|l| l.contains("oncenode") && l.contains("alive")),
        "{out}"
    );
    assert_eq!(out.lines().count(), 24, "an 80x24 frame by default:\n{out}");
    let (code, out, err) = a.ctl(&[
        "tui", "--once", "--view", "services", "--width", "120", "--height", "30",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().any(|l| l.contains("web") && l.contains("v1")),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 120), "{out}");
    // An unreachable agent is a banner in the frame, not a crash.
    let (code, out, _) = common::ctl_with(
        &[
            "tui",
            "--once",
            "--http-addr",
            &format!("127.0.0.1:{}", common::closed_port()),
        ],
        &[],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.to_lowercase().contains("unreachable") || out.contains("error"),
        "{out}"
    );
}
