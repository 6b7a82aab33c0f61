//! `/v1/kv` entries.

use serde::{Deserialize, Serialize};

use crate::kv::Entry;

/// A KV pair as `/v1/kv` returns it: the value base64-encoded, `null` when empty, and `Session`
/// present only when the key is locked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KvPair {
    pub lock_index: u64,
    pub key: String,
    pub flags: u64,
    #[serde(with = "value_b64")]
    pub value: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub create_index: u64,
    pub modify_index: u64,
}

impl From<Entry> for KvPair {
    fn from(e: Entry) -> Self {
        KvPair {
            lock_index: e.lock_index,
            key: e.key,
            flags: e.flags,
            value: e.value,
            session: e.session,
            create_index: e.create_index,
            modify_index: e.modify_index,
        }
    }
}

/// `Value` as base64, with `null` for an empty value (Consul stores an empty body as no value).
mod value_b64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        if v.is_empty() {
            s.serialize_none()
        } else {
            s.serialize_str(&super::super::b64::encode(v))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(Vec::new()),
            Some(s) => super::super::b64::decode(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// One entry of `ctl kv export` / `ctl kv import`, in Consul's export format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEntry {
    pub key: String,
    pub flags: u64,
    /// Base64 of the value.
    pub value: String,
}
