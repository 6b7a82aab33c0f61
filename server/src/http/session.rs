//! `/v1/session/*`: create, destroy, renew and read sessions, with Consul's defaults (node = this
//! agent, checks = `serfHealth`, lock-delay 15s, behaviour `release`) and limits (TTL 10s–24h).

use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::ApiError;
use super::query::Params;
use super::{AppState, blocking, body_limited, read_headers};
use crate::raft::{Command, Outcome};
use crate::session::{self, ServiceCheck, Session, SessionOp};

fn duration_field(v: &Value, field: &str) -> Result<Option<Duration>, ApiError> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(Duration::from_nanos(n.as_u64().unwrap_or(0)))),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => crate::duration::parse(s).map(Some).map_err(|e| {
            ApiError::BadRequest(format!(
                "Request decode failed: invalid {field} {s:?}: {}",
                e.reason
            ))
        }),
        Some(other) => Err(ApiError::BadRequest(format!(
            "Request decode failed: invalid {field} {other}"
        ))),
    }
}

fn strings(v: &Value, field: &str) -> Option<Vec<String>> {
    v.get(field)?.as_array().map(|a| {
        a.iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    })
}

/// `PUT /v1/session/create`.
pub async fn create(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = body_limited(&headers, body, 64 * 1024).await?;
    let v: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("Request decode failed: {e}")))?
    };
    let ttl = duration_field(&v, "TTL")?;
    if let Some(t) = ttl
        && !t.is_zero()
        && (t < Duration::from_secs(10) || t > Duration::from_secs(86400))
    {
        return Err(ApiError::BadRequest(format!(
            "Invalid Session TTL '{}', must be between [10s=24h0m0s]",
            crate::duration::format(t)
        )));
    }
    let lock_delay = duration_field(&v, "LockDelay")?
        .unwrap_or(Duration::from_secs(15))
        .min(Duration::from_secs(60));
    let behavior = v
        .get("Behavior")
        .and_then(Value::as_str)
        .filter(|b| !b.is_empty())
        .unwrap_or("release")
        .to_string();
    if behavior != "release" && behavior != "delete" {
        return Err(ApiError::BadRequest(format!(
            "Invalid Behavior setting '{behavior}'"
        )));
    }
    let mut node_checks = strings(&v, "NodeChecks").unwrap_or_default();
    if let Some(c) = strings(&v, "Checks") {
        node_checks.extend(c);
    }
    let service_checks: Vec<ServiceCheck> = v
        .get("ServiceChecks")
        .and_then(|x| serde_json::from_value(x.clone()).ok())
        .unwrap_or_default();
    if v.get("Checks").is_none() && v.get("NodeChecks").is_none() {
        node_checks.push(crate::catalog::serf_health::SERF_CHECK_ID.into());
    }
    let session = Session {
        id: uuid::Uuid::new_v4().to_string(),
        name: v.get("Name").and_then(Value::as_str).unwrap_or("").into(),
        node: v
            .get("Node")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .or_else(|| {
                headers
                    .get(super::forward::ORIGIN_NODE)
                    .and_then(|h| h.to_str().ok())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| s.config.node_name.clone()),
        lock_delay: lock_delay.as_nanos() as u64,
        behavior,
        ttl: ttl.map(crate::duration::format).unwrap_or_default(),
        node_checks,
        service_checks,
        create_index: 0,
        modify_index: 0,
    };
    let node = s.raft()?;
    let json = serde_json::to_string(&session).map_err(|e| ApiError::Internal(e.to_string()))?;
    match node
        .propose(Command::Session(SessionOp::Create { json }))
        .await?
        .0
    {
        Outcome::Session(None) => {
            s.sessions.renew(&session.id, &session.ttl);
            Ok(Json(json!({ "ID": session.id })).into_response())
        }
        Outcome::Session(Some(reason)) => Err(ApiError::Internal(reason)),
        other => Err(ApiError::Internal(format!("unexpected outcome {other:?}"))),
    }
}

/// `PUT /v1/session/destroy/{id}`.
pub async fn destroy(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let node = s.raft()?;
    let op = SessionOp::Destroy {
        id,
        at_ms: crate::catalog::op::now_ms(),
    };
    node.propose(Command::Session(op)).await?;
    Ok(Json(true).into_response())
}

/// `PUT /v1/session/renew/{id}`.
pub async fn renew(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let node = s.raft()?;
    let tree = node.read(crate::raft::node::Consistency::Default).await?;
    let Some(session) = session::load(tree, &id)? else {
        return Err(ApiError::NotFoundMessage(format!(
            "Session id '{id}' not found"
        )));
    };
    s.sessions.renew(&id, &session.ttl);
    Ok(Json(vec![session]).into_response())
}

async fn read_sessions(
    s: AppState,
    q: Option<String>,
    pick: impl Fn(&crate::raft::state::State) -> Result<Vec<Session>, crate::kv::KvError>,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    let (list, index) = blocking(node, &params, |t| Ok((pick(t)?, session::index(t)?))).await?;
    Ok((read_headers(node, index), Json(list)).into_response())
}

/// `GET /v1/session/info/{id}`: the session in a list, or an empty list.
pub async fn info(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    read_sessions(s, q, move |t| {
        Ok(session::load(t, &id)?.into_iter().collect())
    })
    .await
}

/// `GET /v1/session/node/{node}`.
pub async fn node(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    read_sessions(s, q, move |t| session::on_node(t, &name)).await
}

/// `GET /v1/session/list`.
pub async fn list(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    read_sessions(s, q, session::list).await
}
