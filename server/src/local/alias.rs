//! Alias checks: a check whose status mirrors another service's health — critical when any of
//! that service's checks is critical, else warning when any is warning, else passing (also when
//! it has none) — and critical when the service is not registered. With `AliasNode` set, that
//! node's node-level checks count too; with only `AliasNode`, the alias follows the node alone.
//!
//! An alias of this agent's own node reads [`LocalState`] once per [`LOCAL_POLL`]. An alias of
//! another node reads the catalog through this agent's own HTTP router, in process, as
//! anti-entropy does (so a client agent's reads are forwarded to a server), following it with
//! blocking queries on `/v1/health/node/<node>`. The status is recorded in the `LocalState` like
//! any check's; `runner` starts this loop, and `sync` lends the router while it runs.

use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use axum::http::Method;

use super::{Inner, LocalState};
use crate::catalog::{Check, Status};
use crate::http::inproc::{self, path_segment};

/// How often an alias of this agent's node re-reads its checks.
pub const LOCAL_POLL: Duration = Duration::from_secs(1);
/// How long one blocking catalog read may wait for a change.
const CATALOG_WAIT: &str = "60s";
/// Pause before retrying a failed catalog read, or while no router is lent yet.
const RETRY: Duration = Duration::from_secs(1);
/// Least time between two catalog reads, so a catalog that changes constantly costs one read pair
/// per alias per this long at most.
const MIN_ROUND: Duration = Duration::from_millis(100);
type Lent = Vec<(Weak<LocalState>, axum::Router)>;

/// The routers lent by the agents running in this process, each keyed by its local state. A
/// registry rather than a `LocalState` field because check runners start as soon as the state is
/// opened (restoring persisted checks), before the router that serves it exists.
static ROUTERS: Mutex<Lent> = Mutex::new(Vec::new());

fn routers() -> MutexGuard<'static, Lent> {
    // Each statement leaves the list consistent, so a poisoned lock holds nothing broken.
    ROUTERS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Keeps a router lent to one agent's alias checks until dropped. The router holds the agent's
/// state, so holding it for longer than the agent runs would keep that state alive.
pub struct Lease(Weak<LocalState>);

/// Lends `router` to `local`'s alias checks of other nodes while the returned lease lives.
pub fn lend(local: &Arc<LocalState>, router: axum::Router) -> Lease {
    let key = Arc::downgrade(local);
    let mut lent = routers();
    lent.retain(|(k, _)| !k.ptr_eq(&key) && k.strong_count() > 0);
    lent.push((key.clone(), router));
    Lease(key)
}

impl Drop for Lease {
    fn drop(&mut self) {
        routers().retain(|(k, _)| !k.ptr_eq(&self.0));
    }
}

fn router_of(local: &Weak<LocalState>) -> Option<axum::Router> {
    routers()
        .iter()
        .find(|(k, _)| k.ptr_eq(local))
        .map(|(_, r)| r.clone())
}

/// Runs the alias check `id` until it is removed.
pub async fn run(
    state: Weak<LocalState>,
    id: String,
    node: String,
    service: String,
    poll: Duration,
) {
    let Some(own) = state.upgrade().map(|l| l.node.clone()) else {
        return;
    };
    if node.is_empty() || node.eq_ignore_ascii_case(&own) {
        watch_local(state, id, node, service, poll).await
    } else {
        watch_catalog(state, id, node, service).await
    }
}

/// What the alias sees of one aliased check.
struct Seen<'a> {
    name: &'a str,
    status: Status,
    output: &'a str,
}

/// The alias's status and output: critical naming `missing` when the target is not registered,
/// else the worst of the aliased checks, in Consul's wording.
fn verdict<'a>(
    checks: impl IntoIterator<Item = Seen<'a>>,
    missing: Option<String>,
) -> (Status, String) {
    if let Some(m) = missing {
        return (Status::Critical, m);
    }
    let mut warning = None;
    let mut any = false;
    for c in checks {
        any = true;
        match c.status {
            Status::Critical => {
                return (
                    Status::Critical,
                    format!("Aliased check {:?} failing: {}", c.name, c.output),
                );
            }
            Status::Warning if warning.is_none() => warning = Some(c),
            _ => {}
        }
    }
    match warning {
        Some(c) => (
            Status::Warning,
            format!("Aliased check {:?} failing: {}", c.name, c.output),
        ),
        None if any => (Status::Passing, "All checks passing.".into()),
        None => (Status::Passing, "No checks found.".into()),
    }
}

fn not_found(node: &str, service: &str) -> String {
    if service.is_empty() {
        format!("Node {node} could not be found")
    } else {
        format!("Service {service} could not be found on node {node}")
    }
}

/// The verdict from this agent's own checks, leaving out the alias itself (`own`).
fn local_verdict(
    inner: &Inner,
    own: &str,
    node: &str,
    service: &str,
    with_node_checks: bool,
) -> (Status, String) {
    let missing = (!service.is_empty() && !inner.services.contains_key(service))
        .then(|| not_found(node, service));
    let seen = inner
        .checks
        .values()
        .filter(|c| c.def.id != own)
        .filter(|c| {
            c.def.service_id == service || (with_node_checks && c.def.service_id.is_empty())
        })
        .map(|c| Seen {
            name: &c.def.name,
            status: c.status,
            output: &c.output,
        });
    verdict(seen, missing)
}

async fn watch_local(
    state: Weak<LocalState>,
    id: String,
    node: String,
    service: String,
    poll: Duration,
) {
    // Naming the node asks for its node-level checks too, as an alias of another node gets.
    let with_node_checks = !node.is_empty();
    loop {
        let Some(local) = state.upgrade() else { return };
        let node = if node.is_empty() { &local.node } else { &node };
        let update = {
            let inner = local.lock();
            let Some(me) = inner.checks.get(&id) else {
                return;
            };
            let (status, output) = local_verdict(&inner, &id, node, &service, with_node_checks);
            (me.status != status || me.output != output).then_some((status, output))
        };
        if let Some((status, output)) = update {
            local.set_status(&id, status, output);
        }
        drop(local);
        tokio::time::sleep(poll).await;
    }
}

/// One catalog round: the node's checks after `index` (blocking), whether the target exists, and
/// the index to wait on next.
async fn catalog_round(
    router: &axum::Router,
    node: &str,
    service: &str,
    index: u64,
) -> Result<(u64, (Status, String)), String> {
    let segment = path_segment(node);
    let (next, checks) = inproc::call(
        router,
        Method::GET,
        &format!("/v1/health/node/{segment}?stale&index={index}&wait={CATALOG_WAIT}"),
        None,
    )
    .await?;
    let checks: Vec<Check> = serde_json::from_value(checks).map_err(|e| e.to_string())?;
    let has_service_check = !service.is_empty() && checks.iter().any(|c| c.service_id == service);
    let exists = has_service_check || {
        let path = format!("/v1/catalog/node/{segment}?stale");
        let (_, found) = inproc::call(router, Method::GET, &path, None).await?;
        if service.is_empty() {
            !found.is_null()
        } else {
            found.get("Services").and_then(|s| s.get(service)).is_some()
        }
    };
    let seen = checks
        .iter()
        .filter(|c| c.service_id == service || c.service_id.is_empty())
        .map(|c| Seen {
            name: &c.name,
            status: Status::parse(&c.status).unwrap_or(Status::Critical),
            output: &c.output,
        });
    let result = verdict(seen, (!exists).then(|| not_found(node, service)));
    Ok((next, result))
}

async fn watch_catalog(state: Weak<LocalState>, id: String, node: String, service: String) {
    let mut index = 0u64;
    loop {
        let router = {
            let Some(local) = state.upgrade() else { return };
            if !local.lock().checks.contains_key(&id) {
                return;
            }
            router_of(&state)
        };
        let Some(router) = router else {
            // The agent has not lent its router yet (it is starting) or no longer (stopping).
            tokio::time::sleep(RETRY).await;
            continue;
        };
        let started = tokio::time::Instant::now();
        let round = catalog_round(&router, &node, &service, index).await;
        drop(router);
        match round {
            Ok((next, (status, output))) => {
                let Some(local) = state.upgrade() else { return };
                if !local.set_status(&id, status, output) {
                    return;
                }
                // An index that went backwards (a restored snapshot) starts the wait afresh.
                index = if next < index { 0 } else { next };
                tokio::time::sleep_until(started + MIN_ROUND).await;
            }
            Err(e) => {
                // Keep the last status: a leader election is not the aliased service failing.
                tracing::debug!("alias check {id:?}: reading the catalog: {e}");
                index = 0;
                tokio::time::sleep(RETRY).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::local::definition::{CheckDefinition, ServiceDefinition};
    use serde_json::json;

    fn seen(name: &str, status: Status) -> Seen<'_> {
        Seen {
            name,
            status,
            output: "out",
        }
    }

    /// The worst aliased status wins; no checks is passing; a missing target is critical.
    #[test]
    fn verdict_takes_the_worst_status() {
        use Status::*;
        assert_eq!(verdict([], None).0, Passing);
        assert_eq!(verdict([], None).1, "No checks found.");
        assert_eq!(
            verdict([seen("a", Passing), seen("b", Passing)], None),
            (Passing, "All checks passing.".into())
        );
        assert_eq!(
            verdict([seen("a", Warning), seen("b", Passing)], None),
            (Warning, "Aliased check \"a\" failing: out".into())
        );
        assert_eq!(
            verdict([seen("a", Warning), seen("b", Critical)], None),
            (Critical, "Aliased check \"b\" failing: out".into())
        );
        let missing = verdict([seen("a", Passing)], Some(not_found("n1", "web")));
        assert_eq!(
            missing,
            (Critical, "Service web could not be found on node n1".into())
        );
        assert_eq!(not_found("n1", ""), "Node n1 could not be found");
    }

    /// Node names are escaped so they stay one path segment.
    #[test]
    fn node_names_are_escaped() {
        assert_eq!(path_segment("node-1.dc_x~"), "node-1.dc_x~");
        assert_eq!(path_segment("a/b?c d"), "a%2Fb%3Fc%20d");
        assert_eq!(path_segment("é"), "%C3%A9");
    }

    /// A local alias follows the service's checks, leaves itself out, counts node-level checks
    /// only when a node is named, and turns critical when the service goes away.
    #[tokio::test]
    async fn local_alias_follows_the_service() {
        let dir = tempfile::tempdir().expect("temp dir");
        let local = LocalState::open("n1".into(), dir.path().to_path_buf(), false);
        let def = |v| ServiceDefinition::parse(v).expect("service");
        local
            .add_service(
                def(json!({"Name": "web", "Check": {"TTL": "1h", "Status": "passing"}})),
                false,
            )
            .expect("web");
        local
            .add_check(
                CheckDefinition::parse(json!({"Name": "disk", "TTL": "1h", "Status": "warning"}))
                    .expect("disk"),
                false,
            )
            .expect("disk");
        let verdict_of =
            |with_node: bool| local_verdict(&local.lock(), "self", "n1", "web", with_node).0;
        assert_eq!(verdict_of(false), Status::Passing);
        assert_eq!(verdict_of(true), Status::Warning);
        local
            .update_ttl("service:web", Status::Critical, "down".into())
            .expect("fail");
        assert_eq!(verdict_of(false), Status::Critical);
        assert_eq!(
            local_verdict(&local.lock(), "service:web", "n1", "web", false).0,
            Status::Passing,
            "the alias itself is left out"
        );
        local.remove_service("web");
        let (status, output) = local_verdict(&local.lock(), "self", "n1", "web", false);
        assert_eq!(status, Status::Critical);
        assert!(output.contains("could not be found"), "{output}");
    }
}
