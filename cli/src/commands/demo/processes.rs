//! The demo cluster's processes: the plan (ports, config files, the temporary data dir) and the
//! running `ctl agent` children, stopped in order and cleaned up on every way out — Ctrl-C,
//! `q` in the dashboard, an error, or a panic (the guard's `Drop` kills what is left).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// One agent of the demo.
pub struct AgentPlan {
    pub name: String,
    pub config: serde_json::Value,
}

/// Where everything goes.
pub struct Plan {
    pub dir: tempfile::TempDir,
    /// The first client agent's HTTP and DNS addresses.
    pub http: SocketAddr,
    pub dns: SocketAddr,
    pub agents: Vec<AgentPlan>,
    /// What the operator should know (default ports taken, …).
    pub notes: Vec<String>,
}

fn tcp_free(addr: SocketAddr) -> bool {
    std::net::TcpListener::bind(addr).is_ok()
}

fn udp_free(addr: SocketAddr) -> bool {
    std::net::UdpSocket::bind(addr).is_ok()
}

/// A loopback port free for both TCP and UDP right now.
fn free_port() -> Result<u16, String> {
    for _ in 0..64 {
        let l = std::net::TcpListener::bind((LOOPBACK, 0)).map_err(|e| e.to_string())?;
        let port = l.local_addr().map_err(|e| e.to_string())?.port();
        drop(l);
        if udp_free(SocketAddr::new(LOOPBACK, port)) {
            return Ok(port);
        }
    }
    Err("no free loopback port".into())
}

/// `preferred` when free (TCP, and UDP too for DNS), else another; a note says so.
fn port_or(preferred: u16, udp: bool, what: &str, notes: &mut Vec<String>) -> Result<u16, String> {
    let addr = SocketAddr::new(LOOPBACK, preferred);
    if tcp_free(addr) && (!udp || udp_free(addr)) {
        return Ok(preferred);
    }
    let port = free_port()?;
    notes.push(format!(
        "127.0.0.1:{preferred} is taken, so the demo's {what} is on 127.0.0.1:{port}"
    ));
    Ok(port)
}

fn service(name: &str, id: &str, port: u16, checks: SocketAddr) -> serde_json::Value {
    json!({
        "name": name,
        "id": id,
        "port": port,
        "tags": ["demo"],
        "check": {
            "http": format!("http://{checks}/{name}"),
            "interval": "2s",
            "timeout": "1s",
        },
    })
}

impl Plan {
    pub fn new(checks: SocketAddr) -> Result<Plan, String> {
        let dir = tempfile::Builder::new()
            .prefix("ctl-demo-")
            .tempdir()
            .map_err(|e| format!("creating the demo's data dir: {e}"))?;
        let mut notes = Vec::new();
        let http = port_or(8500, false, "HTTP API", &mut notes)?;
        let dns = port_or(8600, true, "DNS", &mut notes)?;
        let key = crate::commands::keygen::new_key();
        let serf: Vec<u16> = (0..5).map(|_| free_port()).collect::<Result<_, _>>()?;
        let join = vec![format!("127.0.0.1:{}", serf[0])];
        let common = |name: &str, serf_port: u16| {
            json!({
                "node_name": name,
                "data_dir": dir.path().join(name).display().to_string(),
                "bind_addr": "127.0.0.1",
                "client_addr": "127.0.0.1",
                "encrypt": key,
                "retry_join": join,
                "retry_interval": "500ms",
                "log_level": "warn",
                "ports": { "serf_lan": serf_port },
            })
        };
        let mut agents = Vec::new();
        for (i, &serf_port) in serf.iter().take(3).enumerate() {
            let name = format!("server-{}", i + 1);
            let mut c = common(&name, serf_port);
            c["server"] = json!(true);
            c["bootstrap_expect"] = json!(3);
            c["ports"]["http"] = json!(free_port()?);
            c["ports"]["server"] = json!(free_port()?);
            c["ports"]["dns"] = json!(-1);
            agents.push(AgentPlan { name, config: c });
        }
        // The first client agent takes the default HTTP and DNS addresses; the second gets
        // any free HTTP port and no DNS.
        let clients = [
            (
                "client-1",
                http,
                dns,
                [("web", "web-1", 8080), ("api", "api-1", 9090)],
            ),
            (
                "client-2",
                free_port()?,
                0,
                [("web", "web-2", 8080), ("db", "db-1", 5432)],
            ),
        ];
        for (i, (name, http_port, dns_port, services)) in clients.into_iter().enumerate() {
            let mut c = common(name, serf[3 + i]);
            c["ports"]["http"] = json!(http_port);
            c["ports"]["dns"] = if dns_port == 0 {
                json!(-1)
            } else {
                json!(dns_port)
            };
            c["services"] = services
                .iter()
                .map(|(svc, id, port)| service(svc, id, *port, checks))
                .collect();
            agents.push(AgentPlan {
                name: name.into(),
                config: c,
            });
        }
        Ok(Plan {
            dir,
            http: SocketAddr::new(LOOPBACK, http),
            dns: SocketAddr::new(LOOPBACK, dns),
            agents,
            notes,
        })
    }
}

/// The running cluster.
pub struct Demo {
    pub plan: Plan,
    children: Vec<(String, Child)>,
}

impl Demo {
    /// Writes each agent's config file and starts it, each in its own process group so a
    /// terminal's Ctrl-C reaches the demo, which then stops them in order.
    pub fn start(plan: Plan) -> Result<Demo, String> {
        let exe = std::env::current_exe().map_err(|e| format!("finding the ctl binary: {e}"))?;
        let mut demo = Demo {
            plan,
            children: Vec::new(),
        };
        for a in &demo.plan.agents {
            let cfg: PathBuf = demo.plan.dir.path().join(format!("{}.json", a.name));
            std::fs::write(&cfg, a.config.to_string())
                .map_err(|e| format!("writing {}: {e}", cfg.display()))?;
            let log = demo.plan.dir.path().join(format!("{}.log", a.name));
            let out = std::fs::File::create(&log)
                .map_err(|e| format!("creating {}: {e}", log.display()))?;
            let err = out
                .try_clone()
                .map_err(|e| format!("creating {}: {e}", log.display()))?;
            let mut cmd = Command::new(&exe);
            cmd.arg("agent")
                .arg("--config-file")
                .arg(&cfg)
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err);
            {
                use std::os::unix::process::CommandExt;
                cmd.process_group(0);
            }
            let child = cmd
                .spawn()
                .map_err(|e| format!("starting {}: {e}", a.name))?;
            demo.children.push((a.name.clone(), child));
        }
        Ok(demo)
    }

    /// An agent that has exited, with the end of its log.
    pub fn exited(&mut self) -> Option<String> {
        for (name, child) in &mut self.children {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(self.plan.dir.path().join(format!("{name}.log")))
                    .unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(8).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                return Some(format!("{name} exited ({status}):\n{}", tail.join("\n")));
            }
        }
        None
    }

    /// Resolves when any agent exits.
    pub async fn any_exit(&mut self) -> String {
        loop {
            if let Some(e) = self.exited() {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// Stops every agent (SIGTERM, then SIGKILL after 10 s) and removes the data dir.
    pub async fn stop(mut self) {
        for (_, child) in &self.children {
            signal(child, rustix::process::Signal::TERM);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        for (_, child) in &mut self.children {
            while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        self.kill_all();
    }

    fn kill_all(&mut self) {
        for (_, child) in &mut self.children {
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
        self.children.clear();
    }
}

fn signal(child: &Child, sig: rustix::process::Signal) {
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process(pid, sig);
    }
}

impl Drop for Demo {
    /// Whatever way the demo ends, no agent outlives it (the data dir goes with `plan.dir`).
    fn drop(&mut self) {
        self.kill_all();
    }
}
