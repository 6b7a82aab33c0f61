//! `ctl demo --no-tui`: the whole local cluster comes up as real processes, answers
//! `ctl members` with five alive members and DNS for `web.service.consul`, and on SIGINT stops
//! every process and removes its temporary data.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{ctl_with, spawn_lines, wait_for};

/// Pids of processes whose command line mentions `needle`.
fn pids_mentioning(needle: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(cmd) = std::fs::read(entry.path().join("cmdline"))
            && String::from_utf8_lossy(&cmd).contains(needle)
        {
            out.push(pid);
        }
    }
    out
}

#[test]
fn demo_comes_up_answers_and_cleans_up_on_sigint() {
    let (mut demo, rx) = spawn_lines(&["demo", "--no-tui"], &[], std::process::Stdio::inherit());
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !lines.iter().any(|l: &String| l.contains("Stop ")) {
        let left = deadline
            .checked_duration_since(Instant::now())
            .unwrap_or_else(|| panic!("the demo did not come up:\n{}", lines.join("\n")));
        match rx.recv_timeout(left) {
            Ok(l) => lines.push(l),
            Err(_) => panic!("the demo did not come up:\n{}", lines.join("\n")),
        }
    }
    let field = |name: &str| {
        lines
            .iter()
            .find_map(|l| l.trim_start().strip_prefix(name))
            .map(|rest| {
                rest.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .unwrap_or_else(|| panic!("no {name} line in:\n{}", lines.join("\n")))
    };
    let http = field("HTTP API");
    let dns = field("DNS");
    let data = field("Data");
    assert!(std::path::Path::new(&data).is_dir(), "{data}");
    let agents = pids_mentioning(&data);
    assert_eq!(agents.len(), 5, "agent processes: {agents:?}");

    let (code, members, err) = ctl_with(&["members"], &[("CTL_HTTP_ADDR", &http)], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(members.matches(" alive ").count(), 5, "{members}");
    if http == "http://127.0.0.1:8500" {
        // The default address: plain `ctl members` works without flags.
        let (code, plain, err) = ctl_with(&["members"], &[], None);
        assert_eq!(code, 0, "{err}");
        assert_eq!(plain.matches(" alive ").count(), 5, "{plain}");
    }
    let (ip, port) = dns.rsplit_once(':').expect("DNS host:port");
    let answer = wait_for(Duration::from_secs(20), || {
        let out = Command::new("dig")
            .args([
                &format!("@{ip}"),
                "-p",
                port,
                "+short",
                "web.service.consul",
            ])
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.contains("127.0.0.1").then_some(text)
    });
    assert!(
        answer.is_some(),
        "no DNS answer for web.service.consul on {dns}"
    );

    let sent = Command::new("kill")
        .args(["-INT", &demo.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = wait_for(Duration::from_secs(30), || demo.try_wait().ok().flatten())
        .expect("the demo did not stop after SIGINT");
    assert!(status.success(), "{status}");
    assert!(
        !std::path::Path::new(&data).exists(),
        "{data} was left behind"
    );
    let left = wait_for(Duration::from_secs(5), || {
        let alive: Vec<u32> = agents
            .iter()
            .copied()
            .filter(|p| std::path::Path::new(&format!("/proc/{p}")).exists())
            .collect();
        alive.is_empty().then_some(())
    });
    assert!(left.is_some(), "agent processes outlived the demo");
}
