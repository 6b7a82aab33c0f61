//! How far this server's Raft log is on disk: the mark the leader's own writes are held to.
//!
//! openraft 0.9 waits for the leader's own fsync before it sends the new entries to the
//! followers, so a write costs two fsyncs one after the other. The log store lets the leader go
//! on at once with the entries it made itself ([`super::log_store`]), replicating while its own
//! fsync runs, as etcd's leader does. What stays behind is this mark, and the three places that
//! must not run ahead of it:
//! - the state machine applies an entry only once it is on disk here, so nothing is answered,
//!   read or put into a snapshot before the leader's copy is durable;
//! - the commit index sent to the followers never passes it, so a follower applies an entry only
//!   when it is durable on this leader and on the follower that made the quorum;
//! - the committed index saved to disk never passes it, so a restart never expects entries that
//!   a crash took away.
//!
//! A truncation starts a new epoch: an fsync of entries written before it says nothing about
//! the entries that replaced them.

use std::sync::Arc;

use openraft::LogId;
use tokio::sync::watch;

use super::NodeId;

#[derive(Debug, Default)]
struct Mark {
    /// Bumped by every truncation.
    epoch: u64,
    /// Every entry below this index is on disk.
    upto: u64,
    /// The id of the newest durable entry, when known (it is forgotten by a truncation below it).
    last: Option<LogId<NodeId>>,
    /// An fsync failed: nothing written after it can be trusted to be on disk.
    failed: Option<String>,
}

/// The durable mark; clones share it.
#[derive(Clone, Debug)]
pub struct Durability(Arc<watch::Sender<Mark>>);

impl Durability {
    /// Everything up to `last` is on disk (the log as found at start-up, after an fsync).
    pub fn new(last: Option<LogId<NodeId>>) -> Durability {
        let (tx, _) = watch::channel(Mark {
            epoch: 0,
            upto: last.map_or(0, |l| l.index + 1),
            last,
            failed: None,
        });
        Durability(Arc::new(tx))
    }

    /// For state machines tested on their own, with no log behind them: nothing to wait for.
    #[cfg(test)]
    pub fn unbounded() -> Durability {
        let d = Durability::new(None);
        d.0.send_modify(|m| m.upto = u64::MAX);
        d
    }

    /// The epoch an append made now belongs to.
    pub fn epoch(&self) -> u64 {
        self.0.borrow().epoch
    }

    /// An fsync covered every entry up to `last`, appended in `epoch`.
    pub fn synced(&self, epoch: u64, last: LogId<NodeId>) {
        self.0.send_if_modified(|m| {
            if m.epoch != epoch || (m.last.is_some() && last.index < m.upto) {
                return false;
            }
            m.upto = m.upto.max(last.index + 1);
            m.last = Some(last);
            true
        });
    }

    /// Entries from `from` on are gone.
    pub fn truncated(&self, from: u64) {
        self.0.send_modify(|m| {
            m.epoch += 1;
            if m.upto > from {
                m.upto = from;
                m.last = None;
            }
        });
    }

    /// An fsync failed; every waiter gets `why`.
    pub fn failed(&self, why: String) {
        self.0.send_modify(|m| m.failed = Some(why));
    }

    /// Why an earlier fsync failed, if one did.
    pub fn failure(&self) -> Option<String> {
        self.0.borrow().failed.clone()
    }

    /// The id of the newest entry known to be on disk.
    pub fn last(&self) -> Option<LogId<NodeId>> {
        self.0.borrow().last
    }

    /// A commit index held to the mark: what may be told to followers or saved.
    pub fn clamp(&self, commit: Option<LogId<NodeId>>) -> Option<LogId<NodeId>> {
        clamp_commit(commit, self.last())
    }

    /// Waits until entry `index` is on disk; an error when an fsync failed first.
    pub async fn wait(&self, index: u64) -> Result<(), String> {
        let ready = |m: &Mark| m.upto > index || m.failed.is_some();
        if !ready(&self.0.borrow()) {
            let mut rx = self.0.subscribe();
            // The sender lives as long as `self`, so the wait cannot see it dropped.
            let _ = rx.wait_for(ready).await;
        }
        match &self.0.borrow().failed {
            Some(why) => Err(why.clone()),
            None => Ok(()),
        }
    }
}

/// `commit`, but never past `durable`; nothing when nothing is known to be durable.
fn clamp_commit(
    commit: Option<LogId<NodeId>>,
    durable: Option<LogId<NodeId>>,
) -> Option<LogId<NodeId>> {
    match (commit, durable) {
        (Some(c), Some(d)) if d.index < c.index => Some(d),
        (Some(_), None) => None,
        (c, _) => c,
    }
}

#[cfg(test)]
mod tests {
    use futures::FutureExt;
    use openraft::CommittedLeaderId;

    use super::*;

    fn id(term: u64, index: u64) -> LogId<NodeId> {
        LogId::new(CommittedLeaderId::new(term, 1), index)
    }

    /// A waiter is released by the fsync that covers its entry, not by an earlier one, and not
    /// by an fsync of entries a truncation replaced.
    #[tokio::test]
    async fn waiters_follow_fsyncs_and_truncations() {
        let d = Durability::new(Some(id(1, 3)));
        assert!(
            d.wait(3).await.is_ok(),
            "what was found at start is durable"
        );
        let mut waiter = Box::pin(d.wait(6));
        assert!((&mut waiter).now_or_never().is_none());
        let old = d.epoch();
        d.synced(old, id(1, 5));
        assert!(
            (&mut waiter).now_or_never().is_none(),
            "entry 6 is not covered by an fsync up to 5"
        );
        d.truncated(5);
        assert_eq!(d.last(), None, "the newest durable entry was cut off");
        d.synced(old, id(1, 7));
        assert!(
            (&mut waiter).now_or_never().is_none(),
            "an fsync of entries written before the truncation proves nothing"
        );
        d.synced(d.epoch(), id(2, 6));
        assert!(waiter.await.is_ok());
        assert_eq!(d.last(), Some(id(2, 6)));
    }

    /// A failed fsync fails every waiter instead of leaving it hanging.
    #[tokio::test]
    async fn a_failed_fsync_fails_the_waiters() {
        let d = Durability::new(None);
        let mut waiter = Box::pin(d.wait(0));
        assert!((&mut waiter).now_or_never().is_none());
        d.failed("EIO".into());
        assert_eq!(waiter.await, Err("EIO".to_string()));
    }

    /// Followers hear of a commit, and the saved commit records it, only as far as the
    /// leader's log is on disk.
    #[test]
    fn the_commit_sent_never_passes_the_durable_mark() {
        let id = |i| Some(LogId::new(CommittedLeaderId::new(3, 1), i));
        assert_eq!(clamp_commit(id(9), id(7)), id(7));
        assert_eq!(clamp_commit(id(7), id(9)), id(7));
        assert_eq!(clamp_commit(id(7), id(7)), id(7));
        assert_eq!(clamp_commit(id(7), None), None);
        assert_eq!(clamp_commit(None, id(7)), None);
    }
}
