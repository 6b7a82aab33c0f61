//! `ctl snapshot restore FILE`: verifies the file locally, then replaces the cluster's state
//! with it (the servers verify it again before anything changes).

use std::path::PathBuf;

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output;

#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// The snapshot file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub async fn run(a: RestoreArgs) -> Result<(), CliError> {
    let data = std::fs::read(&a.file).map_err(|e| {
        CliError::Failed(format!(
            "Error opening snapshot file {}: {e}",
            a.file.display()
        ))
    })?;
    ctl_server::snapshot::decode(&data).map_err(|e| {
        CliError::Failed(format!(
            "Error verifying snapshot file {}: {e}",
            a.file.display()
        ))
    })?;
    a.conn
        .client()?
        .snapshot_restore(data)
        .await
        .map_err(|e| CliError::client("Error restoring snapshot: ", e))?;
    output::line("Restored snapshot")
}
