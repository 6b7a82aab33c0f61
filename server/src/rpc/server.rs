//! The server RPC listener (port 8300): reads the first byte of each connection to pick the
//! protocol, then serves request/reply frames until the peer hangs up.
//!
//! Garbage is answered by closing: an unknown protocol byte, an oversized or truncated frame, or a
//! payload that does not decode is logged (naming the peer and what was wrong) and the connection
//! dropped; nothing reaches Raft or the state.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

use super::Hops;
use super::frame;
use super::message::{
    HttpReply, HttpRequest, Protocol, RaftReply, RaftRequest, RpcReply, RpcRequest,
};
use crate::raft::RaftNode;

/// How long a new connection may take to say which protocol it speaks.
const FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(10);

/// What the listener serves with.
pub struct Handler {
    pub raft: RaftNode,
    /// The agent's own HTTP API, for forwarded requests.
    pub router: axum::Router,
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
    let mut first = [0u8; 1];
    match tokio::time::timeout(FIRST_BYTE_TIMEOUT, stream.read_exact(&mut first)).await {
        Ok(Ok(_)) => {}
        Ok(Err(_)) => return Ok(()),
        Err(_) => return Err("no protocol byte within 10s".into()),
    }
    match Protocol::from_byte(first[0]) {
        Some(Protocol::Raft) => raft_loop(&mut stream, &handler.raft).await,
        Some(Protocol::Rpc) => rpc_loop(&mut stream, &handler).await,
        Some(Protocol::Tls) => {
            Err("TLS upgrade requested, but TLS is not enabled on this server".into())
        }
        None => Err(format!("unknown protocol byte 0x{:02x}", first[0])),
    }
}

async fn raft_loop(stream: &mut TcpStream, node: &RaftNode) -> Result<(), String> {
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

async fn rpc_loop(stream: &mut TcpStream, handler: &Handler) -> Result<(), String> {
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
