//! Server RPC on port 8300: one TCP port whose first byte picks the protocol (Raft traffic or
//! forwarded requests; TLS upgrade later), length-delimited size-bounded frames, a pooled client,
//! and the listener. Followers and client agents use it to pass requests to the leader.

pub mod client;
pub mod frame;
pub mod message;
pub mod server;

pub use client::{RpcClient, RpcError};

/// How many servers a forwarded request has already passed through (a request extension the
/// RPC listener sets; absent on requests that arrived over HTTP).
#[derive(Debug, Clone, Copy)]
pub struct Hops(pub u8);
