//! The JSON wire types of Consul's `/v1` HTTP API, shared by the HTTP server and the typed client
//! so both sides agree by construction. Field names and order follow Consul's responses.

pub mod agent;
pub mod event;
pub mod kv;
pub mod operator;
pub mod runtime;
pub mod txn;

/// Base64 (standard alphabet, padded), as Consul encodes KV values.
pub mod b64 {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    pub fn encode(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    pub fn decode(s: &str) -> Result<Vec<u8>, base64::DecodeError> {
        STANDARD.decode(s)
    }
}
