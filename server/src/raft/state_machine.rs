//! The replicated state machine: applies committed commands to the `sm` tree and builds and
//! installs snapshots of it.
//!
//! Each `apply` call writes all of its entries' effects and the new applied id in one atomic
//! `apply_batch`, so the tree and its applied index can never disagree. Applying does not fsync:
//! after a crash Raft replays the durable log from the last applied id that did reach disk (the log
//! store flushes before it purges anything the state machine still needs).

use std::io::Cursor;

use openraft::storage::{RaftStateMachine, Snapshot};
use openraft::{
    AnyError, Entry, EntryPayload, ErrorSubject, ErrorVerb, LogId, OptionalSend,
    RaftSnapshotBuilder, SnapshotMeta, StorageError, StorageIOError, StoredMembership,
};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::overlay::{Overlay, Pairs, Source};
use super::{Command, NodeId, Outcome, Response, ServerNode, TypeConfig};
use crate::kv::txn;

const APPLIED: &[u8] = b"r:applied";
const MEMBERSHIP: &[u8] = b"r:membership";
const CURRENT_SNAPSHOT: &[u8] = b"current";
/// Bumped when the snapshot body layout changes.
const SNAPSHOT_FORMAT: u32 = 1;

type Membership = StoredMembership<NodeId, ServerNode>;
type Meta = SnapshotMeta<NodeId, ServerNode>;

/// The body of a snapshot: every pair of the state tree.
#[derive(Serialize, Deserialize)]
struct SnapshotBody {
    format: u32,
    pairs: Pairs,
}

/// A stored snapshot with its metadata.
#[derive(Serialize, Deserialize)]
struct StoredSnapshot {
    meta: Meta,
    data: Vec<u8>,
}

/// The state machine. Clones share the same trees.
#[derive(Clone)]
pub struct StateMachine {
    tree: sled::Tree,
    snapshots: sled::Tree,
    applied: watch::Sender<u64>,
}

fn sm_err(verb: ErrorVerb, e: impl std::error::Error + 'static) -> StorageError<NodeId> {
    StorageIOError::new(ErrorSubject::StateMachine, verb, AnyError::new(&e)).into()
}

fn snap_err(
    meta: Option<&Meta>,
    verb: ErrorVerb,
    e: impl std::error::Error + 'static,
) -> StorageError<NodeId> {
    let subject = match meta {
        Some(m) => ErrorSubject::Snapshot(Some(m.signature())),
        None => ErrorSubject::Snapshot(None),
    };
    StorageIOError::new(subject, verb, AnyError::new(&e)).into()
}

impl StateMachine {
    /// Opens the state trees; `applied` is published after every apply for blocking queries.
    pub fn open(db: &sled::Db, applied: watch::Sender<u64>) -> Result<StateMachine, sled::Error> {
        let sm = StateMachine {
            tree: db.open_tree("sm")?,
            snapshots: db.open_tree("snapshot")?,
            applied,
        };
        if let Ok((Some(id), _)) = sm.read_applied() {
            sm.applied.send_replace(id.index);
        }
        Ok(sm)
    }

    /// The latest snapshot built: the applied log id it reflects and the state's pairs.
    pub fn stored_snapshot(&self) -> Result<Option<SnapshotState>, String> {
        let Some(bytes) = self
            .snapshots
            .get(CURRENT_SNAPSHOT)
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let stored: StoredSnapshot = postcard::from_bytes(&bytes).map_err(|e| e.to_string())?;
        let body: SnapshotBody = postcard::from_bytes(&stored.data).map_err(|e| e.to_string())?;
        Ok(Some((stored.meta.last_log_id, body.pairs)))
    }

    /// The state tree, for reads.
    pub fn tree(&self) -> sled::Tree {
        self.tree.clone()
    }

    fn read_applied(&self) -> Result<(Option<LogId<NodeId>>, Membership), StorageError<NodeId>> {
        let applied = match self
            .tree
            .get(APPLIED)
            .map_err(|e| sm_err(ErrorVerb::Read, e))?
        {
            Some(b) => postcard::from_bytes(&b).map_err(|e| sm_err(ErrorVerb::Read, e))?,
            None => None,
        };
        let membership = match self
            .tree
            .get(MEMBERSHIP)
            .map_err(|e| sm_err(ErrorVerb::Read, e))?
        {
            Some(b) => postcard::from_bytes(&b).map_err(|e| sm_err(ErrorVerb::Read, e))?,
            None => Membership::default(),
        };
        Ok((applied, membership))
    }

    fn encode_applied(
        ov: &mut Overlay<'_>,
        applied: &Option<LogId<NodeId>>,
        m: &Membership,
    ) -> Result<(), StorageError<NodeId>> {
        ov.put(
            APPLIED.to_vec(),
            postcard::to_allocvec(applied).map_err(|e| sm_err(ErrorVerb::Write, e))?,
        );
        ov.put(
            MEMBERSHIP.to_vec(),
            postcard::to_allocvec(m).map_err(|e| sm_err(ErrorVerb::Write, e))?,
        );
        Ok(())
    }

    fn apply_command(
        ov: &mut Overlay<'_>,
        index: u64,
        command: &Command,
    ) -> Result<Outcome, StorageError<NodeId>> {
        let outcome = match command {
            Command::Kv(op) => Outcome::Kv(
                op.apply(ov, index)
                    .map_err(|e| sm_err(ErrorVerb::Write, e))?,
            ),
            Command::Txn(ops) => {
                Outcome::Txn(txn::apply(ov, index, ops).map_err(|e| sm_err(ErrorVerb::Write, e))?)
            }
            Command::Catalog(op) => Outcome::Catalog(
                op.apply(ov, index)
                    .map_err(|e| sm_err(ErrorVerb::Write, e))?,
            ),
            Command::Session(op) => Outcome::Session(
                op.apply(ov, index)
                    .map_err(|e| sm_err(ErrorVerb::Write, e))?,
            ),
            Command::Restore(pairs) => {
                // Everything but Raft's own bookkeeping is replaced by the snapshot's pairs.
                let keep: std::collections::BTreeSet<&[u8]> =
                    pairs.iter().map(|(k, _)| k.as_slice()).collect();
                for (k, _) in Source::scan(ov, b"").map_err(|e| sm_err(ErrorVerb::Read, e))? {
                    if k != APPLIED && k != MEMBERSHIP && !keep.contains(k.as_slice()) {
                        ov.remove(k);
                    }
                }
                for (k, v) in pairs {
                    if k != APPLIED && k != MEMBERSHIP {
                        ov.put(k.clone(), v.clone());
                    }
                }
                Outcome::Restored
            }
        };
        Ok(outcome)
    }
}

impl RaftStateMachine<TypeConfig> for StateMachine {
    type SnapshotBuilder = SnapshotBuilder;

    async fn applied_state(
        &mut self,
    ) -> Result<(Option<LogId<NodeId>>, Membership), StorageError<NodeId>> {
        self.read_applied()
    }

    async fn apply<I>(&mut self, entries: I) -> Result<Vec<Response>, StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        let (mut applied, mut membership) = self.read_applied()?;
        let mut ov = Overlay::new(&self.tree);
        let mut responses = Vec::new();
        for entry in entries {
            let index = entry.log_id.index;
            applied = Some(entry.log_id);
            let response = match entry.payload {
                EntryPayload::Blank => Response::default(),
                EntryPayload::Normal(request) => {
                    let mut outcomes = Vec::with_capacity(request.commands.len());
                    for command in &request.commands {
                        outcomes.push(Self::apply_command(&mut ov, index, command)?);
                    }
                    Response { outcomes }
                }
                EntryPayload::Membership(m) => {
                    membership = StoredMembership::new(Some(entry.log_id), m);
                    Response::default()
                }
            };
            responses.push(response);
        }
        Self::encode_applied(&mut ov, &applied, &membership)?;
        self.tree
            .apply_batch(ov.into_batch())
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        if let Some(id) = applied {
            self.applied.send_replace(id.index);
        }
        Ok(responses)
    }

    /// Copies the state here, on the state-machine worker, where no apply can run concurrently:
    /// openraft runs `build_snapshot` on its own task while applies continue, so reading the tree
    /// there could mix data from after the applied id it records.
    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        let copy = (|| -> Result<_, StorageError<NodeId>> {
            let mut pairs = Vec::new();
            for item in self.tree.iter() {
                let (k, v) = item.map_err(|e| snap_err(None, ErrorVerb::Read, e))?;
                if k.as_ref() != APPLIED && k.as_ref() != MEMBERSHIP {
                    pairs.push((k.to_vec(), v.to_vec()));
                }
            }
            let (applied, membership) = self.read_applied()?;
            Ok((pairs, applied, membership))
        })();
        SnapshotBuilder {
            copy,
            snapshots: self.snapshots.clone(),
        }
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<Cursor<Vec<u8>>>, StorageError<NodeId>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &Meta,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> Result<(), StorageError<NodeId>> {
        let data = snapshot.into_inner();
        let body: SnapshotBody =
            postcard::from_bytes(&data).map_err(|e| snap_err(Some(meta), ErrorVerb::Read, e))?;
        if body.format != SNAPSHOT_FORMAT {
            let e =
                std::io::Error::other(format!("snapshot format {} is not supported", body.format));
            return Err(snap_err(Some(meta), ErrorVerb::Read, e));
        }
        // Replace the whole tree in one atomic batch: remove what is not in the snapshot.
        let mut batch = sled::Batch::default();
        let incoming: std::collections::BTreeSet<&[u8]> =
            body.pairs.iter().map(|(k, _)| k.as_slice()).collect();
        for item in self.tree.iter() {
            let (k, _) = item.map_err(|e| sm_err(ErrorVerb::Read, e))?;
            if !incoming.contains(k.as_ref()) {
                batch.remove(k);
            }
        }
        for (k, v) in &body.pairs {
            batch.insert(k.as_slice(), v.as_slice());
        }
        let applied =
            postcard::to_allocvec(&meta.last_log_id).map_err(|e| sm_err(ErrorVerb::Write, e))?;
        let membership = postcard::to_allocvec(&meta.last_membership)
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        batch.insert(APPLIED, applied);
        batch.insert(MEMBERSHIP, membership);
        self.tree
            .apply_batch(batch)
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        let stored = StoredSnapshot {
            meta: meta.clone(),
            data,
        };
        let bytes = postcard::to_allocvec(&stored)
            .map_err(|e| snap_err(Some(meta), ErrorVerb::Write, e))?;
        self.snapshots
            .insert(CURRENT_SNAPSHOT, bytes)
            .map_err(|e| snap_err(Some(meta), ErrorVerb::Write, e))?;
        if let Some(id) = meta.last_log_id {
            self.applied.send_replace(id.index);
        }
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<TypeConfig>>, StorageError<NodeId>> {
        let Some(bytes) = self
            .snapshots
            .get(CURRENT_SNAPSHOT)
            .map_err(|e| snap_err(None, ErrorVerb::Read, e))?
        else {
            return Ok(None);
        };
        let stored: StoredSnapshot =
            postcard::from_bytes(&bytes).map_err(|e| snap_err(None, ErrorVerb::Read, e))?;
        Ok(Some(Snapshot {
            meta: stored.meta,
            snapshot: Box::new(Cursor::new(stored.data)),
        }))
    }
}

/// A stored snapshot's applied log id and the state's pairs.
pub type SnapshotState = (Option<LogId<NodeId>>, Pairs);

/// The pairs of the state tree with the applied id and membership they reflect.
type StateCopy = (Pairs, Option<LogId<NodeId>>, Membership);

/// A point-in-time copy of the state, serialised off the state-machine worker.
pub struct SnapshotBuilder {
    copy: Result<StateCopy, StorageError<NodeId>>,
    snapshots: sled::Tree,
}

impl RaftSnapshotBuilder<TypeConfig> for SnapshotBuilder {
    async fn build_snapshot(&mut self) -> Result<Snapshot<TypeConfig>, StorageError<NodeId>> {
        let (pairs, applied, membership) =
            std::mem::replace(&mut self.copy, Ok(Default::default()))?;
        let data = postcard::to_allocvec(&SnapshotBody {
            format: SNAPSHOT_FORMAT,
            pairs,
        })
        .map_err(|e| snap_err(None, ErrorVerb::Write, e))?;
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        let snapshot_id = match &applied {
            Some(id) => format!("{}-{}-{millis}", id.leader_id.term, id.index),
            None => format!("0-0-{millis}"),
        };
        let meta = Meta {
            last_log_id: applied,
            last_membership: membership,
            snapshot_id,
        };
        let stored = StoredSnapshot {
            meta: meta.clone(),
            data: data.clone(),
        };
        let bytes = postcard::to_allocvec(&stored)
            .map_err(|e| snap_err(Some(&meta), ErrorVerb::Write, e))?;
        self.snapshots
            .insert(CURRENT_SNAPSHOT, bytes)
            .map_err(|e| snap_err(Some(&meta), ErrorVerb::Write, e))?;
        Ok(Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(data)),
        })
    }
}
