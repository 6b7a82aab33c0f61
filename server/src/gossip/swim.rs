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

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::awareness::Awareness;
use super::broadcast::{self, Queue};
use super::codec::{self, COMPOUND_OVERHEAD, COMPOUND_PART_OVERHEAD};
use super::message::{
    Ack, Alive, Dead, IndirectPing, Kind, Message, Nack, NodeState, Ping, PushNodeState, PushPull, Suspect,
};
use super::suspicion::{self, Suspicion};

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

/// One member as the failure detector knows it.
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
    Stream { to: SocketAddr, data: Vec<u8>, purpose: StreamPurpose },
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
    target: String,
    seq: u32,
    timeout_at: Instant,
    interval_end: Instant,
    acked: bool,
    indirect_sent: bool,
    expected_nacks: i32,
    nacks: i32,
}

/// A ping we forward for a peer's indirect probe.
#[derive(Debug)]
struct Relay {
    requester: SocketAddr,
    seq: u32,
    nack: bool,
    deadline: Instant,
}

/// Counters for `ctl info` and tests.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub probes: u64,
    pub probe_failures: u64,
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
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
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
    incarnation: u32,
    members: HashMap<String, Node>,
    order: Vec<String>,
    order_pos: usize,
    seq: u32,
    probe: Option<Probe>,
    next_probe: Instant,
    next_gossip: Instant,
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

fn alive_msg(n: &Node) -> Message {
    Message::Alive(Alive {
        incarnation: n.incarnation,
        node: n.name.clone(),
        addr: n.addr,
        meta: n.meta.clone(),
        vsn: n.vsn,
    })
}

impl Swim {
    /// A node that knows only itself; `meta` is its delegate metadata.
    pub fn new(cfg: SwimConfig, now: Instant, meta: Vec<u8>, seed: u64) -> Swim {
        let me = Node {
            name: cfg.name.clone(),
            addr: cfg.addr,
            meta,
            incarnation: 1,
            state: NodeState::Alive,
            state_change: now,
            vsn: VSN,
        };
        let mut queue = Queue::default();
        queue.push(Some(me.name.clone()), alive_msg(&me).encode());
        let mut rng = Rng::new(seed);
        // Spread periodic work so nodes started together do not probe in lockstep.
        let jitter = |rng: &mut Rng, d: Duration| d.mul_f64((rng.next_u64() % 1000) as f64 / 1000.0);
        let next_probe = now + jitter(&mut rng, cfg.probe_interval);
        let next_gossip = now + jitter(&mut rng, cfg.gossip_interval);
        let next_push_pull = now + cfg.push_pull_interval + jitter(&mut rng, cfg.push_pull_interval);
        let awareness = Awareness::new(cfg.awareness_max);
        let mut members = HashMap::new();
        members.insert(me.name.clone(), me);
        Swim {
            cfg,
            incarnation: 1,
            members,
            order: Vec::new(),
            order_pos: 0,
            seq: 0,
            probe: None,
            next_probe,
            next_gossip,
            next_push_pull,
            relays: HashMap::new(),
            suspicions: HashMap::new(),
            queue,
            awareness,
            leaving: false,
            rng,
            out: Vec::new(),
            live: 1,
            stats: Stats::default(),
        }
    }

    pub fn name(&self) -> &str {
        &self.cfg.name
    }

    pub fn config(&self) -> &SwimConfig {
        &self.cfg
    }

    /// Every member, including this node and dead ones not yet forgotten.
    pub fn members(&self) -> impl Iterator<Item = &Node> {
        self.members.values()
    }

    pub fn member(&self, name: &str) -> Option<&Node> {
        self.members.get(name)
    }

    /// Lifeguard's health score (0 is healthy).
    pub fn health_score(&self) -> i32 {
        self.awareness.score()
    }

    /// Members not known dead or left.
    pub fn num_alive(&self) -> usize {
        self.live
    }

    fn recount(&mut self) {
        self.live = self.members.values().filter(|n| matches!(n.state, NodeState::Alive | NodeState::Suspect)).count();
    }

    /// Up to `k` distinct members other than this node that pass `keep`, chosen at random.
    /// Large clusters sample the probe order instead of scanning every member.
    fn sample(&mut self, k: usize, keep: impl Fn(&Node) -> bool) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::with_capacity(k);
        if self.order.len() <= 64 {
            let mut all: Vec<&Node> = self.members.values().filter(|n| n.name != self.cfg.name && keep(n)).collect();
            all.sort_by(|a, b| a.name.cmp(&b.name));
            let mut all: Vec<Node> = all.into_iter().cloned().collect();
            self.rng.shuffle(&mut all);
            all.truncate(k);
            return all;
        }
        for _ in 0..k * 8 {
            if out.len() >= k {
                break;
            }
            let name = &self.order[self.rng.below(self.order.len())];
            if let Some(n) = self.members.get(name)
                && n.name != self.cfg.name
                && keep(n)
                && !out.iter().any(|o| o.name == n.name)
            {
                out.push(n.clone());
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
            t = t.min(r.deadline);
        }
        t
    }

    fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    fn me(&self) -> &Node {
        // This node is inserted at construction and never removed.
        &self.members[&self.cfg.name]
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
        self.out.push(Output::Packet { to, data: codec::compound(&parts) });
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
        if self.cfg.lifeguard { self.awareness.scale(d) } else { d }
    }

    /// Picks the next member to probe: a shuffled round over the others, skipping the dead.
    fn next_target(&mut self, now: Instant) -> Option<String> {
        for _ in 0..2 {
            while self.order_pos < self.order.len() {
                let name = self.order[self.order_pos].clone();
                self.order_pos += 1;
                if let Some(n) = self.members.get(&name)
                    && name != self.cfg.name
                    && matches!(n.state, NodeState::Alive | NodeState::Suspect)
                {
                    return Some(name);
                }
            }
            // A round is over: forget members dead long enough, and reshuffle.
            let gone = self.cfg.gossip_to_dead;
            let me = self.cfg.name.clone();
            self.members.retain(|name, n| {
                *name == me
                    || matches!(n.state, NodeState::Alive | NodeState::Suspect)
                    || now.duration_since(n.state_change) < gone
            });
            self.recount();
            self.order = self.members.keys().cloned().collect();
            self.order.sort();
            let mut order = std::mem::take(&mut self.order);
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
            let seq = self.next_seq();
            let interval = self.scaled(self.cfg.probe_interval);
            let timeout = self.scaled(self.cfg.probe_timeout);
            let t = self.members[&target].clone();
            let ping = Ping { seq_no: seq, node: target.clone(), source: Some((self.cfg.addr, self.cfg.name.clone())) };
            if t.state == NodeState::Suspect {
                // Tell a suspect it is suspected, so it can refute at once (Lifeguard's buddy system).
                let s = Suspect { incarnation: t.incarnation, node: t.name.clone(), from: self.cfg.name.clone() };
                let data = codec::compound(&[Message::Ping(ping).encode(), Message::Suspect(s).encode()]);
                self.out.push(Output::Packet { to: t.addr, data });
            } else {
                self.send(t.addr, Message::Ping(ping), d);
            }
            self.stats.probes += 1;
            self.probe = Some(Probe {
                target,
                seq,
                timeout_at: now + timeout,
                interval_end: now + interval,
                acked: false,
                indirect_sent: false,
                expected_nacks: 0,
                nacks: 0,
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
        let Some(t) = self.members.get(&target).cloned() else { return };
        let target_name = target.clone();
        let helpers: Vec<(SocketAddr, bool)> = self
            .sample(self.cfg.indirect_checks, |n| n.name != target_name && n.state == NodeState::Alive)
            .into_iter()
            .map(|n| (n.addr, n.vsn[1] >= 4))
            .collect();
        let mut expected = 0;
        for (addr, nack_capable) in helpers {
            let nack = self.cfg.lifeguard && nack_capable;
            expected += i32::from(nack);
            let req = IndirectPing {
                seq_no: seq,
                target: t.addr,
                node: target.clone(),
                nack,
                source: Some((self.cfg.addr, self.cfg.name.clone())),
            };
            self.send(addr, Message::IndirectPing(req), d);
        }
        if let Some(p) = self.probe.as_mut() {
            p.expected_nacks = expected;
        }
        if self.cfg.tcp_fallback {
            let ping = Ping { seq_no: seq, node: target, source: Some((self.cfg.addr, self.cfg.name.clone())) };
            self.out.push(Output::Stream {
                to: t.addr,
                data: Message::Ping(ping).encode(),
                purpose: StreamPurpose::Ping(seq),
            });
        }
    }

    fn finish_probe(&mut self, now: Instant, acked: bool, d: &mut dyn Delegate) {
        let Some(p) = self.probe.take() else { return };
        self.next_probe = p.interval_end.max(now);
        if acked {
            self.awareness.apply(-1);
            return;
        }
        self.stats.probe_failures += 1;
        // Lifeguard: missing nacks mean our own network or process is the problem.
        let delta = if p.expected_nacks > 0 { p.expected_nacks - p.nacks } else { 1 };
        self.awareness.apply(delta);
        if let Some(n) = self.members.get(&p.target) {
            let s = Suspect { incarnation: n.incarnation, node: n.name.clone(), from: self.cfg.name.clone() };
            self.on_suspect(now, s, d);
        }
    }

    fn check_relays(&mut self, now: Instant) {
        let due: Vec<u32> = self.relays.iter().filter(|(_, r)| now >= r.deadline).map(|(s, _)| *s).collect();
        for s in due {
            if let Some(r) = self.relays.remove(&s)
                && r.nack
            {
                let data = Message::Nack(Nack { seq_no: r.seq }).encode();
                self.out.push(Output::Packet { to: r.requester, data });
            }
        }
    }

    fn check_suspicions(&mut self, now: Instant, d: &mut dyn Delegate) {
        let due: Vec<String> =
            self.suspicions.iter().filter(|(_, s)| now >= s.deadline()).map(|(n, _)| n.clone()).collect();
        for name in due {
            self.suspicions.remove(&name);
            if let Some(n) = self.members.get(&name)
                && n.state == NodeState::Suspect
            {
                let dead = Dead { incarnation: n.incarnation, node: name, from: self.cfg.name.clone() };
                self.on_dead(now, dead, d);
            }
        }
    }

    fn gossip(&mut self, now: Instant, d: &mut dyn Delegate) {
        let gone = self.cfg.gossip_to_dead;
        let targets: Vec<(String, SocketAddr)> = self
            .sample(self.cfg.gossip_nodes, |n| match n.state {
                NodeState::Alive | NodeState::Suspect => true,
                // Gossip to the recently dead so a wrongly declared node hears it and refutes.
                NodeState::Dead => now.duration_since(n.state_change) < gone,
                NodeState::Left => false,
            })
            .into_iter()
            .map(|n| (n.name, n.addr))
            .collect();
        for (_, addr) in targets {
            let room = self.cfg.packet_limit.saturating_sub(COMPOUND_OVERHEAD);
            let parts = self.take_broadcasts(room, d);
            if parts.is_empty() {
                return;
            }
            self.out.push(Output::Packet { to: addr, data: codec::compound(&parts) });
        }
    }

    fn push_pull_random(&mut self, d: &mut dyn Delegate) {
        let Some(to) = self.sample(1, |n| n.state == NodeState::Alive).first().map(|n| n.addr) else { return };
        let data = self.local_state(false, d);
        self.out.push(Output::Stream { to, data, purpose: StreamPurpose::PushPull });
    }

    /// Our full state for a push-pull.
    fn local_state(&mut self, join: bool, d: &mut dyn Delegate) -> Vec<u8> {
        let mut nodes: Vec<PushNodeState> = self
            .members
            .values()
            .map(|n| PushNodeState {
                name: n.name.clone(),
                addr: n.addr,
                meta: n.meta.clone(),
                incarnation: n.incarnation,
                state: n.state,
                vsn: n.vsn,
            })
            .collect();
        nodes.sort_by(|a, b| a.name.cmp(&b.name));
        Message::PushPull(PushPull { join, nodes, user_state: d.local_state(join) }).encode()
    }

    /// Starts joining through each address (a push-pull with the join flag).
    pub fn join(&mut self, addrs: &[SocketAddr], d: &mut dyn Delegate) {
        for to in addrs {
            let data = self.local_state(true, d);
            self.out.push(Output::Stream { to: *to, data, purpose: StreamPurpose::Join });
        }
    }

    /// Announces that this node is leaving: a dead message about itself from itself.
    pub fn leave(&mut self, now: Instant) {
        self.leaving = true;
        let me = self.me().clone();
        let dead = Dead { incarnation: me.incarnation, node: me.name.clone(), from: me.name.clone() };
        if let Some(n) = self.members.get_mut(&self.cfg.name) {
            n.state = NodeState::Left;
            n.state_change = now;
        }
        self.recount();
        self.queue.push(Some(me.name), Message::Dead(dead).encode());
    }

    /// Publishes new metadata for this node.
    pub fn update_meta(&mut self, now: Instant, meta: Vec<u8>) {
        self.incarnation += 1;
        let inc = self.incarnation;
        if let Some(n) = self.members.get_mut(&self.cfg.name) {
            n.meta = meta;
            n.incarnation = inc;
            n.state_change = now;
        }
        let msg = alive_msg(self.me()).encode();
        self.queue.push(Some(self.cfg.name.clone()), msg);
    }

    /// A decoded UDP packet's messages from `from`.
    pub fn packet(&mut self, now: Instant, from: SocketAddr, msgs: Vec<Message>, d: &mut dyn Delegate) {
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
                self.send(to, Message::Ack(Ack { seq_no: p.seq_no, payload: Vec::new() }), d);
            }
            Message::IndirectPing(req) => {
                let seq = self.next_seq();
                let requester = req.source.as_ref().map_or(from, |(a, _)| *a);
                self.relays.insert(
                    seq,
                    Relay { requester, seq: req.seq_no, nack: req.nack, deadline: now + self.cfg.probe_timeout },
                );
                let ping = Ping { seq_no: seq, node: req.node, source: Some((self.cfg.addr, self.cfg.name.clone())) };
                self.send(req.target, Message::Ping(ping), d);
            }
            Message::Ack(a) => self.on_ack(now, a.seq_no, d),
            Message::Nack(n) => {
                if let Some(p) = self.probe.as_mut()
                    && p.seq == n.seq_no
                {
                    p.nacks += 1;
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
            let ack = Message::Ack(Ack { seq_no: r.seq, payload: Vec::new() });
            self.send(r.requester, ack, d);
            return;
        }
        if let Some(p) = self.probe.as_mut()
            && p.seq == seq
            && !p.acked
        {
            p.acked = true;
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
                    return Some(Message::Err(format!("ping for unexpected node {:?}", p.node)).encode());
                }
                Some(Message::Ack(Ack { seq_no: p.seq_no, payload: Vec::new() }).encode())
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
    pub fn stream_reply(&mut self, now: Instant, purpose: StreamPurpose, msg: Message, d: &mut dyn Delegate) {
        match (purpose, msg) {
            (StreamPurpose::Join | StreamPurpose::PushPull, Message::PushPull(pp)) => self.merge(now, pp, d),
            (StreamPurpose::Ping(seq), Message::Ack(a)) if a.seq_no == seq => self.on_ack(now, seq, d),
            _ => self.stats.bad_messages += 1,
        }
    }

    /// Merges a peer's full state. A peer's "dead" becomes our "suspect": we verify before we bury.
    fn merge(&mut self, now: Instant, pp: PushPull, d: &mut dyn Delegate) {
        for n in pp.nodes {
            match n.state {
                NodeState::Alive => {
                    let a = Alive { incarnation: n.incarnation, node: n.name, addr: n.addr, meta: n.meta, vsn: n.vsn };
                    self.on_alive(now, a, d);
                }
                NodeState::Left => {
                    let x = Dead { incarnation: n.incarnation, node: n.name.clone(), from: n.name };
                    self.on_dead(now, x, d);
                }
                NodeState::Dead | NodeState::Suspect => {
                    let s = Suspect { incarnation: n.incarnation, node: n.name, from: self.cfg.name.clone() };
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
        if let Some(n) = self.members.get_mut(&self.cfg.name) {
            n.incarnation = inc;
            n.state = NodeState::Alive;
            n.state_change = now;
        }
        let msg = alive_msg(self.me()).encode();
        self.queue.push(Some(self.cfg.name.clone()), msg);
    }

    fn on_alive(&mut self, now: Instant, a: Alive, d: &mut dyn Delegate) {
        if a.node == self.cfg.name {
            let me = self.me();
            let conflict = a.addr != me.addr || a.meta != me.meta;
            if !self.leaving && (a.incarnation > self.incarnation || (a.incarnation == self.incarnation && conflict)) {
                self.refute(now, a.incarnation);
            }
            return;
        }
        let raw = Message::Alive(a.clone()).encode();
        match self.members.get_mut(&a.node) {
            None => {
                let n = Node {
                    name: a.node.clone(),
                    addr: a.addr,
                    meta: a.meta,
                    incarnation: a.incarnation,
                    state: NodeState::Alive,
                    state_change: now,
                    vsn: a.vsn,
                };
                // Probe newcomers at a random point of the current round.
                let pos = self.order_pos + self.rng.below(self.order.len().saturating_sub(self.order_pos) + 1);
                self.order.insert(pos.min(self.order.len()), n.name.clone());
                self.members.insert(a.node.clone(), n.clone());
                self.live += 1;
                self.queue.push(Some(a.node), raw);
                d.notify(now, NodeEvent::Join(n));
            }
            Some(n) => {
                let was_down = matches!(n.state, NodeState::Dead | NodeState::Left);
                if a.incarnation <= n.incarnation && !(was_down && a.incarnation == n.incarnation && a.addr != n.addr) {
                    return;
                }
                if !was_down && a.addr != n.addr {
                    // Another process claims a live member's name: keep the one we know.
                    self.stats.bad_messages += 1;
                    return;
                }
                let meta_changed = n.meta != a.meta;
                n.incarnation = a.incarnation;
                n.addr = a.addr;
                n.meta = a.meta;
                n.vsn = a.vsn;
                if n.state != NodeState::Alive {
                    n.state = NodeState::Alive;
                    n.state_change = now;
                }
                let snapshot = n.clone();
                if was_down {
                    self.live += 1;
                }
                self.suspicions.remove(&a.node);
                self.queue.push(Some(a.node), raw);
                if was_down {
                    d.notify(now, NodeEvent::Join(snapshot));
                } else if meta_changed {
                    d.notify(now, NodeEvent::Update(snapshot));
                }
            }
        }
    }

    fn on_suspect(&mut self, now: Instant, s: Suspect, _d: &mut dyn Delegate) {
        let Some(n) = self.members.get(&s.node) else { return };
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
                let k = if self.cfg.lifeguard && n_est >= 2 + (self.cfg.suspicion_mult as usize).saturating_sub(2) {
                    self.cfg.suspicion_mult.saturating_sub(2)
                } else {
                    0
                };
                let min = suspicion::min_timeout(self.cfg.suspicion_mult, n_est, self.cfg.probe_interval);
                let max = if self.cfg.lifeguard { min * self.cfg.suspicion_max_timeout_mult } else { min };
                self.suspicions.insert(s.node.clone(), Suspicion::new(now, &s.from, min, max, k));
                if let Some(n) = self.members.get_mut(&s.node) {
                    n.incarnation = s.incarnation;
                    n.state = NodeState::Suspect;
                    n.state_change = now;
                }
                let raw = Message::Suspect(s.clone()).encode();
                self.queue.push(Some(s.node), raw);
            }
        }
    }

    fn on_dead(&mut self, now: Instant, x: Dead, d: &mut dyn Delegate) {
        let Some(n) = self.members.get(&x.node) else { return };
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
        let new_state = if left { NodeState::Left } else { NodeState::Dead };
        if n.state == new_state || (n.state == NodeState::Left && !left) {
            return;
        }
        self.suspicions.remove(&x.node);
        let raw = Message::Dead(x.clone()).encode();
        let snapshot = {
            let Some(n) = self.members.get_mut(&x.node) else { return };
            let was_live = matches!(n.state, NodeState::Alive | NodeState::Suspect);
            n.incarnation = x.incarnation;
            n.state = new_state;
            n.state_change = now;
            if was_live {
                self.live -= 1;
            }
            n.clone()
        };
        self.queue.push(Some(x.node), raw);
        d.notify(now, NodeEvent::Leave(snapshot));
    }
}
