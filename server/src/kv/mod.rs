//! The replicated key/value store: entries as Consul stores them, the operations Raft applies
//! (`op`), transactions (`txn`) and the read paths with their blocking-query indexes (`read`).
//!
//! Layout inside the state-machine tree: `k<key>` holds an [`Entry`], `t<key>` a tombstone (the
//! index that deleted the key, so prefix watchers wake on deletes), and `m:kv_index` the last index
//! at which any key changed. Raft owns the tree; this module owns what the bytes mean.

mod entry;
pub mod op;
pub mod read;
pub mod txn;

pub use entry::Entry;

/// Prefix of live entries.
pub(crate) const ENTRY: u8 = b'k';
/// Prefix of tombstones.
pub(crate) const TOMBSTONE: u8 = b't';
/// The KV table index.
pub(crate) const KV_INDEX: &[u8] = b"m:kv_index";

pub(crate) fn entry_key(key: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(key.len() + 1);
    k.push(ENTRY);
    k.extend_from_slice(key.as_bytes());
    k
}

pub(crate) fn tombstone_key(key: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(key.len() + 1);
    k.push(TOMBSTONE);
    k.extend_from_slice(key.as_bytes());
    k
}

/// Why a stored KV record could not be used.
#[derive(Debug, thiserror::Error)]
pub enum KvError {
    #[error("storage: {0}")]
    Storage(#[from] sled::Error),
    #[error("corrupt KV record for key {key:?}: {reason}")]
    Corrupt { key: String, reason: String },
}
