//! End-to-end linearizability under faults: several concurrent clients read, write, delete and
//! compare-and-set a few keys through client agents (and directly against the servers) of a real
//! three-server cluster while the leader is killed with -9 and restarted, the leader is paused
//! with SIGSTOP and resumed, and a follower is killed with -9 and restarted. Every request's
//! invocation time, response time and answer are recorded against one monotonic clock, and the
//! whole history is handed to the linearizability checker in `tests/common/lincheck.rs`, which
//! must find a single real-time-respecting order of the operations that explains every answer.
//!
//! The acknowledged-writes tests in `tests/cluster.rs` only show that nothing acknowledged is
//! lost; this one also catches stale reads, lost or duplicated compare-and-sets, writes that take
//! effect after being reported failed, and reads of values that were never committed — the
//! anomalies that appear exactly around leader changes, which is why the faults all hit Raft
//! leadership or quorum while the clients keep going.

mod common;
#[path = "common/lincheck.rs"]
mod lincheck;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::cluster::Cluster;
use common::{b64_decode, http_with_timeout, wait_for};
use lincheck::{CheckResult, Clock, Config, Op, Operation, Outcome, Output, Time};

/// Few keys, so that clients contend on each of them and the checker sees real concurrency.
const KEYS: [&str; 3] = ["lin/a", "lin/b", "lin/c"];
/// Client threads.
const WORKERS: usize = 6;
/// How many of them talk to the servers directly (rotating through all three, so they also hit
/// followers, crashed servers and the paused one); the rest go through the client agents.
const DIRECT_WORKERS: usize = 2;
/// Client agents the workers go through (they forward to the leader over server RPC).
const CLIENT_AGENTS: usize = 2;
/// Per-request timeout. Shorter than the worst case of a request stuck at a paused server (~17 s)
/// so that a worker is not frozen for the whole pause; a timed-out write or CAS is recorded with
/// an unknown outcome, which is always sound.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Client ids of the probes sent to the paused leader (the workers are 0..WORKERS).
const PROBE_ID: u64 = 100;
/// The probes sent to the paused leader for each key (see [`probe_paused`]).
const PROBES_PER_KEY: [Kind; 3] = [Kind::ReadDefault, Kind::ReadConsistent, Kind::Write];
/// Completed operations to wait for between faults, so that each fault lands on a live workload.
const OPS_BETWEEN_FAULTS: u64 = 100;
/// Pause between fault-injection steps, so each phase runs a while under the new conditions.
const PACE: Duration = Duration::from_secs(2);
/// Timeout of the probes sent to the paused leader: they must outlive the pause.
const PROBE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the cluster may take to show progress again after a fault.
const RECOVERY_LIMIT: Duration = Duration::from_secs(25);

/// What kind of request an operation was (for reads, which consistency mode), kept next to each
/// operation to make a violation report and the summary readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `GET ?consistent`: the leader confirms its leadership with a quorum round first.
    ReadConsistent,
    /// `GET` without a mode: served by whoever believes it is the leader.
    ReadDefault,
    /// The `?consistent` read that precedes a compare-and-set (also a history entry).
    ReadBeforeCas,
    Write,
    Cas,
    Delete,
}

/// One operation of the history plus where it was sent, for diagnostics only.
struct Recorded {
    op: Operation,
    kind: Kind,
    via: String,
}

/// What came back for one request.
enum Reply {
    /// A response with this status and body arrived.
    Answer(u16, String),
    /// The connection could not be made: nothing was sent, so the operation never happened.
    NotSent,
    /// The request may have reached the cluster but no usable answer came back (timeout, reset,
    /// 5xx such as "No cluster leader"): a write may or may not have taken effect.
    Lost,
}

/// Sends a request and classifies what came back, which decides how the operation is recorded.
fn send(req: reqwest::blocking::RequestBuilder) -> Reply {
    match req.send() {
        Ok(resp) => {
            let status = resp.status().as_u16();
            match resp.text() {
                Ok(body) if status < 500 => Reply::Answer(status, body),
                _ => Reply::Lost,
            }
        }
        Err(e) if e.is_connect() => Reply::NotSent,
        Err(_) => Reply::Lost,
    }
}

/// Decodes a `GET /v1/kv/<key>` 200 body into the value and its `ModifyIndex`. A malformed body is
/// a bug in the agent, so it fails the test.
fn parse_entry(key: &str, body: &str) -> (Vec<u8>, u64) {
    let list: Vec<serde_json::Value> = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("GET {key}: body is not a JSON array ({e}): {body:?}"));
    assert_eq!(list.len(), 1, "GET {key} returned {} entries", list.len());
    let entry = &list[0];
    assert_eq!(entry["Key"].as_str(), Some(key), "GET {key}: wrong entry");
    let value = match &entry["Value"] {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(s) => {
            b64_decode(s).unwrap_or_else(|| panic!("GET {key}: Value is not base64: {s:?}"))
        }
        other => panic!("GET {key}: Value is neither null nor a string: {other}"),
    };
    let index = entry["ModifyIndex"]
        .as_u64()
        .unwrap_or_else(|| panic!("GET {key}: no ModifyIndex in {entry}"));
    (value, index)
}

/// A client thread: picks a key and an operation at random, sends it, records the result.
struct Worker {
    id: u64,
    http: reqwest::blocking::Client,
    /// (name, base URL) pairs, used round-robin.
    targets: Vec<(String, String)>,
    next_target: usize,
    clock: Clock,
    /// xorshift state; the test needs variety, not quality.
    rng: u64,
    /// Makes every value this worker writes unique, which the CAS mapping relies on.
    seq: u64,
    /// Operations with a definite answer, across all workers (the fault driver watches it).
    completed: Arc<AtomicU64>,
    history: Vec<Recorded>,
}

impl Worker {
    fn new(
        id: u64,
        targets: Vec<(String, String)>,
        clock: Clock,
        completed: Arc<AtomicU64>,
        timeout: Duration,
    ) -> Worker {
        Worker {
            id,
            http: http_with_timeout(timeout),
            targets,
            next_target: 0,
            clock,
            rng: 0x9E37_79B9_7F4A_7C15 ^ (id + 1).wrapping_mul(0x2545_F491_4F6C_DD1D),
            seq: 0,
            completed,
            history: Vec::new(),
        }
    }

    fn random(&mut self, n: u64) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng % n
    }

    fn target(&mut self) -> (String, String) {
        let t = self.targets[self.next_target % self.targets.len()].clone();
        self.next_target += 1;
        t
    }

    fn fresh_value(&mut self) -> Vec<u8> {
        self.seq += 1;
        format!("c{}-{}", self.id, self.seq).into_bytes()
    }

    fn record(&mut self, op: Operation, kind: Kind, via: &str) {
        if matches!(op.outcome, Outcome::Ok(_)) {
            self.completed.fetch_add(1, Ordering::Relaxed);
        }
        self.history.push(Recorded {
            op,
            kind,
            via: via.to_string(),
        });
    }

    /// One randomly chosen operation on a random key.
    fn step(&mut self) {
        let key = KEYS[self.random(KEYS.len() as u64) as usize];
        match self.random(20) {
            0..=4 => {
                self.read(key, Kind::ReadConsistent);
            }
            5..=7 => {
                self.read(key, Kind::ReadDefault);
            }
            8..=11 => self.write(key),
            12..=18 => self.cas(key),
            _ => self.delete(key),
        }
    }

    /// Reads `key` and records the read; returns the value and its `ModifyIndex` (None when the
    /// key is absent), or None when no answer came back.
    fn read(&mut self, key: &str, kind: Kind) -> Option<Option<(Vec<u8>, u64)>> {
        let (via, base) = self.target();
        let mode = if kind == Kind::ReadDefault {
            ""
        } else {
            "?consistent"
        };
        let call = self.clock.now();
        let reply = send(self.http.get(format!("{base}/v1/kv/{key}{mode}")));
        let ret = self.clock.now();
        let found = match reply {
            Reply::Answer(404, _) => None,
            Reply::Answer(200, body) => Some(parse_entry(key, &body)),
            Reply::Answer(status, body) => panic!("GET {key}{mode} via {via}: {status} {body:?}"),
            // A read without an answer constrains nothing; leave it out.
            Reply::NotSent | Reply::Lost => return None,
        };
        let value = found.as_ref().map(|(v, _)| v.as_slice());
        self.record(Operation::read(self.id, key, value, call, ret), kind, &via);
        Some(found)
    }

    /// Records a write-like operation whose success answer is the body `true`. Any other answer
    /// below 500 is a bug; a lost answer leaves the outcome unknown.
    fn finish_write(&mut self, op: Operation, kind: Kind, via: &str, reply: Reply, what: &str) {
        match reply {
            Reply::Answer(200, body) if body.trim() == "true" => self.record(op, kind, via),
            Reply::Answer(status, body) => panic!("{what} via {via}: {status} {body:?}"),
            Reply::NotSent => {}
            Reply::Lost => self.record(op.unknown(), kind, via),
        }
    }

    fn write(&mut self, key: &str) {
        let (via, base) = self.target();
        let value = self.fresh_value();
        let call = self.clock.now();
        let reply = send(
            self.http
                .put(format!("{base}/v1/kv/{key}"))
                .body(value.clone()),
        );
        let ret = self.clock.now();
        let op = Operation::write(self.id, key, &value, call, ret);
        self.finish_write(op, Kind::Write, &via, reply, &format!("PUT {key}"));
    }

    fn delete(&mut self, key: &str) {
        let (via, base) = self.target();
        let call = self.clock.now();
        let reply = send(self.http.delete(format!("{base}/v1/kv/{key}")));
        let ret = self.clock.now();
        let op = Operation::delete(self.id, key, call, ret);
        self.finish_write(op, Kind::Delete, &via, reply, &format!("DELETE {key}"));
    }

    /// Consul's CAS compares the `ModifyIndex`, the checker's compares values. The read gives both:
    /// the value `x` stored at `ModifyIndex` m. Every value written is unique and every committed
    /// version of a key has its own `ModifyIndex` (the Raft index of the entry that produced it;
    /// several writes to one key in one batched entry share an index, but only the last of them
    /// is ever visible, and indexes only grow), so "the current `ModifyIndex` is m" holds exactly
    /// when "the current value is x". `cas=0` ("only if absent") likewise maps to "expected
    /// absent"; a key deleted and created again gets a new, larger index, so a CAS against the
    /// old one fails, as it must since the value is no longer x. The read is a history entry of
    /// its own; the CAS's call time is when its PUT is sent, since that is the request whose
    /// effect is recorded.
    fn cas(&mut self, key: &str) {
        let Some(found) = self.read(key, Kind::ReadBeforeCas) else {
            return;
        };
        let (expected, index) = match found {
            Some((value, index)) => (Some(value), index),
            None => (None, 0),
        };
        let (via, base) = self.target();
        let new = self.fresh_value();
        let call = self.clock.now();
        let reply = send(
            self.http
                .put(format!("{base}/v1/kv/{key}?cas={index}"))
                .body(new.clone()),
        );
        let ret = self.clock.now();
        let succeeded = match &reply {
            Reply::Answer(200, body) if body.trim() == "true" => true,
            Reply::Answer(200, body) if body.trim() == "false" => false,
            Reply::Answer(status, body) => {
                panic!("PUT {key}?cas={index} via {via}: {status} {body:?}")
            }
            Reply::NotSent => return,
            Reply::Lost => {
                let op = Operation::cas(self.id, key, expected.as_deref(), &new, false, call, ret);
                self.record(op.unknown(), Kind::Cas, &via);
                return;
            }
        };
        let op = Operation::cas(
            self.id,
            key,
            expected.as_deref(),
            &new,
            succeeded,
            call,
            ret,
        );
        self.record(op, Kind::Cas, &via);
    }
}

/// The client threads, stopped and collected by [`Workload::finish`]. Dropping it (a failed
/// assertion) only tells the threads to stop.
struct Workload {
    stop: Arc<AtomicBool>,
    completed: Arc<AtomicU64>,
    handles: Vec<thread::JoinHandle<Vec<Recorded>>>,
}

impl Workload {
    fn start(c: &Cluster, clock: Clock) -> Workload {
        let stop = Arc::new(AtomicBool::new(false));
        let completed = Arc::new(AtomicU64::new(0));
        let clients: Vec<(String, String)> = c
            .clients
            .iter()
            .map(|a| (a.node.clone(), a.http_addr()))
            .collect();
        let handles = (0..WORKERS)
            .map(|w| {
                let targets = if w < DIRECT_WORKERS {
                    // Each starts at a different server, then rotates through all three.
                    let mut all = server_targets(c);
                    let n = all.len();
                    all.rotate_left(w % n);
                    all
                } else {
                    vec![clients[w % clients.len()].clone()]
                };
                let mut worker =
                    Worker::new(w as u64, targets, clock, completed.clone(), REQUEST_TIMEOUT);
                let stop = stop.clone();
                thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        worker.step();
                    }
                    worker.history
                })
            })
            .collect();
        Workload {
            stop,
            completed,
            handles,
        }
    }

    fn completed(&self) -> u64 {
        self.completed.load(Ordering::Relaxed)
    }

    /// Waits until `n` more operations have completed; panics with the servers' logs if the
    /// cluster makes no progress in time. A worker that stopped early has panicked (its message
    /// is above); waiting on would only bury it.
    fn await_progress(&self, c: &Cluster, n: u64, after: &str) {
        let target = self.completed() + n;
        let died = || self.handles.iter().any(thread::JoinHandle::is_finished);
        let ok = wait_for(RECOVERY_LIMIT, || {
            (self.completed() >= target || died()).then_some(())
        });
        assert!(!died(), "a worker thread stopped early after {after}");
        if ok.is_none() {
            let logs: Vec<String> = c.servers.iter().flatten().map(|s| s.log_text()).collect();
            panic!(
                "only {} of {target} operations completed within {RECOVERY_LIMIT:?} after \
                 {after}\n{}",
                self.completed(),
                logs.join("\n")
            );
        }
    }

    fn finish(mut self) -> Vec<Recorded> {
        self.stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        for h in self.handles.drain(..) {
            all.extend(h.join().expect("worker thread panicked"));
        }
        all
    }
}

impl Drop for Workload {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The servers' HTTP addresses; their ports are fixed, so these stay valid across restarts.
fn server_targets(c: &Cluster) -> Vec<(String, String)> {
    c.ports
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("s{i}"), format!("http://127.0.0.1:{}", p.http)))
        .collect()
}

/// Sends, from their own threads, a default read, a `?consistent` read and a write of every key
/// straight to the paused server `paused`. The cluster has meanwhile elected another leader and
/// committed writes, so these requests test what a deposed leader does with requests waiting in
/// its sockets when it resumes: answering a read from its own state, or acknowledging a write,
/// before it learns of the new term would be a violation. Returns the threads, which finish
/// once the server resumes.
fn probe_paused(
    c: &Cluster,
    paused: usize,
    clock: Clock,
    completed: &Arc<AtomicU64>,
) -> Vec<thread::JoinHandle<Vec<Recorded>>> {
    let mut target = server_targets(c).swap_remove(paused);
    target.0.push_str(" (paused)");
    let mut probes = Vec::new();
    for (k, key) in KEYS.iter().enumerate() {
        for (n, kind) in PROBES_PER_KEY.into_iter().enumerate() {
            let id = PROBE_ID + (k * PROBES_PER_KEY.len() + n) as u64;
            let mut w = Worker::new(
                id,
                vec![target.clone()],
                clock,
                completed.clone(),
                PROBE_TIMEOUT,
            );
            probes.push(thread::spawn(move || {
                if kind == Kind::Write {
                    w.write(key);
                } else {
                    w.read(key, kind);
                }
                w.history
            }));
        }
    }
    probes
}

/// After the leader `old` was killed or paused, waits until the other running servers agree on a
/// leader other than it. `Cluster::wait_leader` does not do: right after the fault the followers
/// still name the old leader, and a paused server never answers.
fn wait_new_leader(c: &Cluster, old: usize, limit: Duration) -> usize {
    wait_for(limit, || {
        let seen: Vec<String> = (0..3)
            .filter(|i| *i != old && c.servers[*i].is_some())
            .map(|i| c.leader_seen_by(i))
            .collect();
        let first = seen.first()?.clone();
        if first.is_empty() || seen.iter().any(|s| *s != first) {
            return None;
        }
        let leader = c
            .ports
            .iter()
            .position(|p| first.ends_with(&format!(":{}", p.rpc)))?;
        (leader != old).then_some(leader)
    })
    .unwrap_or_else(|| panic!("no leader other than s{old} within {limit:?}"))
}

/// Lists, in order of invocation, the operations on `key` that overlap any operation a
/// violation names (the checker's explanation refers to them as `#index`), each with how and
/// where it was sent, plus the fault timeline, so that a failure can be analysed from the test
/// output alone. An operation without an answer counts as lasting until the end of the run, so
/// only its invocation is used to place it.
fn describe_violation(
    history: &[Recorded],
    key: &str,
    explanation: &str,
    faults: &[(Time, String)],
) -> String {
    /// Context kept either side of each named operation.
    const MARGIN: Time = 200_000_000;
    /// Enough lines to see the interleaving without drowning the message.
    const MAX_LINES: usize = 120;
    let named: Vec<usize> = explanation
        .split('#')
        .skip(1)
        .filter_map(|s| {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .filter(|i| *i < history.len())
        .collect();
    let span = |r: &Recorded| match r.op.outcome {
        Outcome::Ok(_) => (r.op.call, r.op.ret),
        Outcome::Unknown => (r.op.call, r.op.call),
    };
    let windows: Vec<(Time, Time)> = named
        .iter()
        .map(|i| {
            let (from, to) = span(&history[*i]);
            (from.saturating_sub(MARGIN), to.saturating_add(MARGIN))
        })
        .collect();
    let mut shown: Vec<(Time, String)> = history
        .iter()
        .enumerate()
        .filter(|(_, r)| r.op.key == key)
        .filter(|(_, r)| {
            let (from, to) = span(r);
            windows.iter().any(|(a, b)| from <= *b && to >= *a)
        })
        .map(|(i, r)| {
            let mark = if named.contains(&i) { "*" } else { " " };
            (
                r.op.call,
                format!("{mark} #{i} {} {:?} via {}", r.op, r.kind, r.via),
            )
        })
        .collect();
    shown.sort();
    let omitted = shown.len().saturating_sub(MAX_LINES);
    let lines: Vec<String> = shown
        .into_iter()
        .take(MAX_LINES)
        .map(|(_, line)| line)
        .collect();
    let timeline: Vec<String> = faults.iter().map(|(t, f)| format!("{t}: {f}")).collect();
    format!(
        "{explanation}\n\noperations on {key:?} overlapping the named ones (* = named, {omitted} \
         more omitted):\n{}\n\nfaults:\n{}",
        lines.join("\n"),
        timeline.join("\n")
    )
}

/// The whole scenario: a workload across three faults, then one check of everything recorded.
#[test]
fn kv_history_is_linearizable_across_leader_crash_pause_and_follower_crash() {
    let started = Instant::now();
    let mut c = Cluster::start(CLIENT_AGENTS);
    let clock = Clock::start();
    let mut faults: Vec<(Time, String)> = Vec::new();
    let work = Workload::start(&c, clock);
    // Lets a phase run for a while, then makes sure operations still complete.
    let settle = |work: &Workload, c: &Cluster, after: &str| {
        thread::sleep(PACE);
        work.await_progress(c, OPS_BETWEEN_FAULTS, after);
    };
    settle(&work, &c, "start");

    // Fault 1: the leader crashes, a new one is elected, the old one restarts from its data dir.
    let leader = c.wait_leader(Duration::from_secs(20));
    faults.push((clock.now(), format!("kill -9 s{leader} (leader)")));
    c.servers[leader].as_mut().expect("leader running").kill9();
    c.servers[leader] = None;
    let new = wait_new_leader(&c, leader, Duration::from_secs(20));
    faults.push((clock.now(), format!("s{new} leads")));
    settle(&work, &c, "the leader was killed");
    faults.push((clock.now(), format!("restart s{leader}")));
    c.servers[leader] = Some(c.spawn_server(leader));
    c.wait_leader(Duration::from_secs(20));
    settle(&work, &c, "the old leader restarted");

    // Fault 2: the leader freezes. Requests on their way to it wait in its sockets and are
    // answered (or not) when it resumes, after the others have moved on: the classic setting for
    // stale reads and for writes acknowledged by a deposed leader. Besides whatever the workers
    // happen to send it, probes are sent to it once the new leader has committed writes.
    let leader = c.wait_leader(Duration::from_secs(20));
    faults.push((clock.now(), format!("SIGSTOP s{leader} (leader)")));
    c.server(leader).signal("STOP");
    let new = wait_new_leader(&c, leader, Duration::from_secs(20));
    faults.push((clock.now(), format!("s{new} leads")));
    work.await_progress(&c, OPS_BETWEEN_FAULTS, "the leader was paused");
    faults.push((clock.now(), format!("probes sent to s{leader} (paused)")));
    let probes = probe_paused(&c, leader, clock, &work.completed);
    settle(&work, &c, "the probes were sent");
    faults.push((clock.now(), format!("SIGCONT s{leader}")));
    c.server(leader).signal("CONT");
    let mut probed = Vec::new();
    for p in probes {
        probed.extend(p.join().expect("probe thread panicked"));
    }
    faults.push((clock.now(), "probes returned".to_string()));
    c.wait_leader(Duration::from_secs(20));
    settle(&work, &c, "the old leader resumed");

    // Fault 3: a follower crashes and restarts; the leader keeps its quorum throughout.
    let leader = c.wait_leader(Duration::from_secs(20));
    let follower = (leader + 1) % 3;
    faults.push((clock.now(), format!("kill -9 s{follower} (follower)")));
    c.servers[follower]
        .as_mut()
        .expect("follower running")
        .kill9();
    c.servers[follower] = None;
    settle(&work, &c, "a follower was killed");
    faults.push((clock.now(), format!("restart s{follower}")));
    c.servers[follower] = Some(c.spawn_server(follower));
    c.wait_leader(Duration::from_secs(20));
    let recovered = clock.now();
    faults.push((recovered, "recovered".to_string()));
    settle(&work, &c, "the follower restarted");

    let probes_answered = probed
        .iter()
        .filter(|r| matches!(r.op.outcome, Outcome::Ok(_)))
        .count();
    let probes_sent = KEYS.len() * PROBES_PER_KEY.len();
    let mut history = work.finish();
    history.extend(probed);
    let workload_secs = clock.now() as f64 / 1e9;
    let ops: Vec<Operation> = history.iter().map(|r| r.op.clone()).collect();
    let t = Instant::now();
    let (result, stats) =
        lincheck::check_with_stats(&ops, &Config::default()).expect("well-formed history");
    let check_time = t.elapsed();

    let answered = |r: &&Recorded| matches!(r.op.outcome, Outcome::Ok(_));
    let count = |kind: Kind| history.iter().filter(|r| r.kind == kind).count();
    let unknown = history.len() - history.iter().filter(answered).count();
    let cas_won = history
        .iter()
        .filter(|r| r.op.outcome == Outcome::Ok(Output::Cas(true)))
        .count();
    let cas_lost = history
        .iter()
        .filter(|r| r.op.outcome == Outcome::Ok(Output::Cas(false)))
        .count();
    let first_fault = faults.first().map_or(0, |(t, _)| *t);
    let before = history
        .iter()
        .filter(answered)
        .filter(|r| r.op.ret < first_fault)
        .count();
    let after = history
        .iter()
        .filter(answered)
        .filter(|r| r.op.call > recovered)
        .count();
    let writes_after = history
        .iter()
        .filter(answered)
        .filter(|r| r.op.call > recovered && !matches!(r.op.op, Op::Read))
        .count();
    eprintln!(
        "linearizability: {} ops ({unknown} unknown) in {workload_secs:.1}s [{} consistent reads, \
         {} default reads, {} pre-CAS reads, {} writes, {} CAS ({cas_won} won, {cas_lost} lost), \
         {} deletes; {probes_answered}/{probes_sent} probes of the paused leader answered]; \
         {before} answered before the first fault, {after} after recovery; checker {} steps \
         (max {} per key) in {check_time:?}; test {:.1}s; verdict: {result}",
        history.len(),
        count(Kind::ReadConsistent),
        count(Kind::ReadDefault),
        count(Kind::ReadBeforeCas),
        count(Kind::Write),
        count(Kind::Cas),
        count(Kind::Delete),
        stats.total_steps,
        stats.max_key_steps,
        started.elapsed().as_secs_f64(),
    );

    if let CheckResult::Violation { key, explanation } = &result {
        panic!(
            "history is not linearizable:\n{}",
            describe_violation(&history, key, explanation, &faults)
        );
    }
    assert!(
        !matches!(result, CheckResult::Inconclusive { .. }),
        "the checker could not decide: {result}"
    );
    assert!(result.is_ok(), "unexpected verdict {result}");
    let answered_total = history.len() - unknown;
    assert!(
        answered_total >= 300,
        "too few answered operations for a meaningful check: {answered_total}"
    );
    assert!(
        before >= 20,
        "only {before} operations before the first fault"
    );
    assert!(after >= 20, "only {after} operations after recovery");
    assert!(
        writes_after >= 5,
        "only {writes_after} writes after recovery"
    );
    assert!(
        cas_won >= 20 && cas_lost >= 1,
        "CAS outcomes too one-sided to test anything: {cas_won} won, {cas_lost} lost"
    );
}
