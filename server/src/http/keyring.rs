//! `/v1/operator/keyring`: list, install, use and remove gossip keys across the pool, by a serf
//! query that every member answers.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use super::AppState;
use super::error::ApiError;
use crate::api::operator::{KeyringRequest, KeyringResponse};
use crate::gossip::keyring::Key;
use crate::gossip::pool::KeyringResult;
use crate::gossip::serf::KeyOp;

fn summarize(dc: &str, r: KeyringResult) -> KeyringResponse {
    let mut out = KeyringResponse {
        datacenter: dc.to_string(),
        num_nodes: r.num_nodes,
        ..Default::default()
    };
    for (node, resp) in r.responses {
        if !resp.result {
            out.messages.insert(node, resp.message);
            continue;
        }
        for k in resp.keys {
            *out.keys.entry(k).or_default() += 1;
        }
        if !resp.primary_key.is_empty() {
            *out.primary_keys.entry(resp.primary_key).or_default() += 1;
        }
    }
    out
}

async fn run(s: &AppState, op: KeyOp, key: Option<Key>) -> Result<KeyringResponse, ApiError> {
    let result = s
        .pool()?
        .keyring(op, key)
        .await
        .map_err(ApiError::Internal)?;
    let answered = result.responses.len();
    let failed: Vec<String> = result
        .responses
        .iter()
        .filter(|(_, r)| !r.result)
        .map(|(n, r)| format!("{n}: {}", r.message))
        .collect();
    let summary = summarize(&s.config.datacenter, result);
    if !failed.is_empty() {
        return Err(ApiError::Internal(format!(
            "{}/{} nodes reported failure: {}",
            failed.len(),
            summary.num_nodes,
            failed.join("; ")
        )));
    }
    if op != KeyOp::List && answered < summary.num_nodes {
        return Err(ApiError::Internal(format!(
            "{answered}/{} nodes reported success",
            summary.num_nodes
        )));
    }
    Ok(summary)
}

fn key_of(body: &Bytes) -> Result<Key, ApiError> {
    let req: KeyringRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("Request decode failed: {e}")))?;
    Key::parse(&req.key).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// `GET /v1/operator/keyring`.
pub async fn list(State(s): State<AppState>) -> Result<Json<Vec<KeyringResponse>>, ApiError> {
    Ok(Json(vec![run(&s, KeyOp::List, None).await?]))
}

/// `POST /v1/operator/keyring`: install a key everywhere.
pub async fn install(State(s): State<AppState>, body: Bytes) -> Result<(), ApiError> {
    run(&s, KeyOp::Install, Some(key_of(&body)?))
        .await
        .map(|_| ())
}

/// `PUT /v1/operator/keyring`: make an installed key the primary everywhere.
pub async fn use_key(State(s): State<AppState>, body: Bytes) -> Result<(), ApiError> {
    run(&s, KeyOp::Use, Some(key_of(&body)?)).await.map(|_| ())
}

/// `DELETE /v1/operator/keyring`: remove a key everywhere (never the primary).
pub async fn remove(State(s): State<AppState>, body: Bytes) -> Result<(), ApiError> {
    run(&s, KeyOp::Remove, Some(key_of(&body)?))
        .await
        .map(|_| ())
}
