//! `/v1/status`: the leader's and the voters' Raft addresses.

use axum::Json;
use axum::extract::{RawQuery, State};

use super::AppState;
use super::error::ApiError;
use super::query::Params;

/// `GET /v1/status/leader`: `"ip:port"`, or `""` when no leader is known.
pub async fn leader(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<String>, ApiError> {
    Params::parse(q.as_deref())?.check_datacenter(&s.config.datacenter)?;
    Ok(Json(s.raft()?.leader_addr().unwrap_or_default()))
}

/// `GET /v1/status/peers`: every voter's `"ip:port"`.
pub async fn peers(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<Vec<String>>, ApiError> {
    Params::parse(q.as_deref())?.check_datacenter(&s.config.datacenter)?;
    Ok(Json(s.raft()?.peers()))
}
