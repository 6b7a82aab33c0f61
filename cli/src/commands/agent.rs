//! `ctl agent`: turns flags into a config layer (Consul's key names), loads files under it, sets up
//! logging, prints the banner and runs the agent until SIGINT/SIGTERM.

use std::path::PathBuf;

use clap::Args;
use ctl_server::agent::{Agent, shutdown_signal};
use ctl_server::config::{self, LogLevel, Sources};
use serde_json::{Map, Value, json};

use crate::{CliError, output};

/// Flags use Consul's names; each one becomes the config key in its doc comment.
#[derive(Debug, Args)]
pub struct AgentArgs {
    /// Development mode: a single self-bootstrapping server, temporary storage, fast timings.
    #[arg(long)]
    pub dev: bool,
    /// Run as a server (`server`).
    #[arg(long)]
    pub server: bool,
    /// Bootstrap a single-server cluster (`bootstrap`).
    #[arg(long)]
    pub bootstrap: bool,
    /// Servers to wait for before bootstrapping (`bootstrap_expect`).
    #[arg(long, value_name = "N")]
    pub bootstrap_expect: Option<u32>,
    /// Where state is kept (`data_dir`).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<String>,
    /// A JSON or HCL config file; repeatable, later files win.
    #[arg(long, value_name = "FILE")]
    pub config_file: Vec<PathBuf>,
    /// A directory of .json/.hcl files read in lexical order; repeatable.
    #[arg(long, value_name = "DIR")]
    pub config_dir: Vec<PathBuf>,
    /// Node name (`node_name`, default: the host name).
    #[arg(long, value_name = "NAME")]
    pub node: Option<String>,
    /// Node id, a UUID (`node_id`; generated and persisted when absent).
    #[arg(long, value_name = "UUID")]
    pub node_id: Option<String>,
    /// Datacenter (`datacenter`, default dc1).
    #[arg(long, value_name = "DC")]
    pub datacenter: Option<String>,
    /// Address for cluster traffic (`bind_addr`).
    #[arg(long, value_name = "IP")]
    pub bind: Option<String>,
    /// Address advertised to other nodes (`advertise_addr`).
    #[arg(long, value_name = "IP")]
    pub advertise: Option<String>,
    /// Address of the HTTP API (`client_addr`, default 127.0.0.1).
    #[arg(long, value_name = "IP")]
    pub client: Option<String>,
    /// HTTP API port (`ports.http`, default 8500; -1 disables, 0 picks a free port).
    #[arg(long, value_name = "PORT", allow_negative_numbers = true)]
    pub http_port: Option<i64>,
    /// HTTPS API port (`ports.https`, default -1 = off; needs `tls.https` certificates).
    #[arg(long, value_name = "PORT", allow_negative_numbers = true)]
    pub https_port: Option<i64>,
    /// DNS port, UDP and TCP (`ports.dns`, default 8600; -1 disables, 0 picks a free port).
    #[arg(long, value_name = "PORT", allow_negative_numbers = true)]
    pub dns_port: Option<i64>,
    /// Server RPC port (`ports.server`, default 8300).
    #[arg(long, value_name = "PORT", allow_negative_numbers = true)]
    pub server_port: Option<i64>,
    /// TRACE, DEBUG, INFO, WARN or ERR (`log_level`).
    #[arg(long, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// Log in JSON (`log_json`).
    #[arg(long)]
    pub log_json: bool,
    /// Gossip port (`ports.serf_lan`, default 8301; 0 picks a free port).
    #[arg(long, value_name = "PORT", allow_negative_numbers = true)]
    pub serf_lan_port: Option<i64>,
    /// Join the pool through this address at start-up, failing if it cannot (`start_join`).
    #[arg(long, value_name = "ADDR")]
    pub join: Vec<String>,
    /// Join through this address, retrying in the background (`retry_join`).
    #[arg(long, value_name = "ADDR")]
    pub retry_join: Vec<String>,
    /// Time between retry-join attempts (`retry_interval`, default 30s).
    #[arg(long, value_name = "D")]
    pub retry_interval: Option<String>,
    /// Give up retry-join after this many attempts; 0 never gives up (`retry_max`).
    #[arg(long, value_name = "N")]
    pub retry_max: Option<u64>,
    /// Gossip encryption key, base64 (`encrypt`; the keyring file wins once written).
    #[arg(long, value_name = "KEY")]
    pub encrypt: Option<String>,
    /// Do not persist the keyring (`disable_keyring_file`).
    #[arg(long)]
    pub disable_keyring_file: bool,
}

impl AgentArgs {
    /// The flags that were given, as a config object with Consul's key names.
    fn as_config(&self) -> Value {
        let mut m = Map::new();
        let mut put = |k: &str, v: Value| {
            m.insert(k.to_string(), v);
        };
        if self.server {
            put("server", json!(true));
        }
        if self.bootstrap {
            put("bootstrap", json!(true));
        }
        if let Some(n) = self.bootstrap_expect {
            put("bootstrap_expect", json!(n));
        }
        for (k, v) in [
            ("data_dir", &self.data_dir),
            ("node_name", &self.node),
            ("node_id", &self.node_id),
            ("datacenter", &self.datacenter),
            ("bind_addr", &self.bind),
            ("advertise_addr", &self.advertise),
            ("client_addr", &self.client),
            ("log_level", &self.log_level),
            ("retry_interval", &self.retry_interval),
            ("encrypt", &self.encrypt),
        ] {
            if let Some(v) = v {
                put(k, json!(v));
            }
        }
        if self.log_json {
            put("log_json", json!(true));
        }
        if self.disable_keyring_file {
            put("disable_keyring_file", json!(true));
        }
        if let Some(n) = self.retry_max {
            put("retry_max", json!(n));
        }
        if !self.join.is_empty() {
            put("start_join", json!(self.join));
        }
        if !self.retry_join.is_empty() {
            put("retry_join", json!(self.retry_join));
        }
        let mut ports = Map::new();
        if let Some(p) = self.http_port {
            ports.insert("http".into(), json!(p));
        }
        if let Some(p) = self.server_port {
            ports.insert("server".into(), json!(p));
        }
        if let Some(p) = self.https_port {
            ports.insert("https".into(), json!(p));
        }
        if let Some(p) = self.dns_port {
            ports.insert("dns".into(), json!(p));
        }
        if let Some(p) = self.serf_lan_port {
            ports.insert("serf_lan".into(), json!(p));
        }
        if !ports.is_empty() {
            m.insert("ports".into(), Value::Object(ports));
        }
        Value::Object(m)
    }
}

fn init_logging(level: LogLevel, json: bool) {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let lvl = match level {
        LogLevel::Trace => LevelFilter::TRACE,
        LogLevel::Debug => LevelFilter::DEBUG,
        LogLevel::Info => LevelFilter::INFO,
        LogLevel::Warn => LevelFilter::WARN,
        LogLevel::Error => LevelFilter::ERROR,
    };
    // Library chatter stays at warn unless the operator asks for debug or trace. A plain target
    // filter (not EnvFilter) keeps regex machinery out of an idle agent's memory.
    let quiet = if lvl >= LevelFilter::DEBUG {
        lvl
    } else {
        lvl.min(LevelFilter::WARN)
    };
    let filter = Targets::new()
        .with_default(lvl)
        .with_target("openraft", quiet)
        .with_target("sled", quiet);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let fmt = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(color);
    // `ctl monitor` may watch more verbosely than the agent logs (up to debug, or trace when
    // the agent logs at trace), so the output's filter is its own.
    let ceiling = if lvl == LevelFilter::TRACE {
        tracing::Level::TRACE
    } else {
        tracing::Level::DEBUG
    };
    // One gate in front of both: a span or event neither output wants is never created. The
    // per-layer filters alone are not enough: with the monitor's filter decided at runtime,
    // tracing-subscriber creates every span that passes the callsite check, and openraft's
    // debug spans then cost each Raft message a dozen registry calls.
    let wanted = filter.clone();
    let gate = tracing_subscriber::filter::dynamic_filter_fn(move |meta, _cx| {
        wanted.would_enable(meta.target(), meta.level()) || ctl_server::monitor::wants(meta)
    })
    .with_max_level_hint(lvl.max(LevelFilter::from_level(ceiling)));
    if json {
        tracing_subscriber::registry()
            .with(gate)
            .with(fmt.json().with_filter(filter))
            .with(ctl_server::monitor::layer(ceiling))
            .init();
    } else {
        tracing_subscriber::registry()
            .with(gate)
            .with(fmt.with_filter(filter))
            .with(ctl_server::monitor::layer(ceiling))
            .init();
    }
}

pub async fn run(args: AgentArgs) -> Result<(), CliError> {
    let sources = Sources {
        files: args.config_file.clone(),
        dirs: args.config_dir.clone(),
        flags: args.as_config(),
        dev: args.dev,
    };
    let cfg =
        config::load(&sources).map_err(|e| CliError::Failed(format!("==> Error: config: {e}")))?;
    init_logging(cfg.log_level, cfg.log_json);
    let agent = Agent::start(cfg)
        .await
        .map_err(|e| CliError::Failed(format!("==> Error starting agent: {e}")))?;
    output::line(&agent.banner())?;
    agent.run_until(shutdown_signal()).await;
    Ok(())
}
