//! End-to-end: `ctl tls ca create`, `ctl tls cert create` and `ctl tls cert inspect` as real
//! processes in a temporary directory, with the results read back by OpenSSL (`openssl x509`,
//! `openssl verify`), which must be on PATH: names, usages, key type, chain and name
//! constraints as another implementation sees them, files never replaced, key files 0600.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `ctl ARGS` in `dir`; returns (exit code, stdout, stderr).
fn ctl_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ctl"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("CTL_HTTP_ADDR")
        .env_remove("CONSUL_HTTP_ADDR")
        .output()
        .expect("run ctl");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `ctl ARGS` in `dir` and fails the test unless it succeeds; returns stdout.
fn ctl_ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = ctl_in(dir, args);
    assert_eq!(code, 0, "ctl {args:?} failed\nstdout: {out}\nstderr: {err}");
    out
}

/// Runs `openssl ARGS` in `dir`; returns (success, stdout + stderr).
fn openssl(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("these tests need the `openssl` command on PATH");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// `openssl x509 -noout -text` of a certificate file in `dir`.
fn x509_text(dir: &Path, file: &str) -> String {
    let (ok, text) = openssl(dir, &["x509", "-noout", "-text", "-in", file]);
    assert!(ok, "openssl x509 {file}: {text}");
    text
}

/// `openssl verify` of `cert` against `ca` alone, optionally for a purpose.
fn verify(dir: &Path, ca: &str, cert: &str, purpose: Option<&str>) -> (bool, String) {
    let mut args = vec!["verify", "-CAfile", ca];
    if let Some(p) = purpose {
        args.extend(["-purpose", p]);
    }
    args.push(cert);
    openssl(dir, &args)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// Names of the files in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `ca create` writes the CA and its key (0600) as Consul names them, and the CA is an ECDSA
/// P-256 CA with signing key usages and our default common name.
#[test]
fn ca_create_writes_a_p256_ca() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let out = ctl_ok(dir, &["tls", "ca", "create"]);
    assert_eq!(
        out,
        "==> Saved consul-agent-ca.pem\n==> Saved consul-agent-ca-key.pem\n"
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.join("consul-agent-ca-key.pem")), 0o600);
        assert_eq!(mode(&dir.join("consul-agent-ca.pem")) & !0o644, 0);
    }
    let text = x509_text(dir, "consul-agent-ca.pem");
    assert!(text.contains("CA:TRUE"), "{text}");
    assert!(
        text.contains("Digital Signature, Certificate Sign, CRL Sign"),
        "{text}"
    );
    assert!(text.contains("prime256v1"), "{text}");
    assert!(text.contains("Subject Key Identifier"), "{text}");
    assert!(text.contains("CN = ctl Agent CA "), "{text}");
    assert!(!text.contains("Name Constraints"), "{text}");
    let (ok, key) = openssl(
        dir,
        &["pkey", "-noout", "-text", "-in", "consul-agent-ca-key.pem"],
    );
    assert!(ok && key.contains("prime256v1"), "{key}");
}

/// A second `ca create` refuses to replace either file and leaves both untouched.
#[test]
fn ca_create_never_overwrites() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create"]);
    let before = std::fs::read(dir.join("consul-agent-ca-key.pem")).expect("key");
    let (code, out, err) = ctl_in(dir, &["tls", "ca", "create"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(err.trim(), "consul-agent-ca.pem already exists.");
    assert_eq!(
        std::fs::read(dir.join("consul-agent-ca-key.pem")).expect("key"),
        before
    );

    // Only the key left behind is enough to refuse.
    std::fs::remove_file(dir.join("consul-agent-ca.pem")).expect("rm");
    let (code, _, err) = ctl_in(dir, &["tls", "ca", "create"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "consul-agent-ca-key.pem already exists.");
    assert_eq!(files(dir), ["consul-agent-ca-key.pem"]);
}

/// --name-constraint writes critical permitted DNS subtrees (additional, domain, localhost),
/// --common-name and --domain are honoured, and OpenSSL accepts leaves inside the constraints.
#[test]
fn ca_name_constraints() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let out = ctl_ok(
        dir,
        &[
            "tls",
            "ca",
            "create",
            "--domain",
            "mesh",
            "--name-constraint",
            "--additional-name-constraint",
            "example.org",
            "--common-name",
            "Test Root",
        ],
    );
    assert_eq!(
        out,
        "==> Saved mesh-agent-ca.pem\n==> Saved mesh-agent-ca-key.pem\n"
    );
    let text = x509_text(dir, "mesh-agent-ca.pem");
    assert!(text.contains("X509v3 Name Constraints: critical"), "{text}");
    let permitted = text.find("Permitted:").expect("permitted subtrees");
    let rest = &text[permitted..];
    let (a, b, c) = (
        rest.find("DNS:example.org").expect("example.org"),
        rest.find("DNS:mesh").expect("mesh"),
        rest.find("DNS:localhost").expect("localhost"),
    );
    assert!(a < b && b < c, "{text}");
    assert!(text.contains("CN = Test Root"), "{text}");

    ctl_ok(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--server",
            "--domain",
            "mesh",
            "--additional-dnsname",
            "api.example.org",
        ],
    );
    let (ok, msg) = verify(dir, "mesh-agent-ca.pem", "dc1-server-mesh-0.pem", None);
    assert!(ok, "{msg}");
}

/// A server certificate has Consul's CN, SANs in order (node name included), both EKUs, leaf key
/// usages and a P-256 key in a 0600 file; OpenSSL verifies it for both purposes; the warning is
/// printed; the next one is numbered 1.
#[test]
fn server_cert() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create", "--name-constraint"]);
    let (code, out, err) = ctl_in(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--server",
            "--node",
            "node1",
            "--additional-dnsname",
            "extra.consul",
            "--additional-ipaddress",
            "10.1.2.3",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "==> Using consul-agent-ca.pem and consul-agent-ca-key.pem\n\
         ==> Saved dc1-server-consul-0.pem\n\
         ==> Saved dc1-server-consul-0-key.pem\n"
    );
    assert!(err.starts_with("==> WARNING: "), "{err}");
    assert!(err.contains("CA key"), "{err}");

    let text = x509_text(dir, "dc1-server-consul-0.pem");
    assert!(text.contains("Subject: CN = server.dc1.consul"), "{text}");
    assert!(
        text.contains(
            "DNS:extra.consul, DNS:node1.server.dc1.consul, DNS:server.dc1.consul, \
             DNS:localhost, IP Address:10.1.2.3, IP Address:127.0.0.1"
        ),
        "{text}"
    );
    assert!(
        text.contains("TLS Web Server Authentication, TLS Web Client Authentication"),
        "{text}"
    );
    assert!(
        text.contains("Digital Signature, Key Encipherment"),
        "{text}"
    );
    assert!(text.contains("Authority Key Identifier"), "{text}");
    assert!(text.contains("prime256v1"), "{text}");
    assert!(!text.contains("CA:TRUE"), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&dir.join("dc1-server-consul-0-key.pem")), 0o600);
    let (ok, key) = openssl(
        dir,
        &[
            "pkey",
            "-noout",
            "-text",
            "-in",
            "dc1-server-consul-0-key.pem",
        ],
    );
    assert!(ok && key.contains("prime256v1"), "{key}");
    for purpose in ["sslserver", "sslclient"] {
        let (ok, msg) = verify(
            dir,
            "consul-agent-ca.pem",
            "dc1-server-consul-0.pem",
            Some(purpose),
        );
        assert!(ok, "{purpose}: {msg}");
    }

    let out = ctl_ok(dir, &["tls", "cert", "create", "--server"]);
    assert!(out.contains("==> Saved dc1-server-consul-1.pem\n"), "{out}");
    assert!(
        out.contains("==> Saved dc1-server-consul-1-key.pem\n"),
        "{out}"
    );
}

/// A client certificate: CN and SANs for the client, clientAuth then serverAuth, no warning;
/// --dc and --domain shape the names.
#[test]
fn client_cert() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create", "--domain", "corp"]);
    let (code, out, err) = ctl_in(
        dir,
        &[
            "tls", "cert", "create", "--client", "--dc", "east", "--domain", "corp", "--days", "30",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains("==> Saved east-client-corp-0.pem"), "{out}");
    let text = x509_text(dir, "east-client-corp-0.pem");
    assert!(text.contains("Subject: CN = client.east.corp"), "{text}");
    assert!(
        text.contains("DNS:client.east.corp, DNS:localhost, IP Address:127.0.0.1"),
        "{text}"
    );
    assert!(
        text.contains("TLS Web Client Authentication, TLS Web Server Authentication"),
        "{text}"
    );
    let (ok, msg) = verify(dir, "corp-agent-ca.pem", "east-client-corp-0.pem", None);
    assert!(ok, "{msg}");
}

/// A CLI certificate: only its CN and localhost as names (additional ones ignored) and no
/// extended key usage.
#[test]
fn cli_cert() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create"]);
    ctl_ok(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--cli",
            "--additional-dnsname",
            "ignored.consul",
            "--additional-ipaddress",
            "10.9.9.9",
        ],
    );
    let text = x509_text(dir, "dc1-cli-consul-0.pem");
    assert!(text.contains("Subject: CN = cli.dc1.consul"), "{text}");
    assert!(
        text.contains("DNS:cli.dc1.consul, DNS:localhost\n"),
        "{text}"
    );
    assert!(
        !text.contains("ignored") && !text.contains("10.9.9.9"),
        "{text}"
    );
    assert!(!text.contains("Extended Key Usage"), "{text}");
    let (ok, msg) = verify(dir, "consul-agent-ca.pem", "dc1-cli-consul-0.pem", None);
    assert!(ok, "{msg}");
}

/// A CA constrained to `consul` refuses to sign a name outside it: nothing is written.
#[test]
fn constrained_ca_refuses_outside_names() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create", "--name-constraint"]);
    let (code, _, err) = ctl_in(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--server",
            "--additional-dnsname",
            "evil.example.com",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("does not verify against the CA"), "{err}");
    assert!(err.contains("outside the CA's name constraints"), "{err}");
    assert_eq!(
        files(dir),
        ["consul-agent-ca-key.pem", "consul-agent-ca.pem"]
    );
}

/// Bad command lines fail with a message naming the problem (and the file), writing nothing.
#[test]
fn cert_create_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let fails = |args: &[&str], want: &str| {
        let mut full = vec!["tls", "cert", "create"];
        full.extend_from_slice(args);
        let (code, out, err) = ctl_in(dir, &full);
        assert_eq!(code, 1, "{full:?}: {out}{err}");
        assert!(err.contains(want), "{full:?}: want {want:?}, got {err:?}");
    };
    let either = "Please provide either --server, --client, or --cli";
    fails(&[], either);
    fails(&["--server", "--client"], either);
    fails(&["--client", "--node", "n1"], "--node requires --server");
    fails(
        &["--server"],
        "Error reading CA certificate consul-agent-ca.pem: ",
    );
    assert!(files(dir).is_empty());

    ctl_ok(dir, &["tls", "ca", "create"]);
    ctl_ok(dir, &["tls", "ca", "create", "--domain", "other"]);
    fails(
        &["--server", "--additional-ipaddress", "300.1.2.3"],
        "invalid --additional-ipaddress \"300.1.2.3\"",
    );
    fails(&["--server", "--days", "0"], "--days must be at least 1");
    fails(
        &["--client", "--key", "other-agent-ca-key.pem"],
        "the key in other-agent-ca-key.pem does not belong to the CA certificate consul-agent-ca.pem",
    );
    fails(
        &["--client", "--key", "missing-key.pem"],
        "Error reading CA key missing-key.pem: ",
    );
    std::fs::write(dir.join("junk.pem"), "not a certificate\n").expect("write");
    fails(
        &["--client", "--ca", "junk.pem"],
        "junk.pem is not a valid CA certificate",
    );
    fails(
        &["--client", "--ca", "consul-agent-ca-key.pem"],
        "consul-agent-ca-key.pem is not a valid CA certificate",
    );
    fails(&["--client", "--dc", "a/b"], "invalid --dc \"a/b\"");
    assert_eq!(
        files(dir),
        [
            "consul-agent-ca-key.pem",
            "consul-agent-ca.pem",
            "junk.pem",
            "other-agent-ca-key.pem",
            "other-agent-ca.pem"
        ]
    );
}

/// A CA made by OpenSSL, with its key in SEC1 `EC PRIVATE KEY` form (as Consul writes CA keys
/// too), signs leaves that OpenSSL verifies.
#[test]
fn openssl_ca_with_sec1_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let (ok_key, msg) = openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "ca-key.pem",
        ],
    );
    assert!(ok_key, "{msg}");
    let key = std::fs::read_to_string(dir.join("ca-key.pem")).expect("key");
    assert!(key.starts_with("-----BEGIN EC PRIVATE KEY-----"), "{key}");
    let (ok_ca, msg) = openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            "ca-key.pem",
            "-subj",
            "/CN=OpenSSL Test CA",
            "-days",
            "10",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
            "-out",
            "ca.pem",
        ],
    );
    assert!(ok_ca, "{msg}");
    ctl_ok(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--client",
            "--ca",
            "ca.pem",
            "--key",
            "ca-key.pem",
        ],
    );
    let (ok, msg) = verify(dir, "ca.pem", "dc1-client-consul-0.pem", Some("sslclient"));
    assert!(ok, "{msg}");
}

/// `cert inspect` shows names, usages, issuer, validity and CA-ness in a table and as JSON, and
/// refuses a file with no certificate by name.
#[test]
fn cert_inspect() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    ctl_ok(dir, &["tls", "ca", "create", "--name-constraint"]);
    ctl_ok(
        dir,
        &[
            "tls",
            "cert",
            "create",
            "--server",
            "--additional-ipaddress",
            "::1",
        ],
    );

    let table = ctl_ok(dir, &["tls", "cert", "inspect", "dc1-server-consul-0.pem"]);
    let row = |name: &str| -> String {
        table
            .lines()
            .find(|l| l.starts_with(&format!("{name}  ")))
            .unwrap_or_else(|| panic!("no {name} row in\n{table}"))
            .trim_start_matches(name)
            .trim()
            .to_string()
    };
    assert_eq!(row("Subject"), "CN=server.dc1.consul");
    assert!(row("Issuer").contains("CN=ctl Agent CA "), "{table}");
    assert_eq!(row("DNS Names"), "server.dc1.consul, localhost");
    assert_eq!(row("IP Addresses"), "::1, 127.0.0.1");
    assert_eq!(row("Key Usage"), "DigitalSignature, KeyEncipherment");
    assert_eq!(row("Ext Key Usage"), "ServerAuth, ClientAuth");
    assert_eq!(row("Key Type"), "ECDSA P-256");
    assert_eq!(row("CA"), "false");
    // Rounded down: 365 within the second it was made, 364 after.
    let days = row("Days Left");
    assert!(days == "365" || days == "364", "{table}");

    let json = ctl_ok(
        dir,
        &[
            "tls",
            "cert",
            "inspect",
            "--format",
            "json",
            "consul-agent-ca.pem",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let ca = &v[0];
    assert_eq!(ca["IsCA"], true);
    assert_eq!(ca["Expired"], false);
    assert_eq!(
        ca["PermittedDNSDomains"],
        serde_json::json!(["consul", "localhost"])
    );
    assert_eq!(
        ca["KeyUsage"],
        serde_json::json!(["DigitalSignature", "CertSign", "CRLSign"])
    );
    let days = ca["DaysLeft"].as_i64().expect("DaysLeft");
    assert!(days == 1825 || days == 1824, "{json}");
    assert!(ca["NotAfter"].as_str().expect("NotAfter").ends_with('Z'));

    let (code, _, err) = ctl_in(dir, &["tls", "cert", "inspect", "consul-agent-ca-key.pem"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("consul-agent-ca-key.pem: no CERTIFICATE block"),
        "{err}"
    );
    let (code, _, err) = ctl_in(dir, &["tls", "cert", "inspect", "nope.pem"]);
    assert_eq!(code, 1);
    assert!(err.contains("Error reading nope.pem: "), "{err}");
}
