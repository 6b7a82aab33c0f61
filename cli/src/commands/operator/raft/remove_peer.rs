//! `ctl operator raft remove-peer --id ID | --address IP:port`.

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output;

#[derive(Debug, Args)]
pub struct RemovePeerArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// The server's ID (its node UUID).
    #[arg(long)]
    pub id: Option<String>,
    /// The server's RPC address, IP:port.
    #[arg(long)]
    pub address: Option<String>,
}

pub async fn run(a: RemovePeerArgs) -> Result<(), CliError> {
    let (by, value) = match (&a.id, &a.address) {
        (Some(_), Some(_)) => {
            return Err(CliError::Failed(
                "cannot give both an address and id".into(),
            ));
        }
        (Some(id), None) => ("id", id),
        (None, Some(addr)) => ("address", addr),
        (None, None) => {
            return Err(CliError::Failed(
                "an address or id is required for the peer to remove".into(),
            ));
        }
    };
    a.conn
        .client()?
        .raft_remove_peer(by, value)
        .await
        .map_err(|e| CliError::client("Error removing peer: ", e))?;
    output::line(&format!("Removed peer with {by} {value:?}"))
}
