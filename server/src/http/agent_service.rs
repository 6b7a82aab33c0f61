//! `/v1/agent/service/*`, `/v1/agent/check/*`, `/v1/agent/services|checks`,
//! `/v1/agent/health/service/name/{name}` and `/v1/agent/maintenance`: the agent's own services
//! and checks. Answered by this agent alone (never forwarded); anti-entropy carries changes to
//! the catalog.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::ApiError;
use super::query::Params;
use super::{AppState, body_limited};
use crate::catalog::Status;
use crate::local::LocalState;
use crate::local::definition::{CheckDefinition, ServiceDefinition};

const MAX_BODY: u64 = 1024 * 1024;

fn local(s: &AppState) -> Result<&Arc<LocalState>, ApiError> {
    s.local
        .as_ref()
        .ok_or_else(|| ApiError::Internal("this agent keeps no local services".into()))
}

async fn json_body(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let bytes = body_limited(headers, body, MAX_BODY).await?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::BadRequest(format!("Request decode failed: {e}")))
}

fn service_json(s: &AppState, d: &ServiceDefinition) -> Value {
    let r = d.record();
    json!({
        "ID": r.id, "Service": r.service, "Tags": r.tags, "Meta": r.meta, "Port": r.port,
        "Address": r.address, "Weights": r.weights, "EnableTagOverride": r.enable_tag_override,
        "Kind": r.kind, "Datacenter": s.config.datacenter,
    })
}

/// `PUT /v1/agent/service/register`.
pub async fn register(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let l = local(&s)?;
    let def =
        ServiceDefinition::parse(json_body(&headers, body).await?).map_err(ApiError::BadRequest)?;
    l.add_service(def, true).map_err(ApiError::BadRequest)?;
    Ok(StatusCode::OK.into_response())
}

/// `PUT /v1/agent/service/deregister/{id}`.
pub async fn deregister(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if !local(&s)?.remove_service(&id) {
        return Err(ApiError::NotFoundMessage(format!(
            "Unknown service ID {id:?}. Ensure that the service ID is passed, not the service name."
        )));
    }
    Ok(StatusCode::OK.into_response())
}

/// `GET /v1/agent/services`: this agent's services by ID.
pub async fn services(State(s): State<AppState>) -> Result<Response, ApiError> {
    let l = local(&s)?;
    let map: BTreeMap<String, Value> = l
        .lock()
        .services
        .iter()
        .map(|(id, d)| (id.clone(), service_json(&s, d)))
        .collect();
    Ok(Json(map).into_response())
}

/// `GET /v1/agent/service/{id}`.
pub async fn service(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let l = local(&s)?;
    let found = l.lock().services.get(&id).cloned();
    match found {
        Some(d) => Ok(Json(service_json(&s, &d)).into_response()),
        None => Err(ApiError::NotFoundMessage(format!(
            "unknown service ID: {id}"
        ))),
    }
}

/// `GET /v1/agent/checks`: this agent's checks by ID.
pub async fn checks(State(s): State<AppState>) -> Result<Response, ApiError> {
    let map: BTreeMap<String, Value> = local(&s)?
        .check_records()
        .into_iter()
        .map(|c| {
            (
                c.check_id.clone(),
                serde_json::to_value(&c).unwrap_or(Value::Null),
            )
        })
        .collect();
    Ok(Json(map).into_response())
}

/// `PUT /v1/agent/check/register`.
pub async fn check_register(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let l = local(&s)?;
    let def =
        CheckDefinition::parse(json_body(&headers, body).await?).map_err(ApiError::BadRequest)?;
    l.add_check(def, true).map_err(ApiError::BadRequest)?;
    Ok(StatusCode::OK.into_response())
}

/// `PUT /v1/agent/check/deregister/{id}`.
pub async fn check_deregister(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if !local(&s)?.remove_check(&id) {
        return Err(ApiError::NotFoundMessage(format!(
            "Unknown check ID {id:?}. Ensure that the check ID is passed, not the check name."
        )));
    }
    Ok(StatusCode::OK.into_response())
}

/// `PUT /v1/agent/check/{pass|warn|fail}/{id}[?note=]`.
pub async fn check_ttl(
    State(s): State<AppState>,
    Path((verb, id)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let status = match verb.as_str() {
        "pass" => Status::Passing,
        "warn" => Status::Warning,
        "fail" => Status::Critical,
        other => {
            return Err(ApiError::BadRequest(format!(
                "unknown check verb {other:?}"
            )));
        }
    };
    let note = params.get("note").unwrap_or_default().to_string();
    local(&s)?
        .update_ttl(&id, status, note)
        .map_err(ApiError::NotFoundMessage)?;
    Ok(StatusCode::OK.into_response())
}

/// `PUT /v1/agent/check/update/{id}` with `{"Status": .., "Output": ..}`.
pub async fn check_update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let v = json_body(&headers, body).await?;
    let word = v.get("Status").and_then(Value::as_str).unwrap_or("");
    let status = Status::parse(word)
        .filter(|_| word != "maintenance")
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "Invalid status {word:?}: expected passing, warning or critical"
            ))
        })?;
    let output = v
        .get("Output")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    local(&s)?
        .update_ttl(&id, status, output)
        .map_err(ApiError::NotFoundMessage)?;
    Ok(StatusCode::OK.into_response())
}

/// `GET /v1/agent/health/service/name/{name}[?format=text]`: 200 passing, 429 warning,
/// 503 critical, 404 when no local instance has that name.
pub async fn health_by_name(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let l = local(&s)?;
    let services: Vec<ServiceDefinition> = l
        .lock()
        .services
        .values()
        .filter(|d| d.name == name)
        .cloned()
        .collect();
    let checks = l.check_records();
    let mut worst = Status::Passing;
    let mut out = Vec::new();
    for d in &services {
        let mine: Vec<_> = checks
            .iter()
            .filter(|c| c.service_id == d.id || c.service_id.is_empty())
            .collect();
        let status = mine
            .iter()
            .filter_map(|c| Status::parse(&c.status))
            .max()
            .unwrap_or(Status::Passing);
        worst = worst.max(status);
        out.push(json!({"AggregatedStatus": status.as_str(), "Service": service_json(&s, d), "Checks": mine}));
    }
    let code = if services.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        match worst {
            Status::Passing => StatusCode::OK,
            Status::Warning => StatusCode::TOO_MANY_REQUESTS,
            Status::Critical => StatusCode::SERVICE_UNAVAILABLE,
        }
    };
    if params.get("format") == Some("text") {
        let text = if services.is_empty() {
            format!("ServiceName {name} Not Found")
        } else {
            worst.as_str().to_string()
        };
        return Ok((code, text).into_response());
    }
    Ok((code, Json(out)).into_response())
}

/// `PUT /v1/agent/maintenance?enable=true|false[&reason=]`.
pub async fn maintenance(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let enable = match params.get("enable") {
        Some("true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "Invalid value for \"enable\": {other:?} (expected true or false)"
            )));
        }
        None => return Err(ApiError::BadRequest("Missing value for enable".into())),
    };
    local(&s)?
        .set_maintenance(enable, params.get("reason").unwrap_or_default())
        .map_err(ApiError::Internal)?;
    Ok(StatusCode::OK.into_response())
}
