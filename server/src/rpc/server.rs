//! The server RPC listener (port 8300): reads the first byte of each connection to pick the
//! protocol, then serves request/reply frames until the peer hangs up.
//!
//! The TLS byte starts a handshake (with the certificate and client-certificate rules current at
//! that moment), after which a second byte picks Raft or RPC inside the encrypted stream. With
//! `verify_incoming` plaintext is refused; without it both are served, which is what lets TLS be
//! rolled onto a running cluster. Under `verify_server_hostname`, Raft traffic is taken only from
//! peers whose certificate names a server, so a client certificate cannot vote or append.
//!
//! Garbage is answered by closing: an unknown protocol byte, an oversized or truncated frame, or a
//! payload that does not decode is logged (naming the peer and what was wrong) and the connection
//! dropped; nothing reaches Raft or the state.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

use super::Hops;
use super::frame;
use super::message::{
    HttpReply, HttpRequest, Protocol, RaftReply, RaftRequest, RpcReply, RpcRequest,
};
use crate::raft::RaftNode;
use crate::tls::material::Tls;

/// How long a new connection may take to say which protocol it speaks.
const FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(10);

/// What the listener serves with.
pub struct Handler {
    pub raft: RaftNode,
    /// The agent's own HTTP API, for forwarded requests.
    pub router: axum::Router,
    /// The agent's TLS state, when TLS is configured.
    pub tls: Option<Arc<Tls>>,
}

/// Accepts connections until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    handler: Arc<Handler>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let handler = handler.clone();
                    tokio::spawn(async move {
                        if let Err(e) = connection(stream, handler).await {
                            tracing::warn!("server RPC connection from {peer}: {e}");
                        }
                    });
                }
                Err(e) => {
                    tracing::warn!("server RPC accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
    }
}

async fn connection(mut stream: TcpStream, handler: Arc<Handler>) -> Result<(), String> {
    let _ = stream.set_nodelay(true);
    let Some(first) = first_byte(&mut stream).await? else {
        return Ok(());
    };
    let material = handler.tls.as_ref().map(|t| t.current());
    let rpc_tls = material.as_ref().map(|m| &m.settings.internal_rpc);
    let verify_incoming = rpc_tls.is_some_and(|s| s.verify_incoming);
    match Protocol::from_byte(first) {
        Some(Protocol::Raft | Protocol::Rpc) if verify_incoming => {
            Err("plaintext connection refused: this server requires TLS (verify_incoming)".into())
        }
        Some(Protocol::Raft) => raft_loop(&mut stream, &handler.raft).await,
        Some(Protocol::Rpc) => rpc_loop(&mut stream, &handler).await,
        Some(Protocol::Tls) => {
            let (Some(tls), Some(config)) = (
                handler.tls.as_ref(),
                material.as_ref().and_then(|m| m.rpc_server.clone()),
            ) else {
                return Err(
                    "TLS upgrade requested, but this server has no certificate (tls.internal_rpc.cert_file)"
                        .into(),
                );
            };
            let accept = tokio_rustls::TlsAcceptor::from(config).accept(stream);
            let mut stream = tokio::time::timeout(FIRST_BYTE_TIMEOUT, accept)
                .await
                .map_err(|_| "TLS handshake did not finish within 10s".to_string())?
                .map_err(|e| format!("TLS handshake: {e}"))?;
            let Some(inner) = first_byte(&mut stream).await? else {
                return Ok(());
            };
            match Protocol::from_byte(inner) {
                Some(Protocol::Raft) => {
                    let check = rpc_tls.is_some_and(|s| s.verify_server_hostname);
                    let peer = stream
                        .get_ref()
                        .1
                        .peer_certificates()
                        .and_then(|c| c.first());
                    if check && !peer.is_some_and(|c| tls.is_server_cert(c)) {
                        return Err(format!(
                            "Raft traffic refused: the peer's certificate does not name {} (verify_server_hostname)",
                            tls.server_name
                        ));
                    }
                    raft_loop(&mut stream, &handler.raft).await
                }
                Some(Protocol::Rpc) => rpc_loop(&mut stream, &handler).await,
                Some(Protocol::Tls) | None => {
                    Err(format!("unknown protocol byte 0x{inner:02x} inside TLS"))
                }
            }
        }
        None => Err(format!("unknown protocol byte 0x{first:02x}")),
    }
}

/// The protocol byte, or `None` when the peer hung up before sending one.
async fn first_byte<S: AsyncRead + Unpin>(stream: &mut S) -> Result<Option<u8>, String> {
    let mut first = [0u8; 1];
    match tokio::time::timeout(FIRST_BYTE_TIMEOUT, stream.read_exact(&mut first)).await {
        Ok(Ok(_)) => Ok(Some(first[0])),
        Ok(Err(_)) => Ok(None),
        Err(_) => Err("no protocol byte within 10s".into()),
    }
}

async fn raft_loop<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    node: &RaftNode,
) -> Result<(), String> {
    while let Some(frame) = frame::read(stream).await.map_err(|e| e.to_string())? {
        let req: RaftRequest = postcard::from_bytes(&frame)
            .map_err(|e| format!("malformed Raft frame ({} bytes): {e}", frame.len()))?;
        let reply: RaftReply = node.handle_raft(req).await;
        let out =
            postcard::to_allocvec(&reply).map_err(|e| format!("encoding a Raft reply: {e}"))?;
        frame::write(stream, &out)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn rpc_loop<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    handler: &Handler,
) -> Result<(), String> {
    while let Some(frame) = frame::read(stream).await.map_err(|e| e.to_string())? {
        let (reply, bad) = match postcard::from_bytes::<RpcRequest>(&frame) {
            Ok(req) => (handle(handler, req).await, None),
            Err(e) => {
                let msg = format!("malformed RPC frame ({} bytes): {e}", frame.len());
                (RpcReply::Error(msg.clone()), Some(msg))
            }
        };
        let out =
            postcard::to_allocvec(&reply).map_err(|e| format!("encoding an RPC reply: {e}"))?;
        frame::write(stream, &out)
            .await
            .map_err(|e| e.to_string())?;
        if let Some(msg) = bad {
            return Err(msg);
        }
    }
    Ok(())
}

async fn handle(handler: &Handler, req: RpcRequest) -> RpcReply {
    match req {
        RpcRequest::Http(r) => RpcReply::Http(run_http(&handler.router, r).await),
        RpcRequest::RaftState => RpcReply::RaftState {
            has_state: handler.raft.has_state(),
        },
        RpcRequest::StartElection => match handler.raft.start_election().await {
            Ok(()) => RpcReply::Done,
            Err(e) => RpcReply::Error(e.to_string()),
        },
        RpcRequest::RemovePeer { id } => match handler.raft.remove_server(id).await {
            Ok(()) => RpcReply::Done,
            Err(e) => RpcReply::Error(e.to_string()),
        },
    }
}

/// Runs a forwarded request through this agent's router, as if it had arrived over HTTP.
async fn run_http(router: &axum::Router, r: HttpRequest) -> HttpReply {
    let fail = |status: u16, msg: String| HttpReply {
        status,
        headers: vec![("content-type".into(), b"text/plain; charset=utf-8".to_vec())],
        body: msg.into_bytes(),
    };
    let mut b = axum::http::Request::builder()
        .method(r.method.as_str())
        .uri(&r.uri);
    for (k, v) in &r.headers {
        b = b.header(k.as_str(), v.as_slice());
    }
    let mut request = match b.body(axum::body::Body::from(r.body)) {
        Ok(req) => req,
        Err(e) => {
            return fail(
                400,
                format!("forwarded request {} {}: {e}", r.method, r.uri),
            );
        }
    };
    request.extensions_mut().insert(Hops(r.hops));
    let Ok(response) = router.clone().oneshot(request).await;
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, frame::MAX_FRAME - 64 * 1024).await {
        Ok(b) => b.to_vec(),
        Err(e) => return fail(500, format!("reading the response to {}: {e}", r.uri)),
    };
    HttpReply {
        status: parts.status.as_u16(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec()))
            .collect(),
        body,
    }
}
