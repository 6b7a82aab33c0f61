//! One stored key/value pair with Consul's indexes.

use serde::{Deserialize, Serialize};

/// A KV entry as the state machine stores it. Field order is the on-disk postcard layout:
/// append new fields at the end only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub value: Vec<u8>,
    pub flags: u64,
    pub create_index: u64,
    pub modify_index: u64,
    pub lock_index: u64,
    pub session: Option<String>,
}

impl Entry {
    pub fn encode(&self) -> Vec<u8> {
        // Serialising a plain struct of owned fields into a Vec cannot fail.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    pub fn decode(bytes: &[u8], key: &str) -> Result<Entry, super::KvError> {
        postcard::from_bytes(bytes).map_err(|e| super::KvError::Corrupt {
            key: key.to_string(),
            reason: e.to_string(),
        })
    }
}
