//! The leader mirrors gossip membership into the catalog, as Consul's leader does: every member
//! of our datacenter is a node with a `serfHealth` check — passing while gossip says alive,
//! critical once it says failed — servers also carry the `consul` service, and a member that
//! left (or was reaped) is deregistered with everything on it.
//!
//! The loop compares gossip with the catalog every interval and proposes only differences, so a
//! quiet cluster writes nothing, and a change is in the catalog within an interval of gossip
//! noticing it.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use tokio::sync::watch;

use super::op::CatalogOp;
use super::read::{load_check, load_node, load_service, nodes};
use super::records::{Check, Registration, Service};
use crate::gossip::pool::{MemberInfo, Pool};
use crate::gossip::serf::Status as MemberStatus;
use crate::raft::{Command, RaftNode};

/// The node check gossip drives.
pub const SERF_CHECK_ID: &str = "serfHealth";
const SERF_CHECK_NAME: &str = "Serf Health Status";
const ALIVE_OUTPUT: &str = "Agent alive and reachable";
const FAILED_OUTPUT: &str = "Agent not live or unreachable";

/// Runs until `shutdown`, reconciling while this server leads.
pub async fn run(
    node: RaftNode,
    pool: Pool,
    datacenter: String,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
        if !node.is_leader() {
            continue;
        }
        let members = pool.members().await;
        let ops = match plan(node.state(), &members, &datacenter) {
            Ok(ops) => ops,
            Err(e) => {
                tracing::warn!("reconciling gossip members into the catalog: {e}");
                continue;
            }
        };
        for op in ops {
            match node.propose(Command::Catalog(op)).await {
                Ok(_) => {}
                Err(e) => {
                    tracing::debug!("catalog reconcile write failed (will retry): {e}");
                    break;
                }
            }
        }
    }
}

/// The writes that bring the catalog in line with gossip.
pub fn plan(
    state: &crate::raft::state::State,
    members: &[MemberInfo],
    datacenter: &str,
) -> Result<Vec<CatalogOp>, super::CatalogError> {
    let mut ops = Vec::new();
    let mut seen = BTreeSet::new();
    for m in members {
        if m.tags.get("dc").is_some_and(|dc| dc != datacenter) {
            continue;
        }
        seen.insert(m.name.clone());
        match m.status {
            MemberStatus::Left => {
                if load_node(state, &m.name)?.is_some() {
                    ops.push(CatalogOp::Deregister {
                        node: m.name.clone(),
                        service_id: String::new(),
                        check_id: String::new(),
                        at_ms: super::op::now_ms(),
                    });
                }
            }
            MemberStatus::Alive | MemberStatus::Leaving | MemberStatus::Failed => {
                if let Some(reg) = registration(state, m, datacenter)? {
                    ops.push(CatalogOp::Register {
                        json: serde_json::to_string(&reg)
                            .map_err(|e| super::CatalogError::Invalid(e.to_string()))?,
                        at_ms: super::op::now_ms(),
                    });
                }
            }
        }
    }
    // Nodes gossip manages that are no longer members at all were reaped.
    for n in nodes(state)? {
        if !seen.contains(&n.node) && load_check(state, &n.node, SERF_CHECK_ID)?.is_some() {
            ops.push(CatalogOp::Deregister {
                node: n.node,
                service_id: String::new(),
                check_id: String::new(),
                at_ms: super::op::now_ms(),
            });
        }
    }
    Ok(ops)
}

/// The registration a member needs, or `None` when the catalog already shows it as gossip does.
fn registration(
    state: &crate::raft::state::State,
    m: &MemberInfo,
    datacenter: &str,
) -> Result<Option<Registration>, super::CatalogError> {
    let address = m.addr.ip().to_string();
    let (status, output) = if m.status == MemberStatus::Failed {
        ("critical", FAILED_OUTPUT)
    } else {
        ("passing", ALIVE_OUTPUT)
    };
    let existing = load_node(state, &m.name)?;
    let check = load_check(state, &m.name, SERF_CHECK_ID)?;
    let server_port = (m.tags.get("role").map(String::as_str) == Some("consul"))
        .then(|| m.tags.get("port").and_then(|p| p.parse::<u16>().ok()))
        .flatten();
    let consul_service = load_service(state, &m.name, "consul")?;
    let node_ok = existing.as_ref().is_some_and(|n| {
        n.address == address && n.id == m.tags.get("id").cloned().unwrap_or_default()
    });
    let check_ok = check.as_ref().is_some_and(|c| c.status == status);
    let service_ok = match server_port {
        Some(port) => consul_service.as_ref().is_some_and(|s| s.port == port),
        None => true,
    };
    if node_ok && check_ok && service_ok {
        return Ok(None);
    }
    // Keep what agents registered about themselves (meta, tagged addresses).
    let (meta, mut tagged) = existing
        .map(|n| (n.meta, n.tagged_addresses))
        .unwrap_or_default();
    tagged.insert("lan".into(), address.clone());
    tagged.insert("wan".into(), address.clone());
    let service = server_port.map(|port| Service {
        id: "consul".into(),
        service: "consul".into(),
        port,
        meta: BTreeMap::from([("version".to_string(), crate::version::VERSION.to_string())]),
        ..Default::default()
    });
    Ok(Some(Registration {
        datacenter: datacenter.to_string(),
        id: m.tags.get("id").cloned().unwrap_or_default(),
        node: m.name.clone(),
        address,
        tagged_addresses: tagged,
        node_meta: meta,
        service,
        check: Some(Check {
            node: m.name.clone(),
            check_id: SERF_CHECK_ID.into(),
            name: SERF_CHECK_NAME.into(),
            status: status.into(),
            output: output.into(),
            kind: String::new(),
            ..Default::default()
        }),
        ..Default::default()
    }))
}
