//! serf's layer over the failure detector: member status (alive, leaving, left, failed) driven by
//! Lamport-clocked join and leave intents, node tags in memberlist metadata, user events, and the
//! internal queries that manage the keyring across the pool.
//!
//! It is the failure detector's [`Delegate`]: serf messages ride on memberlist user messages, and
//! serf's state travels in push-pull. Message numbers are serf's, append-only.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::broadcast::{self, Queue};
use super::keyring::{Key, Keyring};
use super::message::{NodeState, ip_bytes, ip_from};
use super::msgpack::{DecodeError, Decoder, Encoder, Fields, StructWriter, Value};
use super::swim::{Delegate, Node, NodeEvent};

/// serf message types (append-only).
mod kind {
    pub const LEAVE: u8 = 0;
    pub const JOIN: u8 = 1;
    pub const PUSH_PULL: u8 = 2;
    pub const USER_EVENT: u8 = 3;
    pub const QUERY: u8 = 4;
    pub const QUERY_RESPONSE: u8 = 5;
    pub const KEY_REQUEST: u8 = 7;
    pub const KEY_RESPONSE: u8 = 8;
}

const QUERY_FLAG_ACK: u32 = 1;
const QUERY_FLAG_NO_BROADCAST: u32 = 2;
/// The magic byte that marks tags in memberlist metadata.
const TAG_MAGIC: u8 = 0xff;
/// memberlist's limit on metadata.
pub const META_MAX: usize = 512;
/// How many received events `/v1/event/list` keeps.
const EVENT_LOG: usize = 256;

/// A member's status as serf reports it (its numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Alive = 1,
    Leaving = 2,
    Left = 3,
    Failed = 4,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Alive => "alive",
            Status::Leaving => "leaving",
            Status::Left => "left",
            Status::Failed => "failed",
        }
    }
}

/// User events carried in each push-pull (the newest), bounding its size.
const PUSH_PULL_EVENTS: usize = 32;

/// A member of the pool.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub addr: SocketAddr,
    pub tags: BTreeMap<String, String>,
    pub status: Status,
    /// memberlist's view, for "suspect" in dashboards.
    pub suspect: bool,
    status_ltime: u64,
    pub changed: Instant,
    pub vsn: [u8; 6],
}

/// A user event as delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEvent {
    pub ltime: u64,
    pub name: String,
    pub payload: Vec<u8>,
}

/// One node's answer to a keyring query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyResponse {
    pub result: bool,
    pub message: String,
    pub keys: Vec<String>,
    pub primary_key: String,
}

/// Keyring operations, as serf's internal query names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOp {
    List,
    Install,
    Use,
    Remove,
}

impl KeyOp {
    fn query_name(self) -> &'static str {
        match self {
            KeyOp::List => "_serf_list-keys",
            KeyOp::Install => "_serf_install-key",
            KeyOp::Use => "_serf_use-key",
            KeyOp::Remove => "_serf_remove-key",
        }
    }

    fn from_query(name: &str) -> Option<KeyOp> {
        Some(match name {
            "_serf_list-keys" => KeyOp::List,
            "_serf_install-key" => KeyOp::Install,
            "_serf_use-key" => KeyOp::Use,
            "_serf_remove-key" => KeyOp::Remove,
            _ => return None,
        })
    }
}

/// A keyring query this node started, collecting answers.
#[derive(Debug)]
pub struct PendingQuery {
    pub ltime: u64,
    pub id: u32,
    pub deadline: Instant,
    /// Members expected to answer.
    pub expected: usize,
    pub responses: BTreeMap<String, KeyResponse>,
    /// Answers to an agent query (`_ctl_…`), by node: the handler's payload as sent.
    pub raw: BTreeMap<String, Vec<u8>>,
}

/// A query addressed to the agent rather than to serf (its name starts with
/// [`AGENT_QUERY_PREFIX`]): the pool hands it to the agent, which answers through
/// [`Serf::answer`]. This is how runtime settings reach every agent from any one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentQuery {
    pub ltime: u64,
    pub id: u32,
    /// Where the answer goes.
    pub to: SocketAddr,
    pub name: String,
    pub payload: Vec<u8>,
}

/// Query names the agent answers (serf's own start with `_serf_`).
pub const AGENT_QUERY_PREFIX: &str = "_ctl_";

/// Something the driver must send directly (query responses go to the asker's address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direct {
    pub to: SocketAddr,
    /// A serf message; the driver wraps it as a memberlist user message.
    pub msg: Vec<u8>,
}

/// A Lamport clock.
#[derive(Debug, Clone, Copy)]
struct Clock(u64);

impl Clock {
    fn time(&self) -> u64 {
        self.0
    }
    fn increment(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }
    fn witness(&mut self, v: u64) {
        if v >= self.0 {
            self.0 = v + 1;
        }
    }
}

/// serf's state for one node.
pub struct Serf {
    name: String,
    addr: SocketAddr,
    tags: BTreeMap<String, String>,
    clock: Clock,
    event_clock: Clock,
    query_clock: Clock,
    members: BTreeMap<String, Member>,
    /// Intents about members not yet known: (leave?, ltime).
    recent_intents: HashMap<String, (bool, u64, Instant)>,
    intents: Queue,
    queries: Queue,
    events: Queue,
    seen_events: VecDeque<(u64, String, Vec<u8>)>,
    seen_queries: VecDeque<(u64, u32)>,
    pub event_log: VecDeque<UserEvent>,
    pub keyring: Keyring,
    /// Whether key changes must be written to the keyring file.
    pub keyring_dirty: bool,
    pub pending: HashMap<u32, PendingQuery>,
    /// Agent queries received, for the driver to hand on.
    pub agent_queries: Vec<AgentQuery>,
    direct: Vec<Direct>,
    leaving: bool,
    rng: super::swim::Rng,
    pub query_timeout: Duration,
    pub bad_messages: u64,
}

/// Encodes tags as memberlist metadata: the magic byte and a msgpack map.
pub fn encode_tags(tags: &BTreeMap<String, String>) -> Vec<u8> {
    let mut e = Encoder::new();
    e.buf.push(TAG_MAGIC);
    e.map_len(tags.len());
    for (k, v) in tags {
        e.str(k);
        e.str(v);
    }
    e.buf
}

/// Decodes metadata into tags; metadata without the magic byte is serf's old form, a bare role.
pub fn decode_tags(meta: &[u8]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match meta.split_first() {
        Some((&TAG_MAGIC, body)) => {
            if let Ok(Value::Map(pairs)) = Decoder::new(body).value() {
                for (k, v) in pairs {
                    if let (Value::Bytes(k), Value::Bytes(v)) = (k, v) {
                        out.insert(
                            String::from_utf8_lossy(&k).into_owned(),
                            String::from_utf8_lossy(&v).into_owned(),
                        );
                    }
                }
            }
        }
        _ => {
            out.insert("role".into(), String::from_utf8_lossy(meta).into_owned());
        }
    }
    out
}

fn bytes_list(v: Vec<Value>) -> Vec<Vec<u8>> {
    v.into_iter()
        .filter_map(|x| {
            if let Value::Bytes(b) = x {
                Some(b)
            } else {
                None
            }
        })
        .collect()
}

impl Serf {
    pub fn new(
        name: String,
        addr: SocketAddr,
        tags: BTreeMap<String, String>,
        keyring: Keyring,
        seed: u64,
    ) -> Serf {
        Serf {
            name,
            addr,
            tags,
            clock: Clock(1),
            event_clock: Clock(1),
            query_clock: Clock(1),
            members: BTreeMap::new(),
            recent_intents: HashMap::new(),
            intents: Queue::default(),
            queries: Queue::default(),
            events: Queue::default(),
            seen_events: VecDeque::new(),
            seen_queries: VecDeque::new(),
            event_log: VecDeque::new(),
            keyring,
            keyring_dirty: false,
            pending: HashMap::new(),
            agent_queries: Vec::new(),
            direct: Vec::new(),
            leaving: false,
            rng: super::swim::Rng::new(seed ^ 0x5e4f),
            query_timeout: Duration::from_millis(3200),
            bad_messages: 0,
        }
    }

    pub fn members(&self) -> impl Iterator<Item = &Member> {
        self.members.values()
    }

    pub fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    pub fn set_tags(&mut self, tags: BTreeMap<String, String>) {
        self.tags = tags;
    }

    /// Messages to send straight to an address (query responses).
    pub fn take_direct(&mut self) -> Vec<Direct> {
        std::mem::take(&mut self.direct)
    }

    /// (membership, event, query) Lamport times, for `ctl info`.
    pub fn clocks(&self) -> (u64, u64, u64) {
        (
            self.clock.time(),
            self.event_clock.time(),
            self.query_clock.time(),
        )
    }

    /// (intent, event, query) queue depths, for `ctl info`.
    pub fn queue_depths(&self) -> (usize, usize, usize) {
        (self.intents.len(), self.events.len(), self.queries.len())
    }

    /// Broadcasts not yet sent.
    pub fn queued(&self) -> usize {
        self.intents.len() + self.queries.len() + self.events.len()
    }

    fn alive_count(&self) -> usize {
        self.members
            .values()
            .filter(|m| matches!(m.status, Status::Alive | Status::Leaving))
            .count()
            .max(1)
    }

    fn encode_join(&self, ltime: u64) -> Vec<u8> {
        let mut e = Encoder::new();
        e.buf.push(kind::JOIN);
        StructWriter::new(&mut e, 2)
            .uint("LTime", ltime)
            .str("Node", &self.name);
        e.buf
    }

    /// Announces this node's (re)join, after memberlist joined.
    pub fn broadcast_join(&mut self) {
        let ltime = self.clock.time();
        self.clock.witness(ltime);
        let msg = self.encode_join(ltime);
        self.intents
            .push(Some(format!("intent:{}", self.name)), msg);
    }

    /// Starts a graceful leave: the intent goes out before memberlist's dead-from-self, so peers
    /// record `left`, not `failed`.
    pub fn broadcast_leave(&mut self, now: Instant) {
        self.leaving = true;
        let ltime = self.clock.time();
        self.clock.increment();
        if let Some(m) = self.members.get_mut(&self.name) {
            m.status = Status::Leaving;
            m.status_ltime = ltime;
            m.changed = now;
        }
        let msg = encode_leave(ltime, &self.name, false);
        self.intents
            .push(Some(format!("intent:{}", self.name)), msg);
    }

    /// Forces a failed member to `left` (and with `prune`, forgets it) across the pool.
    pub fn force_leave(&mut self, now: Instant, node: &str, prune: bool) -> bool {
        if !self.members.contains_key(node) {
            return false;
        }
        let ltime = self.clock.time();
        self.clock.increment();
        self.leave_intent(now, ltime, node, prune);
        let msg = encode_leave(ltime, node, prune);
        self.intents.push(Some(format!("intent:{node}")), msg);
        true
    }

    /// Fires a user event to the pool.
    pub fn user_event(&mut self, now: Instant, name: &str, payload: &[u8]) -> u64 {
        let ltime = self.event_clock.time();
        self.event_clock.increment();
        let mut e = Encoder::new();
        e.buf.push(kind::USER_EVENT);
        StructWriter::new(&mut e, 4)
            .bool("CC", false)
            .uint("LTime", ltime)
            .str("Name", name)
            .raw("Payload", payload);
        self.record_event(now, ltime, name, payload);
        self.events.push(None, e.buf);
        ltime
    }

    fn record_event(&mut self, _now: Instant, ltime: u64, name: &str, payload: &[u8]) -> bool {
        if self
            .seen_events
            .iter()
            .any(|(l, n, p)| *l == ltime && n == name && p == payload)
        {
            return false;
        }
        self.seen_events
            .push_back((ltime, name.to_string(), payload.to_vec()));
        while self.seen_events.len() > 512 {
            self.seen_events.pop_front();
        }
        self.event_log.push_back(UserEvent {
            ltime,
            name: name.to_string(),
            payload: payload.to_vec(),
        });
        while self.event_log.len() > EVENT_LOG {
            self.event_log.pop_front();
        }
        true
    }

    /// Starts a keyring query across the pool; answers arrive in `pending[id]`.
    pub fn key_query(
        &mut self,
        now: Instant,
        op: KeyOp,
        key: Option<&Key>,
        expected: usize,
    ) -> u32 {
        let mut payload = Encoder::new();
        payload.buf.push(kind::KEY_REQUEST);
        StructWriter::new(&mut payload, 1).raw("Key", key.map(Key::as_bytes).unwrap_or_default());
        self.query(now, op.query_name(), &payload.buf, expected)
    }

    /// Starts an agent query (`name` starts with [`AGENT_QUERY_PREFIX`]); each node's answer
    /// arrives in `pending[id].raw`.
    pub fn agent_query(
        &mut self,
        now: Instant,
        name: &str,
        payload: &[u8],
        expected: usize,
    ) -> u32 {
        self.query(now, name, payload, expected)
    }

    /// Sends an agent query's answer back to the asker.
    pub fn answer(&mut self, now: Instant, q: &AgentQuery, payload: &[u8]) {
        let resp = self.encode_response(q.ltime, q.id, 0, payload);
        self.respond(now, q.to, resp);
    }

    fn query(&mut self, now: Instant, name: &str, payload: &[u8], expected: usize) -> u32 {
        let ltime = self.query_clock.time();
        let id = self.rng.next_u64() as u32;
        let timeout_ns = self.query_timeout.as_nanos() as i64;
        let mut e = Encoder::new();
        e.buf.push(kind::QUERY);
        StructWriter::new(&mut e, 11)
            .raw("Addr", &ip_bytes(self.addr.ip()))
            .value("Filters", &Value::Nil)
            .uint("Flags", 0)
            .uint("ID", u64::from(id))
            .uint("LTime", ltime)
            .str("Name", name)
            .raw("Payload", payload)
            .uint("Port", u64::from(self.addr.port()))
            .uint("RelayFactor", 0)
            .str("SourceNode", &self.name)
            .int("Timeout", timeout_ns);
        let msg = e.buf;
        self.pending.insert(
            id,
            PendingQuery {
                ltime,
                id,
                deadline: now + self.query_timeout,
                expected,
                responses: BTreeMap::new(),
                raw: BTreeMap::new(),
            },
        );
        // Handle it here as well (answering ourselves), then spread it.
        self.handle_message(now, &msg);
        id
    }

    /// serf's part of a push-pull.
    fn encode_state(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.buf.push(kind::PUSH_PULL);
        e.map_len(6);
        e.str("EventLTime");
        e.uint(self.event_clock.time());
        // The most recent user events, grouped by clock as serf sends them: a member that missed
        // an event's gossip still gets it at the next push-pull.
        let mut by_ltime: BTreeMap<u64, Vec<(&str, &[u8])>> = BTreeMap::new();
        for (lt, name, payload) in self.seen_events.iter().rev().take(PUSH_PULL_EVENTS) {
            by_ltime
                .entry(*lt)
                .or_default()
                .push((name.as_str(), payload.as_slice()));
        }
        e.str("Events");
        e.array_len(by_ltime.len());
        for (lt, events) in by_ltime {
            e.map_len(2);
            e.str("LTime");
            e.uint(lt);
            e.str("Events");
            e.array_len(events.len());
            for (name, payload) in events {
                e.map_len(2);
                e.str("Name");
                e.str(name);
                e.str("Payload");
                e.raw(payload);
            }
        }
        e.str("LTime");
        e.uint(self.clock.time());
        let left: Vec<&Member> = self
            .members
            .values()
            .filter(|m| m.status == Status::Left)
            .collect();
        e.str("LeftMembers");
        e.array_len(left.len());
        for m in left {
            e.str(&m.name);
        }
        e.str("QueryLTime");
        e.uint(self.query_clock.time());
        e.str("StatusLTimes");
        e.map_len(self.members.len());
        for m in self.members.values() {
            e.str(&m.name);
            e.uint(m.status_ltime);
        }
        e.buf
    }

    fn merge_state(&mut self, now: Instant, buf: &[u8]) -> Result<(), DecodeError> {
        let Some((&t, body)) = buf.split_first() else {
            return Ok(());
        };
        if t != kind::PUSH_PULL {
            return Err(DecodeError::Unsupported(t));
        }
        let mut f = Fields::decode(&mut Decoder::new(body))?;
        let ltime = f.u64("LTime")?;
        let event_ltime = f.u64("EventLTime")?;
        let query_ltime = f.u64("QueryLTime")?;
        if ltime > 0 {
            self.clock.witness(ltime - 1);
        }
        if event_ltime > 0 {
            self.event_clock.witness(event_ltime - 1);
        }
        if query_ltime > 0 {
            self.query_clock.witness(query_ltime - 1);
        }
        let left: Vec<String> = bytes_list(f.array("LeftMembers")?)
            .into_iter()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect();
        for (k, v) in f.map("StatusLTimes")? {
            let (Value::Bytes(name), Value::Uint(lt)) = (k, v) else {
                continue;
            };
            let name = String::from_utf8_lossy(&name).into_owned();
            if left.contains(&name) {
                self.leave_intent(now, lt, &name, false);
            } else {
                self.join_intent(now, lt, &name);
            }
        }
        for ev in f.array("Events")? {
            let Ok(mut evs) = Fields::from(ev) else {
                continue;
            };
            let lt = evs.u64("LTime")?;
            for e in evs.array("Events")? {
                let Ok(mut one) = Fields::from(e) else {
                    continue;
                };
                let name = one.string("Name")?;
                let payload = one.bytes("Payload")?;
                self.event_clock.witness(lt);
                self.record_event(now, lt, &name, &payload);
            }
        }
        Ok(())
    }

    /// A join intent: a newer status clock for a member; a leaving member is alive again.
    fn join_intent(&mut self, now: Instant, ltime: u64, node: &str) -> bool {
        self.clock.witness(ltime);
        let Some(m) = self.members.get_mut(node) else {
            self.remember_intent(now, node, false, ltime);
            return false;
        };
        if ltime <= m.status_ltime {
            return false;
        }
        m.status_ltime = ltime;
        if m.status == Status::Leaving {
            m.status = Status::Alive;
            m.changed = now;
        }
        true
    }

    /// A leave intent: alive → leaving (left once memberlist sees it go), failed → left.
    fn leave_intent(&mut self, now: Instant, ltime: u64, node: &str, prune: bool) -> bool {
        self.clock.witness(ltime);
        if node == self.name && !self.leaving {
            // Someone says we are leaving and we are not: refute with a fresh join intent.
            self.broadcast_join();
            return false;
        }
        let Some(m) = self.members.get_mut(node) else {
            self.remember_intent(now, node, true, ltime);
            return false;
        };
        // An intent at the very clock we hold still counts while the member is alive or failed:
        // a push-pull from a peer that had the member `leaving` carries the leave's clock as a
        // plain status time (serf's artificial join), and would otherwise make the leave itself
        // look old, leaving a gracefully departed member `failed` for good. A node never
        // announces a join and a leave at the same clock, so nothing newer is overridden.
        let same_leave =
            ltime == m.status_ltime && matches!(m.status, Status::Alive | Status::Failed);
        if ltime <= m.status_ltime && !same_leave && !prune {
            return false;
        }
        m.status_ltime = m.status_ltime.max(ltime);
        match m.status {
            Status::Alive => m.status = Status::Leaving,
            Status::Failed => m.status = Status::Left,
            Status::Leaving | Status::Left => {}
        }
        m.changed = now;
        if prune && matches!(m.status, Status::Left | Status::Leaving) {
            self.members.remove(node);
        }
        true
    }

    fn remember_intent(&mut self, now: Instant, node: &str, leave: bool, ltime: u64) {
        let e = self
            .recent_intents
            .entry(node.to_string())
            .or_insert((leave, ltime, now));
        if ltime >= e.1 {
            *e = (leave, ltime, now);
        }
    }

    /// Drops members failed or left for longer than their timeouts, and stale intents.
    pub fn reap(
        &mut self,
        now: Instant,
        reconnect_timeout: Duration,
        tombstone_timeout: Duration,
    ) -> Vec<String> {
        let mut gone = Vec::new();
        self.members.retain(|name, m| {
            let keep = match m.status {
                Status::Failed => now.duration_since(m.changed) < reconnect_timeout,
                Status::Left => now.duration_since(m.changed) < tombstone_timeout,
                _ => true,
            };
            if !keep {
                gone.push(name.clone());
            }
            keep
        });
        self.recent_intents
            .retain(|_, (_, _, at)| now.duration_since(*at) < Duration::from_secs(300));
        gone
    }

    /// A failed member to try to reconnect to, chosen at random (or none).
    pub fn reconnect_candidate(&mut self) -> Option<SocketAddr> {
        let failed: Vec<SocketAddr> = self
            .members
            .values()
            .filter(|m| m.status == Status::Failed)
            .map(|m| m.addr)
            .collect();
        if failed.is_empty() {
            return None;
        }
        Some(failed[self.rng.below(failed.len())])
    }

    /// Expires finished queries: returns those whose deadline passed or that have every answer.
    pub fn finished_queries(&mut self, now: Instant) -> Vec<PendingQuery> {
        let done: Vec<u32> = self
            .pending
            .values()
            .filter(|q| now >= q.deadline || q.responses.len() + q.raw.len() >= q.expected)
            .map(|q| q.id)
            .collect();
        done.into_iter()
            .filter_map(|id| self.pending.remove(&id))
            .collect()
    }

    fn handle_message(&mut self, now: Instant, msg: &[u8]) {
        if let Err(e) = self.try_handle(now, msg) {
            tracing::debug!("dropping a malformed serf message: {e}");
            self.bad_messages += 1;
        }
    }

    fn try_handle(&mut self, now: Instant, msg: &[u8]) -> Result<(), DecodeError> {
        let (&t, body) = msg.split_first().ok_or(DecodeError::Truncated)?;
        match t {
            kind::LEAVE => {
                let mut f = Fields::decode(&mut Decoder::new(body))?;
                let (ltime, node, prune) = (f.u64("LTime")?, f.string("Node")?, f.bool("Prune")?);
                if self.leave_intent(now, ltime, &node, prune) {
                    self.intents
                        .push(Some(format!("intent:{node}")), msg.to_vec());
                }
            }
            kind::JOIN => {
                let mut f = Fields::decode(&mut Decoder::new(body))?;
                let (ltime, node) = (f.u64("LTime")?, f.string("Node")?);
                if self.join_intent(now, ltime, &node) {
                    self.intents
                        .push(Some(format!("intent:{node}")), msg.to_vec());
                }
            }
            kind::USER_EVENT => {
                let mut f = Fields::decode(&mut Decoder::new(body))?;
                let (ltime, name, payload) =
                    (f.u64("LTime")?, f.string("Name")?, f.bytes("Payload")?);
                self.event_clock.witness(ltime);
                if self.record_event(now, ltime, &name, &payload) {
                    self.events.push(None, msg.to_vec());
                }
            }
            kind::QUERY => self.handle_query(now, msg, body)?,
            kind::QUERY_RESPONSE => {
                let mut f = Fields::decode(&mut Decoder::new(body))?;
                let (id, ltime, from, payload) = (
                    f.u32("ID")?,
                    f.u64("LTime")?,
                    f.string("From")?,
                    f.bytes("Payload")?,
                );
                let Some(q) = self.pending.get_mut(&id).filter(|q| q.ltime == ltime) else {
                    return Ok(());
                };
                if let Some((&kind::KEY_RESPONSE, rest)) = payload.split_first() {
                    let mut r = Fields::decode(&mut Decoder::new(rest))?;
                    let keys = bytes_list(r.array("Keys")?)
                        .into_iter()
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .collect();
                    let resp = KeyResponse {
                        result: r.bool("Result")?,
                        message: r.string("Message")?,
                        keys,
                        primary_key: r.string("PrimaryKey")?,
                    };
                    q.responses.entry(from).or_insert(resp);
                } else if !payload.is_empty() {
                    q.raw.entry(from).or_insert(payload);
                }
            }
            other => return Err(DecodeError::Unsupported(other)),
        }
        Ok(())
    }

    fn handle_query(&mut self, now: Instant, raw: &[u8], body: &[u8]) -> Result<(), DecodeError> {
        let mut f = Fields::decode(&mut Decoder::new(body))?;
        let ltime = f.u64("LTime")?;
        let id = f.u32("ID")?;
        self.query_clock.witness(ltime);
        if self.seen_queries.contains(&(ltime, id)) {
            return Ok(());
        }
        self.seen_queries.push_back((ltime, id));
        while self.seen_queries.len() > 512 {
            self.seen_queries.pop_front();
        }
        let flags = f.u32("Flags")?;
        if flags & QUERY_FLAG_NO_BROADCAST == 0 {
            self.queries.push(None, raw.to_vec());
        }
        let filters = bytes_list(f.array("Filters")?);
        if !self.passes_filters(&filters) {
            return Ok(());
        }
        let ip = f.bytes("Addr")?;
        let port = f.u16("Port")?;
        let Some(ip) = ip_from(&ip) else {
            return Ok(());
        };
        let to = SocketAddr::new(ip, port);
        let name = f.string("Name")?;
        let payload = f.bytes("Payload")?;
        if flags & QUERY_FLAG_ACK != 0 {
            let ack = self.encode_response(ltime, id, QUERY_FLAG_ACK, &[]);
            self.respond(now, to, ack);
        }
        if name.starts_with(AGENT_QUERY_PREFIX) {
            self.agent_queries.push(AgentQuery {
                ltime,
                id,
                to,
                name,
                payload,
            });
            return Ok(());
        }
        if let Some(op) = KeyOp::from_query(&name) {
            let answer = self.answer_key_query(op, &payload);
            let mut p = Encoder::new();
            p.buf.push(kind::KEY_RESPONSE);
            StructWriter::new(&mut p, 4)
                .value(
                    "Keys",
                    &Value::Array(
                        answer
                            .keys
                            .iter()
                            .map(|k| Value::Bytes(k.clone().into_bytes()))
                            .collect(),
                    ),
                )
                .str("Message", &answer.message)
                .str("PrimaryKey", &answer.primary_key)
                .bool("Result", answer.result);
            let resp = self.encode_response(ltime, id, 0, &p.buf);
            self.respond(now, to, resp);
        }
        Ok(())
    }

    /// Sends a response, or handles it here when we asked.
    fn respond(&mut self, now: Instant, to: SocketAddr, msg: Vec<u8>) {
        if to == self.addr {
            self.handle_message(now, &msg);
        } else {
            self.direct.push(Direct { to, msg });
        }
    }

    fn encode_response(&self, ltime: u64, id: u32, flags: u32, payload: &[u8]) -> Vec<u8> {
        let mut e = Encoder::new();
        e.buf.push(kind::QUERY_RESPONSE);
        StructWriter::new(&mut e, 5)
            .uint("Flags", u64::from(flags))
            .str("From", &self.name)
            .uint("ID", u64::from(id))
            .uint("LTime", ltime)
            .raw("Payload", payload);
        e.buf
    }

    fn passes_filters(&self, filters: &[Vec<u8>]) -> bool {
        for f in filters {
            let Some((&t, body)) = f.split_first() else {
                return false;
            };
            match t {
                0 => {
                    let Ok(Value::Array(names)) = Decoder::new(body).value() else {
                        return false;
                    };
                    if !bytes_list(names).iter().any(|n| n == self.name.as_bytes()) {
                        return false;
                    }
                }
                // Tag filters use regular expressions; this node cannot evaluate them, so it
                // does not answer rather than answer wrongly.
                _ => return false,
            }
        }
        true
    }

    fn answer_key_query(&mut self, op: KeyOp, payload: &[u8]) -> KeyResponse {
        let fail = |m: &str| KeyResponse {
            result: false,
            message: m.to_string(),
            ..Default::default()
        };
        if self.keyring.is_empty() {
            return fail(match op {
                KeyOp::List => "Keyring is empty (encryption not enabled)",
                _ => "No keyring to modify (encryption not enabled)",
            });
        }
        let key = match payload
            .split_first()
            .map(|(_, rest)| Fields::decode(&mut Decoder::new(rest)))
        {
            Some(Ok(mut f)) => f.bytes("Key").unwrap_or_default(),
            _ => return fail("Failed to decode key request"),
        };
        let parse = |k: Vec<u8>| Key::new(k).map_err(|e| e.to_string());
        match op {
            KeyOp::List => KeyResponse {
                result: true,
                message: String::new(),
                keys: self.keyring.keys().iter().map(Key::to_base64).collect(),
                primary_key: self
                    .keyring
                    .primary()
                    .map(Key::to_base64)
                    .unwrap_or_default(),
            },
            KeyOp::Install | KeyOp::Use | KeyOp::Remove => {
                let changed = parse(key).and_then(|k| match op {
                    KeyOp::Install => {
                        self.keyring.install(k);
                        Ok(())
                    }
                    KeyOp::Use => self.keyring.use_key(&k),
                    _ => self.keyring.remove(&k),
                });
                match changed {
                    Ok(()) => {
                        self.keyring_dirty = true;
                        KeyResponse {
                            result: true,
                            ..Default::default()
                        }
                    }
                    Err(e) => fail(&e),
                }
            }
        }
    }
}

fn encode_leave(ltime: u64, node: &str, prune: bool) -> Vec<u8> {
    let mut e = Encoder::new();
    e.buf.push(kind::LEAVE);
    StructWriter::new(&mut e, 3)
        .uint("LTime", ltime)
        .str("Node", node)
        .bool("Prune", prune);
    e.buf
}

impl Delegate for Serf {
    fn node_meta(&mut self) -> Vec<u8> {
        encode_tags(&self.tags)
    }

    fn notify_msg(&mut self, now: Instant, msg: &[u8]) {
        self.handle_message(now, msg);
    }

    fn broadcasts(&mut self, overhead: usize, limit: usize) -> Vec<Vec<u8>> {
        let max = broadcast::retransmit_limit(4, self.alive_count());
        let mut out = self.intents.take(overhead, limit, max);
        let mut used: usize = out.iter().map(|m| m.len() + overhead).sum();
        for q in [&mut self.queries, &mut self.events] {
            let more = q.take(overhead, limit.saturating_sub(used), max);
            used += more.iter().map(|m| m.len() + overhead).sum::<usize>();
            out.extend(more);
        }
        out
    }

    fn local_state(&mut self, _join: bool) -> Vec<u8> {
        self.encode_state()
    }

    fn merge_remote_state(&mut self, now: Instant, state: &[u8], _join: bool) {
        if let Err(e) = self.merge_state(now, state) {
            tracing::debug!("dropping malformed serf push-pull state: {e}");
            self.bad_messages += 1;
        }
    }

    fn notify(&mut self, now: Instant, event: NodeEvent) {
        match event {
            NodeEvent::Join(n) | NodeEvent::Update(n) => self.upsert(now, &n),
            NodeEvent::Leave(n) => {
                // Only a live member changes: a second report of the same departure must not
                // turn `left` into `failed`.
                if let Some(m) = self.members.get_mut(&n.name) {
                    m.status = match m.status {
                        Status::Leaving => Status::Left,
                        Status::Alive => Status::Failed,
                        Status::Left | Status::Failed => return,
                    };
                    m.suspect = false;
                    m.changed = now;
                }
            }
        }
    }
}

impl Serf {
    fn upsert(&mut self, now: Instant, n: &Node) {
        let tags = decode_tags(&n.meta);
        let intent = self.recent_intents.remove(&n.name);
        let m = self
            .members
            .entry(n.name.clone())
            .or_insert_with(|| Member {
                name: n.name.clone(),
                addr: n.addr,
                tags: BTreeMap::new(),
                status: Status::Alive,
                suspect: false,
                status_ltime: 0,
                changed: now,
                vsn: n.vsn,
            });
        m.addr = n.addr;
        m.tags = tags;
        m.vsn = n.vsn;
        m.suspect = n.state == NodeState::Suspect;
        if matches!(m.status, Status::Failed | Status::Left) {
            m.status = Status::Alive;
            m.changed = now;
        }
        if let Some((leave, ltime, _)) = intent
            && ltime > m.status_ltime
        {
            m.status_ltime = ltime;
            if leave {
                m.status = Status::Leaving;
            }
        }
    }

    /// Marks memberlist's suspect flag (for display; serf still counts the member alive).
    pub fn set_suspect(&mut self, name: &str, suspect: bool) {
        if let Some(m) = self.members.get_mut(name) {
            m.suspect = suspect;
        }
    }

    /// Adds this node itself to the member table.
    pub fn add_self(&mut self, now: Instant, n: &Node) {
        self.upsert(now, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags round-trip through metadata; empty tags are `ff 80`; foreign metadata is a role.
    #[test]
    fn tags_in_meta() {
        let mut t = BTreeMap::new();
        assert_eq!(encode_tags(&t), vec![0xff, 0x80]);
        t.insert("role".to_string(), "consul".to_string());
        t.insert("dc".to_string(), "dc1".to_string());
        assert_eq!(decode_tags(&encode_tags(&t)), t);
        assert_eq!(
            decode_tags(b"web").get("role").map(String::as_str),
            Some("web")
        );
        assert!(
            decode_tags(&[0xff, 0x85, 1]).is_empty(),
            "garbage tags decode to nothing"
        );
    }

    /// A member that left stays `left` when memberlist reports its departure a second time, and
    /// a failed one stays failed; only a leave intent turns failed into left.
    #[test]
    fn departures_are_reported_once() {
        let now = Instant::now();
        let mut s = Serf::new(
            "a".into(),
            "127.0.0.1:1".parse().unwrap(),
            BTreeMap::new(),
            Keyring::default(),
            1,
        );
        let node = |name: &str, state| Node {
            name: name.into(),
            addr: "127.0.0.1:2".parse().unwrap(),
            meta: encode_tags(&BTreeMap::new()),
            incarnation: 1,
            state,
            state_change: now,
            vsn: [1, 5, 2, 2, 5, 4],
        };
        let status = |s: &Serf, name: &str| {
            s.members()
                .find(|m| m.name == name)
                .map(|m| m.status.as_str())
        };
        s.notify(now, NodeEvent::Join(node("b", NodeState::Alive)));
        s.notify(now, NodeEvent::Join(node("c", NodeState::Alive)));
        assert!(s.leave_intent(now, 10, "b", false));
        assert_eq!(status(&s, "b"), Some("leaving"));
        s.notify(now, NodeEvent::Leave(node("b", NodeState::Dead)));
        assert_eq!(status(&s, "b"), Some("left"));
        s.notify(now, NodeEvent::Leave(node("b", NodeState::Left)));
        assert_eq!(status(&s, "b"), Some("left"));

        // A push-pull from a peer that saw b2 leaving carries the leave's clock as a status
        // time; the leave intent itself, arriving after memberlist reported b2 gone, still
        // makes it `left`.
        s.notify(now, NodeEvent::Join(node("b2", NodeState::Alive)));
        assert!(s.join_intent(now, 12, "b2"));
        s.notify(now, NodeEvent::Leave(node("b2", NodeState::Dead)));
        assert_eq!(status(&s, "b2"), Some("failed"));
        assert!(s.leave_intent(now, 12, "b2", false));
        assert_eq!(status(&s, "b2"), Some("left"));
        assert!(!s.leave_intent(now, 12, "b2", false), "applied once");

        s.notify(now, NodeEvent::Leave(node("c", NodeState::Dead)));
        assert_eq!(status(&s, "c"), Some("failed"));
        s.notify(now, NodeEvent::Leave(node("c", NodeState::Left)));
        assert_eq!(status(&s, "c"), Some("failed"));
        assert!(s.leave_intent(now, 13, "c", false));
        assert_eq!(status(&s, "c"), Some("left"));
    }

    /// A member that missed a user event's gossip gets it from the next push-pull.
    #[test]
    fn push_pull_carries_recent_events() {
        let now = Instant::now();
        let new = |name: &str| {
            Serf::new(
                name.into(),
                "127.0.0.1:1".parse().unwrap(),
                BTreeMap::new(),
                Keyring::default(),
                1,
            )
        };
        let (mut a, mut b) = (new("a"), new("b"));
        a.user_event(now, "deploy", b"v2");
        b.merge_state(now, &a.encode_state()).unwrap();
        let got: Vec<_> = b
            .event_log
            .iter()
            .map(|e| (e.name.clone(), e.payload.clone()))
            .collect();
        assert_eq!(got, vec![("deploy".to_string(), b"v2".to_vec())]);
    }

    /// A keyring query answered by this node alone completes with its answer.
    #[test]
    fn key_query_answers_itself() {
        let now = Instant::now();
        let k1 = Key::new(vec![1; 32]).unwrap();
        let mut s = Serf::new(
            "a".into(),
            "127.0.0.1:1".parse().unwrap(),
            BTreeMap::new(),
            Keyring::new(k1.clone()),
            1,
        );
        let k2 = Key::new(vec![2; 16]).unwrap();
        let id = s.key_query(now, KeyOp::Install, Some(&k2), 1);
        let done = s.finished_queries(now);
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].id, id);
        assert!(done[0].responses["a"].result);
        assert_eq!(s.keyring.keys().len(), 2);
        let id = s.key_query(now, KeyOp::Remove, Some(&k1), 1);
        let done = s.finished_queries(now);
        assert_eq!(done[0].id, id);
        assert_eq!(
            done[0].responses["a"].message,
            "Removing the primary key is not allowed"
        );
        s.key_query(now, KeyOp::List, None, 1);
        let done = s.finished_queries(now);
        assert_eq!(done[0].responses["a"].keys.len(), 2);
        assert_eq!(done[0].responses["a"].primary_key, k1.to_base64());
    }
}
