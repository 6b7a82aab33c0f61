//! `ctl force-leave [--prune] NODE`: moves a failed member to `left` (or forgets it).

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;

#[derive(Debug, Args)]
pub struct ForceLeaveArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Remove the member from the list entirely.
    #[arg(long)]
    pub prune: bool,
    #[arg(value_name = "NODE")]
    pub nodes: Vec<String>,
}

pub async fn run(a: ForceLeaveArgs) -> Result<(), CliError> {
    let [node] = a.nodes.as_slice() else {
        return Err(CliError::Failed(
            "A single node name must be specified to force leave.".into(),
        ));
    };
    a.conn
        .client()?
        .agent_force_leave(node, a.prune)
        .await
        .map_err(|e| CliError::client("Error force leaving: ", e))
}
