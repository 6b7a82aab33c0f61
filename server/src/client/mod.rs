//! Typed client for the `/v1` API, used by the console and the dashboard. One `Client` holds one
//! connection pool; every method maps a Consul endpoint to typed results and typed errors.

pub mod tls;

use std::time::Duration;

pub use reqwest::Method;
use reqwest::StatusCode;

use crate::api::agent::{AgentSelf, Member};
use crate::api::event::UserEvent;
use crate::api::kv::KvPair;
use crate::api::operator::{KeyringRequest, KeyringResponse, RaftConfiguration};
use crate::api::txn::{TxnRequestOp, TxnResponse};

/// How long an ordinary request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Snapshots carry the whole state.
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(600);

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("invalid agent address {addr:?}: {reason}")]
    Address { addr: String, reason: String },
    /// The agent could not be reached at all.
    #[error("error connecting to agent at {url}: {reason}")]
    Connect { url: String, reason: String },
    /// The agent answered with an error status; `body` is its one-line message.
    #[error("Unexpected response code: {status} ({body})")]
    Status { status: u16, body: String },
    #[error("invalid response from agent: {0}")]
    Decode(String),
}

/// Read consistency, as Consul's `?stale` / `?consistent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Consistency {
    #[default]
    Default,
    Consistent,
    Stale,
}

/// Connection settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// `http://host:port`; a bare `host:port` is taken as http.
    pub addr: String,
    pub token: Option<String>,
    pub datacenter: Option<String>,
    pub consistency: Consistency,
    /// Concurrent connections kept per host (the benchmark raises it).
    pub pool: usize,
    /// TLS settings for `https://` agents.
    pub tls: tls::TlsOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: "http://127.0.0.1:8500".into(),
            token: None,
            datacenter: None,
            consistency: Consistency::Default,
            pool: 16,
            tls: tls::TlsOptions::default(),
        }
    }
}

/// A client for one agent.
#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    opts: Options,
}

/// The innermost cause of an error, which is what an operator needs ("Connection refused").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Percent-encodes a key for a URL path, keeping `/` as Consul clients do.
fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Client {
    pub fn new(opts: Options) -> Result<Client, ClientError> {
        crate::install_crypto_provider();
        let addr = opts.addr.trim().trim_end_matches('/');
        let base = if addr.contains("://") {
            addr.to_string()
        } else {
            format!("http://{addr}")
        };
        let url = reqwest::Url::parse(&base).map_err(|e| ClientError::Address {
            addr: opts.addr.clone(),
            reason: e.to_string(),
        })?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(ClientError::Address {
                addr: opts.addr.clone(),
                reason: format!("unsupported scheme {:?}", url.scheme()),
            });
        }
        // A plain-HTTP agent needs no trust anchors. Without a configuration of its own, reqwest
        // loads the system's whole certificate store (~150 files) for every command, half of a
        // quick `ctl members`'s run time.
        let config = if url.scheme() == "https" || opts.tls.any() {
            tls::config(&opts.tls)
        } else {
            tls::plaintext_only()
        }
        .map_err(|reason| ClientError::Address {
            addr: opts.addr.clone(),
            reason,
        })?;
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(opts.pool)
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true)
            .tls_backend_preconfigured(config)
            .build()
            .map_err(|e| ClientError::Address {
                addr: opts.addr.clone(),
                reason: root_cause(&e),
            })?;
        Ok(Client { base, http, opts })
    }

    /// The agent's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        read: bool,
    ) -> reqwest::RequestBuilder {
        let mut q: Vec<(&str, String)> = query.to_vec();
        if let Some(dc) = &self.opts.datacenter {
            q.push(("dc", dc.clone()));
        }
        if read {
            match self.opts.consistency {
                Consistency::Default => {}
                Consistency::Consistent => q.push(("consistent", String::new())),
                Consistency::Stale => q.push(("stale", String::new())),
            }
        }
        let mut url = format!("{}{path}", self.base);
        if !q.is_empty() {
            let pairs: Vec<String> = q
                .iter()
                .map(|(k, v)| {
                    if v.is_empty() {
                        k.to_string()
                    } else {
                        format!("{k}={}", encode_key(v).replace('/', "%2F"))
                    }
                })
                .collect();
            url.push('?');
            url.push_str(&pairs.join("&"));
        }
        // No request may hang forever on a stuck connection; blocking queries and snapshots,
        // which legitimately take long, set their own longer limits.
        let mut rb = self.http.request(method, url).timeout(REQUEST_TIMEOUT);
        if let Some(t) = &self.opts.token {
            rb = rb.header("X-Consul-Token", t);
        }
        rb
    }

    async fn send(&self, rb: reqwest::RequestBuilder) -> Result<reqwest::Response, ClientError> {
        rb.send().await.map_err(|e| ClientError::Connect {
            url: self.base.clone(),
            reason: tls::explain(
                &root_cause(&e),
                self.base.starts_with("https://") && self.opts.tls.client_cert.is_none(),
            ),
        })
    }

    async fn error_of(resp: reqwest::Response) -> ClientError {
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap_or_default().trim().to_string();
        ClientError::Status { status, body }
    }

    async fn json<T: serde::de::DeserializeOwned>(
        resp: reqwest::Response,
    ) -> Result<T, ClientError> {
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ClientError::Decode(root_cause(&e)))?;
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Decode(e.to_string()))
    }

    /// `GET path?query` decoded from JSON: a read, so `--stale`/`--consistent` apply.
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ClientError> {
        let rb = self.request(Method::GET, path, query, true);
        Self::json(self.checked(rb).await?).await
    }

    /// One round of a blocking query: `GET path?query&index=N&wait=W`. Returns the response's
    /// `X-Consul-Index` and its JSON body (`null` for a 404, such as a key that does not exist).
    pub async fn get_blocking(
        &self,
        path: &str,
        query: &[(&str, String)],
        index: u64,
        wait: Duration,
    ) -> Result<(u64, serde_json::Value), ClientError> {
        let mut q = query.to_vec();
        if index > 0 {
            q.push(("index", index.to_string()));
            q.push(("wait", format!("{}s", wait.as_secs().max(1))));
        }
        let rb = self
            .request(Method::GET, path, &q, true)
            .timeout(wait + Duration::from_secs(30));
        let resp = self.send(rb).await?;
        let at = resp
            .headers()
            .get("X-Consul-Index")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        match resp.status() {
            StatusCode::NOT_FOUND => Ok((at, serde_json::Value::Null)),
            s if s.is_success() => Ok((at, Self::json(resp).await?)),
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// `PUT path` with a JSON body; the response body is not needed.
    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> Result<(), ClientError> {
        self.checked(self.request(Method::PUT, path, &[], false).json(body))
            .await?;
        Ok(())
    }

    /// Any request with an optional JSON body, decoding the JSON answer.
    pub async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, ClientError> {
        let mut rb = self.request(method, path, &[], false);
        if let Some(b) = body {
            rb = rb.json(b);
        }
        Self::json(self.checked(rb).await?).await
    }

    /// `PUT /v1/session/create`: the new session's ID.
    pub async fn session_create(&self, body: &serde_json::Value) -> Result<String, ClientError> {
        let rb = self
            .request(Method::PUT, "/v1/session/create", &[], false)
            .json(body);
        let v: serde_json::Value = Self::json(self.checked(rb).await?).await?;
        v.get("ID")
            .and_then(|id| id.as_str())
            .map(str::to_string)
            .ok_or_else(|| ClientError::Decode(format!("session create answered {v}")))
    }

    /// `session_create`, waiting up to `within` while the agent has not yet registered its own
    /// node in the catalog (it does so shortly after it starts; a session needs that node), so a
    /// command run right after an agent's start does not fail on it.
    pub async fn session_create_when_registered(
        &self,
        body: &serde_json::Value,
        within: std::time::Duration,
    ) -> Result<String, ClientError> {
        let deadline = std::time::Instant::now() + within;
        loop {
            match self.session_create(body).await {
                Err(e)
                    if e.to_string().contains("Missing node registration")
                        && std::time::Instant::now() < deadline =>
                {
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                }
                other => return other,
            }
        }
    }

    /// `PUT /v1/session/renew/<id>`: `Ok(false)` when the session no longer exists.
    pub async fn session_renew(&self, id: &str) -> Result<bool, ClientError> {
        let rb = self.request(Method::PUT, &format!("/v1/session/renew/{id}"), &[], false);
        let resp = self.send(rb).await?;
        match resp.status() {
            StatusCode::NOT_FOUND => Ok(false),
            s if s.is_success() => Ok(true),
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// `PUT /v1/session/destroy/<id>`.
    pub async fn session_destroy(&self, id: &str) -> Result<(), ClientError> {
        let rb = self.request(
            Method::PUT,
            &format!("/v1/session/destroy/{id}"),
            &[],
            false,
        );
        self.checked(rb).await?;
        Ok(())
    }

    /// `GET /v1/kv/<key>`: the entry, or `None` when absent.
    pub async fn kv_get(&self, key: &str) -> Result<Option<KvPair>, ClientError> {
        let resp = self
            .send(self.request(
                Method::GET,
                &format!("/v1/kv/{}", encode_key(key)),
                &[],
                true,
            ))
            .await?;
        match resp.status() {
            StatusCode::NOT_FOUND => Ok(None),
            s if s.is_success() => Ok(Self::json::<Vec<KvPair>>(resp).await?.into_iter().next()),
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// `GET /v1/kv/<prefix>?recurse`: every entry under the prefix (empty when none).
    pub async fn kv_list(&self, prefix: &str) -> Result<Vec<KvPair>, ClientError> {
        let rb = self.request(
            Method::GET,
            &format!("/v1/kv/{}", encode_key(prefix)),
            &[("recurse", String::new())],
            true,
        );
        let resp = self.send(rb).await?;
        match resp.status() {
            StatusCode::NOT_FOUND => Ok(Vec::new()),
            s if s.is_success() => Self::json(resp).await,
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// `GET /v1/kv/<prefix>?keys[&separator=]`.
    pub async fn kv_keys(
        &self,
        prefix: &str,
        separator: Option<&str>,
    ) -> Result<Vec<String>, ClientError> {
        let mut q = vec![("keys", String::new())];
        if let Some(s) = separator {
            q.push(("separator", s.to_string()));
        }
        let resp = self
            .send(self.request(
                Method::GET,
                &format!("/v1/kv/{}", encode_key(prefix)),
                &q,
                true,
            ))
            .await?;
        match resp.status() {
            StatusCode::NOT_FOUND => Ok(Vec::new()),
            s if s.is_success() => Self::json(resp).await,
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// `PUT /v1/kv/<key>?acquire=<session>` (`acquire`) or `?release=<session>`: whether the
    /// lock was taken or given up.
    pub async fn kv_lock(
        &self,
        key: &str,
        value: Vec<u8>,
        flags: u64,
        acquire: bool,
        session: &str,
    ) -> Result<bool, ClientError> {
        let mut q = vec![(
            if acquire { "acquire" } else { "release" },
            session.to_string(),
        )];
        if flags != 0 {
            q.push(("flags", flags.to_string()));
        }
        let rb = self
            .request(
                Method::PUT,
                &format!("/v1/kv/{}", encode_key(key)),
                &q,
                false,
            )
            .body(value);
        Self::json(self.checked(rb).await?).await
    }

    /// `PUT /v1/kv/<key>`: `Ok(false)` when a CAS condition failed.
    pub async fn kv_put(
        &self,
        key: &str,
        value: Vec<u8>,
        flags: u64,
        cas: Option<u64>,
    ) -> Result<bool, ClientError> {
        let mut q = Vec::new();
        if flags != 0 {
            q.push(("flags", flags.to_string()));
        }
        if let Some(c) = cas {
            q.push(("cas", c.to_string()));
        }
        let rb = self
            .request(
                Method::PUT,
                &format!("/v1/kv/{}", encode_key(key)),
                &q,
                false,
            )
            .body(value);
        let resp = self.send(rb).await?;
        if !resp.status().is_success() {
            return Err(Self::error_of(resp).await);
        }
        Self::json(resp).await
    }

    /// `DELETE /v1/kv/<key>[?recurse][?cas=N]`.
    pub async fn kv_delete(
        &self,
        key: &str,
        recurse: bool,
        cas: Option<u64>,
    ) -> Result<bool, ClientError> {
        let mut q = Vec::new();
        if recurse {
            q.push(("recurse", String::new()));
        }
        if let Some(c) = cas {
            q.push(("cas", c.to_string()));
        }
        let resp = self
            .send(self.request(
                Method::DELETE,
                &format!("/v1/kv/{}", encode_key(key)),
                &q,
                false,
            ))
            .await?;
        if !resp.status().is_success() {
            return Err(Self::error_of(resp).await);
        }
        Self::json(resp).await
    }

    /// `PUT /v1/txn`: the response and whether it was applied (200) or rolled back (409).
    pub async fn txn(&self, ops: &[TxnRequestOp]) -> Result<(bool, TxnResponse), ClientError> {
        let resp = self
            .send(self.request(Method::PUT, "/v1/txn", &[], false).json(ops))
            .await?;
        match resp.status() {
            StatusCode::OK => Ok((true, Self::json(resp).await?)),
            StatusCode::CONFLICT => Ok((false, Self::json(resp).await?)),
            _ => Err(Self::error_of(resp).await),
        }
    }

    /// Sends a request and fails on any non-2xx status with the agent's message.
    async fn checked(&self, rb: reqwest::RequestBuilder) -> Result<reqwest::Response, ClientError> {
        let resp = self.send(rb).await?;
        if !resp.status().is_success() {
            return Err(Self::error_of(resp).await);
        }
        Ok(resp)
    }

    /// `GET /v1/agent/members`.
    pub async fn agent_members(&self) -> Result<Vec<Member>, ClientError> {
        Self::json(
            self.checked(self.request(Method::GET, "/v1/agent/members", &[], false))
                .await?,
        )
        .await
    }

    /// `PUT /v1/agent/join/<addr>`.
    pub async fn agent_join(&self, addr: &str) -> Result<(), ClientError> {
        self.checked(self.request(
            Method::PUT,
            &format!("/v1/agent/join/{}", encode_key(addr)),
            &[],
            false,
        ))
        .await?;
        Ok(())
    }

    /// `PUT /v1/agent/leave`: returns once the agent has left gracefully.
    pub async fn agent_leave(&self) -> Result<(), ClientError> {
        self.checked(self.request(Method::PUT, "/v1/agent/leave", &[], false))
            .await?;
        Ok(())
    }

    /// `PUT /v1/agent/force-leave/<node>[?prune]`.
    pub async fn agent_force_leave(&self, node: &str, prune: bool) -> Result<(), ClientError> {
        let q = if prune {
            vec![("prune", String::new())]
        } else {
            Vec::new()
        };
        self.checked(self.request(
            Method::PUT,
            &format!("/v1/agent/force-leave/{}", encode_key(node)),
            &q,
            false,
        ))
        .await?;
        Ok(())
    }

    /// `PUT /v1/event/fire/<name>`.
    pub async fn event_fire(
        &self,
        name: &str,
        payload: Vec<u8>,
        filters: &[(&str, String)],
    ) -> Result<UserEvent, ClientError> {
        let q: Vec<(&str, String)> = filters
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .cloned()
            .collect();
        let rb = self
            .request(
                Method::PUT,
                &format!("/v1/event/fire/{}", encode_key(name)),
                &q,
                false,
            )
            .body(payload);
        Self::json(self.checked(rb).await?).await
    }

    /// `GET /v1/operator/keyring`.
    pub async fn keyring_list(&self) -> Result<Vec<KeyringResponse>, ClientError> {
        Self::json(
            self.checked(self.request(Method::GET, "/v1/operator/keyring", &[], false))
                .await?,
        )
        .await
    }

    /// `POST` (install), `PUT` (use) or `DELETE` (remove) `/v1/operator/keyring`.
    pub async fn keyring_change(&self, method: Method, key: &str) -> Result<(), ClientError> {
        let body = KeyringRequest {
            key: key.to_string(),
        };
        self.checked(
            self.request(method, "/v1/operator/keyring", &[], false)
                .json(&body),
        )
        .await?;
        Ok(())
    }

    /// `GET path?query` whose body streams for as long as the caller reads it
    /// (`/v1/agent/monitor`): no overall time limit.
    pub async fn get_stream(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<reqwest::Response, ClientError> {
        let forever = Duration::from_secs(10 * 365 * 86_400);
        let rb = self
            .request(Method::GET, path, query, false)
            .timeout(forever);
        self.checked(rb).await
    }

    /// `GET /v1/operator/runtime` (no change) or `PUT` with a change: every member's runtime
    /// settings in effect, after applying the change.
    pub async fn runtime_cluster(
        &self,
        change: Option<&crate::api::runtime::Change>,
    ) -> Result<crate::api::runtime::ClusterReport, ClientError> {
        let rb = match change {
            Some(c) => self
                .request(Method::PUT, "/v1/operator/runtime", &[], false)
                .json(c),
            None => self.request(Method::GET, "/v1/operator/runtime", &[], false),
        };
        Self::json(self.checked(rb).await?).await
    }

    /// `GET /v1/agent/runtime`: this agent's runtime settings.
    pub async fn runtime_agent(&self) -> Result<crate::api::runtime::Report, ClientError> {
        let rb = self.request(Method::GET, "/v1/agent/runtime", &[], false);
        Self::json(self.checked(rb).await?).await
    }

    /// `GET /v1/agent/self`.
    pub async fn agent_self(&self) -> Result<AgentSelf, ClientError> {
        let resp = self
            .send(self.request(Method::GET, "/v1/agent/self", &[], false))
            .await?;
        if !resp.status().is_success() {
            return Err(Self::error_of(resp).await);
        }
        Self::json(resp).await
    }

    /// `GET /v1/snapshot`: the snapshot file's bytes.
    pub async fn snapshot_save(&self) -> Result<Vec<u8>, ClientError> {
        let resp = self
            .checked(
                self.request(Method::GET, "/v1/snapshot", &[], true)
                    .timeout(SNAPSHOT_TIMEOUT),
            )
            .await?;
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ClientError::Decode(root_cause(&e)))?;
        Ok(bytes.to_vec())
    }

    /// `PUT /v1/snapshot` with a snapshot file.
    pub async fn snapshot_restore(&self, data: Vec<u8>) -> Result<(), ClientError> {
        self.checked(
            self.request(Method::PUT, "/v1/snapshot", &[], false)
                .timeout(SNAPSHOT_TIMEOUT)
                .body(data),
        )
        .await?;
        Ok(())
    }

    /// `GET /v1/operator/raft/configuration` (`--stale` lets a follower answer).
    pub async fn raft_configuration(&self) -> Result<RaftConfiguration, ClientError> {
        let rb = self.request(Method::GET, "/v1/operator/raft/configuration", &[], true);
        Self::json(self.checked(rb).await?).await
    }

    /// `DELETE /v1/operator/raft/peer?id=…|address=…`.
    pub async fn raft_remove_peer(&self, by: &str, value: &str) -> Result<(), ClientError> {
        let q = [(by, value.to_string())];
        self.checked(self.request(Method::DELETE, "/v1/operator/raft/peer", &q, false))
            .await?;
        Ok(())
    }

    /// `POST /v1/operator/raft/transfer-leader[?id=…]`.
    pub async fn raft_transfer_leader(&self, id: Option<&str>) -> Result<(), ClientError> {
        let q: Vec<(&str, String)> = id.map(|i| ("id", i.to_string())).into_iter().collect();
        self.checked(self.request(Method::POST, "/v1/operator/raft/transfer-leader", &q, false))
            .await?;
        Ok(())
    }

    /// `GET /v1/status/leader`: the leader's address, empty when none is known.
    pub async fn status_leader(&self) -> Result<String, ClientError> {
        let resp = self
            .send(self.request(Method::GET, "/v1/status/leader", &[], false))
            .await?;
        if !resp.status().is_success() {
            return Err(Self::error_of(resp).await);
        }
        Self::json(resp).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys keep their slashes and escape everything a path cannot carry.
    #[test]
    fn keys_are_path_encoded() {
        assert_eq!(encode_key("app/cfg"), "app/cfg");
        assert_eq!(encode_key("a b?c#d%"), "a%20b%3Fc%23d%25");
        assert_eq!(encode_key("ü"), "%C3%BC");
    }

    /// A bare host:port becomes http, and other schemes are refused.
    #[test]
    fn addresses() {
        let c = Client::new(Options {
            addr: "127.0.0.1:8500".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.base(), "http://127.0.0.1:8500");
        assert!(
            Client::new(Options {
                addr: "ftp://x".into(),
                ..Default::default()
            })
            .is_err()
        );
    }
}
