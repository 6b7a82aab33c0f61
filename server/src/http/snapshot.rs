//! `/v1/snapshot`: GET saves the replicated state at the current index as a snapshot file;
//! PUT restores one, replacing the state on every server through Raft. A file that fails
//! verification is refused and nothing changes.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;
use super::query::Params;
use crate::raft::Command;
use crate::raft::node::Consistency;
use crate::snapshot::{self, Archive, Meta};

/// The largest snapshot accepted over HTTP (it travels as one Raft entry and one RPC frame).
const MAX_SNAPSHOT: u64 = 16 * 1024 * 1024;

/// `GET /v1/snapshot[?stale]`.
pub async fn save(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    let mode = p.consistency()?;
    if mode != Consistency::Stale {
        node.read(mode).await?;
    }
    let (id, pairs) = node.snapshot_archive().await?;
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let archive = Archive {
        meta: Meta {
            version: snapshot::VERSION,
            id: format!("{}-{}-{millis}", id.leader_id.term, id.index),
            index: id.index,
            term: id.leader_id.term,
            datacenter: s.config.datacenter.clone(),
        },
        pairs,
    };
    let bytes = snapshot::encode(&archive).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut headers = HeaderMap::new();
    headers.insert("X-Consul-Index", HeaderValue::from(id.index));
    headers.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok((headers, Body::from(bytes)).into_response())
}

/// `PUT /v1/snapshot` with a snapshot file as the body.
pub async fn restore(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<(), ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    let data = super::body_limited(&headers, body, MAX_SNAPSHOT).await?;
    let archive = snapshot::decode(&data)
        .map_err(|e| ApiError::BadRequest(format!("snapshot refused: {e}")))?;
    node.propose(Command::Restore(archive.pairs)).await?;
    tracing::info!(
        "restored snapshot {} (index {} of datacenter {})",
        archive.meta.id,
        archive.meta.index,
        archive.meta.datacenter
    );
    Ok(())
}
