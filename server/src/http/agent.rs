//! `/v1/agent/self`: the agent's identity and the statistics `ctl info` prints; and
//! `/v1/agent/reload`, which applies the configuration files again.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use openraft::ServerState;

use super::AppState;
use super::error::ApiError;
use crate::api::agent::{AgentSelf, Member, SelfConfig};
use crate::version::{REVISION, VERSION};

type Section = BTreeMap<String, String>;

fn section(pairs: &[(&str, String)]) -> Section {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// `GET /v1/agent/self`.
pub async fn self_(State(s): State<AppState>) -> Result<Json<AgentSelf>, ApiError> {
    let c = &s.config;
    let mut stats = BTreeMap::new();
    stats.insert(
        "agent".into(),
        section(&[
            ("check_monitors", "0".into()),
            ("check_ttls", "0".into()),
            ("checks", "0".into()),
            ("services", "0".into()),
        ]),
    );
    stats.insert(
        "build".into(),
        section(&[
            ("prerelease", String::new()),
            ("revision", REVISION.into()),
            ("version", VERSION.into()),
            ("version_metadata", String::new()),
        ]),
    );
    let rt = tokio::runtime::Handle::current().metrics();
    stats.insert(
        "runtime".into(),
        section(&[
            ("arch", std::env::consts::ARCH.into()),
            (
                "cpu_count",
                std::thread::available_parallelism()
                    .map_or(1, |n| n.get())
                    .to_string(),
            ),
            ("max_procs", rt.num_workers().to_string()),
            ("os", std::env::consts::OS.into()),
            ("tasks", rt.num_alive_tasks().to_string()),
            (
                "uptime",
                crate::duration::format(std::time::Duration::from_secs(
                    s.started.elapsed().as_secs(),
                )),
            ),
        ]),
    );
    match &s.raft {
        Some(node) => {
            let m = node.metrics();
            let leader_addr = node.leader_addr().unwrap_or_default();
            stats.insert(
                "consul".into(),
                section(&[
                    ("acl", "disabled".into()),
                    ("bootstrap", (c.bootstrap_expect == 1).to_string()),
                    ("known_datacenters", "1".into()),
                    ("leader", node.is_leader().to_string()),
                    ("leader_addr", leader_addr),
                    ("server", "true".into()),
                ]),
            );
            let state = match m.state {
                ServerState::Leader => "Leader",
                ServerState::Follower => "Follower",
                ServerState::Candidate => "Candidate",
                ServerState::Learner => "Learner",
                ServerState::Shutdown => "Shutdown",
            };
            let voters = node.voters();
            let config: Vec<String> = voters
                .iter()
                .map(|(_, n)| format!("{{Suffrage:Voter ID:{} Address:{}}}", n.node_id, n.addr))
                .collect();
            let applied = m.last_applied.map_or(0, |l| l.index);
            let committed = node.committed_index().max(applied);
            let last_contact = if node.is_leader() {
                "0".to_string()
            } else {
                node.last_contact_ms()
                    .map_or("never".into(), |ms| format!("{ms}ms"))
            };
            stats.insert(
                "raft".into(),
                section(&[
                    ("applied_index", applied.to_string()),
                    ("commit_index", committed.to_string()),
                    ("fsm_pending", committed.saturating_sub(applied).to_string()),
                    ("last_contact", last_contact),
                    ("last_log_index", m.last_log_index.unwrap_or(0).to_string()),
                    ("last_log_term", m.current_term.to_string()),
                    (
                        "last_snapshot_index",
                        m.snapshot.map_or(0, |l| l.index).to_string(),
                    ),
                    (
                        "last_snapshot_term",
                        m.snapshot.map_or(0, |l| l.leader_id.term).to_string(),
                    ),
                    ("latest_configuration", format!("[{}]", config.join(" "))),
                    (
                        "latest_configuration_index",
                        m.membership_config
                            .log_id()
                            .map_or(0, |l| l.index)
                            .to_string(),
                    ),
                    ("leader", node.leader_addr().unwrap_or_default()),
                    (
                        "num_peers",
                        voters
                            .iter()
                            .filter(|(id, _)| *id != node.id)
                            .count()
                            .to_string(),
                    ),
                    ("protocol_version", "3".into()),
                    ("size_on_disk", node.size_on_disk().to_string()),
                    ("state", state.into()),
                    ("term", m.current_term.to_string()),
                ]),
            );
        }
        None => {
            let known = match &s.pool {
                Some(pool) => {
                    crate::raft::membership::servers(&pool.members().await, &c.datacenter)
                        .iter()
                        .filter(|m| m.status == crate::gossip::serf::Status::Alive)
                        .count()
                }
                None => 0,
            };
            stats.insert(
                "consul".into(),
                section(&[
                    ("acl", "disabled".into()),
                    ("known_servers", known.to_string()),
                    ("server", "false".into()),
                ]),
            );
        }
    }
    let tls = s.reloader.tls().current();
    let (rpc, https) = (&tls.settings.internal_rpc, &tls.settings.https);
    stats.insert(
        "tls".into(),
        section(&[
            ("rpc_certificate", tls.rpc_server.is_some().to_string()),
            ("rpc_verify_incoming", rpc.verify_incoming.to_string()),
            ("rpc_verify_outgoing", rpc.verify_outgoing.to_string()),
            (
                "rpc_verify_server_hostname",
                rpc.verify_server_hostname.to_string(),
            ),
            ("https_certificate", tls.https_server.is_some().to_string()),
            ("https_verify_incoming", https.verify_incoming.to_string()),
        ]),
    );
    let mut member = None;
    if let Some(pool) = &s.pool {
        let st = pool.stats().await;
        stats.insert(
            "serf_lan".into(),
            section(&[
                ("coordinate_resets", "0".into()),
                ("encrypted", st.encrypted.to_string()),
                // Beyond Consul: the live enforcement flags, which a reload can change.
                ("encrypt_verify_incoming", pool.verify().0.to_string()),
                ("encrypt_verify_outgoing", pool.verify().1.to_string()),
                ("event_queue", st.event_queue.to_string()),
                ("event_time", st.event_time.to_string()),
                ("failed", st.failed.to_string()),
                ("health_score", st.health_score.to_string()),
                ("intent_queue", st.intent_queue.to_string()),
                ("left", st.left.to_string()),
                ("member_time", st.member_time.to_string()),
                ("members", st.members.to_string()),
                ("query_queue", st.query_queue.to_string()),
                ("query_time", st.query_time.to_string()),
            ]),
        );
        member = pool
            .members()
            .await
            .iter()
            .find(|m| m.name == c.node_name)
            .map(super::members::to_api);
    }
    let role = if c.server { "consul" } else { "node" };
    let tags = section(&[
        ("build", format!("{VERSION}:{REVISION}")),
        ("dc", c.datacenter.clone()),
        ("id", s.node_id.clone()),
        ("role", role.into()),
        ("vsn", "2".into()),
    ]);
    Ok(Json(AgentSelf {
        config: SelfConfig {
            datacenter: c.datacenter.clone(),
            node_name: c.node_name.clone(),
            node_id: s.node_id.clone(),
            server: c.server,
            revision: REVISION.into(),
            version: VERSION.into(),
        },
        member: member.unwrap_or(Member {
            name: c.node_name.clone(),
            addr: c.advertise_addr.to_string(),
            port: 0,
            tags,
            status: 1,
            protocol_min: 1,
            protocol_max: 5,
            protocol_cur: 2,
            delegate_min: 2,
            delegate_max: 5,
            delegate_cur: 5,
            suspect: false,
        }),
        stats,
        meta: BTreeMap::new(),
        runtime: Some(s.reloader.report().await),
    }))
}

/// `PUT /v1/agent/reload`: what was applied and what needs a restart (Consul answers with an
/// empty body; the report is extra). A config or certificate error changes nothing and is a 500
/// naming the problem.
pub async fn reload(
    State(state): State<AppState>,
) -> Result<Json<crate::reload::ReloadReport>, ApiError> {
    let report = state
        .reloader
        .reload()
        .await
        .map_err(|e| ApiError::Internal(format!("reload failed, nothing changed: {e}")))?;
    Ok(Json(report))
}
