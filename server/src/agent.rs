//! `ctl agent`: opens storage, starts Raft (on servers) and the HTTP API, and runs until a
//! shutdown signal, then stops every part in order so nothing acknowledged is lost.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::http::{self, AppState};
use crate::raft::{NodeId, RaftNode, ServerNode};
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
    Bind { what: &'static str, addr: SocketAddr, reason: String },
}

/// A started agent.
pub struct Agent {
    config: Arc<Config>,
    node_id: String,
    raft: Option<RaftNode>,
    http_addr: Option<SocketAddr>,
    http_task: Option<tokio::task::JoinHandle<()>>,
    http_stop: watch::Sender<bool>,
    /// Holds `--dev` storage; removed when the agent is dropped.
    _temp: Option<tempfile::TempDir>,
}

/// Reads the node id from the data dir, or creates and persists one.
fn node_id(dir: &Path, configured: Option<&str>) -> Result<String, StartError> {
    let path = dir.join("node-id");
    let err = |reason: String| StartError::DataDir { dir: dir.to_path_buf(), reason };
    match std::fs::read_to_string(&path) {
        Ok(s) => {
            let id = s.trim().to_string();
            uuid::Uuid::parse_str(&id).map_err(|e| err(format!("node-id file holds {id:?}, not a UUID: {e}")))?;
            if let Some(c) = configured
                && c != id
            {
                return Err(err(format!("node_id {c:?} differs from the persisted node id {id:?}")));
            }
            Ok(id)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let id = configured.map(str::to_string).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            let tmp = dir.join("node-id.tmp");
            std::fs::write(&tmp, &id).map_err(|e| err(format!("writing node-id: {e}")))?;
            std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| err(format!("syncing node-id: {e}")))?;
            std::fs::rename(&tmp, &path).map_err(|e| err(format!("writing node-id: {e}")))?;
            Ok(id)
        }
        Err(e) => Err(err(format!("reading node-id: {e}"))),
    }
}

/// The Raft id for a node UUID: its first eight bytes.
fn raft_id(node_id: &str) -> NodeId {
    let bytes = uuid::Uuid::parse_str(node_id).map(|u| *u.as_bytes()).unwrap_or_default();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    u64::from_be_bytes(first)
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
                    .map_err(|e| StartError::DataDir { dir: std::env::temp_dir(), reason: e.to_string() })?;
                (t.path().to_path_buf(), Some(t))
            }
        };
        std::fs::create_dir_all(&dir).map_err(|e| StartError::DataDir { dir: dir.clone(), reason: e.to_string() })?;
        let node_id = node_id(&dir, config.node_id.as_deref())?;
        let raft = if config.server {
            let raft_dir = dir.join("raft");
            let db = sled::Config::new()
                .path(&raft_dir)
                .cache_capacity(64 * 1024 * 1024)
                .mode(sled::Mode::LowSpace)
                .flush_every_ms(None)
                .open()
                .map_err(|e| StartError::Storage { dir: raft_dir.clone(), reason: e.to_string() })?;
            let me = ServerNode {
                addr: SocketAddr::new(config.advertise_addr, config.server_port.max(0) as u16).to_string(),
                node_id: node_id.clone(),
                name: config.node_name.clone(),
            };
            Some(RaftNode::start(db, &config, raft_id(&node_id), me).await.map_err(StartError::Raft)?)
        } else {
            None
        };
        let config = Arc::new(config);
        let (http_stop, mut stop_rx) = watch::channel(false);
        let (http_addr, http_task) = if config.http_port >= 0 {
            let addr = SocketAddr::new(config.client_addr, config.http_port as u16);
            let listener = TcpListener::bind(addr).await.map_err(|e| StartError::Bind {
                what: "HTTP",
                addr,
                reason: e.to_string(),
            })?;
            let bound =
                listener.local_addr().map_err(|e| StartError::Bind { what: "HTTP", addr, reason: e.to_string() })?;
            let state = AppState {
                config: config.clone(),
                node_id: node_id.clone(),
                raft: raft.clone(),
                started: Instant::now(),
            };
            let app = http::router(state);
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
        Ok(Agent { config, node_id, raft, http_addr, http_task, http_stop, _temp: temp })
    }

    /// The bound HTTP address, if HTTP is enabled.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
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
            ("Server", format!("{} (Bootstrap: {})", c.server, c.bootstrap_expect == 1)),
            ("Client Addr", format!("[{}] (HTTP: {}, HTTPS: -1, DNS: -1)", c.client_addr, port(self.http_addr))),
            (
                "Cluster Addr",
                format!("{} (Server RPC: {})", c.advertise_addr, if c.server { c.server_port } else { -1 }),
            ),
            (
                "Data Dir",
                match &c.data_dir {
                    Some(d) => format!("'{}'", d.display()),
                    None => "temporary (--dev)".into(),
                },
            ),
            ("Gossip Encryption", "false".into()),
        ];
        let mut out = String::from("==> Starting ctl agent...\n");
        for (k, v) in lines {
            out.push_str(&format!("{k:>22}: {v}\n"));
        }
        out.push_str("\n==> Log data will now stream in as it occurs:\n");
        out
    }

    /// Runs until `shutdown` resolves, then stops HTTP, Raft and storage in that order.
    pub async fn run_until(mut self, shutdown: impl std::future::Future<Output = ()>) {
        shutdown.await;
        tracing::info!("caught signal, shutting down");
        let _ = self.http_stop.send(true);
        if let Some(mut task) = self.http_task.take() {
            // Blocking queries may hold connections for minutes; give ordinary requests a moment
            // to finish, then drop the rest.
            if tokio::time::timeout(Duration::from_secs(2), &mut task).await.is_err() {
                task.abort();
            }
        }
        if let Some(raft) = &self.raft {
            raft.shutdown().await;
        }
        tracing::info!("shutdown complete");
    }
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
