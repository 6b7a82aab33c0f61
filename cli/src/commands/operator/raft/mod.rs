//! `ctl operator raft list-peers | remove-peer | transfer-leader`.

pub mod list_peers;
pub mod remove_peer;
pub mod transfer_leader;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum RaftCommand {
    /// List the servers of the Raft configuration.
    ListPeers(list_peers::ListPeersArgs),
    /// Remove a server from the Raft configuration.
    RemovePeer(remove_peer::RemovePeerArgs),
    /// Hand leadership to another server.
    TransferLeader(transfer_leader::TransferLeaderArgs),
}

pub async fn run(cmd: RaftCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        RaftCommand::ListPeers(a) => list_peers::run(a, format).await,
        RaftCommand::RemovePeer(a) => remove_peer::run(a).await,
        RaftCommand::TransferLeader(a) => transfer_leader::run(a).await,
    }
}
