//! `/v1/operator/raft` and `/v1/operator/autopilot`: the Raft configuration, removing a peer,
//! handing over leadership, and autopilot's settings and view of server health.

use axum::Json;
use axum::extract::{RawQuery, State};

use super::AppState;
use super::error::ApiError;
use super::query::Params;
use crate::api::operator::{
    AutopilotConfiguration, AutopilotHealth, RaftConfiguration, RaftServer, ServerHealth,
};
use crate::gossip::serf::Status;
use crate::raft::membership;
use crate::raft::{NodeId, RaftNode, raft_id};

/// The last log index each server is known to hold: the leader knows everyone's replication
/// progress; a follower only its own.
fn last_index(node: &RaftNode, id: NodeId) -> u64 {
    let m = node.metrics();
    if id == node.id {
        return m.last_log_index.unwrap_or(0);
    }
    m.replication
        .as_ref()
        .and_then(|r| r.get(&id).cloned().flatten())
        .map_or(0, |l| l.index)
}

fn configuration(node: &RaftNode) -> RaftConfiguration {
    let m = node.metrics();
    let mut servers: Vec<RaftServer> = node
        .servers()
        .into_iter()
        .map(|(id, n, voter)| RaftServer {
            id: n.node_id.clone(),
            node: n.name.clone(),
            address: n.addr.clone(),
            leader: m.current_leader == Some(id),
            protocol_version: "3".into(),
            voter,
            last_index: last_index(node, id),
        })
        .collect();
    servers.sort_by(|a, b| a.node.cmp(&b.node));
    RaftConfiguration {
        servers,
        index: m.membership_config.log_id().map_or(0, |l| l.index),
    }
}

/// `GET /v1/operator/raft/configuration[?stale]`.
pub async fn raft_configuration(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<RaftConfiguration>, ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    node.read(p.consistency()?).await?;
    Ok(Json(configuration(node)))
}

/// `DELETE /v1/operator/raft/peer?id=ID|address=IP:port`.
pub async fn raft_remove_peer(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<(), ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    let servers = node.servers();
    let found = match (p.get("id"), p.get("address")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::BadRequest(
                "Must specify only one of ?id or ?address".into(),
            ));
        }
        (Some(id), None) => servers
            .iter()
            .find(|(_, n, _)| n.node_id == id)
            .ok_or_else(|| {
                ApiError::Internal(format!("id {id:?} was not found in the Raft configuration"))
            })?,
        (None, Some(addr)) => servers
            .iter()
            .find(|(_, n, _)| n.addr == addr)
            .ok_or_else(|| {
                ApiError::Internal(format!(
                    "address {addr:?} was not found in the Raft configuration"
                ))
            })?,
        (None, None) => {
            return Err(ApiError::BadRequest(
                "Must specify either ?id with the server's ID or ?address with IP:port of peer to remove"
                    .into(),
            ));
        }
    };
    node.remove_server(found.0).await?;
    Ok(())
}

/// The reply of a leadership transfer.
#[derive(Debug, serde::Serialize)]
pub struct TransferReply {
    #[serde(rename = "Success")]
    success: bool,
}

/// `POST /v1/operator/raft/transfer-leader[?id=ID]`.
pub async fn transfer_leader(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<TransferReply>, ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    let to = match p.get("id") {
        None | Some("") => None,
        Some(id) => {
            uuid::Uuid::parse_str(id)
                .map_err(|e| ApiError::BadRequest(format!("id {id:?} is not a server ID: {e}")))?;
            Some(raft_id(id))
        }
    };
    let (_, new) = node.transfer_leadership(to, &s.rpc).await?;
    tracing::info!("leadership transferred to {}", new.name);
    Ok(Json(TransferReply { success: true }))
}

/// Renders a duration the way Go prints it for these settings (`200ms`, `10s`).
fn go_duration(d: std::time::Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// `GET /v1/operator/autopilot/configuration`.
pub async fn autopilot_configuration(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<AutopilotConfiguration>, ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    s.raft()?;
    let a = &s.config.autopilot;
    Ok(Json(AutopilotConfiguration {
        cleanup_dead_servers: a.cleanup_dead_servers,
        last_contact_threshold: go_duration(a.last_contact_threshold),
        max_trailing_logs: a.max_trailing_logs,
        min_quorum: a.min_quorum,
        server_stabilization_time: go_duration(a.server_stabilization_time),
        ..Default::default()
    }))
}

/// `GET /v1/operator/autopilot/health`: each server healthy when gossip has it alive and it
/// trails the leader by at most `max_trailing_logs`; the failure tolerance is how many voters
/// could fail with a quorum of healthy ones left.
pub async fn autopilot_health(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<AutopilotHealth>, ApiError> {
    let p = Params::parse(q.as_deref())?;
    p.check_datacenter(&s.config.datacenter)?;
    let node = s.raft()?;
    node.read(crate::raft::node::Consistency::Default).await?;
    let m = node.metrics();
    let members = match &s.pool {
        Some(pool) => pool.members().await,
        None => Vec::new(),
    };
    let gossip = membership::servers(&members, &s.config.datacenter);
    let leader_index = m.last_log_index.unwrap_or(0);
    let mut servers = Vec::new();
    for (id, n, voter) in node.servers() {
        let status = gossip
            .iter()
            .find(|g| g.id == id)
            .map_or(Status::Failed, |g| g.status);
        let index = last_index(node, id);
        let trailing = leader_index.saturating_sub(index);
        let healthy = status == Status::Alive && trailing <= s.config.autopilot.max_trailing_logs;
        servers.push(ServerHealth {
            id: n.node_id.clone(),
            name: n.name.clone(),
            address: n.addr.clone(),
            serf_status: status.as_str().into(),
            version: crate::version::VERSION.into(),
            leader: m.current_leader == Some(id),
            last_contact: if m.current_leader == Some(id) {
                "0s".into()
            } else {
                String::new()
            },
            last_term: m.current_term,
            last_index: index,
            healthy,
            voter,
            stable_since: String::new(),
        });
    }
    servers.sort_by(|a, b| a.name.cmp(&b.name));
    let voters = servers.iter().filter(|v| v.voter).count() as u64;
    let healthy_voters = servers.iter().filter(|v| v.voter && v.healthy).count() as u64;
    let quorum = voters / 2 + 1;
    Ok(Json(AutopilotHealth {
        healthy: servers.iter().all(|v| v.healthy),
        failure_tolerance: healthy_voters.saturating_sub(quorum),
        servers,
    }))
}
