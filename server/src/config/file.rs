//! One configuration file (or the flags, which are merged as the last "file"): parsing JSON or HCL
//! into a generic value, checking every key and value against Consul's names, and merging.
//!
//! Files are checked one at a time so an error names the file it came from; the merged value is
//! then turned into the runtime [`super::Config`] by `config::build`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::ConfigError;

/// The keys a config file may hold, with Consul's names. Every key is optional; unknown keys are an
/// error, so a typo never silently falls back to a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub datacenter: Option<String>,
    pub data_dir: Option<String>,
    pub node_name: Option<String>,
    pub node_id: Option<String>,
    pub server: Option<bool>,
    pub bootstrap: Option<bool>,
    pub bootstrap_expect: Option<u32>,
    pub bind_addr: Option<String>,
    pub advertise_addr: Option<String>,
    pub client_addr: Option<String>,
    pub ports: Option<Ports>,
    pub log_level: Option<String>,
    pub log_json: Option<bool>,
    pub performance: Option<Performance>,
    pub limits: Option<Limits>,
    pub raft_snapshot_threshold: Option<u64>,
    pub raft_snapshot_interval: Option<String>,
    pub raft_trailing_logs: Option<u64>,
    pub encrypt: Option<String>,
    pub encrypt_verify_incoming: Option<bool>,
    pub encrypt_verify_outgoing: Option<bool>,
    pub disable_keyring_file: Option<bool>,
    pub start_join: Option<Vec<String>>,
    pub retry_join: Option<Vec<String>>,
    pub retry_interval: Option<String>,
    pub retry_max: Option<u64>,
    pub reconnect_timeout: Option<String>,
    pub gossip_lan: Option<GossipLan>,
    pub autopilot: Option<Autopilot>,
    pub domain: Option<String>,
    pub enable_script_checks: Option<bool>,
    pub enable_local_script_checks: Option<bool>,
    pub recursors: Option<Vec<String>>,
    pub dns_config: Option<DnsConfigFile>,
    /// `service { … }` (one block, or several, which HCL and merged files make a list).
    pub service: Option<Value>,
    pub services: Option<Value>,
    /// Checks defined on their own (`check { … }` / `checks [ … ]`).
    pub check: Option<Value>,
    pub checks: Option<Value>,
    pub tls: Option<crate::tls::settings::TlsFile>,
    /// Deprecated top-level TLS keys (Consul before 1.12); still honoured, with a warning.
    pub ca_file: Option<String>,
    pub ca_path: Option<String>,
    pub cert_file: Option<String>,
    pub key_file: Option<String>,
    pub tls_min_version: Option<String>,
    pub tls_cipher_suites: Option<String>,
    pub tls_prefer_server_cipher_suites: Option<bool>,
    pub verify_incoming: Option<bool>,
    pub verify_incoming_rpc: Option<bool>,
    pub verify_incoming_https: Option<bool>,
    pub verify_outgoing: Option<bool>,
    pub verify_server_hostname: Option<bool>,
}

/// Top-level keys whose definitions add up across files instead of replacing each other.
const ACCUMULATED: &[&str] = &["service", "services", "check", "checks"];

/// One definition block or a list of them, as a list.
pub fn definitions(v: &Option<Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

/// `dns_config { … }`: the DNS interface's TTLs, health filter and limits.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DnsConfigFile {
    pub node_ttl: Option<String>,
    pub service_ttl: Option<std::collections::BTreeMap<String, String>>,
    pub only_passing: Option<bool>,
    pub enable_truncate: Option<bool>,
    pub a_record_limit: Option<u64>,
    /// Accepted for compatibility (deprecated in Consul); answers are limited by size instead.
    pub udp_answer_limit: Option<u64>,
    pub recursor_timeout: Option<String>,
    /// Accepted for compatibility: DNS is always answered from the agent's local state.
    pub allow_stale: Option<bool>,
    pub max_stale: Option<String>,
    pub soa: Option<DnsSoa>,
}

/// `dns_config.soa { … }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DnsSoa {
    pub refresh: Option<u32>,
    pub retry: Option<u32>,
    pub expire: Option<u32>,
    pub min_ttl: Option<u32>,
}

/// `autopilot { … }`: automatic server cleanup.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Autopilot {
    pub cleanup_dead_servers: Option<bool>,
    pub server_stabilization_time: Option<String>,
    pub last_contact_threshold: Option<String>,
    pub max_trailing_logs: Option<u64>,
    pub min_quorum: Option<u64>,
}

/// `gossip_lan { … }`: memberlist timings for the LAN pool.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GossipLan {
    pub gossip_nodes: Option<u64>,
    pub gossip_interval: Option<String>,
    pub probe_interval: Option<String>,
    pub probe_timeout: Option<String>,
    pub retransmit_mult: Option<u64>,
    pub suspicion_mult: Option<u64>,
}

/// `ports { … }`: -1 disables a listener, 0 asks the OS for a free port.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ports {
    pub dns: Option<i64>,
    pub http: Option<i64>,
    pub https: Option<i64>,
    pub server: Option<i64>,
    pub serf_lan: Option<i64>,
}

/// `performance { … }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    pub raft_multiplier: Option<u64>,
    pub rpc_hold_timeout: Option<String>,
}

/// `limits { … }`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub kv_max_value_size: Option<u64>,
    pub txn_max_req_len: Option<u64>,
}

/// The format of a config file, chosen by its extension as Consul does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Hcl,
}

impl Format {
    /// The format for `path`, or `None` when the extension is neither `.json` nor `.hcl`.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Some(Format::Json),
            Some("hcl") => Some(Format::Hcl),
            _ => None,
        }
    }
}

/// Config files are small; anything larger is a mistake (a log file passed by accident).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads and checks one file, returning its content as a JSON object ready to merge.
pub fn load(path: &Path) -> Result<Value, ConfigError> {
    if !path.exists() {
        return Err(ConfigError::File {
            file: path.to_path_buf(),
            reason: "no such file or directory".into(),
        });
    }
    let format = Format::of(path).ok_or_else(|| ConfigError::File {
        file: path.to_path_buf(),
        reason: "unsupported file extension (use .json or .hcl)".into(),
    })?;
    let meta = std::fs::metadata(path).map_err(|e| ConfigError::File {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ConfigError::File {
            file: path.to_path_buf(),
            reason: format!(
                "file is {} bytes, larger than the {MAX_FILE_BYTES}-byte limit",
                meta.len()
            ),
        });
    }
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let value = parse(&text, format).map_err(|reason| ConfigError::File {
        file: path.to_path_buf(),
        reason,
    })?;
    check(&value, &path.display().to_string())?;
    Ok(value)
}

/// Parses text of the given format into a JSON object.
pub fn parse(text: &str, format: Format) -> Result<Value, String> {
    let value = match format {
        Format::Json => {
            serde_json::from_str::<Value>(text).map_err(|e| format!("invalid JSON: {e}"))?
        }
        Format::Hcl => {
            let body: hcl::Value = hcl::from_str(text).map_err(|e| format!("invalid HCL: {e}"))?;
            serde_json::to_value(body).map_err(|e| format!("invalid HCL: {e}"))?
        }
    };
    if !value.is_object() {
        return Err("the top level must be an object of config keys".into());
    }
    Ok(value)
}

/// Checks every key and value of one source, naming `origin`, the key path and the value on error.
pub fn check(value: &Value, origin: &str) -> Result<ConfigFile, ConfigError> {
    let file: ConfigFile = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let mut reason = e.into_inner().to_string();
        if let Some(v) = value_at(value, &path) {
            let mut shown = v.to_string();
            if shown.chars().count() > 80 {
                shown = format!("{}…", shown.chars().take(80).collect::<String>());
            }
            reason = format!("{reason} (value: {shown})");
        }
        ConfigError::Key {
            origin: origin.to_string(),
            key: path,
            reason,
        }
    })?;
    super::validate::values(&file, origin)?;
    Ok(file)
}

/// The value at a dotted key path such as `ports.http`, for error messages.
fn value_at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg
            .trim_matches(|c| c == '[' || c == ']')
            .parse::<usize>()
            .ok()
            .and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Merges a whole source `over` into `base`: service and check definitions add up; everything
/// else merges as [`merge_value`] says.
pub fn merge(base: &mut Value, over: Value) {
    let (Value::Object(b), Value::Object(o)) = (&mut *base, &over) else {
        return merge_value(base, over);
    };
    let mut rest = serde_json::Map::new();
    for (k, v) in o {
        if ACCUMULATED.contains(&k.as_str()) {
            let mut all = definitions(&b.remove(k));
            all.extend(definitions(&Some(v.clone())));
            b.insert(k.clone(), Value::Array(all));
        } else {
            rest.insert(k.clone(), v.clone());
        }
    }
    merge_value(base, Value::Object(rest));
}

/// Merges `over` into `base`: objects merge key by key, anything else is replaced.
fn merge_value(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge_value(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// The files of a config directory in lexical order, as Consul loads them; other extensions are
/// skipped, as Consul does.
pub fn dir_files(dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ConfigError::File {
        file: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| ConfigError::File {
            file: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let path = entry.path();
        if path.is_file() && Format::of(&path).is_some() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
