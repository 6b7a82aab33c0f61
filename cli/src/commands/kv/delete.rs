//! `ctl kv delete [--recurse] [--cas --modify-index N] KEY`.

use clap::Args;

use super::normalize_key;
use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Delete every key under KEY as a prefix.
    #[arg(long)]
    pub recurse: bool,
    /// Delete only if the key's ModifyIndex equals --modify-index.
    #[arg(long)]
    pub cas: bool,
    /// The ModifyIndex for --cas.
    #[arg(long, value_name = "N")]
    pub modify_index: Option<u64>,
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

pub async fn run(a: DeleteArgs) -> Result<(), CliError> {
    if !a.extra.is_empty() {
        return Err(CliError::Failed(format!(
            "Error! Too many arguments (expected 1, got {})",
            1 + a.extra.len()
        )));
    }
    // Checked in Consul's order.
    let key = normalize_key(a.key.as_deref().unwrap_or(""));
    if key.is_empty() && !a.recurse {
        return Err(CliError::Failed("Error! Missing KEY argument".into()));
    }
    let modify_index = a.modify_index.unwrap_or(0);
    if a.cas && modify_index == 0 {
        return Err(CliError::Failed(
            "Must specify --modify-index with --cas!".into(),
        ));
    }
    if modify_index != 0 && !a.cas {
        return Err(CliError::Failed(
            "Cannot specify --modify-index without --cas!".into(),
        ));
    }
    if a.cas && a.recurse {
        return Err(CliError::Failed(
            "Cannot specify both --cas and --recurse!".into(),
        ));
    }
    let cas = a.cas.then_some(modify_index);
    let client = a.conn.client()?;
    let deleted = client
        .kv_delete(&key, a.recurse, cas)
        .await
        .map_err(|e| CliError::client(&format!("Error! Did not delete key {key}: "), e))?;
    if !deleted {
        return Err(CliError::Failed(format!(
            "Error! Did not delete key {key}: CAS failed"
        )));
    }
    if a.recurse {
        output::line(&format!("Success! Deleted keys with prefix: {key}"))
    } else {
        output::line(&format!("Success! Deleted key: {key}"))
    }
}
