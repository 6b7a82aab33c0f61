//! Session TTLs, kept by the leader: each session with a TTL gets a deadline of twice its TTL
//! (Consul's grace), reset by `/v1/session/renew` (forwarded to the leader) and, after a leader
//! change, started afresh — a new leader cannot know when the old one last saw a renewal. An
//! expired session is destroyed through Raft like any other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use super::SessionOp;
use crate::raft::{Command, RaftNode};

/// Deadlines by session ID.
#[derive(Default)]
pub struct Timers {
    deadlines: Mutex<HashMap<String, Instant>>,
}

fn grace(ttl: &str) -> Option<Duration> {
    crate::duration::parse(ttl)
        .ok()
        .filter(|d| !d.is_zero())
        .map(|d| d * 2)
}

impl Timers {
    /// Restarts a session's timer; `false` when the session has no TTL.
    pub fn renew(&self, id: &str, ttl: &str) -> bool {
        let Some(g) = grace(ttl) else { return false };
        if let Ok(mut d) = self.deadlines.lock() {
            d.insert(id.to_string(), Instant::now() + g);
        }
        true
    }
}

/// Runs until `shutdown`.
pub async fn run(node: RaftNode, timers: Arc<Timers>, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(250)) => {}
            _ = shutdown.wait_for(|s| *s) => return,
        }
        if !node.is_leader() {
            if let Ok(mut d) = timers.deadlines.lock() {
                d.clear();
            }
            continue;
        }
        let Ok(sessions) = super::list(node.state()) else {
            continue;
        };
        let now = Instant::now();
        let expired: Vec<String> = {
            let Ok(mut d) = timers.deadlines.lock() else {
                continue;
            };
            d.retain(|id, _| sessions.iter().any(|s| &s.id == id));
            for s in &sessions {
                if let Some(g) = grace(&s.ttl) {
                    d.entry(s.id.clone()).or_insert(now + g);
                }
            }
            d.iter()
                .filter(|(_, at)| **at <= now)
                .map(|(id, _)| id.clone())
                .collect()
        };
        for id in expired {
            tracing::info!("session {id} expired (TTL)");
            let op = SessionOp::Destroy {
                id: id.clone(),
                at_ms: crate::catalog::op::now_ms(),
            };
            if node.propose(Command::Session(op)).await.is_ok()
                && let Ok(mut d) = timers.deadlines.lock()
            {
                d.remove(&id);
            }
        }
    }
}
