//! Anti-entropy: makes the catalog's view of this node match the agent's own services and checks
//! — after every change, and every `interval` in case the catalog lost something (a restore, a
//! node that was reaped and came back). Requests go through the agent's own router, so a client
//! agent's writes are forwarded to the leader and a server's go straight to Raft.
//!
//! Only differences are written: a service or check whose catalog record already matches costs
//! nothing, so a quiet cluster writes nothing. Entries the agent does not own (`serfHealth`, a
//! server's `consul` service) are left alone.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::http::Method;
use serde_json::{Value, json};
use tokio::sync::watch;

use super::LocalState;
use crate::catalog::serf_health::SERF_CHECK_ID;
use crate::catalog::{Check, Service};
use crate::http::inproc;

/// Runs until `shutdown`.
pub async fn run(
    local: Arc<LocalState>,
    router: axum::Router,
    node_id: String,
    address: String,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    // Alias checks of other nodes read the catalog through the same router while this runs.
    let _lease = super::alias::lend(&local, router.clone());
    let mut retry = false;
    loop {
        let wait = if retry {
            Duration::from_secs(1)
        } else {
            interval
        };
        tokio::select! {
            _ = local.changed.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.wait_for(|s| *s) => return,
        }
        for id in local.expired_services() {
            tracing::info!(
                "deregistering service {id:?}: critical longer than its deregister_critical_service_after"
            );
            local.remove_service(&id);
        }
        retry = match sync_once(&local, &router, &node_id, &address).await {
            Ok(()) => false,
            Err(e) => {
                tracing::debug!("anti-entropy: {e} (retrying)");
                true
            }
        };
    }
}

/// A request through the agent's router; only the JSON answer matters here.
async fn call(
    router: &axum::Router,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    inproc::call(router, method, path, body.as_ref())
        .await
        .map(|(_, v)| v)
}

/// One pass: read the catalog's view of the node, then deregister what the agent no longer has
/// and register what differs.
pub async fn sync_once(
    local: &LocalState,
    router: &axum::Router,
    node_id: &str,
    address: &str,
) -> Result<(), String> {
    let node = local.node.clone();
    let catalog = call(
        router,
        Method::GET,
        &format!("/v1/catalog/node/{node}?stale"),
        None,
    )
    .await?;
    let remote_services: BTreeMap<String, Service> = match catalog.get("Services") {
        Some(s) => serde_json::from_value(s.clone()).map_err(|e| e.to_string())?,
        None => BTreeMap::new(),
    };
    let node_known = !catalog.is_null();
    let remote_checks: Vec<Check> = serde_json::from_value(
        call(
            router,
            Method::GET,
            &format!("/v1/health/node/{node}?stale"),
            None,
        )
        .await?,
    )
    .map_err(|e| e.to_string())?;
    let services = local.lock().services.clone();
    let checks = local.check_records();
    for id in remote_services.keys() {
        if id != "consul" && !services.contains_key(id) {
            call(
                router,
                Method::PUT,
                "/v1/catalog/deregister",
                Some(json!({"Node": node, "ServiceID": id})),
            )
            .await?;
        }
    }
    for c in &remote_checks {
        if c.check_id != SERF_CHECK_ID && !checks.iter().any(|l| l.check_id == c.check_id) {
            // A check of a service just deregistered went with it.
            if c.service_id.is_empty() || services.contains_key(&c.service_id) {
                call(
                    router,
                    Method::PUT,
                    "/v1/catalog/deregister",
                    Some(json!({"Node": node, "CheckID": c.check_id})),
                )
                .await?;
            }
        }
    }
    let same_check = |l: &Check| {
        remote_checks.iter().any(|r| {
            r.check_id == l.check_id
                && r.status == l.status
                && r.name == l.name
                && r.service_id == l.service_id
                && r.notes == l.notes
        })
    };
    let node_fields = |body: &mut Value| {
        if node_known {
            body["SkipNodeUpdate"] = json!(true);
        }
        body["Node"] = json!(node);
        body["ID"] = json!(node_id);
        body["Address"] = json!(address);
        body["TaggedAddresses"] = json!({"lan": address, "wan": address});
    };
    for (id, def) in &services {
        let record = def.record();
        let mine: Vec<&Check> = checks.iter().filter(|c| &c.service_id == id).collect();
        let same_service = remote_services.get(id).is_some_and(|r| {
            let mut r = r.clone();
            r.create_index = 0;
            r.modify_index = 0;
            r == record
        });
        if same_service && mine.iter().all(|c| same_check(c)) {
            continue;
        }
        let mut body = json!({"Service": record, "Checks": mine});
        node_fields(&mut body);
        call(router, Method::PUT, "/v1/catalog/register", Some(body)).await?;
    }
    let node_checks: Vec<&Check> = checks.iter().filter(|c| c.service_id.is_empty()).collect();
    if !node_checks.iter().all(|c| same_check(c)) {
        let mut body = json!({"Checks": node_checks});
        node_fields(&mut body);
        call(router, Method::PUT, "/v1/catalog/register", Some(body)).await?;
    }
    Ok(())
}
