//! Reloading the configuration of a running agent (`ctl reload`, `PUT /v1/agent/reload`,
//! SIGHUP): the config sources are read again and whatever can change live is applied — TLS
//! certificates and their verify flags (new connections use them at once), the gossip
//! `encrypt_verify_*` flags, and the services and checks defined in config files. Settings that
//! truly need a restart (ports, addresses, names, storage) are named in the answer, not ignored.
//!
//! Nothing is applied unless everything loads: a config or certificate error leaves the agent
//! exactly as it was and is returned to the caller.
//!
//! The runtime settings (see [`crate::runtime`]) are applied here too, on top of whatever the
//! files say, so a reload never undoes a rollout's stage.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::api::runtime::{Change, GossipReport, Report, TlsReport};
use crate::config::{self, Config};
use crate::gossip::keyring::Key;
use crate::gossip::pool::Pool;
use crate::local::LocalState;
use crate::runtime::Overrides;
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
    /// The configuration as the sources say, before runtime overrides.
    applied: Mutex<Arc<Config>>,
    overrides: Mutex<Overrides>,
    /// The data dir: runtime settings and `tls/` files live there.
    dir: PathBuf,
    tls: Arc<Tls>,
    pool: Option<Pool>,
    local: Option<Arc<LocalState>>,
    /// One reload or runtime change at a time.
    running: tokio::sync::Mutex<()>,
}

impl Reloader {
    /// `config` is the configuration as loaded, before `overrides`.
    pub fn new(
        config: Arc<Config>,
        overrides: Overrides,
        dir: PathBuf,
        tls: Arc<Tls>,
        pool: Option<Pool>,
        local: Option<Arc<LocalState>>,
    ) -> Reloader {
        Reloader {
            applied: Mutex::new(config),
            overrides: Mutex::new(overrides),
            dir,
            tls,
            pool,
            local,
            running: tokio::sync::Mutex::new(()),
        }
    }

    fn overrides(&self) -> Overrides {
        self.overrides
            .lock()
            .map(|o| o.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// `base` with the runtime overrides and the data dir's certificate files applied.
    fn effective(&self, base: &Config, overrides: &Overrides) -> Config {
        let mut c = base.clone();
        overrides.apply(&mut c, &self.dir);
        c
    }

    /// Applies a runtime change here and reports the settings now in effect; a refused
    /// change leaves everything as it was and is named in the report's `Error`.
    pub async fn apply_runtime(&self, change: &Change) -> Report {
        let error = match self.try_apply(change).await {
            Ok(()) => String::new(),
            Err(e) => e,
        };
        Report {
            error,
            ..self.report().await
        }
    }

    async fn try_apply(&self, change: &Change) -> Result<(), String> {
        if change.is_empty() {
            return Ok(());
        }
        let _one = self.running.lock().await;
        let key = match &change.gossip.key {
            Some(k) => Some(Key::parse(k).map_err(|e| format!("gossip key: {e}"))?),
            None => None,
        };
        let gossip = change.gossip != Default::default();
        let pool = match (&self.pool, gossip) {
            (Some(p), _) => Some(p),
            (None, true) => return Err("gossip is disabled on this agent".into()),
            (None, false) => None,
        };
        let old = self.overrides();
        let new = old.merge(change);
        let eff = self.effective(&self.current(), &new);
        new.save(&self.dir)?;
        if change.tls != Default::default()
            && let Err(e) = self.tls.reload(&eff.tls)
        {
            let _ = old.save(&self.dir);
            return Err(format!("TLS: {e}"));
        }
        if let Some(pool) = pool {
            let before = pool.verify();
            pool.set_verify(eff.encrypt_verify_incoming, eff.encrypt_verify_outgoing);
            let keyed = match (key, change.gossip.disable) {
                (Some(k), _) => pool.set_keyring(Some(k)).await,
                (None, true) => pool.set_keyring(None).await,
                (None, false) => Ok(()),
            };
            if let Err(e) = keyed {
                pool.set_verify(before.0, before.1);
                let _ = old.save(&self.dir);
                let _ = self.tls.reload(&self.effective(&self.current(), &old).tls);
                return Err(format!("gossip: {e}"));
            }
        }
        match self.overrides.lock() {
            Ok(mut o) => *o = new,
            Err(p) => *p.into_inner() = new,
        }
        Ok(())
    }

    /// The runtime settings in effect here.
    pub async fn report(&self) -> Report {
        let c = self.current();
        let m = self.tls.current();
        let (rpc, https) = (&m.settings.internal_rpc, &m.settings.https);
        let mut r = Report {
            node: c.node_name.clone(),
            version: crate::version::VERSION.to_string(),
            server: c.server,
            data_dir: self.dir.display().to_string(),
            machine: crate::runtime::machine_id(),
            http_addr: if c.http_port > 0 {
                std::net::SocketAddr::new(c.client_addr, c.http_port as u16).to_string()
            } else {
                String::new()
            },
            ..Default::default()
        };
        if let Some(pool) = &self.pool {
            let st = pool.stats().await;
            let (vi, vo) = pool.verify();
            r.gossip = GossipReport {
                encrypted: st.encrypted,
                keys: st.keys,
                verify_incoming: vi,
                verify_outgoing: vo,
                health_score: st.health_score,
            };
        }
        r.tls = TlsReport {
            ca: rpc.has_ca(),
            cert: m.rpc_server.is_some(),
            cert_name: m.rpc_cert_name.clone(),
            verify_incoming: rpc.verify_incoming,
            verify_outgoing: rpc.verify_outgoing,
            verify_server_hostname: rpc.verify_server_hostname,
            https: c.https_port >= 0,
            https_cert: m.https_server.is_some(),
            https_verify_incoming: https.verify_incoming,
        };
        r
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
        let overrides = self.overrides();
        let (eff_old, eff_new) = (
            self.effective(&old, &overrides),
            self.effective(&new, &overrides),
        );
        self.tls
            .reload(&eff_new.tls)
            .map_err(|e| format!("TLS: {e}"))?;
        report.applied.push(if eff_new.tls == eff_old.tls {
            "TLS certificates re-read".into()
        } else {
            "TLS settings and certificates".into()
        });
        if let Some(pool) = &self.pool
            && (
                eff_new.encrypt_verify_incoming,
                eff_new.encrypt_verify_outgoing,
            ) != pool.verify()
        {
            pool.set_verify(
                eff_new.encrypt_verify_incoming,
                eff_new.encrypt_verify_outgoing,
            );
            report.applied.push(format!(
                "gossip encrypt_verify_incoming={} encrypt_verify_outgoing={}",
                eff_new.encrypt_verify_incoming, eff_new.encrypt_verify_outgoing
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
