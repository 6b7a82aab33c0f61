//! `ctl tls ca create`.

pub mod create;

use clap::Subcommand;

use crate::CliError;

#[derive(Debug, Subcommand)]
pub enum CaCommand {
    /// Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current
    /// directory.
    Create(create::CreateArgs),
}

pub fn run(cmd: CaCommand) -> Result<(), CliError> {
    match cmd {
        CaCommand::Create(a) => create::run(a),
    }
}
