//! `ctl leave`: the agent leaves the pool gracefully (others see `left`) and exits.

use clap::Args;

use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct LeaveArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

pub async fn run(a: LeaveArgs) -> Result<(), CliError> {
    if !a.extra.is_empty() {
        return Err(CliError::Failed(format!(
            "Error found unexpected args: {:?}",
            a.extra
        )));
    }
    a.conn
        .client()?
        .agent_leave()
        .await
        .map_err(|e| CliError::client("Error leaving: ", e))?;
    output::line("Graceful leave complete")
}
