//! The LAN pool on real sockets: one task owns the failure detector, the serf layer and the
//! keyring, and serves UDP packets, TCP streams (one port, both protocols) and commands from the
//! agent. Every packet is bounded and checked; one that fails to decrypt or decode is dropped
//! and counted, with a rate-limited log line naming the sender and the reason.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::{mpsc, oneshot};

use super::codec::{self, PacketError};
use super::keyring::{Key, Keyring};
use super::message::{Kind, Message, NodeState};
use super::refusal;
use super::serf::{self, AgentQuery, KeyOp, KeyResponse, Serf, Status, UserEvent};
use super::swim::{Output, StreamPurpose, Swim, SwimConfig};

/// How the pool runs.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    pub swim: SwimConfig,
    pub bind: SocketAddr,
    pub tags: BTreeMap<String, String>,
    pub keyring: Keyring,
    /// Refuse plaintext (and undecryptable) packets and streams when a keyring is set.
    pub verify_incoming: bool,
    /// Encrypt what we send when a keyring is set.
    pub verify_outgoing: bool,
    /// Where the keyring is persisted (`<data_dir>/serf/local.keyring`), if anywhere.
    pub keyring_file: Option<PathBuf>,
    pub reconnect_interval: Duration,
    pub reconnect_timeout: Duration,
    pub tombstone_timeout: Duration,
    pub leave_propagate: Duration,
    pub tcp_timeout: Duration,
}

/// A member as the agent reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInfo {
    pub name: String,
    pub addr: SocketAddr,
    pub tags: BTreeMap<String, String>,
    pub status: Status,
    pub suspect: bool,
    pub vsn: [u8; 6],
}

/// Counters and gauges for `ctl info`'s `serf_lan` section.
#[derive(Debug, Clone, Default)]
pub struct PoolStats {
    pub members: usize,
    pub failed: usize,
    pub left: usize,
    pub health_score: i32,
    pub encrypted: bool,
    /// Keys installed.
    pub keys: usize,
    pub member_time: u64,
    pub event_time: u64,
    pub query_time: u64,
    pub intent_queue: usize,
    pub event_queue: usize,
    pub query_queue: usize,
    pub dropped_packets: u64,
    pub decrypt_failures: u64,
}

/// The cluster-wide answer to a keyring operation.
#[derive(Debug, Clone, Default)]
pub struct KeyringResult {
    pub num_nodes: usize,
    pub responses: BTreeMap<String, KeyResponse>,
}

enum Command {
    Join(Vec<SocketAddr>, oneshot::Sender<(usize, Vec<String>)>),
    Leave(oneshot::Sender<()>),
    Members(oneshot::Sender<Vec<MemberInfo>>),
    ForceLeave(String, bool, oneshot::Sender<bool>),
    Event(String, Vec<u8>, oneshot::Sender<u64>),
    Events(oneshot::Sender<Vec<UserEvent>>),
    Keyring(
        KeyOp,
        Option<Key>,
        oneshot::Sender<Result<KeyringResult, String>>,
    ),
    Stats(oneshot::Sender<PoolStats>),
    AgentQuery(String, Vec<u8>, oneshot::Sender<QueryResult>),
    Answer(AgentQuery, Vec<u8>),
    SetKeyring(Option<Key>, oneshot::Sender<Result<(), String>>),
}

/// The cluster-wide answers to an agent query.
#[derive(Debug, Clone, Default)]
pub struct QueryResult {
    /// Members expected to answer (alive when it was asked).
    pub num_nodes: usize,
    /// Each answering node's payload.
    pub responses: BTreeMap<String, Vec<u8>>,
}

/// What stream tasks report back.
enum StreamEvent {
    /// An inbound stream's message and where to send our reply.
    Inbound(Message, oneshot::Sender<Option<Vec<u8>>>),
    /// The reply (or failure) of a stream we opened.
    Reply {
        purpose: StreamPurpose,
        to: SocketAddr,
        join: Option<u64>,
        result: Result<Message, String>,
    },
}

/// A handle to the running pool.
#[derive(Clone)]
pub struct Pool {
    tx: mpsc::Sender<Command>,
    pub addr: SocketAddr,
    verify: std::sync::Arc<Verify>,
    /// Agent queries for the agent to answer; taken once by whoever answers them.
    queries: std::sync::Arc<std::sync::Mutex<Option<mpsc::UnboundedReceiver<AgentQuery>>>>,
}

/// `encrypt_verify_incoming` / `encrypt_verify_outgoing`, shared by the pool task and its stream
/// tasks and changeable while the agent runs (a reload), which is what lets encryption be
/// enforced across a running pool without restarts.
#[derive(Debug, Default)]
pub struct Verify {
    incoming: std::sync::atomic::AtomicBool,
    outgoing: std::sync::atomic::AtomicBool,
}

impl Verify {
    fn new(incoming: bool, outgoing: bool) -> Verify {
        Verify {
            incoming: incoming.into(),
            outgoing: outgoing.into(),
        }
    }

    pub fn incoming(&self) -> bool {
        self.incoming.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn outgoing(&self) -> bool {
        self.outgoing.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Why the pool could not start.
#[derive(Debug, thiserror::Error)]
#[error("binding the gossip listener on {addr}: {reason}")]
pub struct BindError {
    pub addr: SocketAddr,
    pub reason: String,
}

impl Pool {
    /// Binds UDP and TCP on the same port and starts the pool task.
    pub async fn start(
        mut cfg: PoolConfig,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) -> Result<Pool, BindError> {
        let (udp, tcp, port) = bind_pair(cfg.bind).await?;
        if cfg.swim.addr.port() == 0 {
            cfg.swim.addr.set_port(port);
        }
        // Every packet carries a 5-byte CRC header, and encryption adds its frame: the plaintext
        // budget leaves room for both so no datagram exceeds 1,400 bytes.
        // The encryption frame is reserved even in a plaintext pool, since encryption can be
        // switched on while the agent runs.
        let crc = 5;
        cfg.swim.packet_limit = codec::MAX_PACKET - crc - super::keyring::OVERHEAD;
        let addr = cfg.swim.addr;
        let (tx, rx) = mpsc::channel(256);
        let (stream_tx, stream_rx) = mpsc::channel(1024);
        let verify = std::sync::Arc::new(Verify::new(cfg.verify_incoming, cfg.verify_outgoing));
        let ctx = Ctx {
            keyring: std::sync::Arc::new(std::sync::RwLock::new(cfg.keyring.clone())),
            verify: verify.clone(),
            timeout: cfg.tcp_timeout,
        };
        tokio::spawn(accept_loop(
            tcp,
            stream_tx.clone(),
            ctx.clone(),
            shutdown.clone(),
        ));
        let (queries_tx, queries_rx) = mpsc::unbounded_channel();
        let channels = Channels {
            commands: rx,
            stream_tx,
            streams: stream_rx,
            queries: queries_tx,
        };
        tokio::spawn(run(cfg, udp, channels, ctx, shutdown));
        Ok(Pool {
            tx,
            addr,
            verify,
            queries: std::sync::Arc::new(std::sync::Mutex::new(Some(queries_rx))),
        })
    }

    /// The current `encrypt_verify_incoming` / `encrypt_verify_outgoing`.
    pub fn verify(&self) -> (bool, bool) {
        (self.verify.incoming(), self.verify.outgoing())
    }

    /// Changes `encrypt_verify_incoming` / `encrypt_verify_outgoing` for every packet and stream
    /// from now on.
    pub fn set_verify(&self, incoming: bool, outgoing: bool) {
        use std::sync::atomic::Ordering::Relaxed;
        self.verify.incoming.store(incoming, Relaxed);
        self.verify.outgoing.store(outgoing, Relaxed);
    }

    async fn ask<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> Command) -> Option<T> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(make(tx)).await.ok()?;
        rx.await.ok()
    }

    /// Joins through each address; returns how many answered and the errors of the others.
    pub async fn join(&self, addrs: Vec<SocketAddr>) -> (usize, Vec<String>) {
        self.ask(|tx| Command::Join(addrs, tx))
            .await
            .unwrap_or((0, vec!["the agent is shutting down".into()]))
    }

    /// Leaves gracefully: peers see this node `left`. Returns when the news has spread.
    pub async fn leave(&self) {
        let _ = self.ask(Command::Leave).await;
    }

    pub async fn members(&self) -> Vec<MemberInfo> {
        self.ask(Command::Members).await.unwrap_or_default()
    }

    pub async fn force_leave(&self, node: String, prune: bool) -> bool {
        self.ask(|tx| Command::ForceLeave(node, prune, tx))
            .await
            .unwrap_or(false)
    }

    pub async fn user_event(&self, name: String, payload: Vec<u8>) -> u64 {
        self.ask(|tx| Command::Event(name, payload, tx))
            .await
            .unwrap_or(0)
    }

    pub async fn events(&self) -> Vec<UserEvent> {
        self.ask(Command::Events).await.unwrap_or_default()
    }

    pub async fn keyring(&self, op: KeyOp, key: Option<Key>) -> Result<KeyringResult, String> {
        self.ask(|tx| Command::Keyring(op, key, tx))
            .await
            .unwrap_or_else(|| Err("the agent is shutting down".into()))
    }

    pub async fn stats(&self) -> PoolStats {
        self.ask(Command::Stats).await.unwrap_or_default()
    }

    /// The agent queries this node receives; `None` after the first call.
    pub fn take_queries(&self) -> Option<mpsc::UnboundedReceiver<AgentQuery>> {
        self.queries.lock().ok()?.take()
    }

    /// Asks every alive member (this one included) and collects their answers until all have
    /// answered or the query times out.
    pub async fn agent_query(&self, name: String, payload: Vec<u8>) -> QueryResult {
        self.ask(|tx| Command::AgentQuery(name, payload, tx))
            .await
            .unwrap_or_default()
    }

    /// Answers an agent query this node received.
    pub async fn answer(&self, query: AgentQuery, payload: Vec<u8>) {
        let _ = self.tx.send(Command::Answer(query, payload)).await;
    }

    /// Turns encryption on with `key` (installing it as the primary of a new keyring, or adding
    /// it to the existing one), or off with `None`. Off is refused while either verify flag is
    /// on: the pool would then drop every packet.
    pub async fn set_keyring(&self, key: Option<Key>) -> Result<(), String> {
        self.ask(|tx| Command::SetKeyring(key, tx))
            .await
            .unwrap_or_else(|| Err("the agent is shutting down".into()))
    }
}

/// Binds UDP and TCP on one port. With port 0 the OS picks the UDP port, whose TCP twin may be
/// taken: try a few times.
async fn bind_pair(bind: SocketAddr) -> Result<(UdpSocket, TcpListener, u16), BindError> {
    let err = |e: std::io::Error| BindError {
        addr: bind,
        reason: e.to_string(),
    };
    let attempts = if bind.port() == 0 { 16 } else { 1 };
    let mut last = None;
    for _ in 0..attempts {
        let udp = UdpSocket::bind(bind).await.map_err(err)?;
        let port = udp.local_addr().map_err(err)?.port();
        match TcpListener::bind(SocketAddr::new(bind.ip(), port)).await {
            Ok(tcp) => return Ok((udp, tcp, port)),
            Err(e) => last = Some(e),
        }
    }
    Err(err(
        last.unwrap_or_else(|| std::io::Error::other("no free port"))
    ))
}

/// What stream tasks need to frame messages. The keyring is shared with the pool task so key
/// changes apply to the next connection at once.
#[derive(Clone)]
struct Ctx {
    keyring: std::sync::Arc<std::sync::RwLock<Keyring>>,
    verify: std::sync::Arc<Verify>,
    timeout: Duration,
}

impl Ctx {
    fn keyring(&self) -> Keyring {
        self.keyring.read().map(|k| k.clone()).unwrap_or_default()
    }
}

/// Reads one stream message, however the peer framed it.
async fn read_message(conn: &mut TcpStream, ctx: &Ctx) -> Result<Message, String> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 16 * 1024];
    let ring = ctx.keyring();
    let keyring = (!ring.is_empty()).then_some(&ring);
    loop {
        if let Some(m) =
            codec::parse_stream(&buf, keyring, ctx.verify.incoming()).map_err(|e| e.to_string())?
        {
            return Ok(m);
        }
        let n = conn.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before a complete message".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Frames a message we send: encrypted when a keyring is set and outgoing encryption is on.
fn frame(msg: &[u8], ctx: &Ctx) -> Vec<u8> {
    let ring = ctx.keyring();
    let keyring = (ctx.verify.outgoing() && !ring.is_empty()).then_some(&ring);
    codec::encode_stream(msg, keyring)
}

async fn accept_loop(
    listener: TcpListener,
    events: mpsc::Sender<StreamEvent>,
    ctx: Ctx,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = stopped(&mut shutdown) => return,
            accepted = listener.accept() => {
                let Ok((mut conn, peer)) = accepted else { continue };
                let (events, ctx) = (events.clone(), ctx.clone());
                tokio::spawn(async move {
                    let result = tokio::time::timeout(ctx.timeout, async {
                        let msg = match read_message(&mut conn, &ctx).await {
                            Ok(m) => m,
                            Err(e) => {
                                // Tell the peer why, as memberlist does; it reads our error
                                // response (or fails to decrypt it, which says the same).
                                let _ = conn.write_all(&frame(&Message::Err(e.clone()).encode(), &ctx)).await;
                                return Err(e);
                            }
                        };
                        let (tx, rx) = oneshot::channel();
                        events.send(StreamEvent::Inbound(msg, tx)).await.map_err(|_| "pool stopped".to_string())?;
                        if let Ok(Some(reply)) = rx.await {
                            conn.write_all(&frame(&reply, &ctx)).await.map_err(|e| e.to_string())?;
                        }
                        Ok::<(), String>(())
                    })
                    .await;
                    match result {
                        Ok(Err(e)) => tracing::debug!(%peer, "gossip stream: {e}"),
                        Err(_) => tracing::debug!(%peer, "gossip stream timed out"),
                        Ok(Ok(())) => {}
                    }
                });
            }
        }
    }
}

/// Opens a stream, sends `data` and reads the reply (none is expected for user messages).
async fn call(
    to: SocketAddr,
    data: Vec<u8>,
    ctx: Ctx,
    want_reply: bool,
) -> Result<Message, String> {
    tokio::time::timeout(ctx.timeout, async {
        let mut conn = TcpStream::connect(to).await.map_err(|e| e.to_string())?;
        conn.write_all(&frame(&data, &ctx))
            .await
            .map_err(|e| e.to_string())?;
        if !want_reply {
            return Ok(Message::User(Vec::new()));
        }
        match read_message(&mut conn, &ctx).await? {
            Message::Err(e) => Err(format!("remote error: {e}")),
            m => Ok(m),
        }
    })
    .await
    .map_err(|_| "timed out".to_string())?
}

struct JoinState {
    remaining: usize,
    ok: usize,
    errors: Vec<String>,
    reply: oneshot::Sender<(usize, Vec<String>)>,
}

struct Runner {
    cfg: PoolConfig,
    swim: Swim,
    serf: Serf,
    udp: UdpSocket,
    stream_tx: mpsc::Sender<StreamEvent>,
    ctx: Ctx,
    joins: HashMap<u64, JoinState>,
    next_join: u64,
    key_waiters: HashMap<u32, oneshot::Sender<Result<KeyringResult, String>>>,
    query_waiters: HashMap<u32, oneshot::Sender<QueryResult>>,
    queries: mpsc::UnboundedSender<AgentQuery>,
    stats: PoolStats,
    last_warn: Option<Instant>,
}

impl Runner {
    fn encrypting(&self) -> bool {
        !self.serf.keyring.is_empty()
    }

    fn send_packet(&mut self, to: SocketAddr, data: Vec<u8>) {
        let mut packet = codec::with_crc(&data);
        if self.encrypting() && self.ctx.verify.outgoing() {
            match self.serf.keyring.encrypt(&packet, &[]) {
                Some(p) => packet = p,
                None => return,
            }
        }
        let mut sent = self.udp.try_send_to(&packet, to);
        if matches!(&sent, Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused) {
            // The kernel handed us an earlier packet's refusal (see refusal.rs), not this one's.
            sent = self.udp.try_send_to(&packet, to);
        }
        if let Err(e) = sent {
            tracing::debug!(%to, "gossip send: {e}");
        }
    }

    fn flush(&mut self) {
        for out in self.swim.drain() {
            match out {
                Output::Packet { to, data } => self.send_packet(to, data),
                Output::Stream { to, data, purpose } => self.open_stream(to, data, purpose, None),
            }
        }
        for d in self.serf.take_direct() {
            let mut msg = Vec::with_capacity(d.msg.len() + 1);
            msg.push(Kind::User as u8);
            msg.extend_from_slice(&d.msg);
            self.send_packet(d.to, msg);
        }
        for rtt in self.swim.take_probe_times() {
            crate::metrics::time("consul.memberlist.probeNode", Vec::new(), rtt);
        }
        for q in std::mem::take(&mut self.serf.agent_queries) {
            let _ = self.queries.send(q);
        }
        if self.serf.keyring_dirty {
            self.serf.keyring_dirty = false;
            if let Ok(mut shared) = self.ctx.keyring.write() {
                *shared = self.serf.keyring.clone();
            }
            self.persist_keyring();
        }
    }

    fn persist_keyring(&self) {
        let Some(path) = &self.cfg.keyring_file else {
            return;
        };
        let keys: Vec<String> = self
            .serf
            .keyring
            .keys()
            .iter()
            .map(Key::to_base64)
            .collect();
        if let Err(e) = write_keyring(path, &keys) {
            tracing::error!("writing the keyring to {}: {e}", path.display());
        }
    }

    fn open_stream(
        &mut self,
        to: SocketAddr,
        data: Vec<u8>,
        purpose: StreamPurpose,
        join: Option<u64>,
    ) {
        let (tx, ctx) = (self.stream_tx.clone(), self.ctx.clone());
        tokio::spawn(async move {
            let result = call(to, data, ctx, true).await;
            let _ = tx
                .send(StreamEvent::Reply {
                    purpose,
                    to,
                    join,
                    result,
                })
                .await;
        });
    }

    fn on_packet(&mut self, from: SocketAddr, data: &[u8]) {
        let now = Instant::now();
        let plain;
        let bytes: &[u8] = if self.encrypting() {
            match self.serf.keyring.decrypt(data, &[]) {
                Ok(p) => {
                    plain = p;
                    &plain
                }
                Err(e) if self.ctx.verify.incoming() => {
                    self.stats.decrypt_failures += 1;
                    self.warn(format!("{e} from {from}"));
                    return;
                }
                // Not enforcing yet (a rolling rollout): take it as plaintext.
                Err(_) => data,
            }
        } else {
            data
        };
        match codec::decode_packet(bytes) {
            Ok(msgs) => self.swim.packet(now, from, msgs, &mut self.serf),
            Err(e) => {
                self.stats.dropped_packets += 1;
                let e = match e {
                    PacketError::Decode(_) if self.encrypting() => "undecodable packet".to_string(),
                    e => e.to_string(),
                };
                self.warn(format!("dropping a gossip packet from {from}: {e}"));
            }
        }
    }

    /// Logs at most once every 10 s so a flood of bad packets cannot flood the log.
    fn warn(&mut self, msg: String) {
        let now = Instant::now();
        if self
            .last_warn
            .is_none_or(|t| now.duration_since(t) > Duration::from_secs(10))
        {
            self.last_warn = Some(now);
            tracing::warn!("{msg}");
        }
    }

    fn on_stream(&mut self, ev: StreamEvent) {
        let now = Instant::now();
        match ev {
            StreamEvent::Inbound(msg, reply) => {
                let r = self.swim.stream(now, msg, &mut self.serf);
                let _ = reply.send(r);
            }
            StreamEvent::Reply {
                purpose,
                to,
                join,
                result,
            } => {
                match result {
                    Ok(m) => {
                        self.swim.stream_reply(now, purpose, m, &mut self.serf);
                        if let Some(id) = join
                            && let Some(j) = self.joins.get_mut(&id)
                        {
                            j.ok += 1;
                        }
                    }
                    Err(e) => {
                        if let Some(id) = join
                            && let Some(j) = self.joins.get_mut(&id)
                        {
                            j.errors.push(format!("{to}: {e}"));
                        } else {
                            tracing::debug!(%to, ?purpose, "gossip stream failed: {e}");
                        }
                        self.swim.stream_failed(now, purpose, &mut self.serf);
                    }
                }
                if let Some(id) = join {
                    self.finish_join(id);
                }
            }
        }
    }

    fn finish_join(&mut self, id: u64) {
        let Some(j) = self.joins.get_mut(&id) else {
            return;
        };
        j.remaining = j.remaining.saturating_sub(1);
        if j.remaining > 0 {
            return;
        }
        if let Some(j) = self.joins.remove(&id) {
            if j.ok > 0 {
                self.serf.broadcast_join();
            }
            let _ = j.reply.send((j.ok, j.errors));
        }
    }

    fn members(&self) -> Vec<MemberInfo> {
        self.serf
            .members()
            .map(|m| MemberInfo {
                name: m.name.clone(),
                addr: m.addr,
                tags: m.tags.clone(),
                status: m.status,
                suspect: self.swim.member_state(&m.name) == Some(NodeState::Suspect),
                vsn: m.vsn,
            })
            .collect()
    }

    fn stats(&self) -> PoolStats {
        let members = self.serf.members();
        let (mut n, mut failed, mut left) = (0, 0, 0);
        for m in members {
            n += 1;
            match m.status {
                Status::Failed => failed += 1,
                Status::Left => left += 1,
                _ => {}
            }
        }
        let (member_time, event_time, query_time) = self.serf.clocks();
        let (intent_queue, event_queue, query_queue) = self.serf.queue_depths();
        PoolStats {
            members: n,
            failed,
            left,
            health_score: self.swim.health_score(),
            encrypted: self.encrypting(),
            keys: self.serf.keyring.keys().len(),
            member_time,
            event_time,
            query_time,
            intent_queue,
            event_queue,
            query_queue,
            ..self.stats.clone()
        }
    }

    async fn command(&mut self, cmd: Command) {
        let now = Instant::now();
        match cmd {
            Command::Join(addrs, reply) => {
                if addrs.is_empty() {
                    let _ = reply.send((0, Vec::new()));
                    return;
                }
                self.next_join += 1;
                let id = self.next_join;
                self.joins.insert(
                    id,
                    JoinState {
                        remaining: addrs.len(),
                        ok: 0,
                        errors: Vec::new(),
                        reply,
                    },
                );
                self.swim.join(&addrs, &mut self.serf);
                // Route the join streams through the join bookkeeping.
                for out in self.swim.drain() {
                    match out {
                        Output::Stream {
                            to,
                            data,
                            purpose: StreamPurpose::Join,
                        } => self.open_stream(to, data, StreamPurpose::Join, Some(id)),
                        Output::Stream { to, data, purpose } => {
                            self.open_stream(to, data, purpose, None)
                        }
                        Output::Packet { to, data } => self.send_packet(to, data),
                    }
                }
            }
            Command::Leave(reply) => {
                self.leave().await;
                let _ = reply.send(());
            }
            Command::Members(reply) => {
                let _ = reply.send(self.members());
            }
            Command::ForceLeave(node, prune, reply) => {
                let _ = reply.send(self.serf.force_leave(now, &node, prune));
            }
            Command::Event(name, payload, reply) => {
                let _ = reply.send(self.serf.user_event(now, &name, &payload));
            }
            Command::Events(reply) => {
                let _ = reply.send(self.serf.event_log.iter().cloned().collect());
            }
            Command::Keyring(op, key, reply) => {
                if !self.encrypting() {
                    let _ = reply.send(Err("Keyring is empty (encryption not enabled)".into()));
                    return;
                }
                let expected = self.swim.num_alive();
                let id = self.serf.key_query(now, op, key.as_ref(), expected);
                self.key_waiters.insert(id, reply);
            }
            Command::Stats(reply) => {
                let _ = reply.send(self.stats());
            }
            Command::AgentQuery(name, payload, reply) => {
                let expected = self.swim.num_alive();
                let id = self.serf.agent_query(now, &name, &payload, expected);
                self.query_waiters.insert(id, reply);
            }
            Command::Answer(query, payload) => self.serf.answer(now, &query, &payload),
            Command::SetKeyring(key, reply) => {
                let _ = reply.send(self.set_keyring(key));
            }
        }
    }

    fn set_keyring(&mut self, key: Option<Key>) -> Result<(), String> {
        match key {
            Some(k) if self.serf.keyring.is_empty() => self.serf.keyring = Keyring::new(k),
            Some(k) => self.serf.keyring.install(k),
            None if self.ctx.verify.incoming() || self.ctx.verify.outgoing() => {
                return Err(
                    "encryption cannot be turned off while encrypt_verify_incoming or \
                     encrypt_verify_outgoing is on"
                        .into(),
                );
            }
            None => self.serf.keyring = Keyring::default(),
        }
        self.serf.keyring_dirty = true;
        Ok(())
    }

    /// serf's graceful leave: the leave intent first, then memberlist's dead-from-self, each
    /// given time to spread.
    async fn leave(&mut self) {
        // With no other live member there is nobody to tell and the broadcasts could never drain:
        // a lone agent leaves at once (as memberlist skips its wait when no node is alive),
        // instead of waiting out both drain deadlines.
        let others = self.swim.num_alive() > 1;
        let now = Instant::now();
        self.serf.broadcast_leave(now);
        if others {
            self.drain_broadcasts(|r| r.serf.queued() == 0).await;
        }
        self.swim.leave(Instant::now());
        if others {
            self.drain_broadcasts(|r| r.swim.queued_broadcasts() == 0)
                .await;
            tokio::time::sleep(self.cfg.leave_propagate).await;
        }
    }

    /// Keeps gossiping until `done` or a few seconds pass.
    async fn drain_broadcasts(&mut self, done: impl Fn(&Runner) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !done(self) && Instant::now() < deadline {
            self.swim.tick(Instant::now(), &mut self.serf);
            self.flush();
            tokio::time::sleep(
                self.cfg
                    .swim
                    .gossip_interval
                    .min(Duration::from_millis(100)),
            )
            .await;
        }
    }

    fn housekeeping(
        &mut self,
        now: Instant,
        next_reap: &mut Instant,
        next_reconnect: &mut Instant,
    ) {
        for q in self.serf.finished_queries(now) {
            if let Some(w) = self.key_waiters.remove(&q.id) {
                let _ = w.send(Ok(KeyringResult {
                    num_nodes: q.expected,
                    responses: q.responses,
                }));
            } else if let Some(w) = self.query_waiters.remove(&q.id) {
                let _ = w.send(QueryResult {
                    num_nodes: q.expected,
                    responses: q.raw,
                });
            }
        }
        if now >= *next_reap {
            *next_reap = now + Duration::from_secs(15);
            for name in self
                .serf
                .reap(now, self.cfg.reconnect_timeout, self.cfg.tombstone_timeout)
            {
                tracing::info!(node = %name, "reaped member");
            }
        }
        if now >= *next_reconnect {
            *next_reconnect = now + self.cfg.reconnect_interval;
            if let Some(addr) = self.serf.reconnect_candidate() {
                self.swim.join(&[addr], &mut self.serf);
            }
        }
    }
}

/// Writes the keyring file atomically (0600), as a JSON array with the primary key first.
pub fn write_keyring(path: &std::path::Path, keys: &[String]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let body = serde_json::to_vec_pretty(keys).map_err(std::io::Error::other)?;
    {
        use std::io::Write;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(&body)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Reads a keyring file: a JSON array of base64 keys, the first the primary.
pub fn read_keyring(path: &std::path::Path) -> Result<Option<Keyring>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let keys: Vec<String> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut ring: Option<Keyring> = None;
    for k in keys {
        let key = Key::parse(&k).map_err(|e| format!("{}: {e}", path.display()))?;
        match &mut ring {
            None => ring = Some(Keyring::new(key)),
            Some(r) => r.install(key),
        }
    }
    Ok(ring)
}

/// The pool task's channels: commands from handles, stream events from stream tasks, and agent
/// queries out to the agent.
struct Channels {
    commands: mpsc::Receiver<Command>,
    stream_tx: mpsc::Sender<StreamEvent>,
    streams: mpsc::Receiver<StreamEvent>,
    queries: mpsc::UnboundedSender<AgentQuery>,
}

async fn run(
    cfg: PoolConfig,
    udp: UdpSocket,
    channels: Channels,
    ctx: Ctx,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let Channels {
        mut commands,
        stream_tx,
        mut streams,
        queries,
    } = channels;
    let now = Instant::now();
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let seed = clock ^ u64::from(cfg.swim.addr.port()) ^ (u64::from(std::process::id()) << 20);
    let mut serf = Serf::new(
        cfg.swim.name.clone(),
        cfg.swim.addr,
        cfg.tags.clone(),
        cfg.keyring.clone(),
        seed,
    );
    let swim = Swim::new(cfg.swim.clone(), now, serf::encode_tags(&cfg.tags), seed);
    if let Some(me) = swim.member(&cfg.swim.name) {
        serf.add_self(now, &me);
    }
    let mut r = Runner {
        cfg,
        swim,
        serf,
        udp,
        stream_tx,
        ctx,
        joins: HashMap::new(),
        next_join: 0,
        key_waiters: HashMap::new(),
        query_waiters: HashMap::new(),
        queries,
        stats: PoolStats::default(),
        last_warn: None,
    };
    let mut reports_refusals = refusal::enable(&r.udp);
    let mut buf = vec![0u8; 65_536];
    let mut next_reap = now + Duration::from_secs(15);
    let mut next_reconnect = now + r.cfg.reconnect_interval;
    loop {
        let wake = r
            .swim
            .next_deadline()
            .min(now_plus(Duration::from_millis(200)));
        tokio::select! {
            _ = stopped(&mut shutdown) => return,
            _ = tokio::time::sleep_until(tokio::time::Instant::from_std(wake)) => {
                let now = Instant::now();
                r.swim.tick(now, &mut r.serf);
                r.housekeeping(now, &mut next_reap, &mut next_reconnect);
            }
            received = r.udp.recv_from(&mut buf) => {
                if let Ok((n, from)) = received {
                    let data = buf[..n].to_vec();
                    r.on_packet(from, &data);
                }
            }
            refused = refusal::next(&r.udp), if reports_refusals => match refused {
                Ok(refused) => {
                    let now = Instant::now();
                    for to in refused {
                        tracing::debug!(%to, "gossip packet refused: port unreachable");
                        r.swim.unreachable(now, to, &mut r.serf);
                    }
                }
                Err(e) => {
                    // Probes then wait out their interval, as memberlist's always do.
                    tracing::warn!("gossip stops reading refusals from its socket: {e}");
                    reports_refusals = false;
                }
            },
            Some(ev) = streams.recv() => r.on_stream(ev),
            Some(cmd) = commands.recv() => r.command(cmd).await,
        }
        r.flush();
    }
}

/// Resolves once the shutdown flag is set (or its sender is gone).
async fn stopped(rx: &mut tokio::sync::watch::Receiver<bool>) {
    loop {
        if *rx.borrow_and_update() {
            return;
        }
        if rx.changed().await.is_err() {
            return;
        }
    }
}

fn now_plus(d: Duration) -> Instant {
    Instant::now() + d
}
