//! `ctl tls cert create --server | --client | --cli`: a new ECDSA P-256 key and a certificate
//! signed by the CA, verified against it, then written as `<dc>-<kind>-<domain>-<n>.pem` and
//! `…-<n>-key.pem` (0600) in the current directory with the first free n.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use clap::Args;
use ctl_server::tls::generate::{self, CertificateAuthority, LeafKind, LeafOptions};

use crate::CliError;
use crate::output;

/// Printed (to stderr) before a server certificate is made: what it is worth to an attacker.
const SERVER_WARNING: &str = concat!(
    "==> WARNING: A server certificate lets whoever holds it join the cluster\n",
    "    as a server and read all of its state, including root keys and\n",
    "    every ACL token. Put it only on hosts that run servers, and keep\n",
    "    it as safe as the CA key itself.",
);

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Make a server certificate (serverAuth and clientAuth).
    #[arg(long)]
    pub server: bool,
    /// Make a client agent certificate (clientAuth and serverAuth).
    #[arg(long)]
    pub client: bool,
    /// Make a certificate for the CLI (no extended key usage).
    #[arg(long)]
    pub cli: bool,
    /// The datacenter, part of the certificate's names.
    #[arg(long, default_value = "dc1")]
    pub dc: String,
    /// The cluster's DNS domain, part of the certificate's names.
    #[arg(long, default_value = "consul")]
    pub domain: String,
    /// How many days the certificate is valid for.
    #[arg(long, default_value_t = 365)]
    pub days: u32,
    /// The CA certificate [default: <domain>-agent-ca.pem].
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// The CA's private key [default: <domain>-agent-ca-key.pem].
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Another DNS name for the certificate (repeatable; ignored with --cli).
    #[arg(long = "additional-dnsname", value_name = "NAME")]
    pub additional_dnsname: Vec<String>,
    /// Another IP address for the certificate (repeatable; ignored with --cli).
    #[arg(long = "additional-ipaddress", value_name = "IP")]
    pub additional_ipaddress: Vec<String>,
    /// The server's node name: adds `<node>.server.<dc>.<domain>` (--server only).
    #[arg(long)]
    pub node: Option<String>,
}

pub fn run(a: CreateArgs) -> Result<(), CliError> {
    let failed = |e: generate::GenerateError| CliError::Failed(e.to_string());
    let kind = match (a.server, a.client, a.cli) {
        (true, false, false) => LeafKind::Server,
        (false, true, false) => LeafKind::Client,
        (false, false, true) => LeafKind::Cli,
        _ => {
            return Err(CliError::Failed(
                "Please provide either --server, --client, or --cli".to_string(),
            ));
        }
    };
    let additional_ips = a
        .additional_ipaddress
        .iter()
        .map(|s| {
            s.parse::<IpAddr>().map_err(|_| {
                CliError::Failed(format!(
                    "invalid --additional-ipaddress {s:?}: not an IPv4 or IPv6 address"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let opts = LeafOptions {
        kind,
        dc: a.dc,
        domain: a.domain,
        days: a.days,
        node: a.node,
        additional_dns: a.additional_dnsname,
        additional_ips,
    };
    opts.validate().map_err(failed)?;

    let ca_file =
        a.ca.unwrap_or_else(|| PathBuf::from(format!("{}-agent-ca.pem", opts.domain)));
    let key_file = a
        .key
        .unwrap_or_else(|| PathBuf::from(format!("{}-agent-ca-key.pem", opts.domain)));
    let ca = CertificateAuthority::load(&ca_file, &key_file).map_err(failed)?;
    let (cert, key) =
        generate::free_leaf_names(Path::new("."), &opts.file_prefix()).map_err(failed)?;

    if kind == LeafKind::Server {
        eprintln!("{SERVER_WARNING}");
    }
    output::line(&format!(
        "==> Using {} and {}",
        ca_file.display(),
        key_file.display()
    ))?;
    let pair = ca.create_leaf(&opts).map_err(failed)?;

    generate::write_new(&cert, pair.cert_pem.as_bytes(), 0o644).map_err(failed)?;
    output::line(&format!("==> Saved {}", cert.display()))?;
    if let Err(e) = generate::write_new(&key, pair.key_pem.as_bytes(), 0o600) {
        // A certificate without its key is useless and would shift the next one's number.
        let _ = std::fs::remove_file(&cert);
        return Err(failed(e));
    }
    output::line(&format!("==> Saved {}", key.display()))
}
