//! A rollout's progress and its lock, both kept in the cluster's KV store under the reserved
//! `_ctl/rollout/` prefix: progress so an interrupted wizard resumes from its stage (from any
//! machine), the lock so a second wizard cannot drive the cluster at the same time.
//!
//! The lock is a session-held key like `ctl lock`'s. A wizard that dies leaves its session to
//! expire; a new wizard on the same host that finds the holder's process gone takes the lock
//! over at once instead of waiting for the TTL.

use std::time::Duration;

use ctl_server::api::runtime::{ROLLOUT_LOCK_KEY, ROLLOUT_STATE_KEY, Rollout};
use ctl_server::client::Client;
use serde::{Deserialize, Serialize};

use crate::CliError;

/// The wizard's session TTL; it renews at a third of it.
const TTL: Duration = Duration::from_secs(15);

/// Who holds the lock, stored as its value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Holder {
    pub host: String,
    pub pid: u32,
    pub kind: String,
}

impl Holder {
    fn me(kind: &str) -> Holder {
        Holder {
            host: hostname(),
            pid: std::process::id(),
            kind: kind.to_string(),
        }
    }

    /// Whether the holder is a process on this host that no longer exists.
    fn is_gone(&self) -> bool {
        self.host == hostname() && !std::path::Path::new(&format!("/proc/{}", self.pid)).exists()
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} pid {}", self.host, self.pid)
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

/// The held lock; renewed in the background until released.
pub struct Lock {
    session: String,
    renew: tokio::task::JoinHandle<()>,
    pub holder: Holder,
}

impl Lock {
    /// Takes the rollout lock, or says who holds it.
    pub async fn acquire(client: &Client, kind: &str) -> Result<Lock, CliError> {
        let holder = Holder::me(kind);
        let value = serde_json::to_vec(&holder).map_err(|e| CliError::Failed(e.to_string()))?;
        let fail = |e: ctl_server::client::ClientError| {
            CliError::Failed(format!("taking the rollout lock: {e}"))
        };
        // A session belongs to the agent's node, which an agent registers in the catalog
        // shortly after it starts: right after a start, wait for that rather than fail.
        let body = serde_json::json!({
            "Name": format!("ctl operator rollout {kind}"),
            "TTL": format!("{}s", TTL.as_secs()),
            "LockDelay": "0s",
            "Behavior": "release",
        });
        let session = client
            .session_create_when_registered(&body, Duration::from_secs(30))
            .await
            .map_err(fail)?;
        for _ in 0..2 {
            if client
                .kv_lock(ROLLOUT_LOCK_KEY, value.clone(), 0, true, &session)
                .await
                .map_err(fail)?
            {
                let renew = tokio::spawn(renew(client.clone(), session.clone()));
                return Ok(Lock {
                    session,
                    renew,
                    holder,
                });
            }
            let current = client.kv_get(ROLLOUT_LOCK_KEY).await.map_err(fail)?;
            let Some(pair) = current else { continue };
            let other: Option<Holder> = serde_json::from_slice(&pair.value).ok();
            match (other, pair.session) {
                (Some(o), Some(s)) if o.is_gone() => {
                    eprintln!("==> The wizard that held the rollout ({o}) is gone; taking over");
                    client.session_destroy(&s).await.map_err(fail)?;
                }
                (Some(o), Some(_)) => {
                    let _ = client.session_destroy(&session).await;
                    return Err(CliError::Failed(format!(
                        "another rollout ({}) is being driven by {o}; refusing to start a \
                         second one (if that wizard is gone, its lock expires within {}s: run \
                         this again then to resume)",
                        o.kind,
                        TTL.as_secs() * 2
                    )));
                }
                // Released meanwhile: try again.
                _ => {}
            }
        }
        let _ = client.session_destroy(&session).await;
        Err(CliError::Failed(
            "could not take the rollout lock: it keeps changing hands".into(),
        ))
    }

    /// Gives the lock up.
    pub async fn release(self, client: &Client) {
        self.renew.abort();
        let _ = client
            .kv_lock(ROLLOUT_LOCK_KEY, Vec::new(), 0, false, &self.session)
            .await;
        let _ = client.session_destroy(&self.session).await;
    }
}

async fn renew(client: Client, session: String) {
    loop {
        tokio::time::sleep(TTL / 3).await;
        if let Ok(false) = client.session_renew(&session).await {
            eprintln!("==> Warning: the rollout lock's session expired");
            return;
        }
    }
}

/// The stored progress, if any.
pub async fn load(client: &Client) -> Result<Option<Rollout>, CliError> {
    let pair = client
        .kv_get(ROLLOUT_STATE_KEY)
        .await
        .map_err(|e| CliError::Failed(format!("reading the rollout's progress: {e}")))?;
    match pair {
        None => Ok(None),
        Some(p) => serde_json::from_slice(&p.value).map(Some).map_err(|e| {
            CliError::Failed(format!(
                "the rollout progress at {ROLLOUT_STATE_KEY} is not readable ({e}); delete it \
                 with `ctl kv delete {ROLLOUT_STATE_KEY}` once the cluster is as you want it"
            ))
        }),
    }
}

/// Stores the progress (an acknowledged KV write: on disk on a quorum).
pub async fn save(client: &Client, r: &mut Rollout) -> Result<(), CliError> {
    r.updated = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let body = serde_json::to_vec(r).map_err(|e| CliError::Failed(e.to_string()))?;
    client
        .kv_put(ROLLOUT_STATE_KEY, body, 0, None)
        .await
        .map_err(|e| CliError::Failed(format!("saving the rollout's progress: {e}")))?;
    Ok(())
}
