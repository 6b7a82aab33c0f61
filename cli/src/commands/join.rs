//! `ctl join ADDR…`: asks the agent to join the pool through each address.

use clap::Args;

use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct JoinArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Addresses (IP or IP:port) of pool members.
    #[arg(value_name = "ADDR")]
    pub addrs: Vec<String>,
}

pub async fn run(a: JoinArgs) -> Result<(), CliError> {
    if a.addrs.is_empty() {
        return Err(CliError::Failed(
            "At least one address to join must be specified.".into(),
        ));
    }
    let client = a.conn.client()?;
    let mut joined = 0;
    for addr in &a.addrs {
        match client.agent_join(addr).await {
            Ok(()) => joined += 1,
            Err(e @ ctl_server::client::ClientError::Connect { .. }) => return Err(e.into()),
            Err(e) => eprintln!("Error joining address '{addr}': {e}"),
        }
    }
    if joined == 0 {
        return Err(CliError::Failed("Failed to join any nodes.".into()));
    }
    output::line(&format!(
        "Successfully joined cluster by contacting {joined} nodes."
    ))
}
