//! `/v1/event/fire/<name>` and `/v1/event/list`: user events over gossip.
//!
//! Consul-style events travel as serf user events named `consul:event:<name>` whose payload is the
//! event's JSON; events from plain serf agents are listed with their name and payload as sent.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;

use super::error::ApiError;
use super::query::Params;
use super::{AppState, body_limited};
use crate::api::b64;
use crate::api::event::UserEvent;

const PREFIX: &str = "consul:event:";
/// serf's limit on an event's name plus payload.
const MAX_EVENT: usize = 512;

/// `PUT /v1/event/fire/<name>[?node=&service=&tag=]` with the payload as the body.
pub async fn fire(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<UserEvent>, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    if name.is_empty() {
        return Err(ApiError::BadRequest("Missing name".into()));
    }
    let payload = body_limited(&headers, body, MAX_EVENT as u64)
        .await?
        .to_vec();
    let tag = params.get("tag").unwrap_or_default().to_string();
    let service = params.get("service").unwrap_or_default().to_string();
    if !tag.is_empty() && service.is_empty() {
        return Err(ApiError::BadRequest(
            "Cannot provide tag filter without service filter.".into(),
        ));
    }
    let mut event = UserEvent {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.clone(),
        payload: (!payload.is_empty()).then(|| b64::encode(&payload)),
        node_filter: params.get("node").unwrap_or_default().to_string(),
        service_filter: service,
        tag_filter: tag,
        version: 1,
        ltime: 0,
    };
    if name.len() + payload.len() > MAX_EVENT {
        return Err(ApiError::TooLarge(format!(
            "event too large: name and payload are {} bytes, over the {MAX_EVENT}-byte limit",
            name.len() + payload.len()
        )));
    }
    let encoded = serde_json::to_vec(&event).map_err(|e| ApiError::Internal(e.to_string()))?;
    event.ltime = s
        .pool()?
        .user_event(format!("{PREFIX}{name}"), encoded)
        .await;
    Ok(Json(event))
}

/// `GET /v1/event/list[?name=]`: the most recent events this agent has seen.
pub async fn list(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<Vec<UserEvent>>, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let want = params.get("name").map(str::to_string);
    let mut out = Vec::new();
    for e in s.pool()?.events().await {
        let event = match e.name.strip_prefix(PREFIX) {
            Some(_) => match serde_json::from_slice::<UserEvent>(&e.payload) {
                Ok(mut ev) => {
                    ev.ltime = e.ltime;
                    ev
                }
                Err(_) => continue,
            },
            None => UserEvent {
                id: format!("serf-{}", e.ltime),
                name: e.name.clone(),
                payload: (!e.payload.is_empty()).then(|| b64::encode(&e.payload)),
                node_filter: String::new(),
                service_filter: String::new(),
                tag_filter: String::new(),
                version: 1,
                ltime: e.ltime,
            },
        };
        if want.as_ref().is_none_or(|w| *w == event.name) {
            out.push(event);
        }
    }
    Ok(Json(out))
}
