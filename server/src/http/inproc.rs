//! Requests an agent makes to its own HTTP API without a socket: anti-entropy's catalog writes,
//! alias checks' and the DNS mirror's catalog reads. They go through the same router as external
//! requests, so on a client agent they are forwarded to the servers like any other.

use axum::body::Body;
use http::{Method, Request};
use serde_json::Value;
use tower::ServiceExt;

/// Largest answer read (a big catalog view).
const MAX_RESPONSE: usize = 256 * 1024 * 1024;

/// Sends `method path` (with an optional JSON body) through `router`; returns the answer's
/// `X-Consul-Index` (0 when absent) and its JSON body, or an error naming the path and status.
pub async fn call(
    router: &axum::Router,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Result<(u64, Value), String> {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(match body {
            Some(b) => Body::from(b.to_string()),
            None => Body::empty(),
        })
        .map_err(|e| format!("{path}: {e}"))?;
    let Ok(resp) = router.clone().oneshot(req).await;
    let status = resp.status();
    let index = resp
        .headers()
        .get("x-consul-index")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let bytes = axum::body::to_bytes(resp.into_body(), MAX_RESPONSE)
        .await
        .map_err(|e| format!("{path}: {e}"))?;
    if !status.is_success() {
        return Err(format!(
            "{path}: {status}: {}",
            String::from_utf8_lossy(&bytes).trim()
        ));
    }
    let value = serde_json::from_slice(&bytes).map_err(|e| format!("{path}: {e}"))?;
    Ok((index, value))
}

/// Percent-encodes `s` for use as one path segment.
pub fn path_segment(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_escape_what_a_path_would_split_on() {
        assert_eq!(path_segment("web-1.a_b~"), "web-1.a_b~");
        assert_eq!(path_segment("a/b c?"), "a%2Fb%20c%3F");
    }
}
