//! `ctl kv export [PREFIX]`: a tab-indented JSON array of `{key, flags, value(base64)}`.

use clap::Args;
use ctl_server::api::b64;
use ctl_server::api::kv::ExportEntry;

use super::normalize_key;
use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    #[arg(value_name = "PREFIX")]
    pub prefix: Option<String>,
}

pub async fn run(a: ExportArgs) -> Result<(), CliError> {
    let prefix = normalize_key(a.prefix.as_deref().unwrap_or(""));
    let client = a.conn.client()?;
    let pairs = client
        .kv_list(&prefix)
        .await
        .map_err(|e| CliError::client("Error querying Consul agent: ", e))?;
    let entries: Vec<ExportEntry> = pairs
        .into_iter()
        .map(|p| ExportEntry {
            key: p.key,
            flags: p.flags,
            value: b64::encode(&p.value),
        })
        .collect();
    output::json_tabs(&entries)
}
