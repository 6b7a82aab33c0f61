//! `ctl operator …`: cluster-level operations.

pub mod raft;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Inspect and change the Raft configuration.
    #[command(subcommand)]
    Raft(raft::RaftCommand),
}

pub async fn run(cmd: OperatorCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        OperatorCommand::Raft(c) => raft::run(c, format).await,
    }
}
