//! Passing requests to the server that can answer them, transparently to the HTTP caller.
//!
//! Writes and default or `?consistent` reads of replicated state need the leader. A follower
//! passes them to the leader; a client agent passes them to a random known server (which passes
//! them on if it is not the leader). `?stale` reads are answered by any server: a follower serves
//! them itself. While an election is under way (no leader known, or the leader unreachable) a
//! request waits and retries for up to `rpc_hold_timeout` before failing with "No cluster
//! leader". A forwarded request carries a hop count, so it is passed on at most twice.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;
use crate::gossip::serf::Status;
use crate::raft::membership;
use crate::rpc::Hops;
use crate::rpc::frame::MAX_FRAME;
use crate::rpc::message::{HttpReply, HttpRequest, RpcReply, RpcRequest};

/// The most servers a request passes through: client → server → leader.
const MAX_HOPS: u8 = 2;

/// Endpoints served from replicated state (everything else is agent-local).
fn needs_servers(path: &str) -> bool {
    const PREFIXES: [&str; 9] = [
        "/v1/kv",
        "/v1/txn",
        "/v1/status/",
        "/v1/operator/raft/",
        "/v1/operator/autopilot/",
        "/v1/snapshot",
        "/v1/catalog/",
        "/v1/health/",
        "/v1/session/",
    ];
    PREFIXES.iter().any(|p| path.starts_with(p))
}

/// Whether the query string names `param` (with or without a value).
fn has_param(query: Option<&str>, param: &str) -> bool {
    query.is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == param))
}

/// Whether a server answers this request from its own state without a leader: `?stale` reads,
/// and the status endpoints, which report this server's view.
fn local_on_server(method: &Method, path: &str, query: Option<&str>) -> bool {
    let read = *method == Method::GET || *method == Method::HEAD;
    path.starts_with("/v1/status/") || (read && has_param(query, "stale"))
}

/// The middleware: serve here, or pass the request on.
/// The header a forwarded request carries naming the agent it first arrived at.
pub const ORIGIN_NODE: &str = "x-ctl-origin-node";

pub async fn forward(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !needs_servers(&path) {
        return next.run(req).await;
    }
    let hops = req.extensions().get::<Hops>().map_or(0, |h| h.0);
    if let Some(node) = &s.raft
        && (node.is_leader()
            || hops >= MAX_HOPS
            || local_on_server(req.method(), &path, req.uri().query()))
    {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let body = match axum::body::to_bytes(body, MAX_FRAME / 2).await {
        Ok(b) => b,
        Err(e) => {
            return ApiError::TooLarge(format!("Request body too large: {e}")).into_response();
        }
    };
    let blocking = has_param(parts.uri.query(), "index");
    // A blocking query may wait up to ten minutes at the server (Consul's cap) plus jitter.
    // Anything else is answered within the receiver's own hold time; the first hop allows for
    // the second, so a client agent does not give up on a follower still waiting on the leader.
    let hold = s.config.rpc_hold_timeout;
    let call_timeout = if blocking {
        Duration::from_secs(11 * 60)
    } else {
        hold + Duration::from_secs(5) * u32::from(MAX_HOPS - hops)
    };
    let mut headers: Vec<(String, Vec<u8>)> = parts
        .headers
        .iter()
        .filter(|(k, _)| *k != axum::http::header::HOST && k.as_str() != ORIGIN_NODE)
        .map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec()))
        .collect();
    // Requests that default to "this agent's node" (session create) mean the agent the client
    // asked, not the server that answers.
    let origin = parts
        .headers
        .get(ORIGIN_NODE)
        .filter(|_| hops > 0)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_else(|| s.config.node_name.as_bytes().to_vec());
    headers.push((ORIGIN_NODE.to_string(), origin));
    let msg = HttpRequest {
        hops: hops + 1,
        method: parts.method.to_string(),
        uri: parts.uri.to_string(),
        headers,
        body: body.to_vec(),
    };
    let deadline = tokio::time::Instant::now() + hold;
    let mut last_error: Option<String> = None;
    let mut attempt = 0usize;
    loop {
        attempt += 1;
        let target = match target(&s, attempt).await {
            Target::Here => {
                // We became the leader while waiting.
                let req = Request::from_parts(parts, Body::from(body));
                return next.run(req).await;
            }
            Target::Server(addr) => Some(addr),
            Target::NoServers => {
                return ApiError::NoServers(s.config.node_name.clone()).into_response();
            }
            Target::Unknown => None,
        };
        if let Some(addr) = target {
            match s
                .rpc
                .rpc(addr, &RpcRequest::Http(msg.clone()), call_timeout)
                .await
            {
                Ok(RpcReply::Http(reply)) => return into_response(reply),
                Ok(RpcReply::Error(e)) => last_error = Some(e),
                Ok(other) => last_error = Some(format!("unexpected reply from {addr}: {other:?}")),
                // The request may have been applied: only retry when it surely was not sent.
                Err(e) if !e.not_sent() => {
                    return ApiError::Internal(format!("rpc error: {e}")).into_response();
                }
                Err(e) => {
                    s.rpc.forget(addr);
                    last_error = Some(e.to_string());
                }
            }
        }
        if tokio::time::Instant::now() >= deadline {
            return match (&s.raft, last_error) {
                (None, Some(e)) => ApiError::Internal(format!("rpc error: {e}")).into_response(),
                _ => ApiError::NoLeader.into_response(),
            };
        }
        // Elections take a few hundred milliseconds (tens under --dev); poll at a similar pace.
        let pause = if s.config.dev {
            Duration::from_millis(20)
        } else {
            Duration::from_millis(100)
        };
        tokio::time::sleep(pause).await;
    }
}

enum Target {
    Here,
    Server(SocketAddr),
    /// No leader known yet: wait.
    Unknown,
    /// A client agent that knows no servers at all.
    NoServers,
}

/// Where to send a request now: a follower asks its leader; a client agent rotates through the
/// servers gossip knows.
async fn target(s: &AppState, attempt: usize) -> Target {
    if let Some(node) = &s.raft {
        if node.is_leader() {
            return Target::Here;
        }
        return match node.leader_addr().and_then(|a| a.parse().ok()) {
            Some(addr) => Target::Server(addr),
            None => Target::Unknown,
        };
    }
    let Some(pool) = &s.pool else {
        return Target::NoServers;
    };
    let members = pool.members().await;
    let mut servers: Vec<SocketAddr> = membership::servers(&members, &s.config.datacenter)
        .into_iter()
        .filter(|m| m.status == Status::Alive)
        .map(|m| m.rpc_addr)
        .collect();
    if servers.is_empty() {
        return Target::NoServers;
    }
    servers.sort();
    // Servers that failed us lately go last.
    servers.sort_by_key(|a| s.avoid.is_avoided(*a));
    let usable = servers
        .iter()
        .filter(|a| !s.avoid.is_avoided(**a))
        .count()
        .max(1);
    servers.truncate(usable);
    // Start at a per-agent random server and move on with each attempt.
    let start = s
        .node_id
        .bytes()
        .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
    Target::Server(servers[(start + attempt) % servers.len()])
}

fn into_response(reply: HttpReply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = (status, reply.body).into_response();
    let headers = resp.headers_mut();
    for (k, v) in reply.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_bytes(&v),
        ) {
            if k == axum::http::header::CONTENT_LENGTH || k == axum::http::header::TRANSFER_ENCODING
            {
                continue;
            }
            headers.insert(k, v);
        }
    }
    resp
}

/// Servers whose RPC failed or timed out lately, skipped while others are available: a paused
/// or cut-off server must not keep swallowing a client agent's requests.
#[derive(Debug, Default)]
pub struct Avoid(std::sync::Mutex<std::collections::HashMap<SocketAddr, tokio::time::Instant>>);

impl Avoid {
    const FOR: Duration = Duration::from_secs(30);

    pub fn mark(&self, addr: SocketAddr) {
        if let Ok(mut m) = self.0.lock() {
            m.insert(addr, tokio::time::Instant::now() + Self::FOR);
        }
    }

    pub fn is_avoided(&self, addr: SocketAddr) -> bool {
        self.0
            .lock()
            .ok()
            .and_then(|m| m.get(&addr).copied())
            .is_some_and(|until| tokio::time::Instant::now() < until)
    }
}
