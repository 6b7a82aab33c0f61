//! The replicated service catalog: nodes, the service instances on them and their health checks,
//! as Consul's catalog holds them. `op` is what Raft applies (register, deregister), `read` the
//! query paths with their blocking-query indexes, `filter` Consul's `?filter=` expressions,
//! `serf_health` the leader's loop that mirrors gossip membership into the catalog, `dns` the
//! catalog as the DNS interface's source.
//!
//! Layout inside the state-machine tree (Raft owns the tree, this module what the bytes mean):
//! `cn<node>` a [`Node`], `cs<node>\0<service id>` a [`Service`], `ch<node>\0<check id>` a
//! [`Check`] (records as JSON), `cv<service name>\0<node>\0<service id>` an empty marker that
//! finds a service's instances, `cx<service name>` the last index at which anything a health query
//! for that service sees changed, and `m:catalog_index` the last index of any catalog change.

pub mod dns;
pub mod filter;
pub mod mirror;
pub mod op;
pub mod read;
pub mod records;
pub mod serf_health;

pub use records::{Check, Node, Registration, Service, Status};

/// The global catalog index.
pub(crate) const CATALOG_INDEX: &[u8] = b"m:catalog_index";

const SEP: u8 = 0;

pub(crate) fn node_key(node: &str) -> Vec<u8> {
    [b"cn", node.as_bytes()].concat()
}

pub(crate) fn service_key(node: &str, id: &str) -> Vec<u8> {
    [b"cs", node.as_bytes(), &[SEP], id.as_bytes()].concat()
}

pub(crate) fn services_of_node(node: &str) -> Vec<u8> {
    [b"cs", node.as_bytes(), &[SEP]].concat()
}

pub(crate) fn check_key(node: &str, id: &str) -> Vec<u8> {
    [b"ch", node.as_bytes(), &[SEP], id.as_bytes()].concat()
}

pub(crate) fn checks_of_node(node: &str) -> Vec<u8> {
    [b"ch", node.as_bytes(), &[SEP]].concat()
}

pub(crate) fn name_key(service: &str, node: &str, id: &str) -> Vec<u8> {
    [
        b"cv",
        service.as_bytes(),
        &[SEP],
        node.as_bytes(),
        &[SEP],
        id.as_bytes(),
    ]
    .concat()
}

pub(crate) fn instances_of(service: &str) -> Vec<u8> {
    [b"cv", service.as_bytes(), &[SEP]].concat()
}

pub(crate) fn service_index_key(service: &str) -> Vec<u8> {
    [b"cx", service.as_bytes()].concat()
}

/// Why a catalog request was refused or a stored record could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("storage: {0}")]
    Storage(#[from] sled::Error),
    #[error("corrupt catalog record {key:?}: {reason}")]
    Corrupt { key: String, reason: String },
    /// The request itself is wrong; the message is Consul's where Consul has one.
    #[error("{0}")]
    Invalid(String),
}

/// Refuses names the key layout cannot hold (a NUL separates key parts) or that no client could
/// mean (control characters), naming the field and the value.
pub fn check_name(field: &str, value: &str) -> Result<(), CatalogError> {
    if value.len() > 512 {
        return Err(CatalogError::Invalid(format!(
            "{field} is {} bytes, over the 512-byte limit",
            value.len()
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(CatalogError::Invalid(format!(
            "{field} {value:?} contains a control character"
        )));
    }
    Ok(())
}
