//! The replicated state machine: applies committed commands to the `sm` tree and builds and
//! installs snapshots of it.
//!
//! Applying writes each key on its own, not as one sled batch: sled seals and writes its log
//! buffer twice for every batch through its I/O thread pool, which wakes every idle I/O thread
//! each time; that cost a server more CPU per write than the rest of the write path. Applying
//! does not fsync either: the Raft log is the durable record, and the state is rebuilt from it.
//!
//! So a crash can leave the tree with part of an apply. A clean shutdown marks the tree as whole
//! (`sm-clean`, written after the last apply and flushed); opening takes the mark away, and when
//! it was missing, rebuilds the tree from the latest snapshot (or from nothing) so Raft replays
//! the log from the snapshot's index. The log store makes the snapshot durable before it purges
//! any entry the snapshot covers, so the entries to replay are always there.

use std::io::Cursor;

use openraft::storage::{RaftStateMachine, Snapshot};
use openraft::{
    AnyError, Entry, EntryPayload, ErrorSubject, ErrorVerb, LogId, OptionalSend,
    RaftSnapshotBuilder, SnapshotMeta, StorageError, StorageIOError, StoredMembership,
};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::durability::Durability;
use super::overlay::{Overlay, Pairs, Source};
use super::{Command, NodeId, Outcome, Response, ServerNode, TypeConfig};
use crate::kv::txn;

const APPLIED: &[u8] = b"r:applied";
const MEMBERSHIP: &[u8] = b"r:membership";
const CURRENT_SNAPSHOT: &[u8] = b"current";
/// In the snapshot tree: present only while the state tree is whole (after a clean shutdown).
const CLEAN: &[u8] = b"sm-clean";
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
    /// How far this server's log is on disk: nothing is applied before its entry is.
    durable: Durability,
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
    /// Opens the state trees; `applied` is published after every apply for blocking queries;
    /// `durable` is the log's durable mark, which applies wait for.
    pub fn open(
        db: &sled::Db,
        applied: watch::Sender<u64>,
        durable: Durability,
    ) -> Result<StateMachine, sled::Error> {
        let sm = StateMachine {
            tree: db.open_tree("sm")?,
            snapshots: db.open_tree("snapshot")?,
            applied,
            durable,
        };
        if sm.snapshots.remove(CLEAN)?.is_none() {
            sm.rebuild()?;
        }
        // Any later write reaches disk after the mark's removal, so a crash from here on is seen.
        db.flush()?;
        if let Ok((Some(id), _)) = sm.read_applied() {
            sm.applied.send_replace(id.index);
        }
        Ok(sm)
    }

    /// Resets the state tree to the latest snapshot (empty without one): what it held may be
    /// part of an apply. Raft then applies the log from the snapshot's index on.
    fn rebuild(&self) -> Result<(), sled::Error> {
        let bad = |e: postcard::Error| {
            sled::Error::Unsupported(format!("the stored raft snapshot cannot be read: {e}"))
        };
        let stored = match self.snapshots.get(CURRENT_SNAPSHOT)? {
            Some(bytes) => {
                let s: StoredSnapshot = postcard::from_bytes(&bytes).map_err(bad)?;
                let body: SnapshotBody = postcard::from_bytes(&s.data).map_err(bad)?;
                Some((s.meta, body.pairs))
            }
            None => None,
        };
        if self.tree.is_empty() && stored.is_none() {
            return Ok(());
        }
        self.tree.clear()?;
        let Some((meta, pairs)) = stored else {
            tracing::info!(
                "the state machine was not shut down cleanly; replaying the raft log from its start"
            );
            return Ok(());
        };
        for (k, v) in pairs {
            self.tree.insert(k, v)?;
        }
        let bad = |e: postcard::Error| sled::Error::Unsupported(e.to_string());
        let applied = postcard::to_allocvec(&meta.last_log_id).map_err(bad)?;
        let membership = postcard::to_allocvec(&meta.last_membership).map_err(bad)?;
        self.tree.insert(APPLIED, applied)?;
        self.tree.insert(MEMBERSHIP, membership)?;
        tracing::info!(
            index = meta.last_log_id.map_or(0, |l| l.index),
            "the state machine was not shut down cleanly; rebuilt it from the latest snapshot, \
             replaying the raft log from there"
        );
        Ok(())
    }

    /// Marks the state tree whole, after the last apply (Raft stopped); flushed by the caller.
    pub fn mark_clean(&self) -> Result<(), sled::Error> {
        self.snapshots.insert(CLEAN, &[1u8][..]).map(|_| ())
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
        let mut newest = None;
        for entry in entries {
            let index = entry.log_id.index;
            applied = Some(entry.log_id);
            newest = Some(index);
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
        // The leader's own fsync may still be running (see `super::durability`): the work above
        // overlapped it, and the result becomes visible only once the entries are on disk here.
        if let Some(index) = newest {
            self.durable
                .wait(index)
                .await
                .map_err(|why| sm_err(ErrorVerb::Write, std::io::Error::other(why)))?;
        }
        ov.write().map_err(|e| sm_err(ErrorVerb::Write, e))?;
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

#[cfg(test)]
mod tests {
    use openraft::{CommittedLeaderId, Entry};

    use super::*;
    use crate::kv::op::KvOp;
    use crate::raft::Request;

    fn set(index: u64, key: &str) -> Entry<TypeConfig> {
        Entry {
            log_id: LogId::new(CommittedLeaderId::new(1, 1), index),
            payload: EntryPayload::Normal(Request {
                commands: vec![Command::Kv(KvOp::Set {
                    key: key.into(),
                    value: key.as_bytes().to_vec(),
                    flags: 0,
                })],
            }),
        }
    }

    fn open(dir: &std::path::Path) -> (sled::Db, StateMachine) {
        let db = sled::Config::new().path(dir).open().unwrap();
        let sm = StateMachine::open(&db, watch::channel(0).0, Durability::unbounded()).unwrap();
        (db, sm)
    }

    fn keys(sm: &StateMachine) -> Vec<String> {
        sm.tree
            .iter()
            .keys()
            .map(|k| String::from_utf8_lossy(&k.unwrap()).into_owned())
            .filter(|k| !k.starts_with("r:"))
            .collect()
    }

    /// Without the clean mark (a crash), opening resets the state to the latest snapshot, so
    /// Raft replays the log after it and no half-written apply survives; with the mark (a clean
    /// shutdown), the state is kept as it was.
    #[tokio::test]
    async fn a_crash_rebuilds_from_the_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let before_snapshot;
        {
            let (_db, mut sm) = open(dir.path());
            sm.apply(vec![set(1, "a"), set(2, "b")]).await.unwrap();
            sm.get_snapshot_builder()
                .await
                .build_snapshot()
                .await
                .unwrap();
            before_snapshot = keys(&sm);
            sm.apply(vec![set(3, "c")]).await.unwrap();
            // Part of a later apply that never finished.
            sm.tree.insert("half-written", &b"x"[..]).unwrap();
        }
        {
            let (_db, mut sm) = open(dir.path());
            assert_eq!(keys(&sm), before_snapshot, "the state is the snapshot's");
            let (applied, _) = sm.applied_state().await.unwrap();
            assert_eq!(applied.map(|l| l.index), Some(2));
            // Raft replays entry 3; then a clean shutdown keeps everything.
            sm.apply(vec![set(3, "c")]).await.unwrap();
            sm.mark_clean().unwrap();
        }
        let (_db, mut sm) = open(dir.path());
        assert!(
            keys(&sm).iter().any(|k| k.ends_with('c')),
            "{:?}",
            keys(&sm)
        );
        let (applied, _) = sm.applied_state().await.unwrap();
        assert_eq!(applied.map(|l| l.index), Some(3));
    }

    /// An entry is applied (and so answered, read or snapshotted) only once this server's log
    /// holds it on disk: the leader counts its own entries before its fsync ends.
    #[tokio::test]
    async fn nothing_is_applied_before_the_log_is_durable() {
        use futures::FutureExt;
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        let durable = Durability::new(None);
        let mut sm = StateMachine::open(&db, watch::channel(0).0, durable.clone()).unwrap();
        let mut apply = Box::pin(sm.apply(vec![set(1, "a"), set(2, "b")]));
        assert!(
            (&mut apply).now_or_never().is_none(),
            "the apply waits for entry 2's fsync"
        );
        let visible = |k: &str| sm_tree_has(&db, k);
        assert!(!visible("a") && !visible("b"), "nothing written before it");
        durable.synced(durable.epoch(), LogId::new(CommittedLeaderId::new(1, 1), 1));
        assert!(
            (&mut apply).now_or_never().is_none(),
            "entry 1 on disk is not enough"
        );
        durable.synced(durable.epoch(), LogId::new(CommittedLeaderId::new(1, 1), 2));
        let responses = apply.await.unwrap();
        assert_eq!(responses.len(), 2);
        assert!(visible("a") && visible("b"));
        // A failed fsync fails the apply instead of leaving it waiting.
        durable.failed("EIO".into());
        let err = sm.apply(vec![set(3, "c")]).await.unwrap_err();
        assert!(err.to_string().contains("EIO"), "{err}");
        assert!(!visible("c"));
    }

    fn sm_tree_has(db: &sled::Db, key: &str) -> bool {
        let tree = db.open_tree("sm").unwrap();
        tree.iter()
            .keys()
            .any(|k| String::from_utf8_lossy(&k.unwrap()).ends_with(key))
    }
}
