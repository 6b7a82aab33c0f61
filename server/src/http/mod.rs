//! Consul's `/v1` HTTP API over axum: the router, shared state, Consul's response headers and the
//! blocking-query loop. One module per API area (`kv`, `txn`, `catalog`, `health`, `status`, `agent`, …); errors map to
//! responses only in `error`.

pub mod agent;
pub mod agent_service;
pub mod catalog;
pub mod error;
pub mod event;
pub mod forward;
pub mod health;
pub mod inproc;
pub mod keyring;
pub mod kv;
pub mod members;
pub mod metrics;
pub mod monitor;
pub mod operator;
pub mod query;
pub mod runtime;
pub mod session;
pub mod snapshot;
pub mod status;
pub mod txn;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue};
use axum::routing::get;

use error::ApiError;
use query::Params;

use crate::config::Config;
use crate::gossip::pool::Pool;
use crate::raft::RaftNode;
use crate::raft::node::Consistency;
use crate::rpc::RpcClient;
use tokio::sync::watch;

/// What every handler can see. Cloned for every request, so it is one `Arc`.
#[derive(Clone)]
pub struct AppState(Arc<AppStateInner>);

impl std::ops::Deref for AppState {
    type Target = AppStateInner;
    fn deref(&self) -> &AppStateInner {
        &self.0
    }
}

impl AppState {
    pub fn new(inner: AppStateInner) -> AppState {
        AppState(Arc::new(inner))
    }
}

/// The fields of an [`AppState`].
pub struct AppStateInner {
    pub config: Arc<Config>,
    pub node_id: String,
    /// `None` on a client agent.
    pub raft: Option<RaftNode>,
    /// The LAN gossip pool (`None` only when gossip is disabled).
    pub pool: Option<Pool>,
    /// Server RPC, for passing requests to servers.
    pub rpc: RpcClient,
    /// Servers that failed a forwarded request lately.
    pub avoid: Arc<forward::Avoid>,
    /// Set after `/v1/agent/leave` completes, to stop the agent.
    pub left: Arc<watch::Sender<bool>>,
    pub started: Instant,
    /// The agent's own services and checks (`None` only when the agent has no data dir).
    pub local: Option<Arc<crate::local::LocalState>>,
    /// Session TTL timers (used while this server leads).
    pub sessions: Arc<crate::session::ttl::Timers>,
    /// Decoded health views shared by concurrent health queries.
    pub health_cache: crate::catalog::read::HealthCache,
    /// Applies a configuration reload (`/v1/agent/reload`, SIGHUP).
    pub reloader: Arc<crate::reload::Reloader>,
}

impl AppStateInner {
    /// The gossip pool, or an error when gossip is disabled.
    pub fn pool(&self) -> Result<&Pool, ApiError> {
        self.pool.as_ref().ok_or_else(|| {
            ApiError::Internal("gossip is disabled on this agent (ports.serf_lan = -1)".into())
        })
    }

    /// The Raft node, or Consul's "no servers" error on a client agent.
    pub fn raft(&self) -> Result<&RaftNode, ApiError> {
        self.raft
            .as_ref()
            .ok_or_else(|| ApiError::NoServers(self.config.node_name.clone()))
    }
}

/// The `/v1` router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(|| async { "ctl agent\n" }))
        .route("/v1/kv", get(kv::get).put(kv::put).delete(kv::delete))
        .route("/v1/kv/", get(kv::get).put(kv::put).delete(kv::delete))
        .route(
            "/v1/kv/{*key}",
            get(kv::get).put(kv::put).delete(kv::delete),
        )
        .route("/v1/txn", axum::routing::put(txn::put))
        .route(
            "/v1/catalog/register",
            axum::routing::put(catalog::register),
        )
        .route(
            "/v1/catalog/deregister",
            axum::routing::put(catalog::deregister),
        )
        .route("/v1/catalog/datacenters", get(catalog::datacenters))
        .route("/v1/catalog/nodes", get(catalog::nodes))
        .route("/v1/catalog/services", get(catalog::services))
        .route("/v1/catalog/service/{name}", get(catalog::service))
        .route("/v1/catalog/node/{node}", get(catalog::node))
        .route("/v1/health/service/{name}", get(health::service))
        .route("/v1/health/node/{node}", get(health::node))
        .route("/v1/health/checks/{service}", get(health::service_checks))
        .route("/v1/health/state/{state}", get(health::state))
        .route("/v1/session/create", axum::routing::put(session::create))
        .route(
            "/v1/session/destroy/{id}",
            axum::routing::put(session::destroy),
        )
        .route("/v1/session/renew/{id}", axum::routing::put(session::renew))
        .route("/v1/session/info/{id}", get(session::info))
        .route("/v1/session/node/{node}", get(session::node))
        .route("/v1/session/list", get(session::list))
        .route("/v1/status/leader", get(status::leader))
        .route("/v1/status/peers", get(status::peers))
        .route("/v1/agent/self", get(agent::self_))
        .route("/v1/agent/members", get(members::list))
        .route(
            "/v1/agent/service/register",
            axum::routing::put(agent_service::register),
        )
        .route(
            "/v1/agent/service/deregister/{id}",
            axum::routing::put(agent_service::deregister),
        )
        .route("/v1/agent/services", get(agent_service::services))
        .route("/v1/agent/service/{id}", get(agent_service::service))
        .route("/v1/agent/checks", get(agent_service::checks))
        .route(
            "/v1/agent/check/register",
            axum::routing::put(agent_service::check_register),
        )
        .route(
            "/v1/agent/check/deregister/{id}",
            axum::routing::put(agent_service::check_deregister),
        )
        .route(
            "/v1/agent/check/update/{id}",
            axum::routing::put(agent_service::check_update),
        )
        .route(
            "/v1/agent/check/{verb}/{id}",
            axum::routing::put(agent_service::check_ttl),
        )
        .route(
            "/v1/agent/health/service/name/{name}",
            get(agent_service::health_by_name),
        )
        .route(
            "/v1/agent/maintenance",
            axum::routing::put(agent_service::maintenance),
        )
        .route(
            "/v1/agent/join/{address}",
            axum::routing::put(members::join),
        )
        .route("/v1/agent/leave", axum::routing::put(members::leave))
        .route("/v1/agent/reload", axum::routing::put(agent::reload))
        .route("/v1/agent/metrics", get(metrics::get))
        .route("/v1/agent/monitor", get(monitor::stream))
        .route(
            "/v1/agent/runtime",
            get(runtime::agent_get).put(runtime::agent_put),
        )
        .route(
            "/v1/operator/runtime",
            get(runtime::operator_get).put(runtime::operator_put),
        )
        .route(
            "/v1/agent/force-leave/{node}",
            axum::routing::put(members::force_leave),
        )
        .route("/v1/event/fire/{name}", axum::routing::put(event::fire))
        .route("/v1/event/list", get(event::list))
        .route(
            "/v1/operator/keyring",
            get(keyring::list)
                .post(keyring::install)
                .put(keyring::use_key)
                .delete(keyring::remove),
        )
        .route("/v1/snapshot", get(snapshot::save).put(snapshot::restore))
        .route(
            "/v1/operator/raft/configuration",
            get(operator::raft_configuration),
        )
        .route(
            "/v1/operator/raft/peer",
            axum::routing::delete(operator::raft_remove_peer),
        )
        .route(
            "/v1/operator/raft/transfer-leader",
            axum::routing::post(operator::transfer_leader),
        )
        .route(
            "/v1/operator/autopilot/configuration",
            get(operator::autopilot_configuration),
        )
        .route(
            "/v1/operator/autopilot/health",
            get(operator::autopilot_health),
        )
        .route_layer(axum::middleware::from_fn(metrics::record))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            forward::forward,
        ))
        .with_state(state)
}

/// Consul's headers on a read: the index, whether a leader is known, and the time since the
/// leader was last heard from (0 on the leader itself).
pub fn read_headers(node: &RaftNode, index: u64) -> HeaderMap {
    let mut h = HeaderMap::new();
    let known = node.leader_addr().is_some();
    h.insert("X-Consul-Index", HeaderValue::from(index));
    h.insert(
        "X-Consul-KnownLeader",
        HeaderValue::from_static(if known { "true" } else { "false" }),
    );
    // A follower that has never heard from a leader reports 0, as Consul does.
    let last_contact = node.last_contact_ms().unwrap_or(0);
    h.insert("X-Consul-LastContact", HeaderValue::from(last_contact));
    h
}

/// Runs a read, and when the request is a blocking query waits until its result's index passes
/// the client's, or the wait (plus up to 1/16 jitter) runs out.
///
/// The read is re-run after every applied Raft entry: an unrelated write wakes the loop, the index
/// is unchanged, and it waits again. As in Consul, a client index ahead of ours also waits (the
/// client resets when it sees the index go backwards).
pub async fn blocking<T>(
    node: &RaftNode,
    params: &Params,
    read: impl Fn(&crate::raft::state::State) -> Result<(T, u64), ApiError>,
) -> Result<(T, u64), ApiError> {
    block(node, params, |t, min| {
        let (value, index) = read(t)?;
        Ok(min.is_none_or(|m| index > m).then_some((value, index)))
    })
    .await
}

/// A blocking query whose index is cheap to read on its own: while the index has not passed the
/// client's, only `index` runs on each applied entry, and `read` runs once, when it has — so a
/// thousand watchers of a large result cost a thousand small reads per write, not a thousand
/// large ones.
pub async fn blocking_indexed<T>(
    node: &RaftNode,
    params: &Params,
    index: impl Fn(&crate::raft::state::State) -> Result<u64, ApiError>,
    read: impl Fn(&crate::raft::state::State) -> Result<T, ApiError>,
) -> Result<(T, u64), ApiError> {
    block(node, params, |t, min| {
        let i = index(t)?;
        if min.is_some_and(|m| i <= m) {
            return Ok(None);
        }
        Ok(Some((read(t)?, i)))
    })
    .await
}

/// The blocking-query loop both share. `attempt(tree, Some(min))` answers only once the index
/// passes `min`; `attempt(tree, None)` always answers (no blocking, or the wait ran out).
async fn block<T>(
    node: &RaftNode,
    params: &Params,
    attempt: impl Fn(&crate::raft::state::State, Option<u64>) -> Result<Option<(T, u64)>, ApiError>,
) -> Result<(T, u64), ApiError> {
    let answer = |r: Option<(T, u64)>| {
        r.ok_or_else(|| ApiError::Internal("a read gave no answer without an index bound".into()))
    };
    let mode = params.consistency()?;
    let Some((min_index, wait)) = params.blocking()? else {
        return answer(attempt(node.read(mode).await?, None)?);
    };
    let jitter = wait.mul_f64(rand::random::<f64>() / 16.0);
    let deadline = tokio::time::Instant::now() + wait + jitter;
    let mut applied = node.applied();
    let mut mode = mode;
    loop {
        applied.borrow_and_update();
        if let Some(r) = attempt(node.read(mode).await?, Some(min_index))? {
            return Ok(r);
        }
        // Confirming leadership once is enough; later rounds read the local state the leader
        // applies to.
        if mode == Consistency::Consistent {
            mode = Consistency::Default;
        }
        match tokio::time::timeout_at(deadline, applied.changed()).await {
            Ok(Ok(())) => continue,
            Ok(Err(_)) => return Err(ApiError::Internal("the agent is shutting down".into())),
            Err(_) => return answer(attempt(node.read(mode).await?, None)?),
        }
    }
}

/// Reads a request body up to `limit` bytes, refusing larger ones with Consul's 413 message.
pub async fn body_limited(
    headers: &HeaderMap,
    body: axum::body::Body,
    limit: u64,
) -> Result<axum::body::Bytes, ApiError> {
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared
        && n > limit
    {
        return Err(ApiError::TooLarge(format!(
            "Request body({n} bytes) too large, max size: {limit} bytes"
        )));
    }
    axum::body::to_bytes(body, limit as usize)
        .await
        .map_err(|_| ApiError::TooLarge(format!("Request body too large, max size: {limit} bytes")))
}
