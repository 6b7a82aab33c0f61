//! Transport TLS against real agents: a three-server cluster with mutual TLS on server RPC
//! elects a leader, takes writes forwarded by a TLS client agent and serves HTTPS with client
//! certificates; plaintext, a certificate from another CA and a client certificate speaking Raft
//! are all kept out; a server with `verify_incoming` off accepts both plaintext and TLS; bad TLS
//! files stop the agent naming the file; the console's TLS errors say what to fix.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::cluster::Cluster;
use common::{Agent, bin, wait_for};
use ctl_server::rpc::RpcClient;
use ctl_server::rpc::message::{RaftReply, RaftRequest, RpcReply, RpcRequest};
use ctl_server::tls::material::Tls;
use ctl_server::tls::settings::{Settings, TlsConfig};

/// Runs `ctl ARGS` in `dir` (certificate commands write to the current directory).
fn ctl_in(dir: &Path, args: &[&str]) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run ctl");
    assert!(
        out.status.success(),
        "ctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA with a server, a client and a CLI certificate, in `dir`.
struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn new(dir: &Path) -> Pki {
        std::fs::create_dir_all(dir).expect("pki dir");
        ctl_in(dir, &["tls", "ca", "create"]);
        for kind in ["--server", "--client", "--cli"] {
            ctl_in(dir, &["tls", "cert", "create", kind]);
        }
        Pki {
            dir: dir.to_path_buf(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().expect("utf-8").to_string()
    }

    fn ca(&self) -> String {
        self.path("consul-agent-ca.pem")
    }

    /// (cert, key) of `kind` (server, client, cli).
    fn pair(&self, kind: &str) -> (String, String) {
        (
            self.path(&format!("dc1-{kind}-consul-0.pem")),
            self.path(&format!("dc1-{kind}-consul-0-key.pem")),
        )
    }

    /// A config file for an agent using the `kind` certificate.
    fn config(&self, name: &str, kind: &str, verify_incoming: bool, https: bool) -> String {
        let (cert, key) = self.pair(kind);
        let mut v = serde_json::json!({
            "tls": {
                "defaults": {
                    "ca_file": self.ca(), "cert_file": cert, "key_file": key,
                    "verify_incoming": verify_incoming, "verify_outgoing": true
                },
                "internal_rpc": {"verify_server_hostname": true}
            }
        });
        if https {
            v["ports"] = serde_json::json!({"https": 0});
        }
        let path = self.dir.join(name);
        std::fs::write(&path, v.to_string()).expect("write config");
        path.to_str().expect("utf-8").to_string()
    }

    /// TLS settings for an RPC client presenting the `kind` certificate.
    fn rpc_tls(&self, kind: &str) -> Arc<Tls> {
        let (cert, key) = self.pair(kind);
        let s = Settings {
            ca_file: Some(PathBuf::from(self.ca())),
            cert_file: Some(PathBuf::from(cert)),
            key_file: Some(PathBuf::from(key)),
            verify_outgoing: true,
            verify_server_hostname: true,
            ..Settings::default()
        };
        let cfg = TlsConfig {
            internal_rpc: s,
            ..TlsConfig::default()
        };
        Arc::new(Tls::new(&cfg, "dc1", "consul.").expect("client TLS"))
    }
}

fn runtime() -> tokio::runtime::Runtime {
    let _ = rustls::crypto::ring::default_provider().install_default();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Asks a server whether it has Raft state (any RPC will do) through `client`.
fn rpc_works(rt: &tokio::runtime::Runtime, client: &RpcClient, addr: SocketAddr) -> bool {
    rt.block_on(client.rpc(addr, &RpcRequest::RaftState, Duration::from_secs(5)))
        .is_ok_and(|r| matches!(r, RpcReply::RaftState { .. }))
}

/// Sends a Raft vote request (for an old term, so it changes nothing) through `client`.
fn raft_works(rt: &tokio::runtime::Runtime, client: &RpcClient, addr: SocketAddr) -> bool {
    let vote = openraft::raft::VoteRequest::new(openraft::Vote::new(0, 99), None);
    rt.block_on(client.raft(addr, &RaftRequest::Vote(vote), Duration::from_secs(5)))
        .is_ok_and(|r| matches!(r, RaftReply::Vote(_)))
}

fn https_port(agent: &Agent) -> u16 {
    agent
        .log_text()
        .lines()
        .find_map(common::parse_https_port)
        .expect("an HTTPS port in the banner")
}

#[test]
fn a_mutual_tls_cluster_elects_serves_https_and_keeps_strangers_out() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pki = Pki::new(&tmp.path().join("pki"));
    let other = Pki::new(&tmp.path().join("other"));
    let server_cfg = pki.config("server.json", "server", true, true);
    let client_cfg = pki.config("client.json", "client", true, false);
    // Servers refuse plaintext RPC, so electing a leader and forwarding the client agent's
    // writes both prove TLS works end to end.
    let c = Cluster::start_with(
        1,
        vec!["--config-file".into(), server_cfg],
        vec!["--config-file".into(), client_cfg],
    );
    let client_addr = c.clients[0].http_addr();
    wait_for(Duration::from_secs(20), || {
        common::http()
            .put(format!("{client_addr}/v1/kv/tls/hello"))
            .body("world")
            .send()
            .ok()
            .filter(|r| r.status().is_success())
    })
    .expect("a write through the TLS client agent is acknowledged");

    // HTTPS with a client certificate; readable errors without one or without the CA.
    let port = https_port(c.server(0));
    let url = format!("https://127.0.0.1:{port}");
    let (cli_cert, cli_key) = pki.pair("cli");
    let ca = pki.ca();
    let (code, out, err) = common::ctl_plain(&[
        "kv",
        "get",
        "--http-addr",
        &url,
        "--ca-file",
        &ca,
        "--client-cert",
        &cli_cert,
        "--client-key",
        &cli_key,
        "tls/hello",
    ]);
    assert_eq!((code, out.trim()), (0, "world"), "{err}");
    let (code, _, err) = common::ctl_plain(&[
        "kv",
        "get",
        "--http-addr",
        &url,
        "--ca-file",
        &ca,
        "tls/hello",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("client certificate"), "{err}");
    let (code, _, err) = common::ctl_plain(&[
        "kv",
        "get",
        "--http-addr",
        &url,
        "--ca-file",
        &other.ca(),
        "--client-cert",
        &cli_cert,
        "--client-key",
        &cli_key,
        "tls/hello",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("not signed by a CA"), "{err}");

    // Server RPC: plaintext refused; another CA's server refused; a client certificate may
    // forward requests but not speak Raft; a server certificate may.
    let rt = runtime();
    let rpc_addr: SocketAddr = format!("127.0.0.1:{}", c.ports[0].rpc)
        .parse()
        .expect("addr");
    assert!(
        !rpc_works(&rt, &RpcClient::default(), rpc_addr),
        "plaintext RPC was served"
    );
    let stranger = RpcClient::default().with_tls(Some(other.rpc_tls("server")));
    assert!(
        !rpc_works(&rt, &stranger, rpc_addr),
        "a certificate from another CA was accepted"
    );
    assert!(!raft_works(&rt, &stranger, rpc_addr));
    let client_cert = RpcClient::default().with_tls(Some(pki.rpc_tls("client")));
    assert!(
        rpc_works(&rt, &client_cert, rpc_addr),
        "a client certificate may call RPC"
    );
    assert!(
        !raft_works(&rt, &client_cert, rpc_addr),
        "a client certificate spoke Raft to a server"
    );
    let server_cert = RpcClient::default().with_tls(Some(pki.rpc_tls("server")));
    assert!(
        raft_works(&rt, &server_cert, rpc_addr),
        "a server certificate may speak Raft"
    );
}

#[test]
fn without_verify_incoming_a_server_accepts_plaintext_and_tls() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pki = Pki::new(&tmp.path().join("pki"));
    let cfg = pki.config("mixed.json", "server", false, false);
    let a = Agent::server_with("mixed", &tmp.path().join("data"), &["--config-file", &cfg]);
    let port = a
        .log_text()
        .lines()
        .find_map(|l| {
            let rest = &l[l.find("Server RPC: ")? + "Server RPC: ".len()..];
            rest.trim_end_matches(')').trim().parse::<u16>().ok()
        })
        .expect("RPC port in the banner");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let rt = runtime();
    assert!(
        rpc_works(&rt, &RpcClient::default(), addr),
        "plaintext refused in mixed mode"
    );
    let tls = RpcClient::default().with_tls(Some(pki.rpc_tls("client")));
    assert!(rpc_works(&rt, &tls, addr), "TLS refused in mixed mode");
}

#[test]
fn unusable_tls_files_stop_the_agent_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pki = Pki::new(&tmp.path().join("pki"));
    let (cert, _) = pki.pair("server");
    let (_, client_key) = pki.pair("client");
    let cases = [
        (
            serde_json::json!({"tls": {"defaults": {"ca_file": pki.ca(), "cert_file": "/nonexistent/cert.pem", "key_file": client_key}}}),
            "/nonexistent/cert.pem",
        ),
        (
            serde_json::json!({"tls": {"defaults": {"ca_file": pki.ca(), "cert_file": cert, "key_file": client_key}}}),
            "does not match",
        ),
        (
            serde_json::json!({"tls": {"defaults": {"cert_file": cert, "key_file": client_key, "verify_incoming": true}}}),
            "need a CA",
        ),
        (
            serde_json::json!({"tls": {"defaults": {"ca_file": cert.clone(), "tls_min_version": "TLSv1_0"}}}),
            "TLSv1_0",
        ),
    ];
    for (i, (config, expected)) in cases.iter().enumerate() {
        let path = tmp.path().join(format!("bad{i}.json"));
        std::fs::write(&path, config.to_string()).expect("write");
        let (code, out, err) = common::ctl_plain(&[
            "agent",
            "--dev",
            "--config-file",
            path.to_str().expect("utf-8"),
            "--http-port",
            "0",
            "--dns-port",
            "-1",
            "--serf-lan-port",
            "0",
            "--server-port",
            "0",
        ]);
        assert_eq!(code, 1, "case {i} started: {out}{err}");
        assert!(
            err.contains(expected),
            "case {i}: expected {expected:?} in {err}"
        );
    }
}

/// Writes a config file turning TLS on in steps: `outgoing` dials over TLS, `incoming` refuses
/// plaintext.
fn write_tls_config(path: &Path, pki: &Pki, kind: &str, outgoing: bool, incoming: bool) {
    let (cert, key) = pki.pair(kind);
    let v = serde_json::json!({
        "tls": {"defaults": {
            "ca_file": pki.ca(), "cert_file": cert, "key_file": key,
            "verify_incoming": incoming, "verify_outgoing": outgoing
        }}
    });
    std::fs::write(path, v.to_string()).expect("write config");
}

fn reload(agent: &Agent) -> String {
    let (code, out, err) = agent.ctl(&["reload"]);
    assert_eq!(code, 0, "ctl reload on {}: {err}", agent.node);
    out
}

#[test]
fn reload_rolls_tls_onto_a_running_cluster_without_losing_a_write() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pki = Pki::new(&tmp.path().join("pki"));
    let server_cfg = tmp.path().join("server-tls.json");
    let client_cfg = tmp.path().join("client-tls.json");
    std::fs::write(&server_cfg, "{}").expect("write");
    std::fs::write(&client_cfg, "{}").expect("write");
    let arg = |p: &Path| {
        vec![
            "--config-file".to_string(),
            p.to_str().expect("utf-8").into(),
        ]
    };
    let mut c = Cluster::start_with(1, arg(&server_cfg), arg(&client_cfg));
    let w = common::cluster::Writer::start(c.clients[0].http_addr(), "roll");
    assert!(
        w.wait_count(20, Duration::from_secs(20)),
        "no writes before the rollout"
    );
    let rt = runtime();
    let rpc_addr: SocketAddr = format!("127.0.0.1:{}", c.ports[0].rpc)
        .parse()
        .expect("addr");

    // Step 1: certificates everywhere, TLS dialled, plaintext still accepted.
    write_tls_config(&server_cfg, &pki, "server", true, false);
    write_tls_config(&client_cfg, &pki, "client", true, false);
    for i in 0..3 {
        let out = reload(c.server(i));
        assert!(out.contains("TLS settings"), "{out}");
    }
    reload(&c.clients[0]);
    let n = w.count();
    assert!(
        w.wait_count(n + 20, Duration::from_secs(20)),
        "writes stalled after step 1"
    );
    assert!(
        rpc_works(&rt, &RpcClient::default(), rpc_addr),
        "mixed mode refused plaintext"
    );

    // Step 2: plaintext refused.
    write_tls_config(&server_cfg, &pki, "server", true, true);
    for i in 0..3 {
        reload(c.server(i));
    }
    let n = w.count();
    assert!(
        w.wait_count(n + 20, Duration::from_secs(20)),
        "writes stalled after step 2"
    );
    assert!(
        !rpc_works(&rt, &RpcClient::default(), rpc_addr),
        "plaintext RPC still served after verify_incoming was reloaded on"
    );
    let tls = RpcClient::default().with_tls(Some(pki.rpc_tls("client")));
    assert!(rpc_works(&rt, &tls, rpc_addr));

    // A broken config is refused and changes nothing.
    std::fs::write(&server_cfg, r#"{"tls": {"defaults": {"cert_file": "/nonexistent.pem", "key_file": "/nonexistent-key.pem"}}}"#)
        .expect("write");
    let (code, _, err) = c.server(0).ctl(&["reload"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("/nonexistent.pem") && err.contains("nothing changed"),
        "{err}"
    );
    assert!(
        !rpc_works(&rt, &RpcClient::default(), rpc_addr),
        "a failed reload changed TLS"
    );

    let failures = w.failures();
    let acked = w.finish();
    assert_eq!(failures, 0, "writes failed during the rollout");
    c.assert_all_present("roll/", &acked);
    // Every member is still alive.
    let (code, out, err) = c.server(0).ctl(&["members"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("alive").count(), 4, "{out}");
    c.clients.clear();
}

/// The served certificate of an HTTPS port, as `openssl` sees it (its serial).
fn served_serial(port: u16) -> String {
    let s_client = Command::new("openssl")
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}")])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run openssl s_client (install openssl; .ci/run does)");
    let mut x509 = Command::new("openssl")
        .args(["x509", "-noout", "-serial"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run openssl x509");
    use std::io::Write;
    x509.stdin
        .take()
        .expect("stdin")
        .write_all(&s_client.stdout)
        .expect("pipe");
    let out = x509.wait_with_output().expect("openssl x509");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn file_serial(path: &str) -> String {
    let out = Command::new("openssl")
        .args(["x509", "-noout", "-serial", "-in", path])
        .output()
        .expect("openssl x509");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn reload_swaps_the_served_certificate() {
    let tmp = tempfile::tempdir().expect("tmp");
    let pki = Pki::new(&tmp.path().join("pki"));
    let cfg = tmp.path().join("https.json");
    let write = |cert: &str, key: &str| {
        let v = serde_json::json!({"ports": {"https": 0}, "tls": {"https": {"cert_file": cert, "key_file": key}}});
        std::fs::write(&cfg, v.to_string()).expect("write");
    };
    let (cert0, key0) = pki.pair("server");
    write(&cert0, &key0);
    let a = Agent::dev_with("swap", &["--config-file", cfg.to_str().expect("utf-8")]);
    let port = https_port(&a);
    assert_eq!(served_serial(port), file_serial(&cert0));
    ctl_in(&pki.dir, &["tls", "cert", "create", "--server"]);
    let (cert1, key1) = (
        pki.path("dc1-server-consul-1.pem"),
        pki.path("dc1-server-consul-1-key.pem"),
    );
    write(&cert1, &key1);
    reload(&a);
    assert_eq!(
        served_serial(port),
        file_serial(&cert1),
        "the new certificate is served"
    );
    assert_ne!(file_serial(&cert0), file_serial(&cert1));
    // SIGHUP does the same.
    write(&cert0, &key0);
    a.signal("HUP");
    wait_for(Duration::from_secs(10), || {
        (served_serial(port) == file_serial(&cert0)).then_some(())
    })
    .expect("SIGHUP reloads the certificate");
    // A setting that cannot change live is named, not silently ignored.
    let v = serde_json::json!({"ports": {"https": 1}, "tls": {"https": {"cert_file": cert0, "key_file": key0}}});
    std::fs::write(&cfg, v.to_string()).expect("write");
    let out = reload(&a);
    assert!(
        out.contains("needs a restart to change: ports.https"),
        "{out}"
    );
    assert_eq!(
        served_serial(port),
        file_serial(&cert0),
        "HTTPS still served"
    );
}

#[test]
fn reload_turns_gossip_encryption_enforcement_on_live() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, key, _) = common::ctl_plain(&["keygen"]);
    assert_eq!(code, 0);
    let cfg = tmp.path().join("gossip.json");
    let write = |enforce: bool| {
        let v = serde_json::json!({
            "encrypt": key.trim(),
            "encrypt_verify_incoming": enforce,
            "encrypt_verify_outgoing": enforce
        });
        std::fs::write(&cfg, v.to_string()).expect("write");
    };
    write(false);
    let server = Agent::dev_with(
        "gsrv",
        &[
            "--bind",
            "127.0.0.1",
            "--config-file",
            cfg.to_str().expect("utf-8"),
        ],
    );
    let flags = || {
        let s = server.agent_self();
        (
            s["Stats"]["serf_lan"]["encrypt_verify_incoming"].clone(),
            s["Stats"]["serf_lan"]["encrypt_verify_outgoing"].clone(),
        )
    };
    assert_eq!(flags(), ("false".into(), "false".into()));
    // Not enforced: a plaintext agent may join.
    let plain = Agent::try_client("plain1", &["--join", &server.gossip_addr()]);
    assert!(
        plain.is_ok(),
        "a plaintext agent could not join an unenforced pool"
    );

    write(true);
    let out = reload(&server);
    assert!(out.contains("encrypt_verify_incoming=true"), "{out}");
    assert_eq!(flags(), ("true".into(), "true".into()));
    // Enforced: a plaintext agent is refused.
    let refused = Agent::try_client("plain2", &["--join", &server.gossip_addr()]);
    let log = refused
        .err()
        .expect("a plaintext agent joined after enforcement was reloaded on");
    assert!(log.contains("join"), "{log}");
}
