//! `ctl bench …`: load generators for Consul-compatible agents.

pub mod kv;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Put or get keys with N concurrent clients; print throughput and latency percentiles.
    Kv(kv::KvBenchArgs),
}

pub async fn run(cmd: BenchCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        BenchCommand::Kv(a) => kv::run(a, format).await,
    }
}
