//! `ctl tls ca create`: a new ECDSA P-256 CA, written as `<domain>-agent-ca.pem` (0644) and
//! `<domain>-agent-ca-key.pem` (0600) in the current directory; existing files are never replaced.

use std::path::PathBuf;

use clap::Args;
use ctl_server::tls::generate::{self, CaOptions};

use crate::CliError;
use crate::output;

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// How many days the CA is valid for.
    #[arg(long, default_value_t = 1825)]
    pub days: u32,
    /// The cluster's DNS domain: names the files and, with --name-constraint, bounds the names
    /// the CA may sign.
    #[arg(long, default_value = "consul")]
    pub domain: String,
    /// Restrict the CA to DNS names under --domain, `localhost` and any
    /// --additional-name-constraint.
    #[arg(long)]
    pub name_constraint: bool,
    /// Another DNS domain the constrained CA may sign for (repeatable).
    #[arg(long = "additional-name-constraint", value_name = "DOMAIN")]
    pub additional_name_constraint: Vec<String>,
    /// The CA's common name [default: ctl Agent CA <serial>].
    #[arg(long)]
    pub common_name: Option<String>,
}

pub fn run(a: CreateArgs) -> Result<(), CliError> {
    let failed = |e: generate::GenerateError| CliError::Failed(e.to_string());
    let pair = generate::create_ca(&CaOptions {
        days: a.days,
        domain: a.domain.clone(),
        name_constraint: a.name_constraint,
        additional_constraints: a.additional_name_constraint,
        common_name: a.common_name,
    })
    .map_err(failed)?;
    let cert = PathBuf::from(format!("{}-agent-ca.pem", a.domain));
    let key = PathBuf::from(format!("{}-agent-ca-key.pem", a.domain));
    generate::ensure_absent(&cert).map_err(failed)?;
    generate::ensure_absent(&key).map_err(failed)?;

    generate::write_new(&cert, pair.cert_pem.as_bytes(), 0o644).map_err(failed)?;
    output::line(&format!("==> Saved {}", cert.display()))?;
    if let Err(e) = generate::write_new(&key, pair.key_pem.as_bytes(), 0o600) {
        // A CA certificate without its key is useless and would block the next attempt.
        let _ = std::fs::remove_file(&cert);
        return Err(failed(e));
    }
    output::line(&format!("==> Saved {}", key.display()))
}
