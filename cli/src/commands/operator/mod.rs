//! `ctl operator …`: cluster-level operations.

pub mod raft;
pub mod rollout;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Inspect and change the Raft configuration.
    #[command(subcommand)]
    Raft(raft::RaftCommand),
    /// Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified
    /// stages.
    #[command(subcommand)]
    Rollout(rollout::RolloutCommand),
}

pub async fn run(cmd: OperatorCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        OperatorCommand::Raft(c) => raft::run(c, format).await,
        OperatorCommand::Rollout(c) => rollout::run(c).await,
    }
}
