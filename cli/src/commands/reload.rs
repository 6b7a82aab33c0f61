//! `ctl reload`: asks the agent to read its configuration files again and apply what can change
//! live (TLS certificates and verify flags, gossip encryption enforcement, services and checks
//! from the files), printing what was applied and what still needs a restart.

use clap::Args;
use ctl_server::client::Method;
use serde_json::Value;

use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct ReloadArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
}

pub async fn run(a: ReloadArgs, format: Format) -> Result<(), CliError> {
    let client = a.conn.client()?;
    let report: Value = client
        .send_json(Method::PUT, "/v1/agent/reload", None)
        .await
        .map_err(|e| CliError::client("Error reloading: ", e))?;
    if format == Format::Json {
        return output::json(&report);
    }
    output::line("Configuration reload triggered")?;
    let list = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for applied in list("Applied") {
        output::line(&format!("    applied: {applied}"))?;
    }
    for setting in list("RestartRequired") {
        output::line(&format!("    needs a restart to change: {setting}"))?;
    }
    Ok(())
}
