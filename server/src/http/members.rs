//! `/v1/agent/members`, `join`, `leave` and `force-leave`: the LAN pool's membership.

use axum::Json;
use axum::extract::{Path, RawQuery, State};

use super::AppState;
use super::error::ApiError;
use super::query::Params;
use crate::api::agent::Member;
use crate::gossip::pool::MemberInfo;

/// A pool member in Consul's JSON shape.
pub fn to_api(m: &MemberInfo) -> Member {
    Member {
        name: m.name.clone(),
        addr: m.addr.ip().to_string(),
        port: m.addr.port(),
        tags: m.tags.clone(),
        status: m.status as u8,
        protocol_min: m.vsn[0],
        protocol_max: m.vsn[1],
        protocol_cur: m.vsn[2],
        delegate_min: m.vsn[3],
        delegate_max: m.vsn[4],
        delegate_cur: m.vsn[5],
        suspect: m.suspect,
    }
}

/// `GET /v1/agent/members`.
pub async fn list(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<Vec<Member>>, ApiError> {
    let params = Params::parse(q.as_deref())?;
    if params.has("wan") {
        return Err(ApiError::BadRequest(
            "the WAN pool is not available on this agent".into(),
        ));
    }
    let mut members: Vec<Member> = s.pool()?.members().await.iter().map(to_api).collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(members))
}

/// `PUT /v1/agent/join/<address>`.
pub async fn join(State(s): State<AppState>, Path(address): Path<String>) -> Result<(), ApiError> {
    let addr = crate::gossip::address::parse(&address, 8301)
        .map_err(|e| ApiError::BadRequest(format!("invalid join address: {e}")))?;
    let (n, errors) = s.pool()?.join(vec![addr]).await;
    if n == 0 {
        return Err(ApiError::Internal(errors.join("; ")));
    }
    Ok(())
}

/// `PUT /v1/agent/leave`: leave gracefully, then shut the agent down. A server first takes
/// itself out of the Raft configuration, so the cluster never counts a departed voter toward
/// its quorum.
pub async fn leave(State(s): State<AppState>) -> Result<(), ApiError> {
    if let Some(node) = &s.raft {
        leave_raft(&s, node).await;
    }
    s.pool()?.leave().await;
    let _ = s.left.send(true);
    Ok(())
}

/// `PUT /v1/agent/force-leave/<node>[?prune]`.
pub async fn force_leave(
    State(s): State<AppState>,
    Path(node): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<(), ApiError> {
    let prune = Params::parse(q.as_deref())?.has("prune");
    if !s.pool()?.force_leave(node.clone(), prune).await {
        return Err(ApiError::Internal(format!(
            "agent: No node found with name '{node}'"
        )));
    }
    Ok(())
}

/// Asks the leader (or, on the leader, Raft directly) to remove this server, retrying through an
/// election for up to `rpc_hold_timeout`.
async fn leave_raft(s: &AppState, node: &crate::raft::RaftNode) {
    use crate::rpc::message::{RpcReply, RpcRequest};
    let deadline = tokio::time::Instant::now() + s.config.rpc_hold_timeout;
    loop {
        let servers = node.servers();
        if servers.len() <= 1 || !servers.iter().any(|(id, _, _)| *id == node.id) {
            return;
        }
        let outcome = if node.is_leader() {
            node.remove_server(node.id).await.map_err(|e| e.to_string())
        } else if let Some(addr) = node.leader_addr().and_then(|a| a.parse().ok()) {
            let req = RpcRequest::RemovePeer { id: node.id };
            match s.rpc.rpc(addr, &req, s.config.rpc_hold_timeout).await {
                Ok(RpcReply::Done) => Ok(()),
                Ok(RpcReply::Error(e)) => Err(e),
                Ok(other) => Err(format!("unexpected reply {other:?}")),
                Err(e) => Err(e.to_string()),
            }
        } else {
            Err("no leader known".into())
        };
        match outcome {
            Ok(()) => {
                tracing::info!("removed this server from the Raft configuration");
                return;
            }
            Err(e) if tokio::time::Instant::now() >= deadline => {
                tracing::warn!("leaving: could not remove this server from Raft: {e}");
                return;
            }
            Err(e) => tracing::debug!("leaving: removing this server from Raft: {e}; retrying"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
