//! What the configuration says about TLS, per listener: the internal RPC port (8300) and the
//! HTTPS API. Built from the `tls { defaults, internal_rpc, https }` block and the older top-level
//! keys with Consul's precedence: a listener's own block, then `defaults`, then the deprecated
//! top-level keys.

use std::path::PathBuf;

use serde::Deserialize;

/// The lowest TLS version a listener accepts. rustls speaks only 1.2 and 1.3, so Consul's
/// `TLSv1_0`/`TLSv1_1` are refused with a clear message rather than silently raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MinVersion {
    #[default]
    Tls12,
    Tls13,
}

impl MinVersion {
    /// Consul's spellings: `TLSv1_2`, `TLSv1_3`, and the older `tls12`, `tls13`.
    pub fn parse(s: &str) -> Result<MinVersion, String> {
        match s.to_ascii_lowercase().replace(['_', '.', 'v'], "").as_str() {
            "tls12" => Ok(MinVersion::Tls12),
            "tls13" => Ok(MinVersion::Tls13),
            "tls10" | "tls11" => Err(format!(
                "TLS version {s:?} is not supported (too old); use TLSv1_2 or TLSv1_3"
            )),
            _ => Err(format!("invalid TLS version {s:?}: use TLSv1_2 or TLSv1_3")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MinVersion::Tls12 => "TLSv1_2",
            MinVersion::Tls13 => "TLSv1_3",
        }
    }
}

/// One listener's TLS settings, after precedence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub ca_file: Option<PathBuf>,
    pub ca_path: Option<PathBuf>,
    pub cert_file: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
    /// Require clients to present a certificate from the CA (and refuse plaintext on RPC).
    pub verify_incoming: bool,
    /// Dial servers over TLS, checking their certificate against the CA.
    pub verify_outgoing: bool,
    /// Also require the server's certificate to name `server.<dc>.<domain>` (RPC only).
    pub verify_server_hostname: bool,
    pub min_version: MinVersion,
    /// TLS 1.2 cipher suites by IANA name; empty means rustls' defaults.
    pub cipher_suites: Vec<String>,
}

impl Settings {
    /// Whether a CA is configured.
    pub fn has_ca(&self) -> bool {
        self.ca_file.is_some() || self.ca_path.is_some()
    }

    /// Whether this listener has a certificate to serve.
    pub fn has_cert(&self) -> bool {
        self.cert_file.is_some() && self.key_file.is_some()
    }
}

/// TLS for the agent's listeners and its outgoing RPC.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TlsConfig {
    pub internal_rpc: Settings,
    pub https: Settings,
}

impl TlsConfig {
    /// Whether any TLS is configured at all.
    pub fn enabled(&self) -> bool {
        self.internal_rpc.has_cert() || self.internal_rpc.verify_outgoing || self.https.has_cert()
    }
}

/// One block of the `tls` stanza (`defaults`, `internal_rpc`, `https`, `grpc`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListenerFile {
    pub ca_file: Option<String>,
    pub ca_path: Option<String>,
    pub cert_file: Option<String>,
    pub key_file: Option<String>,
    pub tls_min_version: Option<String>,
    pub tls_cipher_suites: Option<String>,
    pub verify_incoming: Option<bool>,
    pub verify_outgoing: Option<bool>,
    pub verify_server_hostname: Option<bool>,
    /// gRPC only in Consul; accepted and ignored (this agent serves no gRPC).
    pub use_auto_cert: Option<bool>,
}

/// `tls { … }`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsFile {
    pub defaults: Option<ListenerFile>,
    pub internal_rpc: Option<ListenerFile>,
    pub https: Option<ListenerFile>,
    /// Accepted for compatibility; this agent serves no gRPC.
    pub grpc: Option<ListenerFile>,
}

/// The deprecated top-level keys, as blocks: what they meant for `defaults`, `internal_rpc` and
/// `https`.
pub struct Legacy {
    pub defaults: ListenerFile,
    pub internal_rpc: ListenerFile,
    pub https: ListenerFile,
}

/// Picks the first value set, most specific first.
fn first<T: Clone>(blocks: &[&ListenerFile], f: impl Fn(&ListenerFile) -> Option<T>) -> Option<T> {
    blocks.iter().find_map(|b| f(b))
}

/// One listener's settings from its block, `defaults` and the legacy keys.
pub fn resolve(
    own: Option<&ListenerFile>,
    defaults: Option<&ListenerFile>,
    legacy_own: &ListenerFile,
    legacy_defaults: &ListenerFile,
) -> Result<Settings, String> {
    let empty = ListenerFile::default();
    let blocks = [
        own.unwrap_or(&empty),
        defaults.unwrap_or(&empty),
        legacy_own,
        legacy_defaults,
    ];
    let path = |f: fn(&ListenerFile) -> Option<String>| {
        first(&blocks, f)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
    };
    let min_version = match first(&blocks, |b| b.tls_min_version.clone()) {
        Some(v) => MinVersion::parse(&v)?,
        None => MinVersion::default(),
    };
    let cipher_suites = first(&blocks, |b| b.tls_cipher_suites.clone())
        .map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let verify_server_hostname = first(&blocks, |b| b.verify_server_hostname).unwrap_or(false);
    let s = Settings {
        ca_file: path(|b| b.ca_file.clone()),
        ca_path: path(|b| b.ca_path.clone()),
        cert_file: path(|b| b.cert_file.clone()),
        key_file: path(|b| b.key_file.clone()),
        verify_incoming: first(&blocks, |b| b.verify_incoming).unwrap_or(false),
        // Checking the server's name only makes sense when its certificate is checked at all.
        verify_outgoing: first(&blocks, |b| b.verify_outgoing).unwrap_or(false)
            || verify_server_hostname,
        verify_server_hostname,
        min_version,
        cipher_suites,
    };
    if s.cert_file.is_some() != s.key_file.is_some() {
        return Err("cert_file and key_file must be given together".into());
    }
    if (s.verify_incoming || s.verify_outgoing) && !s.has_ca() {
        return Err("verify_incoming and verify_outgoing need a CA: set ca_file or ca_path".into());
    }
    if s.verify_incoming && !s.has_cert() {
        return Err("verify_incoming needs cert_file and key_file to serve TLS".into());
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(verify_incoming: Option<bool>, ca: Option<&str>) -> ListenerFile {
        ListenerFile {
            verify_incoming,
            ca_file: ca.map(str::to_string),
            cert_file: Some("c.pem".into()),
            key_file: Some("k.pem".into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_most_specific_block_wins() {
        let own = block(Some(false), None);
        let defaults = block(Some(true), Some("ca.pem"));
        let legacy = ListenerFile::default();
        let s = resolve(Some(&own), Some(&defaults), &legacy, &legacy).unwrap();
        assert!(!s.verify_incoming);
        assert_eq!(s.ca_file, Some(PathBuf::from("ca.pem")));
        let s = resolve(None, Some(&defaults), &legacy, &legacy).unwrap();
        assert!(s.verify_incoming);
    }

    #[test]
    fn hostname_checks_imply_outgoing_and_need_a_ca() {
        let legacy = ListenerFile::default();
        let b = ListenerFile {
            verify_server_hostname: Some(true),
            ..Default::default()
        };
        let e = resolve(Some(&b), None, &legacy, &legacy).unwrap_err();
        assert!(e.contains("need a CA"), "{e}");
        let b = ListenerFile {
            verify_server_hostname: Some(true),
            ca_file: Some("ca.pem".into()),
            ..Default::default()
        };
        let s = resolve(Some(&b), None, &legacy, &legacy).unwrap();
        assert!(s.verify_outgoing);
    }

    #[test]
    fn versions_parse_in_every_spelling() {
        assert_eq!(MinVersion::parse("TLSv1_3").unwrap(), MinVersion::Tls13);
        assert_eq!(MinVersion::parse("tls12").unwrap(), MinVersion::Tls12);
        assert!(
            MinVersion::parse("TLSv1_0")
                .unwrap_err()
                .contains("too old")
        );
        assert!(MinVersion::parse("ssl3").is_err());
    }
}
