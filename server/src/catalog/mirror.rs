//! A client agent's mirror of the catalog parts its DNS interface asks for. Client agents keep
//! no Raft state, so they follow the servers with stale blocking queries through the agent's own
//! router (which forwards them): the service names and the node list always, and each service's
//! health from the first time DNS asks for it until nobody has asked for [`IDLE`]. Answers then
//! come from memory, fast and available during elections, as on servers.
//!
//! The first lookup of a service waits (up to [`FIRST_FETCH`]) for one read; names the catalog
//! does not know are answered at once without a read, so random names cost nothing.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::watch;

use crate::dns::{Health, NodeRecord, ServiceInstance, Source};
use crate::http::inproc;

/// A followed service is dropped after this long without a lookup.
const IDLE: Duration = Duration::from_secs(600);
/// How long the first lookup of a service waits for its read.
const FIRST_FETCH: Duration = Duration::from_secs(2);
/// How long each blocking query waits on the server.
const WAIT: &str = "60s";
/// Pause after a failed read (no server reachable).
const RETRY: Duration = Duration::from_secs(1);

struct Followed {
    instances: Arc<Vec<ServiceInstance>>,
    last_used: Instant,
}

#[derive(Default)]
struct State {
    /// Lower-cased name → the catalog's spelling.
    names: HashMap<String, String>,
    nodes: Arc<Vec<NodeRecord>>,
    services: HashMap<String, Followed>,
}

/// The mirror: cheap synchronous reads for DNS, kept fresh by background queries.
pub struct Mirror {
    router: axum::Router,
    state: Mutex<State>,
    stop: watch::Receiver<bool>,
}

impl Mirror {
    /// Starts following the service names and nodes; stops when `stop` turns true.
    pub fn start(router: axum::Router, stop: watch::Receiver<bool>) -> Arc<Mirror> {
        let mirror = Arc::new(Mirror {
            router,
            state: Mutex::new(State::default()),
            stop,
        });
        let weak = Arc::downgrade(&mirror);
        let router = mirror.router.clone();
        tokio::spawn(follow(
            router.clone(),
            "/v1/catalog/services".into(),
            mirror.stop.clone(),
            {
                let weak = weak.clone();
                move |v| {
                    let Some(m) = weak.upgrade() else {
                        return false;
                    };
                    let names = v
                        .as_object()
                        .map(|o| {
                            o.keys()
                                .map(|k| (k.to_ascii_lowercase(), k.clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    m.lock().names = names;
                    true
                }
            },
        ));
        tokio::spawn(follow(
            router,
            "/v1/catalog/nodes".into(),
            mirror.stop.clone(),
            move |v| {
                let Some(m) = weak.upgrade() else {
                    return false;
                };
                m.lock().nodes = Arc::new(nodes_of(&v));
                true
            },
        ));
        mirror
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every write replaces whole values, so a poisoned lock holds nothing half-done.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts following `name` (the catalog's spelling) and waits briefly for its first read.
    fn begin(self: &Arc<Self>, name: String) -> Vec<ServiceInstance> {
        let (first_tx, mut first_rx) = watch::channel(None::<Arc<Vec<ServiceInstance>>>);
        let weak = Arc::downgrade(self);
        let key = name.clone();
        let path = format!("/v1/health/service/{}", inproc::path_segment(&name));
        tokio::spawn(follow(
            self.router.clone(),
            path,
            self.stop.clone(),
            move |v| {
                let Some(m) = weak.upgrade() else {
                    return false;
                };
                let instances = Arc::new(instances_of(&v));
                let _ = first_tx.send(Some(instances.clone()));
                let mut state = m.lock();
                match state.services.get_mut(&key) {
                    Some(f) if f.last_used.elapsed() > IDLE => {
                        state.services.remove(&key);
                        false
                    }
                    Some(f) => {
                        f.instances = instances;
                        true
                    }
                    None => false,
                }
            },
        ));
        self.lock().services.insert(
            name,
            Followed {
                instances: Arc::new(Vec::new()),
                last_used: Instant::now(),
            },
        );
        // The DNS server calls sources synchronously; on the agent's multi-threaded runtime
        // this worker may wait for the first read while the others keep serving.
        let multi = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if !multi {
            return Vec::new();
        }
        let first = tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(async {
                tokio::time::timeout(FIRST_FETCH, first_rx.wait_for(Option::is_some))
                    .await
                    .ok()
                    .and_then(|r| r.ok().and_then(|v| v.clone()))
            })
        });
        first.map(|i| i.as_ref().clone()).unwrap_or_default()
    }
}

/// A source that is an `Arc<Mirror>` (following new services needs the `Arc`).
pub struct MirrorSource(pub Arc<Mirror>);

impl Source for MirrorSource {
    fn service_instances(&self, service: &str) -> Vec<ServiceInstance> {
        let name = {
            let mut state = self.0.lock();
            let Some(name) = state.names.get(&service.to_ascii_lowercase()).cloned() else {
                return Vec::new();
            };
            if let Some(f) = state.services.get_mut(&name) {
                f.last_used = Instant::now();
                return f.instances.as_ref().clone();
            }
            name
        };
        self.0.begin(name)
    }

    fn node(&self, name: &str) -> Option<NodeRecord> {
        let nodes = self.0.lock().nodes.clone();
        nodes
            .iter()
            .find(|n| n.name.eq_ignore_ascii_case(name))
            .cloned()
    }

    fn nodes_with_address(&self, ip: IpAddr) -> Vec<String> {
        let nodes = self.0.lock().nodes.clone();
        nodes
            .iter()
            .filter(|n| n.address.parse::<IpAddr>().ok() == Some(ip))
            .map(|n| n.name.clone())
            .collect()
    }
}

/// Follows `path` with stale blocking queries, handing each new result to `apply` until it
/// returns false or the agent stops.
async fn follow(
    router: axum::Router,
    path: String,
    mut stop: watch::Receiver<bool>,
    mut apply: impl FnMut(Value) -> bool + Send + 'static,
) {
    let mut index = 0u64;
    loop {
        let read = read(&router, &path, index);
        let result = tokio::select! {
            r = read => r,
            _ = stop.wait_for(|s| *s) => return,
        };
        match result {
            Ok((at, value)) => {
                if (at != index || index == 0) && !apply(value) {
                    return;
                }
                if at == 0 {
                    // No index to block on: poll instead of spinning.
                    tokio::time::sleep(RETRY).await;
                }
                // An index that went backwards (a restore, another server) starts over.
                index = if at < index { 0 } else { at };
            }
            Err(e) => {
                tracing::debug!("DNS mirror: {path}: {e} (retrying)");
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

/// One stale (blocking when `index` > 0) read through the router: the index and the JSON body.
async fn read(router: &axum::Router, path: &str, index: u64) -> Result<(u64, Value), String> {
    let uri = if index > 0 {
        format!("{path}?stale&index={index}&wait={WAIT}")
    } else {
        format!("{path}?stale")
    };
    inproc::call(router, http::Method::GET, &uri, None).await
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn meta(v: &Value) -> std::collections::BTreeMap<String, String> {
    v.get("Meta")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// `/v1/catalog/nodes` as DNS node records.
fn nodes_of(v: &Value) -> Vec<NodeRecord> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|n| NodeRecord {
                    name: text(n, "Node"),
                    address: text(n, "Address"),
                    meta: meta(n),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `/v1/health/service/<name>` as DNS instances, each with its worst check status.
fn instances_of(v: &Value) -> Vec<ServiceInstance> {
    let Some(entries) = v.as_array() else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|e| {
            let (node, service) = (&e["Node"], &e["Service"]);
            let statuses = e["Checks"].as_array().into_iter().flatten();
            let health = statuses.fold(Health::Passing, |worst, c| {
                match (worst, c["Status"].as_str()) {
                    (_, Some("critical")) | (Health::Critical, _) => Health::Critical,
                    (_, Some("warning")) | (Health::Warning, _) => Health::Warning,
                    _ => Health::Passing,
                }
            });
            ServiceInstance {
                node: text(node, "Node"),
                node_address: text(node, "Address"),
                service_address: text(service, "Address"),
                port: service["Port"]
                    .as_u64()
                    .and_then(|p| u16::try_from(p).ok())
                    .unwrap_or(0),
                tags: service["Tags"]
                    .as_array()
                    .map(|t| {
                        t.iter()
                            .filter_map(|s| s.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                health,
                node_meta: meta(node),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn health_entries_become_instances_with_their_worst_status() {
        let v = json!([
            {"Node": {"Node": "a", "Address": "10.0.0.1", "Meta": {"rack": "r1"}},
             "Service": {"Address": "", "Port": 80, "Tags": ["v1"]},
             "Checks": [{"Status": "passing"}, {"Status": "warning"}]},
            {"Node": {"Node": "b", "Address": "10.0.0.2"},
             "Service": {"Address": "10.9.9.9", "Port": 81, "Tags": []},
             "Checks": [{"Status": "critical"}, {"Status": "passing"}]},
            {"Node": {"Node": "c", "Address": "10.0.0.3"},
             "Service": {"Port": 70000}, "Checks": []}
        ]);
        let got = instances_of(&v);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].health, Health::Warning);
        assert_eq!(got[0].node_meta.get("rack").map(String::as_str), Some("r1"));
        assert_eq!(got[0].tags, vec!["v1".to_string()]);
        assert_eq!(got[1].health, Health::Critical);
        assert_eq!(got[1].service_address, "10.9.9.9");
        assert_eq!(got[2].health, Health::Passing);
        assert_eq!(got[2].port, 0, "an out-of-range port is not trusted");
        assert!(instances_of(&json!({"not": "a list"})).is_empty());
    }

    #[test]
    fn node_lists_become_records() {
        let got = nodes_of(&json!([{"Node": "n1", "Address": "127.0.0.2", "Meta": {"k": "v"}}]));
        assert_eq!(got[0].name, "n1");
        assert_eq!(got[0].address, "127.0.0.2");
        assert_eq!(got[0].meta.get("k").map(String::as_str), Some("v"));
    }
}
