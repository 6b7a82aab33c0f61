//! `/v1/health/*`: service instances with their checks, and checks by node, service or state,
//! with Consul's `?passing`, `?tag=`, `?node-meta=`, `?filter=` and blocking queries. A health
//! query for one service reports that service's index, so it wakes for its own changes only.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::catalog::{apply_filter, filter_of, meta_matches, tags_match};
use super::error::ApiError;
use super::query::Params;
use super::{AppState, blocking, blocking_indexed, read_headers};
use crate::catalog::Status;
use crate::catalog::read;

const CHECK_FIELDS: &[&str] = &[
    "Node",
    "CheckID",
    "Name",
    "Status",
    "Notes",
    "Output",
    "ServiceID",
    "ServiceName",
    "ServiceTags",
    "Type",
];
const ENTRY_FIELDS: &[&str] = &["Node", "Service", "Checks"];

fn values<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}

/// `GET /v1/health/service/{name}[?passing][&tag=][&node-meta=][&filter=]`.
pub async fn service(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let passing = params.has("passing") && params.get("passing") != Some("false");
    let tags = params.all("tag");
    let meta = params.node_meta()?;
    let filter = filter_of(&params, ENTRY_FIELDS)?;
    let node = s.raft()?;
    let (items, index) = blocking_indexed(
        node,
        &params,
        |t| Ok(read::service_index(t, &name)?),
        |t| {
            let items = s
                .health_cache
                .get(t, &name)?
                .iter()
                .filter(|e| meta_matches(&e.node, &meta) && tags_match(&e.service, &tags))
                .filter(|e| !passing || e.status() == Status::Passing)
                .map(|e| json!({ "Node": e.node, "Service": e.service, "Checks": e.checks }))
                .collect();
            Ok(apply_filter(items, filter.as_ref()))
        },
    )
    .await?;
    Ok((read_headers(node, index), Json(items)).into_response())
}

/// `GET /v1/health/node/{node}`: the node's checks.
pub async fn node(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    checks(s, q, move |t| Ok(read::checks_on(t, &name)?), None).await
}

/// `GET /v1/health/checks/{service}`: the checks of the service's instances.
pub async fn service_checks(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let index_of = name.clone();
    checks(
        s,
        q,
        move |t| Ok(read::service_checks(t, &name)?),
        Some(index_of),
    )
    .await
}

/// `GET /v1/health/state/{state}`: checks in `any`, `passing`, `warning` or `critical`.
pub async fn state(
    State(s): State<AppState>,
    Path(state): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let wanted = match state.as_str() {
        "any" => None,
        other => Some(
            Status::parse(other)
                .filter(|_| other != "maintenance")
                .ok_or_else(|| {
                    ApiError::BadRequest(format!(
                        "Invalid check state {other:?}: expected any, passing, warning or critical"
                    ))
                })?,
        ),
    };
    checks(
        s,
        q,
        move |t| {
            Ok(read::all_checks(t)?
                .into_iter()
                .filter(|c| wanted.is_none() || Status::parse(&c.status) == wanted)
                .collect())
        },
        None,
    )
    .await
}

/// A list of checks with `?filter=` and blocking; the index is the service's when given.
async fn checks(
    s: AppState,
    q: Option<String>,
    read_checks: impl Fn(&crate::raft::state::State) -> Result<Vec<crate::catalog::Check>, ApiError>,
    service: Option<String>,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let filter = filter_of(&params, CHECK_FIELDS)?;
    let node = s.raft()?;
    let (items, index) = blocking(node, &params, |t| {
        let items = values(&read_checks(t)?);
        let index = match &service {
            Some(name) => read::service_index(t, name)?,
            None => read::catalog_index(t)?,
        };
        Ok((apply_filter(items, filter.as_ref()), index))
    })
    .await?;
    Ok((read_headers(node, index), Json(items)).into_response())
}
