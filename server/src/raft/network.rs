//! Raft RPC transport.
//!
//! This build runs single-server clusters, where Raft never contacts a peer: every RPC reports the
//! target as unreachable (so openraft backs off) instead of pretending to deliver. Server RPC over
//! TCP port 8300 replaces this with the server-cluster work.

use openraft::error::{InstallSnapshotError, RPCError, RaftError, Unreachable};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};

use super::{NodeId, ServerNode, TypeConfig};

/// Creates a client per peer; it never connects eagerly.
#[derive(Clone, Default)]
pub struct Network;

/// The client for one peer.
pub struct PeerClient {
    target: NodeId,
    addr: String,
}

impl RaftNetworkFactory<TypeConfig> for Network {
    type Network = PeerClient;

    async fn new_client(&mut self, target: NodeId, node: &ServerNode) -> PeerClient {
        PeerClient {
            target,
            addr: node.addr.clone(),
        }
    }
}

impl PeerClient {
    fn unreachable<E: std::error::Error>(&self) -> RPCError<NodeId, ServerNode, E> {
        let e = std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            format!(
                "no server RPC transport to node {} at {} in a single-server agent",
                self.target, self.addr
            ),
        );
        RPCError::Unreachable(Unreachable::new(&e))
    }
}

impl RaftNetwork<TypeConfig> for PeerClient {
    async fn append_entries(
        &mut self,
        _rpc: AppendEntriesRequest<TypeConfig>,
        _option: RPCOption,
    ) -> Result<AppendEntriesResponse<NodeId>, RPCError<NodeId, ServerNode, RaftError<NodeId>>>
    {
        Err(self.unreachable())
    }

    async fn install_snapshot(
        &mut self,
        _rpc: InstallSnapshotRequest<TypeConfig>,
        _option: RPCOption,
    ) -> Result<
        InstallSnapshotResponse<NodeId>,
        RPCError<NodeId, ServerNode, RaftError<NodeId, InstallSnapshotError>>,
    > {
        Err(self.unreachable())
    }

    async fn vote(
        &mut self,
        _rpc: VoteRequest<NodeId>,
        _option: RPCOption,
    ) -> Result<VoteResponse<NodeId>, RPCError<NodeId, ServerNode, RaftError<NodeId>>> {
        Err(self.unreachable())
    }
}
