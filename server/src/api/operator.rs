//! `/v1/operator`: the keyring.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One pool's keyring view (`GET /v1/operator/keyring`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyringResponse {
    #[serde(rename = "WAN")]
    pub wan: bool,
    pub datacenter: String,
    pub segment: String,
    /// Key → how many nodes have it installed.
    pub keys: BTreeMap<String, usize>,
    /// Key → how many nodes use it as primary.
    pub primary_keys: BTreeMap<String, usize>,
    /// Node → error message, for nodes that failed.
    pub messages: BTreeMap<String, String>,
    pub num_nodes: usize,
}

/// The body of keyring writes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyringRequest {
    #[serde(rename = "Key")]
    pub key: String,
}
