//! TLS: the built-in CA and certificate creation (`generate`, behind `ctl tls ca create` and
//! `ctl tls cert create`), certificate inspection, and the rustls configurations the agent's
//! listeners and clients use.

pub mod generate;
pub mod listener;
pub mod material;
pub mod settings;
