//! `/v1/agent/runtime` (this agent) and `/v1/operator/runtime` (every member, through the
//! `_ctl_runtime` gossip query): read and change the runtime gossip-encryption and TLS
//! settings. Beyond Consul, whose equivalents need a config edit and a restart per agent.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use super::AppState;
use super::error::ApiError;
use crate::api::runtime::{Change, ClusterReport, Report};

fn change_of(body: &Bytes) -> Result<Change, ApiError> {
    if body.is_empty() {
        return Ok(Change::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("runtime change body: {e}")))
}

/// `GET /v1/agent/runtime`.
pub async fn agent_get(State(s): State<AppState>) -> Json<Report> {
    Json(s.reloader.report().await)
}

/// `PUT /v1/agent/runtime`: applies a change here only. A refused change is a 400 naming why,
/// and changes nothing.
pub async fn agent_put(State(s): State<AppState>, body: Bytes) -> Result<Json<Report>, ApiError> {
    let change = change_of(&body)?;
    let report = s.reloader.apply_runtime(&change).await;
    if !report.error.is_empty() {
        return Err(ApiError::BadRequest(report.error));
    }
    Ok(Json(report))
}

async fn cluster(s: &AppState, change: &Change) -> Result<ClusterReport, ApiError> {
    let payload = serde_json::to_vec(change).map_err(|e| ApiError::Internal(e.to_string()))?;
    let answers = s
        .pool()?
        .agent_query(crate::runtime::QUERY.into(), payload)
        .await;
    Ok(ClusterReport {
        num_nodes: answers.num_nodes,
        responses: answers
            .responses
            .iter()
            .map(|(node, p)| (node.clone(), crate::runtime::decode_report(node, p)))
            .collect(),
    })
}

/// `GET /v1/operator/runtime`: every member's settings in effect. Members that do not answer
/// (unreachable, or agents that do not know the query) are simply absent: compare with
/// `NumNodes`.
pub async fn operator_get(State(s): State<AppState>) -> Result<Json<ClusterReport>, ApiError> {
    Ok(Json(cluster(&s, &Change::default()).await?))
}

/// `PUT /v1/operator/runtime`: applies a change on every member; each answers with its report
/// (with `Error` set where the change was refused).
pub async fn operator_put(
    State(s): State<AppState>,
    body: Bytes,
) -> Result<Json<ClusterReport>, ApiError> {
    let change = change_of(&body)?;
    Ok(Json(cluster(&s, &change).await?))
}
