//! `ctl tls cert inspect FILE` (not in Consul): what a certificate file holds — names, usages,
//! issuer, serial, validity and days left — for every certificate in it, so a bundle or a chain
//! shows each one. `--format json` prints an array with one object per certificate.

use std::path::PathBuf;

use clap::Args;
use ctl_server::tls::generate::{self, CertInfo};

use crate::CliError;
use crate::output::{self, Format};

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The certificate file (PEM, or a single DER certificate).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// A list as one cell: comma-separated, `-` when empty.
fn list<T: ToString>(items: &[T]) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `364`, `-3 (expired)` or `400 (not yet valid)`.
fn days_left(c: &CertInfo, now: i64) -> String {
    let days = c.days_left(now);
    if c.expired(now) {
        format!("{days} (expired)")
    } else if now < c.not_before {
        format!("{days} (not yet valid)")
    } else {
        days.to_string()
    }
}

fn json(c: &CertInfo, now: i64) -> serde_json::Value {
    serde_json::json!({
        "Subject": c.subject,
        "CommonName": c.common_name,
        "Issuer": c.issuer,
        "SerialNumber": c.serial,
        "NotBefore": generate::rfc3339(c.not_before),
        "NotAfter": generate::rfc3339(c.not_after),
        "DaysLeft": c.days_left(now),
        "Expired": c.expired(now),
        "IsCA": c.is_ca,
        "KeyType": c.key_type,
        "DNSNames": c.dns_names,
        "IPAddresses": c.ip_addresses.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "URIs": c.uris,
        "KeyUsage": c.key_usage,
        "ExtKeyUsage": c.ext_key_usage,
        "PermittedDNSDomains": c.permitted_dns_domains,
        "SubjectKeyID": c.subject_key_id,
        "AuthorityKeyID": c.authority_key_id,
    })
}

pub fn run(a: InspectArgs, format: Format) -> Result<(), CliError> {
    let name = a.file.display().to_string();
    let data = std::fs::read(&a.file)
        .map_err(|e| CliError::Failed(format!("Error reading {name}: {e}")))?;
    let certs = generate::inspect(&data, &name).map_err(|e| CliError::Failed(e.to_string()))?;
    let now = generate::unix_now();
    if format == Format::Json {
        let all: Vec<serde_json::Value> = certs.iter().map(|c| json(c, now)).collect();
        return output::json(&all);
    }
    for (i, c) in certs.iter().enumerate() {
        if i > 0 {
            output::line("")?;
        }
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
        output::aligned(&[
            ("Subject", c.subject.clone()),
            ("Issuer", c.issuer.clone()),
            ("Serial", c.serial.clone()),
            ("Not Before", generate::rfc3339(c.not_before)),
            ("Not After", generate::rfc3339(c.not_after)),
            ("Days Left", days_left(c, now)),
            ("CA", c.is_ca.to_string()),
            ("Key Type", c.key_type.clone()),
            ("DNS Names", list(&c.dns_names)),
            ("IP Addresses", list(&c.ip_addresses)),
            ("URIs", list(&c.uris)),
            ("Key Usage", list(&c.key_usage)),
            ("Ext Key Usage", list(&c.ext_key_usage)),
            ("Permitted DNS", list(&c.permitted_dns_domains)),
            ("Subject Key ID", opt(&c.subject_key_id)),
            ("Authority Key ID", opt(&c.authority_key_id)),
        ])?;
    }
    Ok(())
}
