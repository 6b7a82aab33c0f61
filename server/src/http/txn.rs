//! `PUT /v1/txn`: up to 64 KV operations applied atomically.

use axum::Json;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::query::Params;
use super::{AppState, body_limited, read_headers};
use crate::api::txn::{MAX_OPS, TxnRequestOp, TxnResponse};
use crate::kv::txn::{self, TxnOutcome};
use crate::raft::overlay::Overlay;
use crate::raft::{Command, Outcome};

pub async fn put(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let bytes = body_limited(&headers, body, s.config.txn_max_req_len).await?;
    let request: Vec<TxnRequestOp> = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("Failed to parse body: {e}")))?;
    if request.len() > MAX_OPS {
        return Err(ApiError::TooLarge(format!(
            "Transaction contains too many operations ({} > {MAX_OPS})",
            request.len()
        )));
    }
    let mut ops = Vec::with_capacity(request.len());
    for (i, op) in request.iter().enumerate() {
        let kv = op.kv.as_ref().ok_or_else(|| {
            ApiError::BadRequest(format!("operation {i}: only KV operations are supported"))
        })?;
        if kv.key.len() > super::kv::MAX_KEY_BYTES {
            return Err(ApiError::BadRequest(format!(
                "operation {i}: key is over the {}-byte limit",
                super::kv::MAX_KEY_BYTES
            )));
        }
        ops.push(
            kv.to_op(i, s.config.kv_max_value_size as usize)
                .map_err(ApiError::BadRequest)?,
        );
    }
    let node = s.raft()?;
    let (outcome, index) = if ops.iter().all(|o| o.is_read()) {
        // Reads alone need no log entry: run them against the current state and discard nothing.
        let tree = node.read(params.consistency()?).await?;
        let mut ov = Overlay::new(tree);
        let outcome = txn::apply(&mut ov, 0, &ops)?;
        let index = crate::kv::read::table_index(tree)?.max(1);
        (outcome, index)
    } else {
        match node.propose(Command::Txn(ops)).await? {
            (Outcome::Txn(o), index) => (o, index),
            (other, _) => {
                return Err(ApiError::Internal(format!(
                    "unexpected outcome for a transaction: {other:?}"
                )));
            }
        }
    };
    let failed = !outcome.errors.is_empty();
    let mut headers = read_headers(node, index);
    headers.insert("X-Consul-Index", HeaderValue::from(index));
    let body: TxnResponse = TxnOutcome::into(outcome);
    let status = if failed {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((status, headers, Json(body)).into_response())
}
