//! `ctl kv get [--recurse | --keys [--separator S]] [--detailed] [--base64] KEY`.

use clap::Args;
use ctl_server::api::b64;
use ctl_server::api::kv::KvPair;

use super::normalize_key;
use crate::CliError;
use crate::flags::ConnectionFlags;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Every key under KEY as a prefix, one `key:value` per line.
    #[arg(long, conflicts_with = "keys")]
    pub recurse: bool,
    /// Only the key names under the prefix, rolled up at --separator.
    #[arg(long)]
    pub keys: bool,
    /// Where --keys rolls names up into folders.
    #[arg(long, default_value = "/", value_name = "S")]
    pub separator: String,
    /// Every field of the entry, not just its value.
    #[arg(long)]
    pub detailed: bool,
    /// Print values base64-encoded.
    #[arg(long)]
    pub base64: bool,
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

fn value_text(p: &KvPair, base64: bool) -> Vec<u8> {
    if base64 {
        b64::encode(&p.value).into_bytes()
    } else {
        p.value.clone()
    }
}

fn detailed(p: &KvPair, base64: bool) -> Result<(), CliError> {
    let value = String::from_utf8_lossy(&value_text(p, base64)).into_owned();
    output::aligned(&[
        ("CreateIndex", p.create_index.to_string()),
        ("Flags", p.flags.to_string()),
        ("Key", p.key.clone()),
        ("LockIndex", p.lock_index.to_string()),
        ("ModifyIndex", p.modify_index.to_string()),
        ("Session", p.session.clone().unwrap_or_else(|| "-".into())),
        ("Value", value),
    ])
}

pub async fn run(a: GetArgs, format: Format) -> Result<(), CliError> {
    if !a.extra.is_empty() {
        return Err(CliError::Failed(format!(
            "Error! Too many arguments (expected 1, got {})",
            1 + a.extra.len()
        )));
    }
    let key = normalize_key(a.key.as_deref().unwrap_or(""));
    let client = a.conn.client()?;
    if a.keys {
        let keys = client
            .kv_keys(&key, Some(&a.separator))
            .await
            .map_err(|e| CliError::client("Error querying Consul agent: ", e))?;
        if format == Format::Json {
            return output::json(&keys);
        }
        for k in keys {
            output::line(&k)?;
        }
        return Ok(());
    }
    if a.recurse {
        let pairs = client
            .kv_list(&key)
            .await
            .map_err(|e| CliError::client("Error querying Consul agent: ", e))?;
        if format == Format::Json {
            return output::json(&pairs);
        }
        for (i, p) in pairs.iter().enumerate() {
            if a.detailed {
                if i > 0 {
                    output::line("")?;
                }
                detailed(p, a.base64)?;
            } else {
                let mut line = format!("{}:", p.key).into_bytes();
                line.extend(value_text(p, a.base64));
                output::bytes_line(&line)?;
            }
        }
        return Ok(());
    }
    if key.is_empty() {
        return Err(CliError::Failed("Error! Missing KEY argument".into()));
    }
    let pair = client
        .kv_get(&key)
        .await
        .map_err(|e| CliError::client("Error querying Consul agent: ", e))?;
    let Some(p) = pair else {
        return Err(CliError::Failed(format!("Error! No key exists at: {key}")));
    };
    if format == Format::Json {
        return output::json(&[p]);
    }
    if a.detailed {
        return detailed(&p, a.base64);
    }
    output::bytes_line(&value_text(&p, a.base64))
}
