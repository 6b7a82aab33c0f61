//! A deterministic simulation of many [`Swim`] nodes over an in-memory network with a controlled
//! clock: packet loss, per-node delays and crashes, no sockets and no sleeping. Used by tests to
//! check the protocol at scales and under faults real processes cannot reach in CI time.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::codec;
use super::message::{Message, NodeState};
use super::swim::{Delegate, IdentCache, NodeEvent, Output, Rng, StreamPurpose, Swim, SwimConfig};

/// Records what a node saw.
#[derive(Default)]
pub struct Recorder {
    /// Names this node has seen declared dead (not left), with when.
    pub dead: Vec<(String, Instant)>,
    pub joined: Vec<String>,
}

impl Delegate for Recorder {
    fn node_meta(&mut self) -> Vec<u8> {
        Vec::new()
    }
    fn notify_msg(&mut self, _now: Instant, _msg: &[u8]) {}
    fn broadcasts(&mut self, _overhead: usize, _limit: usize) -> Vec<Vec<u8>> {
        Vec::new()
    }
    fn local_state(&mut self, _join: bool) -> Vec<u8> {
        Vec::new()
    }
    fn merge_remote_state(&mut self, _now: Instant, _state: &[u8], _join: bool) {}
    fn notify(&mut self, now: Instant, event: NodeEvent) {
        match event {
            NodeEvent::Join(n) => self.joined.push(n.name),
            NodeEvent::Leave(n) if n.state == NodeState::Dead => self.dead.push((n.name, now)),
            _ => {}
        }
    }
}

pub struct SimNode {
    pub swim: Swim,
    pub rec: Recorder,
    pub up: bool,
    /// Extra delay on every packet this node sends (a slow host).
    pub send_delay: Duration,
    /// Extra delay before this node processes a packet (a host that is behind on its work).
    pub recv_delay: Duration,
    /// While down, its host answers packets with "port unreachable" and refuses streams (a
    /// crashed process on a live host) instead of staying silent (a host that is gone).
    pub refuses: bool,
}

/// A packet in flight.
struct InFlight {
    at: Instant,
    seq: u64,
    to: usize,
    from: SocketAddr,
    data: Vec<u8>,
    /// Not a packet but the refusal of one that node `to` sent to `from`.
    refused: bool,
}

impl PartialEq for InFlight {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for InFlight {}
impl PartialOrd for InFlight {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for InFlight {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(o.at, o.seq))
    }
}

pub struct Sim {
    pub nodes: Vec<SimNode>,
    pub now: Instant,
    pub start: Instant,
    by_addr: BTreeMap<SocketAddr, usize>,
    queue: BinaryHeap<Reverse<InFlight>>,
    seq: u64,
    rng: Rng,
    /// Probability (0..1) a packet is lost.
    pub loss: f64,
    pub latency: Duration,
    pub packets: u64,
    pub bytes: u64,
    /// The largest packet any node sent.
    pub max_packet: usize,
}

pub fn addr_of(i: usize) -> SocketAddr {
    SocketAddr::new(
        IpAddr::V4(Ipv4Addr::new(10, (i >> 16) as u8, (i >> 8) as u8, i as u8)),
        7946,
    )
}

impl Sim {
    /// `n` nodes configured by `cfg(name, addr)`, every node already knowing every other (as after
    /// a completed join), so tests start from a converged cluster.
    pub fn converged(n: usize, seed: u64, cfg: impl Fn(String, SocketAddr) -> SwimConfig) -> Sim {
        let start = Instant::now();
        let mut nodes = Vec::with_capacity(n);
        let mut by_addr = BTreeMap::new();
        let idents = Arc::new(IdentCache::default());
        for i in 0..n {
            let mut c = cfg(format!("n{i}"), addr_of(i));
            c.idents = Some(idents.clone());
            by_addr.insert(c.addr, i);
            let swim = Swim::new(c, start, Vec::new(), seed.wrapping_add(i as u64 * 7919));
            nodes.push(SimNode {
                swim,
                rec: Recorder::default(),
                up: true,
                send_delay: Duration::ZERO,
                recv_delay: Duration::ZERO,
                refuses: false,
            });
        }
        let mut sim = Sim {
            nodes,
            now: start,
            start,
            by_addr,
            queue: BinaryHeap::new(),
            seq: 0,
            rng: Rng::new(seed),
            loss: 0.0,
            latency: Duration::from_millis(1),
            packets: 0,
            bytes: 0,
            max_packet: 0,
        };
        // Every node starts knowing every other, alive, with nothing left to gossip.
        let ids: Vec<_> = sim.nodes.iter().filter_map(|n| n.swim.identity()).collect();
        for node in &mut sim.nodes {
            node.swim.assume_members(ids.iter().cloned());
            node.swim.clear_broadcasts();
        }
        sim
    }

    fn route(&mut self, from: usize, outs: Vec<Output>) {
        let from_addr = self.nodes[from].swim.config().addr;
        let delay = self.nodes[from].send_delay;
        for o in outs {
            match o {
                Output::Packet { to, data } => {
                    self.packets += 1;
                    self.bytes += data.len() as u64;
                    self.max_packet = self.max_packet.max(data.len());
                    if self.loss > 0.0
                        && (self.rng.next_u64() % 1_000_000) as f64 / 1_000_000.0 < self.loss
                    {
                        continue;
                    }
                    let Some(&t) = self.by_addr.get(&to) else {
                        continue;
                    };
                    self.seq += 1;
                    if !self.nodes[t].up && self.nodes[t].refuses {
                        self.queue.push(Reverse(InFlight {
                            at: self.now + 2 * self.latency + delay,
                            seq: self.seq,
                            to: from,
                            from: to,
                            data: Vec::new(),
                            refused: true,
                        }));
                        continue;
                    }
                    let at = self.now + self.latency + delay + self.nodes[t].recv_delay;
                    self.queue.push(Reverse(InFlight {
                        at,
                        seq: self.seq,
                        to: t,
                        from: from_addr,
                        data,
                        refused: false,
                    }));
                }
                Output::Stream { to, data, purpose } => {
                    // Streams are reliable; they fail only when the peer is down.
                    let Some(&t) = self.by_addr.get(&to) else {
                        continue;
                    };
                    if !self.nodes[t].up {
                        if self.nodes[t].refuses {
                            self.drive(from, |swim, now, rec| {
                                swim.stream_failed(now, purpose, rec)
                            });
                        }
                        continue;
                    }
                    let Ok(msg) = Message::decode(&data) else {
                        continue;
                    };
                    // A slow host answers a TCP ping too late to count.
                    let slow = |n: &SimNode| !(n.send_delay.is_zero() && n.recv_delay.is_zero());
                    if matches!(purpose, StreamPurpose::Ping(_))
                        && (slow(&self.nodes[t]) || slow(&self.nodes[from]))
                    {
                        continue;
                    }
                    let reply = self.drive(t, |swim, now, rec| swim.stream(now, msg, rec));
                    if let Some(r) = reply
                        && let Ok(m) = Message::decode(&r)
                    {
                        self.drive(from, |swim, now, rec| {
                            swim.stream_reply(now, purpose, m, rec)
                        });
                    }
                }
            }
        }
    }

    /// Hands node `i` one input (`f` gets its engine, the time and its recorder), then routes
    /// whatever it sends; returns what `f` returned.
    fn drive<T>(&mut self, i: usize, f: impl FnOnce(&mut Swim, Instant, &mut Recorder) -> T) -> T {
        let now = self.now;
        let node = &mut self.nodes[i];
        let result = f(&mut node.swim, now, &mut node.rec);
        let outs = node.swim.drain();
        self.route(i, outs);
        result
    }

    /// Advances simulated time by `d`, delivering packets and running timers in order.
    pub fn run_for(&mut self, d: Duration) {
        let end = self.now + d;
        let step = Duration::from_millis(5);
        while self.now < end {
            self.now = (self.now + step).min(end);
            while let Some(Reverse(p)) = self.queue.peek() {
                if p.at > self.now {
                    break;
                }
                let Some(Reverse(p)) = self.queue.pop() else {
                    break;
                };
                if !self.nodes[p.to].up {
                    continue;
                }
                if p.refused {
                    self.drive(p.to, |swim, now, rec| swim.unreachable(now, p.from, rec));
                    continue;
                }
                let Ok(msgs) = codec::decode_packet(&p.data) else {
                    continue;
                };
                self.drive(p.to, |swim, now, rec| swim.packet(now, p.from, msgs, rec));
            }
            for i in 0..self.nodes.len() {
                if !self.nodes[i].up || self.nodes[i].swim.next_deadline() > self.now {
                    continue;
                }
                self.drive(i, |swim, now, rec| swim.tick(now, rec));
            }
        }
    }

    /// Adds a node configured by `cfg` that nobody knows yet and has it join through `seed`, as
    /// `ctl join` does; returns its index.
    pub fn add_joining(&mut self, cfg: SwimConfig, rng_seed: u64, seed: SocketAddr) -> usize {
        let i = self.nodes.len();
        self.by_addr.insert(cfg.addr, i);
        self.nodes.push(SimNode {
            swim: Swim::new(cfg, self.now, Vec::new(), rng_seed),
            rec: Recorder::default(),
            up: true,
            send_delay: Duration::ZERO,
            recv_delay: Duration::ZERO,
            refuses: false,
        });
        let node = &mut self.nodes[i];
        node.swim.join(&[seed], &mut node.rec);
        let outs = node.swim.drain();
        self.route(i, outs);
        i
    }

    /// Takes node `victim` (named `n{victim}`, as [`Sim::converged`] names them) down and runs
    /// in steps of `step` until every other node sees it dead, calling `each_step` after each;
    /// returns how long that took. Panics if it takes `limit` or longer.
    pub fn kill_and_await_dead(
        &mut self,
        victim: usize,
        limit: Duration,
        step: Duration,
        mut each_step: impl FnMut(&Sim),
    ) -> Duration {
        self.nodes[victim].up = false;
        let name = format!("n{victim}");
        let t0 = self.now;
        while !self.all_see_dead(&name) {
            assert!(
                self.now - t0 < limit,
                "{name} not known dead by all within {limit:?}"
            );
            self.run_for(step);
            each_step(self);
        }
        self.now - t0
    }

    /// The highest Lifeguard health score among the nodes other than `victim`.
    pub fn worst_survivor_health(&self, victim: usize) -> i32 {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != victim)
            .map(|(_, n)| n.swim.health_score())
            .max()
            .unwrap_or(0)
    }

    /// Whether every live node other than `victim` sees it as dead.
    pub fn all_see_dead(&self, victim: &str) -> bool {
        self.nodes
            .iter()
            .filter(|n| n.up && n.swim.name() != victim)
            .all(|n| {
                n.swim
                    .member_state(victim)
                    .is_none_or(|s| matches!(s, NodeState::Dead | NodeState::Left))
            })
    }

    /// How many live nodes have, at any point, declared `name` dead.
    pub fn dead_declarations(&self, name: &str) -> usize {
        self.nodes
            .iter()
            .filter(|n| n.up && n.rec.dead.iter().any(|(d, _)| d == name))
            .count()
    }

    /// When each live node learned that `victim` died, earliest first.
    pub fn death_learned_at(&self, victim: &str) -> Vec<Instant> {
        let mut at: Vec<Instant> = self
            .nodes
            .iter()
            .filter(|n| n.up)
            .filter_map(|n| {
                n.rec
                    .dead
                    .iter()
                    .find(|(d, _)| d == victim)
                    .map(|(_, t)| *t)
            })
            .collect();
        at.sort();
        at
    }

    /// Every false "dead" declaration about a node that is up.
    pub fn false_deaths(&self) -> usize {
        let up: std::collections::HashSet<&str> = self
            .nodes
            .iter()
            .filter(|n| n.up)
            .map(|n| n.swim.name())
            .collect();
        self.nodes
            .iter()
            .map(|n| {
                n.rec
                    .dead
                    .iter()
                    .filter(|(d, _)| up.contains(d.as_str()))
                    .count()
            })
            .sum()
    }
}

/// memberlist's model of how long a failure takes to reach a fraction `q` of `n` members: the
/// victim is probed within a probe interval and that probe fails at the end of its own interval;
/// the accuser's suspicion runs its minimum timeout (`suspicion_mult × max(1, log10 n) ×
/// probe_interval`, reached once independent confirmations arrive); then the dead message
/// spreads epidemically, each informed member telling `gossip_nodes` random members per gossip
/// interval, over links losing a fraction `loss`.
pub fn failure_model(cfg: &SwimConfig, n: usize, q: f64, loss: f64) -> Duration {
    let detect = cfg.probe_interval * 2;
    let suspicion = super::suspicion::min_timeout(cfg.suspicion_mult, n, cfg.probe_interval);
    let (mut informed, mut rounds) = (1.0 / n as f64, 0u32);
    while informed < q && rounds < 1000 {
        let reach = cfg.gossip_nodes as f64 * (1.0 - loss) * informed;
        informed = 1.0 - (1.0 - informed) * (-reach).exp();
        rounds += 1;
    }
    detect + suspicion + cfg.gossip_interval * rounds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lan(name: String, addr: SocketAddr) -> SwimConfig {
        SwimConfig::lan(name, addr)
    }

    /// Nodes that know only a seed node all learn of each other through join and gossip, and no
    /// packet exceeds the budget (which leaves room for the CRC and encryption under 1,400 bytes).
    #[test]
    fn join_converges() {
        let budget = codec::MAX_PACKET - 5 - super::super::keyring::OVERHEAD;
        let lan = |n: String, a: SocketAddr| SwimConfig {
            packet_limit: budget,
            ..SwimConfig::lan(n, a)
        };
        let mut sim = Sim::converged(1, 1, lan);
        for i in 1..20 {
            sim.add_joining(lan(format!("n{i}"), addr_of(i)), i as u64, addr_of(0));
        }
        let t0 = sim.now;
        while sim.nodes.iter().any(|n| n.swim.num_alive() < 20) {
            assert!(
                sim.now - t0 < Duration::from_secs(30),
                "no convergence in 30 s"
            );
            sim.run_for(Duration::from_millis(100));
        }
        assert_eq!(sim.false_deaths(), 0);
        assert!(
            sim.max_packet <= budget,
            "a {}-byte packet exceeded the {budget}-byte budget",
            sim.max_packet
        );
        assert!(
            sim.max_packet > budget / 2,
            "joins should fill packets with broadcasts ({} bytes)",
            sim.max_packet
        );
    }

    /// News of a join goes out at once rather than at each member's next regular gossip round:
    /// every member of a settled pool of 5 knows a newcomer within one gossip interval, over
    /// many seeds (with regular rounds only, the slowest member took up to two intervals).
    #[test]
    fn join_news_spreads_within_a_gossip_interval() {
        for seed in 0..20 {
            let mut sim = Sim::converged(5, seed, lan);
            sim.run_for(Duration::from_secs(3) + Duration::from_millis(seed * 37));
            let c = lan("n5".to_string(), addr_of(5));
            let interval = c.gossip_interval;
            sim.add_joining(c, 100 + seed, addr_of(0));
            let t0 = sim.now;
            while sim.nodes.iter().any(|n| n.swim.num_alive() < 6) {
                assert!(
                    sim.now - t0 <= interval,
                    "seed {seed}: a member did not know the newcomer within {interval:?}"
                );
                sim.run_for(Duration::from_millis(5));
            }
        }
    }

    /// A killed node is known dead by every other node within the suspicion timeout plus
    /// detection and dissemination, and nobody else is declared dead.
    #[test]
    fn killed_node_detected_by_all() {
        let mut sim = Sim::converged(20, 2, lan);
        sim.run_for(Duration::from_secs(5));
        let took = sim.kill_and_await_dead(
            7,
            Duration::from_secs(20),
            Duration::from_millis(100),
            |_| {},
        );
        assert!(
            took > Duration::from_secs(2),
            "faster than a suspicion timeout: {took:?}"
        );
        assert_eq!(sim.false_deaths(), 0);
    }

    /// The member whose suspicion of a killed member runs out gossips the death at once instead
    /// of at its next regular round, so the pool agrees on it soon after the first declaration.
    #[test]
    fn declared_death_spreads_at_once() {
        let mut spreads = Vec::new();
        for seed in 0..16 {
            let mut sim = Sim::converged(5, 60 + seed, lan);
            sim.run_for(Duration::from_secs(5) + Duration::from_millis(seed * 71));
            sim.kill_and_await_dead(3, Duration::from_secs(30), Duration::from_millis(5), |_| {});
            let learned = sim.death_learned_at("n3");
            spreads.push(learned[learned.len() - 1] - learned[0]);
        }
        spreads.sort();
        eprintln!("5 members: first declaration to all {spreads:?}");
        let median = spreads[spreads.len() / 2];
        // With regular rounds only, the median here was 50 ms (the members whose own timers
        // run out at about the same time declare it independently).
        assert!(median <= Duration::from_millis(25), "median {median:?}");
    }

    /// Relays nack before the requester's window closes, so probing a killed member does not
    /// count against the prober's own health: every survivor keeps a zero health score (and its
    /// full probe pace) through the detection. With nacks sent at the relay's full probe timeout
    /// they arrived just too late and each failed probe added 3.
    #[test]
    fn probing_a_dead_member_keeps_the_prober_healthy() {
        for seed in 0..8 {
            let mut sim = Sim::converged(5, 80 + seed, lan);
            sim.run_for(Duration::from_secs(5) + Duration::from_millis(seed * 59));
            let mut worst = 0;
            sim.kill_and_await_dead(
                1,
                Duration::from_secs(30),
                Duration::from_millis(5),
                |sim| worst = worst.max(sim.worst_survivor_health(1)),
            );
            assert_eq!(
                worst, 0,
                "seed {seed}: a survivor's health score rose to {worst}"
            );
        }
    }

    /// A crashed process on a live host is suspected without waiting out the probe: its host
    /// refuses the ping, the relays see the same and nack at once, and the probe fails within
    /// milliseconds instead of at the end of its interval, so in every run the death follows
    /// the first refusal within the suspicion's minimum (plus its spread), not a probe interval
    /// later. Over the same seeds (so the same first probe of the victim), everyone knows of the
    /// death sooner than when the host is silent, the suspicion still runs its full minimum,
    /// and no survivor's health suffers.
    #[test]
    fn a_refusing_host_is_suspected_without_waiting_out_the_probe() {
        let refusals = |sim: &Sim| sim.nodes.iter().map(|n| n.swim.stats.refusals).sum::<u64>();
        let detect = |refuses: bool| {
            let mut took = Vec::new();
            for seed in 0..12 {
                let mut sim = Sim::converged(5, 100 + seed, lan);
                sim.run_for(Duration::from_secs(5) + Duration::from_millis(seed * 83));
                sim.nodes[2].refuses = refuses;
                let (t0, before) = (sim.now, refusals(&sim));
                let mut first_refusal = None;
                let mut worst = 0;
                let t = sim.kill_and_await_dead(
                    2,
                    Duration::from_secs(30),
                    Duration::from_millis(5),
                    |sim| {
                        worst = worst.max(sim.worst_survivor_health(2));
                        if first_refusal.is_none() && refusals(sim) > before {
                            first_refusal = Some(sim.now - t0);
                        }
                    },
                );
                assert_eq!(worst, 0, "seed {seed}: a survivor's health score rose");
                assert!(
                    t >= Duration::from_secs(4),
                    "seed {seed}: dead after {t:?}, within the 4 s suspicion minimum"
                );
                assert_eq!(sim.false_deaths(), 0);
                assert_eq!(first_refusal.is_some(), refuses, "seed {seed}");
                if let Some(r) = first_refusal {
                    assert!(
                        t - r <= Duration::from_millis(4300),
                        "seed {seed}: dead {:?} after the first refusal",
                        t - r
                    );
                }
                took.push(t);
            }
            took.sort();
            took[took.len() / 2]
        };
        let silent = detect(false);
        let refused = detect(true);
        eprintln!("median detection: silent host {silent:?}, refusing host {refused:?}");
        assert!(
            refused + Duration::from_millis(700) <= silent,
            "refusals saved too little: {refused:?} against {silent:?}"
        );
    }

    /// A node that processes everything 5 s late keeps failing its probes and accusing healthy
    /// members. With Lifeguard its unconfirmed suspicions run to the long timeout, so the
    /// accused members' refutations arrive first and nobody is declared dead; without Lifeguard
    /// the slow node declares healthy members dead.
    #[test]
    fn lifeguard_stops_false_deaths_from_a_slow_node() {
        let run = |lifeguard: bool, seed: u64| {
            let mut sim = Sim::converged(10, seed, |n, a| SwimConfig {
                lifeguard,
                ..SwimConfig::lan(n, a)
            });
            sim.run_for(Duration::from_secs(3));
            sim.nodes[3].recv_delay = Duration::from_secs(5);
            sim.run_for(Duration::from_secs(60));
            // The slow node itself may rightly be declared dead: it does not answer in time.
            sim.false_deaths()
                - sim
                    .nodes
                    .iter()
                    .map(|n| n.rec.dead.iter().filter(|(d, _)| d == "n3").count())
                    .sum::<usize>()
        };
        for seed in [21, 22] {
            eprintln!(
                "seed {seed}: healthy members declared dead: lifeguard on {}, off {}",
                run(true, seed),
                run(false, seed)
            );
            assert_eq!(
                run(true, seed),
                0,
                "seed {seed}: Lifeguard on, a healthy member was declared dead"
            );
            assert!(
                run(false, seed) > 0,
                "seed {seed}: Lifeguard off should let the slow node declare healthy members dead"
            );
        }
    }

    /// 1,000 nodes under 5% packet loss for two simulated minutes: nobody is declared dead; then a
    /// killed node is known dead by all within the suspicion timeout plus dissemination.
    #[test]
    fn thousand_nodes_lossy() {
        let mut sim = Sim::converged(1000, 4, lan);
        sim.loss = 0.05;
        sim.run_for(Duration::from_secs(120));
        assert_eq!(
            sim.false_deaths(),
            0,
            "healthy nodes were declared dead under 5% loss"
        );
        let kbit_per_node = sim.bytes as f64 * 8.0 / 1000.0 / 1000.0 / 120.0;
        eprintln!("1000 nodes, 5% loss: {kbit_per_node:.1} kbit/s of UDP gossip sent per node");
        let took = sim.kill_and_await_dead(
            500,
            Duration::from_secs(45),
            Duration::from_millis(250),
            |_| {},
        );
        eprintln!("1000 nodes, 5% loss: failure known to all in {took:?}");
        assert_eq!(sim.false_deaths(), 0);
    }

    /// 10,000 nodes under 5% packet loss: a killed node is known dead by 99.9% of the others within 10% of memberlist's
    /// model, nobody healthy is declared dead, and each node sends no more gossip than serf's
    /// simulator figure (330 kbit/s). About a minute of CPU and 4.5 GiB of memory: member tables
    /// share identities through one `IdentCache`, so each of the 10^8 entries costs ~40 bytes.
    #[test]
    fn ten_thousand_nodes() {
        const N: usize = 10_000;
        let started = std::time::Instant::now();
        let mut sim = Sim::converged(N, 5, lan);
        sim.loss = 0.05;
        eprintln!("10000 nodes seeded in {:?}", started.elapsed());
        sim.run_for(Duration::from_secs(10));
        let (bytes0, t0) = (sim.bytes, sim.now);
        sim.kill_and_await_dead(
            4321,
            Duration::from_secs(60),
            Duration::from_millis(500),
            |_| {},
        );
        let secs = (sim.now - t0).as_secs_f64();
        let kbit_per_node = (sim.bytes - bytes0) as f64 * 8.0 / 1000.0 / N as f64 / secs;
        let learned = sim.death_learned_at("n4321");
        let p999 = learned[(learned.len() as f64 * 0.999).ceil() as usize - 1] - t0;
        let model = failure_model(&lan("x".into(), addr_of(0)), N, 0.999, sim.loss);
        eprintln!(
            "10000 nodes, 5% loss: failure known to 99.9% in {p999:?} (model {model:?}, ratio {:.3}), to all in {:?}; \
             {kbit_per_node:.1} kbit/s of gossip per node; simulated in {:?}",
            p999.as_secs_f64() / model.as_secs_f64(),
            learned.last().map(|t| *t - t0),
            started.elapsed()
        );
        assert_eq!(sim.false_deaths(), 0, "healthy nodes were declared dead");
        assert!(
            p999.as_secs_f64() <= model.as_secs_f64() * 1.1,
            "99.9% took {p999:?}, model {model:?}"
        );
        assert!(
            p999.as_secs_f64() >= model.as_secs_f64() * 0.7,
            "faster than the suspicion timeout allows"
        );
        assert!(kbit_per_node <= 330.0, "{kbit_per_node:.1} kbit/s per node");
    }

    /// The model itself: more members or more loss take longer to reach.
    #[test]
    fn failure_model_grows_with_size_and_loss() {
        let cfg = lan("x".into(), addr_of(0));
        let small = failure_model(&cfg, 100, 0.999, 0.0);
        let big = failure_model(&cfg, 10_000, 0.999, 0.0);
        let lossy = failure_model(&cfg, 10_000, 0.999, 0.2);
        assert!(small < big && big < lossy, "{small:?} {big:?} {lossy:?}");
        // 2 probe intervals + 4 x log10(10,000) x 1 s of suspicion + the spread.
        assert!(
            big > Duration::from_secs(18) && big < Duration::from_secs(22),
            "{big:?}"
        );
    }

    /// Under 5% packet loss, a healthy cluster declares nobody dead.
    #[test]
    fn no_false_failures_under_loss() {
        let mut sim = Sim::converged(200, 3, lan);
        sim.loss = 0.05;
        sim.run_for(Duration::from_secs(60));
        assert_eq!(
            sim.false_deaths(),
            0,
            "healthy nodes were declared dead under 5% loss"
        );
        assert!(sim.nodes.iter().all(|n| n.swim.num_alive() == 200));
    }
}
