//! Gossip membership: SWIM with Lifeguard, speaking HashiCorp memberlist's wire format with serf's
//! messages on top, so a HashiCorp serf agent can share the pool.
//!
//! `msgpack` and `message` are the wire; `codec` frames packets; `keyring` encrypts them; `swim`
//! is the sans-IO failure detector (with `awareness`, `suspicion`, `broadcast`); `serf` is the
//! membership layer above it; `pool` runs both on real UDP and TCP sockets, with `refusal` reading
//! the "port unreachable" answers that reveal a dead agent on a live host.

pub mod address;
pub mod awareness;
pub mod broadcast;
pub mod codec;
pub mod keyring;
pub mod message;
pub mod msgpack;
pub mod pool;
pub mod refusal;
pub mod serf;
#[cfg(test)]
pub mod sim;
pub mod suspicion;
pub mod swim;
