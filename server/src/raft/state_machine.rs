//! The replicated state machine: applies committed commands to the in-memory [`State`] and builds,
//! stores and installs snapshots of it.
//!
//! Only the snapshots are stored (in sled's `snapshot` tree). Opening loads the latest one and
//! reports its log id as applied, and Raft re-applies the committed log after it; the log store
//! makes a snapshot durable before it purges any entry the snapshot covers, so the entries to
//! replay are always there. A crash therefore never leaves part of an apply behind, and a clean
//! shutdown needs no marker. Replay after a restart is bounded by the snapshot threshold.

use std::io::Cursor;

use openraft::storage::{RaftStateMachine, Snapshot};
use openraft::{
    AnyError, Entry, EntryPayload, ErrorSubject, ErrorVerb, LogId, OptionalSend,
    RaftSnapshotBuilder, SnapshotMeta, StorageError, StorageIOError, StoredMembership,
};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::durability::Durability;
use super::overlay::{Overlay, Pairs};
use super::state::State;
use super::{Command, NodeId, Outcome, Response, ServerNode, TypeConfig};
use crate::kv::txn;

const APPLIED: &[u8] = b"r:applied";
const MEMBERSHIP: &[u8] = b"r:membership";
const CURRENT_SNAPSHOT: &[u8] = b"current";
/// Markers and trees of earlier versions, which kept the state itself in sled.
const LEGACY_CLEAN: &[u8] = b"sm-clean";
const LEGACY_STATE_TREE: &[u8] = b"sm";
/// Bumped when the snapshot body layout changes.
const SNAPSHOT_FORMAT: u32 = 1;

type Membership = StoredMembership<NodeId, ServerNode>;
type Meta = SnapshotMeta<NodeId, ServerNode>;

/// The body of a snapshot: every pair of the state.
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

/// The state machine. Clones share the same state and snapshot store.
#[derive(Clone)]
pub struct StateMachine {
    state: State,
    snapshots: sled::Tree,
    applied: watch::Sender<u64>,
    /// How far this server's log is on disk: nothing is applied before its entry is.
    durable: Durability,
}

/// Raft's own bookkeeping as state pairs: the applied log id and the membership.
fn bookkeeping(
    applied: &Option<LogId<NodeId>>,
    membership: &Membership,
) -> Result<Pairs, postcard::Error> {
    Ok(vec![
        (APPLIED.to_vec(), postcard::to_allocvec(applied)?),
        (MEMBERSHIP.to_vec(), postcard::to_allocvec(membership)?),
    ])
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
    /// Loads the state from the latest snapshot; `applied` is published after every apply for
    /// blocking queries; `durable` is the log's durable mark, which applies wait for.
    pub fn open(
        db: &sled::Db,
        applied: watch::Sender<u64>,
        durable: Durability,
    ) -> Result<StateMachine, sled::Error> {
        let sm = StateMachine {
            state: State::default(),
            snapshots: db.open_tree("snapshot")?,
            applied,
            durable,
        };
        if db.tree_names().iter().any(|n| n == LEGACY_STATE_TREE) {
            db.drop_tree(LEGACY_STATE_TREE)?;
        }
        sm.snapshots.remove(LEGACY_CLEAN)?;
        sm.load()?;
        if let Ok((Some(id), _)) = sm.read_applied() {
            sm.applied.send_replace(id.index);
        }
        Ok(sm)
    }

    /// Fills the state from the latest snapshot (empty without one); Raft applies the log from
    /// the snapshot's index on.
    fn load(&self) -> Result<(), sled::Error> {
        let bad = |e: postcard::Error| {
            sled::Error::Unsupported(format!("the stored raft snapshot cannot be read: {e}"))
        };
        let Some(bytes) = self.snapshots.get(CURRENT_SNAPSHOT)? else {
            return Ok(());
        };
        let stored: StoredSnapshot = postcard::from_bytes(&bytes).map_err(bad)?;
        let body: SnapshotBody = postcard::from_bytes(&stored.data).map_err(bad)?;
        let meta = &stored.meta;
        let raft = bookkeeping(&meta.last_log_id, &meta.last_membership).map_err(bad)?;
        self.state.replace(body.pairs.into_iter().chain(raft));
        tracing::debug!(
            index = stored.meta.last_log_id.map_or(0, |l| l.index),
            "loaded the state from the latest snapshot; raft replays the log after it"
        );
        Ok(())
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

    /// The state, for reads.
    pub fn state(&self) -> State {
        self.state.clone()
    }

    fn read_applied(&self) -> Result<(Option<LogId<NodeId>>, Membership), StorageError<NodeId>> {
        let applied = match self.state.value(APPLIED) {
            Some(b) => postcard::from_bytes(&b).map_err(|e| sm_err(ErrorVerb::Read, e))?,
            None => None,
        };
        let membership = match self.state.value(MEMBERSHIP) {
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
        for (k, v) in bookkeeping(applied, m).map_err(|e| sm_err(ErrorVerb::Write, e))? {
            ov.put(k, v);
        }
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
                let current = super::overlay::Source::scan(ov, b"")
                    .map_err(|e| sm_err(ErrorVerb::Read, e))?;
                for (k, _) in current {
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
        let mut ov = Overlay::new(&self.state);
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
        ov.write();
        if let Some(id) = applied {
            self.applied.send_replace(id.index);
        }
        Ok(responses)
    }

    /// Copies the state here, on the state-machine worker, where no apply can run concurrently:
    /// openraft runs `build_snapshot` on its own task while applies continue, so reading the
    /// state there could mix data from after the applied id it records.
    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        let copy = (|| -> Result<_, StorageError<NodeId>> {
            let mut pairs = self.state.prefixed(b"");
            pairs.retain(|(k, _)| k != APPLIED && k != MEMBERSHIP);
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
        // Stored and made durable first: once openraft records the snapshot as installed it may
        // purge the log it covers, and a restart rebuilds the state from this copy.
        let stored = StoredSnapshot {
            meta: meta.clone(),
            data,
        };
        let bytes = postcard::to_allocvec(&stored)
            .map_err(|e| snap_err(Some(meta), ErrorVerb::Write, e))?;
        self.snapshots
            .insert(CURRENT_SNAPSHOT, bytes)
            .map_err(|e| snap_err(Some(meta), ErrorVerb::Write, e))?;
        self.snapshots
            .flush_async()
            .await
            .map_err(|e| snap_err(Some(meta), ErrorVerb::Write, e))?;
        let raft = bookkeeping(&meta.last_log_id, &meta.last_membership)
            .map_err(|e| sm_err(ErrorVerb::Write, e))?;
        self.state.replace(body.pairs.into_iter().chain(raft));
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

/// The pairs of the state with the applied id and membership they reflect.
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

    fn keys(state: &State) -> Vec<String> {
        state
            .prefixed(b"")
            .into_iter()
            .map(|(k, _)| String::from_utf8_lossy(&k).into_owned())
            .filter(|k| !k.starts_with("r:"))
            .collect()
    }

    /// Opening loads the latest snapshot and reports its id as applied, so Raft replays the log
    /// after it: nothing applied after the snapshot survives on its own, whether the process
    /// crashed or stopped cleanly. Installing a snapshot replaces the state and survives a reopen.
    #[tokio::test]
    async fn opening_loads_the_latest_snapshot_and_raft_replays_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let before_snapshot;
        let snapshot;
        {
            let (_db, mut sm) = open(dir.path());
            assert!(keys(&sm.state()).is_empty());
            sm.apply(vec![set(1, "a"), set(2, "b")]).await.unwrap();
            snapshot = sm
                .get_snapshot_builder()
                .await
                .build_snapshot()
                .await
                .unwrap();
            before_snapshot = keys(&sm.state());
            sm.apply(vec![set(3, "c")]).await.unwrap();
            assert!(keys(&sm.state()).iter().any(|k| k.ends_with('c')));
        }
        {
            let (_db, mut sm) = open(dir.path());
            assert_eq!(
                keys(&sm.state()),
                before_snapshot,
                "the state is the snapshot's"
            );
            let (applied, _) = sm.applied_state().await.unwrap();
            assert_eq!(applied.map(|l| l.index), Some(2));
            assert!(!keys(&sm.state()).iter().any(|k| k.ends_with('c')));
            // Raft replays entry 3.
            sm.apply(vec![set(3, "c")]).await.unwrap();
            assert!(keys(&sm.state()).iter().any(|k| k.ends_with('c')));
        }
        // A snapshot installed from a leader replaces everything, and is what a reopen loads.
        let other = tempfile::tempdir().unwrap();
        {
            let (_db, mut sm) = open(other.path());
            sm.apply(vec![set(1, "stray")]).await.unwrap();
            let data = snapshot.snapshot.into_inner();
            sm.install_snapshot(&snapshot.meta, Box::new(Cursor::new(data)))
                .await
                .unwrap();
            assert_eq!(keys(&sm.state()), before_snapshot);
        }
        let (_db, mut sm) = open(other.path());
        assert_eq!(keys(&sm.state()), before_snapshot);
        let (applied, _) = sm.applied_state().await.unwrap();
        assert_eq!(applied.map(|l| l.index), Some(2));
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
        let state = sm.state();
        let mut apply = Box::pin(sm.apply(vec![set(1, "a"), set(2, "b")]));
        assert!(
            (&mut apply).now_or_never().is_none(),
            "the apply waits for entry 2's fsync"
        );
        let visible = |k: &str| keys(&state).iter().any(|have| have.ends_with(k));
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
}
