//! Runtime settings: the gossip-encryption and TLS settings an operator (or a rollout wizard)
//! changes on a running agent, without a restart. They are kept as overrides on top of the
//! configuration files, persisted in `<data_dir>/runtime.json` so a restart keeps them, and
//! reach every agent from any one of them as an agent gossip query (`_ctl_runtime`) that each
//! node answers with a report of what is now in effect.
//!
//! Certificates placed in `<data_dir>/tls/` (`ca.pem`, `cert.pem`, `key.pem`) are used for any
//! listener whose configuration names no files of its own; that is where a TLS rollout puts
//! each agent's files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::runtime::{Change, Report};
use crate::config::Config;
use crate::gossip::pool::Pool;
use crate::gossip::serf::AgentQuery;
use crate::reload::Reloader;

/// The agent query that carries a [`Change`] (an empty one asks only for reports).
pub const QUERY: &str = "_ctl_runtime";
/// The overrides' file in the data dir.
const FILE: &str = "runtime.json";
/// The folder under the data dir whose certificate files the agent picks up.
pub const TLS_DIR: &str = "tls";

/// Settings changed at runtime; `None` leaves the configuration's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Overrides {
    pub encrypt_verify_incoming: Option<bool>,
    pub encrypt_verify_outgoing: Option<bool>,
    pub tls_verify_incoming: Option<bool>,
    pub tls_verify_outgoing: Option<bool>,
    pub tls_verify_server_hostname: Option<bool>,
}

impl Overrides {
    fn path(dir: &Path) -> PathBuf {
        dir.join(FILE)
    }

    /// Reads the persisted overrides; none when the file does not exist.
    pub fn load(dir: &Path) -> Result<Overrides, String> {
        let path = Self::path(dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("runtime settings {}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Overrides::default()),
            Err(e) => Err(format!("runtime settings {}: {e}", path.display())),
        }
    }

    /// Writes the overrides atomically and durably: the rename happens only after the new
    /// contents are synced, so a crash leaves either the old settings or the new ones.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        let path = Self::path(dir);
        let err = |e: std::io::Error| format!("writing {}: {e}", path.display());
        let tmp = path.with_extension("tmp");
        let body = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp).map_err(err)?;
            f.write_all(&body).map_err(err)?;
            f.sync_all().map_err(err)?;
        }
        std::fs::rename(&tmp, &path).map_err(err)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// These overrides with a change's settings on top.
    pub fn merge(&self, c: &Change) -> Overrides {
        Overrides {
            encrypt_verify_incoming: c.gossip.verify_incoming.or(self.encrypt_verify_incoming),
            encrypt_verify_outgoing: c.gossip.verify_outgoing.or(self.encrypt_verify_outgoing),
            tls_verify_incoming: c.tls.verify_incoming.or(self.tls_verify_incoming),
            tls_verify_outgoing: c.tls.verify_outgoing.or(self.tls_verify_outgoing),
            tls_verify_server_hostname: c
                .tls
                .verify_server_hostname
                .or(self.tls_verify_server_hostname),
        }
    }

    /// The configuration in effect: `config` with the data dir's certificate files and these
    /// overrides applied.
    pub fn apply(&self, config: &mut Config, dir: &Path) {
        if let Some(v) = self.encrypt_verify_incoming {
            config.encrypt_verify_incoming = v;
        }
        if let Some(v) = self.encrypt_verify_outgoing {
            config.encrypt_verify_outgoing = v;
        }
        let files = dir.join(TLS_DIR);
        let https = config.https_port >= 0;
        let rpc = &mut config.tls.internal_rpc;
        place_files(rpc, &files);
        if let Some(v) = self.tls_verify_incoming {
            rpc.verify_incoming = v;
        }
        if let Some(v) = self.tls_verify_outgoing {
            rpc.verify_outgoing = v;
        }
        if let Some(v) = self.tls_verify_server_hostname {
            rpc.verify_server_hostname = v;
        }
        if https {
            let h = &mut config.tls.https;
            place_files(h, &files);
            if let Some(v) = self.tls_verify_incoming {
                h.verify_incoming = v;
            }
        }
    }
}

/// Fills in the data dir's certificate files where the configuration names none.
fn place_files(s: &mut crate::tls::settings::Settings, dir: &Path) {
    let (ca, cert, key) = (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    if !s.has_ca() && ca.is_file() {
        s.ca_file = Some(ca);
    }
    if s.cert_file.is_none() && s.key_file.is_none() && cert.is_file() && key.is_file() {
        s.cert_file = Some(cert);
        s.key_file = Some(key);
    }
}

/// What identifies this machine, so a wizard can tell whether an agent's data dir is local.
/// Read once: it does not change while the process runs.
pub fn machine_id() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        for path in ["/etc/machine-id", "/var/lib/dbus/machine-id"] {
            if let Ok(s) = std::fs::read_to_string(path)
                && !s.trim().is_empty()
            {
                return s.trim().to_string();
            }
        }
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    })
    .clone()
}

/// Answers the runtime queries this agent receives: applies the change (if any) and answers
/// with its report, or with the reason the change was refused.
pub async fn answer_queries(
    mut queries: tokio::sync::mpsc::UnboundedReceiver<AgentQuery>,
    pool: Pool,
    reloader: std::sync::Arc<Reloader>,
) {
    while let Some(q) = queries.recv().await {
        if q.name != QUERY {
            tracing::debug!(query = %q.name, "ignoring an unknown agent query");
            continue;
        }
        let report = match serde_json::from_slice::<Change>(&q.payload) {
            Ok(change) => reloader.apply_runtime(&change).await,
            Err(e) => {
                let mut r = reloader.report().await;
                r.error = format!("undecodable runtime change: {e}");
                r
            }
        };
        let payload = serde_json::to_vec(&report).unwrap_or_default();
        pool.answer(q, payload).await;
    }
}

/// Decodes one node's answer to a runtime query.
pub fn decode_report(node: &str, payload: &[u8]) -> Report {
    serde_json::from_slice(payload).unwrap_or_else(|e| Report {
        node: node.to_string(),
        error: format!("undecodable answer: {e}"),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Config {
        crate::config::load(&crate::config::Sources {
            dev: true,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn overrides_survive_a_restart_and_layer_over_config() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Overrides::load(dir.path()).unwrap(), Overrides::default());
        let mut change = Change::default();
        change.gossip.verify_incoming = Some(false);
        change.tls.verify_outgoing = Some(true);
        let o = Overrides::default().merge(&change);
        o.save(dir.path()).unwrap();
        let back = Overrides::load(dir.path()).unwrap();
        assert_eq!(back, o);
        let mut config = base();
        config.encrypt_verify_incoming = true;
        config.https_port = -1;
        back.apply(&mut config, dir.path());
        assert!(!config.encrypt_verify_incoming);
        assert!(config.tls.internal_rpc.verify_outgoing);
        assert!(!config.tls.https.verify_outgoing);
    }

    #[test]
    fn certificate_files_in_the_data_dir_fill_unconfigured_listeners() {
        let dir = tempfile::tempdir().unwrap();
        let tls = dir.path().join(TLS_DIR);
        std::fs::create_dir_all(&tls).unwrap();
        for f in ["ca.pem", "cert.pem", "key.pem"] {
            std::fs::write(tls.join(f), "x").unwrap();
        }
        let mut config = base();
        config.https_port = 8501;
        config.tls.https.cert_file = Some("/etc/own.pem".into());
        config.tls.https.key_file = Some("/etc/own-key.pem".into());
        Overrides::default().apply(&mut config, dir.path());
        assert_eq!(
            config.tls.internal_rpc.cert_file,
            Some(tls.join("cert.pem"))
        );
        assert_eq!(config.tls.internal_rpc.ca_file, Some(tls.join("ca.pem")));
        assert_eq!(config.tls.https.cert_file, Some("/etc/own.pem".into()));
        assert_eq!(config.tls.https.ca_file, Some(tls.join("ca.pem")));
    }

    #[test]
    fn a_corrupt_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        let e = Overrides::load(dir.path()).unwrap_err();
        assert!(e.contains("runtime.json"), "{e}");
    }
}
