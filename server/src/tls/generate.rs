//! The built-in certificate authority behind `ctl tls ca create` and `ctl tls cert create`, and
//! the reading behind `ctl tls cert inspect`: ECDSA P-256 keys, a CA (optionally name-constrained
//! to the cluster's domain), and server, client and CLI leaves named the way Consul names them.
//!
//! Every leaf is checked with rustls' own WebPKI verifiers, with the CA as the only root, before
//! it is handed back, so a certificate the agent's listeners would refuse is never written. This
//! module owns file naming and no-clobber writes too; what is printed about them is the console's.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose,
    GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose, NameConstraints,
    PKCS_ECDSA_P256_SHA256, SanType, SerialNumber,
};
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::WebPkiClientVerifier;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::X509Certificate;
use x509_parser::public_key::PublicKey;
use x509_parser::time::ASN1Time;

/// Seconds in a day, the unit of `--days`.
const DAY: i64 = 86_400;
/// 9999-12-31T23:59:59Z, the last instant an X.509 GeneralizedTime (and the `time` crate under
/// rcgen) can hold; a validity reaching past it is refused rather than left to overflow.
const LAST_INSTANT: i64 = 253_402_300_799;
/// How many `<prefix>-<n>.pem` names `cert create` tries before giving up (as Consul does).
const MAX_LEAF_INDEX: u32 = 10_000;
/// Organisation and unit in the subject of every CA this module makes.
const CA_ORGANIZATION: &str = "ctl";
const CA_ORGANIZATIONAL_UNIT: &str = "ctl agent TLS";

/// Why a CA or certificate could not be made, loaded, checked or saved.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("--days must be at least 1")]
    ZeroDays,
    #[error("--days {0} reaches past the year 9999")]
    TooManyDays(u32),
    #[error("invalid {flag} {value:?}: {reason}")]
    InvalidName {
        flag: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("--node requires --server")]
    NodeWithoutServer,
    #[error("{0} already exists.")]
    Exists(String),
    #[error("no free file name: {0}-0.pem to {0}-{MAX_LEAF_INDEX}.pem are all taken")]
    NoFreeName(String),
    #[error("Error reading {what} {path}: {source}")]
    Read {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid CA certificate: {reason}")]
    InvalidCaCert { path: String, reason: String },
    #[error("{path} is not a usable CA private key: {reason}")]
    InvalidCaKey { path: String, reason: String },
    #[error("the key in {key} does not belong to the CA certificate {cert}")]
    KeyMismatch { cert: String, key: String },
    #[error("{path}: {reason}")]
    InvalidCert { path: String, reason: String },
    #[error("generating the certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("the new certificate for {name} does not verify against the CA: {reason}")]
    Verify { name: String, reason: String },
    #[error("Error writing {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// A certificate and its private key, both PEM.
#[derive(Clone)]
pub struct CertAndKey {
    pub cert_pem: String,
    pub key_pem: String,
}

impl std::fmt::Debug for CertAndKey {
    /// Leaves the private key out, so it cannot end up in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertAndKey")
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

/// What `ctl tls ca create` asks for.
#[derive(Debug, Clone)]
pub struct CaOptions {
    pub days: u32,
    pub domain: String,
    /// Restrict the CA to DNS names under `domain` and `localhost` (plus `additional_constraints`).
    pub name_constraint: bool,
    pub additional_constraints: Vec<String>,
    /// `None`: `ctl Agent CA <serial>`.
    pub common_name: Option<String>,
}

/// The three kinds of leaf `ctl tls cert create` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafKind {
    Server,
    Client,
    Cli,
}

impl LeafKind {
    /// The word in the common name and file name (`server.dc1.consul`, `dc1-server-consul-0.pem`).
    pub fn as_str(self) -> &'static str {
        match self {
            LeafKind::Server => "server",
            LeafKind::Client => "client",
            LeafKind::Cli => "cli",
        }
    }
}

/// What `ctl tls cert create` asks for.
#[derive(Debug, Clone)]
pub struct LeafOptions {
    pub kind: LeafKind,
    pub dc: String,
    pub domain: String,
    pub days: u32,
    /// Server only: adds `<node>.server.<dc>.<domain>`.
    pub node: Option<String>,
    /// Ignored for `Cli`, as Consul does.
    pub additional_dns: Vec<String>,
    /// Ignored for `Cli`, as Consul does.
    pub additional_ips: Vec<IpAddr>,
}

impl LeafOptions {
    /// `server.dc1.consul`: the subject's common name and the name the leaf is verified for.
    pub fn common_name(&self) -> String {
        format!("{}.{}.{}", self.kind.as_str(), self.dc, self.domain)
    }

    /// `dc1-server-consul`: the file-name stem before `-<n>.pem`.
    pub fn file_prefix(&self) -> String {
        format!("{}-{}-{}", self.dc, self.kind.as_str(), self.domain)
    }

    /// Checks the options the way a user gets them wrong, before any file is read.
    pub fn validate(&self) -> Result<(), GenerateError> {
        check_days(self.days)?;
        check_name("--dc", &self.dc, false)?;
        check_name("--domain", &self.domain, false)?;
        if let Some(node) = &self.node {
            if self.kind != LeafKind::Server {
                return Err(GenerateError::NodeWithoutServer);
            }
            check_name("--node", node, false)?;
        }
        // Checked for CLI certificates too, though they ignore them: a typo is still a typo.
        for name in &self.additional_dns {
            check_name("--additional-dnsname", name, true)?;
        }
        Ok(())
    }

    /// The DNS and IP subject alternative names, in Consul's order, without repeats.
    fn subject_alt_names(&self) -> (Vec<String>, Vec<IpAddr>) {
        let cn = self.common_name();
        let localhost = "localhost".to_string();
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let (dns, ips) = match self.kind {
            LeafKind::Cli => (vec![cn, localhost], Vec::new()),
            LeafKind::Client => {
                let mut dns = self.additional_dns.clone();
                dns.extend([cn, localhost]);
                let mut ips = self.additional_ips.clone();
                ips.push(loopback);
                (dns, ips)
            }
            LeafKind::Server => {
                let mut dns = self.additional_dns.clone();
                if let Some(node) = &self.node {
                    dns.push(format!("{node}.{cn}"));
                }
                dns.extend([cn, localhost]);
                let mut ips = self.additional_ips.clone();
                ips.push(loopback);
                (dns, ips)
            }
        };
        (dedup(dns), dedup(ips))
    }
}

/// Drops later repeats, keeping the first occurrence's place.
fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn check_days(days: u32) -> Result<(), GenerateError> {
    if days == 0 {
        return Err(GenerateError::ZeroDays);
    }
    Ok(())
}

/// Refuses names that would make a bad DNS name or a file name outside the current directory
/// (`--domain ../x`). `wildcard` admits `*` for `--additional-dnsname *.example.com`.
fn check_name(flag: &'static str, value: &str, wildcard: bool) -> Result<(), GenerateError> {
    let bad = |reason| GenerateError::InvalidName {
        flag,
        value: value.to_string(),
        reason,
    };
    if value.is_empty() {
        return Err(bad("it is empty"));
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' || (wildcard && c == '*')
    };
    if !value.chars().all(allowed) {
        return Err(bad(
            "only ASCII letters, digits, '-', '_' and '.' are allowed",
        ));
    }
    if value.starts_with('.') || value.ends_with('.') || value.contains("..") {
        return Err(bad("it has an empty label"));
    }
    Ok(())
}

/// The validity window `[now, now + days]`, as rcgen wants it.
fn validity(days: u32) -> Result<(i64, i64), GenerateError> {
    check_days(days)?;
    let now = unix_now();
    let not_after = now + i64::from(days) * DAY;
    if not_after > LAST_INSTANT {
        return Err(GenerateError::TooManyDays(days));
    }
    Ok((now, not_after))
}

/// Sets `params`' validity from Unix seconds (already checked by [`validity`] for `days`).
fn set_validity(
    params: &mut CertificateParams,
    (from, to): (i64, i64),
    days: u32,
) -> Result<(), GenerateError> {
    let instant = |secs: i64| {
        ASN1Time::from_timestamp(secs)
            .map(|t| t.to_datetime())
            .map_err(|_| GenerateError::TooManyDays(days))
    };
    params.not_before = instant(from)?;
    params.not_after = instant(to)?;
    Ok(())
}

/// A random positive 127-bit serial number, as a number (for the CA's default common name) and as
/// the bytes rcgen writes.
fn random_serial() -> (u128, SerialNumber) {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    // Clear the top bit so the DER INTEGER is positive without a padding byte, and make sure the
    // serial is not zero (RFC 5280 wants a positive integer).
    bytes[0] &= 0x7f;
    bytes[15] |= 0x01;
    (u128::from_be_bytes(bytes), SerialNumber::from_slice(&bytes))
}

/// A fresh ECDSA P-256 key, the only kind this module makes (Consul's default too).
fn new_key() -> Result<KeyPair, GenerateError> {
    Ok(KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?)
}

/// Makes a self-signed CA: basic constraints CA with no intermediates below it, key usages
/// CertSign|CRLSign|DigitalSignature, a subject key identifier, and with `name_constraint` a
/// critical permitted-DNS list of the additional constraints, the domain and `localhost`.
pub fn create_ca(opts: &CaOptions) -> Result<CertAndKey, GenerateError> {
    let window = validity(opts.days)?;
    check_name("--domain", &opts.domain, false)?;
    for name in &opts.additional_constraints {
        check_name("--additional-name-constraint", name, false)?;
    }
    let key = new_key()?;
    let (serial_number, serial) = random_serial();

    let mut params = CertificateParams::default();
    set_validity(&mut params, window, opts.days)?;
    params.serial_number = Some(serial);
    let mut dn = DistinguishedName::new();
    let cn = match &opts.common_name {
        Some(cn) => cn.clone(),
        None => format!("ctl Agent CA {serial_number}"),
    };
    dn.push(DnType::CommonName, cn);
    dn.push(DnType::OrganizationName, CA_ORGANIZATION);
    dn.push(DnType::OrganizationalUnitName, CA_ORGANIZATIONAL_UNIT);
    params.distinguished_name = dn;
    // Leaves only: nothing this CA signs may itself sign.
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params.use_authority_key_identifier_extension = true;
    if opts.name_constraint {
        let mut permitted: Vec<String> = opts.additional_constraints.clone();
        permitted.extend([opts.domain.clone(), "localhost".to_string()]);
        params.name_constraints = Some(NameConstraints {
            permitted_subtrees: dedup(permitted)
                .into_iter()
                .map(GeneralSubtree::DnsName)
                .collect(),
            excluded_subtrees: Vec::new(),
        });
    }
    let cert = params.self_signed(&key)?;

    // The same check the listeners will make when they load it as a root.
    let mut roots = RootCertStore::empty();
    roots
        .add(cert.der().clone())
        .map_err(|e| GenerateError::Verify {
            name: "the CA".to_string(),
            reason: e.to_string(),
        })?;
    Ok(CertAndKey {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}

/// A CA read back from its two files, ready to sign leaves.
pub struct CertificateAuthority {
    cert: CertificateDer<'static>,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for CertificateAuthority {
    /// Leaves the private key out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateAuthority")
            .field("cert_len", &self.cert.len())
            .finish_non_exhaustive()
    }
}

impl CertificateAuthority {
    /// Reads the CA certificate and key files; every failure names the file it is about.
    pub fn load(cert_path: &Path, key_path: &Path) -> Result<Self, GenerateError> {
        let cert_pem = std::fs::read(cert_path).map_err(|source| GenerateError::Read {
            what: "CA certificate",
            path: cert_path.display().to_string(),
            source,
        })?;
        let key_pem = std::fs::read(key_path).map_err(|source| GenerateError::Read {
            what: "CA key",
            path: key_path.display().to_string(),
            source,
        })?;
        Self::from_pem(
            &cert_pem,
            &key_pem,
            &cert_path.display().to_string(),
            &key_path.display().to_string(),
        )
    }

    /// Parses a PEM CA certificate and its PEM private key (PKCS#8, or SEC1 `EC PRIVATE KEY` as
    /// Consul and OpenSSL write them); `cert_name` and `key_name` are what errors call them.
    pub fn from_pem(
        cert_pem: &[u8],
        key_pem: &[u8],
        cert_name: &str,
        key_name: &str,
    ) -> Result<Self, GenerateError> {
        let bad_cert = |reason: String| GenerateError::InvalidCaCert {
            path: cert_name.to_string(),
            reason,
        };
        let cert = CertificateDer::from_pem_slice(cert_pem)
            .map_err(|e| bad_cert(format!("no PEM certificate found ({e})")))?;
        let (_, parsed) = x509_parser::parse_x509_certificate(&cert)
            .map_err(|e| bad_cert(format!("cannot parse it: {e}")))?;
        if !parsed.is_ca() {
            return Err(bad_cert(
                "it is not a CA (basic constraints do not say CA:TRUE)".to_string(),
            ));
        }
        let key = load_key(key_pem).map_err(|reason| GenerateError::InvalidCaKey {
            path: key_name.to_string(),
            reason,
        })?;
        if key.public_key_raw() != parsed.public_key().subject_public_key.data.as_ref() {
            return Err(GenerateError::KeyMismatch {
                cert: cert_name.to_string(),
                key: key_name.to_string(),
            });
        }
        let issuer = Issuer::from_ca_cert_der(&cert, key)
            .map_err(|e| bad_cert(format!("cannot use it to sign: {e}")))?;
        Ok(CertificateAuthority { cert, issuer })
    }

    /// Makes, signs and verifies a leaf: CN `<kind>.<dc>.<domain>`, Consul's SANs for the kind,
    /// key usages DigitalSignature|KeyEncipherment, the kind's extended key usages, a random
    /// serial and an authority key identifier pointing at this CA.
    pub fn create_leaf(&self, opts: &LeafOptions) -> Result<CertAndKey, GenerateError> {
        opts.validate()?;
        let window = validity(opts.days)?;
        let cn = opts.common_name();
        let (dns, ips) = opts.subject_alt_names();

        let key = new_key()?;
        let mut params = CertificateParams::default();
        set_validity(&mut params, window, opts.days)?;
        params.serial_number = Some(random_serial().1);
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, cn.clone());
        params.distinguished_name = dn;
        let mut sans = Vec::with_capacity(dns.len() + ips.len());
        for name in dns {
            let ia5 = name
                .clone()
                .try_into()
                .map_err(|_| GenerateError::InvalidName {
                    flag: "--additional-dnsname",
                    value: name,
                    reason: "not an ASCII DNS name",
                })?;
            sans.push(SanType::DnsName(ia5));
        }
        sans.extend(ips.into_iter().map(SanType::IpAddress));
        params.subject_alt_names = sans;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = match opts.kind {
            LeafKind::Server => vec![
                ExtendedKeyUsagePurpose::ServerAuth,
                ExtendedKeyUsagePurpose::ClientAuth,
            ],
            LeafKind::Client => vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::ServerAuth,
            ],
            // Consul's CLI certificates carry no extended key usage at all.
            LeafKind::Cli => Vec::new(),
        };
        params.use_authority_key_identifier_extension = true;
        let cert = params.signed_by(&key, &self.issuer)?;

        verify_leaf(&self.cert, cert.der(), &cn)?;
        Ok(CertAndKey {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }
}

/// Reads a PEM private key. ring (rcgen's backend here) takes PKCS#8 only, so a SEC1
/// `EC PRIVATE KEY` — what Consul's `tls ca create` writes — is rewrapped as PKCS#8 first.
fn load_key(pem: &[u8]) -> Result<KeyPair, String> {
    let der =
        PrivateKeyDer::from_pem_slice(pem).map_err(|e| format!("no PEM private key ({e})"))?;
    match &der {
        PrivateKeyDer::Pkcs8(_) => {
            KeyPair::try_from(&der).map_err(|e| format!("unsupported key: {e}"))
        }
        PrivateKeyDer::Sec1(sec1) => {
            // The curve is named inside the SEC1 structure too; ring checks the two agree, so
            // trying each supported curve finds the right one.
            for curve in [OID_P256, OID_P384] {
                let pkcs8 = sec1_to_pkcs8(sec1.secret_sec1_der(), curve);
                if let Ok(key) = KeyPair::try_from(pkcs8.as_slice()) {
                    return Ok(key);
                }
            }
            Err("unsupported EC key (only P-256 and P-384 are supported)".to_string())
        }
        PrivateKeyDer::Pkcs1(_) => Err(
            "PKCS#1 RSA keys are not supported; convert it with `openssl pkcs8 -topk8 -nocrypt`"
                .to_string(),
        ),
        _ => Err("unsupported private key format".to_string()),
    }
}

/// DER of the object identifier 1.2.840.10045.2.1 (id-ecPublicKey).
const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// DER of 1.2.840.10045.3.1.7 (prime256v1, P-256).
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// DER of 1.3.132.0.34 (secp384r1, P-384).
const OID_P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];

/// One DER tag-length-value.
fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// `PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, curve }, OCTET STRING sec1 }`
/// (RFC 5208 around RFC 5915).
fn sec1_to_pkcs8(sec1: &[u8], curve: &[u8]) -> Vec<u8> {
    let mut algorithm = der_tlv(0x06, OID_EC_PUBLIC_KEY);
    algorithm.extend(der_tlv(0x06, curve));
    let mut body = vec![0x02, 0x01, 0x00];
    body.extend(der_tlv(0x30, &algorithm));
    body.extend(der_tlv(0x04, sec1));
    der_tlv(0x30, &body)
}

/// Verifies `leaf` with rustls' WebPKI verifiers and `ca` as the only root: as a server
/// certificate for `name` and as a client certificate. This applies the CA's name constraints
/// to every subject alternative name and checks the extended key usages, so a leaf the agent's
/// listeners or clients would refuse is caught before it is written.
pub fn verify_leaf(
    ca: &CertificateDer<'_>,
    leaf: &CertificateDer<'_>,
    name: &str,
) -> Result<(), GenerateError> {
    let failed = |reason: String| GenerateError::Verify {
        name: name.to_string(),
        reason,
    };
    let mut roots = RootCertStore::empty();
    roots
        .add(ca.clone().into_owned())
        .map_err(|e| failed(format!("the CA is not a usable root: {e}")))?;
    let roots = Arc::new(roots);
    // An explicit provider: this must work in tests and embedders that installed none.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let now = UnixTime::now();

    let server_name =
        ServerName::try_from(name.to_string()).map_err(|e| failed(format!("bad name: {e}")))?;
    let server = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
        .build()
        .map_err(|e| failed(e.to_string()))?;
    server
        .verify_server_cert(leaf, &[], &server_name, &[], now)
        .map_err(|e| failed(format!("as a server certificate: {}", explain(&e))))?;

    let client = WebPkiClientVerifier::builder_with_provider(roots, provider)
        .build()
        .map_err(|e| failed(e.to_string()))?;
    client
        .verify_client_cert(leaf, &[], now)
        .map_err(|e| failed(format!("as a client certificate: {}", explain(&e))))?;
    Ok(())
}

/// rustls' message, or plain words for the failure users cause most: a name outside a
/// constrained CA (which rustls reports only as webpki's `NameConstraintViolation`).
fn explain(e: &rustls::Error) -> String {
    let text = e.to_string();
    if text.contains("NameConstraintViolation") {
        "one of its names is outside the CA's name constraints (the domain and names the CA \
         was created for with --name-constraint)"
            .to_string()
    } else {
        text
    }
}

/// Fails with `<file> already exists.` if `path` is taken (Consul's wording).
pub fn ensure_absent(path: &Path) -> Result<(), GenerateError> {
    if path.symlink_metadata().is_ok() {
        return Err(GenerateError::Exists(path.display().to_string()));
    }
    Ok(())
}

/// The first `<prefix>-<n>.pem` / `<prefix>-<n>-key.pem` pair in `dir` with neither file present,
/// n from 0 to 10000; the names are returned relative to `dir`.
pub fn free_leaf_names(dir: &Path, prefix: &str) -> Result<(PathBuf, PathBuf), GenerateError> {
    for n in 0..=MAX_LEAF_INDEX {
        let cert = PathBuf::from(format!("{prefix}-{n}.pem"));
        let key = PathBuf::from(format!("{prefix}-{n}-key.pem"));
        if dir.join(&cert).symlink_metadata().is_err() && dir.join(&key).symlink_metadata().is_err()
        {
            return Ok((cert, key));
        }
    }
    Err(GenerateError::NoFreeName(prefix.to_string()))
}

/// Creates `path` with `contents` and permission bits `mode` (before the umask), refusing to
/// replace anything already there, even if it appeared since [`ensure_absent`] looked.
pub fn write_new(path: &Path, contents: &[u8], mode: u32) -> Result<(), GenerateError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => GenerateError::Exists(path.display().to_string()),
        _ => GenerateError::Write {
            path: path.display().to_string(),
            source,
        },
    })?;
    file.write_all(contents)
        .and_then(|_| file.sync_all())
        .map_err(|source| GenerateError::Write {
            path: path.display().to_string(),
            source,
        })
}

/// What `ctl tls cert inspect` shows about one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub common_name: Option<String>,
    pub issuer: String,
    /// Colon-separated hex, as OpenSSL prints it.
    pub serial: String,
    /// Unix seconds.
    pub not_before: i64,
    /// Unix seconds.
    pub not_after: i64,
    pub is_ca: bool,
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<IpAddr>,
    pub uris: Vec<String>,
    /// `DigitalSignature`, `KeyEncipherment`, `CertSign`, … in bit order.
    pub key_usage: Vec<&'static str>,
    /// `ServerAuth`, `ClientAuth`, …; unknown purposes as dotted OIDs.
    pub ext_key_usage: Vec<String>,
    /// `ECDSA P-256`, `RSA 2048`, `Ed25519`, …
    pub key_type: String,
    /// The DNS names a CA is restricted to (empty: unrestricted).
    pub permitted_dns_domains: Vec<String>,
    pub subject_key_id: Option<String>,
    pub authority_key_id: Option<String>,
}

impl CertInfo {
    /// Whole days from `now` until expiry, rounded down: negative once expired.
    pub fn days_left(&self, now: i64) -> i64 {
        (self.not_after - now).div_euclid(DAY)
    }

    /// Whether `now` is past the end of the validity window.
    pub fn expired(&self, now: i64) -> bool {
        now > self.not_after
    }
}

/// Seconds since the Unix epoch, now (for [`CertInfo::days_left`]).
pub fn unix_now() -> i64 {
    ASN1Time::now().timestamp()
}

/// Reads every certificate in a PEM file (or a single DER certificate); `name` is what errors
/// call the file.
pub fn inspect(data: &[u8], name: &str) -> Result<Vec<CertInfo>, GenerateError> {
    let bad = |reason: String| GenerateError::InvalidCert {
        path: name.to_string(),
        reason,
    };
    let ders: Vec<CertificateDer<'static>> = if data.windows(11).any(|w| w == b"-----BEGIN ") {
        CertificateDer::pem_slice_iter(data)
            .collect::<Result<_, _>>()
            .map_err(|e| bad(format!("cannot read PEM: {e}")))?
    } else {
        vec![CertificateDer::from(data.to_vec())]
    };
    if ders.is_empty() {
        return Err(bad("no CERTIFICATE block in the file".to_string()));
    }
    ders.iter()
        .map(|der| {
            let (_, cert) = x509_parser::parse_x509_certificate(der)
                .map_err(|e| bad(format!("not a valid certificate: {e}")))?;
            describe(&cert).map_err(bad)
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn describe(cert: &X509Certificate<'_>) -> Result<CertInfo, String> {
    let common_name = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string);

    let mut dns_names = Vec::new();
    let mut ip_addresses = Vec::new();
    let mut uris = Vec::new();
    if let Some(san) = cert
        .subject_alternative_name()
        .map_err(|e| format!("bad subject alternative names: {e}"))?
    {
        for name in &san.value.general_names {
            match name {
                GeneralName::DNSName(d) => dns_names.push(d.to_string()),
                GeneralName::URI(u) => uris.push(u.to_string()),
                GeneralName::IPAddress(bytes) => {
                    if let Ok(v4) = <[u8; 4]>::try_from(*bytes) {
                        ip_addresses.push(IpAddr::from(v4));
                    } else if let Ok(v6) = <[u8; 16]>::try_from(*bytes) {
                        ip_addresses.push(IpAddr::from(v6));
                    }
                }
                _ => {}
            }
        }
    }

    let mut key_usage = Vec::new();
    if let Some(ku) = cert
        .key_usage()
        .map_err(|e| format!("bad key usage: {e}"))?
    {
        let ku = ku.value;
        for (set, label) in [
            (ku.digital_signature(), "DigitalSignature"),
            (ku.non_repudiation(), "ContentCommitment"),
            (ku.key_encipherment(), "KeyEncipherment"),
            (ku.data_encipherment(), "DataEncipherment"),
            (ku.key_agreement(), "KeyAgreement"),
            (ku.key_cert_sign(), "CertSign"),
            (ku.crl_sign(), "CRLSign"),
            (ku.encipher_only(), "EncipherOnly"),
            (ku.decipher_only(), "DecipherOnly"),
        ] {
            if set {
                key_usage.push(label);
            }
        }
    }

    let mut ext_key_usage = Vec::new();
    if let Some(eku) = cert
        .extended_key_usage()
        .map_err(|e| format!("bad extended key usage: {e}"))?
    {
        let eku = eku.value;
        for (set, label) in [
            (eku.any, "Any"),
            (eku.server_auth, "ServerAuth"),
            (eku.client_auth, "ClientAuth"),
            (eku.code_signing, "CodeSigning"),
            (eku.email_protection, "EmailProtection"),
            (eku.time_stamping, "TimeStamping"),
            (eku.ocsp_signing, "OCSPSigning"),
        ] {
            if set {
                ext_key_usage.push(label.to_string());
            }
        }
        ext_key_usage.extend(eku.other.iter().map(|oid| oid.to_id_string()));
    }

    let mut permitted_dns_domains = Vec::new();
    if let Some(nc) = cert
        .name_constraints()
        .map_err(|e| format!("bad name constraints: {e}"))?
    {
        for subtree in nc.value.permitted_subtrees.iter().flatten() {
            if let GeneralName::DNSName(d) = subtree.base {
                permitted_dns_domains.push(d.to_string());
            }
        }
    }

    let mut subject_key_id = None;
    let mut authority_key_id = None;
    for ext in cert.iter_extensions() {
        match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(id) => subject_key_id = Some(hex(id.0)),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                authority_key_id = aki.key_identifier.as_ref().map(|id| hex(id.0));
            }
            _ => {}
        }
    }

    let spki = cert.public_key();
    let key_type = match spki.parsed() {
        Ok(PublicKey::EC(point)) => match point.key_size() {
            256 => "ECDSA P-256".to_string(),
            384 => "ECDSA P-384".to_string(),
            521 | 528 => "ECDSA P-521".to_string(),
            bits => format!("ECDSA ({bits} bits)"),
        },
        Ok(PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        _ => match spki.algorithm.algorithm.to_id_string().as_str() {
            "1.3.101.112" => "Ed25519".to_string(),
            other => other.to_string(),
        },
    };

    Ok(CertInfo {
        subject: cert.subject().to_string(),
        common_name,
        issuer: cert.issuer().to_string(),
        serial: cert.raw_serial_as_string(),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        is_ca: cert.is_ca(),
        dns_names,
        ip_addresses,
        uris,
        key_usage,
        ext_key_usage,
        key_type,
        permitted_dns_domains,
        subject_key_id,
        authority_key_id,
    })
}

/// `2025-01-31T12:00:00Z` from Unix seconds (proleptic Gregorian, UTC).
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(DAY);
    let secs = unix.rem_euclid(DAY);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ca_opts(name_constraint: bool) -> CaOptions {
        CaOptions {
            days: 30,
            domain: "consul".into(),
            name_constraint,
            additional_constraints: Vec::new(),
            common_name: None,
        }
    }

    fn leaf_opts(kind: LeafKind) -> LeafOptions {
        LeafOptions {
            kind,
            dc: "dc1".into(),
            domain: "consul".into(),
            days: 10,
            node: None,
            additional_dns: Vec::new(),
            additional_ips: Vec::new(),
        }
    }

    fn load(pair: &CertAndKey) -> CertificateAuthority {
        CertificateAuthority::from_pem(
            pair.cert_pem.as_bytes(),
            pair.key_pem.as_bytes(),
            "ca.pem",
            "ca-key.pem",
        )
        .unwrap()
    }

    fn info(pem: &str) -> CertInfo {
        inspect(pem.as_bytes(), "x.pem").unwrap().remove(0)
    }

    /// A new CA is a CA with signing key usages, a subject key id and our default common name.
    #[test]
    fn ca_has_ca_extensions() {
        let ca = create_ca(&ca_opts(false)).unwrap();
        let i = info(&ca.cert_pem);
        assert!(i.is_ca);
        assert_eq!(i.key_usage, ["DigitalSignature", "CertSign", "CRLSign"]);
        assert!(i.subject_key_id.is_some());
        assert_eq!(i.key_type, "ECDSA P-256");
        assert!(
            i.common_name
                .as_deref()
                .unwrap()
                .starts_with("ctl Agent CA ")
        );
        assert!(i.permitted_dns_domains.is_empty());
        assert!(i.days_left(unix_now()) >= 29);
    }

    /// --name-constraint permits the additional names, the domain and localhost, in that order.
    #[test]
    fn ca_name_constraints() {
        let mut opts = ca_opts(true);
        opts.additional_constraints = vec!["example.org".into()];
        let i = info(&create_ca(&opts).unwrap().cert_pem);
        assert_eq!(
            i.permitted_dns_domains,
            ["example.org", "consul", "localhost"]
        );
    }

    /// A server leaf carries Consul's CN, SANs (node name included), EKUs and an AKID matching the
    /// CA's SKID.
    #[test]
    fn server_leaf_names_and_usages() {
        let ca_pair = create_ca(&ca_opts(true)).unwrap();
        let ca = load(&ca_pair);
        let mut opts = leaf_opts(LeafKind::Server);
        opts.node = Some("node1".into());
        opts.additional_dns = vec!["extra.consul".into()];
        opts.additional_ips = vec!["10.0.0.1".parse().unwrap()];
        let leaf = ca.create_leaf(&opts).unwrap();
        let i = info(&leaf.cert_pem);
        assert_eq!(i.common_name.as_deref(), Some("server.dc1.consul"));
        assert_eq!(
            i.dns_names,
            [
                "extra.consul",
                "node1.server.dc1.consul",
                "server.dc1.consul",
                "localhost"
            ]
        );
        assert_eq!(
            i.ip_addresses,
            [
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            ]
        );
        assert_eq!(i.ext_key_usage, ["ServerAuth", "ClientAuth"]);
        assert_eq!(i.key_usage, ["DigitalSignature", "KeyEncipherment"]);
        assert!(!i.is_ca);
        assert_eq!(i.authority_key_id, info(&ca_pair.cert_pem).subject_key_id);
    }

    /// A CLI leaf ignores the additional names and has no extended key usage.
    #[test]
    fn cli_leaf_ignores_additional_names() {
        let ca = load(&create_ca(&ca_opts(false)).unwrap());
        let mut opts = leaf_opts(LeafKind::Cli);
        opts.additional_dns = vec!["extra.consul".into()];
        opts.additional_ips = vec!["10.0.0.1".parse().unwrap()];
        let i = info(&ca.create_leaf(&opts).unwrap().cert_pem);
        assert_eq!(i.dns_names, ["cli.dc1.consul", "localhost"]);
        assert!(i.ip_addresses.is_empty());
        assert!(i.ext_key_usage.is_empty());
    }

    /// A CA constrained to `consul` cannot produce a verified leaf naming `evil.example.com`.
    #[test]
    fn constrained_ca_refuses_outside_names() {
        let ca = load(&create_ca(&ca_opts(true)).unwrap());
        let mut opts = leaf_opts(LeafKind::Server);
        opts.additional_dns = vec!["evil.example.com".into()];
        let err = ca.create_leaf(&opts).unwrap_err();
        assert!(matches!(err, GenerateError::Verify { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("outside the CA's name constraints"),
            "{err}"
        );

        let mut opts = leaf_opts(LeafKind::Client);
        opts.domain = "example.com".into();
        let err = ca.create_leaf(&opts).unwrap_err();
        assert!(matches!(err, GenerateError::Verify { .. }), "{err}");
    }

    /// The same outside name is fine from an unconstrained CA.
    #[test]
    fn unconstrained_ca_signs_outside_names() {
        let ca = load(&create_ca(&ca_opts(false)).unwrap());
        let mut opts = leaf_opts(LeafKind::Server);
        opts.additional_dns = vec!["evil.example.com".into()];
        ca.create_leaf(&opts).unwrap();
    }

    /// A leaf from one CA does not verify against another.
    #[test]
    fn leaf_from_other_ca_fails_verification() {
        let a = create_ca(&ca_opts(false)).unwrap();
        let b = create_ca(&ca_opts(false)).unwrap();
        let leaf = load(&a).create_leaf(&leaf_opts(LeafKind::Server)).unwrap();
        let b_der = CertificateDer::from_pem_slice(b.cert_pem.as_bytes()).unwrap();
        let leaf_der = CertificateDer::from_pem_slice(leaf.cert_pem.as_bytes()).unwrap();
        assert!(verify_leaf(&b_der, &leaf_der, "server.dc1.consul").is_err());
    }

    /// A CA key that is not the CA certificate's is refused by name, before anything is signed.
    #[test]
    fn mismatched_key_is_refused() {
        let a = create_ca(&ca_opts(false)).unwrap();
        let b = create_ca(&ca_opts(false)).unwrap();
        let err = CertificateAuthority::from_pem(
            a.cert_pem.as_bytes(),
            b.key_pem.as_bytes(),
            "a.pem",
            "b-key.pem",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the key in b-key.pem does not belong to the CA certificate a.pem"
        );
    }

    /// A leaf certificate is not accepted as the CA.
    #[test]
    fn leaf_is_not_a_ca() {
        let ca = load(&create_ca(&ca_opts(false)).unwrap());
        let leaf = ca.create_leaf(&leaf_opts(LeafKind::Client)).unwrap();
        let err = CertificateAuthority::from_pem(
            leaf.cert_pem.as_bytes(),
            leaf.key_pem.as_bytes(),
            "leaf.pem",
            "leaf-key.pem",
        )
        .unwrap_err();
        assert!(matches!(err, GenerateError::InvalidCaCert { .. }), "{err}");
    }

    /// A SEC1 key (OpenSSL's and Consul's `EC PRIVATE KEY`) loads once rewrapped as PKCS#8.
    #[test]
    fn sec1_key_is_rewrapped() {
        let key = new_key().unwrap();
        // ring's PKCS#8 wraps a SEC1 ECPrivateKey: the SEQUENCE that starts with version 1.
        let pkcs8 = key.serialize_der();
        let start = pkcs8
            .windows(5)
            .position(|w| w[0] == 0x30 && w[2] == 0x02 && w[3] == 0x01 && w[4] == 0x01)
            .unwrap();
        let len = usize::from(pkcs8[start + 1]);
        let sec1 = &pkcs8[start..start + 2 + len];
        let pem = format!(
            "-----BEGIN EC PRIVATE KEY-----\n{}\n-----END EC PRIVATE KEY-----\n",
            ctl_b64(sec1)
        );
        let loaded = load_key(pem.as_bytes()).unwrap();
        assert_eq!(loaded.public_key_raw(), key.public_key_raw());
    }

    fn ctl_b64(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Bad input is refused with the flag's name: zero days, a path in --domain, --node on a
    /// client certificate.
    #[test]
    fn bad_options_are_refused() {
        let mut opts = ca_opts(false);
        opts.days = 0;
        assert_eq!(
            create_ca(&opts).unwrap_err().to_string(),
            "--days must be at least 1"
        );
        let mut opts = ca_opts(false);
        opts.domain = "../etc".into();
        assert!(
            create_ca(&opts)
                .unwrap_err()
                .to_string()
                .contains("--domain")
        );
        let mut opts = ca_opts(false);
        opts.days = u32::MAX;
        assert!(matches!(
            create_ca(&opts).unwrap_err(),
            GenerateError::TooManyDays(_)
        ));
        let mut opts = leaf_opts(LeafKind::Client);
        opts.node = Some("n1".into());
        assert_eq!(
            opts.validate().unwrap_err().to_string(),
            "--node requires --server"
        );
    }

    /// Days left rounds down and goes negative after expiry.
    #[test]
    fn days_left_rounds_down() {
        let ca = load(&create_ca(&ca_opts(false)).unwrap());
        let i = info(&ca.create_leaf(&leaf_opts(LeafKind::Cli)).unwrap().cert_pem);
        assert_eq!(i.days_left(i.not_before), 10);
        assert_eq!(i.days_left(i.not_before + 1), 9);
        assert!(!i.expired(i.not_after));
        assert!(i.expired(i.not_after + 1));
        assert_eq!(i.days_left(i.not_after + 1), -1);
    }

    /// Unix seconds format as RFC 3339 UTC.
    #[test]
    fn rfc3339_formats() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(LAST_INSTANT), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    /// Files are never replaced, and leaf names take the first free index.
    #[test]
    fn file_names_and_no_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = free_leaf_names(dir.path(), "dc1-server-consul").unwrap();
        assert_eq!(c, PathBuf::from("dc1-server-consul-0.pem"));
        assert_eq!(k, PathBuf::from("dc1-server-consul-0-key.pem"));
        write_new(&dir.path().join(&k), b"x", 0o600).unwrap();
        let (c, _) = free_leaf_names(dir.path(), "dc1-server-consul").unwrap();
        assert_eq!(c, PathBuf::from("dc1-server-consul-1.pem"));
        let err = write_new(&dir.path().join(&k), b"y", 0o600).unwrap_err();
        assert!(matches!(err, GenerateError::Exists(_)));
        assert!(ensure_absent(&dir.path().join(&k)).is_err());
        assert_eq!(std::fs::read(dir.path().join(&k)).unwrap(), b"x");
    }
}
