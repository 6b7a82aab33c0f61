//! The dashboard's own view of the cluster: small typed records parsed from the HTTP API's JSON.
//! Parsing is lenient (a missing field becomes empty) because the dashboard must keep working
//! against any Consul-compatible agent; nothing here talks to the network.

use std::collections::BTreeMap;

use ctl_server::api::agent::{AgentSelf, Member as ApiMember};
use ctl_server::api::operator::{KeyringResponse, RaftConfiguration};
use serde_json::Value;

/// A check's or instance's health, ordered worst first so an ascending sort puts critical on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Health {
    Critical,
    Warning,
    Passing,
    Unknown,
}

impl Health {
    pub fn parse(s: &str) -> Health {
        match s {
            "critical" => Health::Critical,
            "warning" => Health::Warning,
            "passing" => Health::Passing,
            _ => Health::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Health::Critical => "critical",
            Health::Warning => "warning",
            Health::Passing => "passing",
            Health::Unknown => "unknown",
        }
    }
}

/// A gossip member's status, as `/v1/agent/members` numbers it (Serf's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberStatus {
    Failed,
    Leaving,
    Left,
    Alive,
    None,
}

impl MemberStatus {
    pub fn from_code(code: u8) -> MemberStatus {
        match code {
            1 => MemberStatus::Alive,
            2 => MemberStatus::Leaving,
            3 => MemberStatus::Left,
            4 => MemberStatus::Failed,
            _ => MemberStatus::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MemberStatus::Alive => "alive",
            MemberStatus::Leaving => "leaving",
            MemberStatus::Left => "left",
            MemberStatus::Failed => "failed",
            MemberStatus::None => "none",
        }
    }
}

/// What a member is, from its `role` tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Server,
    Client,
    Other,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Server => "server",
            Role::Client => "client",
            Role::Other => "-",
        }
    }
}

/// One LAN gossip member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub addr: String,
    pub port: u16,
    pub status: MemberStatus,
    pub role: Role,
    pub dc: String,
    pub build: String,
    pub tags: BTreeMap<String, String>,
    /// Alive, but the failure detector suspects it.
    pub suspect: bool,
}

impl Member {
    pub fn from_api(m: &ApiMember) -> Member {
        let tag = |k: &str| m.tags.get(k).cloned().unwrap_or_default();
        let role = match m.tags.get("role").map(String::as_str) {
            Some("consul") => Role::Server,
            Some("node") => Role::Client,
            _ => Role::Other,
        };
        // Consul's build tag is "1.2.3:abcdef"; the version is what an operator compares.
        let build = tag("build")
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        Member {
            name: m.name.clone(),
            addr: m.addr.clone(),
            port: m.port,
            status: MemberStatus::from_code(m.status),
            role,
            dc: tag("dc"),
            build,
            tags: m.tags.clone(),
            suspect: m.suspect,
        }
    }

    /// The status as the Gossip view shows it: `suspect` for an alive member under suspicion.
    pub fn gossip_status(&self) -> &'static str {
        if self.suspect && self.status == MemberStatus::Alive {
            "suspect"
        } else {
            self.status.name()
        }
    }
}

/// One agent's runtime security settings and gossip health, from `/v1/operator/runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRuntime {
    /// Lifeguard's health score (0 is healthy).
    pub health_score: i32,
    /// `enforced`, `encrypting`, `key only`, or `off`.
    pub gossip: &'static str,
    /// `mTLS`, `TLS`, `cert`, or `off`.
    pub tls: &'static str,
}

impl NodeRuntime {
    pub fn map_from_api(
        r: &ctl_server::api::runtime::ClusterReport,
    ) -> BTreeMap<String, NodeRuntime> {
        r.responses
            .iter()
            .map(|(node, r)| {
                let g = &r.gossip;
                let gossip = match (g.encrypted, g.verify_outgoing, g.verify_incoming) {
                    (false, _, _) => "off",
                    (true, true, true) => "enforced",
                    (true, true, false) => "encrypting",
                    (true, false, _) => "key only",
                };
                let t = &r.tls;
                let tls = match (t.cert, t.verify_outgoing, t.verify_incoming) {
                    (_, true, true) => "mTLS",
                    (_, true, false) => "TLS",
                    (true, false, _) => "cert",
                    (false, false, _) => "off",
                };
                (
                    node.clone(),
                    NodeRuntime {
                        health_score: g.health_score,
                        gossip,
                        tls,
                    },
                )
            })
            .collect()
    }
}

/// One health check, node-level when `service_id` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub node: String,
    pub id: String,
    pub name: String,
    pub status: Health,
    pub output: String,
    pub service_id: String,
    pub service_name: String,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn tags(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Check {
    pub fn from_json(v: &Value) -> Check {
        Check {
            node: text(v, "Node"),
            id: text(v, "CheckID"),
            name: text(v, "Name"),
            status: Health::parse(&text(v, "Status")),
            output: text(v, "Output").trim().to_string(),
            service_id: text(v, "ServiceID"),
            service_name: text(v, "ServiceName"),
        }
    }

    /// Checks from a `/v1/health/state/any` body; anything but an array is no checks.
    pub fn list_from_json(v: &Value) -> Vec<Check> {
        v.as_array()
            .map(|a| a.iter().map(Check::from_json).collect())
            .unwrap_or_default()
    }
}

/// One registered instance of a service, with every check that applies to it (node checks
/// included, as `/v1/health/service` reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub node: String,
    pub address: String,
    pub id: String,
    pub service: String,
    pub port: u16,
    pub tags: Vec<String>,
    pub checks: Vec<Check>,
}

impl Instance {
    /// Instances from a `/v1/health/service/<name>` body.
    pub fn list_from_json(v: &Value) -> Vec<Instance> {
        let Some(entries) = v.as_array() else {
            return Vec::new();
        };
        entries
            .iter()
            .map(|e| {
                let node = e.get("Node").cloned().unwrap_or(Value::Null);
                let svc = e.get("Service").cloned().unwrap_or(Value::Null);
                let mut address = text(&svc, "Address");
                if address.is_empty() {
                    address = text(&node, "Address");
                }
                Instance {
                    node: text(&node, "Node"),
                    address,
                    id: text(&svc, "ID"),
                    service: text(&svc, "Service"),
                    port: svc
                        .get("Port")
                        .and_then(Value::as_u64)
                        .and_then(|p| u16::try_from(p).ok())
                        .unwrap_or(0),
                    tags: tags(&svc, "Tags"),
                    checks: e
                        .get("Checks")
                        .map(Check::list_from_json)
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The worst of the instance's checks; an instance without checks counts as passing.
    pub fn health(&self) -> Health {
        self.checks
            .iter()
            .map(|c| c.status)
            .min()
            .unwrap_or(Health::Passing)
    }
}

/// Service names and their tags from `/v1/catalog/services`.
pub fn services_from_json(v: &Value) -> BTreeMap<String, Vec<String>> {
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(name, t)| {
                    let list = t
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    (name.clone(), list)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One Raft server as the configuration reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaftPeer {
    pub node: String,
    pub id: String,
    pub address: String,
    pub leader: bool,
    pub voter: bool,
    pub last_index: u64,
    /// Since the leader last heard from it (autopilot's `LastContact`, e.g. "12ms"); empty
    /// when unknown.
    pub last_contact: String,
    /// Autopilot's verdict; `None` when autopilot did not answer.
    pub healthy: Option<bool>,
}

impl RaftPeer {
    /// Adds autopilot's view (`/v1/operator/autopilot/health`) to the peers, matched by ID.
    pub fn with_health(mut peers: Vec<RaftPeer>, health: &serde_json::Value) -> Vec<RaftPeer> {
        let servers = health["Servers"].as_array().cloned().unwrap_or_default();
        for p in &mut peers {
            if let Some(s) = servers
                .iter()
                .find(|s| s["ID"].as_str() == Some(p.id.as_str()))
            {
                p.last_contact = s["LastContact"].as_str().unwrap_or_default().to_string();
                p.healthy = s["Healthy"].as_bool();
            }
        }
        peers
    }

    pub fn list_from_api(c: &RaftConfiguration) -> Vec<RaftPeer> {
        c.servers
            .iter()
            .map(|s| RaftPeer {
                node: s.node.clone(),
                id: s.id.clone(),
                address: s.address.clone(),
                leader: s.leader,
                voter: s.voter,
                last_index: s.last_index,
                last_contact: String::new(),
                healthy: None,
            })
            .collect()
    }
}

/// One gossip key and how many members hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub key: String,
    pub installed: usize,
    pub total: usize,
    pub primary: bool,
}

impl KeyInfo {
    /// The LAN pool's keys (WAN answers are left out: the dashboard shows one datacenter).
    pub fn list_from_api(resps: &[KeyringResponse]) -> Vec<KeyInfo> {
        let mut out = Vec::new();
        for r in resps.iter().filter(|r| !r.wan) {
            for (key, n) in &r.keys {
                out.push(KeyInfo {
                    key: key.clone(),
                    installed: *n,
                    total: r.num_nodes,
                    primary: r.primary_keys.contains_key(key),
                });
            }
        }
        out.sort_by(|a, b| (!a.primary, &a.key).cmp(&(!b.primary, &b.key)));
        out
    }
}

/// What `/v1/agent/self` says about the agent the dashboard talks to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentInfo {
    pub datacenter: String,
    pub node: String,
    pub server: bool,
    pub version: String,
    pub term: String,
    pub commit_index: String,
    pub encrypted: Option<bool>,
    pub verify_incoming: String,
    pub verify_outgoing: String,
    pub health_score: String,
    pub https: Option<bool>,
    /// Server RPC TLS flags as the agent reports them ("true"/"false", empty when unknown).
    pub rpc_verify_incoming: String,
    pub rpc_verify_outgoing: String,
    pub rpc_verify_hostname: String,
    pub https_verify_incoming: String,
}

impl AgentInfo {
    pub fn from_api(s: &AgentSelf) -> AgentInfo {
        let stat = |section: &str, key: &str| {
            s.stats
                .get(section)
                .and_then(|m| m.get(key))
                .cloned()
                .unwrap_or_default()
        };
        let flag = |v: String| match v.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        AgentInfo {
            datacenter: s.config.datacenter.clone(),
            node: s.config.node_name.clone(),
            server: s.config.server,
            version: s.config.version.clone(),
            term: stat("raft", "term"),
            commit_index: stat("raft", "commit_index"),
            encrypted: flag(stat("serf_lan", "encrypted")),
            verify_incoming: stat("serf_lan", "encrypt_verify_incoming"),
            verify_outgoing: stat("serf_lan", "encrypt_verify_outgoing"),
            health_score: stat("serf_lan", "health_score"),
            https: flag(stat("tls", "https_certificate")),
            rpc_verify_incoming: stat("tls", "rpc_verify_incoming"),
            rpc_verify_outgoing: stat("tls", "rpc_verify_outgoing"),
            rpc_verify_hostname: stat("tls", "rpc_verify_server_hostname"),
            https_verify_incoming: stat("tls", "https_verify_incoming"),
        }
    }
}
