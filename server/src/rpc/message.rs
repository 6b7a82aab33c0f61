//! What travels over server RPC: Raft's three RPCs, and the requests followers and client agents
//! pass to servers. Payloads are postcard-encoded inside [`super::frame`]s.

use openraft::error::{InstallSnapshotError, RaftError};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};
use serde::{Deserialize, Serialize};

use crate::raft::{NodeId, TypeConfig};

/// The first byte of a connection: which protocol the rest of it speaks. Values follow Consul's
/// so a misdirected Consul peer is refused with a clear message rather than garbage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Forwarded requests and cluster-management calls.
    Rpc = 0,
    /// Raft's AppendEntries, Vote and InstallSnapshot.
    Raft = 1,
    /// A TLS upgrade (arrives with the TLS issue; refused for now).
    Tls = 3,
}

impl Protocol {
    pub fn from_byte(b: u8) -> Option<Protocol> {
        match b {
            0 => Some(Protocol::Rpc),
            1 => Some(Protocol::Raft),
            3 => Some(Protocol::Tls),
            _ => None,
        }
    }
}

/// A Raft RPC from the leader or a candidate.
#[derive(Debug, Serialize, Deserialize)]
pub enum RaftRequest {
    Append(AppendEntriesRequest<TypeConfig>),
    Vote(VoteRequest<NodeId>),
    Snapshot(InstallSnapshotRequest<TypeConfig>),
}

/// The answer to a [`RaftRequest`], errors included so openraft sees them as the peer's.
#[derive(Debug, Serialize, Deserialize)]
pub enum RaftReply {
    Append(Result<AppendEntriesResponse<NodeId>, RaftError<NodeId>>),
    Vote(Result<VoteResponse<NodeId>, RaftError<NodeId>>),
    Snapshot(Result<InstallSnapshotResponse<NodeId>, RaftError<NodeId, InstallSnapshotError>>),
    /// The receiver is not a server, or its Raft node is gone.
    Unavailable(String),
}

/// A request for a server.
#[derive(Debug, Serialize, Deserialize)]
pub enum RpcRequest {
    /// An HTTP API request passed on by a follower or client agent, to be run as if it had
    /// arrived at this server.
    Http(HttpRequest),
    /// Whether this server already has Raft state (asked before bootstrapping a new cluster).
    RaftState,
    /// Remove a server from the Raft configuration (its graceful leave); leader only.
    RemovePeer { id: NodeId },
    /// Stand for election now (the leader hands over leadership to the receiver).
    StartElection,
}

/// The answer to an [`RpcRequest`].
#[derive(Debug, Serialize, Deserialize)]
pub enum RpcReply {
    Http(HttpReply),
    RaftState { has_state: bool },
    Done,
    Error(String),
}

/// An HTTP request in transit. `hops` counts servers it has already passed through, so a
/// request never circles while leadership moves.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HttpRequest {
    pub hops: u8,
    pub method: String,
    pub uri: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

/// The response to a forwarded HTTP request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}
