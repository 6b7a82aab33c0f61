//! `ctl kv import [DATA|@FILE|-]`: writes every entry of a `kv export` array.

use clap::Args;
use ctl_server::api::b64;
use ctl_server::api::kv::ExportEntry;

use super::read_data;
use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Put every key under this prefix.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// The JSON array: literal, @FILE, or - for stdin.
    #[arg(value_name = "DATA")]
    pub data: Option<String>,
}

pub async fn run(a: ImportArgs) -> Result<(), CliError> {
    let Some(data) = &a.data else {
        return Err(CliError::Failed("Missing DATA argument".into()));
    };
    let bytes = read_data(data)?;
    let entries: Vec<ExportEntry> = serde_json::from_slice(&bytes)
        .map_err(|e| CliError::Failed(format!("Cannot unmarshal data: {e}")))?;
    // Decode everything first so a bad entry stops the import before anything is written.
    let mut decoded = Vec::with_capacity(entries.len());
    for e in entries {
        let value = b64::decode(&e.value).map_err(|err| {
            CliError::Failed(format!(
                "Error base 64 decoding value for key {}: {err}",
                e.key
            ))
        })?;
        let key = format!("{}{}", a.prefix.as_deref().unwrap_or(""), e.key);
        decoded.push((key, value, e.flags));
    }
    let client = a.conn.client()?;
    for (key, value, flags) in decoded {
        client.kv_put(&key, value, flags, None).await.map_err(|e| {
            CliError::client(&format!("Error! Failed writing data for key {key}: "), e)
        })?;
        output::line(&format!("Imported: {key}"))?;
    }
    Ok(())
}
