//! `ctl tls ca create | cert create | cert inspect`: the built-in CA and the agent certificates
//! it signs, made offline in the current directory. The certificate logic is
//! `ctl_server::tls::generate`; these modules own the flags and what is printed.

pub mod ca;
pub mod cert;

use clap::Subcommand;

use crate::CliError;
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum TlsCommand {
    /// Create a certificate authority for the agents' TLS.
    #[command(subcommand)]
    Ca(ca::CaCommand),
    /// Create and inspect agent certificates.
    #[command(subcommand)]
    Cert(cert::CertCommand),
}

pub fn run(cmd: TlsCommand, format: Format) -> Result<(), CliError> {
    match cmd {
        TlsCommand::Ca(cmd) => ca::run(cmd),
        TlsCommand::Cert(cmd) => cert::run(cmd, format),
    }
}
