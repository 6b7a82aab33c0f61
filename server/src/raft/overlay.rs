//! A write set over the state-machine tree: reads see earlier writes of the same apply.
//!
//! Raft applies many log entries at once; each may read what an earlier one wrote (a CAS after a
//! set of the same key). Keeping the writes here until the end writes each key once per apply,
//! and lets a transaction roll back by restoring a checkpoint.

use std::collections::BTreeMap;

/// Key/value pairs as scanned, in key order.
pub type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// Read access to replicated state, implemented by the live tree (HTTP reads) and by [`Overlay`]
/// (writes in progress), so the KV read paths serve both.
pub trait Source {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error>;
    /// Every pair whose key starts with `prefix`, in key order.
    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error>;
}

impl Source for sled::Tree {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error> {
        Ok(sled::Tree::get(self, key)?.map(|v| v.to_vec()))
    }

    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error> {
        self.scan_prefix(prefix)
            .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())))
            .collect()
    }
}

/// Pending writes over a tree.
pub struct Overlay<'a> {
    tree: &'a sled::Tree,
    pending: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}

/// A point to roll back to.
pub struct Checkpoint(BTreeMap<Vec<u8>, Option<Vec<u8>>>);

impl<'a> Overlay<'a> {
    pub fn new(tree: &'a sled::Tree) -> Self {
        Overlay {
            tree,
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

    /// Writes the pending writes to the tree, key by key (see the state machine on why not
    /// as one batch, and how a crash in between is repaired).
    pub fn write(self) -> Result<(), sled::Error> {
        for (k, v) in self.pending {
            match v {
                Some(v) => {
                    self.tree.insert(k, v)?;
                }
                None => {
                    self.tree.remove(k)?;
                }
            }
        }
        Ok(())
    }
}

impl Source for Overlay<'_> {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error> {
        match self.pending.get(key) {
            Some(v) => Ok(v.clone()),
            None => Source::get(self.tree, key),
        }
    }

    fn scan(&self, prefix: &[u8]) -> Result<Pairs, sled::Error> {
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> =
            Source::scan(self.tree, prefix)?.into_iter().collect();
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
