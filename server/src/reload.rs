//! Reloading the configuration of a running agent (`ctl reload`, `PUT /v1/agent/reload`,
//! SIGHUP): the config sources are read again and whatever can change live is applied — TLS
//! certificates and their verify flags (new connections use them at once), the gossip
//! `encrypt_verify_*` flags, and the services and checks defined in config files. Settings that
//! truly need a restart (ports, addresses, names, storage) are named in the answer, not ignored.
//!
//! Nothing is applied unless everything loads: a config or certificate error leaves the agent
//! exactly as it was and is returned to the caller.

use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::config::{self, Config};
use crate::gossip::pool::Pool;
use crate::local::LocalState;
use crate::tls::material::Tls;

/// What a reload did.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReloadReport {
    /// Changes now in effect.
    pub applied: Vec<String>,
    /// Changed settings that only take effect after a restart.
    pub restart_required: Vec<String>,
}

/// The live parts of an agent a reload may change.
pub struct Reloader {
    applied: Mutex<Arc<Config>>,
    tls: Arc<Tls>,
    pool: Option<Pool>,
    local: Option<Arc<LocalState>>,
    /// One reload at a time.
    running: tokio::sync::Mutex<()>,
}

impl Reloader {
    pub fn new(
        config: Arc<Config>,
        tls: Arc<Tls>,
        pool: Option<Pool>,
        local: Option<Arc<LocalState>>,
    ) -> Reloader {
        Reloader {
            applied: Mutex::new(config),
            tls,
            pool,
            local,
            running: tokio::sync::Mutex::new(()),
        }
    }

    /// The agent's TLS state.
    pub fn tls(&self) -> &Arc<Tls> {
        &self.tls
    }

    fn current(&self) -> Arc<Config> {
        self.applied
            .lock()
            .map(|c| c.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Reads the sources again and applies what can change live.
    pub async fn reload(&self) -> Result<ReloadReport, String> {
        let _one = self.running.lock().await;
        let old = self.current();
        let mut new = config::load(&old.sources).map_err(|e| format!("config: {e}"))?;
        // Under --dev storage is a temporary directory chosen at start; it stays.
        if old.dev {
            new.data_dir.clone_from(&old.data_dir);
        }
        let mut report = ReloadReport {
            restart_required: restart_required(&old, &new),
            ..Default::default()
        };
        // Certificates are read again even when the paths are the same: replacing the files
        // and reloading is how certificates are rotated.
        self.tls.reload(&new.tls).map_err(|e| format!("TLS: {e}"))?;
        report.applied.push(if new.tls == old.tls {
            "TLS certificates re-read".into()
        } else {
            "TLS settings and certificates".into()
        });
        if let Some(pool) = &self.pool
            && (new.encrypt_verify_incoming, new.encrypt_verify_outgoing) != pool.verify()
        {
            pool.set_verify(new.encrypt_verify_incoming, new.encrypt_verify_outgoing);
            report.applied.push(format!(
                "gossip encrypt_verify_incoming={} encrypt_verify_outgoing={}",
                new.encrypt_verify_incoming, new.encrypt_verify_outgoing
            ));
        }
        if let Some(local) = &self.local {
            self.definitions(local, &old, &new, &mut report);
        }
        match self.applied.lock() {
            Ok(mut c) => *c = Arc::new(new),
            Err(p) => *p.into_inner() = Arc::new(new),
        }
        Ok(report)
    }

    /// Services and checks from config files: added, replaced or removed to match the files.
    fn definitions(
        &self,
        local: &Arc<LocalState>,
        old: &Config,
        new: &Config,
        report: &mut ReloadReport,
    ) {
        for s in &old.services {
            if !new.services.iter().any(|n| n.id == s.id) && local.remove_service(&s.id) {
                report.applied.push(format!("service {:?} removed", s.id));
            }
        }
        for s in &new.services {
            if old.services.contains(s) {
                continue;
            }
            match local.add_service(s.clone(), false) {
                Ok(()) => report
                    .applied
                    .push(format!("service {:?} registered", s.id)),
                Err(e) => report
                    .applied
                    .push(format!("service {:?} not registered: {e}", s.id)),
            }
        }
        for c in &old.checks {
            if !new.checks.iter().any(|n| n.id == c.id) && local.remove_check(&c.id) {
                report.applied.push(format!("check {:?} removed", c.id));
            }
        }
        for c in &new.checks {
            if old.checks.contains(c) {
                continue;
            }
            match local.add_check(c.clone(), false) {
                Ok(()) => report.applied.push(format!("check {:?} registered", c.id)),
                Err(e) => report
                    .applied
                    .push(format!("check {:?} not registered: {e}", c.id)),
            }
        }
    }
}

/// The changed settings that a running agent cannot take on.
fn restart_required(old: &Config, new: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, changed: bool| {
        if changed {
            out.push(name.to_string());
        }
    };
    check("datacenter", old.datacenter != new.datacenter);
    check("data_dir", old.data_dir != new.data_dir);
    check("node_name", old.node_name != new.node_name);
    check("node_id", old.node_id != new.node_id);
    check("server", old.server != new.server);
    check(
        "bootstrap_expect",
        old.bootstrap_expect != new.bootstrap_expect,
    );
    check("bind_addr", old.bind_addr != new.bind_addr);
    check("advertise_addr", old.advertise_addr != new.advertise_addr);
    check("client_addr", old.client_addr != new.client_addr);
    check("ports.http", old.http_port != new.http_port);
    check("ports.https", old.https_port != new.https_port);
    check("ports.dns", old.dns_port != new.dns_port);
    check("ports.server", old.server_port != new.server_port);
    check("ports.serf_lan", old.serf_lan_port != new.serf_lan_port);
    check(
        "encrypt (change keys with `ctl keyring` instead)",
        old.encrypt != new.encrypt,
    );
    check("gossip_lan", old.gossip != new.gossip);
    check("log_level", old.log_level != new.log_level);
    check("performance", old.raft_multiplier != new.raft_multiplier);
    check("dns_config", old.dns != new.dns);
    check(
        "enable_script_checks",
        old.script_checks != new.script_checks,
    );
    out
}
