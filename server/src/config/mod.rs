//! Agent configuration in Consul's format: JSON and HCL files, directories of them, and flags,
//! merged in that order (later files over earlier, flags over files), checked, and turned into one
//! [`Config`] with every default applied.
//!
//! Only keys this agent acts on are accepted: an unknown key is a startup error naming the file and
//! key, never a silent no-op.

pub mod file;
mod validate;

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: {reason}")]
    File { file: PathBuf, reason: String },
    #[error("{origin}: {key}: {reason}")]
    Key {
        origin: String,
        key: String,
        reason: String,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Where configuration comes from, in merge order: files, then directories, then flags.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub files: Vec<PathBuf>,
    pub dirs: Vec<PathBuf>,
    /// The flags given on the command line, as a config object with Consul's key names.
    pub flags: Value,
    /// `--dev`: a self-bootstrapping single server on temporary storage with fast timings.
    pub dev: bool,
}

/// Log verbosity, with Consul's level names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    /// Parses Consul's names (`TRACE`, `DEBUG`, `INFO`, `WARN`, `ERR`), case-insensitively.
    pub fn parse(s: &str) -> Option<LogLevel> {
        match s.to_ascii_lowercase().as_str() {
            "trace" => Some(LogLevel::Trace),
            "debug" => Some(LogLevel::Debug),
            "info" => Some(LogLevel::Info),
            "warn" | "warning" => Some(LogLevel::Warn),
            "err" | "error" => Some(LogLevel::Error),
            _ => None,
        }
    }

    /// The `tracing` filter directive for this level.
    pub fn directive(self) -> &'static str {
        match self {
            LogLevel::Trace => "trace",
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// Raft timings, already scaled by `performance.raft_multiplier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaftTimings {
    pub heartbeat: Duration,
    pub election_min: Duration,
    pub election_max: Duration,
}

/// Overrides of the LAN gossip profile (`gossip_lan`); `fast` selects Consul's dev profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GossipTimings {
    pub fast: bool,
    pub gossip_nodes: Option<usize>,
    pub gossip_interval: Option<Duration>,
    pub probe_interval: Option<Duration>,
    pub probe_timeout: Option<Duration>,
    pub retransmit_mult: Option<u32>,
    pub suspicion_mult: Option<u32>,
}

/// The validated runtime configuration of one agent.
#[derive(Debug, Clone)]
pub struct Config {
    pub dev: bool,
    pub datacenter: String,
    /// `None` only under `--dev`, where storage is a temporary directory.
    pub data_dir: Option<PathBuf>,
    pub node_name: String,
    pub node_id: Option<String>,
    pub server: bool,
    pub bootstrap_expect: u32,
    pub bind_addr: IpAddr,
    pub advertise_addr: IpAddr,
    pub client_addr: IpAddr,
    /// -1 disables, 0 picks a free port.
    pub http_port: i64,
    /// The DNS interface (UDP and TCP); -1 disables.
    pub dns_port: i64,
    pub server_port: i64,
    pub serf_lan_port: i64,
    /// The gossip key given in config (the keyring file, once written, wins over it).
    pub encrypt: Option<String>,
    pub encrypt_verify_incoming: bool,
    pub encrypt_verify_outgoing: bool,
    pub disable_keyring_file: bool,
    pub start_join: Vec<String>,
    pub retry_join: Vec<String>,
    pub retry_interval: Duration,
    /// 0 retries forever.
    pub retry_max: u64,
    pub reconnect_timeout: Duration,
    pub gossip: GossipTimings,
    pub log_level: LogLevel,
    pub log_json: bool,
    pub raft_multiplier: u64,
    pub raft: RaftTimings,
    pub rpc_hold_timeout: Duration,
    pub snapshot_threshold: u64,
    pub snapshot_interval: Duration,
    pub trailing_logs: u64,
    pub kv_max_value_size: u64,
    pub txn_max_req_len: u64,
    pub autopilot: AutopilotConfig,
    pub dns: crate::dns::DnsConfig,
    /// Script checks may run (`enable_script_checks` or `enable_local_script_checks`).
    pub script_checks: bool,
    /// Services defined in config files, registered at start (not persisted: the files are
    /// their source).
    pub services: Vec<crate::local::definition::ServiceDefinition>,
    /// Checks defined on their own in config files.
    pub checks: Vec<crate::local::definition::CheckDefinition>,
    /// The HTTPS API port (`ports.https`); -1 (the default) disables it, 0 picks a free port.
    pub https_port: i64,
    /// TLS for server RPC and HTTPS.
    pub tls: crate::tls::settings::TlsConfig,
    /// What the operator should hear about the configuration (deprecated keys), printed at
    /// start-up.
    pub warnings: Vec<String>,
    /// Where this configuration came from, so a reload can read it again.
    pub sources: Sources,
}

/// Autopilot's settings (`autopilot { … }`), also served at
/// `/v1/operator/autopilot/configuration`.
#[derive(Debug, Clone, PartialEq)]
pub struct AutopilotConfig {
    pub cleanup_dead_servers: bool,
    pub server_stabilization_time: Duration,
    pub last_contact_threshold: Duration,
    pub max_trailing_logs: u64,
    pub min_quorum: u64,
}

/// Loads, merges and checks every source.
pub fn load(sources: &Sources) -> Result<Config, ConfigError> {
    let merged = merge_sources(Value::Object(Default::default()), sources)?;
    let mut config = validate::build(file::check(&merged, "merged configuration")?, sources.dev)?;
    config.sources = sources.clone();
    Ok(config)
}

/// Checks files as `load` would, except that a missing `data_dir` is allowed (it is often given
/// as a flag at start-up), for `ctl validate`.
pub fn validate(sources: &Sources) -> Result<Config, ConfigError> {
    let placeholder = serde_json::json!({ "data_dir": "(given at start-up)" });
    let merged = merge_sources(placeholder, sources)?;
    validate::build(file::check(&merged, "merged configuration")?, sources.dev)
}

/// Merges files, then directories, then flags over `base`, checking each source on its own.
fn merge_sources(mut merged: Value, sources: &Sources) -> Result<Value, ConfigError> {
    for path in &sources.files {
        file::merge(&mut merged, file::load(path)?);
    }
    for dir in &sources.dirs {
        for path in file::dir_files(dir)? {
            file::merge(&mut merged, file::load(&path)?);
        }
    }
    if sources.flags.is_object() {
        file::check(&sources.flags, "command-line flags")?;
        file::merge(&mut merged, sources.flags.clone());
    }
    Ok(merged)
}

/// The host name, Consul's default node name.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

#[cfg(test)]
mod tests;
