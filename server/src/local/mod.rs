//! What this agent itself registers: its services and checks, the checks' live status, and
//! their persistence in the data dir (`services/`, `checks/`), so they survive restarts.
//!
//! The agent is the source of truth for its own services, as in Consul: `runner` runs each
//! check (HTTP, TCP, UDP, gRPC, TTL, script; `alias` mirrors another service's health) and
//! records its status here; `sync` (anti-entropy) makes the catalog match this state whenever
//! it changes and periodically, through the agent's own HTTP router so a client agent's writes
//! are forwarded to the leader like any other request.

pub mod alias;
pub mod definition;
pub mod runner;
pub mod sync;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::catalog::{Check, Status};
use definition::{CheckDefinition, Probe, ServiceDefinition};

/// Longest check output kept (Consul's default `OutputMaxSize`).
pub const OUTPUT_MAX: usize = 4096;

/// The node-wide maintenance check's ID (Consul's).
pub const NODE_MAINTENANCE: &str = "_node_maintenance";

/// A registered check and its live state.
pub struct CheckState {
    pub def: CheckDefinition,
    pub kind: &'static str,
    pub status: Status,
    pub output: String,
    /// When a TTL check expires unless updated.
    pub ttl_deadline: Option<Instant>,
    /// Since when it has been critical (for `deregister_critical_service_after`).
    pub critical_since: Option<Instant>,
    /// Whether its definition came from a service (persisted with it) or on its own.
    pub standalone: bool,
    runner: Option<tokio::task::AbortHandle>,
}

impl Drop for CheckState {
    fn drop(&mut self) {
        if let Some(r) = &self.runner {
            r.abort();
        }
    }
}

#[derive(Default)]
pub struct Inner {
    pub services: BTreeMap<String, ServiceDefinition>,
    pub checks: BTreeMap<String, CheckState>,
}

/// This agent's own services and checks.
pub struct LocalState {
    pub node: String,
    dir: PathBuf,
    script_checks: bool,
    inner: Mutex<Inner>,
    /// Wakes anti-entropy after a change that must reach the catalog.
    pub changed: Notify,
}

fn hex(id: &str) -> String {
    id.bytes().map(|b| format!("{b:02x}")).collect()
}

fn truncate(mut s: String) -> String {
    if s.len() > OUTPUT_MAX {
        let mut end = OUTPUT_MAX;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str(" ... (output truncated)");
    }
    s
}

/// Writes `value` as JSON to `path` atomically (temp file, fsync, rename).
fn persist(path: &std::path::Path, value: &impl serde::Serialize) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(&serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

impl LocalState {
    /// Loads persisted definitions from `data_dir` and starts their checks.
    pub fn open(node: String, data_dir: PathBuf, script_checks: bool) -> Arc<LocalState> {
        let state = Arc::new(LocalState {
            node,
            dir: data_dir,
            script_checks,
            inner: Mutex::new(Inner::default()),
            changed: Notify::new(),
        });
        for (sub, service) in [("services", true), ("checks", false)] {
            let Ok(entries) = std::fs::read_dir(state.dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().and_then(|x| x.to_str()) != Some("json") {
                    continue;
                }
                let loaded = std::fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|b| {
                        serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| e.to_string())
                    });
                let result = match loaded {
                    Ok(v) if service => serde_json::from_value(v)
                        .map_err(|e| e.to_string())
                        .and_then(|d| state.add_service(d, false)),
                    Ok(v) => serde_json::from_value(v)
                        .map_err(|e| e.to_string())
                        .and_then(|d| state.add_check(d, false)),
                    Err(e) => Err(e),
                };
                if let Err(e) = result {
                    tracing::warn!("skipping persisted definition {}: {e}", path.display());
                }
            }
        }
        state
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // The maps are consistent after every statement, so a panic elsewhere poisons nothing real.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn service_path(&self, id: &str) -> PathBuf {
        self.dir.join("services").join(format!("{}.json", hex(id)))
    }

    fn check_path(&self, id: &str) -> PathBuf {
        self.dir.join("checks").join(format!("{}.json", hex(id)))
    }

    /// Registers (or replaces) a service and its checks; with `save`, persists it first.
    pub fn add_service(self: &Arc<Self>, def: ServiceDefinition, save: bool) -> Result<(), String> {
        let checks = def.service_checks()?;
        for c in &checks {
            self.allowed(c)?;
        }
        if save {
            persist(&self.service_path(&def.id), &def)
                .map_err(|e| format!("saving service {:?}: {e}", def.id))?;
        }
        {
            let mut inner = self.lock();
            // Checks the old definition had and the new one does not go with it.
            let old: Vec<String> = inner
                .checks
                .iter()
                .filter(|(_, c)| !c.standalone && c.def.service_id == def.id)
                .map(|(id, _)| id.clone())
                .collect();
            for id in old {
                if !checks.iter().any(|c| c.id == id) {
                    inner.checks.remove(&id);
                }
            }
            inner.services.insert(def.id.clone(), def);
        }
        for c in checks {
            self.start_check(c, false)?;
        }
        self.changed.notify_one();
        Ok(())
    }

    /// Removes a service, its checks and its file; `false` if it was not registered.
    pub fn remove_service(&self, id: &str) -> bool {
        let removed = {
            let mut inner = self.lock();
            let removed = inner.services.remove(id).is_some();
            inner.checks.retain(|_, c| c.def.service_id != id);
            removed
        };
        let _ = std::fs::remove_file(self.service_path(id));
        if removed {
            self.changed.notify_one();
        }
        removed
    }

    fn allowed(&self, c: &CheckDefinition) -> Result<(), String> {
        let script = matches!(c.probe(), Ok((Probe::Script(_), _, _)));
        if script && !self.script_checks {
            return Err("Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or 'enable_local_script_checks' to true".into());
        }
        Ok(())
    }

    /// Registers a check on its own (`/v1/agent/check/register`).
    pub fn add_check(self: &Arc<Self>, def: CheckDefinition, save: bool) -> Result<(), String> {
        self.allowed(&def)?;
        if !def.service_id.is_empty() && !self.lock().services.contains_key(&def.service_id) {
            return Err(format!("ServiceID {:?} does not exist", def.service_id));
        }
        if save {
            persist(&self.check_path(&def.id), &def)
                .map_err(|e| format!("saving check {:?}: {e}", def.id))?;
        }
        self.start_check(def, true)?;
        self.changed.notify_one();
        Ok(())
    }

    /// Removes a check registered on its own; `false` if there was none.
    pub fn remove_check(&self, id: &str) -> bool {
        let removed = self.lock().checks.remove(id).is_some();
        let _ = std::fs::remove_file(self.check_path(id));
        if removed {
            self.changed.notify_one();
        }
        removed
    }

    fn start_check(self: &Arc<Self>, def: CheckDefinition, standalone: bool) -> Result<(), String> {
        let (probe, interval, timeout) = def.probe()?;
        let status = if def.status.is_empty() {
            Status::Critical
        } else {
            Status::parse(&def.status).unwrap_or(Status::Critical)
        };
        let id = def.id.clone();
        let ttl_deadline = match &probe {
            Probe::Ttl(ttl) => Some(Instant::now() + *ttl),
            _ => None,
        };
        let state = CheckState {
            kind: probe.kind(),
            def,
            status,
            output: String::new(),
            ttl_deadline,
            critical_since: (status == Status::Critical).then(Instant::now),
            standalone,
            runner: None,
        };
        self.lock().checks.insert(id.clone(), state);
        let task = tokio::spawn(runner::run(
            Arc::downgrade(self),
            id.clone(),
            probe,
            interval,
            timeout,
        ));
        if let Some(c) = self.lock().checks.get_mut(&id) {
            c.runner = Some(task.abort_handle());
        } else {
            task.abort();
        }
        Ok(())
    }

    /// Records a check result; wakes anti-entropy when the status changed.
    pub fn set_status(&self, id: &str, status: Status, output: String) -> bool {
        let mut inner = self.lock();
        let Some(c) = inner.checks.get_mut(id) else {
            return false;
        };
        let changed = c.status != status;
        c.status = status;
        c.output = truncate(output);
        if changed {
            c.critical_since = (status == Status::Critical).then(Instant::now);
        }
        drop(inner);
        if changed {
            self.changed.notify_one();
        }
        true
    }

    /// `pass`/`warn`/`fail`/`update` of a TTL check: sets the status and restarts its timer.
    pub fn update_ttl(&self, id: &str, status: Status, output: String) -> Result<(), String> {
        {
            let mut inner = self.lock();
            let Some(c) = inner.checks.get_mut(id) else {
                return Err(format!(
                    "Unknown check ID {id:?}. Ensure that the check ID is passed, not the check name."
                ));
            };
            let Some(_) = c.ttl_deadline else {
                return Err(format!("Check {id:?} is not a TTL check"));
            };
            let ttl = crate::duration::parse(&c.def.ttl).unwrap_or(Duration::from_secs(30));
            c.ttl_deadline = Some(Instant::now() + ttl);
        }
        self.set_status(id, status, output);
        Ok(())
    }

    /// The checks as the catalog and `/v1/agent/checks` show them.
    pub fn check_records(&self) -> Vec<Check> {
        let inner = self.lock();
        inner
            .checks
            .values()
            .map(|c| {
                let svc = inner.services.get(&c.def.service_id);
                Check {
                    node: self.node.clone(),
                    check_id: c.def.id.clone(),
                    name: c.def.name.clone(),
                    status: c.status.as_str().into(),
                    notes: c.def.notes.clone(),
                    output: c.output.clone(),
                    service_id: c.def.service_id.clone(),
                    service_name: svc.map(|s| s.name.clone()).unwrap_or_default(),
                    service_tags: svc.map(|s| s.tags.clone()).unwrap_or_default(),
                    kind: c.kind.into(),
                    interval: c.def.interval.clone(),
                    timeout: c.def.timeout.clone(),
                    ..Default::default()
                }
            })
            .collect()
    }

    /// Services whose checks have been critical longer than their
    /// `deregister_critical_service_after`.
    pub fn expired_services(&self) -> Vec<String> {
        let inner = self.lock();
        inner
            .checks
            .values()
            .filter_map(|c| {
                let limit =
                    crate::duration::parse(&c.def.deregister_critical_service_after).ok()?;
                let since = c.critical_since?;
                (since.elapsed() >= limit && !c.def.service_id.is_empty())
                    .then(|| c.def.service_id.clone())
            })
            .collect()
    }

    /// Turns node maintenance on (a critical `_node_maintenance` check) or off.
    pub fn set_maintenance(self: &Arc<Self>, enable: bool, reason: &str) -> Result<(), String> {
        if enable {
            let def = CheckDefinition {
                id: NODE_MAINTENANCE.into(),
                name: "Node Maintenance Mode".into(),
                notes: if reason.is_empty() {
                    "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.".into()
                } else {
                    reason.to_string()
                },
                ttl: "876000h".into(),
                status: "critical".into(),
                ..Default::default()
            };
            self.add_check(def, true)
        } else {
            self.remove_check(NODE_MAINTENANCE);
            Ok(())
        }
    }
}
