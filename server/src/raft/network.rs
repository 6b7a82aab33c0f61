//! Raft RPC transport over server RPC (port 8300, protocol byte 1).
//!
//! Each openraft RPC becomes one frame on a pooled connection to the peer's RPC address; the
//! peer's answer (errors included) comes back as it produced it. Failing to connect is reported as
//! `Unreachable`, so openraft backs off instead of hammering a dead server.

use std::net::SocketAddr;
use std::time::Duration;

use openraft::error::{
    InstallSnapshotError, NetworkError, RPCError, RaftError, RemoteError, Unreachable,
};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};

use super::{NodeId, ServerNode, TypeConfig};
use crate::rpc::message::{RaftReply, RaftRequest};
use crate::rpc::{RpcClient, RpcError};

/// Creates a client per peer; connections are opened on first use and pooled.
#[derive(Clone, Default)]
pub struct Network {
    pub rpc: RpcClient,
}

/// The client for one peer.
pub struct PeerClient {
    target: NodeId,
    node: ServerNode,
    rpc: RpcClient,
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = PeerClient;

    async fn new_client(&mut self, target: NodeId, node: &ServerNode) -> PeerClient {
        PeerClient {
            target,
            node: node.clone(),
            rpc: self.rpc.clone(),
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
        rpc: AppendEntriesRequest<TypeConfig>,
        option: RPCOption,
    ) -> Result<AppendEntriesResponse<NodeId>, Failure<RaftError<NodeId>>> {
        // Consul's replication timings: a heartbeat (nothing to append) or an append, per peer.
        let name = if rpc.entries.is_empty() {
            "consul.raft.replication.heartbeat"
        } else {
            "consul.raft.replication.appendEntries.rpc"
        };
        let started = std::time::Instant::now();
        let reply = self.send(RaftRequest::Append(rpc), &option).await;
        let peer = vec![("peer_id", self.node.node_id.clone())];
        crate::metrics::time(name, peer, started.elapsed());
        match reply? {
            RaftReply::Append(r) => r.map_err(|e| self.remote(e)),
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
