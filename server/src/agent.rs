//! `ctl agent`: opens storage, starts Raft (on servers) and the HTTP API, and runs until a
//! shutdown signal, then stops every part in order so nothing acknowledged is lost.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::gossip::keyring::{Key, Keyring};
use crate::gossip::pool::{Pool, PoolConfig, read_keyring, write_keyring};
use crate::gossip::swim::SwimConfig;
use crate::http::{self, AppState, AppStateInner};
use crate::raft::{RaftNode, ServerNode, membership, raft_id};
use crate::rpc::{self, RpcClient};
use crate::tls::listener::TlsListener;
use crate::tls::material::Tls;
use crate::version::VERSION;

/// Why the agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("data dir {dir}: {reason}")]
    DataDir { dir: PathBuf, reason: String },
    #[error("opening storage at {dir}: {reason}")]
    Storage { dir: PathBuf, reason: String },
    #[error("raft: {0}")]
    Raft(String),
    #[error("binding the {what} listener on {addr}: {reason}")]
    Bind {
        what: &'static str,
        addr: SocketAddr,
        reason: String,
    },
    #[error("keyring: {0}")]
    Keyring(String),
    #[error("{0}")]
    Gossip(String),
    /// A service or check from the config files that the agent cannot run.
    #[error("{0}")]
    Definition(String),
    /// TLS files or settings that cannot be used.
    #[error("TLS: {0}")]
    Tls(String),
}

/// A started agent.
pub struct Agent {
    config: Arc<Config>,
    node_id: String,
    raft: Option<RaftNode>,
    http_addr: Option<SocketAddr>,
    dns_addr: Option<SocketAddr>,
    http_task: Option<tokio::task::JoinHandle<()>>,
    https_addr: Option<SocketAddr>,
    https_task: Option<tokio::task::JoinHandle<()>>,
    http_stop: watch::Sender<bool>,
    /// The TLS state (reloaded in place).
    tls: Arc<Tls>,
    reloader: Arc<crate::reload::Reloader>,
    pool: Option<Pool>,
    encrypted: bool,
    /// Set when `/v1/agent/leave` finished a graceful leave: the agent then exits.
    left: watch::Receiver<bool>,
    warnings: Vec<String>,
    /// Holds `--dev` storage; removed when the agent is dropped.
    _temp: Option<tempfile::TempDir>,
}

/// A TCP listener with a deep accept queue: a thousand watchers reconnecting at once (after a
/// leader change, say) must queue, not be refused with SYN cookies.
fn listen(addr: SocketAddr, backlog: u32) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(backlog)
}

/// Binds the DNS port over UDP and TCP. With port 0, the OS picks the UDP port and TCP takes the
/// same one (retrying with a fresh pick if another process holds it on TCP).
async fn bind_dns(
    addr: SocketAddr,
) -> Result<(tokio::net::UdpSocket, TcpListener, SocketAddr), StartError> {
    let bind_err = |e: std::io::Error| StartError::Bind {
        what: "DNS",
        addr,
        reason: e.to_string(),
    };
    let mut attempts = if addr.port() == 0 { 20 } else { 1 };
    loop {
        let udp = tokio::net::UdpSocket::bind(addr).await.map_err(bind_err)?;
        let bound = udp.local_addr().map_err(bind_err)?;
        match TcpListener::bind(bound).await {
            Ok(tcp) => return Ok((udp, tcp, bound)),
            Err(e) if attempts > 1 && e.kind() == std::io::ErrorKind::AddrInUse => attempts -= 1,
            Err(e) => return Err(bind_err(e)),
        }
    }
}

/// Reads the node id from the data dir, or creates and persists one.
fn node_id(dir: &Path, configured: Option<&str>) -> Result<String, StartError> {
    let path = dir.join("node-id");
    let err = |reason: String| StartError::DataDir {
        dir: dir.to_path_buf(),
        reason,
    };
    match std::fs::read_to_string(&path) {
        Ok(s) => {
            let id = s.trim().to_string();
            uuid::Uuid::parse_str(&id)
                .map_err(|e| err(format!("node-id file holds {id:?}, not a UUID: {e}")))?;
            if let Some(c) = configured
                && c != id
            {
                return Err(err(format!(
                    "node_id {c:?} differs from the persisted node id {id:?}"
                )));
            }
            Ok(id)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let id = configured
                .map(str::to_string)
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            let tmp = dir.join("node-id.tmp");
            std::fs::write(&tmp, &id).map_err(|e| err(format!("writing node-id: {e}")))?;
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| err(format!("syncing node-id: {e}")))?;
            std::fs::rename(&tmp, &path).map_err(|e| err(format!("writing node-id: {e}")))?;
            Ok(id)
        }
        Err(e) => Err(err(format!("reading node-id: {e}"))),
    }
}

impl Agent {
    /// Starts every subsystem; returns once the agent is listening.
    pub async fn start(config: Config) -> Result<Agent, StartError> {
        crate::install_crypto_provider();
        let (dir, temp) = match &config.data_dir {
            Some(d) => (d.clone(), None),
            None => {
                let t = tempfile::Builder::new()
                    .prefix("ctl-dev-")
                    .tempdir()
                    .map_err(|e| StartError::DataDir {
                        dir: std::env::temp_dir(),
                        reason: e.to_string(),
                    })?;
                (t.path().to_path_buf(), Some(t))
            }
        };
        std::fs::create_dir_all(&dir).map_err(|e| StartError::DataDir {
            dir: dir.clone(),
            reason: e.to_string(),
        })?;
        let node_id = node_id(&dir, config.node_id.as_deref())?;
        // Runtime settings (a rollout's stages) persist in the data dir and win over the files.
        let base = Arc::new(config.clone());
        let overrides =
            crate::runtime::Overrides::load(&dir).map_err(|reason| StartError::DataDir {
                dir: dir.clone(),
                reason,
            })?;
        let mut config = config;
        overrides.apply(&mut config, &dir);
        // Always present (possibly empty), so a reload can turn TLS on for RPC.
        let tls = Arc::new(
            Tls::new(&config.tls, &config.datacenter, &config.dns.domain)
                .map_err(|e| StartError::Tls(e.to_string()))?,
        );
        let mut https_waits = false;
        if config.https_port >= 0 && tls.current().https_server.is_none() {
            // The port is bound anyway and refuses connections until a certificate arrives,
            // which lets a TLS rollout bring HTTPS up without a restart.
            https_waits = true;
        }
        let rpc = RpcClient::default().with_tls(Some(tls.clone()));
        // Servers bind their RPC port first: with port 0 the OS picks it, and Raft's membership
        // and the gossip tags must carry the real one.
        let rpc_listener = if config.server && config.server_port >= 0 {
            let addr = SocketAddr::new(config.bind_addr, config.server_port as u16);
            let bind_err = |e: std::io::Error| StartError::Bind {
                what: "server RPC",
                addr,
                reason: e.to_string(),
            };
            let l = TcpListener::bind(addr).await.map_err(bind_err)?;
            config.server_port = i64::from(l.local_addr().map_err(bind_err)?.port());
            Some(l)
        } else {
            None
        };
        let raft = if config.server {
            let raft_dir = dir.join("raft");
            let db = sled::Config::new()
                .path(&raft_dir)
                .cache_capacity(64 * 1024 * 1024)
                .mode(sled::Mode::LowSpace)
                .flush_every_ms(None)
                .open()
                .map_err(|e| StartError::Storage {
                    dir: raft_dir.clone(),
                    reason: e.to_string(),
                })?;
            let me = ServerNode {
                addr: SocketAddr::new(config.advertise_addr, config.server_port.max(0) as u16)
                    .to_string(),
                node_id: node_id.clone(),
                name: config.node_name.clone(),
            };
            Some(
                RaftNode::start(db, &dir, &config, raft_id(&node_id), me, rpc.clone())
                    .await
                    .map_err(StartError::Raft)?,
            )
        } else {
            None
        };
        let (http_stop, mut stop_rx) = watch::channel(false);
        let mut warnings: Vec<String> = config
            .warnings
            .iter()
            .map(|w| format!("==> WARNING: {w}"))
            .collect();
        if https_waits {
            warnings.push(format!(
                "==> WARNING: ports.https is set but no certificate is loaded (tls.https \
                 cert_file/key_file, or {}): HTTPS refuses connections until one is",
                dir.join(crate::runtime::TLS_DIR).display()
            ));
        }
        let pool = if config.serf_lan_port >= 0 {
            Some(start_pool(&config, &dir, &node_id, stop_rx.clone(), &mut warnings).await?)
        } else {
            None
        };
        if let Some(pool) = &pool {
            join_at_start(&config, pool).await?;
        }
        let config = Arc::new(config);
        let (left_tx, left) = watch::channel(false);
        let local = crate::local::LocalState::open(
            config.node_name.clone(),
            dir.clone(),
            config.script_checks,
        );
        // Definitions from config files are registered afresh at every start; they are not
        // persisted, so removing one from the files removes it from the agent.
        for def in &config.services {
            if let Err(e) = local.add_service(def.clone(), false) {
                return Err(StartError::Definition(format!("service {:?}: {e}", def.id)));
            }
        }
        for def in &config.checks {
            if let Err(e) = local.add_check(def.clone(), false) {
                return Err(StartError::Definition(format!("check {:?}: {e}", def.id)));
            }
        }
        let sessions = Arc::new(crate::session::ttl::Timers::default());
        let state = AppState::new(AppStateInner {
            config: config.clone(),
            node_id: node_id.clone(),
            raft: raft.clone(),
            pool: pool.clone(),
            rpc: rpc.clone(),
            avoid: Arc::default(),
            left: Arc::new(left_tx.clone()),
            started: Instant::now(),
            local: Some(local.clone()),
            sessions: sessions.clone(),
            health_cache: Default::default(),
            reloader: Arc::new(crate::reload::Reloader::new(
                base,
                overrides,
                dir.clone(),
                tls.clone(),
                pool.clone(),
                Some(local.clone()),
            )),
        });
        if let Some(pool) = &pool
            && let Some(queries) = pool.take_queries()
        {
            tokio::spawn(crate::runtime::answer_queries(
                queries,
                pool.clone(),
                state.reloader.clone(),
            ));
        }
        if let Some(node) = &raft {
            let node = node.clone();
            let mut stop = stop_rx.clone();
            tokio::spawn(async move {
                tokio::select! {
                    _ = node.count_leader_changes() => {}
                    _ = stop.wait_for(|s| *s) => {}
                }
            });
        }
        if let Some(node) = &raft {
            tokio::spawn(crate::session::ttl::run(
                node.clone(),
                sessions.clone(),
                stop_rx.clone(),
            ));
        }
        tokio::spawn(crate::local::sync::run(
            local.clone(),
            http::router(state.clone()),
            node_id.clone(),
            config.advertise_addr.to_string(),
            if config.dev {
                Duration::from_secs(5)
            } else {
                Duration::from_secs(60)
            },
            stop_rx.clone(),
        ));
        if let (Some(listener), Some(node)) = (rpc_listener, &raft) {
            let handler = Arc::new(rpc::server::Handler {
                raft: node.clone(),
                router: http::router(state.clone()),
                tls: Some(tls.clone()),
            });
            tokio::spawn(rpc::server::serve(listener, handler, stop_rx.clone()));
        }
        if let (Some(node), Some(pool)) = (&raft, &pool) {
            let settings = membership::Settings {
                datacenter: config.datacenter.clone(),
                bootstrap_expect: config.bootstrap_expect,
                cleanup_dead_servers: config.autopilot.cleanup_dead_servers,
                server_stabilization_time: config.autopilot.server_stabilization_time,
                min_quorum: config.autopilot.min_quorum as usize,
                interval: if config.dev {
                    Duration::from_millis(200)
                } else {
                    Duration::from_millis(500)
                },
            };
            let interval = settings.interval;
            tokio::spawn(membership::run(
                node.clone(),
                pool.clone(),
                rpc.clone(),
                settings,
                stop_rx.clone(),
            ));
            tokio::spawn(crate::catalog::serf_health::run(
                node.clone(),
                pool.clone(),
                config.datacenter.clone(),
                interval,
                stop_rx.clone(),
            ));
        }
        let dns_addr = if config.dns_port >= 0 {
            let (udp, tcp, addr) =
                bind_dns(SocketAddr::new(config.client_addr, config.dns_port as u16)).await?;
            // Servers answer from their own copy of the catalog; client agents from a mirror
            // of the parts DNS asks for, followed through the servers.
            let source: Arc<dyn crate::dns::Source> = match &raft {
                Some(node) => Arc::new(crate::catalog::dns::CatalogSource::new(
                    node.state().clone(),
                )),
                None => Arc::new(crate::catalog::mirror::MirrorSource(
                    crate::catalog::mirror::Mirror::start(
                        http::router(state.clone()),
                        stop_rx.clone(),
                    ),
                )),
            };
            let dns_config = Arc::new(config.dns.clone());
            let mut stop = stop_rx.clone();
            tokio::spawn(async move {
                tokio::select! {
                    _ = crate::dns::serve(udp, tcp, source, dns_config) => {}
                    _ = stop.wait_for(|s| *s) => {}
                }
            });
            Some(addr)
        } else {
            None
        };
        let (http_addr, http_task) = if config.http_port >= 0 {
            let addr = SocketAddr::new(config.client_addr, config.http_port as u16);
            let listener = listen(addr, 4096).map_err(|e| StartError::Bind {
                what: "HTTP",
                addr,
                reason: e.to_string(),
            })?;
            let bound = listener.local_addr().map_err(|e| StartError::Bind {
                what: "HTTP",
                addr,
                reason: e.to_string(),
            })?;
            let app = http::router(state.clone());
            let task = tokio::spawn(async move {
                let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                    let _ = stop_rx.wait_for(|s| *s).await;
                });
                if let Err(e) = serve.await {
                    tracing::error!("HTTP server: {e}");
                }
            });
            (Some(bound), Some(task))
        } else {
            (None, None)
        };
        let (https_addr, https_task) = match (&tls, config.https_port >= 0) {
            (tls, true) => {
                let addr = SocketAddr::new(config.client_addr, config.https_port as u16);
                let bind_err = |e: std::io::Error| StartError::Bind {
                    what: "HTTPS",
                    addr,
                    reason: e.to_string(),
                };
                let listener = TlsListener::new(listen(addr, 4096).map_err(bind_err)?, tls.clone())
                    .map_err(bind_err)?;
                let bound = axum::serve::Listener::local_addr(&listener).map_err(bind_err)?;
                let app = http::router(state.clone());
                let mut stop = http_stop.subscribe();
                let task = tokio::spawn(async move {
                    let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                        let _ = stop.wait_for(|s| *s).await;
                    });
                    if let Err(e) = serve.await {
                        tracing::error!("HTTPS server: {e}");
                    }
                });
                (Some(bound), Some(task))
            }
            _ => (None, None),
        };
        let encrypted = match &pool {
            Some(p) => p.stats().await.encrypted,
            None => false,
        };
        Ok(Agent {
            config,
            node_id,
            raft,
            dns_addr,
            http_addr,
            http_task,
            https_addr,
            https_task,
            http_stop,
            tls,
            reloader: state.reloader.clone(),
            pool,
            encrypted,
            left,
            warnings,
            _temp: temp,
        })
    }

    /// The gossip pool, when gossip is enabled.
    pub fn pool(&self) -> Option<&Pool> {
        self.pool.as_ref()
    }

    /// The bound HTTP address, if HTTP is enabled.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
    }

    /// The bound HTTPS address, if HTTPS is enabled.
    pub fn https_addr(&self) -> Option<SocketAddr> {
        self.https_addr
    }

    /// The agent's TLS state.
    pub fn tls(&self) -> &Arc<Tls> {
        &self.tls
    }

    /// The bound DNS address (UDP and TCP), if DNS is served.
    pub fn dns_addr(&self) -> Option<SocketAddr> {
        self.dns_addr
    }

    /// The startup banner, in Consul's layout.
    pub fn banner(&self) -> String {
        let c = &self.config;
        let port = |p: Option<SocketAddr>| p.map_or(-1, |a| i64::from(a.port()));
        let lines = [
            ("Version", format!("'{VERSION}'")),
            ("Node ID", format!("'{}'", self.node_id)),
            ("Node name", format!("'{}'", c.node_name)),
            ("Datacenter", format!("'{}'", c.datacenter)),
            (
                "Server",
                format!("{} (Bootstrap: {})", c.server, c.bootstrap_expect == 1),
            ),
            (
                "Client Addr",
                format!(
                    "[{}] (HTTP: {}, HTTPS: {}, DNS: {})",
                    c.client_addr,
                    port(self.http_addr),
                    port(self.https_addr),
                    port(self.dns_addr)
                ),
            ),
            (
                "Cluster Addr",
                format!(
                    "{} (LAN: {}, Server RPC: {})",
                    c.advertise_addr,
                    self.pool.as_ref().map_or(-1, |p| i64::from(p.addr.port())),
                    if c.server { c.server_port } else { -1 }
                ),
            ),
            (
                "Data Dir",
                match &c.data_dir {
                    Some(d) => format!("'{}'", d.display()),
                    None => "temporary (--dev)".into(),
                },
            ),
            ("Gossip Encryption", self.encrypted.to_string()),
            ("Internal RPC TLS", tls_line(&c.tls.internal_rpc, true)),
            ("HTTPS TLS", tls_line(&c.tls.https, false)),
        ];
        let mut out = String::new();
        for w in &self.warnings {
            out.push_str(w);
            out.push('\n');
        }
        out.push_str("==> Starting ctl agent...\n");
        for (k, v) in lines {
            out.push_str(&format!("{k:>22}: {v}\n"));
        }
        out.push_str("\n==> Log data will now stream in as it occurs:\n");
        out
    }

    /// Runs until `shutdown` resolves (or a graceful leave completes), then stops HTTP, gossip,
    /// Raft and storage in that order. Client agents leave the pool gracefully on a signal, as
    /// Consul's do; servers do not, so a restart does not cost the cluster a voter.
    pub async fn run_until(mut self, shutdown: impl std::future::Future<Output = ()>) {
        let mut left = self.left.clone();
        // SIGHUP reloads the configuration, as in Consul.
        let reloader = self.reloader.clone();
        let hup = tokio::spawn(async move {
            let Ok(mut hup) =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
            else {
                return;
            };
            while hup.recv().await.is_some() {
                tracing::info!("caught SIGHUP, reloading the configuration");
                match reloader.reload().await {
                    Ok(r) => tracing::info!(
                        applied = ?r.applied,
                        restart_required = ?r.restart_required,
                        "configuration reloaded"
                    ),
                    Err(e) => tracing::error!("reload failed, nothing changed: {e}"),
                }
            }
        });
        // Startup is over: its code need not stay resident (see `code_pages`).
        let trim = tokio::spawn(crate::code_pages::keep_released());
        tokio::select! {
            _ = shutdown => {
                tracing::info!("caught signal, shutting down");
                if !self.config.server
                    && let Some(pool) = &self.pool
                {
                    tracing::info!("leaving the pool gracefully");
                    pool.leave().await;
                }
            }
            _ = left.wait_for(|l| *l) => tracing::info!("graceful leave complete, shutting down"),
        }
        hup.abort();
        trim.abort();
        let _ = self.http_stop.send(true);
        for mut task in [self.http_task.take(), self.https_task.take()]
            .into_iter()
            .flatten()
        {
            // Blocking queries may hold connections for minutes; give ordinary requests a moment
            // to finish, then drop the rest.
            if tokio::time::timeout(Duration::from_secs(2), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
        if let Some(raft) = &self.raft {
            raft.shutdown().await;
        }
        tracing::info!("shutdown complete");
    }
}

/// Loads or creates the keyring and starts the LAN pool.
async fn start_pool(
    config: &Config,
    dir: &Path,
    node_id: &str,
    shutdown: watch::Receiver<bool>,
    warnings: &mut Vec<String>,
) -> Result<Pool, StartError> {
    let keyring_file =
        (!config.disable_keyring_file).then(|| dir.join("serf").join("local.keyring"));
    let from_file = match &keyring_file {
        Some(p) => read_keyring(p).map_err(StartError::Keyring)?,
        None => None,
    };
    let keyring = match (from_file, &config.encrypt) {
        (Some(ring), Some(_)) => {
            warnings
                .push("==> WARNING: LAN keyring exists but -encrypt given, using keyring".into());
            ring
        }
        (Some(ring), None) => ring,
        (None, Some(k)) => {
            let ring = Keyring::new(Key::parse(k).map_err(|e| StartError::Keyring(e.to_string()))?);
            if let Some(p) = &keyring_file {
                let keys: Vec<String> = ring.keys().iter().map(Key::to_base64).collect();
                write_keyring(p, &keys)
                    .map_err(|e| StartError::Keyring(format!("{}: {e}", p.display())))?;
            }
            ring
        }
        (None, None) => Keyring::default(),
    };
    let advertise = SocketAddr::new(config.advertise_addr, config.serf_lan_port as u16);
    let g = &config.gossip;
    let mut swim = if g.fast {
        SwimConfig::fast(config.node_name.clone(), advertise)
    } else {
        SwimConfig::lan(config.node_name.clone(), advertise)
    };
    if let Some(v) = g.gossip_nodes {
        swim.gossip_nodes = v;
    }
    if let Some(v) = g.gossip_interval {
        swim.gossip_interval = v;
    }
    if let Some(v) = g.probe_interval {
        swim.probe_interval = v;
    }
    if let Some(v) = g.probe_timeout {
        swim.probe_timeout = v;
    }
    if let Some(v) = g.retransmit_mult {
        swim.retransmit_mult = v;
    }
    if let Some(v) = g.suspicion_mult {
        swim.suspicion_mult = v;
    }
    let fast = g.fast;
    let cfg = PoolConfig {
        swim,
        bind: SocketAddr::new(config.bind_addr, config.serf_lan_port as u16),
        tags: tags(config, node_id),
        keyring,
        verify_incoming: config.encrypt_verify_incoming,
        verify_outgoing: config.encrypt_verify_outgoing,
        keyring_file,
        reconnect_interval: if fast {
            Duration::from_secs(3)
        } else {
            Duration::from_secs(30)
        },
        reconnect_timeout: config.reconnect_timeout,
        tombstone_timeout: Duration::from_secs(24 * 3600),
        leave_propagate: if fast {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(1)
        },
        tcp_timeout: Duration::from_secs(10),
    };
    Pool::start(cfg, shutdown)
        .await
        .map_err(|e| StartError::Bind {
            what: "gossip",
            addr: e.addr,
            reason: e.reason,
        })
}

/// Consul's member tags, so `members` shows type, build and protocol for our agents.
fn tags(config: &Config, node_id: &str) -> std::collections::BTreeMap<String, String> {
    let mut t = std::collections::BTreeMap::new();
    let mut put = |k: &str, v: String| {
        t.insert(k.to_string(), v);
    };
    put("role", if config.server { "consul" } else { "node" }.into());
    put("dc", config.datacenter.clone());
    put("id", node_id.to_string());
    put("vsn", "2".into());
    put("vsn_min", "2".into());
    put("vsn_max", "3".into());
    put("build", format!("{VERSION}:{}", crate::version::REVISION));
    put("segment", String::new());
    if config.server {
        put("port", config.server_port.to_string());
        put("raft_vsn", "3".into());
        if config.bootstrap_expect > 0 {
            put("expect", config.bootstrap_expect.to_string());
        }
    }
    t
}

/// `start_join` must succeed at start-up; `retry_join` keeps trying in the background.
async fn join_at_start(config: &Config, pool: &Pool) -> Result<(), StartError> {
    let parse = |list: &[String]| -> Result<Vec<SocketAddr>, StartError> {
        list.iter()
            .map(|a| crate::gossip::address::parse(a, 8301).map_err(StartError::Gossip))
            .collect()
    };
    let start = parse(&config.start_join)?;
    if !start.is_empty() {
        let (n, errors) = pool.join(start).await;
        if n == 0 {
            return Err(StartError::Gossip(format!(
                "Failed to join any nodes: {}",
                errors.join("; ")
            )));
        }
        tracing::info!("joined the pool through {n} node(s)");
    }
    let retry = parse(&config.retry_join)?;
    if !retry.is_empty() {
        let (pool, interval, max) = (pool.clone(), config.retry_interval, config.retry_max);
        tokio::spawn(async move {
            let mut attempt = 0u64;
            loop {
                attempt += 1;
                let (n, errors) = pool.join(retry.clone()).await;
                if n > 0 {
                    tracing::info!("retry-join: joined through {n} node(s)");
                    return;
                }
                tracing::warn!(
                    "retry-join: attempt {attempt} failed: {}",
                    errors.join("; ")
                );
                if max > 0 && attempt >= max {
                    tracing::error!("retry-join: giving up after {attempt} attempts");
                    return;
                }
                tokio::time::sleep(interval).await;
            }
        });
    }
    Ok(())
}

/// A listener's TLS flags for the banner, in Consul's words.
fn tls_line(s: &crate::tls::settings::Settings, rpc: bool) -> String {
    let hostname = if rpc {
        format!(" (Verify Hostname: {})", s.verify_server_hostname)
    } else {
        String::new()
    };
    format!(
        "Verify Incoming: {}, Verify Outgoing: {}{hostname}, Min Version: {}",
        s.verify_incoming,
        s.verify_outgoing,
        s.min_version.name()
    )
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
