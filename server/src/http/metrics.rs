//! `/v1/agent/metrics[?format=prometheus]`: the recorded counters and samples plus gauges read
//! now — Raft state, gossip health and members by status, KV and catalog sizes, and memory.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::error::ApiError;
use super::query::Params;
use crate::metrics::{self, Gauge};

/// Entries under a key prefix of the replicated state.
fn count(state: &crate::raft::state::State, prefix: &[u8]) -> f64 {
    state.count(prefix) as f64
}

/// Resident memory of this process, from /proc.
fn rss_bytes() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0)
}

async fn gauges(s: &AppState) -> Vec<Gauge> {
    let mut g = Vec::new();
    if let Some(node) = &s.raft {
        let m = node.metrics();
        let leader = m.current_leader == Some(m.id);
        g.push(Gauge::new("consul.raft.term", m.current_term as f64, &[]));
        g.push(Gauge::new(
            "consul.raft.lastIndex",
            m.last_log_index.unwrap_or(0) as f64,
            &[],
        ));
        g.push(Gauge::new(
            "consul.raft.appliedIndex",
            m.last_applied.map_or(0, |l| l.index) as f64,
            &[],
        ));
        g.push(Gauge::new(
            "consul.server.isLeader",
            if leader { 1.0 } else { 0.0 },
            &[],
        ));
        g.push(Gauge::new(
            "consul.raft.peers",
            m.membership_config.membership().voter_ids().count() as f64,
            &[],
        ));
        let tree = node.state();
        g.push(Gauge::new(
            "consul.kv.entries",
            count(tree, &[crate::kv::ENTRY]),
            &[],
        ));
        g.push(Gauge::new("consul.catalog.nodes", count(tree, b"cn"), &[]));
        g.push(Gauge::new(
            "consul.catalog.service_instances",
            count(tree, b"cs"),
            &[],
        ));
        g.push(Gauge::new("consul.catalog.checks", count(tree, b"ch"), &[]));
    }
    if let Some(pool) = &s.pool {
        let st = pool.stats().await;
        g.push(Gauge::new(
            "consul.memberlist.health.score",
            f64::from(st.health_score),
            &[],
        ));
        let members = pool.members().await;
        for status in ["alive", "leaving", "left", "failed"] {
            let n = members
                .iter()
                .filter(|m| m.status.as_str() == status)
                .count();
            g.push(Gauge::new(
                "consul.serf.members",
                n as f64,
                &[("status", status)],
            ));
        }
        let suspect = members.iter().filter(|m| m.suspect).count();
        g.push(Gauge::new(
            "consul.serf.members",
            suspect as f64,
            &[("status", "suspect")],
        ));
    }
    if let Some(rss) = rss_bytes() {
        g.push(Gauge::new("consul.runtime.rss_bytes", rss, &[]));
    }
    g
}

/// `GET /v1/agent/metrics`.
pub async fn get(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref())?;
    let report = metrics::global().report(gauges(&s).await);
    match params.get("format") {
        None | Some("") | Some("json") => Ok(axum::Json(report).into_response()),
        Some("prometheus") => Ok((
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            report.prometheus(),
        )
            .into_response()),
        Some(other) => Err(ApiError::BadRequest(format!(
            "unknown metrics format {other:?}: use prometheus or json"
        ))),
    }
}

/// Counts every routed request by method, route and status, and times it by method and route.
pub async fn record(
    matched: Option<axum::extract::MatchedPath>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let method = req.method().as_str().to_string();
    let route = matched.map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    metrics::time(
        "consul.api.http",
        vec![("method", method.clone()), ("path", route.clone())],
        started.elapsed(),
    );
    metrics::incr(
        "consul.http.requests",
        vec![
            ("method", method),
            ("path", route),
            ("status", resp.status().as_u16().to_string()),
        ],
        1,
    );
    resp
}
