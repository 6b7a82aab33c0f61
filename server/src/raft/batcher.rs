//! Group commit: concurrent writes share one Raft entry, so one fsync acknowledges them all.
//!
//! openraft 0.9 appends and flushes each client write on its own. The batcher takes every write
//! queued while the previous entries are being made durable, proposes them as one [`Request`], and
//! hands each caller its own [`Outcome`]. One entry is proposed at a time, so writes queue here
//! (and get batched) rather than in openraft's channel (where each would cost its own fsync).

use openraft::error::{ClientWriteError, RaftError};
use tokio::sync::{mpsc, oneshot};

use super::{Command, NodeId, Outcome, Raft, Request};

/// Commands in one entry.
const MAX_COMMANDS: usize = 1024;
/// Approximate bytes in one entry; a single larger command still goes alone.
const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Writes waiting for a batch; beyond this, callers wait (backpressure).
const QUEUE: usize = 8192;

/// Why a write was not applied.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ProposeError {
    #[error("not the leader")]
    NotLeader { leader: Option<NodeId> },
    #[error("raft: {0}")]
    Raft(String),
    #[error("the agent is shutting down")]
    Closed,
}

type Reply = oneshot::Sender<Result<(Outcome, u64), ProposeError>>;

/// Handle to the batching task.
#[derive(Clone)]
pub struct Batcher {
    tx: mpsc::Sender<(Command, Reply)>,
}

fn size_of(c: &Command) -> usize {
    use crate::kv::op::KvOp;
    match c {
        Command::Kv(KvOp::Set { key, value, .. } | KvOp::Cas { key, value, .. }) => {
            key.len() + value.len() + 32
        }
        Command::Kv(_) => 64,
        Command::Txn(ops) => {
            ops.len() * 128 + postcard::to_allocvec(ops).map(|v| v.len()).unwrap_or(0)
        }
        Command::Restore(pairs) => pairs.iter().map(|(k, v)| k.len() + v.len() + 8).sum(),
        Command::Catalog(crate::catalog::op::CatalogOp::Register { json, .. }) => json.len() + 32,
        Command::Catalog(_) => 128,
        Command::Session(_) => 256,
    }
}

impl Batcher {
    /// Starts the batching task; it ends when every handle is dropped.
    pub fn spawn(raft: Raft) -> Batcher {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(raft, rx));
        Batcher { tx }
    }

    /// Proposes one command and waits until it is committed and applied; returns its outcome and
    /// the log index it was applied at.
    pub async fn propose(&self, command: Command) -> Result<(Outcome, u64), ProposeError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send((command, reply))
            .await
            .map_err(|_| ProposeError::Closed)?;
        rx.await.map_err(|_| ProposeError::Closed)?
    }
}

async fn run(raft: Raft, mut rx: mpsc::Receiver<(Command, Reply)>) {
    // One entry in flight: the next batch collects everything that queued while this one was
    // being committed. Proposing here rather than on a task of its own saves a wake-up per write.
    while let Some(first) = rx.recv().await {
        let mut bytes = size_of(&first.0);
        let mut batch = vec![first];
        while batch.len() < MAX_COMMANDS && bytes < MAX_BYTES {
            match rx.try_recv() {
                Ok(item) => {
                    bytes += size_of(&item.0);
                    batch.push(item);
                }
                Err(_) => break,
            }
        }
        let (commands, replies): (Vec<Command>, Vec<Reply>) = batch.into_iter().unzip();
        let n = commands.len() as u64;
        let started = std::time::Instant::now();
        match raft.client_write(Request { commands }).await {
            Ok(resp) => {
                // Committed on a quorum and applied: Consul's commit time and apply count.
                crate::metrics::time("consul.raft.commitTime", Vec::new(), started.elapsed());
                crate::metrics::incr("consul.raft.apply", Vec::new(), n);
                let index = resp.log_id.index;
                for (reply, outcome) in replies.into_iter().zip(resp.data.outcomes) {
                    let _ = reply.send(Ok((outcome, index)));
                }
            }
            Err(e) => {
                let err = match e {
                    RaftError::APIError(ClientWriteError::ForwardToLeader(f)) => {
                        ProposeError::NotLeader {
                            leader: f.leader_id,
                        }
                    }
                    other => ProposeError::Raft(other.to_string()),
                };
                for reply in replies {
                    let _ = reply.send(Err(err.clone()));
                }
            }
        }
    }
}
