//! `ctl tls cert create | inspect`.

pub mod create;
pub mod inspect;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Create a server, client or CLI certificate signed by the CA, in the current directory.
    Create(create::CreateArgs),
    /// Show what a certificate file holds: names, usages, issuer, validity.
    Inspect(inspect::InspectArgs),
}

pub fn run(cmd: CertCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        CertCommand::Create(a) => create::run(a),
        CertCommand::Inspect(a) => inspect::run(a, format),
    }
}
