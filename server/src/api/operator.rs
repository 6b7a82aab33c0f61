//! `/v1/operator`: the keyring, the Raft configuration and autopilot.

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

/// `GET /v1/operator/raft/configuration`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RaftConfiguration {
    pub servers: Vec<RaftServer>,
    /// The Raft index the configuration was read at.
    pub index: u64,
}

/// One server of the Raft configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RaftServer {
    #[serde(rename = "ID")]
    pub id: String,
    pub node: String,
    pub address: String,
    pub leader: bool,
    pub protocol_version: String,
    pub voter: bool,
    /// The last log index the server is known to hold (the leader's view of its replication).
    #[serde(default)]
    pub last_index: u64,
}

/// `GET /v1/operator/autopilot/configuration`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AutopilotConfiguration {
    pub cleanup_dead_servers: bool,
    pub last_contact_threshold: String,
    pub max_trailing_logs: u64,
    pub min_quorum: u64,
    pub server_stabilization_time: String,
    pub redundancy_zone_tag: String,
    pub disable_upgrade_migration: bool,
    pub upgrade_version_tag: String,
    pub create_index: u64,
    pub modify_index: u64,
}

/// `GET /v1/operator/autopilot/health`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AutopilotHealth {
    pub healthy: bool,
    pub failure_tolerance: u64,
    pub servers: Vec<ServerHealth>,
}

/// One server's health as autopilot judges it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServerHealth {
    #[serde(rename = "ID")]
    pub id: String,
    pub name: String,
    pub address: String,
    pub serf_status: String,
    pub version: String,
    pub leader: bool,
    pub last_contact: String,
    pub last_term: u64,
    pub last_index: u64,
    pub healthy: bool,
    pub voter: bool,
    pub stable_since: String,
}
