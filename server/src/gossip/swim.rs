//! The SWIM failure detector with Lifeguard, as a sans-IO state machine over memberlist's messages.
//!
//! Nothing here touches a socket or a clock: the driver feeds packets, streams and the current
//! time in, and sends the [`Output`]s it gets back. That makes the protocol testable with thousands
//! of simulated nodes and a controlled clock, and keeps the real transport a thin shell.
//!
//! One probe runs at a time: ping the next member in a shuffled round; no ack within the probe
//! timeout → ask `indirect_checks` members to ping it (with nacks) and try a TCP ping; no ack by
//! the end of the probe interval → suspect it. Suspicion becomes death after a timeout that
//! confirmations from others shorten. Every state change is broadcast by piggybacking on packets
//! already being sent and on periodic gossip; a full-state push-pull over TCP runs periodically
//! and at join. Lifeguard's awareness score stretches this node's own probe timings when it misses
//! acks or nacks it should have seen, so a slow node blames itself before it blames others.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::awareness::Awareness;
use super::broadcast::{self, Queue};
use super::codec::{self, COMPOUND_OVERHEAD, COMPOUND_PART_OVERHEAD};
use super::message::{
    Ack, Alive, Dead, IndirectPing, Kind, Message, Nack, NodeState, Ping, PushNodeState, PushPull,
    Suspect,
};
use super::suspicion::{self, Suspicion};

/// How much plaintext a gossip packet is filled with, in packet sizes, before compression
/// brings it back within one (see `gossip`).
const GOSSIP_PACKING: usize = 3;

/// Protocol versions we speak, exactly as a serf agent announces them: memberlist 1..=5 (current
/// 2), delegate (serf) 2..=5 (current 5). Peers refuse a member whose current versions fall
/// outside everyone's ranges, and claiming memberlist 5 commits us to TCP pings, nacks and CRCs.
pub const VSN: [u8; 6] = [1, 5, 2, 2, 5, 5];

/// Timings and limits (memberlist's LAN defaults, see [`SwimConfig::lan`]).
#[derive(Debug, Clone)]
pub struct SwimConfig {
    pub name: String,
    /// The address peers reach us at.
    pub addr: SocketAddr,
    pub probe_interval: Duration,
    pub probe_timeout: Duration,
    pub indirect_checks: usize,
    pub suspicion_mult: u32,
    pub suspicion_max_timeout_mult: u32,
    pub retransmit_mult: u32,
    pub gossip_interval: Duration,
    pub gossip_nodes: usize,
    pub gossip_to_dead: Duration,
    pub push_pull_interval: Duration,
    pub awareness_max: i32,
    /// Lifeguard (awareness scaling, nacks, confirmation-shortened suspicion). Off only to show
    /// what it buys.
    pub lifeguard: bool,
    /// Try a TCP ping when UDP probes fail.
    pub tcp_fallback: bool,
    /// Largest plaintext packet: 1400 less what encryption and labels add.
    pub packet_limit: usize,
    /// Identities shared with other engines in this process (simulations); None in an agent.
    pub idents: Option<Arc<IdentCache>>,
}

impl SwimConfig {
    /// memberlist's DefaultLANConfig (what Consul uses on the LAN).
    pub fn lan(name: String, addr: SocketAddr) -> Self {
        SwimConfig {
            name,
            addr,
            probe_interval: Duration::from_secs(1),
            probe_timeout: Duration::from_millis(500),
            indirect_checks: 3,
            suspicion_mult: 4,
            suspicion_max_timeout_mult: 6,
            retransmit_mult: 4,
            gossip_interval: Duration::from_millis(200),
            gossip_nodes: 3,
            gossip_to_dead: Duration::from_secs(30),
            push_pull_interval: Duration::from_secs(30),
            awareness_max: 8,
            lifeguard: true,
            tcp_fallback: true,
            packet_limit: codec::MAX_PACKET,
            idents: None,
        }
    }

    /// Consul's `-dev` gossip profile: 100 ms probes and gossip, suspicion mult 3.
    pub fn fast(name: String, addr: SocketAddr) -> Self {
        SwimConfig {
            probe_interval: Duration::from_millis(100),
            probe_timeout: Duration::from_millis(100),
            gossip_interval: Duration::from_millis(100),
            suspicion_mult: 3,
            ..SwimConfig::lan(name, addr)
        }
    }
}

/// One member as the failure detector knows it: an owned snapshot handed to the layer above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub addr: SocketAddr,
    pub meta: Vec<u8>,
    pub incarnation: u32,
    pub state: NodeState,
    pub state_change: Instant,
    pub vsn: [u8; 6],
}

/// A member's identity as it last announced itself. Shared by reference: the member table, the
/// probe order and the probe in flight hold one copy, and engines that share an [`IdentCache`]
/// (a simulation of thousands of nodes in one process) hold one copy between them.
#[derive(Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: Box<str>,
    pub addr: SocketAddr,
    pub meta: Box<[u8]>,
    pub vsn: [u8; 6],
}

/// The member table's key: an identity hashed and compared by name alone, so lookups by `&str`
/// work and the name is stored once.
#[derive(Debug, Clone)]
pub struct Key(Arc<Ident>);

impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0.name
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Must hash exactly as the borrowed `str` does.
        let name: &str = &self.0.name;
        name.hash(h);
    }
}

impl PartialEq for Key {
    fn eq(&self, o: &Self) -> bool {
        self.0.name == o.0.name
    }
}
impl Eq for Key {}

/// Identities shared between engines living in one process. A real agent runs one engine and
/// has no use for it; a 10,000-node simulation would otherwise store every name 10,000 times.
#[derive(Debug, Default)]
pub struct IdentCache(Mutex<HashSet<Key>>);

impl IdentCache {
    fn intern(&self, ident: Ident) -> Arc<Ident> {
        let Ok(mut set) = self.0.lock() else {
            return Arc::new(ident);
        };
        if let Some(k) = set.get(&*ident.name)
            && *k.0 == ident
        {
            return k.0.clone();
        }
        let a = Arc::new(ident);
        set.replace(Key(a.clone()));
        a
    }
}

/// What the detector tracks per member beside its identity: 16 bytes, so a 10,000-member table
/// costs a few hundred kilobytes.
#[derive(Debug, Clone, Copy)]
struct Status {
    incarnation: u32,
    state: NodeState,
    /// When `state` last changed, in milliseconds since the engine started.
    since_ms: u64,
}

impl Status {
    fn live(&self) -> bool {
        matches!(self.state, NodeState::Alive | NodeState::Suspect)
    }
}

/// What happened to a member, for the layer above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeEvent {
    Join(Node),
    /// Dead or left (see `state`).
    Leave(Node),
    Update(Node),
}

/// What the driver must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Send a UDP packet (plaintext; the transport frames and encrypts it).
    Packet { to: SocketAddr, data: Vec<u8> },
    /// Open a stream to `to`, send `data`, and pass the reply to [`Swim::stream_reply`].
    Stream {
        to: SocketAddr,
        data: Vec<u8>,
        purpose: StreamPurpose,
    },
}

/// Why a stream is opened, so its failure can be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamPurpose {
    Join,
    PushPull,
    /// A TCP fallback ping with this sequence number.
    Ping(u32),
}

/// The layer above (serf): node metadata, its own messages and state.
pub trait Delegate {
    /// This node's metadata (serf's encoded tags).
    fn node_meta(&mut self) -> Vec<u8>;
    /// A message for the layer above (memberlist's user message).
    fn notify_msg(&mut self, now: Instant, msg: &[u8]);
    /// Messages to piggyback, each costing `overhead` bytes more, within `limit` bytes.
    fn broadcasts(&mut self, overhead: usize, limit: usize) -> Vec<Vec<u8>>;
    /// State to send in a push-pull.
    fn local_state(&mut self, join: bool) -> Vec<u8>;
    /// State received in a push-pull.
    fn merge_remote_state(&mut self, now: Instant, state: &[u8], join: bool);
    /// A member joined, left or died, or changed its metadata.
    fn notify(&mut self, now: Instant, event: NodeEvent);
}

/// The probe in progress.
#[derive(Debug)]
struct Probe {
    target: Arc<Ident>,
    seq: u32,
    /// When the ping went out, for the probe round-trip time.
    started: Instant,
    timeout_at: Instant,
    interval_end: Instant,
    acked: bool,
    indirect_sent: bool,
    expected_nacks: i32,
    nacks: i32,
    /// The target's host answered our ping with "port unreachable": nothing listens there.
    refused: bool,
    /// The TCP fallback ping failed.
    tcp_failed: bool,
}

/// A ping we forward for a peer's indirect probe.
#[derive(Debug)]
struct Relay {
    requester: SocketAddr,
    seq: u32,
    /// The member pinged on the requester's behalf.
    target: SocketAddr,
    /// Whether a nack is still owed (the requester asked for one and none was sent yet).
    nack: bool,
    /// When to send the nack if no ack came: before `deadline`, so that it reaches a requester
    /// whose own window closes one probe timeout after it asked.
    nack_at: Instant,
    /// Until when an ack from the target is still relayed.
    deadline: Instant,
}

impl Relay {
    /// The nack still owed to the requester, if any; it is owed only once.
    fn take_nack(&mut self) -> Option<Output> {
        std::mem::take(&mut self.nack).then(|| Output::Packet {
            to: self.requester,
            data: Message::Nack(Nack { seq_no: self.seq }).encode(),
        })
    }
}

/// Counters for `ctl info` and tests.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub probes: u64,
    pub probe_failures: u64,
    /// Packets a member's host refused ("port unreachable").
    pub refusals: u64,
    pub refutes: u64,
    pub bad_messages: u64,
}

/// A small deterministic generator (xorshift64*): simulations must replay exactly.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// The failure detector of one node.
pub struct Swim {
    cfg: SwimConfig,
    /// The zero of every member's `since_ms`.
    epoch: Instant,
    incarnation: u32,
    members: HashMap<Key, Status>,
    order: Vec<Key>,
    order_pos: usize,
    seq: u32,
    probe: Option<Probe>,
    /// Round-trip times of acknowledged probes since the driver last took them (metrics).
    probe_times: Vec<Duration>,
    next_probe: Instant,
    next_gossip: Instant,
    /// When the last gossip round ran: news of a newcomer hastens the next one, no sooner than
    /// a quarter interval after it.
    last_gossip: Instant,
    next_push_pull: Instant,
    relays: HashMap<u32, Relay>,
    suspicions: HashMap<String, Suspicion>,
    queue: Queue,
    awareness: Awareness,
    leaving: bool,
    rng: Rng,
    out: Vec<Output>,
    /// Members alive or suspect, kept current so sizing decisions cost nothing per packet.
    live: usize,
    pub stats: Stats,
}

fn alive_msg(id: &Ident, incarnation: u32) -> Message {
    Message::Alive(Alive {
        incarnation,
        node: id.name.to_string(),
        addr: id.addr,
        meta: id.meta.to_vec(),
        vsn: id.vsn,
    })
}

impl Swim {
    /// A node that knows only itself; `meta` is its delegate metadata.
    pub fn new(cfg: SwimConfig, now: Instant, meta: Vec<u8>, seed: u64) -> Swim {
        let mut rng = Rng::new(seed);
        // Spread periodic work so nodes started together do not probe in lockstep.
        let jitter =
            |rng: &mut Rng, d: Duration| d.mul_f64((rng.next_u64() % 1000) as f64 / 1000.0);
        let next_probe = now + jitter(&mut rng, cfg.probe_interval);
        let next_gossip = now + jitter(&mut rng, cfg.gossip_interval);
        let next_push_pull =
            now + cfg.push_pull_interval + jitter(&mut rng, cfg.push_pull_interval);
        let awareness = Awareness::new(cfg.awareness_max);
        let mut swim = Swim {
            cfg,
            epoch: now,
            incarnation: 1,
            members: HashMap::new(),
            order: Vec::new(),
            order_pos: 0,
            seq: 0,
            probe: None,
            probe_times: Vec::new(),
            next_probe,
            next_gossip,
            last_gossip: now,
            next_push_pull,
            relays: HashMap::new(),
            suspicions: HashMap::new(),
            queue: Queue::default(),
            awareness,
            leaving: false,
            rng,
            out: Vec::new(),
            live: 1,
            stats: Stats::default(),
        };
        let me = swim.ident(&swim.cfg.name.clone(), swim.cfg.addr, &meta, VSN);
        swim.queue
            .push(Some(me.name.to_string()), alive_msg(&me, 1).encode());
        swim.members.insert(
            Key(me),
            Status {
                incarnation: 1,
                state: NodeState::Alive,
                since_ms: 0,
            },
        );
        swim
    }

    /// An identity, shared through the configured cache when there is one.
    fn ident(&self, name: &str, addr: SocketAddr, meta: &[u8], vsn: [u8; 6]) -> Arc<Ident> {
        let id = Ident {
            name: name.into(),
            addr,
            meta: meta.into(),
            vsn,
        };
        match &self.cfg.idents {
            Some(cache) => cache.intern(id),
            None => Arc::new(id),
        }
    }

    fn ms(&self, now: Instant) -> u64 {
        now.saturating_duration_since(self.epoch).as_millis() as u64
    }

    fn at(&self, ms: u64) -> Instant {
        self.epoch + Duration::from_millis(ms)
    }

    fn snapshot(&self, id: &Ident, s: &Status) -> Node {
        Node {
            name: id.name.to_string(),
            addr: id.addr,
            meta: id.meta.to_vec(),
            incarnation: s.incarnation,
            state: s.state,
            state_change: self.at(s.since_ms),
            vsn: id.vsn,
        }
    }

    pub fn name(&self) -> &str {
        &self.cfg.name
    }

    pub fn config(&self) -> &SwimConfig {
        &self.cfg
    }

    /// Every member, including this node and dead ones not yet forgotten.
    pub fn members(&self) -> impl Iterator<Item = Node> + '_ {
        self.members.iter().map(|(k, s)| self.snapshot(&k.0, s))
    }

    pub fn member(&self, name: &str) -> Option<Node> {
        self.members
            .get_key_value(name)
            .map(|(k, s)| self.snapshot(&k.0, s))
    }

    /// The member's state alone, without copying its identity.
    pub fn member_state(&self, name: &str) -> Option<NodeState> {
        self.members.get(name).map(|s| s.state)
    }

    /// Lifeguard's health score (0 is healthy).
    /// The probe round-trip times recorded since the last call.
    pub fn take_probe_times(&mut self) -> Vec<Duration> {
        std::mem::take(&mut self.probe_times)
    }

    pub fn health_score(&self) -> i32 {
        self.awareness.score()
    }

    /// Members not known dead or left.
    pub fn num_alive(&self) -> usize {
        self.live
    }

    /// Forgets queued broadcasts: a simulation that starts from an already converged cluster has
    /// no news left to spread.
    pub fn clear_broadcasts(&mut self) {
        self.queue = Queue::default();
    }

    /// Adds members already known to be alive, as if learned in a past push-pull, without events
    /// or broadcasts: simulations start from a converged cluster this way, since replaying every
    /// join through messages would cost O(n²) broadcasts before the experiment even began.
    pub fn assume_members(&mut self, ids: impl IntoIterator<Item = Arc<Ident>>) {
        for id in ids {
            if *id.name == *self.cfg.name || self.members.contains_key(&*id.name) {
                continue;
            }
            self.order.push(Key(id.clone()));
            self.members.insert(
                Key(id),
                Status {
                    incarnation: 1,
                    state: NodeState::Alive,
                    since_ms: 0,
                },
            );
        }
        self.rng.shuffle(&mut self.order);
        self.recount();
    }

    /// This node's identity, for seeding other engines' tables.
    pub fn identity(&self) -> Option<Arc<Ident>> {
        self.me()
    }

    fn recount(&mut self) {
        self.live = self.members.values().filter(|s| s.live()).count();
    }

    /// Up to `k` distinct members other than this node that pass `keep`, chosen at random.
    /// Large clusters sample the probe order instead of scanning every member.
    fn sample(&mut self, k: usize, keep: impl Fn(&Ident, &Status) -> bool) -> Vec<Arc<Ident>> {
        let me = self.cfg.name.as_str();
        if self.order.len() <= 64 {
            let mut all: Vec<&Arc<Ident>> = self
                .members
                .iter()
                .filter(|(key, s)| &*key.0.name != me && keep(&key.0, s))
                .map(|(key, _)| &key.0)
                .collect();
            all.sort_by(|a, b| a.name.cmp(&b.name));
            let mut all: Vec<Arc<Ident>> = all.into_iter().cloned().collect();
            self.rng.shuffle(&mut all);
            all.truncate(k);
            return all;
        }
        let mut out: Vec<Arc<Ident>> = Vec::with_capacity(k);
        for _ in 0..k * 8 {
            if out.len() >= k {
                break;
            }
            let key = &self.order[self.rng.below(self.order.len())];
            if let Some((key, s)) = self.members.get_key_value(&*key.0.name)
                && &*key.0.name != me
                && keep(&key.0, s)
                && !out.iter().any(|o| o.name == key.0.name)
            {
                out.push(key.0.clone());
            }
        }
        out
    }

    /// Broadcasts waiting to be sent.
    pub fn queued_broadcasts(&self) -> usize {
        self.queue.len()
    }

    /// Takes what the driver must do.
    pub fn drain(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.out)
    }

    /// The earliest time [`Swim::tick`] has work.
    pub fn next_deadline(&self) -> Instant {
        let mut t = self.next_gossip.min(self.next_push_pull);
        match &self.probe {
            Some(p) if !p.indirect_sent => t = t.min(p.timeout_at),
            Some(p) => t = t.min(p.interval_end),
            None => t = t.min(self.next_probe),
        }
        for s in self.suspicions.values() {
            t = t.min(s.deadline());
        }
        for r in self.relays.values() {
            t = t.min(if r.nack { r.nack_at } else { r.deadline });
        }
        t
    }

    fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    /// This node's identity; it is inserted at construction and never removed.
    fn me(&self) -> Option<Arc<Ident>> {
        self.members
            .get_key_value(self.cfg.name.as_str())
            .map(|(k, _)| k.0.clone())
    }

    /// Replaces a member's identity (new address or metadata), keeping its status. The map keeps
    /// an existing key on insert, so the old key must go first.
    fn set_ident(&mut self, id: Arc<Ident>) {
        if let Some(s) = self.members.remove(&*id.name) {
            self.members.insert(Key(id), s);
        }
    }

    fn estimated_n(&self) -> usize {
        self.num_alive().max(1)
    }

    /// Sends a message with as many broadcasts piggybacked as fit.
    fn send(&mut self, to: SocketAddr, msg: Message, d: &mut dyn Delegate) {
        let first = msg.encode();
        let mut parts = vec![first];
        let used = parts[0].len() + COMPOUND_OVERHEAD + COMPOUND_PART_OVERHEAD;
        let room = self.cfg.packet_limit.saturating_sub(used);
        parts.extend(self.take_broadcasts(room, d));
        self.out.push(Output::Packet {
            to,
            data: codec::compound(&parts),
        });
    }

    /// Our broadcasts then the delegate's (as user messages) within `room` bytes.
    fn take_broadcasts(&mut self, room: usize, d: &mut dyn Delegate) -> Vec<Vec<u8>> {
        let limit = broadcast::retransmit_limit(self.cfg.retransmit_mult, self.estimated_n());
        let mut parts = self.queue.take(COMPOUND_PART_OVERHEAD, room, limit);
        let used: usize = parts.iter().map(|p| p.len() + COMPOUND_PART_OVERHEAD).sum();
        let left = room.saturating_sub(used);
        if left > COMPOUND_PART_OVERHEAD + 1 {
            for m in d.broadcasts(COMPOUND_PART_OVERHEAD + 1, left) {
                let mut b = Vec::with_capacity(m.len() + 1);
                b.push(Kind::User as u8);
                b.extend_from_slice(&m);
                parts.push(b);
            }
        }
        parts.truncate(255 - 1);
        parts
    }

    /// Runs every timer that is due.
    pub fn tick(&mut self, now: Instant, d: &mut dyn Delegate) {
        self.check_suspicions(now, d);
        self.check_relays(now);
        self.run_probe(now, d);
        if now >= self.next_gossip {
            self.gossip(now, d);
            self.last_gossip = now;
            self.next_gossip = now + self.cfg.gossip_interval;
        }
        if now >= self.next_push_pull {
            self.push_pull_random(d);
            self.next_push_pull = now + self.push_pull_interval();
        }
    }

    fn push_pull_interval(&self) -> Duration {
        let n = self.estimated_n();
        if n <= 32 {
            return self.cfg.push_pull_interval;
        }
        let mult = ((n as f64).log2() - 32f64.log2()).ceil() + 1.0;
        self.cfg.push_pull_interval.mul_f64(mult)
    }

    fn scaled(&self, d: Duration) -> Duration {
        if self.cfg.lifeguard {
            self.awareness.scale(d)
        } else {
            d
        }
    }

    /// Picks the next member to probe: a shuffled round over the others, skipping the dead.
    fn next_target(&mut self, now: Instant) -> Option<Arc<Ident>> {
        for _ in 0..2 {
            while self.order_pos < self.order.len() {
                let pos = self.order_pos;
                self.order_pos += 1;
                let name: &str = &self.order[pos].0.name;
                if let Some((key, s)) = self.members.get_key_value(name)
                    && name != self.cfg.name
                    && s.live()
                {
                    return Some(key.0.clone());
                }
            }
            // A round is over: forget members dead long enough, and reshuffle.
            let gone = self.cfg.gossip_to_dead.as_millis() as u64;
            let now_ms = self.ms(now);
            let me = self.cfg.name.as_str();
            self.members.retain(|k, s| {
                &*k.0.name == me || s.live() || now_ms.saturating_sub(s.since_ms) < gone
            });
            self.recount();
            let mut order: Vec<Key> = self.members.keys().cloned().collect();
            order.sort_by(|a, b| a.0.name.cmp(&b.0.name));
            self.rng.shuffle(&mut order);
            self.order = order;
            self.order_pos = 0;
        }
        None
    }

    fn run_probe(&mut self, now: Instant, d: &mut dyn Delegate) {
        if self.probe.is_none() {
            if now < self.next_probe {
                return;
            }
            let Some(target) = self.next_target(now) else {
                self.next_probe = now + self.cfg.probe_interval;
                return;
            };
            let Some(status) = self.members.get(&*target.name).copied() else {
                return;
            };
            let seq = self.next_seq();
            let interval = self.scaled(self.cfg.probe_interval);
            let timeout = self.scaled(self.cfg.probe_timeout);
            let ping = Ping {
                seq_no: seq,
                node: target.name.to_string(),
                source: Some((self.cfg.addr, self.cfg.name.clone())),
            };
            if status.state == NodeState::Suspect {
                // Tell a suspect it is suspected, so it can refute at once (Lifeguard's buddy system).
                let s = Suspect {
                    incarnation: status.incarnation,
                    node: target.name.to_string(),
                    from: self.cfg.name.clone(),
                };
                let data =
                    codec::compound(&[Message::Ping(ping).encode(), Message::Suspect(s).encode()]);
                self.out.push(Output::Packet {
                    to: target.addr,
                    data,
                });
            } else {
                self.send(target.addr, Message::Ping(ping), d);
            }
            self.stats.probes += 1;
            self.probe = Some(Probe {
                target,
                seq,
                started: now,
                timeout_at: now + timeout,
                interval_end: now + interval,
                acked: false,
                indirect_sent: false,
                expected_nacks: 0,
                nacks: 0,
                refused: false,
                tcp_failed: false,
            });
            return;
        }
        let Some(p) = self.probe.as_ref() else { return };
        if p.acked {
            return;
        }
        if !p.indirect_sent && now >= p.timeout_at {
            self.indirect_probe(d);
            return;
        }
        if now >= p.interval_end {
            self.finish_probe(now, false, d);
        }
    }

    fn indirect_probe(&mut self, d: &mut dyn Delegate) {
        let Some(p) = self.probe.as_mut() else { return };
        p.indirect_sent = true;
        let (target, seq) = (p.target.clone(), p.seq);
        let helpers: Vec<(SocketAddr, bool)> = self
            .sample(self.cfg.indirect_checks, |id, s| {
                id.name != target.name && s.state == NodeState::Alive
            })
            .into_iter()
            .map(|n| (n.addr, n.vsn[1] >= 4))
            .collect();
        let mut expected = 0;
        for (addr, nack_capable) in helpers {
            let nack = self.cfg.lifeguard && nack_capable;
            expected += i32::from(nack);
            let req = IndirectPing {
                seq_no: seq,
                target: target.addr,
                node: target.name.to_string(),
                nack,
                source: Some((self.cfg.addr, self.cfg.name.clone())),
            };
            self.send(addr, Message::IndirectPing(req), d);
        }
        if let Some(p) = self.probe.as_mut() {
            p.expected_nacks = expected;
        }
        if self.cfg.tcp_fallback {
            let ping = Ping {
                seq_no: seq,
                node: target.name.to_string(),
                source: Some((self.cfg.addr, self.cfg.name.clone())),
            };
            self.out.push(Output::Stream {
                to: target.addr,
                data: Message::Ping(ping).encode(),
                purpose: StreamPurpose::Ping(seq),
            });
        }
    }

    /// The host at `to` answered a packet this node sent there with "port unreachable" (the
    /// driver reads the ICMP error): no gossip agent listens on that address any more.
    ///
    /// memberlist waits out the whole probe interval (a probe timeout for the direct ping, the
    /// rest for the indirect ones) before it suspects a member, and nothing in its protocol
    /// changes when the target's host refuses the ping outright, although a process that
    /// crashed on a live host, the most common failure, is certain by then. Here a refused
    /// direct ping starts the indirect round at once, relays that see a refusal nack at once,
    /// and the probe fails as soon as every path has answered that way (see
    /// `fail_probe_early`). The suspicion that follows is memberlist's, with its full timeout,
    /// so a member that comes back in time still refutes it; only the second or so spent
    /// waiting for acks that cannot come is saved.
    pub fn unreachable(&mut self, now: Instant, to: SocketAddr, d: &mut dyn Delegate) {
        self.stats.refusals += 1;
        let owed = self.relays.values_mut().filter(|r| r.target == to);
        self.out.extend(owed.filter_map(Relay::take_nack));
        let Some(p) = self.probe.as_mut() else { return };
        if p.target.addr != to || p.acked {
            return;
        }
        p.refused = true;
        if !p.indirect_sent {
            self.indirect_probe(d);
        }
        self.fail_probe_early(now, d);
    }

    /// A stream this node opened failed (refused, reset or timed out).
    pub fn stream_failed(&mut self, now: Instant, purpose: StreamPurpose, d: &mut dyn Delegate) {
        if let StreamPurpose::Ping(seq) = purpose
            && let Some(p) = self.probe.as_mut()
            && p.seq == seq
        {
            p.tcp_failed = true;
            self.fail_probe_early(now, d);
        }
    }

    /// Fails the current probe before its interval ends when nothing can still answer it: the
    /// target's host refused the direct ping, every relay asked has nacked, and the TCP ping (if
    /// one was tried) failed. Without a refusal the probe waits out its interval as memberlist's
    /// does, since a slow target may still ack late. No nack is missing, so the early failure
    /// costs this node's health score nothing.
    fn fail_probe_early(&mut self, now: Instant, d: &mut dyn Delegate) {
        let done = self.probe.as_ref().is_some_and(|p| {
            p.refused
                && !p.acked
                && p.indirect_sent
                && p.nacks >= p.expected_nacks
                && (p.tcp_failed || !self.cfg.tcp_fallback)
        });
        if done {
            self.finish_probe(now, false, d);
        }
    }

    fn finish_probe(&mut self, now: Instant, acked: bool, d: &mut dyn Delegate) {
        let Some(p) = self.probe.take() else { return };
        if acked {
            // As in memberlist, whose probe ticker keeps the base interval: awareness stretches
            // how long a probe waits for an answer, not the pace of probes that are answered. A
            // node that once missed nacks thus keeps probing (and confirming suspicions) at full
            // speed while its probes succeed.
            self.next_probe = (p.started + self.cfg.probe_interval).max(now);
            self.awareness.apply(-1);
            return;
        }
        self.next_probe = p.interval_end.max(now);
        self.stats.probe_failures += 1;
        // Lifeguard: missing nacks mean our own network or process is the problem. With no
        // relay able to nack, any failure counts, unless the target's host refused the ping:
        // an answer from that host shows this node's network works.
        let delta = if p.expected_nacks > 0 {
            p.expected_nacks - p.nacks
        } else {
            i32::from(!p.refused)
        };
        self.awareness.apply(delta);
        if let Some(s) = self.members.get(&*p.target.name) {
            let s = Suspect {
                incarnation: s.incarnation,
                node: p.target.name.to_string(),
                from: self.cfg.name.clone(),
            };
            self.on_suspect(now, s, d);
        }
    }

    fn check_relays(&mut self, now: Instant) {
        let due = self.relays.values_mut().filter(|r| now >= r.nack_at);
        self.out.extend(due.filter_map(Relay::take_nack));
        self.relays.retain(|_, r| now < r.deadline);
    }

    fn check_suspicions(&mut self, now: Instant, d: &mut dyn Delegate) {
        let due: Vec<String> = self
            .suspicions
            .iter()
            .filter(|(_, s)| now >= s.deadline())
            .map(|(n, _)| n.clone())
            .collect();
        for name in due {
            self.suspicions.remove(&name);
            if let Some(s) = self.members.get(name.as_str())
                && s.state == NodeState::Suspect
            {
                let dead = Dead {
                    incarnation: s.incarnation,
                    node: name,
                    from: self.cfg.name.clone(),
                };
                self.on_dead(now, dead, d);
            }
        }
    }

    /// Brings the next gossip round forward after a membership change: a newcomer, a member's
    /// return, or a member this node has just declared dead.
    ///
    /// A deviation from memberlist, which leaves such news for its next regular round (up to a
    /// whole interval later): a pool converges on a join, and agrees on a failure, that much
    /// sooner. A quarter interval between rounds bounds the extra traffic while many
    /// changes arrive at once, and steady-state gossip is unchanged.
    fn hasten_gossip(&mut self, now: Instant) {
        let soonest = (self.last_gossip + self.cfg.gossip_interval / 4).max(now);
        self.next_gossip = self.next_gossip.min(soonest);
    }

    fn gossip(&mut self, now: Instant, d: &mut dyn Delegate) {
        let gone = self.cfg.gossip_to_dead.as_millis() as u64;
        let now_ms = self.ms(now);
        let targets: Vec<SocketAddr> = self
            .sample(self.cfg.gossip_nodes, |_, s| match s.state {
                NodeState::Alive | NodeState::Suspect => true,
                // Gossip to the recently dead so a wrongly declared node hears it and refutes.
                NodeState::Dead => now_ms.saturating_sub(s.since_ms) < gone,
                NodeState::Left => false,
            })
            .into_iter()
            .map(|n| n.addr)
            .collect();
        for addr in targets {
            // Packed by compressed size: memberlist fills a packet with 1,400 bytes of messages
            // and then compresses it, but our members' alive messages carry Consul's tags (about
            // 150 bytes, mostly the same keys and values in every one), so they compress about
            // threefold; filling by plaintext size would send a third as much news per packet
            // and spread a join that much slower. What does not fit once compressed is split.
            let room = self.cfg.packet_limit.saturating_sub(COMPOUND_OVERHEAD);
            let parts = self.take_broadcasts(room * GOSSIP_PACKING, d);
            if parts.is_empty() {
                return;
            }
            self.send_packed(addr, parts);
        }
    }

    /// Sends `parts` to `to` in as few packets within the limit as compression allows: the whole
    /// compound, compressed if it has to be, or else each half the same way.
    fn send_packed(&mut self, to: SocketAddr, mut parts: Vec<Vec<u8>>) {
        let plain = codec::compound(&parts);
        if plain.len() <= self.cfg.packet_limit {
            self.out.push(Output::Packet { to, data: plain });
            return;
        }
        if let Some(small) = codec::compress(&plain)
            && small.len() <= self.cfg.packet_limit
        {
            self.out.push(Output::Packet { to, data: small });
            return;
        }
        if parts.len() == 1 {
            // One message larger than a packet: the queue never hands out such a message, so
            // this is unreachable; send it as it is rather than lose it.
            self.out.push(Output::Packet { to, data: plain });
            return;
        }
        let rest = parts.split_off(parts.len() / 2);
        self.send_packed(to, parts);
        self.send_packed(to, rest);
    }

    fn push_pull_random(&mut self, d: &mut dyn Delegate) {
        let Some(to) = self
            .sample(1, |_, s| s.state == NodeState::Alive)
            .first()
            .map(|n| n.addr)
        else {
            return;
        };
        let data = self.local_state(false, d);
        self.out.push(Output::Stream {
            to,
            data,
            purpose: StreamPurpose::PushPull,
        });
    }

    /// Our full state for a push-pull.
    fn local_state(&mut self, join: bool, d: &mut dyn Delegate) -> Vec<u8> {
        let mut nodes: Vec<PushNodeState> = self
            .members
            .iter()
            .map(|(k, s)| PushNodeState {
                name: k.0.name.to_string(),
                addr: k.0.addr,
                meta: k.0.meta.to_vec(),
                incarnation: s.incarnation,
                state: s.state,
                vsn: k.0.vsn,
            })
            .collect();
        nodes.sort_by(|a, b| a.name.cmp(&b.name));
        Message::PushPull(PushPull {
            join,
            nodes,
            user_state: d.local_state(join),
        })
        .encode()
    }

    /// Starts joining through each address (a push-pull with the join flag).
    pub fn join(&mut self, addrs: &[SocketAddr], d: &mut dyn Delegate) {
        for to in addrs {
            let data = self.local_state(true, d);
            self.out.push(Output::Stream {
                to: *to,
                data,
                purpose: StreamPurpose::Join,
            });
        }
    }

    /// Announces that this node is leaving: a dead message about itself from itself.
    pub fn leave(&mut self, now: Instant) {
        self.leaving = true;
        let name = self.cfg.name.clone();
        let dead = Dead {
            incarnation: self.incarnation,
            node: name.clone(),
            from: name.clone(),
        };
        let now_ms = self.ms(now);
        if let Some(s) = self.members.get_mut(name.as_str()) {
            s.state = NodeState::Left;
            s.since_ms = now_ms;
        }
        self.recount();
        self.queue.push(Some(name), Message::Dead(dead).encode());
    }

    /// Publishes new metadata for this node.
    pub fn update_meta(&mut self, now: Instant, meta: Vec<u8>) {
        self.incarnation += 1;
        let inc = self.incarnation;
        let me = self.ident(&self.cfg.name.clone(), self.cfg.addr, &meta, VSN);
        self.set_ident(me.clone());
        let now_ms = self.ms(now);
        if let Some(s) = self.members.get_mut(self.cfg.name.as_str()) {
            s.incarnation = inc;
            s.since_ms = now_ms;
        }
        self.queue
            .push(Some(self.cfg.name.clone()), alive_msg(&me, inc).encode());
    }

    /// A decoded UDP packet's messages from `from`.
    pub fn packet(
        &mut self,
        now: Instant,
        from: SocketAddr,
        msgs: Vec<Message>,
        d: &mut dyn Delegate,
    ) {
        for m in msgs {
            self.message(now, from, m, d);
        }
    }

    fn message(&mut self, now: Instant, from: SocketAddr, m: Message, d: &mut dyn Delegate) {
        match m {
            Message::Ping(p) => {
                if !p.node.is_empty() && p.node != self.cfg.name {
                    self.stats.bad_messages += 1;
                    return;
                }
                let to = p.source.map_or(from, |(a, _)| a);
                self.send(
                    to,
                    Message::Ack(Ack {
                        seq_no: p.seq_no,
                        payload: Vec::new(),
                    }),
                    d,
                );
            }
            Message::IndirectPing(req) => {
                let seq = self.next_seq();
                let requester = req.source.as_ref().map_or(from, |(a, _)| *a);
                self.relays.insert(
                    seq,
                    Relay {
                        requester,
                        seq: req.seq_no,
                        target: req.target,
                        nack: req.nack,
                        // memberlist nacks after a whole probe timeout, which is exactly when
                        // the requester stops counting nacks: on a fast network every nack then
                        // arrives a little late, and each failed probe of a dead member raised
                        // the prober's health score by 3 (its relays looked silent), slowing the
                        // very probes that confirm the failure. A nack four fifths of the way
                        // through still says what it means (this relay is up and has no ack).
                        nack_at: now + self.cfg.probe_timeout.mul_f64(0.8),
                        deadline: now + self.cfg.probe_timeout,
                    },
                );
                let ping = Ping {
                    seq_no: seq,
                    node: req.node,
                    source: Some((self.cfg.addr, self.cfg.name.clone())),
                };
                self.send(req.target, Message::Ping(ping), d);
            }
            Message::Ack(a) => self.on_ack(now, a.seq_no, d),
            Message::Nack(n) => {
                if let Some(p) = self.probe.as_mut()
                    && p.seq == n.seq_no
                {
                    p.nacks += 1;
                    self.fail_probe_early(now, d);
                }
            }
            Message::Suspect(s) => self.on_suspect(now, s, d),
            Message::Alive(a) => self.on_alive(now, a, d),
            Message::Dead(x) => self.on_dead(now, x, d),
            Message::User(b) => d.notify_msg(now, &b),
            Message::PushPull(_) | Message::Err(_) => self.stats.bad_messages += 1,
        }
    }

    fn on_ack(&mut self, now: Instant, seq: u32, d: &mut dyn Delegate) {
        if let Some(r) = self.relays.remove(&seq) {
            let ack = Message::Ack(Ack {
                seq_no: r.seq,
                payload: Vec::new(),
            });
            self.send(r.requester, ack, d);
            return;
        }
        if let Some(p) = self.probe.as_mut()
            && p.seq == seq
            && !p.acked
        {
            p.acked = true;
            let rtt = now.saturating_duration_since(p.started);
            if self.probe_times.len() < 64 {
                self.probe_times.push(rtt);
            }
            self.finish_probe(now, true, d);
        }
    }

    /// An inbound stream: a push-pull (answered with our state) or a TCP ping (answered with an
    /// ack). Returns the reply to write back, if any.
    pub fn stream(&mut self, now: Instant, msg: Message, d: &mut dyn Delegate) -> Option<Vec<u8>> {
        match msg {
            Message::PushPull(pp) => {
                let reply = self.local_state(pp.join, d);
                self.merge(now, pp, d);
                Some(reply)
            }
            Message::Ping(p) => {
                if !p.node.is_empty() && p.node != self.cfg.name {
                    return Some(
                        Message::Err(format!("ping for unexpected node {:?}", p.node)).encode(),
                    );
                }
                Some(
                    Message::Ack(Ack {
                        seq_no: p.seq_no,
                        payload: Vec::new(),
                    })
                    .encode(),
                )
            }
            Message::User(b) => {
                d.notify_msg(now, &b);
                None
            }
            _ => {
                self.stats.bad_messages += 1;
                None
            }
        }
    }

    /// The reply to a stream we opened.
    pub fn stream_reply(
        &mut self,
        now: Instant,
        purpose: StreamPurpose,
        msg: Message,
        d: &mut dyn Delegate,
    ) {
        match (purpose, msg) {
            (StreamPurpose::Join | StreamPurpose::PushPull, Message::PushPull(pp)) => {
                self.merge(now, pp, d)
            }
            (StreamPurpose::Ping(seq), Message::Ack(a)) if a.seq_no == seq => {
                self.on_ack(now, seq, d)
            }
            _ => self.stats.bad_messages += 1,
        }
    }

    /// Merges a peer's full state. A peer's "dead" becomes our "suspect": we verify before we bury.
    fn merge(&mut self, now: Instant, pp: PushPull, d: &mut dyn Delegate) {
        for n in pp.nodes {
            match n.state {
                NodeState::Alive => {
                    let a = Alive {
                        incarnation: n.incarnation,
                        node: n.name,
                        addr: n.addr,
                        meta: n.meta,
                        vsn: n.vsn,
                    };
                    self.on_alive(now, a, d);
                }
                NodeState::Left => {
                    let x = Dead {
                        incarnation: n.incarnation,
                        node: n.name.clone(),
                        from: n.name,
                    };
                    self.on_dead(now, x, d);
                }
                NodeState::Dead | NodeState::Suspect => {
                    let s = Suspect {
                        incarnation: n.incarnation,
                        node: n.name,
                        from: self.cfg.name.clone(),
                    };
                    self.on_suspect(now, s, d);
                }
            }
        }
        d.merge_remote_state(now, &pp.user_state, pp.join);
    }

    /// Answers an accusation about this node with a higher incarnation.
    fn refute(&mut self, now: Instant, accused: u32) {
        self.incarnation = self.incarnation.max(accused) + 1;
        self.stats.refutes += 1;
        self.awareness.apply(1);
        let inc = self.incarnation;
        let now_ms = self.ms(now);
        if let Some(s) = self.members.get_mut(self.cfg.name.as_str()) {
            s.incarnation = inc;
            s.state = NodeState::Alive;
            s.since_ms = now_ms;
        }
        if let Some(me) = self.me() {
            self.queue
                .push(Some(self.cfg.name.clone()), alive_msg(&me, inc).encode());
        }
    }

    fn on_alive(&mut self, now: Instant, a: Alive, d: &mut dyn Delegate) {
        if a.node == self.cfg.name {
            let Some(me) = self.me() else { return };
            let conflict = a.addr != me.addr || *a.meta != *me.meta;
            if !self.leaving
                && (a.incarnation > self.incarnation
                    || (a.incarnation == self.incarnation && conflict))
            {
                self.refute(now, a.incarnation);
            }
            return;
        }
        let now_ms = self.ms(now);
        let raw = Message::Alive(a.clone()).encode();
        let Some((key, s)) = self.members.get_key_value(a.node.as_str()) else {
            let id = self.ident(&a.node, a.addr, &a.meta, a.vsn);
            let s = Status {
                incarnation: a.incarnation,
                state: NodeState::Alive,
                since_ms: now_ms,
            };
            // Probe newcomers at a random point of the current round: append, then swap with a
            // random member not yet probed this round (O(1), unlike an insert in the middle).
            self.order.push(Key(id.clone()));
            let last = self.order.len() - 1;
            let pos =
                self.order_pos.min(last) + self.rng.below(last - self.order_pos.min(last) + 1);
            self.order.swap(pos, last);
            self.members.insert(Key(id.clone()), s);
            self.live += 1;
            self.queue.push(Some(a.node), raw);
            self.hasten_gossip(now);
            d.notify(now, NodeEvent::Join(self.snapshot(&id, &s)));
            return;
        };
        let (old, mut s) = (key.0.clone(), *s);
        let was_down = matches!(s.state, NodeState::Dead | NodeState::Left);
        if a.incarnation <= s.incarnation
            && !(was_down && a.incarnation == s.incarnation && a.addr != old.addr)
        {
            return;
        }
        if !was_down && a.addr != old.addr {
            // Another process claims a live member's name: keep the one we know.
            self.stats.bad_messages += 1;
            return;
        }
        let meta_changed = *old.meta != *a.meta;
        let id = if meta_changed || old.addr != a.addr || old.vsn != a.vsn {
            let id = self.ident(&a.node, a.addr, &a.meta, a.vsn);
            self.set_ident(id.clone());
            id
        } else {
            old
        };
        s.incarnation = a.incarnation;
        if s.state != NodeState::Alive {
            s.state = NodeState::Alive;
            s.since_ms = now_ms;
        }
        if let Some(slot) = self.members.get_mut(a.node.as_str()) {
            *slot = s;
        }
        if was_down {
            self.live += 1;
        }
        self.suspicions.remove(&a.node);
        self.queue.push(Some(a.node), raw);
        if was_down {
            self.hasten_gossip(now);
            d.notify(now, NodeEvent::Join(self.snapshot(&id, &s)));
        } else if meta_changed {
            d.notify(now, NodeEvent::Update(self.snapshot(&id, &s)));
        }
    }

    fn on_suspect(&mut self, now: Instant, s: Suspect, _d: &mut dyn Delegate) {
        let Some(n) = self.members.get(s.node.as_str()).copied() else {
            return;
        };
        if s.incarnation < n.incarnation {
            return;
        }
        if s.node == self.cfg.name {
            if !self.leaving {
                self.refute(now, s.incarnation);
            }
            return;
        }
        match n.state {
            NodeState::Suspect => {
                // Any member other than the first accuser confirms, this node included when its own
                // probe fails (as memberlist does); each new confirmation is passed on.
                if let Some(t) = self.suspicions.get_mut(&s.node)
                    && self.cfg.lifeguard
                    && t.confirm(&s.from)
                {
                    let raw = Message::Suspect(s.clone()).encode();
                    self.queue.push(Some(s.node), raw);
                }
            }
            NodeState::Dead | NodeState::Left => {}
            NodeState::Alive => {
                let n_est = self.estimated_n();
                let k = if self.cfg.lifeguard
                    && n_est >= 2 + (self.cfg.suspicion_mult as usize).saturating_sub(2)
                {
                    self.cfg.suspicion_mult.saturating_sub(2)
                } else {
                    0
                };
                let min =
                    suspicion::min_timeout(self.cfg.suspicion_mult, n_est, self.cfg.probe_interval);
                let max = if self.cfg.lifeguard {
                    min * self.cfg.suspicion_max_timeout_mult
                } else {
                    min
                };
                self.suspicions
                    .insert(s.node.clone(), Suspicion::new(now, &s.from, min, max, k));
                let now_ms = self.ms(now);
                if let Some(n) = self.members.get_mut(s.node.as_str()) {
                    n.incarnation = s.incarnation;
                    n.state = NodeState::Suspect;
                    n.since_ms = now_ms;
                }
                let raw = Message::Suspect(s.clone()).encode();
                self.queue.push(Some(s.node), raw);
            }
        }
    }

    fn on_dead(&mut self, now: Instant, x: Dead, d: &mut dyn Delegate) {
        let Some(n) = self.members.get(x.node.as_str()).copied() else {
            return;
        };
        if x.incarnation < n.incarnation {
            return;
        }
        if x.node == self.cfg.name {
            if !self.leaving {
                self.refute(now, x.incarnation);
            }
            return;
        }
        let left = x.from == x.node;
        let new_state = if left {
            NodeState::Left
        } else {
            NodeState::Dead
        };
        // Like memberlist, a node already dead or left stays as it is: a late dead-from-self
        // after a failure would otherwise tell serf a second time that it went away.
        if matches!(n.state, NodeState::Dead | NodeState::Left) {
            return;
        }
        self.suspicions.remove(&x.node);
        let raw = Message::Dead(x.clone()).encode();
        let now_ms = self.ms(now);
        let snapshot = {
            let Some((key, s)) = self.members.get_key_value(x.node.as_str()) else {
                return;
            };
            let mut s = *s;
            let was_live = s.live();
            s.incarnation = x.incarnation;
            s.state = new_state;
            s.since_ms = now_ms;
            if was_live {
                self.live -= 1;
            }
            let snap = self.snapshot(&key.0, &s);
            if let Some(slot) = self.members.get_mut(x.node.as_str()) {
                *slot = s;
            }
            snap
        };
        // The member whose suspicion ran out tells the pool at once; news heard from others
        // travels on at the regular pace, as memberlist's model of the spread assumes.
        if x.from == self.cfg.name {
            self.hasten_gossip(now);
        }
        self.queue.push(Some(x.node), raw);
        d.notify(now, NodeEvent::Leave(snapshot));
    }
}
