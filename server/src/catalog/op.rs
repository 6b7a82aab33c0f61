//! Catalog writes as Raft applies them. A registration upserts the node, then the service, then
//! the checks; a record whose content did not change keeps its ModifyIndex, so an agent
//! re-registering what is already there (anti-entropy does, periodically) wakes no watcher. A
//! refused request changes nothing: the whole command is rolled back.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::read::{checks_on, load_check, load_node, load_service, services_on};
use super::records::{Check, Node, Registration, Service, Status};
use super::{
    CATALOG_INDEX, CatalogError, check_key, name_key, node_key, service_index_key, service_key,
};
use crate::raft::overlay::Overlay;

/// A catalog write. Sent through Raft: variants are append-only, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CatalogOp {
    /// `PUT /v1/catalog/register`: a [`Registration`] as JSON (JSON, not postcard, because its
    /// records carry maps and optional fields that evolve).
    Register { json: String, at_ms: u64 },
    /// `PUT /v1/catalog/deregister`: the node, or one service or check on it.
    Deregister {
        node: String,
        service_id: String,
        check_id: String,
        at_ms: u64,
    },
}

/// Now, in ms since the epoch: the proposer's clock that commands carry for lock-delays.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    // Serialising these plain records cannot fail; an empty value would read back as corrupt.
    serde_json::to_vec(v).unwrap_or_default()
}

/// Writes that remember which services' health views changed.
struct Writer<'o, 'a> {
    ov: &'o mut Overlay<'a>,
    index: u64,
    touched: BTreeSet<String>,
    changed: bool,
    /// Checks that turned critical or went away (`None`: the whole node), whose sessions end.
    invalidate: Vec<(String, Option<String>)>,
}

impl Writer<'_, '_> {
    fn touch_node(&mut self, node: &str) -> Result<(), CatalogError> {
        for s in services_on(self.ov, node)? {
            self.touched.insert(s.service);
        }
        Ok(())
    }

    fn put_node(&mut self, mut node: Node) -> Result<(), CatalogError> {
        let old = load_node(self.ov, &node.node)?;
        node.create_index = old.as_ref().map_or(self.index, |o| o.create_index);
        node.modify_index = old.as_ref().map_or(self.index, |o| o.modify_index);
        if old.as_ref() == Some(&node) {
            return Ok(());
        }
        node.modify_index = self.index;
        self.ov.put(node_key(&node.node), encode(&node));
        self.changed = true;
        self.touch_node(&node.node)
    }

    fn put_service(&mut self, node: &str, mut svc: Service) -> Result<(), CatalogError> {
        let old = load_service(self.ov, node, &svc.id)?;
        svc.create_index = old.as_ref().map_or(self.index, |o| o.create_index);
        svc.modify_index = old.as_ref().map_or(self.index, |o| o.modify_index);
        if old.as_ref() == Some(&svc) {
            return Ok(());
        }
        if let Some(o) = &old
            && o.service != svc.service
        {
            self.ov.remove(name_key(&o.service, node, &o.id));
            self.touched.insert(o.service.clone());
        }
        svc.modify_index = self.index;
        self.ov.put(service_key(node, &svc.id), encode(&svc));
        self.ov
            .put(name_key(&svc.service, node, &svc.id), Vec::new());
        self.touched.insert(svc.service.clone());
        self.changed = true;
        // The service's checks carry its name and tags.
        for c in checks_on(self.ov, node)? {
            if c.service_id == svc.id {
                self.put_check(c)?;
            }
        }
        Ok(())
    }

    /// Stores a check; `Err(Invalid)` when it names a service the node does not have.
    fn put_check(&mut self, mut check: Check) -> Result<(), CatalogError> {
        if check.service_id.is_empty() {
            check.service_name.clear();
            check.service_tags.clear();
            self.touch_node(&check.node.clone())?;
        } else {
            let Some(svc) = load_service(self.ov, &check.node, &check.service_id)? else {
                return Err(CatalogError::Invalid(format!(
                    "Missing service registration for check {:?}: no service {:?} on node {:?}",
                    check.check_id, check.service_id, check.node
                )));
            };
            check.service_name = svc.service.clone();
            check.service_tags = svc.tags.clone();
            self.touched.insert(svc.service);
        }
        let old = load_check(self.ov, &check.node, &check.check_id)?;
        if check.status == "critical" && old.as_ref().is_none_or(|o| o.status != "critical") {
            self.invalidate
                .push((check.node.clone(), Some(check.check_id.clone())));
        }
        check.create_index = old.as_ref().map_or(self.index, |o| o.create_index);
        check.modify_index = old.as_ref().map_or(self.index, |o| o.modify_index);
        if old.as_ref() == Some(&check) {
            return Ok(());
        }
        check.modify_index = self.index;
        self.ov
            .put(check_key(&check.node, &check.check_id), encode(&check));
        self.changed = true;
        Ok(())
    }

    fn remove_check(&mut self, node: &str, id: &str) -> Result<(), CatalogError> {
        if let Some(c) = load_check(self.ov, node, id)? {
            if c.service_id.is_empty() {
                self.touch_node(node)?;
            } else {
                self.touched.insert(c.service_name);
            }
            self.ov.remove(check_key(node, id));
            self.invalidate
                .push((node.to_string(), Some(id.to_string())));
            self.changed = true;
        }
        Ok(())
    }

    fn remove_service(&mut self, node: &str, id: &str) -> Result<(), CatalogError> {
        if let Some(s) = load_service(self.ov, node, id)? {
            for c in checks_on(self.ov, node)? {
                if c.service_id == id {
                    self.remove_check(node, &c.check_id)?;
                }
            }
            self.ov.remove(service_key(node, id));
            self.ov.remove(name_key(&s.service, node, id));
            self.touched.insert(s.service);
            self.changed = true;
        }
        Ok(())
    }

    fn remove_node(&mut self, node: &str) -> Result<(), CatalogError> {
        for s in services_on(self.ov, node)? {
            self.remove_service(node, &s.id)?;
        }
        for c in checks_on(self.ov, node)? {
            self.remove_check(node, &c.check_id)?;
        }
        if load_node(self.ov, node)?.is_some() {
            self.ov.remove(node_key(node));
            self.invalidate.push((node.to_string(), None));
            self.changed = true;
        }
        Ok(())
    }

    fn finish(self, at_ms: u64) -> Result<(), CatalogError> {
        for (node, check) in &self.invalidate {
            crate::session::invalidate_for(self.ov, self.index, node, check.as_deref(), at_ms)
                .map_err(|e| CatalogError::Corrupt {
                    key: format!("sessions of {node}"),
                    reason: e.to_string(),
                })?;
        }
        if !self.changed {
            return Ok(());
        }
        let at = self.index.to_be_bytes().to_vec();
        for name in &self.touched {
            self.ov.put(service_index_key(name), at.clone());
        }
        self.ov.put(CATALOG_INDEX.to_vec(), at);
        Ok(())
    }
}

/// Fills in Consul's defaults and checks a registration on its own (without the state).
pub fn normalize(mut reg: Registration) -> Result<Registration, CatalogError> {
    if reg.node.is_empty() {
        return Err(CatalogError::Invalid("Must provide node".into()));
    }
    super::check_name("Node", &reg.node)?;
    if reg.address.is_empty() && !reg.skip_node_update {
        return Err(CatalogError::Invalid("Must provide address".into()));
    }
    if let Some(svc) = &mut reg.service {
        if svc.service.is_empty() {
            return Err(CatalogError::Invalid("Must provide service name".into()));
        }
        if svc.id.is_empty() {
            svc.id = svc.service.clone();
        }
        super::check_name("Service", &svc.service)?;
        super::check_name("Service ID", &svc.id)?;
    }
    let node = reg.node.clone();
    for c in reg.check.iter_mut().chain(reg.checks.iter_mut()) {
        if c.check_id.is_empty() {
            c.check_id = c.name.clone();
        }
        if c.check_id.is_empty() {
            return Err(CatalogError::Invalid("Missing check ID".into()));
        }
        super::check_name("CheckID", &c.check_id)?;
        if !c.node.is_empty() && c.node != node {
            return Err(CatalogError::Invalid(format!(
                "Check node {:?} does not match the registration's node {node:?}",
                c.node
            )));
        }
        c.node = node.clone();
        if c.status.is_empty() {
            c.status = "critical".into();
        }
        if Status::parse(&c.status).is_none() {
            return Err(CatalogError::Invalid(format!(
                "Invalid check status {:?} (expected passing, warning or critical)",
                c.status
            )));
        }
    }
    Ok(reg)
}

impl CatalogOp {
    /// Applies the op at `index`: `Ok(None)` when applied, `Ok(Some(reason))` when refused (and
    /// nothing changed).
    pub fn apply(&self, ov: &mut Overlay<'_>, index: u64) -> Result<Option<String>, CatalogError> {
        let checkpoint = ov.checkpoint();
        let mut w = Writer {
            ov,
            index,
            touched: BTreeSet::new(),
            changed: false,
            invalidate: Vec::new(),
        };
        let at_ms = match self {
            CatalogOp::Register { at_ms, .. } | CatalogOp::Deregister { at_ms, .. } => *at_ms,
        };
        let result = match self {
            CatalogOp::Register { json, .. } => match serde_json::from_str::<Registration>(json)
                .map_err(|e| CatalogError::Invalid(format!("Request decode failed: {e}")))
                .and_then(normalize)
            {
                Ok(reg) => register(&mut w, reg),
                Err(e) => Err(e),
            },
            CatalogOp::Deregister {
                node,
                service_id,
                check_id,
                ..
            } => {
                if !check_id.is_empty() {
                    w.remove_check(node, check_id)
                } else if !service_id.is_empty() {
                    w.remove_service(node, service_id)
                } else {
                    w.remove_node(node)
                }
            }
        };
        match result {
            Ok(()) => {
                w.finish(at_ms)?;
                Ok(None)
            }
            Err(CatalogError::Invalid(reason)) => {
                ov.restore(checkpoint);
                Ok(Some(reason))
            }
            Err(e) => Err(e),
        }
    }
}

fn register(w: &mut Writer<'_, '_>, reg: Registration) -> Result<(), CatalogError> {
    let existing = load_node(w.ov, &reg.node)?;
    if !(reg.skip_node_update && existing.is_some()) {
        if reg.address.is_empty() {
            return Err(CatalogError::Invalid("Must provide address".into()));
        }
        w.put_node(Node {
            id: reg.id,
            node: reg.node.clone(),
            address: reg.address,
            datacenter: reg.datacenter,
            tagged_addresses: reg.tagged_addresses,
            meta: reg.node_meta,
            create_index: 0,
            modify_index: 0,
        })?;
    }
    if let Some(svc) = reg.service {
        w.put_service(&reg.node, svc)?;
    }
    for c in reg.check.into_iter().chain(reg.checks) {
        w.put_check(c)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::read;
    use crate::raft::state::State;

    fn tree() -> State {
        State::default()
    }

    fn apply(t: &State, index: u64, op: CatalogOp) -> Option<String> {
        let mut ov = Overlay::new(t);
        let r = op.apply(&mut ov, index).unwrap();
        ov.write();
        r
    }

    fn reg(json: serde_json::Value) -> CatalogOp {
        let reg: Registration = serde_json::from_value(json).unwrap();
        CatalogOp::Register {
            json: serde_json::to_string(&normalize(reg).unwrap()).unwrap(),
            at_ms: 0,
        }
    }

    #[test]
    fn register_read_and_deregister() {
        let t = tree();
        let web = serde_json::json!({
            "Node": "n1", "Address": "10.0.0.1",
            "Service": {"Service": "web", "Tags": ["v1"], "Port": 80},
            "Check": {"Name": "web alive", "ServiceID": "web", "Status": "passing"}
        });
        assert_eq!(apply(&t, 5, reg(web.clone())), None);
        let inst = read::instances(&t, "web").unwrap();
        assert_eq!(inst.len(), 1);
        assert_eq!(inst[0].1.id, "web");
        assert_eq!(inst[0].1.create_index, 5);
        let health = read::health(&t, "web").unwrap();
        assert_eq!(health[0].checks[0].service_name, "web");
        assert_eq!(health[0].status(), crate::catalog::Status::Passing);
        assert_eq!(read::service_index(&t, "web").unwrap(), 5);
        // The same registration again changes nothing, so no watcher wakes.
        assert_eq!(apply(&t, 6, reg(web)), None);
        assert_eq!(read::service_index(&t, "web").unwrap(), 5);
        assert_eq!(read::catalog_index(&t).unwrap(), 5);
        // A node check turning critical changes the service's health view.
        let critical = serde_json::json!({
            "Node": "n1", "Address": "10.0.0.1",
            "Check": {"CheckID": "serfHealth", "Status": "critical"}
        });
        assert_eq!(apply(&t, 7, reg(critical)), None);
        assert_eq!(read::service_index(&t, "web").unwrap(), 7);
        assert_eq!(
            read::health(&t, "web").unwrap()[0].status(),
            crate::catalog::Status::Critical
        );
        // Deregistering the node removes its services and checks.
        let dereg = CatalogOp::Deregister {
            node: "n1".into(),
            service_id: String::new(),
            check_id: String::new(),
            at_ms: 0,
        };
        assert_eq!(apply(&t, 8, dereg), None);
        assert!(read::instances(&t, "web").unwrap().is_empty());
        assert!(read::all_checks(&t).unwrap().is_empty());
        assert!(read::nodes(&t).unwrap().is_empty());
        assert_eq!(read::service_index(&t, "web").unwrap(), 8);
    }

    #[test]
    fn a_check_for_a_missing_service_is_refused_and_changes_nothing() {
        let t = tree();
        let bad = serde_json::json!({
            "Node": "n1", "Address": "10.0.0.1",
            "Check": {"Name": "c", "ServiceID": "nope"}
        });
        let reason = apply(&t, 3, reg(bad)).unwrap();
        assert!(reason.contains("nope"), "{reason}");
        assert!(read::nodes(&t).unwrap().is_empty(), "rolled back");
        assert!(normalize(Registration::default()).is_err());
        let no_addr: Registration =
            serde_json::from_value(serde_json::json!({"Node": "x"})).unwrap();
        assert_eq!(
            normalize(no_addr).unwrap_err().to_string(),
            "Must provide address"
        );
        let bad_status: Registration = serde_json::from_value(serde_json::json!(
            {"Node": "x", "Address": "1.2.3.4", "Check": {"Name": "c", "Status": "fine"}}
        ))
        .unwrap();
        assert!(
            normalize(bad_status)
                .unwrap_err()
                .to_string()
                .contains("fine")
        );
    }

    #[test]
    fn renaming_a_service_moves_it_between_names() {
        let t = tree();
        let a = serde_json::json!({"Node": "n", "Address": "1.1.1.1",
            "Service": {"ID": "s1", "Service": "old"}});
        let b = serde_json::json!({"Node": "n", "Address": "1.1.1.1",
            "Service": {"ID": "s1", "Service": "new"}});
        apply(&t, 1, reg(a));
        apply(&t, 2, reg(b));
        assert!(read::instances(&t, "old").unwrap().is_empty());
        assert_eq!(read::instances(&t, "new").unwrap().len(), 1);
        assert_eq!(read::service_index(&t, "old").unwrap(), 2);
        let names: Vec<_> = read::services(&t).unwrap().into_keys().collect();
        assert_eq!(names, vec!["new".to_string()]);
    }
}
