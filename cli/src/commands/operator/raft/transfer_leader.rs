//! `ctl operator raft transfer-leader [--id ID]`: hand leadership to another server (the most
//! up-to-date one when no ID is given).

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output;

#[derive(Debug, Args)]
pub struct TransferLeaderArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// The server to hand leadership to (its node UUID).
    #[arg(long)]
    pub id: Option<String>,
}

pub async fn run(a: TransferLeaderArgs) -> Result<(), CliError> {
    a.conn
        .client()?
        .raft_transfer_leader(a.id.as_deref())
        .await
        .map_err(|e| CliError::client("Error transferring leadership: ", e))?;
    output::line("Success")
}
