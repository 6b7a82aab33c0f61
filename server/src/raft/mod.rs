//! Consensus: openraft 0.9 (storage-v2) over one sled database and a segment-file log per agent.
//!
//! `log_store` keeps votes (in sled) and the log (in `wal` segment files): a follower fsyncs
//! before openraft is told an append is durable, the leader replicates while its own fsync runs,
//! and `durability` holds back applying, the commit index sent to followers and the saved commit
//! until the leader's copy is on disk;
//! `state_machine` applies commands to the replicated trees and builds snapshots; `batcher` packs
//! concurrent client writes into one log entry so one fsync acknowledges many writes (openraft 0.9
//! flushes each `append` separately); `network` carries Raft RPCs; `node` assembles them.

// openraft's storage traits fix `StorageError` (large) as the error type; the helpers that feed
// them return it too rather than boxing and unboxing at every call.
#![allow(clippy::result_large_err)]

pub mod batcher;
pub mod durability;
pub mod log_store;
pub mod membership;
pub mod network;
pub mod node;
pub mod overlay;
pub mod state;
pub mod state_machine;
pub mod wal;

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::catalog::op::CatalogOp;
use crate::kv::op::KvOp;
use crate::kv::txn::{TxnOp, TxnOutcome};

pub use node::{RaftNode, WriteError};

/// A Raft node id, derived from the agent's persisted node UUID.
pub type NodeId = u64;

/// The Raft id for a node UUID: its first eight bytes (0 for a malformed id, which no real
/// server has: ids are checked when the agent starts).
pub fn raft_id(node_id: &str) -> NodeId {
    let bytes = uuid::Uuid::parse_str(node_id)
        .map(|u| *u.as_bytes())
        .unwrap_or_default();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    u64::from_be_bytes(first)
}

openraft::declare_raft_types!(
    /// Our Raft type configuration.
    pub TypeConfig:
        D = Request,
        R = Response,
        NodeId = NodeId,
        Node = ServerNode,
        SnapshotData = Cursor<Vec<u8>>,
);

/// A server as Raft's membership records it. Persisted: append fields at the end only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerNode {
    /// Server RPC address, `ip:port`.
    pub addr: String,
    /// The agent's node UUID (what operators see as the server's ID).
    pub node_id: String,
    /// The agent's node name.
    pub name: String,
}

/// The openraft handle for our types.
pub type Raft = openraft::Raft<TypeConfig>;

/// One replicated change. Stored in the log: variants are append-only, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Kv(KvOp),
    Txn(Vec<TxnOp>),
    /// Replace the whole replicated state with these pairs (`snapshot restore`).
    Restore(overlay::Pairs),
    Catalog(CatalogOp),
    Session(crate::session::SessionOp),
}

/// What a command did. Variants pair with [`Command`]'s and are append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The write took effect (`false`: a CAS condition failed and nothing changed).
    Kv(bool),
    Txn(TxnOutcome),
    Restored,
    /// `None` when applied; the reason when refused (nothing changed).
    Catalog(Option<String>),
    /// `None` when applied; the reason when refused.
    Session(Option<String>),
}

/// A log entry's payload: the commands of one group commit, applied in order at one index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub commands: Vec<Command>,
}

/// The outcomes of a [`Request`], one per command.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub outcomes: Vec<Outcome>,
}

impl std::fmt::Display for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} command(s)", self.commands.len())
    }
}

#[cfg(test)]
mod conformance {
    use openraft::StorageError;
    use openraft::testing::{StoreBuilder, Suite};

    use super::durability::Durability;
    use super::log_store::LogStore;
    use super::state_machine::StateMachine;
    use super::{NodeId, TypeConfig};

    /// Fresh on-disk stores for each suite case; the guard keeps the directory alive.
    struct Builder;

    impl StoreBuilder<TypeConfig, LogStore, StateMachine, tempfile::TempDir> for Builder {
        async fn build(
            &self,
        ) -> Result<(tempfile::TempDir, LogStore, StateMachine), StorageError<NodeId>> {
            let dir = tempfile::tempdir().map_err(|e| openraft::StorageIOError::write(&e))?;
            let sled_dir = dir.path().join("raft");
            let db = sled::Config::new()
                .path(&sled_dir)
                .open()
                .map_err(|e| openraft::StorageIOError::write(&e))?;
            let log = LogStore::open(&db, &sled_dir, &dir.path().join("raft-log"), 0)
                .map_err(|e| openraft::StorageIOError::write(&std::io::Error::other(e)))?;
            let (tx, _rx) = tokio::sync::watch::channel(0);
            // The suite applies entries it never appended: a state machine with no log behind it.
            let sm = StateMachine::open(&db, tx, Durability::unbounded())
                .map_err(|e| openraft::StorageIOError::write(&e))?;
            Ok((dir, log, sm))
        }
    }

    /// openraft's storage conformance suite passes against the sled log store and state machine.
    #[test]
    fn openraft_storage_suite() {
        Suite::test_all(Builder).unwrap();
    }
}
