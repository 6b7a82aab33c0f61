//! `/v1/kv/<key>`: read, write and delete keys with Consul's parameters and answers.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::query::Params;
use super::{AppState, blocking, body_limited, read_headers};
use crate::api::kv::KvPair;
use crate::kv::op::KvOp;
use crate::kv::read;
use crate::raft::{Command, Outcome};

/// Longest key accepted, in bytes.
pub const MAX_KEY_BYTES: usize = 4096;

fn key_of(path: Option<Path<String>>) -> Result<String, ApiError> {
    let key = path.map(|Path(k)| k).unwrap_or_default();
    if key.len() > MAX_KEY_BYTES {
        return Err(ApiError::BadRequest(format!(
            "key is {} bytes, over the {MAX_KEY_BYTES}-byte limit",
            key.len()
        )));
    }
    Ok(key)
}

/// `GET /v1/kv/<key>[?recurse|?keys[&separator=]|?raw]`.
pub async fn get(
    State(s): State<AppState>,
    path: Option<Path<String>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let key = key_of(path)?;
    let node = s.raft()?;
    if params.has("keys") {
        let sep = params.get("separator").map(str::to_string);
        if sep.as_ref().is_some_and(|s| s.len() > 64) {
            return Err(ApiError::BadRequest(
                "invalid value for query parameter \"separator\": longer than 64 bytes".into(),
            ));
        }
        let (keys, index) =
            blocking(node, &params, |t| Ok(read::keys(t, &key, sep.as_deref())?)).await?;
        let headers = read_headers(node, index);
        if keys.is_empty() {
            return Ok((axum::http::StatusCode::NOT_FOUND, headers).into_response());
        }
        return Ok((headers, Json(keys)).into_response());
    }
    if params.has("recurse") {
        let (entries, index) = blocking(node, &params, |t| Ok(read::list(t, &key)?)).await?;
        let headers = read_headers(node, index);
        if entries.is_empty() {
            return Ok((axum::http::StatusCode::NOT_FOUND, headers).into_response());
        }
        let pairs: Vec<KvPair> = entries.into_iter().map(KvPair::from).collect();
        return Ok((headers, Json(pairs)).into_response());
    }
    if key.is_empty() {
        return Err(ApiError::BadRequest("Missing key name".into()));
    }
    let (entry, index) = blocking(node, &params, |t| Ok(read::get(t, &key)?)).await?;
    let mut headers = read_headers(node, index);
    let Some(entry) = entry else {
        return Ok((axum::http::StatusCode::NOT_FOUND, headers).into_response());
    };
    if params.has("raw") {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        headers.insert(
            "X-Content-Type-Options",
            HeaderValue::from_static("nosniff"),
        );
        return Ok((headers, entry.value).into_response());
    }
    Ok((headers, Json(vec![KvPair::from(entry)])).into_response())
}

/// `PUT /v1/kv/<key>[?flags=N][?cas=N]` with the value as the body.
pub async fn put(
    State(s): State<AppState>,
    path: Option<Path<String>>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let key = key_of(path)?;
    if key.is_empty() {
        return Err(ApiError::BadRequest("Missing key name".into()));
    }
    let flags = params.u64("flags")?.unwrap_or(0);
    let cas = params.u64("cas")?;
    let value = body_limited(&headers, body, s.config.kv_max_value_size)
        .await?
        .to_vec();
    let node = s.raft()?;
    let lock = match (params.get("acquire"), params.get("release")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::BadRequest(
                "Conflicting flags: acquire and release".into(),
            ));
        }
        (Some(id), None) => Some((true, id.to_string())),
        (None, Some(id)) => Some((false, id.to_string())),
        (None, None) => None,
    };
    if let Some((_, id)) = &lock {
        let tree = node.read(crate::raft::node::Consistency::Default).await?;
        if crate::session::load(tree, id)?.is_none() {
            return Err(ApiError::Internal(format!("invalid session \"{id}\"")));
        }
    }
    let op = match (lock, cas) {
        (Some((true, session)), _) => KvOp::Acquire {
            key,
            value,
            flags,
            session,
            at_ms: crate::catalog::op::now_ms(),
        },
        (Some((false, session)), _) => KvOp::Release {
            key,
            value,
            flags,
            session,
        },
        (None, cas) => match cas {
            Some(index) => KvOp::Cas {
                key,
                value,
                flags,
                index,
            },
            None => KvOp::Set { key, value, flags },
        },
    };
    respond_bool(node.propose(Command::Kv(op)).await?)
}

/// `DELETE /v1/kv/<key>[?recurse][?cas=N]`.
pub async fn delete(
    State(s): State<AppState>,
    path: Option<Path<String>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let key = key_of(path)?;
    let cas = params.u64("cas")?;
    let op = if params.has("recurse") {
        KvOp::DeleteTree { prefix: key }
    } else if key.is_empty() {
        return Err(ApiError::BadRequest("Missing key name".into()));
    } else {
        match cas {
            Some(index) => KvOp::DeleteCas { key, index },
            None => KvOp::Delete { key },
        }
    };
    let node = s.raft()?;
    respond_bool(node.propose(Command::Kv(op)).await?)
}

fn respond_bool((outcome, index): (Outcome, u64)) -> Result<Response, ApiError> {
    match outcome {
        Outcome::Kv(ok) => {
            let mut headers = HeaderMap::new();
            headers.insert("X-Consul-Index", HeaderValue::from(index));
            Ok((headers, Json(ok)).into_response())
        }
        other => Err(ApiError::Internal(format!(
            "unexpected outcome for a KV write: {other:?}"
        ))),
    }
}
