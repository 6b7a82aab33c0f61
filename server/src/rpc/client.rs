//! The RPC client: pooled connections per server and protocol, with connect and call timeouts.
//!
//! A connection carries one request at a time; concurrent calls to the same server use separate
//! connections, and finished ones go back to a small idle pool. A pooled connection found closed
//! (its server restarted) is dropped before use; a request already sent is never resent.
//!
//! With `verify_outgoing` (read from the agent's TLS state at each dial, so a reload applies to
//! new connections) a connection starts with the TLS byte, completes a handshake that checks the
//! server's certificate against the CA, and then names its protocol inside TLS.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

use super::frame;
use super::message::{Protocol, RaftReply, RaftRequest, RpcReply, RpcRequest};
use crate::tls::material::Tls;

/// A connection to a server, plaintext or TLS.
pub enum Conn {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(t) => t.get_ref().0,
        }
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_flush(cx),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(t) => Pin::new(t.as_mut()).poll_shutdown(cx),
        }
    }
}

/// Idle connections kept per server and protocol.
const MAX_IDLE: usize = 8;

/// Why a call failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RpcError {
    #[error("connecting to server {addr}: {reason}")]
    Connect { addr: SocketAddr, reason: String },
    #[error("RPC to server {addr}: {reason}")]
    Io { addr: SocketAddr, reason: String },
    #[error("server {addr} did not answer within {timeout:?}")]
    Timeout { addr: SocketAddr, timeout: Duration },
    #[error("server {addr} sent an undecodable reply: {reason}")]
    Decode { addr: SocketAddr, reason: String },
}

impl RpcError {
    /// Whether the request certainly never reached the server (safe to send elsewhere).
    pub fn not_sent(&self) -> bool {
        matches!(self, RpcError::Connect { .. })
    }
}

/// Idle connections by server, protocol and whether they are TLS (so connections made before a
/// reload turned TLS on or off are not reused for the other kind).
type IdleMap = HashMap<(SocketAddr, u8, bool), Vec<Conn>>;

/// A shareable client; clones share the pool.
#[derive(Clone)]
pub struct RpcClient {
    idle: Arc<Mutex<IdleMap>>,
    connect_timeout: Duration,
    tls: Option<Arc<Tls>>,
}

impl Default for RpcClient {
    fn default() -> Self {
        RpcClient::new(Duration::from_secs(5))
    }
}

impl RpcClient {
    pub fn new(connect_timeout: Duration) -> Self {
        RpcClient {
            idle: Arc::new(Mutex::new(HashMap::new())),
            connect_timeout,
            tls: None,
        }
    }

    /// Dials over TLS whenever the agent's TLS state says `verify_outgoing`.
    pub fn with_tls(mut self, tls: Option<Arc<Tls>>) -> Self {
        self.tls = tls;
        self
    }

    /// The client configuration to dial with now, if TLS is on.
    fn outgoing(&self) -> Option<(Arc<rustls::ClientConfig>, String)> {
        let tls = self.tls.as_ref()?;
        let config = tls.current().rpc_client.clone()?;
        Some((config, tls.server_name.clone()))
    }

    /// A Raft RPC.
    pub async fn raft(
        &self,
        addr: SocketAddr,
        req: &RaftRequest,
        timeout: Duration,
    ) -> Result<RaftReply, RpcError> {
        self.typed(addr, Protocol::Raft, req, timeout).await
    }

    /// A cluster RPC.
    pub async fn rpc(
        &self,
        addr: SocketAddr,
        req: &RpcRequest,
        timeout: Duration,
    ) -> Result<RpcReply, RpcError> {
        self.typed(addr, Protocol::Rpc, req, timeout).await
    }

    async fn typed<Q: Serialize, A: DeserializeOwned>(
        &self,
        addr: SocketAddr,
        proto: Protocol,
        req: &Q,
        timeout: Duration,
    ) -> Result<A, RpcError> {
        let payload = postcard::to_allocvec(req).map_err(|e| RpcError::Io {
            addr,
            reason: format!("encoding the request: {e}"),
        })?;
        let reply = self.call(addr, proto, &payload, timeout).await?;
        postcard::from_bytes(&reply).map_err(|e| RpcError::Decode {
            addr,
            reason: e.to_string(),
        })
    }

    /// Sends one frame and waits for the reply frame.
    ///
    /// A pooled connection the server has already closed (it restarted) is noticed before
    /// anything is written to it and replaced by a fresh one. Once a request has been written,
    /// any failure is reported as is and never retried here: the server may have acted on it,
    /// and running a write twice is worse than reporting an unknown outcome.
    pub async fn call(
        &self,
        addr: SocketAddr,
        proto: Protocol,
        payload: &[u8],
        timeout: Duration,
    ) -> Result<Vec<u8>, RpcError> {
        let outgoing = self.outgoing();
        let secure = outgoing.is_some();
        let mut conn = loop {
            match self.take_idle(addr, proto, secure) {
                Some(c) if is_open(&c) => break c,
                Some(_) => continue,
                None => {
                    let dial = self.connect(addr, proto, outgoing.clone());
                    break tokio::time::timeout(self.connect_timeout, dial)
                        .await
                        .map_err(|_| RpcError::Connect {
                            addr,
                            reason: format!("timed out after {:?}", self.connect_timeout),
                        })??;
                }
            }
        };
        match tokio::time::timeout(timeout, exchange(&mut conn, payload)).await {
            Ok(Ok(reply)) => {
                self.put_idle(addr, proto, secure, conn);
                Ok(reply)
            }
            Ok(Err(e)) => Err(RpcError::Io {
                addr,
                reason: e.to_string(),
            }),
            Err(_) => Err(RpcError::Timeout { addr, timeout }),
        }
    }

    async fn connect(
        &self,
        addr: SocketAddr,
        proto: Protocol,
        tls: Option<(Arc<rustls::ClientConfig>, String)>,
    ) -> Result<Conn, RpcError> {
        let err = |e: std::io::Error| RpcError::Connect {
            addr,
            reason: e.to_string(),
        };
        let mut s = TcpStream::connect(addr).await.map_err(err)?;
        s.set_nodelay(true).map_err(err)?;
        let Some((config, name)) = tls else {
            s.write_all(&[proto as u8]).await.map_err(err)?;
            return Ok(Conn::Plain(s));
        };
        s.write_all(&[Protocol::Tls as u8]).await.map_err(err)?;
        let server_name = rustls::pki_types::ServerName::try_from(name.clone()).map_err(|e| {
            RpcError::Connect {
                addr,
                reason: format!("invalid TLS server name {name:?}: {e}"),
            }
        })?;
        let mut t = tokio_rustls::TlsConnector::from(config)
            .connect(server_name, s)
            .await
            .map_err(|e| RpcError::Connect {
                addr,
                reason: format!("TLS handshake: {e}"),
            })?;
        t.write_all(&[proto as u8]).await.map_err(err)?;
        t.flush().await.map_err(err)?;
        Ok(Conn::Tls(Box::new(t)))
    }

    fn take_idle(&self, addr: SocketAddr, proto: Protocol, secure: bool) -> Option<Conn> {
        self.idle
            .lock()
            .ok()?
            .get_mut(&(addr, proto as u8, secure))
            .and_then(Vec::pop)
    }

    fn put_idle(&self, addr: SocketAddr, proto: Protocol, secure: bool, conn: Conn) {
        if let Ok(mut idle) = self.idle.lock() {
            let list = idle.entry((addr, proto as u8, secure)).or_default();
            if list.len() < MAX_IDLE {
                list.push(conn);
            }
        }
    }

    /// Drops every pooled connection to `addr` (its server is gone or replaced).
    pub fn forget(&self, addr: SocketAddr) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.retain(|(a, _, _), _| *a != addr);
        }
    }
}

/// Whether an idle connection is still usable: the server has not closed it and sent nothing
/// unasked (a read would block).
fn is_open(conn: &Conn) -> bool {
    let mut probe = [0u8; 1];
    matches!(conn.tcp().try_read(&mut probe), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

async fn exchange(conn: &mut Conn, payload: &[u8]) -> std::io::Result<Vec<u8>> {
    frame::write(conn, payload).await?;
    frame::read(conn).await?.ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        )
    })
}
