//! `ctl watch --type key|keyprefix|services|nodes|service|checks|event …`: follows a view with
//! blocking queries and, on every change, prints its JSON or runs a handler with the JSON on
//! stdin (Consul's `watch`).

use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::Value;

use crate::CliError;
use crate::flags::ConnectionFlags;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchType {
    Key,
    Keyprefix,
    Services,
    Nodes,
    Service,
    Checks,
    Event,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// What to watch.
    #[arg(long = "type", value_enum)]
    pub kind: WatchType,
    /// The key (`--type key`).
    #[arg(long)]
    pub key: Option<String>,
    /// The key prefix (`--type keyprefix`).
    #[arg(long)]
    pub prefix: Option<String>,
    /// The service (`--type service`, or checks of one service with `--type checks`).
    #[arg(long)]
    pub service: Option<String>,
    /// Only instances with this tag (`--type service`).
    #[arg(long)]
    pub tag: Option<String>,
    /// Only passing instances (`--type service`).
    #[arg(long)]
    pub passingonly: bool,
    /// Check state (`--type checks`): any, passing, warning or critical.
    #[arg(long)]
    pub state: Option<String>,
    /// Event name (`--type event`).
    #[arg(long)]
    pub name: Option<String>,
    /// Handler command, run through `sh -c` with the JSON on stdin; without one, the JSON is
    /// printed.
    #[arg(trailing_var_arg = true)]
    pub handler: Vec<String>,
}

fn need(v: &Option<String>, flag: &str, kind: &str) -> Result<String, CliError> {
    v.clone()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| CliError::Failed(format!("Must specify {flag} for {kind} watch")))
}

/// Query-string pairs of a request.
type Query = Vec<(&'static str, String)>;

/// The endpoint and query of a watch.
fn target(a: &WatchArgs) -> Result<(String, Query), CliError> {
    Ok(match a.kind {
        WatchType::Key => (format!("/v1/kv/{}", need(&a.key, "--key", "key")?), vec![]),
        WatchType::Keyprefix => (
            format!("/v1/kv/{}", need(&a.prefix, "--prefix", "keyprefix")?),
            vec![("recurse", String::new())],
        ),
        WatchType::Services => ("/v1/catalog/services".into(), vec![]),
        WatchType::Nodes => ("/v1/catalog/nodes".into(), vec![]),
        WatchType::Service => {
            let mut q = Vec::new();
            if a.passingonly {
                q.push(("passing", String::new()));
            }
            if let Some(t) = &a.tag {
                q.push(("tag", t.clone()));
            }
            (
                format!(
                    "/v1/health/service/{}",
                    need(&a.service, "--service", "service")?
                ),
                q,
            )
        }
        WatchType::Checks => match &a.service {
            Some(s) => (format!("/v1/health/checks/{s}"), vec![]),
            None => (
                format!("/v1/health/state/{}", a.state.as_deref().unwrap_or("any")),
                vec![],
            ),
        },
        WatchType::Event => {
            let q = a.name.iter().map(|n| ("name", n.clone())).collect();
            ("/v1/event/list".into(), q)
        }
    })
}

async fn deliver(view: &Value, handler: &[String]) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(view).unwrap_or_default();
    if handler.is_empty() {
        return crate::output::line(&text);
    }
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(handler.join(" "))
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| CliError::Failed(format!("Error executing handler: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        use tokio::io::AsyncWriteExt;
        let _ = stdin.write_all(text.as_bytes()).await;
    }
    let status = child
        .wait()
        .await
        .map_err(|e| CliError::Failed(format!("Error executing handler: {e}")))?;
    if !status.success() {
        eprintln!("Error executing handler: {status}");
    }
    Ok(())
}

pub async fn run(a: WatchArgs) -> Result<(), CliError> {
    let (path, query) = target(&a)?;
    let client = a.conn.client()?;
    let mut index = 0u64;
    let mut last: Option<Value> = None;
    loop {
        let (at, view) = match client
            .get_blocking(&path, &query, index, Duration::from_secs(300))
            .await
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("Error querying {path}: {e} (retrying)");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        // An index that went backwards (a restore, a new leader's view) starts over.
        index = if at < index { 0 } else { at };
        if last.as_ref() != Some(&view) {
            deliver(&view, &a.handler).await?;
            last = Some(view);
        }
    }
}
