//! The pure half of the dashboard: the last known cluster data (`Cluster`), the updates the poller
//! delivers (`Update`), the timeline derived from what changed between two updates, and the KV
//! browser. Nothing here does I/O or reads the clock; time comes in as an argument so every
//! transition is testable.

pub mod kv;
pub mod model;
pub mod timeline;
pub mod trends;

use std::collections::{BTreeMap, VecDeque};

use model::{AgentInfo, Check, Instance, KeyInfo, Member, RaftPeer};
use timeline::{Entry, Kind};

/// Seconds since the Unix epoch; the dashboard's only notion of time.
pub type Stamp = u64;

/// How many timeline entries are kept; older ones fall off.
pub const TIMELINE_CAP: usize = 500;
/// Key changes recorded from one KV answer at most (a bulk import would drown the timeline).
const KV_CHANGES_CAP: usize = 20;

/// One piece of fresh data (or a failure) from the poller. Each variant replaces its part of
/// `Cluster` whole, which keeps updates idempotent and ordering between sources irrelevant.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// The source answered with nothing new: it is live, and the data shown is current.
    Confirmed(&'static str),
    Agent(Box<AgentInfo>),
    Members(Vec<Member>),
    Services(BTreeMap<String, Vec<String>>),
    Instances(BTreeMap<String, Vec<Instance>>),
    Checks(Vec<Check>),
    Leader(String),
    Raft(Vec<RaftPeer>),
    Keyring(Vec<KeyInfo>),
    /// Each agent's runtime settings and health score.
    Runtime(BTreeMap<String, model::NodeRuntime>),
    /// The stored rollout progress (`None` when there is none).
    Rollout(Option<Box<ctl_server::api::runtime::Rollout>>),
    /// Every key's ModifyIndex, for key changes on the timeline.
    KvIndex(BTreeMap<String, u64>),
    /// The child names (a trailing `/` marks a folder) under a KV prefix.
    KvListed {
        prefix: String,
        keys: Vec<String>,
    },
    /// A key's value and modify index; `None` when it does not exist (any more).
    KvValue {
        key: String,
        entry: Option<kv::Value>,
    },
    /// The result of a put or delete: `applied == false` means the CAS check refused it.
    KvWritten {
        key: String,
        verb: &'static str,
        applied: bool,
    },
    /// A request for `source` failed; the data from it is kept and the banner shows why.
    Failed {
        source: &'static str,
        error: String,
    },
}

impl Update {
    /// The poller source an update came from, so a success can clear that source's error.
    pub fn source(&self) -> &'static str {
        match self {
            Update::Agent(_) => "agent",
            Update::Members(_) => "members",
            Update::Services(_) => "services",
            Update::Instances(_) => "instances",
            Update::Checks(_) => "checks",
            Update::Leader(_) => "leader",
            Update::Raft(_) => "raft",
            Update::Keyring(_) => "keyring",
            Update::Runtime(_) => "runtime",
            Update::Rollout(_) => "rollout",
            Update::KvIndex(_) => "kv changes",
            Update::KvListed { .. } | Update::KvValue { .. } | Update::KvWritten { .. } => "kv",
            Update::Failed { source, .. } | Update::Confirmed(source) => source,
        }
    }
}

/// Everything the dashboard knows, as of the last successful poll of each source.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub agent: Option<AgentInfo>,
    /// `None` until the first answer: the timeline records changes, not the initial load.
    pub members: Option<Vec<Member>>,
    pub services: Option<BTreeMap<String, Vec<String>>>,
    pub instances: BTreeMap<String, Vec<Instance>>,
    pub checks: Option<Vec<Check>>,
    pub leader: Option<String>,
    pub raft: Vec<RaftPeer>,
    pub keyring: Option<Vec<KeyInfo>>,
    pub runtime: BTreeMap<String, model::NodeRuntime>,
    pub rollout: Option<ctl_server::api::runtime::Rollout>,
    /// `None` until the first answer, like `members`.
    pub kv_index: Option<BTreeMap<String, u64>>,
    pub kv: kv::Browser,
    pub timeline: VecDeque<Entry>,
    /// Histories for the Overview's sparklines.
    pub trends: trends::Trends,
    /// Sources whose last request failed, and why.
    pub errors: BTreeMap<&'static str, String>,
    /// When any source last answered.
    pub last_ok: Option<Stamp>,
    /// A one-line outcome of the last user operation (KV writes), shown in the status bar.
    pub notice: Option<String>,
}

impl Cluster {
    /// Applies one update received at `now`, recording what changed on the timeline.
    pub fn apply(&mut self, update: Update, now: Stamp) {
        let source = update.source();
        if !matches!(update, Update::Failed { .. }) {
            self.errors.remove(source);
            self.last_ok = Some(now);
        }
        match update {
            Update::Confirmed(_) => {}
            Update::Agent(a) => {
                self.trends.sample(&a.commit_index, &a.health_score);
                self.agent = Some(*a);
            }
            Update::Members(new) => {
                if let Some(old) = &self.members {
                    for e in timeline::members(old, &new) {
                        self.record(now, e);
                    }
                }
                self.members = Some(new);
            }
            Update::Services(new) => {
                if let Some(old) = &self.services {
                    for e in timeline::services(old, &new) {
                        self.record(now, e);
                    }
                }
                self.instances.retain(|name, _| new.contains_key(name));
                self.services = Some(new);
            }
            Update::Instances(new) => self.instances = new,
            Update::Checks(new) => {
                if let Some(old) = &self.checks {
                    let changes = timeline::checks(old, &new);
                    self.trends.transitions_seen(changes.len());
                    for e in changes {
                        self.record(now, e);
                    }
                }
                self.checks = Some(new);
            }
            Update::Leader(new) => {
                if let Some(old) = &self.leader
                    && *old != new
                {
                    let text = match (old.is_empty(), new.is_empty()) {
                        (_, true) => format!("leader {old} lost; no leader"),
                        (true, false) => format!("leader elected: {new}"),
                        (false, false) => format!("leader changed {old} -> {new}"),
                    };
                    self.record(now, (Kind::Leader, text));
                }
                self.leader = Some(new);
            }
            Update::Raft(peers) => self.raft = peers,
            Update::Keyring(keys) => self.keyring = Some(keys),
            Update::Runtime(r) => self.runtime = r,
            Update::Rollout(r) => {
                let r = r.map(|b| *b);
                if let Some(e) = timeline::rollout(self.rollout.as_ref(), r.as_ref()) {
                    self.record(now, e);
                }
                self.rollout = r;
            }
            Update::KvIndex(new) => {
                if let Some(old) = &self.kv_index {
                    for e in timeline::kv(old, &new, KV_CHANGES_CAP) {
                        self.record(now, e);
                    }
                }
                self.kv_index = Some(new);
            }
            Update::KvListed { prefix, keys } => self.kv.listed(&prefix, keys),
            Update::KvValue { key, entry } => self.kv.value(&key, entry),
            Update::KvWritten { key, verb, applied } => {
                self.notice = Some(if applied {
                    format!("{verb} {key}: done")
                } else {
                    format!("{verb} {key}: refused, the key changed meanwhile (reload with Enter)")
                });
                if applied {
                    self.record(now, (Kind::Kv, format!("key {key}: {verb} from dashboard")));
                }
            }
            Update::Failed { source, error } => {
                self.errors.insert(source, error);
            }
        }
    }

    fn record(&mut self, at: Stamp, (kind, text): (Kind, String)) {
        if self.timeline.len() == TIMELINE_CAP {
            self.timeline.pop_front();
        }
        self.timeline.push_back(Entry { at, kind, text });
    }

    pub fn members(&self) -> &[Member] {
        self.members.as_deref().unwrap_or_default()
    }

    pub fn checks(&self) -> &[Check] {
        self.checks.as_deref().unwrap_or_default()
    }

    /// The worst check on a node (node and service checks alike), `None` without checks.
    pub fn node_health(&self, node: &str) -> Option<model::Health> {
        self.checks()
            .iter()
            .filter(|c| c.node == node)
            .map(|c| c.status)
            .min()
    }

    /// Instance counts of a service as (passing, warning, critical). Before the instances have
    /// loaded, the checks stand in so the counts are never blank for long.
    pub fn service_counts(&self, name: &str) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for i in self.instances.get(name).into_iter().flatten() {
            match i.health() {
                model::Health::Passing | model::Health::Unknown => counts.0 += 1,
                model::Health::Warning => counts.1 += 1,
                model::Health::Critical => counts.2 += 1,
            }
        }
        counts
    }

    /// The leader's node name when the Raft configuration knows its address, else the address.
    pub fn leader_name(&self) -> String {
        let Some(addr) = self.leader.as_deref().filter(|l| !l.is_empty()) else {
            return "(none)".into();
        };
        self.raft
            .iter()
            .find(|p| p.address == addr || p.leader)
            .map(|p| p.node.clone())
            .unwrap_or_else(|| addr.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Health, MemberStatus, Role};

    pub fn member(name: &str, status: MemberStatus) -> Member {
        Member {
            name: name.into(),
            addr: "10.0.0.1".into(),
            port: 8301,
            status,
            role: Role::Client,
            dc: "dc1".into(),
            build: "1.0.0".into(),
            tags: BTreeMap::new(),
            suspect: false,
        }
    }

    fn check(node: &str, id: &str, status: Health) -> Check {
        Check {
            node: node.into(),
            id: id.into(),
            name: id.into(),
            status,
            output: String::new(),
            service_id: String::new(),
            service_name: String::new(),
        }
    }

    /// The first answer of a source is a baseline, not a burst of "joined" events.
    #[test]
    fn first_load_records_nothing() {
        let mut c = Cluster::default();
        c.apply(Update::Members(vec![member("a", MemberStatus::Alive)]), 1);
        c.apply(Update::Leader("10.0.0.1:8300".into()), 1);
        assert!(c.timeline.is_empty());
    }

    /// Joins, failures and leaves between two polls become timeline entries with their time.
    #[test]
    fn member_changes_make_events() {
        let mut c = Cluster::default();
        c.apply(
            Update::Members(vec![
                member("a", MemberStatus::Alive),
                member("b", MemberStatus::Alive),
            ]),
            1,
        );
        c.apply(
            Update::Members(vec![
                member("a", MemberStatus::Failed),
                member("b", MemberStatus::Left),
                member("c", MemberStatus::Alive),
            ]),
            7,
        );
        let texts: Vec<_> = c.timeline.iter().map(|e| (e.at, e.text.as_str())).collect();
        assert_eq!(
            texts,
            [(7, "a failed"), (7, "b left"), (7, "c joined")],
            "{texts:?}"
        );
    }

    /// Check transitions and leader changes are recorded; a steady state records nothing.
    #[test]
    fn check_and_leader_transitions() {
        let mut c = Cluster::default();
        c.apply(Update::Checks(vec![check("a", "web", Health::Passing)]), 1);
        c.apply(Update::Checks(vec![check("a", "web", Health::Passing)]), 2);
        assert!(c.timeline.is_empty());
        c.apply(Update::Checks(vec![check("a", "web", Health::Critical)]), 3);
        c.apply(Update::Leader("x:1".into()), 3);
        c.apply(Update::Leader("y:1".into()), 4);
        let texts: Vec<_> = c.timeline.iter().map(|e| e.text.clone()).collect();
        assert_eq!(
            texts,
            [
                "check web on a: passing -> critical",
                "leader changed x:1 -> y:1"
            ]
        );
    }

    /// A failure keeps the data and is cleared by the next success of the same source.
    #[test]
    fn failures_keep_data_until_success() {
        let mut c = Cluster::default();
        c.apply(Update::Members(vec![member("a", MemberStatus::Alive)]), 1);
        c.apply(
            Update::Failed {
                source: "members",
                error: "connection refused".into(),
            },
            5,
        );
        assert_eq!(c.members().len(), 1);
        assert_eq!(c.last_ok, Some(1));
        assert!(c.errors.contains_key("members"));
        c.apply(Update::Members(vec![member("a", MemberStatus::Alive)]), 9);
        assert!(c.errors.is_empty());
        assert_eq!(c.last_ok, Some(9));
        // A confirmation (same answer again) keeps the data, freshens its age, clears errors.
        c.apply(
            Update::Failed {
                source: "leader",
                error: "timeout".into(),
            },
            10,
        );
        c.apply(Update::Confirmed("leader"), 12);
        assert!(c.errors.is_empty());
        assert_eq!(c.last_ok, Some(12));
        assert_eq!(c.members().len(), 1);
    }

    /// The timeline is bounded, dropping the oldest entries.
    #[test]
    fn timeline_is_bounded() {
        let mut c = Cluster::default();
        c.apply(Update::Leader(String::new()), 0);
        for i in 0..(TIMELINE_CAP as u64 + 10) {
            c.apply(Update::Leader(format!("n{i}")), i);
        }
        assert_eq!(c.timeline.len(), TIMELINE_CAP);
        assert_eq!(
            c.timeline.back().map(|e| e.at),
            Some(TIMELINE_CAP as u64 + 9)
        );
    }
}
