//! `/v1/catalog/*`: register and deregister nodes, services and checks, and read the catalog with
//! Consul's JSON shapes, `?tag=`, `?node-meta=`, `?filter=` and blocking queries.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::ApiError;
use super::query::Params;
use super::{AppState, blocking, blocking_indexed, body_limited, read_headers};
use crate::catalog::filter::Filter;
use crate::catalog::op::{CatalogOp, normalize};
use crate::catalog::read;
use crate::catalog::records::{Deregistration, Node, Registration, Service};
use crate::raft::{Command, Outcome};

/// Largest registration body accepted.
const MAX_BODY: u64 = 1024 * 1024;

/// The fields `?filter=` may name on a node.
const NODE_FIELDS: &[&str] = &[
    "ID",
    "Node",
    "Address",
    "Datacenter",
    "TaggedAddresses",
    "Meta",
];
/// The fields `?filter=` may name on a flattened service instance.
const SERVICE_NODE_FIELDS: &[&str] = &[
    "ID",
    "Node",
    "Address",
    "Datacenter",
    "TaggedAddresses",
    "NodeMeta",
    "ServiceKind",
    "ServiceID",
    "ServiceName",
    "ServiceTags",
    "ServiceAddress",
    "ServiceTaggedAddresses",
    "ServiceWeights",
    "ServiceMeta",
    "ServicePort",
    "ServiceEnableTagOverride",
];

/// The `?filter=` of a request, checked against the fields of the items it applies to.
pub fn filter_of(params: &Params, fields: &[&str]) -> Result<Option<Filter>, ApiError> {
    let Some(expr) = params.get("filter").filter(|e| !e.trim().is_empty()) else {
        return Ok(None);
    };
    let f = Filter::parse(expr).map_err(|e| {
        ApiError::BadRequest(format!(
            "Failed to create boolean expression evaluator: {e}"
        ))
    })?;
    f.validate(fields)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    Ok(Some(f))
}

/// Keeps the items `filter` accepts.
pub fn apply_filter(items: Vec<Value>, filter: Option<&Filter>) -> Vec<Value> {
    match filter {
        Some(f) => items.into_iter().filter(|v| f.matches(v)).collect(),
        None => items,
    }
}

/// Whether a node carries every `?node-meta=` pair.
pub fn meta_matches(node: &Node, wanted: &[(String, String)]) -> bool {
    wanted
        .iter()
        .all(|(k, v)| node.meta.get(k).is_some_and(|m| m == v))
}

/// Whether an instance carries every `?tag=` (case-insensitively, as Consul compares tags).
pub fn tags_match(svc: &Service, tags: &[&str]) -> bool {
    tags.iter()
        .all(|t| svc.tags.iter().any(|s| s.eq_ignore_ascii_case(t)))
}

/// A service instance flattened with its node (Consul's `ServiceNode`).
pub fn service_node(node: &Node, svc: &Service) -> Value {
    json!({
        "ID": node.id,
        "Node": node.node,
        "Address": node.address,
        "Datacenter": node.datacenter,
        "TaggedAddresses": node.tagged_addresses,
        "NodeMeta": node.meta,
        "ServiceKind": svc.kind,
        "ServiceID": svc.id,
        "ServiceName": svc.service,
        "ServiceTags": svc.tags,
        "ServiceAddress": svc.address,
        "ServiceTaggedAddresses": svc.tagged_addresses,
        "ServiceWeights": svc.weights,
        "ServiceMeta": svc.meta,
        "ServicePort": svc.port,
        "ServiceEnableTagOverride": svc.enable_tag_override,
        "CreateIndex": svc.create_index,
        "ModifyIndex": svc.modify_index,
    })
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

async fn write(s: &AppState, op: CatalogOp) -> Result<Response, ApiError> {
    let node = s.raft()?;
    let (outcome, index) = node.propose(Command::Catalog(op)).await?;
    match outcome {
        Outcome::Catalog(None) => {
            let mut headers = HeaderMap::new();
            headers.insert("X-Consul-Index", HeaderValue::from(index));
            Ok((headers, Json(true)).into_response())
        }
        Outcome::Catalog(Some(reason)) => Err(ApiError::BadRequest(reason)),
        other => Err(ApiError::Internal(format!(
            "unexpected outcome for a catalog write: {other:?}"
        ))),
    }
}

fn decode_body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        ApiError::BadRequest(format!(
            "Request decode failed: at {}: {}",
            e.path(),
            e.inner()
        ))
    })
}

/// `PUT /v1/catalog/register`.
pub async fn register(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let bytes = body_limited(&headers, body, MAX_BODY).await?;
    let mut reg: Registration = decode_body(&bytes)?;
    if !reg.datacenter.is_empty() && reg.datacenter != s.config.datacenter {
        return Err(ApiError::NoPathToDatacenter);
    }
    reg.datacenter = s.config.datacenter.clone();
    let reg = normalize(reg)?;
    let json = serde_json::to_string(&reg).map_err(|e| ApiError::Internal(e.to_string()))?;
    write(
        &s,
        CatalogOp::Register {
            json,
            at_ms: crate::catalog::op::now_ms(),
        },
    )
    .await
}

/// `PUT /v1/catalog/deregister`.
pub async fn deregister(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let bytes = body_limited(&headers, body, MAX_BODY).await?;
    let d: Deregistration = decode_body(&bytes)?;
    if d.node.is_empty() {
        return Err(ApiError::BadRequest("Must provide node".into()));
    }
    if !d.datacenter.is_empty() && d.datacenter != s.config.datacenter {
        return Err(ApiError::NoPathToDatacenter);
    }
    write(
        &s,
        CatalogOp::Deregister {
            node: d.node,
            service_id: d.service_id,
            check_id: d.check_id,
            at_ms: crate::catalog::op::now_ms(),
        },
    )
    .await
}

/// `GET /v1/catalog/datacenters`: ours (one datacenter per cluster; WAN federation is not built).
pub async fn datacenters(State(s): State<AppState>) -> Json<Vec<String>> {
    Json(vec![s.config.datacenter.clone()])
}

/// `GET /v1/catalog/nodes[?node-meta=k:v][&filter=]`.
pub async fn nodes(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let meta = params.node_meta()?;
    let filter = filter_of(&params, NODE_FIELDS)?;
    let node = s.raft()?;
    let (items, index) = blocking(node, &params, |t| {
        let items = read::nodes(t)?
            .iter()
            .filter(|n| meta_matches(n, &meta))
            .map(to_value)
            .collect();
        Ok((
            apply_filter(items, filter.as_ref()),
            read::catalog_index(t)?,
        ))
    })
    .await?;
    Ok((read_headers(node, index), Json(items)).into_response())
}

/// `GET /v1/catalog/services[?node-meta=k:v]`: every service name with its tags.
pub async fn services(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let meta = params.node_meta()?;
    let node = s.raft()?;
    let (services, index) = blocking(node, &params, |t| {
        let services = if meta.is_empty() {
            read::services(t)?
        } else {
            let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
            for n in read::nodes(t)?.iter().filter(|n| meta_matches(n, &meta)) {
                for svc in read::services_on(t, &n.node)? {
                    out.entry(svc.service).or_default().extend(svc.tags);
                }
            }
            out
        };
        Ok((services, read::catalog_index(t)?))
    })
    .await?;
    Ok((read_headers(node, index), Json(services)).into_response())
}

/// `GET /v1/catalog/service/{name}[?tag=][&node-meta=][&filter=]`.
pub async fn service(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let meta = params.node_meta()?;
    let tags = params.all("tag");
    let filter = filter_of(&params, SERVICE_NODE_FIELDS)?;
    let node = s.raft()?;
    let (items, index) = blocking_indexed(
        node,
        &params,
        |t| Ok(read::service_index(t, &name)?),
        |t| {
            let items = read::instances(t, &name)?
                .iter()
                .filter(|(n, svc)| meta_matches(n, &meta) && tags_match(svc, &tags))
                .map(|(n, svc)| service_node(n, svc))
                .collect();
            Ok(apply_filter(items, filter.as_ref()))
        },
    )
    .await?;
    Ok((read_headers(node, index), Json(items)).into_response())
}

/// `GET /v1/catalog/node/{node}`: the node and its services by ID (`null` for an unknown node).
pub async fn node(
    State(s): State<AppState>,
    Path(name): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    params.check_datacenter(&s.config.datacenter)?;
    let raft = s.raft()?;
    let (value, index) = blocking(raft, &params, |t| {
        let value = match read::load_node(t, &name)? {
            Some(n) => {
                let services: BTreeMap<String, Value> = read::services_on(t, &name)?
                    .iter()
                    .map(|svc| (svc.id.clone(), to_value(svc)))
                    .collect();
                json!({ "Node": n, "Services": services })
            }
            None => Value::Null,
        };
        Ok((value, read::catalog_index(t)?))
    })
    .await?;
    Ok((read_headers(raft, index), Json(value)).into_response())
}
