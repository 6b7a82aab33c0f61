//! The agent's DNS interface: Consul-style names (`web.service.consul`, `node1.node.consul`,
//! `_web._tcp.service.consul`, `0a000001.addr.dc1.consul`, reverse `in-addr.arpa`) answered from
//! the agent's local copy of the catalog, with names outside the domain forwarded to recursors.
//!
//! The module is self-contained on purpose: it sees the catalog only through the [`Source`]
//! trait, so it can be tested (and reasoned about) without a running agent, and the wire format
//! is handled entirely by `hickory-proto`'s codec. [`answer`] is the pure core (bytes in, bytes
//! out, no I/O); [`serve`] adds the UDP and TCP loops and recursor forwarding around it.
//!
//! Layout: `name` turns a query name into a [`name::Lookup`], `lookup` turns a lookup into
//! records from the [`Source`], `answer` wraps those records into a response message (header
//! checks, EDNS0, truncation), and `server` does the sockets.

mod answer;
mod lookup;
mod name;
mod server;

#[cfg(test)]
mod fixture;

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

pub use answer::answer;
pub use server::serve;

/// How the DNS interface behaves; mirrors the `dns_config` block (and `domain`, `datacenter`,
/// `recursors`) of Consul's agent configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsConfig {
    /// The domain we are authoritative for, e.g. `"consul."`. Matched case-insensitively; a
    /// missing trailing dot is tolerated.
    pub domain: String,
    /// Our datacenter; names that ask for another one are answered NXDOMAIN (we do not forward
    /// between datacenters).
    pub datacenter: String,
    /// TTL of node, address and PTR records.
    pub node_ttl: Duration,
    /// TTL of service records, by service name: exact names first, then the longest matching
    /// prefix wildcard (`"web*"`), then `"*"`; services matching nothing get 0.
    pub service_ttl: HashMap<String, Duration>,
    /// Also drop instances whose worst check is `Warning` (critical ones are always dropped).
    pub only_passing: bool,
    /// Consul's knob for setting TC on UDP answers that had records removed. Accepted for
    /// configuration compatibility but not needed: this implementation *always* sets TC when it
    /// drops answer records to fit a UDP (or the 64 KiB TCP) limit, because a response that is
    /// silently incomplete gives a correct client no reason to retry over TCP.
    pub enable_truncate: bool,
    /// Maximum number of A/AAAA (and CNAME) records in a service answer; 0 = unlimited.
    pub a_record_limit: usize,
    /// Upstream resolvers for names outside the domain, tried in order. Empty = refuse them.
    pub recursors: Vec<SocketAddr>,
    /// How long to wait for each recursor.
    pub recursor_timeout: Duration,
    /// Values of the SOA record we put in negative answers.
    pub soa: Soa,
}

impl Default for DnsConfig {
    /// Consul's defaults: `consul.` in `dc1`, TTLs of 0, stale-tolerant health filtering, no
    /// recursors (with a 2 s recursor timeout once some are set).
    fn default() -> Self {
        Self {
            domain: "consul.".to_string(),
            datacenter: "dc1".to_string(),
            node_ttl: Duration::ZERO,
            service_ttl: HashMap::new(),
            only_passing: false,
            enable_truncate: false,
            a_record_limit: 0,
            recursors: Vec::new(),
            recursor_timeout: Duration::from_secs(2),
            soa: Soa::default(),
        }
    }
}

/// The timers of our SOA record; they govern how long resolvers cache negative answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Soa {
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    /// Also the SOA record's own TTL, as in Consul, so negative answers are cached this long.
    pub min_ttl: u32,
}

impl Default for Soa {
    /// Consul's `dns_config.soa` defaults.
    fn default() -> Self {
        Self {
            refresh: 3600,
            retry: 600,
            expire: 86400,
            min_ttl: 0,
        }
    }
}

/// Aggregated health of a service instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Passing,
    Warning,
    Critical,
}

/// One registered instance of a service, joined with its node: what a service lookup needs.
#[derive(Debug, Clone)]
pub struct ServiceInstance {
    pub node: String,
    /// Usually an IP; a non-IP is answered with a CNAME.
    pub node_address: String,
    /// `""` = use `node_address`.
    pub service_address: String,
    pub port: u16,
    pub tags: Vec<String>,
    /// Worst of the instance's service checks and its node's checks.
    pub health: Health,
    pub node_meta: BTreeMap<String, String>,
}

/// A catalog node, for node lookups.
#[derive(Debug, Clone)]
pub struct NodeRecord {
    pub name: String,
    pub address: String,
    pub meta: BTreeMap<String, String>,
}

/// Where answers come from (the agent's local copy of the catalog).
///
/// Calls are made synchronously on the serving task, so they should be cheap in-memory reads.
/// Names arrive lower-cased (DNS is case-insensitive), so implementations should match them
/// case-insensitively.
pub trait Source: Send + Sync + 'static {
    /// Every registered instance of the service (any health); matching is case-insensitive on
    /// the name.
    fn service_instances(&self, service: &str) -> Vec<ServiceInstance>;
    /// The node of that name (case-insensitive), if registered.
    fn node(&self, name: &str) -> Option<NodeRecord>;
    /// Names of nodes whose address is `ip` (for PTR).
    fn nodes_with_address(&self, ip: IpAddr) -> Vec<String>;
}

/// How the query arrived; UDP responses must fit `max_size` (512, or the client's EDNS0 size,
/// capped at 4096), TCP responses the 65535 bytes its length prefix can express.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Udp,
    Tcp,
}
