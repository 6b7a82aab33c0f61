//! A write set over the replicated state: reads see earlier writes of the same apply.
//!
//! Raft applies many log entries at once; each may read what an earlier one wrote (a CAS after a
//! set of the same key). Keeping the writes here until the end writes each key once per apply,
//! and lets a transaction roll back by restoring a checkpoint.

use std::collections::BTreeMap;

use super::state::State;

/// Key/value pairs as scanned, in key order.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// Read access to replicated state, implemented by the live [`State`] (HTTP reads) and by
/// [`Overlay`] (writes in progress), so the KV read paths serve both.
pub trait Source {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error>;
    /// Every pair whose key starts with `prefix`, in key order.
    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error>;
}

/// Pending writes over the state.
pub struct Overlay<'a> {
    state: &'a State,
    pending: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

/// A point to roll back to.
pub struct Checkpoint(BTreeMap<Vec<u8>, Option<Vec<u8>>>);

impl<'a> Overlay<'a> {
    pub fn new(state: &'a State) -> Self {
        Overlay {
            state,
            pending: BTreeMap::new(),
        }
    }

    pub fn put(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.pending.insert(key, Some(value));
    }

    pub fn remove(&mut self, key: Vec<u8>) {
        self.pending.insert(key, None);
    }

    /// Saves the pending writes so a failed transaction can be undone.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.pending.clone())
    }

    pub fn restore(&mut self, checkpoint: Checkpoint) {
        self.pending = checkpoint.0;
    }

    /// Makes the pending writes visible, all at once.
    pub fn write(self) {
        self.state.apply(self.pending);
    }
}

impl Source for Overlay<'_> {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error> {
        match self.pending.get(key) {
            Some(v) => Ok(v.clone()),
            None => Source::get(self.state, key),
        }
    }

    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error> {
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> =
            Source::scan(self.state, prefix)?.into_iter().collect();
        for (k, v) in self.pending.range(prefix.to_vec()..) {
            if !k.starts_with(prefix) {
                break;
            }
            match v {
                Some(v) => merged.insert(k.clone(), v.clone()),
                None => merged.remove(k),
            };
        }
        Ok(merged.into_iter().collect())
    }
}
