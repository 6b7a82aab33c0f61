//! The catalog as the DNS interface's [`Source`]: answers come from this server's local copy of
//! the catalog (stale-tolerant, like Consul's default `allow_stale`), so DNS keeps answering
//! during elections.
//!
//! A service's instances are cached with the service's index: while the index is unchanged a
//! query costs one small read and a clone, not a scan and a decode of every instance and check —
//! the difference between a few thousand and tens of thousands of queries per second.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use super::read;
use super::records::Status;
use crate::dns::{Health, NodeRecord, ServiceInstance, Source};

/// A service's instances as of its index.
type Cached = (u64, Arc<Vec<ServiceInstance>>);

/// Reads a server's replicated state.
pub struct CatalogSource {
    state: crate::raft::state::State,
    cache: Mutex<HashMap<String, Cached>>,
}

impl CatalogSource {
    pub fn new(state: crate::raft::state::State) -> CatalogSource {
        CatalogSource {
            state,
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn load_instances(&self, service: &str) -> Vec<ServiceInstance> {
        let entries = match read::health(&self.state, service) {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!("DNS: reading service {service:?}: {e}");
                return Vec::new();
            }
        };
        entries
            .into_iter()
            .map(|e| ServiceInstance {
                health: match e.status() {
                    Status::Passing => Health::Passing,
                    Status::Warning => Health::Warning,
                    Status::Critical => Health::Critical,
                },
                node: e.node.node,
                node_address: e.node.address,
                service_address: e.service.address,
                port: e.service.port,
                tags: e.service.tags,
                node_meta: e.node.meta,
            })
            .collect()
    }

    /// The exact name, else the registered name that matches it case-insensitively.
    fn resolve_name(&self, service: &str) -> Option<String> {
        if read::instances(&self.state, service).is_ok_and(|i| !i.is_empty()) {
            return Some(service.to_string());
        }
        read::services(&self.state)
            .ok()?
            .into_keys()
            .find(|n| n.eq_ignore_ascii_case(service))
    }
}

impl Source for CatalogSource {
    fn service_instances(&self, service: &str) -> Vec<ServiceInstance> {
        let index = read::service_index(&self.state, service).unwrap_or(0);
        if let Ok(cache) = self.cache.lock()
            && let Some((at, instances)) = cache.get(service)
            && *at == index
        {
            return instances.as_ref().clone();
        }
        let Some(name) = self.resolve_name(service) else {
            return Vec::new();
        };
        let index = read::service_index(&self.state, &name).unwrap_or(0);
        let instances = self.load_instances(&name);
        if let Ok(mut cache) = self.cache.lock() {
            // Bounded: a flood of queries for random names must not grow memory without limit.
            if cache.len() > 10_000 {
                cache.clear();
            }
            if name == service {
                cache.insert(name, (index, Arc::new(instances.clone())));
            }
        }
        instances
    }

    fn node(&self, name: &str) -> Option<NodeRecord> {
        let node = match read::load_node(&self.state, name) {
            Ok(Some(n)) => n,
            _ => read::nodes(&self.state)
                .ok()?
                .into_iter()
                .find(|n| n.node.eq_ignore_ascii_case(name))?,
        };
        Some(NodeRecord {
            name: node.node,
            address: node.address,
            meta: node.meta,
        })
    }

    fn nodes_with_address(&self, ip: IpAddr) -> Vec<String> {
        read::nodes(&self.state)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n.address.parse::<IpAddr>().ok() == Some(ip))
            .map(|n| n.node)
            .collect()
    }
}
