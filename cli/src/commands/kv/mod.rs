//! `ctl kv …`: the key/value commands, with Consul's messages and exit codes.

pub mod delete;
pub mod export;
pub mod get;
pub mod import;
pub mod put;

use std::io::Read;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum KvCommand {
    /// Write a value: DATA literally, @FILE, or - for stdin.
    Put(put::PutArgs),
    /// Read a key, or keys under a prefix.
    Get(get::GetArgs),
    /// Delete a key, or every key under a prefix.
    Delete(delete::DeleteArgs),
    /// Print keys under a prefix as JSON for `kv import`.
    Export(export::ExportArgs),
    /// Write the entries of a `kv export` JSON array.
    Import(import::ImportArgs),
}

pub async fn run(cmd: KvCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        KvCommand::Put(a) => put::run(a).await,
        KvCommand::Get(a) => get::run(a, format).await,
        KvCommand::Delete(a) => delete::run(a).await,
        KvCommand::Export(a) => export::run(a).await,
        KvCommand::Import(a) => import::run(a).await,
    }
}

/// Strips the leading `/` Consul's CLI strips.
pub fn normalize_key(key: &str) -> String {
    key.strip_prefix('/').unwrap_or(key).to_string()
}

/// Largest value read from a file or stdin; the agent refuses more anyway.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a DATA argument: `@FILE` reads the file, `-` reads stdin, anything else is literal.
pub fn read_data(arg: &str) -> Result<Vec<u8>, CliError> {
    if let Some(path) = arg.strip_prefix('@') {
        let f = std::fs::File::open(path)
            .map_err(|e| CliError::Failed(format!("Error! Failed to read file {path}: {e}")))?;
        let mut buf = Vec::new();
        f.take(MAX_INPUT_BYTES)
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Failed(format!("Error! Failed to read file {path}: {e}")))?;
        return Ok(buf);
    }
    if arg == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES)
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Failed(format!("Error! Failed to read stdin: {e}")))?;
        return Ok(buf);
    }
    Ok(arg.as_bytes().to_vec())
}
