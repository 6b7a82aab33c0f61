//! Shared harness for the end-to-end tests: starts real `ctl agent` processes on OS-chosen ports,
//! waits for them to elect themselves leader, runs `ctl` client commands against them, and talks
//! to their HTTP API. Each test file uses a subset of it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod cluster;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long an agent may take to print its banner and become leader.
pub const READY_DEADLINE: Duration = Duration::from_secs(15);
/// How long a client command may run before the harness calls it hung.
pub const COMMAND_DEADLINE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

/// Path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ctl")
}

/// Removes every variable that could point a child at some other agent or change its behaviour.
fn scrub_env(cmd: &mut Command) {
    for var in [
        "CONSUL_HTTP_ADDR",
        "CTL_HTTP_ADDR",
        "CONSUL_HTTP_TOKEN",
        "CONSUL_HTTP_TOKEN_FILE",
        "CONSUL_HTTP_SSL",
        "CONSUL_HTTP_SSL_VERIFY",
        "CONSUL_CACERT",
        "CONSUL_CAPATH",
        "CONSUL_CLIENT_CERT",
        "CONSUL_CLIENT_KEY",
        "CONSUL_TLS_SERVER_NAME",
        "CONSUL_HTTP_AUTH",
        "CTL_HTTP_TOKEN",
        "CTL_HTTP_SSL",
        "CTL_HTTP_SSL_VERIFY",
        "CTL_CACERT",
        "CTL_CAPATH",
        "CTL_CLIENT_CERT",
        "CTL_CLIENT_KEY",
        "CTL_TLS_SERVER_NAME",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(var);
    }
}

/// A blocking HTTP client for the agent's plain-http API (no proxies, generous timeout).
pub fn http() -> reqwest::blocking::Client {
    http_with_timeout(Duration::from_secs(60))
}

/// Same as [`http`] with a caller-chosen whole-request timeout.
pub fn http_with_timeout(timeout: Duration) -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("build reqwest client")
}

/// A running `ctl agent` child; killed (kill -9) when dropped. Its stdout and stderr are drained
/// into `log` by background threads so the pipes never fill; the log is printed if a test panics.
pub struct Agent {
    child: Option<Child>,
    port: u16,
    /// The gossip (serf LAN) port, from the banner's `Cluster Addr:` line.
    pub serf_port: u16,
    /// The DNS port (UDP and TCP), from the banner; 0 when the agent serves no DNS.
    pub dns_port: u16,
    pub node: String,
    pub data_dir: Option<PathBuf>,
    log: Arc<Mutex<Vec<String>>>,
    _tmp: Option<tempfile::TempDir>,
}

impl Agent {
    /// `ctl agent --dev --http-port 0 --node NAME`: single self-bootstrapping server, temp storage.
    pub fn dev(node: &str) -> Agent {
        Agent::dev_with(node, &[])
    }

    /// A dev server with extra flags (e.g. `--encrypt KEY`).
    pub fn dev_with(node: &str, extra: &[&str]) -> Agent {
        let mut args = vec![
            "agent",
            "--dev",
            "--http-port",
            "0",
            "--serf-lan-port",
            "0",
            "--server-port",
            "0",
            "--node",
            node,
        ];
        args.extend_from_slice(extra);
        Agent::start(&args, node, None)
    }

    /// A client agent (no Raft) with its own data dir, fast gossip timings and extra flags; ready
    /// when its HTTP API answers.
    pub fn client(node: &str, extra: &[&str]) -> Agent {
        Agent::try_client(node, extra)
            .unwrap_or_else(|log| panic!("client agent {node} failed to start\n{log}"))
    }

    /// Like `client`, but returns the agent's output when it exits during start-up.
    pub fn try_client(node: &str, extra: &[&str]) -> Result<Agent, String> {
        let tmp = tempfile::tempdir().expect("temp dir");
        let cfg = tmp.path().join("fast-gossip.json");
        std::fs::write(
            &cfg,
            r#"{"bind_addr":"127.0.0.1","ports":{"serf_lan":0},"gossip_lan":{"probe_interval":"100ms","probe_timeout":"100ms","gossip_interval":"100ms","suspicion_mult":3}}"#,
        )
        .expect("write config");
        let dir = tmp.path().join("data");
        let (dir_s, cfg_s) = (
            dir.to_str().expect("utf-8").to_string(),
            cfg.to_str().expect("utf-8").to_string(),
        );
        let mut args = vec![
            "agent",
            "--data-dir",
            &dir_s,
            "--config-file",
            &cfg_s,
            "--http-port",
            "0",
            "--node",
            node,
        ];
        args.extend_from_slice(extra);
        let mut agent = Agent::spawn(&args, node, Some(dir.clone()), false)?;
        agent._tmp = Some(tmp);
        Ok(agent)
    }

    /// `ctl agent --server --bootstrap-expect 1 --data-dir DIR --http-port 0 --node NAME`.
    pub fn server(node: &str, data_dir: &Path) -> Agent {
        Agent::server_with(node, data_dir, &[])
    }

    /// A single-server agent with extra flags.
    pub fn server_with(node: &str, data_dir: &Path, extra: &[&str]) -> Agent {
        let dir = data_dir.to_str().expect("utf-8 data dir");
        let mut args = vec![
            "agent",
            "--server",
            "--bootstrap-expect",
            "1",
            "--data-dir",
            dir,
            "--http-port",
            "0",
            "--serf-lan-port",
            "0",
            "--server-port",
            "0",
            "--bind",
            "127.0.0.1",
            "--node",
            node,
        ];
        args.extend_from_slice(extra);
        Agent::start(&args, node, Some(data_dir.to_path_buf()))
    }

    /// One server of a multi-server cluster at fixed ports (so a restart comes back at the same
    /// addresses), expecting `expect` servers, joining through `join`, with fast gossip. Ready
    /// when its HTTP API answers; it may not have a leader yet.
    pub fn cluster_server(
        node: &str,
        data_dir: &Path,
        expect: u32,
        ports: ServerPorts,
        join: &[String],
    ) -> Agent {
        Agent::try_cluster_server(node, data_dir, expect, ports, join)
            .unwrap_or_else(|log| panic!("server {node} failed to start\n{log}"))
    }

    /// Like `cluster_server`, but returns the agent's output when it exits during start-up (for
    /// example because another test took one of its ports after `ServerPorts::free`).
    pub fn try_cluster_server(
        node: &str,
        data_dir: &Path,
        expect: u32,
        ports: ServerPorts,
        join: &[String],
    ) -> Result<Agent, String> {
        Agent::try_cluster_server_with(node, data_dir, expect, ports, join, &[])
    }

    /// Like `try_cluster_server`, with extra flags (such as a TLS config file).
    pub fn try_cluster_server_with(
        node: &str,
        data_dir: &Path,
        expect: u32,
        ports: ServerPorts,
        join: &[String],
        extra: &[String],
    ) -> Result<Agent, String> {
        let cfg = data_dir.with_extension("json");
        std::fs::write(
            &cfg,
            r#"{"bind_addr":"127.0.0.1","gossip_lan":{"probe_interval":"200ms","probe_timeout":"100ms","gossip_interval":"100ms","suspicion_mult":3},"autopilot":{"server_stabilization_time":"3s"}}"#,
        )
        .expect("write config");
        let (dir, cfg) = (
            data_dir.to_str().expect("utf-8").to_string(),
            cfg.to_str().expect("utf-8").to_string(),
        );
        let (expect, http, rpc, serf) = (
            expect.to_string(),
            ports.http.to_string(),
            ports.rpc.to_string(),
            ports.serf.to_string(),
        );
        let mut args = vec![
            "agent",
            "--server",
            "--bootstrap-expect",
            &expect,
            "--data-dir",
            &dir,
            "--config-file",
            &cfg,
            "--http-port",
            &http,
            "--server-port",
            &rpc,
            "--serf-lan-port",
            &serf,
            "--node",
            node,
            "--retry-interval",
            "300ms",
        ];
        for j in join {
            args.push("--retry-join");
            args.push(j);
        }
        args.extend(extra.iter().map(String::as_str));
        Agent::spawn(&args, node, Some(data_dir.to_path_buf()), false)
    }

    /// Sends a signal (`STOP`, `CONT`, `TERM`) with `kill`.
    pub fn signal(&self, sig: &str) {
        let pid = self.pid().to_string();
        let st = Command::new("kill")
            .args([&format!("-{sig}"), &pid])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill -{sig} {pid} failed: {st}");
    }

    fn start(args: &[&str], node: &str, data_dir: Option<PathBuf>) -> Agent {
        Agent::spawn(args, node, data_dir, true).unwrap_or_else(|log| panic!("{log}"))
    }

    /// Starts an agent; `leader` waits for a Raft leader, otherwise for the HTTP API. Returns the
    /// agent's output if it exits before it is ready.
    fn spawn(
        args: &[&str],
        node: &str,
        data_dir: Option<PathBuf>,
        leader: bool,
    ) -> Result<Agent, String> {
        let mut cmd = Command::new(bin());
        cmd.args(args);
        // Servers answer DNS; concurrent tests must not all reach for port 8600.
        if !args.contains(&"--dns-port") {
            cmd.args(["--dns-port", "0"]);
        }
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        scrub_env(&mut cmd);
        let mut child = cmd.spawn().expect("spawn ctl agent");
        let log = Arc::new(Mutex::new(Vec::new()));

        let (tx, rx) = mpsc::channel::<String>();
        let stdout = child.stdout.take().expect("agent stdout");
        let out_log = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                out_log
                    .lock()
                    .expect("log lock")
                    .push(format!("[out] {line}"));
                let _ = tx.send(line);
            }
        });
        let stderr = child.stderr.take().expect("agent stderr");
        let err_log = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                err_log
                    .lock()
                    .expect("log lock")
                    .push(format!("[err] {line}"));
            }
        });

        let mut agent = Agent {
            child: Some(child),
            port: 0,
            serf_port: 0,
            dns_port: 0,
            node: node.to_string(),
            data_dir,
            log,
            _tmp: None,
        };

        let deadline = Instant::now() + READY_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(line) => {
                    if let Some(port) = parse_http_port(&line) {
                        agent.port = port;
                    }
                    if let Some(port) = parse_serf_port(&line) {
                        agent.serf_port = port;
                    }
                    if let Some(port) = parse_dns_port(&line) {
                        agent.dns_port = port;
                    }
                    if line.contains("Log data will now stream") {
                        break;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "agent printed no banner within {READY_DEADLINE:?}\n{}",
                        agent.log_text()
                    ));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = agent.wait_exit(Duration::from_secs(5));
                    return Err(format!(
                        "agent exited before its banner (exit: {status:?})\n{}",
                        agent.log_text()
                    ));
                }
            }
        }
        if leader {
            agent.wait_ready(deadline);
        } else {
            let client = http_with_timeout(Duration::from_secs(2));
            let url = format!("{}/v1/agent/self", agent.http_addr());
            wait_for(READY_DEADLINE, || {
                client
                    .get(&url)
                    .send()
                    .ok()
                    .filter(|r| r.status().is_success())
            })
            .ok_or_else(|| format!("agent HTTP API never answered\n{}", agent.log_text()))?;
        }
        Ok(agent)
    }

    /// `127.0.0.1:SERF_PORT`, the address others join through.
    pub fn gossip_addr(&self) -> String {
        format!("127.0.0.1:{}", self.serf_port)
    }

    /// Polls `GET /v1/status/leader` until it returns 200 and a non-empty JSON string.
    fn wait_ready(&mut self, deadline: Instant) {
        let client = http_with_timeout(Duration::from_secs(2));
        let url = format!("{}/v1/status/leader", self.http_addr());
        let mut last;
        loop {
            if let Some(status) = self.try_exit_status() {
                panic!("agent exited while starting: {status}\n{}", self.log_text());
            }
            match client.get(&url).send() {
                Ok(resp) => {
                    let code = resp.status().as_u16();
                    let body = resp.text().unwrap_or_default();
                    if code == 200
                        && let Ok(serde_json::Value::String(s)) =
                            serde_json::from_str::<serde_json::Value>(&body)
                        && !s.is_empty()
                    {
                        return;
                    }
                    last = format!("{code} {body:?}");
                }
                Err(e) => last = format!("error: {e}"),
            }
            if Instant::now() >= deadline {
                panic!(
                    "agent on port {} had no leader within {READY_DEADLINE:?} (last: {last})\n{}",
                    self.port,
                    self.log_text()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn http_addr(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("agent still owned").id()
    }

    /// Everything the agent printed so far.
    pub fn log_text(&self) -> String {
        let lines = self.log.lock().map(|l| l.clone()).unwrap_or_default();
        let start = lines.len().saturating_sub(200);
        format!(
            "--- agent {} log (last {} lines) ---\n{}",
            self.node,
            lines.len() - start,
            lines[start..].join("\n")
        )
    }

    fn try_exit_status(&mut self) -> Option<ExitStatus> {
        self.child
            .as_mut()
            .and_then(|c| c.try_wait().ok().flatten())
    }

    /// Waits up to `limit` for the process to exit on its own.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(s) = self.try_exit_status() {
                return Some(s);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// kill -9, then reap.
    pub fn kill9(&mut self) -> ExitStatus {
        let child = self.child.as_mut().expect("agent still owned");
        let _ = child.kill();
        child.wait().expect("reap agent")
    }

    /// Sends SIGTERM with `kill -TERM <pid>` and waits (up to `limit`) for the agent to exit.
    /// Returns None if it did not exit in time.
    pub fn terminate(&mut self, limit: Duration) -> Option<ExitStatus> {
        let pid = self.pid().to_string();
        let st = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill -TERM");
        assert!(st.success(), "kill -TERM {pid} failed: {st}");
        self.wait_exit(limit)
    }

    /// `GET /v1/agent/self` as JSON.
    pub fn agent_self(&self) -> serde_json::Value {
        let resp = http()
            .get(format!("{}/v1/agent/self", self.http_addr()))
            .send()
            .expect("GET /v1/agent/self");
        assert_eq!(resp.status().as_u16(), 200, "GET /v1/agent/self status");
        resp.json().expect("agent/self JSON")
    }

    /// Runs `ctl ARGS` with `CTL_HTTP_ADDR` pointing at this agent.
    pub fn ctl(&self, args: &[&str]) -> (i32, String, String) {
        ctl_with(args, &[("CTL_HTTP_ADDR", &self.http_addr())], None)
    }

    /// Runs `ctl ARGS` against this agent with `input` on stdin.
    pub fn ctl_stdin(&self, args: &[&str], input: &[u8]) -> (i32, String, String) {
        ctl_with(args, &[("CTL_HTTP_ADDR", &self.http_addr())], Some(input))
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!("{}", self.log_text());
        }
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Extracts the HTTPS port from the banner's `Client Addr` line.
pub fn parse_https_port(line: &str) -> Option<u16> {
    if !line.contains("Client Addr:") {
        return None;
    }
    let rest = &line[line.find("HTTPS: ")? + "HTTPS: ".len()..];
    let end = rest.find([',', ')']).unwrap_or(rest.len());
    rest[..end].trim().parse().ok()
}

/// Extracts `43121` from `   Client Addr: [127.0.0.1] (HTTP: 43121, HTTPS: -1, DNS: -1)`.
/// The gossip port from the banner's `Cluster Addr: IP (LAN: PORT, …)` line.
pub fn parse_serf_port(line: &str) -> Option<u16> {
    if !line.contains("Cluster Addr:") {
        return None;
    }
    let rest = &line[line.find("LAN: ")? + 5..];
    rest[..rest.find([',', ')'])?].trim().parse().ok()
}

/// The fixed ports of a cluster server.
#[derive(Debug, Clone, Copy)]
pub struct ServerPorts {
    pub http: u16,
    pub rpc: u16,
    pub serf: u16,
}

impl ServerPorts {
    /// Three ports that were free a moment ago.
    pub fn free() -> ServerPorts {
        ServerPorts {
            http: free_port(),
            rpc: free_port(),
            serf: free_port(),
        }
    }
}

/// A port that was free a moment ago (for peers that need a fixed port, like serf).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

pub fn parse_http_port(line: &str) -> Option<u16> {
    if !line.contains("Client Addr:") {
        return None;
    }
    let rest = &line[line.find("HTTP: ")? + "HTTP: ".len()..];
    let end = rest.find(',').unwrap_or(rest.len());
    rest[..end].trim().trim_end_matches(')').parse().ok()
}

/// The DNS port from the banner's `Client Addr:` line (`None` when DNS is off: `DNS: -1`).
pub fn parse_dns_port(line: &str) -> Option<u16> {
    if !line.contains("Client Addr:") {
        return None;
    }
    let rest = &line[line.find("DNS: ")? + "DNS: ".len()..];
    let end = rest.find([',', ')']).unwrap_or(rest.len());
    rest[..end].trim().parse().ok()
}

/// Runs the `ctl` binary with a scrubbed environment plus `envs`, optional stdin, and a deadline.
/// Returns (exit code, stdout, stderr); a signal death is reported as exit code -1.
pub fn ctl_with(
    args: &[&str],
    envs: &[(&str, &str)],
    input: Option<&[u8]>,
) -> (i32, String, String) {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    scrub_env(&mut cmd);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn ctl");
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("ctl stdin");
        let data = input.to_vec();
        thread::spawn(move || {
            let _ = stdin.write_all(&data);
        });
    }
    let mut out = child.stdout.take().expect("ctl stdout");
    let mut err = child.stderr.take().expect("ctl stderr");
    let out_t = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_t = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let deadline = Instant::now() + COMMAND_DEADLINE;
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait ctl") {
            break s;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`ctl {}` did not finish within {COMMAND_DEADLINE:?}",
                args.join(" ")
            );
        }
        thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&out_t.join().expect("stdout reader")).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().expect("stderr reader")).into_owned();
    (status.code().unwrap_or(-1), stdout, stderr)
}

/// Runs `ctl ARGS` with no agent address configured at all (for keygen, validate, …).
pub fn ctl_plain(args: &[&str]) -> (i32, String, String) {
    ctl_with(args, &[], None)
}

/// A port on 127.0.0.1 that nothing listens on (bound then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind :0");
    let port = l.local_addr().expect("local addr").port();
    drop(l);
    port
}

/// Parses a response header as u64, panicking with a clear message if absent or malformed.
pub fn header_u64(resp: &reqwest::blocking::Response, name: &str) -> u64 {
    let v = resp
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("response has no {name} header: {:?}", resp.headers()));
    v.to_str()
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{name} header is not a u64: {v:?}"))
}

/// The KV entry at `key` (the single object of the GET array), or None on 404.
pub fn kv_entry(addr: &str, key: &str) -> Option<serde_json::Value> {
    let resp = http()
        .get(format!("{addr}/v1/kv/{key}"))
        .send()
        .unwrap_or_else(|e| panic!("GET /v1/kv/{key}: {e}"));
    match resp.status().as_u16() {
        404 => None,
        200 => {
            let v: serde_json::Value = resp.json().expect("KV GET JSON");
            let arr = v.as_array().expect("KV GET returns an array");
            assert_eq!(
                arr.len(),
                1,
                "GET /v1/kv/{key} returned {} entries",
                arr.len()
            );
            Some(arr[0].clone())
        }
        other => panic!(
            "GET /v1/kv/{key}: unexpected status {other}: {:?}",
            resp.text()
        ),
    }
}

/// The decoded value bytes at `key`, or None on 404.
pub fn kv_value(addr: &str, key: &str) -> Option<Vec<u8>> {
    kv_entry(addr, key).map(|e| match &e["Value"] {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(s) => b64_decode(s).expect("Value is base64"),
        other => panic!("Value of {key} is neither null nor a string: {other}"),
    })
}

/// `PUT /v1/kv/{key}` with `body`; asserts 200 `true`.
pub fn kv_put(addr: &str, key: &str, body: &[u8]) {
    let resp = http()
        .put(format!("{addr}/v1/kv/{key}"))
        .body(body.to_vec())
        .send()
        .unwrap_or_else(|e| panic!("PUT /v1/kv/{key}: {e}"));
    let status = resp.status().as_u16();
    let text = resp.text().unwrap_or_default();
    assert_eq!((status, text.trim()), (200, "true"), "PUT /v1/kv/{key}");
}

/// A u64 field of a JSON object, panicking with context if absent.
pub fn field_u64(v: &serde_json::Value, name: &str) -> u64 {
    v[name]
        .as_u64()
        .unwrap_or_else(|| panic!("field {name} missing or not a u64 in {v}"))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn b64_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Strict standard base64 (padding required); None if malformed.
pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| B64.iter().position(|&x| x == c).map(|p| p as u32);
    let mut out = Vec::new();
    for (i, q) in s.chunks(4).enumerate() {
        let last = i == s.len() / 4 - 1;
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        out.push((n >> 16) as u8);
        if pad < 2 {
            out.push((n >> 8) as u8);
        }
        if pad < 1 {
            out.push(n as u8);
        }
    }
    Some(out)
}

/// Polls `f` every 50 ms until it returns Some or `limit` passes.
pub fn wait_for<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        thread::sleep(POLL);
    }
}

/// Whether `node` is in the catalog with its `serfHealth` check passing, as the agent at `addr`
/// sees it.
pub fn serf_passing(addr: &str, node: &str) -> bool {
    http()
        .get(format!("{addr}/v1/health/node/{node}"))
        .send()
        .ok()
        .and_then(|r| r.json::<serde_json::Value>().ok())
        .and_then(|v| {
            v.as_array()?
                .iter()
                .find(|c| c["CheckID"] == "serfHealth")
                .map(|c| c["Status"] == "passing")
        })
        .unwrap_or(false)
}

/// Starts a long-running `ctl ARGS` (a wizard, the demo, `ctl monitor`) with a scrubbed
/// environment plus `envs`; its stdout is read line by line on a thread into the receiver, its
/// stderr goes where `stderr` says (inherited, so a failure shows in the test output, or piped
/// for a test that checks it).
pub fn spawn_lines(
    args: &[&str],
    envs: &[(&str, &str)],
    stderr: Stdio,
) -> (Child, mpsc::Receiver<String>) {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr);
    scrub_env(&mut cmd);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn ctl");
    let out = child.stdout.take().expect("ctl stdout");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    (child, rx)
}

/// Reads lines until one contains `want`; returns them all, or panics with what was read.
pub fn wait_line(rx: &mpsc::Receiver<String>, want: &str, limit: Duration) -> Vec<String> {
    let deadline = Instant::now() + limit;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                let done = line.contains(want);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("never printed {want:?}; printed:\n{}", seen.join("\n"));
}
