//! Catalog read paths and the index each reports for blocking queries: a service's views (its
//! instances, their health) report that service's index, so a watcher of one service sleeps
//! through changes to others; whole-catalog views report the catalog index. Like the KV store,
//! an index is never reported as 0.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;

use super::records::{Check, Node, Service};
use super::{
    CATALOG_INDEX, CatalogError, check_key, checks_of_node, instances_of, node_key,
    service_index_key, service_key, services_of_node,
};
use crate::raft::overlay::Source;

fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T, CatalogError> {
    serde_json::from_slice(bytes).map_err(|e| CatalogError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: e.to_string(),
    })
}

fn load<T: DeserializeOwned>(src: &impl Source, key: &[u8]) -> Result<Option<T>, CatalogError> {
    match src.get(key)? {
        Some(b) => Ok(Some(decode(key, &b)?)),
        None => Ok(None),
    }
}

fn scan<T: DeserializeOwned>(src: &impl Source, prefix: &[u8]) -> Result<Vec<T>, CatalogError> {
    src.scan(prefix)?
        .iter()
        .map(|(k, v)| decode(k, v))
        .collect()
}

fn be_u64(bytes: &[u8]) -> u64 {
    bytes.try_into().map(u64::from_be_bytes).unwrap_or(0)
}

pub fn load_node(src: &impl Source, node: &str) -> Result<Option<Node>, CatalogError> {
    load(src, &node_key(node))
}

pub fn load_service(
    src: &impl Source,
    node: &str,
    id: &str,
) -> Result<Option<Service>, CatalogError> {
    load(src, &service_key(node, id))
}

pub fn load_check(src: &impl Source, node: &str, id: &str) -> Result<Option<Check>, CatalogError> {
    load(src, &check_key(node, id))
}

/// The service instances on a node, by ID.
pub fn services_on(src: &impl Source, node: &str) -> Result<Vec<Service>, CatalogError> {
    scan(src, &services_of_node(node))
}

/// Every check on a node (node checks and its services' checks), by ID.
pub fn checks_on(src: &impl Source, node: &str) -> Result<Vec<Check>, CatalogError> {
    scan(src, &checks_of_node(node))
}

/// The last index of any catalog change.
pub fn catalog_index(src: &impl Source) -> Result<u64, CatalogError> {
    Ok(src.get(CATALOG_INDEX)?.map_or(0, |b| be_u64(&b)).max(1))
}

/// The last index at which anything a view of `service` shows changed (the catalog index for a
/// service never registered, so a watcher of it wakes when it appears).
pub fn service_index(src: &impl Source, service: &str) -> Result<u64, CatalogError> {
    match src.get(&service_index_key(service))? {
        Some(b) => Ok(be_u64(&b).max(1)),
        None => catalog_index(src),
    }
}

/// Every node, by name.
pub fn nodes(src: &impl Source) -> Result<Vec<Node>, CatalogError> {
    scan(src, b"cn")
}

/// Every service name with the union of its instances' tags.
pub fn services(src: &impl Source) -> Result<BTreeMap<String, BTreeSet<String>>, CatalogError> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in scan::<Service>(src, b"cs")? {
        out.entry(s.service).or_default().extend(s.tags);
    }
    Ok(out)
}

/// Every instance of `service` with its node, ordered by node then ID.
pub fn instances(src: &impl Source, service: &str) -> Result<Vec<(Node, Service)>, CatalogError> {
    let mut out = Vec::new();
    let prefix = instances_of(service);
    for (k, _) in src.scan(&prefix)? {
        let rest = &k[prefix.len()..];
        let Some(split) = rest.iter().position(|b| *b == super::SEP) else {
            continue;
        };
        let node = String::from_utf8_lossy(&rest[..split]);
        let id = String::from_utf8_lossy(&rest[split + 1..]);
        if let (Some(n), Some(s)) = (load_node(src, &node)?, load_service(src, &node, &id)?) {
            out.push((n, s));
        }
    }
    Ok(out)
}

/// One instance's view for health queries: its node, the service and every check that bears on
/// it (the node's own checks and the service's).
#[derive(Debug, Clone)]
pub struct HealthEntry {
    pub node: Node,
    pub service: Service,
    pub checks: Vec<Check>,
}

impl HealthEntry {
    /// The worst status among its checks (passing when it has none).
    pub fn status(&self) -> super::Status {
        self.checks
            .iter()
            .filter_map(|c| super::Status::parse(&c.status))
            .max()
            .unwrap_or(super::Status::Passing)
    }
}

/// Every instance of `service` with its checks.
pub fn health(src: &impl Source, service: &str) -> Result<Vec<HealthEntry>, CatalogError> {
    let mut out = Vec::new();
    for (node, svc) in instances(src, service)? {
        let checks = checks_on(src, &node.node)?
            .into_iter()
            .filter(|c| c.service_id.is_empty() || c.service_id == svc.id)
            .collect();
        out.push(HealthEntry {
            node,
            service: svc,
            checks,
        });
    }
    Ok(out)
}

/// Every check of `service`'s instances.
pub fn service_checks(src: &impl Source, service: &str) -> Result<Vec<Check>, CatalogError> {
    let mut out = Vec::new();
    for (node, svc) in instances(src, service)? {
        out.extend(
            checks_on(src, &node.node)?
                .into_iter()
                .filter(|c| c.service_id == svc.id),
        );
    }
    Ok(out)
}

/// Every check in the catalog.
pub fn all_checks(src: &impl Source) -> Result<Vec<Check>, CatalogError> {
    scan(src, b"ch")
}

/// A service's health view as of its index.
type CachedHealth = (u64, std::sync::Arc<Vec<HealthEntry>>);

/// The last [`health`] result of each service, keyed by the service's index: a thousand watchers
/// woken by one change decode the service's records once between them, not once each.
#[derive(Default)]
pub struct HealthCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, CachedHealth>>,
}

impl HealthCache {
    /// `health(src, service)`, from the cache while the service's index is unchanged.
    pub fn get(
        &self,
        src: &impl Source,
        service: &str,
    ) -> Result<std::sync::Arc<Vec<HealthEntry>>, CatalogError> {
        let index = service_index(src, service)?;
        if let Ok(cache) = self.entries.lock()
            && let Some((at, entries)) = cache.get(service)
            && *at == index
        {
            return Ok(entries.clone());
        }
        let entries = std::sync::Arc::new(health(src, service)?);
        // Re-check the index: a write applied while we read must not be cached under the old one.
        if service_index(src, service)? == index
            && let Ok(mut cache) = self.entries.lock()
        {
            if cache.len() > 10_000 {
                cache.clear();
            }
            cache.insert(service.to_string(), (index, entries.clone()));
        }
        Ok(entries)
    }
}
