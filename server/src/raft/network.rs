//! Raft RPC transport over server RPC (port 8300, protocol byte 1).
//!
//! Each openraft RPC becomes one frame on a pooled connection to the peer's RPC address; the
//! peer's answer (errors included) comes back as it produced it. Failing to connect is reported as
//! `Unreachable`, so openraft backs off instead of hammering a dead server.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openraft::error::{
    InstallSnapshotError, NetworkError, RPCError, RaftError, RemoteError, Unreachable,
};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};

use super::durability::Durability;
use super::{NodeId, ServerNode, TypeConfig};
use crate::rpc::message::{RaftReply, RaftRequest};
use crate::rpc::{RpcClient, RpcError};

/// Creates a client per peer; connections are opened on first use and pooled.
#[derive(Clone)]
pub struct Network {
    pub rpc: RpcClient,
    pub acks: LeaderAcks,
    /// This server's durable log mark, which the commit index sent to followers never passes.
    pub durable: Durability,
}

/// When each peer last accepted this node's appends, as the term and the instant the accepted
/// request was sent — the leader lease's evidence.
///
/// Timed at sending, in this process: a request sent before a pause (SIGSTOP) and answered
/// after it counts from before the pause, so a deposed leader that wakes up cannot take an old
/// answer for a fresh quorum. (openraft's own "milliseconds since the quorum acknowledged"
/// metric is relative to when it was published, which a pause between publishing and reading
/// makes look recent.)
#[derive(Clone, Default)]
pub struct LeaderAcks(Arc<Mutex<HashMap<NodeId, (u64, Instant)>>>);

impl LeaderAcks {
    fn record(&self, peer: NodeId, term: u64, sent: Instant) {
        if let Ok(mut acks) = self.0.lock() {
            let slot = acks.entry(peer).or_insert((term, sent));
            if (term, sent) > *slot {
                *slot = (term, sent);
            }
        }
    }

    /// Since when a majority of `voters` (`me` counting as acknowledging now) has accepted this
    /// node as leader in `term`; `None` while no majority has.
    pub fn quorum_since(&self, voters: &[NodeId], me: NodeId, term: u64) -> Option<Instant> {
        let acks = self.0.lock().ok()?;
        let mut times: Vec<Instant> = voters
            .iter()
            .filter(|v| **v != me)
            .filter_map(|v| acks.get(v).filter(|(t, _)| *t == term).map(|(_, at)| *at))
            .collect();
        // The newest first: the (majority − 1)-th peer's time is when a majority last agreed.
        times.sort_unstable_by(|a, b| b.cmp(a));
        let peers_needed = voters.len() / 2;
        match peers_needed {
            0 => Some(Instant::now()),
            n => times.get(n - 1).copied(),
        }
    }
}

/// The client for one peer.
pub struct PeerClient {
    target: NodeId,
    node: ServerNode,
    rpc: RpcClient,
    acks: LeaderAcks,
    durable: Durability,
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = PeerClient;

    async fn new_client(&mut self, target: NodeId, node: &ServerNode) -> PeerClient {
        PeerClient {
            target,
            node: node.clone(),
            rpc: self.rpc.clone(),
            acks: self.acks.clone(),
            durable: self.durable.clone(),
        }
    }
}

type Failure<E> = RPCError<NodeId, ServerNode, E>;

impl PeerClient {
    async fn send<E: std::error::Error>(
        &self,
        req: RaftRequest,
        option: &RPCOption,
    ) -> Result<RaftReply, Failure<E>> {
        let addr: SocketAddr = self.node.addr.parse().map_err(|e| {
            let e = std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "server {} has address {:?}: {e}",
                    self.target, self.node.addr
                ),
            );
            RPCError::Unreachable(Unreachable::new(&e))
        })?;
        let timeout = option.hard_ttl().max(Duration::from_millis(50));
        self.rpc.raft(addr, &req, timeout).await.map_err(|e| {
            let io = std::io::Error::other(e.to_string());
            match e {
                RpcError::Connect { .. } => RPCError::Unreachable(Unreachable::new(&io)),
                _ => RPCError::Network(NetworkError::new(&io)),
            }
        })
    }

    fn unexpected<E: std::error::Error>(&self, reply: RaftReply) -> Failure<E> {
        let what = match reply {
            RaftReply::Unavailable(why) => why,
            other => format!("mismatched reply {other:?}"),
        };
        let e = std::io::Error::other(format!("server {}: {what}", self.target));
        RPCError::Network(NetworkError::new(&e))
    }

    fn remote<E: std::error::Error>(
        &self,
        e: RaftError<NodeId, E>,
    ) -> Failure<RaftError<NodeId, E>> {
        RPCError::RemoteError(RemoteError::new_with_node(
            self.target,
            self.node.clone(),
            e,
        ))
    }
}

impl RaftNetwork<TypeConfig> for PeerClient {
    async fn append_entries(
        &mut self,
        mut rpc: AppendEntriesRequest<TypeConfig>,
        option: RPCOption,
    ) -> Result<AppendEntriesResponse<NodeId>, Failure<RaftError<NodeId>>> {
        // openraft counts the leader's own entries as flushed before its fsync ends, so its
        // commit index may name an entry only one follower holds on disk; a follower told of it
        // could apply an entry a crash of this leader might still take away. A follower ignores
        // a commit index that does not move its own forward, so a lower one only delays it.
        rpc.leader_commit = self.durable.clamp(rpc.leader_commit);
        // Consul's replication timings: a heartbeat (nothing to append) or an append, per peer.
        let name = if rpc.entries.is_empty() {
            "consul.raft.replication.heartbeat"
        } else {
            "consul.raft.replication.appendEntries.rpc"
        };
        let term = rpc.vote.leader_id().get_term();
        let started = Instant::now();
        let reply = self.send(RaftRequest::Append(rpc), &option).await;
        let peer = vec![("peer_id", self.node.node_id.clone())];
        crate::metrics::time(name, peer, started.elapsed());
        match reply? {
            RaftReply::Append(r) => {
                if matches!(&r, Ok(resp) if resp.is_success()) {
                    self.acks.record(self.target, term, started);
                }
                r.map_err(|e| self.remote(e))
            }
            other => Err(self.unexpected(other)),
        }
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<TypeConfig>,
        option: RPCOption,
    ) -> Result<InstallSnapshotResponse<NodeId>, Failure<RaftError<NodeId, InstallSnapshotError>>>
    {
        match self.send(RaftRequest::Snapshot(rpc), &option).await? {
            RaftReply::Snapshot(r) => r.map_err(|e| self.remote(e)),
            other => Err(self.unexpected(other)),
        }
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<NodeId>,
        option: RPCOption,
    ) -> Result<VoteResponse<NodeId>, Failure<RaftError<NodeId>>> {
        match self.send(RaftRequest::Vote(rpc), &option).await? {
            RaftReply::Vote(r) => r.map_err(|e| self.remote(e)),
            other => Err(self.unexpected(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lease's evidence: a majority of voters in the current term, the leader counting as
    /// itself; answers from another term or from too few peers do not count.
    #[test]
    fn a_quorum_needs_a_majority_of_voters_in_the_term() {
        let acks = LeaderAcks::default();
        let t0 = Instant::now();
        let later = t0 + Duration::from_millis(10);
        assert!(
            acks.quorum_since(&[1], 1, 5).is_some(),
            "a lone voter leads alone"
        );
        assert_eq!(acks.quorum_since(&[1, 2, 3], 1, 5), None);
        acks.record(2, 4, later);
        assert_eq!(acks.quorum_since(&[1, 2, 3], 1, 5), None, "old term");
        acks.record(2, 5, t0);
        assert_eq!(acks.quorum_since(&[1, 2, 3], 1, 5), Some(t0));
        acks.record(2, 5, later);
        acks.record(2, 5, t0);
        assert_eq!(
            acks.quorum_since(&[1, 2, 3], 1, 5),
            Some(later),
            "never moves back"
        );
        // Five voters need two peers: the older of the two newest answers.
        assert_eq!(acks.quorum_since(&[1, 2, 3, 4, 5], 1, 5), None);
        acks.record(4, 5, t0);
        acks.record(5, 5, t0 + Duration::from_millis(5));
        assert_eq!(
            acks.quorum_since(&[1, 2, 3, 4, 5], 1, 5),
            Some(t0 + Duration::from_millis(5))
        );
    }
}
