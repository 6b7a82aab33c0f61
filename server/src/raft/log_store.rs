//! The Raft log and vote, durable before anyone relies on them.
//!
//! Entries live in [`super::wal`] segment files; the vote, committed id and purge point in the
//! sled tree `raft_meta`. An append returns once the entries are written (readable), and a
//! flusher thread `fdatasync`s them, one sync per group, and then moves the [`Durability`] mark.
//!
//! A follower's appends complete openraft's `LogFlushed` callback only after that fsync: its
//! answer to the leader counts toward a quorum. The leader's own entries (made in the term this
//! node leads, as its saved vote shows) complete it at once, because openraft 0.9 sends nothing
//! to the followers until the callback fires; holding the leader's callback would put its fsync
//! and the followers' one after the other. What the leader's fsync protects is held back by the
//! durable mark instead (see [`super::durability`]).
//!
//! sled's `flush` stops at `sync_file_range` (no metadata, no disk cache flush), so whenever sled
//! state must be durable — the vote, and the state machine before the log it was built from is
//! purged — [`SledFiles::sync`] follows the flush with a real fsync of sled's files.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::fs::File;
use std::ops::{Bound, RangeBounds};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use openraft::storage::{LogFlushed, LogState, RaftLogReader, RaftLogStorage};
use openraft::{
    AnyError, Entry, ErrorSubject, ErrorVerb, LogId, OptionalSend, StorageError, StorageIOError,
    Vote,
};

use super::durability::Durability;
use super::wal::{Wal, WalError};
use super::{NodeId, TypeConfig};

const VOTE: &[u8] = b"vote";
const COMMITTED: &[u8] = b"committed";
const LAST_PURGED: &[u8] = b"last_purged";

/// Log storage. Cheap to clone: every part is shared.
#[derive(Clone)]
pub struct LogStore {
    db: sled::Db,
    meta: sled::Tree,
    sled_files: Arc<SledFiles>,
    wal: Arc<Mutex<Wal>>,
    /// The last committed index, published for `ctl info`.
    committed: Arc<AtomicU64>,
    /// Appends waiting for an fsync, in order.
    flusher: std::sync::mpsc::Sender<Pending>,
    /// How far the log is on disk.
    durable: Durability,
    /// This server's id.
    me: NodeId,
    /// The leader id of the term this server leads, from its saved (committed) vote.
    leading: Arc<Mutex<Option<openraft::LeaderId<NodeId>>>>,
    /// The newest entries, decoded.
    recent: Arc<Mutex<Recent>>,
}

/// The newest entries as appended, so replication to each follower and the state machine read
/// them from memory instead of reading and decoding the file once per reader. Always a run that
/// ends at the log's last entry; locked around every change to the log so it never disagrees
/// with the file.
#[derive(Default)]
struct Recent {
    entries: VecDeque<(Entry<TypeConfig>, usize)>,
    bytes: usize,
}

/// Bounds of [`Recent`]: plenty for replication and apply to keep up, small next to the state.
const RECENT_ENTRIES: usize = 4096;
const RECENT_BYTES: usize = 32 * 1024 * 1024;

impl Recent {
    fn push(&mut self, entry: Entry<TypeConfig>, size: usize) {
        if self
            .entries
            .back()
            .is_some_and(|(e, _)| e.log_id.index + 1 != entry.log_id.index)
        {
            self.clear();
        }
        self.entries.push_back((entry, size));
        self.bytes += size;
        while self.entries.len() > RECENT_ENTRIES || self.bytes > RECENT_BYTES {
            match self.entries.pop_front() {
                Some((_, n)) => self.bytes -= n,
                None => break,
            }
        }
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.bytes = 0;
    }

    /// Drops entries from `index` on (a truncation).
    fn cut_from(&mut self, index: u64) {
        while self
            .entries
            .back()
            .is_some_and(|(e, _)| e.log_id.index >= index)
        {
            if let Some((_, n)) = self.entries.pop_back() {
                self.bytes -= n;
            }
        }
    }

    /// Drops entries up to `index` (a purge).
    fn cut_to(&mut self, index: u64) {
        while self
            .entries
            .front()
            .is_some_and(|(e, _)| e.log_id.index <= index)
        {
            if let Some((_, n)) = self.entries.pop_front() {
                self.bytes -= n;
            }
        }
    }

    /// Entries `start..end`, when all of them that exist are here.
    fn get(&self, start: u64, end: u64) -> Option<Vec<Entry<TypeConfig>>> {
        let first = self.entries.front()?.0.log_id.index;
        let last = self.entries.back()?.0.log_id.index;
        if start < first {
            return None;
        }
        let end = end.min(last + 1);
        if start >= end {
            return Some(Vec::new());
        }
        let from = (start - first) as usize;
        let to = (end - first) as usize;
        Some(
            self.entries
                .range(from..to)
                .map(|(e, _)| e.clone())
                .collect(),
        )
    }
}

/// sled's directory, for fsyncs sled itself does not do.
pub struct SledFiles {
    dir: PathBuf,
}

impl SledFiles {
    pub fn new(dir: &Path) -> SledFiles {
        SledFiles {
            dir: dir.to_path_buf(),
        }
    }

    /// Flushes sled and fsyncs its main file; with `all`, also the out-of-line value files and
    /// the directories (sled writes those without any sync).
    pub async fn sync(&self, db: &sled::Db, all: bool) -> std::io::Result<()> {
        db.flush_async().await.map_err(std::io::Error::other)?;
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || {
            File::open(dir.join("db"))?.sync_data()?;
            if all {
                let blobs = dir.join("blobs");
                if blobs.is_dir() {
                    for item in std::fs::read_dir(&blobs)? {
                        File::open(item?.path())?.sync_data()?;
                    }
                    File::open(&blobs)?.sync_all()?;
                }
                File::open(&dir)?.sync_all()?;
            }
            Ok(())
        })
        .await
        .map_err(std::io::Error::other)?
    }
}

/// The leader's own append, waiting for its fsync.
struct Pending {
    /// The segment file it was written to.
    file: Arc<File>,
    /// The durable mark's epoch when it was written.
    epoch: u64,
    /// Its last entry.
    last: LogId<NodeId>,
}

/// The flusher thread: takes every append queued so far, fsyncs the files they were written to
/// once, and moves the durable mark. After a failed fsync the kernel may have dropped the dirty
/// pages, so a later "successful" fsync proves nothing: the mark stays failed, and so every
/// later apply and append fails too.
fn flush_thread(rx: std::sync::mpsc::Receiver<Pending>, durable: Durability) {
    while let Ok(first) = rx.recv() {
        let mut waiting = vec![first];
        while let Ok(item) = rx.try_recv() {
            waiting.push(item);
        }
        if durable.failure().is_some() {
            continue;
        }
        let mut synced: Vec<&Arc<File>> = Vec::new();
        for p in &waiting {
            if synced.iter().any(|f| Arc::ptr_eq(f, &p.file)) {
                continue;
            }
            if let Err(e) = p.file.sync_data() {
                tracing::error!("fsync of the raft log failed; refusing further writes: {e}");
                durable.failed(format!("raft log fsync failed: {e}"));
                break;
            }
            synced.push(&p.file);
        }
        if durable.failure().is_none() {
            for p in waiting {
                durable.synced(p.epoch, p.last);
            }
        }
    }
}

fn wal_err(subject: ErrorSubject<NodeId>, verb: ErrorVerb, e: WalError) -> StorageError<NodeId> {
    io_err(subject, verb, e)
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
    /// Opens the meta tree in `db` (whose files are in `sled_dir`) and the log in `wal_dir` for
    /// server `me`, and starts the flusher. A log left in sled's `raft_log` tree by an older
    /// version moves into the segment files first.
    pub fn open(
        db: &sled::Db,
        sled_dir: &Path,
        wal_dir: &Path,
        me: NodeId,
    ) -> Result<LogStore, String> {
        let meta = db.open_tree("raft_meta").map_err(|e| e.to_string())?;
        let purged: Option<LogId<NodeId>> = match meta.get(LAST_PURGED) {
            Ok(Some(v)) => postcard::from_bytes(&v).map_err(|e| format!("raft meta: {e}"))?,
            Ok(None) => None,
            Err(e) => return Err(e.to_string()),
        };
        let mut wal = Wal::open(wal_dir, purged.map(|l| l.index)).map_err(|e| e.to_string())?;
        migrate_sled_log(db, &mut wal)?;
        // Wal::open synced what it found, so all of it counts as durable.
        let last = match wal.bounds() {
            Some((_, i)) => {
                let payloads = wal.read(i, i + 1).map_err(|e| e.to_string())?;
                match payloads.first() {
                    Some(p) => Some(
                        postcard::from_bytes::<Entry<TypeConfig>>(p)
                            .map_err(|e| format!("raft log entry {i}: {e}"))?
                            .log_id,
                    ),
                    None => None,
                }
            }
            None => None,
        };
        let durable = Durability::new(last);
        let (flusher, rx) = std::sync::mpsc::channel();
        let flush_mark = durable.clone();
        std::thread::Builder::new()
            .name("raft-log-fsync".into())
            .spawn(move || flush_thread(rx, flush_mark))
            .map_err(|e| format!("starting the raft log flusher: {e}"))?;
        let store = LogStore {
            db: db.clone(),
            meta,
            sled_files: Arc::new(SledFiles::new(sled_dir)),
            wal: Arc::new(Mutex::new(wal)),
            committed: Arc::new(AtomicU64::new(0)),
            flusher,
            durable,
            me,
            leading: Arc::new(Mutex::new(None)),
            recent: Arc::new(Mutex::new(Recent::default())),
        };
        if let Ok(Some(vote)) = store.meta_get::<Vote<NodeId>>(VOTE) {
            store.note_vote(&vote);
        }
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

    /// How far the log is on disk.
    pub fn durability(&self) -> Durability {
        self.durable.clone()
    }

    /// Remembers whether `vote` makes this server the leader of its term.
    fn note_vote(&self, vote: &Vote<NodeId>) {
        let leading = (vote.is_committed() && vote.leader_id().voted_for() == Some(self.me))
            .then(|| *vote.leader_id());
        *self.leading.lock().unwrap_or_else(|p| p.into_inner()) = leading;
    }

    /// Whether these entries are this leader's own, made in the term it leads: only the leader
    /// of a term makes entries with that term's leader id, and once this server has voted for
    /// a later term it no longer matches.
    fn own(&self, entries: &[Entry<TypeConfig>]) -> bool {
        let leading = *self.leading.lock().unwrap_or_else(|p| p.into_inner());
        leading.is_some_and(|l| entries.iter().all(|e| e.log_id.leader_id == l))
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

    fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wal(&self) -> std::sync::MutexGuard<'_, Wal> {
        // A panic while holding the lock cannot leave the log half-updated in memory in a way a
        // reader could misread (each method updates its index after the file), so keep going.
        self.wal.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn sync_sled(
        &self,
        subject: ErrorSubject<NodeId>,
        all: bool,
    ) -> Result<(), StorageError<NodeId>> {
        self.sled_files
            .sync(&self.db, all)
            .await
            .map_err(|e| io_err(subject, ErrorVerb::Write, e))
    }
}

/// Moves entries an older version kept in sled's `raft_log` tree into the segment files.
fn migrate_sled_log(db: &sled::Db, wal: &mut Wal) -> Result<(), String> {
    let names = db.tree_names();
    if !names.iter().any(|n| n.as_ref() == b"raft_log") {
        return Ok(());
    }
    let old = db.open_tree("raft_log").map_err(|e| e.to_string())?;
    if old.is_empty() {
        return Ok(());
    }
    if wal.bounds().is_none() {
        let mut entries = Vec::new();
        for item in old.iter() {
            let (k, v) = item.map_err(|e| e.to_string())?;
            let mut idx = [0u8; 8];
            if k.len() != 8 {
                return Err(format!("raft_log tree: a key of {} bytes", k.len()));
            }
            idx.copy_from_slice(&k);
            entries.push((u64::from_be_bytes(idx), v.to_vec()));
        }
        let file = wal.append(&entries).map_err(|e| e.to_string())?;
        file.sync_data().map_err(|e| format!("raft log: {e}"))?;
        tracing::info!(entries = entries.len(), "moved the raft log out of sled");
    }
    old.clear().map_err(|e| e.to_string())?;
    db.flush().map_err(|e| e.to_string())?;
    Ok(())
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
        let end = match range.end_bound() {
            Bound::Included(e) => e.saturating_add(1),
            Bound::Excluded(e) => *e,
            Bound::Unbounded => u64::MAX,
        };
        if let Some(entries) = self.recent().get(start, end) {
            return Ok(entries);
        }
        let payloads = self
            .wal()
            .read(start, end)
            .map_err(|e| wal_err(ErrorSubject::Logs, ErrorVerb::Read, e))?;
        payloads
            .iter()
            .map(|p| decode(p, ErrorSubject::Logs))
            .collect()
    }
}

impl RaftLogStorage<TypeConfig> for LogStore {
    type LogReader = LogStore;

    async fn get_log_state(&mut self) -> Result<LogState<TypeConfig>, StorageError<NodeId>> {
        let last_purged_log_id: Option<LogId<NodeId>> = self.meta_get(LAST_PURGED)?.flatten();
        let last = self.wal().bounds().map(|(_, last)| last);
        let last_log_id = match last {
            Some(i) => {
                let entries = self.try_get_log_entries(i..=i).await?;
                entries.last().map(|e| e.log_id)
            }
            None => None,
        }
        .or(last_purged_log_id);
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
        self.sync_sled(ErrorSubject::Vote, false).await?;
        self.note_vote(vote);
        Ok(())
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<NodeId>>, StorageError<NodeId>> {
        self.meta_get(VOTE)
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<NodeId>>,
    ) -> Result<(), StorageError<NodeId>> {
        // Not flushed: openraft recomputes the committed index after a crash; this only saves work.
        // Never past the durable mark: at start-up openraft applies up to the saved index, and a
        // crash may take away entries the leader had not yet synced.
        let clamped = self.durable.clamp(committed);
        if committed.is_some() && clamped.is_none() {
            return Ok(());
        }
        let committed = clamped;
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
        let mut encoded = Vec::new();
        let mut decoded = Vec::new();
        for entry in entries {
            encoded.push((entry.log_id.index, encode(&entry, ErrorSubject::Logs)?));
            decoded.push(entry);
        }
        let Some(last) = decoded.last().map(|e| e.log_id) else {
            callback.log_io_completed(Ok(()));
            return Ok(());
        };
        let own = self.own(&decoded);
        let epoch = self.durable.epoch();
        let mut recent = self.recent();
        let file = self
            .wal()
            .append(&encoded)
            .map_err(|e| wal_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        for (entry, (_, bytes)) in decoded.into_iter().zip(&encoded) {
            recent.push(entry, bytes.len());
        }
        drop(recent);
        // The entries are readable now. A follower syncs them here, on the Raft task, which
        // waits for the callback before it does anything else anyway: handing the fsync to the
        // flusher and back would cost two thread switches per append for nothing. The leader's
        // own entries go to the flusher and the callback fires now (see the module doc).
        if !own {
            let result = match self.durable.failure() {
                Some(why) => Err(why),
                None => file
                    .sync_data()
                    .map_err(|e| format!("raft log fsync failed: {e}")),
            };
            match &result {
                Ok(()) => self.durable.synced(epoch, last),
                Err(why) => {
                    tracing::error!("{why}; refusing further writes");
                    self.durable.failed(why.clone());
                }
            }
            callback.log_io_completed(result.map_err(std::io::Error::other));
            return Ok(());
        }
        let pending = Pending { file, epoch, last };
        match self.flusher.send(pending) {
            Ok(()) => callback.log_io_completed(Ok(())),
            Err(_) => {
                let why = "the raft log flusher has stopped";
                self.durable.failed(why.to_string());
                callback.log_io_completed(Err(std::io::Error::other(why)));
            }
        }
        Ok(())
    }

    async fn truncate(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut recent = self.recent();
        recent.cut_from(log_id.index);
        self.durable.truncated(log_id.index);
        self.wal()
            .truncate(log_id.index)
            .map_err(|e| wal_err(ErrorSubject::Logs, ErrorVerb::Delete, e))
    }

    async fn purge(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        // Every start rebuilds the state from the latest snapshot and the log after it: before
        // any entry the snapshot covers disappears, make the snapshot (and everything else in
        // sled) durable, then record the purge point.
        self.sync_sled(ErrorSubject::StateMachine, true).await?;
        let bytes = encode(&Some(log_id), ErrorSubject::Logs)?;
        self.meta
            .insert(LAST_PURGED, bytes)
            .map_err(|e| io_err(ErrorSubject::Logs, ErrorVerb::Write, e))?;
        self.sync_sled(ErrorSubject::Logs, false).await?;
        let mut recent = self.recent();
        recent.cut_to(log_id.index);
        self.wal()
            .purge(log_id.index)
            .map_err(|e| wal_err(ErrorSubject::Logs, ErrorVerb::Delete, e))
    }
}

#[cfg(test)]
mod tests {
    use openraft::{CommittedLeaderId, EntryPayload};

    use super::*;

    fn entry(i: u64) -> Entry<TypeConfig> {
        Entry {
            log_id: LogId::new(CommittedLeaderId::new(1, 7), i),
            payload: EntryPayload::Blank,
        }
    }

    /// The in-memory run answers only ranges it fully holds, follows truncations and purges,
    /// starts over at a gap, and stays within its bound.
    #[test]
    fn recent_entries_follow_the_log() {
        let mut r = Recent::default();
        let ids = |v: Option<Vec<Entry<TypeConfig>>>| {
            v.map(|v| v.iter().map(|e| e.log_id.index).collect::<Vec<_>>())
        };
        for i in 5..=9 {
            r.push(entry(i), 10);
        }
        assert_eq!(ids(r.get(6, 8)), Some(vec![6, 7]));
        assert_eq!(ids(r.get(8, u64::MAX)), Some(vec![8, 9]));
        assert_eq!(ids(r.get(4, 8)), None, "entry 4 is only in the file");
        r.cut_from(8);
        assert_eq!(ids(r.get(5, 100)), Some(vec![5, 6, 7]));
        r.cut_to(5);
        assert_eq!(ids(r.get(5, 100)), None);
        assert_eq!(ids(r.get(6, 100)), Some(vec![6, 7]));
        r.push(entry(20), 10);
        assert_eq!(ids(r.get(6, 100)), None, "a gap starts the run over");
        assert_eq!(ids(r.get(20, 21)), Some(vec![20]));
        for i in 21..21 + RECENT_ENTRIES as u64 {
            r.push(entry(i), 1);
        }
        assert_eq!(r.entries.len(), RECENT_ENTRIES);
        assert_eq!(ids(r.get(20, 22)), None, "the oldest fell out");
    }

    /// The leader's own entries (its committed vote's term, itself as leader) skip waiting for
    /// the fsync; nothing else does, and a vote for a later term ends it, even for entries this
    /// server made when it led.
    #[tokio::test]
    async fn only_the_leaders_own_entries_count_as_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let sled_dir = dir.path().join("raft");
        let db = sled::open(&sled_dir).unwrap();
        let mut store = LogStore::open(&db, &sled_dir, &dir.path().join("raft-log"), 7).unwrap();
        let made_by = |term, node| {
            vec![Entry::<TypeConfig> {
                log_id: LogId::new(CommittedLeaderId::new(term, node), 1),
                payload: EntryPayload::Blank,
            }]
        };
        assert!(!store.own(&made_by(2, 7)), "no vote yet");
        store.save_vote(&Vote::new(2, 7)).await.unwrap();
        assert!(
            !store.own(&made_by(2, 7)),
            "a candidate is not a leader yet"
        );
        store.save_vote(&Vote::new_committed(2, 7)).await.unwrap();
        assert!(store.own(&made_by(2, 7)));
        assert!(!store.own(&made_by(1, 7)), "an earlier term's entries");
        assert!(!store.own(&made_by(2, 3)));
        // The vote survives a restart, and so does the leadership it shows.
        drop(store);
        let mut store = LogStore::open(&db, &sled_dir, &dir.path().join("raft-log"), 7).unwrap();
        assert!(store.own(&made_by(2, 7)));
        store.save_vote(&Vote::new_committed(3, 5)).await.unwrap();
        assert!(!store.own(&made_by(2, 7)), "another server leads term 3");
    }

    /// A data directory from a version that kept the log in sled opens with the same log.
    #[tokio::test]
    async fn a_log_kept_in_sled_moves_into_segment_files() {
        let dir = tempfile::tempdir().unwrap();
        let sled_dir = dir.path().join("raft");
        let db = sled::open(&sled_dir).unwrap();
        let old = db.open_tree("raft_log").unwrap();
        for i in 1..=5u64 {
            old.insert(i.to_be_bytes(), postcard::to_allocvec(&entry(i)).unwrap())
                .unwrap();
        }
        let mut store = LogStore::open(&db, &sled_dir, &dir.path().join("raft-log"), 7).unwrap();
        let got = store.try_get_log_entries(1..=5).await.unwrap();
        assert_eq!(
            got.iter().map(|e| e.log_id).collect::<Vec<_>>(),
            (1..=5).map(|i| entry(i).log_id).collect::<Vec<_>>()
        );
        assert!(old.is_empty());
        let state = store.get_log_state().await.unwrap();
        assert_eq!(state.last_log_id, Some(entry(5).log_id));
    }
}
