//! Sessions and the KV locks they hold, replicated like the catalog.
//!
//! A session belongs to a node and is bound to health checks (`serfHealth` by default). It ends —
//! is invalidated — when destroyed, when its TTL runs out (the leader's `ttl` timers propose the
//! destroy), or inside the state machine when a bound check turns critical or goes away or its
//! node is deregistered. Invalidation releases (or, with behaviour `delete`, deletes) every key it
//! holds and starts the keys' lock-delay, during which no other session may acquire them.
//!
//! Time enters only through the commands: the proposing server stamps `at_ms`, so every server
//! computes the same lock-delay expiry and the state machine stays deterministic.
//!
//! Layout: `se<id>` a [`Session`] (JSON), `sn<node>\0<id>` the node's sessions, `sl<id>\0<key>`
//! the keys a session holds, `sd<key>` a lock-delay expiry (ms since the epoch, big-endian), and
//! `m:session_index` the last index of any session change.

pub mod ttl;

use serde::{Deserialize, Serialize};

use crate::kv::{self, KvError};
use crate::raft::overlay::{Overlay, Source};

pub(crate) const SESSION_INDEX: &[u8] = b"m:session_index";

/// A session as `/v1/session/*` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Node")]
    pub node: String,
    /// Nanoseconds, as Consul reports it.
    #[serde(rename = "LockDelay")]
    pub lock_delay: u64,
    #[serde(rename = "Behavior")]
    pub behavior: String,
    #[serde(rename = "TTL")]
    pub ttl: String,
    #[serde(rename = "NodeChecks")]
    pub node_checks: Vec<String>,
    #[serde(rename = "ServiceChecks")]
    pub service_checks: Vec<ServiceCheck>,
    #[serde(rename = "CreateIndex")]
    pub create_index: u64,
    #[serde(rename = "ModifyIndex")]
    pub modify_index: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceCheck {
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Namespace")]
    pub namespace: String,
}

impl Session {
    /// Whether `check` on `node` is one the session is bound to.
    pub fn bound_to(&self, node: &str, check: &str) -> bool {
        self.node == node
            && (self.node_checks.iter().any(|c| c == check)
                || self.service_checks.iter().any(|c| c.id == check))
    }
}

/// A session write. Sent through Raft: variants are append-only, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionOp {
    /// A [`Session`] as JSON, its ID chosen by the proposer.
    Create {
        json: String,
    },
    Destroy {
        id: String,
        at_ms: u64,
    },
}

fn session_key(id: &str) -> Vec<u8> {
    [b"se", id.as_bytes()].concat()
}

fn node_key(node: &str, id: &str) -> Vec<u8> {
    [b"sn", node.as_bytes(), &[0], id.as_bytes()].concat()
}

fn held_prefix(id: &str) -> Vec<u8> {
    [b"sl", id.as_bytes(), &[0]].concat()
}

pub(crate) fn held_key(id: &str, key: &str) -> Vec<u8> {
    [b"sl", id.as_bytes(), &[0], key.as_bytes()].concat()
}

fn delay_key(key: &str) -> Vec<u8> {
    [b"sd", key.as_bytes()].concat()
}

fn be(bytes: &[u8]) -> u64 {
    bytes.try_into().map(u64::from_be_bytes).unwrap_or(0)
}

/// One session.
pub fn load(src: &impl Source, id: &str) -> Result<Option<Session>, KvError> {
    match src.get(&session_key(id))? {
        Some(b) => serde_json::from_slice(&b)
            .map(Some)
            .map_err(|e| KvError::Corrupt {
                key: format!("session {id}"),
                reason: e.to_string(),
            }),
        None => Ok(None),
    }
}

/// Every session, by ID.
pub fn list(src: &impl Source) -> Result<Vec<Session>, KvError> {
    src.scan(b"se")?
        .iter()
        .map(|(k, v)| {
            serde_json::from_slice(v).map_err(|e| KvError::Corrupt {
                key: String::from_utf8_lossy(k).into_owned(),
                reason: e.to_string(),
            })
        })
        .collect()
}

/// The sessions of a node.
pub fn on_node(src: &impl Source, node: &str) -> Result<Vec<Session>, KvError> {
    let prefix = [b"sn", node.as_bytes(), &[0u8][..]].concat();
    let mut out = Vec::new();
    for (k, _) in src.scan(&prefix)? {
        let id = String::from_utf8_lossy(&k[prefix.len()..]).into_owned();
        if let Some(s) = load(src, &id)? {
            out.push(s);
        }
    }
    Ok(out)
}

/// The last index of any session change (never 0).
pub fn index(src: &impl Source) -> Result<u64, KvError> {
    Ok(src.get(SESSION_INDEX)?.map_or(0, |b| be(&b)).max(1))
}

/// When the key's lock-delay ends (ms since the epoch; 0 if none).
pub fn lock_delay_until(src: &impl Source, key: &str) -> Result<u64, KvError> {
    Ok(src.get(&delay_key(key))?.map_or(0, |b| be(&b)))
}

fn touch(ov: &mut Overlay<'_>, index: u64) {
    ov.put(SESSION_INDEX.to_vec(), index.to_be_bytes().to_vec());
}

/// Ends a session: releases or deletes what it holds and starts their lock-delay.
pub fn invalidate(ov: &mut Overlay<'_>, index: u64, id: &str, at_ms: u64) -> Result<bool, KvError> {
    let Some(s) = load(ov, id)? else {
        return Ok(false);
    };
    let prefix = held_prefix(id);
    for (k, _) in ov.scan(&prefix)? {
        let key = String::from_utf8_lossy(&k[prefix.len()..]).into_owned();
        ov.remove(k);
        if let Some(mut e) = kv::op::load(ov, &key)?
            && e.session.as_deref() == Some(id)
        {
            if s.behavior == "delete" {
                kv::op::delete(ov, index, &key)?;
            } else {
                e.session = None;
                e.modify_index = index;
                ov.put(kv::entry_key(&key), e.encode());
                ov.put(kv::KV_INDEX.to_vec(), index.to_be_bytes().to_vec());
            }
            if s.lock_delay > 0 {
                let until = at_ms + s.lock_delay / 1_000_000;
                ov.put(delay_key(&key), until.to_be_bytes().to_vec());
            }
        }
    }
    ov.remove(session_key(id));
    ov.remove(node_key(&s.node, id));
    touch(ov, index);
    Ok(true)
}

/// Ends every session of `node` bound to `check` (every session of the node when `check` is
/// `None`: the node is gone).
pub fn invalidate_for(
    ov: &mut Overlay<'_>,
    index: u64,
    node: &str,
    check: Option<&str>,
    at_ms: u64,
) -> Result<(), KvError> {
    for s in on_node(ov, node)? {
        if check.is_none_or(|c| s.bound_to(node, c)) {
            invalidate(ov, index, &s.id, at_ms)?;
        }
    }
    Ok(())
}

impl SessionOp {
    /// Applies the op; `Ok(None)` when applied, `Ok(Some(reason))` when refused.
    pub fn apply(&self, ov: &mut Overlay<'_>, index: u64) -> Result<Option<String>, KvError> {
        match self {
            SessionOp::Create { json } => {
                let mut s: Session = match serde_json::from_str(json) {
                    Ok(s) => s,
                    Err(e) => return Ok(Some(format!("Request decode failed: {e}"))),
                };
                let node =
                    crate::catalog::read::load_node(ov, &s.node).map_err(|e| KvError::Corrupt {
                        key: s.node.clone(),
                        reason: e.to_string(),
                    })?;
                if node.is_none() {
                    return Ok(Some(format!("Missing node registration for {:?}", s.node)));
                }
                // The bound checks must exist and not be critical (checked here, where the
                // state is authoritative).
                for c in s
                    .node_checks
                    .iter()
                    .chain(s.service_checks.iter().map(|c| &c.id))
                {
                    match crate::catalog::read::load_check(ov, &s.node, c).map_err(|e| {
                        KvError::Corrupt {
                            key: c.clone(),
                            reason: e.to_string(),
                        }
                    })? {
                        None => return Ok(Some(format!("Missing check '{c}' registration"))),
                        Some(chk) if chk.status == "critical" => {
                            return Ok(Some(format!("Check '{c}' is in critical state")));
                        }
                        Some(_) => {}
                    }
                }
                s.create_index = index;
                s.modify_index = index;
                ov.put(
                    session_key(&s.id),
                    serde_json::to_vec(&s).unwrap_or_default(),
                );
                ov.put(node_key(&s.node, &s.id), Vec::new());
                touch(ov, index);
                Ok(None)
            }
            SessionOp::Destroy { id, at_ms } => {
                invalidate(ov, index, id, *at_ms)?;
                Ok(None)
            }
        }
    }
}
