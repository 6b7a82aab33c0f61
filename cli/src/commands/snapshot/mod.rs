//! `ctl snapshot save | restore | inspect`.

pub mod inspect;
pub mod restore;
pub mod save;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// Save the cluster's state to a file.
    Save(save::SaveArgs),
    /// Replace the cluster's state with a saved snapshot.
    Restore(restore::RestoreArgs),
    /// Describe a snapshot file without contacting an agent.
    Inspect(inspect::InspectArgs),
}

pub async fn run(cmd: SnapshotCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        SnapshotCommand::Save(a) => save::run(a).await,
        SnapshotCommand::Restore(a) => restore::run(a).await,
        SnapshotCommand::Inspect(a) => inspect::run(a, format),
    }
}
