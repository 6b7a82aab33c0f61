//! Runs one check until it is removed: probes on its interval (HTTP, TCP, script) or watches its
//! TTL, applies `success_before_passing` / `failures_before_critical`, and records each result in
//! the [`LocalState`]. The task holds only a weak reference, so removing the check (or the agent)
//! ends it.

use std::sync::Weak;
use std::time::{Duration, Instant};

use super::LocalState;
use super::definition::Probe;
use crate::catalog::Status;

pub async fn run(
    state: Weak<LocalState>,
    id: String,
    probe: Probe,
    interval: Duration,
    timeout: Duration,
) {
    if let Probe::Ttl(ttl) = probe {
        return watch_ttl(state, id, ttl).await;
    }
    let client = match &probe {
        Probe::Http {
            tls_skip_verify, ..
        } => {
            crate::install_crypto_provider();
            reqwest::Client::builder()
                .timeout(timeout)
                .danger_accept_invalid_certs(*tls_skip_verify)
                .build()
                .ok()
        }
        _ => None,
    };
    let (mut successes, mut failures) = (0u32, 0u32);
    // Spread checks registered together over their interval.
    tokio::time::sleep(interval.mul_f64(rand::random::<f64>() * 0.5)).await;
    loop {
        let (status, output) = probe_once(&probe, client.as_ref(), timeout).await;
        let Some(local) = state.upgrade() else { return };
        let (needed_ok, needed_fail) = match local.lock().checks.get(&id) {
            Some(c) => (c.def.success_before_passing, c.def.failures_before_critical),
            None => return,
        };
        match status {
            Status::Passing => {
                successes += 1;
                failures = 0;
            }
            Status::Critical => {
                failures += 1;
                successes = 0;
            }
            Status::Warning => {
                successes = 0;
                failures = 0;
            }
        }
        let hold = match status {
            Status::Passing => successes < needed_ok.max(1),
            Status::Critical => failures < needed_fail.max(1),
            Status::Warning => false,
        };
        if hold {
            // Not enough consecutive results yet: keep the status, show the latest output.
            let current = local.lock().checks.get(&id).map(|c| c.status);
            if let Some(current) = current {
                local.set_status(&id, current, output);
            }
        } else {
            local.set_status(&id, status, output);
        }
        drop(local);
        tokio::time::sleep(interval).await;
    }
}

async fn watch_ttl(state: Weak<LocalState>, id: String, ttl: Duration) {
    loop {
        let deadline = {
            let Some(local) = state.upgrade() else { return };
            match local.lock().checks.get(&id).and_then(|c| c.ttl_deadline) {
                Some(d) => d,
                None => return,
            }
        };
        if Instant::now() < deadline {
            tokio::time::sleep_until(deadline.into()).await;
            continue;
        }
        let Some(local) = state.upgrade() else { return };
        let expired = local.lock().checks.get(&id).is_some_and(|c| {
            c.ttl_deadline.is_some_and(|d| d <= Instant::now()) && c.status != Status::Critical
        });
        if expired {
            local.set_status(&id, Status::Critical, "TTL expired".into());
        }
        drop(local);
        // Wait for an update to move the deadline.
        tokio::time::sleep(ttl.min(Duration::from_millis(500))).await;
    }
}

async fn probe_once(
    probe: &Probe,
    client: Option<&reqwest::Client>,
    timeout: Duration,
) -> (Status, String) {
    match probe {
        Probe::Ttl(_) => (Status::Passing, String::new()),
        Probe::Http {
            url,
            method,
            header,
            body,
            ..
        } => {
            let Some(client) = client else {
                return (Status::Critical, "cannot build an HTTP client".into());
            };
            let Ok(m) = reqwest::Method::from_bytes(method.as_bytes()) else {
                return (Status::Critical, format!("invalid HTTP method {method:?}"));
            };
            let mut req = client.request(m, url);
            for (k, values) in header {
                for v in values {
                    req = req.header(k, v);
                }
            }
            if !body.is_empty() {
                req = req.body(body.clone());
            }
            match req.send().await {
                Ok(resp) => {
                    let code = resp.status();
                    let status = if code.is_success() {
                        Status::Passing
                    } else if code.as_u16() == 429 {
                        Status::Warning
                    } else {
                        Status::Critical
                    };
                    let text = resp.text().await.unwrap_or_default();
                    (
                        status,
                        format!("HTTP {method} {url}: {code} Output: {text}"),
                    )
                }
                Err(e) => (Status::Critical, format!("{method} {url:?}: {e}")),
            }
        }
        Probe::Tcp(addr) => {
            match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(addr.as_str())).await
            {
                Ok(Ok(_)) => (Status::Passing, format!("TCP connect {addr}: Success")),
                Ok(Err(e)) => (Status::Critical, format!("dial tcp {addr}: {e}")),
                Err(_) => (Status::Critical, format!("dial tcp {addr}: i/o timeout")),
            }
        }
        Probe::Script(args) => {
            let mut cmd = tokio::process::Command::new(&args[0]);
            cmd.args(&args[1..])
                .stdin(std::process::Stdio::null())
                .kill_on_drop(true);
            match tokio::time::timeout(timeout, cmd.output()).await {
                Ok(Ok(out)) => {
                    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
                    text.push_str(&String::from_utf8_lossy(&out.stderr));
                    let status = match out.status.code() {
                        Some(0) => Status::Passing,
                        Some(1) => Status::Warning,
                        _ => Status::Critical,
                    };
                    (status, text)
                }
                Ok(Err(e)) => (Status::Critical, format!("running {:?}: {e}", args[0])),
                Err(_) => (
                    Status::Critical,
                    format!("Timed out ({timeout:?}) running check"),
                ),
            }
        }
    }
}
