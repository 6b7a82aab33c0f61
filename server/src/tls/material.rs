//! The certificates and keys the settings name, loaded, checked and turned into rustls
//! configurations. [`Tls`] holds the current set; a reload builds a new one from the files and
//! swaps it in, so new connections get new certificates and flags while existing ones carry on.
//!
//! Everything that can be wrong with the files — missing, unreadable, not PEM, a key that does
//! not match its certificate, a certificate outside its validity — is an error naming the file,
//! found at start-up (or reload) rather than at the first handshake.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::WebPkiClientVerifier;
use rustls::sign::{CertifiedKey, SingleCertAndKey};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, Error as RustlsError, RootCertStore,
    ServerConfig, SignatureScheme, SupportedProtocolVersion,
};

use super::settings::{MinVersion, Settings, TlsConfig};

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{file}: {reason}")]
    File { file: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
}

fn file_err(file: &Path, reason: impl ToString) -> TlsError {
    TlsError::File {
        file: file.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Every certificate in a PEM file (at least one).
pub fn load_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let bytes = std::fs::read(path).map_err(|e| file_err(path, e))?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| file_err(path, format!("not a PEM certificate file: {e}")))?;
    if certs.is_empty() {
        return Err(file_err(path, "no certificate in the file"));
    }
    Ok(certs)
}

/// The private key in a PEM file.
pub fn load_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let bytes = std::fs::read(path).map_err(|e| file_err(path, e))?;
    PrivateKeyDer::from_pem_slice(&bytes)
        .map_err(|e| file_err(path, format!("no private key in the file: {e}")))
}

/// Refuses a certificate outside its validity period, saying when it ends or starts.
fn check_validity(path: &Path, cert: &CertificateDer<'_>) -> Result<(), TlsError> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert.as_ref())
        .map_err(|e| file_err(path, format!("not a valid X.509 certificate: {e}")))?;
    let validity = parsed.validity();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    if validity.not_after.timestamp() < now {
        return Err(file_err(
            path,
            format!("the certificate expired on {}", validity.not_after),
        ));
    }
    if validity.not_before.timestamp() > now {
        return Err(file_err(
            path,
            format!(
                "the certificate is not valid before {}",
                validity.not_before
            ),
        ));
    }
    Ok(())
}

/// The CA roots: `ca_file`, plus every `.pem`/`.crt` file in `ca_path`.
fn load_roots(s: &Settings) -> Result<RootCertStore, TlsError> {
    let mut files = Vec::new();
    if let Some(f) = &s.ca_file {
        files.push(f.clone());
    }
    if let Some(dir) = &s.ca_path {
        let entries = std::fs::read_dir(dir).map_err(|e| file_err(dir, e))?;
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| matches!(p.extension().and_then(|x| x.to_str()), Some("pem" | "crt")))
            .collect();
        found.sort();
        files.extend(found);
    }
    let mut roots = RootCertStore::empty();
    for f in &files {
        // A bundle may hold a few expired roots; a file whose every certificate is unusable is
        // a mistake worth stopping for.
        let certs = load_certs(f)?;
        let mut first_err = None;
        let current: Vec<_> = certs
            .into_iter()
            .filter(|c| match check_validity(f, c) {
                Ok(()) => true,
                Err(e) => {
                    first_err.get_or_insert(e);
                    false
                }
            })
            .collect();
        if current.is_empty() {
            return Err(first_err.unwrap_or_else(|| file_err(f, "no certificate in the file")));
        }
        let (added, _) = roots.add_parsable_certificates(current);
        if added == 0 {
            return Err(file_err(f, "no certificate in the file is usable as a CA"));
        }
    }
    if roots.is_empty() {
        return Err(TlsError::Invalid("no CA certificates found".into()));
    }
    Ok(roots)
}

/// The ring provider, limited to the configured TLS 1.2 cipher suites (TLS 1.3's are fixed).
fn provider(s: &Settings) -> Result<Arc<CryptoProvider>, TlsError> {
    let mut p = rustls::crypto::ring::default_provider();
    if !s.cipher_suites.is_empty() {
        for name in &s.cipher_suites {
            if !p
                .cipher_suites
                .iter()
                .any(|c| format!("{:?}", c.suite()) == *name)
            {
                return Err(TlsError::Invalid(format!(
                    "unsupported TLS cipher suite {name:?}"
                )));
            }
        }
        p.cipher_suites.retain(|c| {
            c.version() == &rustls::version::TLS13
                || s.cipher_suites.contains(&format!("{:?}", c.suite()))
        });
    }
    Ok(Arc::new(p))
}

static TLS12_UP: [&SupportedProtocolVersion; 2] =
    [&rustls::version::TLS13, &rustls::version::TLS12];
static TLS13_ONLY: [&SupportedProtocolVersion; 1] = [&rustls::version::TLS13];

fn versions(s: &Settings) -> &'static [&'static SupportedProtocolVersion] {
    match s.min_version {
        MinVersion::Tls12 => &TLS12_UP,
        MinVersion::Tls13 => &TLS13_ONLY,
    }
}

/// The listener's certificate chain and key, checked to belong together and to be valid now.
fn certified(s: &Settings, p: &CryptoProvider) -> Result<Option<Arc<CertifiedKey>>, TlsError> {
    let (Some(cert_file), Some(key_file)) = (&s.cert_file, &s.key_file) else {
        return Ok(None);
    };
    let certs = load_certs(cert_file)?;
    check_validity(cert_file, &certs[0])?;
    let key = load_key(key_file)?;
    let signing = p
        .key_provider
        .load_private_key(key)
        .map_err(|e| file_err(key_file, format!("unusable private key: {e}")))?;
    let ck = CertifiedKey::new(certs, signing);
    if let Err(e) = ck.keys_match() {
        return Err(file_err(
            key_file,
            format!(
                "the key does not match the certificate in {}: {e}",
                cert_file.display()
            ),
        ));
    }
    Ok(Some(Arc::new(ck)))
}

/// A server configuration for a listener that has a certificate. Client certificates are
/// required with `verify_incoming`, checked when offered otherwise (given a CA), and not asked
/// for without a CA.
fn server_config(s: &Settings, alpn: &[&[u8]]) -> Result<Option<Arc<ServerConfig>>, TlsError> {
    let p = provider(s)?;
    let Some(ck) = certified(s, &p)? else {
        return Ok(None);
    };
    let builder = ServerConfig::builder_with_provider(p.clone())
        .with_protocol_versions(versions(s))
        .map_err(|e| TlsError::Invalid(e.to_string()))?;
    let builder = if s.has_ca() {
        let roots = Arc::new(load_roots(s)?);
        let v = WebPkiClientVerifier::builder_with_provider(roots, p);
        let v = if s.verify_incoming {
            v
        } else {
            v.allow_unauthenticated()
        };
        builder.with_client_cert_verifier(v.build().map_err(|e| TlsError::Invalid(e.to_string()))?)
    } else {
        builder.with_no_client_auth()
    };
    let mut config = builder.with_cert_resolver(Arc::new(SingleCertAndKey::from(ck)));
    config.alpn_protocols = alpn.iter().map(|a| a.to_vec()).collect();
    // Nothing arrives unasked on a pooled RPC connection, which lets the pool tell a closed
    // connection from an idle one.
    config.send_tls13_tickets = 0;
    Ok(Some(Arc::new(config)))
}

/// Checks a server's certificate against the CA, and its name only when asked to: Consul's
/// `verify_outgoing` without `verify_server_hostname` trusts any certificate from the CA.
/// `name` replaces the name being dialled (the console's `--tls-server-name`).
#[derive(Debug)]
pub struct ServerVerifier {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
    check_name: bool,
    name: Option<ServerName<'static>>,
}

impl ServerCertVerifier for ServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, RustlsError> {
        let name = self.name.as_ref().unwrap_or(server_name);
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, name, ocsp_response, now)
        {
            Err(RustlsError::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, RustlsError> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, RustlsError> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A client configuration trusting the settings' CA and presenting their certificate, if any.
pub fn client_config(
    s: &Settings,
    check_name: bool,
    name: Option<ServerName<'static>>,
    alpn: &[&[u8]],
) -> Result<Arc<ClientConfig>, TlsError> {
    let p = provider(s)?;
    let roots = Arc::new(load_roots(s)?);
    let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(roots, p.clone())
        .build()
        .map_err(|e| TlsError::Invalid(e.to_string()))?;
    let builder = ClientConfig::builder_with_provider(p.clone())
        .with_protocol_versions(versions(s))
        .map_err(|e| TlsError::Invalid(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(ServerVerifier {
            inner,
            check_name,
            name,
        }));
    let mut config = match certified(s, &p)? {
        Some(ck) => builder.with_client_cert_resolver(Arc::new(SingleCertAndKey::from(ck))),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = alpn.iter().map(|a| a.to_vec()).collect();
    Ok(Arc::new(config))
}

/// One consistent set of TLS configurations.
pub struct Material {
    pub settings: TlsConfig,
    /// Serves the TLS upgrade on the RPC port (when a certificate is configured).
    pub rpc_server: Option<Arc<ServerConfig>>,
    /// Dials servers over TLS (with `verify_outgoing`).
    pub rpc_client: Option<Arc<ClientConfig>>,
    /// Serves the HTTPS API.
    pub https_server: Option<Arc<ServerConfig>>,
    /// The common name of the RPC certificate, read once with the files (for reports).
    pub rpc_cert_name: String,
}

impl Material {
    pub fn load(settings: &TlsConfig) -> Result<Material, TlsError> {
        let rpc = &settings.internal_rpc;
        let ctx = |what: &str| {
            let what = what.to_string();
            move |e: TlsError| match e {
                TlsError::Invalid(r) => TlsError::Invalid(format!("{what}: {r}")),
                other => other,
            }
        };
        Ok(Material {
            settings: settings.clone(),
            rpc_server: server_config(rpc, &[]).map_err(ctx("tls.internal_rpc"))?,
            rpc_client: if rpc.verify_outgoing {
                Some(
                    client_config(rpc, rpc.verify_server_hostname, None, &[])
                        .map_err(ctx("tls.internal_rpc"))?,
                )
            } else {
                None
            },
            https_server: server_config(&settings.https, &[b"h2", b"http/1.1"])
                .map_err(ctx("tls.https"))?,
            rpc_cert_name: rpc
                .cert_file
                .as_deref()
                .and_then(|p| std::fs::read(p).ok())
                .and_then(|pem| super::generate::inspect(&pem, "cert").ok())
                .and_then(|certs| certs.into_iter().next())
                .and_then(|c| c.common_name)
                .unwrap_or_default(),
        })
    }
}

/// The agent's TLS state: the current material and the name servers must present.
pub struct Tls {
    current: RwLock<Arc<Material>>,
    /// `server.<dc>.<domain>`: what a server's certificate names.
    pub server_name: String,
}

impl Tls {
    pub fn new(settings: &TlsConfig, datacenter: &str, domain: &str) -> Result<Tls, TlsError> {
        Ok(Tls {
            current: RwLock::new(Arc::new(Material::load(settings)?)),
            server_name: format!("server.{datacenter}.{}", domain.trim_end_matches('.')),
        })
    }

    pub fn current(&self) -> Arc<Material> {
        self.current
            .read()
            .map(|m| m.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Loads the files again with (possibly new) settings; on any error the old material stays.
    pub fn reload(&self, settings: &TlsConfig) -> Result<(), TlsError> {
        let fresh = Arc::new(Material::load(settings)?);
        match self.current.write() {
            Ok(mut m) => *m = fresh,
            Err(p) => *p.into_inner() = fresh,
        }
        Ok(())
    }

    /// Whether the peer of an incoming RPC connection presented a certificate naming a server
    /// (`server.<dc>.<domain>`), for Raft traffic under `verify_server_hostname`.
    pub fn is_server_cert(&self, cert: &CertificateDer<'_>) -> bool {
        let Ok(name) = ServerName::try_from(self.server_name.as_str()) else {
            return false;
        };
        rustls::server::ParsedCertificate::try_from(cert)
            .and_then(|parsed| rustls::client::verify_server_name(&parsed, &name))
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed certificate valid between two years, with its key, written to `dir`.
    fn cert_between(dir: &Path, name: &str, from: i32, to: i32) -> (PathBuf, PathBuf) {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["localhost".into()]).unwrap();
        params.not_before = rcgen::date_time_ymd(from, 1, 1);
        params.not_after = rcgen::date_time_ymd(to, 1, 1);
        let cert = params.self_signed(&key).unwrap();
        let (c, k) = (
            dir.join(format!("{name}.pem")),
            dir.join(format!("{name}-key.pem")),
        );
        std::fs::write(&c, cert.pem()).unwrap();
        std::fs::write(&k, key.serialize_pem()).unwrap();
        (c, k)
    }

    fn settings(cert: PathBuf, key: PathBuf) -> TlsConfig {
        TlsConfig {
            https: Settings {
                cert_file: Some(cert),
                key_file: Some(key),
                ..Settings::default()
            },
            ..TlsConfig::default()
        }
    }

    #[test]
    fn certificates_outside_their_validity_are_refused_naming_the_file() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let (c, k) = cert_between(dir.path(), "old", 2001, 2002);
        let e = Material::load(&settings(c.clone(), k))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("expired") && e.contains(c.to_str().unwrap()),
            "{e}"
        );
        let (c, k) = cert_between(dir.path(), "future", 2200, 2300);
        let e = Material::load(&settings(c, k)).err().unwrap().to_string();
        assert!(e.contains("not valid before"), "{e}");
        let (c, k) = cert_between(dir.path(), "good", 2001, 2300);
        let m = Material::load(&settings(c, k)).unwrap();
        assert!(m.https_server.is_some());
        assert!(m.rpc_server.is_none() && m.rpc_client.is_none());
    }

    #[test]
    fn unknown_cipher_suites_are_named() {
        let s = Settings {
            cipher_suites: vec!["TLS_RSA_WITH_RC4_128_SHA".into()],
            ..Settings::default()
        };
        let e = provider(&s).err().unwrap().to_string();
        assert!(e.contains("TLS_RSA_WITH_RC4_128_SHA"), "{e}");
        let s = Settings {
            cipher_suites: vec!["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256".into()],
            ..Settings::default()
        };
        let p = provider(&s).unwrap();
        assert!(
            p.cipher_suites
                .iter()
                .filter(|c| c.version() == &rustls::version::TLS12)
                .all(|c| format!("{:?}", c.suite()) == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        );
    }
}
