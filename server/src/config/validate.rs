//! Range checks on single values (per source, so the error names the file) and the final build of
//! a [`Config`] with defaults and cross-key rules.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::file::{self, ConfigFile};
use super::{AutopilotConfig, Config, ConfigError, GossipTimings, LogLevel, RaftTimings};
use crate::duration;
use crate::local::definition::{CheckDefinition, ServiceDefinition};
use crate::tls::settings::{ListenerFile, TlsConfig, resolve};

fn key_err(origin: &str, key: &str, reason: String) -> ConfigError {
    ConfigError::Key {
        origin: origin.to_string(),
        key: key.to_string(),
        reason,
    }
}

/// Checks the values of one source that can be judged alone.
pub fn values(f: &ConfigFile, origin: &str) -> Result<(), ConfigError> {
    definitions(f, origin)?;
    if let Some(dc) = &f.datacenter
        && (dc.is_empty()
            || !dc
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        return Err(key_err(
            origin,
            "datacenter",
            format!("invalid value {dc:?}: use lowercase letters, digits, - and _"),
        ));
    }
    if let Some(name) = &f.node_name
        && (name.is_empty()
            || name.len() > 128
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
    {
        return Err(key_err(
            origin,
            "node_name",
            format!("invalid value {name:?}: use letters, digits, -, _ and . (at most 128)"),
        ));
    }
    if let Some(id) = &f.node_id
        && uuid::Uuid::parse_str(id).is_err()
    {
        return Err(key_err(
            origin,
            "node_id",
            format!("invalid value {id:?}: must be a UUID"),
        ));
    }
    for (key, addr) in [
        ("bind_addr", &f.bind_addr),
        ("advertise_addr", &f.advertise_addr),
        ("client_addr", &f.client_addr),
    ] {
        if let Some(a) = addr
            && a.parse::<IpAddr>().is_err()
        {
            return Err(key_err(
                origin,
                key,
                format!("invalid value {a:?}: must be an IP address"),
            ));
        }
    }
    if let Some(ports) = &f.ports {
        for (key, port) in [
            ("ports.http", ports.http),
            ("ports.https", ports.https),
            ("ports.server", ports.server),
            ("ports.serf_lan", ports.serf_lan),
        ] {
            if let Some(p) = port
                && !(-1..=65535).contains(&p)
            {
                return Err(key_err(
                    origin,
                    key,
                    format!("invalid value {p}: must be -1 (disabled) or 0..65535"),
                ));
            }
        }
    }
    if let Some(level) = &f.log_level
        && LogLevel::parse(level).is_none()
    {
        return Err(key_err(
            origin,
            "log_level",
            format!("invalid value {level:?}: use TRACE, DEBUG, INFO, WARN or ERR"),
        ));
    }
    if let Some(perf) = &f.performance {
        if let Some(m) = perf.raft_multiplier
            && !(1..=10).contains(&m)
        {
            return Err(key_err(
                origin,
                "performance.raft_multiplier",
                format!("cannot be {m}. Must be between 1 and 10"),
            ));
        }
        if let Some(t) = &perf.rpc_hold_timeout {
            duration::parse(t)
                .map_err(|e| key_err(origin, "performance.rpc_hold_timeout", e.to_string()))?;
        }
    }
    if let Some(k) = &f.encrypt {
        crate::gossip::keyring::Key::parse(k)
            .map_err(|e| key_err(origin, "encrypt", format!("{e} (value: {k:?})")))?;
    }
    if let Some(a) = &f.autopilot {
        for (key, t) in [
            (
                "autopilot.server_stabilization_time",
                &a.server_stabilization_time,
            ),
            (
                "autopilot.last_contact_threshold",
                &a.last_contact_threshold,
            ),
        ] {
            if let Some(t) = t {
                duration::parse(t).map_err(|e| key_err(origin, key, e.to_string()))?;
            }
        }
    }
    if let Some(d) = &f.dns_config {
        for (key, t) in [
            ("dns_config.node_ttl", &d.node_ttl),
            ("dns_config.recursor_timeout", &d.recursor_timeout),
            ("dns_config.max_stale", &d.max_stale),
        ] {
            if let Some(t) = t {
                duration::parse(t).map_err(|e| key_err(origin, key, e.to_string()))?;
            }
        }
        for (name, t) in d.service_ttl.iter().flatten() {
            duration::parse(t).map_err(|e| {
                key_err(
                    origin,
                    &format!("dns_config.service_ttl.{name}"),
                    e.to_string(),
                )
            })?;
        }
    }
    for r in f.recursors.iter().flatten() {
        if crate::gossip::address::parse(r, 53).is_err() {
            return Err(key_err(
                origin,
                "recursors",
                format!("invalid address {r:?}: use IP or IP:port"),
            ));
        }
    }
    if let Some(d) = &f.domain
        && (d.trim_matches('.').is_empty() || d.chars().any(|c| c.is_whitespace()))
    {
        return Err(key_err(origin, "domain", format!("invalid domain {d:?}")));
    }
    for (key, t) in [
        ("retry_interval", &f.retry_interval),
        ("reconnect_timeout", &f.reconnect_timeout),
    ] {
        if let Some(t) = t {
            duration::parse(t).map_err(|e| key_err(origin, key, e.to_string()))?;
        }
    }
    if let Some(t) = &f.reconnect_timeout
        && duration::parse(t).is_ok_and(|d| d < Duration::from_secs(8 * 3600))
    {
        return Err(key_err(
            origin,
            "reconnect_timeout",
            format!("invalid value {t:?}: must be at least 8h"),
        ));
    }
    for (key, list) in [("retry_join", &f.retry_join), ("start_join", &f.start_join)] {
        for a in list.iter().flatten() {
            if crate::gossip::address::parse(a, 8301).is_err() {
                return Err(key_err(
                    origin,
                    key,
                    format!("invalid address {a:?}: use IP or IP:port"),
                ));
            }
        }
    }
    if let Some(g) = &f.gossip_lan {
        for (key, t) in [
            ("gossip_lan.gossip_interval", &g.gossip_interval),
            ("gossip_lan.probe_interval", &g.probe_interval),
            ("gossip_lan.probe_timeout", &g.probe_timeout),
        ] {
            if let Some(t) = t {
                let d = duration::parse(t).map_err(|e| key_err(origin, key, e.to_string()))?;
                if d < Duration::from_millis(10) {
                    return Err(key_err(
                        origin,
                        key,
                        format!("invalid value {t:?}: must be at least 10ms"),
                    ));
                }
            }
        }
        for (key, v) in [
            ("gossip_lan.gossip_nodes", g.gossip_nodes),
            ("gossip_lan.retransmit_mult", g.retransmit_mult),
            ("gossip_lan.suspicion_mult", g.suspicion_mult),
        ] {
            if let Some(v) = v
                && !(1..=64).contains(&v)
            {
                return Err(key_err(
                    origin,
                    key,
                    format!("invalid value {v}: must be between 1 and 64"),
                ));
            }
        }
    }
    if let Some(t) = &f.raft_snapshot_interval {
        duration::parse(t).map_err(|e| key_err(origin, "raft_snapshot_interval", e.to_string()))?;
    }
    if let Some(n) = f.raft_snapshot_threshold
        && n == 0
    {
        return Err(key_err(
            origin,
            "raft_snapshot_threshold",
            "invalid value 0: must be at least 1".into(),
        ));
    }
    if let Some(limits) = &f.limits {
        for (key, v) in [
            ("limits.kv_max_value_size", limits.kv_max_value_size),
            ("limits.txn_max_req_len", limits.txn_max_req_len),
        ] {
            if let Some(v) = v
                && !(1..=64 * 1024 * 1024).contains(&v)
            {
                return Err(key_err(
                    origin,
                    key,
                    format!("invalid value {v}: must be between 1 and 67108864"),
                ));
            }
        }
    }
    Ok(())
}

/// Consul's base Raft timings; every one is multiplied by `performance.raft_multiplier`.
const RAFT_BASE_HEARTBEAT: Duration = Duration::from_millis(1000);

/// Builds the runtime config, applying defaults and the rules that span keys.
pub fn build(f: ConfigFile, dev: bool) -> Result<Config, ConfigError> {
    let (services, checks) = definitions(&f, "merged configuration")?;
    let (tls, mut warnings) = tls_settings(&f)?;
    let server = f.server.unwrap_or(false) || dev;
    let bootstrap_expect = match (f.bootstrap.unwrap_or(false), f.bootstrap_expect) {
        (true, Some(n)) if n > 1 => {
            return Err(ConfigError::Invalid(
                "bootstrap and bootstrap_expect are mutually exclusive".into(),
            ));
        }
        (true, _) => 1,
        (false, Some(n)) => n,
        (false, None) => u32::from(dev),
    };
    if bootstrap_expect > 0 && !server {
        return Err(ConfigError::Invalid(format!(
            "bootstrap_expect = {bootstrap_expect} requires server = true (use --server)"
        )));
    }
    let data_dir = match (&f.data_dir, dev) {
        (_, true) => None,
        (Some(d), false) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            return Err(ConfigError::Invalid(
                "data_dir is required: set --data-dir or data_dir (or use --dev)".into(),
            ));
        }
    };
    let parse_ip = |s: &Option<String>, default: IpAddr| {
        s.as_deref().and_then(|s| s.parse().ok()).unwrap_or(default)
    };
    let loopback: IpAddr = IpAddr::from([127, 0, 0, 1]);
    let bind_default = if dev {
        loopback
    } else {
        IpAddr::from([0, 0, 0, 0])
    };
    let bind_addr = parse_ip(&f.bind_addr, bind_default);
    let advertise_default = if bind_addr.is_unspecified() {
        loopback
    } else {
        bind_addr
    };
    let advertise_addr = parse_ip(&f.advertise_addr, advertise_default);
    let client_addr = parse_ip(&f.client_addr, loopback);
    let ports = f.ports.unwrap_or_default();
    let perf = f.performance.unwrap_or_default();
    let limits = f.limits.unwrap_or_default();
    let raft_multiplier = perf.raft_multiplier.unwrap_or(1);
    // Under --dev, Consul runs Raft at a few tens of milliseconds so a fresh agent is ready at once.
    let raft = if dev {
        RaftTimings {
            heartbeat: Duration::from_millis(35),
            election_min: Duration::from_millis(100),
            election_max: Duration::from_millis(200),
        }
    } else {
        // hashicorp/raft heartbeats at a tenth of its heartbeat timeout (1 s × multiplier), and a
        // follower that has not heard from the leader for a random [1, 2) heartbeat timeouts
        // stands for election. openraft counts differently: a follower of a known leader waits
        // its lease (`election_timeout_max`) plus a random timeout in [min, max) — so max = the
        // heartbeat timeout and min = half of it give the same [1.5, 2) s window on average.
        let hb = RAFT_BASE_HEARTBEAT.mul_f64(raft_multiplier as f64) / 10;
        let el = RAFT_BASE_HEARTBEAT.mul_f64(raft_multiplier as f64);
        RaftTimings {
            heartbeat: hb,
            election_min: el / 2,
            election_max: el,
        }
    };
    let g = f.gossip_lan.unwrap_or_default();
    let gossip = GossipTimings {
        fast: dev,
        gossip_nodes: g.gossip_nodes.map(|v| v as usize),
        gossip_interval: g
            .gossip_interval
            .as_deref()
            .and_then(|s| duration::parse(s).ok()),
        probe_interval: g
            .probe_interval
            .as_deref()
            .and_then(|s| duration::parse(s).ok()),
        probe_timeout: g
            .probe_timeout
            .as_deref()
            .and_then(|s| duration::parse(s).ok()),
        retransmit_mult: g.retransmit_mult.map(|v| v as u32),
        suspicion_mult: g.suspicion_mult.map(|v| v as u32),
    };
    let a = f.autopilot.unwrap_or_default();
    let autopilot = AutopilotConfig {
        cleanup_dead_servers: a.cleanup_dead_servers.unwrap_or(true),
        server_stabilization_time: parse_dur(
            &a.server_stabilization_time,
            if dev {
                Duration::from_secs(1)
            } else {
                Duration::from_secs(10)
            },
        ),
        last_contact_threshold: parse_dur(&a.last_contact_threshold, Duration::from_millis(200)),
        max_trailing_logs: a.max_trailing_logs.unwrap_or(250),
        min_quorum: a.min_quorum.unwrap_or(0),
    };
    let log_level = f
        .log_level
        .as_deref()
        .and_then(LogLevel::parse)
        .unwrap_or(LogLevel::Info);
    let datacenter = f.datacenter.unwrap_or_else(|| "dc1".into());
    let dns = dns_settings(f.domain, &datacenter, f.recursors, f.dns_config);
    Ok(Config {
        dev,
        datacenter,
        data_dir,
        node_name: f.node_name.unwrap_or_else(super::hostname),
        node_id: f.node_id,
        server,
        bootstrap_expect,
        bind_addr,
        advertise_addr,
        client_addr,
        http_port: ports.http.unwrap_or(8500),
        dns_port: ports.dns.unwrap_or(8600),
        server_port: ports.server.unwrap_or(8300),
        serf_lan_port: ports.serf_lan.unwrap_or(8301),
        encrypt: f.encrypt,
        encrypt_verify_incoming: f.encrypt_verify_incoming.unwrap_or(true),
        encrypt_verify_outgoing: f.encrypt_verify_outgoing.unwrap_or(true),
        // Consul's -dev keeps no keyring file.
        disable_keyring_file: f.disable_keyring_file.unwrap_or(dev),
        start_join: f.start_join.unwrap_or_default(),
        retry_join: f.retry_join.unwrap_or_default(),
        retry_interval: parse_dur(&f.retry_interval, Duration::from_secs(30)),
        retry_max: f.retry_max.unwrap_or(0),
        reconnect_timeout: parse_dur(&f.reconnect_timeout, Duration::from_secs(72 * 3600)),
        gossip,
        log_level,
        log_json: f.log_json.unwrap_or(false),
        raft_multiplier,
        raft,
        rpc_hold_timeout: parse_dur(&perf.rpc_hold_timeout, Duration::from_secs(7)),
        snapshot_threshold: f.raft_snapshot_threshold.unwrap_or(16384),
        snapshot_interval: parse_dur(&f.raft_snapshot_interval, Duration::from_secs(30)),
        trailing_logs: f.raft_trailing_logs.unwrap_or(10240),
        kv_max_value_size: limits.kv_max_value_size.unwrap_or(512 * 1024),
        txn_max_req_len: limits.txn_max_req_len.unwrap_or(512 * 1024),
        autopilot,
        dns,
        script_checks: f.enable_script_checks.unwrap_or(false)
            || f.enable_local_script_checks.unwrap_or(false),
        services,
        checks,
        https_port: ports.https.unwrap_or(-1),
        tls,
        warnings: std::mem::take(&mut warnings),
        sources: super::Sources::default(),
    })
}

/// The service and check definitions of a source, each parsed and checked, errors naming the
/// block (`services[1]`) and what is wrong with it.
type Definitions = (Vec<ServiceDefinition>, Vec<CheckDefinition>);

fn definitions(f: &ConfigFile, origin: &str) -> Result<Definitions, ConfigError> {
    let mut services = Vec::new();
    for (key, blocks) in [("service", &f.service), ("services", &f.services)] {
        for (i, v) in file::definitions(blocks).into_iter().enumerate() {
            let d = ServiceDefinition::parse(v)
                .and_then(|d| d.service_checks().map(|_| d))
                .map_err(|reason| key_err(origin, &format!("{key}[{i}]"), reason))?;
            services.push(d);
        }
    }
    let mut checks = Vec::new();
    for (key, blocks) in [("check", &f.check), ("checks", &f.checks)] {
        for (i, v) in file::definitions(blocks).into_iter().enumerate() {
            let d = CheckDefinition::parse(v)
                .map_err(|reason| key_err(origin, &format!("{key}[{i}]"), reason))?;
            checks.push(d);
        }
    }
    Ok((services, checks))
}

/// The `tls` block and the deprecated top-level keys, resolved per listener, with a warning for
/// each deprecated key used.
fn tls_settings(f: &ConfigFile) -> Result<(TlsConfig, Vec<String>), ConfigError> {
    let mut warnings = Vec::new();
    let mut legacy = |key: &str, used: bool| {
        if used {
            warnings.push(format!(
                "The '{key}' field is deprecated. Use the 'tls' block instead (tls.defaults, tls.internal_rpc or tls.https)."
            ));
        }
    };
    legacy("ca_file", f.ca_file.is_some());
    legacy("ca_path", f.ca_path.is_some());
    legacy("cert_file", f.cert_file.is_some());
    legacy("key_file", f.key_file.is_some());
    legacy("tls_min_version", f.tls_min_version.is_some());
    legacy("tls_cipher_suites", f.tls_cipher_suites.is_some());
    legacy(
        "tls_prefer_server_cipher_suites",
        f.tls_prefer_server_cipher_suites.is_some(),
    );
    legacy("verify_incoming", f.verify_incoming.is_some());
    legacy("verify_incoming_rpc", f.verify_incoming_rpc.is_some());
    legacy("verify_incoming_https", f.verify_incoming_https.is_some());
    legacy("verify_outgoing", f.verify_outgoing.is_some());
    legacy("verify_server_hostname", f.verify_server_hostname.is_some());
    let old = ListenerFile {
        ca_file: f.ca_file.clone(),
        ca_path: f.ca_path.clone(),
        cert_file: f.cert_file.clone(),
        key_file: f.key_file.clone(),
        tls_min_version: f.tls_min_version.clone(),
        tls_cipher_suites: f.tls_cipher_suites.clone(),
        verify_incoming: f.verify_incoming,
        verify_outgoing: f.verify_outgoing,
        ..Default::default()
    };
    let old_rpc = ListenerFile {
        verify_incoming: f.verify_incoming_rpc,
        verify_server_hostname: f.verify_server_hostname,
        ..Default::default()
    };
    let old_https = ListenerFile {
        verify_incoming: f.verify_incoming_https,
        ..Default::default()
    };
    let block = f.tls.clone().unwrap_or_default();
    let err =
        |key: &'static str| move |reason: String| key_err("merged configuration", key, reason);
    let internal_rpc = resolve(
        block.internal_rpc.as_ref(),
        block.defaults.as_ref(),
        &old_rpc,
        &old,
    )
    .map_err(err("tls.internal_rpc"))?;
    let https = resolve(
        block.https.as_ref(),
        block.defaults.as_ref(),
        &old_https,
        &old,
    )
    .map_err(err("tls.https"))?;
    Ok((
        TlsConfig {
            internal_rpc,
            https,
        },
        warnings,
    ))
}

/// A checked duration, or the default when absent.
fn parse_dur(s: &Option<String>, default: Duration) -> Duration {
    s.as_deref()
        .and_then(|s| duration::parse(s).ok())
        .unwrap_or(default)
}

/// The DNS interface's settings from `domain`, `recursors` and `dns_config` (values were checked
/// by `values`).
fn dns_settings(
    domain: Option<String>,
    datacenter: &str,
    recursors: Option<Vec<String>>,
    d: Option<super::file::DnsConfigFile>,
) -> crate::dns::DnsConfig {
    let d = d.unwrap_or_default();
    let mut domain = domain
        .unwrap_or_else(|| "consul.".into())
        .to_ascii_lowercase();
    if !domain.ends_with('.') {
        domain.push('.');
    }
    let defaults = crate::dns::DnsConfig::default();
    let soa = d.soa.unwrap_or_default();
    crate::dns::DnsConfig {
        domain,
        datacenter: datacenter.to_string(),
        node_ttl: parse_dur(&d.node_ttl, Duration::ZERO),
        service_ttl: d
            .service_ttl
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| duration::parse(&v).ok().map(|d| (k, d)))
            .collect(),
        only_passing: d.only_passing.unwrap_or(false),
        enable_truncate: d.enable_truncate.unwrap_or(false),
        a_record_limit: d.a_record_limit.unwrap_or(0) as usize,
        recursors: recursors
            .unwrap_or_default()
            .iter()
            .filter_map(|r| crate::gossip::address::parse(r, 53).ok())
            .collect(),
        recursor_timeout: parse_dur(&d.recursor_timeout, Duration::from_secs(2)),
        soa: crate::dns::Soa {
            refresh: soa.refresh.unwrap_or(defaults.soa.refresh),
            retry: soa.retry.unwrap_or(defaults.soa.retry),
            expire: soa.expire.unwrap_or(defaults.soa.expire),
            min_ttl: soa.min_ttl.unwrap_or(defaults.soa.min_ttl),
        },
    }
}
