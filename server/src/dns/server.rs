//! The network side: the UDP and TCP serving loops around the pure [`handle`] core, and
//! forwarding of names outside the domain to the configured recursors.
//!
//! Every resource is bounded so a hostile or broken client cannot exhaust the agent: one 64 KiB
//! UDP buffer, TCP messages of at most 65535 bytes (their length prefix), a 10 s idle timeout per
//! TCP connection, at most [`MAX_TCP_CONNECTIONS`] connections and [`MAX_FORWARDS`] UDP forwards
//! in flight. All tasks live in `JoinSet`s owned by the [`serve`] future, so dropping it stops
//! everything.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::task::JoinSet;
use tokio::time::timeout;

use super::answer::{Outcome, handle};
use super::{DnsConfig, Source, Transport};

/// Largest UDP datagram we read, from clients and from recursors.
const UDP_BUFFER: usize = 64 * 1024;
/// A TCP connection with no complete message for this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections beyond this are closed on accept.
const MAX_TCP_CONNECTIONS: usize = 256;
/// UDP queries waiting on recursors beyond this are answered SERVFAIL at once.
const MAX_FORWARDS: usize = 256;
/// Pause after a failed accept/receive, so a persistent error (e.g. out of file descriptors)
/// does not spin the loop.
const ERROR_BACKOFF: Duration = Duration::from_millis(10);

/// Why a recursor gave no usable answer (logged, then the next one is tried).
#[derive(Debug, thiserror::Error)]
enum ForwardError {
    #[error("i/o error: {0}")]
    Io(#[from] io::Error),
    #[error("timed out")]
    Timeout,
    #[error("reply too large for TCP framing")]
    TooLarge,
    #[error("answered with rcode {0}")]
    Rcode(u8),
}

/// Serves UDP and TCP until the future is dropped; forwards names outside the domain to
/// `recursors` when any are set.
pub async fn serve(
    udp: UdpSocket,
    tcp: TcpListener,
    source: Arc<dyn Source>,
    config: Arc<DnsConfig>,
) {
    tokio::join!(
        serve_udp(Arc::new(udp), Arc::clone(&source), Arc::clone(&config)),
        serve_tcp(tcp, source, config),
    );
}

/// Runs the pure core, turning a panic (a bug, or a misbehaving [`Source`]) into silence
/// rather than the end of the serving loop.
fn handle_safely(
    bytes: &[u8],
    source: &dyn Source,
    config: &DnsConfig,
    transport: Transport,
) -> Outcome {
    let started = std::time::Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        handle(bytes, source, config, transport)
    }))
    .unwrap_or_else(|_| {
        tracing::error!("dns: answering a query panicked; dropped it");
        Outcome::Drop
    });
    let (proto, kind) = (
        match transport {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
        },
        match &outcome {
            Outcome::Reply(_) => "answered",
            Outcome::Drop => "dropped",
            Outcome::Forward { .. } => "forwarded",
        },
    );
    let labels = || {
        vec![
            ("transport", proto.to_string()),
            ("outcome", kind.to_string()),
        ]
    };
    crate::metrics::incr("consul.dns.queries", labels(), 1);
    crate::metrics::time("consul.dns.domain_query", labels(), started.elapsed());
    outcome
}

async fn serve_udp(socket: Arc<UdpSocket>, source: Arc<dyn Source>, config: Arc<DnsConfig>) {
    let mut buf = vec![0u8; UDP_BUFFER];
    let mut forwards = JoinSet::new();
    loop {
        tokio::select! {
            received = socket.recv_from(&mut buf) => {
                let (len, peer) = match received {
                    Ok(received) => received,
                    Err(error) => {
                        tracing::debug!(%error, "dns: udp receive failed");
                        tokio::time::sleep(ERROR_BACKOFF).await;
                        continue;
                    }
                };
                let query = &buf[..len];
                let reply = match handle_safely(query, &*source, &config, Transport::Udp) {
                    Outcome::Reply(reply) => reply,
                    Outcome::Drop => continue,
                    Outcome::Forward { servfail, .. } if forwards.len() >= MAX_FORWARDS => {
                        tracing::debug!("dns: too many forwards in flight");
                        servfail
                    }
                    Outcome::Forward { servfail, .. } => {
                        let query = query.to_vec();
                        let socket = Arc::clone(&socket);
                        let config = Arc::clone(&config);
                        forwards.spawn(async move {
                            let reply = forward(&query, &config, Transport::Udp)
                                .await
                                .unwrap_or(servfail);
                            send_udp(&socket, &reply, peer).await;
                        });
                        continue;
                    }
                };
                send_udp(&socket, &reply, peer).await;
            }
            Some(_) = forwards.join_next(), if !forwards.is_empty() => {}
        }
    }
}

async fn send_udp(socket: &UdpSocket, reply: &[u8], peer: SocketAddr) {
    if let Err(error) = socket.send_to(reply, peer).await {
        tracing::debug!(%error, %peer, "dns: udp send failed");
    }
}

async fn serve_tcp(listener: TcpListener, source: Arc<dyn Source>, config: Arc<DnsConfig>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::debug!(%error, "dns: tcp accept failed");
                        tokio::time::sleep(ERROR_BACKOFF).await;
                        continue;
                    }
                };
                if connections.len() >= MAX_TCP_CONNECTIONS {
                    tracing::debug!(%peer, "dns: too many tcp connections; closing");
                    continue;
                }
                connections.spawn(serve_connection(
                    stream,
                    Arc::clone(&source),
                    Arc::clone(&config),
                ));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Answers length-prefixed queries on one connection, in order, until the client closes it,
/// sends something unreadable, or idles for [`IDLE_TIMEOUT`].
async fn serve_connection(mut stream: TcpStream, source: Arc<dyn Source>, config: Arc<DnsConfig>) {
    loop {
        let Some(query) = read_framed(&mut stream).await else {
            return;
        };
        let reply = match handle_safely(&query, &*source, &config, Transport::Tcp) {
            Outcome::Reply(reply) => reply,
            Outcome::Drop => continue,
            Outcome::Forward { servfail, .. } => forward(&query, &config, Transport::Tcp)
                .await
                .unwrap_or(servfail),
        };
        match timeout(IDLE_TIMEOUT, write_framed(&mut stream, &reply)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::debug!(%error, "dns: tcp write failed");
                return;
            }
            Err(_) => return,
        }
    }
}

/// One TCP message (2-byte big-endian length, then the bytes); `None` at EOF, on error, on an
/// empty message, or after [`IDLE_TIMEOUT`].
async fn read_framed(stream: &mut TcpStream) -> Option<Vec<u8>> {
    timeout(IDLE_TIMEOUT, async {
        let len = usize::from(stream.read_u16().await.ok()?);
        if len == 0 {
            return None;
        }
        let mut body = vec![0u8; len];
        stream.read_exact(&mut body).await.ok()?;
        Some(body)
    })
    .await
    .ok()
    .flatten()
}

async fn write_framed(stream: &mut TcpStream, message: &[u8]) -> Result<(), ForwardError> {
    let len = u16::try_from(message.len()).map_err(|_| ForwardError::TooLarge)?;
    let mut framed = Vec::with_capacity(message.len() + 2);
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(message);
    stream.write_all(&framed).await?;
    Ok(())
}

/// Relays `query` to each recursor in turn and returns the first usable answer with the
/// client's id restored; `None` when all fail.
///
/// The query goes out under a fresh random id (and from a fresh random port), so a spoofed
/// datagram must guess both; replies are accepted only with that id and QR set. A recursor that
/// answers anything but NOERROR/NXDOMAIN is skipped, as Consul does. When the client came over
/// TCP and the UDP answer is truncated, the same recursor is asked again over TCP.
async fn forward(query: &[u8], config: &DnsConfig, transport: Transport) -> Option<Vec<u8>> {
    let client_id = query.get(..2)?;
    let mut outgoing = query.to_vec();
    let id: u16 = rand::random();
    outgoing[..2].copy_from_slice(&id.to_be_bytes());
    for &recursor in &config.recursors {
        match exchange(&outgoing, recursor, config.recursor_timeout, transport).await {
            Ok(mut reply) => {
                reply[..2].copy_from_slice(client_id);
                return Some(reply);
            }
            Err(error) => tracing::debug!(%recursor, %error, "dns: recursor failed"),
        }
    }
    None
}

async fn exchange(
    query: &[u8],
    recursor: SocketAddr,
    limit: Duration,
    transport: Transport,
) -> Result<Vec<u8>, ForwardError> {
    let mut reply = timeout(limit, exchange_udp(query, recursor))
        .await
        .map_err(|_| ForwardError::Timeout)??;
    let truncated = reply[2] & 0x02 != 0;
    reply = match transport {
        Transport::Tcp if truncated => timeout(limit, exchange_tcp(query, recursor))
            .await
            .map_err(|_| ForwardError::Timeout)??,
        Transport::Tcp | Transport::Udp => reply,
    };
    match reply[3] & 0x0f {
        0 | 3 => Ok(reply),
        rcode => Err(ForwardError::Rcode(rcode)),
    }
}

/// Whether `reply` answers `query`: long enough for a header, same id, QR set.
fn is_reply_to(reply: &[u8], query: &[u8]) -> bool {
    reply.len() >= 12 && reply[..2] == query[..2] && reply[2] & 0x80 != 0
}

async fn exchange_udp(query: &[u8], recursor: SocketAddr) -> Result<Vec<u8>, ForwardError> {
    let local: SocketAddr = match recursor {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = UdpSocket::bind(local).await?;
    // Connected: the kernel discards datagrams from anyone but the recursor.
    socket.connect(recursor).await?;
    socket.send(query).await?;
    let mut buf = vec![0u8; UDP_BUFFER];
    loop {
        let len = socket.recv(&mut buf).await?;
        if is_reply_to(&buf[..len], query) {
            buf.truncate(len);
            return Ok(buf);
        }
    }
}

async fn exchange_tcp(query: &[u8], recursor: SocketAddr) -> Result<Vec<u8>, ForwardError> {
    let mut stream = TcpStream::connect(recursor).await?;
    write_framed(&mut stream, query).await?;
    loop {
        let len = usize::from(stream.read_u16().await?);
        let mut reply = vec![0u8; len];
        stream.read_exact(&mut reply).await?;
        if is_reply_to(&reply, query) {
            return Ok(reply);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::net::IpAddr;
    use std::process::Command;

    use hickory_proto::op::{Message, ResponseCode};
    use hickory_proto::rr::rdata::A;
    use hickory_proto::rr::{RData, Record, RecordType};
    use tokio::task::JoinHandle;

    use super::super::fixture::{MemSource, build_query};
    use super::*;

    /// Generous bound for every network wait; tests fail rather than hang.
    const DEADLINE: Duration = Duration::from_secs(10);

    struct Running {
        udp: SocketAddr,
        tcp: SocketAddr,
        task: JoinHandle<()>,
    }

    impl Drop for Running {
        fn drop(&mut self) {
            self.task.abort();
        }
    }

    async fn start(config: DnsConfig) -> Running {
        let udp = UdpSocket::bind("127.0.0.1:0").await.expect("bind udp");
        let tcp = TcpListener::bind("127.0.0.1:0").await.expect("bind tcp");
        let (udp_addr, tcp_addr) = (
            udp.local_addr().expect("addr"),
            tcp.local_addr().expect("addr"),
        );
        let source: Arc<dyn Source> = Arc::new(MemSource::sample());
        let task = tokio::spawn(serve(udp, tcp, source, Arc::new(config)));
        Running {
            udp: udp_addr,
            tcp: tcp_addr,
            task,
        }
    }

    async fn udp_query(server: SocketAddr, query: &Message) -> Message {
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        socket
            .send_to(&query.to_vec().expect("encode"), server)
            .await
            .expect("send");
        let mut buf = vec![0u8; UDP_BUFFER];
        let (len, _) = timeout(DEADLINE, socket.recv_from(&mut buf))
            .await
            .expect("udp reply before the deadline")
            .expect("recv");
        Message::from_vec(&buf[..len]).expect("decodable reply")
    }

    async fn tcp_exchange(stream: &mut TcpStream, query: &Message) -> Message {
        timeout(DEADLINE, async {
            write_framed(stream, &query.to_vec().expect("encode"))
                .await
                .expect("write");
            let len = usize::from(stream.read_u16().await.expect("length"));
            let mut reply = vec![0u8; len];
            stream.read_exact(&mut reply).await.expect("body");
            Message::from_vec(&reply).expect("decodable reply")
        })
        .await
        .expect("tcp reply before the deadline")
    }

    #[tokio::test]
    async fn serves_udp_and_tcp() {
        let server = start(DnsConfig::default()).await;

        let query = build_query("web.service.consul.", RecordType::A);
        let reply = udp_query(server.udp, &query).await;
        assert_eq!(reply.id, query.id);
        assert_eq!(reply.response_code, ResponseCode::NoError);
        let ips: BTreeSet<IpAddr> = reply
            .answers
            .iter()
            .filter_map(|r| r.data.ip_addr())
            .collect();
        assert_eq!(ips.len(), 3);

        // Too big for UDP: truncated there, whole over TCP.
        let big = build_query("big.service.consul.", RecordType::SRV);
        let reply = udp_query(server.udp, &big).await;
        assert!(reply.truncation);

        let mut stream = timeout(DEADLINE, TcpStream::connect(server.tcp))
            .await
            .expect("connect before the deadline")
            .expect("connect");
        let reply = tcp_exchange(&mut stream, &big).await;
        assert!(!reply.truncation);
        assert_eq!(reply.answers.len(), 100);
        // Several queries on one connection.
        let node = build_query("web-1.node.consul.", RecordType::A);
        let reply = tcp_exchange(&mut stream, &node).await;
        assert_eq!(reply.id, node.id);
        assert_eq!(
            reply.answers[0].data.ip_addr(),
            Some("10.0.0.1".parse().expect("ip"))
        );
        let missing = build_query("nobody.node.consul.", RecordType::A);
        let reply = tcp_exchange(&mut stream, &missing).await;
        assert_eq!(reply.response_code, ResponseCode::NXDomain);

        // Junk over UDP is dropped and does not stop the server.
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        socket.send_to(&[1, 2, 3], server.udp).await.expect("send");
        let reply = udp_query(server.udp, &node).await;
        assert_eq!(reply.answers.len(), 1);
    }

    #[tokio::test]
    async fn tcp_closes_on_empty_message() {
        let server = start(DnsConfig::default()).await;
        let mut stream = TcpStream::connect(server.tcp).await.expect("connect");
        stream.write_all(&[0, 0]).await.expect("write");
        let mut buf = [0u8; 1];
        let read = timeout(DEADLINE, stream.read(&mut buf))
            .await
            .expect("closed before the deadline");
        assert!(matches!(read, Ok(0) | Err(_)));
    }

    /// A recursor that answers every A query with 192.0.2.1.
    async fn fake_recursor() -> (SocketAddr, JoinHandle<()>) {
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        let addr = socket.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            let mut buf = vec![0u8; UDP_BUFFER];
            while let Ok((len, peer)) = socket.recv_from(&mut buf).await {
                let Ok(query) = Message::from_vec(&buf[..len]) else {
                    continue;
                };
                let mut reply = Message::response(query.id, query.op_code);
                reply.add_queries(query.queries.iter().cloned());
                if let Some(q) = query.queries.first() {
                    reply.add_answer(Record::from_rdata(
                        q.name().clone(),
                        60,
                        RData::A(A::new(192, 0, 2, 1)),
                    ));
                }
                let bytes = reply.to_vec().expect("encode");
                let _ = socket.send_to(&bytes, peer).await;
            }
        });
        (addr, task)
    }

    #[tokio::test]
    async fn forwards_outside_names_to_recursors() {
        let (recursor, recursor_task) = fake_recursor().await;
        // A silent first recursor: its timeout must pass on to the working one.
        let silent = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        let config = DnsConfig {
            recursors: vec![silent.local_addr().expect("addr"), recursor],
            recursor_timeout: Duration::from_millis(200),
            ..DnsConfig::default()
        };
        let server = start(config).await;
        let query = build_query("example.com.", RecordType::A);
        let reply = udp_query(server.udp, &query).await;
        assert_eq!(reply.id, query.id, "the client's id is restored");
        assert_eq!(reply.response_code, ResponseCode::NoError);
        assert_eq!(
            reply.answers[0].data.ip_addr(),
            Some("192.0.2.1".parse().expect("ip"))
        );
        let mut stream = TcpStream::connect(server.tcp).await.expect("connect");
        let reply = tcp_exchange(&mut stream, &query).await;
        assert_eq!(reply.answers.len(), 1);
        // In-domain names are still ours, with RA set.
        let reply = udp_query(
            server.udp,
            &build_query("db.service.consul.", RecordType::A),
        )
        .await;
        assert!(reply.authoritative && reply.recursion_available);
        recursor_task.abort();
    }

    #[tokio::test]
    async fn servfail_when_every_recursor_fails() {
        let silent = UdpSocket::bind("127.0.0.1:0").await.expect("bind");
        let config = DnsConfig {
            recursors: vec![silent.local_addr().expect("addr")],
            recursor_timeout: Duration::from_millis(100),
            ..DnsConfig::default()
        };
        let server = start(config).await;
        let query = build_query("example.com.", RecordType::A);
        let reply = udp_query(server.udp, &query).await;
        assert_eq!(reply.response_code, ResponseCode::ServFail);
        assert_eq!(reply.id, query.id);
    }

    #[tokio::test]
    async fn dig_reads_srv_answers() {
        let Ok(probe) = Command::new("dig").arg("-v").output() else {
            eprintln!("dig is not installed; skipping");
            return;
        };
        if !probe.status.success() {
            eprintln!("dig does not run; skipping");
            return;
        }
        let server = start(DnsConfig::default()).await;
        let port = server.udp.port().to_string();
        let output = timeout(
            DEADLINE,
            tokio::process::Command::new("dig")
                .args(["@127.0.0.1", "-p", &port])
                .args(["+time=5", "+tries=1"])
                .args(["web.service.consul", "SRV", "+short"])
                .output(),
        )
        .await
        .expect("dig finished before the deadline")
        .expect("dig ran");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let lines: BTreeSet<&str> = stdout.lines().collect();
        assert_eq!(
            lines,
            BTreeSet::from([
                "1 1 8080 web-1.node.dc1.consul.",
                "1 1 8080 0a000502.addr.dc1.consul.",
                "1 1 8081 web-3.node.dc1.consul.",
            ]),
            "dig said: {stdout}"
        );
    }
}
