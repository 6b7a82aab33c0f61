//! The Raft log and vote in sled, durable before openraft is told so.
//!
//! Trees: `raft_log` maps big-endian indexes to postcard entries (so ranges iterate in order);
//! `raft_meta` holds the vote, the committed id and the last purged id. sled does not fsync on
//! insert, so every write openraft relies on is followed by `flush_async` (a database-wide fsync)
//! before `save_vote` returns or the `LogFlushed` callback fires.
//!
//! Appends return as soon as the entries are readable and leave the fsync to a flusher task, so
//! the leader replicates to followers while its own disk write is in flight (as etcd's leader
//! does) instead of after it. The flusher acknowledges appends in order, and one fsync covers
//! every append that arrived before it started.

use std::fmt::Debug;
use std::ops::{Bound, RangeBounds};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use openraft::storage::{LogFlushed, LogState, RaftLogReader, RaftLogStorage};
use openraft::{
    AnyError, Entry, ErrorSubject, ErrorVerb, LogId, OptionalSend, StorageError, StorageIOError,
    Vote,
};

use super::{NodeId, TypeConfig};

const VOTE: &[u8] = b"vote";
const COMMITTED: &[u8] = b"committed";
const LAST_PURGED: &[u8] = b"last_purged";

/// Sled-backed log storage. Cheap to clone: trees are shared handles.
#[derive(Clone)]
pub struct LogStore {
    db: sled::Db,
    log: sled::Tree,
    meta: sled::Tree,
    /// The last committed index, published for `ctl info`.
    committed: Arc<AtomicU64>,
    /// Appends waiting for an fsync, in order.
    flusher: tokio::sync::mpsc::UnboundedSender<LogFlushed<TypeConfig>>,
}

/// Fsyncs for appends: takes every callback queued so far, flushes once, completes them in order.
async fn flush_loop(
    db: sled::Db,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<LogFlushed<TypeConfig>>,
) {
    while let Some(first) = rx.recv().await {
        let mut waiting = vec![first];
        while let Ok(cb) = rx.try_recv() {
            waiting.push(cb);
        }
        let result = db
            .flush_async()
            .await
            .map(|_| ())
            .map_err(|e| e.to_string());
        for cb in waiting {
            cb.log_io_completed(result.clone().map_err(std::io::Error::other));
        }
    }
}

fn io_err(
    subject: ErrorSubject<NodeId>,
    verb: ErrorVerb,
    e: impl std::error::Error + 'static,
) -> StorageError<NodeId> {
    StorageIOError::new(subject, verb, AnyError::new(&e)).into()
}

fn decode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    what: ErrorSubject<NodeId>,
) -> Result<T, StorageError<NodeId>> {
    postcard::from_bytes(bytes).map_err(|e| io_err(what, ErrorVerb::Read, e))
}

fn encode<T: serde::Serialize>(
    v: &T,
    what: ErrorSubject<NodeId>,
) -> Result<Vec<u8>, StorageError<NodeId>> {
    postcard::to_allocvec(v).map_err(|e| io_err(what, ErrorVerb::Write, e))
}

impl LogStore {
    /// Opens the trees and starts the flusher (on the current tokio runtime).
    pub fn open(db: &sled::Db) -> Result<LogStore, sled::Error> {
        let (flusher, rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(flush_loop(db.clone(), rx));
        let store = LogStore {
            db: db.clone(),
            log: db.open_tree("raft_log")?,
            meta: db.open_tree("raft_meta")?,
            committed: Arc::new(AtomicU64::new(0)),
            flusher,
        };
        if let Ok(Some(c)) = store.meta_get::<Option<LogId<NodeId>>>(COMMITTED) {
            store
                .committed
                .store(c.map_or(0, |l| l.index), Ordering::Relaxed);
        }
        Ok(store)
    }

    /// The last committed index as last saved by openraft.
    pub fn committed_index(&self) -> Arc<AtomicU64> {
        self.committed.clone()
    }

    fn meta_get<T: serde::de::DeserializeOwned>(
        &self,
        key: &[u8],
    ) -> Result<Option<T>, StorageError<NodeId>> {
        match self
            .meta
            .get(key)
            .map_err(|e| io_err(ErrorSubject::Store, ErrorVerb::Read, e))?
        {
            Some(v) => Ok(Some(decode(&v, ErrorSubject::Store)?)),
            None => Ok(None),
        }
    }

    async fn flush(&self, subject: ErrorSubject<NodeId>) -> Result<(), StorageError<NodeId>> {
        self.db
            .flush_async()
            .await
            .map_err(|e| io_err(subject, ErrorVerb::Write, e))?;
        Ok(())
    }

    fn last_entry_id(&self) -> Result<Option<LogId<NodeId>>, StorageError<NodeId>> {
        match self
            .log
            .last()
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Read, e))?
        {
            Some((_, v)) => {
                let entry: Entry<TypeConfig> = decode(&v, ErrorSubject::Logs)?;
                Ok(Some(entry.log_id))
            }
            None => Ok(None),
        }
    }
}

impl RaftLogReader<TypeConfig> for LogStore {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + OptionalSend>(
        &mut self,
        range: RB,
    ) -> Result<Vec<Entry<TypeConfig>>, StorageError<NodeId>> {
        let start = match range.start_bound() {
            Bound::Included(i) => *i,
            Bound::Excluded(i) => i.saturating_add(1),
            Bound::Unbounded => 0,
        };
        let iter = match range.end_bound() {
            Bound::Included(e) => self.log.range(start.to_be_bytes()..=e.to_be_bytes()),
            Bound::Excluded(e) => self.log.range(start.to_be_bytes()..e.to_be_bytes()),
            Bound::Unbounded => self.log.range(start.to_be_bytes()..),
        };
        let mut out = Vec::new();
        for item in iter {
            let (_, v) = item.map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Read, e))?;
            out.push(decode(&v, ErrorSubject::Logs)?);
        }
        Ok(out)
    }
}

impl RaftLogStorage<TypeConfig> for LogStore {
    type LogReader = LogStore;

    async fn get_log_state(&mut self) -> Result<LogState<TypeConfig>, StorageError<NodeId>> {
        let last_purged_log_id: Option<LogId<NodeId>> = self.meta_get(LAST_PURGED)?.flatten();
        let last_log_id = self.last_entry_id()?.or(last_purged_log_id);
        Ok(LogState {
            last_purged_log_id,
            last_log_id,
        })
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn save_vote(&mut self, vote: &Vote<NodeId>) -> Result<(), StorageError<NodeId>> {
        let bytes = encode(vote, ErrorSubject::Vote)?;
        self.meta
            .insert(VOTE, bytes)
            .map_err(|e| io_err(ErrorSubject::Vote, ErrorVerb::Write, e))?;
        self.flush(ErrorSubject::Vote).await
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<NodeId>>, StorageError<NodeId>> {
        self.meta_get(VOTE)
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<NodeId>>,
    ) -> Result<(), StorageError<NodeId>> {
        // Not flushed: openraft recomputes the committed index after a crash; this only saves work.
        let bytes = encode(&committed, ErrorSubject::Store)?;
        self.meta
            .insert(COMMITTED, bytes)
            .map_err(|e| io_err(ErrorSubject::Store, ErrorVerb::Write, e))?;
        self.committed
            .store(committed.map_or(0, |l| l.index), Ordering::Relaxed);
        Ok(())
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<NodeId>>, StorageError<NodeId>> {
        Ok(self.meta_get::<Option<LogId<NodeId>>>(COMMITTED)?.flatten())
    }

    async fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<TypeConfig>,
    ) -> Result<(), StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<TypeConfig>> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        let mut batch = sled::Batch::default();
        for entry in entries {
            let bytes = encode(&entry, ErrorSubject::Logs)?;
            batch.insert(&entry.log_id.index.to_be_bytes(), bytes);
        }
        self.log
            .apply_batch(batch)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        // The entries are readable now; they are durable only after the flusher's fsync, and
        // openraft does not count them toward a quorum before the callback fires.
        if let Err(e) = self.flusher.send(callback) {
            let cb = e.0;
            cb.log_io_completed(Err(std::io::Error::other("the log flusher has stopped")));
        }
        Ok(())
    }

    async fn truncate(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut batch = sled::Batch::default();
        for item in self.log.range(log_id.index.to_be_bytes()..) {
            let (k, _) = item.map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))?;
            batch.remove(k);
        }
        self.log
            .apply_batch(batch)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))?;
        self.flush(ErrorSubject::Logs).await
    }

    async fn purge(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        // The state machine is not fsynced when it applies (the log can replay it). Before any
        // entry it was built from disappears, make it durable, then record the purge point.
        self.flush(ErrorSubject::StateMachine).await?;
        let bytes = encode(&Some(log_id), ErrorSubject::Logs)?;
        self.meta
            .insert(LAST_PURGED, bytes)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        self.flush(ErrorSubject::Logs).await?;
        let mut batch = sled::Batch::default();
        for item in self.log.range(..=log_id.index.to_be_bytes()) {
            let (k, _) = item.map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))?;
            batch.remove(k);
        }
        self.log
            .apply_batch(batch)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Delete, e))?;
        Ok(())
    }
}
