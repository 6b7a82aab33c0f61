//! Query-string parameters, parsed by hand so every bad value gets a 400 naming the parameter
//! (Consul ignores parameters it does not know, and so do we: client libraries send extras).

use std::time::Duration;

use super::error::ApiError;
use crate::duration;
use crate::raft::node::Consistency;

/// Longest query string accepted.
const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Blocking-query defaults and cap (Consul's).
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);
pub const MAX_WAIT: Duration = Duration::from_secs(600);

/// The decoded pairs of one request's query string.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<&str>) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(ApiError::BadRequest(format!(
                "query string is {} bytes, over the {MAX_QUERY_BYTES}-byte limit",
                raw.len()
            )));
        }
        let params = Params(
            form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        );
        // The blocking parameters mean the same on every endpoint; a malformed one is refused even
        // where it would be ignored, so a client bug shows instead of silently not blocking.
        params.blocking()?;
        Ok(params)
    }

    /// Whether the flag is present (Consul tests presence, so `?recurse=false` still recurses).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable parameter, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// `?node-meta=key:value` pairs (repeatable), refusing a pair without a colon.
    pub fn node_meta(&self) -> Result<Vec<(String, String)>, ApiError> {
        self.all("node-meta")
            .into_iter()
            .map(|kv| match kv.split_once(':') {
                Some((k, v)) => Ok((k.to_string(), v.to_string())),
                None => Err(ApiError::BadRequest(format!(
                    "invalid value for query parameter \"node-meta\": {kv:?} (expected key:value)"
                ))),
            })
            .collect()
    }

    /// A non-negative integer parameter.
    pub fn u64(&self, name: &str) -> Result<Option<u64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.parse::<u64>().map(Some).map_err(|_| {
                ApiError::BadRequest(format!(
                    "invalid value for query parameter {name:?}: {v:?} (expected a non-negative integer)"
                ))
            }),
        }
    }

    /// A Go-style duration parameter.
    pub fn duration(&self, name: &str) -> Result<Option<Duration>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => duration::parse(v).map(Some).map_err(|e| {
                ApiError::BadRequest(format!(
                    "invalid value for query parameter {name:?}: {v:?} ({})",
                    e.reason
                ))
            }),
        }
    }

    /// `?stale` / `?consistent`, refusing both at once as Consul does.
    pub fn consistency(&self) -> Result<Consistency, ApiError> {
        match (self.has("stale"), self.has("consistent")) {
            (true, true) => Err(ApiError::BadRequest(
                "Cannot specify ?stale with ?consistent, conflicting semantics.".into(),
            )),
            (true, false) => Ok(Consistency::Stale),
            (false, true) => Ok(Consistency::Consistent),
            (false, false) => Ok(Consistency::Default),
        }
    }

    /// `?index` and `?wait` of a blocking query; `None` when the request does not block.
    pub fn blocking(&self) -> Result<Option<(u64, Duration)>, ApiError> {
        let index = self.u64("index")?;
        let wait = self.duration("wait")?.unwrap_or(DEFAULT_WAIT).min(MAX_WAIT);
        Ok(index.filter(|i| *i > 0).map(|i| (i, wait)))
    }

    /// Refuses a `?dc=` other than ours.
    pub fn check_datacenter(&self, ours: &str) -> Result<(), ApiError> {
        match self.get("dc") {
            Some(dc) if !dc.is_empty() && dc != ours => Err(ApiError::NoPathToDatacenter),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values decode, flags are presence-based, and bad numbers or durations name the parameter.
    #[test]
    fn parses_and_refuses() {
        assert!(
            Params::parse(Some("index=abc"))
                .unwrap_err()
                .to_string()
                .contains("index")
        );
        let p = Params::parse(Some("recurse&separator=%2F&index=5&wait=10s&flags=x")).unwrap();
        assert!(p.has("recurse"));
        assert_eq!(p.get("separator"), Some("/"));
        assert_eq!(p.blocking().unwrap(), Some((5, Duration::from_secs(10))));
        let e = p.u64("flags").unwrap_err().to_string();
        assert!(e.contains("\"flags\"") && e.contains("\"x\""), "{e}");
        assert!(
            Params::parse(Some("wait=forever&index=1"))
                .unwrap_err()
                .to_string()
                .contains("wait")
        );
        let p = Params::parse(Some("wait=1h&index=1")).unwrap();
        assert_eq!(p.blocking().unwrap(), Some((1, MAX_WAIT)));
        assert!(
            Params::parse(Some("stale&consistent"))
                .unwrap()
                .consistency()
                .is_err()
        );
        assert!(Params::parse(Some(&"a".repeat(MAX_QUERY_BYTES + 1))).is_err());
    }
}
