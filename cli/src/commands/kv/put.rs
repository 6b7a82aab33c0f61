//! `ctl kv put [--cas --modify-index N] [--acquire|--release --session ID] [--flags N] [--base64]
//! KEY [DATA|@FILE|-]`.

use clap::Args;
use ctl_server::api::b64;

use super::{normalize_key, read_data};
use crate::flags::ConnectionFlags;
use crate::{CliError, output};

#[derive(Debug, Args)]
pub struct PutArgs {
    #[command(flatten)]
    pub conn: ConnectionFlags,
    /// Write only if the key's ModifyIndex equals --modify-index (0: only if absent).
    #[arg(long)]
    pub cas: bool,
    /// The ModifyIndex for --cas.
    #[arg(long, value_name = "N")]
    pub modify_index: Option<u64>,
    /// Take the key's lock for --session (writing the value).
    #[arg(long, conflicts_with_all = ["release", "cas"])]
    pub acquire: bool,
    /// Give up the key's lock held by --session (writing the value).
    #[arg(long, conflicts_with = "cas")]
    pub release: bool,
    /// The session for --acquire / --release.
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
    /// Opaque flags stored with the value.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub flags: u64,
    /// DATA is base64; decode it before writing.
    #[arg(long)]
    pub base64: bool,
    /// The key.
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
    /// The value: literal, @FILE, or - for stdin (empty when omitted).
    #[arg(value_name = "DATA")]
    pub data: Option<String>,
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

pub async fn run(a: PutArgs) -> Result<(), CliError> {
    let Some(raw_key) = &a.key else {
        return Err(CliError::Failed("Error! Missing KEY argument".into()));
    };
    if !a.extra.is_empty() {
        return Err(CliError::Failed(format!(
            "Error! Too many arguments (expected 1 or 2, got {})",
            2 + a.extra.len()
        )));
    }
    let key = normalize_key(raw_key);
    if key.is_empty() {
        return Err(CliError::Failed("Error! Missing KEY argument".into()));
    }
    // As Consul: an index of 0 counts as not given.
    if a.cas && a.modify_index.unwrap_or(0) == 0 {
        return Err(CliError::Failed(
            "Must specify --modify-index with --cas!".into(),
        ));
    }
    let mut value = match &a.data {
        Some(d) => read_data(d)?,
        None => Vec::new(),
    };
    if a.base64 {
        let text = String::from_utf8_lossy(&value);
        value = b64::decode(text.trim())
            .map_err(|e| CliError::Failed(format!("Error! Cannot base 64 decode data: {e}")))?;
    }
    let client = a.conn.client()?;
    if a.acquire || a.release {
        let Some(session) = a.session.as_deref().filter(|s| !s.is_empty()) else {
            return Err(CliError::Failed(
                "Error! Missing --session (required with --acquire and --release)".into(),
            ));
        };
        let done = client
            .kv_lock(&key, value, a.flags, a.acquire, session)
            .await
            .map_err(|e| CliError::client("Error! Failed writing data: ", e))?;
        return match (a.acquire, done) {
            (true, true) => output::line(&format!("Success! Lock acquired on: {key}")),
            (false, true) => output::line(&format!("Success! Lock released on: {key}")),
            (true, false) => Err(CliError::Failed("Error! Did not acquire lock".into())),
            (false, false) => Err(CliError::Failed("Error! Did not release lock".into())),
        };
    }
    let cas = if a.cas { a.modify_index } else { None };
    let written = client
        .kv_put(&key, value, a.flags, cas)
        .await
        .map_err(|e| CliError::client("Error! Failed writing data: ", e))?;
    if !written {
        return Err(CliError::Failed(format!(
            "Error! Did not write to {key}: CAS failed"
        )));
    }
    output::line(&format!("Success! Data written to: {key}"))
}
