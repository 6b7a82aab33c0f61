//! TLS for the console's HTTP client: the CA to trust (`--ca-file`, `--ca-path`, else the
//! system's bundle), an optional client certificate for agents with `verify_incoming`, the name
//! to expect (`--tls-server-name`), or no checking at all when asked (`CTL_HTTP_SSL_VERIFY=false`).
//!
//! TLS failures are reworded into what the operator must fix — an unknown CA, a name mismatch,
//! a missing client certificate — instead of a bare connection error.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::tls::material::client_config;
use crate::tls::settings::Settings;

/// Where the system's CA bundle usually is (Debian's ca-certificates).
const SYSTEM_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The console's TLS options.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    pub ca_file: Option<PathBuf>,
    pub ca_path: Option<PathBuf>,
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    /// The name the agent's certificate must carry, when it differs from the host dialled.
    pub server_name: Option<String>,
    /// Accept any certificate (`CTL_HTTP_SSL_VERIFY=false`).
    pub skip_verify: bool,
}

impl TlsOptions {
    /// Whether any TLS option was given.
    pub fn any(&self) -> bool {
        self.ca_file.is_some()
            || self.ca_path.is_some()
            || self.client_cert.is_some()
            || self.client_key.is_some()
            || self.server_name.is_some()
            || self.skip_verify
    }
}

/// Accepts any server certificate, still checking the handshake's signatures.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A client configuration that still needs its certificate verifier.
type RingBuilder = rustls::ConfigBuilder<rustls::ClientConfig, rustls::WantsVerifier>;

/// A client configuration builder on the ring provider with the safe default protocol versions,
/// and the provider itself, for verifiers that need its algorithms.
fn ring_builder() -> Result<(Arc<rustls::crypto::CryptoProvider>, RingBuilder), String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    Ok((provider, builder))
}

/// The TLS configuration of a client that only speaks plain HTTP: no trust anchors at all, so
/// it costs nothing to build and refuses any HTTPS server it is sent to (say, by a redirect).
pub fn plaintext_only() -> Result<rustls::ClientConfig, String> {
    let (_, builder) = ring_builder()?;
    Ok(builder
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth())
}

/// The rustls configuration for these options.
pub fn config(o: &TlsOptions) -> Result<rustls::ClientConfig, String> {
    if o.client_cert.is_some() != o.client_key.is_some() {
        return Err("--client-cert and --client-key must be given together".into());
    }
    let alpn: [&[u8]; 2] = [b"h2", b"http/1.1"];
    if o.skip_verify {
        let (provider, builder) = ring_builder()?;
        let builder = builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)));
        let mut config = match (&o.client_cert, &o.client_key) {
            (Some(c), Some(k)) => builder
                .with_client_auth_cert(
                    crate::tls::material::load_certs(c).map_err(|e| e.to_string())?,
                    crate::tls::material::load_key(k).map_err(|e| e.to_string())?,
                )
                .map_err(|e| format!("{}: {e}", k.display()))?,
            _ => builder.with_no_client_auth(),
        };
        config.alpn_protocols = alpn.iter().map(|a| a.to_vec()).collect();
        return Ok(config);
    }
    let mut settings = Settings {
        ca_file: o.ca_file.clone(),
        ca_path: o.ca_path.clone(),
        cert_file: o.client_cert.clone(),
        key_file: o.client_key.clone(),
        ..Settings::default()
    };
    if !settings.has_ca() {
        settings.ca_file = Some(PathBuf::from(SYSTEM_BUNDLE));
    }
    let name = match &o.server_name {
        Some(n) => Some(
            ServerName::try_from(n.clone())
                .map_err(|e| format!("invalid --tls-server-name {n:?}: {e}"))?,
        ),
        None => None,
    };
    let config = client_config(&settings, true, name, &alpn).map_err(|e| e.to_string())?;
    Ok(Arc::unwrap_or_clone(config))
}

/// What a TLS failure means for the operator, or the reason unchanged when it is not one.
/// `https_without_cert`: the connection was TLS and offered no client certificate, so an agent
/// hanging up right after the handshake most likely wanted one (TLS 1.3 reports that late).
pub fn explain(reason: &str, https_without_cert: bool) -> String {
    let hung_up = [
        "broken pipe",
        "reset",
        "closed",
        "unexpected EOF",
        "UnexpectedEof",
        // hyper's words when the agent hung up before the request could be sent on the new
        // connection.
        "connection was not ready",
    ]
    .iter()
    .any(|s| reason.contains(s));
    if https_without_cert && hung_up {
        return format!(
            "the agent closed the TLS connection; it probably requires a client certificate (set --client-cert and --client-key): {reason}"
        );
    }
    let hint = if reason.contains("UnknownIssuer") || reason.contains("BadSignature") {
        "the agent's certificate is not signed by a CA this console trusts (set --ca-file or CTL_CACERT)"
    } else if reason.contains("NotValidForName") {
        "the agent's certificate does not name the address dialled (use --tls-server-name, e.g. server.dc1.consul)"
    } else if reason.contains("CertificateRequired") {
        "the agent requires a client certificate (set --client-cert and --client-key)"
    } else if reason.contains("Expired") {
        "the agent's certificate has expired"
    } else if reason.contains("UnknownCA") || reason.contains("alert: BadCertificate") {
        "the agent refused this console's client certificate (not signed by the agent's CA)"
    } else if reason.contains("InvalidContentType") || reason.contains("corrupt message") {
        "the agent does not speak TLS on this port (use http://, or the HTTPS port)"
    } else if reason.contains("invalid HTTP version") {
        "the agent speaks TLS on this port (use https://)"
    } else {
        return reason.to_string();
    };
    format!("{hint}: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However the client library words the agent hanging up right after the handshake, a
    /// console that offered no client certificate is told it probably needs one.
    #[test]
    fn a_hang_up_after_the_handshake_points_at_the_client_certificate() {
        for reason in [
            "connection reset by peer",
            "connection was not ready",
            "peer closed connection without sending TLS close_notify: unexpected EOF",
        ] {
            let told = explain(reason, true);
            assert!(told.contains("requires a client certificate"), "{told}");
            assert!(told.ends_with(reason), "{told}");
            assert_eq!(explain(reason, false), reason, "with a certificate offered");
        }
        assert_eq!(explain("timed out", true), "timed out");
    }
}
