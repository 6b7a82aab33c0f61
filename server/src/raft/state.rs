//! The replicated state, held in memory: one ordered map of every key the state machine keeps
//! (KV entries, catalog, sessions, and Raft's applied id and membership).
//!
//! It is not stored on its own: the Raft log and the latest snapshot are the durable record, and
//! opening rebuilds the map from the snapshot while Raft replays the log after it (as Consul's
//! in-memory state store does). Keeping it in memory takes the storage engine off every apply and
//! read: writing each applied key into sled cost more CPU per write than the rest of a follower's
//! write path, and a read was a tree descent with page-cache bookkeeping.
//!
//! An apply's writes land under one write lock, so a reader sees all of an apply or none of it.

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::overlay::{Pairs, Source};

type Map = BTreeMap<Vec<u8>, Vec<u8>>;

/// The state map; clones share it.
#[derive(Clone, Default)]
pub struct State(Arc<RwLock<Map>>);

impl State {
    // A panic elsewhere while the lock was held cannot leave the map itself broken (every
    // change is one map operation), so a poisoned lock is used as it is.
    fn shared(&self) -> RwLockReadGuard<'_, Map> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn exclusive(&self) -> RwLockWriteGuard<'_, Map> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value at `key`.
    pub fn value(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.shared().get(key).cloned()
    }

    /// Every pair whose key starts with `prefix`, in key order.
    pub fn prefixed(&self, prefix: &[u8]) -> Pairs {
        self.shared()
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// How many keys start with `prefix`.
    pub fn count(&self, prefix: &[u8]) -> usize {
        self.shared()
            .range(prefix.to_vec()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .count()
    }

    /// Writes (`Some`) and removes (`None`) all of `changes` at once.
    pub fn apply(&self, changes: BTreeMap<Vec<u8>, Option<Vec<u8>>>) {
        let mut map = self.exclusive();
        for (k, v) in changes {
            match v {
                Some(v) => {
                    map.insert(k, v);
                }
                None => {
                    map.remove(&k);
                }
            }
        }
    }

    /// Replaces everything with `pairs` (a snapshot installed or loaded).
    pub fn replace(&self, pairs: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>) {
        let fresh: Map = pairs.into_iter().collect();
        *self.exclusive() = fresh;
    }
}

impl Source for State {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error> {
        Ok(self.value(key))
    }

    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error> {
        Ok(self.prefixed(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(k: &str, v: &str) -> (Vec<u8>, Vec<u8>) {
        (k.as_bytes().to_vec(), v.as_bytes().to_vec())
    }

    #[test]
    fn prefixes_select_exactly_their_keys_in_order() {
        let s = State::default();
        s.replace([kv("a/2", "2"), kv("a/1", "1"), kv("ab", "x"), kv("b", "y")]);
        assert_eq!(s.prefixed(b"a/"), vec![kv("a/1", "1"), kv("a/2", "2")]);
        assert_eq!(s.count(b"a"), 3);
        assert_eq!(s.count(b"c"), 0);
        assert_eq!(s.prefixed(b"").len(), 4);
        assert_eq!(s.value(b"b"), Some(b"y".to_vec()));
        assert_eq!(s.value(b"c"), None);
    }

    #[test]
    fn an_apply_writes_and_removes_and_clones_share_it() {
        let s = State::default();
        s.replace([kv("a", "1"), kv("b", "2")]);
        let reader = s.clone();
        s.apply(BTreeMap::from([
            (b"a".to_vec(), None),
            (b"c".to_vec(), Some(b"3".to_vec())),
        ]));
        assert_eq!(reader.prefixed(b""), vec![kv("b", "2"), kv("c", "3")]);
        s.replace([kv("z", "9")]);
        assert_eq!(reader.prefixed(b""), vec![kv("z", "9")]);
    }
}
