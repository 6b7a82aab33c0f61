//! `/v1/agent/self`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET /v1/agent/self`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AgentSelf {
    pub config: SelfConfig,
    pub member: Member,
    /// `ctl info`'s sections: section → key → value, all strings as Consul reports them.
    pub stats: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    /// Beyond Consul: the runtime gossip-encryption and TLS settings in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<super::runtime::Report>,
}

/// The `Config` block.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SelfConfig {
    #[serde(rename = "Datacenter")]
    pub datacenter: String,
    #[serde(rename = "NodeName")]
    pub node_name: String,
    #[serde(rename = "NodeID")]
    pub node_id: String,
    #[serde(rename = "Server")]
    pub server: bool,
    #[serde(rename = "Revision")]
    pub revision: String,
    #[serde(rename = "Version")]
    pub version: String,
}

/// A gossip member as `/v1/agent/members` and `Member` report it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Member {
    pub name: String,
    pub addr: String,
    pub port: u16,
    pub tags: BTreeMap<String, String>,
    /// 0 none, 1 alive, 2 leaving, 3 left, 4 failed.
    pub status: u8,
    pub protocol_min: u8,
    pub protocol_max: u8,
    pub protocol_cur: u8,
    pub delegate_min: u8,
    pub delegate_max: u8,
    pub delegate_cur: u8,
    /// Beyond Consul: the failure detector suspects this alive member (serf still reports it
    /// alive until the suspicion times out). Absent when false, so Consul's shape is kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspect: bool,
}
