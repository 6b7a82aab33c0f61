//! `/v1/agent/runtime` and `/v1/operator/runtime`: an agent's runtime gossip-encryption and TLS
//! settings, what a change to them looks like, and each node's report. The rollout wizards
//! drive a whole cluster through these, one stage at a time, without restarting an agent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A change to an agent's runtime settings. Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct Change {
    pub gossip: GossipChange,
    #[serde(rename = "TLS")]
    pub tls: TlsChange,
}

impl Change {
    /// Whether it changes nothing (a plain request for reports).
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }
}

/// Gossip encryption: install a key (turning encryption on if it was off), turn it off, or set
/// the verify flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct GossipChange {
    /// A base64 key to install; on a plaintext agent it becomes the primary key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Turn encryption off (only with both verify flags off).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub disable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_incoming: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_outgoing: Option<bool>,
}

/// TLS on server RPC (and on HTTPS for `verify_incoming`, where an HTTPS port is configured).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct TlsChange {
    /// Read the certificate files again (e.g. ones just placed in `<data_dir>/tls/`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reload: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_incoming: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_outgoing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_server_hostname: Option<bool>,
}

/// One agent's runtime settings in effect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Report {
    pub node: String,
    pub version: String,
    pub server: bool,
    /// The agent's data directory and a machine identity, so a wizard on the same machine can
    /// place certificate files there itself.
    pub data_dir: String,
    pub machine: String,
    /// The agent's HTTP address as configured (`client_addr:ports.http`), empty without one.
    #[serde(rename = "HTTPAddr")]
    pub http_addr: String,
    pub gossip: GossipReport,
    #[serde(rename = "TLS")]
    pub tls: TlsReport,
    /// Why the change asked of this agent was refused (empty when it applied).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GossipReport {
    pub encrypted: bool,
    pub keys: usize,
    pub verify_incoming: bool,
    pub verify_outgoing: bool,
    /// Lifeguard's local health score (0 is healthy).
    pub health_score: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct TlsReport {
    /// A CA is loaded (needed to verify peers).
    #[serde(rename = "CA")]
    pub ca: bool,
    /// A certificate is loaded for server RPC.
    pub cert: bool,
    /// The certificate's common name, when one is loaded.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cert_name: String,
    pub verify_incoming: bool,
    pub verify_outgoing: bool,
    pub verify_server_hostname: bool,
    /// An HTTPS port is configured.
    #[serde(rename = "HTTPS")]
    pub https: bool,
    #[serde(rename = "HTTPSCert")]
    pub https_cert: bool,
    #[serde(rename = "HTTPSVerifyIncoming")]
    pub https_verify_incoming: bool,
}

/// `/v1/operator/runtime`: every member's answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ClusterReport {
    /// Members alive when the query went out (all are expected to answer).
    pub num_nodes: usize,
    pub responses: BTreeMap<String, Report>,
}

/// Where rollouts keep their state in the KV store (reserved: the wizards own it).
pub const ROLLOUT_PREFIX: &str = "_ctl/rollout/";
/// The rollout's progress (a [`Rollout`] as JSON), read by the wizard to resume and by the
/// dashboard to show it.
pub const ROLLOUT_STATE_KEY: &str = "_ctl/rollout/state";
/// Held (with a session) by the wizard that is driving a rollout.
pub const ROLLOUT_LOCK_KEY: &str = "_ctl/rollout/lock";

/// A rollout's progress, as stored at [`ROLLOUT_STATE_KEY`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Rollout {
    /// `gossip-encryption`, `gossip-key` or `tls`.
    pub kind: String,
    pub stages: usize,
    /// Stages completed and verified.
    pub done: usize,
    /// `running`, `failed`, `rolled back` or `complete`.
    pub status: String,
    /// What the wizard is doing or why it stopped.
    pub message: String,
    /// Each node's state in the current stage (`ok`, or what is missing).
    pub nodes: BTreeMap<String, String>,
    /// Unix seconds of the last update.
    pub updated: u64,
    /// `host pid` of the wizard driving it.
    pub holder: String,
    /// The rollout's parameters, kept so an interrupted run resumes with the same ones (the
    /// gossip keys are as visible here as through `/v1/operator/keyring`).
    pub params: BTreeMap<String, String>,
}

impl Rollout {
    /// Whether nothing is left half-done, so a rollout of another kind may start: it completed,
    /// or it stopped before any stage was in effect.
    pub fn finished(&self) -> bool {
        self.status == "complete" || (self.done == 0 && self.status != "running")
    }
}
