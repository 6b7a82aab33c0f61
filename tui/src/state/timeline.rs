//! The Events view's timeline: entries derived by comparing two consecutive answers of one
//! source. Pure functions of (old, new) so each kind of change is testable on its own.

use std::collections::BTreeMap;

use super::Stamp;
use super::model::{Check, Member, MemberStatus};

/// What kind of change an entry records; the view colours by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Join,
    Fail,
    Leave,
    Recover,
    Leader,
    Check,
    Service,
    Kv,
    Rollout,
}

/// One timeline entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at: Stamp,
    pub kind: Kind,
    pub text: String,
}

/// Joins, failures, leaves and recoveries between two member lists, in name order.
pub fn members(old: &[Member], new: &[Member]) -> Vec<(Kind, String)> {
    let before: BTreeMap<&str, MemberStatus> =
        old.iter().map(|m| (m.name.as_str(), m.status)).collect();
    let mut out = Vec::new();
    let mut sorted: Vec<&Member> = new.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for m in sorted {
        let was = before.get(m.name.as_str()).copied();
        if was == Some(m.status) {
            continue;
        }
        let change = match (was, m.status) {
            (None, MemberStatus::Alive) => Some((Kind::Join, "joined")),
            (_, MemberStatus::Failed) => Some((Kind::Fail, "failed")),
            (_, MemberStatus::Left) => Some((Kind::Leave, "left")),
            (_, MemberStatus::Leaving) => Some((Kind::Leave, "leaving")),
            (Some(_), MemberStatus::Alive) => Some((Kind::Recover, "is alive again")),
            _ => None,
        };
        if let Some((kind, what)) = change {
            out.push((kind, format!("{} {what}", m.name)));
        }
    }
    for m in old {
        if !new.iter().any(|n| n.name == m.name) {
            out.push((Kind::Leave, format!("{} was removed from the pool", m.name)));
        }
    }
    out
}

/// Services registered or gone between two catalog answers.
pub fn services(
    old: &BTreeMap<String, Vec<String>>,
    new: &BTreeMap<String, Vec<String>>,
) -> Vec<(Kind, String)> {
    let added = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .map(|k| (Kind::Service, format!("service {k} registered")));
    let gone = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(|k| (Kind::Service, format!("service {k} deregistered")));
    added.chain(gone).collect()
}

/// Status transitions of checks present in both answers, keyed by (node, check id).
pub fn checks(old: &[Check], new: &[Check]) -> Vec<(Kind, String)> {
    let before: BTreeMap<(&str, &str), &Check> = old
        .iter()
        .map(|c| ((c.node.as_str(), c.id.as_str()), c))
        .collect();
    new.iter()
        .filter_map(|c| {
            let was = before.get(&(c.node.as_str(), c.id.as_str()))?;
            (was.status != c.status).then(|| {
                (
                    Kind::Check,
                    format!(
                        "check {} on {}: {} -> {}",
                        c.name,
                        c.node,
                        was.status.name(),
                        c.status.name()
                    ),
                )
            })
        })
        .collect()
}

/// Keys set and deleted between two `key -> ModifyIndex` maps, at most `cap` entries (then a
/// count of the rest).
pub fn kv(
    old: &BTreeMap<String, u64>,
    new: &BTreeMap<String, u64>,
    cap: usize,
) -> Vec<(Kind, String)> {
    let mut out = Vec::new();
    for (k, i) in new {
        if old.get(k) != Some(i) {
            out.push((Kind::Kv, format!("key {k} set")));
        }
    }
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        out.push((Kind::Kv, format!("key {k} deleted")));
    }
    if out.len() > cap {
        let more = out.len() - cap;
        out.truncate(cap);
        out.push((Kind::Kv, format!("… and {more} more key changes")));
    }
    out
}

/// A rollout's progress as a timeline entry, when its stage or status changed.
pub fn rollout(
    old: Option<&ctl_server::api::runtime::Rollout>,
    new: Option<&ctl_server::api::runtime::Rollout>,
) -> Option<(Kind, String)> {
    let new = new?;
    if old.is_some_and(|o| o.done == new.done && o.status == new.status) {
        return None;
    }
    Some((
        Kind::Rollout,
        format!(
            "rollout {} {}/{}: {}{}",
            new.kind,
            new.done,
            new.stages,
            new.status,
            if new.message.is_empty() {
                String::new()
            } else {
                format!(" ({})", new.message)
            }
        ),
    ))
}
