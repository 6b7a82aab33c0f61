//! `ctl keygen`: a new gossip encryption key, base64 of 32 bytes from the OS CSPRNG.

use ctl_server::api::b64;

use crate::CliError;
use crate::output::{self, Format};

/// A new key (also what the rollout wizards and `ctl demo` use).
pub fn new_key() -> String {
    let mut key = [0u8; 32];
    rand::fill(&mut key);
    b64::encode(&key)
}

pub fn run(format: Format) -> Result<(), CliError> {
    let encoded = new_key();
    match format {
        Format::Table => output::line(&encoded),
        Format::Json => output::json(&serde_json::json!({ "Key": encoded })),
    }
}
