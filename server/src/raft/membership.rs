//! Which servers are in the Raft configuration, decided from gossip.
//!
//! Servers announce themselves in their gossip tags (`role=consul`, `dc`, `id`, `port`, `expect`).
//! Before a cluster exists, `--bootstrap-expect N` servers wait until N servers with the same
//! expectation are alive; then the one with the lowest Raft id — and only it — initialises the
//! cluster with all of them, after checking over RPC that none of them already has Raft state.
//! Afterwards the leader reconciles: a server that appears is added as a learner, caught up and
//! promoted; one that left gracefully is removed; one that failed is removed after
//! `server_stabilization_time` when `cleanup_dead_servers` is on and fewer than half the voters
//! have failed, so cleanup never costs the cluster its quorum.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::sync::watch;

use super::{NodeId, RaftNode, ServerNode, raft_id};
use crate::gossip::pool::{MemberInfo, Pool};
use crate::gossip::serf::Status;
use crate::rpc::RpcClient;
use crate::rpc::message::{RpcReply, RpcRequest};

/// A server as gossip describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GossipServer {
    pub id: NodeId,
    pub node: ServerNode,
    pub rpc_addr: SocketAddr,
    pub status: Status,
    pub expect: Option<u32>,
}

/// The servers of datacenter `dc` among gossip members; members without the server tags (client
/// agents, plain serf agents) are skipped.
pub fn servers(members: &[MemberInfo], dc: &str) -> Vec<GossipServer> {
    members
        .iter()
        .filter(|m| m.tags.get("role").map(String::as_str) == Some("consul"))
        .filter(|m| m.tags.get("dc").map(String::as_str) == Some(dc))
        .filter_map(|m| {
            let node_id = m.tags.get("id")?.clone();
            let port: u16 = m.tags.get("port")?.parse().ok()?;
            let rpc_addr = SocketAddr::new(m.addr.ip(), port);
            Some(GossipServer {
                id: raft_id(&node_id),
                node: ServerNode {
                    addr: rpc_addr.to_string(),
                    node_id,
                    name: m.name.clone(),
                },
                rpc_addr,
                status: m.status,
                expect: m.tags.get("expect").and_then(|e| e.parse().ok()),
            })
        })
        .collect()
}

/// Settings for the membership loop.
#[derive(Debug, Clone)]
pub struct Settings {
    pub datacenter: String,
    pub bootstrap_expect: u32,
    pub cleanup_dead_servers: bool,
    pub server_stabilization_time: Duration,
    pub min_quorum: usize,
    /// How often gossip is re-read.
    pub interval: Duration,
}

/// Runs until `shutdown`.
pub async fn run(
    node: RaftNode,
    pool: Pool,
    rpc: RpcClient,
    settings: Settings,
    mut shutdown: watch::Receiver<bool>,
) {
    let (added_tx, added_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut state = Loop {
        node,
        rpc,
        settings,
        warned: BTreeSet::new(),
        failed_since: HashMap::new(),
        adding: BTreeSet::new(),
        added_tx,
        added_rx,
    };
    loop {
        tokio::select! {
            _ = tokio::time::sleep(state.settings.interval) => {}
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
        while let Ok(id) = state.added_rx.try_recv() {
            state.adding.remove(&id);
        }
        let members = pool.members().await;
        let servers = servers(&members, &state.settings.datacenter);
        if !state.node.has_state() {
            if state.settings.bootstrap_expect > 1 {
                state.try_bootstrap(&servers).await;
            }
            continue;
        }
        if state.node.is_leader() {
            state.reconcile(&servers).await;
        }
    }
}

struct Loop {
    node: RaftNode,
    rpc: RpcClient,
    settings: Settings,
    /// Members already reported with a conflicting `expect`.
    warned: BTreeSet<String>,
    failed_since: HashMap<NodeId, Instant>,
    /// Servers being added in the background; their ids come back on the channel when done.
    adding: BTreeSet<NodeId>,
    added_tx: tokio::sync::mpsc::UnboundedSender<NodeId>,
    added_rx: tokio::sync::mpsc::UnboundedReceiver<NodeId>,
}

impl Loop {
    async fn try_bootstrap(&mut self, servers: &[GossipServer]) {
        let expect = self.settings.bootstrap_expect;
        let alive: Vec<&GossipServer> = servers
            .iter()
            .filter(|s| s.status == Status::Alive)
            .collect();
        for s in &alive {
            if s.expect.is_some_and(|e| e != expect) && self.warned.insert(s.node.name.clone()) {
                tracing::error!(
                    "Member {} has a conflicting expect value ({} here, {} there). All nodes should expect the same number.",
                    s.node.name,
                    expect,
                    s.expect.unwrap_or_default()
                );
            }
        }
        let expecting: Vec<&GossipServer> = alive
            .into_iter()
            .filter(|s| s.expect == Some(expect))
            .collect();
        if expecting.len() < expect as usize {
            return;
        }
        let Some(first) = expecting.iter().min_by_key(|s| s.id) else {
            return;
        };
        if first.id != self.node.id {
            // The lowest id bootstraps; we are in its configuration and hear from it soon.
            return;
        }
        for s in expecting.iter().filter(|s| s.id != self.node.id) {
            match self
                .rpc
                .rpc(s.rpc_addr, &RpcRequest::RaftState, Duration::from_secs(2))
                .await
            {
                Ok(RpcReply::RaftState { has_state: false }) => {}
                Ok(RpcReply::RaftState { has_state: true }) => {
                    tracing::warn!(
                        "server {} already has Raft state; not bootstrapping a new cluster",
                        s.node.name
                    );
                    return;
                }
                Ok(other) => {
                    tracing::warn!(
                        "bootstrap: unexpected answer from {}: {other:?}",
                        s.node.name
                    );
                    return;
                }
                Err(e) => {
                    tracing::info!("bootstrap: waiting for {}: {e}", s.node.name);
                    return;
                }
            }
        }
        let members: BTreeMap<NodeId, ServerNode> =
            expecting.iter().map(|s| (s.id, s.node.clone())).collect();
        let names: Vec<&str> = expecting.iter().map(|s| s.node.name.as_str()).collect();
        match self.node.bootstrap(members).await {
            Ok(()) => tracing::info!(
                "bootstrapped a new cluster of {} servers: {}",
                names.len(),
                names.join(", ")
            ),
            Err(e) => tracing::error!("bootstrapping the cluster: {e}"),
        }
    }

    async fn reconcile(&mut self, servers: &[GossipServer]) {
        let config = self.node.servers();
        let in_config: BTreeSet<NodeId> = config.iter().map(|(id, _, _)| *id).collect();
        let voters: Vec<NodeId> = config
            .iter()
            .filter(|(_, _, v)| *v)
            .map(|(id, _, _)| *id)
            .collect();
        let now = Instant::now();
        // New servers: learner, catch up, promote — in the background, one task per server.
        for s in servers.iter().filter(|s| s.status == Status::Alive) {
            self.failed_since.remove(&s.id);
            let is_voter = voters.contains(&s.id);
            if is_voter || self.adding.contains(&s.id) {
                continue;
            }
            self.adding.insert(s.id);
            let (node, id, server, done) = (
                self.node.clone(),
                s.id,
                s.node.clone(),
                self.added_tx.clone(),
            );
            tokio::spawn(async move {
                tracing::info!(
                    "adding server {} ({}) as a learner",
                    server.name,
                    server.addr
                );
                match node.add_server(id, server.clone()).await {
                    Ok(()) => tracing::info!("server {} caught up and is now a voter", server.name),
                    Err(e) => tracing::warn!("adding server {}: {e}", server.name),
                }
                let _ = done.send(id);
            });
        }
        // Servers that left gracefully go at once.
        for s in servers
            .iter()
            .filter(|s| s.status == Status::Left && in_config.contains(&s.id))
        {
            if s.id == self.node.id {
                continue;
            }
            tracing::info!("removing server {}: it left the cluster", s.node.name);
            if let Err(e) = self.node.remove_server(s.id).await {
                tracing::warn!("removing server {}: {e}", s.node.name);
            }
        }
        if !self.settings.cleanup_dead_servers {
            return;
        }
        // Failed servers go once they have been failed for the stabilization time, and only
        // while fewer than half the voters are failed.
        let failed: Vec<&GossipServer> = servers
            .iter()
            .filter(|s| {
                s.status == Status::Failed && voters.contains(&s.id) && s.id != self.node.id
            })
            .collect();
        for s in &failed {
            self.failed_since.entry(s.id).or_insert(now);
        }
        self.failed_since
            .retain(|id, _| failed.iter().any(|s| s.id == *id));
        if failed.len() * 2 >= voters.len()
            || voters.len().saturating_sub(1) < self.settings.min_quorum
        {
            return;
        }
        for s in failed {
            let due = self
                .failed_since
                .get(&s.id)
                .is_some_and(|t| now.duration_since(*t) >= self.settings.server_stabilization_time);
            if due {
                tracing::info!("removing failed server {} (autopilot cleanup)", s.node.name);
                if let Err(e) = self.node.remove_server(s.id).await {
                    tracing::warn!("removing failed server {}: {e}", s.node.name);
                }
                // One removal per round: the next round re-reads the configuration.
                return;
            }
        }
    }
}
