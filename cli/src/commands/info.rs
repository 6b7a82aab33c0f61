//! `ctl info`: the agent's statistics, in Consul's `section:` / `\tkey = value` layout.

use clap::Args;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct InfoArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
}

pub async fn run(args: InfoArgs, format: Format) -> Result<(), CliError> {
    let client = args.conn.client()?;
    let me = client
        .agent_self()
        .await
        .map_err(|e| CliError::client("Error querying agent: ", e))?;
    if format == Format::Json {
        return output::json(&me.stats);
    }
    let mut text = String::new();
    for (section, pairs) in &me.stats {
        text.push_str(section);
        text.push_str(":\n");
        for (k, v) in pairs {
            text.push_str(&format!("\t{k} = {v}\n"));
        }
    }
    output::line(text.trim_end_matches('\n'))
}
